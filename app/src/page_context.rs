//! What every page knows about the request it renders for. Computed on the
//! server, serialized into the page and read back during hydration, so the
//! server's HTML and the browser's first render agree.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::FirstDay;
use crate::domain::person::Role;
use crate::error::AppError;
use crate::i18n::{Clock, Lang, Message};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageContext {
    /// The CSRF token every state-changing form carries.
    pub csrf_token: String,
    pub viewer: Option<ViewerInfo>,
    pub facility_name: String,
    /// The facility's IANA time zone; event times are entered in it.
    pub facility_timezone: String,
    /// The language the page is written in.
    pub lang: Lang,
    /// How the facility writes times of day.
    pub clock: Clock,
    /// The day the facility's weeks start on.
    pub first_day: FirstDay,
    /// A one-time message from the previous request ("Event created").
    pub flash: Option<Message>,
    /// Signed in with a PIN on a kiosk.
    pub kiosk: bool,
    /// Seconds idle before a kiosk signs out.
    pub kiosk_idle_seconds: i64,
    /// Seconds left before this kiosk session ends unless someone touches
    /// the screen (kiosk sessions only).
    pub kiosk_seconds_left: Option<i64>,
    /// A form posted without JavaScript that was refused: what was typed and
    /// why, so the page can show both.
    pub submission: Option<FormSubmission>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewerInfo {
    pub person_id: i64,
    pub name: String,
    pub role: Role,
    pub can_manage_events: bool,
    pub can_manage_facility: bool,
    pub can_view_reports: bool,
    /// The language the person chose for themselves (`None`: the
    /// browser's).
    pub lang: Option<Lang>,
    /// The password was reset: a new one must be chosen before anything
    /// else.
    #[serde(default)]
    pub must_change_password: bool,
}

/// A refused no-JavaScript form post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormSubmission {
    /// The server function URL the form posted to.
    pub action: String,
    /// The fields as posted (passwords removed).
    pub fields: Vec<(String, String)>,
    pub error: AppError,
}

impl FormSubmission {
    /// Every value posted under `name` (checkboxes sharing a name).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The page context provided by [`crate::App`].
pub fn use_page_context() -> PageContext {
    use_context::<PageContext>().unwrap_or_default()
}

/// Builds the page context for the current request (on the server).
#[cfg(feature = "ssr")]
pub fn current() -> PageContext {
    use crate::domain::person::Action;
    let Some(request) = crate::web::request_context() else {
        return PageContext::default();
    };
    PageContext {
        csrf_token: request.csrf_token.clone(),
        viewer: request.viewer.as_ref().map(|v| ViewerInfo {
            person_id: v.person.id.0,
            name: v.person.display_name.clone(),
            role: v.person.role,
            can_manage_events: v.person.role.can(Action::ManageEvents),
            can_manage_facility: v.person.role.can(Action::ManageFacility),
            can_view_reports: v.person.role.can(Action::ViewReports),
            lang: v.person.lang,
            must_change_password: v.person.must_change_password,
        }),
        facility_name: request.facility.name.clone(),
        facility_timezone: request.facility.timezone.clone(),
        kiosk: request.viewer.as_ref().is_some_and(|v| v.kiosk.is_some()),
        kiosk_idle_seconds: request.facility.kiosk_idle_seconds,
        kiosk_seconds_left: request
            .viewer
            .as_ref()
            .filter(|v| v.kiosk.is_some())
            .and_then(|v| v.session_expires_at)
            .map(|at| (at - crate::db::now()).num_seconds().max(0)),
        lang: request.lang,
        clock: request.facility.clock,
        first_day: request.facility.first_day,
        flash: request.flash.clone(),
        submission: request.submission.clone(),
    }
}
