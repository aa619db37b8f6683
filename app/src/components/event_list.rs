//! Events listed by day.

use leptos::prelude::*;

use crate::domain::event::{Event, Schedule};
use crate::i18n::use_strings;

/// Events grouped under a heading per day, each day's date spelled out.
#[component]
pub fn EventList(events: Vec<Event>) -> impl IntoView {
    let t = use_strings();
    let mut days: Vec<(chrono::NaiveDate, Vec<Event>)> = Vec::new();
    for event in events {
        let day = event.schedule.local_start().date();
        match days.last_mut() {
            Some((last, group)) if *last == day => group.push(event),
            _ => days.push((day, vec![event])),
        }
    }
    days.into_iter()
        .map(|(day, events)| {
            let heading_id = format!("day-{}", day.format("%Y-%m-%d"));
            view! {
                <section class="day" aria-labelledby=heading_id.clone()>
                    <h2 id=heading_id.clone()>{t.long_date(day)}</h2>
                    <ul class="event-list">
                        {events.into_iter().map(|event| view! { <EventCard event /> }).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view()
}

#[component]
fn EventCard(event: Event) -> impl IntoView {
    let t = use_strings();
    let when = match event.schedule {
        Schedule::Timed { start, end } => format!("{} – {}", t.time(start), t.time(end)),
        Schedule::AllDay { .. } => t.all_day.to_owned(),
    };
    let class = format!(
        "event-card kind-{}{}",
        event.kind.as_str(),
        if event.is_cancelled() {
            " cancelled"
        } else {
            ""
        }
    );
    view! {
        <li class=class data-testid="event-card">
            <span class="event-time">{when}</span>
            <a class="event-title" href=format!("/events/{}", event.id)>
                {event.title.clone()}
            </a>
            <span class="kind-badge">{(t.kind)(event.kind)}</span>
            {(!event.location.is_empty())
                .then(|| view! { <span class="event-location">{event.location.clone()}</span> })}
            {event
                .is_cancelled()
                .then(|| view! { <strong class="cancelled-badge">{t.cancelled_badge}</strong> })}
        </li>
    }
}
