//! The kiosk in the common room: enroll (staff), pick your name, enter
//! your PIN; then your schedule and what's coming, in large type. After a
//! minute without a touch it signs out by itself.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::auth::SignOut;
use crate::api::calendar::calendar;
use crate::api::kiosk::{EnrollKiosk, KioskSignIn, KioskState, load_kiosk};
use crate::api::rsvp::load_my_schedule;
use crate::components::calendar::OccurrenceChip;
use crate::components::form::{CsrfField, FieldMessage, FormFeedback, follow_done};
use crate::components::page_error::PageError;
use crate::i18n::use_i18n;
use crate::page_context::use_page_context;
use crate::pages::me::ScheduleView;

#[component]
pub fn KioskPage() -> impl IntoView {
    let t = use_i18n();
    let state = Resource::new(|| (), |_| load_kiosk());
    view! {
        <Title text=t.nav_kiosk() />
        <Suspense>
            {Suspend::new(async move {
                match state.await {
                    Ok(KioskState::NotEnrolled { can_enroll: true }) => view! { <Enroll /> }.into_any(),
                    Ok(KioskState::NotEnrolled { can_enroll: false }) => {
                        view! {
                            <h1>{t.nav_kiosk()}</h1>
                            <p>{t.kiosk_not_enrolled()}</p>
                        }
                            .into_any()
                    }
                    Ok(KioskState::Ready { name, clients }) => view! { <PinSignIn name clients /> }.into_any(),
                    Ok(KioskState::Locked { name }) => {
                        view! {
                            <section class="kiosk" data-testid="kiosk-locked">
                                <h1>{t.kiosk_locked_heading()}</h1>
                                <p class="hint">{name}</p>
                                <p>{t.render(&crate::i18n::m::kiosk_locked())}</p>
                            </section>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Enroll() -> impl IntoView {
    let t = use_i18n();
    let action = ServerAction::<EnrollKiosk>::new();
    follow_done(action.value());
    let feedback = FormFeedback::new(action.value(), EnrollKiosk::url());
    let error = feedback.field("name");
    view! {
        <h1>{t.enroll_kiosk()}</h1>
        <p>{t.enroll_kiosk_hint()}</p>
        <ActionForm action attr:class="stacked" attr:novalidate=true>
            <CsrfField />
            <div class="field">
                <label for="kiosk-name">{t.kiosk_name()}</label>
                <input id="kiosk-name" name="name" type="text" value=t.kiosk_default_name() aria-describedby="kiosk-name-error" />
                <FieldMessage id="kiosk-name-error" message=error />
            </div>
            <button type="submit" class="button">{t.enroll_kiosk()}</button>
        </ActionForm>
        <crate::pages::access::KioskTablets back="/kiosk" />
    }
}

#[component]
fn PinSignIn(name: String, clients: Vec<(i64, String)>) -> impl IntoView {
    let t = use_i18n();
    let action = ServerAction::<KioskSignIn>::new();
    follow_done(action.value());
    let feedback = FormFeedback::new(action.value(), KioskSignIn::url());
    let pin_error = feedback.field("pin");
    let general = feedback.general();
    view! {
        <section class="kiosk" data-testid="kiosk">
            <h1>{t.kiosk_welcome()}</h1>
            <p class="hint">{name}</p>
            <ActionForm action attr:class="stacked kiosk-form" attr:novalidate=true>
                <CsrfField />
                <p class="form-error" role="alert" hidden=move || general.get().is_none()>
                    {move || general.get().unwrap_or_default()}
                </p>
                <div class="field">
                    <label for="person_id">{t.kiosk_who()}</label>
                    <select id="person_id" name="person_id">
                        {clients
                            .into_iter()
                            .map(|(id, name)| view! { <option value=id>{name}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="pin">{t.kiosk_pin()}</label>
                    <input
                        id="pin"
                        name="pin"
                        type="password"
                        inputmode="numeric"
                        autocomplete="off"
                        aria-describedby="pin-error"
                    />
                    <FieldMessage id="pin-error" message=pin_error />
                </div>
                <button type="submit" class="button big">{t.sign_in()}</button>
            </ActionForm>
        </section>
    }
}

/// What a client sees on the kiosk once signed in.
#[component]
pub fn KioskHomePage() -> impl IntoView {
    let t = use_i18n();
    let page = use_page_context();
    let data = Resource::new(
        || (),
        |_| async move {
            let schedule = load_my_schedule().await?;
            let week = calendar(
                "agenda".to_owned(),
                String::new(),
                String::new(),
                String::new(),
            )
            .await?;
            Ok::<_, crate::error::AppError>((schedule, week))
        },
    );
    let sign_out = ServerAction::<SignOut>::new();
    follow_done(sign_out.value());
    let idle = page.kiosk_idle_seconds;
    view! {
        <Title text=t.my_schedule_heading() />
        <section class="kiosk" data-testid="kiosk-home">
            <div class="kiosk-bar">
                <h1>{page.viewer.as_ref().map(|v| t.kiosk_hello(&v.name))}</h1>
                <ActionForm action=sign_out>
                    <CsrfField />
                    <button type="submit" class="button big secondary">{t.sign_out()}</button>
                </ActionForm>
            </div>
            <p class="hint">{t.kiosk_idle_hint(idle)}</p>
            <Suspense>
                {Suspend::new(async move {
                    match data.await {
                        Ok((schedule, week)) => {
                            view! {
                                <h2>{t.my_schedule_heading()}</h2>
                                <ScheduleView schedule />
                                <h2>{t.coming_up()}</h2>
                                <ul class="occurrence-list">
                                    {week
                                        .occurrences
                                        .into_iter()
                                        .map(|occurrence| {
                                            let date = t.long_date(occurrence.schedule.local_start().date());
                                            view! {
                                                <li>
                                                    <span class="next-date">{date}</span>
                                                    " "
                                                    <OccurrenceChip occurrence with_end=true />
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
