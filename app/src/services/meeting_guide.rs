//! Importing a Meeting Guide JSON feed: each in-person weekly meeting
//! becomes an off-site 12-step series of the chosen fellowship.
//!
//! Meetings are matched by `meeting-guide:<fellowship>:<slug>` in
//! `events.import_uid`, so importing the feed again updates them — only the
//! fields the import owns (title, description, location, venue, times,
//! days, zone, fellowship and types); what staff set (audience, capacity,
//! host, RSVP rules, and whatever other features add to an event) stays.
//! An unchanged meeting is not written at all (no SEQUENCE bump, feed
//! ETags stay). Meetings imported earlier under the same fellowship but
//! missing from the new file — or now online-only or inactive — are
//! cancelled, never deleted; one that comes back is restored (unless staff
//! cancelled it themselves).

use crate::i18n::{Message, MsgId, m};
use std::collections::HashSet;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::db::{self, facilities::Facility};
use crate::domain::event::{Event, EventDraft, Fellowship};
use crate::domain::meeting_guide::{GuideMeeting, Problem, parse, scope};
use crate::domain::person::PersonId;
use crate::error::AppError;
use crate::state::AppState;

use super::events::{Prepared, prepare, replace, values};

/// The outcome of a Meeting Guide upload on the import page, handed from
/// the upload route to the page (through the request's extensions).
#[derive(Debug, Clone)]
pub struct GuideUploadOutcome(pub Result<GuideSummary, Message>);

/// How to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GuideOptions {
    /// The feed has no fellowship field; the person says which it is.
    pub fellowship: Fellowship,
    /// Check and count only; write nothing.
    pub dry_run: bool,
}

/// One entry that was not imported, or a note about one that was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideEntry {
    /// Position in the file (0-based).
    pub index: usize,
    pub slug: Option<String>,
    pub reason: Message,
}

impl GuideEntry {
    /// "#12 (sunday-serenity)".
    pub fn what(&self) -> String {
        Problem {
            index: self.index,
            slug: self.slug.clone(),
            reason: m::guide_inactive(),
        }
        .what()
    }
}

impl From<Problem> for GuideEntry {
    fn from(p: Problem) -> Self {
        GuideEntry {
            index: p.index,
            slug: p.slug,
            reason: p.reason,
        }
    }
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideSummary {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Imported before, now missing from the file (or no longer in person).
    pub cancelled: usize,
    /// Cancelled by an earlier import, back in the file.
    pub restored: usize,
    /// Entries left out, with the reason.
    pub skipped: Vec<GuideEntry>,
    /// Imported meetings with type codes Hearth does not know (left out).
    pub unknown_types: Vec<GuideEntry>,
    pub dry_run: bool,
}

#[derive(Clone, Copy)]
enum Plan {
    Create,
    Update { restore: bool },
    Unchanged,
    Restore,
}

struct Ready {
    meeting: GuideMeeting,
    existing: Option<Event>,
    draft: EventDraft,
    prepared: Prepared,
    plan: Plan,
}

/// Imports `text` into `facility`. Permission is the caller's (the CLI
/// runs as the operator; the web and API routes require planners).
/// `progress` hears (done, total) after each meeting written.
pub async fn import_meeting_guide(
    state: &AppState,
    facility: &Facility,
    by: Option<PersonId>,
    text: &str,
    options: GuideOptions,
    mut progress: impl FnMut(usize, usize),
) -> Result<GuideSummary, AppError> {
    let facility_zone: Tz = facility.timezone.parse().unwrap_or(Tz::UTC);
    let parsed = parse(text, facility_zone, crate::i18n::Lang::default())
        .map_err(|message| AppError::field("file", message))?;
    let fellowship = options.fellowship;
    let today = super::facilities::today(facility);
    let mut summary = GuideSummary {
        dry_run: options.dry_run,
        ..GuideSummary::default()
    };
    // Slugs in the file that must not be cancelled: the meetings read, and
    // entries that are present but broken this time (they are reported and
    // left as they are). Online-only and inactive ones are not kept.
    let mut present: HashSet<String> = HashSet::new();
    for problem in parsed.skipped {
        let not_in_person = matches!(
            problem.reason.id,
            MsgId::GuideOnlineOnly | MsgId::GuideInactive
        );
        if let (Some(slug), false) = (&problem.slug, not_in_person) {
            present.insert(format!("{}{slug}", scope(fellowship)));
        }
        summary.skipped.push(problem.into());
    }

    // Everything is read and checked before anything is written.
    let mut ready = Vec::with_capacity(parsed.meetings.len());
    for meeting in parsed.meetings {
        let uid = meeting.import_uid(fellowship);
        present.insert(uid.clone());
        let existing = db::events::by_import_uid(&state.db, facility.id, &uid).await?;
        let mut draft = match &existing {
            Some(event) => meeting.update(fellowship, event.to_draft()),
            None => meeting.draft(fellowship, today),
        };
        let prepared = match prepare(&mut draft, meeting.zone) {
            Ok(prepared) => prepared,
            Err(error) => {
                summary.skipped.push(GuideEntry {
                    index: meeting.index,
                    slug: Some(meeting.slug.clone()),
                    reason: error.full_message(),
                });
                continue;
            }
        };
        let plan = match &existing {
            None => Plan::Create,
            Some(event) => {
                let same = event.to_draft() == draft && event.timezone == meeting.zone.name();
                let restore = event.is_cancelled();
                if restore && !db::events::cancelled_by_import(&state.db, event.id).await? {
                    summary.skipped.push(GuideEntry {
                        index: meeting.index,
                        slug: Some(meeting.slug.clone()),
                        reason: m::guide_staff_cancelled(),
                    });
                    continue;
                }
                match (same, restore) {
                    (true, false) => Plan::Unchanged,
                    (true, true) => Plan::Restore,
                    (false, restore) => Plan::Update { restore },
                }
            }
        };
        if !meeting.unknown_types.is_empty() {
            summary.unknown_types.push(GuideEntry {
                index: meeting.index,
                slug: Some(meeting.slug.clone()),
                reason: m::guide_unknown_types(
                    meeting.unknown_types.len(),
                    meeting.unknown_types.join(", "),
                ),
            });
        }
        ready.push(Ready {
            meeting,
            existing,
            draft,
            prepared,
            plan,
        });
    }
    let gone: Vec<_> =
        db::events::import_uids_with_prefix(&state.db, facility.id, &scope(fellowship))
            .await?
            .into_iter()
            .filter(|(_, uid)| !present.contains(uid))
            .collect();

    let total = ready.len();
    for (done, item) in ready.into_iter().enumerate() {
        let (index, slug) = (item.meeting.index, item.meeting.slug.clone());
        let plan = item.plan;
        let stored = if options.dry_run {
            Ok(())
        } else {
            store(state, facility, by, fellowship, item).await
        };
        match stored {
            Ok(()) => match plan {
                Plan::Create => summary.created += 1,
                Plan::Update { restore } => {
                    summary.updated += 1;
                    summary.restored += usize::from(restore);
                }
                Plan::Unchanged => summary.unchanged += 1,
                Plan::Restore => summary.restored += 1,
            },
            // Reported, and the rest of the file still imports.
            Err(error) => summary.skipped.push(GuideEntry {
                index,
                slug: Some(slug),
                reason: m::guide_not_stored(error.full_message()),
            }),
        }
        progress(done + 1, total);
    }
    for (id, _) in gone {
        let Some(event) = db::events::get(&state.db, facility.id, id).await? else {
            continue;
        };
        if event.is_cancelled() {
            continue;
        }
        summary.cancelled += 1;
        if !options.dry_run {
            db::events::cancel_by_import(&state.db, facility.id, id).await?;
        }
    }
    summary.skipped.sort_by_key(|e| e.index);
    tracing::info!(
        facility_id = facility.id,
        created = summary.created,
        updated = summary.updated,
        unchanged = summary.unchanged,
        cancelled = summary.cancelled,
        restored = summary.restored,
        skipped = summary.skipped.len(),
        dry_run = options.dry_run,
        "meeting guide imported"
    );
    Ok(summary)
}

async fn store(
    state: &AppState,
    facility: &Facility,
    by: Option<PersonId>,
    fellowship: Fellowship,
    item: Ready,
) -> Result<(), AppError> {
    let Ready {
        meeting,
        existing,
        draft,
        prepared,
        plan,
    } = item;
    let zone = meeting.zone;
    match (plan, existing) {
        (Plan::Create, _) => {
            let event = db::events::insert(
                &state.db,
                facility.id,
                by,
                None,
                &values(&draft, &zone, &prepared),
            )
            .await?;
            db::events::set_import_uid(&state.db, event.id, &meeting.import_uid(fellowship))
                .await?;
        }
        (Plan::Unchanged, _) | (_, None) => {}
        (Plan::Restore, Some(existing)) => {
            db::events::restore(&state.db, facility.id, existing.id).await?;
        }
        (Plan::Update { restore }, Some(existing)) => {
            if restore {
                db::events::restore(&state.db, facility.id, existing.id).await?;
            }
            replace(state, &existing, &draft, zone, prepared).await?;
        }
    }
    Ok(())
}
