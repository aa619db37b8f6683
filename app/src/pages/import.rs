//! `/events/import`: staff bring events in from an .ics file.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::import::{GuideResult, SkippedEntry};
use crate::api::import::{ImportPageData, import_page};
use crate::components::form::CsrfField;
use crate::components::page_error::PageError;
use crate::domain::event::{EventKind, Fellowship};
use crate::i18n::use_i18n;

#[component]
pub fn ImportPage() -> impl IntoView {
    let t = use_i18n();
    let data = Resource::new(|| (), |_| import_page());
    view! {
        <Title text=t.import_heading() />
        <h1>{t.import_heading()}</h1>
        <Suspense>
            {Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <ImportForm data /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ImportForm(data: ImportPageData) -> impl IntoView {
    let t = use_i18n();
    let result = data.result.map(|result| match result {
        Ok(summary) => {
            let skipped_count = summary.skipped.len();
            let skipped = (!summary.skipped.is_empty()).then(|| {
                view! {
                    <h3>{t.import_skipped_heading()}</h3>
                    <ul class="skipped" data-testid="import-skipped">
                        {summary
                            .skipped
                            .into_iter()
                            .map(|s| {
                                let what = if s.what.is_empty() {
                                    t.ics_untitled().to_owned()
                                } else {
                                    s.what
                                };
                                view! { <li><strong>{what}</strong> ": " {t.render(&s.reason)}</li> }
                            })
                            .collect_view()}
                    </ul>
                }
            });
            view! {
                <section class="callout" role="status" data-testid="import-summary">
                    <h2>{t.import_done_heading()}</h2>
                    <p>
                        {t.import_counts(summary.created, summary.updated, summary.unchanged, skipped_count)}
                    </p>
                    {skipped}
                    <p><a href="/calendar">{t.nav_calendar()}</a></p>
                </section>
            }
            .into_any()
        }
        Err(message) => view! {
            <p class="form-error" role="alert" data-testid="import-error">{t.render(&message)}</p>
        }
        .into_any(),
    });
    view! {
        {result}
        <p>{t.import_intro()}</p>
        <form method="post" action="/events/import" enctype="multipart/form-data" class="stacked">
            <CsrfField />
            <div class="field">
                <label for="file">{t.import_file()}</label>
                <input id="file" name="file" type="file" accept=".ics,text/calendar" required=true aria-describedby="file-hint" />
                <p class="hint" id="file-hint">{t.import_file_hint(data.max_megabytes)}</p>
            </div>
            <div class="field">
                <label for="kind">{t.import_kind()}</label>
                <select id="kind" name="kind">
                    {EventKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.as_str() selected=k == EventKind::Other>{t.kind(k)}</option> })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{t.import_submit()}</button>
        </form>
        <GuideForm result=data.guide max_megabytes=data.max_megabytes />
    }
}

fn entry_list(entries: Vec<SkippedEntry>, testid: &'static str) -> impl IntoView {
    let t = use_i18n();
    view! {
        <ul class="skipped" data-testid=testid>
            {entries
                .into_iter()
                .map(|s| {
                                let what = if s.what.is_empty() {
                                    t.ics_untitled().to_owned()
                                } else {
                                    s.what
                                };
                                view! { <li><strong>{what}</strong> ": " {t.render(&s.reason)}</li> }
                            })
                .collect_view()}
        </ul>
    }
}

/// The Meeting Guide import: a second multipart form to the same route.
#[component]
fn GuideForm(
    result: Option<Result<GuideResult, crate::i18n::Message>>,
    max_megabytes: usize,
) -> impl IntoView {
    let t = use_i18n();
    let result = result.map(|result| match result {
        Ok(summary) => {
            let skipped_count = summary.skipped.len();
            let skipped = (!summary.skipped.is_empty()).then(|| {
                view! {
                    <h3>{t.import_skipped_heading()}</h3>
                    {entry_list(summary.skipped, "guide-skipped")}
                }
            });
            let types = (!summary.unknown_types.is_empty()).then(|| {
                view! {
                    <h3>{t.guide_types_heading()}</h3>
                    {entry_list(summary.unknown_types, "guide-unknown-types")}
                }
            });
            let heading = if summary.dry_run {
                t.guide_dry_run_heading()
            } else {
                t.guide_done_heading()
            };
            view! {
                <section class="callout" role="status" data-testid="guide-summary">
                    <h3>{heading}</h3>
                    <p>
                        {t.guide_counts(
                            summary.created,
                            summary.updated,
                            summary.unchanged,
                            summary.cancelled,
                            summary.restored,
                            skipped_count,
                        )}
                    </p>
                    {skipped}
                    {types}
                    <p><a href="/calendar">{t.nav_calendar()}</a></p>
                </section>
            }
            .into_any()
        }
        Err(message) => view! {
            <p class="form-error" role="alert" data-testid="guide-error">{t.render(&message)}</p>
        }
        .into_any(),
    });
    view! {
        <section class="guide-import" aria-labelledby="guide-heading">
            <h2 id="guide-heading">{t.guide_heading()}</h2>
            {result}
            <p>{t.guide_intro()}</p>
            <form method="post" action="/events/import" enctype="multipart/form-data" class="stacked">
                <CsrfField />
                <input type="hidden" name="format" value="meeting_guide" />
                <div class="field">
                    <label for="guide-file">{t.guide_file()}</label>
                    <input id="guide-file" name="file" type="file" accept=".json,application/json" required=true aria-describedby="guide-file-hint" />
                    <p class="hint" id="guide-file-hint">{t.import_file_hint(max_megabytes)}</p>
                </div>
                <div class="field">
                    <label for="guide-fellowship">{t.guide_fellowship()}</label>
                    <select id="guide-fellowship" name="fellowship" aria-describedby="guide-fellowship-hint">
                        {Fellowship::ALL
                            .into_iter()
                            .map(|f| view! { <option value=f.as_str() selected=f == Fellowship::Aa>{t.fellowship_of(f)}</option> })
                            .collect_view()}
                    </select>
                    <p class="hint" id="guide-fellowship-hint">{t.guide_fellowship_hint()}</p>
                </div>
                <div class="field checkbox">
                    <input id="guide-dry-run" name="dry_run" type="checkbox" value="on" />
                    <label for="guide-dry-run">{t.guide_dry_run()}</label>
                </div>
                <button type="submit" class="button">{t.guide_submit()}</button>
            </form>
        </section>
    }
}
