//! Upgrades keep every row: a database made with the first schema Hearth
//! shipped (migration 0001), filled as that version would have filled it,
//! migrated to the current schema by a starting server, still signs its
//! people in, answers their tokens and lists their events.

use app::db::Db;
use app::services::auth::hash_secret;
use chrono::{Duration, Utc};
use tests::{Backend, PASSWORD, TestApp, on_both_backends};

on_both_backends!(a_database_of_the_first_schema_upgrades_with_every_row_intact);

macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:block) => {
        match $db {
            Db::Sqlite($pool) => $body,
            Db::Postgres($pool) => $body,
        }
    };
}

const TABLES: [&str; 5] = ["facilities", "people", "sessions", "api_tokens", "events"];

async fn counts(db: &Db) -> Vec<i64> {
    let mut all = Vec::new();
    for table in TABLES {
        let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
        let n: i64 =
            on_pool!(db, pool => { sqlx::query_scalar(sql).fetch_one(pool).await.unwrap() });
        all.push(n);
    }
    all
}

async fn a_database_of_the_first_schema_upgrades_with_every_row_intact(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let url = match backend {
        Backend::Sqlite => format!("sqlite://{}", dir.path().join("old.db").display()),
        Backend::Postgres => tests::postgres::fresh_database().await,
    };
    let old = Db::connect(&url).await.unwrap();
    match &old {
        Db::Sqlite(pool) => sqlx::migrate!("../migrations/sqlite")
            .run_to(1, pool)
            .await
            .unwrap(),
        Db::Postgres(pool) => sqlx::migrate!("../migrations/postgres")
            .run_to(1, pool)
            .await
            .unwrap(),
    }
    let hashing = app::services::hashing::HashQueue::new(1, 4, std::time::Duration::from_secs(30));
    let password_hash = hashing
        .run(|scratch| scratch.hash(PASSWORD.as_bytes()))
        .await
        .unwrap()
        .unwrap();
    let (session, token) = ("a".repeat(64), "hearth_upgrade_token");
    let now = Utc::now();
    on_pool!(&old, pool => {
        sqlx::query("INSERT INTO facilities (id, slug, name, timezone, created_at) VALUES (1, 'main', 'Old House', 'America/New_York', $1)")
            .bind(now).execute(pool).await.unwrap();
        sqlx::query("INSERT INTO people (id, facility_id, role, display_name, email, password_hash, status, created_at, updated_at) \
                     VALUES (1, 1, 'recreation_staff', 'Olive Old', 'olive@example.org', $1, 'active', $2, $2), \
                            (2, 1, 'client', 'Maria G.', NULL, NULL, 'active', $2, $2)")
            .bind(&password_hash).bind(now).execute(pool).await.unwrap();
        sqlx::query("INSERT INTO sessions (id_hash, person_id, created_at, last_seen_at, expires_at) VALUES ($1, 1, $2, $2, $3)")
            .bind(hash_secret(&session)).bind(now).bind(now + Duration::hours(6)).execute(pool).await.unwrap();
        sqlx::query("INSERT INTO api_tokens (id, person_id, token_hash, label, created_at) VALUES (1, 1, $1, 'old laptop', $2)")
            .bind(hash_secret(token)).bind(now).execute(pool).await.unwrap();
        sqlx::query("INSERT INTO events (id, facility_id, kind, title, timezone, all_day, start_local, end_local, starts_at, ends_at, created_by, created_at, updated_at) \
                     VALUES (1, 1, 'karaoke', 'Karaoke from the old days', 'America/New_York', $1, '2030-01-04T19:00:00', '2030-01-04T21:00:00', $2, $3, 1, $4, $4)")
            .bind(false)
            .bind(chrono::DateTime::parse_from_rfc3339("2030-01-05T00:00:00Z").unwrap().with_timezone(&Utc))
            .bind(chrono::DateTime::parse_from_rfc3339("2030-01-05T02:00:00Z").unwrap().with_timezone(&Utc))
            .bind(now)
            .execute(pool).await.unwrap();
    });
    let before = counts(&old).await;
    assert_eq!(before, vec![1, 2, 1, 1, 1]);
    old.close().await;

    // A current server starts on it: every migration since runs.
    let app = TestApp::spawn_with(backend, |c| c.database_url = url.clone()).await;
    assert_eq!(
        counts(&app.state.db).await,
        before,
        "every row is still there"
    );
    let olive = app::db::people::get(&app.state.db, app::domain::person::PersonId(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(olive.display_name, "Olive Old");
    assert!(olive.disabled_at.is_none() && !olive.must_change_password);
    let live = app::db::sessions::find(&app.state.db, &hash_secret(&session), Utc::now())
        .await
        .unwrap();
    assert!(
        live.is_some(),
        "a session open before the upgrade still works"
    );
    // Its people sign in, their tokens answer, their events show.
    assert_eq!(
        app.sign_in("olive@example.org", PASSWORD).await.status(),
        303
    );
    let events = app
        .api
        .get(app.url("/api/v1/events/1"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(events.status(), 200);
    assert!(
        events
            .text()
            .await
            .unwrap()
            .contains("Karaoke from the old days")
    );
}
