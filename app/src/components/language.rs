//! The language switch: each language Hearth speaks, named in itself, as a
//! link to `/lang` (see the server's `language` module), which remembers
//! the choice for this session and comes back to the same address.
//!
//! Switching never loses what a form holds: with JavaScript, the switch
//! keeps the page's form fields (never passwords or PINs) in the tab's
//! `sessionStorage` and the page in the new language puts them back.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_location;

use super::form::{CsrfField, FieldMessage, FormFeedback, focus_if_invalid, follow_done, invalid};
use crate::api::access::SetLanguage;
use crate::i18n::{Lang, Tr, use_i18n};
use crate::page_context::use_page_context;

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let t = use_i18n();
    let page = use_page_context();
    let location = use_location();
    let here = move || format!("{}{}", location.pathname.get(), location.search.get());
    let items = Lang::ALL
        .into_iter()
        .map(|lang| {
            let name = Tr::new(lang).language_name();
            if lang == page.lang {
                view! {
                    <li>
                        <span aria-current="true" lang=lang.code()>
                            {name}
                        </span>
                    </li>
                }
                .into_any()
            } else {
                let href = move || format!("/lang?to={}&back={}", lang.code(), encode(&here()));
                view! {
                    <li>
                        // `external`: the server answers it, not the router.
                        <a
                            href=href
                            rel="external"
                            hreflang=lang.code()
                            lang=lang.code()
                            data-testid=format!("lang-{}", lang.code())
                        >
                            {name}
                        </a>
                    </li>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <nav class="language-switch" aria-label=t.language_switch_label()>
            <ul>{items}</ul>
        </nav>
    }
}

/// A person's standing choice of language: on their own page, and on a
/// client's page for staff.
#[component]
pub fn LanguagePreference(person: i64, current: Option<Lang>) -> impl IntoView {
    let t = use_i18n();
    let action = ServerAction::<SetLanguage>::new();
    follow_done(action.value());
    let feedback = FormFeedback::new(action.value(), SetLanguage::url());
    let error = feedback.field("lang");
    let options = Lang::ALL
        .into_iter()
        .map(|lang| {
            view! {
                <option value=lang.code() lang=lang.code() selected=current == Some(lang)>
                    {Tr::new(lang).language_name()}
                </option>
            }
        })
        .collect_view();
    view! {
        <section class="language-preference" aria-labelledby="language-heading">
            <h2 id="language-heading">{t.language_preference_heading()}</h2>
            <ActionForm action attr:class="stacked" attr:data-testid="language-preference">
                <CsrfField />
                <input type="hidden" name="person" value=person />
                <div class="field">
                    <label for="lang">{t.language_preference_label()}</label>
                    <select
                        id="lang"
                        name="lang"
                        aria-describedby="lang-hint lang-error"
                        aria-invalid=invalid(error) autofocus=focus_if_invalid(error)
                    >
                        <option value="" selected=current.is_none()>
                            {t.language_preference_browser()}
                        </option>
                        {options}
                    </select>
                    <p class="hint" id="lang-hint">{t.language_preference_hint()}</p>
                    <FieldMessage id="lang-error" message=error />
                </div>
                <button type="submit" class="button secondary">{t.language_preference_save()}</button>
            </ActionForm>
        </section>
    }
}

/// Percent-encodes a path and query for a query-string value.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char);
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Puts back what the page's forms held before the language switch (call
/// once the page is hydrated).
pub fn restore_carried_forms() {
    carry::restore();
}

/// Keeps the page's form fields for the page in the other language (call
/// as a link of the switch is followed).
pub fn keep_carried_forms() {
    carry::keep();
}

#[cfg(feature = "hydrate")]
mod carry {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

    const KEY: &str = "hearth-carried-form";
    const FIELDS: &str = "form input[name], form textarea[name], form select[name]";
    /// Never carried: secrets, and what the page writes itself.
    const SKIPPED_TYPES: &[&str] = &[
        "password", "hidden", "file", "submit", "button", "reset", "image",
    ];

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Carried {
        page: String,
        /// (position among the fields, name, value, checked)
        fields: Vec<(u32, String, String, bool)>,
    }

    fn here() -> String {
        let location = window().location();
        format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        )
    }

    pub fn keep() {
        let Ok(Some(storage)) = window().session_storage() else {
            return;
        };
        let Ok(nodes) = document().query_selector_all(FIELDS) else {
            return;
        };
        let mut fields = Vec::new();
        for index in 0..nodes.length() {
            let Some(node) = nodes.item(index) else {
                continue;
            };
            if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
                let kind = input.type_().to_ascii_lowercase();
                if SKIPPED_TYPES.contains(&kind.as_str()) || input.autocomplete() == "one-time-code"
                {
                    continue;
                }
                fields.push((index, input.name(), input.value(), input.checked()));
            } else if let Some(area) = node.dyn_ref::<HtmlTextAreaElement>() {
                fields.push((index, area.name(), area.value(), false));
            } else if let Some(select) = node.dyn_ref::<HtmlSelectElement>() {
                fields.push((index, select.name(), select.value(), false));
            }
        }
        let carried = Carried {
            page: here(),
            fields,
        };
        if let Ok(json) = serde_json::to_string(&carried) {
            let _ = storage.set_item(KEY, &json);
        }
    }

    pub fn restore() {
        let Ok(Some(storage)) = window().session_storage() else {
            return;
        };
        let Ok(Some(json)) = storage.get_item(KEY) else {
            return;
        };
        let _ = storage.remove_item(KEY);
        let Ok(carried) = serde_json::from_str::<Carried>(&json) else {
            return;
        };
        if carried.page != here() {
            return;
        }
        let Ok(nodes) = document().query_selector_all(FIELDS) else {
            return;
        };
        for (index, name, value, checked) in carried.fields {
            let Some(node) = nodes.item(index) else {
                continue;
            };
            let changed = if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
                if input.name() != name {
                    continue;
                }
                match input.type_().to_ascii_lowercase().as_str() {
                    "checkbox" | "radio" => input.set_checked(checked),
                    _ => input.set_value(&value),
                }
                true
            } else if let Some(area) = node.dyn_ref::<HtmlTextAreaElement>() {
                (area.name() == name)
                    .then(|| area.set_value(&value))
                    .is_some()
            } else if let Some(select) = node.dyn_ref::<HtmlSelectElement>() {
                (select.name() == name)
                    .then(|| select.set_value(&value))
                    .is_some()
            } else {
                false
            };
            // Whatever the page shows or hides by a field's value follows.
            if changed {
                for kind in ["input", "change"] {
                    let init = web_sys::EventInit::new();
                    init.set_bubbles(true);
                    if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
                        let _ = node.dispatch_event(&event);
                    }
                }
            }
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod carry {
    pub fn keep() {}
    pub fn restore() {}
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn encodes_the_way_back() {
        assert_eq!(
            encode("/calendar?view=week&date=2026-12-04"),
            "/calendar%3Fview%3Dweek%26date%3D2026-12-04"
        );
        assert_eq!(encode("/people/7"), "/people/7");
    }
}
