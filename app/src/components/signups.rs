//! "What to bring" and "Volunteer tasks" on an occurrence's page: the
//! slots, who signed up for what (as far as the viewer may see names), what
//! is still needed, and the forms to sign up, withdraw, and (planners) add,
//! change and remove slots. Every form posts without JavaScript too.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::form::{CsrfField, FieldMessage, FormFeedback, Reply, focus_if_invalid, invalid};
use crate::api::signups::{ClaimSlot, DeleteSlot, SaveSlot, WithdrawClaim, load_signups};
use crate::domain::event::EventKind;
use crate::domain::signup::{
    Allergen, SignupBoard, SlotKind, SlotView, alcohol_word, slot_kinds_for,
};
use crate::i18n::use_i18n;

/// The sign-up sections of an occurrence (nothing for kinds without slots).
#[component]
pub fn Signups(
    id: i64,
    key: String,
    kind: EventKind,
    /// The sheet as the page loaded it (loaded here when `None`, and again
    /// after every change).
    #[prop(default = None)]
    initial: Option<SignupBoard>,
) -> impl IntoView {
    if slot_kinds_for(kind).is_empty() {
        return ().into_any();
    }
    let version = RwSignal::new(0u32);
    let fetch_key = key.clone();
    let data = super::loaded_first(version, initial, move || {
        load_signups(id, fetch_key.clone())
    });
    view! {
        <Transition>
            {Suspend::new(async move {
                data.await
                    .ok()
                    .map(|board| view! { <Board board version /> })
            })}
        </Transition>
    }
    .into_any()
}

/// Bumps `version` (reloading the sections) when `value` reports success.
fn reload_on_success(
    value: impl Get<Value = Reply> + Send + Sync + 'static,
    version: RwSignal<u32>,
) {
    Effect::new(move |_| {
        if let Some(Ok(_)) = value.get() {
            version.update(|v| *v += 1);
        }
    });
}

/// Empties a form once `value` reports success (the page keeps its
/// elements when the section reloads, and with them what was typed).
fn reset_on_success(
    value: impl Get<Value = Reply> + Send + Sync + 'static,
    form: NodeRef<leptos::html::Form>,
) {
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(form)) = (value.get(), form.get()) {
            form.reset();
        }
    });
}

/// A reply's message in the page's language: the flash on success, the
/// error otherwise.
fn reply_text(reply: Reply) -> Option<String> {
    crate::components::form::reply_message(reply).map(|m| use_i18n().render(&m))
}

#[component]
fn Board(board: SignupBoard, version: RwSignal<u32>) -> impl IntoView {
    let t = use_i18n();
    let show_dishes = board.kinds.contains(&SlotKind::Dish);
    let show_tasks = board.kinds.contains(&SlotKind::Task)
        && (board.event_kind == EventKind::Holiday
            || board.event_kind == EventKind::Potluck
            || board.can_manage
            || board.slots_of(SlotKind::Task).next().is_some());
    let is_staff = crate::page_context::use_page_context()
        .viewer
        .is_some_and(|v| v.role.is_staff());
    let sheet = format!(
        "/events/{}/occurrences/{}/signups",
        board.event_id, board.key
    );
    let headcount = t.signup_headcount(board.headcount, board.going);
    let dish_board = board.clone();
    view! {
        {show_dishes
            .then(|| {
                view! {
                    <Section board=dish_board kind=SlotKind::Dish version headcount=headcount.clone() />
                }
            })}
        {show_tasks
            .then(|| {
                view! { <Section board kind=SlotKind::Task version headcount=String::new() /> }
            })}
        {is_staff
            .then(|| {
                view! {
                    <p class="signup-print">
                        <a class="button secondary" href=sheet>{t.signup_print_sheet()}</a>
                    </p>
                }
            })}
    }
}

#[component]
fn Section(
    board: SignupBoard,
    kind: SlotKind,
    version: RwSignal<u32>,
    headcount: String,
) -> impl IntoView {
    let t = use_i18n();
    let (heading, heading_id, testid) = match kind {
        SlotKind::Dish => (t.signup_what_to_bring(), "what-to-bring", "what-to-bring"),
        SlotKind::Task => (
            t.signup_volunteer_tasks(),
            "volunteer-tasks",
            "volunteer-tasks",
        ),
    };
    let slots: Vec<SlotView> = board.slots_of(kind).cloned().collect();
    let needed = board.still_needed(kind);
    let has_slots = !slots.is_empty();
    let id = board.event_id;
    let key = board.key.clone();
    let mine: Vec<i64> = slots
        .iter()
        .filter(|s| s.claims.iter().any(|c| c.mine))
        .map(|s| s.id.0)
        .collect();
    let claimable: Vec<SlotView> = slots
        .iter()
        .filter(|s| s.still_needed() > 0 && !mine.contains(&s.id.0))
        .cloned()
        .collect();
    let claim_form = if !board.open {
        has_slots.then(|| view! { <p class="hint">{t.signup_closed()}</p> }.into_any())
    } else if !board.viewer_going {
        has_slots.then(|| {
            view! { <p class="hint" data-testid="rsvp-first">{t.signup_rsvp_first()}</p> }
                .into_any()
        })
    } else if claimable.is_empty() {
        None
    } else {
        Some(view! { <ClaimSlotForm id key=key.clone() kind slots=claimable version /> }.into_any())
    };
    let can_manage = board.can_manage;
    let open = board.open;
    view! {
        <section class="signups" aria-labelledby=heading_id data-testid=testid>
            <h2 id=heading_id>{heading}</h2>
            {(!headcount.is_empty()).then(|| view! { <p class="signup-headcount" data-testid="headcount">{headcount.clone()}</p> })}
            {has_slots
                .then(|| {
                    view! {
                        <p class="signup-needed" data-testid="still-needed" aria-live="polite">
                            {t.signup_still_needed_total(needed)}
                        </p>
                    }
                })}
            {(!has_slots).then(|| view! { <p class="empty">{t.signup_nothing_yet()}</p> })}
            <ul class="slot-list">
                {slots
                    .into_iter()
                    .map(|slot| {
                        view! { <SlotItem id key=key.clone() item=slot can_manage open version /> }
                    })
                    .collect_view()}
            </ul>
            {claim_form}
            {can_manage.then(|| view! { <SlotEditor id key=key.clone() kind existing=None version /> })}
        </section>
    }
}

#[component]
fn SlotItem(
    id: i64,
    key: String,
    item: SlotView,
    can_manage: bool,
    open: bool,
    version: RwSignal<u32>,
) -> impl IntoView {
    let t = use_i18n();
    let slot = item;
    let withdraw = ServerAction::<WithdrawClaim>::new();
    reload_on_success(withdraw.value(), version);
    let needed = slot.still_needed();
    let claims = slot
        .claims
        .iter()
        .map(|claim| {
            let who = if claim.mine {
                Some(t.signup_you().to_owned())
            } else {
                claim.name.clone()
            };
            let what = match (slot.kind, claim.dish.is_empty()) {
                (SlotKind::Dish, false) => claim.dish.clone(),
                _ => who.clone().unwrap_or_else(|| t.signup_taken().to_owned()),
            };
            let who = (slot.kind == SlotKind::Dish).then_some(who).flatten();
            let tags = claim
                .allergens
                .iter()
                .map(|a| view! { <li class="tag">{t.signup_allergen(*a)}</li> })
                .collect_view();
            let can_withdraw = open && (claim.mine || claim.person_id.is_some());
            let claim_id = claim.id.0;
            let label = if claim.mine { t.signup_withdraw() } else { t.signup_remove_claim() };
            let key = key.clone();
            view! {
                <li class="claim" data-testid="claim">
                    <span class="claim-what">{what}</span>
                    {who.map(|w| view! { <span class="claim-who">" — " {w}</span> })}
                    {(!claim.allergens.is_empty()).then(|| view! { <ul class="tags">{tags}</ul> })}
                    {can_withdraw
                        .then(|| {
                            view! {
                                <ActionForm action=withdraw attr:class="inline">
                                    <CsrfField />
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="key" value=key />
                                    <input type="hidden" name="claim_id" value=claim_id />
                                    <button type="submit" class="button small secondary">{label}</button>
                                </ActionForm>
                            }
                        })}
                </li>
            }
        })
        .collect_view();
    let editor_slot = slot.clone();
    view! {
        <li class="slot" data-testid="slot">
            <div class="slot-head">
                <strong class="slot-category">{t.signup_category(slot.category)}</strong>
                " "
                <span class=if needed == 0 { "slot-needed done" } else { "slot-needed" }>
                    {t.signup_still_needed(needed)}
                </span>
            </div>
            {(!slot.notes.is_empty()).then(|| view! { <p class="slot-notes">{slot.notes.clone()}</p> })}
            {(!slot.claims.is_empty()).then(|| view! { <ul class="claims">{claims}</ul> })}
            {can_manage.then(|| view! { <SlotEditor id key=key.clone() existing=Some(editor_slot) kind=slot.kind version /> })}
        </li>
    }
}

/// Add a slot (`slot: None`) or change / remove one.
#[component]
fn SlotEditor(
    id: i64,
    key: String,
    kind: SlotKind,
    existing: Option<SlotView>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let t = use_i18n();
    let slot = existing;
    let save = ServerAction::<SaveSlot>::new();
    reload_on_success(save.value(), version);
    let save_form = NodeRef::<leptos::html::Form>::new();
    if slot.is_none() {
        reset_on_success(save.value(), save_form);
    }
    let remove = ServerAction::<DeleteSlot>::new();
    reload_on_success(remove.value(), version);
    // A refused no-JavaScript post shows at the form it came from.
    let prefix = match &slot {
        Some(s) => format!("slot-{}", s.id.0),
        None => format!("new-{}", kind.as_str()),
    };
    let posted_here = {
        let slot_id = slot.as_ref().map(|s| s.id.0.to_string());
        let categories = kind.categories();
        crate::page_context::use_page_context()
            .submission
            .is_some_and(|s| {
                s.field("slot_id").map(str::to_owned) == slot_id
                    && s.field("category")
                        .is_some_and(|c| categories.iter().any(|k| k.as_str() == c))
            })
    };
    let feedback = FormFeedback::new(save.value(), if posted_here { SaveSlot::url() } else { "" });
    let category_error = feedback.field("category");
    let quantity_error = feedback.field("quantity");
    let notes_error = feedback.field("notes");
    let current = slot.as_ref().map(|s| s.category);
    let quantity = feedback.initial(
        "quantity",
        slot.as_ref()
            .map_or("1".to_owned(), |s| s.quantity.to_string()),
    );
    let notes = feedback.initial(
        "notes",
        slot.as_ref().map_or(String::new(), |s| s.notes.clone()),
    );
    let summary = match (&slot, kind) {
        (Some(_), _) => t.signup_edit(),
        (None, SlotKind::Dish) => t.signup_add_dish_slot(),
        (None, SlotKind::Task) => t.signup_add_task(),
    };
    let open = feedback.posted().is_some();
    let claimed = slot.as_ref().map_or(0, |s| s.claimed);
    let slot_id = slot.as_ref().map(|s| s.id.0);
    let message = move || reply_text(remove.value().get());
    let remove_key = key.clone();
    let (category_id, quantity_id, notes_id) = (
        format!("{prefix}-category"),
        format!("{prefix}-quantity"),
        format!("{prefix}-notes"),
    );
    view! {
        <details class="slot-editor inline-form" open=open>
            <summary>{summary}</summary>
            <ActionForm action=save node_ref=save_form attr:class="slot-form">
                <CsrfField />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="key" value=key.clone() />
                {slot_id.map(|s| view! { <input type="hidden" name="slot_id" value=s /> })}
                <div class="field">
                    <label for=category_id.clone()>{t.signup_category_label()}</label>
                    <select
                        id=category_id.clone()
                        name="category"
                        aria-describedby=format!("{category_id}-error")
                        aria-invalid=invalid(category_error) autofocus=focus_if_invalid(category_error)
                    >
                        {kind
                            .categories()
                            .iter()
                            .map(|c| {
                                view! {
                                    <option value=c.as_str() selected=current == Some(*c)>
                                        {t.signup_category(*c)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <FieldMessage id=format!("{category_id}-error") message=category_error />
                </div>
                <div class="field">
                    <label for=quantity_id.clone()>{t.signup_quantity_label()}</label>
                    <input
                        id=quantity_id.clone()
                        name="quantity"
                        type="number"
                        min="1"
                        max="50"
                        inputmode="numeric"
                        value=quantity
                        aria-describedby=format!("{quantity_id}-error")
                        aria-invalid=invalid(quantity_error) autofocus=focus_if_invalid(quantity_error)
                    />
                    <FieldMessage id=format!("{quantity_id}-error") message=quantity_error />
                </div>
                <div class="field">
                    <label for=notes_id.clone()>{t.signup_notes_label()}</label>
                    <input
                        id=notes_id.clone()
                        name="notes"
                        type="text"
                        maxlength="200"
                        value=notes
                        aria-describedby=format!("{notes_id}-error")
                        aria-invalid=invalid(notes_error) autofocus=focus_if_invalid(notes_error)
                    />
                    <FieldMessage id=format!("{notes_id}-error") message=notes_error />
                </div>
                <p class="field-error" role="alert" hidden=move || feedback.general().get().is_none()>
                    {move || feedback.general().get().unwrap_or_default()}
                </p>
                <button type="submit" class="button small">
                    {if slot_id.is_some() { t.signup_save() } else { t.signup_add() }}
                </button>
            </ActionForm>
            {slot_id
                .map(|slot_id| {
                    view! {
                        <ActionForm action=remove attr:class="slot-remove">
                            <CsrfField />
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="key" value=remove_key.clone() />
                            <input type="hidden" name="slot_id" value=slot_id />
                            <p class="hint">{t.signup_remove_warning(claimed)}</p>
                            <button type="submit" class="button small danger">{t.signup_remove_slot()}</button>
                        </ActionForm>
                    }
                })}
            <p class="signup-message" role="status">{message}</p>
        </details>
    }
}

/// Sign up for one of the slots still needing people.
#[component]
fn ClaimSlotForm(
    id: i64,
    key: String,
    kind: SlotKind,
    slots: Vec<SlotView>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let t = use_i18n();
    let action = ServerAction::<ClaimSlot>::new();
    reload_on_success(action.value(), version);
    let claim_form = NodeRef::<leptos::html::Form>::new();
    reset_on_success(action.value(), claim_form);
    let ids: Vec<String> = slots.iter().map(|s| s.id.0.to_string()).collect();
    let posted_here = crate::page_context::use_page_context()
        .submission
        .is_some_and(|s| {
            s.field("slot_id")
                .is_some_and(|v| ids.iter().any(|i| i == v))
        });
    let feedback = FormFeedback::new(
        action.value(),
        if posted_here { ClaimSlot::url() } else { "" },
    );
    let dish_error = feedback.field("dish");
    let alcohol_error = feedback.field("contains_alcohol");
    let allergens_error = feedback.field("allergens");
    let general = feedback.general();
    let chosen = feedback.initial("slot_id", String::new());
    let ticked = feedback
        .posted()
        .map(|p| p.all("allergens[]"))
        .unwrap_or_default();
    let (prefix, heading) = match kind {
        SlotKind::Dish => ("claim-dish", t.signup_claim_dish_heading()),
        SlotKind::Task => ("claim-task", t.signup_claim_task_heading()),
    };
    // With JavaScript, a dish name with an alcohol word is pointed out as
    // it is typed (the server decides, with the facility's wording).
    let typed = RwSignal::new(feedback.initial("dish", String::new()));
    let noticed = move || typed.with(|d| alcohol_word(d));
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            typed.set(String::new());
        }
    });
    let success = move || match action.value().get() {
        Some(Ok(done)) => done.flash.map(|m| t.render(&m)),
        _ => None,
    };
    let slot_field = format!("{prefix}-slot");
    let dish_field = format!("{prefix}-dish");
    let alcohol_field = format!("{prefix}-alcohol");
    view! {
        <div class="claim-form" data-testid=prefix>
            <h3>{heading}</h3>
            <ActionForm action node_ref=claim_form attr:class="stacked">
                <CsrfField />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="key" value=key />
                <div class="field">
                    <label for=slot_field.clone()>{t.signup_slot_label()}</label>
                    <select id=slot_field name="slot_id">
                        {slots
                            .iter()
                            .map(|slot| {
                                let label = if slot.notes.is_empty() {
                                    format!("{} ({})", t.signup_category(slot.category), t.signup_still_needed(slot.still_needed()))
                                } else {
                                    format!("{} — {} ({})", t.signup_category(slot.category), slot.notes, t.signup_still_needed(slot.still_needed()))
                                };
                                let value = slot.id.0.to_string();
                                let selected = value == chosen;
                                view! { <option value=value selected=selected>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                {(kind == SlotKind::Dish)
                    .then(|| {
                        view! {
                            <div class="field">
                                <label for=dish_field.clone()>{t.signup_dish_label()}</label>
                                <input
                                    id=dish_field.clone()
                                    name="dish"
                                    type="text"
                                    maxlength="80"
                                    required
                                    value=typed.get_untracked()
                                    on:input=move |ev| typed.set(event_target_value(&ev))
                                    aria-describedby=format!("{dish_field}-hint {dish_field}-error")
                                    aria-invalid=invalid(dish_error) autofocus=focus_if_invalid(dish_error)
                                />
                                <p class="hint" id=format!("{dish_field}-hint")>{t.signup_dish_hint()}</p>
                                <FieldMessage id=format!("{dish_field}-error") message=dish_error />
                                <p class="field-warning" hidden=move || noticed().is_none() || dish_error.get().is_some()>
                                    {move || noticed().map(|w| format!("“{w}”: {}", t.signup_contains_alcohol())).unwrap_or_default()}
                                </p>
                            </div>
                            <fieldset class="allergens" aria-describedby=format!("{prefix}-allergens-error")>
                                <legend>{t.signup_allergens_label()}</legend>
                                {Allergen::ALL
                                    .into_iter()
                                    .map(|a| {
                                        let box_id = format!("{prefix}-allergen-{}", a.as_str());
                                        let checked = ticked.iter().any(|v| v == a.as_str());
                                        view! {
                                            <span class="checkbox">
                                                <input id=box_id.clone() type="checkbox" name="allergens[]" value=a.as_str() checked=checked />
                                                <label for=box_id>{t.signup_allergen(a)}</label>
                                            </span>
                                        }
                                    })
                                    .collect_view()}
                                <FieldMessage id=format!("{prefix}-allergens-error") message=allergens_error />
                            </fieldset>
                            <div class="field checkbox">
                                <input
                                    id=alcohol_field.clone()
                                    name="contains_alcohol"
                                    type="checkbox"
                                    aria-describedby=format!("{alcohol_field}-error")
                                />
                                <label for=alcohol_field.clone()>{t.signup_contains_alcohol()}</label>
                            </div>
                            <FieldMessage id=format!("{alcohol_field}-error") message=alcohol_error />
                        }
                    })}
                {(kind == SlotKind::Task)
                    .then(|| {
                        view! {
                            <p class="field-error" role="alert" hidden=move || general.get().is_none()>
                                {move || general.get().unwrap_or_default()}
                            </p>
                        }
                    })}
                {(kind == SlotKind::Dish)
                    .then(|| {
                        view! {
                            <p class="field-error" role="alert" data-testid="claim-error" hidden=move || general.get().is_none()>
                                {move || general.get().unwrap_or_default()}
                            </p>
                        }
                    })}
                <button type="submit" class="button">{t.signup_claim()}</button>
                <p class="signup-message" role="status">{success}</p>
            </ActionForm>
        </div>
    }
}
