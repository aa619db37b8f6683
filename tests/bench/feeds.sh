#!/usr/bin/env bash
# The facility feed of a busy facility — 200 weekly series and 500 one-off
# events over a year — served by the release binary, measured with wrk:
# full answers, and conditional requests answered 304 (without writing the
# feed). Part of `make bench`.
#
#   tests/bench/feeds.sh [path/to/hearth]
set -euo pipefail

bin=${1:-${HEARTH_BIN:-$HOME/.cache/hearth/target/release/hearth}}
command -v wrk >/dev/null || { echo "feeds.sh: wrk is needed (apt-get install wrk)" >&2; exit 1; }
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
export HEARTH_DATA_DIR=$dir HEARTH_FACILITY_TIMEZONE=America/New_York RUST_LOG=warn
unset DATABASE_URL
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT

echo 'a long benchmark password' | "$bin" user add --role recreation-staff --name Bench \
  --email bench@example.org --password-stdin >/dev/null
token=$("$bin" token create --email bench@example.org)
"$bin" serve --addr 127.0.0.1:$port >"$dir/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done

post() {
  curl -sf -o /dev/null -X POST "$base/api/v1/events" -H "authorization: Bearer $token" \
    -H 'content-type: application/json' -d "$1"
}
days=(MO TU WE TH FR SA SU)
kinds=(karaoke potluck holiday outing recreation other)
year=$(( $(date +%Y) + 1 ))
for i in $(seq 0 199); do
  d=$(( i % 7 )); h=$(( 8 + i % 12 ))
  start=$(date -d "$year-01-05 +$d days" +%Y-%m-%d)
  post "{\"kind\":\"${kinds[$((i % 6))]}\",\"title\":\"Series $i, weekly\",\"location\":\"Room $i\",
         \"start\":\"${start}T$(printf %02d $h):00:00-05:00\",\"end\":\"${start}T$(printf %02d $h):45:00-05:00\",
         \"rrule\":\"FREQ=WEEKLY;BYDAY=${days[$d]}\"}"
done
for i in $(seq 0 499); do
  day=$(date -d "$year-01-01 +$(( i * 365 / 500 )) days" +%Y-%m-%d)
  post "{\"kind\":\"${kinds[$((i % 6))]}\",\"title\":\"One-off $i; bring a friend\",
         \"start\":\"${day}T18:00:00Z\",\"end\":\"${day}T20:00:00Z\"}"
done

feed=$(curl -sf "$base/calendar.ics")
etag=$(curl -sfI "$base/calendar.ics" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
echo "feed: $(grep -c BEGIN:VEVENT <<<"$feed") events, $(wc -c <<<"$feed") bytes, ETag $etag"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$base/calendar.ics")
[ "$status" = 304 ] || { echo "feeds.sh: expected 304, got $status" >&2; exit 1; }

echo "== full feed (200), 8 connections, 10 s"
wrk -t2 -c8 -d10s --latency "$base/calendar.ics" | grep -E 'Latency|Requests/sec|50%|99%'
echo "== conditional request (304), 8 connections, 10 s"
wrk -t2 -c8 -d10s --latency -H "If-None-Match: $etag" "$base/calendar.ics" | grep -E 'Latency|Requests/sec|50%|99%|Non-2xx'
