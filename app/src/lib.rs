//! Hearth's Leptos application: pages, components, server functions and —
//! with the `ssr` feature — the services and database behind them.

// The event pages' view types nest deeply; the wasm build's layout queries
// need more than the default depth.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod domain;
#[cfg(feature = "hydrate")]
pub mod enhance;
pub mod error;
pub mod i18n;
pub mod page_context;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod fuzz;
#[cfg(feature = "ssr")]
pub mod ical;
#[cfg(feature = "ssr")]
pub mod services;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod web;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::layout::{Flash, Layout};
use crate::page_context::PageContext;
use crate::pages::{
    access::{ChangePasswordPage, SessionsPage},
    calendar::{BoardPage, CalendarPage, PrintMonthPage},
    event::{EventPage, OccurrencePage},
    event_editor::EditEventPage,
    event_editor::EditOccurrencePage,
    event_editor::NewEventPage,
    home::HomePage,
    import::ImportPage,
    karaoke_screen::KaraokeScreenPage,
    kiosk::{KioskHomePage, KioskPage},
    manifest::ManifestPage,
    me::MySchedulePage,
    not_found::NotFound,
    people::{NewClientPage, PeoplePage, PersonPage},
    reports::{AuditPage, ReportsPage},
    roster::RosterPage,
    settings::SettingsPage,
    sign_in::SignInPage,
    signup_sheet::SignupSheetPage,
    subscribe::{MyCalendarPage, PersonCalendarPage, PosterPage, SubscribePage},
    templates::TemplatesPage,
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let lang = crate::web::request_context()
        .map(|c| c.lang)
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let lang = crate::i18n::Lang::default();
    #[cfg(feature = "ssr")]
    let alternates = language_alternates();
    #[cfg(not(feature = "ssr"))]
    let alternates: Vec<(&'static str, String)> = Vec::new();
    #[cfg(feature = "ssr")]
    content_security_policy();
    let stylesheet = format!("/{}/hearth.css", options.site_pkg_dir);
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="stylesheet" href=stylesheet />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                {alternates
                    .into_iter()
                    .map(|(hreflang, href)| view! { <link rel="alternate" hreflang=hreflang href=href /> })
                    .collect_view()}
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The page in each language (`?lang=`), for `<link rel="alternate"
/// hreflang>`; `x-default` is the page as the reader's own choice makes it.
#[cfg(feature = "ssr")]
fn language_alternates() -> Vec<(&'static str, String)> {
    let Some(parts) = use_context::<axum::http::request::Parts>() else {
        return Vec::new();
    };
    let site = use_context::<crate::state::AppState>()
        .map(|state| state.settings.site_url.clone())
        .unwrap_or_default();
    let path = parts.uri.path();
    let others: Vec<&str> = parts
        .uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("lang="))
        .collect();
    let with = |extra: Option<String>| {
        let pairs: Vec<String> = others
            .iter()
            .map(|p| (*p).to_owned())
            .chain(extra)
            .collect();
        if pairs.is_empty() {
            format!("{site}{path}")
        } else {
            format!("{site}{path}?{}", pairs.join("&"))
        }
    };
    crate::i18n::Lang::ALL
        .into_iter()
        .map(|lang| (lang.code(), with(Some(format!("lang={}", lang.code())))))
        .chain(std::iter::once(("x-default", with(None))))
        .collect()
}

/// A page's Content-Security-Policy: scripts only from Hearth itself or
/// carrying this response's nonce (leptos_axum makes one per response and
/// puts it on the hydration scripts), wasm allowed to compile, nothing
/// framed, posted or based elsewhere.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    use axum::http::{HeaderValue, header};
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The one route table.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let page = current_page_context();
    provide_context(crate::i18n::Tr {
        clock: page.clock,
        first_day: page.first_day,
        ..crate::i18n::Tr::new(page.lang)
    });
    provide_context(Flash::from_page(&page));
    provide_context(page);

    view! {
        <Title formatter=|title: String| {
            if title.is_empty() { "Hearth".to_owned() } else { format!("{title} · Hearth") }
        } />
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/calendar") view=CalendarPage ssr=SsrMode::Async />
                    <Route path=path!("/calendar/print") view=PrintMonthPage ssr=SsrMode::Async />
                    <Route path=path!("/today") view=BoardPage ssr=SsrMode::Async />
                    <Route path=path!("/templates") view=TemplatesPage ssr=SsrMode::Async />
                    <Route path=path!("/settings") view=SettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/me") view=MySchedulePage ssr=SsrMode::Async />
                    <Route path=path!("/me/calendar") view=MyCalendarPage ssr=SsrMode::Async />
                    <Route path=path!("/me/sessions") view=SessionsPage ssr=SsrMode::Async />
                    <Route path=path!("/me/password") view=ChangePasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/subscribe") view=SubscribePage ssr=SsrMode::Async />
                    <Route path=path!("/subscribe/poster") view=PosterPage ssr=SsrMode::Async />
                    <Route path=path!("/people") view=PeoplePage ssr=SsrMode::Async />
                    <Route path=path!("/people/new") view=NewClientPage ssr=SsrMode::Async />
                    <Route path=path!("/people/:id") view=PersonPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/people/:id/calendar")
                        view=PersonCalendarPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/kiosk") view=KioskPage ssr=SsrMode::Async />
                    <Route path=path!("/kiosk/home") view=KioskHomePage ssr=SsrMode::Async />
                    <Route path=path!("/reports") view=ReportsPage ssr=SsrMode::Async />
                    <Route path=path!("/audit") view=AuditPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/events/:id/occurrences/:key/roster")
                        view=RosterPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/events/:id/occurrences/:key/manifest")
                        view=ManifestPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/events/:id/occurrences/:key/signups")
                        view=SignupSheetPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/events/new") view=NewEventPage ssr=SsrMode::Async />
                    <Route path=path!("/events/import") view=ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/events/:id") view=EventPage ssr=SsrMode::Async />
                    <Route path=path!("/events/:id/edit") view=EditEventPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/events/:id/occurrences/:key")
                        view=OccurrencePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/events/:id/occurrences/:key/karaoke")
                        view=KaraokeScreenPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/events/:id/occurrences/:key/edit")
                        view=EditOccurrencePage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </Layout>
        </Router>
    }
}

fn current_page_context() -> PageContext {
    #[cfg(feature = "ssr")]
    {
        page_context::current()
    }
    #[cfg(not(feature = "ssr"))]
    {
        PageContext::default()
    }
}

/// The wasm entry point, called by the `frontend` crate.
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
    enhance::page();
    // Tells tests (and curious people) that the wasm bundle took over.
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
