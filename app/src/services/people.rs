//! Accounts and the stay lifecycle: clients are created by staff, sign in
//! with a password or a kiosk PIN, are discharged (on their date or now),
//! can be readmitted, and after the retention window lose what identifies
//! them.

use crate::i18n::m;
use chrono::{Duration, NaiveDate};

use super::auth::{Viewer, hash_password};
use crate::db::{self, people::NewPerson};
pub use crate::domain::person::NewClient;
use crate::domain::person::{
    Action, NAME_MAX, Person, PersonId, PersonStatus, Role, check_new_password, check_pin,
    parse_client_name, parse_email, parse_login,
};
use crate::domain::time::parse_date;
use crate::domain::validation::{FieldErrors, optional_text, required_text};
use crate::error::AppError;
use crate::state::AppState;

/// A new staff or admin account as typed at the CLI (or a form).
pub struct NewAccount {
    pub role: Role,
    pub name: String,
    pub email: String,
    pub password: String,
}

fn duplicate(field: &str, email: &str) -> impl Fn(db::DbError) -> AppError {
    let (field, email) = (field.to_owned(), email.to_owned());
    move |e| match e {
        db::DbError::Duplicate(_) => AppError::field(&field, m::person_email_taken(&email)),
        other => other.into(),
    }
}

/// Creates a staff or admin account at the facility `facility_id`.
pub async fn add(state: &AppState, facility_id: i64, new: NewAccount) -> Result<Person, AppError> {
    let mut errors = FieldErrors::new();
    let name = required_text(&mut errors, "name", m::field_name(), &new.name, NAME_MAX);
    let email = parse_email(&mut errors, "email", &new.email);
    check_new_password(&mut errors, "password", &new.password);
    if new.role == Role::Client {
        errors.add("role", m::person_clients_added_separately());
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    if db::people::by_email(&state.db, &email).await?.is_some() {
        return Err(AppError::field("email", m::person_email_taken(&email)));
    }
    let password_hash = hash_password(state, new.password).await?;
    let person = db::people::insert(
        &state.db,
        &NewPerson {
            facility_id,
            role: new.role,
            display_name: &name,
            email: Some(&email),
            login: None,
            password_hash: Some(&password_hash),
            pin_hash: None,
            house: None,
            admission_date: None,
            expected_discharge_date: None,
        },
    )
    .await
    .map_err(duplicate("email", &email))?;
    tracing::info!(person_id = %person.id, role = %person.role, "account created");
    Ok(person)
}

/// Creates a client account at the viewer's facility (or, for the CLI,
/// `facility_id`).
pub async fn add_client(
    state: &AppState,
    facility_id: i64,
    new: NewClient,
    today: NaiveDate,
) -> Result<Person, AppError> {
    let mut errors = FieldErrors::new();
    let name = parse_client_name(&mut errors, "name", &new.name);
    let email =
        (!new.email.trim().is_empty()).then(|| parse_email(&mut errors, "email", &new.email));
    let login = if new.login.trim().is_empty() {
        None
    } else {
        Some(parse_login(&mut errors, "login", &new.login))
    };
    if !new.password.is_empty() {
        check_new_password(&mut errors, "password", &new.password);
    }
    if !new.pin.is_empty() {
        check_pin(&mut errors, "pin", &new.pin);
    }
    let house = optional_text(&mut errors, "house", m::field_house(), &new.house, 60);
    let date = |errors: &mut FieldErrors, field: &str, text: &str| {
        if text.trim().is_empty() {
            None
        } else {
            parse_date(text).map_err(|m| errors.add(field, m)).ok()
        }
    };
    let admission = date(&mut errors, "admission_date", &new.admission_date).unwrap_or(today);
    let discharge = date(
        &mut errors,
        "expected_discharge_date",
        &new.expected_discharge_date,
    );
    if discharge.is_some_and(|d| d < admission) {
        errors.add(
            "expected_discharge_date",
            m::person_discharge_before_admission(),
        );
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    // Without e-mail or a chosen name, derive one: "maria.g", "maria.g2", …
    // Which field a duplicate is about: the sign-in name when one was
    // chosen, else the e-mail (derived names are always free).
    let duplicate_field = if login.is_some() { "login" } else { "email" };
    let login = match (&email, login) {
        (_, Some(login)) => Some(login),
        (Some(_), None) => None,
        (None, None) => Some(free_login(state, &name).await?),
    };
    let password_hash = match new.password.is_empty() {
        true => None,
        false => Some(hash_password(state, new.password.clone()).await?),
    };
    let pin_hash = match new.pin.is_empty() {
        true => None,
        false => Some(hash_password(state, new.pin.clone()).await?),
    };
    let person = db::people::insert(
        &state.db,
        &NewPerson {
            facility_id,
            role: Role::Client,
            display_name: &name,
            email: email.as_deref(),
            login: login.as_deref(),
            password_hash: password_hash.as_deref(),
            pin_hash: pin_hash.as_deref(),
            house: (!house.is_empty()).then_some(house.as_str()),
            admission_date: Some(admission),
            expected_discharge_date: discharge,
        },
    )
    .await
    .map_err(|e| match e {
        db::DbError::Duplicate(_) => AppError::field(duplicate_field, m::person_login_taken()),
        other => other.into(),
    })?;
    tracing::info!(person_id = %person.id, "client account created");
    Ok(person)
}

async fn free_login(state: &AppState, name: &str) -> Result<String, AppError> {
    let base: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '.' })
        .collect::<String>()
        .split('.')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(".");
    let base = if base.len() < 3 {
        format!("client.{base}")
    } else {
        base
    };
    for n in 1..1000 {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{base}{n}")
        };
        if db::people::with_credentials(&state.db, &candidate)
            .await?
            .is_none()
        {
            return Ok(candidate);
        }
    }
    Err(AppError::conflict(m::person_no_free_login()))
}

/// Staff create a client at their own facility.
pub async fn add_client_as(
    state: &AppState,
    viewer: &Viewer,
    new: NewClient,
) -> Result<Person, AppError> {
    viewer.require(Action::ManageClients)?;
    let today = super::facilities::today(&viewer.facility);
    add_client(state, viewer.facility.id, new, today).await
}

/// A person of the viewer's facility (who may see them is up to the caller).
pub async fn get(state: &AppState, viewer: &Viewer, id: PersonId) -> Result<Person, AppError> {
    db::people::get(&state.db, id)
        .await?
        .filter(|p| p.facility_id == viewer.facility.id && !p.purged)
        .ok_or(AppError::NotFound)
}

/// The people directory (staff).
pub async fn directory(state: &AppState, viewer: &Viewer) -> Result<Vec<Person>, AppError> {
    viewer.require(Action::ViewPeople)?;
    Ok(db::people::directory(&state.db, viewer.facility.id).await?)
}

/// Active clients matching `text` (staff adding a walk-in).
pub async fn search_clients(
    state: &AppState,
    viewer: &Viewer,
    text: &str,
) -> Result<Vec<Person>, AppError> {
    viewer.require(Action::CheckIn)?;
    if text.trim().chars().count() < 2 {
        return Ok(Vec::new());
    }
    Ok(db::people::search_clients(&state.db, viewer.facility.id, text).await?)
}

/// Sets (or clears) a client's kiosk PIN.
pub async fn set_pin(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
    pin: &str,
) -> Result<(), AppError> {
    viewer.require(Action::ManageClients)?;
    let person = get(state, viewer, id).await?;
    if person.role != Role::Client {
        return Err(AppError::field("pin", m::person_pin_clients_only()));
    }
    let hash = if pin.is_empty() {
        None
    } else {
        let mut errors = FieldErrors::new();
        check_pin(&mut errors, "pin", pin);
        if !errors.is_empty() {
            return Err(errors.into());
        }
        Some(hash_password(state, pin.to_owned()).await?)
    };
    db::people::set_pin(&state.db, id, hash.as_deref()).await?;
    tracing::info!(person_id = %id, "kiosk PIN changed");
    Ok(())
}

/// Discharges a client now: sign-in stops (sessions end, API tokens and
/// feed links are revoked), and their future RSVPs are released so the waitlist moves up.
pub async fn discharge(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
) -> Result<Person, AppError> {
    viewer.require(Action::ManageClients)?;
    let person = get(state, viewer, id).await?;
    if person.role != Role::Client {
        return Err(AppError::conflict(m::person_discharge_clients_only()));
    }
    if person.status == PersonStatus::Discharged {
        return Ok(person);
    }
    discharge_person(state, id).await?;
    get(state, viewer, id).await
}

async fn discharge_person(state: &AppState, id: PersonId) -> Result<(), AppError> {
    let at = db::now();
    db::people::discharge(&state.db, id, at).await?;
    db::sessions::delete_for_person(&state.db, id).await?;
    db::tokens::revoke_all(&state.db, id, at).await?;
    db::feeds::revoke(&state.db, id, at).await?;
    let released = super::rsvps::release_future(state, id, at).await?;
    tracing::info!(person_id = %id, released, "client discharged");
    Ok(())
}

/// Readmits a discharged client (not yet purged) for a new stay.
pub async fn readmit(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
    admission_date: &str,
    expected_discharge_date: &str,
) -> Result<Person, AppError> {
    viewer.require(Action::ManageClients)?;
    let mut errors = FieldErrors::new();
    let today = super::facilities::today(&viewer.facility);
    let admission = if admission_date.trim().is_empty() {
        Some(today)
    } else {
        parse_date(admission_date)
            .map_err(|m| errors.add("admission_date", m))
            .ok()
    };
    let discharge = if expected_discharge_date.trim().is_empty() {
        None
    } else {
        parse_date(expected_discharge_date)
            .map_err(|m| errors.add("expected_discharge_date", m))
            .ok()
    };
    if let (Some(a), Some(d)) = (admission, discharge)
        && d < a
    {
        errors.add(
            "expected_discharge_date",
            m::person_discharge_before_admission(),
        );
    }
    let Some(admission) = admission.filter(|_| errors.is_empty()) else {
        return Err(errors.into());
    };
    let person = get(state, viewer, id).await?;
    if person.status != PersonStatus::Discharged {
        return Err(AppError::conflict(m::person_not_discharged()));
    }
    db::people::readmit(&state.db, id, admission, discharge).await?;
    tracing::info!(person_id = %id, "client readmitted");
    get(state, viewer, id).await
}

/// The daily job: discharges clients whose expected discharge date has
/// passed, and removes the identifying data of those discharged longer
/// than the facility's retention window. Returns (discharged, purged).
pub async fn daily_lifecycle(state: &AppState) -> Result<(usize, usize), AppError> {
    let (mut discharged, mut purged) = (0, 0);
    for facility in db::facilities::all(&state.db).await? {
        let today = super::facilities::today(&facility);
        for id in db::people::due_for_discharge(&state.db, facility.id, today).await? {
            discharge_person(state, id).await?;
            discharged += 1;
        }
        let cutoff = db::now() - Duration::days(facility.retention_days);
        for id in db::people::due_for_purge(&state.db, facility.id, cutoff).await? {
            db::people::purge(&state.db, id).await?;
            tracing::info!(person_id = %id, "identifying data removed after the retention window");
            purged += 1;
        }
    }
    Ok((discharged, purged))
}

/// How often the stay job runs, across every process on the database.
pub const STAY_JOB_EVERY: Duration = Duration::hours(1);

/// How long a process that claimed the stay job holds it: if it dies or
/// its run fails, another process runs the job once this has passed.
pub const STAY_JOB_LEASE: Duration = Duration::minutes(15);

/// Runs the stay job ([`daily_lifecycle`]) if it is due: of several
/// processes sharing the database, exactly one runs it each hour. The one
/// that claims it holds a lease ([`STAY_JOB_LEASE`]) until its run ends; if
/// it dies or the run fails, another takes the job when the lease ends, so
/// an hour is never skipped. `holder` names the process (for the record).
/// Returns what it did, or `None` when it is not due or another process
/// has it.
pub async fn stay_job_if_due(
    state: &AppState,
    holder: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<(usize, usize)>, AppError> {
    if !db::jobs::claim(&state.db, "stay", holder, now, STAY_JOB_LEASE).await? {
        return Ok(None);
    }
    let done = daily_lifecycle(state).await?;
    db::jobs::finish(&state.db, "stay", holder, now, STAY_JOB_EVERY).await?;
    Ok(Some(done))
}

/// Checks that `person` is an active (not discharged, not disabled) staff
/// member of the viewer's facility (a host, a driver); otherwise `message`
/// at `field`.
pub async fn require_active_staff(
    state: &AppState,
    viewer: &Viewer,
    person: PersonId,
    field: &str,
    message: crate::i18n::Message,
) -> Result<(), AppError> {
    match db::people::get(&state.db, person).await? {
        Some(p) if p.facility_id == viewer.facility.id && p.role.is_staff() && p.may_sign_in() => {
            Ok(())
        }
        _ => Err(AppError::field(field, message)),
    }
}

/// Active staff of the viewer's facility who can host events: (id, name).
pub async fn hosts(state: &AppState, viewer: &Viewer) -> Result<Vec<(i64, String)>, AppError> {
    viewer.require(Action::ManageEvents)?;
    Ok(
        super::page_reads::staff(state, viewer.reads.as_deref(), viewer.facility.id)
            .await?
            .into_iter()
            .map(|p| (p.id.0, p.display_name))
            .collect(),
    )
}
