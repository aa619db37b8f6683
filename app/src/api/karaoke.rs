//! The karaoke song queue from the pages: the queue on an occurrence's
//! page, the screen in the room, and the forms that change the queue.

#[cfg(feature = "ssr")]
use crate::i18n::m;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::Done;
use crate::domain::karaoke::KaraokeQueue;
use crate::error::AppError;

/// Where a queue form returns to without JavaScript: the date's page,
/// which opens with the focus on the action's message (no `#karaoke`
/// fragment: a browser does not autofocus a page opened at a fragment).
#[cfg(feature = "ssr")]
fn back(id: i64, key: &str) -> String {
    super::local_path(&format!("/events/{id}/occurrences/{key}"))
}

/// The queue as the viewer may see it (staff: full names, audited).
#[server(prefix = "/fn", endpoint = "karaoke_queue", input = GetUrl)]
pub async fn load_karaoke_queue(id: i64, key: String) -> Result<KaraokeQueue, AppError> {
    use crate::{domain::occurrence::OccurrenceRef, services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    services::karaoke::queue(&state, &viewer, at.event_id, at.key).await
}

/// The queue for the screen in the room: first names and initials only.
#[server(prefix = "/fn", endpoint = "karaoke_screen", input = GetUrl)]
pub async fn load_karaoke_screen(id: i64, key: String) -> Result<KaraokeQueue, AppError> {
    use crate::{domain::occurrence::OccurrenceRef, services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    services::karaoke::screen(&state, &viewer, at.event_id, at.key).await
}

/// The queue's version: the screen polls this and reloads the queue when
/// it moves. One indexed read; no connection is held between polls.
#[server(prefix = "/fn", endpoint = "karaoke_version", input = GetUrl)]
pub async fn karaoke_version(id: i64, key: String) -> Result<i64, AppError> {
    use crate::{domain::occurrence::OccurrenceRef, services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    services::karaoke::version(&state, &viewer, at.event_id, at.key).await
}

/// Adds a song: for oneself, or (staff) for `person_id`.
#[server(prefix = "/fn", endpoint = "add_song")]
pub async fn add_song(
    csrf_token: String,
    id: i64,
    key: String,
    title: String,
    artist: String,
    #[server(default)] person_id: String,
) -> Result<Done, AppError> {
    use crate::domain::{karaoke::SongDraft, occurrence::OccurrenceRef, person::PersonId};
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    let person = match person_id.trim() {
        "" => viewer.person.id,
        text => PersonId(
            text.parse()
                .map_err(|_| AppError::field("person_id", m::field_person_choose()))?,
        ),
    };
    let draft =
        SongDraft::parse(&title, &artist).map_err(|errors| AppError::Validation { errors })?;
    services::karaoke::add(&state, &viewer, at.event_id, at.key, person, draft).await?;
    Ok(Done::to(back(id, &key)).with_flash(m::flash_song_added()))
}

/// Withdraws a queued song (one's own; staff: anyone's).
#[server(prefix = "/fn", endpoint = "withdraw_song")]
pub async fn withdraw_song(
    csrf_token: String,
    id: i64,
    key: String,
    song_id: i64,
) -> Result<Done, AppError> {
    use crate::domain::{karaoke::SongId, occurrence::OccurrenceRef};
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    services::karaoke::withdraw(&state, &viewer, at.event_id, at.key, SongId(song_id)).await?;
    Ok(Done::to(back(id, &key)).with_flash(m::flash_song_withdrawn()))
}

/// Staff running the night: `action` is up, down, move (to `position`),
/// start, sung, skip or requeue.
#[server(prefix = "/fn", endpoint = "run_queue")]
pub async fn run_queue(
    csrf_token: String,
    id: i64,
    key: String,
    song_id: i64,
    action: String,
    #[server(default)] position: String,
) -> Result<Done, AppError> {
    use crate::domain::{karaoke::Command, karaoke::SongId, occurrence::OccurrenceRef};
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let position = match position.trim() {
        "" => None,
        text => Some(
            text.parse::<i64>()
                .map_err(|_| AppError::field("position", m::karaoke_position_required()))?,
        ),
    };
    let command = Command::parse(&action, position).map_err(|m| {
        if action.trim() == "move" {
            AppError::field("position", m)
        } else {
            AppError::field("action", m)
        }
    })?;
    let at = OccurrenceRef::parse(id, &key)?;
    services::karaoke::run(
        &state,
        &viewer,
        at.event_id,
        at.key,
        SongId(song_id),
        command,
    )
    .await?;
    Ok(Done::to(back(id, &key)).with_flash(m::flash_queue_updated()))
}
