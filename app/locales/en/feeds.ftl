# Words the calendar feeds add. They end up in people's phone calendars
# (and on lock screens), so the discreet ones must stay neutral.

feed-discreet-evening-group = Evening group
feed-discreet-group = Group
feed-discreet-outing = Outing
feed-discreet-gathering = Gathering
feed-reminder = Reminder
feed-waitlisted = Waitlisted: { $title }
feed-kind-name = { $facility }: { $kind }
feed-facility-description = Events at { $facility }
feed-event-discreet = Event
feed-event-name = { $facility }: { $title }
feed-my-events = My events
feed-my-events-at = { $facility }: my events
