//! Building and running the server.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use app::db::Db;
use app::state::{AppState, Settings};
use app::{App, shell};
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::{any, get};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::generate_route_list;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

use crate::config::{FacilityDefaults, ServeConfig};
use crate::envelope::{EnvelopeLayer, REQUEST_ID};
use crate::forms::PageRenderer;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("could not create the data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Database(#[from] app::db::DbError),
    #[error("could not set up the facility: {0}")]
    Facility(app::error::AppError),
}

/// Connects, applies pending migrations (a failure stops start-up) and
/// makes sure the facility exists.
pub async fn open_database(url: &str, facility: &FacilityDefaults) -> Result<Db, StartupError> {
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        && let Some(parent) = std::path::Path::new(path.split('?').next().unwrap_or(path)).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|source| StartupError::DataDir {
            path: parent.display().to_string(),
            source,
        })?;
    }
    let db = Db::connect(url).await?;
    db.migrate().await?;
    app::services::facilities::ensure_default(&db, &facility.name, &facility.timezone)
        .await
        .map_err(StartupError::Facility)?;
    Ok(db)
}

/// The longest any request may take before it is answered 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    /// `GET /metrics`, on its own address when asked for.
    metrics: Option<TcpListener>,
}

impl Application {
    pub async fn build(config: ServeConfig) -> Result<Self, StartupError> {
        std::fs::create_dir_all(&config.data_dir).map_err(|source| StartupError::DataDir {
            path: config.data_dir.display().to_string(),
            source,
        })?;
        let listener =
            TcpListener::bind(&config.addr)
                .await
                .map_err(|source| StartupError::Bind {
                    addr: config.addr.clone(),
                    source,
                })?;
        let local = listener.local_addr().map_err(|source| StartupError::Bind {
            addr: config.addr.clone(),
            source,
        })?;
        let db = open_database(&config.database_url, &config.facility).await?;
        let site_url = config
            .site_url
            .clone()
            .map(|u| u.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| default_site_url(local));
        let state = AppState::new(
            db,
            Settings {
                site_url,
                proxies: config.proxies.clone(),
                throttle: config.throttle,
            },
            leptos_options(local),
        );
        let metrics = match &config.metrics_addr {
            Some(addr) => {
                crate::metrics::handle();
                Some(
                    TcpListener::bind(addr)
                        .await
                        .map_err(|source| StartupError::Bind {
                            addr: addr.clone(),
                            source,
                        })?,
                )
            }
            None => None,
        };
        // After the recorder is installed, so that the router counts.
        let router = router(state.clone());
        Ok(Application {
            listener,
            router,
            state,
            metrics,
        })
    }

    /// The port `GET /metrics` listens on, when it does.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics
            .as_ref()
            .and_then(|l| l.local_addr().ok())
            .map(|a| a.port())
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until SIGINT or SIGTERM; requests in flight finish first.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` completes, then drains in-flight requests.
    pub async fn run_until(
        self,
        stop: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let sweeper = tokio::spawn(sweep_periodically(self.state.clone()));
        let metrics = self.metrics.map(|listener| {
            let routes = Router::new()
                .route("/metrics", get(crate::metrics::render))
                .with_state(self.state.clone());
            tokio::spawn(async move {
                // Request times wait in a buffer until a scrape or this
                // upkeep folds them into the histogram: without it, a
                // listener nobody scrapes would grow by every request.
                tokio::select! {
                    served = axum::serve(listener, routes).into_future() => {
                        if let Err(error) = served {
                            tracing::error!(%error, "the metrics listener stopped");
                        }
                    }
                    () = crate::metrics::upkeep_periodically() => {}
                }
            })
        });
        let result = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(stop)
        .await;
        sweeper.abort();
        if let Some(metrics) = metrics {
            metrics.abort();
        }
        self.state.db.close().await;
        result
    }
}

/// `http://host:port` for the bound address; a wildcard host becomes
/// `localhost`.
fn default_site_url(local: SocketAddr) -> String {
    if local.ip().is_unspecified() {
        format!("http://localhost:{}", local.port())
    } else {
        format!("http://{local}")
    }
}

/// Leptos's options, built here rather than read from cargo-leptos's
/// environment so the binary runs anywhere.
pub fn leptos_options(local: SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("hearth")
        .site_pkg_dir(crate::assets::pkg_dir())
        .site_root(std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "site".to_owned()))
        .site_addr(local)
        .build()
}

/// The page routes, listed once per process. Leptos lists them by running
/// the app with resource loading switched off by a process-wide flag
/// (leptos_server's `SuppressResourceLoad`): a page whose resource first
/// polled while another server in the same process was being built waited
/// forever (leptos-rs/leptos#4773). Listing once, before any router exists,
/// means no render can overlap it (the tests build many servers in one
/// process; `processes.rs` two on one database).
fn page_paths() -> &'static [String] {
    static PATHS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    PATHS.get_or_init(|| {
        generate_route_list(App)
            .into_iter()
            .map(|listing| listing.path().to_owned())
            .collect()
    })
}

/// Every route: pages, server functions, the JSON API, health and assets.
pub fn router(state: AppState) -> Router {
    let context_state = state.clone();
    let context = move || provide_context(context_state.clone());
    let options = state.leptos_options.clone();
    let render =
        leptos_axum::render_app_async_with_context(context, move || shell(options.clone()));
    let renderer = {
        let render = render.clone();
        PageRenderer(Arc::new(move |request| {
            let render = render.clone();
            Box::pin(async move { render(request).await.into_response() })
        }))
    };

    let mut pages = Router::new();
    for path in page_paths() {
        // `/events/{id}` is also `/events/{id}.ics`: the feed handler
        // renders the page for anything else.
        if path == "/events/{id}" {
            continue;
        }
        pages = pages.route(path, get(render.clone()));
    }
    let (api, _) = crate::api::router();

    let app_routes = pages
        .route("/fn/{*name}", any(crate::forms::handle))
        .route(
            "/reports/participation.csv",
            get(crate::reports::participation_csv),
        )
        .route("/events/{id}", get(crate::feeds::event_path))
        .route("/lang", get(crate::language::switch))
        .route(
            "/events/import",
            axum::routing::post(crate::import::upload).layer(axum::extract::DefaultBodyLimit::max(
                crate::import::BODY_LIMIT,
            )),
        )
        .route("/calendar/{file}", get(crate::feeds::calendar_path))
        .merge(api)
        .fallback(get(render))
        .layer(axum::Extension(renderer))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::middleware::request_context,
        ));

    // No page of Hearth may be framed, no plug-in loaded, no form sent or
    // base URL set elsewhere; browsers honour HSTS only over https, so over
    // http it is left out.
    let mut headers = vec![
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
            ),
        ),
    ];
    if state.settings.site_url.starts_with("https://") {
        headers.push((
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    let routes = Router::new()
        .route("/healthz", get(crate::health::healthz))
        .route("/readyz", get(crate::health::readyz))
        .merge(crate::assets::routes())
        // Calendar apps' hottest paths: no cookie, no session, no page
        // middleware (the feed decides who may read it).
        .route("/calendar.ics", get(crate::feeds::facility))
        .merge(crate::feeds::kind_routes())
        .route("/feeds/{file}", get(crate::feeds::personal))
        .merge(app_routes)
        .with_state(state);
    // Counting requests costs a layer on each; without `--metrics-addr`
    // nothing would read the counts.
    let routes = if crate::metrics::recording() {
        routes.layer(axum::middleware::from_fn(crate::metrics::track))
    } else {
        routes
    };
    routes
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
                let id = request
                    .headers()
                    .get(&REQUEST_ID)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                // The path only: query strings may carry what people typed.
                let path = crate::feeds::loggable_path(request.uri().path());
                tracing::info_span!("request", method = %request.method(), path = %path, request_id = %id)
            })
            .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        // A request id, the security headers, and no request waits
        // forever: a page or an answer that has not come in a minute (an
        // import of the largest file takes seconds) is a 503.
        .layer(EnvelopeLayer::new(headers, REQUEST_TIMEOUT))
        .layer(panic_guard())
}

/// A panic while answering a request (a bug, or a parser meeting input it
/// cannot handle) becomes a `500` for that request, logged once; the
/// process and every other request go on.
pub fn panic_guard()
-> CatchPanicLayer<fn(Box<dyn std::any::Any + Send>) -> axum::response::Response> {
    fn answer(panic: Box<dyn std::any::Any + Send>) -> axum::response::Response {
        let what = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("(no message)");
        tracing::error!(panic = what, "a request panicked; answered 500");
        crate::api::ApiError(app::error::AppError::Internal).into_response()
    }
    CatchPanicLayer::custom(answer as fn(_) -> _)
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Removes expired sessions and old sign-in failures every ten minutes,
/// and asks every ten minutes whether the hourly stay job (discharges due,
/// retention purge) is due: of several processes on one database exactly
/// one runs it each hour (`db::jobs`).
async fn sweep_periodically(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    let holder = format!(
        "{}:{}",
        std::process::id(),
        &app::services::auth::random_secret()[..8]
    );
    loop {
        tick.tick().await;
        let swept = app::services::auth::sweep(&state).await;
        crate::metrics::job_ran("sweep", swept.is_ok());
        if let Err(error) = swept {
            tracing::warn!(%error, "sweeping sessions failed");
        }
        let ran = app::services::people::stay_job_if_due(&state, &holder, app::db::now()).await;
        match ran {
            Ok(None) => {}
            Ok(Some((discharged, purged))) => {
                crate::metrics::job_ran("stay", true);
                tracing::info!(discharged, purged, "stay job ran");
            }
            Err(error) => {
                crate::metrics::job_ran("stay", false);
                tracing::warn!(%error, "stay job failed");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panicking_request_gets_a_500_and_the_next_one_is_served() {
        let app: Router = Router::new()
            .route(
                "/boom",
                get(|| async {
                    if true {
                        panic!("a parser met input it cannot handle");
                    }
                    "unreachable"
                }),
            )
            .route("/fine", get(|| async { "fine" }))
            .layer(panic_guard());
        let boom = app
            .clone()
            .oneshot(
                axum::http::Request::get("/boom")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(boom.status(), 500);
        let fine = app
            .oneshot(
                axum::http::Request::get("/fine")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(fine.status(), 200);
    }
}
