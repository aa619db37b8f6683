//! `/api/v1/events/{id}/occurrences/{key}/songs`: the karaoke song queue.

use app::domain::karaoke::{Command, KaraokeQueue, QueuedSong, SongDraft, SongId, SongState};
use app::domain::occurrence::OccurrenceRef;
use app::domain::person::PersonId;
use app::error::AppError;
use app::services;
use app::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, ApiPath, ApiResult, ApiViewer, ErrorBody};

/// One song in the queue.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SongOut {
    pub id: i64,
    pub title: String,
    pub artist: String,
    pub state: SongState,
    /// Place in line for queued songs (1 is next); 0 while being sung.
    pub position: i64,
    /// Staff: the full name. Everyone else: first name and last initial.
    pub performer: String,
    /// The performer's id (staff only).
    pub person_id: Option<i64>,
    /// The caller's own song.
    pub mine: bool,
}

impl From<QueuedSong> for SongOut {
    fn from(song: QueuedSong) -> Self {
        SongOut {
            id: song.id.0,
            title: song.title,
            artist: song.artist,
            state: song.state,
            position: song.position,
            performer: song.performer,
            person_id: song.person_id.map(|p| p.0),
            mine: song.mine,
        }
    }
}

/// An occurrence's queue.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct QueueOut {
    /// Changes with every change to the queue.
    pub version: i64,
    pub now_singing: Option<SongOut>,
    /// Waiting, in line order.
    pub queued: Vec<SongOut>,
    /// Sung and skipped, most recent first.
    pub done: Vec<SongOut>,
    /// The caller is going and may add songs.
    pub can_add: bool,
    /// The caller may run the queue (staff).
    pub can_run: bool,
}

impl From<KaraokeQueue> for QueueOut {
    fn from(queue: KaraokeQueue) -> Self {
        QueueOut {
            version: queue.version,
            now_singing: queue.now_singing.map(SongOut::from),
            queued: queue.queued.into_iter().map(SongOut::from).collect(),
            done: queue.done.into_iter().map(SongOut::from).collect(),
            can_add: queue.can_add,
            can_run: queue.can_run,
        }
    }
}

/// The queue of a karaoke occurrence: now singing, waiting in order, and
/// done. Staff see full names (written to the audit log); everyone else
/// sees first name and last initial. Other kinds of events answer 404.
#[utoipa::path(
    get,
    path = "/api/v1/events/{id}/occurrences/{key}/songs",
    tag = "karaoke",
    params(("id" = i64, Path), ("key" = String, Path)),
    responses(
        (status = 200, body = QueueOut),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "No such karaoke occurrence"),
        (status = 422, body = ErrorBody, description = "Bad key"),
    )
)]
pub async fn list_songs(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key_text)): ApiPath<(i64, String)>,
) -> ApiResult<Json<QueueOut>> {
    let at = OccurrenceRef::parse(id, &key_text)?;
    let queue = services::karaoke::queue(&state, &viewer, at.event_id, at.key).await?;
    Ok(Json(queue.into()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SongIn {
    /// 1 to 120 characters.
    pub title: String,
    /// 1 to 120 characters.
    pub artist: String,
    /// Staff adding for someone who is going; omit for oneself.
    #[serde(default)]
    pub person_id: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SongCreated {
    pub id: i64,
}

/// Adds a song to the end of the queue, for oneself or (staff) for a
/// person who is going. The singer must be going (RSVP); up to 3 songs per
/// person wait at a time.
#[utoipa::path(
    post,
    path = "/api/v1/events/{id}/occurrences/{key}/songs",
    tag = "karaoke",
    params(("id" = i64, Path), ("key" = String, Path)),
    request_body = SongIn,
    responses(
        (status = 201, body = SongCreated),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody, description = "Adding for someone else without being staff"),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Not going, over the limit, or the night is over"),
        (status = 422, body = ErrorBody, description = "Bad title, artist or key"),
    )
)]
pub async fn add_song(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key_text)): ApiPath<(i64, String)>,
    ApiJson(input): ApiJson<SongIn>,
) -> ApiResult<(StatusCode, Json<SongCreated>)> {
    let at = OccurrenceRef::parse(id, &key_text)?;
    let draft = SongDraft::parse(&input.title, &input.artist)
        .map_err(|errors| AppError::Validation { errors })?;
    let person = input.person_id.map_or(viewer.person.id, PersonId);
    let song = services::karaoke::add(&state, &viewer, at.event_id, at.key, person, draft).await?;
    Ok((StatusCode::CREATED, Json(SongCreated { id: song.0 })))
}

/// Withdraws a song still waiting in the queue: one's own, or (staff)
/// anyone's.
#[utoipa::path(
    delete,
    path = "/api/v1/events/{id}/occurrences/{key}/songs/{song_id}",
    tag = "karaoke",
    params(("id" = i64, Path), ("key" = String, Path), ("song_id" = i64, Path)),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Already sung, on stage, or the night is over"),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn withdraw_song(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key_text, song)): ApiPath<(i64, String, i64)>,
) -> ApiResult<StatusCode> {
    let at = OccurrenceRef::parse(id, &key_text)?;
    services::karaoke::withdraw(&state, &viewer, at.event_id, at.key, SongId(song)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveIn {
    /// For `move`: the place in line (1 is next; past the end means last).
    pub position: Option<i64>,
}

/// Runs the night (staff): `action` is `up`, `down`, `move` (body
/// `{"position": n}`), `start` (now singing; whoever was singing goes back
/// to the front of the line), `sung` or `skip` (the next in line starts),
/// `requeue` (a skipped song goes back to the end of the line). Answers the
/// queue after the change.
#[utoipa::path(
    post,
    path = "/api/v1/events/{id}/occurrences/{key}/songs/{song_id}/{action}",
    tag = "karaoke",
    params(
        ("id" = i64, Path),
        ("key" = String, Path),
        ("song_id" = i64, Path),
        ("action" = String, Path, description = "up, down, move, start, sung, skip or requeue"),
    ),
    request_body(content = Option<MoveIn>, description = "Only for move"),
    responses(
        (status = 200, body = QueueOut),
        (status = 400, body = ErrorBody, description = "A body that is not JSON"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody, description = "Not staff"),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Not possible in the song's state"),
        (status = 422, body = ErrorBody, description = "Unknown action or bad position"),
    )
)]
pub async fn run_queue(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key_text, song, action)): ApiPath<(i64, String, i64, String)>,
    body: Bytes,
) -> ApiResult<Json<QueueOut>> {
    let at = OccurrenceRef::parse(id, &key_text)?;
    let input: MoveIn = if body.iter().all(u8::is_ascii_whitespace) {
        MoveIn::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| AppError::bad_request(app::i18n::m::api_body_unreadable(e.to_string())))?
    };
    let command = Command::parse(&action, input.position).map_err(|m| {
        let field = if action == "move" {
            "position"
        } else {
            "action"
        };
        AppError::field(field, m)
    })?;
    services::karaoke::run(&state, &viewer, at.event_id, at.key, SongId(song), command).await?;
    let queue = services::karaoke::queue(&state, &viewer, at.event_id, at.key).await?;
    Ok(Json(queue.into()))
}
