//! The facility's settings (admins).

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
    })
}

/// `public_board` is a checkbox: present when ticked.
#[server(prefix = "/fn", endpoint = "save_settings")]
pub async fn save_settings(
    csrf_token: String,
    name: String,
    timezone: String,
    #[server(default)] public_board: Option<String>,
) -> Result<Done, AppError> {
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let public = public_board.is_some();
    services::facilities::save_settings(&state, &viewer, &name, &timezone, public).await?;
    Ok(Done::to("/settings").with_flash("Settings saved."))
}
