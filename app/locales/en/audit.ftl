# The audit log page: what someone did ($action) and to what ($subject).
# Actions are stored as codes (`view manifest`); each has its words below
# as audit-action-<code, spaces as dashes>.

audit-entry = { $action }: { $subject }
# Pieces of a subject, one after the other.
audit-parts = { $first } · { $rest }
# An action or subject written by an older Hearth, as it was stored.
audit-as-stored = { $text }
# An entry nobody's account made.
audit-by-hearth = Hearth (automatic)
audit-event = activity #{ $id }
audit-event-titled = “{ $title }” (#{ $id })
audit-person = person #{ $id }
audit-slot = sign-up item #{ $id }
audit-claim = sign-up #{ $id }
audit-song = song #{ $id }
audit-kiosk = kiosk tablet #{ $id }
audit-dates = { $from } to { $to }
audit-language = language: { $language }
audit-slot-removed = item removed, { $count ->
    [one] { $count } sign-up released
   *[other] { $count } sign-ups released
} (people { $people })
audit-claims-released = { $count ->
    [one] { $count } sign-up released
   *[other] { $count } sign-ups released
}

audit-action-view-participation-report = Viewed the participation report
audit-action-export-participation-csv = Downloaded the participation report
audit-action-view-manifest = Viewed the van manifest
audit-action-set-transport = Changed the van
audit-action-set-rules = Changed who may come
audit-action-view-roster = Viewed the roster
audit-action-rsvp-despite-rules = Answered for someone the rules leave out
audit-action-release-signups = Released sign-ups
audit-action-claim-signup = Signed someone up
audit-action-withdraw-signup = Withdrew someone's sign-up
audit-action-view-signup-sheet = Viewed the sign-up sheet
audit-action-view-karaoke-queue = Viewed the song queue
audit-action-add-karaoke-song-for-a-person = Added a song for someone
audit-action-withdraw-karaoke-song-for-a-person = Withdrew someone's song
audit-action-karaoke-queue-up = Moved a song up the queue
audit-action-karaoke-queue-down = Moved a song down the queue
audit-action-karaoke-queue-move = Moved a song in the queue
audit-action-karaoke-queue-start = Started a song
audit-action-karaoke-queue-sung = Marked a song as sung
audit-action-karaoke-queue-skip = Skipped a song
audit-action-karaoke-queue-requeue = Put a song back in the queue
audit-action-set-language = Chose someone's language
audit-action-disable-account = Disabled an account
audit-action-enable-account = Enabled an account
audit-action-reset-password = Reset a password
audit-action-sign-out-everywhere = Signed someone out everywhere
audit-action-revoke-kiosk-tablet = Revoked a kiosk tablet
audit-action-unlock-kiosk-tablet = Unlocked a kiosk tablet
audit-action-change-meeting-panel = Changed a meeting's outside panel
audit-action-remove-meeting-panel = Removed a meeting's outside panel
