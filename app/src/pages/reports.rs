//! Participation reports (with CSV export) and the audit log.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::reports::{audit_log, load_participation};
use crate::components::page_error::PageError;
use crate::domain::event::EventKind;
use crate::i18n::use_i18n;

#[component]
pub fn ReportsPage() -> impl IntoView {
    let t = use_i18n();
    let query = use_query_map();
    let range = move || {
        query.with(|q| {
            (
                q.get("from").unwrap_or_default(),
                q.get("to").unwrap_or_default(),
            )
        })
    };
    let data = Resource::new(range, |(from, to)| load_participation(from, to));
    view! {
        <Title text=t.reports_heading() />
        <h1>{t.reports_heading()}</h1>
        <Suspense>
            {Suspend::new(async move {
                match data.await {
                    Ok(report) => {
                        let csv = format!("/reports/participation.csv?from={}&to={}", report.from, report.to);
                        view! {
                            <form method="get" action="/reports" class="filters">
                                <div class="field">
                                    <label for="from">{t.from_date()}</label>
                                    <input id="from" name="from" type="date" value=report.from.to_string() />
                                </div>
                                <div class="field">
                                    <label for="to">{t.to_date()}</label>
                                    <input id="to" name="to" type="date" value=report.to.to_string() />
                                </div>
                                <button type="submit" class="button secondary">{t.show()}</button>
                            </form>
                            <p>
                                <a class="button" href=csv download>{t.export_csv()}</a>
                            </p>
                            {if report.rows.is_empty() {
                                view! { <p class="empty">{t.report_empty()}</p> }.into_any()
                            } else {
                                view! {
                                    <table class="report" data-testid="report">
                                        <thead>
                                            <tr>
                                                <th scope="col">{t.person()}</th>
                                                <th scope="col">{t.field_kind()}</th>
                                                <th scope="col">{t.col_attended()}</th>
                                                <th scope="col">{t.col_left_early()}</th>
                                                <th scope="col">{t.col_refused()}</th>
                                                <th scope="col">{t.col_unavailable()}</th>
                                                <th scope="col">{t.col_no_show()}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {report
                                                .rows
                                                .into_iter()
                                                .map(|row| {
                                                    let kind = EventKind::parse(&row.kind).map(|k| t.kind(k)).unwrap_or_default();
                                                    view! {
                                                        <tr>
                                                            <th scope="row">{row.name}</th>
                                                            <td>{kind}</td>
                                                            <td>{row.attended}</td>
                                                            <td>{row.left_early}</td>
                                                            <td>{row.refused}</td>
                                                            <td>{row.unavailable}</td>
                                                            <td>{row.no_show}</td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                }
                                    .into_any()
                            }}
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
pub fn AuditPage() -> impl IntoView {
    let t = use_i18n();
    let data = Resource::new(|| (), |_| audit_log());
    view! {
        <Title text=t.audit_heading() />
        <h1>{t.audit_heading()}</h1>
        <Suspense>
            {Suspend::new(async move {
                match data.await {
                    Ok(lines) => {
                        view! {
                            <table class="report" data-testid="audit">
                                <thead>
                                    <tr>
                                        <th scope="col">{t.when_label()}</th>
                                        <th scope="col">{t.person()}</th>
                                        <th scope="col">{t.what()}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {lines
                                        .into_iter()
                                        .map(|line| {
                                            let who = line.who.unwrap_or_else(|| t.audit_by_hearth().to_owned());
                                            view! {
                                                <tr>
                                                    <td>{t.long_date_time(line.at)}</td>
                                                    <td>{who}</td>
                                                    <td>{t.render(&line.what)}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
