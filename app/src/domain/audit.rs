//! What an audit entry says, in the reader's words.
//!
//! An entry is stored as an action code (`view manifest`, `set rules`,
//! `karaoke queue skip`…) and a subject made of ids and dates (`event 5
//! occurrence 20261208T000000Z`, `2026-11-04 to 2026-12-04`, `person 7:
//! es`). Nothing in it is a sentence: the audit page turns both into a
//! [`Message`] here, and the page writes it in its reader's language. An
//! action or subject this module cannot read (a row written by an older
//! Hearth, a new code without words yet) is shown as it was stored.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::event::EventId;
use super::occurrence::OccurrenceKey;
use crate::i18n::{Arg, Lang, Message, MsgId, m, static_text};

/// One piece of a subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Event(EventId),
    Occurrence(OccurrenceKey),
    Person(i64),
    Slot(i64),
    Claim(i64),
    Song(i64),
    Kiosk(i64),
    /// A report's dates, first and last.
    Dates(NaiveDate, NaiveDate),
    /// A language chosen for someone; `None`: their browser's.
    Language(Option<Lang>),
    /// A sign-up slot was removed, and the claims of these people with it.
    SlotRemoved {
        claims: usize,
        people: Vec<i64>,
    },
    /// How many claims were given back.
    ClaimsReleased(i64),
}

/// The message of an action code, if Hearth has words for it.
pub fn action_message(action: &str) -> Option<Message> {
    let key = action.trim().to_ascii_lowercase().replace(' ', "-");
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
        return None;
    }
    MsgId::from_id(&format!("audit-action-{key}")).map(Message::new)
}

/// Reads a stored subject; `None` when any of it is not understood.
pub fn parse_subject(subject: &str) -> Option<Vec<Part>> {
    let subject = subject.trim();
    if subject.is_empty() {
        return Some(Vec::new());
    }
    // A report's dates: `2026-11-04 to 2026-12-04`.
    if let Some((from, to)) = subject.split_once(" to ")
        && let (Ok(from), Ok(to)) = (from.trim().parse(), to.trim().parse())
    {
        return Some(vec![Part::Dates(from, to)]);
    }
    let (head, tail) = match subject.split_once(": ") {
        Some((head, tail)) => (head, Some(tail.trim())),
        None => (subject, None),
    };
    let mut parts = Vec::new();
    let mut words = head.split_whitespace();
    let mut removed = false;
    while let Some(word) = words.next() {
        if word == "deleted" {
            removed = true;
            continue;
        }
        let value = words.next()?;
        let id = || value.parse::<i64>().ok();
        parts.push(match word {
            "event" => Part::Event(EventId(id()?)),
            "occurrence" => Part::Occurrence(OccurrenceKey::parse(value).ok()?),
            "person" => Part::Person(id()?),
            "slot" => Part::Slot(id()?),
            "claim" => Part::Claim(id()?),
            "song" => Part::Song(id()?),
            "kiosk" => Part::Kiosk(id()?),
            _ => return None,
        });
    }
    match tail {
        None if !removed => {}
        // `… slot 3 deleted: claims 4,5 of people 6,7`
        Some(tail) if removed => {
            let (claims, people) = tail.strip_prefix("claims ")?.split_once(" of people ")?;
            let people = people
                .split(',')
                .map(|p| p.trim().parse().ok())
                .collect::<Option<Vec<i64>>>()?;
            parts.push(Part::SlotRemoved {
                claims: claims.split(',').count(),
                people,
            });
        }
        // `person 7: es`, `person 7: browser`
        Some("browser") => parts.push(Part::Language(None)),
        Some(tail) if Lang::from_code(tail).is_some() => {
            parts.push(Part::Language(Lang::from_code(tail)));
        }
        // `… person 7: 2 claim(s)`
        Some(tail) => {
            let count = tail.strip_suffix(" claim(s)")?.parse().ok()?;
            parts.push(Part::ClaimsReleased(count));
        }
        None => return None,
    }
    Some(parts)
}

/// An entry in words. `event_title` names an event by its id (when it
/// still exists); `local` puts an instant on the facility's wall clock.
pub fn describe(
    action: &str,
    subject: &str,
    event_title: impl Fn(EventId) -> Option<String>,
    local: impl Fn(DateTime<Utc>) -> NaiveDateTime,
) -> Message {
    let what = action_message(action).unwrap_or_else(|| m::audit_as_stored(action));
    let subject_words = match parse_subject(subject) {
        Some(parts) => {
            let words: Vec<Arg> = parts
                .into_iter()
                .map(|part| part_words(part, &event_title, &local))
                .collect();
            join(words)
        }
        None => Some(Arg::Text(subject.trim().to_owned())).filter(|_| !subject.trim().is_empty()),
    };
    match subject_words {
        Some(subject) => m::audit_entry(what, subject),
        None => what,
    }
}

fn part_words(
    part: Part,
    event_title: &impl Fn(EventId) -> Option<String>,
    local: &impl Fn(DateTime<Utc>) -> NaiveDateTime,
) -> Arg {
    match part {
        Part::Event(id) => match event_title(id) {
            Some(title) => m::audit_event_titled(title, id.0).into(),
            None => m::audit_event(id.0).into(),
        },
        Part::Occurrence(key) => Arg::from(local(key.0)),
        Part::Person(id) => m::audit_person(id).into(),
        Part::Slot(id) => m::audit_slot(id).into(),
        Part::Claim(id) => m::audit_claim(id).into(),
        Part::Song(id) => m::audit_song(id).into(),
        Part::Kiosk(id) => m::audit_kiosk(id).into(),
        Part::Dates(from, to) => m::audit_dates(from, to).into(),
        Part::Language(Some(lang)) => {
            m::audit_language(static_text(lang, MsgId::LanguageName).unwrap_or_else(|| lang.code()))
                .into()
        }
        Part::Language(None) => m::audit_language(m::language_preference_browser()).into(),
        Part::SlotRemoved { claims, people } => m::audit_slot_removed(
            claims,
            people
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        )
        .into(),
        Part::ClaimsReleased(count) => m::audit_claims_released(count).into(),
    }
}

/// Pieces read one after the other: "A · B · C".
fn join(words: Vec<Arg>) -> Option<Arg> {
    let mut words = words.into_iter().rev();
    let last = words.next()?;
    Some(words.fold(last, |rest, first| m::audit_parts(first, rest).into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Tr;

    /// Every action code Hearth writes (services and `db::signups`).
    const ACTIONS: [&str; 30] = [
        "view participation report",
        "export participation CSV",
        "view manifest",
        "set transport",
        "set rules",
        "view roster",
        "rsvp despite rules",
        "release signups",
        "claim signup",
        "withdraw signup",
        "view signup sheet",
        "view karaoke queue",
        "add karaoke song for a person",
        "withdraw karaoke song for a person",
        "karaoke queue up",
        "karaoke queue down",
        "karaoke queue move",
        "karaoke queue start",
        "karaoke queue sung",
        "karaoke queue skip",
        "karaoke queue requeue",
        "set language",
        "disable account",
        "enable account",
        "reset password",
        "sign out everywhere",
        "revoke kiosk tablet",
        "unlock kiosk tablet",
        "change meeting panel",
        "remove meeting panel",
    ];

    fn no_title(_: EventId) -> Option<String> {
        None
    }

    /// New York in December: five hours behind.
    fn new_york(at: DateTime<Utc>) -> NaiveDateTime {
        crate::domain::time::on_wall("America/New_York", at)
    }

    fn say(lang: Lang, action: &str, subject: &str) -> String {
        Tr::new(lang).render(&describe(action, subject, no_title, new_york))
    }

    #[test]
    fn every_action_hearth_writes_has_words_in_every_language() {
        for action in ACTIONS {
            let message = action_message(action).unwrap_or_else(|| panic!("{action}"));
            for lang in Lang::ALL {
                let words = message.render(lang);
                assert!(!words.is_empty() && words != *action, "{lang} {action}");
            }
        }
        assert_eq!(action_message("no such action"), None);
        assert_eq!(action_message("../etc"), None);
    }

    #[test]
    fn subjects_are_read_into_parts() {
        let key = OccurrenceKey::parse("20261209T000000Z").unwrap();
        assert_eq!(
            parse_subject("event 5 occurrence 20261209T000000Z"),
            Some(vec![Part::Event(EventId(5)), Part::Occurrence(key)])
        );
        assert_eq!(
            parse_subject(
                "event 5 occurrence 20261209T000000Z slot 3 deleted: claims 8,9 of people 12,14"
            ),
            Some(vec![
                Part::Event(EventId(5)),
                Part::Occurrence(key),
                Part::Slot(3),
                Part::SlotRemoved {
                    claims: 2,
                    people: vec![12, 14]
                }
            ])
        );
        assert_eq!(
            parse_subject("event 5 occurrence 20261209T000000Z person 7: 2 claim(s)")
                .unwrap()
                .last(),
            Some(&Part::ClaimsReleased(2))
        );
        assert_eq!(
            parse_subject("person 7: browser"),
            Some(vec![Part::Person(7), Part::Language(None)])
        );
        assert_eq!(
            parse_subject("person 7: es"),
            Some(vec![Part::Person(7), Part::Language(Some(Lang::Es))])
        );
        assert_eq!(parse_subject("kiosk 2"), Some(vec![Part::Kiosk(2)]));
        assert_eq!(parse_subject(""), Some(vec![]));
        // Anything else is shown as stored.
        assert_eq!(parse_subject("the whole house"), None);
        assert_eq!(parse_subject("event five"), None);
        assert_eq!(parse_subject("person 7: fr"), None);
    }

    #[test]
    fn entries_read_in_the_reader_s_language() {
        let manifest = say(
            Lang::Es,
            "view manifest",
            "event 5 occurrence 20261209T000000Z",
        );
        assert!(
            manifest.contains("martes, 8 de diciembre de 2026, 7:00 p. m."),
            "{manifest}"
        );
        assert!(manifest.contains("actividad n.º 5"), "{manifest}");
        assert!(!manifest.contains("view manifest"), "{manifest}");
        let english = say(
            Lang::En,
            "view manifest",
            "event 5 occurrence 20261209T000000Z",
        );
        assert!(
            english.contains("Tuesday, December 8, 2026, 7:00 PM"),
            "{english}"
        );
        let report = say(
            Lang::Es,
            "view participation report",
            "2026-11-04 to 2026-12-04",
        );
        assert!(
            report.contains("miércoles, 4 de noviembre de 2026") && !report.contains("2026-11-04"),
            "{report}"
        );
        let language = say(Lang::Es, "set language", "person 7: en");
        assert!(language.contains("English"), "{language}");
        assert!(!language.contains("set language"), "{language}");
        let titled = Tr::new(Lang::Es).render(&describe(
            "set rules",
            "event 3",
            |id| (id == EventId(3)).then(|| "Bolos".to_owned()),
            new_york,
        ));
        assert!(titled.contains("“Bolos”"), "{titled}");
        // On a 24-hour clock.
        let t24 = Tr {
            clock: crate::i18n::Clock::H24,
            ..Tr::new(Lang::Es)
        };
        let text = t24.render(&describe(
            "view roster",
            "event 5 occurrence 20261209T000000Z",
            no_title,
            new_york,
        ));
        assert!(text.contains("19:00"), "{text}");
    }

    #[test]
    fn what_cannot_be_read_is_shown_as_stored() {
        assert_eq!(
            say(Lang::Es, "some future action", "event 5"),
            "some future action: actividad n.º 5"
        );
        let odd = say(Lang::Es, "view manifest", "something else");
        assert!(odd.ends_with(": something else"), "{odd}");
        assert!(!odd.starts_with("view manifest"), "{odd}");
        assert_eq!(
            say(Lang::En, "reset password", ""),
            Message::new(MsgId::AuditActionResetPassword)
                .render(Lang::En)
                .into_owned()
        );
    }
}
