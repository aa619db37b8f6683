//! "My schedule": what I'm going to, waitlisted for, and checked in to.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::rsvp::load_my_schedule;
use crate::components::calendar::OccurrenceChip;
use crate::components::language::LanguagePreference;
use crate::components::page_error::PageError;
use crate::domain::rsvp::{MySchedule, RsvpState};
use crate::i18n::use_i18n;
use crate::page_context::use_page_context;

#[component]
pub fn MySchedulePage() -> impl IntoView {
    let t = use_i18n();
    let data = Resource::new(|| (), |_| load_my_schedule());
    let preference = use_page_context()
        .viewer
        .map(|v| view! { <LanguagePreference person=v.person_id current=v.lang /> });
    view! {
        <Title text=t.my_schedule_heading() />
        <h1>{t.my_schedule_heading()}</h1>
        <p class="page-links">
            <a href="/me/calendar" data-testid="my-calendar-link">{t.my_calendar_heading()}</a>
            " · "
            <a href="/me/sessions">{t.sessions_link()}</a>
            " · "
            <a href="/me/password">{t.password_link()}</a>
        </p>
        <Suspense>
            {Suspend::new(async move {
                match data.await {
                    Ok(schedule) => view! { <ScheduleView schedule /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
        {preference}
    }
}

#[component]
pub fn ScheduleView(schedule: MySchedule) -> impl IntoView {
    let t = use_i18n();
    let coming = if schedule.coming.is_empty() {
        view! { <p class="empty">{t.nothing_coming()}</p> }.into_any()
    } else {
        view! {
            <ul class="occurrence-list schedule" data-testid="my-schedule">
                {schedule
                    .coming
                    .into_iter()
                    .map(|(occurrence, rsvp)| {
                        let date = t.long_date(occurrence.schedule.local_start().date());
                        let state = match (rsvp.state, rsvp.position) {
                            (RsvpState::Waitlisted, Some(n)) => format!("{} #{n}", t.state_label(rsvp.state)),
                            (state, _) => t.state_label(state).to_owned(),
                        };
                        let class = format!("state state-{}", rsvp.state.as_str());
                        view! {
                            <li>
                                <span class="next-date">{date}</span>
                                " "
                                <OccurrenceChip occurrence with_end=true />
                                " "
                                <strong class=class>{state}</strong>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let attended = (!schedule.attended.is_empty()).then(|| {
        view! {
            <h2>{t.recently_attended()}</h2>
            <ul class="occurrence-list">
                {schedule
                    .attended
                    .into_iter()
                    .map(|(occurrence, code)| {
                        let date = t.long_date(occurrence.schedule.local_start().date());
                        view! {
                            <li>
                                <span class="next-date">{date}</span>
                                " "
                                <OccurrenceChip occurrence />
                                " "
                                <span>{t.engagement_label(code)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        {coming}
        {attended}
    }
}
