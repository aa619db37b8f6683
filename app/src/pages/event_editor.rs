//! Creating and editing an event.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::event::use_event;
use crate::api::events::SaveEvent;
use crate::components::form::{CsrfField, FieldMessage, FormFeedback, follow_done, invalid};
use crate::components::page_error::PageError;
use crate::domain::event::{EventForm, EventKind, TITLE_MAX};
use crate::error::AppError;
use crate::i18n::use_strings;
use crate::page_context::use_page_context;

#[component]
pub fn NewEventPage() -> impl IntoView {
    let t = use_strings();
    let page = use_page_context();
    let Some(viewer) = page.viewer else {
        return view! { <PageError error=AppError::Unauthorized /> }.into_any();
    };
    if !viewer.can_manage_events {
        return view! { <PageError error=AppError::Forbidden /> }.into_any();
    }
    let initial = EventForm {
        kind: EventKind::Recreation.as_str().to_owned(),
        ..EventForm::default()
    };
    view! {
        <Title text=t.new_event_heading />
        <h1>{t.new_event_heading}</h1>
        <EventEditor initial event_id=None />
    }
    .into_any()
}

#[component]
pub fn EditEventPage() -> impl IntoView {
    let t = use_strings();
    let event = use_event();
    view! {
        <Title text=t.edit_event_heading />
        <h1>{t.edit_event_heading}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match event.await {
                    Ok(event) if event.is_cancelled() => {
                        view! {
                            <PageError error=AppError::conflict(t.event_cancelled_note) />
                        }
                            .into_any()
                    }
                    Ok(event) => {
                        let initial = EventForm::from_event(&event);
                        view! { <EventEditor initial event_id=Some(event.id.0) /> }.into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The event form. Without JavaScript it posts and the server answers with
/// the next page (or this one, with messages); with JavaScript it checks
/// the fields as they are typed and saves without a reload.
#[component]
fn EventEditor(initial: EventForm, event_id: Option<i64>) -> impl IntoView {
    let t = use_strings();
    let page = use_page_context();
    let action = ServerAction::<SaveEvent>::new();
    follow_done(action.value());
    let feedback = FormFeedback::new(action.value(), SaveEvent::url());
    let init = |name: &str, value: &str| feedback.initial(name, value.to_owned());

    let kind = RwSignal::new(init("kind", &initial.kind));
    let title = RwSignal::new(init("title", &initial.title));
    let description = RwSignal::new(init("description", &initial.description));
    let location = RwSignal::new(init("location", &initial.location));
    let all_day_initial =
        feedback.initial("all_day", initial.all_day.clone().unwrap_or_default()) == "on";
    let all_day = RwSignal::new(all_day_initial);
    let start_date = RwSignal::new(init("start_date", &initial.start_date));
    let start_time = RwSignal::new(init("start_time", &initial.start_time));
    let end_date = RwSignal::new(init("end_date", &initial.end_date));
    let end_time = RwSignal::new(init("end_time", &initial.end_time));

    let current = move || EventForm {
        kind: kind.get(),
        title: title.get(),
        description: description.get(),
        location: location.get(),
        all_day: all_day.get().then(|| "on".to_owned()),
        start_date: start_date.get(),
        start_time: start_time.get(),
        end_date: end_date.get(),
        end_time: end_time.get(),
    };
    let csrf_token = page.csrf_token.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let form = current();
        match form.parse() {
            Err(errors) => feedback.set_local(Some(errors.into())),
            Ok(_) => {
                feedback.clear_local();
                action.dispatch(SaveEvent {
                    csrf_token: csrf_token.clone(),
                    event_id,
                    form,
                });
            }
        }
    };
    // Once something was refused, re-check as the person corrects it
    // (reacting to the fields only, never to the messages it sets).
    Effect::new(move |_| {
        let form = current();
        if feedback.has_error_untracked() {
            feedback.set_local(form.parse().err().map(Into::into));
        }
    });

    let title_left =
        move || (t.characters_left)(TITLE_MAX.saturating_sub(title.get().chars().count()));
    let errors = |name| feedback.field(name);
    let (kind_error, title_error, description_error, location_error, start_error, end_error) = (
        errors("kind"),
        errors("title"),
        errors("description"),
        errors("location"),
        errors("start"),
        errors("end"),
    );
    let general = feedback.general();
    let bind = |signal: RwSignal<String>| move |ev| signal.set(event_target_value(&ev));
    let submit_label = if event_id.is_some() {
        t.save_event
    } else {
        t.create_event
    };

    view! {
        <form
            method="post"
            action=SaveEvent::url()
            class="stacked event-form"
            novalidate
            on:submit=on_submit
        >
            <CsrfField />
            {event_id.map(|id| view! { <input type="hidden" name="event_id" value=id /> })}
            <p class="form-error" role="alert" hidden=move || general.get().is_none()>
                {move || general.get().unwrap_or_default()}
            </p>
            <div class="field">
                <label for="kind">{t.field_kind}</label>
                <select
                    id="kind"
                    name="kind"
                    on:change=bind(kind)
                    aria-describedby="kind-error"
                    aria-invalid=invalid(kind_error)
                >
                    {EventKind::ALL
                        .into_iter()
                        .map(|k| {
                            let selected = kind.get_untracked() == k.as_str();
                            view! {
                                <option value=k.as_str() selected=selected>
                                    {(t.kind)(k)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldMessage id="kind-error" message=kind_error />
            </div>
            <div class="field">
                <label for="title">{t.field_title}</label>
                <input
                    id="title"
                    name="title"
                    type="text"
                    required
                    value=title.get_untracked()
                    on:input=bind(title)
                    aria-describedby="title-count title-error"
                    aria-invalid=invalid(title_error)
                />
                <p class="hint" id="title-count" data-testid="title-count">
                    {title_left}
                </p>
                <FieldMessage id="title-error" message=title_error />
            </div>
            <fieldset class="when">
                <legend>{t.when_label}</legend>
                <p class="hint">
                    {format!("Times are in {}.", page.facility_timezone)}
                </p>
                <div class="field checkbox">
                    <input
                        id="all_day"
                        name="all_day"
                        type="checkbox"
                        checked=all_day_initial
                        on:change=move |ev| all_day.set(event_target_checked(&ev))
                    />
                    <label for="all_day">{t.field_all_day}</label>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="start_date">{t.field_starts} " – " {t.field_date}</label>
                        <input
                            id="start_date"
                            name="start_date"
                            type="date"
                            required
                            value=start_date.get_untracked()
                            on:input=bind(start_date)
                            aria-describedby="start-error"
                            aria-invalid=invalid(start_error)
                        />
                    </div>
                    <div class="field" class:hidden=move || all_day.get()>
                        <label for="start_time">{t.field_starts} " – " {t.field_time}</label>
                        <input
                            id="start_time"
                            name="start_time"
                            type="time"
                            value=start_time.get_untracked()
                            on:input=bind(start_time)
                            aria-describedby="start-error"
                        />
                    </div>
                </div>
                <FieldMessage id="start-error" message=start_error />
                <div class="field-row">
                    <div class="field">
                        <label for="end_date">{t.field_ends} " – " {t.field_date}</label>
                        <input
                            id="end_date"
                            name="end_date"
                            type="date"
                            value=end_date.get_untracked()
                            on:input=bind(end_date)
                            aria-describedby="end-hint end-error"
                            aria-invalid=invalid(end_error)
                        />
                    </div>
                    <div class="field" class:hidden=move || all_day.get()>
                        <label for="end_time">{t.field_ends} " – " {t.field_time}</label>
                        <input
                            id="end_time"
                            name="end_time"
                            type="time"
                            value=end_time.get_untracked()
                            on:input=bind(end_time)
                            aria-describedby="end-error"
                        />
                    </div>
                </div>
                <p class="hint" id="end-hint">
                    {t.end_date_hint}
                </p>
                <FieldMessage id="end-error" message=end_error />
            </fieldset>
            <div class="field">
                <label for="location">{t.field_location}</label>
                <input
                    id="location"
                    name="location"
                    type="text"
                    value=location.get_untracked()
                    on:input=bind(location)
                    aria-describedby="location-error"
                    aria-invalid=invalid(location_error)
                />
                <FieldMessage id="location-error" message=location_error />
            </div>
            <div class="field">
                <label for="description">{t.field_description}</label>
                <textarea
                    id="description"
                    name="description"
                    rows="5"
                    on:input=bind(description)
                    aria-describedby="description-error"
                    aria-invalid=invalid(description_error)
                >
                    {description.get_untracked()}
                </textarea>
                <FieldMessage id="description-error" message=description_error />
            </div>
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {move || if action.pending().get() { t.saving } else { submit_label }}
            </button>
        </form>
    }
}
