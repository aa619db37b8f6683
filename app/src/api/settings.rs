//! The facility's settings (admins).

#[cfg(feature = "ssr")]
use crate::i18n::m;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::Done;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub name: String,
    pub timezone: String,
    pub public_board: bool,
    pub public_feeds: bool,
    pub public_feeds_twelve_step: bool,
    pub retention_days: i64,
    pub kiosk_idle_seconds: i64,
    pub default_lang: crate::i18n::Lang,
    pub clock: crate::i18n::Clock,
    pub first_day: crate::domain::calendar::FirstDay,
}

#[server(prefix = "/fn", endpoint = "get_settings", input = GetUrl)]
pub async fn get_settings() -> Result<Settings, AppError> {
    use crate::domain::person::Action;
    use crate::web;
    let viewer = web::viewer()?;
    viewer.require(Action::ManageFacility)?;
    Ok(Settings {
        name: viewer.facility.name.clone(),
        timezone: viewer.facility.timezone.clone(),
        public_board: viewer.facility.public_board,
        public_feeds: viewer.facility.public_feeds,
        public_feeds_twelve_step: viewer.facility.public_feeds_twelve_step,
        retention_days: viewer.facility.retention_days,
        kiosk_idle_seconds: viewer.facility.kiosk_idle_seconds,
        default_lang: viewer.facility.default_lang,
        clock: viewer.facility.clock,
        first_day: viewer.facility.first_day,
    })
}

/// The settings form as posted: text as typed, checked by [`save_settings`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsForm {
    pub name: String,
    pub timezone: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    pub public_board: Option<String>,
    #[serde(default)]
    pub retention_days: String,
    #[serde(default)]
    pub kiosk_idle_seconds: String,
    #[serde(default)]
    pub default_lang: String,
    #[serde(default)]
    pub clock: String,
    #[serde(default)]
    pub first_day: String,
}

#[server(prefix = "/fn", endpoint = "save_settings")]
pub async fn save_settings(
    csrf_token: String,
    #[server(flatten)] form: SettingsForm,
) -> Result<Done, AppError> {
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let SettingsForm {
        name,
        timezone,
        public_board,
        retention_days,
        kiosk_idle_seconds,
        default_lang,
        clock,
        first_day,
    } = form;
    let public = public_board.is_some();
    let number = |field: &str, text: &str, default: i64, min: i64| -> Result<i64, AppError> {
        match text.trim() {
            "" => Ok(default),
            text => text
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= min && *n <= 3650)
                .ok_or_else(|| AppError::field(field, m::settings_number_range(min, 3650))),
        }
    };
    let retention = number(
        "retention_days",
        &retention_days,
        viewer.facility.retention_days,
        0,
    )?;
    let idle = number(
        "kiosk_idle_seconds",
        &kiosk_idle_seconds,
        viewer.facility.kiosk_idle_seconds,
        10,
    )?;
    let lang = match default_lang.trim() {
        "" => viewer.facility.default_lang,
        code => crate::i18n::Lang::from_code(code).ok_or_else(|| {
            AppError::field("default_lang", m::error_language_unknown(code.to_owned()))
        })?,
    };
    let clock = match clock.trim() {
        "" => viewer.facility.clock,
        text => crate::i18n::Clock::parse(text)
            .ok_or_else(|| AppError::field("clock", m::settings_clock_unknown()))?,
    };
    let first_day = match first_day.trim() {
        "" => viewer.facility.first_day,
        text => crate::domain::calendar::FirstDay::parse(text)
            .ok_or_else(|| AppError::field("first_day", m::settings_first_day_unknown()))?,
    };
    services::facilities::save_settings(&state, &viewer, &name, &timezone, public).await?;
    services::facilities::save_policies(&state, &viewer, retention, idle, lang).await?;
    services::facilities::save_calendar_style(&state, &viewer, clock, first_day).await?;

    Ok(Done::to("/settings").with_flash(m::flash_settings_saved()))
}

/// The facility calendar feeds: on or off, and 12-step meetings in them
/// (checkboxes: present when ticked).
#[server(prefix = "/fn", endpoint = "save_feed_settings")]
pub async fn save_feed_settings(
    csrf_token: String,
    #[server(default)] public_feeds: Option<String>,
    #[server(default)] public_feeds_twelve_step: Option<String>,
) -> Result<Done, AppError> {
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::facilities::save_feed_settings(
        &state,
        &viewer,
        public_feeds.is_some(),
        public_feeds_twelve_step.is_some(),
    )
    .await?;
    Ok(Done::to("/settings").with_flash(m::flash_feed_settings_saved()))
}
