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
