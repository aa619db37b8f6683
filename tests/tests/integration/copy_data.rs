//! Moving a facility from SQLite to PostgreSQL: a facility filled through
//! the API with every kind of data is copied by `hearth copy-data`, and both
//! databases then answer every API request and every feed byte for byte.

use chrono::{Duration, SecondsFormat, Utc};
use serde_json::{Value, json};
use tests::send_json as send;
use tests::{Backend, TestApp, csrf_from_html, first_key};

use crate::cli::{hearth, run};

fn at(hours: i64) -> String {
    (Utc::now() + Duration::hours(hours)).to_rfc3339_opts(SecondsFormat::Secs, true)
}

async fn created(app: &TestApp, token: &str, path: &str, body: Value) -> Value {
    let (status, answer) = send(app, token, reqwest::Method::POST, path, body).await;
    assert!(
        matches!(status, 200 | 201 | 204),
        "{path}: {status} {answer}"
    );
    answer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_facility_copied_to_postgres_answers_byte_for_byte_as_before() {
    // One public address for both (it is in every feed's links).
    let site = "http://hearth.facility.test";
    let source = TestApp::spawn_with(Backend::Sqlite, |c| c.site_url = Some(site.to_owned())).await;
    let staff = source.staff_token().await;
    let (client, client_token) = source.client_with_token("Cora Q.").await;
    let (other, other_token) = source.client_with_token("Dov Q.").await;

    // Every kind of event, a series with a skipped and a changed date.
    let series = created(
        &source,
        &staff,
        "/api/v1/events",
        json!({"kind": "karaoke", "title": "Friday karaoke",
        "start": at(30), "end": at(32), "rrule": "FREQ=WEEKLY;COUNT=6", "capacity": 12}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let (_, occurrences) = send(
        &source,
        &staff,
        reqwest::Method::GET,
        &format!("/api/v1/occurrences?from={}&to={}", at(-1), at(24 * 60)),
        Value::Null,
    )
    .await;
    let keys: Vec<String> = occurrences["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["event_id"] == series)
        .map(|o| o["key"].as_str().unwrap().to_owned())
        .collect();
    assert!(keys.len() >= 3);
    let (status, _) = send(
        &source,
        &staff,
        reqwest::Method::PATCH,
        &format!("/api/v1/events/{series}/occurrences/{}", keys[1]),
        json!({"status": "skipped"}),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = send(
        &source,
        &staff,
        reqwest::Method::PATCH,
        &format!("/api/v1/events/{series}/occurrences/{}", keys[2]),
        json!({"title": "Karaoke: duets night"}),
    )
    .await;
    assert_eq!(status, 200);
    let potluck = created(
        &source,
        &staff,
        "/api/v1/events",
        json!({"kind": "potluck", "title": "Harvest potluck", "start": at(50), "end": at(53)}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let outing = created(
        &source,
        &staff,
        "/api/v1/events",
        json!({"kind": "outing", "title": "Lake trip", "venue": "off_site", "location": "Lake Park",
        "start": at(74), "end": at(78), "capacity": 1}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let meeting = created(
        &source,
        &staff,
        "/api/v1/events",
        json!({"kind": "twelve_step", "title": "Evening NA", "fellowship": "na",
        "start": at(26), "end": at(27)}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    created(
        &source,
        &staff,
        "/api/v1/events",
        json!({"kind": "holiday", "title": "New Year's Day", "all_day": true,
        "start_date": "2027-01-01", "end_date": "2027-01-01"}),
    )
    .await;

    // RSVPs (one going, one waitlisted), a dish, a song, the van, check-in.
    let karaoke_key = keys[0].clone();
    for (person, token) in [(client, &client_token), (other, &other_token)] {
        for (id, key) in [
            (series, karaoke_key.clone()),
            (outing, first_key(&source, &staff, outing).await),
            (potluck, first_key(&source, &staff, potluck).await),
        ] {
            let (status, body) = send(
                &source,
                token,
                reqwest::Method::PUT,
                &format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{person}"),
                json!({"response": "going"}),
            )
            .await;
            assert_eq!(status, 200, "{body}");
        }
    }
    let potluck_key = first_key(&source, &staff, potluck).await;
    let slot = created(
        &source,
        &staff,
        &format!("/api/v1/events/{potluck}/occurrences/{potluck_key}/slots"),
        json!({"category": "main", "quantity": 2, "notes": "Feeds eight"}),
    )
    .await;
    created(
        &source,
        &client_token,
        &format!(
            "/api/v1/events/{potluck}/occurrences/{potluck_key}/slots/{}/claims",
            slot["id"]
        ),
        json!({"dish": "Three-bean chili", "allergens": ["vegetarian"]}),
    )
    .await;
    created(
        &source,
        &client_token,
        &format!("/api/v1/events/{series}/occurrences/{karaoke_key}/songs"),
        json!({"title": "Dancing Queen", "artist": "ABBA"}),
    )
    .await;
    let (status, body) = send(
        &source,
        &staff,
        reqwest::Method::PUT,
        &format!("/api/v1/events/{outing}/transport"),
        json!({"van_seats": 6, "pickup_point": "Front porch"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    // Attendance is taken on the day: a game night an hour from now.
    let games = created(
        &source,
        &staff,
        "/api/v1/events",
        json!({"kind": "recreation", "title": "Game night", "start": at(1), "end": at(2)}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let games_key = first_key(&source, &staff, games).await;
    created(
        &source,
        &staff,
        &format!("/api/v1/events/{games}/occurrences/{games_key}/attendance"),
        json!({"person_id": client, "code": "attended"}),
    )
    .await;

    // A personal calendar link, made the way a client makes it.
    let (email, _) = source.add_client_with_email_and_login("Eve Q.").await;
    let browser = source.browser_for();
    source.sign_in_with(&browser, &email, tests::PASSWORD).await;
    let page = browser
        .get(source.url("/me/calendar"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_from_html(&page).unwrap();
    let me: Value = browser
        .get(source.url("/api/v1/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap_or(Value::Null);
    let eve = match me["id"].as_i64() {
        Some(id) => id,
        None => {
            app::db::people::by_email(&source.state.db, &email)
                .await
                .unwrap()
                .unwrap()
                .id
                .0
        }
    };
    browser
        .post(source.url("/fn/new_feed_link"))
        .header("accept", "text/html")
        .header("referer", source.url("/me/calendar"))
        .form(&[("csrf_token", csrf.as_str()), ("person", &eve.to_string())])
        .send()
        .await
        .unwrap();
    let page = browser
        .get(source.url("/me/calendar"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let start = page.find("/feeds/").expect("the link");
    let personal = format!(
        "{}.ics",
        &page[start..start + page[start..].find(".ics").unwrap()]
    );
    for (id, key) in [(series, karaoke_key.clone())] {
        let (status, _) = send(
            &source,
            &staff,
            reqwest::Method::PUT,
            &format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{eve}"),
            json!({"response": "going"}),
        )
        .await;
        assert_eq!(status, 200);
    }

    // What both must answer alike.
    let paths: Vec<String> = vec![
        "/api/v1/events".into(),
        "/api/v1/people".into(),
        format!("/api/v1/occurrences?from={}&to={}", at(-1), at(24 * 60)),
        format!("/api/v1/events/{series}"),
        format!("/api/v1/events/{series}/occurrences/{karaoke_key}/rsvps"),
        format!("/api/v1/events/{series}/occurrences/{karaoke_key}/songs"),
        format!("/api/v1/events/{potluck}/occurrences/{potluck_key}/slots"),
        format!("/api/v1/events/{outing}/transport"),
        format!("/api/v1/events/{meeting}"),
    ];
    let feeds: Vec<String> = vec![
        "/calendar.ics".into(),
        "/calendar/karaoke.ics".into(),
        format!("/events/{series}.ics"),
        personal.clone(),
    ];
    let mut before = Vec::new();
    for path in &paths {
        before.push(send(&source, &staff, reqwest::Method::GET, path, Value::Null).await);
    }
    let mut feeds_before = Vec::new();
    for path in &feeds {
        let answer = source.api.get(source.url(path)).send().await.unwrap();
        let etag = answer
            .headers()
            .get("etag")
            .map(|v| v.to_str().unwrap().to_owned());
        feeds_before.push((
            answer.status().as_u16(),
            etag,
            answer.bytes().await.unwrap(),
        ));
    }

    // The copy.
    let from = match &source.state.db {
        app::db::Db::Sqlite(pool) => {
            let file: String =
                sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
                    .fetch_one(pool)
                    .await
                    .unwrap();
            format!("sqlite://{file}")
        }
        app::db::Db::Postgres(_) => unreachable!(),
    };
    let to = tests::postgres::fresh_database().await;
    let copied = run(
        {
            let mut c = hearth();
            c.args(["copy-data", "--from", &from, "--to", &to]);
            c
        },
        "",
    );
    let out = String::from_utf8_lossy(&copied.stdout).into_owned();
    assert!(
        copied.status.success(),
        "{}",
        String::from_utf8_lossy(&copied.stderr)
    );
    for table in [
        "events",
        "rsvps",
        "signup_claims",
        "karaoke_songs",
        "feed_tokens",
        "attendance",
    ] {
        let line = out
            .lines()
            .find(|l| l.starts_with(table))
            .unwrap_or_else(|| panic!("no count for {table}: {out}"));
        let rows: u64 = line.split_whitespace().last().unwrap().parse().unwrap();
        assert!(rows > 0, "{line}");
    }
    // A second copy into the same database is refused: it is not empty.
    let again = run(
        {
            let mut c = hearth();
            c.args(["copy-data", "--from", &from, "--to", &to]);
            c
        },
        "",
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
    // A database holding someone else's tables is refused before anything
    // is written to it (not even Hearth's migrations).
    let other = tests::postgres::fresh_database().await;
    let mut connection = <sqlx::PgConnection as sqlx::Connection>::connect(&other)
        .await
        .unwrap();
    sqlx::query("CREATE TABLE payroll (id BIGINT PRIMARY KEY)")
        .execute(&mut connection)
        .await
        .unwrap();
    let refused = run(
        {
            let mut c = hearth();
            c.args(["copy-data", "--from", &from, "--to", &other]);
            c
        },
        "",
    );
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("not Hearth's"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()",
    )
    .fetch_all(&mut connection)
    .await
    .unwrap();
    assert_eq!(tables, ["payroll"], "left as it was");

    let target = TestApp::spawn_with(Backend::Postgres, |c| {
        c.database_url = to.clone();
        c.site_url = Some(site.to_owned());
    })
    .await;
    for (path, expected) in paths.iter().zip(&before) {
        let answer = send(&target, &staff, reqwest::Method::GET, path, Value::Null).await;
        assert_eq!(&answer, expected, "{path}");
    }
    for (path, (status, etag, body)) in feeds.iter().zip(&feeds_before) {
        let answer = target.api.get(target.url(path)).send().await.unwrap();
        assert_eq!(answer.status().as_u16(), *status, "{path}");
        assert_eq!(
            answer
                .headers()
                .get("etag")
                .map(|v| v.to_str().unwrap().to_owned()),
            *etag,
            "{path}"
        );
        assert_eq!(&answer.bytes().await.unwrap(), body, "{path} byte for byte");
    }
    // New rows get new ids after the copied ones.
    let fresh = created(
        &target,
        &staff,
        "/api/v1/events",
        json!({"kind": "other", "title": "After the move", "start": at(90), "end": at(91)}),
    )
    .await;
    assert!(fresh["id"].as_i64().unwrap() > outing);
}

#[test]
fn every_table_is_copied() {
    let names: Vec<String> = app::db::Db::migration_names(app::db::Backend::Postgres);
    assert!(!names.is_empty());
    let schema: String = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../migrations/postgres"
    ))
    .unwrap()
    .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
    .collect::<Vec<_>>()
    .join("\n");
    let mut tables: Vec<String> = schema
        .lines()
        .filter_map(|l| l.trim().strip_prefix("CREATE TABLE "))
        .map(|rest| rest.split_whitespace().next().unwrap().to_owned())
        .filter(|t| !schema.contains(&format!("DROP TABLE {t};")))
        .collect();
    tables.sort();
    let mut copied: Vec<String> = server::copy_data::TABLES
        .iter()
        .chain(server::copy_data::NOT_COPIED)
        .map(|t| (*t).to_owned())
        .collect();
    copied.sort();
    assert_eq!(copied, tables);
}
