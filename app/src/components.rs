//! Reusable views. No server functions are defined and no SQL runs here.

pub mod calendar;
pub mod form;
pub mod island;
pub mod karaoke;
pub mod language;
pub mod layout;
pub mod page_error;
pub mod rsvp;
pub mod signups;
pub mod transport;

use leptos::prelude::*;

/// A section's data that a page may have loaded already: `initial` while
/// `version` is 0, else (and when there is none) what `load` fetches. A
/// section bumps `version` to load again after a change.
pub fn loaded_first<T, Fut>(
    version: RwSignal<u32>,
    initial: Option<T>,
    load: impl Fn() -> Fut + Send + Sync + 'static,
) -> Resource<Result<T, crate::error::AppError>>
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    Fut: std::future::Future<Output = Result<T, crate::error::AppError>> + Send + 'static,
{
    let initial = StoredValue::new(initial);
    Resource::new(
        move || version.get(),
        move |version| {
            let first = if version == 0 {
                initial.get_value()
            } else {
                None
            };
            let fetch = first.is_none().then(&load);
            async move {
                match fetch {
                    Some(fetch) => fetch.await,
                    // `fetch` is `None` exactly when `first` holds a value.
                    None => first.ok_or(crate::error::AppError::Internal),
                }
            }
        },
    )
}
