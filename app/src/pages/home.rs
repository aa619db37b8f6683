use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::events::upcoming_events;
use crate::components::event_list::EventList;
use crate::components::page_error::PageError;
use crate::i18n::use_strings;
use crate::page_context::use_page_context;

/// Visitors see a welcome; people who are signed in see what's coming up.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_strings();
    if use_page_context().viewer.is_none() {
        return view! {
            <Title text="" />
            <section class="welcome">
                <h1>{t.welcome_heading}</h1>
                <p>{t.welcome_text}</p>
                <p>
                    <a class="button" href="/sign-in">
                        {t.sign_in}
                    </a>
                </p>
            </section>
        }
        .into_any();
    }
    let events = Resource::new(|| (), |_| upcoming_events());
    view! {
        <Title text=t.upcoming_heading />
        <h1>{t.upcoming_heading}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match events.await {
                    Ok(events) if events.is_empty() => {
                        view! { <p class="empty">{t.no_upcoming}</p> }.into_any()
                    }
                    Ok(events) => view! { <EventList events /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}
