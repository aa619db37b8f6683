//! The integration-test harness: spawns the real Hearth server on
//! `127.0.0.1:0` against a temporary SQLite file or a database in a
//! throwaway PostgreSQL cluster, and talks to it over HTTP.
//!
//! Logs are off unless `TEST_LOG=1`.

pub mod postgres;

use std::sync::Once;

use app::domain::person::Role;
use app::state::AppState;
use rand::RngCore;
use reqwest::redirect::Policy;
use server::config::{FacilityDefaults, ServeConfig};
use server::startup::Application;
use tempfile::TempDir;

/// The facility zone tests run in: it has DST, so tests see the changes.
pub const TEST_ZONE: &str = "America/New_York";
pub const PASSWORD: &str = "a long test password";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Generates one `#[tokio::test]` per backend for an `async fn(Backend)`,
/// so both backends run identical assertions.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_sqlite() {
                    super::$name($crate::Backend::Sqlite).await
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_postgres() {
                    super::$name($crate::Backend::Postgres).await
                }
            }
        )*
    };
}

pub struct TestApp {
    pub address: String,
    /// Where `GET /metrics` answers, when the test asked for it.
    pub metrics_port: Option<u16>,
    pub state: AppState,
    pub backend: Backend,
    /// A browser-like client: keeps cookies, does not follow redirects.
    pub browser: reqwest::Client,
    /// A plain client for the JSON API.
    pub api: reqwest::Client,
    _data_dir: TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

fn init_logs() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if std::env::var("TEST_LOG").is_ok() {
            server::telemetry::init();
        }
    });
}

/// A name nobody else uses, for databases and people.
pub fn unique(prefix: &str) -> String {
    let mut bytes = [0u8; 6];
    rand::rng().fill_bytes(&mut bytes);
    format!("{prefix}{}", hex::encode(bytes))
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Spawns with a setting of the test's own (e.g. trusted proxies).
    pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut ServeConfig)) -> TestApp {
        init_logs();
        let data_dir = tempfile::tempdir().expect("temp dir");
        let database_url = match backend {
            Backend::Sqlite => format!("sqlite://{}", data_dir.path().join("hearth.db").display()),
            Backend::Postgres => postgres::fresh_database().await,
        };
        let config = ServeConfig {
            addr: "127.0.0.1:0".to_owned(),
            database_url,
            data_dir: data_dir.path().to_path_buf(),
            site_url: None,
            proxies: app::state::TrustedProxies::None,
            throttle: Default::default(),
            metrics_addr: None,
            facility: FacilityDefaults {
                name: "Test House".to_owned(),
                timezone: TEST_ZONE.to_owned(),
            },
        };
        let mut config = config;
        adjust(&mut config);
        let application = Application::build(config).await.expect("server starts");
        let address = format!("http://127.0.0.1:{}", application.port());
        let metrics_port = application.metrics_port();
        let state = application.state().clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(application.run_until(async {
            let _ = stopped.await;
        }));
        let mut browser_headers = reqwest::header::HeaderMap::new();
        browser_headers.insert(
            reqwest::header::ACCEPT,
            reqwest::header::HeaderValue::from_static("text/html,application/xhtml+xml,*/*;q=0.8"),
        );
        let browser = reqwest::Client::builder()
            .default_headers(browser_headers)
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .expect("client");
        let api = reqwest::Client::builder()
            .redirect(Policy::none())
            .build()
            .expect("client");
        TestApp {
            address,
            metrics_port,
            state,
            backend,
            browser,
            api,
            _data_dir: data_dir,
            stop: Some(stop),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Creates an account directly through the service (as `hearth user add`
    /// does) and returns its e-mail.
    pub async fn add_person(&self, role: Role, name: &str) -> String {
        let email = format!("{}@example.org", unique("person-"));
        let facility = app::db::facilities::first(&self.state.db)
            .await
            .expect("query")
            .expect("facility");
        if role == Role::Client {
            app::services::people::add_client(
                &self.state,
                facility.id,
                app::services::people::NewClient {
                    name: name.to_owned(),
                    email: email.clone(),
                    password: PASSWORD.to_owned(),
                    ..Default::default()
                },
                app::services::facilities::today(&facility),
            )
            .await
            .expect("client created");
        } else {
            app::services::people::add(
                &self.state,
                facility.id,
                app::services::people::NewAccount {
                    role,
                    name: name.to_owned(),
                    email: email.clone(),
                    password: PASSWORD.to_owned(),
                },
            )
            .await
            .expect("person created");
        }
        email
    }

    /// A client who signs in with a password by e-mail or by sign-in name:
    /// (e-mail, sign-in name).
    pub async fn add_client_with_email_and_login(&self, name: &str) -> (String, String) {
        let email = format!("{}@example.org", unique("client-"));
        let login = unique("c.");
        let facility = app::db::facilities::first(&self.state.db)
            .await
            .expect("query")
            .expect("facility");
        app::services::people::add_client(
            &self.state,
            facility.id,
            app::services::people::NewClient {
                name: name.to_owned(),
                email: email.clone(),
                login: login.clone(),
                password: PASSWORD.to_owned(),
                ..Default::default()
            },
            app::services::facilities::today(&facility),
        )
        .await
        .expect("client created");
        (email, login)
    }

    /// A recreation staff member (who plans events) with an API token.
    pub async fn staff_token(&self) -> String {
        self.token_for_role(Role::RecreationStaff).await
    }

    /// A new account with `role` and an API token for it.
    pub async fn token_for_role(&self, role: Role) -> String {
        let email = self.add_person(role, "Sam Staff").await;
        app::services::auth::create_token(&self.state, &email, "tests")
            .await
            .expect("token")
    }

    /// A client ("<first> <initial>.") with an API token and no password:
    /// (id, token).
    pub async fn client_with_token(&self, name: &str) -> (i64, String) {
        let facility = app::db::facilities::first(&self.state.db)
            .await
            .expect("query")
            .expect("facility");
        let today = app::services::facilities::today(&facility);
        let person = app::services::people::add_client(
            &self.state,
            facility.id,
            app::services::people::NewClient {
                name: name.to_owned(),
                ..Default::default()
            },
            today,
        )
        .await
        .expect("client created");
        let token = app::services::auth::create_token_for(&self.state, &person, "tests")
            .await
            .expect("token");
        (person.id.0, token)
    }

    /// GETs `path` with the browser client and returns the CSRF token the
    /// page's forms carry.
    pub async fn csrf_token(&self, path: &str) -> String {
        let html = self
            .browser
            .get(self.url(path))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("body");
        csrf_from_html(&html).unwrap_or_else(|| panic!("no CSRF field on {path}"))
    }

    /// Signs the browser client in through the no-JavaScript form.
    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        let token = self.csrf_token("/sign-in").await;
        self.post_form(
            "/fn/sign_in",
            "/sign-in",
            &[
                ("csrf_token", token.as_str()),
                ("email", email),
                ("password", password),
            ],
        )
        .await
    }

    /// A fresh browser-like client (its own cookies).
    pub fn browser_for(&self) -> reqwest::Client {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::ACCEPT,
            reqwest::header::HeaderValue::from_static("text/html,application/xhtml+xml,*/*;q=0.8"),
        );
        reqwest::Client::builder()
            .default_headers(headers)
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .expect("client")
    }

    /// Signs `browser` in through the no-JavaScript form.
    pub async fn sign_in_with(
        &self,
        browser: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        let html = browser
            .get(self.url("/sign-in"))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("body");
        let token = csrf_from_html(&html).expect("a CSRF field");
        browser
            .post(self.url("/fn/sign_in"))
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", self.url("/sign-in"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("email", email),
                ("password", password),
            ])
            .send()
            .await
            .expect("form post")
    }

    /// Posts a form as a browser without JavaScript does: url-encoded, asking
    /// for HTML, with the page it came from as Referer.
    pub async fn post_form(
        &self,
        action: &str,
        from_page: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        self.browser
            .post(self.url(action))
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", self.url(from_page))
            .form(fields)
            .send()
            .await
            .expect("form post")
    }
}

/// The value of the first `csrf_token` hidden field in a page.
/// Posts a form from `browser` as a page without JavaScript does, with the
/// CSRF token of `page` (its Referer too).
pub async fn post_form_from(
    app: &TestApp,
    browser: &reqwest::Client,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let html = browser
        .get(app.url(page))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    let token = csrf_from_html(&html).unwrap_or_else(|| panic!("no CSRF field on {page}"));
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    browser
        .post(app.url(action))
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", app.url(page))
        .form(&form)
        .send()
        .await
        .expect("form post")
}

/// A JSON API request with `token` (no body when `body` is null): the
/// status and the JSON answer (null when there is none).
pub async fn send_json(
    app: &TestApp,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let mut request = app.api.request(method, app.url(path)).bearer_auth(token);
    if !body.is_null() {
        request = request.json(&body);
    }
    let answer = request.send().await.expect("API request");
    let status = answer.status().as_u16();
    (
        status,
        answer.json().await.unwrap_or(serde_json::Value::Null),
    )
}

/// The key of the first occurrence of event `id` in the next 30 days.
pub async fn first_key(app: &TestApp, token: &str, id: i64) -> String {
    use chrono::{Duration, SecondsFormat, Utc};
    let at = |h: i64| (Utc::now() + Duration::hours(h)).to_rfc3339_opts(SecondsFormat::Secs, true);
    let path = format!("/api/v1/occurrences?from={}&to={}", at(-1), at(24 * 30));
    let (_, list) = send_json(
        app,
        token,
        reqwest::Method::GET,
        &path,
        serde_json::Value::Null,
    )
    .await;
    list["occurrences"]
        .as_array()
        .expect("occurrences")
        .iter()
        .find(|o| o["event_id"] == id)
        .and_then(|o| o["key"].as_str())
        .expect("an occurrence of the event")
        .to_owned()
}

/// Creates an event through the API: its id and its first occurrence's key.
pub async fn create_event(app: &TestApp, token: &str, body: serde_json::Value) -> (i64, String) {
    let (status, event) =
        send_json(app, token, reqwest::Method::POST, "/api/v1/events", body).await;
    assert_eq!(status, 201, "{event}");
    let id = event["id"].as_i64().expect("an id");
    (id, first_key(app, token, id).await)
}

pub fn csrf_from_html(html: &str) -> Option<String> {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_owned())
}
