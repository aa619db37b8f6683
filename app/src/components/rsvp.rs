//! The RSVP control on an occurrence's page: the live count, the viewer's
//! own answer, and the buttons to change it.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::form::CsrfField;
use crate::api::rsvp::{Answer, load_rsvp_summary};
use crate::domain::rsvp::{RsvpState, RsvpSummary};
use crate::i18n::{Tr, use_i18n};

/// "12 of 20 going, 3 waitlisted".
pub fn count_text(t: Tr, summary: &RsvpSummary) -> String {
    t.rsvp_count(
        summary.counts.seats_taken,
        summary.capacity,
        summary.counts.waitlisted,
        summary.counts.maybe,
    )
}

/// The viewer's own answer in words.
fn mine_text(t: Tr, summary: &RsvpSummary) -> Option<String> {
    let mine = summary.mine.as_ref()?;
    Some(match mine.state {
        RsvpState::Going if mine.guests > 0 => t.you_are_going_with(mine.guests),
        RsvpState::Going => t.you_are_going().to_owned(),
        RsvpState::Waitlisted => t.you_are_waitlisted(mine.position.unwrap_or(0)),
        RsvpState::Maybe => t.you_said_maybe().to_owned(),
        RsvpState::NotGoing => t.you_are_not_going().to_owned(),
    })
}

/// How often the count refreshes itself, once the page is hydrated.
const REFRESH_SECONDS: u64 = 20;

/// An island: an answer is saved and the count follows without a reload.
#[island]
pub fn RsvpPanel(
    context: super::island::IslandContext,
    id: i64,
    key: String,
    initial: RsvpSummary,
    /// Other parts of the page follow the answer (the karaoke queue, the
    /// sign-up sheet): the form posts and the page comes back whole.
    reload_after: bool,
) -> impl IntoView {
    context.provide();
    let t = use_i18n();
    let action = ServerAction::<Answer>::new();
    let summary = RwSignal::new(initial.clone());
    let refetch_key = key.clone();
    let refresh = move || {
        let key = refetch_key.clone();
        leptos::task::spawn_local(async move {
            if let Ok(fresh) = load_rsvp_summary(id, key).await {
                summary.set(fresh);
            }
        });
    };
    // After an answer is saved, show the new count and state without a
    // reload; and keep the count fresh while the page is open.
    let after_answer = refresh.clone();
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            after_answer();
        }
    });
    let tick = refresh.clone();
    Effect::new(move |_| {
        let tick = tick.clone();
        if let Ok(handle) =
            set_interval_with_handle(tick, std::time::Duration::from_secs(REFRESH_SECONDS))
        {
            on_cleanup(move || handle.clear());
        }
    });
    let message =
        move || crate::components::form::reply_message(action.value().get()).map(|m| t.render(&m));
    let back = format!("/events/{id}/occurrences/{key}");
    // The form posts as it does without JavaScript; with it, the answer
    // goes to the server function and the panel follows without a reload
    // (read from the form here rather than by `ActionForm`, whose form
    // decoder would add a fifth to the bundle).
    let csrf_token = crate::page_context::use_page_context().csrf_token;
    let submit_key = key.clone();
    let submit_back = back.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if reload_after {
            return;
        }
        ev.prevent_default();
        let response = ev
            .submitter()
            .and_then(|button| button.get_attribute("value"))
            .unwrap_or_default();
        let guests = document()
            .get_element_by_id("guests")
            .and_then(|select| {
                use leptos::wasm_bindgen::JsCast;
                select.dyn_into::<leptos::web_sys::HtmlSelectElement>().ok()
            })
            .map(|select| select.value())
            .unwrap_or_default();
        action.dispatch(Answer {
            csrf_token: csrf_token.clone(),
            id,
            key: submit_key.clone(),
            response,
            guests,
            person_id: String::new(),
            back: submit_back.clone(),
        });
    };
    // Not eligible and not on the list already (staff may have overridden
    // the rules): the reason instead of the buttons.
    let refusal = initial.not_eligible.clone().filter(|_| {
        initial
            .mine
            .as_ref()
            .is_none_or(|m| m.state == RsvpState::NotGoing)
    });
    let max_guests = initial.max_guests;
    let current_guests = initial.mine.as_ref().map_or(0, |m| m.guests);
    view! {
        <section class="rsvp" aria-labelledby="rsvp-heading">
            <h2 id="rsvp-heading">{t.coming_question()}</h2>
            <p class="rsvp-count" data-testid="rsvp-count" aria-live="polite">
                {move || summary.with(|s| count_text(t, s))}
            </p>
            <p class="rsvp-mine" data-testid="rsvp-mine">
                {move || summary.with(|s| mine_text(t, s)).unwrap_or_default()}
            </p>
            {move || {
                summary
                    .with(|s| s.going_names.clone())
                    .filter(|names| !names.is_empty())
                    .map(|names| {
                        view! {
                            <p class="rsvp-names">
                                {t.who_is_going()} ": " {names.join(", ")}
                            </p>
                        }
                    })
            }}
            {initial
                .ratio
                .map(|r| {
                    view! {
                        <p class="warning" role="status" data-testid="ratio-warning">
                            {t.ratio_warning(&r)}
                        </p>
                    }
                })}
            {refusal
                .clone()
                .map(|reason| {
                    view! {
                        <p class="not-eligible" data-testid="not-eligible">
                            {t.render(&reason)}
                        </p>
                    }
                })}
            {(initial.open && refusal.is_none())
                .then(|| {
                    view! {
                        <form
                            method="post"
                            action=Answer::url()
                            class="rsvp-form"
                            on:submit=on_submit.clone()
                        >
                            <CsrfField />
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="key" value=key.clone() />
                            <input type="hidden" name="back" value=back.clone() />
                            {(max_guests > 0)
                                .then(|| {
                                    view! {
                                        <div class="field guests">
                                            <label for="guests">{t.guests_label()}</label>
                                            <select id="guests" name="guests">
                                                {(0..=max_guests)
                                                    .map(|n| {
                                                        view! {
                                                            <option value=n selected=n == current_guests>
                                                                {n}
                                                            </option>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </select>
                                        </div>
                                    }
                                })}
                            <div class="rsvp-buttons">
                                <button type="submit" name="response" value="going" class="button">
                                    {t.answer_going()}
                                </button>
                                <button type="submit" name="response" value="maybe" class="button secondary">
                                    {t.answer_maybe()}
                                </button>
                                <button type="submit" name="response" value="not_going" class="button secondary">
                                    {t.answer_not_going()}
                                </button>
                            </div>
                        </form>
                    }
                })}
            {(!initial.open).then(|| view! { <p class="hint">{t.rsvp_closed()}</p> })}
            <p class="rsvp-message" role="status">
                {message}
            </p>
        </section>
    }
}
