//! Recording a meeting: status, minutes per agenda item, attendance, decisions, publishing.
use chrono::NaiveDate;
use leptos::prelude::*;
use varig_types::{Meeting, MeetingStatus, Membership, ProblemCode};

use super::super::{agenda_title, format_when, meeting_status_key};
use super::draft::Draft;
use crate::api::use_api;
use crate::i18n::use_i18n;
use crate::ui::{
    choice, clean, focus_id, Choice, Form, FormError, RadioGroup, TextArea, TextInput,
};

#[component]
pub(super) fn MeetingForm(
    base: RwSignal<Meeting>,
    members: StoredValue<Vec<Membership>>,
    flash: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let initial = base.get_untracked();
    let series = initial.series_id;
    let date = initial.date;
    let draft = Draft::new(&initial);
    let form = Form::new("meeting");
    let conflict = RwSignal::new(false);

    let statuses: Vec<Choice> = MeetingStatus::ALL
        .iter()
        .map(|s| choice(s.as_str(), meeting_status_key(*s)))
        .collect();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.reset();
        conflict.set(false);
        let status = MeetingStatus::parse(&draft.status.get_untracked());
        if status == Some(MeetingStatus::Moved)
            && draft
                .held_on
                .get_untracked()
                .trim()
                .parse::<NaiveDate>()
                .is_err()
        {
            form.invalid("held_on", "meeting.held_on_required");
        }
        if status == Some(MeetingStatus::Cancelled)
            && clean(&draft.cancel_reason.get_untracked()).is_empty()
        {
            form.invalid("cancel_reason", "meeting.cancel_reason_required");
        }
        if !form.valid() {
            return;
        }
        let Some(record) = draft.record() else {
            return;
        };
        if !form.begin() {
            return;
        }
        let version = base.with_untracked(|b| b.version);
        let publishing = record.publish_minutes;
        leptos::task::spawn_local(async move {
            match api.record_meeting(series, date, version, &record).await {
                Ok(saved) => {
                    form.done();
                    draft.publish.set(false);
                    base.set(saved);
                    flash.set(Some(if publishing {
                        "meeting.flash_published"
                    } else {
                        "meeting.flash_saved"
                    }));
                    focus_id("meeting-flash".to_owned());
                }
                Err(e) if e.code() == Some(ProblemCode::PreconditionFailed) => {
                    // Someone else saved first: load theirs, keep what this user changed.
                    form.done();
                    match api.meeting(series, date, None).await {
                        Ok((theirs, _)) => {
                            let mine = base.get_untracked();
                            draft.merge(&mine, &theirs);
                            base.set(theirs);
                            conflict.set(true);
                            focus_id("meeting-conflict".to_owned());
                        }
                        Err(e) => form.fail(e),
                    }
                }
                Err(e) => form.fail(e),
            }
        });
    };

    let numbered_decisions = move || -> Vec<(usize, (u32, RwSignal<String>))> {
        draft.decisions.get().into_iter().enumerate().collect()
    };
    let decision_key = |entry: &(usize, (u32, RwSignal<String>))| (entry.0, entry.1 .0);
    let add_decision = move |_| {
        let id = draft.add_decision();
        focus_id(id);
    };

    view! {
        <form class="plan-form meeting-form" on:submit=on_submit novalidate=true>
            <div id="meeting-conflict" class="notice notice-error" role="alert" tabindex="-1" hidden=move || !conflict.get()>
                <p>{move || i18n.t("meeting.conflict")}</p>
            </div>
            <FormError form />
            <section class="card" aria-labelledby="status-title">
                <h2 id="status-title">{move || i18n.t("meeting.status")}</h2>
                <RadioGroup form field="status" legend="meeting.status_legend" choices=statuses value=draft.status class="stacked" />
                <Show when=move || draft.status.get() == MeetingStatus::Moved.as_str()>
                    <TextInput form field="held_on" label="meeting.held_on_label" value=draft.held_on kind="date" required=true />
                </Show>
                <Show when=move || draft.status.get() == MeetingStatus::Cancelled.as_str()>
                    <TextArea form field="cancel_reason" label="meeting.cancel_reason_label" value=draft.cancel_reason required=true />
                </Show>
            </section>

            <section class="card" aria-labelledby="agenda-title">
                <h2 id="agenda-title">{move || i18n.t("meeting.agenda")}</h2>
                <p class="hint">{move || i18n.t("meeting.agenda_hint")}</p>
                {draft
                    .agenda
                    .get_value()
                    .into_iter()
                    .map(|a| {
                        let id = format!("agenda-{}", a.index);
                        let label_for = id.clone();
                        let key = a.key.get_value();
                        let title = a.title.get_value();
                        view! {
                            <div class="field">
                                <label for=label_for>{move || agenda_title(i18n, key.as_deref(), &title)}</label>
                                <textarea
                                    id=id
                                    rows="4"
                                    maxlength="5000"
                                    prop:value=move || a.minutes.get()
                                    on:input=move |ev| a.minutes.set(event_target_value(&ev))
                                ></textarea>
                            </div>
                        }
                    })
                    .collect_view()}
            </section>

            <fieldset class="card attendance">
                <legend>{move || i18n.t("meeting.attendance")}</legend>
                {members
                    .get_value()
                    .into_iter()
                    .map(|m| {
                        let user = m.user_id;
                        let role = m.role;
                        let id = format!("present-{user}");
                        let label_for = id.clone();
                        view! {
                            <div class="checkbox">
                                <input
                                    type="checkbox"
                                    id=id
                                    prop:checked=move || draft.attendance.with(|a| a.contains(&user))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        draft.attendance.update(|a| {
                                            a.retain(|u| *u != user);
                                            if on {
                                                a.push(user);
                                            }
                                        });
                                    }
                                />
                                <label for=label_for>{m.user_name.clone()} " (" {move || i18n.role(role)} ")"</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>

            <section class="card" aria-labelledby="decisions-title">
                <h2 id="decisions-title">{move || i18n.t("meeting.decisions")}</h2>
                <Show when=move || draft.decisions.with(Vec::is_empty)>
                    <p class="empty">{move || i18n.t("meeting.decisions_empty")}</p>
                </Show>
                <ol class="decision-list">
                    <For
                        each=numbered_decisions
                        key=decision_key
                        let:entry
                    >
                        {
                            let (n, (id, text)) = entry;
                            let field = format!("decision-{id}");
                            let label_for = field.clone();
                            let number = (n + 1).to_string();
                            let number2 = number.clone();
                            view! {
                                <li class="field decision">
                                    <label for=label_for>{move || i18n.tf("meeting.decision_n", &[("n", &number)])}</label>
                                    <textarea
                                        id=field
                                        rows="2"
                                        maxlength="5000"
                                        prop:value=move || text.get()
                                        on:input=move |ev| text.set(event_target_value(&ev))
                                    ></textarea>
                                    <button
                                        type="button"
                                        class="link-button danger-link"
                                        on:click=move |_| {
                                            draft.decisions.update(|d| d.retain(|(i, _)| *i != id));
                                            focus_id("add-decision".to_owned());
                                        }
                                    >
                                        {move || i18n.tf("meeting.remove_decision", &[("n", &number2)])}
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ol>
                <button type="button" id="add-decision" class="add-button" on:click=add_decision>
                    {move || i18n.t("meeting.add_decision")}
                </button>
            </section>

            <section class="card" aria-labelledby="save-title">
                <h2 id="save-title" class="visually-hidden">{move || i18n.t("meeting.save")}</h2>
                {move || {
                    base.with(|b| b.minutes_published_at.map(|t| t.to_rfc3339()))
                        .map(|p| {
                            view! {
                                <p class="notice notice-ok">
                                    {move || i18n.tf("meeting.published_at", &[("when", &format_when(i18n, &p))])}
                                </p>
                            }
                        })
                }}
                <Show when=move || base.with(|b| b.minutes_published_at.is_none())>
                    <div class="checkbox">
                        <input
                            type="checkbox"
                            id="meeting-publish"
                            prop:checked=move || draft.publish.get()
                            on:change=move |ev| draft.publish.set(event_target_checked(&ev))
                        />
                        <label for="meeting-publish">{move || i18n.t("meeting.publish")}</label>
                    </div>
                </Show>
                <div class="button-row">
                    <button type="submit" class="primary" aria-disabled=move || form.pending.get().then_some("true")>
                        {move || i18n.t(if form.pending.get() { "form.saving" } else { "meeting.save" })}
                    </button>
                </div>
            </section>
        </form>
    }
}
