//! An event's page and an occurrence's page.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::calendar::{OccurrenceData, SetOccurrenceStatus, get_occurrence};
use crate::api::events::{CancelEvent, EventPageData, event_details, get_event};
use crate::api::rsvp::load_rsvp_summary;
use crate::api::templates::SaveTemplate;
use crate::components::calendar::OccurrenceChip;
use crate::components::form::{CsrfField, FieldMessage, FormFeedback, follow_done};
use crate::components::page_error::PageError;
use crate::components::rsvp::RsvpPanel;
use crate::domain::event::{Event, Venue, meeting_type_name};
use crate::domain::rsvp::RsvpSummary;
use crate::error::AppError;
use crate::i18n::use_strings;
use crate::page_context::use_page_context;
use leptos::server_fn::ServerFn;

/// The `:id` route parameter as an event id.
pub fn use_event_id() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok())))
}

/// Loads the event named by the route, `NotFound` for ids that cannot be.
pub fn use_event() -> Resource<Result<Event, AppError>> {
    let id = use_event_id();
    Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_event(id).await,
                None => Err(AppError::NotFound),
            }
        },
    )
}

#[component]
pub fn EventPage() -> impl IntoView {
    let id = use_event_id();
    let details = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => event_details(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match details.await {
                    Ok(details) => view! { <EventDetail details /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The facts every event shows: when, where, for whom, 12-step details.
#[component]
fn Facts(event: Event, host_name: Option<String>) -> impl IntoView {
    let t = use_strings();
    let venue = match event.venue {
        Venue::OnSite => t.on_site,
        Venue::OffSite => t.off_site,
    };
    let location = if event.location.is_empty() {
        venue.to_owned()
    } else {
        format!("{} ({venue})", event.location)
    };
    view! {
        <dl class="facts">
            <dt>{t.when_label}</dt>
            <dd data-testid="event-when">{t.schedule(&event.schedule)}</dd>
            {event
                .rule
                .as_ref()
                .map(|rule| {
                    view! {
                        <dt>{t.repeats}</dt>
                        <dd data-testid="event-rule">{t.describe_rule(rule)}</dd>
                    }
                })}
            <dt>{t.where_label}</dt>
            <dd>{location}</dd>
            <dt>{t.audience}</dt>
            <dd>{(t.audience_label)(event.audience)}</dd>
            {host_name.map(|name| view! { <dt>{t.hosted_by}</dt><dd>{name}</dd> })}
            {event.capacity.map(|n| view! { <dt>{t.places}</dt><dd>{n}</dd> })}
            {event
                .rsvp_closes_minutes
                .map(|m| view! { <dt>{t.rsvp_closes}</dt><dd>{(t.rsvp_closes_before)(m / 60)}</dd> })}
            {event
                .twelve_step
                .as_ref()
                .map(|twelve_step| {
                    let types = twelve_step
                        .types
                        .iter()
                        .map(|code| {
                            let name = meeting_type_name(code).unwrap_or("");
                            view! {
                                <li>
                                    <abbr>{code.clone()}</abbr>
                                    " "
                                    {name}
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <dt>{t.fellowship}</dt>
                        <dd>{twelve_step.fellowship.label()}</dd>
                        <dt>{t.meeting_types}</dt>
                        <dd>
                            <ul class="meeting-type-list">{types}</ul>
                        </dd>
                    }
                })}
        </dl>
    }
}

#[component]
fn EventDetail(details: EventPageData) -> impl IntoView {
    let t = use_strings();
    let can_manage = use_page_context()
        .viewer
        .is_some_and(|v| v.can_manage_events);
    let EventPageData {
        event,
        next,
        host_name,
    } = details;
    let cancelled = event.is_cancelled();
    let recurring = event.is_recurring();
    let class = format!("event-detail kind-{}", event.kind.as_str());
    let id = event.id.0;
    view! {
        <Title text=event.title.clone() />
        <article class=class>
            <p class="kind-badge">{(t.kind)(event.kind)}</p>
            <h1 data-testid="event-title">{event.title.clone()}</h1>
            {cancelled
                .then(|| view! { <p class="cancelled-note" role="status">{t.event_cancelled_note}</p> })}
            <Facts event=event.clone() host_name />
            {(!event.description.is_empty())
                .then(|| view! { <p class="description">{event.description.clone()}</p> })}
            <p class="add-to-calendar">
                <a class="button secondary" href=format!("/events/{id}.ics") download=format!("hearth-event-{id}.ics") data-testid="add-to-calendar">
                    {t.add_to_calendar}
                </a>
            </p>
            {(!recurring)
                .then(|| {
                    let key = crate::domain::occurrence::OccurrenceKey(event.starts_at);
                    view! {
                        <p>
                            <a class="button" href=format!("/events/{}/occurrences/{key}", event.id)>
                                {t.rsvp_and_roster}
                            </a>
                        </p>
                    }
                })}
            {(recurring && !next.is_empty())
                .then(|| {
                    view! {
                        <section class="next-dates" aria-labelledby="next-dates">
                            <h2 id="next-dates">{t.next_dates}</h2>
                            <ul class="occurrence-list">
                                {next
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
                        </section>
                    }
                })}
            {(can_manage && !cancelled).then(|| view! { <EventActions id recurring /> })}
        </article>
        <p>
            <a href="/calendar">{t.back_to_upcoming}</a>
        </p>
    }
}

#[component]
fn EventActions(id: i64, recurring: bool) -> impl IntoView {
    let t = use_strings();
    let cancel = ServerAction::<CancelEvent>::new();
    follow_done(cancel.value());
    let save_template = ServerAction::<SaveTemplate>::new();
    follow_done(save_template.value());
    let template_feedback = FormFeedback::new(save_template.value(), SaveTemplate::url());
    let template_error = template_feedback.field("name");
    view! {
        <div class="actions">
            <a class="button" href=format!("/events/{id}/edit")>
                {if recurring { t.edit_series } else { t.edit }}
            </a>
            <details class="inline-form">
                <summary>{t.save_as_template}</summary>
                <ActionForm action=save_template>
                    <CsrfField />
                    <input type="hidden" name="event_id" value=id />
                    <div class="field">
                        <label for="template-name">{t.template_name}</label>
                        <input
                            id="template-name"
                            name="name"
                            type="text"
                            required
                            value=template_feedback.initial("name", String::new())
                            aria-describedby="template-name-error"
                        />
                        <FieldMessage id="template-name-error" message=template_error />
                    </div>
                    <button type="submit" class="button secondary">
                        {t.save_template}
                    </button>
                </ActionForm>
            </details>
            <details class="danger-zone">
                <summary>{t.cancel_event}</summary>
                <p>{t.cancel_event_confirm}</p>
                <ActionForm action=cancel>
                    <CsrfField />
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="button danger">
                        {t.cancel_event}
                    </button>
                </ActionForm>
            </details>
        </div>
    }
}

#[component]
pub fn OccurrencePage() -> impl IntoView {
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
                (Some(id), Some(key)) => {
                    let data = get_occurrence(id, key.clone()).await?;
                    let summary = load_rsvp_summary(id, key).await?;
                    Ok((data, summary))
                }
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((data, summary)) => view! { <OccurrenceDetail data summary /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OccurrenceDetail(data: OccurrenceData, summary: RsvpSummary) -> impl IntoView {
    let t = use_strings();
    let viewer = use_page_context().viewer;
    let can_manage = viewer.as_ref().is_some_and(|v| v.can_manage_events);
    let sees_roster = viewer.as_ref().is_some_and(|v| v.role.is_staff());
    let OccurrenceData {
        event, occurrence, ..
    } = data;
    let class = format!("event-detail kind-{}", occurrence.kind.as_str());
    let mut facts_event = event.clone();
    facts_event.schedule = occurrence.schedule;
    facts_event.location = occurrence.location.clone();
    facts_event.rule = None;
    let series_cancelled = event.is_cancelled();
    let date_cancelled = occurrence.is_cancelled() && !series_cancelled;
    let key = occurrence.key.to_string();
    let id = event.id.0;
    view! {
        <Title text=occurrence.title.clone() />
        <article class=class>
            <p class="kind-badge">{(t.kind)(occurrence.kind)}</p>
            <h1 data-testid="event-title">{occurrence.title.clone()}</h1>
            {occurrence
                .recurring
                .then(|| {
                    view! {
                        <p class="series-link">
                            {t.occurrence_of} " "
                            <a href=format!("/events/{id}")>{event.title.clone()}</a>
                            {event.rule.as_ref().map(|rule| format!(" ({})", t.describe_rule(rule)))}
                        </p>
                    }
                })}
            {occurrence
                .is_cancelled()
                .then(|| view! { <p class="cancelled-note" role="status">{t.event_cancelled_note}</p> })}
            {(occurrence.overridden && !occurrence.is_cancelled())
                .then(|| view! { <p class="changed-note">{t.changed_badge}</p> })}
            <Facts event=facts_event host_name=None />
            {(!occurrence.description.is_empty())
                .then(|| view! { <p class="description">{occurrence.description.clone()}</p> })}
            <p class="add-to-calendar">
                <a class="button secondary" href=format!("/events/{id}.ics") download=format!("hearth-event-{id}.ics")>
                    {t.add_to_calendar}
                </a>
            </p>
            <RsvpPanel id key=key.clone() initial=summary />
            <crate::components::signups::Signups id key=key.clone() kind=occurrence.kind />
            {sees_roster
                .then(|| {
                    view! {
                        <p>
                            <a class="button secondary" href=format!("/events/{id}/occurrences/{key}/roster")>
                                {t.roster}
                            </a>
                        </p>
                    }
                })}
            {(can_manage && !series_cancelled && occurrence.recurring)
                .then(|| view! { <OccurrenceActions id key=key.clone() cancelled=date_cancelled /> })}
        </article>
        <p>
            <a href="/calendar">{t.back_to_upcoming}</a>
        </p>
    }
}

#[component]
fn OccurrenceActions(id: i64, key: String, cancelled: bool) -> impl IntoView {
    let t = use_strings();
    let status = ServerAction::<SetOccurrenceStatus>::new();
    follow_done(status.value());
    let skip = ServerAction::<SetOccurrenceStatus>::new();
    follow_done(skip.value());
    let form_key = key.clone();
    let form = move |action: ServerAction<SetOccurrenceStatus>,
                     verb: &'static str,
                     label: &'static str,
                     class: &'static str| {
        let key = form_key.clone();
        view! {
            <ActionForm action>
                <CsrfField />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="key" value=key />
                <input type="hidden" name="action" value=verb />
                <button type="submit" class=format!("button {class}")>
                    {label}
                </button>
            </ActionForm>
        }
    };
    view! {
        <div class="actions">
            <a class="button" href=format!("/events/{id}/occurrences/{key}/edit")>
                {t.edit_date}
            </a>
            {if cancelled {
                form.clone()(status, "restore", t.restore_date, "secondary")
            } else {
                form.clone()(status, "cancel", t.cancel_date, "secondary")
            }}
            <details class="danger-zone">
                <summary>{t.skip_date}</summary>
                <p>{t.skip_date_hint}</p>
                {form(skip, "skip", t.skip_date, "danger")}
            </details>
            <a href=format!("/events/{id}/edit")>{t.edit_series}</a>
        </div>
    }
}
