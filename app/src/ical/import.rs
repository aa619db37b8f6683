//! Reading an .ics file (a holiday calendar, an outside meeting list) into
//! what Hearth stores: events in their own IANA zone, with their RRULE,
//! EXDATEs and RECURRENCE-ID overrides. Storing them is
//! [`crate::services::import`]'s business.
//!
//! Times keep their zone: `DTSTART;TZID=Europe/London` stays a London wall
//! clock time. A UTC time (`…Z`) or a floating one is read in the
//! facility's zone. TZIDs are matched to IANA names (also the
//! `/mozilla.org/…/Area/City` form and the common Windows names).

use crate::i18n::{Message, m};
use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;
use icalendar::DatePerhapsTime;
use icalendar::parser::{Component, Property, read_calendar, unfold};

use crate::domain::event::{DESCRIPTION_MAX, LOCATION_MAX, Schedule, TITLE_MAX};

/// The largest file accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most VEVENTs one import takes (a file with more is refused whole).
pub const MAX_EVENTS: usize = 5000;
/// The most physical lines a file may have.
pub const MAX_LINES: usize = 250_000;
/// How deep components may nest (VCALENDAR › VEVENT › VALARM is 3). The
/// parser reads nested components recursively; this keeps it far from the
/// end of its stack whatever a file says.
pub const MAX_DEPTH: usize = 8;
/// The most properties one component may have.
pub const MAX_PROPERTIES: usize = 5_000;
/// The longest content line, after unfolding.
pub const MAX_LINE_BYTES: usize = 256 * 1024;

/// One VEVENT series (or one-off) as read from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub uid: String,
    pub title: String,
    pub description: String,
    pub location: String,
    pub zone: Tz,
    pub schedule: Schedule,
    pub rrule: Option<String>,
    /// Local starts of skipped occurrences.
    pub exdates: Vec<NaiveDateTime>,
    pub cancelled: bool,
    pub overrides: Vec<Override>,
}

/// A RECURRENCE-ID VEVENT: one occurrence changed or cancelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// The occurrence's original local start, in the series' zone.
    pub original: NaiveDateTime,
    pub cancelled: bool,
    pub schedule: Schedule,
    pub title: String,
    pub description: String,
    pub location: String,
}

/// Something in the file that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    /// The event's title or UID (empty when it has neither).
    pub what: String,
    pub reason: Message,
}

/// Parses `text`; `zone` is the facility's, for UTC and floating times.
pub fn parse(text: &str, zone: Tz) -> Result<(Vec<Imported>, Vec<Skipped>), Message> {
    if text.len() > MAX_BYTES {
        return Err(m::ics_too_large(MAX_BYTES / 1024 / 1024));
    }
    let text = text.trim_start_matches('\u{feff}');
    if !text.trim_start().starts_with("BEGIN:VCALENDAR") {
        return Err(m::ics_not_icalendar());
    }
    let events = text.matches("BEGIN:VEVENT").count();
    if events > MAX_EVENTS {
        return Err(m::ics_too_many_events(events, MAX_EVENTS));
    }
    check_shape(text)?;
    if let Some((number, line)) = first_bad_line(text) {
        let shown: String = line.chars().take(80).collect();
        return Err(m::ics_bad_line(number, shown));
    }
    let unfolded = unfold(text);
    let calendar = read_calendar(&unfolded).map_err(|e| parse_error(text, &e))?;
    let mut skipped = Vec::new();
    let mut masters: BTreeMap<String, Imported> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut pending: Vec<(String, Component<'_>)> = Vec::new();
    for component in calendar.components {
        if component.name.as_str() != "VEVENT" {
            continue;
        }
        let uid = text_of(&component, "UID").unwrap_or_default();
        let what = text_of(&component, "SUMMARY")
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| uid.clone());
        if uid.trim().is_empty() {
            skipped.push(Skipped {
                what,
                reason: m::ics_no_uid(),
            });
            continue;
        }
        if component.find_prop("RECURRENCE-ID").is_some() {
            pending.push((what, component));
            continue;
        }
        match master(&component, &uid, zone) {
            Ok(event) => {
                if masters.insert(uid.clone(), event).is_some() {
                    skipped.push(Skipped {
                        what,
                        reason: m::ics_duplicate_uid(),
                    });
                } else {
                    order.push(uid);
                }
            }
            Err(reason) => skipped.push(Skipped { what, reason }),
        }
    }
    for (what, component) in pending {
        let uid = text_of(&component, "UID").unwrap_or_default();
        let Some(series) = masters.get_mut(&uid) else {
            skipped.push(Skipped {
                what,
                reason: m::ics_orphan_override(),
            });
            continue;
        };
        match override_of(&component, series, zone) {
            Ok(change) => series.overrides.push(change),
            Err(reason) => skipped.push(Skipped { what, reason }),
        }
    }
    let events = order
        .into_iter()
        .filter_map(|uid| masters.remove(&uid))
        .collect();
    Ok((events, skipped))
}

/// Checks what the parser would otherwise have to survive — the number of
/// lines, how deep components nest, that each BEGIN has its END, the
/// number of properties per component and the length of a content line —
/// in one pass over the text, without recursion.
fn check_shape(text: &str) -> Result<(), Message> {
    let mut open: Vec<(&str, usize)> = Vec::new();
    let mut logical_len = 0usize;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if number > MAX_LINES {
            return Err(m::ics_too_many_lines(MAX_LINES));
        }
        let line = line.trim_end_matches('\r');
        if line.starts_with(' ') || line.starts_with('\t') {
            logical_len += line.len();
            if logical_len > MAX_LINE_BYTES {
                return Err(m::ics_line_too_long(number, MAX_LINE_BYTES / 1024));
            }
            continue;
        }
        logical_len = line.len();
        if logical_len > MAX_LINE_BYTES {
            return Err(m::ics_line_too_long(number, MAX_LINE_BYTES / 1024));
        }
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        let name = name.split(';').next().unwrap_or(name);
        if name.eq_ignore_ascii_case("BEGIN") {
            if open.len() >= MAX_DEPTH {
                return Err(m::ics_too_deep(number, MAX_DEPTH));
            }
            open.push((value.trim(), 0));
        } else if name.eq_ignore_ascii_case("END") {
            match open.pop() {
                Some((begun, _)) if begun.eq_ignore_ascii_case(value.trim()) => {}
                Some((begun, _)) => {
                    return Err(m::ics_end_mismatch(number, value.trim(), begun));
                }
                None => return Err(m::ics_end_without_begin(number, value.trim())),
            }
        } else if let Some((_, properties)) = open.last_mut() {
            *properties += 1;
            if *properties > MAX_PROPERTIES {
                return Err(m::ics_too_many_properties(number, MAX_PROPERTIES));
            }
        }
    }
    match open.last() {
        Some((begun, _)) => Err(m::ics_not_ended(*begun)),
        None => Ok(()),
    }
}

/// The first physical line that cannot be a content line: not a
/// continuation, and without a `:` after a name (blank lines included).
fn first_bad_line(text: &str) -> Option<(usize, &str)> {
    text.lines().enumerate().find_map(|(index, line)| {
        let line = line.trim_end_matches('\r');
        if line.starts_with(' ') || line.starts_with('\t') {
            return None;
        }
        let name_end = line.find([':', ';']).unwrap_or(line.len());
        let name = &line[..name_end];
        let is_name =
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        let has_value = line.contains(':');
        (!(is_name && has_value)).then_some((index + 1, line))
    })
}

/// The parser's error as a person can act on it: the line of the file
/// (counting physical lines, as an editor does) and what is on it.
fn parse_error(text: &str, message: &str) -> Message {
    // The parser counts lines of the unfolded text: "0: at line 6, in …".
    let unfolded_line = message
        .split("at line ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse::<usize>().ok());
    let Some(unfolded_line) = unfolded_line else {
        return m::ics_unreadable();
    };
    // Map it back to the file's own line numbers (continuation lines start
    // with a space or a tab).
    let mut logical = 0;
    for (index, line) in text.lines().enumerate() {
        if !(line.starts_with(' ') || line.starts_with('\t')) {
            logical += 1;
        }
        if logical == unfolded_line {
            let shown: String = line.trim_end().chars().take(80).collect();
            return m::ics_unreadable_line(index + 1, shown);
        }
    }
    m::ics_unreadable_near(unfolded_line)
}

fn text_of(component: &Component<'_>, name: &str) -> Option<String> {
    component
        .find_prop(name)
        .map(|p| p.val.clone().unescape_text().as_str().trim().to_owned())
}

/// Text cut to `max` characters (imports are not refused for long text).
fn cut(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        text
    } else {
        let mut out: String = text.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}

/// An IANA zone for a TZID as calendar programs write them.
pub fn zone_for_tzid(tzid: &str) -> Option<Tz> {
    let tzid = tzid.trim().trim_matches('"');
    if let Ok(zone) = tzid.parse::<Tz>() {
        return Some(zone);
    }
    // "/mozilla.org/20050126_1/America/New_York", "/citadel.org/…/Europe/Paris"
    let parts: Vec<&str> = tzid.split('/').filter(|p| !p.is_empty()).collect();
    for start in 0..parts.len() {
        if let Ok(zone) = parts[start..].join("/").parse::<Tz>() {
            return Some(zone);
        }
    }
    let windows = [
        ("Eastern Standard Time", "America/New_York"),
        ("Central Standard Time", "America/Chicago"),
        ("Mountain Standard Time", "America/Denver"),
        ("US Mountain Standard Time", "America/Phoenix"),
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("Alaskan Standard Time", "America/Anchorage"),
        ("Hawaiian Standard Time", "Pacific/Honolulu"),
        ("Atlantic Standard Time", "America/Halifax"),
        ("GMT Standard Time", "Europe/London"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Romance Standard Time", "Europe/Paris"),
        ("Central Europe Standard Time", "Europe/Budapest"),
        ("AUS Eastern Standard Time", "Australia/Sydney"),
        ("UTC", "UTC"),
    ];
    windows
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(tzid))
        .and_then(|(_, iana)| iana.parse().ok())
}

/// A date or date-time, as (zone, local) or a date.
#[derive(Debug, Clone, Copy)]
enum When {
    Date(NaiveDate),
    Local(Tz, NaiveDateTime),
}

fn when(component: &Component<'_>, name: &str, zone: Tz) -> Result<Option<When>, Message> {
    let Some(property) = component.find_prop(name) else {
        return Ok(None);
    };
    read_when(property, zone).map(Some)
}

fn read_when(property: &Property<'_>, zone: Tz) -> Result<When, Message> {
    let name = property.name.as_str().to_owned();
    match DatePerhapsTime::try_from(property) {
        Ok(DatePerhapsTime::Date(date)) => Ok(When::Date(date)),
        Ok(DatePerhapsTime::DateTime(dt)) => match dt {
            icalendar::CalendarDateTime::Floating(local) => Ok(When::Local(zone, local)),
            icalendar::CalendarDateTime::Utc(utc) => {
                Ok(When::Local(zone, utc.with_timezone(&zone).naive_local()))
            }
            icalendar::CalendarDateTime::WithTimezone { date_time, tzid } => {
                match zone_for_tzid(&tzid) {
                    Some(found) => Ok(When::Local(found, date_time)),
                    None => Err(m::ics_zone_unknown(name, tzid.to_string())),
                }
            }
        },
        Err(_) => Err(m::ics_not_a_date(name, property.val.as_str())),
    }
}

/// `local` in `from` as a wall-clock time in `to`.
fn convert(from: Tz, local: NaiveDateTime, to: Tz) -> NaiveDateTime {
    crate::domain::recurrence::place_occurrence(from, local)
        .with_timezone(&to)
        .naive_local()
}

/// A simple RFC 5545 duration: `P1D`, `PT1H30M`, `P1W`; `None` for
/// anything else, and for anything longer than a year (no event Hearth
/// keeps lasts that long, and larger numbers would overflow).
fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.trim_start_matches('+')),
    };
    let rest = rest.strip_prefix('P')?;
    let mut total = Duration::zero();
    let mut number = String::new();
    let mut in_time = false;
    for c in rest.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' => number.push(c),
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                let part = match (unit, in_time) {
                    ('W', false) => Duration::try_weeks(n),
                    ('D', false) => Duration::try_days(n),
                    ('H', true) => Duration::try_hours(n),
                    ('M', true) => Duration::try_minutes(n),
                    ('S', true) => Duration::try_seconds(n),
                    _ => None,
                }?;
                total = total.checked_add(&part)?;
                if total > Duration::days(366) {
                    return None;
                }
            }
        }
    }
    (number.is_empty()).then_some(if negative { -total } else { total })
}

/// The schedule from DTSTART and DTEND (or DURATION), in the start's zone.
fn schedule_of(component: &Component<'_>, zone: Tz) -> Result<(Tz, Schedule), Message> {
    let start = when(component, "DTSTART", zone)?.ok_or_else(m::ics_no_start)?;
    let end = when(component, "DTEND", zone)?;
    let duration = component
        .find_prop("DURATION")
        .map(|p| parse_duration(p.val.as_str()).ok_or_else(|| m::ics_bad_duration(p.val.as_str())))
        .transpose()?;
    match start {
        When::Date(first_day) => {
            let exclusive = match (end, duration) {
                (Some(When::Date(end)), _) => end,
                (Some(When::Local(_, end)), _) => end.date() + Duration::days(1),
                (None, Some(d)) => first_day + Duration::days(d.num_days().max(1)),
                (None, None) => first_day + Duration::days(1),
            };
            let last_day = (exclusive - Duration::days(1)).max(first_day);
            Ok((
                zone,
                Schedule::AllDay {
                    first_day,
                    last_day,
                },
            ))
        }
        When::Local(start_zone, start) => {
            let end = match (end, duration) {
                (Some(When::Local(end_zone, end)), _) => convert(end_zone, end, start_zone),
                (Some(When::Date(end)), _) => end.and_time(NaiveTime::MIN),
                (None, Some(d)) => start + d,
                // No end: RFC 5545 makes it an instant; Hearth gives it an hour.
                (None, None) => start + Duration::hours(1),
            };
            let end = if end <= start {
                start + Duration::hours(1)
            } else {
                end
            };
            Ok((start_zone, Schedule::Timed { start, end }))
        }
    }
}

fn master(component: &Component<'_>, uid: &str, zone: Tz) -> Result<Imported, Message> {
    let (event_zone, schedule) = schedule_of(component, zone)?;
    let title = text_of(component, "SUMMARY")
        .filter(|t| !t.is_empty())
        .ok_or_else(m::ics_no_title)?;
    let rrules: Vec<&Property<'_>> = component
        .properties
        .iter()
        .filter(|p| p.name.as_str() == "RRULE")
        .collect();
    if rrules.len() > 1 {
        return Err(m::ics_several_rrules());
    }
    if component.find_prop("RDATE").is_some() {
        return Err(m::ics_rdate());
    }
    let mut exdates = Vec::new();
    for property in component
        .properties
        .iter()
        .filter(|p| p.name.as_str() == "EXDATE")
    {
        for value in property.val.as_str().split(',') {
            let single = Property {
                name: property.name.clone(),
                val: value.trim().to_owned().into(),
                params: property.params.clone(),
            };
            match read_when(&single, zone)? {
                When::Date(date) => exdates.push(date.and_time(NaiveTime::MIN)),
                When::Local(from, local) => exdates.push(match schedule {
                    Schedule::AllDay { .. } => local.date().and_time(NaiveTime::MIN),
                    Schedule::Timed { .. } => convert(from, local, event_zone),
                }),
            }
        }
    }
    let status = text_of(component, "STATUS").unwrap_or_default();
    Ok(Imported {
        uid: cut(uid.trim().to_owned(), 500),
        title: cut(title, TITLE_MAX),
        description: cut(
            text_of(component, "DESCRIPTION").unwrap_or_default(),
            DESCRIPTION_MAX,
        ),
        location: cut(
            text_of(component, "LOCATION").unwrap_or_default(),
            LOCATION_MAX,
        ),
        zone: event_zone,
        schedule,
        rrule: rrules.first().map(|p| p.val.as_str().trim().to_owned()),
        exdates,
        cancelled: status.eq_ignore_ascii_case("CANCELLED"),
        overrides: Vec::new(),
    })
}

fn override_of(
    component: &Component<'_>,
    series: &Imported,
    zone: Tz,
) -> Result<Override, Message> {
    let original = match when(component, "RECURRENCE-ID", zone)? {
        Some(When::Date(date)) => date.and_time(NaiveTime::MIN),
        Some(When::Local(from, local)) => match series.schedule {
            Schedule::AllDay { .. } => local.date().and_time(NaiveTime::MIN),
            Schedule::Timed { .. } => convert(from, local, series.zone),
        },
        None => return Err(m::ics_no_recurrence_id()),
    };
    let (own_zone, schedule) = schedule_of(component, zone)?;
    let schedule = match (schedule, series.schedule) {
        (Schedule::Timed { start, end }, Schedule::Timed { .. }) => Schedule::Timed {
            start: convert(own_zone, start, series.zone),
            end: convert(own_zone, end, series.zone),
        },
        (all_day @ Schedule::AllDay { .. }, Schedule::AllDay { .. }) => all_day,
        _ => return Err(m::ics_override_switches_all_day()),
    };
    let status = text_of(component, "STATUS").unwrap_or_default();
    Ok(Override {
        original,
        cancelled: status.eq_ignore_ascii_case("CANCELLED"),
        schedule,
        title: cut(
            text_of(component, "SUMMARY").unwrap_or_else(|| series.title.clone()),
            TITLE_MAX,
        ),
        description: cut(
            text_of(component, "DESCRIPTION").unwrap_or_else(|| series.description.clone()),
            DESCRIPTION_MAX,
        ),
        location: cut(
            text_of(component, "LOCATION").unwrap_or_else(|| series.location.clone()),
            LOCATION_MAX,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;

    const FILE: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n\
BEGIN:VEVENT\r\nUID:a@x\r\nDTSTART;TZID=Europe/London:20270105T190000\r\nDTEND;TZID=Europe/London:20270105T203000\r\n\
RRULE:FREQ=WEEKLY;BYDAY=TU\r\nEXDATE;TZID=Europe/London:20270112T190000,20270119T190000\r\nSUMMARY:Quiz\\, night\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:a@x\r\nRECURRENCE-ID;TZID=Europe/London:20270126T190000\r\nDTSTART;TZID=Europe/London:20270127T180000\r\n\
DTEND;TZID=Europe/London:20270127T190000\r\nSUMMARY:Quiz (moved)\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:b@x\r\nDTSTART;VALUE=DATE:20271225\r\nDTEND;VALUE=DATE:20271226\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nDTSTART:20270101T100000Z\r\nSUMMARY:No uid\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:c@x\r\nDTSTART;TZID=Mars/Olympus:20270101T100000\r\nSUMMARY:Elsewhere\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

    #[test]
    fn series_exceptions_and_zones_are_kept() {
        let (events, skipped) = parse(FILE, New_York).unwrap();
        assert_eq!(events.len(), 2);
        let quiz = &events[0];
        assert_eq!(quiz.title, "Quiz, night");
        assert_eq!(quiz.zone, chrono_tz::Europe::London);
        assert_eq!(quiz.rrule.as_deref(), Some("FREQ=WEEKLY;BYDAY=TU"));
        assert_eq!(quiz.exdates.len(), 2);
        assert_eq!(quiz.overrides.len(), 1);
        assert_eq!(quiz.overrides[0].title, "Quiz (moved)");
        let christmas = &events[1];
        assert!(
            matches!(christmas.schedule, Schedule::AllDay { first_day, last_day } if first_day == last_day)
        );
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert!(skipped[0].reason.to_string().contains("no UID"));
        assert!(skipped[1].reason.to_string().contains("Mars/Olympus"));
    }

    #[test]
    fn tzids_in_the_wild_map_to_iana() {
        assert_eq!(
            zone_for_tzid("/mozilla.org/20050126_1/America/New_York"),
            Some(New_York)
        );
        assert_eq!(zone_for_tzid("Eastern Standard Time"), Some(New_York));
        assert_eq!(zone_for_tzid("Nowhere"), None);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(parse_duration("P1D"), Some(Duration::days(1)));
        assert_eq!(parse_duration("P1H"), None);
        // Found by the fuzzer: this once panicked inside chrono.
        assert_eq!(parse_duration("P33333333333333333D"), None);
        assert_eq!(parse_duration("PT99999999999999S"), None);
        assert_eq!(parse_duration("P400D"), None);
    }

    /// A file of 100,000 nested components once overflowed the parser's
    /// stack and took the whole process down; it is refused before the
    /// parser sees it.
    #[test]
    fn deep_nesting_and_unbalanced_components_are_refused_before_parsing() {
        let mut deep = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
        for _ in 0..100_000 {
            deep.push_str("BEGIN:X\r\n");
        }
        let message = parse(&deep, New_York).unwrap_err();
        assert_eq!(message.id, crate::i18n::MsgId::IcsTooDeep, "{message}");
        assert!(message.to_string().contains("line 10 "), "{message}");

        let unbalanced =
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
        assert_eq!(
            parse(unbalanced, New_York).unwrap_err().id,
            crate::i18n::MsgId::IcsEndMismatch
        );
        let unended = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n";
        assert_eq!(
            parse(unended, New_York).unwrap_err().id,
            crate::i18n::MsgId::IcsNotEnded
        );
        let mut crowded = String::from("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n");
        for i in 0..=MAX_PROPERTIES {
            crowded.push_str(&format!("X-P{i}:v\r\n"));
        }
        crowded.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
        assert_eq!(
            parse(&crowded, New_York).unwrap_err().id,
            crate::i18n::MsgId::IcsTooManyProperties
        );
        let long = format!(
            "BEGIN:VCALENDAR\r\nX-LONG:{}\r\nEND:VCALENDAR\r\n",
            "a".repeat(MAX_LINE_BYTES + 1)
        );
        assert_eq!(
            parse(&long, New_York).unwrap_err().id,
            crate::i18n::MsgId::IcsLineTooLong
        );
    }

    #[test]
    fn not_a_calendar_is_refused() {
        assert!(parse("hello", New_York).is_err());
    }

    #[test]
    fn a_line_that_is_not_a_property_is_named() {
        let broken = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n\
                      this line is broken\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let message = parse(broken, New_York).unwrap_err();
        assert!(
            message
                .to_string()
                .contains("line 5 (\"this line is broken\")"),
            "{message}"
        );
    }

    #[test]
    fn a_broken_file_is_refused_naming_the_line() {
        let broken = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n\
                      DTSTART:20270101T100000Z\r\nEND:VCALENDAR\r\n";
        let message = parse(broken, New_York).unwrap_err();
        assert!(message.to_string().contains("line "), "{message}");
    }

    #[test]
    fn too_many_events_are_refused_whole() {
        let mut file = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
        for i in 0..=MAX_EVENTS {
            file.push_str(&format!(
                "BEGIN:VEVENT\r\nUID:{i}\r\nDTSTART:20270101T100000Z\r\nSUMMARY:E\r\nEND:VEVENT\r\n"
            ));
        }
        file.push_str("END:VCALENDAR\r\n");
        let message = parse(&file, New_York).unwrap_err();
        assert!(message.to_string().contains("at most 5000"), "{message}");
    }
}
