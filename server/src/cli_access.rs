//! `hearth user list|disable|enable|reset-password`, `hearth token
//! list|revoke`, `hearth session revoke`, `hearth kiosk list|revoke|unlock`:
//! taking access back from the command line (the same services as the
//! admin pages).

use app::db;
use app::domain::person::{Person, PersonStatus};
use app::error::AppError;
use app::services::access;
use app::state::AppState;

use crate::cli::{
    DbArgs, KioskCommand, PersonArgs, SessionCommand, TokenCommand, UserCommand, describe, state,
};

/// The facility the command works on (Hearth serves one per database).
async fn facility(state: &AppState) -> Result<i64, String> {
    db::facilities::first(&state.db)
        .await
        .map_err(|e| e.to_string())?
        .map(|f| f.id)
        .ok_or_else(|| "the database holds no facility".to_owned())
}

/// The account named by `--email` (an e-mail or a sign-in name).
async fn person(state: &AppState, args: &PersonArgs) -> Result<Person, String> {
    let name = args.email.trim().to_lowercase();
    db::people::with_credentials(&state.db, &name)
        .await
        .map_err(|e| e.to_string())?
        .map(|(person, _)| person)
        .filter(|p| !p.purged)
        .ok_or_else(|| format!("no account signs in as {}", args.email.trim()))
}

/// Runs `f` on the database of `db`, closing it afterwards.
async fn with_state<T, F, Fut>(db: &DbArgs, f: F) -> Result<T, String>
where
    F: FnOnce(AppState) -> Fut,
    Fut: std::future::Future<Output = Result<T, String>>,
{
    let state = state(db).await?;
    let done = f(state.clone()).await;
    state.db.close().await;
    done
}

fn date(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

pub async fn user(command: UserCommand) -> Result<(), String> {
    match command {
        UserCommand::Add(args) => crate::cli::user_add(args).await,
        UserCommand::List(db) => {
            with_state(&db, |state| async move {
                let facility = facility(&state).await?;
                let people = db::people::directory(&state.db, facility)
                    .await
                    .map_err(|e| e.to_string())?;
                println!("id\trole\tstate\tname\tsign-in\tpin");
                for p in people {
                    let status = if p.disabled_at.is_some() {
                        "disabled"
                    } else if p.status == PersonStatus::Discharged {
                        "discharged"
                    } else {
                        "active"
                    };
                    let sign_in = p.email.clone().or(p.login.clone()).unwrap_or_default();
                    let pin = if p.legacy_pin {
                        "short (set before six digits)"
                    } else {
                        ""
                    };
                    println!(
                        "{}\t{}\t{status}\t{}\t{sign_in}\t{pin}",
                        p.id.0,
                        p.role.as_str(),
                        p.display_name
                    );
                }
                Ok(())
            })
            .await
        }
        UserCommand::Disable(args) => with_state(&args.db.clone(), |state| async move {
            let person = person(&state, &args).await?;
            let ended = access::disable(&state, person.id).await.map_err(describe)?;
            println!(
                "{} is disabled; {ended} session(s) ended, API tokens and calendar link revoked",
                person.display_name
            );
            Ok(())
        })
        .await,
        UserCommand::Enable(args) => {
            with_state(&args.db.clone(), |state| async move {
                let person = person(&state, &args).await?;
                access::enable(&state, person.id).await.map_err(describe)?;
                println!("{} is enabled", person.display_name);
                Ok(())
            })
            .await
        }
        UserCommand::ResetPassword(args) => {
            with_state(&args.db.clone(), |state| async move {
                let person = person(&state, &args).await?;
                let temporary = access::reset_password(&state, person.id)
                    .await
                    .map_err(describe)?;
                eprintln!(
                    "temporary password for {} (must be changed at the next sign-in):",
                    person.display_name
                );
                println!("{temporary}");
                Ok(())
            })
            .await
        }
    }
}

pub async fn token(command: TokenCommand) -> Result<(), String> {
    match command {
        TokenCommand::Create(args) => crate::cli::token_create(args).await,
        TokenCommand::List(db) => {
            with_state(&db, |state| async move {
                let facility = facility(&state).await?;
                let tokens = access::tokens(&state, facility).await.map_err(describe)?;
                println!("id\towner\tlabel\tcreated\tlast used\tstate");
                for t in tokens {
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        t.id,
                        t.person_name,
                        t.label,
                        date(t.created_at),
                        t.last_used_at
                            .map(date)
                            .unwrap_or_else(|| "never".to_owned()),
                        if t.revoked_at.is_some() {
                            "revoked"
                        } else {
                            "live"
                        }
                    );
                }
                Ok(())
            })
            .await
        }
        TokenCommand::Revoke(args) => {
            with_state(&args.db.clone(), |state| async move {
                let facility = facility(&state).await?;
                access::revoke_token(&state, facility, args.id)
                    .await
                    .map_err(|e| match e {
                        AppError::NotFound => format!("no live API token has the id {}", args.id),
                        other => describe(other),
                    })?;
                println!("API token {} is revoked", args.id);
                Ok(())
            })
            .await
        }
    }
}

pub async fn session(command: SessionCommand) -> Result<(), String> {
    match command {
        SessionCommand::Revoke(args) => {
            with_state(&args.db.clone(), |state| async move {
                let person = person(&state, &args).await?;
                let ended = access::end_all_sessions(&state, person.id)
                    .await
                    .map_err(describe)?;
                println!(
                    "{} is signed out everywhere ({ended} session(s) ended)",
                    person.display_name
                );
                Ok(())
            })
            .await
        }
    }
}

pub async fn kiosk(command: KioskCommand) -> Result<(), String> {
    match command {
        KioskCommand::List(db) => {
            with_state(&db, |state| async move {
                let facility = facility(&state).await?;
                let kiosks = db::kiosks::list(&state.db, facility)
                    .await
                    .map_err(|e| e.to_string())?;
                println!("id\tname\tstate\tenrolled\tlast PIN sign-in");
                for k in kiosks {
                    let status = if k.locked_at.is_some() {
                        format!("locked after {} wrong PINs", k.failed_pins)
                    } else {
                        "ready".to_owned()
                    };
                    println!(
                        "{}\t{}\t{status}\t{}\t{}",
                        k.id,
                        k.name,
                        date(k.created_at),
                        k.last_seen_at
                            .map(date)
                            .unwrap_or_else(|| "never".to_owned())
                    );
                }
                Ok(())
            })
            .await
        }
        KioskCommand::Revoke(args) => {
            with_state(&args.db.clone(), |state| async move {
                let facility = facility(&state).await?;
                let ended = app::services::kiosk::revoke_tablet(&state, facility, args.id)
                    .await
                    .map_err(|e| no_kiosk(e, args.id))?;
                println!("kiosk {} is revoked ({ended} session(s) ended)", args.id);
                Ok(())
            })
            .await
        }
        KioskCommand::Unlock(args) => {
            with_state(&args.db.clone(), |state| async move {
                let facility = facility(&state).await?;
                app::services::kiosk::unlock_tablet(&state, facility, args.id)
                    .await
                    .map_err(|e| no_kiosk(e, args.id))?;
                println!("kiosk {} is unlocked", args.id);
                Ok(())
            })
            .await
        }
    }
}

fn no_kiosk(error: AppError, id: i64) -> String {
    match error {
        AppError::NotFound => format!("no enrolled kiosk has the id {id}"),
        other => describe(other),
    }
}
