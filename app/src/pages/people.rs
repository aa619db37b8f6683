//! The people directory, adding a client, and a person's page (PIN,
//! discharge, readmission).

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::access::{
    ResetPassword, SetAccountDisabled, SignOutEverywhere, temporary_password,
};
use crate::api::people::{AddClient, Discharge, Readmit, SetPin, directory, get_person};
use crate::components::form::{
    CsrfField, FieldMessage, FormFeedback, focus_if_invalid, follow_done, invalid,
};
use crate::components::language::LanguagePreference;
use crate::components::page_error::PageError;
use crate::domain::person::{Person, PersonStatus, Role};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::page_context::use_page_context;

#[component]
pub fn PeoplePage() -> impl IntoView {
    let t = use_i18n();
    let people = Resource::new(|| (), |_| directory());
    view! {
        <Title text=t.people_heading() />
        <h1>{t.people_heading()}</h1>
        <p>
            <a class="button" href="/people/new">{t.add_client()}</a>
        </p>
        <Suspense>
            {Suspend::new(async move {
                match people.await {
                    Ok(people) => view! { <Directory people /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Directory(people: Vec<Person>) -> impl IntoView {
    let t = use_i18n();
    view! {
        <table class="directory" data-testid="directory">
            <thead>
                <tr>
                    <th scope="col">{t.person()}</th>
                    <th scope="col">{t.role()}</th>
                    <th scope="col">{t.stay()}</th>
                </tr>
            </thead>
            <tbody>
                {people
                    .into_iter()
                    .map(|p| {
                        let stay = match (p.role, p.status) {
                            (Role::Client, PersonStatus::Discharged) => t.discharged().to_owned(),
                            (Role::Client, PersonStatus::Active) => t.stay_dates(p.admission_date, p.expected_discharge_date),
                            _ => String::new(),
                        };
                        view! {
                            <tr>
                                <th scope="row">
                                    <a href=format!("/people/{}", p.id)>{p.display_name.clone()}</a>
                                    {p.house.clone().map(|h| view! { <span class="house">{h}</span> })}
                                </th>
                                <td>{t.role_label(p.role)}</td>
                                <td>{stay}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn NewClientPage() -> impl IntoView {
    match use_page_context().viewer {
        None => view! { <PageError error=AppError::Unauthorized /> }.into_any(),
        Some(v) if !v.role.is_staff() => {
            view! { <PageError error=AppError::Forbidden /> }.into_any()
        }
        Some(_) => view! { <NewClientForm /> }.into_any(),
    }
}

#[component]
fn NewClientForm() -> impl IntoView {
    let t = use_i18n();
    let action = ServerAction::<AddClient>::new();
    follow_done(action.value());
    let feedback = FormFeedback::new(action.value(), AddClient::url());
    let field = move |name| feedback.field(name);
    let text = move |id: &'static str,
                     label: &'static str,
                     kind: &'static str,
                     hint: Option<&'static str>| {
        let error_id = format!("{id}-error");
        let message = feedback.field(id);
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    id=id
                    name=id
                    type=kind
                    value=if kind == "password" { String::new() } else { feedback.initial(id, String::new()) }
                    aria-describedby=error_id.clone()
                    aria-invalid=invalid(message) autofocus=focus_if_invalid(message)
                />
                {hint.map(|h| view! { <p class="hint">{h}</p> })}
                <FieldMessage id=error_id message />
            </div>
        }
    };
    let general = feedback.general();
    view! {
        <Title text=t.add_client() />
        <h1>{t.add_client()}</h1>
        <ActionForm action attr:class="stacked" attr:novalidate=true>
            <CsrfField />
            <p class="form-error" role="alert" hidden=move || general.get().is_none()>
                {move || general.get().unwrap_or_default()}
            </p>
            {text("name", t.client_name(), "text", Some(t.client_name_hint()))}
            {text("house", t.house(), "text", None)}
            <div class="field-row">
                {text("admission_date", t.admission_date(), "date", Some(t.admission_hint()))}
                {text("expected_discharge_date", t.expected_discharge(), "date", None)}
            </div>
            <fieldset>
                <legend>{t.sign_in_options()}</legend>
                <p class="hint">{t.sign_in_options_hint()}</p>
                {text("email", t.email(), "email", None)}
                {text("login", t.login_name(), "text", Some(t.login_hint()))}
                {text("password", t.password(), "password", None)}
                {text("pin", t.kiosk_pin(), "password", Some(t.pin_hint()))}
            </fieldset>
            <p class="hint" hidden=move || field("login").get().is_none()></p>
            <button type="submit" class="button">{t.add_client()}</button>
        </ActionForm>
    }
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let person = Resource::new(
        move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok())),
        |id| async move {
            match id {
                Some(id) => get_person(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {Suspend::new(async move {
                match person.await {
                    Ok(person) => view! { <PersonDetail person /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PersonDetail(person: Person) -> impl IntoView {
    let t = use_i18n();
    let manage = use_page_context().viewer.is_some_and(|v| v.role.is_staff());
    let id = person.id.0;
    let client = person.role == Role::Client;
    let discharged = person.status == PersonStatus::Discharged;
    let discharge = ServerAction::<Discharge>::new();
    follow_done(discharge.value());
    let readmit = ServerAction::<Readmit>::new();
    follow_done(readmit.value());
    let set_pin = ServerAction::<SetPin>::new();
    follow_done(set_pin.value());
    let pin_feedback = FormFeedback::new(set_pin.value(), SetPin::url());
    let pin_error = pin_feedback.field("pin");
    let readmit_feedback = FormFeedback::new(readmit.value(), Readmit::url());
    let readmit_error = readmit_feedback.field("expected_discharge_date");
    let viewer = use_page_context().viewer;
    // Admins close any account but their own; staff close clients'.
    let may_disable = viewer.as_ref().is_some_and(|v| {
        v.person_id != id && (v.can_manage_facility || (client && v.role.is_staff()))
    }) && !person.purged
        && !discharged;
    let disabled = person.disabled_at.is_some();
    // Staff choose a client's language (one's own is on "My schedule").
    let may_set_language = viewer.as_ref().is_some_and(|v| {
        v.person_id != id && (v.can_manage_facility || (client && v.role.is_staff()))
    }) && !person.purged;
    let account = ServerAction::<SetAccountDisabled>::new();
    follow_done(account.value());
    let account_feedback = FormFeedback::new(account.value(), SetAccountDisabled::url());
    let account_error = account_feedback.general();
    let legacy_pin = person.legacy_pin && client && !discharged;
    let reset = ServerAction::<ResetPassword>::new();
    follow_done(reset.value());
    let sign_out_all = ServerAction::<SignOutEverywhere>::new();
    follow_done(sign_out_all.value());
    let has_password = person.email.is_some() || person.login.is_some();
    let temporary = Resource::new(move || (), move |_| temporary_password(id));
    view! {
        <Title text=person.display_name.clone() />
        <article class="person">
            <h1>{person.display_name.clone()}</h1>
            <dl class="facts">
                <dt>{t.role()}</dt>
                <dd>{t.role_label(person.role)}</dd>
                {person.email.clone().map(|e| view! { <dt>{t.email()}</dt><dd>{e}</dd> })}
                {person.login.clone().map(|l| view! { <dt>{t.login_name()}</dt><dd>{l}</dd> })}
                {person.house.clone().map(|h| view! { <dt>{t.house()}</dt><dd>{h}</dd> })}
                {client
                    .then(|| {
                        view! {
                            <dt>{t.stay()}</dt>
                            <dd data-testid="stay">
                                {if discharged {
                                    t.discharged().to_owned()
                                } else {
                                    t.stay_dates(person.admission_date, person.expected_discharge_date)
                                }}
                            </dd>
                        }
                    })}
                {disabled
                    .then(|| {
                        view! {
                            <dt>{t.person_disabled()}</dt>
                            <dd data-testid="disabled">
                                {person.disabled_at.map(|at| t.long_date(at.date_naive()))}
                            </dd>
                        }
                    })}
                {(manage && legacy_pin)
                    .then(|| {
                        view! {
                            <dt>{t.kiosk_pin()}</dt>
                            <dd data-testid="legacy-pin">
                                <strong>{t.pin_legacy()}</strong>
                                " "
                                {t.pin_legacy_hint()}
                            </dd>
                        }
                    })}
            </dl>
            {may_set_language
                .then(|| view! { <LanguagePreference person=id current=person.lang /> })}
            {may_disable
                .then(|| {
                    view! {
                        <ActionForm action=account attr:class="account-switch">
                            <CsrfField />
                            <input type="hidden" name="person" value=id />
                            <input type="hidden" name="disabled" value=if disabled { "false" } else { "true" } />
                            <p class="form-error" role="alert" hidden=move || account_error.get().is_none()>
                                {move || account_error.get().unwrap_or_default()}
                            </p>
                            <button
                                type="submit"
                                class=if disabled { "button secondary" } else { "button danger" }
                                data-testid="account-switch"
                            >
                                {if disabled { t.person_enable() } else { t.person_disable() }}
                            </button>
                        </ActionForm>
                        <div class="button-row">
                            {has_password
                                .then(|| {
                                    view! {
                                        <ActionForm action=reset>
                                            <CsrfField />
                                            <input type="hidden" name="person" value=id />
                                            <button type="submit" class="button secondary">{t.person_reset_password()}</button>
                                        </ActionForm>
                                    }
                                })}
                            <ActionForm action=sign_out_all>
                                <CsrfField />
                                <input type="hidden" name="person" value=id />
                                <button type="submit" class="button secondary">{t.person_sign_out_everywhere()}</button>
                            </ActionForm>
                        </div>
                        <Suspense>
                            {Suspend::new(async move {
                                temporary
                                    .await
                                    .ok()
                                    .flatten()
                                    .map(|password| {
                                        view! {
                                            <p class="flash" data-testid="temporary-password">
                                                {t.temporary_password_label()} " " <code>{password}</code>
                                            </p>
                                        }
                                    })
                            })}
                        </Suspense>
                    }
                })}
            {(manage && client && !discharged)
                .then(|| {
                    view! {
                        <p>
                            <a href=format!("/people/{id}/calendar") data-testid="person-calendar-link">
                                {t.person_calendar_link()}
                            </a>
                        </p>
                        <section class="actions-column">
                            <ActionForm action=set_pin attr:class="stacked" attr:novalidate=true>
                                <CsrfField />
                                <input type="hidden" name="id" value=id />
                                <div class="field">
                                    <label for="pin">{t.kiosk_pin()}</label>
                                    <input
                                        id="pin"
                                        name="pin"
                                        type="password"
                                        inputmode="numeric"
                                        autocomplete="off"
                                        aria-describedby="pin-hint pin-error"
                                        aria-invalid=invalid(pin_error) autofocus=focus_if_invalid(pin_error)
                                    />
                                    <p class="hint" id="pin-hint">{t.pin_hint()}</p>
                                    <FieldMessage id="pin-error" message=pin_error />
                                </div>
                                <button type="submit" class="button secondary">{t.set_pin()}</button>
                            </ActionForm>
                            <details class="danger-zone">
                                <summary>{t.discharge_now()}</summary>
                                <p>{t.discharge_hint()}</p>
                                <ActionForm action=discharge>
                                    <CsrfField />
                                    <input type="hidden" name="id" value=id />
                                    <button type="submit" class="button danger">{t.discharge_now()}</button>
                                </ActionForm>
                            </details>
                        </section>
                    }
                })}
            {(manage && client && discharged && !person.purged)
                .then(|| {
                    view! {
                        <ActionForm action=readmit attr:class="stacked" attr:novalidate=true>
                            <CsrfField />
                            <input type="hidden" name="id" value=id />
                            <div class="field-row">
                                <div class="field">
                                    <label for="admission_date">{t.admission_date()}</label>
                                    <input id="admission_date" name="admission_date" type="date" />
                                </div>
                                <div class="field">
                                    <label for="expected_discharge_date">{t.expected_discharge()}</label>
                                    <input
                                        id="expected_discharge_date"
                                        name="expected_discharge_date"
                                        type="date"
                                        aria-describedby="readmit-error"
                                    />
                                </div>
                            </div>
                            <FieldMessage id="readmit-error" message=readmit_error />
                            <button type="submit" class="button">{t.readmit()}</button>
                        </ActionForm>
                    }
                })}
        </article>
        <p>
            <a href="/people">{t.people_heading()}</a>
        </p>
    }
}
