#!/usr/bin/env python3
"""Hearth's hot paths next to a static-bytes program, measured in one run.

Starts the release binary on a fresh SQLite facility (12 weekly series, 40
one-off events, RSVPs on one occurrence), starts `static-bytes` serving
the very bytes of Hearth's facility feed from memory, and runs wrk against
each endpoint in turn (same threads, connections and duration). Prints a
Markdown table: requests per second, p50, p99, and the share of the static
program's requests per second (of its 200, as issue #12 measures, and for
a 304 row of its 304 as well, the like-for-like and stricter share).
Ratios are what count; absolute numbers vary between machines. Part of
`make bench`.

    tests/bench/table.py HEARTH_BIN STATIC_BIN [--seconds 15] [--connections 32]
                         [--only TEXT] [--perf FILE]

`--only agenda` measures only the rows whose name contains "agenda" (the
static rows always run); `--perf FILE` records Hearth with `perf record -g`
during those rows, for `perf report -i FILE`.
"""

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

PASSWORD = "a long benchmark password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def send(self, method, path, data=None, headers=None):
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        try:
            with self.opener.open(request) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def form(self, page, action, fields):
        status, html = self.send("GET", page, headers={"accept": "text/html"})
        found = re.search(r'name="csrf_token" value="([^"]+)"', html)
        if status != 200 or not found:
            sys.exit(f"bench: no form on {page} ({status})")
        data = urllib.parse.urlencode({"csrf_token": found.group(1), **fields}).encode()
        return self.send(
            "POST",
            action,
            data=data,
            headers={
                "accept": "text/html",
                "content-type": "application/x-www-form-urlencoded",
                "referer": self.base + page,
            },
        )

    def cookie_header(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def api(base, token, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        base + path,
        data=data,
        method=method,
        headers={"authorization": f"Bearer {token}", "content-type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request) as answer:
            return json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        sys.exit(f"bench: {method} {path} answered {error.code}: {error.read().decode()}")


def cli(binary, env, *args, stdin=None):
    done = subprocess.run([binary, *args], env=env, input=stdin, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"bench: hearth {' '.join(args)} failed: {done.stderr}")
    return done.stdout.strip()


def wait_ready(url):
    for _ in range(200):
        try:
            with urllib.request.urlopen(url) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.05)
    sys.exit(f"bench: {url} never answered")


def seed(base, token):
    """12 weekly series and 40 one-off events, as the issue measured."""
    kinds = ["karaoke", "potluck", "holiday", "outing", "recreation", "other"]
    days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    now = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
    ids = []
    for i in range(12):
        start = now + timedelta(days=1 + i % 7, hours=i % 5)
        ids.append(api(base, token, "POST", "/api/v1/events", {
            "kind": kinds[i % 6], "title": f"Series {i}, weekly", "location": f"Room {i}",
            "description": "Every week, all are welcome. " * 4,
            "start": start.isoformat(), "end": (start + timedelta(minutes=90)).isoformat(),
            "rrule": f"FREQ=WEEKLY;BYDAY={days[start.weekday()]}",
        })["id"])
    for i in range(40):
        start = now + timedelta(days=2 + i * 2, hours=3)
        ids.append(api(base, token, "POST", "/api/v1/events", {
            "kind": kinds[i % 6], "title": f"One-off {i}; bring a friend",
            "description": "Sign up at the front desk. " * 4,
            "start": start.isoformat(), "end": (start + timedelta(hours=2)).isoformat(),
            "capacity": 30,
        })["id"])
    return ids


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def wrk(url, seconds, connections, headers=()):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def percentile(p):
        found = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        return float(found.group(1)) * UNITS[found.group(2)]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    if errors or socket_errors:
        sys.exit(f"bench: {url} had errors:\n{out}")
    return rate, percentile(50), percentile(99)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("hearth")
    parser.add_argument("static")
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 15)))
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--only", default="")
    parser.add_argument("--perf", default=None)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench: wrk is needed (apt-get install wrk)")

    data_dir = tempfile.mkdtemp(prefix="hearth-bench-")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(HEARTH_DATA_DIR=data_dir, HEARTH_FACILITY_TIMEZONE="America/New_York", RUST_LOG="warn")
    processes = []
    try:
        cli(options.hearth, env, "user", "add", "--role", "recreation-staff", "--name", "Bench Planner",
            "--email", "bench@example.org", "--password-stdin", stdin=PASSWORD + "\n")
        token = cli(options.hearth, env, "token", "create", "--email", "bench@example.org")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = open(os.path.join(data_dir, "serve.log"), "w")
        processes.append(subprocess.Popen([options.hearth, "serve", "--addr", f"127.0.0.1:{port}"],
                                          env=env, stdout=log, stderr=log))
        wait_ready(base + "/readyz")

        ids = seed(base, token)
        outing = ids[12 + 3]  # a one-off outing with seats
        span = urllib.parse.urlencode({
            "from": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "to": (datetime.now(timezone.utc) + timedelta(days=120)).isoformat(timespec="seconds"),
        })
        occurrences = api(base, token, "GET", f"/api/v1/occurrences?{span}")["occurrences"]
        key = next(o["key"] for o in occurrences if o["event_id"] == outing)
        for i in range(12):
            person = api(base, token, "POST", "/api/v1/people",
                         {"name": f"Guest {chr(65 + i)}.", "role": "client"})["id"]
            api(base, token, "PUT", f"/api/v1/events/{outing}/occurrences/{key}/rsvps/{person}",
                {"response": "going"})

        browser = Client(base)
        status, _ = browser.form("/sign-in", "/fn/sign_in", {"email": "bench@example.org", "password": PASSWORD})
        if status != 303:
            sys.exit(f"bench: sign-in answered {status}")
        me = api(base, token, "GET", "/api/v1/me")["id"]
        browser.form("/me/calendar", "/fn/new_feed_link", {"person": str(me)})
        _, page = browser.send("GET", "/me/calendar", headers={"accept": "text/html"})
        personal = re.search(r"/feeds/[A-Za-z0-9_-]+\.ics", page).group(0)
        api(base, token, "PUT", f"/api/v1/events/{outing}/occurrences/{key}/rsvps/{me}", {"response": "going"})
        cookie = "cookie: " + browser.cookie_header()

        with urllib.request.urlopen(base + "/calendar.ics") as answer:
            feed = answer.read()
            etag = answer.headers["etag"]
        feed_file = os.path.join(data_dir, "feed.ics")
        with open(feed_file, "wb") as out:
            out.write(feed)
        static_port = free_port()
        static = f"http://127.0.0.1:{static_port}"
        processes.append(subprocess.Popen([options.static, feed_file, f"127.0.0.1:{static_port}"]))
        wait_ready(static + "/calendar.ics")
        with urllib.request.urlopen(static + "/calendar.ics") as answer:
            static_etag = answer.headers["etag"]

        sizes = {}
        for path, headers in [("/calendar?view=agenda", {}), (f"/events/{outing}/occurrences/{key}", {})]:
            request = urllib.request.Request(base + path, headers={"cookie": browser.cookie_header(), **headers})
            with urllib.request.urlopen(request) as answer:
                sizes[path] = len(answer.read())
        print(f"facility: {feed.count(b'BEGIN:VEVENT')} VEVENTs, feed {len(feed):,} bytes; "
              f"agenda page {sizes['/calendar?view=agenda']:,} bytes; "
              f"wrk -t2 -c{options.connections} -d{options.seconds}s per row", flush=True)

        # (name, url, headers, the static row its share is taken of)
        rows = [
            ("static bytes (200, from memory)", static + "/calendar.ics", [], None),
            ("static bytes (304)", static + "/calendar.ics", [f"If-None-Match: {static_etag}"], None),
            ("`/calendar.ics` (200)", base + "/calendar.ics", [], 0),
            ("`/calendar.ics` (304)", base + "/calendar.ics", [f"If-None-Match: {etag}"], 1),
            ("`/calendar.ics` (200, brotli)", base + "/calendar.ics", ["Accept-Encoding: br"], 0),
            ("`/calendar/outing.ics` (200)", base + "/calendar/outing.ics", [], 0),
            ("`/events/{id}.ics` (200)", base + f"/events/{ids[0]}.ics", [], 0),
            ("`/feeds/{token}.ics` (200)", base + personal, [], 0),
            ("`/healthz`", base + "/healthz", [], 0),
            ("agenda, signed in", base + "/calendar?view=agenda", [cookie], None),
            ("week, signed in", base + "/calendar?view=week", [cookie], None),
            ("month, signed in", base + "/calendar?view=month", [cookie], None),
            ("occurrence with RSVPs, signed in", base + f"/events/{outing}/occurrences/{key}", [cookie], None),
        ]
        results = []
        rates = []
        for name, url, headers, of in rows:
            if not name.startswith("static") and options.only not in name:
                rates.append(None)
                continue
            recorder = None
            if options.perf and not name.startswith("static"):
                recorder = subprocess.Popen(["perf", "record", "--call-graph", "dwarf,16384", "-F", "299", "-q", "-o", options.perf,
                                             "-p", str(processes[0].pid)], stderr=subprocess.DEVNULL)
            rate, p50, p99 = wrk(url, options.seconds, options.connections, headers)
            if recorder:
                recorder.send_signal(signal.SIGINT)
                recorder.wait(timeout=60)
            rates.append(rate)
            shown = f"{100 * rate / rates[0]:.0f} %" if of is not None else "—"
            like = f"{100 * rate / rates[of]:.0f} %" if of not in (None, 0) else ""
            results.append(f"| {name} | {rate:,.0f} | {p50:.2f} ms | {p99:.2f} ms | {shown} | {like} |")
            print(results[-1], file=sys.stderr, flush=True)
        print()
        print("| endpoint | req/s | p50 | p99 | share of static 200 | share of static 304 |")
        print("|---|---:|---:|---:|---:|---:|")
        print("\n".join(results))
        with open(f"/proc/{processes[0].pid}/status") as status_file:
            rss = re.search(r"VmHWM:\s+(\d+) kB", status_file.read()).group(1)
        print(f"\nHearth's peak resident memory over the run: {int(rss) // 1024} MB")
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=10)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
