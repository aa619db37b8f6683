//! The karaoke song queue of one occurrence: the songs people who are going
//! put their names down for, the order staff sing them in, and the rules
//! for moving a song from "queued" to "now singing" to "sung" or "skipped".
//!
//! The queue is planned here, as pure functions over the songs' states and
//! positions; `db::karaoke` loads the queue inside a transaction, asks
//! [`apply`] what it becomes, and writes the difference.

use crate::i18n::{Message, m};
use serde::{Deserialize, Serialize};

use super::person::PersonId;
use super::validation::{FieldErrors, required_text};

/// The longest song title or artist accepted.
pub const TEXT_MAX: usize = 120;
/// How many songs one person may have waiting (queued or being sung) at a
/// time, so everyone gets a turn.
pub const PER_PERSON_LIMIT: usize = 3;

/// Database id of a song in a queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SongId(pub i64);

impl std::fmt::Display for SongId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SongState {
    /// Waiting in line.
    Queued,
    /// Now singing (one at a time).
    Singing,
    Sung,
    Skipped,
}

impl SongState {
    pub fn as_str(self) -> &'static str {
        match self {
            SongState::Queued => "queued",
            SongState::Singing => "singing",
            SongState::Sung => "sung",
            SongState::Skipped => "skipped",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "queued" => Some(SongState::Queued),
            "singing" => Some(SongState::Singing),
            "sung" => Some(SongState::Sung),
            "skipped" => Some(SongState::Skipped),
            _ => None,
        }
    }

    /// Sung or skipped.
    pub fn is_done(self) -> bool {
        matches!(self, SongState::Sung | SongState::Skipped)
    }
}

/// A song as typed: title and artist, trimmed and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SongDraft {
    pub title: String,
    pub artist: String,
}

impl SongDraft {
    /// Checks a song as typed; errors name the fields `title` and `artist`.
    pub fn parse(title: &str, artist: &str) -> Result<SongDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = required_text(&mut errors, "title", m::field_song_title(), title, TEXT_MAX);
        let artist = required_text(&mut errors, "artist", m::field_artist(), artist, TEXT_MAX);
        for (field, value) in [("title", &title), ("artist", &artist)] {
            if value.chars().any(char::is_control) {
                errors.add(field, m::karaoke_control_characters());
            }
        }
        errors.into_result(SongDraft { title, artist })
    }
}

/// What staff do to a song while running the night.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// One place earlier in line.
    Up,
    /// One place later in line.
    Down,
    /// To this place in line (1 is next; past the end means last).
    MoveTo(i64),
    /// Now singing. Whoever was singing goes back to the front of the line
    /// (nothing is lost by a slip of the finger).
    Start,
    /// Done singing: the next in line starts.
    Sung,
    /// Not sung (queued or singing): if it was being sung, the next in line
    /// starts.
    Skip,
    /// A skipped song goes back to the end of the line.
    Requeue,
}

impl Command {
    /// Parses the names forms and the API use (`up`, `down`, `move`,
    /// `start`, `sung`, `skip`, `requeue`); `move` needs `position`.
    pub fn parse(action: &str, position: Option<i64>) -> Result<Command, Message> {
        Ok(match action.trim() {
            "up" => Command::Up,
            "down" => Command::Down,
            "move" => match position {
                Some(p) if p >= 1 => Command::MoveTo(p),
                _ => return Err(m::karaoke_position_required()),
            },
            "start" => Command::Start,
            "sung" => Command::Sung,
            "skip" => Command::Skip,
            "requeue" => Command::Requeue,
            other => {
                return Err(m::karaoke_action_unknown(other));
            }
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Command::Up => "up",
            Command::Down => "down",
            Command::MoveTo(_) => "move",
            Command::Start => "start",
            Command::Sung => "sung",
            Command::Skip => "skip",
            Command::Requeue => "requeue",
        }
    }
}

/// One song's place in the queue: all the rules need to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub id: SongId,
    pub person: PersonId,
    pub state: SongState,
    /// Queued: place in line (1 is next). Singing: 0. Done: finishing order.
    pub position: i64,
}

/// Whether `person` may add another song, given the queue: at most
/// [`PER_PERSON_LIMIT`] waiting or being sung. Returns the new song's
/// position (after the last in line).
pub fn check_add(entries: &[Entry], person: PersonId) -> Result<i64, Message> {
    let waiting = entries
        .iter()
        .filter(|e| e.person == person && !e.state.is_done())
        .count();
    if waiting >= PER_PERSON_LIMIT {
        return Err(m::karaoke_limit_reached(PER_PERSON_LIMIT));
    }
    Ok(line(entries).last().map_or(1, |e| e.position + 1))
}

/// Queued songs in line order.
fn line(entries: &[Entry]) -> Vec<Entry> {
    let mut queued: Vec<Entry> = entries
        .iter()
        .filter(|e| e.state == SongState::Queued)
        .copied()
        .collect();
    queued.sort_by_key(|e| (e.position, e.id));
    queued
}

/// The queue after `command` on `song`: every song with its new state and
/// position (queued songs renumbered 1, 2, 3 … in order), or why not.
pub fn apply(entries: &[Entry], song: SongId, command: Command) -> Result<Vec<Entry>, Message> {
    let target = entries
        .iter()
        .find(|e| e.id == song)
        .copied()
        .ok_or_else(m::karaoke_song_not_in_queue)?;
    let mut queued = line(entries);
    let mut singing: Option<Entry> = entries
        .iter()
        .find(|e| e.state == SongState::Singing)
        .copied();
    let mut done: Vec<Entry> = entries
        .iter()
        .filter(|e| e.state.is_done())
        .copied()
        .collect();
    let next_done = done.iter().map(|e| e.position).max().unwrap_or(0) + 1;
    let index = queued.iter().position(|e| e.id == song);
    let not_queued = m::karaoke_only_queued_can_move;
    match command {
        Command::Up | Command::Down | Command::MoveTo(_) => {
            let from = index.ok_or_else(not_queued)?;
            let to = match command {
                Command::Up => from.saturating_sub(1),
                Command::Down => (from + 1).min(queued.len() - 1),
                Command::MoveTo(p) => usize::try_from(p.max(1) - 1)
                    .unwrap_or(0)
                    .min(queued.len() - 1),
                _ => from,
            };
            let moved = queued.remove(from);
            queued.insert(to, moved);
        }
        Command::Start => {
            let from = match (index, target.state) {
                (Some(i), _) => i,
                (None, SongState::Singing) => return Err(m::karaoke_already_on()),
                _ => return Err(m::karaoke_only_queued_can_start()),
            };
            let mut started = queued.remove(from);
            if let Some(mut current) = singing.take() {
                current.state = SongState::Queued;
                queued.insert(0, current);
            }
            started.state = SongState::Singing;
            singing = Some(started);
        }
        Command::Sung | Command::Skip => {
            let finished = if target.state == SongState::Singing {
                singing = None;
                true
            } else if command == Command::Skip && target.state == SongState::Queued {
                queued.retain(|e| e.id != song);
                false
            } else if command == Command::Sung {
                return Err(m::karaoke_only_singing_can_be_sung());
            } else {
                return Err(m::karaoke_already_finished());
            };
            done.push(Entry {
                state: if command == Command::Sung {
                    SongState::Sung
                } else {
                    SongState::Skipped
                },
                position: next_done,
                ..target
            });
            // Marking the current song sung or skipped starts the next.
            if finished && !queued.is_empty() {
                let mut next = queued.remove(0);
                next.state = SongState::Singing;
                singing = Some(next);
            }
        }
        Command::Requeue => {
            if target.state != SongState::Skipped {
                return Err(m::karaoke_only_skipped_requeue());
            }
            done.retain(|e| e.id != song);
            queued.push(Entry {
                state: SongState::Queued,
                ..target
            });
        }
    }
    let mut out = Vec::with_capacity(entries.len());
    if let Some(mut s) = singing {
        s.position = 0;
        out.push(s);
    }
    for (i, mut e) in queued.into_iter().enumerate() {
        e.state = SongState::Queued;
        e.position = i as i64 + 1;
        out.push(e);
    }
    out.extend(done);
    Ok(out)
}

/// The queue without the songs of `removed` (withdrawn or released), the
/// line renumbered from 1.
pub fn without(entries: &[Entry], removed: &[SongId]) -> Vec<Entry> {
    let kept: Vec<Entry> = entries
        .iter()
        .filter(|e| !removed.contains(&e.id))
        .copied()
        .collect();
    let mut out: Vec<Entry> = kept
        .iter()
        .filter(|e| e.state != SongState::Queued)
        .copied()
        .collect();
    for (i, mut e) in line(&kept).into_iter().enumerate() {
        e.position = i as i64 + 1;
        out.push(e);
    }
    out
}

/// How a performer is named on the queue for other clients and on the
/// screen in the room: first name and last initial ("Maria G."), whatever
/// the stored name (staff are stored with full names).
pub fn short_name(display_name: &str) -> String {
    let words: Vec<&str> = display_name.split_whitespace().collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [first, .., last] => {
            let initial: String = last
                .chars()
                .find(|c| c.is_alphanumeric())
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            if initial.is_empty() {
                (*first).to_owned()
            } else {
                format!("{first} {initial}.")
            }
        }
    }
}

/// One song as a page or the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedSong {
    pub id: SongId,
    pub title: String,
    pub artist: String,
    pub state: SongState,
    /// Place in line for queued songs (1 is next); 0 while being sung.
    pub position: i64,
    /// The performer: a full name for staff, first name and last initial
    /// for everyone else.
    pub performer: String,
    /// The performer's id: staff only (they act for the person).
    pub person_id: Option<PersonId>,
    /// The viewer's own song (they may withdraw it while it is queued).
    pub mine: bool,
}

/// An occurrence's queue as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KaraokeQueue {
    /// Changes with every change to the queue (the screen polls it).
    pub version: i64,
    pub now_singing: Option<QueuedSong>,
    /// Waiting, in line order.
    pub queued: Vec<QueuedSong>,
    /// Sung and skipped, most recent first.
    pub done: Vec<QueuedSong>,
    /// The viewer is going, so may add songs.
    pub can_add: bool,
    /// The viewer runs the night (staff controls).
    pub can_run: bool,
    /// Songs can still be added (the date is not over or cancelled).
    pub open: bool,
    /// Going clients, for staff adding a song for someone: (id, full name).
    pub going: Vec<(PersonId, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: i64, person: i64, state: SongState, position: i64) -> Entry {
        Entry {
            id: SongId(id),
            person: PersonId(person),
            state,
            position,
        }
    }

    fn queued(n: i64) -> Vec<Entry> {
        (1..=n).map(|i| entry(i, i, SongState::Queued, i)).collect()
    }

    fn order(entries: &[Entry]) -> Vec<i64> {
        let mut line: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.state == SongState::Queued)
            .collect();
        line.sort_by_key(|e| e.position);
        line.iter().map(|e| e.id.0).collect()
    }

    fn singing(entries: &[Entry]) -> Option<i64> {
        entries
            .iter()
            .find(|e| e.state == SongState::Singing)
            .map(|e| e.id.0)
    }

    fn state_of(entries: &[Entry], id: i64) -> SongState {
        entries.iter().find(|e| e.id.0 == id).unwrap().state
    }

    #[test]
    fn songs_move_up_down_and_to_a_place_with_positions_renumbered() {
        let q = queued(4);
        let up = apply(&q, SongId(3), Command::Up).unwrap();
        assert_eq!(order(&up), [1, 3, 2, 4]);
        let positions: Vec<i64> = up.iter().map(|e| e.position).collect();
        assert_eq!(positions, [1, 2, 3, 4]);
        assert_eq!(
            order(&apply(&q, SongId(1), Command::Up).unwrap()),
            [1, 2, 3, 4]
        );
        assert_eq!(
            order(&apply(&q, SongId(4), Command::Down).unwrap()),
            [1, 2, 3, 4]
        );
        assert_eq!(
            order(&apply(&q, SongId(2), Command::Down).unwrap()),
            [1, 3, 2, 4]
        );
        assert_eq!(
            order(&apply(&q, SongId(4), Command::MoveTo(1)).unwrap()),
            [4, 1, 2, 3]
        );
        assert_eq!(
            order(&apply(&q, SongId(1), Command::MoveTo(99)).unwrap()),
            [2, 3, 4, 1]
        );
    }

    #[test]
    fn gaps_in_positions_are_closed_without_changing_the_order() {
        let q = vec![
            entry(1, 1, SongState::Queued, 5),
            entry(2, 2, SongState::Queued, 2),
            entry(3, 3, SongState::Queued, 9),
        ];
        let after = apply(&q, SongId(3), Command::Up).unwrap();
        assert_eq!(order(&after), [2, 3, 1]);
        assert_eq!(
            without(&q, &[SongId(2)])
                .iter()
                .map(|e| (e.id.0, e.position))
                .collect::<Vec<_>>(),
            [(1, 1), (3, 2)]
        );
    }

    #[test]
    fn only_one_song_is_sung_at_a_time_and_sung_or_skip_starts_the_next() {
        let q = apply(&queued(3), SongId(1), Command::Start).unwrap();
        assert_eq!(singing(&q), Some(1));
        assert_eq!(order(&q), [2, 3]);
        let q = apply(&q, SongId(1), Command::Sung).unwrap();
        assert_eq!(state_of(&q, 1), SongState::Sung);
        assert_eq!(singing(&q), Some(2));
        assert_eq!(order(&q), [3]);
        let q = apply(&q, SongId(2), Command::Skip).unwrap();
        assert_eq!(state_of(&q, 2), SongState::Skipped);
        assert_eq!(singing(&q), Some(3));
        let q = apply(&q, SongId(3), Command::Sung).unwrap();
        assert_eq!(singing(&q), None, "nobody left to sing");
        let done: Vec<(i64, i64)> = q
            .iter()
            .filter(|e| e.state.is_done())
            .map(|e| (e.id.0, e.position))
            .collect();
        assert_eq!(done, [(1, 1), (2, 2), (3, 3)], "finishing order is kept");
        assert_eq!(
            q.iter().filter(|e| e.state == SongState::Singing).count(),
            0
        );
    }

    #[test]
    fn starting_another_song_puts_the_current_one_back_at_the_front() {
        let q = apply(&queued(3), SongId(1), Command::Start).unwrap();
        let q = apply(&q, SongId(3), Command::Start).unwrap();
        assert_eq!(singing(&q), Some(3));
        assert_eq!(order(&q), [1, 2]);
        assert_eq!(
            q.iter().filter(|e| e.state == SongState::Singing).count(),
            1
        );
    }

    #[test]
    fn skipping_a_waiting_song_does_not_start_anything_and_requeue_puts_it_last() {
        let q = apply(&queued(3), SongId(2), Command::Skip).unwrap();
        assert_eq!(singing(&q), None);
        assert_eq!(order(&q), [1, 3]);
        let q = apply(&q, SongId(2), Command::Requeue).unwrap();
        assert_eq!(order(&q), [1, 3, 2]);
        assert_eq!(state_of(&q, 2), SongState::Queued);
    }

    #[test]
    fn impossible_transitions_are_refused() {
        let q = apply(&queued(2), SongId(1), Command::Start).unwrap();
        assert!(
            apply(&q, SongId(2), Command::Sung).is_err(),
            "only the current song is sung"
        );
        assert!(apply(&q, SongId(1), Command::Start).is_err());
        assert!(
            apply(&q, SongId(1), Command::Up).is_err(),
            "the current song is not in line"
        );
        assert!(
            apply(&q, SongId(2), Command::Requeue).is_err(),
            "not skipped"
        );
        let q = apply(&q, SongId(1), Command::Sung).unwrap();
        assert!(apply(&q, SongId(1), Command::Skip).is_err());
        assert!(
            apply(&q, SongId(1), Command::Requeue).is_err(),
            "sung songs stay sung"
        );
        assert!(apply(&q, SongId(42), Command::Start).is_err());
    }

    #[test]
    fn a_person_may_have_three_songs_waiting() {
        let mut q = vec![
            entry(1, 7, SongState::Singing, 0),
            entry(2, 7, SongState::Queued, 1),
            entry(3, 8, SongState::Queued, 2),
        ];
        assert_eq!(check_add(&q, PersonId(7)), Ok(3));
        q.push(entry(4, 7, SongState::Queued, 3));
        assert!(
            check_add(&q, PersonId(7))
                .unwrap_err()
                .to_string()
                .contains("Up to 3")
        );
        assert_eq!(check_add(&q, PersonId(8)), Ok(4));
        q[0].state = SongState::Sung;
        assert!(
            check_add(&q, PersonId(7)).is_ok(),
            "sung songs do not count"
        );
    }

    #[test]
    fn songs_need_a_title_and_an_artist_of_sensible_length() {
        let draft = SongDraft::parse("  Dancing Queen ", " ABBA").unwrap();
        assert_eq!(draft.title, "Dancing Queen");
        assert_eq!(draft.artist, "ABBA");
        let errors = SongDraft::parse("", "").unwrap_err();
        assert!(errors.get("title").is_some() && errors.get("artist").is_some());
        let long = "la".repeat(61);
        assert!(
            SongDraft::parse(&long, "x")
                .unwrap_err()
                .get("title")
                .unwrap()
                .to_string()
                .contains("120")
        );
        assert!(SongDraft::parse("a\u{7}b", "x").is_err());
    }

    #[test]
    fn commands_parse_from_their_names() {
        assert_eq!(Command::parse("up", None), Ok(Command::Up));
        assert_eq!(Command::parse("move", Some(2)), Ok(Command::MoveTo(2)));
        assert!(Command::parse("move", None).is_err());
        assert!(Command::parse("move", Some(0)).is_err());
        assert!(Command::parse("dance", None).is_err());
    }

    #[test]
    fn performers_are_named_by_first_name_and_last_initial() {
        assert_eq!(short_name("Maria G."), "Maria G.");
        assert_eq!(short_name("Samantha Jones"), "Samantha J.");
        assert_eq!(short_name("Mary Ann van Dyke"), "Mary D.");
        assert_eq!(short_name("Cher"), "Cher");
        assert_eq!(short_name(""), "");
    }
}
