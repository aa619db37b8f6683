//! Accounts.

use crate::db::{self, people::NewPerson};
use crate::domain::person::{NAME_MAX, Person, Role, check_new_password, parse_email};
use crate::domain::validation::{FieldErrors, required_text};
use crate::error::AppError;
use crate::state::AppState;

/// A new staff or admin account as typed at the CLI (or, later, a form).
pub struct NewAccount {
    pub role: Role,
    pub name: String,
    pub email: String,
    pub password: String,
}

/// Creates an account at the facility `facility_id`.
pub async fn add(state: &AppState, facility_id: i64, new: NewAccount) -> Result<Person, AppError> {
    let mut errors = FieldErrors::new();
    let name = required_text(&mut errors, "name", "Name", &new.name, NAME_MAX);
    let email = parse_email(&mut errors, "email", &new.email);
    check_new_password(&mut errors, "password", &new.password);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    if db::people::by_email(&state.db, &email).await?.is_some() {
        return Err(AppError::field(
            "email",
            format!("An account with the e-mail {email} already exists."),
        ));
    }
    let password_hash = super::auth::hash_password(new.password).await?;
    let person = db::people::insert(
        &state.db,
        &NewPerson {
            facility_id,
            role: new.role,
            display_name: &name,
            email: Some(&email),
            password_hash: Some(&password_hash),
        },
    )
    .await
    .map_err(|e| match e {
        db::DbError::Duplicate(_) => AppError::field(
            "email",
            format!("An account with the e-mail {email} already exists."),
        ),
        other => other.into(),
    })?;
    tracing::info!(person_id = %person.id, role = %person.role, "account created");
    Ok(person)
}

/// Active staff of the viewer's facility who can host events: (id, name).
pub async fn hosts(
    state: &AppState,
    viewer: &super::auth::Viewer,
) -> Result<Vec<(i64, String)>, AppError> {
    viewer.require(crate::domain::person::Action::ManageEvents)?;
    Ok(db::people::staff(&state.db, viewer.facility.id)
        .await?
        .into_iter()
        .map(|p| (p.id.0, p.display_name))
        .collect())
}
