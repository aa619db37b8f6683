//! Participation reports (viewable and as CSV) and the audit log.

use crate::i18n::{Lang, Tr, m};
use std::collections::{BTreeMap, HashMap};

use super::auth::Viewer;
use crate::api::reports::{AuditLine, Participation, ParticipationRow};
use crate::db;
use crate::domain::event::{EventId, EventKind};
use crate::domain::person::{Action, PersonId};
use crate::domain::time::{on_wall, parse_date, parse_zone, start_of_day};
use crate::error::AppError;
use crate::state::AppState;

/// The participation report; `export` records a CSV export in the audit
/// log (viewing is recorded too).
pub async fn participation(
    state: &AppState,
    viewer: &Viewer,
    from: &str,
    to: &str,
    export: bool,
) -> Result<Participation, AppError> {
    viewer.require(Action::ViewReports)?;
    let today = super::facilities::today(&viewer.facility);
    let parse = |field: &str, text: &str, default| {
        if text.trim().is_empty() {
            Ok(default)
        } else {
            parse_date(text).map_err(|m| AppError::field(field, m))
        }
    };
    let from = parse("from", from, today - chrono::Duration::days(30))?;
    let to = parse("to", to, today)?;
    if to < from {
        return Err(AppError::field("to", m::report_end_before_start()));
    }
    if (to - from).num_days() > 366 {
        return Err(AppError::field("to", m::report_range_too_long()));
    }
    let zone = parse_zone(&viewer.facility.timezone).map_err(|_| AppError::Internal)?;
    let lines = db::attendance::report(
        &state.db,
        viewer.facility.id,
        start_of_day(zone, from),
        start_of_day(zone, to + chrono::Duration::days(1)),
    )
    .await?;
    let mut rows: BTreeMap<(String, i64, String), ParticipationRow> = BTreeMap::new();
    for line in lines {
        let row = rows
            .entry((line.display_name.clone(), line.person_id, line.kind.clone()))
            .or_insert_with(|| ParticipationRow {
                name: line.display_name.clone(),
                kind: line.kind.clone(),
                attended: 0,
                left_early: 0,
                refused: 0,
                unavailable: 0,
                no_show: 0,
            });
        match line.code.as_str() {
            "attended" => row.attended += line.count,
            "left_early" => row.left_early += line.count,
            "refused" => row.refused += line.count,
            "unavailable" => row.unavailable += line.count,
            _ => row.no_show += line.count,
        }
    }
    let action = if export {
        "export participation CSV"
    } else {
        "view participation report"
    };
    db::audit::record(
        &state.db,
        viewer.facility.id,
        viewer.person.id,
        action,
        &format!("{from} to {to}"),
    )
    .await?;
    Ok(Participation {
        from,
        to,
        rows: rows.into_values().collect(),
        lang: viewer.chosen_lang().unwrap_or(viewer.facility.default_lang),
    })
}

/// The report as CSV (RFC 4180) and a file name that names no one, in the
/// language of the report's reader (see [`participation_csv_in`]).
pub fn participation_csv(report: &Participation) -> (String, String) {
    participation_csv_in(report, report.lang)
}

/// The report as CSV, its headings and kinds of event in `lang`.
pub fn participation_csv_in(report: &Participation, lang: Lang) -> (String, String) {
    let t = Tr::new(lang);
    // The characters a spreadsheet reads a formula from (OWASP's list:
    // a leading tab or carriage return hides one as well).
    const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
    let quote = |field: &str| {
        if field.contains([',', '"', '\n', '\r']) || field.starts_with(FORMULA) {
            // Quoted; a leading formula character is neutralised for
            // spreadsheets.
            let field = if field.starts_with(FORMULA) {
                format!("'{field}")
            } else {
                field.to_owned()
            };
            format!("\"{}\"", field.replace('"', "\"\""))
        } else {
            field.to_owned()
        }
    };
    let headings = [
        t.person(),
        t.field_kind(),
        t.col_attended(),
        t.col_left_early(),
        t.col_refused(),
        t.col_unavailable(),
        t.col_no_show(),
    ];
    let mut out = headings.map(quote).join(",");
    out.push_str("\r\n");
    for row in &report.rows {
        let kind = EventKind::parse(&row.kind).map_or_else(|_| row.kind.clone(), |k| t.kind(k));
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\r\n",
            quote(&row.name),
            quote(&kind),
            row.attended,
            row.left_early,
            row.refused,
            row.unavailable,
            row.no_show
        ));
    }
    (
        format!("participation-{}-to-{}.csv", report.from, report.to),
        out,
    )
}

/// The newest audit entries, with who did it (admins): on the facility's
/// wall clock, what was done as a message the page writes in its reader's
/// language (see `domain::audit`).
pub async fn audit_log(state: &AppState, viewer: &Viewer) -> Result<Vec<AuditLine>, AppError> {
    viewer.require(Action::ManageFacility)?;
    let entries = db::audit::recent(&state.db, viewer.facility.id, 200).await?;
    let zone = viewer.facility.timezone.as_str();
    let mut names: HashMap<i64, String> = HashMap::new();
    let mut titles: HashMap<EventId, Option<String>> = HashMap::new();
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let who = match entry.actor_id {
            Some(id) => Some(match names.get(&id) {
                Some(name) => name.clone(),
                None => {
                    let name = db::people::get(&state.db, PersonId(id))
                        .await?
                        .map_or_else(|| format!("#{id}"), |p| p.display_name);
                    names.insert(id, name.clone());
                    name
                }
            }),
            None => None,
        };
        let parts = crate::domain::audit::parse_subject(&entry.subject).unwrap_or_default();
        for part in parts {
            if let crate::domain::audit::Part::Event(id) = part
                && !titles.contains_key(&id)
            {
                let title = db::events::get(&state.db, viewer.facility.id, id)
                    .await?
                    .map(|e| e.title);
                titles.insert(id, title);
            }
        }
        let what = crate::domain::audit::describe(
            &entry.action,
            &entry.subject,
            |id| titles.get(&id).cloned().flatten(),
            |at| on_wall(zone, at),
        );
        out.push(AuditLine {
            at: on_wall(zone, entry.at),
            who,
            what,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_neutralises_formulas_and_names_no_one_in_the_file_name() {
        let report = Participation {
            from: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            to: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            rows: vec![ParticipationRow {
                name: "=HYPERLINK(\"x\") Q.".into(),
                kind: "karaoke".into(),
                attended: 3,
                left_early: 1,
                refused: 0,
                unavailable: 0,
                no_show: 2,
            }],
            lang: Lang::En,
        };
        let (name, csv) = participation_csv(&report);
        assert_eq!(name, "participation-2026-11-01-to-2026-11-30.csv");
        assert_eq!(
            csv,
            "Person,Kind,Attended,Left early,Refused,Unavailable or sick,No-show\r\n\"'=HYPERLINK(\"\"x\"\") Q.\",Karaoke,3,1,0,0,2\r\n"
        );
    }

    #[test]
    fn the_csv_speaks_its_reader_s_language() {
        let report = Participation {
            from: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            to: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            rows: vec![ParticipationRow {
                name: "-1 Ana".into(),
                kind: "outing".into(),
                attended: 2,
                left_early: 0,
                refused: 1,
                unavailable: 0,
                no_show: 0,
            }],
            lang: Lang::Es,
        };
        let (name, csv) = participation_csv(&report);
        assert_eq!(name, "participation-2026-11-01-to-2026-11-30.csv");
        let mut lines = csv.split("\r\n");
        let t = Tr::new(Lang::Es);
        let header = lines.next().unwrap();
        assert_eq!(
            header,
            format!(
                "Persona,Tipo,Asistió,Se fue antes,Se negó,{},No se presentó",
                t.col_unavailable()
            )
        );
        for english in ["client", "kind", "attended", "no_show"] {
            assert!(!header.contains(english), "{header}");
        }
        let row = lines.next().unwrap();
        assert!(row.starts_with("\"'-1 Ana\","), "still neutralised: {row}");
        assert!(
            row.contains(&format!(",{},", t.kind(EventKind::Outing))),
            "{row}"
        );
        // The same report, asked for in English.
        let (_, english) = participation_csv_in(&report, Lang::En);
        assert!(english.starts_with("Person,Kind,Attended,"), "{english}");
    }

    #[test]
    fn a_leading_tab_or_carriage_return_is_neutralised_too() {
        for hidden in ["\t=1+1", "\r=1+1"] {
            let report = Participation {
                from: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                to: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
                rows: vec![ParticipationRow {
                    name: hidden.into(),
                    kind: "karaoke".into(),
                    attended: 1,
                    left_early: 0,
                    refused: 0,
                    unavailable: 0,
                    no_show: 0,
                }],
                lang: Lang::En,
            };
            let (_, csv) = participation_csv(&report);
            let line = csv.split("\r\n").nth(1).unwrap_or_default();
            assert!(line.starts_with(&format!("\"'{hidden}")), "{line:?}");
        }
    }
}
