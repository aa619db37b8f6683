//! Outside panels of on-site 12-step meetings. The public half (group,
//! first names) and the staff-only contact are read by separate functions,
//! so client-facing code never loads the contact columns.

use super::{Db, DbResult, now, with_db};
use crate::domain::event::EventId;
use crate::domain::panel::{Panel, PanelContact, PanelDraft};
use crate::domain::person::PersonId;

fn members_of(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The group and first names, if the event has a panel.
pub async fn panel(db: &Db, event: EventId) -> DbResult<Option<Panel>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, (String, String)>(
            "SELECT group_name, members FROM meeting_panels WHERE event_id = $1",
        )
        .bind(event.0)
        .fetch_optional(pool)
        .await?
    });
    Ok(row.map(|(group, members)| Panel {
        group,
        members: members_of(&members),
    }))
}

/// How staff reach the panel. Staff only: callers check first.
pub async fn contact(db: &Db, event: EventId) -> DbResult<Option<PanelContact>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, (String, String, String)>(
            "SELECT contact_phone, contact_email, contact_notes FROM meeting_panels \
             WHERE event_id = $1",
        )
        .bind(event.0)
        .fetch_optional(pool)
        .await?
    });
    Ok(row.map(|(phone, email, notes)| PanelContact {
        phone,
        email,
        notes,
    }))
}

/// Stores the panel, replacing what was there.
pub async fn put(db: &Db, event: EventId, draft: &PanelDraft, by: PersonId) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query(
            "INSERT INTO meeting_panels (event_id, group_name, members, contact_phone, \
             contact_email, contact_notes, updated_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (event_id) DO UPDATE SET group_name = excluded.group_name, \
             members = excluded.members, contact_phone = excluded.contact_phone, \
             contact_email = excluded.contact_email, contact_notes = excluded.contact_notes, \
             updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        )
        .bind(event.0)
        .bind(&draft.panel.group)
        .bind(draft.panel.members.join("\n"))
        .bind(&draft.contact.phone)
        .bind(&draft.contact.email)
        .bind(&draft.contact.notes)
        .bind(by.0)
        .bind(now())
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Removes the panel; `false` when there was none.
pub async fn delete(db: &Db, event: EventId) -> DbResult<bool> {
    let n = with_db!(db, pool => {
        sqlx::query("DELETE FROM meeting_panels WHERE event_id = $1")
            .bind(event.0)
            .execute(pool)
            .await?
            .rows_affected()
    });
    Ok(n > 0)
}
