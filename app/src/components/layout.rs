//! The frame around every page.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::form::{CsrfField, follow_done};
use super::language::LanguageSwitch;
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
    let countdown = page
        .kiosk
        .then(|| view! { <KioskCountdown context=super::island::IslandContext::here() /> });
    if path == "/today" || path.starts_with("/kiosk") || path.ends_with("/karaoke") {
        // A kiosk client picks their language for their session.
        let switch = path
            .starts_with("/kiosk")
            .then(|| view! { <LanguageSwitch /> });
        return view! {
            {countdown}
            {switch}
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
            <nav aria-label=t.nav_main()>
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
            <LanguageSwitch />
        </header>
        {countdown}
        <main id="main" tabindex="-1">
            {move || message().map(|m| view! { <p class="flash" role="status" tabindex="-1" autofocus=true>{t.render(&m)}</p> })}
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

/// On a kiosk, every page counts down to the client's sign-out: a touch
/// (or a key) tells the server a person is still there and starts the
/// count over; at zero the tablet goes back to the kiosk's sign-in. The
/// server ends the session at the same moment whether or not this runs;
/// the page still signs out itself before it leaves, since its count and
/// the server's clock may differ by part of a second, and the kiosk home
/// must not open as the client who just walked away.
#[island]
fn KioskCountdown(context: super::island::IslandContext) -> impl IntoView {
    use crate::api::{access::kiosk_still_here, auth::sign_out};
    context.provide();
    let t = use_i18n();
    let page = use_page_context();
    let left = RwSignal::new(page.kiosk_seconds_left.unwrap_or(page.kiosk_idle_seconds));
    let csrf = page.csrf_token.clone();
    // Seconds since the page opened, counted by the timer below.
    let ticks = StoredValue::new(0_i64);
    let leaving = StoredValue::new(false);
    let csrf_out = csrf.clone();
    Effect::new(move |_| {
        let csrf_out = csrf_out.clone();
        if let Ok(handle) = set_interval_with_handle(
            move || {
                ticks.update_value(|t| *t += 1);
                let now = left.get_untracked() - 1;
                left.set(now.max(0));
                if now <= 0 && !leaving.get_value() {
                    leaving.set_value(true);
                    let csrf = csrf_out.clone();
                    leptos::task::spawn_local(async move {
                        // Whether or not the server had already ended it.
                        let _ = sign_out(csrf).await;
                        let _ = window().location().assign("/kiosk?signed-out");
                    });
                }
            },
            std::time::Duration::from_secs(1),
        ) {
            on_cleanup(move || handle.clear());
        }
        // At most one "still here" every few seconds, however busy the
        // fingers.
        let last_call = StoredValue::new(-5_i64);
        let csrf = csrf.clone();
        let touched = move || {
            let now = ticks.get_value();
            if now - last_call.get_value() < 5 {
                return;
            }
            last_call.set_value(now);
            let csrf = csrf.clone();
            leptos::task::spawn_local(async move {
                if let Ok(seconds) = kiosk_still_here(csrf).await {
                    left.set(seconds);
                }
            });
        };
        let on_pointer = {
            let touched = touched.clone();
            window_event_listener(leptos::ev::pointerdown, move |_| touched())
        };
        let on_key = window_event_listener(leptos::ev::keydown, move |_| touched());
        on_cleanup(move || {
            on_pointer.remove();
            on_key.remove();
        });
    });
    let urgent = move || left.get() <= 15;
    view! {
        <div class="kiosk-countdown" class:urgent=urgent data-testid="kiosk-countdown">
            <p role="timer" aria-live="off">
                {move || t.kiosk_countdown(left.get())}
                " "
                {t.kiosk_countdown_hint()}
            </p>
        </div>
    }
}
