#!/usr/bin/env bash
# Assembles the release tarball: the hearth binary (which carries its own
# CSS, JavaScript and wasm), the systemd unit and its environment file, the
# nginx and Caddy examples, and the operations guide.
#
#   scripts/dist.sh BINARY OUTDIR   → OUTDIR/hearth-VERSION-ARCH-linux.tar.gz
set -euo pipefail
bin=${1:?usage: dist.sh BINARY OUTDIR}
out=${2:?usage: dist.sh BINARY OUTDIR}
here=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$here/Cargo.toml" | head -1)
arch=$(uname -m)
name="hearth-${version}-${arch}-linux"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/systemd" "$stage/$name/proxy" "$out"
install -m 0755 "$bin" "$stage/$name/hearth"
install -m 0644 "$here/dist/hearth.service" "$stage/$name/systemd/hearth.service"
install -m 0600 "$here/dist/hearth.env" "$stage/$name/systemd/hearth.env"
install -m 0644 "$here/dist/nginx.conf" "$stage/$name/proxy/nginx.conf"
install -m 0644 "$here/dist/Caddyfile" "$stage/$name/proxy/Caddyfile"
install -m 0644 "$here/OPERATIONS.md" "$here/SECURITY.md" "$here/README.md" "$stage/$name/"
tar -C "$stage" --owner=0 --group=0 -czf "$out/$name.tar.gz" "$name"
echo "$out/$name.tar.gz"
