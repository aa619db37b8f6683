//! One's own sessions and password; the kiosk tablets and API tokens on the
//! settings page.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::access::{
    ChangePassword, EndOtherSessions, EndSession, RevokeApiToken, RevokeKiosk, UnlockKiosk,
    api_tokens, kiosk_tablets, my_sessions,
};
use crate::components::form::{
    CsrfField, FieldMessage, FormFeedback, focus_if_invalid, follow_done, invalid,
};
use crate::components::page_error::PageError;
use crate::i18n::{Tr, use_i18n};
use crate::page_context::use_page_context;

/// "Friday, December 4, 2026, 7:00 PM" (the server gives the facility's
/// wall-clock time).
fn when(t: Tr, local: chrono::NaiveDateTime) -> String {
    t.long_date_time(local)
}

/// `/me/sessions`: where one is signed in, and a way to end each.
#[component]
pub fn SessionsPage() -> impl IntoView {
    let t = use_i18n();
    let sessions = Resource::new(|| (), |_| my_sessions());
    let end = ServerAction::<EndSession>::new();
    follow_done(end.value());
    let end_others = ServerAction::<EndOtherSessions>::new();
    follow_done(end_others.value());
    view! {
        <Title text=t.sessions_heading() />
        <section class="narrow">
            <h1>{t.sessions_heading()}</h1>
            <p>{t.sessions_intro()}</p>
            <Suspense>
                {Suspend::new(async move {
                    match sessions.await {
                        Ok(sessions) => {
                            view! {
                                <ul class="session-list" data-testid="sessions">
                                    {sessions
                                        .into_iter()
                                        .map(|s| {
                                            let name = if s.on_kiosk {
                                                t.session_kiosk().to_owned()
                                            } else if s.browser.is_empty() {
                                                t.session_unknown_browser().to_owned()
                                            } else {
                                                s.browser.clone()
                                            };
                                            view! {
                                                <li data-testid="session">
                                                    <strong>{name}</strong>
                                                    {s.this_browser.then(|| view! { " · " {t.session_this_browser()} })}
                                                    <br />
                                                    {t.session_started(when(t, s.started))}
                                                    <br />
                                                    {t.session_last_seen(when(t, s.last_seen))}
                                                    {(!s.this_browser)
                                                        .then(|| {
                                                            view! {
                                                                <ActionForm action=end>
                                                                    <CsrfField />
                                                                    <input type="hidden" name="session" value=s.handle.clone() />
                                                                    <button type="submit" class="button secondary">
                                                                        {t.session_end()}
                                                                    </button>
                                                                </ActionForm>
                                                            }
                                                        })}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                                <ActionForm action=end_others>
                                    <CsrfField />
                                    <button type="submit" class="button danger">{t.sessions_end_others()}</button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <PageError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `/me/password`: choose a new password (required after a reset).
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let t = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    follow_done(action.value());
    let feedback = FormFeedback::new(action.value(), ChangePassword::url());
    let current_error = feedback.field("current_password");
    let new_error = feedback.field("new_password");
    let general = feedback.general();
    let must_change = use_page_context()
        .viewer
        .is_some_and(|v| v.must_change_password);
    view! {
        <Title text=t.password_heading() />
        <section class="narrow">
            <h1>{t.password_heading()}</h1>
            {must_change.then(|| view! { <p data-testid="password-reset">{t.password_must_change()}</p> })}
            <ActionForm action attr:novalidate=true attr:class="stacked">
                <CsrfField />
                <p class="form-error" role="alert" hidden=move || general.get().is_none()>
                    {move || general.get().unwrap_or_default()}
                </p>
                <div class="field">
                    <label for="current_password">{t.password_current()}</label>
                    <input
                        id="current_password"
                        name="current_password"
                        type="password"
                        autocomplete="current-password"
                        required
                        aria-describedby="current_password-error"
                        aria-invalid=invalid(current_error) autofocus=focus_if_invalid(current_error)
                    />
                    <FieldMessage id="current_password-error" message=current_error />
                </div>
                <div class="field">
                    <label for="new_password">{t.password_new()}</label>
                    <input
                        id="new_password"
                        name="new_password"
                        type="password"
                        autocomplete="new-password"
                        required
                        aria-describedby="new_password-error"
                        aria-invalid=invalid(new_error) autofocus=focus_if_invalid(new_error)
                    />
                    <FieldMessage id="new_password-error" message=new_error />
                </div>
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {t.password_change()}
                </button>
            </ActionForm>
        </section>
    }
}

/// The list of kiosk tablets, with unlock and revoke: on the settings page
/// (an admin) and on the kiosk page of a computer that is not a kiosk
/// (floor staff). `back` is the page it is on, where a revoke returns.
#[component]
pub fn KioskTablets(#[prop(default = "/settings")] back: &'static str) -> impl IntoView {
    let t = use_i18n();
    let tablets = Resource::new(|| (), |_| kiosk_tablets());
    let revoke = ServerAction::<RevokeKiosk>::new();
    follow_done(revoke.value());
    let unlock = ServerAction::<UnlockKiosk>::new();
    follow_done(unlock.value());
    view! {
        <section data-testid="kiosk-tablets">
            <h2>{t.kiosk_tablets_heading()}</h2>
            <Suspense>
                {Suspend::new(async move {
                    match tablets.await {
                        Ok(tablets) if tablets.is_empty() => {
                            view! { <p>{t.kiosk_tablets_empty()}</p> }.into_any()
                        }
                        Ok(tablets) => {
                            view! {
                                <ul class="tablet-list">
                                    {tablets
                                        .into_iter()
                                        .map(|k| {
                                            view! {
                                                <li data-testid="kiosk-tablet">
                                                    <strong>{k.name.clone()}</strong>
                                                    <br />
                                                    {t.kiosk_tablet_enrolled(when(t, k.enrolled))}
                                                    {k.last_used.map(|at| view! { <br /> {t.kiosk_tablet_last_used(when(t, at))} })}
                                                    {k.locked.then(|| view! { <br /> <strong class="warning">{t.kiosk_tablet_locked(k.failed_pins)}</strong> })}
                                                    <div class="button-row">
                                                        {k.locked
                                                            .then(|| {
                                                                view! {
                                                                    <ActionForm action=unlock>
                                                                        <CsrfField />
                                                                        <input type="hidden" name="kiosk" value=k.id />
                                                                        <input type="hidden" name="back" value=back />
                                                                        <button type="submit" class="button secondary">{t.kiosk_unlock()}</button>
                                                                    </ActionForm>
                                                                }
                                                            })}
                                                        <ActionForm action=revoke>
                                                            <CsrfField />
                                                            <input type="hidden" name="kiosk" value=k.id />
                                                            <input type="hidden" name="back" value=back />
                                                            <button type="submit" class="button danger">{t.kiosk_revoke()}</button>
                                                        </ActionForm>
                                                    </div>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <PageError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The settings page's list of API tokens, with revoke.
#[component]
pub fn ApiTokens() -> impl IntoView {
    let t = use_i18n();
    let tokens = Resource::new(|| (), |_| api_tokens());
    let revoke = ServerAction::<RevokeApiToken>::new();
    follow_done(revoke.value());
    view! {
        <section data-testid="api-tokens">
            <h2>{t.api_tokens_heading()}</h2>
            <Suspense>
                {Suspend::new(async move {
                    match tokens.await {
                        Ok(tokens) if tokens.is_empty() => view! { <p>{t.api_tokens_empty()}</p> }.into_any(),
                        Ok(tokens) => {
                            view! {
                                <table class="data-table">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t.api_token_owner()}</th>
                                            <th scope="col">{t.api_token_label()}</th>
                                            <th scope="col">{t.api_token_created()}</th>
                                            <th scope="col">{t.api_token_last_used()}</th>
                                            <th scope="col"></th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {tokens
                                            .into_iter()
                                            .map(|k| {
                                                view! {
                                                    <tr data-testid="api-token">
                                                        <td>{k.owner.clone()}</td>
                                                        <td>{k.label.clone()}</td>
                                                        <td>{when(t, k.created)}</td>
                                                        <td>
                                                            {k.last_used.map_or_else(|| t.api_token_never().to_owned(), |at| when(t, at))}
                                                        </td>
                                                        <td>
                                                            {if k.revoked {
                                                                t.api_token_revoked().into_any()
                                                            } else {
                                                                view! {
                                                                    <ActionForm action=revoke>
                                                                        <CsrfField />
                                                                        <input type="hidden" name="token" value=k.id />
                                                                        <button type="submit" class="button danger">{t.api_token_revoke()}</button>
                                                                    </ActionForm>
                                                                }
                                                                    .into_any()
                                                            }}
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <PageError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
