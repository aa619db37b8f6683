//! Every word the pages show, in one place per language.
//!
//! A page asks for [`use_strings`] and reads fields (`t.sign_in`); texts
//! with numbers or names are functions. A new language is a new `Strings`
//! value: the compiler then refuses to build until every text has a
//! translation. (We chose this over `leptos_i18n` to keep the wasm bundle and
//! the build small; see ARCHITECTURE.md.)

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use leptos::prelude::*;

use crate::domain::event::{EventKind, EventStatus, Schedule};

pub struct Strings {
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub nav_new_event: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub signed_in_as: &'static str,
    pub email: &'static str,
    pub sign_in_name: &'static str,
    pub password: &'static str,
    pub sign_in_heading: &'static str,
    pub sign_in_intro: &'static str,
    pub welcome_heading: &'static str,
    pub welcome_text: &'static str,
    pub new_event_heading: &'static str,
    pub edit_event_heading: &'static str,
    pub field_kind: &'static str,
    pub field_title: &'static str,
    pub field_description: &'static str,
    pub field_location: &'static str,
    pub field_all_day: &'static str,
    pub field_starts: &'static str,
    pub field_ends: &'static str,
    pub field_date: &'static str,
    pub field_time: &'static str,
    pub end_date_hint: &'static str,
    pub save_event: &'static str,
    pub create_event: &'static str,
    pub saving: &'static str,
    pub edit: &'static str,
    pub cancel_event: &'static str,
    pub cancel_event_confirm: &'static str,
    pub cancelled_badge: &'static str,
    pub event_cancelled_note: &'static str,
    pub back_to_upcoming: &'static str,
    pub not_found_heading: &'static str,
    pub not_found_text: &'static str,
    pub form_has_errors: &'static str,
    pub where_label: &'static str,
    pub when_label: &'static str,
    pub all_day: &'static str,
    pub start_from_template: &'static str,
    pub no_template: &'static str,
    pub use_template: &'static str,
    pub edit_series_heading: &'static str,
    pub edit_series_hint: &'static str,
    pub edit_occurrence_heading: &'static str,
    pub occurrence_of: &'static str,
    pub apply_to: &'static str,
    pub scope_this: &'static str,
    pub scope_following: &'static str,
    pub scope_hint: &'static str,
    pub times_are_in: &'static str,
    pub repeat_label: &'static str,
    pub repeat_how: &'static str,
    pub repeat_every: &'static str,
    pub repeat_every_hint: &'static str,
    pub repeat_on_days: &'static str,
    pub repeat_ends: &'static str,
    pub ends_never: &'static str,
    pub ends_on: &'static str,
    pub ends_on_date: &'static str,
    pub ends_after: &'static str,
    pub ends_after_count: &'static str,
    pub times: &'static str,
    pub on_site: &'static str,
    pub off_site: &'static str,
    pub location_hint: &'static str,
    pub twelve_step_details: &'static str,
    pub fellowship: &'static str,
    pub choose: &'static str,
    pub meeting_types: &'static str,
    pub who_label: &'static str,
    pub audience: &'static str,
    pub host: &'static str,
    pub no_host: &'static str,
    pub capacity: &'static str,
    pub capacity_hint: &'static str,
    pub rsvp_closes: &'static str,
    pub rsvp_closes_hint: &'static str,
    pub nav_calendar: &'static str,
    pub nav_templates: &'static str,
    pub nav_settings: &'static str,
    pub calendar_heading: &'static str,
    pub view_agenda: &'static str,
    pub view_week: &'static str,
    pub view_month: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub today: &'static str,
    pub filter_kind: &'static str,
    pub all_kinds: &'static str,
    pub filter_audience: &'static str,
    pub all_audiences: &'static str,
    pub show: &'static str,
    pub print_month: &'static str,
    pub nothing_planned: &'static str,
    pub keyboard_hint: &'static str,
    pub board_nothing: &'static str,
    pub board_now: &'static str,
    pub board_later: &'static str,
    pub board_done: &'static str,
    pub print_legend: &'static str,
    pub print_hint: &'static str,
    pub print_heading: &'static str,
    pub repeats: &'static str,
    pub next_dates: &'static str,
    pub this_date: &'static str,
    pub skip_date: &'static str,
    pub skip_date_hint: &'static str,
    pub cancel_date: &'static str,
    pub restore_date: &'static str,
    pub edit_date: &'static str,
    pub edit_series: &'static str,
    pub changed_badge: &'static str,
    pub save_as_template: &'static str,
    pub template_name: &'static str,
    pub save_template: &'static str,
    pub templates_heading: &'static str,
    pub templates_empty: &'static str,
    pub delete: &'static str,
    pub settings_heading: &'static str,
    pub public_board: &'static str,
    pub public_board_hint: &'static str,
    pub save_settings: &'static str,
    pub facility_name: &'static str,
    pub facility_timezone: &'static str,
    pub hosted_by: &'static str,
    pub places: &'static str,
    pub rsvp_closes_before: fn(u32) -> String,
    pub repeat_choice: fn(crate::domain::recurrence::RepeatChoice) -> &'static str,
    pub ordinal: fn(i8) -> &'static str,
    pub weekday_short: fn(Weekday) -> &'static str,
    pub audience_label: fn(crate::domain::event::Audience) -> &'static str,
    pub kind_symbol: fn(EventKind) -> &'static str,
    pub coming_question: &'static str,
    pub you_are_going: &'static str,
    pub you_said_maybe: &'static str,
    pub you_are_not_going: &'static str,
    pub who_is_going: &'static str,
    pub guests_label: &'static str,
    pub answer_going: &'static str,
    pub answer_maybe: &'static str,
    pub answer_not_going: &'static str,
    pub rsvp_closed: &'static str,
    pub nav_my_schedule: &'static str,
    pub nav_people: &'static str,
    pub nav_reports: &'static str,
    pub nav_kiosk: &'static str,
    pub roster: &'static str,
    pub rsvp_and_roster: &'static str,
    pub my_schedule_heading: &'static str,
    pub nothing_coming: &'static str,
    pub recently_attended: &'static str,
    pub rsvp_count: fn(i64, Option<u32>, i64, i64) -> String,
    pub you_are_going_with: fn(u32) -> String,
    pub you_are_waitlisted: fn(i64) -> String,
    pub state_label: fn(crate::domain::rsvp::RsvpState) -> &'static str,
    pub engagement_label: fn(crate::domain::rsvp::Engagement) -> &'static str,
    pub roster_empty: &'static str,
    pub person: &'static str,
    pub answer: &'static str,
    pub check_in: &'static str,
    pub walk_in: &'static str,
    pub answered_by: &'static str,
    pub update: &'static str,
    pub save: &'static str,
    pub not_checked_in: &'static str,
    pub find_client: &'static str,
    pub client_name: &'static str,
    pub search: &'static str,
    pub no_match: &'static str,
    pub rsvp_for: &'static str,
    pub check_in_walk_in: &'static str,
    pub people_heading: &'static str,
    pub add_client: &'static str,
    pub role: &'static str,
    pub stay: &'static str,
    pub discharged: &'static str,
    pub client_name_hint: &'static str,
    pub house: &'static str,
    pub admission_date: &'static str,
    pub admission_hint: &'static str,
    pub expected_discharge: &'static str,
    pub sign_in_options: &'static str,
    pub sign_in_options_hint: &'static str,
    pub login_name: &'static str,
    pub login_hint: &'static str,
    pub kiosk_pin: &'static str,
    pub pin_hint: &'static str,
    pub set_pin: &'static str,
    pub discharge_now: &'static str,
    pub discharge_hint: &'static str,
    pub readmit: &'static str,
    pub kiosk_not_enrolled: &'static str,
    pub enroll_kiosk: &'static str,
    pub enroll_kiosk_hint: &'static str,
    pub kiosk_name: &'static str,
    pub kiosk_welcome: &'static str,
    pub kiosk_who: &'static str,
    pub coming_up: &'static str,
    pub reports_heading: &'static str,
    pub from_date: &'static str,
    pub to_date: &'static str,
    pub export_csv: &'static str,
    pub report_empty: &'static str,
    pub col_attended: &'static str,
    pub col_left_early: &'static str,
    pub col_refused: &'static str,
    pub col_unavailable: &'static str,
    pub col_no_show: &'static str,
    pub audit_heading: &'static str,
    pub what: &'static str,
    pub retention_days: &'static str,
    pub retention_hint: &'static str,
    pub kiosk_idle_seconds: &'static str,
    pub nav_audit: &'static str,
    pub roster_summary: fn(usize, usize) -> String,
    pub stay_dates: fn(Option<NaiveDate>, Option<NaiveDate>) -> String,
    pub role_label: fn(crate::domain::person::Role) -> &'static str,
    pub kiosk_hello: fn(&str) -> String,
    pub kiosk_idle_hint: fn(i64) -> String,
    pub characters_left: fn(usize) -> String,
    pub feed_qr_label: &'static str,
    pub feed_qr_caption: &'static str,
    pub feed_apple: &'static str,
    pub feed_google: &'static str,
    pub feed_copy: &'static str,
    pub feed_apple_short: &'static str,
    pub feed_google_short: &'static str,
    pub feed_https_short: &'static str,
    pub subscribe_heading: &'static str,
    pub subscribe_own_hint: &'static str,
    pub my_calendar_link: &'static str,
    pub public_feeds_off: &'static str,
    pub facility_feed_hint: &'static str,
    pub feed_refresh_hint: &'static str,
    pub print_poster: &'static str,
    pub kind_feeds_heading: &'static str,
    pub poster_title: &'static str,
    pub poster_lead: &'static str,
    pub poster_step_scan: &'static str,
    pub poster_step_iphone: &'static str,
    pub poster_step_android: &'static str,
    pub print: &'static str,
    pub my_calendar_heading: &'static str,
    pub my_calendar_intro: &'static str,
    pub feed_ready_heading: &'static str,
    pub feed_ready_hint: &'static str,
    pub feed_never_read: &'static str,
    pub feed_lost_hint: &'static str,
    pub feed_none: &'static str,
    pub feed_new_link: &'static str,
    pub feed_get_link: &'static str,
    pub feed_turn_off: &'static str,
    pub feed_settings_heading: &'static str,
    pub discreet_label: &'static str,
    pub discreet_hint: &'static str,
    pub alarm_field: &'static str,
    pub save_feed_settings: &'static str,
    pub add_to_calendar: &'static str,
    pub public_feeds_label: &'static str,
    pub public_feeds_twelve_step_label: &'static str,
    pub public_feeds_hint: &'static str,
    pub facility_feed_heading: fn(&str) -> String,
    pub poster_heading: fn(&str) -> String,
    pub person_calendar_heading: fn(&str) -> String,
    pub feed_last_read: fn(&str) -> String,
    pub feed_active_since: fn(&str) -> String,
    pub alarm_label: fn(Option<u32>) -> String,
    pub import_heading: &'static str,
    pub import_skipped_heading: &'static str,
    pub import_done_heading: &'static str,
    pub import_intro: &'static str,
    pub import_file: &'static str,
    pub import_kind: &'static str,
    pub import_submit: &'static str,
    pub nav_import: &'static str,
    pub feeds_settings_heading: &'static str,
    pub import_counts: fn(usize, usize, usize, usize) -> String,
    pub import_file_hint: fn(usize) -> String,
    pub kind: fn(EventKind) -> &'static str,
    pub status: fn(EventStatus) -> &'static str,
    pub weekday: fn(Weekday) -> &'static str,
    pub month: fn(u32) -> &'static str,
}

pub static EN: Strings = Strings {
    app_name: "Hearth",
    skip_to_content: "Skip to content",
    nav_new_event: "New event",
    sign_in: "Sign in",
    sign_out: "Sign out",
    signed_in_as: "Signed in as",
    email: "E-mail",
    sign_in_name: "E-mail or sign-in name",
    password: "Password",
    sign_in_heading: "Sign in",
    sign_in_intro: "Staff sign in with their work e-mail; clients with their e-mail or sign-in name.",
    welcome_heading: "Welcome",
    welcome_text: "Hearth is where our recreation events are planned. Sign in to see what's coming up.",
    new_event_heading: "New event",
    edit_event_heading: "Edit event",
    field_kind: "Kind",
    field_title: "Title",
    field_description: "Description",
    field_location: "Location",
    field_all_day: "All day",
    field_starts: "Starts",
    field_ends: "Ends",
    field_date: "Date",
    field_time: "Time",
    end_date_hint: "Leave the end date empty for the same day.",
    save_event: "Save changes",
    create_event: "Create event",
    saving: "Saving…",
    edit: "Edit",
    cancel_event: "Cancel this event",
    cancel_event_confirm: "Cancelling keeps the event on the calendar, marked as cancelled.",
    cancelled_badge: "Cancelled",
    event_cancelled_note: "This event is cancelled.",
    back_to_upcoming: "Back to upcoming events",
    not_found_heading: "Not found",
    not_found_text: "There is nothing at this address.",
    form_has_errors: "Please correct the fields marked below.",
    where_label: "Where",
    when_label: "When",
    all_day: "all day",
    start_from_template: "Start from a template",
    no_template: "No template",
    use_template: "Use template",
    edit_series_heading: "Edit the whole series",
    edit_series_hint: "Changes apply to every date of the series. To change one date, open it from the event's page.",
    edit_occurrence_heading: "Edit a date",
    occurrence_of: "One date of",
    apply_to: "Apply the changes to",
    scope_this: "This date only",
    scope_following: "This date and the following ones",
    scope_hint: "For this date only, the times, title, location and description change.",
    times_are_in: "Times are in",
    repeat_label: "Repeat",
    repeat_how: "Repeats",
    repeat_every: "Every",
    repeat_every_hint: "weeks, months or years between dates (1 is every time)",
    repeat_on_days: "On these days",
    repeat_ends: "Ends",
    ends_never: "Never",
    ends_on: "On",
    ends_on_date: "Last date",
    ends_after: "After",
    ends_after_count: "Number of dates",
    times: "times",
    on_site: "On site",
    off_site: "Off site",
    location_hint: "A room on site, or the address off site.",
    twelve_step_details: "12-step meeting",
    fellowship: "Fellowship",
    choose: "Choose…",
    meeting_types: "Meeting types",
    who_label: "Who",
    audience: "For",
    host: "Host",
    no_host: "No host",
    capacity: "Places",
    capacity_hint: "Leave empty for no limit.",
    rsvp_closes: "RSVPs close",
    rsvp_closes_hint: "hours before it starts (leave empty to keep them open).",
    nav_calendar: "Calendar",
    nav_templates: "Templates",
    nav_settings: "Settings",
    calendar_heading: "Calendar",
    view_agenda: "Agenda",
    view_week: "Week",
    view_month: "Month",
    previous: "Previous",
    next: "Next",
    today: "Today",
    filter_kind: "Kind",
    all_kinds: "All kinds",
    filter_audience: "For",
    all_audiences: "All audiences",
    show: "Show",
    print_month: "Print this month",
    nothing_planned: "Nothing planned.",
    keyboard_hint: "Keys: ← previous, → next, t today.",
    board_nothing: "Nothing is planned for today.",
    board_now: "Now",
    board_later: "Later today",
    board_done: "Earlier today",
    print_legend: "Legend",
    print_hint: "Print with your browser (Ctrl+P or ⌘P): landscape, Letter or A4. It fits on one sheet and reads well in black and white.",
    print_heading: "Activities",
    repeats: "Repeats",
    next_dates: "Coming dates",
    this_date: "This date",
    skip_date: "Take this date off the calendar",
    skip_date_hint: "It disappears from calendars; the rest of the series stays.",
    cancel_date: "Cancel this date",
    restore_date: "Put this date back on",
    edit_date: "Edit this date",
    edit_series: "Edit the whole series",
    changed_badge: "Changed",
    save_as_template: "Save as a template",
    template_name: "Template name",
    save_template: "Save template",
    templates_heading: "Templates",
    templates_empty: "No templates yet. Open an event and save it as a template.",
    delete: "Delete",
    settings_heading: "Settings",
    public_board: "Show today's board without signing in",
    public_board_hint: "For a screen in the common room. The board shows times and titles, never names.",
    save_settings: "Save settings",
    facility_name: "Facility name",
    facility_timezone: "Time zone",
    hosted_by: "Host",
    places: "Places",
    rsvp_closes_before: |hours| format!("RSVPs close {hours} hour(s) before it starts."),
    repeat_choice: |choice| {
        use crate::domain::recurrence::RepeatChoice::*;
        match choice {
            Never => "Does not repeat",
            Weekly => "Weekly",
            MonthlyOnDay => "Monthly on the same day",
            MonthlyOnNthWeekday => "Monthly on the same weekday (e.g. 2nd Tuesday)",
            MonthlyOnLastWeekday => "Monthly on the last such weekday",
            YearlyOnDay => "Every year on the same date",
            YearlyOnNthWeekday => "Every year on the same weekday (e.g. 4th Thursday of November)",
            YearlyOnLastWeekday => "Every year on the last such weekday",
        }
    },
    ordinal: |n| match n {
        1 => "first",
        2 => "second",
        3 => "third",
        4 => "fourth",
        5 => "fifth",
        _ => "last",
    },
    weekday_short: |day| match day {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    },
    audience_label: |audience| match audience {
        crate::domain::event::Audience::Everyone => "Everyone",
        crate::domain::event::Audience::Staff => "Staff only",
        crate::domain::event::Audience::Clients => "Clients",
    },
    // Shapes that survive black-and-white printing, one per kind.
    kind_symbol: |kind| match kind {
        EventKind::Karaoke => "♪",
        EventKind::Potluck => "●",
        EventKind::TwelveStep => "◆",
        EventKind::Holiday => "★",
        EventKind::Outing => "▲",
        EventKind::Recreation => "■",
        EventKind::Other => "○",
    },
    coming_question: "Are you coming?",
    you_are_going: "You're going.",
    you_said_maybe: "You said maybe.",
    you_are_not_going: "You're not going.",
    who_is_going: "Going",
    guests_label: "Guests coming with you",
    answer_going: "Going",
    answer_maybe: "Maybe",
    answer_not_going: "Not going",
    rsvp_closed: "RSVPs are closed for this date.",
    nav_my_schedule: "My schedule",
    nav_people: "People",
    nav_reports: "Reports",
    nav_kiosk: "Kiosk",
    roster: "Roster and check-in",
    rsvp_and_roster: "RSVP and who's coming",
    my_schedule_heading: "My schedule",
    nothing_coming: "You have not said you're coming to anything yet. Find something on the calendar!",
    recently_attended: "Recently attended",
    rsvp_count: |taken, capacity, waitlisted, maybe| {
        let mut text = match capacity {
            Some(capacity) => format!("{taken} of {capacity} going"),
            None => format!("{taken} going"),
        };
        if waitlisted > 0 {
            text.push_str(&format!(", {waitlisted} waitlisted"));
        }
        if maybe > 0 {
            text.push_str(&format!(", {maybe} maybe"));
        }
        text
    },
    you_are_going_with: |n| format!("You're going, with {n} guest(s)."),
    you_are_waitlisted: |n| {
        format!("It's full for now: you're on the waitlist, number {n} in line.")
    },
    state_label: |state| match state {
        crate::domain::rsvp::RsvpState::Going => "Going",
        crate::domain::rsvp::RsvpState::Waitlisted => "Waitlisted",
        crate::domain::rsvp::RsvpState::Maybe => "Maybe",
        crate::domain::rsvp::RsvpState::NotGoing => "Not going",
    },
    engagement_label: |code| match code {
        crate::domain::rsvp::Engagement::Attended => "Attended",
        crate::domain::rsvp::Engagement::LeftEarly => "Left early",
        crate::domain::rsvp::Engagement::Refused => "Refused",
        crate::domain::rsvp::Engagement::Unavailable => "Unavailable or sick",
        crate::domain::rsvp::Engagement::NoShow => "No-show",
    },
    roster_empty: "Nobody has answered yet.",
    person: "Person",
    answer: "Answer",
    check_in: "Check-in",
    walk_in: "Walk-in",
    answered_by: "answered by",
    update: "Update",
    save: "Save",
    not_checked_in: "Not checked in yet",
    find_client: "Answer for a client, or check in a walk-in",
    client_name: "Name",
    search: "Search",
    no_match: "No active client has that name.",
    rsvp_for: "Going",
    check_in_walk_in: "Check in",
    people_heading: "People",
    add_client: "Add a client",
    role: "Role",
    stay: "Stay",
    discharged: "Discharged",
    client_name_hint: "Preferred first name and the initial of the last name, like \"Maria G.\". That is all other clients see, and all Hearth keeps.",
    house: "House or unit",
    admission_date: "Admission date",
    admission_hint: "Empty means today.",
    expected_discharge: "Expected discharge",
    sign_in_options: "Signing in",
    sign_in_options_hint: "All optional: many clients start without a phone. Staff can answer for them, and a PIN lets them use the kiosk.",
    login_name: "Sign-in name",
    login_hint: "For clients without e-mail; made from the name when left empty.",
    kiosk_pin: "Kiosk PIN",
    pin_hint: "4 to 8 digits, for the tablet in the common room.",
    set_pin: "Set PIN",
    discharge_now: "Discharge now",
    discharge_hint: "Sign-in and calendar feeds stop, and their places at coming events go to the waitlist. They can be readmitted.",
    readmit: "Readmit",
    kiosk_not_enrolled: "This browser is not a kiosk. A staff member can enroll it after signing in.",
    enroll_kiosk: "Make this tablet a kiosk",
    enroll_kiosk_hint: "Clients will sign in here with their PIN. You will be signed out of this tablet.",
    kiosk_name: "Name of this tablet",
    kiosk_welcome: "Hello! Who are you?",
    kiosk_who: "Your name",
    coming_up: "Coming up",
    reports_heading: "Participation",
    from_date: "From",
    to_date: "To",
    export_csv: "Download as CSV",
    report_empty: "No attendance was recorded in these dates.",
    col_attended: "Attended",
    col_left_early: "Left early",
    col_refused: "Refused",
    col_unavailable: "Unavailable or sick",
    col_no_show: "No-show",
    audit_heading: "Audit log",
    what: "What",
    retention_days: "Days to keep a discharged client's details",
    retention_hint: "After this many days, names and contact details are removed; only anonymous counts stay in reports.",
    kiosk_idle_seconds: "Kiosk sign-out after (seconds idle)",
    nav_audit: "Audit log",
    roster_summary: |going, all| format!("{going} going, {all} on the list."),
    stay_dates: |from, to| match (from, to) {
        (Some(from), Some(to)) => format!("{from} – {to}"),
        (Some(from), None) => format!("since {from}"),
        _ => String::new(),
    },
    role_label: |role| match role {
        crate::domain::person::Role::Admin => "Admin",
        crate::domain::person::Role::RecreationStaff => "Recreation staff",
        crate::domain::person::Role::Staff => "Staff",
        crate::domain::person::Role::Client => "Client",
    },
    kiosk_hello: |name| format!("Hello, {name}"),
    kiosk_idle_hint: |seconds| {
        format!("You'll be signed out after {seconds} seconds without a touch.")
    },
    characters_left: |n| format!("{n} characters left"),
    feed_qr_label: "QR code of the calendar address",
    feed_qr_caption: "Scan with the phone's camera",
    feed_apple: "Apple Calendar (iPhone, iPad, Mac)",
    feed_google: "Google Calendar (Android)",
    feed_copy: "Outlook and other calendars: copy this address and add it as an internet calendar",
    feed_apple_short: "Apple",
    feed_google_short: "Google",
    feed_https_short: "Address",
    subscribe_heading: "Calendars for your phone",
    subscribe_own_hint: "Want only the events you are going to, with reminders?",
    my_calendar_link: "Set up my own calendar",
    public_feeds_off: "The facility calendar is not shared as a feed.",
    facility_feed_hint: "Every event open to everyone, kept up to date on your phone. No names, ever.",
    feed_refresh_hint: "Phone calendars check for changes on their own schedule: Apple and Outlook within hours, Google Calendar can take up to a day. Changes always arrive; they are just not instant.",
    print_poster: "Print a poster with the QR code",
    kind_feeds_heading: "Just one kind of event",
    poster_title: "Calendar poster",
    poster_lead: "See every activity on your phone's calendar. It updates itself.",
    poster_step_scan: "Point your phone's camera at the code.",
    poster_step_iphone: "iPhone: open the link, then tap Subscribe.",
    poster_step_android: "Android: open the link, then tap Add in Google Calendar.",
    print: "Print",
    my_calendar_heading: "My calendar on my phone",
    my_calendar_intro: "Your own calendar link shows what you are going to and waitlisted for, and for staff what you host. It is secret: anyone with the link sees those events, so keep it to yourself.",
    feed_ready_heading: "Your calendar link",
    feed_ready_hint: "Add it now: for your privacy the link is shown only right after it is made. If you lose it, make a new one.",
    feed_never_read: "No calendar has read it yet.",
    feed_lost_hint: "Lost the link, or want it on another phone? Make a new link; the old one stops working and phones using it empty out.",
    feed_none: "There is no calendar link yet.",
    feed_new_link: "Make a new link",
    feed_get_link: "Get my calendar link",
    feed_turn_off: "Turn the link off",
    feed_settings_heading: "How events look on the phone",
    discreet_label: "Discreet mode",
    discreet_hint: "Neutral titles such as “Evening group” or “Outing”, and no facility name, address or description. Calendar contents end up on lock screens and in Google, Apple or Microsoft accounts.",
    alarm_field: "Reminder",
    save_feed_settings: "Save calendar settings",
    add_to_calendar: "Add to calendar",
    public_feeds_label: "Share the facility calendar as a feed (/calendar.ics)",
    public_feeds_twelve_step_label: "Include 12-step meetings in the facility feed",
    public_feeds_hint: "The feed carries events open to everyone, never names. Turning it off makes the feed addresses answer “not found”.",
    facility_feed_heading: |name| format!("Everything at {name}"),
    poster_heading: |name| format!("{name}: activities on your phone"),
    person_calendar_heading: |name| format!("Calendar link for {name}"),
    feed_last_read: |day| format!("A calendar last read it on {day}."),
    feed_active_since: |day| format!("The calendar link is on, made {day}."),
    alarm_label: |minutes| match minutes {
        None => "No reminder".to_owned(),
        Some(1440) => "1 day before".to_owned(),
        Some(m) if m % 60 == 0 => {
            format!("{} hour{} before", m / 60, if m == 60 { "" } else { "s" })
        }
        Some(m) => format!("{m} minutes before"),
    },
    import_heading: "Import events from a calendar file",
    import_skipped_heading: "Not imported",
    import_done_heading: "Import finished",
    import_intro: "Bring in events from an .ics file, such as a holiday calendar or an outside meeting list. Repeating events, skipped and changed dates and time zones are kept. Importing the same file again updates those events instead of adding copies.",
    import_file: "Calendar file (.ics)",
    import_kind: "Kind of event for everything in the file",
    import_submit: "Import",
    nav_import: "Import",
    feeds_settings_heading: "Calendar feeds",
    import_counts: |created, updated, unchanged, skipped| {
        format!(
            "{created} created, {updated} updated, {unchanged} unchanged, {skipped} not imported."
        )
    },
    import_file_hint: |mb| format!("Up to {mb} MB."),
    kind: |kind| match kind {
        EventKind::Karaoke => "Karaoke",
        EventKind::Potluck => "Potluck",
        EventKind::TwelveStep => "12-step meeting",
        EventKind::Holiday => "Holiday",
        EventKind::Outing => "Outing",
        EventKind::Recreation => "Recreation",
        EventKind::Other => "Other",
    },
    status: |status| match status {
        EventStatus::Scheduled => "Scheduled",
        EventStatus::Cancelled => "Cancelled",
    },
    weekday: |day| match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    },
    month: |m| match m {
        1 => "January",
        2 => "February",
        3 => "March",
        4 => "April",
        5 => "May",
        6 => "June",
        7 => "July",
        8 => "August",
        9 => "September",
        10 => "October",
        11 => "November",
        _ => "December",
    },
};

/// The order weekdays are shown in (the week starts on Sunday).
pub const WEEK: [Weekday; 7] = [
    Weekday::Sun,
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
];

/// The strings for the current visitor's language (English for now).
pub fn use_strings() -> &'static Strings {
    use_context::<&'static Strings>().unwrap_or(&EN)
}

impl Strings {
    /// "Friday, December 4, 2026"
    pub fn long_date(&self, date: NaiveDate) -> String {
        format!(
            "{}, {} {}, {}",
            (self.weekday)(date.weekday()),
            (self.month)(date.month()),
            date.day(),
            date.year()
        )
    }

    /// A rule in words: "Every 2 weeks on Tuesday and Thursday, 10 times".
    pub fn describe_rule(&self, rule: &crate::domain::recurrence::Rule) -> String {
        use crate::domain::recurrence::{End, Pattern};
        let every = |unit: &str, units: &str| {
            if rule.interval == 1 {
                format!("Every {unit}")
            } else {
                format!("Every {} {units}", rule.interval)
            }
        };
        let weekday = |d: Weekday| (self.weekday)(d);
        let mut text = match &rule.pattern {
            Pattern::Weekly { days } => {
                let names: Vec<&str> = WEEK
                    .iter()
                    .filter(|d| days.contains(d))
                    .map(|d| weekday(*d))
                    .collect();
                let list = match names.as_slice() {
                    [] => String::new(),
                    [one] => (*one).to_owned(),
                    [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
                };
                format!("{} on {list}", every("week", "weeks"))
            }
            Pattern::MonthlyOnDay { day } => format!("{} on day {day}", every("month", "months")),
            Pattern::MonthlyOnWeekday { nth, weekday: day } => {
                format!(
                    "{} on the {} {}",
                    every("month", "months"),
                    (self.ordinal)(*nth),
                    weekday(*day)
                )
            }
            Pattern::YearlyOnDay { month, day } => {
                format!(
                    "{} on {} {day}",
                    every("year", "years"),
                    (self.month)(u32::from(*month))
                )
            }
            Pattern::YearlyOnWeekday {
                month,
                nth,
                weekday: day,
            } => format!(
                "{} on the {} {} of {}",
                every("year", "years"),
                (self.ordinal)(*nth),
                weekday(*day),
                (self.month)(u32::from(*month))
            ),
        };
        match rule.end {
            End::Never => {}
            End::Until(date) => text.push_str(&format!(", until {}", self.long_date(date))),
            End::Count(n) => text.push_str(&format!(", {n} times")),
        }
        text
    }

    /// "7:00 PM"
    pub fn time(&self, t: NaiveDateTime) -> String {
        t.format("%-I:%M %p").to_string()
    }

    /// The whole span, spelled out: "Friday, December 4, 2026, 7:00 PM – 9:00 PM".
    pub fn schedule(&self, schedule: &Schedule) -> String {
        match *schedule {
            Schedule::Timed { start, end } if start.date() == end.date() => format!(
                "{}, {} – {}",
                self.long_date(start.date()),
                self.time(start),
                self.time(end)
            ),
            Schedule::Timed { start, end } => format!(
                "{}, {} – {}, {}",
                self.long_date(start.date()),
                self.time(start),
                self.long_date(end.date()),
                self.time(end)
            ),
            Schedule::AllDay {
                first_day,
                last_day,
            } if first_day == last_day => {
                format!("{} ({})", self.long_date(first_day), self.all_day)
            }
            Schedule::AllDay {
                first_day,
                last_day,
            } => format!(
                "{} – {} ({})",
                self.long_date(first_day),
                self.long_date(last_day),
                self.all_day
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_described_in_words() {
        use crate::domain::recurrence::{End, Pattern, Rule};
        let rule = Rule {
            pattern: Pattern::Weekly {
                days: vec![Weekday::Tue, Weekday::Thu],
            },
            interval: 2,
            end: End::Count(10),
        };
        assert_eq!(
            EN.describe_rule(&rule),
            "Every 2 weeks on Tuesday and Thursday, 10 times"
        );
        let rule = Rule {
            pattern: Pattern::MonthlyOnWeekday {
                nth: -1,
                weekday: Weekday::Fri,
            },
            interval: 1,
            end: End::Until(NaiveDate::from_ymd_opt(2027, 6, 30).unwrap()),
        };
        assert_eq!(
            EN.describe_rule(&rule),
            "Every month on the last Friday, until Wednesday, June 30, 2027"
        );
    }

    #[test]
    fn schedules_are_spelled_out_in_full() {
        let at = |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        let timed = Schedule::Timed {
            start: at("2026-12-04 19:00"),
            end: at("2026-12-04 21:30"),
        };
        assert_eq!(
            EN.schedule(&timed),
            "Friday, December 4, 2026, 7:00 PM – 9:30 PM"
        );
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let holiday = Schedule::AllDay {
            first_day: day("2026-12-24"),
            last_day: day("2026-12-26"),
        };
        assert_eq!(
            EN.schedule(&holiday),
            "Thursday, December 24, 2026 – Saturday, December 26, 2026 (all day)"
        );
    }
}
