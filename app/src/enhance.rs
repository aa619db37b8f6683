//! What the browser adds to a server-rendered page that needs no view of
//! its own: run once when the wasm bundle has loaded (see
//! [`crate::hydrate`]). Every page works without it; with it, a keyboard
//! user lands on the result of what they just did, the calendar answers its
//! arrow keys, the print buttons print and the language switch keeps what a
//! form holds. The parts that draw (the kiosk's countdown, the live board,
//! the RSVP panel…) are islands instead.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Installs every enhancement on the current page.
pub fn page() {
    crate::components::language::restore_carried_forms();
    focus_on_arrival();
    shortcut_keys();
    clicks();
    typing();
}

/// After a form post the server answers with the next page: the focus goes
/// to its message ("Saved"), or, when it refused the post, to the first
/// field to fix, so a screen reader reads the result and the next Tab goes
/// on from there. A page opened any other way keeps the browser's focus.
fn focus_on_arrival() {
    const TARGETS: &[&str] = &[
        "#main > .flash",
        "[aria-invalid=\"true\"]",
        ".form-error:not([hidden])",
        ".field-error:not([hidden])",
    ];
    focus_first(TARGETS);
}

/// Moves the focus to the first element matching one of `selectors`, in
/// order of preference; `true` if one was found.
pub fn focus_first(selectors: &[&str]) -> bool {
    for selector in selectors {
        let Ok(Some(found)) = document().query_selector(selector) else {
            continue;
        };
        if let Ok(element) = found.dyn_into::<HtmlElement>() {
            if !element.has_attribute("tabindex") && element.tab_index() < 0 {
                let _ = element.set_attribute("tabindex", "-1");
            }
            let _ = element.focus();
            return true;
        }
    }
    false
}

/// Keys a page offers as shortcuts: a link carrying `data-key="ArrowLeft"`
/// is followed when that key is pressed (not while typing in a field, not
/// with a modifier).
fn shortcut_keys() {
    let listener = window_event_listener(leptos::ev::keydown, |ev| {
        let typing = ev
            .target()
            .and_then(|target| target.dyn_into::<HtmlElement>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if typing || ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        if let Some(link) = shortcut(&ev.key()) {
            ev.prevent_default();
            link.click();
        }
    });
    // For the page's whole life.
    std::mem::forget(listener);
}

/// The link standing for `key` on this page, if any.
fn shortcut(key: &str) -> Option<HtmlElement> {
    if key.is_empty() || key.len() > 12 || key.contains('"') {
        return None;
    }
    let link = document()
        .query_selector(&format!("a[data-key=\"{key}\"]"))
        .ok()??;
    link.dyn_into::<HtmlElement>().ok()
}

/// Buttons marked `data-print` open the print dialog; links in the
/// language switch keep the page's form fields for the page in the other
/// language.
fn clicks() {
    on_element(leptos::ev::click, |target| {
        if let Ok(Some(_)) = target.closest("[data-print]") {
            let _ = window().print();
        } else if let Ok(Some(_)) = target.closest(".language-switch a") {
            crate::components::language::keep_carried_forms();
        }
    });
}

/// Calls `handle` with the element each `event` of the page comes from,
/// for the page's whole life.
fn on_element<E>(event: E, handle: impl Fn(web_sys::Element) + 'static)
where
    E: leptos::ev::EventDescriptor + 'static,
    E::EventType: JsCast,
{
    let listener = window_event_listener(event, move |ev| {
        let target = ev
            .as_ref()
            .unchecked_ref::<web_sys::Event>()
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok());
        if let Some(target) = target {
            handle(target);
        }
    });
    std::mem::forget(listener);
}

/// As a person types: a hint marked `data-count-max` beside a field counts
/// the characters left, and a field the server refused loses its mark and
/// its message once it is changed (the server checks it again on the next
/// post).
fn typing() {
    on_element(leptos::ev::input, |field| {
        count_characters(&field);
        if field.get_attribute("aria-invalid").as_deref() == Some("true") {
            let _ = field.remove_attribute("aria-invalid");
            for id in field
                .get_attribute("aria-describedby")
                .unwrap_or_default()
                .split_whitespace()
            {
                if let Some(message) = document().get_element_by_id(id)
                    && message.class_list().contains("field-error")
                {
                    let _ = message.set_attribute("hidden", "");
                }
            }
        }
    });
}

/// Updates the counter among the hints of `field`, if it has one.
fn count_characters(field: &web_sys::Element) {
    for id in field
        .get_attribute("aria-describedby")
        .unwrap_or_default()
        .split_whitespace()
    {
        let Some(hint) = document().get_element_by_id(id) else {
            continue;
        };
        let Some(max) = hint
            .get_attribute("data-count-max")
            .and_then(|max| max.parse::<usize>().ok())
        else {
            continue;
        };
        let typed = field_value(field).chars().count();
        let t = page_translator();
        hint.set_text_content(Some(&t.characters_left(max.saturating_sub(typed))));
    }
}

/// The text of an input or a text area.
fn field_value(field: &web_sys::Element) -> String {
    if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(area) = field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else {
        String::new()
    }
}

/// The translator for the page's language (`<html lang>`).
fn page_translator() -> crate::i18n::Tr {
    let code = document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .unwrap_or_default();
    crate::i18n::Tr::new(crate::i18n::Lang::from_tag(&code).unwrap_or_default())
}
