//! An event's page and an occurrence's page.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::calendar::{OccurrenceData, SetOccurrenceStatus, get_occurrence};
use crate::api::events::{CancelEvent, EventPageData, event_details, get_event};
use crate::api::meetings::{SavePanel, load_meeting_panel, load_panel_contact};
use crate::api::rsvp::load_rsvp_summary;
use crate::api::templates::SaveTemplate;
use crate::api::transport::{LogisticsData, load_logistics};
use crate::components::calendar::OccurrenceChip;
use crate::components::form::{
    CsrfField, FieldMessage, FormFeedback, focus_if_invalid, follow_done, invalid,
};
use crate::components::page_error::PageError;
use crate::components::rsvp::RsvpPanel;
use crate::components::transport::EventLogistics;
use crate::domain::event::{Event, EventKind, Venue};
use crate::domain::panel::{Panel, PanelContact, PanelForm};
use crate::domain::rsvp::RsvpSummary;
use crate::error::AppError;
use crate::i18n::use_i18n;
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
    let is_staff = use_page_context().viewer.is_some_and(|v| v.role.is_staff());
    let details = Resource::new(
        move || id.get(),
        move |id| async move {
            match id {
                Some(id) => {
                    let details = event_details(id).await?;
                    let logistics = load_logistics(id).await?;
                    let panel = load_panel_data(&details.event, is_staff).await?;
                    Ok((details, logistics, panel))
                }
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {Suspend::new(async move {
                match details.await {
                    Ok((details, logistics, panel)) => {
                        view! { <EventDetail details logistics panel /> }.into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The facts every event shows: when, where, for whom, 12-step details.
#[component]
fn Facts(event: Event, host_name: Option<String>) -> impl IntoView {
    let t = use_i18n();
    let venue = match event.venue {
        Venue::OnSite => t.on_site(),
        Venue::OffSite => t.off_site(),
    };
    let location = if event.location.is_empty() {
        venue.to_owned()
    } else {
        format!("{} ({venue})", event.location)
    };
    view! {
        <dl class="facts">
            <dt>{t.when_label()}</dt>
            <dd data-testid="event-when">{t.schedule(&event.schedule)}</dd>
            {event
                .rule
                .as_ref()
                .map(|rule| {
                    view! {
                        <dt>{t.repeats()}</dt>
                        <dd data-testid="event-rule">{t.describe_rule(rule)}</dd>
                    }
                })}
            <dt>{t.where_label()}</dt>
            <dd>{location}</dd>
            <dt>{t.audience()}</dt>
            <dd>{t.audience_label(event.audience)}</dd>
            {host_name.map(|name| view! { <dt>{t.hosted_by()}</dt><dd>{name}</dd> })}
            {event.capacity.map(|n| view! { <dt>{t.places()}</dt><dd>{n}</dd> })}
            {event
                .rsvp_closes_minutes
                .map(|m| view! { <dt>{t.rsvp_closes()}</dt><dd>{t.rsvp_closes_before(m / 60)}</dd> })}
            {event
                .twelve_step
                .as_ref()
                .map(|twelve_step| {
                    let types = twelve_step
                        .types
                        .iter()
                        .enumerate()
                        .map(|(i, code)| {
                            let name = t.meeting_type(code);
                            view! {
                                {(i > 0).then_some(" · ")}
                                <span class="meeting-type">
                                    <abbr title=name.clone()>{code.clone()}</abbr>
                                    " "
                                    {name}
                                </span>
                            }
                        })
                        .collect_view();
                    view! {
                        <dt>{t.fellowship()}</dt>
                        <dd>{t.fellowship_of(twelve_step.fellowship)}</dd>
                        {(!twelve_step.types.is_empty())
                            .then(|| {
                                view! {
                                    <dt>{t.meeting_types()}</dt>
                                    <dd class="meeting-types-line" data-testid="meeting-types">{types}</dd>
                                }
                            })}
                    }
                })}
        </dl>
    }
}

#[component]
fn EventDetail(
    details: EventPageData,
    logistics: LogisticsData,
    panel: Option<PanelData>,
) -> impl IntoView {
    let t = use_i18n();
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
            <p class="kind-badge">{t.kind(event.kind)}</p>
            <h1 data-testid="event-title">{event.title.clone()}</h1>
            {cancelled
                .then(|| view! { <p class="cancelled-note" role="status">{t.event_cancelled_note()}</p> })}
            <Facts event=event.clone() host_name />
            {(!event.description.is_empty())
                .then(|| view! { <p class="description">{event.description.clone()}</p> })}
            {panel.map(|data| view! { <MeetingPanel id editable=can_manage && !cancelled data /> })}
            <p class="add-to-calendar">
                <a class="button secondary" href=format!("/events/{id}.ics") download=format!("hearth-event-{id}.ics") data-testid="add-to-calendar">
                    {t.add_to_calendar()}
                </a>
            </p>
            {(!recurring)
                .then(|| {
                    let key = crate::domain::occurrence::OccurrenceKey(event.starts_at);
                    view! {
                        <p>
                            <a class="button" href=format!("/events/{}/occurrences/{key}", event.id)>
                                {t.rsvp_and_roster()}
                            </a>
                        </p>
                    }
                })}
            {(recurring && !next.is_empty())
                .then(|| {
                    view! {
                        <section class="next-dates" aria-labelledby="next-dates">
                            <h2 id="next-dates">{t.next_dates()}</h2>
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
            <EventLogistics id venue=event.venue editable=can_manage && !cancelled data=logistics />
            {(can_manage && !cancelled).then(|| view! { <EventActions id recurring /> })}
        </article>
        <p>
            <a href="/calendar">{t.back_to_upcoming()}</a>
        </p>
    }
}

#[component]
fn EventActions(id: i64, recurring: bool) -> impl IntoView {
    let t = use_i18n();
    let cancel = ServerAction::<CancelEvent>::new();
    follow_done(cancel.value());
    let save_template = ServerAction::<SaveTemplate>::new();
    follow_done(save_template.value());
    let template_feedback = FormFeedback::new(save_template.value(), SaveTemplate::url());
    let template_error = template_feedback.field("name");
    view! {
        <div class="actions">
            <a class="button" href=format!("/events/{id}/edit")>
                {if recurring { t.edit_series() } else { t.edit() }}
            </a>
            <details class="inline-form">
                <summary>{t.save_as_template()}</summary>
                <ActionForm action=save_template>
                    <CsrfField />
                    <input type="hidden" name="event_id" value=id />
                    <div class="field">
                        <label for="template-name">{t.template_name()}</label>
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
                        {t.save_template()}
                    </button>
                </ActionForm>
            </details>
            <details class="danger-zone">
                <summary>{t.cancel_event()}</summary>
                <p>{t.cancel_event_confirm()}</p>
                <ActionForm action=cancel>
                    <CsrfField />
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="button danger">
                        {t.cancel_event()}
                    </button>
                </ActionForm>
            </details>
        </div>
    }
}

/// The karaoke queue and the sign-up sheet, as the page loaded them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Sections {
    karaoke: Option<crate::domain::karaoke::KaraokeQueue>,
    signups: Option<crate::domain::signup::SignupBoard>,
}

#[component]
pub fn OccurrencePage() -> impl IntoView {
    let params = use_params_map();
    let is_staff = use_page_context().viewer.is_some_and(|v| v.role.is_staff());
    let data = Resource::new(
        move || {
            params.with(|p| {
                (
                    p.get("id").and_then(|id| id.parse::<i64>().ok()),
                    p.get("key"),
                )
            })
        },
        move |(id, key)| async move {
            match (id, key) {
                (Some(id), Some(key)) => {
                    let data = get_occurrence(id, key.clone()).await?;
                    let summary = load_rsvp_summary(id, key.clone()).await?;
                    let logistics = load_logistics(id).await?;
                    let panel = load_panel_data(&data.event, is_staff).await?;
                    // Loaded here with the rest, not by the sections
                    // themselves, so the page waits once for all of it
                    // rather than for one section after another. A section
                    // that could not load tries again itself.
                    let kind = data.occurrence.kind;
                    let karaoke = if kind == crate::domain::event::EventKind::Karaoke {
                        crate::api::karaoke::load_karaoke_queue(id, key.clone())
                            .await
                            .ok()
                    } else {
                        None
                    };
                    let signups = if crate::domain::signup::slot_kinds_for(kind).is_empty() {
                        None
                    } else {
                        crate::api::signups::load_signups(id, key).await.ok()
                    };
                    let sections = Sections { karaoke, signups };
                    Ok((data, summary, logistics, panel, sections))
                }
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {Suspend::new(async move {
                match data.await {
                    Ok((data, summary, logistics, panel, sections)) => {
                        view! { <OccurrenceDetail data summary logistics panel sections /> }.into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OccurrenceDetail(
    data: OccurrenceData,
    summary: RsvpSummary,
    logistics: LogisticsData,
    panel: Option<PanelData>,
    sections: Sections,
) -> impl IntoView {
    let t = use_i18n();
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
            <p class="kind-badge">{t.kind(occurrence.kind)}</p>
            <h1 data-testid="event-title">{occurrence.title.clone()}</h1>
            {occurrence
                .recurring
                .then(|| {
                    view! {
                        <p class="series-link">
                            {t.occurrence_of()} " "
                            <a href=format!("/events/{id}")>{event.title.clone()}</a>
                            {event.rule.as_ref().map(|rule| format!(" ({})", t.describe_rule(rule)))}
                        </p>
                    }
                })}
            {occurrence
                .is_cancelled()
                .then(|| view! { <p class="cancelled-note" role="status">{t.event_cancelled_note()}</p> })}
            {(occurrence.overridden && !occurrence.is_cancelled())
                .then(|| view! { <p class="changed-note">{t.changed_badge()}</p> })}
            <Facts event=facts_event host_name=None />
            {(!occurrence.description.is_empty())
                .then(|| view! { <p class="description">{occurrence.description.clone()}</p> })}
            {panel.map(|data| view! { <MeetingPanel id editable=false data /> })}
            <p class="add-to-calendar">
                <a class="button secondary" href=format!("/events/{id}.ics") download=format!("hearth-event-{id}.ics")>
                    {t.add_to_calendar()}
                </a>
            </p>
            <EventLogistics
                id
                venue=event.venue
                occurrence_key=key.clone()
                editable=can_manage && !series_cancelled
                data=logistics
            />
            <RsvpPanel
                context=crate::components::island::IslandContext::here()
                id
                key=key.clone()
                initial=summary
                reload_after=occurrence.kind == crate::domain::event::EventKind::Karaoke
                    || sections.signups.as_ref().is_some_and(|board| board.follows_rsvps())
            />
            {(occurrence.kind == crate::domain::event::EventKind::Karaoke)
                .then(|| {
                    view! {
                        <crate::components::karaoke::KaraokeQueuePanel
                            id
                            key=key.clone()
                            initial=sections.karaoke.clone()
                        />
                    }
                })}
            <crate::components::signups::Signups
                id
                key=key.clone()
                kind=occurrence.kind
                initial=sections.signups.clone()
            />
            {sees_roster
                .then(|| {
                    view! {
                        <p>
                            <a class="button secondary" href=format!("/events/{id}/occurrences/{key}/roster")>
                                {t.roster()}
                            </a>
                        </p>
                    }
                })}
            {(can_manage && !series_cancelled && occurrence.recurring)
                .then(|| view! { <OccurrenceActions id key=key.clone() cancelled=date_cancelled /> })}
        </article>
        <p>
            <a href="/calendar">{t.back_to_upcoming()}</a>
        </p>
    }
}

#[component]
fn OccurrenceActions(id: i64, key: String, cancelled: bool) -> impl IntoView {
    let t = use_i18n();
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
                {t.edit_date()}
            </a>
            {if cancelled {
                form.clone()(status, "restore", t.restore_date(), "secondary")
            } else {
                form.clone()(status, "cancel", t.cancel_date(), "secondary")
            }}
            <details class="danger-zone">
                <summary>{t.skip_date()}</summary>
                <p>{t.skip_date_hint()}</p>
                {form(skip, "skip", t.skip_date(), "danger")}
            </details>
            <a href=format!("/events/{id}/edit")>{t.edit_series()}</a>
        </div>
    }
}

/// Whether the event is brought in by an outside panel (an on-site
/// 12-step meeting).
fn has_panel(event: &Event) -> bool {
    event.kind == EventKind::TwelveStep && event.venue == Venue::OnSite
}

/// A meeting's panel as its page shows it: the panel (if set) and, for
/// staff only, how to reach it.
pub type PanelData = (Option<Panel>, Option<PanelContact>);

/// Loads the panel of an on-site 12-step meeting with the page (`None` for
/// other events). Only staff ask for the contact; a client's page never
/// does.
async fn load_panel_data(event: &Event, is_staff: bool) -> Result<Option<PanelData>, AppError> {
    if !has_panel(event) {
        return Ok(None);
    }
    let id = event.id.0;
    let panel = load_meeting_panel(id).await?;
    let contact = if is_staff {
        load_panel_contact(id).await?
    } else {
        None
    };
    Ok(Some((panel, contact)))
}

/// The outside panel: group and first names for everyone; for staff also
/// how to reach it, and for planners (on the event page) the form.
#[component]
fn MeetingPanel(id: i64, editable: bool, data: PanelData) -> impl IntoView {
    let t = use_i18n();
    let is_staff = use_page_context().viewer.is_some_and(|v| v.role.is_staff());
    let (panel, contact) = data;
    if panel.is_none() && !is_staff {
        return ().into_any();
    }
    let public = panel
        .clone()
        .map(|panel| view! { <PanelFacts panel /> }.into_any())
        .unwrap_or_else(|| view! { <p>{t.panel_none()}</p> }.into_any());
    let staff = is_staff.then(|| {
        view! { <PanelStaff id panel=panel.unwrap_or_default() contact=contact.unwrap_or_default() editable /> }
    });
    view! {
        <section class="meeting-panel" aria-labelledby="panel-heading" data-testid="meeting-panel">
            <h2 id="panel-heading">{t.panel_heading()}</h2>
            {public}
            {staff}
        </section>
    }
    .into_any()
}

#[component]
fn PanelFacts(panel: Panel) -> impl IntoView {
    let t = use_i18n();
    view! {
        <dl class="facts">
            {(!panel.group.is_empty())
                .then(|| view! { <dt>{t.panel_group()}</dt><dd data-testid="panel-group">{panel.group.clone()}</dd> })}
            {(!panel.members.is_empty())
                .then(|| {
                    view! {
                        <dt>{t.panel_members()}</dt>
                        <dd data-testid="panel-members">{panel.members.join(", ")}</dd>
                    }
                })}
        </dl>
    }
}

#[component]
fn PanelStaff(id: i64, panel: Panel, contact: PanelContact, editable: bool) -> impl IntoView {
    let t = use_i18n();
    let shown = (!contact.is_empty()).then(|| {
        let contact = contact.clone();
        view! {
            <h3>{t.panel_contact_heading()}</h3>
            <dl class="facts" data-testid="panel-contact">
                {(!contact.phone.is_empty())
                    .then(|| view! { <dt>{t.panel_phone()}</dt><dd><a href=format!("tel:{}", contact.phone)>{contact.phone.clone()}</a></dd> })}
                {(!contact.email.is_empty())
                    .then(|| view! { <dt>{t.panel_email()}</dt><dd><a href=format!("mailto:{}", contact.email)>{contact.email.clone()}</a></dd> })}
                {(!contact.notes.is_empty())
                    .then(|| view! { <dt>{t.panel_notes()}</dt><dd class="description">{contact.notes.clone()}</dd> })}
            </dl>
        }
    });
    view! {
        {shown}
        {editable.then(|| view! { <PanelEditor id form=PanelForm::from_parts(&panel, &contact) /> })}
    }
}

#[component]
fn PanelEditor(id: i64, form: PanelForm) -> impl IntoView {
    let t = use_i18n();
    let save = ServerAction::<SavePanel>::new();
    follow_done(save.value());
    let feedback = FormFeedback::new(save.value(), SavePanel::url());
    let refused = feedback.posted().is_some();
    let general = feedback.general();
    let field = move |name: &'static str,
                      id: &'static str,
                      label: &'static str,
                      value: String,
                      kind: &'static str| {
        let message = feedback.field(name);
        let error_id = format!("{id}-error");
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    id=id
                    name=name
                    type=kind
                    value=feedback.initial(name, value)
                    aria-describedby=error_id.clone()
                    aria-invalid=invalid(message) autofocus=focus_if_invalid(message)
                />
                <FieldMessage id=error_id message />
            </div>
        }
    };
    let members_error = feedback.field("members");
    view! {
        <details class="inline-form panel-form" open=refused>
            <summary>{t.panel_edit()}</summary>
            <ActionForm action=save>
                <CsrfField />
                <input type="hidden" name="event_id" value=id />
                <p class="form-error" role="alert" hidden=move || general.get().is_none()>
                    {move || general.get().unwrap_or_default()}
                </p>
                {field("group", "panel-group", t.panel_group(), form.group.clone(), "text")}
                <div class="field">
                    <label for="panel-members">{t.panel_members()}</label>
                    <textarea
                        id="panel-members"
                        name="members"
                        rows="4"
                        aria-describedby="panel-members-hint panel-members-error"
                        aria-invalid=invalid(members_error) autofocus=focus_if_invalid(members_error)
                    >
                        {feedback.initial("members", form.members.clone())}
                    </textarea>
                    <p class="hint" id="panel-members-hint">{t.panel_members_hint()}</p>
                    <FieldMessage id="panel-members-error" message=members_error />
                </div>
                <fieldset>
                    <legend>{t.panel_contact_heading()}</legend>
                    <p class="hint">{t.panel_contact_note()}</p>
                    {field("contact_phone", "panel-phone", t.panel_phone(), form.contact_phone.clone(), "tel")}
                    {field("contact_email", "panel-email", t.panel_email(), form.contact_email.clone(), "email")}
                    <div class="field">
                        <label for="panel-notes">{t.panel_notes()}</label>
                        <textarea id="panel-notes" name="contact_notes" rows="3" aria-describedby="panel-notes-error">
                            {feedback.initial("contact_notes", form.contact_notes.clone())}
                        </textarea>
                        <FieldMessage id="panel-notes-error" message=feedback.field("contact_notes") />
                    </div>
                </fieldset>
                <p class="hint">{t.panel_clear_hint()}</p>
                <button type="submit" class="button">{t.panel_save()}</button>
            </ActionForm>
        </details>
    }
}
