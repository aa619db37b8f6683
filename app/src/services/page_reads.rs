//! Rows one page reads more than once while it renders.
//!
//! An occurrence page is drawn by several components, each loading through
//! its own server function (the occurrence, the RSVP panel, sign-ups, the
//! karaoke queue, the van), and each of those checks the event and its
//! changed dates again: 26 queries for one page, most of them the same
//! rows. A page render (a `GET` of a page, nothing else) gets a
//! [`PageReads`] on its viewer, and those reads come from it after the
//! first. Server functions called from the browser, the JSON API and every
//! write run without one, so a write never reads a row it has just
//! changed from memory.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::domain::event::{Event, EventId};
use crate::domain::occurrence::OccurrenceChange;

#[derive(Debug, Default)]
pub struct PageReads {
    events: Mutex<HashMap<EventId, Option<Event>>>,
    changes: Mutex<HashMap<EventId, Vec<OccurrenceChange>>>,
}

impl PageReads {
    pub(crate) fn event(&self, id: EventId) -> Option<Option<Event>> {
        self.events.lock().ok()?.get(&id).cloned()
    }

    pub(crate) fn keep_event(&self, id: EventId, event: Option<Event>) {
        if let Ok(mut events) = self.events.lock() {
            events.insert(id, event);
        }
    }

    pub(crate) fn changes(&self, id: EventId) -> Option<Vec<OccurrenceChange>> {
        self.changes.lock().ok()?.get(&id).cloned()
    }

    pub(crate) fn keep_changes(&self, id: EventId, changes: Vec<OccurrenceChange>) {
        if let Ok(mut kept) = self.changes.lock() {
            kept.insert(id, changes);
        }
    }
}
