use app::domain::person::Role;
use app::domain::throttle::Throttle;
use tests::{PASSWORD, TestApp, on_both_backends};

/// The documented budgets, with a first wait of a minute: requests in a
/// debug build take long enough that a one-second wait could pass between
/// two of them.
fn slow() -> Throttle {
    let mut t = Throttle::default();
    t.account.first_delay = chrono::Duration::minutes(1);
    t.address.first_delay = chrono::Duration::minutes(1);
    t
}

on_both_backends!(
    signing_in_works_with_the_right_password_and_fails_with_a_wrong_one,
    signing_out_ends_the_session,
    repeated_failures_make_the_account_wait_a_little,
    attempts_made_at_once_are_counted_one_by_one,
    pins_tried_at_once_are_counted_one_by_one,
    guessing_from_elsewhere_does_not_keep_the_owner_out_of_their_own_browser,
    an_account_has_one_budget_whichever_name_is_typed,
    people_who_sign_in_right_never_slow_down_their_address,
    behind_a_trusted_proxy_each_client_address_has_its_own_budget,
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

async fn repeated_failures_make_the_account_wait_a_little(backend: tests::Backend) {
    // A first wait of three seconds: long enough to see, short enough to wait.
    let mut throttle = Throttle::default();
    throttle.account.first_delay = chrono::Duration::seconds(3);
    let app = TestApp::spawn_with(backend, |c| c.throttle = throttle).await;
    let email = app.add_person(Role::Staff, "Alex Moreno").await;
    for _ in 0..app::domain::throttle::ACCOUNT.free {
        assert_eq!(app.sign_in(&email, "wrong password").await.status(), 422);
    }
    let waiting = app.sign_in(&email, PASSWORD).await;
    assert_eq!(waiting.status(), 429, "even the right password waits now");
    let retry_after: u64 = waiting.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3).contains(&retry_after), "{retry_after}");
    let page = waiting.text().await.unwrap();
    assert!(
        page.contains(&format!(
            "Too many attempts. Try again in {retry_after} second"
        )),
        "{page}"
    );

    // Another account from the same address is not held back.
    let other = app.add_person(Role::Staff, "Jo Other").await;
    assert_eq!(app.sign_in(&other, PASSWORD).await.status(), 303);

    // After the wait, the right password works, and the count starts over.
    tokio::time::sleep(std::time::Duration::from_secs(retry_after)).await;
    let fresh = app.browser_for();
    assert_eq!(
        app.sign_in_with(&fresh, &email, PASSWORD).await.status(),
        303
    );
    assert_eq!(app.sign_in(&email, "wrong password").await.status(), 422);
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

/// Forty wrong passwords for one account at the same moment: the attempt
/// is counted before the password is checked, so exactly the free attempts
/// are checked (422) and every other one is refused (429) with
/// `Retry-After`.
async fn attempts_made_at_once_are_counted_one_by_one(backend: tests::Backend) {
    let app = TestApp::spawn_with(backend, |c| c.throttle = slow()).await;
    let email = app.add_person(Role::Staff, "Sam Flood").await;
    let token = app.csrf_token("/sign-in").await;
    let tasks: Vec<_> = (0..40)
        .map(|_| {
            let browser = app.browser.clone();
            let (url, referer) = (app.url("/fn/sign_in"), app.url("/sign-in"));
            let (email, token) = (email.clone(), token.clone());
            tokio::spawn(async move {
                let response = browser
                    .post(url)
                    .header("accept", "text/html")
                    .header("referer", referer)
                    .form(&[
                        ("csrf_token", token.as_str()),
                        ("email", email.as_str()),
                        ("password", "a wrong password"),
                    ])
                    .send()
                    .await
                    .unwrap();
                (
                    response.status().as_u16(),
                    response.headers().contains_key("retry-after"),
                )
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    // Past the budget: checked (422), or — on a loaded machine — counted
    // but turned away by the full hashing queue (503); either way exactly
    // the free attempts got past the count.
    let checked = answers
        .iter()
        .filter(|(status, _)| *status == 422 || *status == 503)
        .count();
    let refused = answers.iter().filter(|(status, _)| *status == 429).count();
    assert_eq!(
        checked as i64,
        app::domain::throttle::ACCOUNT.free,
        "{answers:?}"
    );
    assert_eq!(
        checked + refused,
        40,
        "nothing else was answered: {answers:?}"
    );
    assert!(
        answers
            .iter()
            .all(|(status, retry)| *status != 429 || *retry),
        "every refusal says when to try again"
    );
}

/// The same for kiosk PINs: forty wrong PINs for one client at once on one
/// tablet, and exactly the client's free attempts are checked.
async fn pins_tried_at_once_are_counted_one_by_one(backend: tests::Backend) {
    let app = TestApp::spawn_with(backend, |c| c.throttle = slow()).await;
    let kiosk = crate::access::kiosk_browser(&app).await;
    let (client, _) = crate::access::client_with_pin(&app, "Pat P.", "583920").await;
    let page = kiosk
        .get(app.url("/kiosk"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = tests::csrf_from_html(&page).expect("the kiosk's PIN form");
    let person = client.0.to_string();
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let kiosk = kiosk.clone();
            let (url, referer) = (app.url("/fn/kiosk_sign_in"), app.url("/kiosk"));
            let (person, token) = (person.clone(), token.clone());
            tokio::spawn(async move {
                let pin = format!("{}", 700_000 + i);
                let response = kiosk
                    .post(url)
                    .header("accept", "text/html")
                    .header("referer", referer)
                    .form(&[
                        ("csrf_token", token.as_str()),
                        ("person_id", person.as_str()),
                        ("pin", pin.as_str()),
                    ])
                    .send()
                    .await
                    .unwrap();
                (
                    response.status().as_u16(),
                    response.headers().contains_key("retry-after"),
                )
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    let checked = answers
        .iter()
        .filter(|(status, _)| *status == 422 || *status == 503)
        .count();
    let refused = answers.iter().filter(|(status, _)| *status == 429).count();
    assert_eq!(
        checked as i64,
        app::domain::throttle::ACCOUNT.free,
        "{answers:?}"
    );
    assert_eq!(checked + refused, 40, "nothing else: {answers:?}");
    assert!(
        answers
            .iter()
            .all(|(status, retry)| *status != 429 || *retry),
        "every refusal says when to try again"
    );
}

/// Someone who knows a staff member's e-mail and keeps guessing makes the
/// account wait on every other browser, but not on the owner's own (the
/// one they signed in from before: its device cookie); and a wrong
/// password from the owner's browser still counts, on that browser.
async fn guessing_from_elsewhere_does_not_keep_the_owner_out_of_their_own_browser(
    backend: tests::Backend,
) {
    let app = TestApp::spawn_with(backend, |c| c.throttle = slow()).await;
    let email = app.add_person(Role::Staff, "Olga Owner").await;
    let laptop = app.browser_for();
    let first = app.sign_in_with(&laptop, &email, PASSWORD).await;
    assert_eq!(first.status(), 303);
    assert!(
        first
            .headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("hearth_device=")),
        "the browser is remembered"
    );
    let out = tests::post_form_from(&app, &laptop, "/me", "/fn/sign_out", &[]).await;
    assert_eq!(out.status(), 303);
    // The guesser, from browsers of their own.
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let guess = app
            .sign_in_with(&app.browser_for(), &email, "is it this one")
            .await;
        statuses.push(guess.status().as_u16());
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    let elsewhere = app.sign_in_with(&app.browser_for(), &email, PASSWORD).await;
    assert_eq!(elsewhere.status(), 429, "the account waits elsewhere");
    let own = app.sign_in_with(&laptop, &email, PASSWORD).await;
    assert_eq!(own.status(), 303, "but not on the owner's own browser");
    let out = tests::post_form_from(&app, &laptop, "/me", "/fn/sign_out", &[]).await;
    assert_eq!(out.status(), 303);
    let mut own_wrong = Vec::new();
    for _ in 0..6 {
        let wrong = app.sign_in_with(&laptop, &email, "a typo").await;
        own_wrong.push(wrong.status().as_u16());
    }
    assert_eq!(
        own_wrong,
        [422, 422, 422, 422, 422, 429],
        "the owner's browser has a budget of its own"
    );
}

/// The e-mail and the sign-in name of one client are one account.
async fn an_account_has_one_budget_whichever_name_is_typed(backend: tests::Backend) {
    let app = TestApp::spawn_with(backend, |c| c.throttle = slow()).await;
    let (email, login) = app.add_client_with_email_and_login("Rae Q.").await;
    for attempt in 0..app::domain::throttle::ACCOUNT.free {
        let name = if attempt % 2 == 0 { &login } else { &email };
        assert_eq!(app.sign_in(name, "a wrong password").await.status(), 422);
    }
    assert_eq!(app.sign_in(&login, "a wrong password").await.status(), 429);
    assert_eq!(app.sign_in(&email, "a wrong password").await.status(), 429);
}

/// A whole floor behind one address (or one shared tablet) signing in with
/// the right passwords, many more times than the address's free attempts,
/// never waits; a stranger's wrong guesses from there still do.
async fn people_who_sign_in_right_never_slow_down_their_address(backend: tests::Backend) {
    let app = TestApp::spawn_with(backend, |c| c.throttle = slow()).await;
    let staff = app.add_person(Role::Staff, "Sam Floor").await;
    for round in 0..3 * app::domain::throttle::ADDRESS.free {
        let browser = app.browser_for();
        let answer = app.sign_in_with(&browser, &staff, tests::PASSWORD).await;
        assert_eq!(
            answer.status(),
            303,
            "sign-in {round} from the floor's address"
        );
    }
    for n in 0..app::domain::throttle::ADDRESS.free {
        let wrong = app
            .sign_in(&format!("nobody{n}@example.org"), "a wrong password")
            .await;
        assert_eq!(wrong.status(), 422, "wrong guess {n}");
    }
    let refused = app
        .sign_in("nobody-more@example.org", "a wrong password")
        .await;
    assert_eq!(
        refused.status(),
        429,
        "the address's free wrong guesses are used up"
    );
}

/// With `--trust-proxy 1` the last `X-Forwarded-For` entry is the client:
/// one device spraying wrong passwords does not hold back another device
/// behind the same proxy; without the setting the header is ignored.
async fn behind_a_trusted_proxy_each_client_address_has_its_own_budget(backend: tests::Backend) {
    use app::state::TrustedProxies;
    let app = TestApp::spawn_with(backend, |c| {
        c.proxies = TrustedProxies::Hops(1);
        c.throttle = slow();
    })
    .await;
    let victim = app.add_person(Role::Staff, "Val Proxy").await;
    let spray = |name: String, forwarded: &'static str| {
        let app = &app;
        async move {
            let token = app.csrf_token("/sign-in").await;
            app.browser
                .post(app.url("/fn/sign_in"))
                .header("accept", "text/html")
                .header("referer", app.url("/sign-in"))
                .header("x-forwarded-for", forwarded)
                .form(&[
                    ("csrf_token", token.as_str()),
                    ("email", name.as_str()),
                    ("password", "a wrong password"),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    // 21 different unknown names from one device: its address budget runs out.
    let mut last = reqwest::StatusCode::OK;
    for n in 0..=app::domain::throttle::ADDRESS.free {
        // A forged entry before the proxy's own changes nothing.
        last = spray(format!("nobody{n}@example.org"), "6.6.6.6, 192.168.1.66").await;
    }
    assert_eq!(last, 429, "the spraying device waits");
    // Another device behind the same proxy signs in at once.
    let token = app.csrf_token("/sign-in").await;
    let other = app
        .browser
        .post(app.url("/fn/sign_in"))
        .header("accept", "text/html")
        .header("referer", app.url("/sign-in"))
        .header("x-forwarded-for", "192.168.1.7")
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", victim.as_str()),
            ("password", tests::PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 303);

    // Without the setting, the header is not believed: every "device" is
    // the test's one connection address.
    let plain = TestApp::spawn_with(backend, |c| c.throttle = slow()).await;
    for n in 0..=app::domain::throttle::ADDRESS.free {
        let token = plain.csrf_token("/sign-in").await;
        let status = plain
            .browser
            .post(plain.url("/fn/sign_in"))
            .header("accept", "text/html")
            .header("referer", plain.url("/sign-in"))
            .header("x-forwarded-for", format!("10.9.8.{n}"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("email", format!("nobody{n}@example.org").as_str()),
                ("password", "a wrong password"),
            ])
            .send()
            .await
            .unwrap()
            .status();
        let expected = if n < app::domain::throttle::ADDRESS.free {
            422
        } else {
            429
        };
        assert_eq!(status, expected, "attempt {n}");
    }
}
