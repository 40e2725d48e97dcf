//! A change agent's training and coaching: the list, the hours, and the form that adds a record.

use chrono::NaiveDate;
use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{TrainingKind, TrainingRecord, TrainingRecordInput};

use super::today;
use crate::api::{use_api, ApiError};
use crate::i18n::{use_i18n, I18n};
use crate::ui::{format_date, DateStyle, Loading};

/// The statuses an agent may be given from `from` (the current one first).
use super::agents::{field_errors_of, hours_text, FieldErr, FieldErrors, Outcome};

fn kind_key(k: TrainingKind) -> &'static str {
    match k {
        TrainingKind::Training => "training.kind_training",
        TrainingKind::Coaching => "training.kind_coaching",
    }
}

/// The agent's training and coaching: the records (loaded when opened) and, for writers,
/// a form to add one.
#[component]
pub fn AgentTraining(
    agent: Uuid,
    name: String,
    manage: bool,
    on_done: Callback<Outcome>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let records = RwSignal::new(None::<Result<Vec<TrainingRecord>, ApiError>>);
    let loaded = StoredValue::new(false);
    let load = move || {
        loaded.set_value(true);
        leptos::task::spawn_local(async move {
            let next = api
                .training_records(agent, None)
                .await
                .map(|(l, _)| l.items);
            let _ = records.try_set(Some(next));
        });
    };
    let prefix = format!("training-{agent}");
    let title_id = format!("{prefix}-title");
    let title_ref = title_id.clone();
    view! {
        <details
            class="agent-training"
            on:toggle=move |_| {
                if !loaded.get_value() {
                    load();
                }
            }
        >
            <summary>{move || i18n.t("training.title")}</summary>
            <section aria-labelledby=title_ref>
                <h3 id=title_id class="visually-hidden">
                    {move || i18n.tf("training.title_of", &[("name", &name)])}
                </h3>
                {move || match records.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(e)) => {
                        view! {
                            <div class="notice notice-error" role="alert">
                                <p>{e.message(i18n)}</p>
                            </div>
                        }
                            .into_any()
                    }
                    Some(Ok(list)) if list.is_empty() => {
                        view! { <p class="empty">{move || i18n.t("training.empty")}</p> }.into_any()
                    }
                    Some(Ok(list)) => {
                        view! {
                            <ul class="training-list">
                                {list
                                    .into_iter()
                                    .map(|r| {
                                        let date = r.date;
                                        let kind = r.kind;
                                        let hours = r.hours;
                                        let given_by = r.given_by.clone();
                                        let note = r.note.clone();
                                        view! {
                                            <li>
                                                {move || {
                                                    i18n.tf(
                                                        "training.record",
                                                        &[
                                                            ("date", &format_date(i18n.lang(), date, DateStyle::Medium)),
                                                            ("kind", &i18n.t(kind_key(kind))),
                                                            ("hours", &hours_text(i18n.lang(), hours)),
                                                            ("given_by", &given_by),
                                                        ],
                                                    )
                                                }}
                                                {(!note.is_empty()).then(|| view! { <span class="hint">" – " {note.clone()}</span> })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }}
                {manage.then(|| view! { <TrainingForm agent prefix=prefix.clone() on_done /> })}
            </section>
        </details>
    }
}

#[component]
fn TrainingForm(agent: Uuid, prefix: String, on_done: Callback<Outcome>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let date = RwSignal::new(today());
    let kind = RwSignal::new(TrainingKind::Training);
    let hours = RwSignal::new(String::new());
    let given_by = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        failure.set(None);
        let mut bad: Vec<(String, &'static str)> = Vec::new();
        let parsed_date = NaiveDate::parse_from_str(date.get_untracked().trim(), "%Y-%m-%d");
        if parsed_date.is_err() {
            bad.push(("date".into(), "form.required"));
        }
        let h = hours.get_untracked().trim().replace(',', ".");
        let parsed_hours = h.parse::<f64>().ok().filter(|h| (0.25..=100.0).contains(h));
        if parsed_hours.is_none() {
            bad.push(("hours".into(), "training.hours_invalid"));
        }
        let who = given_by.get_untracked().trim().to_owned();
        if who.is_empty() {
            bad.push(("given_by".into(), "form.required"));
        }
        errors.set(bad.clone());
        if !bad.is_empty() {
            return;
        }
        let (Ok(d), Some(h)) = (parsed_date, parsed_hours) else {
            return;
        };
        let input = TrainingRecordInput {
            date: d,
            kind: kind.get_untracked(),
            hours: h,
            given_by: who,
            note: note
                .get_untracked()
                .split(['\r', '\n'])
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        };
        pending.set(true);
        leptos::task::spawn_local(async move {
            let result = api.add_training_record(agent, &input).await;
            let _ = pending.try_set(false);
            match result {
                Ok(_) => on_done.run(Outcome::TrainingAdded),
                Err(e) => {
                    field_errors_of(&e, errors);
                    let _ = failure.try_set(Some(e));
                }
            }
        });
    };

    let id = |f: &str| format!("{prefix}-{f}");
    let (date_id, date_err) = (id("date"), id("date-error"));
    let (hours_id, hours_err) = (id("hours"), id("hours-error"));
    let (who_id, who_err) = (id("given-by"), id("given-by-error"));
    let (note_id, note_err) = (id("note"), id("note-error"));
    let kind_name = id("kind");
    let error_id = id("error");
    let invalid = move |f: &'static str| {
        move || {
            errors
                .with(|e| e.iter().any(|(x, _)| x == f))
                .then_some("true")
        }
    };
    view! {
        <form class="training-form" on:submit=submit novalidate>
            <h4>{move || i18n.t("training.add")}</h4>
            <div class="field">
                <label for=date_id.clone()>{move || i18n.t("training.date")}</label>
                <input
                    id=date_id
                    type="date"
                    max=today()
                    aria-describedby=date_err.clone()
                    aria-invalid=invalid("date")
                    prop:value=move || date.get()
                    on:input=move |ev| date.set(event_target_value(&ev))
                />
                <FieldErr id=date_err field="date" errors />
            </div>
            <fieldset class="field net-choices">
                <legend>{move || i18n.t("training.kind")}</legend>
                {TrainingKind::ALL
                    .iter()
                    .copied()
                    .map(|k| {
                        let input_id = format!("{kind_name}-{}", k.as_str());
                        let label_for = input_id.clone();
                        view! {
                            <div class="net-choice">
                                <input
                                    type="radio"
                                    id=input_id
                                    name=kind_name.clone()
                                    value=k.as_str()
                                    prop:checked=move || kind.get() == k
                                    on:change=move |_| kind.set(k)
                                />
                                <label for=label_for>{move || i18n.t(kind_key(k))}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <div class="field">
                <label for=hours_id.clone()>{move || i18n.t("training.hours")}</label>
                <input
                    id=hours_id
                    type="text"
                    inputmode="decimal"
                    aria-describedby=hours_err.clone()
                    aria-invalid=invalid("hours")
                    prop:value=move || hours.get()
                    on:input=move |ev| hours.set(event_target_value(&ev))
                />
                <FieldErr id=hours_err field="hours" errors />
            </div>
            <div class="field">
                <label for=who_id.clone()>{move || i18n.t("training.given_by")}</label>
                <input
                    id=who_id
                    type="text"
                    maxlength="200"
                    autocomplete="off"
                    aria-describedby=who_err.clone()
                    aria-invalid=invalid("given_by")
                    prop:value=move || given_by.get()
                    on:input=move |ev| given_by.set(event_target_value(&ev))
                />
                <FieldErr id=who_err field="given_by" errors />
            </div>
            <div class="field">
                <label for=note_id.clone()>{move || i18n.t("training.note")}</label>
                <textarea
                    id=note_id
                    rows="2"
                    aria-describedby=note_err.clone()
                    aria-invalid=invalid("note")
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
                <FieldErr id=note_err field="note" errors />
            </div>
            <div id=error_id class="form-error" role="alert" tabindex="-1">
                {move || failure.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
            <button type="submit" class="primary" disabled=move || pending.get()>
                {move || if pending.get() { i18n.t("form.saving") } else { i18n.t("training.save") }}
            </button>
        </form>
    }
}

/// The hours line of an agent in the list.
pub fn training_line(i18n: I18n, hours: f64) -> String {
    i18n.tf(
        "agents.training_hours",
        &[("hours", &hours_text(i18n.lang(), hours))],
    )
}
