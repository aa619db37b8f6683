//! The .ics upload page's data: the kinds to choose from and, right after
//! an upload, what it did. The upload itself is a multipart POST to
//! `/events/import` handled by the server (`server::import`), which renders
//! this page again with the outcome.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::Message;

/// One skipped entry of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedEntry {
    /// The entry's title or UID, or "#3 (slug)"; empty when it has none.
    pub what: String,
    pub reason: Message,
}

/// What an upload did, for the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadResult {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: Vec<SkippedEntry>,
}

/// What a Meeting Guide upload did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideResult {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub cancelled: usize,
    pub restored: usize,
    pub skipped: Vec<SkippedEntry>,
    pub unknown_types: Vec<SkippedEntry>,
    pub dry_run: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPageData {
    /// The outcome of the .ics upload this page answers, if it answers
    /// one: the summary, or why the file was refused.
    pub result: Option<Result<UploadResult, Message>>,
    /// The same for a Meeting Guide upload.
    pub guide: Option<Result<GuideResult, Message>>,
    pub max_megabytes: usize,
}

#[server(prefix = "/fn", endpoint = "import_page", input = GetUrl)]
pub async fn import_page() -> Result<ImportPageData, AppError> {
    use crate::domain::person::Action;
    use crate::services::import::UploadOutcome;
    use crate::services::meeting_guide::GuideUploadOutcome;
    use crate::web;
    let viewer = web::viewer()?;
    viewer.require(Action::ManageEvents)?;
    let outcome = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<UploadOutcome>().cloned());
    let result = outcome.map(|UploadOutcome(outcome)| {
        outcome.map(|summary| UploadResult {
            created: summary.created,
            updated: summary.updated,
            unchanged: summary.unchanged,
            skipped: summary
                .skipped
                .into_iter()
                .map(|s| SkippedEntry {
                    what: s.what,
                    reason: s.reason,
                })
                .collect(),
        })
    });
    let guide = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<GuideUploadOutcome>().cloned())
        .map(|GuideUploadOutcome(outcome)| {
            outcome.map(|s| {
                let entries = |list: Vec<crate::services::meeting_guide::GuideEntry>| {
                    list.into_iter()
                        .map(|e| SkippedEntry {
                            what: e.what(),
                            reason: e.reason,
                        })
                        .collect()
                };
                GuideResult {
                    created: s.created,
                    updated: s.updated,
                    unchanged: s.unchanged,
                    cancelled: s.cancelled,
                    restored: s.restored,
                    skipped: entries(s.skipped),
                    unknown_types: entries(s.unknown_types),
                    dry_run: s.dry_run,
                }
            })
        });
    Ok(ImportPageData {
        result,
        guide,
        max_megabytes: crate::ical::import::MAX_BYTES / 1024 / 1024,
    })
}
