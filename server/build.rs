//! Embeds the site cargo-leptos assembled (CSS, JS, wasm, icons and their
//! precompressed copies) into release builds, so the `hearth` binary serves
//! its own assets from any working directory. Debug builds serve the site
//! folder from disk instead (see `assets.rs`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-env-changed=LEPTOS_SITE_ROOT");
    println!("cargo:rerun-if-changed=build.rs");
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let workspace = manifest
        .parent()
        .expect("server/ lives in the workspace")
        .to_path_buf();
    let root = env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".to_owned());
    let site = workspace.join(&root);
    println!("cargo:rustc-env=HEARTH_SITE_DIR={}", site.display());
    // Relative to this package, so that cargo looks at *this* checkout's
    // site: a target directory shared by several clones (CI keeps one warm)
    // would otherwise keep the assets of whichever clone built it first.
    // Always emitted, so a site that appears later is picked up.
    if Path::new(&root).is_absolute() {
        println!("cargo:rerun-if-changed={root}");
    } else {
        println!("cargo:rerun-if-changed=../{root}");
    }

    let release = env::var("PROFILE").as_deref() == Ok("release");
    let mut files = Vec::new();
    if release {
        if site.is_dir() {
            collect(&site, &site, &mut files);
            files.sort();
        } else {
            println!(
                "cargo:warning=no site at {}: build with `cargo leptos build --release` to embed CSS/JS/wasm",
                site.display()
            );
        }
    }

    let mut out = String::from("pub static EMBEDDED: &[Asset] = &[\n");
    // The content hash of every file under pkg/: the folder pages name them
    // by, so a new build's assets get new URLs and a browser may keep each
    // for a year.
    let mut version: u64 = 0xcbf29ce484222325;
    for (relative, path) in &files {
        if relative.ends_with(".gz") || relative.ends_with(".br") {
            continue;
        }
        let bytes = fs::read(path).expect("readable site file");
        if relative.starts_with("pkg/") {
            version = fnv1a_from(version, relative.as_bytes());
            version = fnv1a_from(version, &bytes);
        }
        let variant = |ext: &str| {
            let p = PathBuf::from(format!("{}.{ext}", path.display()));
            if p.is_file() {
                format!("Some(include_bytes!({:?}))", p.display().to_string())
            } else {
                "None".to_owned()
            }
        };
        writeln!(
            out,
            "    Asset {{ path: {relative:?}, content_type: {:?}, etag: \"\\\"{:016x}\\\"\", bytes: include_bytes!({:?}), gzip: {}, brotli: {} }},",
            content_type(relative),
            fnv1a(&bytes),
            path.display().to_string(),
            variant("gz"),
            variant("br"),
        )
        .expect("write to string");
    }
    out.push_str("];\n");
    let version = if files.is_empty() {
        String::new()
    } else {
        format!("{version:016x}")
    };
    writeln!(out, "pub static VERSION: &str = {version:?};").expect("write to string");
    let dest = PathBuf::from(env::var("OUT_DIR").expect("set by cargo")).join("embedded_assets.rs");
    fs::write(dest, out).expect("writable OUT_DIR");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(relative) = path.strip_prefix(root) {
            files.push((relative.to_string_lossy().replace('\\', "/"), path));
        }
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" | "webmanifest" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// A stable 64-bit fingerprint for ETags and asset URLs (not for security).
fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_from(0xcbf29ce484222325, bytes)
}

fn fnv1a_from(start: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(start, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x100000001b3)
    })
}
