//! Creating and editing events, series and single occurrences.

use chrono::{Datelike, NaiveDate};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::event::use_event;
use crate::api::calendar::{EditOccurrence, get_occurrence};
use crate::api::events::{SaveEvent, list_hosts};
use crate::api::templates::{list_templates, template_form};
use crate::components::form::{CsrfField, FieldMessage, FormFeedback, Reply, follow_done, invalid};
use crate::components::page_error::PageError;
use crate::domain::event::{Audience, EventForm, EventKind, Fellowship, MEETING_TYPES, TITLE_MAX};
use crate::domain::recurrence::{RepeatChoice, nth_weekday_of, weekday_code};
use crate::error::AppError;
use crate::i18n::{Tr, use_i18n};
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
            {move || Suspend::new(async move {
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
            {move || Suspend::new(async move {
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
            {move || Suspend::new(async move {
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

/// Labels for the repeat choices; with a start date they say which day.
fn repeat_label(t: Tr, choice: RepeatChoice, start: Option<NaiveDate>) -> String {
    let Some(date) = start else {
        return t.repeat_choice(choice).to_owned();
    };
    let (nth, _) = nth_weekday_of(date);
    let weekday = t.weekday(date.weekday());
    let month = t.month(date.month());
    match choice {
        RepeatChoice::Never => t.repeat_choice(choice).to_owned(),
        RepeatChoice::Weekly => t.repeat_label_weekly(t.repeat_choice(choice), weekday),
        RepeatChoice::MonthlyOnDay => t.repeat_label_monthly_day(date.day()),
        RepeatChoice::MonthlyOnNthWeekday => t.repeat_label_monthly_nth(t.ordinal(nth), weekday),
        RepeatChoice::MonthlyOnLastWeekday => t.repeat_label_monthly_last(weekday),
        RepeatChoice::YearlyOnDay => t.repeat_label_yearly_day(month, date.day()),
        RepeatChoice::YearlyOnNthWeekday => {
            t.repeat_label_yearly_nth(t.ordinal(nth), weekday, month)
        }
        RepeatChoice::YearlyOnLastWeekday => t.repeat_label_yearly_last(weekday, month),
    }
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

    let set = move |apply: fn(&mut EventForm, String)| {
        move |ev| {
            let value = event_target_value(&ev);
            form.update(|f| apply(f, value));
        }
    };
    let field = |name| feedback.field(name);
    let title_left =
        move || t.characters_left(TITLE_MAX.saturating_sub(form.with(|f| f.title.chars().count())));
    let general = feedback.general();
    let start_date =
        move || form.with(|f| NaiveDate::parse_from_str(&f.start_date, "%Y-%m-%d").ok());
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
            {occurrence
                .then(|| {
                    view! {
                        <fieldset class="scope">
                            <legend>{t.apply_to()}</legend>
                            <div class="field checkbox">
                                <input
                                    type="radio"
                                    id="scope-this"
                                    name="scope"
                                    value="this"
                                    checked=scope_initial == "this"
                                    on:change=move |_| scope.set("this".to_owned())
                                />
                                <label for="scope-this">{t.scope_this()}</label>
                            </div>
                            <div class="field checkbox">
                                <input
                                    type="radio"
                                    id="scope-following"
                                    name="scope"
                                    value="following"
                                    checked=scope_initial == "following"
                                    on:change=move |_| scope.set("following".to_owned())
                                />
                                <label for="scope-following">{t.scope_following()}</label>
                            </div>
                            <p class="hint">{t.scope_hint()}</p>
                        </fieldset>
                    }
                })}
            <div class="field">
                <label for="kind">{t.field_kind()}</label>
                <select
                    id="kind"
                    name="kind"
                    on:change=set(|f, v| f.kind = v)
                    aria-describedby="kind-error"
                    aria-invalid=invalid(field("kind"))
                >
                    {EventKind::ALL
                        .into_iter()
                        .map(|k| {
                            view! {
                                <option value=k.as_str() selected=start.kind == k.as_str()>
                                    {t.kind(k)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldMessage id="kind-error" message=field("kind") />
            </div>
            <div class="field">
                <label for="title">{t.field_title()}</label>
                <input
                    id="title"
                    name="title"
                    type="text"
                    required
                    value=start.title.clone()
                    on:input=set(|f, v| f.title = v)
                    aria-describedby="title-count title-error"
                    aria-invalid=invalid(field("title"))
                />
                <p class="hint" id="title-count" data-testid="title-count">
                    {title_left}
                </p>
                <FieldMessage id="title-error" message=field("title") />
            </div>
            <fieldset class="when">
                <legend>{t.when_label()}</legend>
                <p class="hint">{format!("{} {}.", t.times_are_in(), page.facility_timezone)}</p>
                <div class="field checkbox">
                    <input
                        id="all_day"
                        name="all_day"
                        type="checkbox"
                        checked=start.is_all_day()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            form.update(|f| f.all_day = on.then(|| "on".to_owned()));
                        }
                    />
                    <label for="all_day">{t.field_all_day()}</label>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="start_date">{t.field_starts()} " – " {t.field_date()}</label>
                        <input
                            id="start_date"
                            name="start_date"
                            type="date"
                            required
                            value=start.start_date.clone()
                            on:input=set(|f, v| f.start_date = v)
                            aria-describedby="start-error"
                            aria-invalid=invalid(field("start"))
                        />
                    </div>
                    <div class="field time-field">
                        <label for="start_time">{t.field_starts()} " – " {t.field_time()}</label>
                        <input
                            id="start_time"
                            name="start_time"
                            type="time"
                            value=start.start_time.clone()
                            on:input=set(|f, v| f.start_time = v)
                            aria-describedby="start-error"
                        />
                    </div>
                </div>
                <FieldMessage id="start-error" message=field("start") />
                <div class="field-row">
                    <div class="field">
                        <label for="end_date">{t.field_ends()} " – " {t.field_date()}</label>
                        <input
                            id="end_date"
                            name="end_date"
                            type="date"
                            value=start.end_date.clone()
                            on:input=set(|f, v| f.end_date = v)
                            aria-describedby="end-hint end-error"
                            aria-invalid=invalid(field("end"))
                        />
                    </div>
                    <div class="field time-field">
                        <label for="end_time">{t.field_ends()} " – " {t.field_time()}</label>
                        <input
                            id="end_time"
                            name="end_time"
                            type="time"
                            value=start.end_time.clone()
                            on:input=set(|f, v| f.end_time = v)
                            aria-describedby="end-error"
                        />
                    </div>
                </div>
                <p class="hint" id="end-hint">
                    {t.end_date_hint()}
                </p>
                <FieldMessage id="end-error" message=field("end") />
            </fieldset>
            <fieldset class="repeat series-only">
                <legend>{t.repeat_label()}</legend>
                <div class="field">
                    <label for="repeat">{t.repeat_how()}</label>
                    <select
                        id="repeat"
                        name="repeat"
                        on:change=set(|f, v| f.repeat = v)
                        aria-describedby="repeat-error"
                        aria-invalid=invalid(field("repeat"))
                    >
                        {RepeatChoice::ALL
                            .into_iter()
                            .map(|choice| {
                                let selected = RepeatChoice::parse(&start.repeat)
                                    .unwrap_or(RepeatChoice::Never) == choice;
                                view! {
                                    <option value=choice.as_str() selected=selected>
                                        {move || repeat_label(t, choice, start_date())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <FieldMessage id="repeat-error" message=field("repeat") />
                </div>
                <div class="repeat-details">
                    <div class="field interval">
                        <label for="interval">{t.repeat_every()}</label>
                        <input
                            id="interval"
                            name="interval"
                            type="number"
                            min="1"
                            max="99"
                            inputmode="numeric"
                            value=if start.interval.is_empty() { "1".to_owned() } else { start.interval.clone() }
                            on:input=set(|f, v| f.interval = v)
                            aria-describedby="interval-hint interval-error"
                        />
                        <p class="hint" id="interval-hint">{t.repeat_every_hint()}</p>
                        <FieldMessage id="interval-error" message=field("interval") />
                    </div>
                    <fieldset class="weekdays weekly-only">
                        <legend>{t.repeat_on_days()}</legend>
                        {t.week()
                            .into_iter()
                            .map(|day| {
                                let code = weekday_code(day);
                                let id = format!("day-{code}");
                                let checked = start.repeat_days.iter().any(|d| d == code);
                                view! {
                                    <span class="day-choice">
                                        <input
                                            type="checkbox"
                                            id=id.clone()
                                            name="repeat_days[]"
                                            value=code
                                            checked=checked
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                form.update(|f| {
                                                    f.repeat_days.retain(|d| d != code);
                                                    if on {
                                                        f.repeat_days.push(code.to_owned());
                                                    }
                                                });
                                            }
                                        />
                                        <label for=id>{t.weekday_short(day)}</label>
                                    </span>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    <fieldset class="ends">
                        <legend>{t.repeat_ends()}</legend>
                        <div class="field checkbox">
                            <input
                                type="radio"
                                id="ends-never"
                                name="ends"
                                value="never"
                                checked=matches!(start.ends.as_str(), "" | "never")
                                on:change=move |_| form.update(|f| f.ends = "never".to_owned())
                            />
                            <label for="ends-never">{t.ends_never()}</label>
                        </div>
                        <div class="field checkbox">
                            <input
                                type="radio"
                                id="ends-until"
                                name="ends"
                                value="until"
                                checked=start.ends == "until"
                                on:change=move |_| form.update(|f| f.ends = "until".to_owned())
                            />
                            <label for="ends-until">{t.ends_on()}</label>
                            <input
                                id="until_date"
                                name="until_date"
                                type="date"
                                aria-label=t.ends_on_date()
                                value=start.until_date.clone()
                                on:input=set(|f, v| f.until_date = v)
                                aria-describedby="until-error"
                                aria-invalid=invalid(field("until_date"))
                            />
                        </div>
                        <FieldMessage id="until-error" message=field("until_date") />
                        <div class="field checkbox">
                            <input
                                type="radio"
                                id="ends-count"
                                name="ends"
                                value="count"
                                checked=start.ends == "count"
                                on:change=move |_| form.update(|f| f.ends = "count".to_owned())
                            />
                            <label for="ends-count">{t.ends_after()}</label>
                            <input
                                id="count"
                                name="count"
                                type="number"
                                min="1"
                                inputmode="numeric"
                                aria-label=t.ends_after_count()
                                value=start.count.clone()
                                on:input=set(|f, v| f.count = v)
                                aria-describedby="count-error"
                                aria-invalid=invalid(field("count"))
                            />
                            <span>{t.times()}</span>
                        </div>
                        <FieldMessage id="count-error" message=field("count") />
                    </fieldset>
                </div>
            </fieldset>
            <fieldset class="where">
                <legend>{t.where_label()}</legend>
                <div class="field-row">
                    <div class="field checkbox">
                        <input
                            type="radio"
                            id="venue-on"
                            name="venue"
                            value="on_site"
                            checked=start.venue != "off_site"
                            on:change=move |_| form.update(|f| f.venue = "on_site".to_owned())
                        />
                        <label for="venue-on">{t.on_site()}</label>
                    </div>
                    <div class="field checkbox">
                        <input
                            type="radio"
                            id="venue-off"
                            name="venue"
                            value="off_site"
                            checked=start.venue == "off_site"
                            on:change=move |_| form.update(|f| f.venue = "off_site".to_owned())
                        />
                        <label for="venue-off">{t.off_site()}</label>
                    </div>
                </div>
                <div class="field">
                    <label for="location">{t.field_location()}</label>
                    <input
                        id="location"
                        name="location"
                        type="text"
                        value=start.location.clone()
                        on:input=set(|f, v| f.location = v)
                        aria-describedby="location-hint location-error"
                        aria-invalid=invalid(field("location"))
                    />
                    <p class="hint" id="location-hint">{t.location_hint()}</p>
                    <FieldMessage id="location-error" message=field("location") />
                </div>
            </fieldset>
            <fieldset class="twelve-step series-only">
                <legend>{t.twelve_step_details()}</legend>
                <div class="field">
                    <label for="fellowship">{t.fellowship()}</label>
                    <select
                        id="fellowship"
                        name="fellowship"
                        on:change=set(|f, v| f.fellowship = v)
                        aria-describedby="fellowship-error"
                        aria-invalid=invalid(field("fellowship"))
                    >
                        <option value="">{t.choose()}</option>
                        {Fellowship::ALL
                            .into_iter()
                            .map(|f| {
                                view! {
                                    <option value=f.as_str() selected=start.fellowship == f.as_str()>
                                        {t.fellowship_of(f)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <FieldMessage id="fellowship-error" message=field("fellowship") />
                </div>
                <fieldset class="meeting-types">
                    <legend>{t.meeting_types()}</legend>
                    {MEETING_TYPES
                        .iter()
                        .map(|code| {
                            let code: &'static str = code;
                            let name = t.meeting_type(code);
                            let id = format!("type-{code}");
                            let checked = start.meeting_types.iter().any(|c| c == code);
                            view! {
                                <span class="type-choice">
                                    <input
                                        type="checkbox"
                                        id=id.clone()
                                        name="meeting_types[]"
                                        value=code
                                        checked=checked
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            form.update(|f| {
                                                f.meeting_types.retain(|c| c != code);
                                                if on {
                                                    f.meeting_types.push(code.to_owned());
                                                }
                                            });
                                        }
                                    />
                                    <label for=id>
                                        <abbr>{code}</abbr>
                                        " "
                                        {name}
                                    </label>
                                </span>
                            }
                        })
                        .collect_view()}
                </fieldset>
            </fieldset>
            <fieldset class="who series-only">
                <legend>{t.who_label()}</legend>
                <div class="field-row">
                    <div class="field">
                        <label for="audience">{t.audience()}</label>
                        <select id="audience" name="audience" on:change=set(|f, v| f.audience = v)>
                            {Audience::ALL
                                .into_iter()
                                .map(|a| {
                                    let selected = start.audience == a.as_str()
                                        || (start.audience.is_empty() && a == Audience::Everyone);
                                    view! {
                                        <option value=a.as_str() selected=selected>
                                            {t.audience_label(a)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="host_id">{t.host()}</label>
                        <select
                            id="host_id"
                            name="host_id"
                            on:change=set(|f, v| f.host_id = v)
                            aria-describedby="host-error"
                        >
                            <option value="">{t.no_host()}</option>
                            {hosts
                                .into_iter()
                                .map(|(id, name)| {
                                    view! {
                                        <option value=id selected=start.host_id == id.to_string()>
                                            {name}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        <FieldMessage id="host-error" message=field("host_id") />
                    </div>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="capacity">{t.capacity()}</label>
                        <input
                            id="capacity"
                            name="capacity"
                            type="number"
                            min="1"
                            inputmode="numeric"
                            value=start.capacity.clone()
                            on:input=set(|f, v| f.capacity = v)
                            aria-describedby="capacity-hint capacity-error"
                            aria-invalid=invalid(field("capacity"))
                        />
                        <p class="hint" id="capacity-hint">{t.capacity_hint()}</p>
                        <FieldMessage id="capacity-error" message=field("capacity") />
                    </div>
                    <div class="field">
                        <label for="rsvp_closes_hours">{t.rsvp_closes()}</label>
                        <input
                            id="rsvp_closes_hours"
                            name="rsvp_closes_hours"
                            type="number"
                            min="0"
                            inputmode="numeric"
                            value=start.rsvp_closes_hours.clone()
                            on:input=set(|f, v| f.rsvp_closes_hours = v)
                            aria-describedby="rsvp-hint rsvp-error"
                            aria-invalid=invalid(field("rsvp_closes_hours"))
                        />
                        <p class="hint" id="rsvp-hint">{t.rsvp_closes_hint()}</p>
                        <FieldMessage id="rsvp-error" message=field("rsvp_closes_hours") />
                    </div>
                </div>
            </fieldset>
            <div class="field">
                <label for="description">{t.field_description()}</label>
                <textarea
                    id="description"
                    name="description"
                    rows="5"
                    on:input=set(|f, v| f.description = v)
                    aria-describedby="description-error"
                    aria-invalid=invalid(field("description"))
                >
                    {start.description.clone()}
                </textarea>
                <FieldMessage id="description-error" message=field("description") />
            </div>
            <button type="submit" class="button" disabled=move || pending.get()>
                {move || if pending.get() { t.saving() } else { submit_label }}
            </button>
        </form>
    }
}
