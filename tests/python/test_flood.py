"""A flood of wrong sign-ins and wrong kiosk PINs against the release
binary, on both backends (issue: "Hold under abuse").

Each flood is 1,000 requests at once from one address behind the proxy
(`--trust-proxy 1`, the address in X-Forwarded-For). While it runs, a
second client asks /healthz over and over. Afterwards:

- the server's peak resident memory (VmHWM in /proc/PID/status) stays
  under 300 MB;
- /healthz answered within 100 ms at the 99th percentile;
- every attempt was either checked (422, at most the free budget) or
  refused with 429 or 503 and a Retry-After header;
- a correct sign-in of another account, from another device, works at once.

The figures are printed at the end of the run (and quoted in README)."""

import asyncio
import math
import os
import re
import subprocess
import sys
import time
import urllib.parse

import aiohttp
import pytest

from conftest import PASSWORD, REPORT, Browser, HearthServer, ZONE, _send, unique_word

FLOOD = 1000
PEAK_MB = 300
HEALTH_P99_MS = 100
ADDRESS_FREE = 20  # domain::throttle::ADDRESS.free



@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def proxied(request):
    """`hearth serve --trust-proxy 1` on each backend, with a staff member
    (who enrolls the kiosk) and another account to sign in after the flood."""
    import shutil
    import tempfile

    backend = request.param
    env = dict(os.environ, HEARTH_FACILITY_TIMEZONE=ZONE, RUST_LOG="warn")
    env.pop("DATABASE_URL", None)
    if backend == "postgres":
        env["DATABASE_URL"] = request.getfixturevalue("postgres_cluster").fresh_database()
    data_dir = env["HEARTH_DATA_DIR"] = tempfile.mkdtemp(prefix=f"hearth-flood-{backend}-")
    hearth = HearthServer(backend, os.environ["HEARTH_BIN"], env, data_dir)
    hearth.extra_args = ["--trust-proxy", "1"]
    hearth.add_person("staff", "Floor Staff", "floor@example.org", PASSWORD)
    hearth.add_person("staff", "Other Staff", "other@example.org", PASSWORD)
    token = hearth.token("floor@example.org")
    hearth.start()
    try:
        hearth.clients = []
        for i in range(4):
            answer = hearth.request(
                "POST",
                "/api/v1/people",
                token,
                {"name": f"{unique_word('Pin')} Q.", "pin": f"{271828 + i}"},
            )
            assert answer.status == 201, answer
            hearth.clients.append(answer.json()["id"])
        yield hearth
    finally:
        hearth.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def memory_kb(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise AssertionError(f"no {field} in /proc/{pid}/status")


# Asks /healthz every 10 ms until stdin closes, from a process of its own
# (so the flood's own event loop does not delay the measurement), and
# prints each latency in milliseconds. It asks over one kept-alive
# connection, opened before the flood, as a load balancer's health check
# does: what is measured is whether Hearth keeps answering while it
# refuses the flood. A new connection per probe measured the kernel's
# listen queue instead: when 1,000 connections arrive at once, a SYN that
# finds the queue full is dropped and resent after 1 s (a p99 of 1,024 ms
# in one CI run, with the server idle again by then).
HEALTH_PROBE = """
import sys, threading, time, http.client
base = sys.argv[1]
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
host, port = base.split("//")[1].split(":")
connection = http.client.HTTPConnection(host, int(port), timeout=10)
while not stop.is_set():
    start = time.perf_counter()
    connection.request("GET", "/healthz")
    answer = connection.getresponse()
    answer.read()
    assert answer.status == 200, answer.status
    print((time.perf_counter() - start) * 1000, flush=True)
    time.sleep(0.01)
connection.close()
"""


async def flood(base, requests):
    """Sends `requests` (method, path, data, headers) all at once while
    another process asks /healthz; answers (statuses with Retry-After
    presence, health latencies in ms, seconds taken)."""
    probe = subprocess.Popen(
        [sys.executable, "-c", HEALTH_PROBE, base],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def one(method, path, data, headers):
            async with session.request(
                method, base + path, data=data, headers=headers, allow_redirects=False
            ) as answer:
                await answer.read()
                return answer.status, "Retry-After" in answer.headers

        await asyncio.sleep(0.3)
        start = time.perf_counter()
        answers = await asyncio.gather(*(one(*r) for r in requests))
        elapsed = time.perf_counter() - start
        await asyncio.sleep(0.3)
    out, _ = probe.communicate(input="", timeout=30)
    assert probe.returncode == 0, "the health probe failed"
    latencies = [float(line) for line in out.split()]
    return answers, latencies, elapsed


def p99(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def csrf_of(browser, path):
    page = browser.get(path)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page
    return found.group(1), "; ".join(f"{c.name}={c.value}" for c in browser.jar)


def form_headers(base, cookies, page, forwarded_for):
    return {
        "accept": "text/html",
        "content-type": "application/x-www-form-urlencoded",
        "referer": base + page,
        "cookie": cookies,
        "x-forwarded-for": forwarded_for,
    }


def check(backend, what, proxied, answers, latencies, elapsed, before_kb):
    peak_mb = memory_kb(proxied.process.pid, "VmHWM") / 1024
    statuses = [status for status, _ in answers]
    checked = statuses.count(422)
    refused = [(s, retry) for s, retry in answers if s in (429, 503)]
    REPORT.append(
        f"flood: {backend:8} {what:22} {len(answers)} at once in {elapsed:.2f} s: {checked} checked (422), "
        f"{statuses.count(429)} refused 429, {statuses.count(503)} busy 503; /healthz "
        f"{len(latencies)} answers, p99 {p99(latencies):.1f} ms, max {max(latencies):.1f} ms; "
        f"peak RSS {peak_mb:.0f} MB (before {before_kb / 1024:.0f} MB)"
    )
    assert checked + len(refused) == len(answers), f"unexpected answers: {sorted(set(statuses))}"
    # The free attempts, and one more after each wait (1 s, 2 s, 4 s …)
    # that passed while the flood was still arriving.
    waits_passed = int(math.log2(elapsed + 1)) + 1
    assert checked <= ADDRESS_FREE + waits_passed, f"{checked} attempts were checked in {elapsed:.1f} s"
    assert all(retry for _, retry in refused), "every refusal says when to try again"
    assert peak_mb < PEAK_MB, f"peak resident memory {peak_mb:.0f} MB"
    assert p99(latencies) < HEALTH_P99_MS, f"/healthz p99 {p99(latencies):.1f} ms"


def test_a_flood_of_wrong_sign_ins_is_refused_and_the_server_stays_small_and_responsive(proxied):
    browser = Browser(proxied.base)
    csrf, cookies = csrf_of(browser, "/sign-in")
    headers = form_headers(proxied.base, cookies, "/sign-in", "10.66.0.1")
    requests = [
        (
            "POST",
            "/fn/sign_in",
            urllib.parse.urlencode(
                {"csrf_token": csrf, "email": f"nobody{i}@example.org", "password": "wrong password"}
            ),
            headers,
        )
        for i in range(FLOOD)
    ]
    before = memory_kb(proxied.process.pid, "VmRSS")
    answers, latencies, elapsed = asyncio.run(flood(proxied.base, requests))
    check(proxied.backend, "wrong sign-ins", proxied, answers, latencies, elapsed, before)

    # Another account, from another device behind the same proxy, at once.
    other = Browser(proxied.base)
    csrf, cookies = csrf_of(other, "/sign-in")
    form = urllib.parse.urlencode({"csrf_token": csrf, "email": "other@example.org", "password": PASSWORD})
    answer = _send(
        other.opener,
        "POST",
        proxied.base + "/fn/sign_in",
        form.encode(),
        form_headers(proxied.base, cookies, "/sign-in", "10.66.0.2"),
    )
    assert answer.status == 303, answer


def test_a_flood_of_wrong_kiosk_pins_is_refused_and_the_server_stays_small_and_responsive(proxied):
    # Staff enroll a kiosk; the tablet keeps the kiosk cookie.
    tablet = Browser(proxied.base)
    tablet.sign_in("floor@example.org")
    csrf, cookies = csrf_of(tablet, "/kiosk")
    enrolled = _send(
        tablet.opener,
        "POST",
        proxied.base + "/fn/enroll_kiosk",
        urllib.parse.urlencode({"csrf_token": csrf, "name": "Flood tablet"}).encode(),
        form_headers(proxied.base, cookies, "/kiosk", "10.66.0.3"),
    )
    assert enrolled.status == 303, enrolled
    csrf, cookies = csrf_of(tablet, "/kiosk")
    assert "hearth_kiosk=" in cookies
    headers = form_headers(proxied.base, cookies, "/kiosk", "10.66.0.3")
    requests = [
        (
            "POST",
            "/fn/kiosk_sign_in",
            urllib.parse.urlencode(
                {"csrf_token": csrf, "person_id": proxied.clients[i % 3], "pin": f"{900000 + i}"}
            ),
            headers,
        )
        for i in range(FLOOD)
    ]
    before = memory_kb(proxied.process.pid, "VmRSS")
    answers, latencies, elapsed = asyncio.run(flood(proxied.base, requests))
    check(proxied.backend, "wrong kiosk PINs", proxied, answers, latencies, elapsed, before)
    statuses = [status for status, _ in answers]
    # The tablet locked after ten wrong PINs (429 with Retry-After, like
    # every other refusal, checked above): it lists no one now.
    assert 'data-testid="kiosk-locked"' in tablet.get("/kiosk").text
    assert statuses.count(422) <= 10, "at most ten wrong PINs were checked before the lock"
    # Locked: even a right PIN is refused until staff unlock the tablet.
    csrf, cookies = csrf_of(tablet, "/sign-in")
    right = _send(
        tablet.opener,
        "POST",
        proxied.base + "/fn/kiosk_sign_in",
        urllib.parse.urlencode({"csrf_token": csrf, "person_id": proxied.clients[0], "pin": "271828"}).encode(),
        form_headers(proxied.base, cookies, "/sign-in", "10.66.0.3"),
    )
    assert right.status == 429 and "Retry-After" in right.headers, right
    # Another client, on another tablet, signs in with their PIN at once.
    other = Browser(proxied.base)
    other.sign_in("other@example.org")
    csrf, cookies = csrf_of(other, "/kiosk")
    enrolled = _send(
        other.opener,
        "POST",
        proxied.base + "/fn/enroll_kiosk",
        urllib.parse.urlencode({"csrf_token": csrf, "name": "Second tablet"}).encode(),
        form_headers(proxied.base, cookies, "/kiosk", "10.66.0.4"),
    )
    assert enrolled.status == 303, enrolled
    csrf, cookies = csrf_of(other, "/kiosk")
    signed_in = _send(
        other.opener,
        "POST",
        proxied.base + "/fn/kiosk_sign_in",
        urllib.parse.urlencode({"csrf_token": csrf, "person_id": proxied.clients[3], "pin": "271831"}).encode(),
        form_headers(proxied.base, cookies, "/kiosk", "10.66.0.4"),
    )
    assert signed_in.status == 303, signed_in
