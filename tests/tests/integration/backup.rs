//! Backups that restore: a copy taken while writes go on holds every write
//! acknowledged before it; a copy is checked before it is trusted; a
//! restore never overwrites a database; rotating copies keep the newest.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{Duration, SecondsFormat, Utc};
use tests::{Backend, TestApp, on_both_backends};

use crate::cli::{database_url, hearth, run};

on_both_backends!(
    a_backup_taken_under_load_restores_every_write_acknowledged_before_it,
    rotating_backups_keep_the_newest,
    the_cli_backs_up_verifies_and_restores,
);

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim().to_owned()
}

async fn a_backup_taken_under_load_restores_every_write_acknowledged_before_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    if backend == Backend::Postgres {
        let refused = server::backup::write(&app.state.db, &copy)
            .await
            .unwrap_err();
        assert!(refused.contains("pg_dump"), "{refused}");
        return;
    }
    let staff = Arc::new(app.staff_token().await);
    let acked = Arc::new(std::sync::Mutex::new(Vec::<i64>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (api, url) = (app.api.clone(), app.url("/api/v1/events"));
            let (staff, acked, stop) = (staff.clone(), acked.clone(), stop.clone());
            tokio::spawn(async move {
                let mut n = 0;
                while !stop.load(Ordering::SeqCst) {
                    n += 1;
                    let start = (Utc::now() + Duration::days(3)).to_rfc3339_opts(SecondsFormat::Secs, true);
                    let end = (Utc::now() + Duration::days(3) + Duration::hours(1))
                        .to_rfc3339_opts(SecondsFormat::Secs, true);
                    let answer = api
                        .post(&url)
                        .bearer_auth(staff.as_str())
                        .json(&serde_json::json!({"kind": "recreation", "title": format!("Write {w}-{n}"),
                                                  "start": start, "end": end}))
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(answer.status(), 201);
                    let id = answer.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
                    acked.lock().unwrap().push(id);
                }
            })
        })
        .collect();
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let before: Vec<i64> = acked.lock().unwrap().clone();
    server::backup::write(&app.state.db, &copy).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    stop.store(true, Ordering::SeqCst);
    for writer in writers {
        writer.await.unwrap();
    }
    let total = acked.lock().unwrap().len();
    assert!(before.len() > 10, "writes were going on: {}", before.len());
    assert!(
        total > before.len(),
        "and went on during and after the copy"
    );
    assert!(
        !dir.path().join(".copy.db.partial").exists(),
        "no half file left"
    );

    let checked = server::backup::verify(&copy).await.unwrap();
    assert_eq!(checked.schema_version, checked.current_version);
    let restored = dir.path().join("restored").join("hearth.db");
    server::backup::restore(&copy, &restored).await.unwrap();
    let db = app::db::Db::connect(&format!("sqlite://{}", restored.display()))
        .await
        .unwrap();
    let app::db::Db::Sqlite(pool) = &db else {
        unreachable!()
    };
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM events")
        .fetch_all(pool)
        .await
        .unwrap();
    db.close().await;
    let missing: Vec<_> = before.iter().filter(|id| !ids.contains(id)).collect();
    assert!(
        missing.is_empty(),
        "acknowledged before the backup but not in it: {missing:?}"
    );
    // A restore never overwrites.
    let again = server::backup::restore(&copy, &restored).await.unwrap_err();
    assert!(again.contains("already exists"), "{again}");
}

async fn rotating_backups_keep_the_newest(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    if backend == Backend::Postgres {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut written = Vec::new();
    for _ in 0..3 {
        written.push(
            server::backup::rotate(&app.state.db, dir.path(), 2)
                .await
                .unwrap(),
        );
        // Names carry the second.
        tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    }
    let mut left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    left.sort();
    assert_eq!(left, written[1..].to_vec(), "the two newest stay");
    for copy in &left {
        server::backup::verify(copy).await.unwrap();
    }
}

async fn the_cli_backs_up_verifies_and_restores(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(backend, dir.path()).await;
    let migrate = run(
        {
            let mut c = hearth();
            c.args(["migrate", "--database-url", &url]);
            c
        },
        "",
    );
    assert!(migrate.status.success(), "{}", text(&migrate.stderr));
    let copy = dir.path().join("nightly.db");
    let copy_arg = copy.display().to_string();
    let backed_up = run(
        {
            let mut c = hearth();
            c.args(["backup", "--to", &copy_arg, "--database-url", &url]);
            c
        },
        "",
    );
    if backend == Backend::Postgres {
        assert!(!backed_up.status.success());
        assert!(
            text(&backed_up.stderr).contains("pg_dump"),
            "{}",
            text(&backed_up.stderr)
        );
        return;
    }
    assert!(backed_up.status.success(), "{}", text(&backed_up.stderr));
    // A mistyped data directory is refused, not backed up as a new, empty
    // database (and nothing is created there).
    let typo = dir.path().join("no-such-dir");
    let refused = run(
        {
            let mut c = hearth();
            c.args([
                "backup",
                "--to",
                &dir.path().join("typo.db").display().to_string(),
                "--data-dir",
                &typo.display().to_string(),
            ]);
            c
        },
        "",
    );
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("no such database"),
        "{}",
        text(&refused.stderr)
    );
    assert!(!typo.exists() && !dir.path().join("typo.db").exists());
    let verified = run(
        {
            let mut c = hearth();
            c.args(["backup", "--verify", &copy_arg]);
            c
        },
        "",
    );
    assert!(verified.status.success(), "{}", text(&verified.stderr));
    assert!(
        text(&verified.stdout).contains(": ok"),
        "{}",
        text(&verified.stdout)
    );

    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"not a database at all").unwrap();
    let refused = run(
        {
            let mut c = hearth();
            c.args(["backup", "--verify", &garbage.display().to_string()]);
            c
        },
        "",
    );
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).starts_with("hearth: "),
        "{}",
        text(&refused.stderr)
    );

    let fresh = dir.path().join("fresh");
    let restored = run(
        {
            let mut c = hearth();
            c.args([
                "restore",
                "--from",
                &copy_arg,
                "--data-dir",
                &fresh.display().to_string(),
            ]);
            c
        },
        "",
    );
    assert!(restored.status.success(), "{}", text(&restored.stderr));
    assert!(fresh.join("hearth.db").is_file());
    let over = run(
        {
            let mut c = hearth();
            c.args([
                "restore",
                "--from",
                &copy_arg,
                "--data-dir",
                &fresh.display().to_string(),
            ]);
            c
        },
        "",
    );
    assert!(!over.status.success(), "never over an existing database");
    assert!(
        text(&over.stderr).contains("already exists"),
        "{}",
        text(&over.stderr)
    );
}
