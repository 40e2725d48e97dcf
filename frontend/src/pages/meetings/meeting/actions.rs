//! The actions of a meeting: a list with "done", one action's row, and the form for a new one.
use chrono::NaiveDate;
use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{ActionStatus, MeetingAction, MeetingActionInput, Membership, ProblemCode};

use super::super::done_input;
use crate::api::{use_api, ApiError};
use crate::i18n::use_i18n;
use crate::ui::{
    clean_line, focus_id, format_date, person, DateStyle, Form, FormError, MemberSelect, TextInput,
};

/// A list of actions; "done" for writers and for the person responsible.
#[component]
pub(super) fn ActionList(
    list: RwSignal<Vec<MeetingAction>>,
    me: Option<Uuid>,
    may_write: bool,
    flash: RwSignal<Option<&'static str>>,
    empty: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || list.with(Vec::is_empty)>
            <p class="empty">{move || i18n.t(empty)}</p>
        </Show>
        <ul class="plan-list action-list">
            <For each=move || list.get() key=|a| (a.id, a.version) let:a>
                <ActionRow
                    a=a.clone()
                    may_mark=may_write || (me.is_some() && a.responsible_id == me)
                    on_done=Callback::new(move |done: MeetingAction| {
                        list.update(|l| {
                            if let Some(x) = l.iter_mut().find(|x| x.id == done.id) {
                                *x = done;
                            }
                        });
                        flash.set(Some("actions.flash_done"));
                        focus_id("meeting-flash".to_owned());
                    })
                />
            </For>
        </ul>
    }
}

/// One action: title, responsible, due date, overdue badge, and "done".
#[component]
pub fn ActionRow(
    a: MeetingAction,
    may_mark: bool,
    on_done: Callback<MeetingAction>,
    #[prop(optional)] project_name: Option<String>,
    #[prop(optional)] href: Option<String>,
    /// The title is a second-level heading (on a page without sections).
    #[prop(optional)]
    top_level: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = a.id;
    let done = a.status == ActionStatus::Done;
    let overdue = a.overdue && !done;
    let due = a.due_date;
    let responsible = a.responsible_name.clone();
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let error_id = format!("action-{id}-error");
    let focus_error = error_id.clone();
    let action = StoredValue::new(a.clone());
    let title = a.title.clone();
    let mark = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        failure.set(None);
        let a = action.get_value();
        let focus_error = focus_error.clone();
        leptos::task::spawn_local(async move {
            let result = api
                .update_meeting_action(a.id, a.version, &done_input(&a))
                .await;
            let _ = pending.try_set(false);
            match result {
                Ok(updated) => on_done.run(updated),
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                    focus_id(focus_error);
                }
            }
        });
    };
    view! {
        <li class=if overdue { "plan-item action overdue" } else { "plan-item action" }>
            {if top_level {
                view! { <h2 id=format!("action-{id}")>{a.title.clone()}</h2> }.into_any()
            } else {
                view! { <h3 id=format!("action-{id}")>{a.title.clone()}</h3> }.into_any()
            }}
            <p class="item-meta">
                {overdue.then(|| view! { <span class="badge badge-overdue">{move || i18n.t("actions.overdue")}</span> })}
                {done.then(|| view! { <span class="status-badge status-done">{move || i18n.t("actions.done")}</span> })}
            </p>
            {project_name.map(|p| view! { <p class="action-project">{move || i18n.tf("actions.project", &[("project", &p)])}</p> })}
            <p class="responsible">
                {move || i18n.tf("actions.responsible", &[("name", &person(i18n, responsible.as_deref()))])}
            </p>
            <p class="due">
                {move || match due {
                    Some(d) => i18n.tf("actions.due", &[("date", &format_date(i18n.lang(), d, DateStyle::Medium))]),
                    None => i18n.t("actions.no_due"),
                }}
            </p>
            {href.map(|h| view! { <p class="link-line"><a href=h>{move || i18n.t("actions.open_meeting")}</a></p> })}
            {(may_mark && !done)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            aria-label=move || format!("{}: {title}", i18n.t("actions.mark_done"))
                            aria-disabled=move || pending.get().then_some("true")
                            on:click=mark
                        >
                            {move || i18n.t("actions.mark_done")}
                        </button>
                    }
                })}
            <div id=error_id class="form-error" role="alert" tabindex="-1">
                {move || {
                    failure
                        .get()
                        .map(|e| {
                            let text = if e.code() == Some(ProblemCode::PreconditionFailed) {
                                i18n.t("actions.conflict")
                            } else {
                                e.message(i18n)
                            };
                            view! { <p>{text}</p> }
                        })
                }}
            </div>
        </li>
    }
}

/// The form for a new action at this meeting (writers only).
#[component]
pub(super) fn NewAction(
    series: Uuid,
    date: NaiveDate,
    members: Vec<Membership>,
    actions: RwSignal<Vec<MeetingAction>>,
    flash: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let form = Form::new("action-new");
    let title = RwSignal::new(String::new());
    let responsible = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.reset();
        let text = clean_line(&title.get_untracked());
        if text.is_empty() {
            form.invalid("title", "form.required");
        }
        let due_text = due.get_untracked();
        let due_date = due_text.trim().parse::<NaiveDate>().ok();
        if !due_text.trim().is_empty() && due_date.is_none() {
            form.invalid("due_date", "form.invalid");
        }
        if !form.valid() || !form.begin() {
            return;
        }
        let input = MeetingActionInput {
            title: text,
            responsible_id: Uuid::parse_str(&responsible.get_untracked()).ok(),
            due_date,
            status: None,
        };
        leptos::task::spawn_local(async move {
            match api.add_meeting_action(series, date, &input).await {
                Ok(a) => {
                    form.done();
                    title.set(String::new());
                    responsible.set(String::new());
                    due.set(String::new());
                    actions.update(|l| l.push(a));
                    flash.set(Some("meeting.flash_action_added"));
                    focus_id("meeting-flash".to_owned());
                }
                Err(e) => form.fail(e),
            }
        });
    };
    view! {
        <form class="plan-form add-item" on:submit=on_submit novalidate=true aria-labelledby="new-action-title">
            <h3 id="new-action-title">{move || i18n.t("meeting.new_action")}</h3>
            <FormError form />
            <TextInput form field="title" label="meeting.action_title" value=title required=true />
            <MemberSelect form field="responsible_id" label="meeting.action_responsible" members value=responsible />
            <TextInput form field="due_date" label="meeting.action_due" value=due kind="date" />
            <div class="button-row">
                <button type="submit" aria-disabled=move || form.pending.get().then_some("true")>
                    {move || i18n.t(if form.pending.get() { "form.saving" } else { "meeting.add_action" })}
                </button>
            </div>
        </form>
    }
}
