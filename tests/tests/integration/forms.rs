use app::domain::person::Role;
use tests::{PASSWORD, TestApp, csrf_from_html, on_both_backends};

on_both_backends!(
    csrf_less_form_posts_are_refused,
    a_form_posted_without_javascript_creates_an_event_and_redirects_to_it,
    a_refused_form_keeps_what_was_typed_and_says_what_is_wrong,
    the_event_can_be_edited_and_cancelled_through_forms,
    server_function_calls_from_scripts_get_encoded_errors,
);

fn event_fields<'a>(csrf: &'a str, title: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", csrf),
        ("kind", "potluck"),
        ("title", title),
        ("description", "Bring a dish"),
        ("location", "Dining hall"),
        ("start_date", "2026-12-12"),
        ("start_time", "17:00"),
        ("end_date", ""),
        ("end_time", "19:00"),
    ]
}

async fn signed_in_staff(backend: tests::Backend) -> TestApp {
    let app = TestApp::spawn(backend).await;
    let email = app.add_person(Role::RecreationStaff, "Morgan Diaz").await;
    assert_eq!(app.sign_in(&email, PASSWORD).await.status(), 303);
    app
}

async fn stored_titles(app: &TestApp) -> Vec<String> {
    let facility = app::db::facilities::first(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let from = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
        .unwrap()
        .to_utc();
    let to = chrono::DateTime::parse_from_rfc3339("2027-01-01T00:00:00Z")
        .unwrap()
        .to_utc();
    app::db::events::in_window(&app.state.db, facility.id, from, to, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.title)
        .collect()
}

async fn csrf_less_form_posts_are_refused(backend: tests::Backend) {
    let app = signed_in_staff(backend).await;
    let csrf = app.csrf_token("/events/new").await;
    let mut fields = event_fields(&csrf, "Sneaky potluck");
    fields.remove(0);
    let without = app
        .post_form("/fn/save_event", "/events/new", &fields)
        .await;
    assert_eq!(without.status(), 403);
    assert!(
        without
            .text()
            .await
            .unwrap()
            .contains("This form has expired")
    );

    let forged = "0".repeat(64);
    let mut fields = event_fields(&forged, "Sneaky potluck");
    fields[0].1 = &forged;
    let wrong = app
        .post_form("/fn/save_event", "/events/new", &fields)
        .await;
    assert_eq!(wrong.status(), 403);

    let cross_site = app
        .browser
        .post(app.url("/fn/save_event"))
        .header("origin", "https://evil.example")
        .form(&event_fields(&csrf, "Sneaky potluck"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        cross_site.status(),
        403,
        "a valid token from another origin"
    );

    let sign_out_without = app.post_form("/fn/sign_out", "/", &[]).await;
    assert_eq!(sign_out_without.status(), 403);

    assert!(stored_titles(&app).await.is_empty(), "nothing was stored");
}

async fn a_form_posted_without_javascript_creates_an_event_and_redirects_to_it(
    backend: tests::Backend,
) {
    let app = signed_in_staff(backend).await;
    let csrf = app.csrf_token("/events/new").await;
    let response = app
        .post_form(
            "/fn/save_event",
            "/events/new",
            &event_fields(&csrf, "Winter potluck"),
        )
        .await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/events/"), "{location}");
    let page = app.browser.get(app.url(&location)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Winter potluck"));
    assert!(
        html.contains("Saturday, December 12, 2026, 5:00 PM – 7:00 PM"),
        "{html}"
    );
    assert!(
        html.contains("Event created."),
        "the flash message shows once"
    );
    let again = app
        .browser
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!again.contains("Event created."), "and only once");
    assert_eq!(stored_titles(&app).await, vec!["Winter potluck".to_owned()]);
}

async fn a_refused_form_keeps_what_was_typed_and_says_what_is_wrong(backend: tests::Backend) {
    let app = signed_in_staff(backend).await;
    let csrf = app.csrf_token("/events/new").await;
    let long_title = "Potluck ".repeat(30);
    let mut fields = event_fields(&csrf, &long_title);
    fields[5].1 = "2026-02-30"; // start_date
    fields[8].1 = "16:00"; // end_time before start
    let response = app
        .post_form("/fn/save_event", "/events/new", &fields)
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Title can be at most 200 characters"),
        "{html}"
    );
    assert!(html.contains("2026-02-30 is not a date on the calendar."));
    assert!(
        html.contains(long_title.trim_end()),
        "the typed title is kept"
    );
    assert!(html.contains("Bring a dish"), "the description is kept");
    assert!(
        html.contains("value=\"2026-02-30\""),
        "the typed date is kept"
    );
    assert!(
        csrf_from_html(&html).is_some(),
        "the form can be sent again"
    );

    let mut fields = event_fields(&csrf, "Evening potluck");
    fields[8].1 = "16:00";
    let response = app
        .post_form("/fn/save_event", "/events/new", &fields)
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("The end must be after the start.")
    );

    let mut fields = event_fields(&csrf, "Spring-forward potluck");
    fields[5].1 = "2026-03-08";
    fields[6].1 = "02:30";
    fields[8].1 = "04:00";
    let response = app
        .post_form("/fn/save_event", "/events/new", &fields)
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("2:30 AM on Sunday, March 8, 2026 does not exist in America/New_York")
    );

    let mut fields = event_fields(&csrf, "Secret rave");
    fields[1].1 = "rave";
    let response = app
        .post_form("/fn/save_event", "/events/new", &fields)
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("is not a kind of event")
    );

    assert!(stored_titles(&app).await.is_empty(), "nothing was stored");
}

async fn the_event_can_be_edited_and_cancelled_through_forms(backend: tests::Backend) {
    let app = signed_in_staff(backend).await;
    let csrf = app.csrf_token("/events/new").await;
    let created = app
        .post_form(
            "/fn/save_event",
            "/events/new",
            &event_fields(&csrf, "Harvest potluck"),
        )
        .await;
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let id = location.trim_start_matches("/events/").to_owned();

    let edit_page = app
        .browser
        .get(app.url(&format!("{location}/edit")))
        .send()
        .await
        .unwrap();
    assert_eq!(edit_page.status(), 200);
    let html = edit_page.text().await.unwrap();
    assert!(
        html.contains("value=\"Harvest potluck\""),
        "the form is pre-filled"
    );

    let mut fields = event_fields(&csrf, "Harvest potluck (moved)");
    fields.push(("event_id", &id));
    fields.push(("max_guests", "2"));
    fields.push(("show_names", "on"));
    fields[5].1 = "2026-12-13";
    let saved = app
        .post_form("/fn/save_event", &format!("{location}/edit"), &fields)
        .await;
    assert_eq!(saved.status(), 303);
    // The editor shows guests and names back, so saving the form as served
    // keeps them.
    let html = app
        .browser
        .get(app.url(&format!("{location}/edit")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let input = |id: &str| {
        let at = html
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("no {id} field"));
        let end = html[at..].find('>').unwrap();
        html[at..at + end].to_owned()
    };
    assert!(
        input("max_guests").contains("value=\"2\""),
        "{}",
        input("max_guests")
    );
    assert!(
        input("show_names").contains("checked"),
        "{}",
        input("show_names")
    );
    let page = app
        .browser
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Harvest potluck (moved)"));
    assert!(page.contains("Sunday, December 13, 2026"));

    let cancel = app
        .post_form(
            "/fn/cancel_event",
            &location,
            &[("csrf_token", &csrf), ("id", &id)],
        )
        .await;
    assert_eq!(cancel.status(), 303);
    let page = app
        .browser
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("This event is cancelled."));
    assert!(page.contains("The event is cancelled."), "flash");
    let edit_again = app
        .browser
        .get(app.url(&format!("{location}/edit")))
        .send()
        .await
        .unwrap();
    assert_eq!(edit_again.status(), 409);
}

async fn server_function_calls_from_scripts_get_encoded_errors(backend: tests::Backend) {
    let app = signed_in_staff(backend).await;
    let csrf = app.csrf_token("/events/new").await;
    // What the hydrated page's server-function client sends.
    let response = app
        .browser
        .post(app.url("/fn/save_event"))
        .header("accept", "application/json")
        .form(&event_fields(&csrf, ""))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let error: app::error::AppError = response.json().await.unwrap();
    assert_eq!(
        error
            .field_message("title")
            .map(ToString::to_string)
            .as_deref(),
        Some("Title is required.")
    );

    let response = app
        .browser
        .post(app.url("/fn/save_event"))
        .header("accept", "application/json")
        .form(&event_fields(&csrf, "Scripted potluck"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let done: app::api::Done = response.json().await.unwrap();
    assert!(done.redirect_to.starts_with("/events/"));
    assert_eq!(
        done.flash.map(|m| m.to_string()).as_deref(),
        Some("Event created.")
    );
}
