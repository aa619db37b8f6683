//! The event editor's parts: one component per fieldset, and the state
//! they share.

use chrono::{Datelike, NaiveDate};
use leptos::ev::Event;
use leptos::prelude::*;

use crate::components::form::{FieldMessage, FormFeedback, TextField, focus_if_invalid, invalid};
use crate::domain::event::{Audience, EventForm, EventKind, Fellowship, MEETING_TYPES, TITLE_MAX};
use crate::domain::recurrence::{RepeatChoice, nth_weekday_of, weekday_code};
use crate::i18n::{Tr, use_i18n};
use crate::page_context::use_page_context;

/// Labels for the repeat choices; with a start date they say which day.
fn repeat_label(t: Tr, choice: RepeatChoice, start: Option<NaiveDate>) -> String {
    let Some(date) = start else {
        return t.repeat_choice(choice).to_owned();
    };
    let (nth, _) = nth_weekday_of(date);
    let weekday = t.weekday(date.weekday());
    let month = t.month(date.month());
    match choice {
        RepeatChoice::Never => t.repeat_choice(choice).to_owned(),
        RepeatChoice::Weekly => t.repeat_label_weekly(t.repeat_choice(choice), weekday),
        RepeatChoice::MonthlyOnDay => t.repeat_label_monthly_day(date.day()),
        RepeatChoice::MonthlyOnNthWeekday => t.repeat_label_monthly_nth(t.ordinal(nth), weekday),
        RepeatChoice::MonthlyOnLastWeekday => t.repeat_label_monthly_last(weekday),
        RepeatChoice::YearlyOnDay => t.repeat_label_yearly_day(month, date.day()),
        RepeatChoice::YearlyOnNthWeekday => {
            t.repeat_label_yearly_nth(t.ordinal(nth), weekday, month)
        }
        RepeatChoice::YearlyOnLastWeekday => t.repeat_label_yearly_last(weekday, month),
    }
}

/// What every part of the editor works with.
#[derive(Clone, Copy)]
pub(super) struct Editor {
    /// The values first shown: a refused post's (without JavaScript), field
    /// by field, over the stored event's.
    pub start: StoredValue<EventForm>,
    /// The values as they are now.
    pub form: RwSignal<EventForm>,
    pub feedback: FormFeedback,
}

impl Editor {
    /// The values first shown.
    pub fn start(self) -> EventForm {
        self.start.get_value()
    }

    /// The message at field `name`.
    pub fn field(self, name: &'static str) -> Signal<Option<String>> {
        self.feedback.field(name)
    }

    /// A handler writing a control's value into the form.
    pub fn set(self, apply: fn(&mut EventForm, String)) -> impl Fn(Event) + Copy {
        move |ev| {
            let value = event_target_value(&ev);
            self.form.update(|f| apply(f, value));
        }
    }

    /// The same for a [`TextField`].
    pub fn typed(self, apply: fn(&mut EventForm, String)) -> Callback<String> {
        let form = self.form;
        Callback::new(move |value| form.update(|f| apply(f, value)))
    }
}

/// Editing one date of a series: that date only, or it and the ones after.
#[component]
pub(super) fn ScopeFieldset(initial: String, scope: RwSignal<String>) -> impl IntoView {
    let t = use_i18n();
    view! {
        <fieldset class="scope">
            <legend>{t.apply_to()}</legend>
            <div class="field checkbox">
                <input
                    type="radio"
                    id="scope-this"
                    name="scope"
                    value="this"
                    checked=initial == "this"
                    on:change=move |_| scope.set("this".to_owned())
                />
                <label for="scope-this">{t.scope_this()}</label>
            </div>
            <div class="field checkbox">
                <input
                    type="radio"
                    id="scope-following"
                    name="scope"
                    value="following"
                    checked=initial == "following"
                    on:change=move |_| scope.set("following".to_owned())
                />
                <label for="scope-following">{t.scope_following()}</label>
            </div>
            <p class="hint">{t.scope_hint()}</p>
        </fieldset>
    }
}

/// The kind of event and its title.
#[component]
pub(super) fn KindAndTitle(editor: Editor) -> impl IntoView {
    let t = use_i18n();
    let start = editor.start();
    let form = editor.form;
    let title_left =
        move || t.characters_left(TITLE_MAX.saturating_sub(form.with(|f| f.title.chars().count())));
    view! {
        <div class="field">
            <label for="kind">{t.field_kind()}</label>
            <select
                id="kind"
                name="kind"
                on:change=editor.set(|f, v| f.kind = v)
                aria-describedby="kind-error"
                aria-invalid=invalid(editor.field("kind")) autofocus=focus_if_invalid(editor.field("kind"))
            >
                {EventKind::ALL
                    .into_iter()
                    .map(|k| {
                        view! {
                            <option value=k.as_str() selected=start.kind == k.as_str()>
                                {t.kind(k)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <FieldMessage id="kind-error" message=editor.field("kind") />
        </div>
        <TextField
            id="title"
            label=t.field_title()
            required=true
            value=start.title.clone()
            on_input=editor.typed(|f, v| f.title = v)
            hint_id="title-count"
            hint_test_id="title-count"
            count_max=TITLE_MAX
            hint=move || title_left
            error_id="title-error"
            message=editor.field("title")
        />
    }
}

/// When: all day or from a time to a time, in the facility's zone.
#[component]
pub(super) fn WhenFieldset(editor: Editor) -> impl IntoView {
    let t = use_i18n();
    let page = use_page_context();
    let start = editor.start();
    let form = editor.form;
    view! {
        <fieldset class="when">
            <legend>{t.when_label()}</legend>
            <p class="hint">{format!("{} {}.", t.times_are_in(), page.facility_timezone)}</p>
            <div class="field checkbox">
                <input
                    id="all_day"
                    name="all_day"
                    type="checkbox"
                    checked=start.is_all_day()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        form.update(|f| f.all_day = on.then(|| "on".to_owned()));
                    }
                />
                <label for="all_day">{t.field_all_day()}</label>
            </div>
            <div class="field-row">
                <TextField
                    id="start_date"
                    label=view! { {t.field_starts()} " – " {t.field_date()} }
                    kind="date"
                    required=true
                    value=start.start_date.clone()
                    on_input=editor.typed(|f, v| f.start_date = v)
                    error_id="start-error"
                    message=editor.field("start")
                    shared_message=true
                />
                <TextField
                    id="start_time"
                    class="field time-field"
                    label=view! { {t.field_starts()} " – " {t.field_time()} }
                    kind="time"
                    value=start.start_time.clone()
                    on_input=editor.typed(|f, v| f.start_time = v)
                    error_id="start-error"
                />
            </div>
            <FieldMessage id="start-error" message=editor.field("start") />
            <div class="field-row">
                <TextField
                    id="end_date"
                    label=view! { {t.field_ends()} " – " {t.field_date()} }
                    kind="date"
                    value=start.end_date.clone()
                    on_input=editor.typed(|f, v| f.end_date = v)
                    hint_id="end-hint"
                    error_id="end-error"
                    message=editor.field("end")
                    shared_message=true
                />
                <TextField
                    id="end_time"
                    class="field time-field"
                    label=view! { {t.field_ends()} " – " {t.field_time()} }
                    kind="time"
                    value=start.end_time.clone()
                    on_input=editor.typed(|f, v| f.end_time = v)
                    error_id="end-error"
                />
            </div>
            <p class="hint" id="end-hint">
                {t.end_date_hint()}
            </p>
            <FieldMessage id="end-error" message=editor.field("end") />
        </fieldset>
    }
}

/// Whether and how the event repeats, and until when.
#[component]
pub(super) fn RepeatFieldset(editor: Editor) -> impl IntoView {
    let t = use_i18n();
    let start = editor.start();
    let form = editor.form;
    let field = move |name| editor.field(name);
    let start_date =
        move || form.with(|f| NaiveDate::parse_from_str(&f.start_date, "%Y-%m-%d").ok());
    view! {
        <fieldset class="repeat series-only">
            <legend>{t.repeat_label()}</legend>
            <div class="field">
                <label for="repeat">{t.repeat_how()}</label>
                <select
                    id="repeat"
                    name="repeat"
                    on:change=editor.set(|f, v| f.repeat = v)
                    aria-describedby="repeat-error"
                    aria-invalid=invalid(field("repeat")) autofocus=focus_if_invalid(field("repeat"))
                >
                    {RepeatChoice::ALL
                        .into_iter()
                        .map(|choice| {
                            let selected = RepeatChoice::parse(&start.repeat)
                                .unwrap_or(RepeatChoice::Never) == choice;
                            view! {
                                <option value=choice.as_str() selected=selected>
                                    {move || repeat_label(t, choice, start_date())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldMessage id="repeat-error" message=field("repeat") />
            </div>
            <div class="repeat-details">
                <TextField
                    id="interval"
                    class="field interval"
                    label=t.repeat_every()
                    kind="number"
                    min="1"
                    max="99"
                    inputmode="numeric"
                    value=if start.interval.is_empty() { "1".to_owned() } else { start.interval.clone() }
                    on_input=editor.typed(|f, v| f.interval = v)
                    hint_id="interval-hint"
                    hint=move || t.repeat_every_hint()
                    error_id="interval-error"
                    message=field("interval")
                />
                <fieldset class="weekdays weekly-only">
                    <legend>{t.repeat_on_days()}</legend>
                    {t.week()
                        .into_iter()
                        .map(|day| {
                            let code = weekday_code(day);
                            let id = format!("day-{code}");
                            let checked = start.repeat_days.iter().any(|d| d == code);
                            view! {
                                <span class="day-choice">
                                    <input
                                        type="checkbox"
                                        id=id.clone()
                                        name="repeat_days[]"
                                        value=code
                                        checked=checked
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            form.update(|f| {
                                                f.repeat_days.retain(|d| d != code);
                                                if on {
                                                    f.repeat_days.push(code.to_owned());
                                                }
                                            });
                                        }
                                    />
                                    <label for=id>{t.weekday_short(day)}</label>
                                </span>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <fieldset class="ends">
                    <legend>{t.repeat_ends()}</legend>
                    <div class="field checkbox">
                        <input
                            type="radio"
                            id="ends-never"
                            name="ends"
                            value="never"
                            checked=matches!(start.ends.as_str(), "" | "never")
                            on:change=move |_| form.update(|f| f.ends = "never".to_owned())
                        />
                        <label for="ends-never">{t.ends_never()}</label>
                    </div>
                    <div class="field checkbox">
                        <input
                            type="radio"
                            id="ends-until"
                            name="ends"
                            value="until"
                            checked=start.ends == "until"
                            on:change=move |_| form.update(|f| f.ends = "until".to_owned())
                        />
                        <label for="ends-until">{t.ends_on()}</label>
                        <input
                            id="until_date"
                            name="until_date"
                            type="date"
                            aria-label=t.ends_on_date()
                            value=start.until_date.clone()
                            on:input=editor.set(|f, v| f.until_date = v)
                            aria-describedby="until-error"
                            aria-invalid=invalid(field("until_date")) autofocus=focus_if_invalid(field("until_date"))
                        />
                    </div>
                    <FieldMessage id="until-error" message=field("until_date") />
                    <div class="field checkbox">
                        <input
                            type="radio"
                            id="ends-count"
                            name="ends"
                            value="count"
                            checked=start.ends == "count"
                            on:change=move |_| form.update(|f| f.ends = "count".to_owned())
                        />
                        <label for="ends-count">{t.ends_after()}</label>
                        <input
                            id="count"
                            name="count"
                            type="number"
                            min="1"
                            inputmode="numeric"
                            aria-label=t.ends_after_count()
                            value=start.count.clone()
                            on:input=editor.set(|f, v| f.count = v)
                            aria-describedby="count-error"
                            aria-invalid=invalid(field("count")) autofocus=focus_if_invalid(field("count"))
                        />
                        <span>{t.times()}</span>
                    </div>
                    <FieldMessage id="count-error" message=field("count") />
                </fieldset>
            </div>
        </fieldset>
    }
}

/// Where: on site or off, and the room or address.
#[component]
pub(super) fn WhereFieldset(editor: Editor) -> impl IntoView {
    let t = use_i18n();
    let start = editor.start();
    let form = editor.form;
    view! {
        <fieldset class="where">
            <legend>{t.where_label()}</legend>
            <div class="field-row">
                <div class="field checkbox">
                    <input
                        type="radio"
                        id="venue-on"
                        name="venue"
                        value="on_site"
                        checked=start.venue != "off_site"
                        on:change=move |_| form.update(|f| f.venue = "on_site".to_owned())
                    />
                    <label for="venue-on">{t.on_site()}</label>
                </div>
                <div class="field checkbox">
                    <input
                        type="radio"
                        id="venue-off"
                        name="venue"
                        value="off_site"
                        checked=start.venue == "off_site"
                        on:change=move |_| form.update(|f| f.venue = "off_site".to_owned())
                    />
                    <label for="venue-off">{t.off_site()}</label>
                </div>
            </div>
            <TextField
                id="location"
                label=t.field_location()
                value=start.location.clone()
                on_input=editor.typed(|f, v| f.location = v)
                hint_id="location-hint"
                hint=move || t.location_hint()
                error_id="location-error"
                message=editor.field("location")
            />
        </fieldset>
    }
}

/// A 12-step meeting's fellowship and meeting types.
#[component]
pub(super) fn TwelveStepFieldset(editor: Editor) -> impl IntoView {
    let t = use_i18n();
    let start = editor.start();
    let form = editor.form;
    view! {
        <fieldset class="twelve-step series-only">
            <legend>{t.twelve_step_details()}</legend>
            <div class="field">
                <label for="fellowship">{t.fellowship()}</label>
                <select
                    id="fellowship"
                    name="fellowship"
                    on:change=editor.set(|f, v| f.fellowship = v)
                    aria-describedby="fellowship-error"
                    aria-invalid=invalid(editor.field("fellowship")) autofocus=focus_if_invalid(editor.field("fellowship"))
                >
                    <option value="">{t.choose()}</option>
                    {Fellowship::ALL
                        .into_iter()
                        .map(|f| {
                            view! {
                                <option value=f.as_str() selected=start.fellowship == f.as_str()>
                                    {t.fellowship_of(f)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldMessage id="fellowship-error" message=editor.field("fellowship") />
            </div>
            <fieldset class="meeting-types">
                <legend>{t.meeting_types()}</legend>
                {MEETING_TYPES
                    .iter()
                    .map(|code| {
                        let code: &'static str = code;
                        let name = t.meeting_type(code);
                        let id = format!("type-{code}");
                        let checked = start.meeting_types.iter().any(|c| c == code);
                        view! {
                            <span class="type-choice">
                                <input
                                    type="checkbox"
                                    id=id.clone()
                                    name="meeting_types[]"
                                    value=code
                                    checked=checked
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        form.update(|f| {
                                            f.meeting_types.retain(|c| c != code);
                                            if on {
                                                f.meeting_types.push(code.to_owned());
                                            }
                                        });
                                    }
                                />
                                <label for=id>
                                    <abbr>{code}</abbr>
                                    " "
                                    {name}
                                </label>
                            </span>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </fieldset>
    }
}

/// Who: the audience, the host, and how many may come.
#[component]
pub(super) fn WhoFieldset(editor: Editor, hosts: Vec<(i64, String)>) -> impl IntoView {
    let t = use_i18n();
    let start = editor.start();
    view! {
        <fieldset class="who series-only">
            <legend>{t.who_label()}</legend>
            <div class="field-row">
                <div class="field">
                    <label for="audience">{t.audience()}</label>
                    <select id="audience" name="audience" on:change=editor.set(|f, v| f.audience = v)>
                        {Audience::ALL
                            .into_iter()
                            .map(|a| {
                                let selected = start.audience == a.as_str()
                                    || (start.audience.is_empty() && a == Audience::Everyone);
                                view! {
                                    <option value=a.as_str() selected=selected>
                                        {t.audience_label(a)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="host_id">{t.host()}</label>
                    <select
                        id="host_id"
                        name="host_id"
                        on:change=editor.set(|f, v| f.host_id = v)
                        aria-describedby="host-error"
                        aria-invalid=invalid(editor.field("host_id")) autofocus=focus_if_invalid(editor.field("host_id"))
                    >
                        <option value="">{t.no_host()}</option>
                        {hosts
                            .into_iter()
                            .map(|(id, name)| {
                                view! {
                                    <option value=id selected=start.host_id == id.to_string()>
                                        {name}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <FieldMessage id="host-error" message=editor.field("host_id") />
                </div>
            </div>
            <div class="field-row">
                <TextField
                    id="capacity"
                    label=t.capacity()
                    kind="number"
                    min="1"
                    inputmode="numeric"
                    value=start.capacity.clone()
                    on_input=editor.typed(|f, v| f.capacity = v)
                    hint_id="capacity-hint"
                    hint=move || t.capacity_hint()
                    error_id="capacity-error"
                    message=editor.field("capacity")
                />
                <TextField
                    id="rsvp_closes_hours"
                    label=t.rsvp_closes()
                    kind="number"
                    min="0"
                    inputmode="numeric"
                    value=start.rsvp_closes_hours.clone()
                    on_input=editor.typed(|f, v| f.rsvp_closes_hours = v)
                    hint_id="rsvp-hint"
                    hint=move || t.rsvp_closes_hint()
                    error_id="rsvp-error"
                    message=editor.field("rsvp_closes_hours")
                />
            </div>
            <div class="field-row">
                <TextField
                    id="max_guests"
                    label=t.max_guests()
                    kind="number"
                    min="0"
                    max="20"
                    inputmode="numeric"
                    value=start.max_guests.clone()
                    on_input=editor.typed(|f, v| f.max_guests = v)
                    hint_id="max-guests-hint"
                    hint=move || t.max_guests_hint()
                    error_id="max-guests-error"
                    message=editor.field("max_guests")
                />
            </div>
            <div class="field checkbox">
                <input
                    id="show_names"
                    name="show_names"
                    type="checkbox"
                    checked=start.show_names.is_some()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        editor.form.update(|f| f.show_names = on.then(|| "on".to_owned()));
                    }
                    aria-describedby="show-names-hint show-names-error"
                    aria-invalid=invalid(editor.field("show_names")) autofocus=focus_if_invalid(editor.field("show_names"))
                />
                <label for="show_names">{t.show_names()}</label>
            </div>
            <p class="hint" id="show-names-hint">{t.show_names_hint()}</p>
            <FieldMessage id="show-names-error" message=editor.field("show_names") />
        </fieldset>
    }
}
