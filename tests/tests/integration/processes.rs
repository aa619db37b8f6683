//! Several `hearth serve` processes on one database (a load balancer in
//! front, no sticky sessions): two servers share the seats of an event, a
//! change made through one is in the other's next page and feed, sign-in
//! budgets and kiosk locks count across both, and the hourly stay job runs
//! once per hour across them — and still runs when one of them is gone.

use chrono::{Duration, SecondsFormat, Utc};
use serde_json::{Value, json};
use tests::create_event as event;
use tests::send_json as send;
use tests::{Backend, PASSWORD, TestApp, csrf_from_html, on_both_backends};

on_both_backends!(
    two_processes_sell_exactly_the_seats_there_are,
    a_change_through_one_process_is_in_the_others_next_page_and_feed,
    sign_in_budgets_and_kiosk_locks_count_across_processes,
    the_stay_job_runs_once_an_hour_across_processes,
    the_karaoke_screen_on_one_process_follows_songs_added_through_the_other,
);

/// A second server on the first one's database.
async fn pair(backend: Backend) -> (TestApp, TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let url = match backend {
        Backend::Sqlite => format!("sqlite://{}", dir.path().join("shared.db").display()),
        Backend::Postgres => tests::postgres::fresh_database().await,
    };
    // Waits of a minute after the free sign-in attempts, so that a slow
    // machine's password checks do not outlast them.
    let mut throttle = app::domain::throttle::Throttle::default();
    throttle.account.first_delay = Duration::minutes(1);
    throttle.address.first_delay = Duration::minutes(1);
    let first = TestApp::spawn_with(backend, |c| {
        c.database_url = url.clone();
        c.throttle = throttle;
    })
    .await;
    let second = TestApp::spawn_with(backend, |c| {
        c.database_url = url.clone();
        c.throttle = throttle;
    })
    .await;
    // The directory lives as long as the SQLite file is used.
    std::mem::forget(dir);
    (first, second)
}

fn at(hours: i64) -> String {
    (Utc::now() + Duration::hours(hours)).to_rfc3339_opts(SecondsFormat::Secs, true)
}

async fn two_processes_sell_exactly_the_seats_there_are(backend: Backend) {
    let (a, b) = pair(backend).await;
    let planner = a.staff_token().await;
    let (id, key) = event(&a, &planner, json!({"kind": "outing", "title": "Bowling", "start": at(72), "end": at(74), "capacity": 20})).await;
    let mut clients = Vec::new();
    for i in 0..200 {
        clients.push(a.client_with_token(&format!("Rush{i} Q.")).await);
    }
    let tasks: Vec<_> = clients
        .iter()
        .enumerate()
        .map(|(i, (person, token))| {
            // Half through each process, interleaved.
            let server = if i % 2 == 0 { &a } else { &b };
            let (client, url) = (
                server.api.clone(),
                server.url(&format!(
                    "/api/v1/events/{id}/occurrences/{key}/rsvps/{person}"
                )),
            );
            let token = token.clone();
            tokio::spawn(async move {
                let answer = client
                    .put(url)
                    .bearer_auth(token)
                    .json(&json!({"response": "going"}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(answer.status(), 200);
                answer.json::<Value>().await.unwrap()["state"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
        })
        .collect();
    let mut going = 0;
    for task in tasks {
        if task.await.unwrap() == "going" {
            going += 1;
        }
    }
    assert_eq!(going, 20, "exactly the seats there are");
    let (_, roster) = send(
        &b,
        &planner,
        reqwest::Method::GET,
        &format!("/api/v1/events/{id}/occurrences/{key}/rsvps"),
        Value::Null,
    )
    .await;
    let rows = roster["rsvps"].as_array().unwrap();
    assert_eq!(rows.iter().filter(|r| r["state"] == "going").count(), 20);
    assert_eq!(
        rows.iter().filter(|r| r["state"] == "waitlisted").count(),
        180
    );
}

async fn a_change_through_one_process_is_in_the_others_next_page_and_feed(backend: Backend) {
    let (a, b) = pair(backend).await;
    let planner = a.staff_token().await;
    let (id, _) = event(
        &a,
        &planner,
        json!({"kind": "karaoke", "title": "Karaoke night", "start": at(30), "end": at(32)}),
    )
    .await;
    let feed = b.api.get(b.url("/calendar.ics")).send().await.unwrap();
    let etag = feed.headers()["etag"].to_str().unwrap().to_owned();
    assert!(feed.text().await.unwrap().contains("Karaoke night"));
    let (status, _) = send(
        &a,
        &planner,
        reqwest::Method::PATCH,
        &format!("/api/v1/events/{id}"),
        json!({"title": "Karaoke with a live band"}),
    )
    .await;
    assert_eq!(status, 200);
    let again = b
        .api
        .get(b.url("/calendar.ics"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 200, "the other process's feed changed");
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("Karaoke with a live band")
    );
    let (status, page) = send(
        &b,
        &planner,
        reqwest::Method::GET,
        &format!("/api/v1/events/{id}"),
        Value::Null,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(page["title"], "Karaoke with a live band");
    // A person signed in through one process is signed in on the other.
    let email = a
        .add_person(app::domain::person::Role::Staff, "Lee Balanced")
        .await;
    let browser = a.browser_for();
    assert_eq!(
        a.sign_in_with(&browser, &email, PASSWORD).await.status(),
        303
    );
    let there = browser.get(b.url("/me")).send().await.unwrap();
    assert_eq!(there.status(), 200, "no sticky sessions needed");
}

async fn sign_in_budgets_and_kiosk_locks_count_across_processes(backend: Backend) {
    let (a, b) = pair(backend).await;
    let email = a
        .add_person(app::domain::person::Role::Staff, "Sol Spread")
        .await;
    // Wrong passwords alternating between the processes: one budget.
    for attempt in 0..app::domain::throttle::ACCOUNT.free {
        let server = if attempt % 2 == 0 { &a } else { &b };
        assert_eq!(
            server.sign_in(&email, "a wrong password").await.status(),
            422
        );
    }
    assert_eq!(a.sign_in(&email, "a wrong password").await.status(), 429);
    assert_eq!(b.sign_in(&email, "a wrong password").await.status(), 429);

    // A kiosk enrolled through one process locks after ten wrong PINs spread
    // over both (cookies do not care which port answered).
    let staff = a
        .add_person(app::domain::person::Role::Staff, "Kit Floor")
        .await;
    let kiosk = a.browser_for();
    a.sign_in_with(&kiosk, &staff, PASSWORD).await;
    let html = kiosk
        .get(a.url("/kiosk"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = csrf_from_html(&html).unwrap();
    let enrolled = kiosk
        .post(a.url("/fn/enroll_kiosk"))
        .header("accept", "text/html")
        .header("referer", a.url("/kiosk"))
        .form(&[("csrf_token", token.as_str()), ("name", "Tablet")])
        .send()
        .await
        .unwrap();
    assert_eq!(enrolled.status(), 303);
    let mut clients = Vec::new();
    for n in 0..5 {
        let email = a
            .add_person(app::domain::person::Role::Client, &format!("Pin{n} K."))
            .await;
        clients.push(
            app::db::people::by_email(&a.state.db, &email)
                .await
                .unwrap()
                .unwrap()
                .id
                .0,
        );
    }
    let mut last = 0;
    for attempt in 0..10 {
        let server = if attempt % 2 == 0 { &a } else { &b };
        let html = kiosk
            .get(server.url("/kiosk"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let token = csrf_from_html(&html).unwrap_or_default();
        let person = clients[attempt % 5].to_string();
        last = kiosk
            .post(server.url("/fn/kiosk_sign_in"))
            .header("accept", "text/html")
            .header("referer", server.url("/kiosk"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("person_id", person.as_str()),
                ("pin", "000111"),
            ])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
    }
    assert_eq!(
        last, 429,
        "the tenth wrong PIN, whichever process took it, locks the tablet"
    );
    for server in [&a, &b] {
        let page = kiosk
            .get(server.url("/kiosk"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("data-testid=\"kiosk-locked\""),
            "locked on every process"
        );
    }
}

async fn the_stay_job_runs_once_an_hour_across_processes(backend: Backend) {
    use app::services::people::stay_job_if_due;
    let (a, b) = pair(backend).await;
    // Both servers ask when they start; one of them runs it this hour.
    let started = std::time::Instant::now();
    loop {
        let sql = "SELECT COUNT(*) FROM job_runs WHERE job = 'stay'";
        let claimed: i64 = match &a.state.db {
            app::db::Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
            app::db::Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
        };
        if claimed == 1 {
            break;
        }
        assert!(
            started.elapsed().as_secs() < 20,
            "no server ran the stay job at start"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // Neither runs it again within the hour.
    let now = Utc::now();
    let later = now + Duration::minutes(50);
    assert!(
        stay_job_if_due(&a.state, "process-a", later)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        stay_job_if_due(&b.state, "process-b", later)
            .await
            .unwrap()
            .is_none()
    );
    // The next hour both ask at once: exactly one runs it.
    let next_hour = now + Duration::minutes(61);
    let (ran_a, ran_b) = tokio::join!(
        stay_job_if_due(&a.state, "process-a", next_hour),
        stay_job_if_due(&b.state, "process-b", next_hour)
    );
    let ran = [ran_a.unwrap(), ran_b.unwrap()];
    assert_eq!(
        ran.iter().filter(|r| r.is_some()).count(),
        1,
        "once, never twice: {ran:?}"
    );
    // Process A claims the next hour's run and dies before it ends: B
    // leaves it while A's lease lasts, then runs it within that hour.
    let third_hour = now + Duration::minutes(122);
    assert!(
        app::db::jobs::claim(
            &a.state.db,
            "stay",
            "process-a",
            third_hour,
            app::services::people::STAY_JOB_LEASE
        )
        .await
        .unwrap()
    );
    let during_lease = third_hour + Duration::minutes(10);
    assert!(
        stay_job_if_due(&b.state, "process-b", during_lease)
            .await
            .unwrap()
            .is_none(),
        "A's lease still holds"
    );
    let after_lease = third_hour + Duration::minutes(16);
    assert!(
        stay_job_if_due(&b.state, "process-b", after_lease)
            .await
            .unwrap()
            .is_some(),
        "never zero times: B takes over when A's lease ends"
    );
    // B's run ended, so the next is an hour after it.
    assert!(
        stay_job_if_due(&b.state, "process-b", after_lease + Duration::minutes(50))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        stay_job_if_due(&b.state, "process-b", after_lease + Duration::minutes(61))
            .await
            .unwrap()
            .is_some()
    );
}

async fn the_karaoke_screen_on_one_process_follows_songs_added_through_the_other(backend: Backend) {
    let (a, b) = pair(backend).await;
    let planner = a.staff_token().await;
    let (id, key) = event(
        &a,
        &planner,
        json!({"kind": "karaoke", "title": "Karaoke", "start": at(1), "end": at(3)}),
    )
    .await;
    let (singer, token) = a.client_with_token("Sia Q.").await;
    let (status, _) = send(
        &a,
        &token,
        reqwest::Method::PUT,
        &format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{singer}"),
        json!({"response": "going"}),
    )
    .await;
    assert_eq!(status, 200);
    // The screen in the room is a staff browser signed in through B.
    let email = a
        .add_person(app::domain::person::Role::Staff, "Tess Screen")
        .await;
    let screen = b.browser_for();
    assert_eq!(
        b.sign_in_with(&screen, &email, PASSWORD).await.status(),
        303
    );
    let version = || async {
        let answer = screen
            .get(b.url(&format!("/fn/karaoke_version?id={id}&key={key}")))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200);
        answer.json::<i64>().await.unwrap()
    };
    let before = version().await;
    let (status, body) = send(
        &a,
        &token,
        reqwest::Method::POST,
        &format!("/api/v1/events/{id}/occurrences/{key}/songs"),
        json!({"title": "Dancing Queen", "artist": "ABBA"}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_ne!(
        version().await,
        before,
        "the screen on B sees the song added through A"
    );
    let queue = screen
        .get(b.url(&format!("/fn/karaoke_screen?id={id}&key={key}")))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(queue.contains("Dancing Queen"), "{queue}");
}
