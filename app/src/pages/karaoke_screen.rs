//! The karaoke screen for the TV in the room
//! (`/events/:id/occurrences/:key/karaoke`): "Now singing" and "Up next" in
//! large type on a dark background, no navigation.
//!
//! Live: once hydrated, the page asks for the queue's version every few
//! seconds (one indexed read, no connection held between asks) and loads
//! the queue when it moved — so a change made through any server process
//! shows within seconds; the screen is a polite live region. Without
//! JavaScript it offers a link to refresh rather than reloading itself (a
//! forced reload fails WCAG 2.2.1 and loses a screen reader's place).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::calendar::get_occurrence;
use crate::api::karaoke::{karaoke_version, load_karaoke_screen};
use crate::components::island::IslandContext;
use crate::components::page_error::PageError;
use crate::domain::karaoke::{KaraokeQueue, QueuedSong};
use crate::error::AppError;
use crate::i18n::use_i18n;

/// How often the screen asks whether the queue changed.
const POLL_MILLIS: u64 = 2500;
/// How many songs "Up next" shows.
const UP_NEXT: usize = 5;

#[component]
pub fn KaraokeScreenPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            params.with(|p| {
                (
                    p.get("id").and_then(|id| id.parse::<i64>().ok()),
                    p.get("key"),
                )
            })
        },
        |(id, key)| async move {
            match (id, key) {
                (Some(id), Some(key)) => {
                    let occurrence = get_occurrence(id, key.clone()).await?;
                    let queue = load_karaoke_screen(id, key.clone()).await?;
                    Ok((id, key, occurrence.occurrence.title, queue))
                }
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {Suspend::new(async move {
                match data.await {
                    Ok((id, key, title, queue)) => {
                        let t = use_i18n();
                        view! {
                            <Title text=format!("{} · {}", t.karaoke_now_singing(), title) />
                            <KaraokeScreen context=IslandContext::here() id key title queue />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// An island: the queue follows the server's without a reload.
#[island]
fn KaraokeScreen(
    context: IslandContext,
    id: i64,
    key: String,
    title: String,
    queue: KaraokeQueue,
) -> impl IntoView {
    context.provide();
    let t = use_i18n();
    let here = format!("/events/{id}/occurrences/{key}/karaoke");
    let queue = RwSignal::new(queue);
    // Poll the version; load the queue only when it moved. One request at
    // a time: a slow answer is not overtaken by the next tick.
    let busy = StoredValue::new(false);
    Effect::new(move |_| {
        let key = key.clone();
        let tick = move || {
            if busy.get_value() {
                return;
            }
            busy.set_value(true);
            let key = key.clone();
            leptos::task::spawn_local(async move {
                if let Ok(version) = karaoke_version(id, key.clone()).await
                    && version != queue.with_untracked(|q| q.version)
                    && let Ok(fresh) = load_karaoke_screen(id, key).await
                {
                    queue.set(fresh);
                }
                busy.set_value(false);
            });
        };
        if let Ok(handle) =
            set_interval_with_handle(tick, std::time::Duration::from_millis(POLL_MILLIS))
        {
            on_cleanup(move || handle.clear());
        }
    });
    let now = move || queue.with(|q| q.now_singing.clone());
    let next = move || {
        queue.with(|q| {
            q.queued
                .iter()
                .take(UP_NEXT)
                .cloned()
                .collect::<Vec<QueuedSong>>()
        })
    };
    let more = move || queue.with(|q| q.queued.len().saturating_sub(UP_NEXT));
    view! {
        <section class="karaoke-screen" data-testid="karaoke-screen" aria-live="polite">
            <h1 class="screen-event">{title}</h1>
            <div class="screen-now" data-testid="screen-now">
                <h2>{t.karaoke_now_singing()}</h2>
                {move || match now() {
                    Some(song) => {
                        view! {
                            <p class="screen-song" data-testid="screen-now-title">{song.title}</p>
                            <p class="screen-artist">{song.artist}</p>
                            <p class="screen-performer" data-testid="screen-now-performer">{song.performer}</p>
                        }
                            .into_any()
                    }
                    None => view! { <p class="screen-waiting">{t.karaoke_nobody_singing()}</p> }.into_any(),
                }}
            </div>
            <div class="screen-next" data-testid="screen-next">
                <h2>{t.karaoke_up_next()}</h2>
                {move || {
                    let songs = next();
                    if songs.is_empty() {
                        view! { <p class="screen-waiting">{t.karaoke_screen_empty()}</p> }.into_any()
                    } else {
                        view! {
                            <ol>
                                {songs
                                    .into_iter()
                                    .map(|song| {
                                        view! {
                                            <li>
                                                <span class="screen-next-performer">{song.performer}</span>
                                                <span class="screen-next-song">{song.title} " — " {song.artist}</span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                            {move || (more() > 0).then(|| view! { <p class="screen-more">"+ " {more()}</p> })}
                        }
                            .into_any()
                    }
                }}
            </div>
            <a class="screen-refresh" href=here data-testid="screen-refresh">{t.karaoke_screen_refresh()}</a>
        </section>
    }
}
