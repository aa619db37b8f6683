//! What a page shows when its data could not be loaded.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::not_found::NotFound;

/// Sends visitors who are not signed in to the sign-in page (and back
/// afterwards); shows "not found" with a 404; says what went wrong otherwise.
#[component]
pub fn PageError(error: AppError) -> impl IntoView {
    match error {
        AppError::Unauthorized => {
            let location = use_location();
            let here = location.pathname.get_untracked();
            let next: String = form_urlencoded_component(&here);
            view! { <Redirect path=format!("/sign-in?next={next}") /> }.into_any()
        }
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        other => {
            set_status(other.status());
            view! {
                <div class="error-panel" role="alert">
                    <p>{other.render(use_i18n().lang)}</p>
                </div>
            }
            .into_any()
        }
    }
}

/// Percent-encodes a path for use as a query value.
fn form_urlencoded_component(input: &str) -> String {
    input
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Sets the HTTP status of the page being rendered on the server.
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(status),
    ) {
        response.set_status(code);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}
