//! What the fuzz targets (`fuzz/fuzz_targets/*.rs`, run by `make fuzz`)
//! and the corpus regression test (`tests/tests/integration/corpus.rs`,
//! run by `make test`) feed arbitrary bytes to: each function must return,
//! never panic, and where a parser accepts its input, what it made must
//! hold up (a rule read back from its own text is the same rule).
//!
//! Each takes raw bytes, as a fuzzer gives them, and reads them the way the
//! request path does.

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use crate::domain::event::{EventForm, Fellowship};
use crate::domain::recurrence::{check_occurrences, local_starts, parse_rrule};
use crate::i18n::Lang;

const ZONE: Tz = chrono_tz::America::New_York;

fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// The .ics importer: the shape check, the icalendar parser and the
/// reading of every event, override and time zone.
pub fn ics_import(data: &[u8]) {
    if let Ok((events, skipped)) = crate::ical::import::parse(&text(data), ZONE) {
        for event in &events {
            assert!(!event.uid.is_empty(), "an imported event has a UID");
            assert!(event.title.chars().count() <= crate::domain::event::TITLE_MAX);
        }
        for entry in &skipped {
            let _ = entry.reason.render(Lang::En);
        }
    }
}

/// The Meeting Guide importer: reading the feed, then making each meeting
/// an event draft as the import does.
pub fn meeting_guide(data: &[u8]) {
    let Ok(parsed) = crate::domain::meeting_guide::parse(&text(data), ZONE, Lang::En) else {
        return;
    };
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
    for meeting in &parsed.meetings {
        assert!(!meeting.days.is_empty(), "a meeting has a day");
        let draft = meeting.draft(Fellowship::Aa, today);
        let again = meeting.update(Fellowship::Aa, draft.clone());
        assert_eq!(again.title, draft.title);
    }
    for problem in &parsed.skipped {
        let _ = problem.reason.render(Lang::Es);
    }
}

/// The RRULE reader of the JSON API and the .ics import. The first line is
/// the rule; a rule it accepts is expanded over a year, and its own RRULE
/// text reads back as the same rule.
pub fn rrule(data: &[u8]) {
    let input = text(data);
    let rule_text = input.lines().next().unwrap_or_default();
    let first =
        NaiveDateTime::parse_from_str("2027-01-08 19:00", "%Y-%m-%d %H:%M").unwrap_or_default();
    for all_day in [false, true] {
        let Ok(rule) = parse_rrule(rule_text, first, ZONE, all_day) else {
            continue;
        };
        if check_occurrences(&rule, first).is_err() {
            continue;
        }
        let year = first + chrono::Duration::days(366);
        let starts = local_starts(&rule, first, first, year, 500);
        assert!(starts.len() <= crate::domain::recurrence::MAX_PER_YEAR);
        assert!(starts.windows(2).all(|w| w[0] < w[1]), "dates in order");
        let back = parse_rrule(&rule.to_rrule(None), first, ZONE, true)
            .unwrap_or_else(|e| panic!("{} does not read back: {e}", rule.to_rrule(None)));
        assert_eq!(back, rule, "{rule_text}");
    }
}

/// The event form as a browser posts it (url-encoded fields; repeated
/// `repeat_days[]` and `meeting_types[]`), checked as the server and the
/// browser check it.
pub fn event_form(data: &[u8]) {
    let mut object = serde_json::Map::new();
    let mut days = Vec::new();
    let mut types = Vec::new();
    for (name, value) in form_urlencoded::parse(data) {
        match name.as_ref() {
            "repeat_days[]" => days.push(serde_json::Value::String(value.into_owned())),
            "meeting_types[]" => types.push(serde_json::Value::String(value.into_owned())),
            name => {
                object.insert(
                    name.to_owned(),
                    serde_json::Value::String(value.into_owned()),
                );
            }
        }
    }
    object.insert("repeat_days".into(), serde_json::Value::Array(days));
    object.insert("meeting_types".into(), serde_json::Value::Array(types));
    let Ok(form) = serde_json::from_value::<EventForm>(serde_json::Value::Object(object)) else {
        return;
    };
    match form.parse() {
        Ok(mut draft) => {
            let mut errors = crate::domain::validation::FieldErrors::new();
            draft.check(&mut errors);
            assert!(errors.is_empty(), "a parsed form passes its own check");
            let _ = draft.synchronize();
            if let Some(rule) = &draft.rule {
                let _ = check_occurrences(rule, draft.schedule.local_start());
            }
            let _ = draft.schedule.place(ZONE);
        }
        Err(errors) => {
            for error in &errors.0 {
                let _ = error.message.render(Lang::Es);
            }
        }
    }
}
