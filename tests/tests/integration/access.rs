//! Access that can be taken back: kiosks that forget and lock, accounts,
//! tokens and sessions that can be ended, headers that keep pages out of
//! caches, and secrets that never come back in a page or a cookie.

use app::domain::person::{PersonId, Role};
use reqwest::Client;
use tests::post_form_from as post;
use tests::send_json as api;
use tests::{PASSWORD, TestApp, create_event, on_both_backends};

on_both_backends!(
    background_polls_do_not_keep_a_kiosk_session_alive_but_a_person_does,
    a_kiosk_session_has_a_hard_end,
    pins_need_six_digits_that_are_not_guessable,
    wrong_pins_lock_the_tablet_until_staff_unlock_it,
    a_revoked_tablet_stops_on_its_next_request,
    disabling_an_account_stops_its_sessions_tokens_and_feed_link_at_once,
    a_reset_password_must_be_changed_before_anything_else,
    signing_in_again_ends_the_old_session_and_a_person_ends_their_others,
    private_answers_are_never_stored_and_pages_cannot_be_framed,
    a_refused_form_never_echoes_a_pin,
    a_new_feed_link_lives_in_the_session_not_a_cookie,
    the_retention_purge_leaves_no_trace_of_a_client_anywhere,
    a_client_name_with_a_surname_is_refused,
    the_public_board_shows_exactly_what_the_public_feeds_show,
    staff_reset_a_password_and_sign_someone_out_from_their_page,
);

/// Runs one statement on the test database, whichever it is.
async fn exec(app: &TestApp, sql: &'static str) {
    match &app.state.db {
        app::db::Db::Sqlite(pool) => {
            sqlx::query(sql).execute(pool).await.unwrap();
        }
        app::db::Db::Postgres(pool) => {
            sqlx::query(sql).execute(pool).await.unwrap();
        }
    }
}

pub(crate) async fn person_id(app: &TestApp, email: &str) -> PersonId {
    app::db::people::by_email(&app.state.db, email)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A client with a kiosk PIN: (id, name).
pub(crate) async fn client_with_pin(app: &TestApp, name: &str, pin: &str) -> (PersonId, String) {
    let email = app.add_person(Role::Client, name).await;
    let id = person_id(app, &email).await;
    let hash = app::services::auth::hash_password(&app.state, pin.to_owned())
        .await
        .unwrap();
    app::db::people::set_pin(&app.state.db, id, Some(&hash))
        .await
        .unwrap();
    (id, name.to_owned())
}

/// A browser enrolled as a kiosk by a floor staff member.
pub(crate) async fn kiosk_browser(app: &TestApp) -> Client {
    let staff = app.add_person(Role::Staff, "Kim Floor").await;
    let browser = app.browser_for();
    assert_eq!(
        app.sign_in_with(&browser, &staff, PASSWORD).await.status(),
        303
    );
    let enrolled = post(
        app,
        &browser,
        "/kiosk",
        "/fn/enroll_kiosk",
        &[("name", "Tablet")],
    )
    .await;
    assert_eq!(enrolled.status(), 303, "the tablet is enrolled");
    browser
}

pub(crate) async fn pin_sign_in(
    app: &TestApp,
    kiosk: &Client,
    id: PersonId,
    pin: &str,
) -> reqwest::Response {
    let person = id.0.to_string();
    post(
        app,
        kiosk,
        "/kiosk",
        "/fn/kiosk_sign_in",
        &[("person_id", &person), ("pin", pin)],
    )
    .await
}

/// Whether the kiosk shows its client's own screen (signed in).
async fn kiosk_signed_in(app: &TestApp, kiosk: &Client, name: &str) -> bool {
    let answer = kiosk.get(app.url("/kiosk/home")).send().await.unwrap();
    answer.status() == 200
        && answer
            .text()
            .await
            .unwrap()
            .contains(&format!("Hello, {name}"))
}

async fn background_polls_do_not_keep_a_kiosk_session_alive_but_a_person_does(
    backend: tests::Backend,
) {
    let app = TestApp::spawn(backend).await;
    exec(&app, "UPDATE facilities SET kiosk_idle_seconds = 3").await;
    let (id, name) = client_with_pin(&app, "Pia K.", "583920").await;
    let kiosk = kiosk_browser(&app).await;
    assert_eq!(pin_sign_in(&app, &kiosk, id, "583920").await.status(), 303);
    // A person using the tablet stays signed in past the idle time.
    for _ in 0..8 {
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        assert!(
            kiosk_signed_in(&app, &kiosk, &name).await,
            "a person's requests keep it"
        );
    }
    // The pages' own polls (the RSVP count, the karaoke queue) do not.
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_millis(4_500) {
        for poll in [
            "/fn/rsvp_summary?id=1&key=x",
            "/fn/karaoke_version?id=1&key=x",
        ] {
            kiosk.get(app.url(poll)).send().await.unwrap();
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    assert!(
        !kiosk_signed_in(&app, &kiosk, &name).await,
        "signed out after the idle time"
    );
}

async fn a_kiosk_session_has_a_hard_end(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let (id, name) = client_with_pin(&app, "Hal K.", "604713").await;
    let kiosk = kiosk_browser(&app).await;
    assert_eq!(pin_sign_in(&app, &kiosk, id, "604713").await.status(), 303);
    let sessions = app::db::sessions::list_for_person(&app.state.db, id, app::db::now())
        .await
        .unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(
        sessions[0].ends_at - sessions[0].created_at,
        app::services::auth::KIOSK_SESSION_MAX
    );
    assert!(kiosk_signed_in(&app, &kiosk, &name).await);
    // However busy, the session ends at its end.
    exec(&app, "UPDATE sessions SET ends_at = created_at").await;
    assert!(!kiosk_signed_in(&app, &kiosk, &name).await);
}

async fn pins_need_six_digits_that_are_not_guessable(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.add_person(Role::Staff, "Sol Staff").await;
    let browser = app.browser_for();
    app.sign_in_with(&browser, &staff, PASSWORD).await;
    let (id, _) = client_with_pin(&app, "Lu P.", "715382").await;
    let page = format!("/people/{}", id.0);
    let person = id.0.to_string();
    for (pin, reason) in [
        ("4821", "A PIN is 6 to 8 digits."),
        ("123456", "Choose a PIN that is harder to guess"),
        ("777777", "Choose a PIN that is harder to guess"),
        ("199203", "Choose a PIN that is harder to guess"),
    ] {
        let refused = post(
            &app,
            &browser,
            &page,
            "/fn/set_pin",
            &[("id", &person), ("pin", pin)],
        )
        .await;
        assert_eq!(refused.status(), 422, "{pin}");
        assert!(refused.text().await.unwrap().contains(reason), "{pin}");
    }
    // A PIN from before the rule is marked for staff until it is changed.
    exec(
        &app,
        "UPDATE people SET pin_legacy = (1 = 1) WHERE pin_hash IS NOT NULL",
    )
    .await;
    let html = browser
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("data-testid=\"legacy-pin\""),
        "staff see the short PIN"
    );
    let set = post(
        &app,
        &browser,
        &page,
        "/fn/set_pin",
        &[("id", &person), ("pin", "826491")],
    )
    .await;
    assert_eq!(set.status(), 303);
    let html = browser
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("data-testid=\"legacy-pin\""));
}

async fn wrong_pins_lock_the_tablet_until_staff_unlock_it(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let kiosk = kiosk_browser(&app).await;
    let mut clients = Vec::new();
    for (n, pin) in ["583920", "604713", "715382", "826491", "937150"]
        .iter()
        .enumerate()
    {
        clients.push((
            client_with_pin(&app, &format!("Kid{n} K."), pin).await,
            *pin,
        ));
    }
    // Two wrong PINs each, spread over five clients: ten. A client who
    // signs in with their own PIN in between does not start the count
    // over (or they could guess the others' without end).
    for round in 0..2 {
        for ((id, _), _) in &clients {
            let wrong = pin_sign_in(&app, &kiosk, *id, "000111").await;
            let status = wrong.status();
            let retry_after = wrong.headers().get("retry-after").cloned();
            let body = wrong.text().await.unwrap();
            if round == 1 && id == &clients[4].0.0 {
                assert_eq!(status, 429, "the tenth wrong PIN locks the tablet");
                assert!(retry_after.is_some(), "a lock says when to look again");
                assert!(body.contains("This tablet is locked"), "{body}");
            } else {
                assert_eq!(status, 422);
            }
        }
        if round == 0 {
            let ((id, _), pin) = &clients[0];
            assert_eq!(pin_sign_in(&app, &kiosk, *id, pin).await.status(), 303);
            let out = post(&app, &kiosk, "/kiosk/home", "/fn/sign_out", &[]).await;
            assert_eq!(out.status(), 303, "the client signs out");
        }
    }
    // Locked: even the right PIN is refused, and no names are shown.
    let ((first, name), pin) = &clients[0];
    // (The locked kiosk page has no form; the CSRF token comes from another.)
    let person = first.0.to_string();
    let right = post(
        &app,
        &kiosk,
        "/sign-in",
        "/fn/kiosk_sign_in",
        &[("person_id", &person), ("pin", pin)],
    )
    .await;
    assert_eq!(right.status(), 429);
    let page = kiosk
        .get(app.url("/kiosk"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("data-testid=\"kiosk-locked\""));
    assert!(
        !page.contains(name.as_str()),
        "a locked tablet lists no one"
    );
    // An admin unlocks it from the settings page.
    let admin = app.add_person(Role::Admin, "Ada Admin").await;
    let office = app.browser_for();
    app.sign_in_with(&office, &admin, PASSWORD).await;
    let settings = office
        .get(app.url("/settings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        settings.contains("Locked after 10 wrong PINs"),
        "settings show the lock"
    );
    let tablet = app::db::kiosks::list(&app.state.db, 1).await.unwrap()[0]
        .id
        .to_string();
    let unlocked = post(
        &app,
        &office,
        "/settings",
        "/fn/unlock_kiosk",
        &[("kiosk", &tablet)],
    )
    .await;
    assert_eq!(unlocked.status(), 303);
    assert_eq!(pin_sign_in(&app, &kiosk, *first, pin).await.status(), 303);
    assert!(kiosk_signed_in(&app, &kiosk, name).await);
}

async fn a_revoked_tablet_stops_on_its_next_request(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let (id, name) = client_with_pin(&app, "Ray K.", "583920").await;
    let kiosk = kiosk_browser(&app).await;
    assert_eq!(pin_sign_in(&app, &kiosk, id, "583920").await.status(), 303);
    assert!(kiosk_signed_in(&app, &kiosk, &name).await);
    // Floor staff (not only an admin in /settings) list the tablets on the
    // kiosk page of their own computer and revoke a lost one there.
    let staff = app.add_person(Role::Staff, "Flo Floor").await;
    let office = app.browser_for();
    app.sign_in_with(&office, &staff, PASSWORD).await;
    let listed = office
        .get(app.url("/kiosk"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        listed.contains("data-testid=\"kiosk-tablet\"") && listed.contains("Tablet"),
        "{listed}"
    );
    let tablet = app::db::kiosks::list(&app.state.db, 1).await.unwrap()[0]
        .id
        .to_string();
    let revoked = post(
        &app,
        &office,
        "/kiosk",
        "/fn/revoke_kiosk",
        &[("kiosk", &tablet), ("back", "/kiosk")],
    )
    .await;
    assert_eq!(revoked.status(), 303);
    assert_eq!(
        revoked.headers()["location"],
        "/kiosk",
        "back where it was done"
    );
    assert!(
        !kiosk_signed_in(&app, &kiosk, &name).await,
        "the client is signed out"
    );
    let page = kiosk
        .get(app.url("/kiosk"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains(&name), "the tablet lists no one");
    assert!(!page.contains("Kiosk PIN"), "and takes no PIN");
}

async fn disabling_an_account_stops_its_sessions_tokens_and_feed_link_at_once(
    backend: tests::Backend,
) {
    let app = TestApp::spawn(backend).await;
    let email = app.add_person(Role::Staff, "Dee Leaving").await;
    let id = person_id(&app, &email).await;
    let token = app::services::auth::create_token(&app.state, &email, "laptop")
        .await
        .unwrap();
    let browser = app.browser_for();
    assert_eq!(
        app.sign_in_with(&browser, &email, PASSWORD).await.status(),
        303
    );
    let made = post(
        &app,
        &browser,
        "/me/calendar",
        "/fn/new_feed_link",
        &[("person", &id.0.to_string())],
    )
    .await;
    assert_eq!(made.status(), 303);
    let feed_page = browser
        .get(app.url("/me/calendar"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let feed = feed_page
        .split("/feeds/")
        .nth(1)
        .and_then(|rest| rest.split(".ics").next())
        .expect("the new link is shown")
        .to_owned();
    let api = |token: String| {
        let app = &app;
        async move {
            app.api
                .get(app.url("/api/v1/events"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(api(token.clone()).await, 200);

    let admin = app.add_person(Role::Admin, "Ada Admin").await;
    let office = app.browser_for();
    app.sign_in_with(&office, &admin, PASSWORD).await;
    let page = format!("/people/{}", id.0);
    let disabled = post(
        &app,
        &office,
        &page,
        "/fn/set_account_disabled",
        &[("person", &id.0.to_string()), ("disabled", "true")],
    )
    .await;
    assert_eq!(disabled.status(), 303);

    let me = browser.get(app.url("/me")).send().await.unwrap();
    assert!(me.status().is_redirection(), "the session ended");
    assert_eq!(api(token.clone()).await, 401, "the API token stopped");
    let calendar = app
        .api
        .get(app.url(&format!("/feeds/{feed}.ics")))
        .send()
        .await
        .unwrap();
    let body = calendar.text().await.unwrap();
    assert!(
        !body.contains("BEGIN:VEVENT"),
        "the feed link gives nothing"
    );
    let again = app.sign_in_with(&app.browser_for(), &email, PASSWORD).await;
    assert_eq!(again.status(), 422);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("This account is disabled")
    );

    let enabled = post(
        &app,
        &office,
        &page,
        "/fn/set_account_disabled",
        &[("person", &id.0.to_string()), ("disabled", "false")],
    )
    .await;
    assert_eq!(enabled.status(), 303);
    assert_eq!(
        app.sign_in_with(&app.browser_for(), &email, PASSWORD)
            .await
            .status(),
        303
    );
    assert_eq!(api(token).await, 401, "revoked tokens stay revoked");
}

async fn a_reset_password_must_be_changed_before_anything_else(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let email = app.add_person(Role::Staff, "Rob Reset").await;
    let id = person_id(&app, &email).await;
    let temporary = app::services::access::reset_password(&app.state, id)
        .await
        .unwrap();
    assert_eq!(
        app.sign_in_with(&app.browser_for(), &email, PASSWORD)
            .await
            .status(),
        422,
        "the old password stopped"
    );
    let browser = app.browser_for();
    let signed_in = app.sign_in_with(&browser, &email, &temporary).await;
    assert_eq!(signed_in.status(), 303);
    assert_eq!(signed_in.headers()["location"], "/me/password");
    let elsewhere = browser.get(app.url("/calendar")).send().await.unwrap();
    assert_eq!(
        elsewhere.headers()["location"],
        "/me/password",
        "nothing else first"
    );
    // Nor does any server function run first: a form posted without
    // JavaScript is sent to the password page, a script's call is refused,
    // and nothing was done.
    let person = id.0.to_string();
    let link = post(
        &app,
        &browser,
        "/me/password",
        "/fn/new_feed_link",
        &[("person", &person)],
    )
    .await;
    assert_eq!(link.status(), 303);
    assert_eq!(link.headers()["location"], "/me/password");
    let call = browser
        .get(app.url("/fn/my_sessions"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(call.status(), 403, "a server function waits too");
    let links: i64 = {
        let sql = "SELECT COUNT(*) FROM feed_tokens WHERE person_id = $1";
        match &app.state.db {
            app::db::Db::Sqlite(pool) => sqlx::query_scalar(sql)
                .bind(id.0)
                .fetch_one(pool)
                .await
                .unwrap(),
            app::db::Db::Postgres(pool) => sqlx::query_scalar(sql)
                .bind(id.0)
                .fetch_one(pool)
                .await
                .unwrap(),
        }
    };
    assert_eq!(links, 0, "no calendar link was made");
    let wrong = post(
        &app,
        &browser,
        "/me/password",
        "/fn/change_password",
        &[
            ("current_password", "not it"),
            ("new_password", "a brand new password"),
        ],
    )
    .await;
    assert_eq!(wrong.status(), 422);
    assert!(
        wrong
            .text()
            .await
            .unwrap()
            .contains("That is not your current password.")
    );
    let changed = post(
        &app,
        &browser,
        "/me/password",
        "/fn/change_password",
        &[
            ("current_password", &temporary),
            ("new_password", "a brand new password"),
        ],
    )
    .await;
    assert_eq!(changed.status(), 303);
    assert_eq!(
        browser
            .get(app.url("/calendar"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        app.sign_in_with(&app.browser_for(), &email, "a brand new password")
            .await
            .status(),
        303
    );
}

async fn signing_in_again_ends_the_old_session_and_a_person_ends_their_others(
    backend: tests::Backend,
) {
    let app = TestApp::spawn(backend).await;
    let email = app.add_person(Role::Staff, "Sid Sessions").await;
    let id = person_id(&app, &email).await;
    let live = || async {
        app::db::sessions::list_for_person(&app.state.db, id, app::db::now())
            .await
            .unwrap()
            .len()
    };
    let laptop = app.browser_for();
    app.sign_in_with(&laptop, &email, PASSWORD).await;
    app.sign_in_with(&laptop, &email, PASSWORD).await;
    assert_eq!(
        live().await,
        1,
        "signing in again ends the browser's old session"
    );
    let phone = app.browser_for();
    app.sign_in_with(&phone, &email, PASSWORD).await;
    assert_eq!(live().await, 2);
    let page = laptop
        .get(app.url("/me/sessions"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(page.matches("data-testid=\"session\"").count(), 2);
    assert!(page.contains("This browser"));
    let ended = post(&app, &laptop, "/me/sessions", "/fn/end_other_sessions", &[]).await;
    assert_eq!(ended.status(), 303);
    assert_eq!(live().await, 1);
    assert!(
        phone
            .get(app.url("/me"))
            .send()
            .await
            .unwrap()
            .status()
            .is_redirection(),
        "the phone is signed out"
    );
    assert_eq!(
        laptop.get(app.url("/me")).send().await.unwrap().status(),
        200,
        "this browser stays"
    );
    // The CLI's `session revoke` ends the last one.
    assert_eq!(
        app::services::access::end_all_sessions(&app.state, id)
            .await
            .unwrap(),
        1
    );
    assert!(
        laptop
            .get(app.url("/me"))
            .send()
            .await
            .unwrap()
            .status()
            .is_redirection()
    );
}

async fn private_answers_are_never_stored_and_pages_cannot_be_framed(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let anonymous = app.browser.get(app.url("/sign-in")).send().await.unwrap();
    let csp = anonymous.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(
        csp.contains("script-src 'self' 'nonce-"),
        "pages allow only their own scripts: {csp}"
    );
    let again = app.browser.get(app.url("/sign-in")).send().await.unwrap();
    assert_ne!(
        again.headers()["content-security-policy"].to_str().unwrap(),
        csp,
        "a new nonce each time"
    );
    let health = app.api.get(app.url("/healthz")).send().await.unwrap();
    assert!(
        health.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert!(
        anonymous
            .headers()
            .get("strict-transport-security")
            .is_none(),
        "no HSTS over http"
    );
    let email = app.add_person(Role::RecreationStaff, "Cat Cache").await;
    let browser = app.browser_for();
    app.sign_in_with(&browser, &email, PASSWORD).await;
    for path in ["/calendar", "/me", "/fn/my_sessions"] {
        let answer = browser.get(app.url(path)).send().await.unwrap();
        assert_eq!(answer.headers()["cache-control"], "no-store", "{path}");
    }
    let token = app.staff_token().await;
    let api = app
        .api
        .get(app.url("/api/v1/events"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(api.headers()["cache-control"], "no-store");

    let https = TestApp::spawn_with(backend, |c| {
        c.site_url = Some("https://hearth.example.org".to_owned())
    })
    .await;
    let answer = https.api.get(https.url("/healthz")).send().await.unwrap();
    assert_eq!(
        answer.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
}

async fn a_refused_form_never_echoes_a_pin(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.add_person(Role::Staff, "Pat Pin").await;
    let browser = app.browser_for();
    app.sign_in_with(&browser, &staff, PASSWORD).await;
    let (id, _) = client_with_pin(&app, "Ed P.", "715382").await;
    let page = format!("/people/{}", id.0);
    let refused = post(
        &app,
        &browser,
        &page,
        "/fn/set_pin",
        &[("id", &id.0.to_string()), ("pin", "97531")],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("A PIN is 6 to 8 digits."));
    assert!(!html.contains("97531"), "the typed PIN is not in the page");
}

async fn a_new_feed_link_lives_in_the_session_not_a_cookie(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let email = app.add_person(Role::Staff, "Fay Feed").await;
    let id = person_id(&app, &email).await.0.to_string();
    let browser = app.browser_for();
    app.sign_in_with(&browser, &email, PASSWORD).await;
    let made = post(
        &app,
        &browser,
        "/me/calendar",
        "/fn/new_feed_link",
        &[("person", &id)],
    )
    .await;
    assert_eq!(made.status(), 303);
    for cookie in made.headers().get_all("set-cookie") {
        assert!(
            !cookie.to_str().unwrap().contains("feed_link"),
            "{cookie:?}"
        );
    }
    let page = browser
        .get(app.url("/me/calendar"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("/feeds/"),
        "shown to the session that made it"
    );
    post(&app, &browser, "/me", "/fn/sign_out", &[]).await;
    app.sign_in_with(&browser, &email, PASSWORD).await;
    let page = browser
        .get(app.url("/me/calendar"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains("/feeds/"),
        "gone with the session it was shown to"
    );
    // Once its time has passed, the sweep forgets the raw link: no row
    // (and so no backup) keeps it.
    let kept = || async {
        let sql = "SELECT COUNT(*) FROM sessions WHERE reveal IS NOT NULL";
        match &app.state.db {
            app::db::Db::Sqlite(pool) => sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(pool)
                .await
                .unwrap(),
            app::db::Db::Postgres(pool) => sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(pool)
                .await
                .unwrap(),
        }
    };
    let made = post(
        &app,
        &browser,
        "/me/calendar",
        "/fn/new_feed_link",
        &[("person", &id)],
    )
    .await;
    assert_eq!(made.status(), 303);
    assert_eq!(kept().await, 1);
    app::db::sessions::forget_reveals(&app.state.db, app::db::now())
        .await
        .unwrap();
    assert_eq!(kept().await, 1, "kept while it may still be shown");
    app::db::sessions::forget_reveals(
        &app.state.db,
        app::db::now() + chrono::Duration::minutes(11),
    )
    .await
    .unwrap();
    assert_eq!(kept().await, 0, "forgotten after its time");
}

/// Creates an event two days out; answers (id, key of its occurrence).
async fn event(app: &TestApp, token: &str, kind: &str) -> (i64, String) {
    use chrono::{Duration, SecondsFormat, Utc};
    let at = |h: i64| (Utc::now() + Duration::hours(h)).to_rfc3339_opts(SecondsFormat::Secs, true);
    create_event(
        app,
        token,
        serde_json::json!({"kind": kind, "title": format!("A {kind}"), "start": at(48), "end": at(50)}),
    )
    .await
}

/// Fills every column that ties free text to a client — name, e-mail,
/// sign-in name, house, a dish they offered, a song they queued, a token's
/// label, a session's browser — with words found nowhere else, purges the
/// client, and finds none of the words in the whole SQLite file (and its
/// log) or in any row of any PostgreSQL table.
async fn the_retention_purge_leaves_no_trace_of_a_client_anywhere(backend: tests::Backend) {
    use reqwest::Method;
    use serde_json::json;
    let app = TestApp::spawn(backend).await;
    let word = |prefix: &str| format!("{prefix}{}", &tests::unique("")[..10]);
    let first = word("Zorb");
    let email = format!("{}@example.org", word("gone-"));
    let login = word("gone.");
    let house = word("House-");
    let dish = word("Casserole-");
    let song = word("Ballad-");
    let artist = word("Band-");
    let label = word("phone-");
    let browser_name = word("Agent/");
    let facility = app::db::facilities::first(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let client = app::services::people::add_client(
        &app.state,
        facility.id,
        app::services::people::NewClient {
            name: format!("{first} Q."),
            email: email.clone(),
            login: login.clone(),
            password: PASSWORD.to_owned(),
            house: house.clone(),
            ..Default::default()
        },
        app::services::facilities::today(&facility),
    )
    .await
    .unwrap();
    let token = app::services::auth::create_token(&app.state, &email, &label)
        .await
        .unwrap();
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(browser_name.clone())
        .build()
        .unwrap();
    assert_eq!(
        app.sign_in_with(&browser, &email, PASSWORD).await.status(),
        303
    );

    let staff = app.staff_token().await;
    let me = client.id.0;
    let (potluck, potluck_key) = event(&app, &staff, "potluck").await;
    let (status, slot) = api(
        &app,
        &staff,
        Method::POST,
        &format!("/api/v1/events/{potluck}/occurrences/{potluck_key}/slots"),
        json!({"category": "main", "quantity": 2}),
    )
    .await;
    assert_eq!(status, 201, "{slot}");
    let rsvp = |id: i64, key: String| {
        let (app, token) = (&app, token.clone());
        async move {
            let (status, body) = api(
                app,
                &token,
                Method::PUT,
                &format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{me}"),
                json!({"response": "going"}),
            )
            .await;
            assert_eq!(status, 200, "{body}");
        }
    };
    rsvp(potluck, potluck_key.clone()).await;
    let (status, claim) = api(
        &app,
        &token,
        Method::POST,
        &format!(
            "/api/v1/events/{potluck}/occurrences/{potluck_key}/slots/{}/claims",
            slot["id"]
        ),
        json!({"dish": dish, "allergens": ["gluten"]}),
    )
    .await;
    assert_eq!(status, 201, "{claim}");
    let (karaoke, karaoke_key) = event(&app, &staff, "karaoke").await;
    rsvp(karaoke, karaoke_key.clone()).await;
    let (status, added) = api(
        &app,
        &token,
        Method::POST,
        &format!("/api/v1/events/{karaoke}/occurrences/{karaoke_key}/songs"),
        json!({"title": song, "artist": artist}),
    )
    .await;
    assert_eq!(status, 201, "{added}");

    let secrets = [
        &first,
        &email,
        &login,
        &house,
        &dish,
        &song,
        &artist,
        &label,
        &browser_name,
    ];
    // Before: every word is somewhere (so the scan below can fail).
    let found_before = scan(&app).await;
    for secret in secrets {
        assert!(
            found_before.contains(secret.as_str()),
            "{secret} was never stored"
        );
    }

    let (status, _) = api(
        &app,
        &staff,
        Method::POST,
        &format!("/api/v1/people/{me}/discharge"),
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    app::db::facilities::set_policies(&app.state.db, facility.id, 0, 60, facility.default_lang)
        .await
        .unwrap();
    let (_, purged) = app::services::people::daily_lifecycle(&app.state)
        .await
        .unwrap();
    assert!(purged >= 1);

    let found_after = scan(&app).await;
    for secret in secrets {
        assert!(
            !found_after.contains(secret.as_str()),
            "{secret} is still in the database"
        );
    }
}

/// Everything the database holds, as text: the SQLite file and its
/// write-ahead log byte for byte, or every row of every PostgreSQL table.
async fn scan(app: &TestApp) -> String {
    match &app.state.db {
        app::db::Db::Sqlite(pool) => {
            let file: String =
                sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
                    .fetch_one(pool)
                    .await
                    .unwrap();
            let mut bytes = std::fs::read(&file).unwrap();
            if let Ok(log) = std::fs::read(format!("{file}-wal")) {
                bytes.extend(log);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
        app::db::Db::Postgres(pool) => {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            assert!(tables.len() > 10, "{tables:?}");
            let mut all = String::new();
            for table in tables {
                let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT CAST(row_to_json(t) AS TEXT) FROM \"{table}\" t"
                )))
                .fetch_all(pool)
                .await
                .unwrap();
                all.push_str(&rows.join("\n"));
            }
            all
        }
    }
}

async fn a_client_name_with_a_surname_is_refused(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.staff_token().await;
    let (status, body) = api(
        &app,
        &staff,
        reqwest::Method::POST,
        "/api/v1/people",
        serde_json::json!({"name": "Maria Gonzalez G."}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body.to_string().contains("Give one preferred first name"),
        "{body}"
    );
}

async fn the_public_board_shows_exactly_what_the_public_feeds_show(backend: tests::Backend) {
    use chrono::{Duration, SecondsFormat, Timelike, Utc};
    let app = TestApp::spawn(backend).await;
    let facility = app::db::facilities::first(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    app::db::facilities::set_public_board(&app.state.db, facility.id, true)
        .await
        .unwrap();
    let staff = app.staff_token().await;
    // Today in the facility's zone, whatever the hour.
    let zone: chrono_tz::Tz = tests::TEST_ZONE.parse().unwrap();
    let lead = if Utc::now().with_timezone(&zone).hour() >= 23 {
        1
    } else {
        20
    };
    let at =
        |m: i64| (Utc::now() + Duration::minutes(m)).to_rfc3339_opts(SecondsFormat::Secs, true);
    let mut titles = Vec::new();
    for (kind, audience) in [
        ("recreation", "everyone"),
        ("recreation", "clients"),
        ("twelve_step", "everyone"),
    ] {
        let title = format!("Board {}", &tests::unique("")[..8]);
        let mut body = serde_json::json!({"kind": kind, "title": title, "audience": audience,
                                          "start": at(lead), "end": at(lead + 30)});
        if kind == "twelve_step" {
            body["fellowship"] = serde_json::json!("aa");
            body["meeting_types"] = serde_json::json!(["O"]);
        }
        let (status, created) =
            api(&app, &staff, reqwest::Method::POST, "/api/v1/events", body).await;
        assert_eq!(status, 201, "{created}");
        titles.push(title);
    }
    let board = app
        .api
        .get(app.url("/today"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(board.status(), 200);
    let html = board.text().await.unwrap();
    assert!(
        html.contains(&titles[0]),
        "an event for everyone is on the public board"
    );
    assert!(!html.contains(&titles[1]), "a clients-only event is not");
    assert!(!html.contains(&titles[2]), "nor a 12-step meeting");
    // A signed-in client on the board sees what clients see.
    let email = app.add_person(Role::Client, "Cy K.").await;
    let browser = app.browser_for();
    app.sign_in_with(&browser, &email, PASSWORD).await;
    let html = browser
        .get(app.url("/today"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&titles[1]),
        "signed in, clients-only events show"
    );
}

async fn staff_reset_a_password_and_sign_someone_out_from_their_page(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let email = app.add_person(Role::Staff, "Pia Phone").await;
    let id = person_id(&app, &email).await;
    let phone = app.browser_for();
    assert_eq!(
        app.sign_in_with(&phone, &email, PASSWORD).await.status(),
        303
    );
    let admin = app.add_person(Role::Admin, "Ada Admin").await;
    let office = app.browser_for();
    app.sign_in_with(&office, &admin, PASSWORD).await;
    let page = format!("/people/{}", id.0);
    let person = id.0.to_string();

    // A lost phone: signed out everywhere from the person's page.
    let ended = post(
        &app,
        &office,
        &page,
        "/fn/sign_out_everywhere",
        &[("person", &person)],
    )
    .await;
    assert_eq!(ended.status(), 303);
    assert!(
        phone
            .get(app.url("/me"))
            .send()
            .await
            .unwrap()
            .status()
            .is_redirection()
    );

    // A forgotten password: a temporary one, shown once on the page to the
    // staff member who made it, never in a cookie.
    let reset = post(
        &app,
        &office,
        &page,
        "/fn/reset_password",
        &[("person", &person)],
    )
    .await;
    assert_eq!(reset.status(), 303);
    let cookies: Vec<String> = reset
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_owned())
        .collect();
    let html = office
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let start = html
        .find("<code>")
        .expect("the temporary password is shown")
        + "<code>".len();
    let temporary = html[start..start + html[start..].find("</code>").unwrap()].to_owned();
    assert_eq!(temporary.len(), 19, "{temporary}");
    assert!(
        cookies.iter().all(|c| !c.contains(&temporary)),
        "{cookies:?}"
    );
    let elsewhere = app.browser_for();
    app.sign_in_with(&elsewhere, &admin, PASSWORD).await;
    let other = elsewhere
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !other.contains(&temporary),
        "only the session that made it sees it"
    );
    let signed_in = app
        .sign_in_with(&app.browser_for(), &email, &temporary)
        .await;
    assert_eq!(signed_in.headers()["location"], "/me/password");
}
