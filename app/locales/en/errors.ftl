# What goes wrong, and what a person can do about it. Messages that take
# another message (`$label`) get that message in the same language.

## Any form.

field-required = { $label } is required.
field-too-long = { $label } can be at most { $max } characters (this one has { $length }).
error-form-has-errors = Please correct the fields marked below.
error-form-unreadable = The form could not be read: { $detail }
error-form-field-missing = A field is missing: { $name }

## Errors any page or API call may answer.

error-unauthorized = Sign in to continue.
error-forbidden = You are not allowed to do that.
error-csrf = This form has expired or was sent from another site. Reload the page and try again.
error-not-found = Not found.
error-rate-limited = { $minutes ->
    [one] Too many attempts. Try again in { $minutes } minute.
   *[other] Too many attempts. Try again in { $minutes } minutes.
}
error-rate-limited-seconds = { $seconds ->
    [one] Too many attempts. Try again in { $seconds } second.
   *[other] Too many attempts. Try again in { $seconds } seconds.
}
error-busy = Hearth is busy right now. Try again in a moment.
error-unreachable = Hearth could not be reached. Check the connection and try again.
error-internal = Something went wrong on our side. Please try again.
error-already-exists = That already exists.
field-not-a-number = { $label } must be a whole number (got "{ $input }").
field-date-required = Choose a date.
field-time-required = Choose a time, or tick "All day".
field-guests = Guests

## Events.

event-kind-unknown = "{ $input }" is not a kind of event; choose one of { $kinds }.
event-audience-unknown = "{ $input }" is not an audience; choose everyone, staff or clients.
event-venue-unknown = "{ $input }" is not a venue; choose on_site or off_site.
event-fellowship-unknown = "{ $input }" is not a fellowship; choose aa, na, ca, cma, al_anon or other.
event-meeting-types-unknown = { $count ->
    [one] Unknown meeting type code: { $codes }.
   *[other] Unknown meeting type codes: { $codes }.
}
event-end-before-start = The end must be after the start.
event-too-long = An event can last at most { $days } days.
event-time-ambiguous = { $time } on { $date } happens twice in { $zone } because the clocks fall back; Hearth uses the first one ({ $abbreviation }).
event-capacity-range = Capacity is a number of places from 1 to { $max }.
event-rsvp-closes-too-early = RSVPs can close at most { $hours } hours before.
event-too-many-guests = Allow at most { $max } guests per person.
event-twelve-step-names-hidden = Who comes to a 12-step meeting is never shown to clients.
event-fellowship-required = Choose the meeting's fellowship.
event-fellowship-only-twelve-step = Only 12-step meetings have a fellowship.
event-series-ends-before-start = The series must end on or after its first date.
event-first-date-moved = { $chosen } is not a day this series repeats on, so it starts on { $first }.
event-host-choose = Choose a host from the list.
event-repeat-unknown = "{ $input }" is not a way to repeat.
event-weekday-unknown = "{ $input }" is not a day of the week.
event-interval-range = Repeat every 1 to { $max } (got "{ $input }").
event-count-not-a-number = Say how many times, as a whole number.
event-end-unknown = "{ $input }" is not a way for a series to end.

## Dates and times people type.

time-does-not-exist = { $time } on { $date } does not exist in { $zone }: the clocks skip that hour for daylight saving time. Choose another time.
time-zone-unknown = "{ $input }" is not a time zone name; use an IANA name such as America/New_York.
time-date-malformed = Enter the date as year-month-day, like 2026-03-14 (got "{ $input }").
time-date-not-on-calendar = { $input } is not a date on the calendar.
time-date-out-of-range = Choose a date between { $first } and { $last }.
time-malformed = Enter the time as hours and minutes, like 19:00 (got "{ $input }").

## Repeating events.

repeat-interval-range = Repeat every 1 to { $max } weeks, months or years.
repeat-days-required = Choose at least one day of the week.
repeat-month-day-range = Choose a day of the month from 1 to 31.
repeat-nth-range = Choose the first to fifth, or the last, weekday of the month.
repeat-month-range = Choose a month from 1 to 12.
repeat-count-range = A series can have 1 to { $max } occurrences.
repeat-not-last-weekday = { $date } is not the last { $weekday } of its month; choose a last-weekday date or another repeat.
repeat-produces-nothing = This rule produces no occurrences: check the end date and the days chosen.
repeat-too-often = This rule repeats more than { $max } times a year; Hearth plans at most that many occurrences per series.

## Repeat rules sent through the API (RFC 5545 RRULE).

rrule-unreadable = The RRULE could not be read: { $detail }
rrule-freq-unsupported = FREQ={ $freq } is not supported: Hearth repeats events by the week, month or year.
rrule-daily-unsupported = FREQ=DAILY is not supported: use FREQ=WEEKLY with BYDAY listing the days (e.g. BYDAY=MO,TU,WE,TH,FR,SA,SU).
rrule-part-unsupported = { $part } is not supported in Hearth's rules.
rrule-wkst-unsupported = Only WKST=MO (the default) is supported.
rrule-count-and-until = Give COUNT or UNTIL, not both.
rrule-only-one = Only one { $what } is supported.
rrule-which-weekday = Say which weekday of the month, e.g. BYDAY=2TU or BYDAY=-1FR.
rrule-byday-and-bysetpos = Give BYDAY=2TU or BYDAY=TU;BYSETPOS=2, not both.
rrule-weekly-only-byday = A weekly rule takes only BYDAY.
rrule-weekly-plain-days = A weekly rule takes plain days, like BYDAY=TU,TH.
rrule-monthly-no-bymonth = A monthly rule cannot take BYMONTH.
rrule-bymonthday-and-byday = Give BYMONTHDAY or BYDAY, not both.
rrule-negative-month-day = Counting days from the end of the month is not supported.

## People.

person-role-unknown = "{ $input }" is not a role; choose admin, recreation_staff, staff or client.
person-email-required = E-mail is required.
person-email-invalid = "{ $input }" is not an e-mail address.
person-password-too-short = Use a password of at least { $min } characters.
person-password-too-long = Use a password of at most { $max } characters.

## RSVPs and check-in.

rsvp-answer-unknown = "{ $input }" is not an answer; use going, maybe or not_going.
rsvp-guests-no-room = { $free ->
    [one] There is room for { $free } guest at most; nothing was changed.
   *[other] There is room for { $free } guests at most; nothing was changed.
}
rsvp-engagement-unknown = "{ $input }" is not an engagement code; use attended, left_early, refused, unavailable or no_show.
occurrence-key-invalid = "{ $input }" is not an occurrence key; keys look like 20261208T000000Z.
field-number-range = { $label } is a whole number from 1 to { $max } (got "{ $input }").

## Vans and who may come.

transport-driver-choose = Choose a driver from the list.
transport-returns-before-departs = The van must be back after it leaves.
transport-seats-required = Say how many seats the van has.
transport-house-too-long = A house name is at most { $max } characters.
transport-too-many-houses = Name at most { $max } houses.
transport-min-days-no-admission = { $days ->
    [one] This event is for clients who have been here at least { $days } day, and your admission date isn't on file. Ask a staff member.
   *[other] This event is for clients who have been here at least { $days } days, and your admission date isn't on file. Ask a staff member.
}
transport-min-days-not-yet = { $days ->
    [one] This event is for clients who have been here at least { $days } day by its date. You can join events like it from { $from }.
   *[other] This event is for clients who have been here at least { $days } days by its date. You can join events like it from { $from }.
}
transport-houses-only = This event is for residents of { $houses }.

## Potluck dishes and volunteer tasks.

signup-category-unknown = "{ $input }" is not a category; dishes are main, side, dessert, drinks or supplies, tasks are set_up, decorate, cook, clean_up or other.
signup-allergen-unknown = "{ $input }" is not an allergen tag; use nuts, gluten, dairy, eggs, shellfish, soy, vegetarian or vegan.
signup-quantity-range = How many is a whole number from 1 to { $max }.

## The karaoke queue.

karaoke-control-characters = Use letters, numbers and punctuation only.
karaoke-position-required = Give a place in line: a whole number from 1.
karaoke-action-unknown = "{ $input }" is not a queue action; use up, down, move, start, sung, skip or requeue.
karaoke-limit-reached = Up to { $limit } songs per person can wait in the queue at a time, so everyone gets a turn. Try again after one is sung.
karaoke-song-not-in-queue = That song is not in this queue.
karaoke-only-queued-can-move = Only a song waiting in the queue can be moved.
karaoke-already-on = This song is already on.
karaoke-only-queued-can-start = Only a song waiting in the queue can start.
karaoke-only-singing-can-be-sung = Only the song being sung can be marked sung.
karaoke-already-finished = This song is already finished.
karaoke-only-skipped-requeue = Only a skipped song can go back in the queue.

## Outside panels of 12-step meetings.

panel-first-name-required = A panel member needs a first name.
panel-first-name-too-long = "{ $name }" is longer than a first name ({ $max } characters at most).
panel-not-a-first-name = "{ $name }" is not a first name: use letters only (no e-mail addresses, phone numbers or titles).
panel-full-name = "{ $name }" looks like a full name. Panels are listed by first name only (a last initial at most, as in "Mike R.").
panel-too-many-members = List at most { $max } panel members.
panel-phone-invalid = "{ $phone }" is not a phone number (digits, spaces, + - ( ) and x for an extension).

## Importing a Meeting Guide feed. `slug`, `day` and the like are the
## feed's own field names: keep them as they are.

guide-not-json = The file is not valid JSON (line { $line }, column { $column }): a Meeting Guide feed is a JSON array of meetings.
guide-not-a-list = The file is JSON but not a list of meetings: a Meeting Guide feed is a JSON array.
guide-too-many = The file has { $count } meetings; Hearth imports at most { $max } at a time.
guide-entry-not-object = The entry is not a JSON object.
guide-slug-twice = The slug is used twice (first by #{ $first }); slugs must be unique.
guide-json-type = { $type ->
    [null] null
    [bool] true/false
    [number] a number
    [list] a list
    [object] an object
   *[text] text
}
guide-field-not-text = `{ $field }` should be text but is { $type }.
guide-time-invalid = `{ $field }` "{ $input }" is not a time of day in HH:MM (24-hour) form.
guide-day-out-of-range = `day` { $day } is not a day of the week (0 is Sunday, 6 is Saturday).
guide-day-invalid = `day` should be a number from 0 (Sunday) to 6 (Saturday), or a list of them, but is { $value }.
guide-attendance-unknown = `attendance_option` "{ $input }" is not one of in_person, hybrid, online, inactive.
guide-field-missing = `{ $field }` is missing.
guide-slug-invalid = `slug` should be text or a whole number, and not empty.
guide-slug-too-long = `slug` is longer than { $max } characters.
guide-type-not-text = `types` should be a list of codes, but one is { $type }.
guide-types-not-list = `types` should be a list of codes such as ["O", "D"], but is { $type }.
guide-field-not-number = `{ $field }` should be a number but is { $type }.
guide-online-only = Online only: there is no place to drive to, so it is not imported.
guide-inactive = Inactive (the feed says it does not meet now).
guide-no-day = No `day`: meetings by appointment have no weekly time to put on the calendar.
guide-day-empty = `day` is an empty list.
guide-time-not-text = `time` should be text like "19:30" but is { $type }.
guide-zone-unknown = `timezone` "{ $input }" is not a time zone name (use one like America/New_York).
guide-no-address = No address or location: an in-person meeting needs one for the van.
guide-description-group = Group: { $group }
guide-description-region = Region: { $region }
person-first-name-too-long = Use a first name of at most { $max } characters.
person-client-name-shape = Give a preferred first name and the initial of the last name, like "Maria G." (Hearth does not store full last names of clients).
person-login-invalid = Use 3 to 40 letters, digits, dots or dashes for the sign-in name.
person-pin-invalid = A PIN is { $digits } to 8 digits.
person-pin-guessable = Choose a PIN that is harder to guess: not one digit repeated, not a run like 123456, not a year and not a date.
person-client-name-one-first-name = Give one preferred first name and the initial of the last name, like "Maria G." or "Mary-Ann G." (Hearth does not store last names of clients).

## Signing in.

auth-email-required = Enter your e-mail or sign-in name.
auth-password-required = Enter your password.
auth-wrong-credentials = That e-mail (or sign-in name) and password do not match an account.
auth-wrong-pin = That PIN is not right. Try again, or ask a staff member.
auth-no-such-email = No account has the e-mail { $email }.
kiosk-not-enrolled-error = This browser is not an enrolled kiosk.

## Everything else staff set up.

panel-only-on-site-meetings = Only on-site 12-step meetings have an outside panel; make the event a 12-step meeting on site first.
event-cancelled-no-changes = This event is cancelled, so it can no longer be changed.
report-end-before-start = The end date must be on or after the start date.
report-range-too-long = Ask for at most a year at a time.
template-exists = A template called “{ $name }” already exists.
feed-discharged-no-renewal = A discharged person's calendar link cannot be renewed.
feed-alarm-choose = Choose one of the reminder times offered.
transport-only-off-site = Only off-site events have a van. Set the event's venue to off site first.
transport-driver-not-staff = The driver must be an active staff member.
occurrence-not-of-event = { $key } is not an occurrence of this event.
occurrence-cancelled = This date is cancelled.
person-discharged = This person is discharged.
rsvp-started = This date has already started; RSVPs are closed.
rsvp-closed-ask-staff = RSVPs for this date have closed. Ask a staff member if you still want to come.
rsvp-guests-allowed = { $max ->
    [0] This event does not take guests.
    [one] This event allows up to { $max } guest per person.
   *[other] This event allows up to { $max } guests per person.
}
rsvp-just-filled = It just filled up; please try again.
rsvp-attendance-not-ahead = Attendance is taken on the day, not ahead of it.
karaoke-going-only = Only people who are going can add songs. RSVP "going" first.
karaoke-only-queued-withdraw = Only a song still waiting in the queue can be withdrawn.

## Sign-ups.

signup-started = This date has already started; sign-ups are closed.
signup-none-at-meetings = 12-step meetings take no sign-ups.
signup-dishes-only-potlucks = Dish slots are for potlucks; this event can have volunteer tasks (set up, decorate, cook, clean up, other).
signup-no-tasks = This event takes no volunteer tasks.
signup-dish-stays-dish = A dish slot stays a dish slot: choose main, side, dessert, drinks or supplies.
signup-task-stays-task = A task stays a task: choose set up, decorate, cook, clean up or other.
signup-quantity-below-claims = { $claimed } already signed up for this; it can't ask for fewer than { $claimed }.
signup-going-first = Sign-ups are for people who are going: answer “Going” first, then choose what to bring.
signup-person-not-going = This person is not going to this date: RSVP “Going” for them first.
signup-already-yours = You have already signed up for this one.
signup-already-theirs = This person has already signed up for this one.
signup-last-one-taken = Someone just took the last one. Thank you — please choose another.
signup-alcohol-refusal-default = Thank you for offering! Our house is alcohol-free, so dishes made with alcohol — even cooked off — can't come to the potluck. Could you bring something else?
# Words a facility wrote itself (shown as they are, in every language).
facility-words = { $text }
person-discharge-before-admission = The discharge date must be on or after the admission date.
person-email-taken = An account with the e-mail { $email } already exists.
person-clients-added-separately = Clients are added with their own details (add_client).
person-login-taken = That e-mail or sign-in name is taken; choose another.
person-no-free-login = No free sign-in name; give one.
person-pin-clients-only = Only clients sign in with a PIN.
person-discharge-clients-only = Only clients are discharged; staff accounts are closed by an admin.
person-not-discharged = This client is not discharged.
event-changes-dropped = { $count ->
    [one] { $count } change to a single date no longer falls on the series and was removed.
   *[other] { $count } changes to single dates no longer fall on the series and were removed.
}
window-to-before-from = `to` must be after `from`.
window-too-long = Ask for at most { $days } days at a time.
occurrence-skip-one-off = Only occurrences of a series can be skipped; cancel this event instead.
karaoke-night-over = This karaoke night is over.
guide-staff-cancelled = Staff cancelled this meeting in Hearth, so the import leaves it cancelled.
guide-unknown-types = { $count ->
    [one] Unknown type code left out: { $codes }.
   *[other] Unknown type codes left out: { $codes }.
}
guide-not-stored = Could not be stored: { $reason }

## Joining messages into one.

sentences = { $first } { $rest }
import-cancelled-in-hearth = It is cancelled in Hearth, so the import leaves it as it is.

## Importing an .ics file. DTSTART, RRULE and the like are the file's own
## words: keep them as they are.

ics-too-large = The file is larger than { $megabytes } MB.
ics-not-icalendar = This is not an iCalendar file (it does not start with BEGIN:VCALENDAR).
ics-too-many-events = The file has { $count } events; Hearth imports at most { $max } at a time. Split the file, or import a shorter span.
ics-bad-line = The file could not be read as iCalendar: line { $line } ("{ $shown }") is not a NAME:value line.
ics-no-uid = It has no UID, so a later import could not update it.
ics-duplicate-uid = Another event in the file has the same UID; the last one was kept.
ics-orphan-override = A change to one date of a series that is not in the file.
ics-unreadable = The file could not be read as iCalendar.
ics-unreadable-line = The file could not be read as iCalendar: line { $line } ("{ $shown }") is not a property or is missing its END.
ics-unreadable-near = The file could not be read as iCalendar near line { $line }.
ics-zone-unknown = { $property } uses the time zone "{ $tzid }", which Hearth does not know.
ics-not-a-date = { $property } "{ $value }" is not a date or time.
ics-no-start = It has no start (DTSTART).
ics-bad-duration = DURATION "{ $value }" cannot be read.
ics-no-title = It has no title (SUMMARY).
ics-several-rrules = It repeats by more than one RRULE, which Hearth cannot show.
ics-rdate = It repeats on a list of extra dates (RDATE), which Hearth cannot show.
ics-no-recurrence-id = It has no RECURRENCE-ID.
ics-override-switches-all-day = A change to one date switches between all-day and timed, which Hearth cannot show.
ics-untitled = (an event without a title)
error-unknown-action = Unknown action "{ $input }".
error-unknown-scope = Unknown scope "{ $input }".
field-person-choose = Choose a person from the list.
rsvp-guests-not-a-number = Guests is a whole number.
settings-number-range = Use a whole number from { $min } to { $max }.
settings-clock-unknown = Choose 12-hour or 24-hour times.
settings-first-day-unknown = Choose Sunday, Monday or Saturday.

## The JSON API.

api-body-invalid = The body does not fit: { $detail }
api-body-not-json-content-type = Send the body as JSON with Content-Type: application/json.
api-body-unreadable = The body could not be read: { $detail }
api-query-invalid = The query string does not fit: { $detail }

## Uploading a file to import.

upload-unreadable = The upload could not be read; try again.
upload-too-large = The file could not be read; files up to { $megabytes } MB are accepted.
upload-not-utf8 = The file is not UTF-8 text, so it is not an .ics or JSON file.
upload-not-multipart = Send the form as multipart/form-data with a file.
upload-choose-ics = Choose an .ics file to import.
upload-choose-guide = Choose a Meeting Guide JSON file to import.
upload-body-not-utf8 = The body is not UTF-8 text.
event-kind-required = Choose a kind of event.
api-all-day-start-date = All-day events need a start_date (YYYY-MM-DD).
api-instant-required = Give the { $field } as an RFC 3339 time, like 2026-12-04T19:00:00-05:00.
api-not-an-instant = "{ $input }" is not an RFC 3339 time with offset, like 2026-12-04T19:00:00-05:00.
api-status-unknown = "{ $input }" is not a status; use scheduled, cancelled or skipped.
api-all-day-dates = Give start_date (and end_date) as YYYY-MM-DD.
form-too-large = The form is too large.
form-not-urlencoded = Send the form url-encoded.

## Field names, used inside the messages above ("{ $label } is required.").

field-capacity = Capacity
field-hours = Hours
field-song-title = The song title
field-artist = The artist
field-dish = What you bring
field-notes = Notes
field-message = The message
field-van-seats = Van seats
field-days-since-admission = Days since admission
field-clients-per-staff = Clients per staff member
field-group-name = The group's name
field-name = Name
field-house = House
event-series-too-long = A series can end at most { $years } years after its first date; leave the end open for one that goes on.
ics-too-many-lines = The file has more than { $max } lines; Hearth does not read files that long.
ics-line-too-long = The file could not be read as iCalendar: line { $line } is longer than { $kilobytes } KB once its continuation lines are joined.
ics-too-deep = The file could not be read as iCalendar: line { $line } opens a component nested more than { $max } deep, which no calendar writes.
ics-end-mismatch = The file could not be read as iCalendar: line { $line } ends { $ended } while { $begun } is open.
ics-end-without-begin = The file could not be read as iCalendar: line { $line } ends { $ended }, which was never begun.
ics-too-many-properties = The file could not be read as iCalendar: at line { $line } a component has more than { $max } properties.
ics-not-ended = The file could not be read as iCalendar: it ends before END:{ $begun }.
guide-too-large = The file is larger than { $megabytes } MB.
api-body-not-object = Send the body as a JSON object, with the fields by name.
event-host-not-staff = The host must be an active staff member of this facility.
rrule-not-ascii = An RRULE is written in plain ASCII: letters, digits and ; = , + -
auth-account-disabled = This account is disabled. Ask an administrator.
kiosk-locked = This tablet is locked after too many wrong PINs. Ask a staff member to unlock it.
auth-wrong-current-password = That is not your current password.
auth-new-password-same = Choose a password different from the one you had.
person-disable-self = You cannot disable your own account.
error-language-unknown = Hearth does not speak the language “{ $code }”.
