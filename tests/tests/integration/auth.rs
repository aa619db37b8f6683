use app::domain::person::Role;
use tests::{PASSWORD, TestApp, on_both_backends};

on_both_backends!(
    signing_in_works_with_the_right_password_and_fails_with_a_wrong_one,
    signing_out_ends_the_session,
    repeated_failures_lock_the_account_for_a_while,
    session_cookies_are_http_only_and_same_site,
    pages_ask_visitors_to_sign_in,
);

async fn signing_in_works_with_the_right_password_and_fails_with_a_wrong_one(
    backend: tests::Backend,
) {
    let app = TestApp::spawn(backend).await;
    let email = app.add_person(Role::Staff, "Robin Reyes").await;

    let wrong = app.sign_in(&email, "not the password").await;
    assert_eq!(wrong.status(), 422);
    let page = wrong.text().await.unwrap();
    assert!(
        page.contains("That e-mail (or sign-in name) and password do not match an account."),
        "{page}"
    );
    assert!(page.contains(&email), "the e-mail stays in the form");
    let home = app
        .browser
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!home.contains("Robin Reyes"), "still signed out");

    let right = app.sign_in(&email, PASSWORD).await;
    assert_eq!(right.status(), 303);
    assert_eq!(right.headers()["location"], "/");
    let home = app
        .browser
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("Robin Reyes"), "signed in: {home}");
}

async fn signing_out_ends_the_session(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let email = app.add_person(Role::Staff, "Kim Lee").await;
    assert_eq!(app.sign_in(&email, PASSWORD).await.status(), 303);
    let token = app.csrf_token("/").await;
    let out = app
        .post_form("/fn/sign_out", "/", &[("csrf_token", token.as_str())])
        .await;
    assert_eq!(out.status(), 303);
    let home = app
        .browser
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!home.contains("Kim Lee"));
    let new_event = app
        .browser
        .get(app.url("/events/new"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        new_event.status(),
        302,
        "signed-out visitors are sent to sign in"
    );
}

async fn repeated_failures_lock_the_account_for_a_while(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let email = app.add_person(Role::Staff, "Alex Moreno").await;
    for _ in 0..app::services::auth::MAX_FAILURES_PER_ACCOUNT {
        assert_eq!(app.sign_in(&email, "wrong password").await.status(), 422);
    }
    let locked = app.sign_in(&email, PASSWORD).await;
    assert_eq!(locked.status(), 429, "even the right password waits now");
    let page = locked.text().await.unwrap();
    assert!(
        page.contains("Too many attempts. Try again in 15 minutes."),
        "{page}"
    );

    // Another account from the same address is not locked (yet).
    let other = app.add_person(Role::Staff, "Jo Other").await;
    assert_eq!(app.sign_in(&other, PASSWORD).await.status(), 303);
}

async fn session_cookies_are_http_only_and_same_site(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let email = app.add_person(Role::Admin, "Pat Admin").await;
    let response = app.sign_in(&email, PASSWORD).await;
    let cookies: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("hearth_session="))
        .expect("a session cookie");
    assert!(session.contains("HttpOnly"));
    assert!(session.contains("SameSite=Lax"));
    assert!(session.contains("Path=/"));
    let secret = session
        .trim_start_matches("hearth_session=")
        .split(';')
        .next()
        .unwrap();
    assert_eq!(secret.len(), 64, "256 random bits");
}

async fn pages_ask_visitors_to_sign_in(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app
        .browser
        .get(app.url("/events/new"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    assert_eq!(
        response.headers()["location"],
        "/sign-in?next=%2Fevents%2Fnew"
    );
    let home = app.browser.get(app.url("/")).send().await.unwrap();
    assert_eq!(home.status(), 200);
    assert!(home.text().await.unwrap().contains("Sign in to see what"));
}
