use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::templates::{DeleteTemplate, list_templates};
use crate::components::form::{CsrfField, follow_done};
use crate::components::page_error::PageError;
use crate::i18n::use_i18n;

/// The facility's templates: start an event from one, or delete it.
#[component]
pub fn TemplatesPage() -> impl IntoView {
    let t = use_i18n();
    let templates = Resource::new(|| (), |_| list_templates());
    let delete = ServerAction::<DeleteTemplate>::new();
    follow_done(delete.value());
    view! {
        <Title text=t.templates_heading() />
        <h1>{t.templates_heading()}</h1>
        <Suspense>
            {Suspend::new(async move {
                match templates.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{t.templates_empty()}</p> }.into_any(),
                    Ok(list) => {
                        view! {
                            <ul class="template-list">
                                {list
                                    .into_iter()
                                    .map(|(id, name)| {
                                        view! {
                                            <li>
                                                <a href=format!("/events/new?template={id}")>{name}</a>
                                                <ActionForm action=delete attr:class="inline">
                                                    <CsrfField />
                                                    <input type="hidden" name="id" value=id />
                                                    <button type="submit" class="link-button">{t.delete()}</button>
                                                </ActionForm>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
