//! Pieces every form uses: the CSRF field, messages at fields, and the
//! feedback that merges the two ways a form can be answered — a server
//! function's reply in the browser, or (without JavaScript) the page
//! re-rendered by the server with what was typed and what was wrong.

use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::Done;
use crate::error::AppError;
use crate::i18n::{Message, use_i18n};
use crate::page_context::{FormSubmission, use_page_context};

use super::layout::Flash;

/// A server function's reply as a server action holds it.
pub type Reply = Option<Result<Done, AppError>>;

/// The hidden field every state-changing form carries.
#[component]
pub fn CsrfField() -> impl IntoView {
    let token = use_page_context().csrf_token;
    view! { <input type="hidden" name="csrf_token" value=token /> }
}

/// The message under a field; empty and hidden while there is none.
#[component]
pub fn FieldMessage(
    /// Referenced by the field's `aria-describedby`.
    #[prop(into)]
    id: String,
    #[prop(into)] message: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <p class="field-error" id=id aria-live="polite" hidden=move || message.get().is_none()>
            {move || message.get().unwrap_or_default()}
        </p>
    }
}

/// A labelled input with its hint and its message: `<div class="field">`
/// holding the `<label for>`, the `<input>` (its `id` and `name` alike),
/// the hint (`<p class="hint">`) and the [`FieldMessage`].
///
/// The input is described by the hint and the message (`aria-describedby`,
/// in that order) and marked `aria-invalid` while `message` holds one.
/// Inputs side by side that share one message (a date and a time) name it
/// with `error_id`, and the message is shown below them by the caller
/// (`shared_message`).
#[component]
pub fn TextField(
    /// The input's `id` and `name`.
    id: &'static str,
    /// What the label says.
    label: impl IntoView + 'static,
    /// The value first shown.
    #[prop(into)]
    value: String,
    /// The input's `type`.
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] min: Option<&'static str>,
    #[prop(optional)] max: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// Called with the value as it is typed (once the page is hydrated).
    #[prop(optional)]
    on_input: Option<Callback<String>>,
    /// The class of the element around label, input and hint.
    #[prop(default = "field")]
    class: &'static str,
    /// The hint's id; the hint itself is `hint` (or the caller shows it
    /// elsewhere).
    #[prop(optional)]
    hint_id: Option<&'static str>,
    #[prop(optional, into)] hint: Option<ViewFn>,
    /// A `data-testid` for the hint.
    #[prop(optional)]
    hint_test_id: Option<&'static str>,
    /// The hint counts the characters left of this many as one types
    /// (`crate::enhance`).
    #[prop(optional)]
    count_max: Option<usize>,
    /// The message's id.
    error_id: &'static str,
    /// What is wrong with the value, if anything.
    #[prop(optional)]
    message: Option<Signal<Option<String>>>,
    /// The message is shown by the caller, below this and its neighbours.
    #[prop(optional)]
    shared_message: bool,
) -> impl IntoView {
    let described_by = match hint_id {
        Some(hint_id) => format!("{hint_id} {error_id}"),
        None => error_id.to_owned(),
    };
    let aria_invalid = message.map(invalid);
    let control = view! {
        <label for=id>{label}</label>
        <input
            id=id
            name=id
            type=kind
            autocomplete=autocomplete
            required=required
            min=min
            max=max
            inputmode=inputmode
            value=value
            on:input=move |ev| {
                if let Some(on_input) = on_input {
                    on_input.run(event_target_value(&ev));
                }
            }
            aria-describedby=described_by
            aria-invalid=aria_invalid
            autofocus=message.map(focus_if_invalid)
        />
    };
    let hint = hint.map(|hint| {
        view! {
            <p class="hint" id=hint_id data-testid=hint_test_id data-count-max=count_max>
                {hint.run()}
            </p>
        }
    });
    let message = message
        .filter(|_| !shared_message)
        .map(|message| view! { <FieldMessage id=error_id message /> });
    // Only the parts the field has: an absent one would leave a hydration
    // placeholder in the page.
    match (hint, message) {
        (Some(hint), Some(message)) => {
            EitherOf4::A(view! { <div class=class>{control} {hint} {message}</div> })
        }
        (Some(hint), None) => EitherOf4::B(view! { <div class=class>{control} {hint}</div> }),
        (None, Some(message)) => EitherOf4::C(view! { <div class=class>{control} {message}</div> }),
        (None, None) => EitherOf4::D(view! { <div class=class>{control}</div> }),
    }
}

/// A form's answer, whichever way it arrived.
#[derive(Clone, Copy)]
pub struct FormFeedback {
    value: Signal<Option<Result<Done, AppError>>>,
    /// The browser's own check of the fields, once it has run since the
    /// last submission: `Some(None)` means "looks right now", which hides a
    /// stale answer from the server.
    local: RwSignal<Option<Option<AppError>>>,
    submission: StoredValue<Option<FormSubmission>>,
}

impl FormFeedback {
    /// `url` is the server function the form posts to; a refused
    /// no-JavaScript post to it is picked up from the page context.
    pub fn new(value: impl Get<Value = Reply> + Send + Sync + 'static, url: &str) -> Self {
        let value = Signal::derive(move || value.get());
        // A refused submission: the focus goes to what needs fixing.
        Effect::new(move |_| {
            if let Some(Err(_)) = value.get() {
                focus_first(ERROR_TARGETS);
            }
        });
        let submission = use_page_context().submission.filter(|s| s.action == url);
        FormFeedback {
            value,
            local: RwSignal::new(None),
            submission: StoredValue::new(submission),
        }
    }

    /// The current error: from the browser's own check, the server's reply,
    /// or the re-rendered no-JavaScript post, in that order.
    pub fn error(&self) -> Option<AppError> {
        let posted = || {
            self.submission
                .with_value(|s| s.as_ref().map(|s| s.error.clone()))
        };
        // A page drawn on the server has no check or reply of the browser's
        // yet, only a refused no-JavaScript post: reading the signals there
        // would only cost every field of every form on the page.
        if !cfg!(feature = "hydrate") {
            return posted();
        }
        if let Some(checked) = self.local.get() {
            return checked;
        }
        match self.value.get() {
            Some(Err(e)) => Some(e),
            Some(Ok(_)) => None,
            None => posted(),
        }
    }

    /// The messages at field `name`, in the page's language.
    pub fn field(&self, name: &'static str) -> Signal<Option<String>> {
        let this = *self;
        let t = use_i18n();
        Signal::derive(move || match this.error()? {
            AppError::Validation { errors } => {
                let messages: Vec<String> =
                    errors.all(name).into_iter().map(|m| t.render(m)).collect();
                (!messages.is_empty()).then(|| messages.join(" "))
            }
            _ => None,
        })
    }

    /// An error that belongs to no single field (or a non-validation one).
    pub fn general(&self) -> Signal<Option<String>> {
        let this = *self;
        let t = use_i18n();
        Signal::derive(move || match this.error()? {
            AppError::Validation { errors } => errors.get("form").map(|m| t.render(m)),
            // On the facility's clock too (a time that does not exist).
            other => Some(t.render(&other.message())),
        })
    }

    /// The value to pre-fill: what was posted, if the post was refused.
    pub fn initial(&self, name: &str, default: String) -> String {
        self.submission
            .with_value(|s| s.as_ref().and_then(|s| s.field(name)).map(str::to_owned))
            .unwrap_or(default)
    }

    /// The refused no-JavaScript post this form is showing again, if any.
    pub fn posted(&self) -> Option<FormSubmission> {
        self.submission.get_value()
    }

    /// Records the browser's own check of the fields (as a person corrects
    /// them: the focus stays where they type).
    pub fn set_local(&self, error: Option<AppError>) {
        self.local.set(Some(error));
    }

    /// The browser's own check refused a submission: records it and moves
    /// the focus to the first field that needs fixing.
    pub fn refuse_local(&self, error: AppError) {
        self.local.set(Some(Some(error)));
        focus_first(ERROR_TARGETS);
    }

    /// Forgets the browser's check, so the server's answer to the next
    /// submission shows.
    pub fn clear_local(&self) {
        self.local.set(None);
    }

    /// Whether anything is being reported, without subscribing to it.
    pub fn has_error_untracked(&self) -> bool {
        untrack(|| self.error().is_some())
    }
}

/// A reply's message: the flash on success, the (first) error otherwise.
pub fn reply_message(reply: Reply) -> Option<Message> {
    match reply? {
        Ok(done) => done.flash,
        Err(AppError::Validation { errors }) => errors.first().map(|e| e.message.clone()),
        Err(other) => Some(other.message()),
    }
}

/// Follows a server function's [`Done`]: a client-side navigation with a
/// flash message, or a full reload when the whole page must change.
pub fn follow_done(value: impl Get<Value = Reply> + Send + Sync + 'static) {
    let navigate = use_navigate();
    let flash = use_context::<Flash>();
    Effect::new(move |_| {
        if let Some(Ok(done)) = value.get() {
            if done.reload {
                let _ = window().location().assign(&done.redirect_to);
                return;
            }
            if let (Some(flash), Some(message)) = (flash, done.flash.clone()) {
                flash.show(&done.redirect_to, message);
            }
            navigate(&done.redirect_to, Default::default());
            // The result: the page's message, else the page itself.
            focus_first(RESULT_TARGETS);
        }
    });
}

/// Where the focus goes after a refused action: the first field marked
/// invalid, else the form's own message.
const ERROR_TARGETS: &[&str] = &[
    "[aria-invalid=\"true\"]",
    ".form-error:not([hidden])",
    ".field-error:not([hidden])",
];

/// Where the focus goes after an action is done: its message, else the
/// page's main region.
const RESULT_TARGETS: &[&str] = &["#main > .flash", "#main"];

/// Moves the keyboard focus to the first element matching one of
/// `selectors` (in order of preference), once the page has drawn the
/// action's answer: a screen reader then reads the result or the problem,
/// and the next Tab continues from there. The answer may take a moment to
/// arrive (a page loading its data), so the first choice is waited for a
/// little before a later one is taken.
#[cfg(feature = "hydrate")]
fn focus_first(selectors: &'static [&'static str]) {
    focus_attempt(selectors, 20);
}

#[cfg(feature = "hydrate")]
fn focus_attempt(selectors: &'static [&'static str], tries_left: u32) {
    set_timeout(
        move || {
            let wanted = if tries_left == 0 {
                selectors
            } else {
                &selectors[..1]
            };
            if crate::enhance::focus_first(wanted) {
                return;
            }
            if tries_left > 0 {
                focus_attempt(selectors, tries_left - 1);
            }
        },
        std::time::Duration::from_millis(75),
    );
}

#[cfg(not(feature = "hydrate"))]
fn focus_first(_selectors: &'static [&'static str]) {}

/// `aria-describedby` / `aria-invalid` pair for a field with a message.
pub fn invalid(message: Signal<Option<String>>) -> impl Fn() -> Option<&'static str> + Copy {
    move || message.get().map(|_| "true")
}

/// `autofocus` for a field with a message: a page drawn again with a
/// refused form (without JavaScript, too) opens with the focus on the first
/// field to fix (the browser focuses the first of them in the page).
pub fn focus_if_invalid(message: Signal<Option<String>>) -> impl Fn() -> bool + Copy {
    move || message.get().is_some()
}

/// A button that opens the browser's print dialog (it needs JavaScript, as
/// printing from a page always does; the Content-Security-Policy allows no
/// inline handler, so the click is the app's own).
#[component]
pub fn PrintButton(
    #[prop(into)] label: String,
    #[prop(default = "button")] class: &'static str,
) -> impl IntoView {
    view! {
        <button type="button" class=class data-print="">
            {label}
        </button>
    }
}
