//! Turning Hearth's events into VCALENDAR feeds.
//!
//! A series is one master VEVENT (DTSTART with TZID, RRULE, EXDATE for
//! skipped occurrences) plus one override VEVENT per changed or cancelled
//! occurrence (same UID, RECURRENCE-ID = the original start written like
//! DTSTART). A personal feed lists single occurrences (the ones a person
//! RSVP'd to), each as its own VEVENT with its own UID. Which events go in
//! which feed is the services' business; this module only writes them.
//!
//! Output is deterministic: DTSTAMP is the event's last change, properties
//! and EXDATEs are sorted, VTIMEZONEs come in name order.

use crate::i18n::{Lang, Tr};
use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Timelike, Utc};
use chrono_tz::Tz;
use icalendar::{
    Alarm, CalendarDateTime, Class, Component, DatePerhapsTime, EventLike,
    EventStatus as IcalStatus, Property, Trigger,
};

use super::vtimezone::vtimezone_lines;
use super::write::write_calendar;
use crate::domain::event::{Event, EventKind, EventStatus, Schedule};
use crate::domain::occurrence::original;
use crate::domain::occurrence::{ChangeKind, Occurrence, OccurrenceChange, OccurrenceKey};
use crate::domain::recurrence::{End, end_of_day};

/// How long cancelled events and occurrences stay in feeds, and how far
/// back past events are kept.
pub const KEEP_PAST_DAYS: i64 = 30;

/// The calendar as a whole.
#[derive(Debug, Clone)]
pub struct Header {
    /// X-WR-CALNAME and NAME.
    pub name: String,
    pub description: Option<String>,
    /// How often clients should poll (REFRESH-INTERVAL, X-PUBLISHED-TTL).
    pub refresh: Duration,
}

/// How the events are written for this reader.
#[derive(Debug, Clone, Default)]
pub struct Style {
    /// Neutral titles by kind; no place, description or link.
    pub discreet: bool,
    /// A reminder this many minutes before each event.
    pub alarm_minutes: Option<u32>,
    /// The language of the words the feed adds (neutral titles, "Waitlisted",
    /// the reminder, categories).
    pub lang: Lang,
}

/// Where UIDs and links point.
#[derive(Debug, Clone)]
pub struct Site {
    /// The public base URL, without trailing slash.
    pub url: String,
}

impl Site {
    /// The host UIDs end in: `event-12@hearth.example.org`.
    pub fn uid_domain(&self) -> &str {
        let rest = self
            .url
            .split_once("://")
            .map_or(self.url.as_str(), |(_, rest)| rest);
        let host = rest.split('/').next().unwrap_or(rest);
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        match host.rsplit_once(':') {
            Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
            _ => host,
        }
    }
}

/// One thing to put in a feed.
#[derive(Debug, Clone)]
pub enum Entry<'a> {
    /// An event with all its occurrences (a series' master and overrides).
    Series {
        event: &'a Event,
        changes: &'a [OccurrenceChange],
    },
    /// One occurrence on its own (a personal feed's RSVP).
    Occurrence {
        event: &'a Event,
        occurrence: Occurrence,
        /// The change to this occurrence, if any (for SEQUENCE).
        change: Option<&'a OccurrenceChange>,
        waitlisted: bool,
        /// When the person's RSVP last changed.
        rsvp_updated_at: DateTime<Utc>,
    },
}

/// The UID of an event in every feed and download.
pub fn event_uid(site: &Site, event: &Event) -> String {
    format!("event-{}@{}", event.id, site.uid_domain())
}

/// The UID of one occurrence written on its own (personal feeds).
pub fn occurrence_uid(site: &Site, event: &Event, key: OccurrenceKey) -> String {
    format!("event-{}-{}@{}", event.id, key, site.uid_domain())
}

/// The neutral title discreet mode shows instead of the event's own.
pub fn discreet_title(kind: EventKind, local_start_hour: u32, lang: Lang) -> &'static str {
    let t = Tr::new(lang);
    match kind {
        EventKind::TwelveStep if local_start_hour >= 17 => t.feed_discreet_evening_group(),
        EventKind::TwelveStep => t.feed_discreet_group(),
        EventKind::Outing => t.feed_discreet_outing(),
        _ => t.feed_discreet_gathering(),
    }
}

/// Writes the whole calendar.
pub fn render(
    header: &Header,
    site: &Site,
    style: &Style,
    entries: &[Entry<'_>],
    now: DateTime<Utc>,
) -> String {
    let cutoff = now - Duration::days(KEEP_PAST_DAYS);
    let mut events = Vec::new();
    // Per zone, the earliest and latest instant written in it.
    let mut zones: BTreeMap<String, (DateTime<Utc>, DateTime<Utc>)> = BTreeMap::new();
    let mut note_zone = |event: &Event, from: DateTime<Utc>, to: DateTime<Utc>| {
        if event.schedule.is_all_day() {
            return;
        }
        let span = zones.entry(event.timezone.clone()).or_insert((from, to));
        span.0 = span.0.min(from);
        span.1 = span.1.max(to);
    };
    for entry in entries {
        match entry {
            Entry::Series { event, changes } => {
                let to = event
                    .series_ends_at
                    .unwrap_or(event.ends_at)
                    .max(now + Duration::days(400));
                note_zone(event, event.starts_at, to);
                series(&mut events, site, style, event, changes, cutoff);
            }
            Entry::Occurrence {
                event,
                occurrence,
                change,
                waitlisted,
                rsvp_updated_at,
            } => {
                note_zone(event, occurrence.starts_at, occurrence.ends_at);
                events.push(single(
                    site,
                    style,
                    event,
                    occurrence,
                    *change,
                    *waitlisted,
                    *rsvp_updated_at,
                ));
            }
        }
    }
    let timezones: Vec<Vec<String>> = zones
        .into_iter()
        .filter_map(|(name, (from, to))| {
            let zone: Tz = name.parse().ok()?;
            Some(vtimezone_lines(zone, from, to))
        })
        .collect();
    write_calendar(&calendar_properties(header), &timezones, &events)
}

fn calendar_properties(header: &Header) -> Vec<Property> {
    let refresh = duration_value(header.refresh);
    let mut properties = vec![
        Property::new("VERSION", "2.0"),
        Property::new("PRODID", "-//Hearth//Hearth recreation calendar//EN"),
        Property::new("CALSCALE", "GREGORIAN"),
        Property::new("METHOD", "PUBLISH"),
        Property::new("NAME", header.name.as_str()),
        Property::new("X-WR-CALNAME", header.name.as_str()),
    ];
    if let Some(description) = &header.description {
        properties.push(Property::new("DESCRIPTION", description.as_str()));
        properties.push(Property::new("X-WR-CALDESC", description.as_str()));
    }
    properties.push(
        Property::new("REFRESH-INTERVAL", refresh.as_str())
            .add_parameter("VALUE", "DURATION")
            .done(),
    );
    properties.push(Property::new("X-PUBLISHED-TTL", refresh.as_str()));
    properties
}

/// An RFC 5545 duration such as `PT4H` or `-PT30M` (whole minutes).
fn duration_value(duration: Duration) -> String {
    let sign = if duration < Duration::zero() { "-" } else { "" };
    let minutes = duration.num_minutes().abs();
    let (days, hours, minutes) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    let mut out = format!("{sign}P");
    if days > 0 {
        out.push_str(&format!("{days}D"));
    }
    if hours > 0 || minutes > 0 || days == 0 {
        out.push('T');
        if hours > 0 {
            out.push_str(&format!("{hours}H"));
        }
        if minutes > 0 || hours == 0 {
            out.push_str(&format!("{minutes}M"));
        }
    }
    out
}

/// DTSTART/DTEND/RECURRENCE-ID/EXDATE value for a local time in the
/// event's zone, or a date for all-day events.
fn when(event: &Event, local: chrono::NaiveDateTime) -> DatePerhapsTime {
    if event.schedule.is_all_day() {
        DatePerhapsTime::Date(local.date())
    } else {
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone {
            date_time: local,
            tzid: event.timezone.clone(),
        })
    }
}

fn exdate(event: &Event, local: chrono::NaiveDateTime) -> Property {
    if event.schedule.is_all_day() {
        Property::new("EXDATE", local.date().format("%Y%m%d").to_string())
            .add_parameter("VALUE", "DATE")
            .done()
    } else {
        Property::new("EXDATE", local.format("%Y%m%dT%H%M%S").to_string())
            .add_parameter("TZID", &event.timezone)
            .done()
    }
}

fn zone_of(event: &Event) -> Tz {
    event.timezone.parse().unwrap_or(Tz::UTC)
}

struct Content<'a> {
    title: &'a str,
    description: &'a str,
    location: &'a str,
    schedule: Schedule,
    status: EventStatus,
}

/// The properties every VEVENT of an event shares.
fn fill(
    vevent: &mut icalendar::Event,
    site: &Site,
    style: &Style,
    event: &Event,
    content: &Content<'_>,
    stamp: DateTime<Utc>,
    sequence: i64,
) {
    let start = content.schedule.local_start();
    let end = content.schedule.local_end();
    vevent
        .timestamp(stamp)
        .starts(when(event, start))
        .ends(when(event, end))
        .sequence(u32::try_from(sequence.max(0)).unwrap_or(u32::MAX))
        .class(Class::Private)
        .created(event.created_at)
        .last_modified(stamp)
        .status(match content.status {
            EventStatus::Scheduled => IcalStatus::Confirmed,
            EventStatus::Cancelled => IcalStatus::Cancelled,
        });
    if style.discreet {
        let hour = match content.schedule {
            Schedule::Timed { start, .. } => start.hour(),
            Schedule::AllDay { .. } => 12,
        };
        vevent.summary(discreet_title(event.kind, hour, style.lang));
    } else {
        vevent.summary(content.title);
        if !content.description.trim().is_empty() {
            vevent.description(content.description);
        }
        if !content.location.trim().is_empty() {
            vevent.location(content.location);
        }
        vevent.url(&format!("{}/events/{}", site.url, event.id));
        vevent.add_property("CATEGORIES", Tr::new(style.lang).kind(event.kind).as_str());
    }
    if content.schedule.is_all_day() {
        vevent.add_property("TRANSP", "TRANSPARENT");
    }
    if let Some(minutes) = style.alarm_minutes
        && content.status == EventStatus::Scheduled
    {
        let mut alarm = Alarm::display(
            Tr::new(style.lang).feed_reminder(),
            Trigger::before_start(Duration::minutes(i64::from(minutes))),
        );
        // A plain duration ("-PT30M"), the form every client reads.
        alarm.add_property(
            "TRIGGER",
            duration_value(-Duration::minutes(i64::from(minutes))),
        );
        vevent.alarm(alarm);
    }
}

/// A series' master and overrides (or a one-off event).
fn series(
    out: &mut Vec<icalendar::Event>,
    site: &Site,
    style: &Style,
    event: &Event,
    changes: &[OccurrenceChange],
    cutoff: DateTime<Utc>,
) {
    let uid = event_uid(site, event);
    let zone = zone_of(event);
    let mut master = icalendar::Event::new();
    master.uid(&uid);
    fill(
        &mut master,
        site,
        style,
        event,
        &Content {
            title: &event.title,
            description: &event.description,
            location: &event.location,
            schedule: event.schedule,
            status: event.status,
        },
        event.updated_at,
        event.sequence,
    );
    let Some(rule) = &event.rule else {
        out.push(master);
        return;
    };
    let until = match rule.end {
        End::Until(date) if !event.schedule.is_all_day() => Some(end_of_day(zone, date)),
        _ => None,
    };
    master.add_property("RRULE", rule.to_rrule(until));
    let mut overrides = Vec::new();
    for change in changes {
        // Changes to keys the series no longer has are not written (an
        // override without a matching occurrence confuses clients).
        let Some((schedule, starts_at, _)) = original(event, change.key) else {
            continue;
        };
        let original_local = schedule.local_start();
        let moved_start = change.moved.map_or(starts_at, |m| m.starts_at);
        let long_past = starts_at < cutoff && moved_start < cutoff;
        let drop = match change.kind {
            ChangeKind::Skipped => true,
            // Cancelled ones show as cancelled for a while, then go.
            ChangeKind::Cancelled => long_past || change.updated_at < cutoff,
            ChangeKind::Changed => long_past,
        };
        if drop {
            master.append_multi_property(exdate(event, original_local));
            continue;
        }
        let stamp = event.updated_at.max(change.updated_at);
        let mut vevent = icalendar::Event::new();
        vevent.uid(&uid).recurrence_id(when(event, original_local));
        let moved_schedule = change.moved.map_or(schedule, |m| m.schedule);
        fill(
            &mut vevent,
            site,
            style,
            event,
            &Content {
                title: change.title.as_deref().unwrap_or(&event.title),
                description: change.description.as_deref().unwrap_or(&event.description),
                location: change.location.as_deref().unwrap_or(&event.location),
                schedule: moved_schedule,
                status: if change.kind == ChangeKind::Cancelled {
                    EventStatus::Cancelled
                } else {
                    event.status
                },
            },
            stamp,
            event.sequence + change.sequence + 1,
        );
        overrides.push(vevent);
    }
    out.push(master);
    out.extend(overrides);
}

/// One occurrence as a VEVENT of its own.
fn single(
    site: &Site,
    style: &Style,
    event: &Event,
    occurrence: &Occurrence,
    change: Option<&OccurrenceChange>,
    waitlisted: bool,
    rsvp_updated_at: DateTime<Utc>,
) -> icalendar::Event {
    let stamp = event
        .updated_at
        .max(change.map_or(event.updated_at, |c| c.updated_at))
        .max(rsvp_updated_at);
    let title = if waitlisted {
        Tr::new(style.lang).feed_waitlisted(&occurrence.title)
    } else {
        occurrence.title.clone()
    };
    let mut vevent = icalendar::Event::new();
    vevent.uid(&occurrence_uid(site, event, occurrence.key));
    fill(
        &mut vevent,
        site,
        style,
        event,
        &Content {
            title: &title,
            description: &occurrence.description,
            location: &occurrence.location,
            schedule: occurrence.schedule,
            status: occurrence.status,
        },
        stamp,
        event.sequence + change.map_or(0, |c| c.sequence + 1),
    );
    if waitlisted && !occurrence.is_cancelled() {
        vevent.status(IcalStatus::Tentative);
        if style.discreet {
            // Keep the neutral title, but say it is not a seat yet.
            let t = Tr::new(style.lang);
            let neutral = vevent
                .get_summary()
                .unwrap_or(t.feed_discreet_gathering())
                .to_owned();
            vevent.summary(&t.feed_waitlisted(neutral));
        }
    }
    vevent
}
