"""Hearth's expansion of recurring series agrees with an independent one
(python-dateutil, with zoneinfo for the zones), across DST changes, with
skipped, cancelled and moved dates.

Rules are generated from a fixed seed (so a failure is reproducible), in
zones with and without daylight saving time, crossing the changes."""

import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from conftest import ZONE

ZONES = ["America/New_York", "Europe/London", "Australia/Sydney", "America/Phoenix", "Asia/Kolkata"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WINDOW_FROM = "2026-01-01T00:00:00Z"
WINDOW_TO = "2026-12-31T00:00:00Z"


def random_rule(rng, start):
    """A rule the event form can express, valid for `start`."""
    kind = rng.choice(["weekly", "weekly", "monthly_day", "monthly_nth", "monthly_last", "yearly"])
    interval = rng.choice([1, 1, 1, 2, 3])
    parts = []
    if kind == "weekly":
        days = sorted(set(rng.sample(DAYS, rng.randint(1, 3)) + [DAYS[start.weekday()]]), key=DAYS.index)
        parts = ["FREQ=WEEKLY", f"BYDAY={','.join(days)}"]
    elif kind == "monthly_day":
        parts = ["FREQ=MONTHLY", f"BYMONTHDAY={start.day}"]
    elif kind == "monthly_nth":
        nth = (start.day - 1) // 7 + 1
        parts = ["FREQ=MONTHLY", f"BYDAY={nth}{DAYS[start.weekday()]}"]
    elif kind == "monthly_last":
        parts = ["FREQ=MONTHLY", f"BYDAY=-1{DAYS[start.weekday()]}"]
    else:
        parts = ["FREQ=YEARLY", f"BYMONTH={start.month}", f"BYMONTHDAY={start.day}"]
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    if rng.random() < 0.4:
        parts.append(f"COUNT={rng.randint(2, 30)}")
    return ";".join(parts), kind


def start_for(rng, kind):
    day = datetime(2026, 1, 1) + timedelta(days=rng.randint(0, 200))
    if kind == "monthly_last":
        # the last such weekday of its month
        while (day + timedelta(days=7)).month == day.month:
            day += timedelta(days=1)
    return day.replace(hour=rng.choice([1, 2, 7, 9, 12, 18, 19, 23]), minute=rng.choice([0, 15, 30]))


def dateutil_starts(rrule, start, zone, until):
    tz = ZoneInfo(zone)
    rule = rrulestr(f"RRULE:{rrule}", dtstart=start)
    out = []
    for local in rule:
        if local > until:
            break
        aware = local.replace(tzinfo=tz)
        # A local time in a DST gap moves forward by the gap (RFC 5545);
        # zoneinfo's fold=0 gives the offset before the gap, and so the
        # same instant.
        out.append(aware.astimezone(timezone.utc))
    return out


def hearth_starts(hearth, event_id):
    status, body = hearth.request("GET", f"/api/v1/occurrences?from={WINDOW_FROM}&to={WINDOW_TO}")
    assert status == 200, body
    return [
        datetime.fromisoformat(o["start"]).astimezone(timezone.utc)
        for o in body["occurrences"]
        if o["event_id"] == event_id and o["status"] == "scheduled"
    ]


def create(hearth, zone, start, rrule):
    offset = start.replace(tzinfo=ZoneInfo(zone)).isoformat()
    end = (start + timedelta(hours=1)).replace(tzinfo=ZoneInfo(zone)).isoformat()
    status, event = hearth.request(
        "POST",
        "/api/v1/events",
        {"kind": "recreation", "title": "Cross-check", "timezone": zone, "start": offset, "end": end, "rrule": rrule},
    )
    return status, event


def test_random_series_expand_like_dateutil(hearth):
    rng = random.Random(20261126)
    checked = 0
    for _ in range(60):
        zone = rng.choice(ZONES)
        probe_kind = rng.choice(["weekly", "monthly_day", "monthly_nth", "monthly_last", "yearly"])
        start = start_for(rng, probe_kind)
        rrule, _ = random_rule(rng, start)
        # Hearth refuses a first date that falls in a DST gap; so do we.
        local = start.replace(tzinfo=ZoneInfo(zone))
        if local.astimezone(timezone.utc).astimezone(ZoneInfo(zone)).replace(tzinfo=None) != start:
            continue
        status, event = create(hearth, zone, start, rrule)
        assert status == 201, (rrule, start, zone, event)
        first = datetime.fromisoformat(event["start"]).replace(tzinfo=None)
        expected = dateutil_starts(rrule, first.replace(tzinfo=None), zone, datetime(2027, 1, 2))
        window = (datetime(2026, 1, 1, tzinfo=timezone.utc), datetime(2026, 12, 31, tzinfo=timezone.utc))
        # Occurrences overlapping the window (each lasts an hour).
        expected = [t for t in expected if t + timedelta(hours=1) > window[0] and t < window[1]]
        got = hearth_starts(hearth, event["id"])
        assert got == expected, f"{rrule} from {first} in {zone}"
        checked += 1
    assert checked >= 40


def test_skipped_cancelled_and_moved_dates_across_dst(hearth):
    start = datetime(2026, 10, 20, 19, 0)
    status, event = create(hearth, ZONE, start, "FREQ=WEEKLY;BYDAY=TU;COUNT=6")
    assert status == 201, event
    event_id = event["id"]
    expected = dateutil_starts("FREQ=WEEKLY;BYDAY=TU;COUNT=6", start, ZONE, datetime(2027, 1, 1))
    key = lambda t: t.strftime("%Y%m%dT%H%M%SZ")
    # Skip the first and the last, cancel the third, move the fourth across the change.
    for t in (expected[0], expected[5]):
        status, body = hearth.request("PATCH", f"/api/v1/events/{event_id}/occurrences/{key(t)}", {"status": "skipped"})
        assert status == 200, body
    status, _ = hearth.request("PATCH", f"/api/v1/events/{event_id}/occurrences/{key(expected[2])}", {"status": "cancelled"})
    assert status == 200
    status, moved = hearth.request(
        "PATCH",
        f"/api/v1/events/{event_id}/occurrences/{key(expected[3])}",
        {"start": "2026-11-09T18:00:00-05:00", "end": "2026-11-09T19:00:00-05:00"},
    )
    assert status == 200, moved
    scheduled = hearth_starts(hearth, event_id)
    assert scheduled == [expected[1], datetime(2026, 11, 9, 23, 0, tzinfo=timezone.utc), expected[4]]
    # The local time stays 19:00 on both sides of the change.
    local_hours = {t.astimezone(ZoneInfo(ZONE)).hour for t in (expected[1], expected[4])}
    assert local_hours == {19}
