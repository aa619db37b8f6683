//! What every request handler and server function can reach.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::db::Db;

/// Settings the running server was started with.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Public base URL without a trailing slash, e.g. `https://hearth.example.org`.
    pub site_url: String,
    /// Trust `X-Forwarded-For` for the client's address (behind a proxy).
    pub trust_proxy: bool,
}

impl Settings {
    /// Cookies get the `Secure` flag (and the `__Host-` name prefix) when
    /// the site is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.site_url.starts_with("https://")
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub leptos_options: LeptosOptions,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
