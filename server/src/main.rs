//! `hearth`: one binary for serving, migrating and administering Hearth.

/// mimalloc rather than glibc's allocator: a `perf` profile of the calendar
/// pages under load put a quarter of the time in `malloc` and `free`
/// (many small, short-lived allocations across two worker threads), and
/// `make bench` measures the difference (README, "Speed").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    server::cli::run().await
}
