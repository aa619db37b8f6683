//! The roster of one occurrence: who is coming, check-in, answering for a
//! client, adding a walk-in. Built for a phone in the hand.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::calendar::get_occurrence;
use crate::api::rsvp::{Answer, CheckIn, roster, search_clients};
use crate::components::form::CsrfField;
use crate::components::page_error::PageError;
use crate::domain::rsvp::{Engagement, RosterLine, RsvpState};
use crate::error::AppError;
use crate::i18n::use_i18n;

#[component]
pub fn RosterPage() -> impl IntoView {
    let t = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let target = move || {
        params.with(|p| {
            (
                p.get("id").and_then(|id| id.parse::<i64>().ok()),
                p.get("key"),
            )
        })
    };
    // Saving a check-in or an answer reloads the roster in place.
    let version = RwSignal::new(0u32);
    provide_context(RosterVersion(version));
    let data = Resource::new(
        move || {
            (
                target(),
                query.with(|q| q.get("q").unwrap_or_default()),
                version.get(),
            )
        },
        |((id, key), q, _)| async move {
            let (Some(id), Some(key)) = (id, key) else {
                return Err(AppError::NotFound);
            };
            let occurrence = get_occurrence(id, key.clone()).await?;
            let lines = roster(id, key.clone()).await?;
            let found = if q.trim().is_empty() {
                Vec::new()
            } else {
                search_clients(q.clone()).await?
            };
            Ok((id, key, occurrence, lines, q, found))
        },
    );
    view! {
        <Title text=t.roster() />
        <Suspense>
            {Suspend::new(async move {
                match data.await {
                    Ok((id, key, occurrence, lines, q, found)) => {
                        view! {
                            <h1>{t.roster()}</h1>
                            <p class="hint">
                                <a href=format!("/events/{id}/occurrences/{key}")>{occurrence.occurrence.title.clone()}</a>
                                ", "
                                {t.schedule(&occurrence.occurrence.schedule)}
                            </p>
                            <RosterTable id key=key.clone() lines />
                            <WalkIn id key q found />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[derive(Clone, Copy)]
struct RosterVersion(RwSignal<u32>);

/// Reloads the roster once `value` reports success (the JavaScript path;
/// without it, the server's redirect reloads the page).
fn reload_on_success(
    value: impl Get<Value = crate::components::form::Reply> + Send + Sync + 'static,
) {
    let version = use_context::<RosterVersion>();
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(RosterVersion(version))) = (value.get(), version) {
            version.update(|v| *v += 1);
        }
    });
}

#[component]
fn RosterTable(id: i64, key: String, lines: Vec<RosterLine>) -> impl IntoView {
    let t = use_i18n();
    if lines.is_empty() {
        return view! { <p class="empty">{t.roster_empty()}</p> }.into_any();
    }
    let going = lines
        .iter()
        .filter(|l| l.state == Some(RsvpState::Going))
        .count();
    view! {
        <p class="roster-summary">{t.roster_summary(going, lines.len())}</p>
        <table class="roster" data-testid="roster">
            <thead>
                <tr>
                    <th scope="col">{t.person()}</th>
                    <th scope="col">{t.answer()}</th>
                    <th scope="col">{t.check_in()}</th>
                </tr>
            </thead>
            <tbody>
                {lines
                    .into_iter()
                    .map(|line| view! { <RosterRow id key=key.clone() line /> })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn RosterRow(id: i64, key: String, line: RosterLine) -> impl IntoView {
    let t = use_i18n();
    let check_in = ServerAction::<CheckIn>::new();
    reload_on_success(check_in.value());
    let answer = match (line.state, line.position) {
        (Some(RsvpState::Waitlisted), Some(n)) => {
            format!("{} #{n}", t.state_label(RsvpState::Waitlisted))
        }
        (Some(state), _) => t.state_label(state).to_owned(),
        (None, _) => t.walk_in().to_owned(),
    };
    let guests = (line.guests > 0).then(|| format!(" +{}", line.guests));
    let by = line
        .answered_by
        .clone()
        .map(|name| format!("{} {name}", t.answered_by()));
    let select_id = format!("code-{}", line.person_id);
    view! {
        <tr data-testid="roster-row">
            <th scope="row">
                {line.name.clone()}
                {line.house.clone().map(|h| view! { <span class="house">{h}</span> })}
            </th>
            <td>
                {answer}
                {guests}
                {by.map(|by| view! { <span class="answered-by">{by}</span> })}
            </td>
            <td>
                <ActionForm action=check_in attr:class="check-in">
                    <CsrfField />
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="key" value=key />
                    <input type="hidden" name="person_id" value=line.person_id.0 />
                    <label class="visually-hidden" for=select_id.clone()>
                        {format!("{} — {}", t.check_in(), line.name)}
                    </label>
                    <select id=select_id name="code">
                        {Engagement::ALL
                            .into_iter()
                            .map(|code| {
                                let selected = line.attendance == Some(code)
                                    || (line.attendance.is_none() && code == Engagement::Attended);
                                view! {
                                    <option value=code.as_str() selected=selected>
                                        {t.engagement_label(code)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <button type="submit" class="button small">
                        {if line.attendance.is_some() { t.update() } else { t.save() }}
                    </button>
                    {match line.attendance {
                        Some(code) => view! { <span class="recorded">"✓ " {t.engagement_label(code)}</span> }.into_any(),
                        None => view! { <span class="pending">{t.not_checked_in()}</span> }.into_any(),
                    }}
                </ActionForm>
            </td>
        </tr>
    }
}

/// Find a client by name; answer for them, or check them in as a walk-in.
#[component]
fn WalkIn(id: i64, key: String, q: String, found: Vec<(i64, String)>) -> impl IntoView {
    let t = use_i18n();
    let answer = ServerAction::<Answer>::new();
    reload_on_success(answer.value());
    let check_in = ServerAction::<CheckIn>::new();
    reload_on_success(check_in.value());
    let roster_path = format!("/events/{id}/occurrences/{key}/roster");
    view! {
        <section class="walk-in" aria-labelledby="walk-in-heading">
            <h2 id="walk-in-heading">{t.find_client()}</h2>
            <form method="get" action=roster_path.clone() class="search">
                <label for="q">{t.client_name()}</label>
                <input id="q" name="q" type="search" value=q.clone() autocomplete="off" />
                <button type="submit" class="button secondary">{t.search()}</button>
            </form>
            {(!q.trim().is_empty() && found.is_empty()).then(|| view! { <p class="empty">{t.no_match()}</p> })}
            <ul class="found">
                {found
                    .into_iter()
                    .map(|(person, name)| {
                        let (key, key2) = (key.clone(), key.clone());
                        let (roster_path, name2, name3) = (roster_path.clone(), name.clone(), name.clone());
                        view! {
                            <li data-testid="found-client">
                                <span class="found-name">{name}</span>
                                <ActionForm action=answer attr:class="inline">
                                    <CsrfField />
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="key" value=key />
                                    <input type="hidden" name="person_id" value=person />
                                    <input type="hidden" name="back" value=roster_path />
                                    <button type="submit" name="response" value="going" class="button small">
                                        {format!("{} — {name2}", t.rsvp_for())}
                                    </button>
                                </ActionForm>
                                <ActionForm action=check_in attr:class="inline">
                                    <CsrfField />
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="key" value=key2 />
                                    <input type="hidden" name="person_id" value=person />
                                    <input type="hidden" name="code" value="attended" />
                                    <button type="submit" class="button small secondary">
                                        {format!("{} — {name3}", t.check_in_walk_in())}
                                    </button>
                                </ActionForm>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
