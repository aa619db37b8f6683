## Words that take numbers, names or choices.

rsvp-closes-before = { $hours ->
    [one] RSVPs close { $hours } hour before it starts.
   *[other] RSVPs close { $hours } hours before it starts.
}
repeat-choice-name = { $choice ->
    [never] Does not repeat
    [weekly] Weekly
    [monthly_day] Monthly on the same day
    [monthly_nth] Monthly on the same weekday (e.g. 2nd Tuesday)
    [monthly_last] Monthly on the last such weekday
    [yearly_day] Every year on the same date
    [yearly_nth] Every year on the same weekday (e.g. 4th Thursday of November)
   *[yearly_last] Every year on the last such weekday
}
ordinal = { $n ->
    [1] first
    [2] second
    [3] third
    [4] fourth
    [5] fifth
   *[other] last
}
audience-name = { $audience ->
    [everyone] Everyone
    [staff] Staff only
   *[clients] Clients
}
van-seats-fact = { $seats ->
    [one] By van: { $seats } seat
   *[other] By van: { $seats } seats
}
rule-min-days = { $days ->
    [one] Clients who have been here at least { $days } day by the date
   *[other] Clients who have been here at least { $days } days by the date
}
rule-houses = Residents of { $houses }
rule-ratio = { $clients ->
    [one] One staff member for every client
   *[other] One staff member for every { $clients } clients
}
ratio-warning-text = Staff ratio not met: { $clients ->
    [one] { $clients } client going needs
   *[other] { $clients } clients going need
} { $needed ->
    [one] { $needed } staff member
   *[other] { $needed } staff members
} at 1 per { $per }; { $staff } going.
manifest-seats-of = { $taken } of { $seats } seats taken
manifest-riding = { $taken } riding
manifest-guests = { $guests ->
    [one] +{ $guests } guest
   *[other] +{ $guests } guests
}
rsvp-count-going = { $going ->
    [0] No one is going yet
   *[other] { $going } going
}
rsvp-count-going-of = { $going } of { $capacity } going
rsvp-count-waitlisted = , { $waitlisted } waitlisted
rsvp-count-maybe = , { $maybe } maybe
you-are-going-with = { $guests ->
    [one] You're going, with { $guests } guest.
   *[other] You're going, with { $guests } guests.
}
you-are-waitlisted = It's full for now: you're on the waitlist, number { $position } in line.
rsvp-state-name = { $state ->
    [going] Going
    [waitlisted] Waitlisted
    [maybe] Maybe
   *[not_going] Not going
}
engagement-name = { $code ->
    [attended] Attended
    [left_early] Left early
    [refused] Refused
    [unavailable] Unavailable or sick
   *[no_show] No-show
}
roster-summary = { $going } going, { $listed } on the list.
stay-from-to = { $from } – { $to }
stay-since = since { $from }
role-name = { $role ->
    [admin] Admin
    [recreation_staff] Recreation staff
    [staff] Staff
   *[client] Client
}
kiosk-hello = Hello, { $name }
kiosk-idle-hint = { $seconds ->
    [one] You'll be signed out after { $seconds } second without a touch.
   *[other] You'll be signed out after { $seconds } seconds without a touch.
}
characters-left = { $count ->
    [one] { $count } character left
   *[other] { $count } characters left
}
facility-feed-heading = Everything at { $facility }
poster-heading = { $facility }: activities on your phone
person-calendar-heading = Calendar link for { $name }
person-calendar-intro = This calendar link shows what { $name } is going to and waitlisted for. It is secret: anyone with the link sees those events, so give it to { $name } alone.
feed-last-read = A calendar last read it on { $day }.
feed-active-since = The calendar link is on, made { $day }.
alarm-none = No reminder
alarm-minutes = { $minutes ->
    [one] { $minutes } minute before
   *[other] { $minutes } minutes before
}
alarm-hours = { $hours ->
    [one] { $hours } hour before
   *[other] { $hours } hours before
}
alarm-days = { $days ->
    [one] { $days } day before
   *[other] { $days } days before
}
import-counts = { $created } created, { $updated } updated, { $unchanged } unchanged, { $skipped } not imported.
import-file-hint = Up to { $megabytes } MB.
guide-counts = { $created } created, { $updated } updated, { $unchanged } unchanged, { $cancelled } cancelled, { $restored } restored, { $skipped } not imported.
event-kind = { $kind ->
    [karaoke] Karaoke
    [potluck] Potluck
    [twelve_step] 12-step meeting
    [holiday] Holiday
    [outing] Outing
    [recreation] Recreation
   *[other] Other
}
event-status = { $status ->
    [scheduled] Scheduled
   *[cancelled] Cancelled
}
weekday-name = { $day ->
    [mon] Monday
    [tue] Tuesday
    [wed] Wednesday
    [thu] Thursday
    [fri] Friday
    [sat] Saturday
   *[sun] Sunday
}
weekday-abbr = { $day ->
    [mon] Mon
    [tue] Tue
    [wed] Wed
    [thu] Thu
    [fri] Fri
    [sat] Sat
   *[sun] Sun
}
month-name = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}

## Dates and times. $weekday and $month are the words above.

# "Friday, December 4, 2026"
date-long = { $weekday }, { $month } { $day }, { $year }
# "December 4, 2026" (tables: no weekday)
date-plain = { $month } { $day }, { $year }
# "December 2026"
month-year = { $month } { $year }
# The week view's heading: "December 6 – 12, 2026"
date-range = { $first-month } { $first-day } – { $last-month } { $last-day }, { $year }
# 12-hour clock: "7:00 PM"
time-12h = { $hour }:{ $minute } { $half ->
    [am] AM
   *[pm] PM
}
# 24-hour clock: "19:00"
time-24h = { $hour }:{ $minute }
# "Friday, December 4, 2026, 7:00 PM"
date-and-time = { $date }, { $time }
schedule-same-day = { $date }, { $start } – { $end }
schedule-days = { $start-date }, { $start } – { $end-date }, { $end }
schedule-all-day = { $date } (all day)
schedule-all-days = { $first } – { $last } (all day)

## Repeat rules in words: "Every 2 weeks on Tuesday and Thursday, 10 times".

rule-every = { $unit ->
    [week] { $interval ->
        [one] Every week
       *[other] Every { $interval } weeks
    }
    [month] { $interval ->
        [one] Every month
       *[other] Every { $interval } months
    }
   *[year] { $interval ->
        [one] Every year
       *[other] Every { $interval } years
    }
}
rule-weekly = { $every } on { $days }
rule-monthly-on-day = { $every } on day { $day }
rule-monthly-on-weekday = { $every } on the { $ordinal } { $weekday }
rule-yearly-on-day = { $every } on { $month } { $day }
rule-yearly-on-weekday = { $every } on the { $ordinal } { $weekday } of { $month }
rule-until = { $rule }, until { $date }
rule-count = { $rule }, { $count ->
    [one] once
   *[other] { $count } times
}
# A list: "Tuesday and Thursday", "Monday, Wednesday and Friday"
list-two = { $first } and { $last }
list-more = { $rest } and { $last }
list-separator = {", "}

## Sign-ups.

signup-category-name = { $category ->
    [main] Main dish
    [side] Side dish
    [dessert] Dessert
    [drinks] Drinks
    [supplies] Supplies
    [set_up] Set up
    [decorate] Decorate
    [cook] Cook
    [clean_up] Clean up
   *[other] Other
}
signup-allergen-name = { $allergen ->
    [nuts] Nuts
    [gluten] Gluten
    [dairy] Dairy
    [eggs] Eggs
    [shellfish] Shellfish
    [soy] Soy
    [vegetarian] Vegetarian
   *[vegan] Vegan
}
signup-still-needed = { $count ->
    [0] All taken — thank you!
   *[other] { $count } still needed
}
signup-still-needed-total = { $count ->
    [0] Everything is covered — thank you!
   *[other] Still needed: { $count } more.
}
signup-headcount-text = Headcount for planning: { $people } ({ $going } going, { $guests ->
    [one] { $guests } guest
   *[other] { $guests } guests
}).
signup-remove-warning = { $count ->
    [0] Nobody has signed up for it yet.
    [one] { $count } person signed up for it: removing it releases their sign-up.
   *[other] { $count } people signed up for it: removing it releases their sign-ups.
}

## The repeat choices of the event form, for the date chosen.

repeat-label-weekly = { $choice } ({ $weekday })
repeat-label-monthly-day = Monthly on day { $day }
repeat-label-monthly-nth = Monthly on the { $ordinal } { $weekday }
repeat-label-monthly-last = Monthly on the last { $weekday }
repeat-label-yearly-day = Every year on { $month } { $day }
repeat-label-yearly-nth = Every year on the { $ordinal } { $weekday } of { $month }
repeat-label-yearly-last = Every year on the last { $weekday } of { $month }
