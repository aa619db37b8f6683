//! Participation reports and the audit log.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{Lang, Message};

/// Participation per client and kind of event over a date range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    pub rows: Vec<ParticipationRow>,
    /// The language its reader reads Hearth in (their own choice, or the
    /// facility's): the CSV's headings are in it.
    #[serde(default)]
    pub lang: Lang,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipationRow {
    /// First name and initial, or "Former client" after the retention
    /// window.
    pub name: String,
    pub kind: String,
    /// How many times each engagement code was recorded.
    pub attended: i64,
    pub left_early: i64,
    pub refused: i64,
    pub unavailable: i64,
    pub no_show: i64,
}

/// The report for `from`..=`to` (local dates; empty: the last 30 days).
#[server(prefix = "/fn", endpoint = "participation", input = GetUrl)]
pub async fn load_participation(
    #[server(default)] from: String,
    #[server(default)] to: String,
) -> Result<Participation, AppError> {
    use crate::{services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::reports::participation(&state, &viewer, &from, &to, false).await
}

/// One audit entry, for the reader to put into words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    /// When, on the facility's wall clock.
    pub at: chrono::NaiveDateTime,
    /// Who did it (their name, or `#id` when the account is gone); `None`:
    /// Hearth itself.
    pub who: Option<String>,
    /// What was done, and to what (see `domain::audit`).
    pub what: Message,
}

/// The newest 200 audit entries (admins).
#[server(prefix = "/fn", endpoint = "audit_log", input = GetUrl)]
pub async fn audit_log() -> Result<Vec<AuditLine>, AppError> {
    use crate::{services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::reports::audit_log(&state, &viewer).await
}
