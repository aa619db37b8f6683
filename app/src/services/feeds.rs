//! Which events go in which feed, who may read it, and its version for
//! conditional requests. The writing itself is in [`crate::ical`].
//!
//! - `/events/{id}.ics`: one event or series, for anyone who may see it (or
//!   anyone at all when it is in the public facility feed).
//! - `/calendar.ics`, `/calendar/{kind}.ics`: the facility's public-safe
//!   events — audience "everyone", no 12-step meetings unless the admin
//!   opted in, never a name — unless the admin turned them off.
//! - `/feeds/{token}.ics`: a person's own calendar — the occurrences they
//!   are going to or waitlisted for, and for staff the events they host.

use crate::i18n::{Lang, Tr, m};
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use super::auth::{Viewer, hash_secret, random_secret};
use crate::api::feeds::FeedLinks;
use crate::db::{self, facilities::Facility};
use crate::domain::event::{Audience, Event, EventId, EventKind, EventStatus};
use crate::domain::occurrence::OccurrenceChange;
use crate::domain::person::{Action, Person, PersonId, PersonStatus, Role};
use crate::domain::rsvp::RsvpState;
use crate::error::AppError;
use crate::ical::feed::{self, Entry, Header, KEEP_PAST_DAYS, Site, Style};
use crate::services::feed_cache::{Cached, Rendered};
use crate::state::AppState;

/// After revocation or discharge a feed URL answers with an empty calendar
/// this long (so subscribed phones drop the events), then 404.
pub const GRACE_DAYS: i64 = 30;

/// How often calendar clients are asked to poll.
pub const REFRESH: Duration = Duration::hours(1);

/// The most events one feed carries.
const MAX_EVENTS: i64 = 5000;

/// A feed to answer with: its bytes in memory and whether the client's
/// copy is already current (answer 304).
#[derive(Debug, Clone)]
pub struct Feed {
    pub rendered: Arc<Rendered>,
    pub not_modified: bool,
    /// Written for this request (not served from memory).
    pub written: bool,
}

impl Feed {
    fn answer(rendered: Arc<Rendered>, conditional: &Conditional) -> Feed {
        let not_modified = conditional.is_current(&rendered.etag, rendered.last_modified);
        Feed {
            rendered,
            not_modified,
            written: false,
        }
    }
}

fn site(state: &AppState) -> Site {
    Site {
        url: state.settings.site_url.clone(),
    }
}

fn etag_of(body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    format!("\"{}\"", hex::encode(&digest[..16]))
}

/// What the client already holds, from its conditional request headers.
#[derive(Debug, Clone, Default)]
pub struct Conditional {
    pub if_none_match: Option<String>,
    pub if_modified_since: Option<DateTime<Utc>>,
}

impl Conditional {
    /// Whether a copy with `etag`, last changed at `modified`, is what the
    /// client has: `If-None-Match` decides when present (weak comparison,
    /// `*` matches), else `If-Modified-Since` (to the second).
    pub fn is_current(&self, etag: &str, modified: DateTime<Utc>) -> bool {
        if let Some(list) = &self.if_none_match {
            return list
                .split(',')
                .map(str::trim)
                .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag);
        }
        self.if_modified_since
            .is_some_and(|since| modified.timestamp() <= since.timestamp())
    }
}

/// The instant feeds are written as of: the start of the current UTC day,
/// so a feed is a function of the database and the date alone (and its
/// fingerprint can stand in for it).
fn feed_day(now: DateTime<Utc>) -> DateTime<Utc> {
    now.date_naive().and_time(chrono::NaiveTime::MIN).and_utc()
}

/// Everything the facility's feeds are written from, as cheap numbers.
async fn facility_fingerprint(
    state: &AppState,
    facility: &Facility,
    day: DateTime<Utc>,
) -> Result<String, AppError> {
    let (events, changes) = db::feeds::facility_tally(&state.db, facility.id).await?;
    Ok(format!(
        "{}|{}|{}|{}|{}|{}|{:?}|{:?}",
        env!("CARGO_PKG_VERSION"),
        day.date_naive(),
        state.settings.site_url,
        facility.name,
        facility.public_feeds,
        facility.public_feeds_twelve_step,
        events,
        changes
    ))
}

/// The copy in memory under `key`, when the change clock has not moved
/// since it was last known current and it has not expired.
fn from_memory(state: &AppState, key: &str, clock: i64, now: DateTime<Utc>) -> Option<Arc<Cached>> {
    state
        .feeds
        .get(key)
        .filter(|entry| entry.clock == clock && now < entry.valid_until)
}

/// The end of the UTC day feeds are written as of.
fn end_of_day(now: DateTime<Utc>) -> DateTime<Utc> {
    feed_day(now) + Duration::days(1)
}

/// Where a feed is kept and what it is written from.
struct Keep<'a> {
    /// Its key in memory.
    key: &'a str,
    /// Its key in `feed_versions` (shared by every process).
    stored_key: &'a str,
    /// The change clock read for this request.
    clock: i64,
    fingerprint: String,
    /// The day it is written as of; the copy is good until that day ends.
    day: DateTime<Utc>,
    private: bool,
    file_name: Option<String>,
}

/// Serves a feed from memory when the clock or, once it moved, the
/// fingerprint says nothing it is made of changed; otherwise writes it,
/// keeps it, and moves its Last-Modified only when its bytes did (the
/// database remembers, so every process and restart agrees).
async fn cached<F, Fut>(
    state: &AppState,
    keep: Keep<'_>,
    conditional: &Conditional,
    render: F,
) -> Result<Feed, AppError>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<String, AppError>>,
{
    let Keep {
        key,
        stored_key,
        clock,
        fingerprint,
        day,
        private,
        file_name,
    } = keep;
    if let Some(entry) = state.feeds.get(key)
        && entry.fingerprint == fingerprint
        && !entry.emptied
        && db::now() < entry.valid_until
    {
        let entry = state.feeds.put(
            key,
            Cached {
                clock,
                ..(*entry).clone()
            },
        );
        return Ok(Feed::answer(entry.feed.clone(), conditional));
    }
    let stored = db::feeds::version(&state.db, stored_key).await?;
    let body = render().await?;
    let etag = etag_of(&body);
    let modified_at = match &stored {
        Some(version) if version.etag == etag => version.modified_at,
        _ => db::now(),
    };
    if stored
        .as_ref()
        .is_none_or(|v| v.etag != etag || v.fingerprint != fingerprint)
    {
        let version = db::feeds::Version {
            fingerprint: fingerprint.clone(),
            etag: etag.clone(),
            modified_at,
        };
        db::feeds::put_version(&state.db, stored_key, &version).await?;
    }
    let rendered = Arc::new(Rendered::new(body, etag, modified_at, private, file_name));
    state.feeds.put(
        key,
        Cached {
            clock,
            fingerprint,
            valid_until: day + Duration::days(1),
            feed: rendered.clone(),
            emptied: false,
        },
    );
    Ok(Feed {
        written: true,
        ..Feed::answer(rendered, conditional)
    })
}

/// Whether an event belongs in the facility's public feeds.
pub fn is_public(facility: &Facility, event: &Event) -> bool {
    facility.public_feeds && is_public_event(facility, event)
}

/// Whether an event may be shown to anyone at all (the public feeds, when
/// on, and the public board): open to everyone, and a 12-step meeting only
/// where the facility chose to publish them.
pub fn is_public_event(facility: &Facility, event: &Event) -> bool {
    event.audience == Audience::Everyone
        && (event.kind != EventKind::TwelveStep || facility.public_feeds_twelve_step)
}

/// Events still worth writing: not ended more than the keep window ago,
/// and, when cancelled, cancelled within it.
fn still_shown(event: &Event, cutoff: DateTime<Utc>) -> bool {
    let ends = event.series_ends_at.unwrap_or(DateTime::<Utc>::MAX_UTC);
    ends > cutoff && !(event.status == EventStatus::Cancelled && event.updated_at < cutoff)
}

/// The facility's events and their changes from the keep window on.
async fn facility_events(
    state: &AppState,
    facility_id: i64,
    now: DateTime<Utc>,
) -> Result<(Vec<Event>, HashMap<EventId, Vec<OccurrenceChange>>), AppError> {
    let cutoff = now - Duration::days(KEEP_PAST_DAYS);
    let far = now + Duration::days(365 * 20);
    let events = db::events::in_window(&state.db, facility_id, cutoff, far, MAX_EVENTS).await?;
    let mut changes: HashMap<EventId, Vec<OccurrenceChange>> = HashMap::new();
    for (id, change) in db::events::changes_in_window(&state.db, facility_id, cutoff, far).await? {
        changes.entry(id).or_default().push(change);
    }
    let events = events
        .into_iter()
        .filter(|e| still_shown(e, cutoff))
        .collect();
    Ok((events, changes))
}

/// `/calendar.ics` (`kind: None`) and `/calendar/{kind}.ics`: the home
/// facility's public feeds, in the language `asked` (`?lang=`) or the
/// facility's.
pub async fn facility_feed(
    state: &AppState,
    kind: Option<EventKind>,
    asked: Option<Lang>,
    conditional: &Conditional,
) -> Result<Feed, AppError> {
    let key = format!(
        "calendar:{}:{}",
        kind.map_or("all", EventKind::as_str),
        asked.map_or("facility", Lang::code)
    );
    let clock = state.clock.read(&state.db).await?;
    let now = db::now();
    if let Some(entry) = from_memory(state, &key, clock, now) {
        return Ok(Feed::answer(entry.feed.clone(), conditional));
    }
    let facility = super::facilities::home(state)
        .await?
        .ok_or(AppError::NotFound)?;
    if !facility.public_feeds
        || (kind == Some(EventKind::TwelveStep) && !facility.public_feeds_twelve_step)
    {
        return Err(AppError::NotFound);
    }
    let lang = asked.unwrap_or(facility.default_lang);
    let day = feed_day(now);
    let mut stored_key = match kind {
        None => format!("facility:{}", facility.id),
        Some(kind) => format!("facility:{}:{}", facility.id, kind.as_str()),
    };
    if lang != Lang::default() {
        stored_key.push_str(&format!(":{lang}"));
    }
    let keep = Keep {
        key: &key,
        stored_key: &stored_key,
        clock,
        // The facility's language may change while the key stays.
        fingerprint: format!(
            "{}|{lang}",
            facility_fingerprint(state, &facility, day).await?
        ),
        day,
        private: false,
        file_name: None,
    };
    cached(state, keep, conditional, || {
        facility_body(state, &facility, kind, lang, day)
    })
    .await
}

async fn facility_body(
    state: &AppState,
    facility: &Facility,
    kind: Option<EventKind>,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let (events, changes) = facility_events(state, facility.id, now).await?;
    let none = Vec::new();
    let entries: Vec<Entry<'_>> = events
        .iter()
        .filter(|e| is_public(facility, e) && kind.is_none_or(|k| e.kind == k))
        .map(|event| Entry::Series {
            event,
            changes: changes.get(&event.id).unwrap_or(&none),
        })
        .collect();
    let t = Tr::new(lang);
    let name = match kind {
        None => facility.name.clone(),
        Some(kind) => t.feed_kind_name(&facility.name, t.kind(kind)),
    };
    let header = Header {
        name,
        description: Some(t.feed_facility_description(&facility.name)),
        refresh: REFRESH,
    };
    Ok(feed::render(
        &header,
        &site(state),
        &Style {
            lang,
            ..Style::default()
        },
        &entries,
        now,
    ))
}

/// `/events/{id}.ics`: for the signed-in `viewer` when they may see the
/// event, or for anyone when it is in the public feed.
///
/// In `lang` for a signed-in reader (their page's language); for anyone
/// else in the language `asked` (`?lang=`) or the facility's.
pub async fn event_file(
    state: &AppState,
    viewer: Option<&Viewer>,
    id: EventId,
    lang: Lang,
    asked: Option<Lang>,
    conditional: &Conditional,
) -> Result<Feed, AppError> {
    let clock = state.clock.read(&state.db).await?;
    let now = db::now();
    // Whether a signed-in reader may see it is asked every time; a public
    // copy was public when written, and the clock says nothing changed.
    let public_key = format!("event:{id}:public:{}", asked.map_or("facility", Lang::code));
    if viewer.is_none()
        && let Some(entry) = from_memory(state, &public_key, clock, now)
    {
        return Ok(Feed::answer(entry.feed.clone(), conditional));
    }
    let (event, facility, style) = match viewer {
        Some(viewer) => {
            let event = super::events::get(state, viewer, id).await?;
            let prefs = db::feeds::preferences(&state.db, viewer.person.id).await?;
            let style = Style {
                discreet: prefs.discreet,
                alarm_minutes: prefs.alarm_minutes,
                lang,
            };
            (event, viewer.facility.clone(), style)
        }
        None => {
            let event = db::events::get_any(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let facility = db::facilities::get(&state.db, event.facility_id)
                .await?
                .ok_or(AppError::NotFound)?;
            if !is_public(&facility, &event) {
                return Err(AppError::NotFound);
            }
            let style = Style {
                lang: asked.unwrap_or(facility.default_lang),
                ..Style::default()
            };
            (event, facility, style)
        }
    };
    // Per reader style, so each variant keeps its own version.
    let stored_key = format!(
        "event:{}:{}:{}:{}",
        id,
        u8::from(style.discreet),
        style.alarm_minutes.map_or(-1, i64::from),
        style.lang
    );
    let key = match viewer {
        Some(_) => format!("{stored_key}:private"),
        None => public_key,
    };
    if viewer.is_some()
        && let Some(entry) = from_memory(state, &key, clock, now)
    {
        return Ok(Feed::answer(entry.feed.clone(), conditional));
    }
    let day = feed_day(now);
    let render = || async {
        let changes = db::events::changes_of(&state.db, id).await?;
        let header = Header {
            name: if style.discreet {
                Tr::new(style.lang).feed_event_discreet().to_owned()
            } else {
                Tr::new(style.lang).feed_event_name(&facility.name, &event.title)
            },
            description: None,
            refresh: REFRESH,
        };
        let entries = [Entry::Series {
            event: &event,
            changes: &changes,
        }];
        Ok(feed::render(&header, &site(state), &style, &entries, day))
    };
    let keep = Keep {
        key: &key,
        stored_key: &stored_key,
        clock,
        fingerprint: facility_fingerprint(state, &facility, day).await?,
        day,
        private: viewer.is_some(),
        file_name: Some(format!("hearth-event-{id}.ics")),
    };
    cached(state, keep, conditional, render).await
}

/// What a personal feed URL answers.
#[derive(Debug)]
pub enum PersonalFeed {
    Live(Feed),
    /// Revoked or discharged within the grace period: an empty calendar.
    Emptied(Feed),
    /// Unknown, or past the grace period.
    Gone,
}

/// `/feeds/{token}.ics`, in the language `asked` (`?lang=`), else its
/// owner's, else the facility's.
pub async fn personal_feed(
    state: &AppState,
    token: &str,
    asked: Option<Lang>,
    conditional: &Conditional,
) -> Result<PersonalFeed, AppError> {
    let token_hash = hash_secret(token);
    let key = match asked {
        None => format!("token:{token_hash}"),
        Some(lang) => format!("token:{token_hash}:{lang}"),
    };
    let clock = state.clock.read(&state.db).await?;
    let now = db::now();
    if let Some(entry) = from_memory(state, &key, clock, now) {
        if state.feeds.use_is_due(&key, now) {
            db::feeds::record_use(&state.db, &token_hash, now).await?;
        }
        let feed = Feed::answer(entry.feed.clone(), conditional);
        return Ok(if entry.emptied {
            PersonalFeed::Emptied(feed)
        } else {
            PersonalFeed::Live(feed)
        });
    }
    let Some(found) = db::feeds::lookup(&state.db, &token_hash).await? else {
        return Ok(PersonalFeed::Gone);
    };
    let ended = match (found.revoked_at, found.person_status) {
        (Some(at), _) => Some(at),
        (None, PersonStatus::Discharged) => Some(found.discharged_at.unwrap_or(now)),
        (None, PersonStatus::Active) => None,
    };
    if let Some(at) = ended {
        let gone_at = at + Duration::days(GRACE_DAYS);
        if now > gone_at {
            state.feeds.forget(&key);
            return Ok(PersonalFeed::Gone);
        }
        let lang = asked.unwrap_or_default();
        let header = Header {
            name: Tr::new(lang).feed_my_events().to_owned(),
            description: None,
            refresh: REFRESH,
        };
        let style = Style {
            lang,
            ..Style::default()
        };
        let body = feed::render(&header, &site(state), &style, &[], feed_day(now));
        let etag = etag_of(&body);
        let rendered = Arc::new(Rendered::new(body, etag, at, true, None));
        state.feeds.put(
            &key,
            Cached {
                clock,
                fingerprint: String::new(),
                valid_until: gone_at.min(end_of_day(now)),
                feed: rendered.clone(),
                emptied: true,
            },
        );
        return Ok(PersonalFeed::Emptied(Feed {
            written: true,
            ..Feed::answer(rendered, conditional)
        }));
    }
    if state.feeds.use_is_due(&key, now) {
        db::feeds::record_use(&state.db, &token_hash, now).await?;
    }
    let person = db::people::get(&state.db, found.person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let facility = db::facilities::get(&state.db, found.facility_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let prefs = db::feeds::preferences(&state.db, person.id).await?;
    let style = Style {
        discreet: prefs.discreet,
        alarm_minutes: prefs.alarm_minutes,
        lang: asked.or(person.lang).unwrap_or(facility.default_lang),
    };
    let day = feed_day(now);
    let rsvps = db::feeds::rsvp_tally(&state.db, person.id).await?;
    let fingerprint = format!(
        "{}|{}|{:?}|{}|{}|{:?}|{}",
        facility_fingerprint(state, &facility, day).await?,
        person.role,
        rsvps,
        prefs.discreet,
        prefs.alarm_minutes.map_or(-1, i64::from),
        person.status,
        style.lang
    );
    let stored_key = match style.lang {
        lang if lang == Lang::default() => format!("person:{}", person.id),
        lang => format!("person:{}:{lang}", person.id),
    };
    let keep = Keep {
        key: &key,
        stored_key: &stored_key,
        clock,
        fingerprint,
        day,
        private: true,
        file_name: None,
    };
    let feed = cached(state, keep, conditional, || {
        personal_body(state, &person, &facility, &style, day)
    })
    .await?;
    Ok(PersonalFeed::Live(feed))
}

async fn personal_body(
    state: &AppState,
    person: &Person,
    facility: &Facility,
    style: &Style,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let cutoff = now - Duration::days(KEEP_PAST_DAYS);
    // Events the person hosts come whole (staff only).
    let (hosted, mut changes) = if person.role.is_staff() {
        let (events, changes) = facility_events(state, facility.id, now).await?;
        let hosted: Vec<Event> = events
            .into_iter()
            .filter(|e| e.host_id == Some(person.id))
            .collect();
        (hosted, changes)
    } else {
        (Vec::new(), HashMap::new())
    };
    let rsvps = db::rsvps::for_person(&state.db, person.id, cutoff).await?;
    let mut events: HashMap<EventId, Event> = HashMap::new();
    for rsvp in &rsvps {
        if events.contains_key(&rsvp.event_id) || hosted.iter().any(|e| e.id == rsvp.event_id) {
            continue;
        }
        if let Some(event) = db::events::get_any(&state.db, rsvp.event_id).await?
            && event.facility_id == facility.id
            && person.role.sees(event.audience)
        {
            if let std::collections::hash_map::Entry::Vacant(slot) = changes.entry(event.id) {
                slot.insert(db::events::changes_of(&state.db, event.id).await?);
            }
            events.insert(event.id, event);
        }
    }
    let none = Vec::new();
    let mut entries: Vec<Entry<'_>> = hosted
        .iter()
        .map(|event| Entry::Series {
            event,
            changes: changes.get(&event.id).unwrap_or(&none),
        })
        .collect();
    for rsvp in &rsvps {
        let waitlisted = match rsvp.state {
            RsvpState::Going => false,
            RsvpState::Waitlisted => true,
            RsvpState::Maybe | RsvpState::NotGoing => continue,
        };
        let Some(event) = events.get(&rsvp.event_id) else {
            continue;
        };
        let event_changes = changes.get(&event.id).unwrap_or(&none);
        let Some(occurrence) = super::events::find(event, event_changes, rsvp.key) else {
            continue;
        };
        if occurrence.ends_at < cutoff || (occurrence.is_cancelled() && event.updated_at < cutoff) {
            continue;
        }
        entries.push(Entry::Occurrence {
            event,
            change: event_changes.iter().find(|c| c.key == rsvp.key),
            occurrence,
            waitlisted,
            rsvp_updated_at: rsvp.updated_at,
        });
    }
    let header = Header {
        name: if style.discreet {
            Tr::new(style.lang).feed_my_events().to_owned()
        } else {
            Tr::new(style.lang).feed_my_events_at(&facility.name)
        },
        description: None,
        refresh: REFRESH,
    };
    Ok(feed::render(&header, &site(state), style, &entries, now))
}

/// The subscribe links for a feed path such as `/calendar.ics`: the https
/// URL (Outlook, copy and paste), `webcal://` (Apple), Google Calendar's
/// "add by URL" page (Android), and with `qr` the https URL as an SVG QR
/// code (empty without).
pub fn links(state: &AppState, path: &str, qr: bool) -> FeedLinks {
    let https = format!("{}{}", state.settings.site_url, path);
    let webcal = match https.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => https.clone(),
    };
    let encoded: String = form_urlencoded::byte_serialize(webcal.as_bytes()).collect();
    let google = format!("https://calendar.google.com/calendar/render?cid={encoded}");
    let qr_svg = if qr { qr_svg(&https) } else { String::new() };
    FeedLinks {
        https,
        webcal,
        google,
        qr_svg,
    }
}

/// An SVG QR code for `text` (empty when the text is too long for one).
pub fn qr_svg(text: &str) -> String {
    use qrcode::render::svg;
    match qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M) {
        Ok(code) => code
            .render::<svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}

/// Gives `person` a new secret feed link (the old one, if any, is revoked).
/// Returns the token: it is shown once and stored only as a hash.
pub async fn new_token(
    state: &AppState,
    viewer: &Viewer,
    person: PersonId,
) -> Result<String, AppError> {
    let target = allowed_person(state, viewer, person).await?;
    if target.status != PersonStatus::Active {
        return Err(AppError::conflict(m::feed_discharged_no_renewal()));
    }
    let token = random_secret();
    db::feeds::replace_token(
        &state.db,
        target.id,
        &hash_secret(&token),
        viewer.person.id,
        db::now(),
    )
    .await?;
    tracing::info!(person_id = %target.id, by = %viewer.person.id, "feed link issued");
    Ok(token)
}

/// Turns off `person`'s feed link.
pub async fn revoke_token(
    state: &AppState,
    viewer: &Viewer,
    person: PersonId,
) -> Result<bool, AppError> {
    let target = allowed_person(state, viewer, person).await?;
    let revoked = db::feeds::revoke(&state.db, target.id, db::now()).await?;
    tracing::info!(person_id = %target.id, by = %viewer.person.id, "feed link revoked");
    Ok(revoked > 0)
}

/// The person's live link (when it was made and last read), if any.
pub async fn active_token(
    state: &AppState,
    viewer: &Viewer,
    person: PersonId,
) -> Result<Option<db::feeds::ActiveToken>, AppError> {
    let target = allowed_person(state, viewer, person).await?;
    Ok(db::feeds::active(&state.db, target.id).await?)
}

pub async fn preferences(
    state: &AppState,
    viewer: &Viewer,
    person: PersonId,
) -> Result<db::feeds::Preferences, AppError> {
    let target = allowed_person(state, viewer, person).await?;
    Ok(db::feeds::preferences(&state.db, target.id).await?)
}

/// The reminders a person can choose, in minutes before.
pub const ALARM_CHOICES: [u32; 5] = [10, 30, 60, 120, 1440];

pub async fn set_preferences(
    state: &AppState,
    viewer: &Viewer,
    person: PersonId,
    prefs: db::feeds::Preferences,
) -> Result<(), AppError> {
    let target = allowed_person(state, viewer, person).await?;
    if let Some(minutes) = prefs.alarm_minutes
        && !ALARM_CHOICES.contains(&minutes)
    {
        return Err(crate::domain::validation::FieldErrors::single(
            "alarm",
            m::feed_alarm_choose(),
        )
        .into());
    }
    db::feeds::set_preferences(&state.db, target.id, prefs).await?;
    Ok(())
}

/// Anyone manages their own feed; staff who manage clients manage a
/// client's (for those without a phone of their own at hand).
async fn allowed_person(
    state: &AppState,
    viewer: &Viewer,
    person: PersonId,
) -> Result<Person, AppError> {
    if viewer.kiosk.is_some() {
        return Err(AppError::Forbidden);
    }
    if person != viewer.person.id {
        viewer.require(Action::ManageClients)?;
    }
    let target = super::people::get(state, viewer, person).await?;
    if person != viewer.person.id && target.role != Role::Client {
        return Err(AppError::Forbidden);
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default()
    }

    fn none_match(value: &str) -> Conditional {
        Conditional {
            if_none_match: Some(value.to_owned()),
            if_modified_since: None,
        }
    }

    #[test]
    fn etags_match_strongly_weakly_and_in_lists() {
        let modified = at("2026-11-26T10:00:00Z");
        assert!(none_match("\"abc\"").is_current("\"abc\"", modified));
        assert!(none_match("W/\"abc\"").is_current("\"abc\"", modified));
        assert!(none_match("\"x\", \"abc\"").is_current("\"abc\"", modified));
        assert!(none_match("*").is_current("\"abc\"", modified));
        assert!(!none_match("\"abd\"").is_current("\"abc\"", modified));
        assert!(!Conditional::default().is_current("\"abc\"", modified));
    }

    #[test]
    fn if_modified_since_compares_seconds_and_yields_to_if_none_match() {
        let modified = at("2026-11-26T10:00:00Z");
        let since = |t: &str| Conditional {
            if_none_match: None,
            if_modified_since: Some(at(t)),
        };
        assert!(since("2026-11-26T10:00:00Z").is_current("\"e\"", modified));
        assert!(!since("2026-11-26T09:59:59Z").is_current("\"e\"", modified));
        let both = Conditional {
            if_none_match: Some("\"old\"".into()),
            if_modified_since: Some(at("2026-11-26T10:00:00Z")),
        };
        assert!(!both.is_current("\"e\"", modified));
    }

    #[test]
    fn feeds_are_written_as_of_the_start_of_the_day() {
        assert_eq!(
            feed_day(at("2026-11-26T17:45:12Z")),
            at("2026-11-26T00:00:00Z")
        );
    }
}
