"""Hearth's iCalendar feeds, read the way calendar clients read them, on
SQLite and on PostgreSQL (the `server` fixture runs every test once per
backend).

One set of events is planned for next calendar year (always in the future:
Hearth keeps past events and cancellations in feeds only for about 30
days), then:

- every feed (the facility's `/calendar.ics`, per-kind feeds and single
  events' `/events/{id}.ics`) is checked byte by byte against RFC 5545 and
  the checklist in /work/shared/ICAL.md, and parsed strictly with Python's
  `icalendar`;
- every feed is expanded by two independent client libraries,
  `recurring-ical-events` (Python) and Mozilla's `ical.js` (JavaScript,
  Thunderbird's parser, through tests/e2e/ical-expand.mjs), and both must
  list exactly the occurrences Hearth's own JSON API lists: same events,
  same instants, same titles, same cancellations;
- feeds are byte-stable with strong ETags, answer conditional GETs with
  304, and a change moves the validators of the feeds it touches only.

The plan: a weekly series on Tuesdays that crosses both US DST changes
(one date skipped, one moved across the March change, one retitled, one
cancelled after the November change), a "last Friday" monthly series with an
UNTIL, a one-off timed event, a three-day all-day event and a yearly all-day
holiday, with commas, semicolons, backslashes, newlines, accents, CJK and
emoji in the facility name and the texts, long enough to be folded. A
12-step series and a staff-only event must stay out of the public feeds."""

import gzip
import json
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import brotli
import icalendar
import pytest
import recurring_ical_events
from dateutil.rrule import rrulestr

from conftest import PASSWORD, ZONE, Response, _send

TZ = ZoneInfo(ZONE)
UTC = timezone.utc

# Next calendar year, so the plan is always in the future (it is 2027 when
# these tests were written, in November 2026).
YEAR = date.today().year + 1
# Every occurrence the plan has, and a second year of the yearly holiday.
WINDOW_FROM = datetime(YEAR, 1, 1, tzinfo=UTC)
WINDOW_TO = datetime(YEAR + 2, 1, 1, tzinfo=UTC)

EXPAND_SCRIPT = Path(__file__).resolve().parents[1] / "e2e" / "ical-expand.mjs"

# -- the texts: every character TEXT escaping (RFC 5545 §3.3.11) and line
# folding (§3.1) can get wrong ----------------------------------------------

FACILITY_NAME = "Maple House, Unit B; Rec \\ Café 🏡"
TITLE = "Karaoke, songs; duets \\ solos — Café « Ünïcødé » 🎤🎶 night"
DESCRIPTION = (
    "Bring a song, a friend; or both. Back\\slash, and a literal \\n that is not a newline.\n"
    "Second line: naïve café, 日本語のテキスト, emoji 🎤🎶🎉 and more emoji 👩‍👩‍👧‍👦.\n"
    "\n"
    "After a blank line: "
    + "🎤é日, " * 24
    + "and the end."
)
LOCATION = "Hall B, Room 2; 1 Main St., Springfield — «Salle» 🏠 \\ upstairs"
RETITLED = "Duets, trios; quartets \\ all welcome 🎉 — ünïcödé"
MOVED_LOCATION = "Gym, east door; bring water \\ a towel 💧"
ONE_OFF_TITLE = "Museum trip: art, history; lunch — 🖼️"
ONE_OFF_DESCRIPTION = "Line one;\nline two, with a \\ backslash\nline three: ✓"


# -- times ---------------------------------------------------------------------


def local(y, m, d, hh=0, mm=0):
    """A facility wall-clock time as an aware datetime."""
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


def key_of(start):
    """An occurrence key: the original start in UTC."""
    return start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def instant(value):
    """A start or end as the tests compare them: a UTC instant for times,
    the date itself (ISO) for all-day values."""
    if isinstance(value, datetime):
        assert value.tzinfo is not None, f"floating time {value!r}: clients disagree on what it means"
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    raise AssertionError(f"not a date or time: {value!r}")


def rfc3339(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def nth_weekday(year, month, weekday, n):
    """The n-th `weekday` (0 = Monday) of a month; n = -1 for the last."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def at(day, hh, mm=0):
    return local(day.year, day.month, day.day, hh, mm)


TUESDAY, FRIDAY, SUNDAY = 1, 4, 6
# US daylight saving time: from the second Sunday of March to the first
# Sunday of November (2027: 14 March and 7 November).
SUMMER_TIME_STARTS = nth_weekday(YEAR, 3, SUNDAY, 2)
SUMMER_TIME_ENDS = nth_weekday(YEAR, 11, SUNDAY, 1)

# -- the weekly series: Tuesdays 19:00-21:00 from the first Tuesday of
# February, 44 times (into December), so across both changes ---------------

WEEKLY_FIRST = at(nth_weekday(YEAR, 2, TUESDAY, 1), 19)
WEEKLY_COUNT = 44
SKIPPED = at(WEEKLY_FIRST + timedelta(weeks=18), 19)  # June, summer time
MOVED_FROM = at(SUMMER_TIME_STARTS - timedelta(days=5), 19)  # the Tuesday before, winter time...
MOVED_TO = (at(SUMMER_TIME_STARTS + timedelta(days=1), 18, 30),  # ...to the Monday after, summer time
            at(SUMMER_TIME_STARTS + timedelta(days=1), 20))
RETITLED_AT = at(WEEKLY_FIRST + timedelta(weeks=9), 19)  # April, summer time
CANCELLED_AT = at(SUMMER_TIME_ENDS + timedelta(days=2), 19)  # winter time again


def weekly_expected():
    """The weekly series' occurrences, worked out here from the plan alone:
    {key: (start, end, cancelled, title)} with UTC instants."""
    out = {}
    for week in range(WEEKLY_COUNT):
        # Wall-clock arithmetic: 19:00 local every Tuesday, whatever the offset.
        start = datetime.combine(WEEKLY_FIRST.date() + timedelta(weeks=week), WEEKLY_FIRST.time(), TZ)
        end = start.replace(hour=21)
        out[key_of(start)] = [instant(start), instant(end), False, TITLE]
    del out[key_of(SKIPPED)]
    out[key_of(MOVED_FROM)][:2] = [instant(MOVED_TO[0]), instant(MOVED_TO[1])]
    out[key_of(RETITLED_AT)][3] = RETITLED
    out[key_of(CANCELLED_AT)][2] = True
    assert len(out) == WEEKLY_COUNT - 1
    return {k: tuple(v) for k, v in out.items()}


# -- HTTP ----------------------------------------------------------------------


def fetch(server, path, headers=None):
    """GET as a calendar client does: no cookies, no token."""
    url = server.base + path
    request = urllib.request.Request(
        url, headers={"accept": "text/calendar, */*;q=0.1", "user-agent": "hearth-feed-tests", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return Response("GET", url, answer.status, answer.headers, answer.read())
    except urllib.error.HTTPError as error:
        return Response("GET", url, error.code, error.headers, error.read())


def fetch_ics(server, path):
    answer = fetch(server, path)
    assert answer.status == 200, f"{path} should answer 200:\n{answer}"
    assert answer.headers.get("content-type", "").replace(" ", "").lower() == "text/calendar;charset=utf-8", (
        f"{path}: Content-Type should be text/calendar; charset=utf-8 (ICAL.md #31), "
        f"is {answer.headers.get('content-type')!r}"
    )
    return answer


def api(server, method, path, body=None, expect=200):
    answer = server.request(method, path, server.rec_token, body)
    assert answer.status == expect, f"{method} {path} {body} should answer {expect}:\n{answer}"
    return answer.json()


# -- the plan ------------------------------------------------------------------


@dataclass
class Plan:
    host: str
    ids: dict = field(default_factory=dict)  # label -> event id
    public: tuple = ("weekly", "monthly", "one_off", "multi_day", "holiday")
    private: tuple = ("twelve_step", "staff_only")

    def uid(self, label):
        return f"event-{self.ids[label]}@{self.host}"

    def path(self, feed):
        """`calendar`, `kind:<kind>` or an event's label."""
        if feed == "calendar":
            return "/calendar.ics"
        if feed.startswith("kind:"):
            return f"/calendar/{feed[5:]}.ics"
        return f"/events/{self.ids[feed]}.ics"


def timed(kind, title, start, end, **fields):
    return dict(fields, kind=kind, title=title, start=start.isoformat(), end=end.isoformat())


def all_day(kind, title, first, last, **fields):
    return dict(fields, kind=kind, title=title, all_day=True, start_date=first.isoformat(), end_date=last.isoformat())


@pytest.fixture(scope="module")
def plan(server):
    """Plans the events on this backend's server and makes the changes to the
    weekly series; answers where everything is."""
    server.cli("facility", "set", "--name", FACILITY_NAME)
    plan = Plan(host=server.base.split("://", 1)[1].rsplit(":", 1)[0])
    bodies = {
        "weekly": timed(
            "karaoke", TITLE, WEEKLY_FIRST, WEEKLY_FIRST.replace(hour=21),
            description=DESCRIPTION, location=LOCATION, rrule=f"FREQ=WEEKLY;BYDAY=TU;COUNT={WEEKLY_COUNT}",
        ),
        # The last Friday of every month, until 31 December (inclusive: UNTIL
        # is 23:59:59 New York time, in UTC, as RFC 5545 wants it).
        "monthly": timed(
            "potluck", "Potluck: last Friday, bring a dish",
            at(nth_weekday(YEAR, 1, FRIDAY, -1), 18), at(nth_weekday(YEAR, 1, FRIDAY, -1), 20),
            rrule=f"FREQ=MONTHLY;BYDAY=-1FR;UNTIL={key_of(local(YEAR, 12, 31, 23, 59) + timedelta(seconds=59))}",
        ),
        "one_off": timed(
            "outing", ONE_OFF_TITLE, local(YEAR, 8, 14, 9, 30), local(YEAR, 8, 14, 16, 45),
            description=ONE_OFF_DESCRIPTION, location="Museum of Art, 2nd floor; café",
        ),
        "multi_day": all_day("recreation", "Camping weekend, lakeside", date(YEAR, 5, 14), date(YEAR, 5, 16)),
        "holiday": all_day("holiday", "Independence Day", date(YEAR, 7, 4), date(YEAR, 7, 4), rrule="FREQ=YEARLY"),
        "twelve_step": timed(
            "twelve_step", "AA meeting (private)", at(nth_weekday(YEAR, 1, FRIDAY, 2), 18), at(nth_weekday(YEAR, 1, FRIDAY, 2), 19),
            fellowship="aa", rrule="FREQ=WEEKLY;BYDAY=FR",
        ),
        "staff_only": timed(
            "other", "Staff meeting (private)", local(YEAR, 2, 3, 9), local(YEAR, 2, 3, 10), audience="staff",
        ),
    }
    for label, body in bodies.items():
        plan.ids[label] = api(server, "POST", "/api/v1/events", body, expect=201)["id"]
    weekly = plan.ids["weekly"]
    changes = [
        (SKIPPED, {"status": "skipped"}),
        (MOVED_FROM, {"start": MOVED_TO[0].isoformat(), "end": MOVED_TO[1].isoformat(), "location": MOVED_LOCATION}),
        (RETITLED_AT, {"title": RETITLED}),
        (CANCELLED_AT, {"status": "cancelled"}),
    ]
    for original, change in changes:
        api(server, "PATCH", f"/api/v1/events/{weekly}/occurrences/{key_of(original)}", change)
    return plan


# Feeds every test reads: the facility's, two per-kind feeds and each public
# event's own file.
FEEDS = ["calendar", "kind:karaoke", "kind:holiday", "weekly", "monthly", "one_off", "multi_day", "holiday"]


def hearth_occurrences(server, plan, feed):
    """What Hearth's JSON API says the feed should hold in the window, as a
    multiset of (uid, start, end, cancelled, title)."""
    # The API answers at most 366 days at a time; an occurrence across a
    # boundary is listed in both halves.
    listed, chunk = {}, WINDOW_FROM
    while chunk < WINDOW_TO:
        chunk_end = min(chunk + timedelta(days=366), WINDOW_TO)
        for o in api(server, "GET", f"/api/v1/occurrences?from={rfc3339(chunk)}&to={rfc3339(chunk_end)}")["occurrences"]:
            listed[(o["event_id"], o["key"])] = o
        chunk = chunk_end
    out = Counter()
    for o in listed.values():
        public = o["audience"] == "everyone" and o["kind"] != "twelve_step"
        if feed == "calendar":
            wanted = public
        elif feed.startswith("kind:"):
            wanted = public and o["kind"] == feed[5:]
        else:
            wanted = o["event_id"] == plan.ids[feed]
        if not wanted:
            continue
        if o["all_day"]:
            start = o["start_date"]
            end = (date.fromisoformat(o["end_date"] or o["start_date"]) + timedelta(days=1)).isoformat()
        else:
            start = instant(datetime.fromisoformat(o["start"]))
            end = instant(datetime.fromisoformat(o["end"]))
        assert o["status"] in ("scheduled", "cancelled"), o
        out[(f"event-{o['event_id']}@{plan.host}", start, end, o["status"] == "cancelled", o["title"])] += 1
    return out


def difference(expected, actual, expected_name, actual_name):
    """A readable account of two multisets of occurrences that differ."""
    missing = sorted((expected - actual).elements(), key=lambda o: (o[1], o[0]))
    extra = sorted((actual - expected).elements(), key=lambda o: (o[1], o[0]))
    lines = [f"{len(missing)} in {expected_name} but not in {actual_name}:"]
    lines += [f"  - {o}" for o in missing[:15]] + (["    ..."] if len(missing) > 15 else [])
    lines += [f"{len(extra)} in {actual_name} but not in {expected_name}:"]
    lines += [f"  + {o}" for o in extra[:15]] + (["    ..."] if len(extra) > 15 else [])
    return "\n".join(lines)


# -- reading .ics files without a library: content lines and TEXT -------------

TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "NAME", "X-WR-CALNAME", "X-WR-CALDESC"}
NAME_RE = re.compile(r"[A-Za-z0-9-]+")
PARAM_VALUE_RE = re.compile(r'"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*')


def unfold(body):
    """Physical lines joined into content lines (RFC 5545 §3.1)."""
    return body.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]


def split_line(line):
    """`NAME;P=V;Q="x:y":value` -> ("NAME", {"P": "V", "Q": "x:y"}, "value"),
    or None when the line is not one (RFC 5545 §3.1 grammar)."""
    found = NAME_RE.match(line)
    if not found:
        return None
    name, at, params = found.group().upper(), found.end(), {}
    while at < len(line) and line[at] == ";":
        found = NAME_RE.match(line, at + 1)
        if not found or found.end() >= len(line) or line[found.end()] != "=":
            return None
        pname, at, values = found.group().upper(), found.end() + 1, []
        while True:
            value = PARAM_VALUE_RE.match(line, at)
            values.append(value.group().strip('"'))
            at = value.end()
            if at < len(line) and line[at] == ",":
                at += 1
                continue
            break
        params[pname] = ",".join(values)
    if at >= len(line) or line[at] != ":":
        return None
    return name, params, line[at + 1 :]


def unescape_text(value):
    """A TEXT value decoded (RFC 5545 §3.3.11); raises on an illegal escape
    or an unescaped `;` or `,`."""
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            nxt = value[i + 1 : i + 2]
            if nxt in ("\\", ";", ","):
                out.append(nxt)
            elif nxt in ("n", "N"):
                out.append("\n")
            else:
                raise ValueError(f"illegal escape \\{nxt} in {value!r}")
            i += 2
            continue
        if c in ";,":
            raise ValueError(f"unescaped {c!r} in TEXT {value!r}")
        out.append(c)
        i += 1
    return "".join(out)


def calendar_text(body, name):
    """The decoded value of a VCALENDAR-level TEXT property (icalendar keeps
    NAME as raw bytes)."""
    values = []
    depth = 0
    for line in unfold(body):
        if line.startswith("BEGIN:"):
            depth += 1
        elif line.startswith("END:"):
            depth -= 1
        elif depth == 1:
            parts = split_line(line)
            if parts and parts[0] == name:
                values.append(unescape_text(parts[2]))
    return values


def byte_problems(body):
    """What is wrong with the bytes and lines (RFC 5545 §3.1, ICAL.md #1-#6,
    #16), one message per offending line."""
    problems = []
    if body.startswith(b"\xef\xbb\xbf"):
        problems.append("starts with a byte order mark")
    if not body.startswith(b"BEGIN:VCALENDAR\r\n"):
        problems.append(f"does not start with BEGIN:VCALENDAR CRLF: {body[:40]!r}")
    if not body.endswith(b"END:VCALENDAR\r\n"):
        problems.append(f"does not end with END:VCALENDAR CRLF: {body[-40:]!r}")
    physical = body.split(b"\r\n")
    for number, line in enumerate(physical[:-1], 1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number}: bare LF or CR inside: {line!r}")
        if len(line) > 75:
            problems.append(f"line {number}: {len(line)} octets (at most 75): {line!r}")
        if not line.strip():
            problems.append(f"line {number}: blank line")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(f"line {number}: folded inside a UTF-8 sequence ({error.reason}): {line!r}")
    if problems:
        return problems
    for line in unfold(body):
        parts = split_line(line)
        if parts is None:
            problems.append(f"not a content line NAME *(;param=value) : value: {line!r}")
            continue
        name, params, value = parts
        if name in TEXT_PROPERTIES:
            try:
                unescape_text(value)
            except ValueError as error:
                problems.append(f"{name}: {error}")
    return problems


# -- the checks ----------------------------------------------------------------


def parse_strictly(body):
    """The calendar, parsed by python-icalendar; fails on any parse error
    recorded in any component."""
    calendars = icalendar.Calendar.from_ical(body, multiple=True)
    assert len(calendars) == 1, f"one VCALENDAR per file, found {len(calendars)}"
    calendar = calendars[0]
    errors = [(c.name, e) for c in calendar.walk() for e in c.errors]
    assert not errors, f"python-icalendar recorded parse errors: {errors}"
    return calendar


def calendar_problems(body, calendar):
    """What a client would trip over in the calendar's structure (ICAL.md
    #7-#10, #13, #17-#25)."""
    problems = []
    lines = unfold(body)
    top = [split_line(line) for line in lines]
    for name, expected in (("VERSION", "2.0"), ("PRODID", None)):
        values = [p[2] for p in top if p and p[0] == name]
        if len(values) != 1 or (expected and values[0] != expected):
            problems.append(f"{name}: want exactly one{' ' + expected if expected else ''}, have {values}")
    if str(calendar.get("METHOD", "")) != "PUBLISH":
        problems.append(f"METHOD should be PUBLISH, is {calendar.get('METHOD')!r}")
    names = calendar_text(body, "NAME")
    wr_names = calendar_text(body, "X-WR-CALNAME")
    if len(names) != 1 or not names[0].strip():
        problems.append(f"want one non-empty NAME, have {names}")
    if names != wr_names:
        problems.append(f"NAME {names} and X-WR-CALNAME {wr_names} should be the same")
    refresh = [p for p in top if p and p[0] == "REFRESH-INTERVAL"]
    if len(refresh) != 1 or refresh[0][1].get("VALUE") != "DURATION":
        problems.append(f"want one REFRESH-INTERVAL;VALUE=DURATION, have {refresh}")
    elif not (calendar["REFRESH-INTERVAL"].dt > timedelta(0)):
        problems.append(f"REFRESH-INTERVAL should be a positive duration: {refresh}")
    if not any(p and p[0] == "X-PUBLISHED-TTL" for p in top):
        problems.append("no X-PUBLISHED-TTL (Outlook's poll hint)")

    zones = [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")]
    if len(zones) != len(set(zones)):
        problems.append(f"VTIMEZONE repeated: {zones}")
    used = {p[1]["TZID"] for p in top if p and "TZID" in p[1]}
    for tzid in sorted(used - set(zones)):
        problems.append(f"TZID={tzid} is used but there is no VTIMEZONE with TZID:{tzid}")

    masters, overrides = {}, []
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        where = f"VEVENT {uid or '(no UID)'}"
        if "RECURRENCE-ID" in event:
            where += f" RECURRENCE-ID {event['RECURRENCE-ID'].to_ical().decode()}"
        for name in ("UID", "DTSTAMP", "DTSTART"):
            if name not in event:
                problems.append(f"{where}: no {name}")
        if "DTSTART" not in event:
            continue
        for name in ("DTSTAMP", "CREATED", "LAST-MODIFIED"):
            if name in event:
                value = event[name]
                if not isinstance(value.dt, datetime) or value.dt.utcoffset() != timedelta(0) or "TZID" in value.params:
                    problems.append(f"{where}: {name} should be UTC (…Z), is {value.to_ical()!r} {dict(value.params)}")
        start = event["DTSTART"]
        is_date = not isinstance(start.dt, datetime)
        if is_date and start.params.get("VALUE") != "DATE":
            problems.append(f"{where}: all-day DTSTART without VALUE=DATE")
        if not is_date and start.dt.tzinfo is None:
            problems.append(f"{where}: DTSTART {start.to_ical()!r} is floating time (ICAL.md #19)")
            continue
        if "DTEND" in event and "DURATION" in event:
            problems.append(f"{where}: both DTEND and DURATION")
        if "DTEND" in event:
            end = event["DTEND"]
            if isinstance(end.dt, datetime) == is_date or (not is_date and end.dt.tzinfo is None):
                problems.append(f"{where}: DTEND {end.to_ical()!r} and DTSTART {start.to_ical()!r} differ in type")
            elif not end.dt > start.dt:
                problems.append(f"{where}: DTEND {end.to_ical()!r} is not after DTSTART {start.to_ical()!r} (ICAL.md #17)")
            elif end.params.get("TZID") != start.params.get("TZID"):
                problems.append(f"{where}: DTEND and DTSTART in different zones")
        elif is_date:
            problems.append(f"{where}: all-day event without DTEND (give the exclusive next day)")
        status = str(event.get("STATUS", "CONFIRMED"))
        if status not in ("CONFIRMED", "TENTATIVE", "CANCELLED"):
            problems.append(f"{where}: STATUS {status}")
        rule = event.get("RRULE")
        if rule is not None:
            if "COUNT" in rule and "UNTIL" in rule:
                problems.append(f"{where}: RRULE has both COUNT and UNTIL")
            for until in rule.get("UNTIL", []):
                if is_date and isinstance(until, datetime):
                    problems.append(f"{where}: UNTIL should be a DATE for an all-day series: {rule.to_ical()!r}")
                if not is_date and (not isinstance(until, datetime) or until.utcoffset() != timedelta(0)):
                    problems.append(f"{where}: UNTIL should be UTC (…Z) when DTSTART has a TZID: {rule.to_ical()!r}")
        exdates = event.get("EXDATE", [])
        for line in exdates if isinstance(exdates, list) else [exdates]:
            for value in line.dts:
                if isinstance(value.dt, datetime) == is_date or value.params.get("TZID", line.params.get("TZID")) != start.params.get("TZID"):
                    problems.append(f"{where}: EXDATE {line.to_ical()!r} {dict(line.params)} is not typed like DTSTART {dict(start.params)} (ICAL.md #24)")
        if "RECURRENCE-ID" in event:
            overrides.append((uid, event, where))
        else:
            if uid in masters:
                problems.append(f"{where}: a second master VEVENT with UID {uid} (ICAL.md #14)")
            masters[uid] = event

    for uid, master in masters.items():
        if "RRULE" not in master:
            continue
        occurs = occurrence_test(master)
        exdates = master.get("EXDATE", [])
        for line in exdates if isinstance(exdates, list) else [exdates]:
            for value in line.dts:
                if not occurs(value.dt):
                    problems.append(f"VEVENT {uid}: EXDATE {value.dt} is not an occurrence of the series (ICAL.md #24)")
    for uid, event, where in overrides:
        master = masters.get(uid)
        if master is None:
            problems.append(f"{where}: an override without its master in the same file (ICAL.md #25)")
            continue
        rid, start = event["RECURRENCE-ID"], master["DTSTART"]
        if isinstance(rid.dt, datetime) != isinstance(start.dt, datetime) or rid.params.get("TZID") != start.params.get("TZID"):
            problems.append(f"{where}: RECURRENCE-ID {rid.to_ical()!r} {dict(rid.params)} is not typed like the master's DTSTART {dict(start.params)}")
        elif "RRULE" not in master or not occurrence_test(master)(rid.dt):
            problems.append(f"{where}: RECURRENCE-ID {rid.dt} matches no occurrence of the series (ICAL.md #25)")
        if not int(event.get("SEQUENCE", 0)) > int(master.get("SEQUENCE", 0)):
            problems.append(f"{where}: SEQUENCE {event.get('SEQUENCE')} should be above the master's {master.get('SEQUENCE')}")
    return problems


def occurrence_test(master):
    """Whether a date or time is an occurrence of the master's RRULE, by
    python-dateutil on local wall-clock times."""
    start = master["DTSTART"].dt
    is_date = not isinstance(start, datetime)
    naive_start = datetime.combine(start, datetime.min.time()) if is_date else start.replace(tzinfo=None)
    rule_text = master["RRULE"].to_ical().decode()
    if not is_date and start.tzinfo is not None:
        # UNTIL is UTC; compare in the series' own wall-clock time.
        rule = master["RRULE"]
        if "UNTIL" in rule:
            until = rule["UNTIL"][0].astimezone(start.tzinfo).replace(tzinfo=None)
            rule_text = re.sub(r"UNTIL=[0-9TZ]+", "UNTIL=" + until.strftime("%Y%m%dT%H%M%S"), rule_text)
    rule = rrulestr("RRULE:" + rule_text, dtstart=naive_start)

    def occurs(value):
        if isinstance(value, datetime):
            naive = value.astimezone(start.tzinfo).replace(tzinfo=None) if start.tzinfo else value.replace(tzinfo=None)
        else:
            naive = datetime.combine(value, datetime.min.time())
        return naive in rule

    return occurs


# ==============================================================================
# a. Strict parsing
# ==============================================================================


@pytest.mark.parametrize("feed", FEEDS)
def test_feed_is_strict_rfc5545(server, plan, feed):
    """The feed's bytes are valid RFC 5545 (CRLF everywhere, lines of at most
    75 octets, never folded inside a UTF-8 sequence, no blank lines, legal
    TEXT escapes); python-icalendar parses it with no error in any
    component; it has one VERSION and PRODID, METHOD:PUBLISH, NAME equal to
    X-WR-CALNAME, REFRESH-INTERVAL;VALUE=DURATION and X-PUBLISHED-TTL; every
    TZID has its VTIMEZONE; every VEVENT has UID, DTSTAMP and DTSTART,
    DTSTAMP/CREATED/LAST-MODIFIED in UTC, DTEND after DTSTART and of the same
    type (all-day ends on the next day, exclusive), UNTIL in UTC, EXDATEs and
    RECURRENCE-IDs typed like DTSTART and hitting real occurrences, one
    master per UID and overrides with a higher SEQUENCE."""
    body = fetch_ics(server, plan.path(feed)).body
    problems = byte_problems(body)
    assert not problems, f"{plan.path(feed)}:\n" + "\n".join(problems[:40])
    calendar = parse_strictly(body)
    problems = calendar_problems(body, calendar)
    assert not problems, f"{plan.path(feed)}:\n" + "\n".join(problems[:40])


def test_vtimezone_agrees_with_the_iana_zone(server, plan):
    """The VTIMEZONE Hearth writes for America/New_York gives the real UTC
    offset (tzdata) at every hour of the two years the plan spans, so
    clients that trust the in-file VTIMEZONE (Outlook, ical.js) put
    summer-time events at the same instant as clients that use IANA data
    (ICAL.md #21, #22)."""
    calendar = parse_strictly(fetch_ics(server, "/calendar.ics").body)
    zones = {str(z["TZID"]): z for z in calendar.walk("VTIMEZONE")}
    assert ZONE in zones, f"no VTIMEZONE for {ZONE}: {sorted(zones)}"
    written = zones[ZONE].to_tz(lookup_tzid=False)
    real = ZoneInfo(ZONE)
    wrong, hours = [], 0
    moment = WINDOW_FROM
    while moment < WINDOW_TO:
        hours += 1
        if moment.astimezone(written).utcoffset() != moment.astimezone(real).utcoffset():
            wrong.append(
                f"{moment:%Y-%m-%d %H:%M}Z: VTIMEZONE says {moment.astimezone(written):%z}, "
                f"tzdata says {moment.astimezone(real):%z}"
            )
        moment += timedelta(hours=1)
    vtimezone = zones[ZONE].to_ical().decode()
    assert not wrong, (
        f"the VTIMEZONE gives the wrong offset for {len(wrong)} of the {hours} hours of {YEAR}-{YEAR + 1}, e.g.\n"
        + "\n".join(wrong[:3] + ["..."] + wrong[-3:])
        + f"\nVTIMEZONE as written:\n{vtimezone}"
    )


def test_text_round_trips_exactly(server, plan):
    """Titles, descriptions and locations with commas, semicolons,
    backslashes, a literal backslash-n, newlines, accents, CJK and emoji
    (ZWJ sequences included), folded over many lines, decode to exactly
    what was sent, in the master and in the overrides, and the facility's
    name comes back in NAME/X-WR-CALNAME (ICAL.md #2, #3, #16)."""
    body = fetch_ics(server, "/calendar.ics").body
    calendar = parse_strictly(body)
    assert FACILITY_NAME in calendar_text(body, "NAME")[0], calendar_text(body, "NAME")
    assert FACILITY_NAME in calendar_text(body, "X-WR-CALNAME")[0], calendar_text(body, "X-WR-CALNAME")
    by_uid = {}
    for event in calendar.walk("VEVENT"):
        rid = event.get("RECURRENCE-ID")
        by_uid[(str(event["UID"]), None if rid is None else instant(rid.dt))] = event

    def text(label, name, recurrence=None):
        event = by_uid.get((plan.uid(label), None if recurrence is None else instant(recurrence)))
        assert event is not None, f"no VEVENT for {label} {recurrence} in /calendar.ics"
        return None if name not in event else str(event[name])

    assert text("weekly", "SUMMARY") == TITLE
    assert text("weekly", "DESCRIPTION") == DESCRIPTION
    assert text("weekly", "LOCATION") == LOCATION
    assert text("weekly", "SUMMARY", RETITLED_AT) == RETITLED
    assert text("weekly", "DESCRIPTION", RETITLED_AT) == DESCRIPTION
    assert text("weekly", "LOCATION", MOVED_FROM) == MOVED_LOCATION
    assert text("weekly", "SUMMARY", MOVED_FROM) == TITLE
    assert text("one_off", "SUMMARY") == ONE_OFF_TITLE
    assert text("one_off", "DESCRIPTION") == ONE_OFF_DESCRIPTION
    # The same text, decoded by this file's own RFC 5545 reader.
    decoded = [unescape_text(p[2]) for p in map(split_line, unfold(body)) if p and p[0] == "DESCRIPTION"]
    assert DESCRIPTION in decoded


def test_feeds_hold_the_right_events(server, plan):
    """The facility feed has every public planned event and neither the
    12-step series nor the staff-only event; the karaoke feed has the
    karaoke series only; each /events/{id}.ics holds that event alone, under
    the UID it has in the feeds (event-{id}@host), as an attachment; private
    events have no public .ics (ICAL.md #14, #35)."""

    def uids(path):
        calendar = parse_strictly(fetch_ics(server, path).body)
        return {str(e["UID"]) for e in calendar.walk("VEVENT")}

    facility = uids("/calendar.ics")
    assert {plan.uid(label) for label in plan.public} <= facility
    assert not {plan.uid(label) for label in plan.private} & facility, "private events in the public feed"
    assert uids("/calendar/karaoke.ics") == {plan.uid("weekly")}
    twelve_step = fetch(server, "/calendar/twelve_step.ics")
    assert twelve_step.status == 404 or plan.uid("twelve_step") not in uids("/calendar/twelve_step.ics"), (
        "the 12-step series is in a public feed"
    )
    for label in plan.public:
        path = plan.path(label)
        answer = fetch_ics(server, path)
        assert uids(path) == {plan.uid(label)}, f"{path} should hold {plan.uid(label)} only"
        disposition = answer.headers.get("content-disposition", "")
        assert re.match(r'(attachment|inline); filename="[^"/\\]+\.ics"$', disposition), (
            f"{path}: Content-Disposition {disposition!r}"
        )
    for label in plan.private:
        answer = fetch(server, plan.path(label))
        assert answer.status == 404, f"{plan.path(label)} (private) should answer 404 without a session:\n{answer}"


def test_weekly_series_is_one_master_with_overrides(server, plan):
    """The DST-crossing series is one master (DTSTART;TZID=America/New_York
    at 19:00, an RRULE, the skipped date as an EXDATE at 19:00 New York time)
    plus one override per changed occurrence, whose RECURRENCE-ID is the
    original start: the moved one at its new time, the retitled one, and the
    cancelled one with STATUS:CANCELLED. The skipped one has no override."""
    calendar = parse_strictly(fetch_ics(server, plan.path("weekly")).body)
    events = calendar.walk("VEVENT")
    masters = [e for e in events if "RECURRENCE-ID" not in e]
    assert len(masters) == 1, f"one master, found {len(masters)}"
    master = masters[0]
    assert master["DTSTART"].params.get("TZID") == ZONE
    assert master["DTSTART"].dt.replace(tzinfo=None) == WEEKLY_FIRST.replace(tzinfo=None)
    assert "RRULE" in master
    exdates = master.get("EXDATE", [])
    exdates = [v for line in (exdates if isinstance(exdates, list) else [exdates]) for v in line.dts]
    assert [(v.dt.replace(tzinfo=None), v.params.get("TZID")) for v in exdates] == [
        (SKIPPED.replace(tzinfo=None), ZONE)
    ], [v.to_ical() for v in exdates]
    overrides = {instant(e["RECURRENCE-ID"].dt): e for e in events if "RECURRENCE-ID" in e}
    assert set(overrides) == {instant(MOVED_FROM), instant(RETITLED_AT), instant(CANCELLED_AT)}
    for event in overrides.values():
        assert event["RECURRENCE-ID"].params.get("TZID") == ZONE
    moved = overrides[instant(MOVED_FROM)]
    assert (instant(moved["DTSTART"].dt), instant(moved["DTEND"].dt)) == tuple(map(instant, MOVED_TO))
    assert moved["DTSTART"].params.get("TZID") == ZONE
    assert str(overrides[instant(RETITLED_AT)]["SUMMARY"]) == RETITLED
    assert str(overrides[instant(CANCELLED_AT)]["STATUS"]) == "CANCELLED"
    for key in (instant(MOVED_FROM), instant(RETITLED_AT)):
        assert str(overrides[key].get("STATUS", "CONFIRMED")) != "CANCELLED"


# ==============================================================================
# b. Expansion: two client libraries against Hearth's own occurrences
# ==============================================================================


def test_hearth_lists_the_planned_weekly_series(server, plan):
    """Hearth's JSON API itself lists the weekly series as planned (worked
    out independently here with zoneinfo): 44 Tuesdays at 19:00 New York
    time across both DST changes, the skipped one absent, the moved one at
    its new time, the retitled one retitled, the cancelled one present and
    cancelled. This makes the API a trustworthy reference for the
    expansion tests."""
    # The plan does cross both changes (the dates are computed from the US rule).
    assert MOVED_FROM.utcoffset() != MOVED_TO[0].utcoffset() != CANCELLED_AT.utcoffset()
    listed = hearth_occurrences(server, plan, "weekly")
    expected = Counter((plan.uid("weekly"), *o) for o in weekly_expected().values())
    same = listed == expected  # (not in the assert: pytest's own diff of Counters is noise)
    assert same, difference(expected, listed, "the plan", "Hearth's API")


def expand_with_recurring_ical_events(body):
    calendar = parse_strictly(body)
    out = Counter()
    for event in recurring_ical_events.of(calendar).between(WINDOW_FROM, WINDOW_TO):
        end = event["DTEND"].dt if "DTEND" in event else event["DTSTART"].dt + event["DURATION"].dt
        cancelled = str(event.get("STATUS", "")).upper() == "CANCELLED"
        out[(str(event["UID"]), instant(event["DTSTART"].dt), instant(end), cancelled, str(event["SUMMARY"]))] += 1
    return out


def expand_with_ical_js(body):
    node = shutil.which("node")
    assert node, "node is not on PATH (scripts/bootstrap.sh installs it)"
    assert (EXPAND_SCRIPT.parent / "node_modules" / "ical.js").is_dir(), (
        "ical.js is not installed: run `npm ci` in tests/e2e (scripts/bootstrap.sh does)"
    )
    done = subprocess.run(
        [node, str(EXPAND_SCRIPT), rfc3339(WINDOW_FROM), rfc3339(WINDOW_TO)],
        input=body, capture_output=True, timeout=120, cwd=EXPAND_SCRIPT.parent,
    )
    assert done.returncode == 0, f"ical.js failed on the feed:\n{done.stderr.decode(errors='replace')}"
    return Counter(
        (o["uid"], o["start_utc"], o["end_utc"], o["status"] == "CANCELLED", o["summary"])
        for o in json.loads(done.stdout)
    )


@pytest.mark.parametrize("feed", FEEDS)
def test_recurring_ical_events_expands_like_hearth(server, plan, feed):
    """python recurring-ical-events (IANA zones, like Google) expands the
    feed over two years into exactly Hearth's own occurrences: same events,
    same start and end instants (dates for all-day events), same titles,
    cancelled ones present and cancelled, skipped ones absent."""
    body = fetch_ics(server, plan.path(feed)).body
    expected = hearth_occurrences(server, plan, feed)
    assert expected, f"the plan should put occurrences in {feed}"
    expanded = expand_with_recurring_ical_events(body)
    same = expanded == expected
    assert same, f"{plan.path(feed)}:\n" + difference(
        expected, expanded, "Hearth's API", "recurring-ical-events"
    )


@pytest.mark.parametrize("feed", FEEDS)
def test_ical_js_expands_like_hearth(server, plan, feed):
    """Mozilla ical.js (Thunderbird's parser; it resolves TZIDs only through
    the file's own VTIMEZONEs) expands the feed over two years into exactly
    Hearth's own occurrences: same events, same start and end instants
    (dates for all-day events), same titles, cancelled ones present and
    cancelled, skipped ones absent."""
    body = fetch_ics(server, plan.path(feed)).body
    expected = hearth_occurrences(server, plan, feed)
    assert expected, f"the plan should put occurrences in {feed}"
    expanded = expand_with_ical_js(body)
    same = expanded == expected
    assert same, f"{plan.path(feed)}:\n" + difference(expected, expanded, "Hearth's API", "ical.js")


# ==============================================================================
# c. Determinism and HTTP caching
# ==============================================================================


def validators(answer):
    return answer.headers.get("etag"), answer.headers.get("last-modified")


@pytest.mark.parametrize("feed", ["calendar", "kind:karaoke", "weekly", "holiday"])
def test_feed_bytes_and_etag_are_stable(server, plan, feed):
    """Two GETs of the same feed give byte-identical bodies with the same
    strong ETag and Last-Modified (no DTSTAMP of "now", no random UIDs, a
    fixed order; ICAL.md #15, #30, #32)."""
    first = fetch_ics(server, plan.path(feed))
    time.sleep(1.1)  # a DTSTAMP or Last-Modified of "now" would move
    second = fetch_ics(server, plan.path(feed))
    assert first.body == second.body, f"{plan.path(feed)} changed between two GETs"
    etag, last_modified = validators(first)
    assert etag and re.fullmatch(r'"[\x21\x23-\x7e]+"', etag), f"want a strong, quoted ETag, have {etag!r}"
    assert last_modified and parsedate_to_datetime(last_modified), f"want a Last-Modified, have {last_modified!r}"
    assert validators(second) == (etag, last_modified)


@pytest.mark.parametrize("feed", ["calendar", "kind:karaoke", "weekly", "holiday"])
def test_conditional_gets(server, plan, feed):
    """If-None-Match with the current ETag and If-Modified-Since with the
    current Last-Modified answer 304 with an empty body (and the same
    validators); a stale ETag or an earlier date answers 200 with the whole
    feed (RFC 9110 §13.1, ICAL.md #32)."""
    path = plan.path(feed)
    full = fetch_ics(server, path)
    etag, last_modified = validators(full)
    for headers in ({"if-none-match": etag}, {"if-none-match": f'"stale", {etag}'}, {"if-modified-since": last_modified}):
        answer = fetch(server, path, headers)
        assert answer.status == 304, f"{path} with {headers} should answer 304:\n{answer}"
        assert answer.body == b"", f"a 304 has no body, got {len(answer.body)} bytes"
        assert answer.headers.get("etag") == etag
    earlier = (parsedate_to_datetime(last_modified) - timedelta(seconds=1)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    for headers in ({"if-none-match": '"stale"'}, {"if-modified-since": earlier}):
        answer = fetch(server, path, headers)
        assert answer.status == 200, f"{path} with {headers} should answer 200:\n{answer}"
        assert answer.body == full.body


@pytest.mark.parametrize("feed", ["calendar", "kind:karaoke", "weekly"])
def test_compressed_feeds_are_the_same_bytes(server, plan, feed):
    """A client that accepts brotli or gzip gets the feed compressed (from
    memory) with the same validators; decompressed, it is byte for byte the
    plain feed. Every answer says it varies by Accept-Encoding, so no shared
    cache hands a compressed body to a client that cannot read it."""
    path = plan.path(feed)
    plain = fetch_ics(server, path)
    assert "content-encoding" not in plain.headers
    assert "accept-encoding" in plain.headers.get("vary", "").lower()
    for accept, coding, decompress in (
        ("gzip, deflate, br", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("br;q=0, gzip;q=0.5", "gzip", gzip.decompress),
    ):
        answer = fetch(server, path, {"accept-encoding": accept})
        assert answer.status == 200, answer
        assert answer.headers.get("content-encoding") == coding, f"{accept}: {answer.headers}"
        assert len(answer.body) < len(plain.body) / 3, f"{coding} of {len(plain.body)} bytes is {len(answer.body)}"
        assert decompress(answer.body) == plain.body, f"{coding} of {path} is not the feed"
        assert validators(answer) == validators(plain)


def test_a_change_moves_only_the_validators_it_should(server, plan):
    """After an event changes (the whole event, then one occurrence), the
    ETag of /calendar.ics and of that event's own .ics change, and a client
    holding the old ETag or Last-Modified gets the new body; the .ics of an
    untouched event and a feed of another kind keep their bytes and ETag."""
    BOARD_GAMES = at(nth_weekday(YEAR, 9, TUESDAY, 1), 14)
    created = api(
        server, "POST", "/api/v1/events",
        timed("other", "Board games", BOARD_GAMES, BOARD_GAMES.replace(hour=16), rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=8"),
        expect=201,
    )
    touched = f"/events/{created['id']}.ics"
    watched = {
        "facility": "/calendar.ics",
        "touched": touched,
        "untouched": plan.path("weekly"),
        "other kind": "/calendar/karaoke.ics",
    }
    steps = [
        ("PATCH the event", f"/api/v1/events/{created['id']}", {"title": "Board games, and cards"}),
        ("PATCH one occurrence", f"/api/v1/events/{created['id']}/occurrences/{key_of(BOARD_GAMES + timedelta(weeks=1))}",
         {"title": "Chess; only chess"}),
    ]
    for what, path, change in steps:
        before = {name: fetch_ics(server, p) for name, p in watched.items()}
        time.sleep(1.1)  # Last-Modified has one-second resolution
        api(server, "PATCH", path, change)
        after = {name: fetch_ics(server, p) for name, p in watched.items()}
        for name in ("facility", "touched"):
            assert validators(after[name])[0] != validators(before[name])[0], f"{what}: ETag of {watched[name]} should change"
            assert after[name].body != before[name].body
            old_etag, old_modified = validators(before[name])
            for headers in ({"if-none-match": old_etag}, {"if-modified-since": old_modified}):
                answer = fetch(server, watched[name], headers)
                assert answer.status == 200, f"{what}: {watched[name]} with the old {headers} should answer 200:\n{answer}"
                assert answer.body == after[name].body
        for name in ("untouched", "other kind"):
            assert after[name].body == before[name].body, f"{what}: {watched[name]} should not change"
            assert validators(after[name]) == validators(before[name]), f"{what}: validators of {watched[name]} moved"
    body = fetch_ics(server, touched).body
    assert "Chess\\; only chess" in body.decode() and "Board games\\, and cards" in body.decode()


# ==============================================================================
# d. A person's own feed
# ==============================================================================


def personal_feed_path(server, email):
    """Signs `email` in (no JavaScript), makes their calendar link on
    /me/calendar and answers its path, read off the page."""
    browser = server.browser()
    browser.sign_in(email)
    page = browser.get("/me/calendar")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    me = re.search(r'name="person" value="(\d+)"', page.text).group(1)
    made = _send(
        browser.opener, "POST", server.base + "/fn/new_feed_link",
        data=urllib.parse.urlencode({"csrf_token": token, "person": me}).encode(),
        headers={"accept": "text/html", "content-type": "application/x-www-form-urlencoded",
                 "referer": server.base + "/me/calendar"},
    )
    assert made.status == 303, made
    shown = browser.get("/me/calendar").text
    found = re.search(r"/feeds/[0-9a-f]{64}\.ics", shown)
    assert found, "the new link is shown on /me/calendar"
    return browser, me, found.group(0)


@pytest.fixture(scope="module")
def personal(server, plan):
    """A client going to three dates of the weekly series (the first, the
    moved one and the retitled one) and to the one-off outing."""
    email = "personal-feed@example.org"
    person = server.add_person("client", "Pat P.", email, PASSWORD)
    picks = [
        (plan.ids["weekly"], key_of(WEEKLY_FIRST)),
        (plan.ids["weekly"], key_of(MOVED_FROM)),
        (plan.ids["weekly"], key_of(RETITLED_AT)),
        (plan.ids["one_off"], key_of(local(YEAR, 8, 14, 9, 30))),
    ]
    for event, key in picks:
        api(server, "PUT", f"/api/v1/events/{event}/occurrences/{key}/rsvps/{person}", {"response": "going"})
    browser, me, path = personal_feed_path(server, email)
    return {"picks": picks, "path": path, "browser": browser, "person": me}


def personal_expected(server, plan, picks, title=lambda o: o["title"]):
    out = Counter()
    for event, key in picks:
        o = api(server, "GET", f"/api/v1/events/{event}/occurrences/{key}")
        start = instant(datetime.fromisoformat(o["start"]))
        end = instant(datetime.fromisoformat(o["end"]))
        out[(f"event-{event}-{key}@{plan.host}", start, end, o["status"] == "cancelled", title(o))] += 1
    return out


def test_personal_feed_is_strict_and_expands_like_hearth(server, plan, personal):
    """A person's own feed (the dates they are going to, each its own VEVENT)
    is strict RFC 5545 and both python recurring-ical-events and ical.js
    read exactly those dates at Hearth's times, moved and retitled ones
    included."""
    body = fetch_ics(server, personal["path"]).body
    assert not byte_problems(body)
    problems = calendar_problems(body, parse_strictly(body))
    assert not problems, "\n".join(problems[:40])
    expected = personal_expected(server, plan, personal["picks"])
    assert len(expected) == 4
    for name, expanded in (
        ("recurring-ical-events", expand_with_recurring_ical_events(body)),
        ("ical.js", expand_with_ical_js(body)),
    ):
        assert expanded == expected, difference(expected, expanded, "Hearth's API", name)


def test_discreet_personal_feed_with_reminders_is_strict(server, plan, personal):
    """In discreet mode with a 30-minute reminder the personal feed is still
    strict RFC 5545, carries neutral titles and no place, description or
    facility name, and every VEVENT has one VALARM with ACTION, DESCRIPTION
    and a relative TRIGGER; both parsers read the same dates."""
    browser = personal["browser"]
    page = browser.get("/me/calendar")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    saved = _send(
        browser.opener, "POST", server.base + "/fn/save_feed_preferences",
        data=urllib.parse.urlencode({"csrf_token": token, "person": personal["person"],
                                     "discreet": "on", "alarm": "30"}).encode(),
        headers={"accept": "text/html", "content-type": "application/x-www-form-urlencoded",
                 "referer": server.base + "/me/calendar"},
    )
    assert saved.status == 303, saved
    body = fetch_ics(server, personal["path"]).body
    assert not byte_problems(body)
    calendar = parse_strictly(body)
    problems = calendar_problems(body, calendar)
    assert not problems, "\n".join(problems[:40])
    text = "\n".join(unfold(body))
    # Words from the titles, places and the facility's name.
    for leak in ("Karaoke", "Museum", "Springfield", "Gym", "Maple House", "URL:"):
        assert leak not in text, f"discreet mode leaks {leak!r}"
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 4
    for event in events:
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1, event.to_ical()
        alarm = alarms[0]
        assert str(alarm["ACTION"]) == "DISPLAY" and "DESCRIPTION" in alarm
        assert alarm["TRIGGER"].dt == timedelta(minutes=-30)
        assert "LOCATION" not in event and "DESCRIPTION" not in event
    neutral = {"karaoke": "Gathering", "outing": "Outing"}
    expected = personal_expected(server, plan, personal["picks"], title=lambda o: neutral[o["kind"]])
    for name, expanded in (
        ("recurring-ical-events", expand_with_recurring_ical_events(body)),
        ("ical.js", expand_with_ical_js(body)),
    ):
        assert expanded == expected, difference(expected, expanded, "Hearth's API", name)
