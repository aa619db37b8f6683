//! Compiles the translations in `locales/` into Rust (see `build/fluent.rs`),
//! and rebuilds the crate when a migration is added.

#[path = "build/fluent.rs"]
mod fluent;

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build/fluent.rs");
    println!("cargo:rerun-if-changed=locales");
    // `sqlx::migrate!` embeds these; a new migration must rebuild the crate.
    println!("cargo:rerun-if-changed=../migrations");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("messages.rs");
    if let Err(errors) = fluent::compile(&manifest.join("locales"), &out) {
        eprintln!("\nThe translations in app/locales need attention:\n");
        for error in errors {
            eprintln!("  {error}\n");
        }
        std::process::exit(1);
    }
}
