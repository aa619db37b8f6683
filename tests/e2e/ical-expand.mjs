#!/usr/bin/env node
// Expands an iCalendar file the way Mozilla's ical.js (Thunderbird, Nextcloud
// and many web calendars) does, for tests/python/test_feeds.py.
//
//   node ical-expand.mjs FROM TO < calendar.ics
//
// FROM and TO are RFC 3339 instants (e.g. 2027-01-01T00:00:00Z). Prints a
// JSON array of the occurrences that overlap [FROM, TO), sorted:
//
//   [{uid, start_utc, end_utc, status, summary}]
//
// start_utc/end_utc are instants in UTC ("2027-02-03T00:00:00Z") for timed
// values, and the plain date ("2027-07-04", end exclusive) for all-day ones.
// status is the occurrence's STATUS property (upper case) or null.
//
// Like a client, times with a TZID are resolved only through the VTIMEZONEs in
// the file (registered with ICAL.TimezoneService before anything is expanded);
// a TZID without one becomes floating time, which ical.js treats as UTC.
// Overrides (RECURRENCE-ID) are related to the master with the same UID only
// (strictExceptions); an override whose UID has no master is listed as an
// event of its own, which is how clients show it.

import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [fromArg, toArg] = process.argv.slice(2);
if (!fromArg || !toArg) {
  console.error("usage: node ical-expand.mjs FROM TO < calendar.ics");
  process.exit(2);
}
const from = Date.parse(fromArg);
const to = Date.parse(toArg);
if (Number.isNaN(from) || Number.isNaN(to)) {
  console.error(`not RFC 3339 instants: ${fromArg} ${toArg}`);
  process.exit(2);
}

const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));

ICAL.TimezoneService.reset();
for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(vtimezone);
}

// Milliseconds since the epoch, for comparing with the window. A date (all
// day) counts from midnight UTC: the window is wide enough for that not to
// matter, and the output keeps the date itself.
const millis = (time) => time.toUnixTime() * 1000;

const pad = (n) => String(n).padStart(2, "0");
function show(time) {
  if (time.isDate) {
    return `${time.year}-${pad(time.month)}-${pad(time.day)}`;
  }
  return new Date(millis(time)).toISOString().replace(".000Z", "Z");
}

// Masters and overrides, by UID, in file order.
const byUid = new Map();
for (const vevent of calendar.getAllSubcomponents("vevent")) {
  const uid = vevent.getFirstPropertyValue("uid");
  if (!byUid.has(uid)) byUid.set(uid, { masters: [], overrides: [] });
  const group = byUid.get(uid);
  (vevent.hasProperty("recurrence-id") ? group.overrides : group.masters).push(vevent);
}

const out = [];
function add(uid, item, start, end) {
  if (millis(start) < to && millis(end) > from) {
    const status = item.component.getFirstPropertyValue("status");
    out.push({
      uid,
      start_utc: show(start),
      end_utc: show(end),
      status: status ? String(status).toUpperCase() : null,
      summary: item.summary ?? null,
    });
  }
}

// Overrides may move an occurrence by up to this much from its original time.
const SLACK = 400 * 24 * 3600 * 1000;

for (const [uid, { masters, overrides }] of byUid) {
  if (masters.length === 0) {
    for (const vevent of overrides) {
      const event = new ICAL.Event(vevent, { strictExceptions: true, exceptions: [] });
      add(uid, event, event.startDate, event.endDate);
    }
    continue;
  }
  for (const vevent of masters) {
    const event = new ICAL.Event(vevent, { strictExceptions: true, exceptions: overrides });
    if (!event.isRecurring()) {
      add(uid, event, event.startDate, event.endDate);
      continue;
    }
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (millis(next) >= to + SLACK) break;
      const details = event.getOccurrenceDetails(next);
      add(uid, details.item, details.startDate, details.endDate);
    }
  }
}

const key = (o) => `${o.start_utc}\u0000${o.uid}\u0000${o.end_utc}\u0000${o.summary}`;
out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
process.stdout.write("[\n" + out.map((o) => JSON.stringify(o)).join(",\n") + "\n]\n");
