use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::settings::{SaveFeedSettings, SaveSettings, get_settings};
use crate::api::signups::{SaveAlcoholRefusal, get_alcohol_refusal};
use crate::components::form::{
    CsrfField, FieldMessage, FormFeedback, focus_if_invalid, follow_done, invalid,
};
use crate::components::page_error::PageError;
use crate::domain::calendar::FirstDay;
use crate::i18n::{Clock, Lang, Tr, use_i18n};

/// The facility's settings, for admins.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let t = use_i18n();
    let settings = Resource::new(|| (), |_| get_settings());
    view! {
        <Title text=t.settings_heading() />
        <h1>{t.settings_heading()}</h1>
        <Suspense>
            {Suspend::new(async move {
                match settings.await {
                    Ok(settings) => {
                        view! {
                            <SettingsForm settings />
                            <AlcoholRefusalForm />
                            <crate::pages::access::KioskTablets />
                            <crate::pages::access::ApiTokens />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SettingsForm(settings: crate::api::settings::Settings) -> impl IntoView {
    let t = use_i18n();
    let action = ServerAction::<SaveSettings>::new();
    let feeds = ServerAction::<SaveFeedSettings>::new();
    follow_done(feeds.value());
    follow_done(action.value());
    let feedback = FormFeedback::new(action.value(), SaveSettings::url());
    let name_error = feedback.field("name");
    let zone_error = feedback.field("timezone");
    let retention_error = feedback.field("retention_days");
    let idle_error = feedback.field("kiosk_idle_seconds");
    let lang_error = feedback.field("default_lang");
    let clock_error = feedback.field("clock");
    let first_day_error = feedback.field("first_day");
    let clock_chosen = feedback.initial("clock", settings.clock.as_str().to_owned());
    let first_day_chosen = feedback.initial("first_day", settings.first_day.as_str().to_owned());
    // "7:00 PM" and "19:00" in the reader's language, to show the choice.
    let seven_pm = chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
        .and_then(|d| d.and_hms_opt(19, 0, 0))
        .unwrap_or_default();
    view! {
        <ActionForm action attr:class="stacked" attr:novalidate=true>
            <CsrfField />
            <div class="field">
                <label for="name">{t.facility_name()}</label>
                <input
                    id="name"
                    name="name"
                    type="text"
                    value=feedback.initial("name", settings.name.clone())
                    aria-describedby="name-error"
                    aria-invalid=invalid(name_error) autofocus=focus_if_invalid(name_error)
                />
                <FieldMessage id="name-error" message=name_error />
            </div>
            <div class="field">
                <label for="timezone">{t.facility_timezone()}</label>
                <input
                    id="timezone"
                    name="timezone"
                    type="text"
                    value=feedback.initial("timezone", settings.timezone.clone())
                    aria-describedby="timezone-error"
                    aria-invalid=invalid(zone_error) autofocus=focus_if_invalid(zone_error)
                />
                <FieldMessage id="timezone-error" message=zone_error />
            </div>
            <div class="field checkbox">
                <input id="public_board" name="public_board" type="checkbox" checked=settings.public_board />
                <label for="public_board">{t.public_board()}</label>
            </div>
            <p class="hint">{t.public_board_hint()} " " <a href="/today">"/today"</a></p>

            <div class="field">
                <label for="retention_days">{t.retention_days()}</label>
                <input
                    id="retention_days"
                    name="retention_days"
                    type="number"
                    min="0"
                    inputmode="numeric"
                    value=feedback.initial("retention_days", settings.retention_days.to_string())
                    aria-describedby="retention-hint retention-error"
                    aria-invalid=invalid(retention_error) autofocus=focus_if_invalid(retention_error)
                />
                <p class="hint" id="retention-hint">{t.retention_hint()}</p>
                <FieldMessage id="retention-error" message=retention_error />
            </div>
            <div class="field">
                <label for="kiosk_idle_seconds">{t.kiosk_idle_seconds()}</label>
                <input
                    id="kiosk_idle_seconds"
                    name="kiosk_idle_seconds"
                    type="number"
                    min="10"
                    inputmode="numeric"
                    value=feedback.initial("kiosk_idle_seconds", settings.kiosk_idle_seconds.to_string())
                    aria-describedby="idle-error"
                    aria-invalid=invalid(idle_error) autofocus=focus_if_invalid(idle_error)
                />
                <FieldMessage id="idle-error" message=idle_error />
            </div>
            <div class="field">
                <label for="default_lang">{t.facility_language()}</label>
                <select
                    id="default_lang"
                    name="default_lang"
                    aria-describedby="default-lang-hint default-lang-error"
                    aria-invalid=invalid(lang_error) autofocus=focus_if_invalid(lang_error)
                >
                    {Lang::ALL
                        .into_iter()
                        .map(|lang| {
                            let chosen = feedback.initial("default_lang", settings.default_lang.code().to_owned());
                            view! {
                                <option value=lang.code() lang=lang.code() selected=chosen == lang.code()>
                                    {Tr::new(lang).language_name()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p class="hint" id="default-lang-hint">{t.facility_language_hint()}</p>
                <FieldMessage id="default-lang-error" message=lang_error />
            </div>
            <div class="field">
                <label for="clock">{t.clock_label()}</label>
                <select
                    id="clock"
                    name="clock"
                    aria-describedby="calendar-style-hint clock-error"
                    aria-invalid=invalid(clock_error) autofocus=focus_if_invalid(clock_error)
                >
                    {Clock::ALL
                        .into_iter()
                        .map(|clock| {
                            let example = Tr { clock, ..t }.time(seven_pm);
                            let label = match clock {
                                Clock::H12 => t.clock_12h(example),
                                Clock::H24 => t.clock_24h(example),
                            };
                            view! {
                                <option value=clock.as_str() selected=clock_chosen == clock.as_str()>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldMessage id="clock-error" message=clock_error />
            </div>
            <div class="field">
                <label for="first_day">{t.first_day_label()}</label>
                <select
                    id="first_day"
                    name="first_day"
                    aria-describedby="calendar-style-hint first-day-error"
                    aria-invalid=invalid(first_day_error) autofocus=focus_if_invalid(first_day_error)
                >
                    {FirstDay::ALL
                        .into_iter()
                        .map(|day| {
                            view! {
                                <option value=day.as_str() selected=first_day_chosen == day.as_str()>
                                    {t.weekday(day.weekday())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p class="hint" id="calendar-style-hint">{t.calendar_style_hint()}</p>
                <FieldMessage id="first-day-error" message=first_day_error />
            </div>
            <button type="submit" class="button">{t.save_settings()}</button>
        </ActionForm>
        <h2>{t.feeds_settings_heading()}</h2>
        <ActionForm action=feeds attr:class="stacked" attr:novalidate=true>
            <CsrfField />
            <div class="field checkbox">
                <input id="public_feeds" name="public_feeds" type="checkbox" checked=settings.public_feeds />
                <label for="public_feeds">{t.public_feeds_label()}</label>
            </div>
            <div class="field checkbox">
                <input
                    id="public_feeds_twelve_step"
                    name="public_feeds_twelve_step"
                    type="checkbox"
                    checked=settings.public_feeds_twelve_step
                />
                <label for="public_feeds_twelve_step">{t.public_feeds_twelve_step_label()}</label>
            </div>
            <p class="hint">{t.public_feeds_hint()} " " <a href="/subscribe">"/subscribe"</a></p>
            <button type="submit" class="button">{t.save_feed_settings()}</button>
        </ActionForm>
    }
}

/// The facility's kind refusal of potluck dishes made with alcohol.
#[component]
fn AlcoholRefusalForm() -> impl IntoView {
    let t = use_i18n();
    let wording = Resource::new(|| (), |_| get_alcohol_refusal());
    let action = ServerAction::<SaveAlcoholRefusal>::new();
    follow_done(action.value());
    let feedback = FormFeedback::new(action.value(), SaveAlcoholRefusal::url());
    let error = feedback.field("alcohol_refusal");
    view! {
        <h2>{t.signup_alcohol_heading()}</h2>
        <Suspense>
            {Suspend::new(async move {
                wording
                    .await
                    .ok()
                    .map(|current| {
                        view! {
                            <ActionForm action attr:class="stacked" attr:novalidate=true>
                                <CsrfField />
                                <div class="field">
                                    <label for="alcohol_refusal">{t.signup_alcohol_label()}</label>
                                    <textarea
                                        id="alcohol_refusal"
                                        name="alcohol_refusal"
                                        rows="3"
                                        maxlength="500"
                                        aria-describedby="alcohol-hint alcohol-error"
                                        aria-invalid=invalid(error) autofocus=focus_if_invalid(error)
                                    >
                                        {feedback.initial("alcohol_refusal", t.render(&current))}
                                    </textarea>
                                    <p class="hint" id="alcohol-hint">{t.signup_alcohol_hint()}</p>
                                    <FieldMessage id="alcohol-error" message=error />
                                </div>
                                <button type="submit" class="button">{t.signup_alcohol_save()}</button>
                            </ActionForm>
                        }
                    })
            })}
        </Suspense>
    }
}
