//! Passwords, sessions, API tokens and sign-in rate limiting.

use crate::i18n::m;
use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::db::{self, facilities::Facility};
use crate::domain::person::{Action, Person, PersonStatus, parse_email};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::state::AppState;

/// A session ends after this long without a request.
pub const SESSION_IDLE: Duration = Duration::hours(12);
/// Activity is written back at most this often per session.
const SESSION_TOUCH_AFTER: Duration = Duration::minutes(5);
/// Failed sign-ins are counted over this window…
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);
/// …and sign-in is refused once an account has this many…
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// …or one address this many.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;

/// Who is asking: a signed-in person and their facility.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub person: Person,
    pub facility: Facility,
    /// The session's hash when signed in through the browser; `None` for
    /// API tokens.
    pub session_hash: Option<String>,
    /// Signed in with a PIN on this kiosk: only the kiosk screens, and a
    /// short idle time.
    pub kiosk: Option<i64>,
}

impl Viewer {
    /// `Forbidden` unless the viewer's role allows `action`.
    pub fn require(&self, action: Action) -> Result<(), AppError> {
        if self.person.role.can(action) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// 256 random bits, hex-encoded: session ids, API tokens, CSRF tokens.
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What is stored in place of a secret.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Compares two secrets in time independent of where they differ.
pub fn secrets_equal(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Hashes a password with argon2id (default parameters), off the async
/// threads.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt = SaltString::encode_b64(&salt).map_err(|_| AppError::Internal)?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| {
                tracing::error!(error = %e, "password hashing failed");
                AppError::Internal
            })
    })
    .await
    .map_err(|_| AppError::Internal)?
}

async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash of nothing anyone knows, verified against when the e-mail is
/// unknown so that the answer takes as long as for a real account.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        SaltString::encode_b64(&salt)
            .ok()
            .and_then(|salt| {
                Argon2::default()
                    .hash_password(random_secret().as_bytes(), &salt)
                    .map(|h| h.to_string())
                    .ok()
            })
            .unwrap_or_default()
    })
}

/// Checks e-mail and password, honouring the rate limits, and opens a
/// session. Returns the person and the session secret for the cookie.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    address: &str,
) -> Result<(Person, String), AppError> {
    let mut errors = FieldErrors::new();
    let email = if email.contains('@') {
        parse_email(&mut errors, "email", email)
    } else if email.trim().is_empty() {
        errors.add("email", m::auth_email_required());
        String::new()
    } else {
        email.trim().to_lowercase()
    };
    if password.is_empty() {
        errors.add("password", m::auth_password_required());
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let at = db::now();
    let recent =
        db::sessions::recent_login_failures(&state.db, &email, address, at - FAILURE_WINDOW)
            .await?;
    let limited = [
        (recent.for_email, MAX_FAILURES_PER_ACCOUNT),
        (recent.from_address, MAX_FAILURES_PER_ADDRESS),
    ]
    .into_iter()
    .filter(|((n, _), max)| n >= max)
    .filter_map(|((_, oldest), _)| oldest)
    .map(|oldest| retry_after(oldest, at))
    .max();
    if let Some(retry_after_secs) = limited {
        tracing::warn!(address, "sign-in refused: too many failures");
        return Err(AppError::RateLimited { retry_after_secs });
    }

    let found = db::people::with_credentials(&state.db, &email).await?;
    let (person, hash) = match &found {
        Some((person, Some(hash))) if person.status == PersonStatus::Active => {
            (Some(person), hash.clone())
        }
        _ => (None, decoy_hash().to_owned()),
    };
    let password_ok = verify_password(password.to_owned(), hash).await;
    match person {
        Some(person) if password_ok => {
            db::sessions::clear_login_failures(&state.db, &email).await?;
            let secret = random_secret();
            db::sessions::insert(
                &state.db,
                &hash_secret(&secret),
                person.id,
                at,
                at + SESSION_IDLE,
                None,
            )
            .await?;
            tracing::info!(person_id = %person.id, "signed in");
            Ok((person.clone(), secret))
        }
        _ => {
            db::sessions::record_login_failure(&state.db, &email, address, at).await?;
            tracing::info!(address, "sign-in failed");
            Err(AppError::field("form", m::auth_wrong_credentials()))
        }
    }
}

fn retry_after(oldest: DateTime<Utc>, at: DateTime<Utc>) -> u64 {
    (oldest + FAILURE_WINDOW - at).num_seconds().max(1) as u64
}

pub async fn sign_out(state: &AppState, session_hash: &str) -> Result<(), AppError> {
    db::sessions::delete(&state.db, session_hash).await?;
    Ok(())
}

/// The viewer behind a session cookie's secret, if the session is live.
pub async fn viewer_from_session(
    state: &AppState,
    secret: &str,
) -> Result<Option<Viewer>, AppError> {
    let id_hash = hash_secret(secret);
    let at = db::now();
    let Some(record) = db::sessions::find(&state.db, &id_hash, at).await? else {
        return Ok(None);
    };
    let Some(mut viewer) = viewer_for(state, record.person, Some(id_hash.clone())).await? else {
        return Ok(None);
    };
    viewer.kiosk = record.kiosk_device;
    if viewer.kiosk.is_some() {
        // A kiosk session lives only as long as someone keeps using it.
        let idle = Duration::seconds(viewer.facility.kiosk_idle_seconds);
        db::sessions::touch(&state.db, &id_hash, at, at + idle).await?;
    } else if at - record.last_seen_at > SESSION_TOUCH_AFTER {
        db::sessions::touch(&state.db, &id_hash, at, at + SESSION_IDLE).await?;
    }
    Ok(Some(viewer))
}

/// The viewer behind an API token, if it is valid.
pub async fn viewer_from_token(state: &AppState, token: &str) -> Result<Option<Viewer>, AppError> {
    let Some(person) = db::tokens::authenticate(&state.db, &hash_secret(token), db::now()).await?
    else {
        return Ok(None);
    };
    viewer_for(state, person, None).await
}

async fn viewer_for(
    state: &AppState,
    person: Person,
    session_hash: Option<String>,
) -> Result<Option<Viewer>, AppError> {
    let Some(facility) = db::facilities::get(&state.db, person.facility_id).await? else {
        return Ok(None);
    };
    Ok(Some(Viewer {
        person,
        facility,
        session_hash,
        kiosk: None,
    }))
}

/// Opens a kiosk session for a client on an enrolled kiosk, checking the
/// PIN (rate-limited like passwords, per client and per device). Returns the
/// session secret.
pub async fn kiosk_sign_in(
    state: &AppState,
    kiosk: &db::kiosks::Kiosk,
    person: crate::domain::person::PersonId,
    pin: &str,
) -> Result<String, AppError> {
    let at = db::now();
    let account = format!("pin:{}", person.0);
    let device = format!("kiosk:{}", kiosk.id);
    let recent =
        db::sessions::recent_login_failures(&state.db, &account, &device, at - FAILURE_WINDOW)
            .await?;
    let limited = [
        (recent.for_email, MAX_FAILURES_PER_ACCOUNT),
        (recent.from_address, MAX_FAILURES_PER_ADDRESS),
    ]
    .into_iter()
    .filter(|((n, _), max)| n >= max)
    .filter_map(|((_, oldest), _)| oldest)
    .map(|oldest| retry_after(oldest, at))
    .max();
    if let Some(retry_after_secs) = limited {
        return Err(AppError::RateLimited { retry_after_secs });
    }
    let client = db::people::get(&state.db, person)
        .await?
        .filter(|p| p.facility_id == kiosk.facility_id && p.status == PersonStatus::Active);
    let hash = match &client {
        Some(client) => db::people::pin_hash(&state.db, client.id).await?,
        None => None,
    };
    let ok = match hash {
        Some(hash) => verify_password(pin.to_owned(), hash).await,
        None => {
            verify_password(pin.to_owned(), decoy_hash().to_owned()).await;
            false
        }
    };
    let Some(client) = client.filter(|_| ok) else {
        db::sessions::record_login_failure(&state.db, &account, &device, at).await?;
        return Err(AppError::field("pin", m::auth_wrong_pin()));
    };
    db::sessions::clear_login_failures(&state.db, &account).await?;
    let facility = db::facilities::get(&state.db, kiosk.facility_id)
        .await?
        .ok_or(AppError::Internal)?;
    let secret = random_secret();
    let idle = Duration::seconds(facility.kiosk_idle_seconds);
    db::sessions::insert(
        &state.db,
        &hash_secret(&secret),
        client.id,
        at,
        at + idle,
        Some(kiosk.id),
    )
    .await?;
    tracing::info!(person_id = %client.id, kiosk_id = kiosk.id, "kiosk sign-in");
    Ok(secret)
}

/// Prefix of every API token, so that secret scanners recognise a leaked one.
pub const TOKEN_PREFIX: &str = "hearth_";

/// Creates a personal API token for the person with `email`; the token is
/// returned once and only its hash is kept.
pub async fn create_token(state: &AppState, email: &str, label: &str) -> Result<String, AppError> {
    let mut errors = FieldErrors::new();
    let email = parse_email(&mut errors, "email", email);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let person = db::people::by_email(&state.db, &email)
        .await?
        .ok_or_else(|| AppError::field("email", m::auth_no_such_email(&email)))?;
    create_token_for(state, &person, label).await
}

/// Creates a personal API token for `person` (returned once).
pub async fn create_token_for(
    state: &AppState,
    person: &Person,
    label: &str,
) -> Result<String, AppError> {
    if !person.role.can(Action::UseApi) || person.status != PersonStatus::Active {
        return Err(AppError::Forbidden);
    }
    let token = format!("{TOKEN_PREFIX}{}", random_secret());
    db::tokens::insert(&state.db, person.id, &hash_secret(&token), label, db::now()).await?;
    tracing::info!(person_id = %person.id, "API token created");
    Ok(token)
}

/// Deletes expired sessions and old sign-in failures.
pub async fn sweep(state: &AppState) -> Result<(), AppError> {
    let at = db::now();
    db::sessions::delete_expired(&state.db, at).await?;
    db::sessions::delete_login_failures_before(&state.db, at - FAILURE_WINDOW).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_256_bits_and_distinct() {
        let a = random_secret();
        assert_eq!(a.len(), 64);
        assert_ne!(a, random_secret());
        assert_eq!(hash_secret(&a).len(), 64);
        assert_ne!(hash_secret(&a), a);
    }

    #[test]
    fn secrets_compare_by_value() {
        assert!(secrets_equal("abc", "abc"));
        assert!(!secrets_equal("abc", "abd"));
        assert!(!secrets_equal("abc", "abcd"));
    }

    #[tokio::test]
    async fn passwords_verify_only_against_their_own_hash() {
        let hash = hash_password("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery".into(), hash.clone()).await);
        assert!(!verify_password("wrong horse battery".into(), hash).await);
        assert!(!verify_password("anything".into(), decoy_hash().to_owned()).await);
    }
}
