//! People and their credentials.

use sqlx::FromRow;

use super::{Db, DbResult, corrupt, now, with_db};
use crate::domain::person::{Person, PersonId, PersonStatus, Role};

#[derive(FromRow)]
pub(crate) struct PersonRow {
    id: i64,
    facility_id: i64,
    role: String,
    display_name: String,
    email: Option<String>,
    status: String,
}

impl TryFrom<PersonRow> for Person {
    type Error = super::DbError;

    fn try_from(row: PersonRow) -> Result<Self, Self::Error> {
        Ok(Person {
            id: PersonId(row.id),
            facility_id: row.facility_id,
            role: Role::parse(&row.role).map_err(|_| corrupt("role", &row.role))?,
            display_name: row.display_name,
            email: row.email,
            status: PersonStatus::parse(&row.status)
                .ok_or_else(|| corrupt("status", &row.status))?,
        })
    }
}

macro_rules! columns {
    () => {
        "id, facility_id, role, display_name, email, status"
    };
}

/// What a new account is made of; the password arrives already hashed.
pub struct NewPerson<'a> {
    pub facility_id: i64,
    pub role: Role,
    pub display_name: &'a str,
    pub email: Option<&'a str>,
    pub password_hash: Option<&'a str>,
}

pub async fn insert(db: &Db, new: &NewPerson<'_>) -> DbResult<Person> {
    let at = now();
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, PersonRow>(concat!(
            "INSERT INTO people \
             (facility_id, role, display_name, email, password_hash, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, 'active', $6, $6) RETURNING ",
            columns!()
        ))
        .bind(new.facility_id)
        .bind(new.role.as_str())
        .bind(new.display_name)
        .bind(new.email)
        .bind(new.password_hash)
        .bind(at)
        .fetch_one(pool)
        .await?
    });
    row.try_into()
}

pub async fn get(db: &Db, id: PersonId) -> DbResult<Option<Person>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, PersonRow>(concat!("SELECT ", columns!(), " FROM people WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(pool)
            .await?
    });
    row.map(Person::try_from).transpose()
}

pub async fn by_email(db: &Db, email: &str) -> DbResult<Option<Person>> {
    Ok(with_credentials(db, email).await?.map(|(person, _)| person))
}

/// The person with this (normalized) e-mail and their password hash.
pub async fn with_credentials(db: &Db, email: &str) -> DbResult<Option<(Person, Option<String>)>> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        person: PersonRow,
        password_hash: Option<String>,
    }
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, Row>(concat!(
            "SELECT ", columns!(), ", password_hash FROM people WHERE email = $1"
        ))
        .bind(email)
        .fetch_optional(pool)
        .await?
    });
    row.map(|r| Ok((r.person.try_into()?, r.password_hash)))
        .transpose()
}

pub async fn count(db: &Db) -> DbResult<i64> {
    let n = with_db!(db, pool => {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM people")
            .fetch_one(pool)
            .await?
    });
    Ok(n)
}

/// Active staff (every role but client) of a facility, by name.
pub async fn staff(db: &Db, facility_id: i64) -> DbResult<Vec<Person>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, PersonRow>(concat!(
            "SELECT ", columns!(), " FROM people \
             WHERE facility_id = $1 AND role <> 'client' AND status = 'active' ORDER BY display_name"
        ))
        .bind(facility_id)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter().map(Person::try_from).collect()
}
