//! The frame around every page.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::form::{CsrfField, follow_done};
use crate::api::auth::SignOut;
use crate::i18n::{Message, use_i18n};
use crate::page_context::{PageContext, use_page_context};

/// A one-time message shown at the top of one page ("Event created").
#[derive(Clone, Copy)]
pub struct Flash(RwSignal<Option<(Option<String>, Message)>>);

impl Flash {
    /// The message the server passed along with the page, if any; it
    /// belongs to the first page shown.
    pub fn from_page(page: &PageContext) -> Self {
        Flash(RwSignal::new(page.flash.clone().map(|m| (None, m))))
    }

    /// Shows `message` on the page at `path`.
    pub fn show(&self, path: &str, message: Message) {
        let path = path.split('?').next().unwrap_or(path).to_owned();
        self.0.set(Some((Some(path), message)));
    }

    fn claim(&self, path: &str) {
        self.0.update(|flash| {
            if let Some((owner @ None, _)) = flash {
                *owner = Some(path.to_owned());
            }
        });
    }

    fn for_path(&self, path: &str) -> Option<Message> {
        self.0.with(|flash| match flash {
            Some((Some(owner), message)) if owner == path => Some(message.clone()),
            _ => None,
        })
    }
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let t = use_i18n();
    let page = use_page_context();
    let location = use_location();
    let flash = expect_context::<Flash>();
    flash.claim(&location.pathname.get_untracked());
    let message = move || flash.for_path(&location.pathname.get());
    let can_manage = page.viewer.as_ref().is_some_and(|v| v.can_manage_events);
    let can_configure = page.viewer.as_ref().is_some_and(|v| v.can_manage_facility);
    let can_report = page.viewer.as_ref().is_some_and(|v| v.can_view_reports);
    let is_staff = page.viewer.as_ref().is_some_and(|v| v.role.is_staff());
    let signed_in = page.viewer.is_some();
    // The board is for a screen on the wall, the kiosk for the common
    // room, the karaoke screen for the TV: no header, no links.
    let path = location.pathname.get_untracked();
    if path == "/today" || path.starts_with("/kiosk") || path.ends_with("/karaoke") {
        return view! {
            <main id="main" class="board-page">
                {children()}
            </main>
        }
        .into_any();
    }
    let account = match page.viewer {
        Some(viewer) => view! {
            <p class="signed-in">
                {t.signed_in_as()} " " <strong data-testid="viewer-name">{viewer.name}</strong>
            </p>
            <SignOutButton />
        }
        .into_any(),
        None => view! { <a href="/sign-in">{t.sign_in()}</a> }.into_any(),
    };
    view! {
        <a class="skip-link" href="#main">
            {t.skip_to_content()}
        </a>
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-name">{t.app_name()}</span>
                <span class="brand-facility">{page.facility_name}</span>
            </a>
            <nav aria-label="Main">
                <ul>
                    {signed_in
                        .then(|| {
                            view! {
                                <li>
                                    <a href="/calendar">{t.nav_calendar()}</a>
                                </li>
                                <li>
                                    <a href="/me">{t.nav_my_schedule()}</a>
                                </li>
                            }
                        })}
                    {can_manage
                        .then(|| {
                            view! {
                                <li>
                                    <a href="/events/new">{t.nav_new_event()}</a>
                                </li>
                                <li>
                                    <a href="/templates">{t.nav_templates()}</a>
                                </li>
                                <li>
                                    <a href="/events/import">{t.nav_import()}</a>
                                </li>
                            }
                        })}
                    {is_staff
                        .then(|| {
                            view! {
                                <li>
                                    <a href="/people">{t.nav_people()}</a>
                                </li>
                            }
                        })}
                    {can_report
                        .then(|| {
                            view! {
                                <li>
                                    <a href="/reports">{t.nav_reports()}</a>
                                </li>
                            }
                        })}
                    {can_configure
                        .then(|| {
                            view! {
                                <li>
                                    <a href="/settings">{t.nav_settings()}</a>
                                </li>
                                <li>
                                    <a href="/audit">{t.nav_audit()}</a>
                                </li>
                            }
                        })}
                </ul>
            </nav>
            <div class="account">{account}</div>
        </header>
        <main id="main" tabindex="-1">
            {move || message().map(|m| view! { <p class="flash" role="status">{t.render(&m)}</p> })}
            {children()}
        </main>
    }
    .into_any()
}

#[component]
fn SignOutButton() -> impl IntoView {
    let t = use_i18n();
    let action = ServerAction::<SignOut>::new();
    follow_done(action.value());
    view! {
        <ActionForm action attr:class="sign-out">
            <CsrfField />
            <button type="submit" class="link-button">
                {t.sign_out()}
            </button>
        </ActionForm>
    }
}
