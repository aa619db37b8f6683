#!/usr/bin/env bash
# Installs what building, running and testing Hearth need, and nothing that
# is already there: safe to run again and again.
#
#   scripts/bootstrap.sh run    the toolchain, cargo-leptos, wasm-bindgen, wasm-opt
#   scripts/bootstrap.sh test   the above, plus Chromium, PostgreSQL, the browser
#                               tests' npm packages and the Python test tools
#   scripts/bootstrap.sh fuzz   a nightly toolchain and cargo-fuzz (make fuzz)
#
# Tools go to $HEARTH_CACHE (default ~/.cache/hearth), outside the clone, so a
# fresh clone reuses them. It writes $HEARTH_CACHE/toolchain.mk, which the
# Makefile includes: the route the wasm32 target came by.
#
# The wasm32 target comes from rustup when rustup can download it; otherwise
# from Debian's rustc-web/cargo-web, building std from source (see
# ../shared/TOOLCHAIN.md and ARCHITECTURE.md).
set -euo pipefail

purpose=${1:-run}
here=$(cd "$(dirname "$0")/.." && pwd)
cache=${HEARTH_CACHE:-$HOME/.cache/hearth}
tools=$cache/tools
mkdir -p "$tools/bin" "$tools/node"

toolchain=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$here/rust-toolchain.toml")
leptos_version=0.3.11
binaryen_version=132
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$here/Cargo.lock")

say() { printf '\033[1mbootstrap:\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  if [ -z "$apt_updated" ]; then
    as_root apt-get update -q >/dev/null
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# Packages whose install would start a server on ports 80/443 (nginx,
# caddy): a policy-rc.d keeps Debian's scripts from starting it, and on a
# systemd machine its unit is then disabled, so nothing is left listening.
apt_install_stopped() {
  local missing=() pkg policy=/usr/sbin/policy-rc.d placed=
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 0755 "$policy"
    placed=1
    trap 'as_root rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt_install "${missing[@]}"
  if [ -n "$placed" ]; then
    as_root rm -f "$policy"
    trap - EXIT
  fi
  if [ -d /run/systemd/system ]; then
    as_root systemctl disable --now --quiet "${missing[@]}"
  fi
}

# --- Rust and the wasm32 target -------------------------------------------

route=
if command -v rustup >/dev/null 2>&1; then
  if rustup run "$toolchain" rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null \
      | xargs -I{} test -d {}; then
    route=rustup
  else
    say "installing Rust $toolchain with the wasm32 target (rustup)"
    if timeout 600 rustup toolchain install "$toolchain" --profile minimal \
        --component rustfmt,clippy --target wasm32-unknown-unknown >&2; then
      route=rustup
    else
      say "rustup could not download $toolchain; falling back to Debian's toolchain"
    fi
  fi
fi

if [ "$route" = rustup ]; then
  cargo_for_tools=(rustup run "$toolchain" cargo)
  cat > "$cache/toolchain.mk.tmp" <<MK
HEARTH_ROUTE := rustup
MK
else
  apt_install rustc-web cargo-web rust-web-src rust-web-clippy rustfmt-web lld-19
  have=$(/usr/bin/rustc --version | awk '{print $2}')
  need=1.94
  if [ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -1)" != "$need" ]; then
    say "Debian's Rust is $have, Hearth needs at least $need (sqlx 0.9): no usable toolchain here"
    exit 1
  fi
  route=debian
  cargo_for_tools=(env PATH="/usr/bin:$PATH" /usr/bin/cargo)
  cat > "$cache/toolchain.mk.tmp" <<MK
HEARTH_ROUTE := debian
# Debian's toolchain first; std for wasm32 is built from rust-web-src.
export PATH := /usr/bin:\$(PATH)
export RUSTC := /usr/bin/rustc
export RUSTDOC := /usr/bin/rustdoc
export RUSTC_BOOTSTRAP := 1
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER := /usr/bin/wasm-ld-19
LEPTOS_ROUTE_ARGS := --lib-cargo-args=-Zbuild-std=std,panic_abort
CLIPPY_HYDRATE_ARGS := -Zbuild-std=std,panic_abort
MK
fi
mv "$cache/toolchain.mk.tmp" "$cache/toolchain.mk"
say "Rust route: $route"

# --- cargo-leptos, wasm-bindgen, wasm-opt ---------------------------------

if ! "$tools/bin/cargo-leptos" --version 2>/dev/null | grep -q " $leptos_version"; then
  say "installing cargo-leptos $leptos_version (takes 10-15 minutes once)"
  "${cargo_for_tools[@]}" install cargo-leptos --version "$leptos_version" --locked \
    --features no_downloads --root "$tools" >&2
fi

if ! "$tools/bin/wasm-bindgen" --version 2>/dev/null | grep -q " $bindgen_version"; then
  say "installing wasm-bindgen-cli $bindgen_version (must equal Cargo.lock's wasm-bindgen)"
  # --locked fails here: a locked dependency is missing from the registry mirror.
  "${cargo_for_tools[@]}" install wasm-bindgen-cli --version "$bindgen_version" --force \
    --root "$tools" >&2
fi

if ! command -v node >/dev/null 2>&1; then
  apt_install nodejs npm
fi
if ! "$tools/node/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $binaryen_version"; then
  # Debian's binaryen (wasm-opt 108) silently breaks hydration; never use it.
  say "installing wasm-opt (npm binaryen@$binaryen_version)"
  (cd "$tools/node" && npm install --no-audit --no-fund --silent "binaryen@$binaryen_version" >&2)
fi

if [ "$purpose" = fuzz ]; then
  # libFuzzer's instrumentation needs nightly Rust (rustup only: Debian's
  # toolchain has no sanitizer runtime).
  if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    say "installing a nightly toolchain for fuzzing (rustup)"
    rustup toolchain install nightly --profile minimal >&2
  fi
  if ! "$tools/bin/cargo-fuzz" --version >/dev/null 2>&1; then
    say "installing cargo-fuzz"
    rustup run nightly cargo install cargo-fuzz --version 0.13.2 --locked --root "$tools" >&2
  fi
  exit 0
fi

[ "$purpose" = test ] || exit 0

# --- What the tests use ----------------------------------------------------

# systemd: systemd-analyze checks the release unit; nginx, caddy and openssl
# (a throwaway certificate) load and run the proxy examples
# (tests/python/test_dist.py).
apt_install chromium postgresql fonts-dejavu-core systemd openssl
apt_install_stopped nginx caddy

if [ ! -d "$here/tests/e2e/node_modules/@playwright/test" ] \
    || [ "$here/tests/e2e/package-lock.json" -nt "$here/tests/e2e/node_modules/.package-lock.json" ]; then
  say "installing the browser tests' npm packages"
  (cd "$here/tests/e2e" && npm ci --no-audit --no-fund --silent >&2)
fi

venv=$cache/venv
requirements=$here/tests/python/requirements.txt
if [ ! -x "$venv/bin/python" ]; then
  say "creating the Python test environment"
  python3 -m venv "$venv" >&2 || { apt_install python3-venv; python3 -m venv "$venv" >&2; }
fi
stamp=$venv/.requirements
if ! cmp -s "$requirements" "$stamp"; then
  say "installing the Python test tools"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2
  cp "$requirements" "$stamp"
fi
