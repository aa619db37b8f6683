//! Importing an .ics file: each VEVENT series becomes a Hearth event of the
//! chosen kind, with its repeat rule, skipped dates and changed or
//! cancelled dates. Events remember the file's UID, so importing the same
//! file again updates them (or leaves them alone when nothing changed)
//! instead of adding copies.

use crate::i18n::{Message, m};
use chrono::NaiveDateTime;
use chrono_tz::Tz;

use crate::db::{self, facilities::Facility};
use crate::domain::event::{Audience, Event, EventDraft, EventKind, Fellowship, TwelveStep, Venue};
use crate::domain::occurrence::{ChangeKind, Moved, OccurrenceChange, OccurrenceKey, instants};
use crate::domain::person::PersonId;
use crate::domain::recurrence::{parse_rrule, place_occurrence};
use crate::error::AppError;
use crate::ical::import::{Imported, Skipped, parse};
use crate::state::AppState;

use super::events::{Prepared, prepare, values};

/// The outcome of an upload, handed from the upload route to the page
/// that shows it (through the request's extensions).
#[derive(Debug, Clone)]
pub struct UploadOutcome(pub Result<Summary, Message>);

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: Vec<Skipped>,
}

/// Imports `text` into `facility` as events of `kind`. `progress` hears
/// (done, total) after each event.
pub async fn import_ics(
    state: &AppState,
    facility: &Facility,
    by: Option<PersonId>,
    text: &str,
    kind: EventKind,
    mut progress: impl FnMut(usize, usize),
) -> Result<Summary, AppError> {
    let zone: Tz = facility.timezone.parse().unwrap_or(Tz::UTC);
    let (events, skipped) = parse(text, zone).map_err(|m| AppError::field("file", m))?;
    let mut summary = Summary {
        skipped,
        ..Summary::default()
    };
    // Everything is read and checked before anything is written, so a file
    // is never refused halfway through.
    let mut ready = Vec::with_capacity(events.len());
    for imported in events {
        let checked = draft_of(&imported, kind).and_then(|mut draft| {
            prepare(&mut draft, imported.zone)
                .map(|prepared| (draft, prepared))
                .map_err(reasons)
        });
        match checked {
            Ok((draft, prepared)) => ready.push((imported, draft, prepared)),
            Err(reason) => summary.skipped.push(Skipped {
                what: imported.title.clone(),
                reason,
            }),
        }
    }
    let total = ready.len();
    for (done, (imported, draft, prepared)) in ready.into_iter().enumerate() {
        match store(state, facility, by, &imported, &draft, &prepared).await {
            Ok(Outcome::Created) => summary.created += 1,
            Ok(Outcome::Updated) => summary.updated += 1,
            Ok(Outcome::Unchanged) => summary.unchanged += 1,
            Err(reason) => summary.skipped.push(Skipped {
                what: imported.title.clone(),
                reason,
            }),
        }
        progress(done + 1, total);
    }
    tracing::info!(
        facility_id = facility.id,
        created = summary.created,
        updated = summary.updated,
        unchanged = summary.unchanged,
        skipped = summary.skipped.len(),
        "ics imported"
    );
    Ok(summary)
}

enum Outcome {
    Created,
    Updated,
    Unchanged,
}

fn draft_of(imported: &Imported, kind: EventKind) -> Result<EventDraft, Message> {
    let rrule = imported.rrule.as_deref().map(daily_as_weekly);
    let rule = rrule
        .as_deref()
        .map(|text| {
            parse_rrule(
                text,
                imported.schedule.local_start(),
                imported.zone,
                imported.schedule.is_all_day(),
            )
        })
        .transpose()?;
    Ok(EventDraft {
        kind,
        title: imported.title.clone(),
        description: imported.description.clone(),
        location: imported.location.clone(),
        venue: if kind == EventKind::Outing || kind == EventKind::TwelveStep {
            Venue::OffSite
        } else {
            Venue::OnSite
        },
        schedule: imported.schedule,
        rule,
        audience: Audience::Everyone,
        host_id: None,
        capacity: None,
        rsvp_closes_minutes: None,
        twelve_step: (kind == EventKind::TwelveStep)
            .then(|| TwelveStep::new(Fellowship::Other, &[]).ok())
            .flatten(),
        max_guests: 0,
        show_names: false,
    })
}

/// `FREQ=DAILY` (every day) is `FREQ=WEEKLY` on all seven days, which
/// Hearth can show; other rules are returned as they are.
fn daily_as_weekly(rule: &str) -> String {
    let parts: Vec<&str> = rule
        .trim()
        .trim_start_matches("RRULE:")
        .split(';')
        .collect();
    let daily = parts.iter().any(|p| p.eq_ignore_ascii_case("FREQ=DAILY"));
    let plain = parts.iter().all(|p| {
        let name = p.split('=').next().unwrap_or("").to_ascii_uppercase();
        matches!(name.as_str(), "FREQ" | "COUNT" | "UNTIL" | "WKST")
            || p.eq_ignore_ascii_case("INTERVAL=1")
    });
    if !(daily && plain) {
        return rule.to_owned();
    }
    let mut out: Vec<String> = parts
        .iter()
        .filter(|p| !p.to_ascii_uppercase().starts_with("FREQ=") && !p.is_empty())
        .map(|p| (*p).to_owned())
        .collect();
    out.insert(0, "FREQ=WEEKLY".to_owned());
    out.push("BYDAY=MO,TU,WE,TH,FR,SA,SU".to_owned());
    out.join(";")
}

/// The key of the series' occurrence that starts at `local` (a local
/// start, or midnight of an all-day date).
fn key_of(event: &Event, zone: Tz, local: NaiveDateTime) -> Option<OccurrenceKey> {
    let instant = if event.schedule.is_all_day() {
        crate::domain::time::start_of_day(zone, local.date())
    } else {
        place_occurrence(zone, local)
    };
    let key = OccurrenceKey(instant);
    crate::domain::occurrence::original(event, key).map(|_| key)
}

/// The file's skipped and changed dates as Hearth's changes; dates the
/// series does not have are left out.
fn changes_of(event: &Event, imported: &Imported) -> Vec<OccurrenceChange> {
    let mut changes = Vec::new();
    let at = db::now();
    for local in &imported.exdates {
        if let Some(key) = key_of(event, imported.zone, *local) {
            changes.push(OccurrenceChange {
                key,
                kind: ChangeKind::Skipped,
                moved: None,
                title: None,
                location: None,
                description: None,
                sequence: 0,
                updated_at: at,
            });
        }
    }
    for change in &imported.overrides {
        let Some(key) = key_of(event, imported.zone, change.original) else {
            continue;
        };
        if changes.iter().any(|c| c.key == key) {
            continue;
        }
        let (starts_at, ends_at) = instants(imported.zone, &change.schedule);
        let original = crate::domain::occurrence::original(event, key);
        let moved = original
            .filter(|(schedule, ..)| *schedule != change.schedule)
            .map(|_| Moved {
                schedule: change.schedule,
                starts_at,
                ends_at,
            });
        let differs = |new: &str, old: &str| (new != old).then(|| new.to_owned());
        changes.push(OccurrenceChange {
            key,
            kind: if change.cancelled {
                ChangeKind::Cancelled
            } else {
                ChangeKind::Changed
            },
            moved,
            title: differs(&change.title, &event.title),
            location: differs(&change.location, &event.location),
            description: differs(&change.description, &event.description),
            sequence: 0,
            updated_at: at,
        });
    }
    changes.sort_by_key(|c| c.key);
    changes
}

/// What a change means, without its bookkeeping (for "unchanged").
fn gist(change: &OccurrenceChange) -> impl PartialEq + '_ {
    (
        change.key,
        change.kind,
        change.moved.map(|m| m.schedule),
        &change.title,
        &change.location,
        &change.description,
    )
}

/// The messages of a refused draft, as one reason.
fn reasons(error: AppError) -> Message {
    error.full_message()
}

async fn store(
    state: &AppState,
    facility: &Facility,
    by: Option<PersonId>,
    imported: &Imported,
    draft: &EventDraft,
    prepared: &Prepared,
) -> Result<Outcome, Message> {
    let internal = reasons;
    let zone = imported.zone;
    let existing = db::events::by_import_uid(&state.db, facility.id, &imported.uid)
        .await
        .map_err(|e| internal(e.into()))?;
    let Some(existing) = existing else {
        let event = db::events::insert(
            &state.db,
            facility.id,
            by,
            None,
            &values(draft, &zone, prepared),
        )
        .await
        .map_err(|e| internal(e.into()))?;
        db::events::set_import_uid(&state.db, event.id, &imported.uid)
            .await
            .map_err(|e| internal(e.into()))?;
        let changes = changes_of(&event, imported);
        for change in &changes {
            db::events::put_change(&state.db, event.id, change)
                .await
                .map_err(|e| internal(e.into()))?;
        }
        if imported.cancelled {
            db::events::cancel(&state.db, facility.id, event.id)
                .await
                .map_err(|e| internal(e.into()))?;
        }
        return Ok(Outcome::Created);
    };
    if existing.is_cancelled() {
        return Err(m::import_cancelled_in_hearth());
    }
    let mut future = existing.clone();
    future.schedule = draft.schedule;
    future.rule = draft.rule.clone();
    future.timezone = zone.name().to_owned();
    future.starts_at = prepared.placed.starts_at;
    future.ends_at = prepared.placed.ends_at;
    let changes = changes_of(&future, imported);
    let stored = db::events::changes_of(&state.db, existing.id)
        .await
        .map_err(|e| internal(e.into()))?;
    let same_event = existing.to_draft() == *draft && existing.timezone == zone.name();
    let same_changes = stored.len() == changes.len()
        && stored.iter().zip(&changes).all(|(a, b)| gist(a) == gist(b));
    if same_event && same_changes && !imported.cancelled {
        return Ok(Outcome::Unchanged);
    }
    db::events::update(
        &state.db,
        facility.id,
        existing.id,
        &values(draft, &zone, prepared),
        Some(&changes),
    )
    .await
    .map_err(|e| internal(e.into()))?;
    if imported.cancelled {
        db::events::cancel(&state.db, facility.id, existing.id)
            .await
            .map_err(|e| internal(e.into()))?;
    }
    Ok(Outcome::Updated)
}

#[cfg(test)]
mod tests {
    use super::daily_as_weekly;

    #[test]
    fn every_day_becomes_every_weekday_of_the_week() {
        assert_eq!(
            daily_as_weekly("FREQ=DAILY;COUNT=10"),
            "FREQ=WEEKLY;COUNT=10;BYDAY=MO,TU,WE,TH,FR,SA,SU"
        );
        assert_eq!(
            daily_as_weekly("FREQ=DAILY;INTERVAL=2"),
            "FREQ=DAILY;INTERVAL=2"
        );
        assert_eq!(
            daily_as_weekly("FREQ=WEEKLY;BYDAY=TU"),
            "FREQ=WEEKLY;BYDAY=TU"
        );
    }
}
