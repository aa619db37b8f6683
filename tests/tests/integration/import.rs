//! Importing .ics files: from the command line (with re-imports that update
//! instead of duplicating) and from the staff upload form, where a feed
//! Hearth wrote comes back as the same occurrences.

use app::domain::person::Role;
use serde_json::{Value, json};
use tests::{Backend, PASSWORD, TestApp, on_both_backends};

use crate::api_events::api;
use crate::cli::{database_url, hearth, run};

on_both_backends!(
    the_cli_imports_a_calendar_and_a_second_import_updates_it,
    a_feed_uploaded_by_staff_comes_back_as_the_same_occurrences,
);

const CALENDAR: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Outside//Meetings//EN\r\n\
BEGIN:VEVENT\r\nUID:quiz@outside.example\r\nDTSTAMP:20261101T000000Z\r\n\
DTSTART;TZID=Europe/London:20270105T190000\r\nDTEND;TZID=Europe/London:20270105T203000\r\n\
RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10\r\nEXDATE;TZID=Europe/London:20270112T190000\r\n\
SUMMARY:Quiz night\\, London\r\nLOCATION:The Lamb\\; upstairs\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:quiz@outside.example\r\nDTSTAMP:20261101T000000Z\r\n\
RECURRENCE-ID;TZID=Europe/London:20270126T190000\r\n\
DTSTART;TZID=Europe/London:20270127T180000\r\nDTEND;TZID=Europe/London:20270127T193000\r\n\
SUMMARY:Quiz night (Wednesday this week)\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:quiz@outside.example\r\nDTSTAMP:20261101T000000Z\r\n\
RECURRENCE-ID;TZID=Europe/London:20270202T190000\r\n\
DTSTART;TZID=Europe/London:20270202T190000\r\nDTEND;TZID=Europe/London:20270202T203000\r\n\
STATUS:CANCELLED\r\nSUMMARY:Quiz night\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:newyear@outside.example\r\nDTSTAMP:20261101T000000Z\r\n\
DTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270102\r\nRRULE:FREQ=YEARLY\r\n\
SUMMARY:New Year's Day\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20270301T100000Z\r\n\
SUMMARY:Nameless\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:odd@outside.example\r\nDTSTAMP:20261101T000000Z\r\n\
DTSTART:20270301T100000Z\r\nRRULE:FREQ=HOURLY\r\nSUMMARY:Every hour\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

async fn the_cli_imports_a_calendar_and_a_second_import_updates_it(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(backend, dir.path()).await;
    let file = dir.path().join("outside.ics");
    std::fs::write(&file, CALENDAR).unwrap();
    let import = |path: &std::path::Path, kind: &str| {
        let mut command = hearth();
        command
            .args(["import", "ics"])
            .arg(path)
            .args(["--kind", kind, "--database-url", &url]);
        run(command, "")
    };

    let first = import(&file, "recreation");
    assert!(first.status.success(), "{first:?}");
    let out = stdout(&first);
    assert!(
        out.starts_with("created 2, updated 0, unchanged 0, skipped 2\n"),
        "{out}"
    );
    assert!(out.contains("Nameless\tIt has no UID"), "{out}");
    assert!(
        out.contains("Every hour\tFREQ=HOURLY is not supported"),
        "{out}"
    );

    let again = import(&file, "recreation");
    assert!(again.status.success());
    assert!(
        stdout(&again).starts_with("created 0, updated 0, unchanged 2, skipped 2\n"),
        "re-importing the same file changes nothing: {}",
        stdout(&again)
    );

    let changed = dir.path().join("changed.ics");
    std::fs::write(&changed, CALENDAR.replace("COUNT=10", "COUNT=12")).unwrap();
    let update = import(&changed, "recreation");
    assert!(
        stdout(&update).starts_with("created 0, updated 1, unchanged 1, skipped 2\n"),
        "{}",
        stdout(&update)
    );

    // What was stored, read back through the service layer.
    let state = app_state(&url).await;
    let facility = app::db::facilities::first(&state.db)
        .await
        .unwrap()
        .unwrap();
    let quiz = app::db::events::by_import_uid(&state.db, facility.id, "quiz@outside.example")
        .await
        .unwrap()
        .expect("the series");
    assert_eq!(quiz.title, "Quiz night, London");
    assert_eq!(quiz.location, "The Lamb; upstairs");
    assert_eq!(quiz.timezone, "Europe/London", "the file's zone is kept");
    let changes = app::db::events::changes_of(&state.db, quiz.id)
        .await
        .unwrap();
    let kinds: Vec<&str> = changes.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(kinds, ["skipped", "changed", "cancelled"], "{changes:?}");
    let moved = changes[1].moved.expect("moved to Wednesday");
    assert_eq!(moved.starts_at.to_rfc3339(), "2027-01-27T18:00:00+00:00");
    state.db.close().await;

    // Bad input: a file that is not a calendar, an unknown kind.
    let junk = dir.path().join("junk.ics");
    std::fs::write(&junk, "hello").unwrap();
    let refused = import(&junk, "recreation");
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not an iCalendar file"));
    let refused = import(&file, "party");
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--kind"));
}

async fn app_state(url: &str) -> app::state::AppState {
    let db = server::startup::open_database(url, &server::config::FacilityDefaults::default())
        .await
        .unwrap();
    app::state::AppState::new(
        db,
        app::state::Settings::default(),
        server::startup::leptos_options(std::net::SocketAddr::from(([127, 0, 0, 1], 0))),
    )
}

/// The occurrences in 2027 as (start, end, status, title), for comparing.
async fn occurrences(
    planner: &crate::api_events::Api<'_>,
) -> Vec<(String, String, String, String)> {
    let (status, list) = planner
        .get("/api/v1/occurrences?from=2027-01-01T00:00:00Z&to=2027-12-31T00:00:00Z")
        .await;
    assert_eq!(status, 200, "{list}");
    let mut out: Vec<_> = list["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o: &Value| {
            let instant = |v: &Value| {
                chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap())
                    .unwrap()
                    .with_timezone(&chrono::Utc)
                    .to_rfc3339()
            };
            (
                instant(&o["start"]),
                instant(&o["end"]),
                o["status"].as_str().unwrap().to_owned(),
                o["title"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

async fn a_feed_uploaded_by_staff_comes_back_as_the_same_occurrences(backend: Backend) {
    // A series in one Hearth, with a skipped, a moved and a cancelled date.
    let source = TestApp::spawn(backend).await;
    let planner = api(&source).await;
    let (status, event) = planner
        .post(
            "/api/v1/events",
            json!({"kind": "karaoke", "title": "Karaoke, Tuesdays", "location": "Hall; back room",
                   "start": "2027-03-02T19:00:00-05:00", "end": "2027-03-02T21:00:00-05:00",
                   "rrule": "FREQ=WEEKLY;BYDAY=TU;COUNT=8"}),
        )
        .await;
    assert_eq!(status, 201, "{event}");
    let id = event["id"].as_i64().unwrap();
    for (key, change) in [
        ("20270310T000000Z", json!({"status": "skipped"})),
        (
            "20270316T230000Z",
            json!({"start": "2027-03-17T18:30:00-04:00", "end": "2027-03-17T20:00:00-04:00", "title": "Karaoke, Wednesday"}),
        ),
        ("20270323T230000Z", json!({"status": "cancelled"})),
    ] {
        let (status, body) = planner
            .patch(&format!("/api/v1/events/{id}/occurrences/{key}"), change)
            .await;
        assert_eq!(status, 200, "{key}: {body}");
    }
    let ics = source
        .api
        .get(source.url(&format!("/events/{id}.ics")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    // Staff upload it to another Hearth through the form.
    let target = TestApp::spawn(backend).await;
    let email = target.add_person(Role::RecreationStaff, "Rec Staff").await;
    let browser = target.browser_for();
    target.sign_in_with(&browser, &email, PASSWORD).await;
    let page = browser
        .get(target.url("/events/import"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = tests::csrf_from_html(&page).expect("the form has a CSRF field");
    let upload = |file: String, csrf: String| {
        let form = reqwest::multipart::Form::new()
            .text("csrf_token", csrf)
            .text("kind", "karaoke")
            .part(
                "file",
                reqwest::multipart::Part::text(file)
                    .file_name("karaoke.ics")
                    .mime_str("text/calendar")
                    .unwrap(),
            );
        browser
            .post(target.url("/events/import"))
            .header("origin", target.url(""))
            .multipart(form)
            .send()
    };
    let answer = upload(ics.clone(), csrf.clone()).await.unwrap();
    assert_eq!(answer.status(), 200);
    let html = answer.text().await.unwrap();
    assert!(
        html.contains("1 created, 0 updated, 0 unchanged, 0 not imported."),
        "{html}"
    );

    let imported = crate::api_events::Api {
        app: &target,
        token: target.staff_token().await,
    };
    let expected = occurrences(&planner).await;
    assert_eq!(expected.len(), 7, "8 dates, one skipped: {expected:?}");
    assert_eq!(occurrences(&imported).await, expected);

    // Again: nothing changes. A wrong token or a non-calendar is refused.
    let again = upload(ics, csrf.clone())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        again.contains("0 created, 0 updated, 1 unchanged"),
        "{again}"
    );
    let forged = upload(
        "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into(),
        "forged".into(),
    )
    .await
    .unwrap();
    assert_eq!(forged.status(), 403);
    let junk = upload("not a calendar".into(), csrf).await.unwrap();
    assert_eq!(junk.status(), 422);
    assert!(junk.text().await.unwrap().contains("not an iCalendar file"));

    // Only those who plan events may import.
    let client_email = target.add_person(Role::Client, "Curious C.").await;
    let client = target.browser_for();
    target.sign_in_with(&client, &client_email, PASSWORD).await;
    let page = client
        .get(target.url("/events/import"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let client_csrf = tests::csrf_from_html(&page).unwrap_or_default();
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", client_csrf)
        .text("kind", "karaoke")
        .text("file", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    let refused = client
        .post(target.url("/events/import"))
        .header("origin", target.url(""))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    assert_eq!(occurrences(&imported).await, expected, "nothing changed");
}
