# Hearth's two commands:
#   make run    installs what is missing, builds a release and serves the demo
#   make test   installs what is missing and runs every check and test
# Both are safe to re-run. Tools and build output live outside the clone, in
# $(HEARTH_CACHE) (default ~/.cache/hearth), so fresh clones build warm.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

HEARTH_CACHE ?= $(HOME)/.cache/hearth
export HEARTH_CACHE
export CARGO_TARGET_DIR ?= $(HEARTH_CACHE)/target
TOOLS := $(HEARTH_CACHE)/tools
export PATH := $(TOOLS)/bin:$(TOOLS)/node/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
VENV := $(HEARTH_CACHE)/venv

# Written by scripts/bootstrap.sh: which route the wasm32 target came by.
-include $(HEARTH_CACHE)/toolchain.mk

RELEASE_BIN := $(CARGO_TARGET_DIR)/release/hearth
DEBUG_BIN := $(CARGO_TARGET_DIR)/debug/hearth
HEARTH_ADDR ?= 127.0.0.1:3000
DEMO_DIR ?= demo-data

.PHONY: help run test setup-run setup-test release lint unit-and-integration \
        python-tests browser-tests screenshots bench fuzz dist

help:
	@echo "make run   - build a release and serve the demo facility at http://$(HEARTH_ADDR)"
	@echo "make test  - run every check and test (installs what is missing)"

setup-run:
	@scripts/bootstrap.sh run

setup-test:
	@scripts/bootstrap.sh test

## The release binary, with CSS/JS/wasm embedded (built by cargo-leptos).
release: setup-run
	$(MAKE) --no-print-directory -f Makefile release-build

.PHONY: release-build
release-build:
	cargo leptos build --release --precompress $(LEPTOS_ROUTE_ARGS)

run: release
	$(RELEASE_BIN) demo --dir $(DEMO_DIR) --addr $(HEARTH_ADDR)

test: setup-test
	$(MAKE) --no-print-directory -f Makefile lint unit-and-integration release-build \
	    python-tests browser-tests

lint:
	cargo fmt --all --check
	@# The fuzz crate has its own workspace and lockfile: it must still
	@# resolve with the app's dependencies (make fuzz builds from it).
	cargo metadata --locked --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null
	cargo clippy --workspace --exclude frontend --all-targets --locked -- -D warnings
	cargo clippy -p frontend -p app --features app/hydrate --target wasm32-unknown-unknown --locked $(CLIPPY_HYDRATE_ARGS) -- -D warnings

## Unit tests and the HTTP integration suite, on SQLite and PostgreSQL.
unit-and-integration:
	cargo build -p server --bin hearth --locked
	cargo test --workspace --exclude frontend --locked

python-tests:
	HEARTH_BIN=$(RELEASE_BIN) $(VENV)/bin/python -m pytest -q tests/python

browser-tests:
	cd tests/e2e && HEARTH_BIN=$(RELEASE_BIN) npx playwright test

## Criterion benchmarks of the calendar's hot paths, the RSVP load
## generator against the real server on SQLite and PostgreSQL, and the
## table of Hearth's endpoints under wrk next to a static-bytes program
## measured in the same run (BENCH_SECONDS per row, default 15).
bench: setup-test release
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	cargo bench -p app --features ssr --bench calendar
	cargo run --release --locked -p tests --bin rsvp-load
	cargo build --release --locked -p tests --bin static-bytes
	$(VENV)/bin/python tests/bench/table.py $(RELEASE_BIN) $(CARGO_TARGET_DIR)/release/static-bytes

## The release tarball: binary, systemd unit, proxy examples, operations
## guide (dist/, OPERATIONS.md), in $(CARGO_TARGET_DIR)/dist/.
dist: release
	scripts/dist.sh $(RELEASE_BIN) $(CARGO_TARGET_DIR)/dist

## Coverage-guided fuzzing of the parsers (nightly Rust, cargo-fuzz,
## libFuzzer): builds every target once, then runs each for FUZZ_SECONDS
## starting from its committed corpus (fuzz/corpus/<target>); inputs that
## reach new code are merged back into that corpus, ready to commit, and
## a crash stops the run with the input in $(FUZZ_WORK)/artifacts. `make
## test` replays the committed corpus.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := ics_import meeting_guide rrule event_form
FUZZ_WORK := $(HEARTH_CACHE)/fuzz
FUZZ_BIN := $(FUZZ_WORK)/target/x86_64-unknown-linux-gnu/release
fuzz:
	@scripts/bootstrap.sh fuzz
	cd fuzz && cargo +nightly fuzz build --target-dir $(FUZZ_WORK)/target
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_WORK)/corpus/$$t $(FUZZ_WORK)/artifacts/$$t; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_BIN)/$$t $(FUZZ_WORK)/corpus/$$t fuzz/corpus/$$t \
	    -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=10 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_WORK)/artifacts/$$t/ || exit 1; \
	  $(FUZZ_BIN)/$$t -merge=1 fuzz/corpus/$$t $(FUZZ_WORK)/corpus/$$t 2>&1 | tail -1; \
	done

## Regenerates the README's screenshots from the demo.
screenshots: release
	@rm -rf /tmp/hearth-screens && mkdir -p /tmp/hearth-screens
	@$(RELEASE_BIN) demo --dir /tmp/hearth-screens --addr 127.0.0.1:3979 >/dev/null 2>&1 & \
	  pid=$$!; trap 'kill $$pid' EXIT; \
	  for i in $$(seq 50); do curl -sf http://127.0.0.1:3979/readyz >/dev/null && break; sleep 0.2; done; \
	  cd tests/e2e && node screenshots.js http://127.0.0.1:3979 ../../docs
