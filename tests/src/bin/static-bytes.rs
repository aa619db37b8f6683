//! The yardstick of `make bench`: the least a server can do to answer a
//! calendar app — the same axum and Tokio as Hearth, a fixed body held in
//! memory, its ETag, and 304 for a client that has it. Hearth's feeds are
//! measured as a share of what this program does on the same machine in
//! the same run.
//!
//! ```text
//! static-bytes FILE ADDR      # serves FILE's bytes at every path
//! ```

use std::process::ExitCode;
use std::sync::Arc;

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

struct Body {
    bytes: Bytes,
    etag: HeaderValue,
}

async fn answer(body: Arc<Body>, headers: HeaderMap) -> Response {
    if headers.get(header::IF_NONE_MATCH) == Some(&body.etag) {
        return (
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, body.etag.clone())],
        )
            .into_response();
    }
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            ),
            (header::ETAG, body.etag.clone()),
        ],
        body.bytes.clone(),
    )
        .into_response()
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, addr] = args.as_slice() else {
        eprintln!("usage: static-bytes FILE ADDR");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(file) {
        Ok(bytes) => Bytes::from(bytes),
        Err(error) => {
            eprintln!("static-bytes: {file}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let body = Arc::new(Body {
        etag: HeaderValue::from_str(&format!(
            "\"{}-{}\"",
            bytes.len(),
            bytes.first().copied().unwrap_or(0)
        ))
        .unwrap_or(HeaderValue::from_static("\"static\"")),
        bytes,
    });
    let app = axum::Router::new().fallback(move |headers: HeaderMap| answer(body.clone(), headers));
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("static-bytes: {addr}: {error}");
            return ExitCode::FAILURE;
        }
    };
    match axum::serve(listener, app).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("static-bytes: {error}");
            ExitCode::FAILURE
        }
    }
}
