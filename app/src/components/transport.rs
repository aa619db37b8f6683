//! An event's van and rules: what everyone sees, the planners' forms, and
//! the link to an occurrence's manifest for staff.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::form::{CsrfField, FieldMessage, FormFeedback, focus_if_invalid, follow_done, invalid};
use crate::api::transport::{LogisticsData, SaveRules, SaveTransport};
use crate::domain::event::Venue;
use crate::domain::transport::{Logistics, RulesForm, TransportForm};
use crate::i18n::use_i18n;
use crate::page_context::use_page_context;

/// The van and the rules of event `id` (`data` loaded with the page). On
/// an occurrence's page (`occurrence_key`), staff get the manifest link;
/// planners (`editable`) get the forms, which apply to every date of the
/// event.
#[component]
pub fn EventLogistics(
    id: i64,
    venue: Venue,
    #[prop(optional)] occurrence_key: Option<String>,
    #[prop(optional)] editable: bool,
    data: LogisticsData,
) -> impl IntoView {
    let t = use_i18n();
    let context = use_page_context();
    let staff = context.viewer.as_ref().is_some_and(|v| v.role.is_staff());
    // A refused form (without JavaScript) comes back open at its errors.
    let refused = context
        .submission
        .as_ref()
        .is_some_and(|s| s.action == SaveTransport::url() || s.action == SaveRules::url());
    let LogisticsData { logistics, drivers } = data;
    let Logistics {
        transport,
        driver_name,
        rules,
    } = logistics.clone();
    let van = transport.filter(|_| venue == Venue::OffSite);
    let page_key = occurrence_key.clone();
    let manifest = occurrence_key
        .filter(|_| staff && van.is_some())
        .map(|key| format!("/events/{id}/occurrences/{key}/manifest"));
    let clock = move |time: Option<chrono::NaiveTime>| time.map(|at| t.time_of_day(at));
    let back = match &page_key {
        Some(key) => format!("/events/{id}/occurrences/{key}"),
        None => format!("/events/{id}"),
    };
    view! {
        {van.map(|van| {
            view! {
                <section class="logistics" aria-labelledby="transport-heading" data-testid="transport">
                    <h2 id="transport-heading">{t.transport_heading()}</h2>
                    <dl class="facts">
                        <dt>{t.van_form_heading()}</dt>
                        <dd>{t.van_seats_fact(van.van_seats)}</dd>
                        {(!van.pickup_point.is_empty())
                            .then(|| view! { <dt>{t.pickup_point()}</dt><dd>{van.pickup_point.clone()}</dd> })}
                        {clock(van.departs).map(|at| view! { <dt>{t.van_leaves()}</dt><dd>{at}</dd> })}
                        {clock(van.returns).map(|at| view! { <dt>{t.van_returns()}</dt><dd>{at}</dd> })}
                        {driver_name.map(|name| view! { <dt>{t.driver()}</dt><dd>{name}</dd> })}
                    </dl>
                    {manifest.map(|href| {
                        view! {
                            <p>
                                <a class="button secondary" href=href data-testid="manifest-link">
                                    {t.van_manifest()}
                                </a>
                            </p>
                        }
                    })}
                </section>
            }
        })}
        {(!rules.is_empty())
            .then(|| {
                view! {
                    <section class="logistics" aria-labelledby="rules-heading" data-testid="rules">
                        <h2 id="rules-heading">{t.who_may_come()}</h2>
                        <ul>
                            {rules.min_days_admitted.map(|n| view! { <li>{t.rule_min_days(n)}</li> })}
                            {(!rules.houses.is_empty())
                                .then(|| view! { <li>{t.rule_houses(t.list(&rules.houses))}</li> })}
                            {rules.clients_per_staff.map(|n| view! { <li>{t.rule_ratio(n)}</li> })}
                        </ul>
                    </section>
                }
            })}
        {editable
            .then(|| {
                view! {
                    <details class="logistics-editor" data-testid="logistics-editor" open=refused>
                        <summary>{t.van_form_heading()} " · " {t.rules_form_heading()}</summary>
                        <TransportEditor id venue logistics=logistics.clone() drivers back=back.clone() />
                        <RulesEditor id logistics back />
                    </details>
                }
            })}
    }
    .into_any()
}

#[component]
fn TransportEditor(
    id: i64,
    venue: Venue,
    logistics: Logistics,
    drivers: Vec<(i64, String)>,
    back: String,
) -> impl IntoView {
    let t = use_i18n();
    let action = ServerAction::<SaveTransport>::new();
    follow_done(action.value());
    let feedback = FormFeedback::new(action.value(), SaveTransport::url());
    let form = TransportForm::from_transport(logistics.transport.as_ref());
    let seats_error = feedback.field("van_seats");
    let driver_error = feedback.field("driver_id");
    let departs_error = feedback.field("departs");
    let returns_error = feedback.field("returns");
    let pickup_error = feedback.field("pickup_point");
    let general = feedback.general();
    let chosen_driver = feedback.initial("driver_id", form.driver_id.clone());
    if venue != Venue::OffSite && logistics.transport.is_none() {
        return view! { <p class="hint">{t.van_needs_off_site()}</p> }.into_any();
    }
    view! {
        <ActionForm action attr:class="stacked" attr:novalidate=true attr:data-testid="transport-form">
            <h3>{t.van_form_heading()}</h3>
            <CsrfField />
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="back" value=back.clone() />
            <div class="field">
                <label for="van_seats">{t.van_seats_label()}</label>
                <input
                    id="van_seats"
                    name="van_seats"
                    type="number"
                    min="1"
                    inputmode="numeric"
                    value=feedback.initial("van_seats", form.van_seats.clone())
                    aria-describedby="van_seats-hint van_seats-error"
                    aria-invalid=invalid(seats_error) autofocus=focus_if_invalid(seats_error)
                />
                <p class="hint" id="van_seats-hint">{t.van_seats_hint()}</p>
                <FieldMessage id="van_seats-error" message=seats_error />
            </div>
            <div class="field">
                <label for="driver_id">{t.driver()}</label>
                <select id="driver_id" name="driver_id" aria-describedby="driver_id-error" aria-invalid=invalid(driver_error) autofocus=focus_if_invalid(driver_error)>
                    <option value="">{t.no_driver()}</option>
                    {drivers
                        .into_iter()
                        .map(|(id, name)| {
                            let value = id.to_string();
                            let selected = value == chosen_driver;
                            view! { <option value=value selected=selected>{name}</option> }
                        })
                        .collect_view()}
                </select>
                <FieldMessage id="driver_id-error" message=driver_error />
            </div>
            <div class="field">
                <label for="departs">{t.van_leaves()}</label>
                <input
                    id="departs"
                    name="departs"
                    type="time"
                    value=feedback.initial("departs", form.departs.clone())
                    aria-describedby="departs-error"
                    aria-invalid=invalid(departs_error) autofocus=focus_if_invalid(departs_error)
                />
                <FieldMessage id="departs-error" message=departs_error />
            </div>
            <div class="field">
                <label for="returns">{t.van_returns()}</label>
                <input
                    id="returns"
                    name="returns"
                    type="time"
                    value=feedback.initial("returns", form.returns.clone())
                    aria-describedby="returns-error"
                    aria-invalid=invalid(returns_error) autofocus=focus_if_invalid(returns_error)
                />
                <FieldMessage id="returns-error" message=returns_error />
            </div>
            <div class="field">
                <label for="pickup_point">{t.pickup_point()}</label>
                <input
                    id="pickup_point"
                    name="pickup_point"
                    type="text"
                    value=feedback.initial("pickup_point", form.pickup_point.clone())
                    aria-describedby="pickup_point-error"
                    aria-invalid=invalid(pickup_error) autofocus=focus_if_invalid(pickup_error)
                />
                <FieldMessage id="pickup_point-error" message=pickup_error />
            </div>
            <p class="form-error" role="alert" hidden=move || general.get().is_none()>
                {move || general.get().unwrap_or_default()}
            </p>
            <button type="submit" class="button">{t.save_transport()}</button>
        </ActionForm>
    }
    .into_any()
}

#[component]
fn RulesEditor(id: i64, logistics: Logistics, back: String) -> impl IntoView {
    let t = use_i18n();
    let action = ServerAction::<SaveRules>::new();
    follow_done(action.value());
    let feedback = FormFeedback::new(action.value(), SaveRules::url());
    let form = RulesForm::from_rules(&logistics.rules);
    let days_error = feedback.field("min_days_admitted");
    let houses_error = feedback.field("houses");
    let ratio_error = feedback.field("clients_per_staff");
    let general = feedback.general();
    view! {
        <ActionForm action attr:class="stacked" attr:novalidate=true attr:data-testid="rules-form">
            <h3>{t.rules_form_heading()}</h3>
            <p class="hint">{t.rules_hint()}</p>
            <CsrfField />
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="back" value=back.clone() />
            <div class="field">
                <label for="min_days_admitted">{t.min_days_label()}</label>
                <input
                    id="min_days_admitted"
                    name="min_days_admitted"
                    type="number"
                    min="1"
                    inputmode="numeric"
                    value=feedback.initial("min_days_admitted", form.min_days_admitted.clone())
                    aria-describedby="min_days_admitted-error"
                    aria-invalid=invalid(days_error) autofocus=focus_if_invalid(days_error)
                />
                <FieldMessage id="min_days_admitted-error" message=days_error />
            </div>
            <div class="field">
                <label for="houses">{t.houses_label()}</label>
                <input
                    id="houses"
                    name="houses"
                    type="text"
                    value=feedback.initial("houses", form.houses.clone())
                    aria-describedby="houses-hint houses-error"
                    aria-invalid=invalid(houses_error) autofocus=focus_if_invalid(houses_error)
                />
                <p class="hint" id="houses-hint">{t.houses_hint()}</p>
                <FieldMessage id="houses-error" message=houses_error />
            </div>
            <div class="field">
                <label for="clients_per_staff">{t.clients_per_staff_label()}</label>
                <input
                    id="clients_per_staff"
                    name="clients_per_staff"
                    type="number"
                    min="1"
                    inputmode="numeric"
                    value=feedback.initial("clients_per_staff", form.clients_per_staff.clone())
                    aria-describedby="clients_per_staff-error"
                    aria-invalid=invalid(ratio_error) autofocus=focus_if_invalid(ratio_error)
                />
                <FieldMessage id="clients_per_staff-error" message=ratio_error />
            </div>
            <p class="form-error" role="alert" hidden=move || general.get().is_none()>
                {move || general.get().unwrap_or_default()}
            </p>
            <button type="submit" class="button">{t.save_rules()}</button>
        </ActionForm>
    }
}
