//! The song queue on a karaoke occurrence's page: now singing, up next,
//! the rest, sung and skipped; the add-a-song form for people who are
//! going; and, for staff, the controls that run the night.
//!
//! Every form posts to its server function and works without JavaScript
//! (the page comes back with the queue changed); once hydrated, the queue
//! reloads in place after each change.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::form::{CsrfField, FieldMessage, FormFeedback, focus_if_invalid, invalid};
use crate::api::karaoke::{AddSong, RunQueue, WithdrawSong, load_karaoke_queue};
use crate::domain::karaoke::{KaraokeQueue, QueuedSong, SongState};
use crate::error::AppError;
use crate::i18n::use_i18n;

/// The queue section of a karaoke occurrence's page.
#[component]
pub fn KaraokeQueuePanel(
    id: i64,
    key: String,
    /// The queue as the page loaded it (the panel loads it itself when
    /// `None`, and again after every change).
    #[prop(default = None)]
    initial: Option<KaraokeQueue>,
) -> impl IntoView {
    let t = use_i18n();
    let version = RwSignal::new(0u32);
    let load_key = key.clone();
    let data = super::loaded_first(version, initial, move || {
        load_karaoke_queue(id, load_key.clone())
    });
    let add = ServerAction::<AddSong>::new();
    let withdraw = ServerAction::<WithdrawSong>::new();
    let run = ServerAction::<RunQueue>::new();
    // After a change, the queue reloads in place.
    Effect::new(move |_| {
        let done = [
            add.value().get().is_some_and(|r| r.is_ok()),
            withdraw.value().get().is_some_and(|r| r.is_ok()),
            run.value().get().is_some_and(|r| r.is_ok()),
        ];
        if done.iter().any(|d| *d) {
            version.update(|v| *v += 1);
        }
    });
    let message = Signal::derive(move || {
        let answer = |reply: Option<Result<crate::api::Done, AppError>>| match reply {
            Some(Ok(done)) => done.flash.map(|m| t.render(&m)),
            Some(Err(AppError::Validation { .. })) | None => None,
            Some(Err(other)) => Some(other.render(t.lang)),
        };
        // A refused song shows at the form itself.
        let added = add
            .value()
            .get()
            .and_then(|r| r.ok())
            .and_then(|d| d.flash)
            .map(|m| t.render(&m));
        answer(run.value().get())
            .or_else(|| answer(withdraw.value().get()))
            .or(added)
    });
    let actions = Actions {
        id,
        key: StoredValue::new(key.clone()),
        withdraw,
        run,
    };
    view! {
        <section class="karaoke" id="karaoke" aria-labelledby="karaoke-heading" data-testid="karaoke">
            <h2 id="karaoke-heading">{t.karaoke_heading()}</h2>
            <p class="karaoke-message" role="status" hidden=move || message.get().is_none()>
                {move || message.get().unwrap_or_default()}
            </p>
            <Suspense>
                {Suspend::new(async move {
                    match data.await {
                        Ok(queue) => view! { <QueueView queue actions add /> }.into_any(),
                        Err(error) => view! { <p class="field-error">{error.render(t.lang)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// What every song row's forms need.
#[derive(Clone, Copy)]
struct Actions {
    id: i64,
    key: StoredValue<String>,
    withdraw: ServerAction<WithdrawSong>,
    run: ServerAction<RunQueue>,
}

#[component]
fn QueueView(queue: KaraokeQueue, actions: Actions, add: ServerAction<AddSong>) -> impl IntoView {
    let t = use_i18n();
    let id = actions.id;
    let key = actions.key.get_value();
    let can_run = queue.can_run;
    let show_form = queue.open && (queue.can_add || !queue.going.is_empty());
    let hint = if !queue.open {
        Some(t.karaoke_closed())
    } else if !show_form {
        Some(t.karaoke_rsvp_first())
    } else {
        None
    };
    let mut queued = queue.queued.clone();
    let later = if queued.len() > 3 {
        queued.split_off(3)
    } else {
        Vec::new()
    };
    let row = move |song: QueuedSong| view! { <SongRow song actions can_run /> };
    view! {
        <div class="karaoke-now" data-testid="karaoke-now">
            <h3>{t.karaoke_now_singing()}</h3>
            {match queue.now_singing.clone() {
                Some(song) => view! { <ul class="song-list now">{row(song)}</ul> }.into_any(),
                None => view! { <p class="hint">{t.karaoke_nobody_singing()}</p> }.into_any(),
            }}
        </div>
        <div class="karaoke-next" data-testid="karaoke-next">
            <h3>{t.karaoke_up_next()}</h3>
            {if queued.is_empty() {
                view! { <p class="hint">{t.karaoke_empty()}</p> }.into_any()
            } else {
                view! { <ol class="song-list">{queued.into_iter().map(row).collect_view()}</ol> }.into_any()
            }}
        </div>
        {(!later.is_empty())
            .then(|| {
                view! {
                    <div class="karaoke-later">
                        <h3>{t.karaoke_later()}</h3>
                        <ol class="song-list" start="4">{later.into_iter().map(row).collect_view()}</ol>
                    </div>
                }
            })}
        {(!queue.done.is_empty())
            .then(|| {
                view! {
                    <details class="karaoke-done">
                        <summary>{t.karaoke_done()} " (" {queue.done.len()} ")"</summary>
                        <ul class="song-list">{queue.done.clone().into_iter().map(row).collect_view()}</ul>
                    </details>
                }
            })}
        {hint.map(|h| view! { <p class="hint" data-testid="karaoke-hint">{h}</p> })}
        {show_form.then(|| view! { <AddSongForm queue=queue.clone() id key=key.clone() add /> })}
        <p>
            <a class="button secondary" href=format!("/events/{id}/occurrences/{key}/karaoke") rel="external" data-testid="karaoke-screen-link">
                {t.karaoke_open_screen()}
            </a>
        </p>
    }
}

#[component]
fn SongRow(song: QueuedSong, actions: Actions, can_run: bool) -> impl IntoView {
    let t = use_i18n();
    let badge = match song.state {
        SongState::Sung => Some(t.karaoke_sung_badge()),
        SongState::Skipped => Some(t.karaoke_skipped_badge()),
        _ => None,
    };
    let may_withdraw = song.state == SongState::Queued && (song.mine || can_run);
    let Actions {
        id,
        key,
        withdraw,
        run,
    } = actions;
    let label = format!("{} {}", t.karaoke_song_actions(), song.title);
    let controls = can_run.then(|| {
        let buttons: Vec<(&'static str, &'static str)> = match song.state {
            SongState::Queued => vec![
                ("up", t.karaoke_up()),
                ("down", t.karaoke_down()),
                ("start", t.karaoke_start()),
                ("skip", t.karaoke_skip()),
            ],
            SongState::Singing => vec![("sung", t.karaoke_sung()), ("skip", t.karaoke_skip())],
            SongState::Skipped => vec![("requeue", t.karaoke_requeue())],
            SongState::Sung => vec![],
        };
        let field = format!("song-{}-position", song.id);
        (!buttons.is_empty()).then(|| {
            view! {
                <ActionForm action=run attr:class="song-controls" attr:aria-label=label.clone()>
                    <CsrfField />
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="key" value=key.get_value() />
                    <input type="hidden" name="song_id" value=song.id.0 />
                    {buttons
                        .into_iter()
                        .map(|(action, text)| {
                            view! {
                                <button type="submit" name="action" value=action class="button small secondary">
                                    {text}
                                </button>
                            }
                        })
                        .collect_view()}
                    {(song.state == SongState::Queued)
                        .then(|| {
                            view! {
                                <label for=field.clone() class="position-label">{t.karaoke_move_to()}</label>
                                <input id=field.clone() name="position" type="number" min="1" class="position-input" />
                                <button type="submit" name="action" value="move" class="button small secondary">
                                    {t.karaoke_move()}
                                </button>
                            }
                        })}
                </ActionForm>
            }
        })
    });
    view! {
        <li class=format!("song song-{}", song.state.as_str()) data-testid="song">
            <span class="song-title">{song.title.clone()}</span>
            " — "
            <span class="song-artist">{song.artist.clone()}</span>
            " · "
            <span class="song-performer">{song.performer.clone()}</span>
            {badge.map(|b| view! { " " <span class="badge">{b}</span> })}
            {controls}
            {may_withdraw
                .then(|| {
                    view! {
                        <ActionForm action=withdraw attr:class="song-withdraw">
                            <CsrfField />
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="key" value=key.get_value() />
                            <input type="hidden" name="song_id" value=song.id.0 />
                            <button type="submit" class="button small secondary">
                                {t.karaoke_withdraw()}
                            </button>
                        </ActionForm>
                    }
                })}
        </li>
    }
}

#[component]
fn AddSongForm(
    queue: KaraokeQueue,
    id: i64,
    key: String,
    add: ServerAction<AddSong>,
) -> impl IntoView {
    let t = use_i18n();
    let feedback = FormFeedback::new(add.value(), AddSong::url());
    let title_error = feedback.field("title");
    let artist_error = feedback.field("artist");
    let person_error = feedback.field("person_id");
    let general = feedback.general();
    let for_others = !queue.going.is_empty();
    let posted_person = feedback.initial("person_id", String::new());
    view! {
        <ActionForm action=add attr:class="karaoke-add" attr:aria-labelledby="karaoke-add-heading">
            <h3 id="karaoke-add-heading">{t.karaoke_add_heading()}</h3>
            <CsrfField />
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="key" value=key />
            {for_others
                .then(|| {
                    view! {
                        <div class="field">
                            <label for="song-person">{t.karaoke_for_label()}</label>
                            <select id="song-person" name="person_id" aria-describedby="song-person-error">
                                {queue.can_add.then(|| view! { <option value="">{t.karaoke_for_myself()}</option> })}
                                {queue
                                    .going
                                    .iter()
                                    .map(|(person, name)| {
                                        let value = person.0.to_string();
                                        let selected = value == posted_person;
                                        view! { <option value=value selected=selected>{name.clone()}</option> }
                                    })
                                    .collect_view()}
                            </select>
                            <FieldMessage id="song-person-error" message=person_error />
                        </div>
                    }
                })}
            <div class="field">
                <label for="song-title">{t.karaoke_title_label()}</label>
                <input
                    id="song-title"
                    name="title"
                    type="text"
                    required
                    maxlength="120"
                    autocomplete="off"
                    value=feedback.initial("title", String::new())
                    aria-invalid=invalid(title_error) autofocus=focus_if_invalid(title_error)
                    aria-describedby="song-title-error"
                />
                <FieldMessage id="song-title-error" message=title_error />
            </div>
            <div class="field">
                <label for="song-artist">{t.karaoke_artist_label()}</label>
                <input
                    id="song-artist"
                    name="artist"
                    type="text"
                    required
                    maxlength="120"
                    autocomplete="off"
                    value=feedback.initial("artist", String::new())
                    aria-invalid=invalid(artist_error) autofocus=focus_if_invalid(artist_error)
                    aria-describedby="song-artist-error"
                />
                <FieldMessage id="song-artist-error" message=artist_error />
            </div>
            <p class="hint" data-testid="karaoke-privacy-note">
                {if for_others { t.karaoke_staff_note() } else { t.karaoke_privacy_note() }}
                " "
                {t.karaoke_limit_note()}
            </p>
            <p class="field-error" role="alert" hidden=move || general.get().is_none()>
                {move || general.get().unwrap_or_default()}
            </p>
            <button type="submit" class="button">
                {t.karaoke_add_button()}
            </button>
        </ActionForm>
    }
}
