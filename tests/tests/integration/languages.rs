//! The language a person gets: their own choice (set by them, or by staff
//! for a client), the language switch for one session (and on a kiosk for
//! one client's session only), the browser's, the facility's; feeds in the
//! facility's language, their owner's, or the one a link asks for.

use app::domain::person::Role;
use app::i18n::Lang;
use reqwest::Client;
use tests::post_form_from as post;
use tests::{PASSWORD, TestApp, on_both_backends};

use crate::access::{client_with_pin, kiosk_browser, person_id, pin_sign_in};

on_both_backends!(
    a_person_reads_hearth_in_their_own_language_and_staff_choose_a_clients,
    the_language_switch_lasts_for_a_session_and_a_kiosk_forgets_it,
    feeds_speak_the_facility_language_their_owners_or_the_one_asked_for,
    pages_link_their_other_languages_and_printouts_follow_the_facility,
    a_facility_chooses_its_clock_and_the_first_day_of_its_weeks,
    spanish_pages_for_staff_carry_no_english,
    the_potluck_refusal_defaults_to_the_reader_s_language_and_custom_words_stay,
    only_a_reset_password_is_said_to_be_reset,
    a_visitor_gets_their_browser_s_language_and_the_api_answers_in_it,
);

/// A browser that asks for English, as most here do.
fn english_browser() -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("accept", "text/html".parse().unwrap());
    headers.insert("accept-language", "en-US,en;q=0.9".parse().unwrap());
    Client::builder()
        .default_headers(headers)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub async fn page(app: &TestApp, browser: &Client, path: &str) -> String {
    let answer = browser.get(app.url(path)).send().await.unwrap();
    assert_eq!(answer.status(), 200, "{path}");
    answer.text().await.unwrap()
}

/// The `lang` of a page's `<html>`.
fn html_lang(html: &str) -> &str {
    let start = html.find("<html lang=\"").expect("an html lang") + "<html lang=\"".len();
    &html[start..start + html[start..].find('"').unwrap()]
}

/// Posts the settings form as an admin's browser does, with the test
/// facility's values but for `changes`.
async fn save_settings(
    app: &TestApp,
    admin: &Client,
    changes: &[(&str, &str)],
) -> reqwest::Response {
    let mut fields = vec![
        ("name", "Test House"),
        ("timezone", tests::TEST_ZONE),
        ("retention_days", "30"),
        ("kiosk_idle_seconds", "60"),
        ("default_lang", "en"),
    ];
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    post(app, admin, "/settings", "/fn/save_settings", &fields).await
}

async fn signed_in(app: &TestApp, email: &str) -> Client {
    let browser = english_browser();
    assert_eq!(
        app.sign_in_with(&browser, email, PASSWORD).await.status(),
        303
    );
    browser
}

async fn a_person_reads_hearth_in_their_own_language_and_staff_choose_a_clients(
    backend: tests::Backend,
) {
    let app = TestApp::spawn(backend).await;
    let client_email = app.add_person(Role::Client, "Rosa M.").await;
    let client = person_id(&app, &client_email).await;
    let staff_email = app.add_person(Role::Staff, "Kim Floor").await;
    let staff = person_id(&app, &staff_email).await;

    // Her browser asks for English; she chooses Spanish on her own page.
    let rosa = signed_in(&app, &client_email).await;
    assert_eq!(html_lang(&page(&app, &rosa, "/me").await), "en");
    let own = client.0.to_string();
    let saved = post(
        &app,
        &rosa,
        "/me",
        "/fn/set_language",
        &[("person", &own), ("lang", "es")],
    )
    .await;
    assert_eq!(saved.status(), 303);
    let me = page(&app, &rosa, "/me").await;
    assert_eq!(html_lang(&me), "es");
    assert!(me.contains("Mis actividades"), "the page is in Spanish");
    assert!(me.contains("Idioma guardado."), "the flash too");
    // A new session keeps it: it is hers, not the browser's.
    let again = signed_in(&app, &client_email).await;
    assert_eq!(html_lang(&page(&app, &again, "/me").await), "es");

    // A language Hearth does not speak is refused and nothing changes.
    let refused = post(
        &app,
        &rosa,
        "/me",
        "/fn/set_language",
        &[("person", &own), ("lang", "fr")],
    )
    .await;
    assert_ne!(refused.status(), 303);
    let stored = app::db::people::get(&app.state.db, client)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.lang, Some(Lang::from_code("es").unwrap()));

    // A client cannot choose for staff.
    let other = staff.0.to_string();
    post(
        &app,
        &rosa,
        "/me",
        "/fn/set_language",
        &[("person", &other), ("lang", "es")],
    )
    .await;
    let kim = app::db::people::get(&app.state.db, staff)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kim.lang, None, "staff's language untouched");

    // Back to the browser's.
    post(
        &app,
        &rosa,
        "/me",
        "/fn/set_language",
        &[("person", &own), ("lang", "")],
    )
    .await;
    assert_eq!(html_lang(&page(&app, &rosa, "/me").await), "en");

    // Staff choose it for her from her page; their own pages stay English.
    let floor = signed_in(&app, &staff_email).await;
    let her_page = format!("/people/{}", client.0);
    assert!(
        page(&app, &floor, &her_page)
            .await
            .contains("data-testid=\"language-preference\"")
    );
    let chosen = post(
        &app,
        &floor,
        &her_page,
        "/fn/set_language",
        &[("person", &own), ("lang", "es")],
    )
    .await;
    assert_eq!(chosen.status(), 303);
    assert_eq!(html_lang(&page(&app, &floor, "/calendar").await), "en");
    assert_eq!(html_lang(&page(&app, &rosa, "/me").await), "es");
    let ada = signed_in(&app, &app.add_person(Role::Admin, "Ada Admin").await).await;
    let audit = page(&app, &ada, "/audit").await;
    let entry = format!(
        "Chose someone's language: person #{} · language: Español",
        client.0
    );
    assert!(audit.contains(&entry), "an audit entry: {audit}");
    assert!(
        !audit.contains("set language"),
        "the stored code is not shown"
    );
    let spanish = page(&app, &ada, "/audit?lang=es").await;
    assert!(
        spanish.contains(&format!(
            "Eligió el idioma de alguien: persona n.º {} · idioma: Español",
            client.0
        )),
        "{spanish}"
    );
    assert!(!spanish.contains("set language") && !spanish.contains("UTC"));
}

async fn the_language_switch_lasts_for_a_session_and_a_kiosk_forgets_it(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;

    // Signed out: the switch holds for this browser and goes back.
    let visitor = english_browser();
    assert_eq!(html_lang(&page(&app, &visitor, "/sign-in").await), "en");
    let switched = visitor
        .get(app.url("/lang?to=es&back=%2Fsign-in%3Fnext%3D%252Fme"))
        .send()
        .await
        .unwrap();
    assert_eq!(switched.status(), 303);
    assert_eq!(switched.headers()["location"], "/sign-in?next=%2Fme");
    let sign_in = page(&app, &visitor, "/sign-in").await;
    assert_eq!(html_lang(&sign_in), "es");
    assert!(sign_in.contains("Iniciar sesión"));
    // Never to another site; an unknown language is a clear 400.
    for elsewhere in ["//example.org/", "https://example.org/"] {
        let answer = visitor
            .get(app.url("/lang"))
            .query(&[("to", "es"), ("back", elsewhere)])
            .send()
            .await
            .unwrap();
        assert_eq!(answer.headers()["location"], "/", "{elsewhere}");
    }
    let unknown = visitor
        .get(app.url("/lang?to=xx&back=/"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 400);
    let body: serde_json::Value = unknown.json().await.unwrap();
    assert!(
        body["error"]["message"].as_str().unwrap().contains("xx"),
        "{body}"
    );

    // Signing in carries the choice onto the session, and only that one.
    let email = app.add_person(Role::Staff, "Lee Floor").await;
    assert_eq!(
        app.sign_in_with(&visitor, &email, PASSWORD).await.status(),
        303
    );
    assert_eq!(html_lang(&page(&app, &visitor, "/calendar").await), "es");
    let elsewhere = signed_in(&app, &email).await;
    assert_eq!(html_lang(&page(&app, &elsewhere, "/calendar").await), "en");
    let back = elsewhere
        .get(app.url("/lang?to=es&back=/calendar"))
        .send()
        .await
        .unwrap();
    assert_eq!(back.status(), 303);
    assert_eq!(html_lang(&page(&app, &elsewhere, "/calendar").await), "es");
    assert_eq!(
        app::db::people::by_email(&app.state.db, &email)
            .await
            .unwrap()
            .unwrap()
            .lang,
        None,
        "a session's switch is not the person's choice"
    );

    // A kiosk: the next client starts from the facility's language again.
    let (id, name) = client_with_pin(&app, "Ana P.", "583920").await;
    let kiosk = kiosk_browser(&app).await;
    post(&app, &kiosk, "/kiosk", "/fn/sign_out", &[]).await;
    assert!(
        page(&app, &kiosk, "/kiosk")
            .await
            .contains("Hello! Who are you?")
    );
    kiosk
        .get(app.url("/lang?to=es&back=/kiosk"))
        .send()
        .await
        .unwrap();
    assert!(
        page(&app, &kiosk, "/kiosk")
            .await
            .contains("¡Hola! ¿Quién eres?")
    );
    let signed = pin_sign_in(&app, &kiosk, id, "583920").await;
    assert_eq!(signed.status(), 303);
    let cleared = signed
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().starts_with("hearth_lang=;"));
    assert!(cleared, "the switch's cookie moves onto the session");
    let home = page(&app, &kiosk, "/kiosk/home").await;
    assert_eq!(html_lang(&home), "es");
    assert!(home.contains(&name));
    post(&app, &kiosk, "/kiosk/home", "/fn/sign_out", &[]).await;
    let next = page(&app, &kiosk, "/kiosk").await;
    assert_eq!(html_lang(&next), "en");
    assert!(next.contains("Hello! Who are you?"));
}

async fn fetch(app: &TestApp, path: &str) -> (String, String) {
    let answer = app.api.get(app.url(path)).send().await.unwrap();
    assert_eq!(answer.status(), 200, "{path}");
    let etag = answer.headers()["etag"].to_str().unwrap().to_owned();
    (etag, answer.text().await.unwrap())
}

async fn feeds_speak_the_facility_language_their_owners_or_the_one_asked_for(
    backend: tests::Backend,
) {
    let app = TestApp::spawn(backend).await;
    let (english_tag, english) = fetch(&app, "/calendar.ics").await;
    assert!(
        english.contains("X-WR-CALDESC:Events at Test House"),
        "{english}"
    );
    let (spanish_tag, spanish) = fetch(&app, "/calendar.ics?lang=es").await;
    assert!(
        spanish.contains("X-WR-CALDESC:Actividades de Test House"),
        "{spanish}"
    );
    assert_ne!(english_tag, spanish_tag);
    let (_, kind) = fetch(&app, "/calendar/outing.ics?lang=es").await;
    assert!(kind.contains("Actividades de Test House"));

    // An administrator makes Spanish the facility's language (the
    // settings form): the next answer of the same address is Spanish.
    let admin = signed_in(&app, &app.add_person(Role::Admin, "Ada Admin").await).await;
    let saved = save_settings(&app, &admin, &[("default_lang", "es")]).await;
    assert_eq!(saved.status(), 303);
    let (_, now_spanish) = fetch(&app, "/calendar.ics").await;
    assert!(
        now_spanish.contains("Actividades de Test House"),
        "no stale copy"
    );
    let (_, asked_english) = fetch(&app, "/calendar.ics?lang=en").await;
    assert!(asked_english.contains("Events at Test House"));

    // A personal feed: its owner's language, else the facility's.
    let (person, _) = app.client_with_token("Luz V.").await;
    let person = app::domain::person::PersonId(person);
    let token = app::services::auth::random_secret();
    app::db::feeds::replace_token(
        &app.state.db,
        person,
        &app::services::auth::hash_secret(&token),
        person,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let path = format!("/feeds/{token}.ics");
    let (_, facility_language) = fetch(&app, &path).await;
    assert!(facility_language.contains("X-WR-CALNAME:Test House: mis actividades"));
    app::db::people::set_lang(&app.state.db, person, Lang::from_code("en"))
        .await
        .unwrap();
    let (_, own) = fetch(&app, &path).await;
    assert!(own.contains("X-WR-CALNAME:Test House: my events"), "{own}");
    let (_, asked) = fetch(&app, &format!("{path}?lang=es")).await;
    assert!(asked.contains("mis actividades"));
}

async fn pages_link_their_other_languages_and_printouts_follow_the_facility(
    backend: tests::Backend,
) {
    let app = TestApp::spawn(backend).await;
    let visitor = english_browser();
    let home = page(&app, &visitor, "/sign-in?next=%2Fme").await;
    assert_eq!(html_lang(&home), "en");
    for (hreflang, query) in [
        ("es", "?next=%2Fme&amp;lang=es"),
        ("en", "?next=%2Fme&amp;lang=en"),
        ("x-default", "?next=%2Fme\""),
    ] {
        let link = format!("rel=\"alternate\" hreflang=\"{hreflang}\" href=\"");
        let at = home
            .find(&link)
            .unwrap_or_else(|| panic!("no {hreflang} alternate"));
        let href = &home[at + link.len()..];
        assert!(
            href[..href.find('>').unwrap()].contains(query),
            "{hreflang}: {}",
            &href[..80]
        );
    }
    assert_eq!(
        html_lang(&page(&app, &visitor, "/sign-in?lang=es").await),
        "es"
    );

    // The printable month is for the wall: the facility's language, not
    // the browser's (unless a link asks).
    let staff = signed_in(&app, &app.add_person(Role::Staff, "Kim Floor").await).await;
    assert_eq!(
        html_lang(&page(&app, &staff, "/calendar/print").await),
        "en"
    );
    let facility = app::db::facilities::first(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    app::db::facilities::set_policies(
        &app.state.db,
        facility.id,
        facility.retention_days,
        facility.kiosk_idle_seconds,
        Lang::from_code("es").unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(
        html_lang(&page(&app, &staff, "/calendar/print").await),
        "es"
    );
    assert_eq!(
        html_lang(&page(&app, &staff, "/calendar/print?lang=en").await),
        "en"
    );
    assert_eq!(
        html_lang(&page(&app, &staff, "/calendar").await),
        "en",
        "the browser's elsewhere"
    );
}

async fn a_facility_chooses_its_clock_and_the_first_day_of_its_weeks(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let (status, created) = tests::send_json(
        &app,
        &token,
        reqwest::Method::POST,
        "/api/v1/events",
        serde_json::json!({"kind": "karaoke", "title": "Clock check",
            "start": "2027-01-06T19:00:00-05:00", "end": "2027-01-06T20:30:00-05:00"}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let admin = signed_in(&app, &app.add_person(Role::Admin, "Ada Admin").await).await;
    let week = "/calendar?view=week&date=2027-01-06";

    // As before: 12-hour times, weeks from Sunday the 3rd to Saturday the 9th.
    let before = page(&app, &admin, week).await;
    assert!(before.contains("7:00 PM – 8:30 PM"), "{before}");
    assert!(before.contains("Sunday, January 3, 2027"));
    assert!(!before.contains("Sunday, January 10, 2027"));

    // A value the form does not offer is refused with a message, and
    // nothing changes.
    let refused = save_settings(&app, &admin, &[("clock", "25h"), ("first_day", "monday")]).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Choose 12-hour or 24-hour times."), "{html}");
    let refused = save_settings(&app, &admin, &[("clock", "24h"), ("first_day", "tuesday")]).await;
    assert_eq!(refused.status(), 422);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("Choose Sunday, Monday or Saturday.")
    );
    assert!(page(&app, &admin, week).await.contains("7:00 PM"));

    assert_eq!(
        save_settings(&app, &admin, &[("clock", "24h"), ("first_day", "monday")])
            .await
            .status(),
        303
    );
    let after = page(&app, &admin, week).await;
    assert!(after.contains("19:00 – 20:30"), "{after}");
    assert!(!after.contains("7:00 PM"));
    assert!(
        !after.contains("Sunday, January 3, 2027"),
        "the week runs Monday to Sunday"
    );
    assert!(after.contains("Sunday, January 10, 2027"));
    // Every language writes the facility's clock; the printable month's
    // first column is Monday.
    let spanish = page(&app, &admin, &format!("{week}&lang=es")).await;
    assert!(spanish.contains("19:00 – 20:30"));
    let print = page(&app, &admin, "/calendar/print?date=2027-01-01").await;
    let first_column = print.find("<th scope=\"col\">").expect("a weekday header");
    assert!(
        print[first_column..].starts_with("<th scope=\"col\"><abbr title=\"Monday\">"),
        "{}",
        &print[first_column..first_column + 80]
    );
    // The settings page shows the choice back.
    let settings = page(&app, &admin, "/settings").await;
    assert!(
        settings.contains("<option value=\"24h\" selected"),
        "{settings}"
    );
    assert!(settings.contains("<option value=\"monday\" selected"));
}

/// Words a person reads on a page: its text and the labels of its controls
/// (`aria-label`, `title`, `placeholder`, `alt`), without scripts, styles,
/// comments or the rest of the markup.
fn readable(html: &str) -> String {
    let mut rest = html;
    let mut kept = String::new();
    // Scripts, styles and comments go whole.
    loop {
        let next = [
            ("<script", "</script>"),
            ("<style", "</style>"),
            ("<!--", "-->"),
        ]
        .into_iter()
        .filter_map(|(open, close)| rest.find(open).map(|at| (at, close)))
        .min_by_key(|(at, _)| *at);
        let Some((at, close)) = next else {
            kept.push_str(rest);
            break;
        };
        kept.push_str(&rest[..at]);
        rest = match rest[at..].find(close) {
            Some(end) => &rest[at + end + close.len()..],
            None => "",
        };
    }
    let mut text = String::new();
    let mut rest = kept.as_str();
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = &rest[open..close];
        for attribute in ["aria-label=\"", "title=\"", "placeholder=\"", "alt=\""] {
            let mut from = 0;
            while let Some(at) = tag[from..].find(attribute) {
                let start = from + at + attribute.len();
                let end = tag[start..].find('"').map_or(tag.len(), |e| start + e);
                // Only whole attribute names (not `data-title`).
                let before = tag[..from + at].chars().last();
                if before.is_some_and(char::is_whitespace) {
                    text.push(' ');
                    text.push_str(&tag[start..end]);
                    text.push(' ');
                }
                from = end;
            }
        }
        rest = &rest[close.min(rest.len())..];
    }
    text.push_str(rest);
    text.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
}

/// Whether `word` stands in `text` as a word of its own (not inside
/// "Domingo" or "Standard").
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().last();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A date written the machine's way (`2026-12-04`).
fn iso_date(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let w = &bytes[i..i + 10];
        let shaped = w.iter().enumerate().all(|(j, b)| match j {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
        shaped.then(|| &text[i..i + 10])
    })
}

/// English that never belongs on a Spanish page (the data seeded below is
/// Spanish; names and the brand are not checked).
const ENGLISH: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "the",
    "The",
    "and",
    "your",
    "Your",
    "Save",
    "Cancel",
    "Sign out",
    "Edit",
    "Delete",
    "Remove",
    "Download",
    "Print",
    "Going",
    "going",
    "Waitlisted",
    "Staff",
    "Event",
    "Events",
    "Settings",
    "Report",
    "AM",
    "PM",
    "UTC",
    "view manifest",
    "set language",
    "set transport",
    "view participation report",
    "No one",
];

/// Staff read a set of pages in Spanish: calendar, an occurrence, its
/// roster and manifest, the people, a client, their calendar link,
/// settings, reports, the audit log, import. None carries English words or
/// machine-written dates.
async fn spanish_pages_for_staff_carry_no_english(backend: tests::Backend) {
    use chrono::{Duration, SecondsFormat, Utc};
    use serde_json::json;
    let app = TestApp::spawn(backend).await;
    let admin_email = app.add_person(Role::Admin, "Ada Admin").await;
    let token = app::services::auth::create_token(&app.state, &admin_email, "tests")
        .await
        .unwrap();

    // A Spanish outing with a van in four days, at 23:00 UTC.
    let day = (Utc::now() + Duration::days(4)).date_naive();
    let at = |d: chrono::NaiveDate, h| {
        d.and_hms_opt(h, 0, 0)
            .unwrap()
            .and_utc()
            .to_rfc3339_opts(SecondsFormat::Secs, true)
    };
    let (id, key) = tests::create_event(
        &app,
        &token,
        json!({"kind": "outing", "title": "Salida al boliche", "venue": "off_site",
            "description": "Zapatos incluidos.", "location": "Boliche del Lago",
            "start": at(day, 23), "end": at(day + Duration::days(1), 1), "capacity": 12}),
    )
    .await;
    let (status, van) = tests::send_json(
        &app,
        &token,
        reqwest::Method::PUT,
        &format!("/api/v1/events/{id}/transport"),
        json!({"van_seats": 8, "departs": "17:30", "returns": "21:00",
            "pickup_point": "Porche de entrada"}),
    )
    .await;
    assert_eq!(status, 200, "{van}");

    // A client with a stay, going.
    let facility = app::db::facilities::first(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let today = app::services::facilities::today(&facility);
    let rosa = app::services::people::add_client(
        &app.state,
        facility.id,
        app::services::people::NewClient {
            name: "Rosa M.".to_owned(),
            house: "Casa Norte".to_owned(),
            admission_date: (today - Duration::days(20)).to_string(),
            expected_discharge_date: (today + Duration::days(40)).to_string(),
            ..Default::default()
        },
        today,
    )
    .await
    .unwrap();
    let rosa_token = app::services::auth::create_token_for(&app.state, &rosa, "tests")
        .await
        .unwrap();
    let (status, rsvp) = tests::send_json(
        &app,
        &rosa_token,
        reqwest::Method::PUT,
        &format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{}", rosa.id.0),
        json!({"response": "going"}),
    )
    .await;
    assert_eq!(status, 200, "{rsvp}");

    // The admin reads Hearth in Spanish for this session.
    let admin = signed_in(&app, &admin_email).await;
    let switched = admin
        .get(app.url("/lang?to=es&back=/calendar"))
        .send()
        .await
        .unwrap();
    assert_eq!(switched.status(), 303);
    let person = format!("/people/{}", rosa.id.0);
    let chosen = post(
        &app,
        &admin,
        &person,
        "/fn/set_language",
        &[("person", &rosa.id.0.to_string()), ("lang", "es")],
    )
    .await;
    assert_eq!(chosen.status(), 303);

    let occurrence = format!("/events/{id}/occurrences/{key}");
    let pages = [
        "/calendar".to_owned(),
        format!("/calendar?view=week&date={day}"),
        format!("/calendar?view=month&date={day}"),
        occurrence.clone(),
        format!("{occurrence}/roster"),
        format!("{occurrence}/manifest"),
        "/people".to_owned(),
        person.clone(),
        format!("{person}/calendar"),
        "/settings".to_owned(),
        "/reports".to_owned(),
        "/events/import".to_owned(),
        "/me/password".to_owned(),
        // Last: it lists the views above.
        "/audit".to_owned(),
    ];
    let mut found = Vec::new();
    let mut texts = std::collections::HashMap::new();
    for path in &pages {
        let html = page(&app, &admin, path).await;
        assert_eq!(html_lang(&html), "es", "{path}");
        let text = readable(&html);
        for word in ENGLISH {
            if has_word(&text, word) {
                let at = text.find(word).unwrap_or_default();
                let before: String = text[..at].chars().rev().take(60).collect();
                let before: String = before.chars().rev().collect();
                let after: String = text[at..].chars().take(60).collect();
                found.push(format!("{path}: {word:?} in …{before}{after}…"));
            }
        }
        if let Some(date) = iso_date(&text) {
            found.push(format!("{path}: the machine's date {date}"));
        }
        texts.insert(path.clone(), text);
    }
    assert!(
        found.is_empty(),
        "English on Spanish pages:\n{}",
        found.join("\n")
    );
    // The check sees English where there is some.
    let english = readable(&page(&app, &admin, "/calendar?lang=en").await);
    let seen = ENGLISH.iter().filter(|w| has_word(&english, w)).count();
    assert!(seen >= 3, "only {seen} English words on an English page");

    // What the audit found, item by item.
    let es = app::i18n::Tr::new(Lang::Es);
    let local = app::domain::occurrence::OccurrenceKey::parse(&key)
        .map(|k| app::domain::time::on_wall(tests::TEST_ZONE, k.0))
        .unwrap();
    let manifest = &texts[&format!("{occurrence}/manifest")];
    assert!(manifest.contains(&es.long_date(local.date())), "{manifest}");
    let people = &texts["/people"];
    assert!(
        people.contains(&es.stay_dates(
            Some(today - Duration::days(20)),
            Some(today + Duration::days(40))
        )),
        "{people}"
    );
    let client = &texts[&person];
    assert!(client.contains("Enlace del calendario"), "{client}");
    assert!(!client.contains("Tu enlace") && !client.contains("tu calendario"));
    let settings = &texts["/settings"];
    assert!(settings.contains("¡Gracias por ofrecerte!"), "{settings}");
    assert!(!texts["/me/password"].contains("se restableció"));
    let audit = &texts["/audit"];
    for said in [
        "Consultó la lista de pasajeros: “Salida al boliche”",
        "Consultó la lista de asistencia",
        "Consultó el informe de participación: del ",
        "Cambió la camioneta",
        "Eligió el idioma de alguien",
    ] {
        assert!(audit.contains(said), "{said} in {audit}");
    }
    assert!(
        audit.contains(&es.long_date_time(local)),
        "the occurrence's local time: {audit}"
    );

    // The CSV's headings are Spanish too.
    let csv = admin
        .get(app.url("/reports/participation.csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let header = csv.lines().next().unwrap_or_default();
    assert!(header.starts_with("Persona,Tipo,Asistió,"), "{header}");
    assert!(!header.contains("attended"), "{header}");

    // And in English, the person page names nobody's "your" link.
    let english = page(&app, &admin, &format!("{person}?lang=en")).await;
    assert!(english.contains(">Calendar link<"), "{english}");
    assert!(!english.contains("Your calendar link"));
}

async fn the_potluck_refusal_defaults_to_the_reader_s_language_and_custom_words_stay(
    backend: tests::Backend,
) {
    let app = TestApp::spawn(backend).await;
    let admin = signed_in(&app, &app.add_person(Role::Admin, "Ada Admin").await).await;
    let english_default = app::i18n::Tr::new(Lang::En).signup_alcohol_refusal_default();
    let spanish_default = app::i18n::Tr::new(Lang::Es).signup_alcohol_refusal_default();
    let textarea = |html: &str| {
        let start = html.find("id=\"alcohol_refusal\"").expect("the field");
        let start = start + html[start..].find('>').unwrap() + 1;
        let end = start + html[start..].find("</textarea>").unwrap();
        html[start..end]
            .trim()
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
    };
    assert_eq!(
        textarea(&page(&app, &admin, "/settings").await),
        english_default
    );
    let spanish = page(&app, &admin, "/settings?lang=es").await;
    assert_eq!(textarea(&spanish), spanish_default);

    // Saved unchanged from the Spanish page: still the default, which
    // English readers read in English.
    let saved = post(
        &app,
        &admin,
        "/settings?lang=es",
        "/fn/save_alcohol_refusal",
        &[("alcohol_refusal", spanish_default)],
    )
    .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(
        textarea(&page(&app, &admin, "/settings").await),
        english_default
    );

    // The facility's own words stay its own, in every language.
    let own = "Nada con alcohol, por favor. ¡Gracias!";
    let saved = post(
        &app,
        &admin,
        "/settings",
        "/fn/save_alcohol_refusal",
        &[("alcohol_refusal", own)],
    )
    .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(textarea(&page(&app, &admin, "/settings").await), own);
    assert_eq!(
        textarea(&page(&app, &admin, "/settings?lang=es").await),
        own
    );
}

async fn only_a_reset_password_is_said_to_be_reset(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let email = app.add_person(Role::Staff, "Kim Floor").await;
    let kim = signed_in(&app, &email).await;
    let chosen = page(&app, &kim, "/me/password").await;
    assert!(!chosen.contains("Your password was reset"), "{chosen}");
    assert!(
        !page(&app, &kim, "/me/password?lang=es")
            .await
            .contains("se restableció")
    );

    let id = person_id(&app, &email).await;
    let temporary = app::services::access::reset_password(&app.state, id)
        .await
        .unwrap();
    let browser = english_browser();
    assert_eq!(
        app.sign_in_with(&browser, &email, &temporary)
            .await
            .status(),
        303
    );
    let reset = page(&app, &browser, "/me/password").await;
    assert!(reset.contains("Your password was reset"), "{reset}");
}

/// Signed out, the browser's `Accept-Language` picks the page's language
/// (the first one Hearth speaks, by preference), else the facility's; the
/// JSON API's error messages follow it too.
async fn a_visitor_gets_their_browser_s_language_and_the_api_answers_in_it(
    backend: tests::Backend,
) {
    let app = TestApp::spawn(backend).await;
    for (accept, expected) in [
        ("es-MX,es;q=0.9,en;q=0.8", "es"),
        ("fr-CA,fr;q=0.9,es;q=0.5", "es"),
        ("en-GB,es;q=0.5", "en"),
        ("fr", "en"),
    ] {
        let html = app
            .browser_for()
            .get(app.url("/sign-in"))
            .header("accept-language", accept)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            html.contains(&format!("<html lang=\"{expected}\"")),
            "{accept}: {}",
            &html[..html.len().min(300)]
        );
    }
    let token = app.staff_token().await;
    let refused = |lang: &'static str| {
        let app = &app;
        let token = token.clone();
        async move {
            let answer = app
                .api
                .post(app.url("/api/v1/events"))
                .bearer_auth(&token)
                .header("accept-language", lang)
                .json(&serde_json::json!({"kind": "other", "title": "",
                    "start": "2027-03-01T18:00:00Z", "end": "2027-03-01T19:00:00Z"}))
                .send()
                .await
                .unwrap();
            assert_eq!(answer.status(), 422);
            answer.json::<serde_json::Value>().await.unwrap()["error"]["message"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    assert_eq!(refused("en").await, "Title is required.");
    assert_eq!(refused("es-MX").await, "Completa el campo “Título”.");
}
