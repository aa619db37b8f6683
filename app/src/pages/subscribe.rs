//! Calendar subscriptions: the facility feeds (`/subscribe`), their poster
//! for the wall (`/subscribe/poster`), and a person's own secret feed
//! (`/me/calendar`, and `/people/{id}/calendar` for staff helping a client).

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::feeds::{
    FacilityFeeds, FeedLinks, FeedSettings, NewFeedLink, RevokeFeedLink, SaveFeedPreferences,
    my_feed, public_feeds,
};
use crate::components::form::{CsrfField, FieldMessage, FormFeedback, follow_done};
use crate::components::page_error::PageError;
use crate::error::AppError;
use crate::i18n::use_i18n;

/// One feed's ways in: Apple, Google, copy the address, scan the code.
#[component]
fn FeedLinksView(links: FeedLinks, #[prop(optional)] big_qr: bool) -> impl IntoView {
    let t = use_i18n();
    let qr = (!links.qr_svg.is_empty()).then(|| {
        let class = if big_qr { "qr qr-big" } else { "qr" };
        view! {
            <figure class=class>
                <div inner_html=links.qr_svg.clone() role="img" aria-label=t.feed_qr_label()></div>
                <figcaption>{t.feed_qr_caption()}</figcaption>
            </figure>
        }
    });
    view! {
        <div class="feed-links">
            <ul class="subscribe-buttons">
                <li>
                    <a class="button" href=links.webcal.clone() data-testid="webcal">
                        {t.feed_apple()}
                    </a>
                </li>
                <li>
                    <a
                        class="button"
                        href=links.google.clone()
                        target="_blank"
                        rel="noopener noreferrer"
                        data-testid="google"
                    >
                        {t.feed_google()}
                    </a>
                </li>
            </ul>
            <label class="copy-url">
                <span>{t.feed_copy()}</span>
                <input type="text" readonly=true value=links.https.clone() data-testid="feed-url" />
            </label>
            {qr}
        </div>
    }
}

/// `/subscribe`: the facility's public feeds.
#[component]
pub fn SubscribePage() -> impl IntoView {
    let t = use_i18n();
    let feeds = Resource::new(|| (), |_| public_feeds());
    view! {
        <Title text=t.subscribe_heading() />
        <h1>{t.subscribe_heading()}</h1>
        <Suspense>
            {Suspend::new(async move {
                match feeds.await {
                    Ok(feeds) => view! { <PublicFeedsView feeds /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PublicFeedsView(feeds: FacilityFeeds) -> impl IntoView {
    let t = use_i18n();
    let own = feeds.signed_in.then(|| {
        view! {
            <p class="callout">
                {t.subscribe_own_hint()} " " <a href="/me/calendar">{t.my_calendar_link()}</a>
            </p>
        }
    });
    let Some(all) = feeds.all else {
        return view! {
            {own}
            <p class="empty">{t.public_feeds_off()}</p>
        }
        .into_any();
    };
    view! {
        {own}
        <section>
            <h2>{t.facility_feed_heading(&feeds.facility)}</h2>
            <p>{t.facility_feed_hint()}</p>
            <FeedLinksView links=all />
            <p class="hint">{t.feed_refresh_hint()}</p>
            <p><a href="/subscribe/poster">{t.print_poster()}</a></p>
        </section>
        <section>
            <h2>{t.kind_feeds_heading()}</h2>
            <ul class="kind-feeds">
                {feeds
                    .kinds
                    .into_iter()
                    .map(|(kind, links)| {
                        view! {
                            <li>
                                <span class=format!("kind-dot kind-{}", kind.as_str())></span>
                                <strong>{t.kind(kind)}</strong>
                                " "
                                <a href=links.webcal>{t.feed_apple_short()}</a>
                                " · "
                                <a href=links.google target="_blank" rel="noopener noreferrer">
                                    {t.feed_google_short()}
                                </a>
                                " · "
                                <a href=links.https>{t.feed_https_short()}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// `/subscribe/poster`: the facility feed's QR code, for the wall.
#[component]
pub fn PosterPage() -> impl IntoView {
    let t = use_i18n();
    let feeds = Resource::new(|| (), |_| public_feeds());
    view! {
        <Title text=t.poster_title() />
        <Suspense>
            {Suspend::new(async move {
                match feeds.await {
                    Ok(FacilityFeeds { facility, all: Some(links), .. }) => {
                        view! {
                            <article class="poster" data-testid="poster">
                                <h1>{t.poster_heading(&facility)}</h1>
                                <p class="poster-lead">{t.poster_lead()}</p>
                                <div class="qr qr-big" inner_html=links.qr_svg.clone() role="img" aria-label=t.feed_qr_label()></div>
                                <ol class="poster-steps">
                                    <li>{t.poster_step_scan()}</li>
                                    <li>{t.poster_step_iphone()}</li>
                                    <li>{t.poster_step_android()}</li>
                                </ol>
                                <p class="poster-url">{links.https.clone()}</p>
                                <p class="hint no-print">
                                    <crate::components::form::PrintButton label=t.print() />
                                </p>
                            </article>
                        }
                            .into_any()
                    }
                    Ok(_) => view! { <p class="empty">{t.public_feeds_off()}</p> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/me/calendar`: one's own secret feed.
#[component]
pub fn MyCalendarPage() -> impl IntoView {
    let feed = Resource::new(|| (), |_| my_feed(None));
    view! { <FeedPage feed /> }
}

/// `/people/{id}/calendar`: staff handing a client their feed.
#[component]
pub fn PersonCalendarPage() -> impl IntoView {
    let params = use_params_map();
    let feed = Resource::new(
        move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok())),
        |id| async move {
            match id {
                Some(id) => my_feed(Some(id)).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! { <FeedPage feed /> }
}

#[component]
fn FeedPage(feed: Resource<Result<FeedSettings, AppError>>) -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                match feed.await {
                    Ok(feed) => view! { <FeedControls feed /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FeedControls(feed: FeedSettings) -> impl IntoView {
    let t = use_i18n();
    let heading = if feed.own {
        t.my_calendar_heading().to_owned()
    } else {
        t.person_calendar_heading(&feed.person_name)
    };
    let own = feed.own;
    let intro = if own {
        t.my_calendar_intro().to_owned()
    } else {
        t.person_calendar_intro(&feed.person_name)
    };
    let day = move |at: chrono::NaiveDateTime| t.long_date(at.date());
    let new_link = ServerAction::<NewFeedLink>::new();
    follow_done(new_link.value());
    let revoke = ServerAction::<RevokeFeedLink>::new();
    follow_done(revoke.value());
    let save = ServerAction::<SaveFeedPreferences>::new();
    follow_done(save.value());
    let save_feedback = FormFeedback::new(save.value(), SaveFeedPreferences::url());
    let new_feedback = FormFeedback::new(new_link.value(), NewFeedLink::url());
    let id = feed.person_id;
    let status = match (&feed.fresh, feed.active_since) {
        (Some(links), _) => view! {
            <section class="fresh-link" data-testid="fresh-link">
                <h2>{if own { t.feed_ready_heading() } else { t.person_calendar_link() }}</h2>
                <p>{if own { t.feed_ready_hint() } else { t.feed_ready_hint_other() }}</p>
                <FeedLinksView links=links.clone() />
            </section>
        }
        .into_any(),
        (None, Some(since)) => {
            let read = feed.last_read.map_or_else(
                || t.feed_never_read().to_owned(),
                |at| t.feed_last_read(day(at)),
            );
            view! {
                <p data-testid="feed-status">{t.feed_active_since(day(since))} " " {read}</p>
                <p class="hint">{t.feed_lost_hint()}</p>
            }
            .into_any()
        }
        (None, None) => view! { <p data-testid="feed-status">{t.feed_none()}</p> }.into_any(),
    };
    let has_link = feed.active_since.is_some();
    let alarm_options = std::iter::once(None)
        .chain(feed.alarm_choices.iter().copied().map(Some))
        .map(|choice| {
            let value = choice.map_or_else(String::new, |m| m.to_string());
            view! {
                <option value=value selected=choice == feed.alarm_minutes>
                    {t.alarm_label(choice)}
                </option>
            }
        })
        .collect_view();
    view! {
        <Title text=heading.clone() />
        <h1>{heading}</h1>
        <p>{intro}</p>
        {status}
        <p class="hint">{t.feed_refresh_hint()}</p>
        <div class="actions">
            <ActionForm action=new_link>
                <CsrfField />
                <input type="hidden" name="person" value=id />
                <button type="submit" class="button" data-testid="new-link">
                    {match (has_link, own) {
                        (true, _) => t.feed_new_link(),
                        (false, true) => t.feed_get_link(),
                        (false, false) => t.feed_get_link_other(),
                    }}
                </button>
            </ActionForm>
            {has_link
                .then(|| {
                    view! {
                        <ActionForm action=revoke>
                            <CsrfField />
                            <input type="hidden" name="person" value=id />
                            <button type="submit" class="button danger" data-testid="revoke-link">
                                {t.feed_turn_off()}
                            </button>
                        </ActionForm>
                    }
                })}
        </div>
        <FieldMessage id="new-link-error" message=new_feedback.general() />
        <h2>{t.feed_settings_heading()}</h2>
        <ActionForm action=save attr:class="stacked" attr:novalidate=true>
            <CsrfField />
            <input type="hidden" name="person" value=id />
            <div class="field checkbox">
                <input id="discreet" name="discreet" type="checkbox" checked=feed.discreet />
                <label for="discreet">{t.discreet_label()}</label>
            </div>
            <p class="hint">{t.discreet_hint()}</p>
            <div class="field">
                <label for="alarm">{t.alarm_field()}</label>
                <select id="alarm" name="alarm" aria-describedby="alarm-error">
                    {alarm_options}
                </select>
                <FieldMessage id="alarm-error" message=save_feedback.field("alarm") />
            </div>
            <button type="submit" class="button secondary">{t.save_feed_settings()}</button>
        </ActionForm>
        <p>
            <a href="/subscribe">{t.subscribe_heading()}</a>
        </p>
    }
}
