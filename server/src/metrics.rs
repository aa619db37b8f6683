//! `GET /metrics` in the Prometheus text format, on an address of its own
//! (`--metrics-addr`, off by default) so that it is never on the public
//! site. Labels are route templates (`/events/{id}`), methods, statuses and
//! job names: never a name, a token or a query string.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use app::state::AppState;

/// The process-wide recorder, once `handle` installed it.
static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Whether a recorder is installed: without `--metrics-addr` nothing reads
/// the counters, and the router leaves `track` out.
pub fn recording() -> bool {
    HANDLE.get().is_some()
}

/// The process-wide recorder (installed once, whatever the number of
/// servers a test process starts).
pub fn handle() -> &'static PrometheusHandle {
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full("hearth_http_request_duration_seconds".to_owned()),
                &[
                    0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                ],
            )
            .unwrap_or_else(|_| PrometheusBuilder::new());
        match builder.install_recorder() {
            Ok(handle) => handle,
            // Another recorder is installed already: keep one of our own
            // that renders what it has (nothing), rather than fail to start.
            Err(_) => PrometheusBuilder::new().build_recorder().handle(),
        }
    })
}

/// Folds buffered histogram samples into their buckets every five seconds
/// (what `PrometheusBuilder::install` would schedule; Hearth serves
/// `/metrics` itself).
pub async fn upkeep_periodically() {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
    loop {
        tick.tick().await;
        handle().run_upkeep();
    }
}

/// Counts every request by route template, method and status, and times it.
pub async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let path = request.uri().path().to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    let route = route_label(&route, &path);
    metrics::counter!("hearth_http_requests_total", "route" => route.clone(), "method" => method, "status" => status.to_string())
        .increment(1);
    metrics::histogram!("hearth_http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    if let Some(kind) = match path.as_str() {
        "/fn/sign_in" => Some("password"),
        "/fn/kiosk_sign_in" => Some("pin"),
        _ => None,
    } {
        let outcome = match status {
            200..=399 => "signed_in",
            // A kiosk tablet locked by wrong PINs answers 429 as well.
            429 => "throttled",
            503 => "busy",
            _ => "refused",
        };
        metrics::counter!("hearth_sign_in_attempts_total", "kind" => kind, "outcome" => outcome)
            .increment(1);
    }
    response
}

/// Server functions share one route template; a registered function's own
/// path names the function (and nothing else), so it is kept. Any other
/// path under `/fn/` (which could hold anything a visitor typed) counts
/// under the template, so the set of series stays bounded.
fn route_label(template: &str, path: &str) -> String {
    route_label_among(template, path, server_fn_paths())
}

fn route_label_among(
    template: &str,
    path: &str,
    known: &std::collections::HashSet<&'static str>,
) -> String {
    match known.get(path) {
        Some(name) if path.starts_with("/fn/") => (*name).to_owned(),
        _ => template.to_owned(),
    }
}

/// The paths of the registered server functions (read once: they are all
/// registered before the first request).
fn server_fn_paths() -> &'static std::collections::HashSet<&'static str> {
    static PATHS: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    PATHS.get_or_init(|| {
        leptos::server_fn::axum::server_fn_paths()
            .map(|(path, _)| path)
            .collect()
    })
}

/// A feed was written (not served from an ETag match).
pub fn feed_rendered(feed: &'static str) {
    metrics::counter!("hearth_feed_renders_total", "feed" => feed).increment(1);
}

/// A feed request answered from memory (the feed was not written again).
pub fn feed_from_memory(feed: &'static str) {
    metrics::counter!("hearth_feed_cache_hits_total", "feed" => feed).increment(1);
}

/// A feed request answered 304 Not Modified.
pub fn feed_not_modified(feed: &'static str) {
    metrics::counter!("hearth_feed_not_modified_total", "feed" => feed).increment(1);
}

/// A background job ran.
pub fn job_ran(job: &'static str, ok: bool) {
    let outcome = if ok { "ok" } else { "failed" };
    metrics::counter!("hearth_job_runs_total", "job" => job, "outcome" => outcome).increment(1);
}

/// `GET /metrics`: what the recorder holds, with the database pool as it is
/// now.
pub async fn render(State(state): State<AppState>) -> Response {
    let (size, idle) = state.db.pool_use();
    metrics::gauge!("hearth_db_pool_connections", "state" => "open").set(f64::from(size));
    metrics::gauge!("hearth_db_pool_connections", "state" => "idle").set(idle as f64);
    if let Ok(wait) = state.db.acquire_wait().await {
        metrics::gauge!("hearth_db_pool_acquire_seconds").set(wait.as_secs_f64());
    }
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        handle().render(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::route_label_among;

    #[test]
    fn server_functions_keep_their_name_and_nothing_else_leaks() {
        let known = ["/fn/sign_in"].into_iter().collect();
        let label = |template, path| route_label_among(template, path, &known);
        assert_eq!(label("/fn/{*fn}", "/fn/sign_in"), "/fn/sign_in");
        assert_eq!(
            label("/feeds/{token}", "/feeds/abc123.ics"),
            "/feeds/{token}"
        );
        assert_eq!(label("/fn/{*fn}", "/fn/x%20y"), "/fn/{*fn}");
        assert_eq!(label("/fn/{*fn}", "/fn/jane.doe@example.org"), "/fn/{*fn}");
        assert_eq!(label("/fn/{*fn}", "/fn/Zebediah_Smith"), "/fn/{*fn}");
    }
}
