//! 12-step meetings: the outside panel of an on-site meeting
//! (`/api/v1/events/{id}/panel`) and the Meeting Guide import
//! (`/api/v1/imports/meeting-guide`).

use app::domain::event::{EventId, Fellowship};
use app::domain::panel::PanelDraft;
use app::error::AppError;
use app::i18n::{Lang, m};
use app::services;
use app::services::meeting_guide::{GuideOptions, GuideSummary};
use app::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiJson, ApiLang, ApiPath, ApiQuery, ApiResult, ApiViewer, ErrorBody};

/// The panel as everyone who sees the meeting reads it: the group and
/// first names. It has no contact fields.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PanelOut {
    #[schema(example = "Sunrise Group of NA")]
    pub group: String,
    /// First names (a last initial at most).
    #[schema(example = json!(["Dana", "Mike R."]))]
    pub members: Vec<String>,
}

/// How staff reach the panel. Staff only.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PanelContactOut {
    pub phone: String,
    pub email: String,
    /// Notes for coordinating (arrival, parking, who to call).
    pub notes: String,
}

/// The whole panel, as planners set it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PanelStaffOut {
    pub panel: PanelOut,
    pub contact: PanelContactOut,
}

/// A panel to store. Members are first names only: one name, optionally
/// with a last initial ("Mike R."); a full name is refused (422). Sending
/// every field empty removes the panel.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PanelIn {
    pub group: String,
    pub members: Vec<String>,
    pub contact_phone: String,
    pub contact_email: String,
    pub contact_notes: String,
}

/// The outside panel of an on-site 12-step meeting.
#[utoipa::path(
    get,
    path = "/api/v1/events/{id}/panel",
    tag = "meetings",
    params(("id" = i64, Path, description = "Event id")),
    responses(
        (status = 200, body = PanelOut),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "No such event, or it has no panel"),
    )
)]
pub async fn get_panel(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<PanelOut>> {
    let panel = services::panels::panel(&state, &viewer, EventId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(PanelOut {
        group: panel.group,
        members: panel.members,
    }))
}

/// How to reach the panel (staff only).
#[utoipa::path(
    get,
    path = "/api/v1/events/{id}/panel/contact",
    tag = "meetings",
    params(("id" = i64, Path, description = "Event id")),
    responses(
        (status = 200, body = PanelContactOut),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody, description = "Clients never see panel contacts"),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn get_panel_contact(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<PanelContactOut>> {
    let contact = services::panels::contact(&state, &viewer, EventId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(PanelContactOut {
        phone: contact.phone,
        email: contact.email,
        notes: contact.notes,
    }))
}

/// Sets the panel of an on-site 12-step meeting (planners). Audited.
#[utoipa::path(
    put,
    path = "/api/v1/events/{id}/panel",
    tag = "meetings",
    params(("id" = i64, Path, description = "Event id")),
    request_body = PanelIn,
    responses(
        (status = 200, body = PanelStaffOut),
        (status = 204, description = "Every field was empty: the panel is removed"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The event is cancelled"),
        (status = 422, body = ErrorBody, description = "A full name, a bad phone or e-mail, or not an on-site 12-step meeting"),
    )
)]
pub async fn put_panel(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<PanelIn>,
) -> ApiResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let names: Vec<&str> = input.members.iter().map(String::as_str).collect();
    let draft = PanelDraft::check(
        &input.group,
        &names,
        &input.contact_phone,
        &input.contact_email,
        &input.contact_notes,
    )
    .map_err(AppError::from)?;
    services::panels::save(&state, &viewer, EventId(id), &draft).await?;
    if draft.is_empty() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    Ok(Json(PanelStaffOut {
        panel: PanelOut {
            group: draft.panel.group,
            members: draft.panel.members,
        },
        contact: PanelContactOut {
            phone: draft.contact.phone,
            email: draft.contact.email,
            notes: draft.contact.notes,
        },
    })
    .into_response())
}

/// Removes the panel (planners). Audited.
#[utoipa::path(
    delete,
    path = "/api/v1/events/{id}/panel",
    tag = "meetings",
    params(("id" = i64, Path, description = "Event id")),
    responses(
        (status = 204, description = "Removed (or there was none)"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn delete_panel(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    services::panels::save(&state, &viewer, EventId(id), &PanelDraft::default()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GuideParams {
    /// The feed's fellowship: aa (default), na, ca, cma, al_anon or other.
    pub fellowship: Option<String>,
    /// `true`: check and count, write nothing.
    pub dry_run: Option<bool>,
}

/// Imports a Meeting Guide JSON feed (the body: a JSON array of meetings,
/// up to 10 MB). Each in-person weekly meeting becomes an off-site 12-step
/// series; importing again updates by slug and cancels meetings that left
/// the feed. Entries that cannot be imported are listed in `skipped` with
/// their index, slug and reason.
#[utoipa::path(
    post,
    path = "/api/v1/imports/meeting-guide",
    tag = "meetings",
    params(GuideParams),
    request_body(content = Vec<serde_json::Value>, content_type = "application/json",
                 description = "A Meeting Guide feed: https://github.com/code4recovery/spec"),
    responses(
        (status = 200, body = GuideSummaryOut),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody, description = "Only planners import"),
        (status = 413, description = "Larger than 10 MB"),
        (status = 422, body = ErrorBody, description = "Not a Meeting Guide feed, or a bad fellowship"),
    )
)]
pub async fn import_meeting_guide(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiQuery(params): ApiQuery<GuideParams>,
    ApiLang(lang): ApiLang,
    body: Bytes,
) -> ApiResult<Json<GuideSummaryOut>> {
    viewer.require(app::domain::person::Action::ManageEvents)?;
    let fellowship = Fellowship::parse(params.fellowship.as_deref().unwrap_or("aa"))
        .map_err(|m| AppError::field("fellowship", m))?;
    let text = std::str::from_utf8(&body)
        .map_err(|_| AppError::field("file", m::upload_body_not_utf8()))?;
    let summary = services::meeting_guide::import_meeting_guide(
        &state,
        &viewer.facility,
        Some(viewer.person.id),
        text,
        GuideOptions {
            fellowship,
            dry_run: params.dry_run.unwrap_or(false),
        },
        |_, _| {},
    )
    .await?;
    Ok(Json(GuideSummaryOut::new(summary, lang)))
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Serialize, ToSchema)]
pub struct GuideSummaryOut {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Imported before, now missing from the file (or no longer in person).
    pub cancelled: usize,
    /// Cancelled by an earlier import, back in the file.
    pub restored: usize,
    /// Entries left out, with the reason.
    pub skipped: Vec<GuideEntryOut>,
    /// Imported meetings with type codes Hearth does not know (left out).
    pub unknown_types: Vec<GuideEntryOut>,
    pub dry_run: bool,
}

/// One entry that was not imported, or a note about one that was.
#[derive(Debug, Serialize, ToSchema)]
pub struct GuideEntryOut {
    /// Position in the file (0-based).
    pub index: usize,
    pub slug: Option<String>,
    /// Why, in the requester's language.
    pub reason: String,
}

impl GuideSummaryOut {
    fn new(summary: GuideSummary, lang: Lang) -> Self {
        let entries = |list: Vec<services::meeting_guide::GuideEntry>| {
            list.into_iter()
                .map(|e| GuideEntryOut {
                    index: e.index,
                    slug: e.slug,
                    reason: e.reason.render(lang).into_owned(),
                })
                .collect()
        };
        GuideSummaryOut {
            created: summary.created,
            updated: summary.updated,
            unchanged: summary.unchanged,
            cancelled: summary.cancelled,
            restored: summary.restored,
            skipped: entries(summary.skipped),
            unknown_types: entries(summary.unknown_types),
            dry_run: summary.dry_run,
        }
    }
}
