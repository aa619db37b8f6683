# One-time messages shown after something was done.

flash-template-saved = Saved as the template “{ $name }”.
flash-template-deleted = Template deleted.
flash-kiosk-enrolled = This tablet is now a kiosk.
flash-date-skipped = That date is off the calendar.
flash-date-cancelled = That date is cancelled.
flash-date-restored = That date is back on.
flash-date-changed = This date is changed.
flash-following-changed = This and the following dates are changed.
flash-event-created = Event created.
flash-changes-saved = Changes saved.
flash-event-cancelled = The event is cancelled.
flash-panel-removed = The panel is removed.
flash-panel-saved = Panel saved.
flash-saved = Saved.
flash-added = Added.
flash-slot-removed = { $released ->
    [0] Removed.
    [one] Removed. { $released } person had signed up for it; their sign-up is released — please let them know.
   *[other] Removed. { $released } people had signed up for it; their sign-ups are released — please let them know.
}
flash-signed-up-self = Thank you! You're signed up.
flash-signed-up = Signed up.
flash-signup-withdrawn = The sign-up is withdrawn.
flash-potluck-message-saved = The potluck message is saved.
flash-answer-removed = The answer is removed.
flash-answer-saved = Answer saved.
flash-rsvp-going = You're on the list.
flash-rsvp-waitlisted-at = It's full for now: waitlisted, number { $position } in line.
flash-rsvp-waitlisted = It's full for now: waitlisted.
flash-rsvp-maybe = Saved as maybe.
flash-rsvp-not-going = Saved as not going.
flash-attendance-saved = Attendance saved.
flash-feed-link-ready = Your calendar link is ready. Add it to the phone now: it is shown only while this page is open.
flash-feed-link-ready-other = The calendar link is ready. Add it to their phone now: it is shown only while this page is open.
flash-feed-link-off = The calendar link is off. Subscribed calendars empty themselves at their next refresh.
flash-calendar-settings-saved = Calendar settings saved.
flash-song-added = The song is in the queue.
flash-song-withdrawn = The song is withdrawn.
flash-queue-updated = The queue is updated.
flash-client-added-email = { $name } is added and signs in with { $email }.
flash-client-added-login = { $name } is added and signs in as “{ $login }”.
flash-client-added = { $name } is added and has no sign-in yet.
flash-discharged = Discharged: sign-in stopped and their places were released.
flash-readmitted = Readmitted.
flash-pin-removed = The PIN is removed.
flash-pin-set = The PIN is set.
flash-settings-saved = Settings saved.
flash-feed-settings-saved = Feed settings saved.
flash-van-removed = The van is removed.
flash-transport-saved = Transport saved.
flash-rules-saved = Rules saved.
flash-kiosk-revoked = The tablet is revoked: it stopped being a kiosk.
flash-kiosk-unlocked = The tablet is unlocked.
flash-password-changed = Your password is changed.
flash-session-ended = That session is signed out.
flash-other-sessions-ended = Every other session is signed out.
flash-account-disabled = The account is disabled: its sessions, API tokens, calendar link and kiosk PIN stopped working.
flash-account-enabled = The account is enabled again.
flash-token-revoked = The API token is revoked.
flash-password-reset = A temporary password is shown below, once. Give it to them in person; they choose a new one when they sign in.
flash-signed-out-everywhere = Signed out everywhere: every browser and kiosk session of theirs has ended.
flash-language-saved = Language saved.
