//! Server functions: the pages' calls to the server. Each authenticates,
//! parses input into domain types and calls a service; nothing else.
//!
//! Every state-changing function takes a `csrf_token` argument, which the
//! server checks (in one place, `server::forms`) before the function runs.
//! They answer [`Done`]: where the browser goes next and what it says there.

use serde::{Deserialize, Serialize};

use crate::i18n::Message;

pub mod access;
pub mod auth;
pub mod calendar;
pub mod events;
pub mod feeds;
pub mod import;
pub mod karaoke;
pub mod kiosk;
pub mod meetings;
pub mod people;
pub mod reports;
pub mod rsvp;
pub mod settings;
pub mod signups;
pub mod templates;
pub mod transport;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    /// A local path to go to next.
    pub redirect_to: String,
    /// A one-time message for the next page.
    pub flash: Option<Message>,
    /// Load the next page from the server rather than routing in the
    /// browser (after signing in or out, when everything changes).
    pub reload: bool,
}

impl Done {
    pub fn to(path: impl Into<String>) -> Self {
        Done {
            redirect_to: path.into(),
            flash: None,
            reload: false,
        }
    }

    pub fn with_flash(mut self, message: Message) -> Self {
        self.flash = Some(message);
        self
    }
}

/// `path` if it is a path on this site, `/` otherwise (no open redirects).
pub fn local_path(path: &str) -> String {
    let is_local = path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.chars().any(char::is_control);
    if is_local {
        path.to_owned()
    } else {
        "/".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path("/events/3"), "/events/3");
        assert_eq!(local_path("https://evil.example"), "/");
        assert_eq!(local_path("//evil.example"), "/");
        assert_eq!(local_path("/\\evil.example"), "/");
        assert_eq!(local_path(""), "/");
    }
}
