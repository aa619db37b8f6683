//! Hostile input on request paths and on the command line: each is refused
//! with a message, and nothing crashes the process.

use app::domain::person::Role;
use serde_json::json;
use tests::{Backend, PASSWORD, TestApp, on_both_backends};

use crate::cli::{database_url, hearth, run};

on_both_backends!(
    a_deeply_nested_calendar_is_refused_by_the_upload_form_and_the_server_goes_on,
    the_cli_refuses_a_deeply_nested_calendar_with_a_message_in_the_reader_s_language,
    a_deeply_nested_meeting_guide_feed_is_refused_by_the_api,
    a_series_cannot_end_centuries_away,
    a_host_must_be_an_active_staff_member_of_the_facility,
    a_body_of_the_wrong_json_type_is_refused,
);

/// The 1.6 MB file of 100,000 nested `BEGIN:X` lines that once overflowed
/// the parser's stack and aborted the process.
fn nested_calendar() -> String {
    let mut file = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    for _ in 0..100_000 {
        file.push_str("BEGIN:X\r\n");
    }
    file
}

async fn a_deeply_nested_calendar_is_refused_by_the_upload_form_and_the_server_goes_on(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let email = app.add_person(Role::RecreationStaff, "Rita Upload").await;
    let browser = app.browser_for();
    app.sign_in_with(&browser, &email, PASSWORD).await;
    let page = browser
        .get(app.url("/events/import"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = tests::csrf_from_html(&page).unwrap();
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf)
        .text("kind", "other")
        .part(
            "file",
            reqwest::multipart::Part::text(nested_calendar())
                .file_name("nested.ics")
                .mime_str("text/calendar")
                .unwrap(),
        );
    let refused = browser
        .post(app.url("/events/import"))
        .header("origin", app.url(""))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("nested more than 8 deep, which no calendar writes"),
        "{html}"
    );
    // The same process answers the next request.
    let health = app.browser.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let again = browser.get(app.url("/events/import")).send().await.unwrap();
    assert_eq!(again.status(), 200);
}

async fn the_cli_refuses_a_deeply_nested_calendar_with_a_message_in_the_reader_s_language(
    backend: Backend,
) {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(backend, dir.path()).await;
    let file = dir.path().join("nested.ics");
    std::fs::write(&file, nested_calendar()).unwrap();
    let import = |lang: &str| {
        let mut command = hearth();
        command
            .args(["import", "ics"])
            .arg(&file)
            .args(["--kind", "other", "--database-url", &url])
            .env("LANG", lang)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        run(command, "")
    };
    let english = import("en_US.UTF-8");
    assert_eq!(english.status.code(), Some(1), "an error, not an abort");
    let stderr = String::from_utf8_lossy(&english.stderr);
    assert!(stderr.contains("nested more than 8 deep"), "{stderr}");
    let spanish = import("es_MX.UTF-8");
    assert_eq!(spanish.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&spanish.stderr);
    assert!(stderr.contains("anidado a más de 8 niveles"), "{stderr}");
}

async fn a_deeply_nested_meeting_guide_feed_is_refused_by_the_api(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let deep = "[".repeat(50_000) + &"]".repeat(50_000);
    let response = app
        .api
        .post(app.url("/api/v1/imports/meeting-guide?fellowship=aa"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(deep)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["field"], "file");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not valid JSON"),
        "{body}"
    );
    let health = app.api.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
}

/// `UNTIL=99991231` once made the server walk millions of dates to find a
/// series' last one; a series now ends at most ten years after it starts.
async fn a_series_cannot_end_centuries_away(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let api = crate::api_events::api(&app).await;
    let (status, body) = api
        .post(
            "/api/v1/events",
            json!({
                "kind": "karaoke",
                "title": "Forever karaoke",
                "start": "2027-01-08T19:00:00-05:00",
                "end": "2027-01-08T21:00:00-05:00",
                "rrule": "FREQ=WEEKLY;BYDAY=FR,SA,SU,MO,TU,WE,TH;UNTIL=99991231T235959Z"
            }),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["field"], "until_date", "{body}");
    let (status, body) = api
        .post(
            "/api/v1/events",
            json!({
                "kind": "karaoke",
                "title": "Ten years of karaoke",
                "start": "2027-01-08T19:00:00-05:00",
                "end": "2027-01-08T21:00:00-05:00",
                "rrule": "FREQ=WEEKLY;BYDAY=FR;UNTIL=20361231T235959Z"
            }),
        )
        .await;
    assert_eq!(status, 201, "{body}");
}

/// `host_id` names an active staff member of the facility: no one, a
/// client, a disabled staff member or a person of another facility is
/// refused with 422 at the field (once a 500 from the foreign key, and a
/// client was accepted), and nothing is stored.
async fn a_host_must_be_an_active_staff_member_of_the_facility(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let id_of = |email: String| {
        let app = &app;
        async move {
            app::db::people::by_email(&app.state.db, &email)
                .await
                .unwrap()
                .unwrap()
                .id
        }
    };
    let client = id_of(app.add_person(Role::Client, "Hugo H.").await).await;
    let disabled = id_of(app.add_person(Role::Staff, "Dina Disabled").await).await;
    app::services::access::disable(&app.state, disabled)
        .await
        .unwrap();
    let host = id_of(app.add_person(Role::Staff, "Holly Host").await).await;
    let other_facility =
        app::db::facilities::insert(&app.state.db, "elsewhere", "Elsewhere", "America/Chicago")
            .await
            .unwrap();
    let stranger = app::db::people::insert(
        &app.state.db,
        &app::db::people::NewPerson {
            facility_id: other_facility.id,
            role: Role::Staff,
            display_name: "Stan Stranger",
            email: None,
            login: None,
            password_hash: None,
            pin_hash: None,
            house: None,
            admission_date: None,
            expected_discharge_date: None,
        },
    )
    .await
    .unwrap()
    .id;
    let event = |host_id: i64| {
        json!({"kind": "other", "title": "Hosted", "start": "2027-03-01T18:00:00Z",
               "end": "2027-03-01T19:00:00Z", "host_id": host_id})
    };
    for (what, host_id) in [
        ("no one", 999_999),
        ("a client", client.0),
        ("a disabled staff member", disabled.0),
        ("staff of another facility", stranger.0),
    ] {
        let (status, body) = tests::send_json(
            &app,
            &token,
            reqwest::Method::POST,
            "/api/v1/events",
            event(host_id),
        )
        .await;
        assert_eq!(status, 422, "{what}: {body}");
        assert_eq!(body["error"]["field"], "host_id", "{what}: {body}");
    }
    let (_, list) = tests::send_json(
        &app,
        &token,
        reqwest::Method::GET,
        "/api/v1/events?from=2027-02-01T00:00:00Z&to=2027-04-01T00:00:00Z",
        serde_json::Value::Null,
    )
    .await;
    assert_eq!(
        list["events"].as_array().unwrap().len(),
        0,
        "nothing stored"
    );
    let (status, body) = tests::send_json(
        &app,
        &token,
        reqwest::Method::POST,
        "/api/v1/events",
        event(host.0),
    )
    .await;
    assert_eq!(status, 201, "{body}");
}

/// A JSON body of the wrong type (an array, a string) is refused with 422
/// and changes nothing (a `PATCH` once accepted `[null, null]`).
async fn a_body_of_the_wrong_json_type_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let (status, event) = tests::send_json(
        &app,
        &token,
        reqwest::Method::POST,
        "/api/v1/events",
        json!({"kind": "other", "title": "Kept as it was", "start": "2027-03-01T18:00:00Z",
               "end": "2027-03-01T19:00:00Z"}),
    )
    .await;
    assert_eq!(status, 201, "{event}");
    let path = format!("/api/v1/events/{}", event["id"]);
    for body in [json!([null, null]), json!("x"), json!(7)] {
        let (status, answer) =
            tests::send_json(&app, &token, reqwest::Method::PATCH, &path, body.clone()).await;
        assert_eq!(status, 422, "{body}: {answer}");
        assert!(answer["error"]["message"].is_string(), "{answer}");
    }
    let (_, after) = tests::send_json(
        &app,
        &token,
        reqwest::Method::GET,
        &path,
        serde_json::Value::Null,
    )
    .await;
    assert_eq!(after["title"], "Kept as it was");
}
