use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_i18n;
use crate::page_context::use_page_context;
use crate::pages::calendar::CalendarPage;

/// Visitors see a welcome; people who are signed in see the agenda.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_i18n();
    if use_page_context().viewer.is_some() {
        return view! { <CalendarPage /> }.into_any();
    }
    view! {
        <Title text="" />
        <section class="welcome">
            <h1>{t.welcome_heading()}</h1>
            <p>{t.welcome_text()}</p>
            <p>
                <a class="button" href="/sign-in">
                    {t.sign_in()}
                </a>
            </p>
        </section>
    }
    .into_any()
}
