//! `/events/import`: staff bring events in from an .ics file.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::import::{ImportPageData, import_page};
use crate::components::form::CsrfField;
use crate::components::page_error::PageError;
use crate::domain::event::EventKind;
use crate::i18n::use_strings;

#[component]
pub fn ImportPage() -> impl IntoView {
    let t = use_strings();
    let data = Resource::new(|| (), |_| import_page());
    view! {
        <Title text=t.import_heading />
        <h1>{t.import_heading}</h1>
        <Suspense>
            {move || Suspend::new(async move {
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
    let t = use_strings();
    let result = data.result.map(|result| match result {
        Ok(summary) => {
            let skipped_count = summary.skipped.len();
            let skipped = (!summary.skipped.is_empty()).then(|| {
                view! {
                    <h3>{t.import_skipped_heading}</h3>
                    <ul class="skipped" data-testid="import-skipped">
                        {summary
                            .skipped
                            .into_iter()
                            .map(|s| view! { <li><strong>{s.what}</strong> ": " {s.reason}</li> })
                            .collect_view()}
                    </ul>
                }
            });
            view! {
                <section class="callout" role="status" data-testid="import-summary">
                    <h2>{t.import_done_heading}</h2>
                    <p>
                        {(t.import_counts)(summary.created, summary.updated, summary.unchanged, skipped_count)}
                    </p>
                    {skipped}
                    <p><a href="/calendar">{t.nav_calendar}</a></p>
                </section>
            }
            .into_any()
        }
        Err(message) => view! {
            <p class="form-error" role="alert" data-testid="import-error">{message}</p>
        }
        .into_any(),
    });
    view! {
        {result}
        <p>{t.import_intro}</p>
        <form method="post" action="/events/import" enctype="multipart/form-data" class="stacked">
            <CsrfField />
            <div class="field">
                <label for="file">{t.import_file}</label>
                <input id="file" name="file" type="file" accept=".ics,text/calendar" required=true aria-describedby="file-hint" />
                <p class="hint" id="file-hint">{(t.import_file_hint)(data.max_megabytes)}</p>
            </div>
            <div class="field">
                <label for="kind">{t.import_kind}</label>
                <select id="kind" name="kind">
                    {EventKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.as_str() selected=k == EventKind::Other>{(t.kind)(k)}</option> })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{t.import_submit}</button>
        </form>
    }
}
