//! The van manifest of one occurrence: driver, times, pick-up point and
//! who rides, with boxes to tick on the way out and back. Staff only;
//! opening it is written to the audit log. Made to be printed.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::transport::load_manifest;
use crate::components::page_error::PageError;
use crate::domain::transport::{Manifest, Rider};
use crate::error::AppError;
use crate::i18n::use_i18n;

#[component]
pub fn ManifestPage() -> impl IntoView {
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
            match (id, key) {
                (Some(id), Some(key)) => load_manifest(id, key).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=t.manifest_heading() />
        <Suspense>
            {Suspend::new(async move {
                match data.await {
                    Ok(manifest) => view! { <ManifestSheet manifest /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ManifestSheet(manifest: Manifest) -> impl IntoView {
    let t = use_i18n();
    let clock = move |time: Option<chrono::NaiveTime>| {
        time.map(|at| t.time_of_day(at))
            .unwrap_or_else(|| "—".to_owned())
    };
    let back = format!("/events/{}/occurrences/{}", manifest.event_id, manifest.key);
    let seats = manifest.transport.as_ref().map(|v| v.van_seats);
    let rows = |riders: Vec<Rider>, boxes: bool| {
        riders
            .into_iter()
            .enumerate()
            .map(|(i, rider)| {
                view! {
                    <tr data-testid="manifest-rider">
                        <td class="number">{i + 1}</td>
                        <td>
                            {rider.name}
                            {rider.staff.then(|| view! { " " <span class="tag">{t.manifest_staff_mark()}</span> })}
                            {(rider.guests > 0).then(|| view! { " " <span class="tag">{t.manifest_guests(rider.guests)}</span> })}
                        </td>
                        <td>{rider.house.unwrap_or_default()}</td>
                        {boxes.then(|| view! {
                            <td class="tick"><span class="box"><span class="visually-hidden">{t.manifest_out()}</span></span></td>
                            <td class="tick"><span class="box"><span class="visually-hidden">{t.manifest_back()}</span></span></td>
                        })}
                    </tr>
                }
            })
            .collect_view()
    };
    let has_riders = !manifest.riders.is_empty();
    view! {
        <article class="manifest">
            <p class="no-print">
                <a href=back>{manifest.title.clone()}</a>
                " · "
                <crate::components::form::PrintButton label=t.manifest_print() />
            </p>
            <h1>{t.manifest_heading()} ": " {manifest.title.clone()}</h1>
            <p class="manifest-date">{t.long_date(manifest.date)}</p>
            {manifest.ratio.map(|r| view! { <p class="warning" role="status" data-testid="ratio-warning">{t.ratio_warning(&r)}</p> })}
            {match manifest.transport.clone() {
                None => view! { <p class="hint">{t.manifest_no_van()}</p> }.into_any(),
                Some(van) => view! {
                    <dl class="facts manifest-facts">
                        <dt>{t.driver()}</dt>
                        <dd data-testid="manifest-driver">{manifest.driver_name.clone().unwrap_or_else(|| "—".to_owned())}</dd>
                        <dt>{t.pickup_point()}</dt>
                        <dd>{if van.pickup_point.is_empty() { "—".to_owned() } else { van.pickup_point.clone() }}</dd>
                        <dt>{t.van_leaves()}</dt>
                        <dd>{clock(van.departs)}</dd>
                        <dt>{t.van_returns()}</dt>
                        <dd>{clock(van.returns)}</dd>
                        <dt>{t.manifest_destination()}</dt>
                        <dd>{manifest.destination.clone()}</dd>
                    </dl>
                }.into_any(),
            }}
            <p data-testid="manifest-seats">{t.manifest_seats(manifest.seats_taken, seats)}</p>
            {if has_riders {
                view! {
                    <table class="manifest-table">
                        <thead>
                            <tr>
                                <th scope="col">"#"</th>
                                <th scope="col">{t.manifest_name()}</th>
                                <th scope="col">{t.house()}</th>
                                <th scope="col">{t.manifest_out()}</th>
                                <th scope="col">{t.manifest_back()}</th>
                            </tr>
                        </thead>
                        <tbody>{rows(manifest.riders.clone(), true)}</tbody>
                    </table>
                }.into_any()
            } else {
                view! { <p>{t.manifest_empty()}</p> }.into_any()
            }}
            {(!manifest.waitlist.is_empty()).then(|| view! {
                <h2>{t.manifest_waitlist()}</h2>
                <table class="manifest-table waitlist">
                    <tbody>{rows(manifest.waitlist.clone(), false)}</tbody>
                </table>
            })}
            <p class="signature">{t.manifest_signature()} ": " <span class="line"></span></p>
        </article>
    }
}
