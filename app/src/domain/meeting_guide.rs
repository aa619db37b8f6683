//! Reading a Meeting Guide JSON feed (<https://github.com/code4recovery/spec>):
//! an array of weekly meetings, each with a `slug`, `day` (0–6, Sunday = 0,
//! or an array of them), `time` and `end_time` ("HH:MM"), an optional IANA
//! `timezone`, type codes, and where it meets.
//!
//! Every entry is checked here, without IO: what can be imported becomes a
//! [`GuideMeeting`], what cannot is a [`Problem`] naming the entry's index
//! and slug. Online-only and inactive meetings are left out with their
//! reason (nobody needs the van for them). Several days make one weekly
//! series on all of them.

use crate::i18n::{Lang, Message, m};
use chrono::{Duration, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::event::{
    DESCRIPTION_MAX, EventDraft, EventKind, Fellowship, LOCATION_MAX, Schedule, TITLE_MAX,
    TwelveStep, Venue, is_meeting_type,
};
use super::recurrence::{End, Pattern, Rule};

/// The most meetings one file may hold.
pub const MAX_MEETINGS: usize = 10_000;
/// The largest feed read.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The longest slug kept (the spec asks for 64 at most).
pub const SLUG_MAX: usize = 100;

/// A meeting ready to become a weekly series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideMeeting {
    /// Position in the file (0-based).
    pub index: usize,
    pub slug: String,
    pub name: String,
    /// Monday first, no repeats.
    pub days: Vec<Weekday>,
    pub start: NaiveTime,
    /// How long it lasts (from `end_time`, else one hour).
    pub length: Duration,
    /// The meeting's zone, or the facility's when the feed gives none.
    pub zone: Tz,
    /// Codes Hearth knows, in its canonical order.
    pub types: Vec<String>,
    /// Codes Hearth does not know (reported, not fatal).
    pub unknown_types: Vec<String>,
    /// Location name and address, as the van driver needs it.
    pub location: String,
    pub description: String,
}

/// An entry that was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Position in the file (0-based).
    pub index: usize,
    pub slug: Option<String>,
    pub reason: Message,
}

impl Problem {
    /// "#12 (sunday-serenity)" — how an entry is named in reports.
    pub fn what(&self) -> String {
        match &self.slug {
            Some(slug) => format!("#{} ({slug})", self.index),
            None => format!("#{}", self.index),
        }
    }
}

/// A whole file, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub meetings: Vec<GuideMeeting>,
    pub skipped: Vec<Problem>,
}

/// Reads a feed. `default_zone` is the facility's, for meetings without a
/// `timezone`. An error means the file as a whole is not a Meeting Guide
/// feed (not JSON, not an array, too many entries, too large). JSON nested
/// deeper than serde_json's limit of 128 is refused as not valid.
pub fn parse(text: &str, default_zone: Tz, lang: Lang) -> Result<Parsed, Message> {
    if text.len() > MAX_BYTES {
        return Err(m::guide_too_large(MAX_BYTES / 1024 / 1024));
    }
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| m::guide_not_json(e.line(), e.column()))?;
    let Value::Array(entries) = value else {
        return Err(m::guide_not_a_list());
    };
    if entries.len() > MAX_MEETINGS {
        return Err(m::guide_too_many(entries.len(), MAX_MEETINGS));
    }
    let mut parsed = Parsed::default();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        let slug = entry.get("slug").and_then(slug_of);
        let problem = |reason: Message| Problem {
            index,
            slug: slug.clone(),
            reason,
        };
        let Value::Object(map) = entry else {
            parsed.skipped.push(problem(m::guide_entry_not_object()));
            continue;
        };
        match read(index, map, default_zone, lang) {
            Ok(meeting) => {
                if let Some(first) = seen.get(&meeting.slug) {
                    parsed.skipped.push(problem(m::guide_slug_twice(*first)));
                } else {
                    seen.insert(meeting.slug.clone(), index);
                    parsed.meetings.push(meeting);
                }
            }
            Err(reason) => {
                // A skipped entry still claims its slug, so a later copy is
                // reported as a duplicate rather than quietly imported.
                if let Some(slug) = &slug {
                    seen.entry(slug.clone()).or_insert(index);
                }
                parsed.skipped.push(problem(reason));
            }
        }
    }
    Ok(parsed)
}

/// A slug as text: a string, or an integer id (the spec allows both).
fn slug_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) if n.is_u64() || n.is_i64() => Some(n.to_string()),
        _ => None,
    }
}

/// An optional text field: absent or `null` is empty, anything but a
/// string is refused.
fn text(map: &Map<String, Value>, field: &str) -> Result<String, Message> {
    match map.get(field) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.trim().to_owned()),
        Some(other) => Err(m::guide_field_not_text(field, json_type(other))),
    }
}

/// What a JSON value is, in words.
fn json_type(value: &Value) -> Message {
    m::guide_json_type(match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "text",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    })
}

/// `HH:MM` (24-hour; `H:MM` and a `:00` seconds part are accepted too).
fn clock(field: &str, input: &str) -> Result<NaiveTime, Message> {
    let bad = || m::guide_time_invalid(field, input);
    let parts: Vec<&str> = input.trim().split(':').collect();
    let (h, m) = match parts.as_slice() {
        [h, m] => (*h, *m),
        [h, m, "00"] => (*h, *m),
        _ => return Err(bad()),
    };
    let digits = |s: &str, max_len: usize| {
        !s.is_empty() && s.len() <= max_len && s.chars().all(|c| c.is_ascii_digit())
    };
    if !digits(h, 2) || !digits(m, 2) || m.len() != 2 {
        return Err(bad());
    }
    let (h, m) = (
        h.parse::<u32>().map_err(|_| bad())?,
        m.parse::<u32>().map_err(|_| bad())?,
    );
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)
}

fn weekday_of(value: &Value) -> Result<Weekday, Message> {
    let number = match value {
        Value::Number(n) => n.as_i64(),
        // Some feeds write the day as text ("1"); the number is unambiguous.
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    match number {
        Some(0) => Ok(Weekday::Sun),
        Some(1) => Ok(Weekday::Mon),
        Some(2) => Ok(Weekday::Tue),
        Some(3) => Ok(Weekday::Wed),
        Some(4) => Ok(Weekday::Thu),
        Some(5) => Ok(Weekday::Fri),
        Some(6) => Ok(Weekday::Sat),
        Some(n) => Err(m::guide_day_out_of_range(n)),
        None => Err(m::guide_day_invalid(value.to_string())),
    }
}

/// Shortens `text` to `max` characters, ending with "…" when cut.
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out = out.trim_end().to_owned();
    out.push('…');
    out
}

/// Whether the meeting happens in person, from `attendance_option` (as
/// the 12 Step Meeting List plugin writes it) or, without it, from the
/// types: `TC` (location temporarily closed) means online if there is a
/// conference link, else inactive.
fn attendance(map: &Map<String, Value>, types: &[String]) -> Result<&'static str, Message> {
    let option = text(map, "attendance_option")?;
    match option.as_str() {
        "in_person" => return Ok("in_person"),
        "hybrid" => return Ok("hybrid"),
        "online" => return Ok("online"),
        "inactive" => return Ok("inactive"),
        "" => {}
        other => {
            return Err(m::guide_attendance_unknown(other));
        }
    }
    let conference =
        !text(map, "conference_url")?.is_empty() || !text(map, "conference_phone")?.is_empty();
    if types.iter().any(|t| t == "TC") {
        return Ok(if conference { "online" } else { "inactive" });
    }
    Ok("in_person")
}

fn read(
    index: usize,
    map: &Map<String, Value>,
    default_zone: Tz,
    lang: Lang,
) -> Result<GuideMeeting, Message> {
    let slug = match map.get("slug") {
        None | Some(Value::Null) => return Err(m::guide_field_missing("slug")),
        Some(value) => slug_of(value).ok_or_else(m::guide_slug_invalid)?,
    };
    if slug.chars().count() > SLUG_MAX {
        return Err(m::guide_slug_too_long(SLUG_MAX));
    }
    let name = text(map, "name")?;
    if name.is_empty() {
        return Err(m::guide_field_missing("name"));
    }
    // Every text field the import reads must be text (or absent).
    let notes = text(map, "notes")?;
    let location_name = text(map, "location")?;
    let location_notes = text(map, "location_notes")?;
    let group = text(map, "group")?;
    let url = text(map, "url")?;
    let formatted_address = text(map, "formatted_address")?;
    let address = text(map, "address")?;
    let city = text(map, "city")?;
    let state = text(map, "state")?;
    let postal_code = match map.get("postal_code") {
        // Some feeds write ZIP codes as numbers.
        Some(Value::Number(n)) => n.to_string(),
        _ => text(map, "postal_code")?,
    };
    let country = text(map, "country")?;
    let region = text(map, "region")?;
    text(map, "updated")?;

    let types: Vec<String> = match map.get("types") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(s.trim().to_owned()),
                other => Err(m::guide_type_not_text(json_type(other))),
            })
            .collect::<Result<_, _>>()?,
        Some(other) => {
            return Err(m::guide_types_not_list(json_type(other)));
        }
    };
    for field in ["latitude", "longitude"] {
        match map.get(field) {
            None | Some(Value::Null) | Some(Value::Number(_)) => {}
            Some(Value::String(s)) if s.trim().is_empty() || s.trim().parse::<f64>().is_ok() => {}
            Some(other) => {
                return Err(m::guide_field_not_number(field, json_type(other)));
            }
        }
    }

    match attendance(map, &types)? {
        "online" => {
            return Err(m::guide_online_only());
        }
        "inactive" => {
            return Err(m::guide_inactive());
        }
        _ => {}
    }

    let days: Vec<Weekday> = match map.get("day") {
        None | Some(Value::Null) => {
            return Err(m::guide_no_day());
        }
        Some(Value::Array(items)) if items.is_empty() => {
            return Err(m::guide_day_empty());
        }
        Some(Value::Array(items)) => items.iter().map(weekday_of).collect::<Result<_, _>>()?,
        Some(value) => vec![weekday_of(value)?],
    };
    let mut days = days;
    days.sort_by_key(|d| d.num_days_from_monday());
    days.dedup();

    let start = match map.get("time") {
        None | Some(Value::Null) => return Err(m::guide_field_missing("time")),
        Some(Value::String(s)) => clock("time", s)?,
        Some(other) => {
            return Err(m::guide_time_not_text(json_type(other)));
        }
    };
    let end_text = text(map, "end_time")?;
    let length = if end_text.is_empty() {
        Duration::hours(1)
    } else {
        let end = clock("end_time", &end_text)?;
        match end.signed_duration_since(start) {
            d if d > Duration::zero() => d,
            // Ends after midnight (23:00–00:30); the same time means no end given.
            d if d < Duration::zero() => d + Duration::days(1),
            _ => Duration::hours(1),
        }
    };
    let zone = match text(map, "timezone")? {
        zone if zone.is_empty() => default_zone,
        zone => zone
            .parse::<Tz>()
            .map_err(|_| m::guide_zone_unknown(&zone))?,
    };

    let street = if formatted_address.is_empty() {
        let place = [city.as_str(), &format!("{state} {postal_code}")]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        [address.as_str(), &place, country.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        formatted_address
    };
    if street.is_empty() && location_name.is_empty() {
        return Err(m::guide_no_address());
    }
    let location = [location_name.as_str(), street.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");

    let (known, unknown): (Vec<String>, Vec<String>) = types
        .into_iter()
        .filter(|t| !t.is_empty())
        .partition(|t| is_meeting_type(t));
    let canonical = TwelveStep::new(Fellowship::Other, &known)
        .map(|t| t.types)
        .unwrap_or_default();

    let mut parts = Vec::new();
    if !notes.is_empty() {
        parts.push(notes);
    }
    if !location_notes.is_empty() {
        parts.push(location_notes);
    }
    if !group.is_empty() {
        parts.push(m::guide_description_group(&group).render(lang).into_owned());
    }
    if !region.is_empty() {
        parts.push(
            m::guide_description_region(&region)
                .render(lang)
                .into_owned(),
        );
    }
    if !url.is_empty() {
        parts.push(url);
    }
    Ok(GuideMeeting {
        index,
        slug,
        name: fit(&name, TITLE_MAX),
        days,
        start,
        length,
        zone,
        types: canonical,
        unknown_types: unknown,
        location: fit(&location, LOCATION_MAX),
        description: fit(&parts.join("\n\n"), DESCRIPTION_MAX),
    })
}

impl GuideMeeting {
    /// The import UID: scoped by fellowship so two fellowships' feeds (whose
    /// slugs may collide) never update or cancel each other's meetings.
    pub fn import_uid(&self, fellowship: Fellowship) -> String {
        format!("{}{}", scope(fellowship), self.slug)
    }

    /// The weekly series, first looked for on `from` (the first matching
    /// day on or after it becomes the first occurrence when stored). Only
    /// what the import owns is set; the rest are new-event defaults.
    pub fn draft(&self, fellowship: Fellowship, from: NaiveDate) -> EventDraft {
        let start = from.and_time(self.start);
        EventDraft {
            kind: EventKind::TwelveStep,
            title: self.name.clone(),
            description: self.description.clone(),
            location: self.location.clone(),
            venue: Venue::OffSite,
            schedule: Schedule::Timed {
                start,
                end: start + self.length,
            },
            rule: Some(Rule {
                pattern: Pattern::Weekly {
                    days: self.days.clone(),
                },
                interval: 1,
                end: End::Never,
            }),
            audience: super::event::Audience::Everyone,
            host_id: None,
            capacity: None,
            rsvp_closes_minutes: None,
            twelve_step: Some(TwelveStep {
                fellowship,
                types: self.types.clone(),
            }),
            max_guests: 0,
            show_names: false,
        }
    }

    /// `draft`'s import-owned fields laid over a stored event's draft, so
    /// what staff set (audience, capacity, host, …) survives a re-import.
    pub fn update(&self, fellowship: Fellowship, stored: EventDraft) -> EventDraft {
        let from = stored.schedule.local_start().date();
        let fresh = self.draft(fellowship, from);
        EventDraft {
            kind: fresh.kind,
            title: fresh.title,
            description: fresh.description,
            location: fresh.location,
            venue: fresh.venue,
            schedule: fresh.schedule,
            rule: fresh.rule,
            twelve_step: fresh.twelve_step,
            show_names: false,
            ..stored
        }
    }
}

/// The `import_uid` prefix of one fellowship's Meeting Guide imports.
pub fn scope(fellowship: Fellowship) -> String {
    format!("meeting-guide:{}:", fellowship.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::{Chicago, New_York};

    fn one(json: &str) -> Result<GuideMeeting, String> {
        let parsed = parse(&format!("[{json}]"), New_York, Lang::En).unwrap();
        match (parsed.meetings.first(), parsed.skipped.first()) {
            (Some(m), _) => Ok(m.clone()),
            (_, Some(p)) => Err(p.reason.to_string()),
            _ => unreachable!(),
        }
    }

    #[test]
    fn a_spec_example_meeting_reads_fully() {
        let m = one(r#"{
            "name": "Sunday Serenity", "slug": "sunday-serenity-14", "day": 0,
            "time": "18:00", "end_time": "19:30", "location": "Alano Club",
            "group": "The Serenity Group", "notes": "Ring buzzer.",
            "updated": "2014-05-31 14:32:23", "url": "https://district123.org/m/1",
            "types": ["O", "T", "LGBTQ", "ZZZ"], "address": "123 Main Street",
            "city": "Anytown", "state": "CA", "postal_code": "98765", "country": "US",
            "timezone": "America/Chicago", "latitude": 34.1, "longitude": -118.2
        }"#)
        .unwrap();
        assert_eq!(m.slug, "sunday-serenity-14");
        assert_eq!(m.days, vec![Weekday::Sun]);
        assert_eq!(m.length, Duration::minutes(90));
        assert_eq!(m.zone, Chicago);
        assert_eq!(m.types, vec!["O", "LGBTQ", "T"]);
        assert_eq!(m.unknown_types, vec!["ZZZ"]);
        assert_eq!(
            m.location,
            "Alano Club, 123 Main Street, Anytown, CA 98765, US"
        );
        assert!(
            m.description.contains("Ring buzzer.")
                && m.description.contains("Group: The Serenity Group")
        );
    }

    #[test]
    fn days_may_be_a_list_and_end_defaults_to_an_hour() {
        let m = one(
            r#"{"name": "Noon", "slug": 42, "day": [5, 1, 3, 1], "time": "12:00",
                        "formatted_address": "1 A St, Town, NY 10001, USA"}"#,
        )
        .unwrap();
        assert_eq!(m.slug, "42");
        assert_eq!(m.days, vec![Weekday::Mon, Weekday::Wed, Weekday::Fri]);
        assert_eq!(m.length, Duration::hours(1));
        assert_eq!(m.zone, New_York, "the facility's zone when none is given");
        let late = one(r#"{"name": "Late", "slug": "l", "day": 6, "time": "23:30", "end_time": "00:30", "location": "Hall"}"#).unwrap();
        assert_eq!(late.length, Duration::hours(1));
    }

    #[test]
    fn malformed_entries_say_what_is_wrong() {
        let cases = [
            (
                r#"{"name": "x", "day": 1, "time": "10:00", "location": "L"}"#,
                "`slug` is missing",
            ),
            (
                r#"{"slug": "x", "day": 1, "time": "10:00", "location": "L"}"#,
                "`name` is missing",
            ),
            (
                r#"{"name": "x", "slug": "x", "day": 7, "time": "10:00", "location": "L"}"#,
                "`day` 7",
            ),
            (
                r#"{"name": "x", "slug": "x", "day": "Monday", "time": "10:00", "location": "L"}"#,
                "`day` should be",
            ),
            (
                r#"{"name": "x", "slug": "x", "day": 1, "time": "25:00", "location": "L"}"#,
                "\"25:00\"",
            ),
            (
                r#"{"name": "x", "slug": "x", "day": 1, "time": "7pm", "location": "L"}"#,
                "HH:MM",
            ),
            (
                r#"{"name": "x", "slug": "x", "day": 1, "location": "L"}"#,
                "`time` is missing",
            ),
            (
                r#"{"name": "x", "slug": "x", "time": "10:00", "location": "L"}"#,
                "No `day`",
            ),
            (
                r#"{"name": "x", "slug": "x", "day": 1, "time": "10:00", "timezone": "Mars/Olympus", "location": "L"}"#,
                "Mars/Olympus",
            ),
            (
                r#"{"name": "x", "slug": "x", "day": 1, "time": "10:00", "types": "O,D", "location": "L"}"#,
                "`types` should be a list",
            ),
            (
                r#"{"name": "x", "slug": "x", "day": 1, "time": "10:00", "notes": 5, "location": "L"}"#,
                "`notes` should be text",
            ),
            (
                r#"{"name": "x", "slug": "x", "day": 1, "time": "10:00"}"#,
                "No address",
            ),
            (
                r#"{"name": "x", "slug": "x", "day": 1, "time": "10:00", "attendance_option": "online", "location": "L"}"#,
                "Online only",
            ),
            (
                r#"{"name": "x", "slug": "x", "day": 1, "time": "10:00", "attendance_option": "inactive", "location": "L"}"#,
                "Inactive",
            ),
            (
                r#"{"name": "x", "slug": "x", "day": 1, "time": "10:00", "types": ["TC"], "conference_url": "https://zoom.us/j/1", "location": "L"}"#,
                "Online only",
            ),
        ];
        for (json, expected) in cases {
            let reason = one(json).unwrap_err();
            assert!(reason.contains(expected), "{json}: {reason}");
        }
        let hybrid = one(
            r#"{"name": "x", "slug": "x", "day": 1, "time": "10:00", "attendance_option": "hybrid", "location": "L"}"#,
        );
        assert!(hybrid.is_ok());
    }

    #[test]
    fn duplicate_slugs_and_non_objects_are_reported_with_their_index() {
        let parsed = parse(
            r#"[{"name": "a", "slug": "s", "day": 1, "time": "10:00", "location": "L"},
                 3,
                 {"name": "b", "slug": "s", "day": 2, "time": "10:00", "location": "L"}]"#,
            New_York,
            Lang::En,
        )
        .unwrap();
        assert_eq!(parsed.meetings.len(), 1);
        assert_eq!(parsed.skipped.len(), 2);
        assert_eq!(parsed.skipped[0].what(), "#1");
        assert_eq!(parsed.skipped[1].what(), "#2 (s)");
        assert!(parsed.skipped[1].reason.to_string().contains("first by #0"));
        assert!(parse("{}", New_York, Lang::En).is_err());
        // Nesting far past serde_json's limit is an error, not a crash.
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(
            parse(&deep, New_York, Lang::En).unwrap_err().id,
            crate::i18n::MsgId::GuideNotJson
        );
        let huge = format!("[{}]", " ".repeat(MAX_BYTES));
        assert_eq!(
            parse(&huge, New_York, Lang::En).unwrap_err().id,
            crate::i18n::MsgId::GuideTooLarge
        );
        assert!(parse("not json", New_York, Lang::En).is_err());
    }

    #[test]
    fn a_re_import_changes_only_what_the_import_owns() {
        let m =
            one(r#"{"name": "Noon", "slug": "n", "day": 2, "time": "12:00", "location": "Hall"}"#)
                .unwrap();
        let from = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
        let mut stored = m.draft(Fellowship::Aa, from);
        stored.capacity = Some(8);
        stored.audience = super::super::event::Audience::Clients;
        let again = m.update(Fellowship::Aa, stored.clone());
        assert_eq!(again, stored, "nothing the import owns changed");
        assert_eq!(m.import_uid(Fellowship::Na), "meeting-guide:na:n");
    }
}
