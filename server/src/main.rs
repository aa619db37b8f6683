//! `hearth`: one binary for serving, migrating and administering Hearth.

#[tokio::main]
async fn main() -> std::process::ExitCode {
    server::cli::run().await
}
