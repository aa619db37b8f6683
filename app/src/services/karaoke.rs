//! The karaoke song queue: who may add, withdraw and run it, and how
//! performers are named to whom.
//!
//! Names: staff see performers' full names; clients — and the screen in
//! the room, whoever opened it — see first name and last initial only
//! (`domain::karaoke::short_name`). Adding a song is how a person puts
//! that short name on the queue (the form says so). Nothing here reaches
//! a feed. Staff changes and staff views (which carry names) are audited
//! by id.

use crate::i18n::m;
use std::collections::HashMap;

use super::auth::Viewer;
use crate::db::{self, karaoke::Song};
use crate::domain::event::{Event, EventId, EventKind};
use crate::domain::karaoke::{
    Command, KaraokeQueue, QueuedSong, SongDraft, SongId, SongState, short_name,
};
use crate::domain::occurrence::{Occurrence, OccurrenceKey};
use crate::domain::person::{Action, PersonId, PersonStatus};
use crate::domain::rsvp::RsvpState;
use crate::error::AppError;
use crate::state::AppState;

/// The karaoke occurrence a queue belongs to; other kinds have no queue.
async fn target(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
) -> Result<(Event, Occurrence), AppError> {
    let (event, occurrence) = super::events::occurrence(state, viewer, event, key).await?;
    if occurrence.kind != EventKind::Karaoke {
        return Err(AppError::NotFound);
    }
    Ok((event, occurrence))
}

/// Songs can be added and withdrawn until the night is over.
fn open(occurrence: &Occurrence) -> bool {
    !occurrence.is_cancelled() && occurrence.ends_at > db::now()
}

fn require_open(occurrence: &Occurrence) -> Result<(), AppError> {
    if occurrence.is_cancelled() {
        return Err(AppError::conflict(m::occurrence_cancelled()));
    }
    if occurrence.ends_at <= db::now() {
        return Err(AppError::conflict(m::karaoke_night_over()));
    }
    Ok(())
}

fn audit_subject(event: EventId, key: OccurrenceKey, song: SongId) -> String {
    format!("event {event} occurrence {key} song {song}")
}

/// Which view of the queue: a person's own (names by role), or the screen
/// in the room (first names and initials for everyone).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Audience {
    Viewer,
    Screen,
}

/// The queue as the viewer may see it. Staff see full names (written to
/// the audit log); clients see first name and last initial.
pub async fn queue(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
) -> Result<KaraokeQueue, AppError> {
    build(state, viewer, event, key, Audience::Viewer).await
}

/// The queue for the screen in the room: any signed-in viewer who may see
/// the event; performers by first name and last initial whoever asks.
pub async fn screen(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
) -> Result<KaraokeQueue, AppError> {
    build(state, viewer, event, key, Audience::Screen).await
}

/// The queue's version, for the screen to poll cheaply.
pub async fn version(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
) -> Result<i64, AppError> {
    let (event, _) = target(state, viewer, event, key).await?;
    Ok(db::karaoke::version(&state.db, event.id, key).await?)
}

async fn build(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
    audience: Audience,
) -> Result<KaraokeQueue, AppError> {
    viewer.require(Action::ViewEvents)?;
    let (event, occurrence) = target(state, viewer, event, key).await?;
    let staff = audience == Audience::Viewer && viewer.person.role.is_staff();
    let (version, songs) = db::karaoke::queue(&state.db, event.id, key).await?;
    let mut names: HashMap<PersonId, String> = HashMap::new();
    for song in &songs {
        if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(song.person_id) {
            let name = super::page_reads::person(state, viewer.reads.as_deref(), song.person_id)
                .await?
                .map(|p| p.display_name)
                .unwrap_or_default();
            slot.insert(name);
        }
    }
    let shown = |song: &Song| -> QueuedSong {
        let full = names.get(&song.person_id).cloned().unwrap_or_default();
        QueuedSong {
            id: song.id,
            title: song.title.clone(),
            artist: song.artist.clone(),
            state: song.state,
            position: 0,
            performer: if staff { full } else { short_name(&full) },
            person_id: staff.then_some(song.person_id),
            mine: audience == Audience::Viewer && song.person_id == viewer.person.id,
        }
    };
    let now_singing = songs
        .iter()
        .find(|s| s.state == SongState::Singing)
        .map(&shown);
    let queued: Vec<QueuedSong> = songs
        .iter()
        .filter(|s| s.state == SongState::Queued)
        .enumerate()
        .map(|(i, s)| QueuedSong {
            position: i as i64 + 1,
            ..shown(s)
        })
        .collect();
    let mut done: Vec<&Song> = songs.iter().filter(|s| s.state.is_done()).collect();
    done.sort_by_key(|s| std::cmp::Reverse(s.position));
    let done = done.into_iter().map(&shown).collect();

    let is_open = open(&occurrence);
    let reads = viewer.reads.as_deref();
    let mine = super::page_reads::answer(state, reads, event.id, key, viewer.person.id).await?;
    let can_add = audience == Audience::Viewer
        && is_open
        && viewer.person.role.can(Action::RsvpSelf)
        && mine.is_some_and(|r| r.state == RsvpState::Going);
    let can_run = staff && viewer.person.role.can(Action::CheckIn);
    let mut going = Vec::new();
    if staff && is_open && viewer.person.role.can(Action::RsvpForOthers) {
        for rsvp in super::page_reads::rsvps(state, reads, event.id, key).await? {
            if rsvp.state == RsvpState::Going
                && let Some(person) =
                    super::page_reads::person(state, reads, rsvp.person_id).await?
            {
                going.push((person.id, person.display_name));
            }
        }
    }
    if staff && (!songs.is_empty() || !going.is_empty()) {
        db::audit::record(
            &state.db,
            viewer.facility.id,
            viewer.person.id,
            "view karaoke queue",
            &format!("event {} occurrence {key}", event.id),
        )
        .await?;
    }
    Ok(KaraokeQueue {
        version,
        now_singing,
        queued,
        done,
        can_add,
        can_run,
        open: is_open,
        going,
    })
}

/// Adds a song for `person`: oneself (who must be going), or — staff — a
/// client who is going. Returns the new song's id.
pub async fn add(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
    person: PersonId,
    draft: SongDraft,
) -> Result<SongId, AppError> {
    let (event, occurrence) = target(state, viewer, event, key).await?;
    let for_other = person != viewer.person.id;
    if for_other {
        viewer.require(Action::RsvpForOthers)?;
        let subject = super::people::get(state, viewer, person).await?;
        if subject.status != PersonStatus::Active {
            return Err(AppError::conflict(m::person_discharged()));
        }
    } else {
        viewer.require(Action::RsvpSelf)?;
    }
    require_open(&occurrence)?;
    let song = db::karaoke::add(&state.db, event.id, key, person, &draft, viewer.person.id)
        .await?
        .map_err(|refused| AppError::conflict(refused.0))?;
    if for_other {
        db::audit::record(
            &state.db,
            viewer.facility.id,
            viewer.person.id,
            "add karaoke song for a person",
            &format!("{} person {person}", audit_subject(event.id, key, song)),
        )
        .await?;
    }
    tracing::info!(event_id = %event.id, key = %key, song_id = %song, person_id = %person, by = %viewer.person.id, "karaoke song added");
    Ok(song)
}

/// The song, checked to belong to this occurrence.
async fn song_of(
    state: &AppState,
    event: EventId,
    key: OccurrenceKey,
    song: SongId,
) -> Result<Song, AppError> {
    db::karaoke::get(&state.db, song)
        .await?
        .filter(|s| s.event_id == event && s.key == key)
        .ok_or(AppError::NotFound)
}

/// Withdraws a queued song: one's own, or (staff) anyone's.
pub async fn withdraw(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
    song: SongId,
) -> Result<(), AppError> {
    let (event, occurrence) = target(state, viewer, event, key).await?;
    let found = song_of(state, event.id, key, song).await?;
    let for_other = found.person_id != viewer.person.id;
    if for_other {
        viewer.require(Action::RsvpForOthers)?;
    } else {
        viewer.require(Action::RsvpSelf)?;
    }
    require_open(&occurrence)?;
    db::karaoke::withdraw(&state.db, event.id, key, song)
        .await?
        .map_err(|refused| AppError::conflict(refused.0))?;
    if for_other {
        db::audit::record(
            &state.db,
            viewer.facility.id,
            viewer.person.id,
            "withdraw karaoke song for a person",
            &format!(
                "{} person {}",
                audit_subject(event.id, key, song),
                found.person_id
            ),
        )
        .await?;
    }
    tracing::info!(event_id = %event.id, key = %key, song_id = %song, by = %viewer.person.id, "karaoke song withdrawn");
    Ok(())
}

/// Runs the night (staff): reorder, start, sung, skip, requeue.
pub async fn run(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
    song: SongId,
    command: Command,
) -> Result<(), AppError> {
    viewer.require(Action::CheckIn)?;
    let (event, occurrence) = target(state, viewer, event, key).await?;
    if occurrence.is_cancelled() {
        return Err(AppError::conflict(m::occurrence_cancelled()));
    }
    song_of(state, event.id, key, song).await?;
    db::karaoke::run(&state.db, event.id, key, song, command)
        .await?
        .map_err(|refused| AppError::conflict(refused.0))?;
    db::audit::record(
        &state.db,
        viewer.facility.id,
        viewer.person.id,
        &format!("karaoke queue {}", command.as_str()),
        &audit_subject(event.id, key, song),
    )
    .await?;
    tracing::info!(event_id = %event.id, key = %key, song_id = %song, action = command.as_str(), by = %viewer.person.id, "karaoke queue changed");
    Ok(())
}
