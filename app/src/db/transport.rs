//! An event's van and its rules (eligibility, staff ratio).

use chrono::NaiveTime;
use sqlx::FromRow;

use super::{Db, DbResult, corrupt, now, with_db};
use crate::domain::event::EventId;
use crate::domain::person::PersonId;
use crate::domain::transport::{Rules, Transport};

#[derive(FromRow)]
struct TransportRow {
    van_seats: i64,
    driver_id: Option<i64>,
    departs_at: Option<String>,
    returns_at: Option<String>,
    pickup_point: String,
}

fn time_of(text: Option<String>) -> DbResult<Option<NaiveTime>> {
    text.map(|t| NaiveTime::parse_from_str(&t, "%H:%M").map_err(|_| corrupt("van time", &t)))
        .transpose()
}

impl TransportRow {
    fn into_transport(self) -> DbResult<Transport> {
        Ok(Transport {
            van_seats: u32::try_from(self.van_seats)
                .map_err(|_| corrupt("van seats", &self.van_seats.to_string()))?,
            driver_id: self.driver_id.map(PersonId),
            departs: time_of(self.departs_at)?,
            returns: time_of(self.returns_at)?,
            pickup_point: self.pickup_point,
        })
    }
}

pub async fn transport(db: &Db, event: EventId) -> DbResult<Option<Transport>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, TransportRow>(
            "SELECT van_seats, driver_id, departs_at, returns_at, pickup_point \
             FROM event_transport WHERE event_id = $1",
        )
        .bind(event.0)
        .fetch_optional(pool)
        .await?
    });
    row.map(TransportRow::into_transport).transpose()
}

/// Stores the van (`None` removes it).
pub async fn put_transport(db: &Db, event: EventId, transport: Option<&Transport>) -> DbResult<()> {
    let hhmm = |t: Option<NaiveTime>| t.map(|t| t.format("%H:%M").to_string());
    with_db!(db, pool => {
        match transport {
            None => {
                sqlx::query("DELETE FROM event_transport WHERE event_id = $1")
                    .bind(event.0)
                    .execute(pool)
                    .await?;
            }
            Some(t) => {
                sqlx::query(
                    "INSERT INTO event_transport \
                     (event_id, van_seats, driver_id, departs_at, returns_at, pickup_point, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) \
                     ON CONFLICT (event_id) DO UPDATE SET van_seats = excluded.van_seats, \
                     driver_id = excluded.driver_id, departs_at = excluded.departs_at, \
                     returns_at = excluded.returns_at, pickup_point = excluded.pickup_point, \
                     updated_at = excluded.updated_at",
                )
                .bind(event.0)
                .bind(i64::from(t.van_seats))
                .bind(t.driver_id.map(|d| d.0))
                .bind(hhmm(t.departs))
                .bind(hhmm(t.returns))
                .bind(&t.pickup_point)
                .bind(now())
                .execute(pool)
                .await?;
            }
        }
    });
    Ok(())
}

#[derive(FromRow)]
struct RulesRow {
    min_days_admitted: Option<i64>,
    houses: String,
    clients_per_staff: Option<i64>,
}

pub async fn rules(db: &Db, event: EventId) -> DbResult<Rules> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, RulesRow>(
            "SELECT min_days_admitted, houses, clients_per_staff FROM event_rules WHERE event_id = $1",
        )
        .bind(event.0)
        .fetch_optional(pool)
        .await?
    });
    let Some(row) = row else {
        return Ok(Rules::default());
    };
    let number = |n: Option<i64>, what: &str| {
        n.map(|n| u32::try_from(n).map_err(|_| corrupt(what, &n.to_string())))
            .transpose()
    };
    Ok(Rules {
        min_days_admitted: number(row.min_days_admitted, "min days admitted")?,
        houses: serde_json::from_str(&row.houses).map_err(|_| corrupt("houses", &row.houses))?,
        clients_per_staff: number(row.clients_per_staff, "clients per staff")?,
    })
}

/// Stores the rules (empty rules remove the row).
pub async fn put_rules(db: &Db, event: EventId, rules: &Rules) -> DbResult<()> {
    let houses = serde_json::to_string(&rules.houses).unwrap_or_else(|_| "[]".to_owned());
    with_db!(db, pool => {
        if rules.is_empty() {
            sqlx::query("DELETE FROM event_rules WHERE event_id = $1")
                .bind(event.0)
                .execute(pool)
                .await?;
        } else {
            sqlx::query(
                "INSERT INTO event_rules (event_id, min_days_admitted, houses, clients_per_staff, updated_at) \
                 VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (event_id) DO UPDATE SET min_days_admitted = excluded.min_days_admitted, \
                 houses = excluded.houses, clients_per_staff = excluded.clients_per_staff, \
                 updated_at = excluded.updated_at",
            )
            .bind(event.0)
            .bind(rules.min_days_admitted.map(i64::from))
            .bind(&houses)
            .bind(rules.clients_per_staff.map(i64::from))
            .bind(now())
            .execute(pool)
            .await?;
        }
    });
    Ok(())
}

/// Gives a series split off `from` ("this and following") the same van
/// and rules.
pub async fn copy(db: &Db, from: EventId, to: EventId) -> DbResult<()> {
    let transport = transport(db, from).await?;
    put_transport(db, to, transport.as_ref()).await?;
    put_rules(db, to, &rules(db, from).await?).await
}
