//! Creating and editing events, series and single occurrences.

mod fieldsets;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use self::fieldsets::{
    Editor, KindAndTitle, RepeatFieldset, ScopeFieldset, TwelveStepFieldset, WhenFieldset,
    WhereFieldset, WhoFieldset,
};
use super::event::use_event;
use crate::api::calendar::{EditOccurrence, get_occurrence};
use crate::api::events::{SaveEvent, list_hosts};
use crate::api::templates::{list_templates, template_form};
use crate::components::form::{
    CsrfField, FieldMessage, FormFeedback, Reply, focus_if_invalid, follow_done, invalid,
};
use crate::components::page_error::PageError;
use crate::domain::event::{EventForm, EventKind};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::page_context::use_page_context;

/// What saving the form does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorMode {
    New,
    /// The whole event (every occurrence of a series).
    Event(i64),
    /// One occurrence, or it and the following ones.
    Occurrence {
        id: i64,
        key: String,
    },
}

#[component]
pub fn NewEventPage() -> impl IntoView {
    let t = use_i18n();
    let page = use_page_context();
    let Some(viewer) = page.viewer else {
        return view! { <PageError error=AppError::Unauthorized /> }.into_any();
    };
    if !viewer.can_manage_events {
        return view! { <PageError error=AppError::Forbidden /> }.into_any();
    }
    let query = use_query_map();
    let template_id = move || query.with(|q| q.get("template").and_then(|t| t.parse::<i64>().ok()));
    let start_date = move || query.with(|q| q.get("date").unwrap_or_default());
    let initial = Resource::new(
        move || (template_id(), start_date()),
        |(template, date)| async move {
            let mut form = match template {
                Some(id) => template_form(id).await?,
                None => EventForm {
                    kind: EventKind::Recreation.as_str().to_owned(),
                    ..EventForm::default()
                },
            };
            if !date.is_empty() && form.start_date.is_empty() {
                form.start_date = date;
            }
            Ok::<_, AppError>(form)
        },
    );
    let templates = Resource::new(|| (), |_| list_templates());
    let hosts = Resource::new(|| (), |_| list_hosts());
    view! {
        <Title text=t.new_event_heading() />
        <h1>{t.new_event_heading()}</h1>
        <Suspense>
            {Suspend::new(async move {
                let templates = templates.await.unwrap_or_default();
                let hosts = hosts.await.unwrap_or_default();
                match initial.await {
                    Ok(initial) => {
                        view! {
                            <TemplatePicker templates current=template_id() />
                            <EventEditor initial mode=EditorMode::New hosts />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// "Start from a template": a GET form, so it works without JavaScript.
#[component]
fn TemplatePicker(templates: Vec<(i64, String)>, current: Option<i64>) -> impl IntoView {
    let t = use_i18n();
    if templates.is_empty() {
        return None;
    }
    Some(view! {
        <form method="get" action="/events/new" class="template-picker">
            <label for="template">{t.start_from_template()}</label>
            <select id="template" name="template">
                <option value="">{t.no_template()}</option>
                {templates
                    .into_iter()
                    .map(|(id, name)| {
                        view! {
                            <option value=id selected=current == Some(id)>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <button type="submit" class="button secondary">
                {t.use_template()}
            </button>
        </form>
    })
}

/// Only planners reach the editors; others get "sign in" or "not allowed".
fn planner_only() -> Option<AnyView> {
    match use_page_context().viewer {
        None => Some(view! { <PageError error=AppError::Unauthorized /> }.into_any()),
        Some(v) if !v.can_manage_events => {
            Some(view! { <PageError error=AppError::Forbidden /> }.into_any())
        }
        Some(_) => None,
    }
}

#[component]
pub fn EditEventPage() -> impl IntoView {
    if let Some(refusal) = planner_only() {
        return refusal;
    }
    let t = use_i18n();
    let event = use_event();
    let hosts = Resource::new(|| (), |_| list_hosts());
    view! {
        <Title text=t.edit_event_heading() />
        <Suspense>
            {Suspend::new(async move {
                let hosts = hosts.await.unwrap_or_default();
                match event.await {
                    Ok(event) if event.is_cancelled() => {
                        view! { <PageError error=AppError::conflict(crate::i18n::m::event_cancelled_note()) /> }
                            .into_any()
                    }
                    Ok(event) => {
                        let heading = if event.is_recurring() {
                            t.edit_series_heading()
                        } else {
                            t.edit_event_heading()
                        };
                        let initial = EventForm::from_event(&event);
                        view! {
                            <h1>{heading}</h1>
                            {event
                                .is_recurring()
                                .then(|| view! { <p class="hint">{t.edit_series_hint()}</p> })}
                            <EventEditor initial mode=EditorMode::Event(event.id.0) hosts />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn EditOccurrencePage() -> impl IntoView {
    if let Some(refusal) = planner_only() {
        return refusal;
    }
    let t = use_i18n();
    let params = use_params_map();
    let data = Resource::new(
        move || {
            params.with(|p| {
                (
                    p.get("id").and_then(|id| id.parse::<i64>().ok()),
                    p.get("key"),
                )
            })
        },
        |(id, key)| async move {
            match (id, key) {
                (Some(id), Some(key)) => get_occurrence(id, key).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    let hosts = Resource::new(|| (), |_| list_hosts());
    view! {
        <Title text=t.edit_occurrence_heading() />
        <h1>{t.edit_occurrence_heading()}</h1>
        <Suspense>
            {Suspend::new(async move {
                let hosts = hosts.await.unwrap_or_default();
                match data.await {
                    Ok(data) if data.event.is_cancelled() => {
                        view! { <PageError error=AppError::conflict(crate::i18n::m::event_cancelled_note()) /> }
                            .into_any()
                    }
                    Ok(data) => {
                        view! {
                            <p class="hint">
                                {t.occurrence_of()} " "
                                <a href=format!("/events/{}", data.event.id)>{data.event.title.clone()}</a>
                                ", " {t.schedule(&data.occurrence.schedule)}
                            </p>
                            <EventEditor
                                initial=data.form
                                mode=EditorMode::Occurrence {
                                    id: data.event.id.0,
                                    key: data.occurrence.key.to_string(),
                                }
                                hosts
                            />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// The event form. Without JavaScript it posts and the server answers with
/// the next page (or this one, with messages); fields that only apply to
/// some choices are shown and hidden by CSS (`:has`), so that works too.
/// With JavaScript it checks the fields as they are typed and saves
/// without a reload.
#[component]
fn EventEditor(initial: EventForm, mode: EditorMode, hosts: Vec<(i64, String)>) -> impl IntoView {
    let t = use_i18n();
    let page = use_page_context();
    let save = ServerAction::<SaveEvent>::new();
    let edit = ServerAction::<EditOccurrence>::new();
    let occurrence = matches!(mode, EditorMode::Occurrence { .. });
    let (url, value): (&str, Signal<Reply>) = if occurrence {
        (EditOccurrence::url(), edit.value().into())
    } else {
        (SaveEvent::url(), save.value().into())
    };
    follow_done(value);
    let feedback = FormFeedback::new(value, url);
    let pending = Signal::derive(move || save.pending().get() || edit.pending().get());

    // What was posted (without JavaScript, refused) wins over the initial
    // values, field by field.
    let mut start = initial;
    for (name, field) in [
        ("kind", &mut start.kind),
        ("title", &mut start.title),
        ("description", &mut start.description),
        ("location", &mut start.location),
        ("venue", &mut start.venue),
        ("audience", &mut start.audience),
        ("host_id", &mut start.host_id),
        ("capacity", &mut start.capacity),
        ("rsvp_closes_hours", &mut start.rsvp_closes_hours),
        ("fellowship", &mut start.fellowship),
        ("start_date", &mut start.start_date),
        ("start_time", &mut start.start_time),
        ("end_date", &mut start.end_date),
        ("end_time", &mut start.end_time),
        ("repeat", &mut start.repeat),
        ("interval", &mut start.interval),
        ("ends", &mut start.ends),
        ("until_date", &mut start.until_date),
        ("count", &mut start.count),
    ] {
        *field = feedback.initial(name, field.clone());
    }
    if let Some(posted) = feedback.posted() {
        start.all_day = posted.field("all_day").map(str::to_owned);
        start.meeting_types = posted.all("meeting_types[]");
        start.repeat_days = posted.all("repeat_days[]");
    }
    let scope_initial = feedback.initial("scope", "this".to_owned());
    let form = RwSignal::new(start.clone());
    let scope = RwSignal::new(scope_initial.clone());
    let editor = Editor {
        start: StoredValue::new(start.clone()),
        form,
        feedback,
    };

    let csrf_token = page.csrf_token.clone();
    let submit_mode = mode.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let current = form.get();
        match current.parse() {
            Err(errors) => feedback.refuse_local(errors.into()),
            Ok(_) => {
                feedback.clear_local();
                match &submit_mode {
                    EditorMode::New => {
                        save.dispatch(SaveEvent {
                            csrf_token: csrf_token.clone(),
                            event_id: None,
                            form: current,
                        });
                    }
                    EditorMode::Event(id) => {
                        save.dispatch(SaveEvent {
                            csrf_token: csrf_token.clone(),
                            event_id: Some(*id),
                            form: current,
                        });
                    }
                    EditorMode::Occurrence { id, key } => {
                        edit.dispatch(EditOccurrence {
                            csrf_token: csrf_token.clone(),
                            id: *id,
                            key: key.clone(),
                            scope: scope.get(),
                            form: current,
                        });
                    }
                }
            }
        }
    };
    // Once something was refused, re-check as the person corrects it
    // (reacting to the fields only, never to the messages it sets).
    Effect::new(move |_| {
        let current = form.get();
        if feedback.has_error_untracked() {
            feedback.set_local(current.parse().err().map(Into::into));
        }
    });

    let general = feedback.general();
    let submit_label = match mode {
        EditorMode::New => t.create_event(),
        _ => t.save_event(),
    };
    let event_id_field = match &mode {
        EditorMode::Event(id) => {
            Some(view! { <input type="hidden" name="event_id" value=*id /> }.into_any())
        }
        EditorMode::Occurrence { id, key } => Some(
            view! {
                <input type="hidden" name="id" value=*id />
                <input type="hidden" name="key" value=key.clone() />
            }
            .into_any(),
        ),
        EditorMode::New => None,
    };

    view! {
        <form
            method="post"
            action=url
            class="stacked event-form"
            novalidate
            on:submit=on_submit
        >
            <CsrfField />
            {event_id_field}
            <p class="form-error" role="alert" hidden=move || general.get().is_none()>
                {move || general.get().unwrap_or_default()}
            </p>
            {occurrence.then(|| view! { <ScopeFieldset initial=scope_initial scope /> })}
            <KindAndTitle editor />
            <WhenFieldset editor />
            <RepeatFieldset editor />
            <WhereFieldset editor />
            <TwelveStepFieldset editor />
            <WhoFieldset editor hosts />
            <div class="field">
                <label for="description">{t.field_description()}</label>
                <textarea
                    id="description"
                    name="description"
                    rows="5"
                    on:input=editor.set(|f, v| f.description = v)
                    aria-describedby="description-error"
                    aria-invalid=invalid(editor.field("description")) autofocus=focus_if_invalid(editor.field("description"))
                >
                    {start.description.clone()}
                </textarea>
                <FieldMessage id="description-error" message=editor.field("description") />
            </div>
            <button type="submit" class="button" disabled=move || pending.get()>
                {move || if pending.get() { t.saving() } else { submit_label }}
            </button>
        </form>
    }
}
