"""Acceptance tests: the release `hearth` binary driven from outside, as an
independent client, on SQLite and on PostgreSQL (the `server` fixture runs
every test once per backend).

- A burst of 200 clients answering "going" at once never oversells an
  outing, and the waitlist is exact and moves up exactly.
- Another client never sees who is going (12-step meetings or otherwise),
  in any page's HTML or any API answer, and never sees staff-only events.
- Discharge releases seats and stops the token; after the retention window
  the person's name is gone and only anonymous counts remain.

Names and titles are generated fresh for every run, so finding one in a
page can only mean it leaked from this run's data."""

import csv
import html
import io
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from conftest import PASSWORD, ZONE, unique_word

TZ = ZoneInfo(ZONE)


# -- helpers ------------------------------------------------------------------


def local_day(days_from_today):
    return (datetime.now(TZ) + timedelta(days=days_from_today)).date()


def at(day, hour, minute=0):
    """A facility wall-clock time as an aware datetime."""
    return datetime.combine(day, time(hour, minute), TZ)


def key_of(start):
    """An occurrence key: the original start in UTC."""
    return start.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def window(day):
    """An RFC 3339 window around a local day, for the list endpoints."""
    start = at(day, 0) - timedelta(days=1)
    return f"from={start.astimezone(timezone.utc):%Y-%m-%dT%H:%M:%SZ}&to={(start + timedelta(days=3)).astimezone(timezone.utc):%Y-%m-%dT%H:%M:%SZ}"


def create_event(server, start, hours=2, **fields):
    body = dict(fields, start=start.isoformat(), end=(start + timedelta(hours=hours)).isoformat())
    answer = server.request("POST", "/api/v1/events", server.rec_token, body)
    assert answer.status == 201, f"creating {body} should answer 201:\n{answer}"
    event = answer.json()
    # The occurrence exists under the key we expect, as the API lists it.
    listed = server.request("GET", f"/api/v1/occurrences?{window(start.date())}", server.rec_token)
    assert listed.status == 200, listed
    keys = [o["key"] for o in listed.json()["occurrences"] if o["event_id"] == event["id"]]
    assert keys == [key_of(start)], f"event {event['id']} should have one occurrence {key_of(start)}:\n{listed}"
    return event["id"], key_of(start)


def make_clients(server, count, prefix, password=None):
    """`count` clients with fresh names ("Firstname X."), e-mails and tokens,
    created with the CLI, eight at a time."""

    def one(_):
        word = unique_word(prefix)
        name = f"{word} {prefix[0].upper()}."
        email = f"{word.lower()}@example.org"
        person_id = server.add_person("client", name, email, password)
        return {"id": person_id, "name": name, "word": word, "email": email, "token": server.token(email)}

    with ThreadPoolExecutor(max_workers=8) as pool:
        clients = list(pool.map(one, range(count)))
    assert len({c["id"] for c in clients}) == count, "every client should get their own id"
    return clients


def all_at_once(calls):
    """Runs the calls in one thread each, released together by a barrier;
    answers their results in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait(timeout=120)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(run, call) for call in calls]
        return [f.result(timeout=300) for f in futures]


def roster(server, event_id, key):
    answer = server.request("GET", f"/api/v1/events/{event_id}/occurrences/{key}/rsvps", server.rec_token)
    assert answer.status == 200, f"the staff roster should answer 200:\n{answer}"
    return answer.json()["rsvps"]


def rsvp_path(event_id, key, person_id):
    return f"/api/v1/events/{event_id}/occurrences/{key}/rsvps/{person_id}"


def visible_text(page):
    """A page's text as a reader sees it (tags dropped, spaces collapsed)."""
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def participation(server, from_day, to_day):
    answer = server.request(
        "GET", f"/reports/participation.csv?from={from_day}&to={to_day}", server.rec_token
    )
    assert answer.status == 200, f"the participation CSV should answer 200 to recreation staff:\n{answer}"
    rows = list(csv.reader(io.StringIO(answer.text)))
    # Headings and kinds in the reader's language: the facility's (English)
    # for a token whose owner chose none.
    assert rows[0] == [
        "Person", "Kind", "Attended", "Left early", "Refused", "Unavailable or sick", "No-show"
    ], answer
    return answer, rows[1:]


# -- 1. never oversold ----------------------------------------------------------


def test_a_burst_of_200_going_answers_never_oversells_and_the_waitlist_is_exact(server):
    event_id, key = create_event(
        server, at(local_day(3), 19), kind="outing", title=unique_word("Bowling"), capacity=20
    )
    clients = make_clients(server, 200, "Burst")

    answers = all_at_once(
        [
            (lambda c=c: server.request("PUT", rsvp_path(event_id, key, c["id"]), c["token"],
                                        {"response": "going", "guests": 0}))
            for c in clients
        ]
    )
    failed = [a for a in answers if a.status != 200]
    assert not failed, f"{len(failed)} of 200 answers were not 200; the first:\n{failed[0]}"
    said = {c["id"]: a.json() for c, a in zip(clients, answers)}
    going = {pid for pid, a in said.items() if a["state"] == "going"}
    waitlisted = {pid: a["position"] for pid, a in said.items() if a["state"] == "waitlisted"}
    other = {pid: a for pid, a in said.items() if a["state"] not in ("going", "waitlisted")}
    assert not other, f"unexpected states: {other}"
    assert len(going) == 20, f"capacity 20 but {len(going)} answers said going"
    assert len(waitlisted) == 180, f"{len(waitlisted)} answers said waitlisted, expected 180"
    assert all(said[pid]["position"] is None for pid in going), "a going answer carries no waitlist position"
    assert sorted(waitlisted.values()) == list(range(1, 181)), (
        f"waitlist positions should be exactly 1..180, were {sorted(waitlisted.values())}"
    )

    rows = roster(server, event_id, key)
    assert len(rows) == 200, f"the roster should have 200 rows, has {len(rows)}"
    assert {r["person_id"] for r in rows if r["state"] == "going"} == going, "the roster's going list differs from the answers"
    on_list = {r["person_id"]: r["position"] for r in rows if r["state"] == "waitlisted"}
    assert on_list == waitlisted, (
        "the roster's waitlist differs from what each person was told: "
        f"{ {pid: (on_list.get(pid), waitlisted.get(pid)) for pid in set(on_list) | set(waitlisted) if on_list.get(pid) != waitlisted.get(pid)} }"
    )

    # Five going clients cancel at the same moment.
    by_id = {c["id"]: c for c in clients}
    leaving = sorted(going)[:5]
    cancelled = all_at_once(
        [
            (lambda c=by_id[pid]: server.request("DELETE", rsvp_path(event_id, key, c["id"]), c["token"]))
            for pid in leaving
        ]
    )
    for answer in cancelled:
        assert answer.status == 204, f"cancelling should answer 204:\n{answer}"

    first_five = {pid for pid, position in waitlisted.items() if position <= 5}
    rows = roster(server, event_id, key)
    now_going = {r["person_id"] for r in rows if r["state"] == "going"}
    assert len(now_going) == 20, f"after 5 cancellations {len(now_going)} are going, expected 20"
    assert now_going == (going - set(leaving)) | first_five, (
        f"the promoted should be exactly positions 1..5 {sorted(first_five)}, "
        f"promoted were {sorted(now_going - going)}"
    )
    assert not {r["person_id"] for r in rows} & set(leaving), "cancelled RSVPs should be gone from the roster"
    now_waiting = {r["person_id"]: r["position"] for r in rows if r["state"] == "waitlisted"}
    assert sorted(now_waiting.values()) == list(range(1, 176)), (
        f"the waitlist should now be 1..175, is {sorted(now_waiting.values())}"
    )
    expected = {pid: position - 5 for pid, position in waitlisted.items() if position > 5}
    assert now_waiting == expected, "everyone on the waitlist should have moved up exactly five places, in order"


# -- 2. privacy -------------------------------------------------------------------


def test_another_client_never_sees_who_is_going_nor_staff_only_events(server):
    day = local_day(2)
    meeting_title, outing_title = unique_word("Meeting"), unique_word("Outing")
    open_title, huddle_title = unique_word("Picnic"), unique_word("Huddle")
    meeting = create_event(server, at(day, 19), hours=1, kind="twelve_step", title=meeting_title, fellowship="na")
    outing = create_event(server, at(day, 13), kind="outing", title=outing_title, capacity=12)
    # Staff chose to show who is coming to this one (the control: names a
    # client may see do show up in what the checks below read).
    shown = create_event(server, at(day, 16), kind="recreation", title=open_title, show_names=True)
    huddle = create_event(server, at(day, 9), hours=1, kind="other", title=huddle_title, audience="staff")
    titles = {meeting: meeting_title, outing: outing_title, shown: open_title}

    # Who comes to a 12-step meeting can never be shown to clients.
    answer = server.request("PATCH", f"/api/v1/events/{meeting[0]}", server.rec_token, {"show_names": True})
    assert answer.status == 422 and answer.json()["error"]["field"] == "show_names", (
        f"switching a 12-step meeting to showing names should be refused at the field:\n{answer}"
    )

    a, b, c = make_clients(server, 3, "Zephyrine", password=PASSWORD)
    for (event_id, key), who in ((meeting, a), (outing, a), (shown, c)):
        answer = server.request("PUT", rsvp_path(event_id, key, who["id"]), who["token"], {"response": "going"})
        assert answer.status == 200 and answer.json()["state"] == "going", answer

    # Staff do see A, on the roster and on the page (so the name is there to leak).
    for event_id, key in (meeting, outing):
        rows = roster(server, event_id, key)
        assert [(r["person_id"], r["name"], r["state"]) for r in rows] == [(a["id"], a["name"], "going")], rows
    staff_browser = server.browser()
    staff_browser.sign_in(server.rec_email)
    page = staff_browser.get(f"/events/{meeting[0]}/occurrences/{meeting[1]}")
    assert page.status == 200 and a["name"] in page.text, f"staff should see A on the meeting's page:\n{page}"

    # The staff-only event exists for staff.
    staff_list = server.request("GET", f"/api/v1/occurrences?{window(day)}", server.rec_token)
    assert huddle_title in staff_list.text, f"staff should see the staff-only event:\n{staff_list}"

    secrets = [a["word"].lower(), a["email"].lower()]

    def leaks(text):
        lowered = text.lower()
        return [s for s in secrets if s in lowered]

    browser = server.browser()
    browser.sign_in(b["email"])
    me = browser.get("/calendar")
    assert b["name"] in me.text, f"the calendar should show B signed in:\n{me}"
    schedule_links = set(re.findall(r'<a href="(/[^"?#]*)"[^>]*>My schedule<', me.text))
    assert schedule_links, f"no 'My schedule' link in the navigation:\n{me}"

    pages = {
        "/calendar": True,
        f"/calendar?view=agenda&date={day}": True,
        f"/calendar?view=week&date={day}": True,
        f"/calendar?view=month&date={day}": True,
        f"/calendar/print?date={day.replace(day=1)}": True,
        "/today": False,
        **{path: False for path in schedule_links},
    }
    for event_id, key in titles:
        pages[f"/events/{event_id}"] = True
        pages[f"/events/{event_id}/occurrences/{key}"] = True
    for path, shows_events in pages.items():
        page = browser.get(path)
        assert page.status == 200, f"B should be able to open {path}:\n{page}"
        assert not leaks(page.text), f"{path} shows A's identity {leaks(page.text)} to another client:\n{page}"
        assert huddle_title not in page.text, f"{path} shows the staff-only event to a client:\n{page}"
        if shows_events and "/events/" not in path:
            missing = [t for t in titles.values() if t not in page.text]
            assert not missing, f"{path} should list the events {missing} (is it the right page?):\n{page}"
    page = browser.get(f"/events/{shown[0]}/occurrences/{shown[1]}")
    assert c["name"] in page.text, f"where staff chose to show names, B should see C (the control):\n{page}"
    for event_id, key in (meeting, outing):
        page = browser.get(f"/events/{event_id}/occurrences/{key}")
        assert titles[(event_id, key)] in page.text, page
        text = visible_text(page.text)
        assert re.search(r"\b1 (of \d+ )?going\b", text), (
            f"the occurrence page should show another client the count ('1 going'):\n{text}"
        )

    for path in (f"/events/{huddle[0]}", f"/events/{huddle[0]}/occurrences/{huddle[1]}"):
        page = browser.get(path)
        assert page.status == 404, f"a staff-only event's page should be 404 for a client:\n{page}"
        assert huddle_title not in page.text, f"{path} shows the staff-only title:\n{page}"

    api_reads = {
        f"/api/v1/occurrences?{window(day)}": 200,
        f"/api/v1/events?{window(day)}": 200,
        "/api/v1/me": 200,
        "/api/v1/people": 403,
    }
    for event_id, key in titles:
        api_reads[f"/api/v1/events/{event_id}"] = 200
        api_reads[f"/api/v1/events/{event_id}/occurrences/{key}"] = 200
        api_reads[f"/api/v1/events/{event_id}/occurrences/{key}/rsvps"] = 403
    for path, status in api_reads.items():
        answer = server.request("GET", path, b["token"])
        assert answer.status == status, f"GET {path} as a client should answer {status}:\n{answer}"
        assert not leaks(answer.text), f"GET {path} shows A's identity {leaks(answer.text)} to another client:\n{answer}"
        assert huddle_title not in answer.text, f"GET {path} shows the staff-only event to a client:\n{answer}"
    listed = server.request("GET", f"/api/v1/occurrences?{window(day)}", b["token"])
    mine = {meeting[0], outing[0], shown[0], huddle[0]}
    assert {o["event_id"] for o in listed.json()["occurrences"]} & mine == mine - {huddle[0]}, (
        f"a client should list the three events open to clients, not the staff-only one:\n{listed}"
    )
    for path in (f"/api/v1/events/{huddle[0]}", f"/api/v1/events/{huddle[0]}/occurrences/{huddle[1]}"):
        answer = server.request("GET", path, b["token"])
        assert answer.status == 404, f"a staff-only event should be 404 for a client:\n{answer}"
        assert huddle_title not in answer.text, answer


# -- 3. discharge and retention -------------------------------------------------------


def test_discharge_releases_the_seat_and_the_token_and_retention_leaves_only_counts(server):
    outing = create_event(server, at(local_day(4), 10), kind="outing", title=unique_word("Hike"), capacity=1)
    yesterday = local_day(-1)
    past = create_event(server, at(yesterday, 10), kind="outing", title=unique_word("Museum"))
    leaver, waiter = make_clients(server, 2, "Lifecycle")

    answer = server.request("PUT", rsvp_path(*outing, leaver["id"]), leaver["token"], {"response": "going"})
    assert answer.status == 200 and answer.json()["state"] == "going", answer
    answer = server.request("PUT", rsvp_path(*outing, waiter["id"]), waiter["token"], {"response": "going"})
    assert answer.status == 200, answer
    assert (answer.json()["state"], answer.json()["position"]) == ("waitlisted", 1), answer

    answer = server.request(
        "POST", f"/api/v1/events/{past[0]}/occurrences/{past[1]}/attendance", server.rec_token,
        {"person_id": leaver["id"], "code": "attended"},
    )
    assert answer.status == 204, f"recording attendance at yesterday's outing should answer 204:\n{answer}"
    today = local_day(0)
    csv_answer, rows = participation(server, yesterday, today)
    assert [leaver["name"], "Outing", "1", "0", "0", "0", "0"] in rows, (
        f"before discharge the report should count the attendance under the name:\n{csv_answer}"
    )

    answer = server.request("POST", f"/api/v1/people/{leaver['id']}/discharge", server.rec_token)
    assert answer.status == 200, f"discharge should answer 200:\n{answer}"
    assert answer.json()["status"] == "discharged", answer

    rows = roster(server, *outing)
    states = {r["person_id"]: (r["state"], r["position"]) for r in rows}
    assert states.get(waiter["id"]) == ("going", None), f"the waitlisted client should now be going: {rows}"
    assert states.get(leaver["id"], (None,))[0] not in ("going", "waitlisted"), (
        f"the discharged client should hold no seat: {rows}"
    )
    answer = server.request("GET", "/api/v1/me", leaver["token"])
    assert answer.status == 401, f"a discharged client's token should stop working (401):\n{answer}"

    server.cli("facility", "set", "--retention-days", "0")
    server.cli("lifecycle")

    people = server.request("GET", "/api/v1/people", server.rec_token)
    assert people.status == 200, people
    assert waiter["name"] in people.text, f"the active client should still be listed:\n{people}"
    for secret in (leaver["word"].lower(), leaver["email"].lower()):
        assert secret not in people.text.lower(), f"after purge {secret!r} is still in the people list:\n{people}"
    past_roster = server.request("GET", f"/api/v1/events/{past[0]}/occurrences/{past[1]}/rsvps", server.rec_token)
    assert past_roster.status == 200, past_roster
    assert leaver["word"].lower() not in past_roster.text.lower(), f"after purge the roster still names L:\n{past_roster}"

    csv_answer, rows = participation(server, yesterday, today)
    assert leaver["word"].lower() not in csv_answer.text.lower(), f"after purge the report still names L:\n{csv_answer}"
    former = [row for row in rows if row[0] == "Former client"]
    assert former == [["Former client", "Outing", "1", "0", "0", "0", "0"]], (
        f"the report should keep L's attendance as one 'Former client' row:\n{csv_answer}"
    )
