//! The printable sign-up sheet of an occurrence (staff): every slot, who
//! brings what with its allergen tags, and blank lines for what is still
//! needed, to pin on the wall and fill in by hand. Viewing it is audited.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::calendar::get_occurrence;
use crate::api::signups::load_signup_sheet;
use crate::components::page_error::PageError;
use crate::domain::signup::{SignupBoard, SlotKind};
use crate::error::AppError;
use crate::i18n::use_i18n;

#[component]
pub fn SignupSheetPage() -> impl IntoView {
    let t = use_i18n();
    let params = use_params_map();
    let data = Resource::new(
        move || {
            params.with(|p| {
                (
                    p.get("id").and_then(|id| id.parse::<i64>().ok()),
                    p.get("key"),
                )
            })
        },
        |(id, key)| async move {
            let (Some(id), Some(key)) = (id, key) else {
                return Err(AppError::NotFound);
            };
            let board = load_signup_sheet(id, key.clone()).await?;
            let occurrence = get_occurrence(id, key).await?;
            Ok((occurrence, board))
        },
    );
    view! {
        <Title text=t.signup_sheet_heading() />
        <Suspense>
            {Suspend::new(async move {
                match data.await {
                    Ok((occurrence, board)) => {
                        let o = occurrence.occurrence;
                        let back = format!("/events/{}/occurrences/{}", board.event_id, board.key);
                        view! {
                            <article class="signup-sheet" data-testid="signup-sheet">
                                <header>
                                    <h1>{format!("{} — {}", t.signup_sheet_heading(), o.title)}</h1>
                                    <p class="sheet-when">{t.schedule(&o.schedule)}</p>
                                    <p class="sheet-headcount">
                                        {t.signup_headcount(board.headcount, board.going)}
                                    </p>
                                </header>
                                <p class="print-link">
                                    <a href=back>{o.title.clone()}</a>
                                    " · "
                                    <crate::components::form::PrintButton label=t.print() class="button secondary" />
                                </p>
                                <SheetTable board=board.clone() kind=SlotKind::Dish />
                                <SheetTable board kind=SlotKind::Task />
                            </article>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SheetTable(board: SignupBoard, kind: SlotKind) -> impl IntoView {
    let t = use_i18n();
    let slots: Vec<_> = board.slots_of(kind).cloned().collect();
    if slots.is_empty() {
        return ().into_any();
    }
    let heading = match kind {
        SlotKind::Dish => t.signup_what_to_bring(),
        SlotKind::Task => t.signup_volunteer_tasks(),
    };
    let dish = kind == SlotKind::Dish;
    let rows = slots
        .into_iter()
        .map(|slot| {
            let what = if slot.notes.is_empty() {
                t.signup_category(slot.category).to_owned()
            } else {
                format!("{} — {}", t.signup_category(slot.category), slot.notes)
            };
            let lines = slot.claims.len() + slot.still_needed() as usize;
            let mut claims = slot.claims.into_iter();
            (0..lines)
                .map(|i| {
                    let claim = claims.next();
                    let first = i == 0;
                    let name = claim
                        .as_ref()
                        .map(|c| c.name.clone().unwrap_or_else(|| t.signup_you().to_owned()));
                    let brings = claim.as_ref().map(|c| c.dish.clone());
                    let tags = claim
                        .as_ref()
                        .map(|c| {
                            c.allergens
                                .iter()
                                .map(|a| t.signup_allergen(*a))
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                        .unwrap_or_default();
                    let class = if claim.is_some() { "taken" } else { "blank" };
                    // The slot's name spans its lines (no empty header cells).
                    let head =
                        first.then(|| view! { <th scope="row" rowspan=lines>{what.clone()}</th> });
                    view! {
                        <tr class=class>
                            {head}
                            <td class="write">{name}</td>
                            {dish.then(|| view! { <td class="write">{brings.clone()}</td> })}
                            {dish.then(|| view! { <td class="write">{tags.clone()}</td> })}
                        </tr>
                    }
                })
                .collect_view()
        })
        .collect_view();
    view! {
        <section class="sheet-section">
            <h2>{heading}</h2>
            <table class="sheet">
                <thead>
                    <tr>
                        <th scope="col">{t.signup_sheet_what()}</th>
                        <th scope="col">{t.signup_sheet_name()}</th>
                        {dish.then(|| view! { <th scope="col">{t.signup_sheet_brings()}</th> })}
                        {dish.then(|| view! { <th scope="col">{t.signup_sheet_allergens()}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}
