//! What every answer carries, whoever wrote it: a request id, the security
//! headers, and a deadline. One layer rather than tower-http's seven
//! (`SetRequestId`, `PropagateRequestId`, five `SetResponseHeader`s and a
//! `Timeout`): each of those clones itself and wraps the answer in a future
//! of its own on every request, and together they cost a fifth of the
//! feed's `304` (`make bench`, and a probe stacking them one by one on the
//! static-bytes program: README, "Speed").
//!
//! - **Request id.** A request keeps the `x-request-id` a proxy gave it, or
//!   gets a UUID v4; its answer carries the same id, and the access log's
//!   span (inside this layer) names it.
//! - **Security headers.** Each is set unless the handler set its own (a
//!   page sends a `content-security-policy` with its script nonce).
//! - **Deadline.** A request with no answer after the deadline is answered
//!   `503 Service Unavailable`, with an empty body. tower-http's `Timeout`
//!   polls its timer before the request, so every request registered a
//!   timer in Tokio's wheel; one registered while the wheel is empty wakes
//!   the I/O driver with an `eventfd` write, and under load that was a
//!   system call and a thread wake-up per request (`strace -c` on
//!   `/healthz`). `tokio::time::timeout` polls the request first, so an
//!   answer ready at once (a feed from memory, a health check) never
//!   touches the timer wheel.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::http::{HeaderName, HeaderValue, Request, Response, StatusCode};
use tower::{Layer, Service};

/// The header naming a request in logs and in its answer.
pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The layer; see the module's documentation.
#[derive(Clone, Debug)]
pub struct EnvelopeLayer {
    headers: Arc<[(HeaderName, HeaderValue)]>,
    deadline: Duration,
}

impl EnvelopeLayer {
    /// Answers carry `headers` (where the handler set none of that name);
    /// requests are answered `503` after `deadline`.
    pub fn new(headers: Vec<(HeaderName, HeaderValue)>, deadline: Duration) -> Self {
        Self {
            headers: headers.into(),
            deadline,
        }
    }
}

impl<S> Layer<S> for EnvelopeLayer {
    type Service = Envelope<S>;

    fn layer(&self, inner: S) -> Self::Service {
        Envelope {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service `EnvelopeLayer` makes.
#[derive(Clone, Debug)]
pub struct Envelope<S> {
    inner: S,
    layer: EnvelopeLayer,
}

impl<S, RequestBody, ResponseBody> Service<Request<RequestBody>> for Envelope<S>
where
    S: Service<Request<RequestBody>, Response = Response<ResponseBody>>,
    ResponseBody: Default,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = EnvelopeFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<RequestBody>) -> Self::Future {
        let request_id = match request.headers().get(&REQUEST_ID) {
            Some(given) => given.clone(),
            None => {
                let id = new_request_id();
                request.headers_mut().insert(REQUEST_ID.clone(), id.clone());
                id
            }
        };
        EnvelopeFuture {
            answer: tokio::time::timeout(self.layer.deadline, self.inner.call(request)),
            request_id: Some(request_id),
            headers: self.layer.headers.clone(),
        }
    }
}

/// A UUID v4, as tower-http's `MakeRequestUuid` made them.
fn new_request_id() -> HeaderValue {
    let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
    let text = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut text);
    // A hyphenated UUID is always a valid header value.
    HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static("-"))
}

pin_project_lite::pin_project! {
    /// The answer (or `503` once the deadline has passed), with the
    /// request id and the security headers.
    pub struct EnvelopeFuture<F> {
        #[pin]
        answer: tokio::time::Timeout<F>,
        request_id: Option<HeaderValue>,
        headers: Arc<[(HeaderName, HeaderValue)]>,
    }
}

impl<F, ResponseBody, E> Future for EnvelopeFuture<F>
where
    F: Future<Output = Result<Response<ResponseBody>, E>>,
    ResponseBody: Default,
{
    type Output = Result<Response<ResponseBody>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut answer = match this.answer.poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(Ok(Ok(answer))) => answer,
            Poll::Ready(Ok(Err(error))) => return Poll::Ready(Err(error)),
            Poll::Ready(Err(_elapsed)) => {
                let mut late = Response::new(ResponseBody::default());
                *late.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
                late
            }
        };
        let headers = answer.headers_mut();
        if let Some(id) = this.request_id.take() {
            headers.entry(&REQUEST_ID).or_insert(id);
        }
        for (name, value) in this.headers.iter() {
            headers.entry(name).or_insert_with(|| value.clone());
        }
        Poll::Ready(Ok(answer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::http::header;
    use axum::routing::get;
    use tower::ServiceExt;

    fn app() -> Router {
        Router::new()
            .route("/now", get(|| async { "at once" }))
            .route(
                "/own-header",
                get(|| async { ([(header::X_FRAME_OPTIONS, "SAMEORIGIN")], "framed") }),
            )
            .route(
                "/late",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                    "an hour later"
                }),
            )
            .route(
                "/soon",
                get(|| async {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    "after a wait"
                }),
            )
            .layer(EnvelopeLayer::new(
                vec![
                    (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
                    (
                        header::X_CONTENT_TYPE_OPTIONS,
                        HeaderValue::from_static("nosniff"),
                    ),
                ],
                Duration::from_millis(200),
            ))
    }

    async fn send(request: Request<Body>) -> (Response<Body>, Vec<u8>) {
        let answer = app().oneshot(request).await.unwrap();
        let (parts, body) = answer.into_parts();
        let body = axum::body::to_bytes(body, 1024).await.unwrap().to_vec();
        (Response::from_parts(parts, Body::empty()), body)
    }

    async fn get_path(path: &str) -> (Response<Body>, Vec<u8>) {
        send(Request::get(path).body(Body::empty()).unwrap()).await
    }

    #[tokio::test]
    async fn a_request_past_its_deadline_is_answered_503_with_the_envelope() {
        let started = std::time::Instant::now();
        let (answer, body) = get_path("/late").await;
        assert_eq!(answer.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(body.is_empty());
        assert!(started.elapsed() < Duration::from_secs(60));
        assert_eq!(answer.headers()[header::X_FRAME_OPTIONS], "DENY");
        assert_eq!(answer.headers()[&REQUEST_ID].len(), 36);
    }

    #[tokio::test]
    async fn requests_within_their_deadline_get_their_answer() {
        let (answer, body) = get_path("/now").await;
        assert_eq!(
            (answer.status(), body),
            (StatusCode::OK, b"at once".to_vec())
        );
        let (answer, body) = get_path("/soon").await;
        assert_eq!(
            (answer.status(), body),
            (StatusCode::OK, b"after a wait".to_vec())
        );
    }

    #[tokio::test]
    async fn security_headers_are_added_unless_the_handler_set_its_own() {
        let (answer, _) = get_path("/now").await;
        assert_eq!(answer.headers()[header::X_FRAME_OPTIONS], "DENY");
        assert_eq!(answer.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        let (answer, _) = get_path("/own-header").await;
        let framing: Vec<_> = answer
            .headers()
            .get_all(header::X_FRAME_OPTIONS)
            .iter()
            .collect();
        assert_eq!(framing, ["SAMEORIGIN"]);
        assert_eq!(answer.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }

    #[tokio::test]
    async fn each_request_gets_its_own_id_unless_a_proxy_gave_one() {
        let (first, _) = get_path("/now").await;
        let (second, _) = get_path("/now").await;
        let id =
            |answer: &Response<Body>| answer.headers()[&REQUEST_ID].to_str().unwrap().to_owned();
        assert_eq!(id(&first).len(), 36);
        assert!(uuid::Uuid::parse_str(&id(&first)).is_ok());
        assert_ne!(id(&first), id(&second));
        let (given, _) = send(
            Request::get("/now")
                .header(&REQUEST_ID, "from-the-proxy")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(id(&given), "from-the-proxy");
    }
}
