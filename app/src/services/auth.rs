//! Passwords, sessions, API tokens and sign-in rate limiting.

use crate::i18n::m;

use chrono::Duration;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::db::{self, facilities::Facility};
use crate::domain::person::{Action, Person, PersonStatus, parse_email};
use crate::domain::throttle::{Decision, Policy};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::state::AppState;

/// A session ends after this long without a request.
pub const SESSION_IDLE: Duration = Duration::hours(12);
/// A session ends this long after sign-in, however busy it is.
pub const SESSION_MAX: Duration = Duration::days(7);
/// A kiosk session ends this long after the PIN, however busy it is (its
/// idle time is the facility's setting).
pub const KIOSK_SESSION_MAX: Duration = Duration::minutes(15);
/// Wrong PINs in a row after which a kiosk tablet locks until staff unlock
/// it.
pub const KIOSK_LOCK_AFTER: i64 = 10;
/// The window in which [`KIOSK_LOCK_AFTER`] wrong PINs lock a tablet. A
/// right PIN in between does not start the count over (or a client who
/// knows their own PIN could guess others' without end).
pub const KIOSK_PIN_WINDOW: Duration = Duration::hours(12);
/// When a locked tablet is told to look again (`Retry-After`); it stays
/// locked until staff unlock it.
const KIOSK_LOCKED_RETRY_SECS: u64 = 300;

fn kiosk_locked() -> AppError {
    AppError::Locked {
        message: m::kiosk_locked(),
        retry_after_secs: KIOSK_LOCKED_RETRY_SECS,
    }
}
/// Activity is written back at most this often per session.
const SESSION_TOUCH_AFTER: Duration = Duration::minutes(5);

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
    /// When the session ends if nobody touches it (browser sessions only).
    pub session_expires_at: Option<chrono::DateTime<chrono::Utc>>,
    /// A language chosen for this session only (the language switch).
    pub session_lang: Option<crate::i18n::Lang>,
    /// While a page renders: the rows it has read (see `page_reads`).
    pub reads: Option<std::sync::Arc<super::page_reads::PageReads>>,
}

/// Where a sign-in comes from.
#[derive(Debug, Clone, Default)]
pub struct SignInFrom {
    /// The client's address (for the address budget).
    pub address: String,
    /// The browser's `User-Agent`, so its owner can tell sessions apart.
    pub user_agent: String,
    /// The session this browser had (it ends: a sign-in always starts a
    /// fresh session).
    pub replaces: Option<String>,
    /// A language chosen with the language switch before signing in: the
    /// new session keeps it (and only that session).
    pub lang: Option<crate::i18n::Lang>,
    /// The browser's device cookie: set when someone signed in from it
    /// with their password before.
    pub device: Option<String>,
}

/// How long a browser's device cookie lasts without a sign-in from it.
pub const DEVICE_FORGET_AFTER: Duration = Duration::days(180);

/// A password sign-in that succeeded.
#[derive(Debug)]
pub struct SignedIn {
    pub person: Person,
    /// The new session's secret (the session cookie).
    pub session: String,
    /// The browser's device cookie (new, or the one it had).
    pub device: String,
}

/// Whether a request is a person's doing or a page polling by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activity {
    /// A person asked (a page, a form, a tap): the idle time starts over.
    Person,
    /// A page refreshing itself (RSVP counts, the karaoke queue): the
    /// session is read but not kept alive.
    Background,
}

impl Viewer {
    /// The language this person reads Hearth in, when anything but the
    /// browser decides: the session's choice, then their own.
    pub fn chosen_lang(&self) -> Option<crate::i18n::Lang> {
        self.session_lang.or(self.person.lang)
    }

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

/// Hashes a password (or PIN) with argon2id (default parameters), in the
/// bounded hashing queue.
pub async fn hash_password(state: &AppState, password: String) -> Result<String, AppError> {
    state
        .hashing
        .run(move |scratch| scratch.hash(password.as_bytes()))
        .await?
}

/// Checks a password (or PIN) against its hash, in the bounded hashing
/// queue.
pub(crate) async fn verify_password(
    state: &AppState,
    password: String,
    hash: String,
) -> Result<bool, AppError> {
    state
        .hashing
        .run(move |scratch| scratch.verify(password.as_bytes(), &hash))
        .await
}

/// Counts an attempt against each budget in turn (before any password is
/// checked); the first that refuses answers `RateLimited`.
async fn count_attempt(state: &AppState, budgets: &[(String, &Policy)]) -> Result<(), AppError> {
    let at = db::now();
    for (key, policy) in budgets {
        if let Decision::Refused { retry_after_secs } =
            db::throttle::attempt(&state.db, key, policy, at).await?
        {
            return Err(AppError::RateLimited { retry_after_secs });
        }
    }
    Ok(())
}

/// An argon2id hash (Hearth's parameters) of nothing anyone knows — random
/// salt and output — checked against when the name is unknown, so that
/// the answer takes as long as for a real account.
fn decoy_hash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c8tB3FZZfjRLDKYTn8WCjw$cwxugIQSIuBrXioul5Nl1STwA5aVuoRm/w/muiHSNSc"
}

/// Checks e-mail and password, honouring the rate limits, and opens a
/// session.
///
/// Budgets: an attempt counts on the client address's budget and on the
/// account's, except from a browser the account's owner signed in from
/// before with their password (its device cookie, OWASP's "device
/// cookies"): that attempt counts on the browser's own budget only. So a
/// person guessing a staff member's password from elsewhere, however slowly
/// and for however long, makes the account wait everywhere but on its
/// owner's own browsers.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    from: &SignInFrom,
) -> Result<SignedIn, AppError> {
    let address = from.address.as_str();
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
    let found = db::people::with_credentials(&state.db, &email).await?;
    // The account's budget is the account's, whichever of its names was
    // typed; a name that is no account has one of its own (so the answers
    // do not tell which names are accounts).
    let account = match &found {
        Some((person, _)) => format!("person:{}", person.id),
        None => format!("name:{}", hash_secret(&email)),
    };
    let address_key = format!("address:{address}");
    let known_device = match (&from.device, &found) {
        (Some(device), Some((person, _))) => {
            let hash = hash_secret(device);
            let owner =
                db::devices::owner(&state.db, &hash, db::now() - DEVICE_FORGET_AFTER).await?;
            (owner == Some(person.id)).then(|| format!("device:{hash}"))
        }
        _ => None,
    };
    let budgets = match &known_device {
        Some(device_key) => vec![(device_key.clone(), &state.settings.throttle.account)],
        None => vec![
            (address_key.clone(), &state.settings.throttle.address),
            (account.clone(), &state.settings.throttle.account),
        ],
    };
    if let Err(refused) = count_attempt(state, &budgets).await {
        tracing::warn!(address, "sign-in refused: too many attempts");
        return Err(refused);
    }
    let (person, hash) = match &found {
        Some((person, Some(hash))) if person.status == PersonStatus::Active => {
            (Some(person), hash.clone())
        }
        _ => (None, decoy_hash().to_owned()),
    };
    let password_ok = verify_password(state, password.to_owned(), hash).await?;
    let at = db::now();
    match person {
        Some(person) if password_ok => {
            match &known_device {
                Some(device_key) => db::throttle::clear(&state.db, device_key).await?,
                None => {
                    db::throttle::clear(&state.db, &account).await?;
                    db::throttle::give_back(
                        &state.db,
                        &address_key,
                        &state.settings.throttle.address,
                    )
                    .await?;
                }
            }
            if person.disabled_at.is_some() {
                tracing::info!(person_id = %person.id, "sign-in refused: account disabled");
                return Err(AppError::field("form", m::auth_account_disabled()));
            }
            let session = open_session(
                state,
                person.id,
                from,
                at,
                at + SESSION_IDLE,
                at + SESSION_MAX,
                None,
            )
            .await?;
            let device = match (&known_device, &from.device) {
                (Some(_), Some(device)) => device.clone(),
                _ => random_secret(),
            };
            db::devices::add(&state.db, &hash_secret(&device), person.id, at).await?;
            tracing::info!(person_id = %person.id, "signed in");
            Ok(SignedIn {
                person: person.clone(),
                session,
                device,
            })
        }
        _ => {
            tracing::info!(address, "sign-in failed");
            Err(AppError::field("form", m::auth_wrong_credentials()))
        }
    }
}

/// Ends the session this browser had (if any) and opens a new one.
/// Returns the new session's secret.
async fn open_session(
    state: &AppState,
    person: crate::domain::person::PersonId,
    from: &SignInFrom,
    at: chrono::DateTime<chrono::Utc>,
    expires_at: chrono::DateTime<chrono::Utc>,
    ends_at: chrono::DateTime<chrono::Utc>,
    kiosk_device: Option<i64>,
) -> Result<String, AppError> {
    if let Some(previous) = &from.replaces {
        db::sessions::delete(&state.db, previous).await?;
    }
    let secret = random_secret();
    let user_agent: String = from.user_agent.chars().take(200).collect();
    db::sessions::insert(
        &state.db,
        &db::sessions::NewSession {
            id_hash: &hash_secret(&secret),
            person,
            at,
            expires_at,
            ends_at,
            kiosk_device,
            user_agent: &user_agent,
            lang: from.lang,
        },
    )
    .await?;
    Ok(secret)
}

pub async fn sign_out(state: &AppState, session_hash: &str) -> Result<(), AppError> {
    db::sessions::delete(&state.db, session_hash).await?;
    Ok(())
}

/// The viewer behind a session cookie's secret, if the session is live.
///
/// A person's request keeps the session alive (a kiosk session for the
/// facility's idle time, never past its end); a page polling by itself
/// does not keep a kiosk session alive.
pub async fn viewer_from_session(
    state: &AppState,
    secret: &str,
    activity: Activity,
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
    viewer.session_lang = record.lang;
    let mut expires_at = record.expires_at;
    if viewer.kiosk.is_some() {
        // A kiosk session lives only as long as someone keeps using it.
        if activity == Activity::Person {
            let idle = Duration::seconds(viewer.facility.kiosk_idle_seconds);
            db::sessions::touch(&state.db, &id_hash, at, at + idle).await?;
            expires_at = at + idle;
        }
    } else if at - record.last_seen_at > SESSION_TOUCH_AFTER {
        db::sessions::touch(&state.db, &id_hash, at, at + SESSION_IDLE).await?;
        expires_at = at + SESSION_IDLE;
    }
    viewer.session_expires_at = Some(expires_at.min(record.ends_at));
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
    let clock = state.clock.read(&state.db).await?;
    let facility = state
        .facilities
        .get_or_load(person.facility_id, clock, async || {
            db::facilities::get(&state.db, person.facility_id).await
        })
        .await?;
    let Some(facility) = (*facility).clone() else {
        return Ok(None);
    };
    Ok(Some(Viewer {
        person,
        facility,
        session_hash,
        kiosk: None,
        session_expires_at: None,
        session_lang: None,
        reads: None,
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
    from: &SignInFrom,
) -> Result<String, AppError> {
    if kiosk.locked_at.is_some() {
        return Err(kiosk_locked());
    }
    let account = format!("pin:{}", person.0);
    let kiosk_key = format!("kiosk:{}", kiosk.id);
    count_attempt(
        state,
        &[
            (kiosk_key.clone(), &state.settings.throttle.address),
            (account.clone(), &state.settings.throttle.account),
        ],
    )
    .await?;
    let client = db::people::get(&state.db, person)
        .await?
        .filter(|p| p.facility_id == kiosk.facility_id && p.may_sign_in());
    let hash = match &client {
        Some(client) => db::people::pin_hash(&state.db, client.id).await?,
        None => None,
    };
    let ok = match hash {
        Some(hash) => verify_password(state, pin.to_owned(), hash).await?,
        None => {
            verify_password(state, pin.to_owned(), decoy_hash().to_owned()).await?;
            false
        }
    };
    let at = db::now();
    let Some(client) = client.filter(|_| ok) else {
        // Counted across processes in the database; the tablet locks at
        // the limit and every session opened on it ends.
        if db::kiosks::record_wrong_pin(&state.db, kiosk.id, KIOSK_LOCK_AFTER, KIOSK_PIN_WINDOW, at)
            .await?
        {
            db::sessions::delete_for_kiosk(&state.db, kiosk.id).await?;
            tracing::warn!(
                kiosk_id = kiosk.id,
                "kiosk locked after too many wrong PINs"
            );
            return Err(kiosk_locked());
        }
        return Err(AppError::field("pin", m::auth_wrong_pin()));
    };
    db::throttle::clear(&state.db, &account).await?;
    db::throttle::give_back(&state.db, &kiosk_key, &state.settings.throttle.address).await?;
    db::kiosks::record_sign_in(&state.db, kiosk.id, at).await?;
    let facility = db::facilities::get(&state.db, kiosk.facility_id)
        .await?
        .ok_or(AppError::Internal)?;
    let idle = Duration::seconds(facility.kiosk_idle_seconds);
    let secret = open_session(
        state,
        client.id,
        from,
        at,
        at + idle,
        at + KIOSK_SESSION_MAX,
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

/// Deletes expired sessions and sign-in budgets left alone for a day, and
/// forgets secrets kept to be shown again once their time is past.
pub async fn sweep(state: &AppState) -> Result<(), AppError> {
    let at = db::now();
    db::sessions::delete_expired(&state.db, at).await?;
    db::sessions::forget_reveals(&state.db, at).await?;
    db::devices::sweep(&state.db, at - DEVICE_FORGET_AFTER).await?;
    let forget = state
        .settings
        .throttle
        .account
        .forget_after
        .max(state.settings.throttle.address.forget_after);
    db::throttle::sweep(&state.db, at - forget).await?;
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
    async fn the_decoy_hash_is_checked_like_a_real_one_and_matches_nothing() {
        let queue =
            crate::services::hashing::HashQueue::new(1, 4, std::time::Duration::from_secs(10));
        for guess in ["", "password", "hearth-demo-password"] {
            let checked = queue
                .run(move |s| s.verify(guess.as_bytes(), decoy_hash()))
                .await
                .unwrap();
            assert!(!checked, "{guess:?}");
        }
        assert!(argon2::password_hash::PasswordHash::new(decoy_hash()).is_ok());
    }
}
