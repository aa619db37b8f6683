//! Facilities.

use crate::db::{self, Db, facilities::Facility};
use crate::domain::time::parse_zone;
use crate::domain::validation::{FieldErrors, required_text};
use crate::error::AppError;
use crate::i18n::m;
use crate::state::AppState;

pub const NAME_MAX: usize = 100;

/// The facility the UI shows (the first one), created on first start with
/// the given name and zone when the database has none.
pub async fn ensure_default(db: &Db, name: &str, timezone: &str) -> Result<Facility, AppError> {
    if let Some(facility) = db::facilities::first(db).await? {
        return Ok(facility);
    }
    let (name, timezone) = check(name, timezone)?;
    let facility = db::facilities::insert(db, "main", &name, &timezone).await?;
    tracing::info!(facility_id = facility.id, timezone = %facility.timezone, "created the facility");
    Ok(facility)
}

/// The facility of requests without a signed-in person (the first one),
/// kept while the change clock stands still (its triggers watch
/// `facilities`): signed-out pages and event files read the clock, not the
/// row.
pub async fn home(state: &AppState) -> Result<Option<Facility>, AppError> {
    let clock = state.clock.read(&state.db).await?;
    let kept = state
        .home_facility
        .get_or_load((), clock, async || db::facilities::first(&state.db).await)
        .await?;
    Ok((*kept).clone())
}

/// Renames the facility or moves it to another zone.
pub async fn update(db: &Db, id: i64, name: &str, timezone: &str) -> Result<Facility, AppError> {
    let (name, timezone) = check(name, timezone)?;
    db::facilities::update(db, id, &name, &timezone)
        .await?
        .ok_or(AppError::NotFound)
}

fn check(name: &str, timezone: &str) -> Result<(String, String), AppError> {
    let mut errors = FieldErrors::new();
    let name = required_text(&mut errors, "name", m::field_name(), name, NAME_MAX);
    let zone = parse_zone(timezone)
        .map_err(|m| errors.add("timezone", m))
        .ok();
    match zone {
        Some(zone) if errors.is_empty() => Ok((name, zone.name().to_owned())),
        _ => Err(errors.into()),
    }
}

/// An admin changes the facility's name, zone or board setting.
pub async fn save_settings(
    state: &crate::state::AppState,
    viewer: &super::auth::Viewer,
    name: &str,
    timezone: &str,
    public_board: bool,
) -> Result<Facility, AppError> {
    viewer.require(crate::domain::person::Action::ManageFacility)?;
    update(&state.db, viewer.facility.id, name, timezone).await?;
    let facility = db::facilities::set_public_board(&state.db, viewer.facility.id, public_board)
        .await?
        .ok_or(AppError::NotFound)?;
    tracing::info!(person_id = %viewer.person.id, public_board, "facility settings saved");
    Ok(facility)
}

/// An admin turns the facility feeds on or off, and 12-step meetings in
/// them.
pub async fn save_feed_settings(
    state: &crate::state::AppState,
    viewer: &super::auth::Viewer,
    public_feeds: bool,
    twelve_step: bool,
) -> Result<Facility, AppError> {
    viewer.require(crate::domain::person::Action::ManageFacility)?;
    let facility =
        db::facilities::set_public_feeds(&state.db, viewer.facility.id, public_feeds, twelve_step)
            .await?
            .ok_or(AppError::NotFound)?;
    tracing::info!(person_id = %viewer.person.id, public_feeds, twelve_step, "feed settings saved");
    Ok(facility)
}

/// Today's date in the facility's zone.
pub fn today(facility: &Facility) -> chrono::NaiveDate {
    let zone: chrono_tz::Tz = facility.timezone.parse().unwrap_or(chrono_tz::Tz::UTC);
    chrono::Utc::now().with_timezone(&zone).date_naive()
}

/// An admin changes the retention window, the kiosk idle time and the
/// facility's language.
pub async fn save_policies(
    state: &crate::state::AppState,
    viewer: &super::auth::Viewer,
    retention_days: i64,
    kiosk_idle_seconds: i64,
    default_lang: crate::i18n::Lang,
) -> Result<Facility, AppError> {
    viewer.require(crate::domain::person::Action::ManageFacility)?;
    let facility = db::facilities::set_policies(
        &state.db,
        viewer.facility.id,
        retention_days,
        kiosk_idle_seconds,
        default_lang,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    tracing::info!(person_id = %viewer.person.id, retention_days, kiosk_idle_seconds, lang = default_lang.code(), "facility policies saved");
    Ok(facility)
}

/// An admin chooses how the facility writes times (12- or 24-hour) and the
/// day its weeks start on.
pub async fn save_calendar_style(
    state: &crate::state::AppState,
    viewer: &super::auth::Viewer,
    clock: crate::i18n::Clock,
    first_day: crate::domain::calendar::FirstDay,
) -> Result<Facility, AppError> {
    viewer.require(crate::domain::person::Action::ManageFacility)?;
    let facility =
        db::facilities::set_calendar_style(&state.db, viewer.facility.id, clock, first_day)
            .await?
            .ok_or(AppError::NotFound)?;
    tracing::info!(person_id = %viewer.person.id, clock = clock.as_str(), first_day = first_day.as_str(), "facility calendar style saved");
    Ok(facility)
}
