//! The board, templates, settings and the occurrence form, over HTTP.

use app::domain::person::Role;
use serde_json::json;
use tests::{PASSWORD, TestApp, on_both_backends};

use crate::api_events::api;

on_both_backends!(
    the_board_needs_sign_in_unless_the_admin_opens_it,
    templates_start_new_events_with_the_setup_but_not_the_dates,
    the_occurrence_form_changes_this_date_or_this_and_following,
    only_admins_change_settings,
);

async fn the_board_needs_sign_in_unless_the_admin_opens_it(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let api = api(&app).await;
    let now = chrono::Utc::now();
    let zone: chrono_tz::Tz = tests::TEST_ZONE.parse().unwrap();
    let today = now.with_timezone(&zone).date_naive();
    let host = app.add_person(Role::Staff, "Hostina Secretname").await;
    let host_id = app::db::people::by_email(&app.state.db, &host)
        .await
        .unwrap()
        .unwrap()
        .id
        .0;
    let (status, _) = api
        .post(
            "/api/v1/events",
            json!({"kind": "recreation", "title": "Board game afternoon", "all_day": true,
                   "start_date": today.to_string(), "host_id": host_id}),
        )
        .await;
    assert_eq!(status, 201);
    let (status, _) = api
        .post(
            "/api/v1/events",
            json!({"kind": "other", "title": "Staff huddle", "all_day": true, "audience": "staff",
                   "start_date": today.to_string()}),
        )
        .await;
    assert_eq!(status, 201);

    let closed = app
        .api
        .get(app.url("/today"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(
        closed.status(),
        302,
        "signed-out visitors are sent to sign in"
    );

    let admin = app.add_person(Role::Admin, "Ada Admin").await;
    app.sign_in(&admin, PASSWORD).await;
    let csrf = app.csrf_token("/settings").await;
    let saved = app
        .post_form(
            "/fn/save_settings",
            "/settings",
            &[
                ("csrf_token", &csrf),
                ("name", "Test House"),
                ("timezone", tests::TEST_ZONE),
                ("public_board", "on"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);

    let open = app
        .api
        .get(app.url("/today"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(open.status(), 200);
    let html = open.text().await.unwrap();
    assert!(html.contains("Board game afternoon"));
    assert!(
        !html.contains("http-equiv=\"refresh\"") && html.contains("href=\"/today\""),
        "the board never reloads itself; it offers a link to refresh"
    );
    assert!(
        !html.contains("Staff huddle"),
        "staff-only events stay off the board"
    );
    assert!(
        !html.contains("Secretname") && !html.contains("Hostina"),
        "no names on the board"
    );
}

async fn templates_start_new_events_with_the_setup_but_not_the_dates(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let api = api(&app).await;
    let (_, event) = api
        .post(
            "/api/v1/events",
            json!({"kind": "karaoke", "title": "Friday karaoke night", "location": "Common room",
                   "start": "2026-12-04T19:00:00-05:00", "end": "2026-12-04T21:00:00-05:00",
                   "rrule": "FREQ=WEEKLY;BYDAY=FR", "capacity": 30}),
        )
        .await;
    let id = event["id"].as_i64().unwrap().to_string();
    let email = app.add_person(Role::RecreationStaff, "Rae Planner").await;
    app.sign_in(&email, PASSWORD).await;
    let csrf = app.csrf_token(&format!("/events/{id}")).await;
    let saved = app
        .post_form(
            "/fn/save_template",
            &format!("/events/{id}"),
            &[
                ("csrf_token", &csrf),
                ("event_id", &id),
                ("name", "Karaoke night"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let again = app
        .post_form(
            "/fn/save_template",
            &format!("/events/{id}"),
            &[
                ("csrf_token", &csrf),
                ("event_id", &id),
                ("name", "Karaoke night"),
            ],
        )
        .await;
    assert_eq!(again.status(), 422, "names are unique");
    assert!(again.text().await.unwrap().contains("already exists"));

    let list = app
        .browser
        .get(app.url("/templates"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let marker = "/events/new?template=";
    let start = list.find(marker).expect("a template link") + marker.len();
    let template_id: String = list[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let form = app
        .browser
        .get(app.url(&format!("/events/new?template={template_id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains("value=\"Friday karaoke night\""));
    assert!(form.contains("value=\"19:00\"") && form.contains("value=\"21:00\""));
    assert!(form.contains("value=\"30\""), "capacity");
    assert!(
        form.contains("<option value=\"weekly\" selected"),
        "the repetition"
    );
    assert!(
        !form.contains("value=\"2026-12-04\""),
        "dates are left to choose"
    );
}

async fn the_occurrence_form_changes_this_date_or_this_and_following(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let api = api(&app).await;
    let (_, event) = api
        .post(
            "/api/v1/events",
            json!({"kind": "recreation", "title": "Yoga", "start": "2026-12-01T09:00:00-05:00",
                   "end": "2026-12-01T10:00:00-05:00", "rrule": "FREQ=WEEKLY;BYDAY=TU;COUNT=4"}),
        )
        .await;
    let id = event["id"].as_i64().unwrap().to_string();
    let email = app.add_person(Role::RecreationStaff, "Sol Staff").await;
    app.sign_in(&email, PASSWORD).await;
    let page = format!("/events/{id}/occurrences/20261208T140000Z/edit");
    let html = app
        .browser
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("value=\"2026-12-08\""),
        "pre-filled with this date"
    );
    let csrf = tests::csrf_from_html(&html).unwrap();
    let fields =
        |scope: &'static str, title: &'static str, start: &'static str, end: &'static str| {
            vec![
                ("csrf_token", csrf.clone()),
                ("id", id.clone()),
                ("key", "20261208T140000Z".to_owned()),
                ("scope", scope.to_owned()),
                ("kind", "recreation".to_owned()),
                ("title", title.to_owned()),
                ("start_date", "2026-12-08".to_owned()),
                ("start_time", start.to_owned()),
                ("end_time", end.to_owned()),
                ("repeat", "weekly".to_owned()),
                ("repeat_days[]", "TU".to_owned()),
                ("ends", "count".to_owned()),
                ("count", "4".to_owned()),
            ]
        };
    let post = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        let page = page.clone();
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form("/fn/edit_occurrence", &page, &fields).await
        }
    };
    let response = post(fields("this", "Yoga (late start)", "10:00", "11:00")).await;
    assert_eq!(response.status(), 303);
    let (_, list) = api
        .get("/api/v1/occurrences?from=2026-11-30T00:00:00Z&to=2027-01-01T00:00:00Z")
        .await;
    let titles: Vec<&str> = list["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Yoga", "Yoga (late start)", "Yoga", "Yoga"]);

    let refused = post(fields("this", "", "10:00", "11:00")).await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Title is required."));

    let response = post(fields("following", "Evening yoga", "18:00", "19:00")).await;
    assert_eq!(response.status(), 303);
    let (_, list) = api
        .get("/api/v1/occurrences?from=2026-11-30T00:00:00Z&to=2027-01-01T00:00:00Z")
        .await;
    let got: Vec<(&str, &str)> = list["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["title"].as_str().unwrap(), o["start"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("Yoga", "2026-12-01T09:00:00-05:00"),
            ("Evening yoga", "2026-12-08T18:00:00-05:00"),
            ("Evening yoga", "2026-12-15T18:00:00-05:00"),
            ("Evening yoga", "2026-12-22T18:00:00-05:00"),
        ]
    );
}

async fn only_admins_change_settings(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.add_person(Role::Staff, "Nia Staff").await;
    app.sign_in(&staff, PASSWORD).await;
    let page = app.browser.get(app.url("/settings")).send().await.unwrap();
    assert_eq!(page.status(), 403);
    let csrf = app.csrf_token("/").await;
    let refused = app
        .post_form(
            "/fn/save_settings",
            "/",
            &[
                ("csrf_token", &csrf),
                ("name", "Renamed"),
                ("timezone", "UTC"),
                ("public_board", "on"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 403);
    let facility = app::db::facilities::first(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(facility.name, "Test House");
    assert!(!facility.public_board);
}
