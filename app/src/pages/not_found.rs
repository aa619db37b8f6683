use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::page_error::set_status;
use crate::i18n::use_i18n;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_i18n();
    set_status(404);
    view! {
        <Title text=t.not_found_heading() />
        <h1>{t.not_found_heading()}</h1>
        <p>{t.not_found_text()}</p>
        <p>
            <a href="/">{t.back_to_upcoming()}</a>
        </p>
    }
}
