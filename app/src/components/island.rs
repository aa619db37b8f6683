//! What an island needs from its page. An island hydrates on its own in
//! the browser, without the context the server-rendered page around it
//! provided, so it is handed the translator and the page context as props
//! (serialized into the page beside it) and provides them again inside.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::layout::Flash;
use crate::i18n::{Tr, use_i18n};
use crate::page_context::{PageContext, use_page_context};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IslandContext {
    pub t: Tr,
    pub page: PageContext,
}

impl IslandContext {
    /// The context of the page being rendered (on the server).
    pub fn here() -> Self {
        IslandContext {
            t: use_i18n(),
            page: use_page_context(),
        }
    }

    /// Provides the translator, the page context and its flash inside an
    /// island, as [`crate::App`] does for the page.
    pub fn provide(self) {
        provide_context(self.t);
        provide_context(Flash::from_page(&self.page));
        provide_context(self.page);
    }
}
