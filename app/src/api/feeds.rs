//! Calendar subscriptions: the facility feeds' links, and a person's own
//! secret feed link (made, renewed and turned off here).
//!
//! A new secret link is shown once: it is stored only as a hash, so right
//! after it is made it travels to the next page in a short-lived HttpOnly
//! cookie, and the page shows it (with its QR code) while that lasts.

#[cfg(feature = "ssr")]
use crate::i18n::m;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::Done;
use crate::domain::event::EventKind;
use crate::error::AppError;

/// The subscribe links of one feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedLinks {
    pub https: String,
    pub webcal: String,
    pub google: String,
    /// SVG markup of a QR code for the https URL (our own output).
    pub qr_svg: String,
}

/// The facility feeds, as the subscribe page and the poster show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilityFeeds {
    pub facility: String,
    /// `None` when the admin turned the public feeds off.
    pub all: Option<FeedLinks>,
    pub kinds: Vec<(EventKind, FeedLinks)>,
    pub signed_in: bool,
}

#[server(prefix = "/fn", endpoint = "public_feeds", input = GetUrl)]
pub async fn public_feeds() -> Result<FacilityFeeds, AppError> {
    use crate::services::feeds;
    use crate::web;
    let state = web::state()?;
    let context = web::request_context().ok_or(AppError::Internal)?;
    let facility = context.facility;
    let (all, kinds) = if facility.public_feeds {
        let kinds = EventKind::ALL
            .into_iter()
            .filter(|k| *k != EventKind::TwelveStep || facility.public_feeds_twelve_step)
            // One QR code on the page is enough; the kinds are links.
            .map(|k| {
                (
                    k,
                    feeds::links(&state, &format!("/calendar/{k}.ics"), false),
                )
            })
            .collect();
        (Some(feeds::links(&state, "/calendar.ics", true)), kinds)
    } else {
        (None, Vec::new())
    };
    Ok(FacilityFeeds {
        facility: facility.name.clone(),
        all,
        kinds,
        signed_in: context.viewer.is_some(),
    })
}

/// A person's own feed, as their page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedSettings {
    pub person_id: i64,
    /// Whose feed this is, for staff managing a client's ("Maria G.").
    pub person_name: String,
    pub own: bool,
    /// When the live link was made and last read by a calendar.
    /// On the facility's wall clock (see `domain::time::on_wall`).
    pub active_since: Option<chrono::NaiveDateTime>,
    pub last_read: Option<chrono::NaiveDateTime>,
    /// The link just made (shown this once).
    pub fresh: Option<FeedLinks>,
    pub discreet: bool,
    pub alarm_minutes: Option<u32>,
    pub alarm_choices: Vec<u32>,
}

/// `person`: `None` for one's own feed, a client's id for staff.
#[server(prefix = "/fn", endpoint = "my_feed", input = GetUrl)]
pub async fn my_feed(person: Option<i64>) -> Result<FeedSettings, AppError> {
    use crate::domain::person::PersonId;
    use crate::domain::time::on_wall;
    use crate::services::{auth, feeds};
    use crate::web;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let id = person.map_or(viewer.person.id, PersonId);
    let active = feeds::active_token(&state, &viewer, id).await?;
    let target = crate::services::people::get(&state, &viewer, id).await?;
    let prefs = feeds::preferences(&state, &viewer, id).await?;
    // The link made a moment ago, if this browser holds it and it is
    // still the live one.
    let kept = match &viewer.session_hash {
        Some(hash) => crate::db::sessions::reveal(&state.db, hash, crate::db::now()).await?,
        None => None,
    };
    let fresh = kept.and_then(|value| {
        let (owner, token) = value.split_once('.')?;
        (owner.parse::<i64>().ok()? == id.0).then(|| token.to_owned())
    });
    let fresh = match fresh {
        Some(token) if active.is_some() => {
            // Read-only: showing the page is not a calendar reading the feed.
            let live = crate::db::feeds::is_live(&state.db, id, &auth::hash_secret(&token)).await?;
            live.then(|| feeds::links(&state, &format!("/feeds/{token}.ics"), true))
        }
        _ => None,
    };
    Ok(FeedSettings {
        person_id: id.0,
        person_name: target.display_name.clone(),
        own: id == viewer.person.id,
        active_since: active
            .as_ref()
            .map(|a| on_wall(&viewer.facility.timezone, a.created_at)),
        last_read: active
            .and_then(|a| a.last_used_at)
            .map(|at| on_wall(&viewer.facility.timezone, at)),
        fresh,
        discreet: prefs.discreet,
        alarm_minutes: prefs.alarm_minutes,
        alarm_choices: feeds::ALARM_CHOICES.to_vec(),
    })
}

#[cfg(feature = "ssr")]
fn feed_page(own: bool, id: i64) -> String {
    if own {
        "/me/calendar".to_owned()
    } else {
        format!("/people/{id}/calendar")
    }
}

/// Makes a new secret link (the old one stops).
#[server(prefix = "/fn", endpoint = "new_feed_link")]
pub async fn new_feed_link(csrf_token: String, person: i64) -> Result<Done, AppError> {
    use crate::domain::person::PersonId;
    use crate::services::feeds;
    use crate::web;
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let token = feeds::new_token(&state, &viewer, PersonId(person)).await?;
    let secure = state.settings.secure_cookies();
    // Shown again to this session (not kept in the browser) for ten
    // minutes; it ends with the session.
    if let Some(hash) = &viewer.session_hash {
        let at = crate::db::now();
        crate::db::sessions::set_reveal(
            &state.db,
            hash,
            &format!("{person}.{token}"),
            at + chrono::Duration::minutes(10),
        )
        .await?;
    }
    // Loaded from the server: the page reads the new link from the session
    // (and the message from the flash cookie, which a reload keeps).
    let own = person == viewer.person.id.0;
    let ready = if own {
        m::flash_feed_link_ready()
    } else {
        m::flash_feed_link_ready_other()
    };
    web::set_flash(&ready, secure);
    Ok(Done {
        reload: true,
        ..Done::to(feed_page(own, person))
    })
}

/// Turns the secret link off.
#[server(prefix = "/fn", endpoint = "revoke_feed_link")]
pub async fn revoke_feed_link(csrf_token: String, person: i64) -> Result<Done, AppError> {
    use crate::domain::person::PersonId;
    use crate::services::feeds;
    use crate::web;
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    feeds::revoke_token(&state, &viewer, PersonId(person)).await?;
    web::set_flash(&m::flash_feed_link_off(), state.settings.secure_cookies());
    Ok(Done {
        reload: true,
        ..Done::to(feed_page(person == viewer.person.id.0, person))
    })
}

/// Discreet mode and the reminder. `discreet` is a checkbox; `alarm` is
/// minutes before, or empty for none.
#[server(prefix = "/fn", endpoint = "save_feed_preferences")]
pub async fn save_feed_preferences(
    csrf_token: String,
    person: i64,
    #[server(default)] discreet: Option<String>,
    #[server(default)] alarm: String,
) -> Result<Done, AppError> {
    use crate::db::feeds::Preferences;
    use crate::domain::person::PersonId;
    use crate::services::feeds;
    use crate::web;
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let alarm_minutes = match alarm.trim() {
        "" | "none" => None,
        text => Some(
            text.parse::<u32>()
                .map_err(|_| AppError::field("alarm", m::feed_alarm_choose()))?,
        ),
    };
    feeds::set_preferences(
        &state,
        &viewer,
        PersonId(person),
        Preferences {
            discreet: discreet.is_some(),
            alarm_minutes,
        },
    )
    .await?;
    Ok(Done::to(feed_page(person == viewer.person.id.0, person))
        .with_flash(m::flash_calendar_settings_saved()))
}
