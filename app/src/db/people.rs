//! People and their credentials.

use chrono::{DateTime, NaiveDate, Utc};
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
    login: Option<String>,
    status: String,
    house: Option<String>,
    admission_date: Option<NaiveDate>,
    expected_discharge_date: Option<NaiveDate>,
    discharged_at: Option<DateTime<Utc>>,
    purged_at: Option<DateTime<Utc>>,
    disabled_at: Option<DateTime<Utc>>,
    must_change_password: bool,
    pin_legacy: bool,
    lang: Option<String>,
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
            login: row.login,
            status: PersonStatus::parse(&row.status)
                .ok_or_else(|| corrupt("status", &row.status))?,
            house: row.house,
            admission_date: row.admission_date,
            expected_discharge_date: row.expected_discharge_date,
            discharged_at: row.discharged_at,
            purged: row.purged_at.is_some(),
            disabled_at: row.disabled_at,
            must_change_password: row.must_change_password,
            legacy_pin: row.pin_legacy,
            lang: row.lang.as_deref().and_then(crate::i18n::Lang::from_code),
        })
    }
}

/// The columns of [`PersonRow`], for joins to write as `p.…`.
macro_rules! person_columns {
    () => {
        "p.id, p.facility_id, p.role, p.display_name, p.email, p.login, p.status, p.house, \
         p.admission_date, p.expected_discharge_date, p.discharged_at, p.purged_at, \
         p.disabled_at, p.must_change_password, p.pin_legacy, p.lang"
    };
}
pub(crate) use person_columns;

/// What a new account is made of; secrets arrive already hashed.
pub struct NewPerson<'a> {
    pub facility_id: i64,
    pub role: Role,
    pub display_name: &'a str,
    pub email: Option<&'a str>,
    pub login: Option<&'a str>,
    pub password_hash: Option<&'a str>,
    pub pin_hash: Option<&'a str>,
    pub house: Option<&'a str>,
    pub admission_date: Option<NaiveDate>,
    pub expected_discharge_date: Option<NaiveDate>,
}

pub async fn insert(db: &Db, new: &NewPerson<'_>) -> DbResult<Person> {
    let at = now();
    let id = with_db!(db, pool => {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO people (facility_id, role, display_name, email, login, password_hash, \
             pin_hash, house, admission_date, expected_discharge_date, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'active', $11, $11) RETURNING id",
        )
        .bind(new.facility_id)
        .bind(new.role.as_str())
        .bind(new.display_name)
        .bind(new.email)
        .bind(new.login)
        .bind(new.password_hash)
        .bind(new.pin_hash)
        .bind(new.house)
        .bind(new.admission_date)
        .bind(new.expected_discharge_date)
        .bind(at)
        .fetch_one(pool)
        .await?
    });
    get(db, PersonId(id))
        .await?
        .ok_or_else(|| corrupt("person", &id.to_string()))
}

pub async fn get(db: &Db, id: PersonId) -> DbResult<Option<Person>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, PersonRow>(concat!("SELECT ", person_columns!(), " FROM people p WHERE p.id = $1"))
            .bind(id.0)
            .fetch_optional(pool)
            .await?
    });
    row.map(Person::try_from).transpose()
}

/// The people of `ids` that exist, in one query (a page's RSVP names).
pub async fn get_many(db: &Db, ids: &[PersonId]) -> DbResult<Vec<Person>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = with_db!(db, pool => {
        let mut query = sqlx::QueryBuilder::new(concat!("SELECT ", person_columns!(), " FROM people p WHERE p.id IN ("));
        let mut list = query.separated(", ");
        for id in ids {
            list.push_bind(id.0);
        }
        query.push(")");
        query.build_query_as::<PersonRow>().fetch_all(pool).await?
    });
    rows.into_iter().map(Person::try_from).collect()
}

pub async fn by_email(db: &Db, email: &str) -> DbResult<Option<Person>> {
    Ok(with_credentials(db, email).await?.map(|(person, _)| person))
}

/// The person signing in as `name` (an e-mail address or a login name) and
/// their password hash.
pub async fn with_credentials(db: &Db, name: &str) -> DbResult<Option<(Person, Option<String>)>> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        person: PersonRow,
        password_hash: Option<String>,
    }
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, Row>(concat!(
            "SELECT ", person_columns!(), ", p.password_hash FROM people p \
             WHERE p.email = $1 OR p.login = $1"
        ))
        .bind(name)
        .fetch_optional(pool)
        .await?
    });
    row.map(|r| Ok((r.person.try_into()?, r.password_hash)))
        .transpose()
}

/// A client's PIN hash (for kiosk sign-in).
pub async fn pin_hash(db: &Db, id: PersonId) -> DbResult<Option<String>> {
    let hash = with_db!(db, pool => {
        sqlx::query_scalar::<_, Option<String>>("SELECT pin_hash FROM people WHERE id = $1")
            .bind(id.0)
            .fetch_optional(pool)
            .await?
    });
    Ok(hash.flatten())
}

pub async fn set_pin(db: &Db, id: PersonId, pin_hash: Option<&str>) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("UPDATE people SET pin_hash = $2, pin_legacy = $4, updated_at = $3 WHERE id = $1")
            .bind(id.0)
            .bind(pin_hash)
            .bind(now())
            .bind(false)
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// Chooses the language a person reads Hearth in (`None`: their
/// browser's).
pub async fn set_lang(db: &Db, id: PersonId, lang: Option<crate::i18n::Lang>) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("UPDATE people SET lang = $2, updated_at = $3 WHERE id = $1")
            .bind(id.0)
            .bind(lang.map(crate::i18n::Lang::code))
            .bind(now())
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// Disables (`Some(at)`) or enables (`None`) an account.
pub async fn set_disabled(db: &Db, id: PersonId, at: Option<DateTime<Utc>>) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("UPDATE people SET disabled_at = $2, updated_at = $3 WHERE id = $1")
            .bind(id.0)
            .bind(at)
            .bind(now())
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// Stores a new password hash; `must_change` for one an administrator set.
pub async fn set_password(db: &Db, id: PersonId, hash: &str, must_change: bool) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query(
            "UPDATE people SET password_hash = $2, must_change_password = $3, updated_at = $4 \
             WHERE id = $1",
        )
        .bind(id.0)
        .bind(hash)
        .bind(must_change)
        .bind(now())
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// A person's password hash.
pub async fn password_hash(db: &Db, id: PersonId) -> DbResult<Option<String>> {
    let hash = with_db!(db, pool => {
        sqlx::query_scalar::<_, Option<String>>("SELECT password_hash FROM people WHERE id = $1")
            .bind(id.0)
            .fetch_optional(pool)
            .await?
    });
    Ok(hash.flatten())
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
            "SELECT ", person_columns!(), " FROM people p \
             WHERE p.facility_id = $1 AND p.role <> 'client' AND p.status = 'active' \
             ORDER BY p.display_name"
        ))
        .bind(facility_id)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter().map(Person::try_from).collect()
}

/// Everyone of a facility (clients not yet purged), staff first, by name.
pub async fn directory(db: &Db, facility_id: i64) -> DbResult<Vec<Person>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, PersonRow>(concat!(
            "SELECT ", person_columns!(), " FROM people p \
             WHERE p.facility_id = $1 AND p.purged_at IS NULL \
             ORDER BY CASE WHEN p.role = 'client' THEN 1 ELSE 0 END, p.status, p.display_name, p.id"
        ))
        .bind(facility_id)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter().map(Person::try_from).collect()
}

/// Active clients whose name contains `text` (case-insensitive), by name.
pub async fn search_clients(db: &Db, facility_id: i64, text: &str) -> DbResult<Vec<Person>> {
    let pattern = format!("%{}%", text.trim().to_lowercase().replace(['%', '_'], ""));
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, PersonRow>(concat!(
            "SELECT ", person_columns!(), " FROM people p \
             WHERE p.facility_id = $1 AND p.role = 'client' AND p.status = 'active' \
               AND LOWER(p.display_name) LIKE $2 \
             ORDER BY p.display_name, p.id LIMIT 20"
        ))
        .bind(facility_id)
        .bind(pattern)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter().map(Person::try_from).collect()
}

/// Marks a client discharged (sign-in stops; sessions are deleted by the
/// caller in the same breath).
pub async fn discharge(db: &Db, id: PersonId, at: DateTime<Utc>) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query(
            "UPDATE people SET status = 'discharged', discharged_at = $2, updated_at = $2 \
             WHERE id = $1 AND status = 'active'",
        )
        .bind(id.0)
        .bind(at)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Brings a discharged (not purged) client back for a new stay.
pub async fn readmit(
    db: &Db,
    id: PersonId,
    admission_date: NaiveDate,
    expected_discharge_date: Option<NaiveDate>,
) -> DbResult<bool> {
    let n = with_db!(db, pool => {
        sqlx::query(
            "UPDATE people SET status = 'active', discharged_at = NULL, admission_date = $2, \
             expected_discharge_date = $3, updated_at = $4 \
             WHERE id = $1 AND status = 'discharged' AND purged_at IS NULL",
        )
        .bind(id.0)
        .bind(admission_date)
        .bind(expected_discharge_date)
        .bind(now())
        .execute(pool)
        .await?
        .rows_affected()
    });
    Ok(n > 0)
}

/// Active clients whose expected discharge date is before `today`.
pub async fn due_for_discharge(
    db: &Db,
    facility_id: i64,
    today: NaiveDate,
) -> DbResult<Vec<PersonId>> {
    let ids = with_db!(db, pool => {
        sqlx::query_scalar::<_, i64>(
            "SELECT id FROM people WHERE facility_id = $1 AND role = 'client' AND status = 'active' \
             AND expected_discharge_date IS NOT NULL AND expected_discharge_date < $2",
        )
        .bind(facility_id)
        .bind(today)
        .fetch_all(pool)
        .await?
    });
    Ok(ids.into_iter().map(PersonId).collect())
}

/// Discharged clients whose retention window ended before `cutoff` and
/// who still carry identifying data.
pub async fn due_for_purge(
    db: &Db,
    facility_id: i64,
    cutoff: DateTime<Utc>,
) -> DbResult<Vec<PersonId>> {
    let ids = with_db!(db, pool => {
        sqlx::query_scalar::<_, i64>(
            "SELECT id FROM people WHERE facility_id = $1 AND role = 'client' \
             AND status = 'discharged' AND purged_at IS NULL AND discharged_at <= $2",
        )
        .bind(facility_id)
        .bind(cutoff)
        .fetch_all(pool)
        .await?
    });
    Ok(ids.into_iter().map(PersonId).collect())
}

/// Removes what identifies a person; the row stays (so attendance counts
/// stay) as "Former client".
pub async fn purge(db: &Db, id: PersonId) -> DbResult<()> {
    let at = now();
    // One transaction: a purge half done would leave sign-in material.
    with_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "UPDATE people SET display_name = 'Former client', email = NULL, login = NULL, \
             password_hash = NULL, pin_hash = NULL, house = NULL, admission_date = NULL, \
             expected_discharge_date = NULL, purged_at = $2, updated_at = $2 WHERE id = $1",
        )
        .bind(id.0)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM sessions WHERE person_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE api_tokens SET revoked_at = $2 WHERE person_id = $1 AND revoked_at IS NULL")
            .bind(id.0)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        // Every other table that ties free text to the person: what they
        // offered to bring (and its allergens), the songs they queued, the
        // labels of their API tokens (their sessions, with their browsers
        // and any feed link kept to show, are gone above).
        for statement in [
            "UPDATE signup_claims SET dish = '', allergens = '' WHERE person_id = $1",
            "DELETE FROM karaoke_songs WHERE person_id = $1",
            "UPDATE api_tokens SET label = '' WHERE person_id = $1",
            "DELETE FROM sign_in_devices WHERE person_id = $1",
        ] {
            sqlx::query(statement).bind(id.0).execute(&mut *tx).await?;
        }
        tx.commit().await?;
    });
    // SQLite keeps old page images in the write-ahead log until a
    // checkpoint: move them into the file (where secure_delete zeroed the
    // old text) and empty the log.
    if let Db::Sqlite(pool) = db {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(pool)
            .await?;
    }
    Ok(())
}

/// Active clients of a facility with a kiosk PIN, by name.
pub async fn with_pins(db: &Db, facility_id: i64) -> DbResult<Vec<Person>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, PersonRow>(concat!(
            "SELECT ", person_columns!(), " FROM people p \
             WHERE p.facility_id = $1 AND p.role = 'client' AND p.status = 'active' \
               AND p.disabled_at IS NULL AND p.pin_hash IS NOT NULL ORDER BY p.display_name, p.id"
        ))
        .bind(facility_id)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter().map(Person::try_from).collect()
}
