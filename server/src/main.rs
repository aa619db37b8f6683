//! `hearth`: one binary for serving, migrating and administering Hearth.

/// mimalloc rather than the system allocator: rendering a page allocates
/// and frees many small strings, and a profile of the agenda under load
/// spent a fifth of its time in glibc's malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    server::cli::run().await
}
