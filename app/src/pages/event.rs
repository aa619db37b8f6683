use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::events::{CancelEvent, get_event};
use crate::components::form::{CsrfField, follow_done};
use crate::components::page_error::PageError;
use crate::domain::event::Event;
use crate::error::AppError;
use crate::i18n::use_strings;
use crate::page_context::use_page_context;

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
    let event = use_event();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match event.await {
                    Ok(event) => view! { <EventDetail event /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EventDetail(event: Event) -> impl IntoView {
    let t = use_strings();
    let can_manage = use_page_context()
        .viewer
        .is_some_and(|v| v.can_manage_events);
    let cancelled = event.is_cancelled();
    let class = format!("event-detail kind-{}", event.kind.as_str());
    view! {
        <Title text=event.title.clone() />
        <article class=class>
            <p class="kind-badge">{(t.kind)(event.kind)}</p>
            <h1 data-testid="event-title">{event.title.clone()}</h1>
            {cancelled
                .then(|| {
                    view! {
                        <p class="cancelled-note" role="status">
                            {t.event_cancelled_note}
                        </p>
                    }
                })}
            <dl class="facts">
                <dt>{t.when_label}</dt>
                <dd data-testid="event-when">{t.schedule(&event.schedule)}</dd>
                {(!event.location.is_empty())
                    .then(|| {
                        view! {
                            <dt>{t.where_label}</dt>
                            <dd>{event.location.clone()}</dd>
                        }
                    })}
            </dl>
            {(!event.description.is_empty())
                .then(|| view! { <p class="description">{event.description.clone()}</p> })}
            {(can_manage && !cancelled).then(|| view! { <EventActions id=event.id.0 /> })}
        </article>
        <p>
            <a href="/">{t.back_to_upcoming}</a>
        </p>
    }
}

#[component]
fn EventActions(id: i64) -> impl IntoView {
    let t = use_strings();
    let cancel = ServerAction::<CancelEvent>::new();
    follow_done(cancel.value());
    view! {
        <div class="actions">
            <a class="button" href=format!("/events/{id}/edit")>
                {t.edit}
            </a>
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
