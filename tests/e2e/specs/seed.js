// Events server.js creates through the JSON API before the tests: a busy
// January 2027 (times in America/New_York, EST).
export const SEED = [
  { kind: 'recreation', title: 'Morning stretch', start: '2027-01-04T08:30:00-05:00', end: '2027-01-04T09:00:00-05:00',
    rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20270131T235959Z', location: 'Gym' },
  { kind: 'karaoke', title: 'Karaoke night', start: '2027-01-05T19:00:00-05:00', end: '2027-01-05T21:00:00-05:00',
    rrule: 'FREQ=WEEKLY;BYDAY=TU,FR;COUNT=9', location: 'Common room' },
  { kind: 'twelve_step', title: 'Sunday NA meeting', fellowship: 'na', meeting_types: ['O', 'D'],
    start: '2027-01-03T18:30:00-05:00', end: '2027-01-03T19:30:00-05:00', rrule: 'FREQ=WEEKLY;BYDAY=SU', location: 'Group room B' },
  { kind: 'twelve_step', title: 'AA in town', fellowship: 'aa', meeting_types: ['C', 'B'], venue: 'off_site',
    start: '2027-01-06T18:30:00-05:00', end: '2027-01-06T20:00:00-05:00', rrule: 'FREQ=WEEKLY;BYDAY=WE', location: '40 Main Street' },
  { kind: 'holiday', title: "New Year's Day brunch", all_day: true, start_date: '2027-01-01', rrule: 'FREQ=YEARLY', location: 'Dining hall' },
  { kind: 'outing', title: 'Museum trip', venue: 'off_site', start: '2027-01-16T13:00:00-05:00', end: '2027-01-16T16:00:00-05:00', location: 'City Art Museum' },
  { kind: 'potluck', title: 'Winter potluck', start: '2027-01-23T17:00:00-05:00', end: '2027-01-23T19:00:00-05:00', location: 'Dining hall' },
  { kind: 'recreation', title: 'Art therapy', start: '2027-01-07T14:00:00-05:00', end: '2027-01-07T15:30:00-05:00',
    rrule: 'FREQ=WEEKLY;BYDAY=TH', location: 'Studio' },
  { kind: 'other', title: 'House meeting', start: '2027-01-11T10:00:00-05:00', end: '2027-01-11T11:00:00-05:00',
    rrule: 'FREQ=MONTHLY;BYDAY=2MO', location: 'Living room' },
];

const inHours = (h) => new Date(Date.now() + h * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');

/// Events relative to when the tests run: one to RSVP to, one to take
/// attendance at (attendance is taken on the day).
export const SOON = [
  { kind: 'recreation', title: 'Movie night', start: inHours(50), end: inHours(52), capacity: 10, location: 'Common room' },
  { kind: 'recreation', title: 'Art hour', start: inHours(2), end: inHours(3), location: 'Studio' },
  { kind: 'outing', title: 'Van to the lake', venue: 'off_site', start: inHours(74), end: inHours(78), capacity: 12,
    location: 'Pine Lake, 5 Shore Road' },
  // Sign-ups: one potluck per browser-test project (they share a server).
  { kind: 'potluck', title: 'Harvest potluck with-js', start: inHours(74), end: inHours(77), location: 'Dining hall', max_guests: 2 },
  { kind: 'potluck', title: 'Harvest potluck without-js', start: inHours(98), end: inHours(101), location: 'Dining hall', max_guests: 2 },
];
