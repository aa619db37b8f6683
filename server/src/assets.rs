//! The site's static files: CSS, the JS glue, the wasm bundle, icons.
//!
//! Release builds carry them inside the binary (see `build.rs`), with the
//! gzip and brotli copies cargo-leptos made, and pages name them under a
//! folder named by their content hash, `/pkg/<hash>/hearth.wasm`: answers
//! there are `immutable` for a year, since a new build has a new hash. The
//! plain names (`/pkg/hearth.wasm`) keep answering, revalidated by ETag.
//! Debug builds serve the site folder from disk so `cargo leptos watch`
//! picks up changes.

use axum::body::Body;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};

pub struct Asset {
    /// Path below the site root, e.g. `pkg/hearth.wasm`.
    pub path: &'static str,
    pub content_type: &'static str,
    pub etag: &'static str,
    pub bytes: &'static [u8],
    pub gzip: Option<&'static [u8]>,
    pub brotli: Option<&'static [u8]>,
}

include!(concat!(env!("OUT_DIR"), "/embedded_assets.rs"));

/// Where a debug build (or a release built without cargo-leptos) finds the
/// site: `LEPTOS_SITE_ROOT` at run time, else the folder known at build time.
fn site_dir() -> std::path::PathBuf {
    std::env::var("LEPTOS_SITE_ROOT")
        .map(Into::into)
        .unwrap_or_else(|_| env!("HEARTH_SITE_DIR").into())
}

pub fn embedded() -> bool {
    !EMBEDDED.is_empty()
}

/// Where pages find the assets, below the site root: `pkg/<content hash>`
/// for embedded assets, `pkg` when they are served from disk.
pub fn pkg_dir() -> String {
    if embedded() {
        format!("pkg/{VERSION}")
    } else {
        "pkg".to_owned()
    }
}

/// Serves `/pkg/*` and the root files under `public/`.
pub fn routes<S: Clone + Send + Sync + 'static>() -> axum::Router<S> {
    if embedded() {
        axum::Router::new()
            .route(
                "/pkg/{*file}",
                get(|Path(file): Path<String>, headers: HeaderMap| async move {
                    match file.split_once('/') {
                        Some((version, file)) if version == VERSION => {
                            serve(&format!("pkg/{file}"), &headers, Caching::Immutable)
                        }
                        _ => serve(&format!("pkg/{file}"), &headers, Caching::Revalidate),
                    }
                }),
            )
            .route("/favicon.svg", root_file("favicon.svg"))
    } else {
        let dir = site_dir();
        axum::Router::new()
            .nest_service("/pkg", tower_http::services::ServeDir::new(dir.join("pkg")))
            .route_service(
                "/favicon.svg",
                tower_http::services::ServeFile::new(dir.join("favicon.svg")),
            )
    }
}

fn root_file<S: Clone + Send + Sync + 'static>(name: &'static str) -> MethodRouter<S> {
    get(move |headers: HeaderMap| async move { serve(name, &headers, Caching::Revalidate) })
}

/// How long a browser may keep an answer without asking again.
#[derive(Clone, Copy)]
enum Caching {
    /// Under the content-hashed folder: the bytes at that URL never change.
    Immutable,
    /// Under a plain name: ask again each time (cheaply, by ETag).
    Revalidate,
}

fn serve(path: &str, headers: &HeaderMap, caching: Caching) -> Response {
    let Some(asset) = EMBEDDED.iter().find(|a| a.path == path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let not_modified = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == asset.etag));
    let mut builder = Response::builder()
        .header(header::ETAG, asset.etag)
        .header(
            header::CACHE_CONTROL,
            match caching {
                Caching::Immutable => "public, max-age=31536000, immutable",
                Caching::Revalidate => "no-cache",
            },
        )
        .header(header::VARY, "accept-encoding");
    if not_modified {
        return builder
            .status(StatusCode::NOT_MODIFIED)
            .body(Body::empty())
            .unwrap_or_default();
    }
    let accepts = |encoding: &str| {
        headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|e| e.trim().starts_with(encoding)))
    };
    let (body, encoding) = match (asset.brotli, asset.gzip) {
        (Some(br), _) if accepts("br") => (br, Some("br")),
        (_, Some(gz)) if accepts("gzip") => (gz, Some("gzip")),
        _ => (asset.bytes, None),
    };
    builder = builder.header(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    if let Some(encoding) = encoding {
        builder = builder.header(header::CONTENT_ENCODING, encoding);
    }
    builder.body(Body::from(body)).unwrap_or_default()
}
