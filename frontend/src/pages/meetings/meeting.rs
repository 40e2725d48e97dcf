//! One meeting: the agenda with minutes per item, status (held, moved with its day,
//! cancelled with a reason), attendance, decisions, the actions made here and the open ones
//! carried over, and publishing the minutes.
//!
//! Saving sends `If-Match` with the version that was read. When someone else saved first
//! (412), the page loads their version and keeps what this user changed: a field the user
//! did not touch takes the other version, a field the user changed keeps the user's text.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;
use varig_types::{
    ActionStatus, AgendaItem, Me, Meeting, MeetingAction, MeetingActionInput, MeetingRecord,
    MeetingStatus, Membership, ProblemCode, Project,
};

use super::{agenda_title, done_input, format_when, kind_key, meeting_status_key, meetings_href};
use crate::api::{abort_on_cleanup, use_api, ApiError, Freshness};
use crate::i18n::{set_title, use_i18n};
use crate::pages::plan::fields::{
    choice, clean, clean_line, Choice, Form, FormError, MemberSelect, RadioGroup, TextArea,
    TextInput,
};
use crate::pages::plan::{self, focus_later, format_day, person, Flash};
use crate::pages::{ErrorNotice, Loading, RequireLogin};

#[component]
pub fn MeetingPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <MeetingView print=false />
        </RequireLogin>
    }
}

/// The minutes as a page to print (`…/print`): the same meeting JSON, without forms.
/// The API's `minutes.html` needs the bearer token, which a plain link cannot send.
#[component]
pub fn MinutesPrintPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <MeetingView print=true />
        </RequireLogin>
    }
}

/// The print view's address of a meeting.
pub fn print_href(project: Uuid, series: Uuid, date: NaiveDate) -> String {
    format!("{}/print", super::meeting_href(project, series, date))
}

#[derive(Debug, Clone)]
struct Ctx {
    project: Project,
    members: Vec<Membership>,
    me: Option<Me>,
    meeting: Meeting,
    may_write: bool,
    cached: bool,
}

#[derive(Clone)]
enum State {
    Loading,
    NotFound,
    Forbidden,
    Failed(ApiError),
    Ready(Box<Ctx>),
}

type Key = (Option<Uuid>, Option<Uuid>, Option<NaiveDate>);

#[component]
fn MeetingView(print: bool) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let state = RwSignal::new(State::Loading);
    let abort = StoredValue::new_local(abort_on_cleanup());
    let key = Memo::new(move |_| {
        params.with(|p| -> Key {
            (
                p.get("id").and_then(|s| Uuid::parse_str(&s).ok()),
                p.get("series").and_then(|s| Uuid::parse_str(&s).ok()),
                p.get("date").and_then(|s| s.parse().ok()),
            )
        })
    });

    let load = move |key: Key| {
        let (Some(id), Some(series), Some(date)) = key else {
            state.set(State::NotFound);
            return;
        };
        state.set(State::Loading);
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            let (project, members, me, meeting) = futures::join!(
                api.project(id, signal.clone()),
                api.members(id, signal.clone()),
                api.me(signal.clone()),
                api.meeting(series, date, signal)
            );
            let me = me.ok().map(|(m, _)| m);
            let next = match (project, members, meeting) {
                (Ok((project, f1)), Ok((members, f2)), Ok((meeting, f3)))
                    if meeting.project_id == project.id =>
                {
                    let may_write = plan::may_write(&project, me.as_ref());
                    State::Ready(Box::new(Ctx {
                        members: members
                            .into_iter()
                            .filter(|m| m.archived_at.is_none())
                            .collect(),
                        may_write,
                        cached: [f1, f2, f3].contains(&Freshness::Cached),
                        me,
                        meeting,
                        project,
                    }))
                }
                (Ok(_), Ok(_), Ok(_)) => State::NotFound,
                (Err(ApiError::Aborted), ..)
                | (_, Err(ApiError::Aborted), _)
                | (.., Err(ApiError::Aborted)) => return,
                (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) if e.is_not_found() => State::NotFound,
                (.., Err(e)) if e.code() == Some(ProblemCode::Forbidden) => State::Forbidden,
                (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => State::Failed(e),
            };
            let _ = state.try_set(next);
        });
    };
    Effect::new(move |_| load(key.get()));
    let retry = Callback::new(move |()| load(key.get_untracked()));

    Effect::new(move |_| {
        let title = state.with(|s| match s {
            State::Ready(ctx) => ctx.meeting.title.clone(),
            _ => i18n.t("meeting.title"),
        });
        set_title(&title);
    });

    view! {
        {move || {
            key.get()
                .0
                .map(|p| {
                    view! {
                        <p class="back no-print">
                            <a href=meetings_href(p)>{move || i18n.t("meeting.back")}</a>
                        </p>
                    }
                })
        }}
        {move || match state.get() {
            State::Loading => view! { <Loading /> }.into_any(),
            State::NotFound => {
                view! {
                    <div class="notice notice-error" role="alert">
                        <p>{move || i18n.t("meeting.not_found")}</p>
                    </div>
                }
                    .into_any()
            }
            State::Forbidden => {
                view! {
                    <div class="notice notice-error" role="alert">
                        <p>{move || i18n.t("meeting.forbidden")}</p>
                    </div>
                }
                    .into_any()
            }
            State::Failed(e) => view! { <ErrorNotice error=e retry /> }.into_any(),
            State::Ready(ctx) if print => view! { <MinutesPrint ctx=*ctx /> }.into_any(),
            State::Ready(ctx) => view! { <MeetingDetails ctx=*ctx /> }.into_any(),
        }}
    }
}

/// One agenda item being written: its identity and the user's minutes.
#[derive(Debug, Clone, Copy)]
struct AgendaDraft {
    index: usize,
    key: StoredValue<Option<String>>,
    title: StoredValue<String>,
    minutes: RwSignal<String>,
}

/// The user's version of the record, field by field.
#[derive(Debug, Clone, Copy)]
struct Draft {
    status: RwSignal<String>,
    held_on: RwSignal<String>,
    cancel_reason: RwSignal<String>,
    agenda: StoredValue<Vec<AgendaDraft>>,
    attendance: RwSignal<Vec<Uuid>>,
    /// Each decision with a stable id (for keys and labels) and its text.
    decisions: RwSignal<Vec<(u32, RwSignal<String>)>>,
    next_decision: StoredValue<u32>,
    publish: RwSignal<bool>,
}

fn default_status(m: &Meeting) -> MeetingStatus {
    if m.version == 0 && m.status == MeetingStatus::Planned {
        // A meeting that has begun is recorded as held unless the user says otherwise.
        if (m.starts_at.timestamp_millis() as f64) <= js_sys::Date::now() {
            return MeetingStatus::Held;
        }
    }
    m.status
}

fn same_item(item: &AgendaItem, key: &Option<String>, title: &str) -> bool {
    match key {
        Some(k) => item.key.as_deref() == Some(k.as_str()),
        None => item.key.is_none() && item.title == title,
    }
}

fn minutes_of(m: &Meeting, key: &Option<String>, title: &str) -> String {
    m.agenda
        .iter()
        .find(|i| same_item(i, key, title))
        .map(|i| i.minutes.clone())
        .unwrap_or_default()
}

impl Draft {
    fn new(m: &Meeting) -> Self {
        let agenda = m
            .agenda
            .iter()
            .enumerate()
            .map(|(index, i)| AgendaDraft {
                index,
                key: StoredValue::new(i.key.clone()),
                title: StoredValue::new(i.title.clone()),
                minutes: RwSignal::new(i.minutes.clone()),
            })
            .collect();
        let decisions: Vec<(u32, RwSignal<String>)> = m
            .decisions
            .iter()
            .enumerate()
            .map(|(i, d)| (i as u32, RwSignal::new(d.clone())))
            .collect();
        Draft {
            status: RwSignal::new(default_status(m).as_str().to_owned()),
            held_on: RwSignal::new(m.held_on.map(|d| d.to_string()).unwrap_or_default()),
            cancel_reason: RwSignal::new(m.cancel_reason.clone().unwrap_or_default()),
            agenda: StoredValue::new(agenda),
            attendance: RwSignal::new(m.attendance.clone()),
            next_decision: StoredValue::new(decisions.len() as u32),
            decisions: RwSignal::new(decisions),
            publish: RwSignal::new(false),
        }
    }

    fn decision_texts(&self) -> Vec<String> {
        self.decisions
            .with_untracked(|d| d.iter().map(|(_, t)| t.get_untracked()).collect())
    }

    fn set_decisions(&self, texts: &[String]) {
        let list: Vec<(u32, RwSignal<String>)> = texts
            .iter()
            .map(|t| {
                let id = self.next_decision.get_value();
                self.next_decision.set_value(id + 1);
                (id, RwSignal::new(t.clone()))
            })
            .collect();
        self.decisions.set(list);
    }

    /// Adds an empty decision; returns the id of its field.
    fn add_decision(&self) -> String {
        let id = self.next_decision.get_value();
        self.next_decision.set_value(id + 1);
        self.decisions
            .update(|d| d.push((id, RwSignal::new(String::new()))));
        format!("decision-{id}")
    }

    /// Takes `theirs` wherever the user left `base` as it was; keeps the user's changes.
    fn merge(&self, base: &Meeting, theirs: &Meeting) {
        let base_status = default_status(base).as_str().to_owned();
        if self.status.get_untracked() == base_status {
            self.status.set(default_status(theirs).as_str().to_owned());
        }
        let base_held = base.held_on.map(|d| d.to_string()).unwrap_or_default();
        if self.held_on.get_untracked() == base_held {
            self.held_on
                .set(theirs.held_on.map(|d| d.to_string()).unwrap_or_default());
        }
        if self.cancel_reason.get_untracked() == base.cancel_reason.clone().unwrap_or_default() {
            self.cancel_reason
                .set(theirs.cancel_reason.clone().unwrap_or_default());
        }
        for item in self.agenda.get_value() {
            let (key, title) = (item.key.get_value(), item.title.get_value());
            if item.minutes.get_untracked() == minutes_of(base, &key, &title) {
                item.minutes.set(minutes_of(theirs, &key, &title));
            }
        }
        if self.attendance.get_untracked() == base.attendance {
            self.attendance.set(theirs.attendance.clone());
        }
        if self.decision_texts() == base.decisions {
            self.set_decisions(&theirs.decisions);
        }
    }

    fn record(&self) -> Option<MeetingRecord> {
        let status = MeetingStatus::parse(&self.status.get_untracked())?;
        let held_on = self.held_on.get_untracked().trim().parse().ok();
        let reason = clean(&self.cancel_reason.get_untracked());
        Some(MeetingRecord {
            status,
            held_on: if status == MeetingStatus::Moved {
                held_on
            } else {
                None
            },
            cancel_reason: (status == MeetingStatus::Cancelled && !reason.is_empty())
                .then_some(reason),
            agenda: self
                .agenda
                .get_value()
                .into_iter()
                .map(|a| AgendaItem {
                    key: a.key.get_value(),
                    title: a.title.get_value(),
                    minutes: clean(&a.minutes.get_untracked()),
                })
                .collect(),
            attendance: self.attendance.get_untracked(),
            decisions: self
                .decision_texts()
                .iter()
                .map(|d| clean(d))
                .filter(|d| !d.is_empty())
                .collect(),
            publish_minutes: self.publish.get_untracked(),
        })
    }
}

#[component]
fn MeetingDetails(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let m = ctx.meeting.clone();
    let when = m.starts_at.to_rfc3339();
    let kind = m.kind;
    let flash = RwSignal::new(None::<&'static str>);
    let base = RwSignal::new(ctx.meeting.clone());
    let actions = RwSignal::new(m.actions.clone());
    let carried = RwSignal::new(m.carried_over.clone());
    let me = ctx.me.as_ref().map(|m| m.id);
    let may_write = ctx.may_write;
    let members = StoredValue::new(ctx.members.clone());
    let series = m.series_id;
    let date = m.date;

    let body = if may_write {
        view! { <MeetingForm base members flash /> }.into_any()
    } else {
        view! { <MeetingRead meeting=m.clone() members=ctx.members.clone() /> }.into_any()
    };

    view! {
        <article class="meeting" aria-labelledby="meeting-title">
            <h1 id="meeting-title">{m.title.clone()}</h1>
            <p class="lead">{move || format_when(i18n, &when)}</p>
            <p class="item-meta">
                <span class="meeting-kind">{move || i18n.t(kind_key(kind))}</span>
                {move || {
                    let s = base.with(|b| b.status);
                    view! {
                        <span class=format!("status-badge meeting-{}", s.as_str())>
                            {move || i18n.t(meeting_status_key(s))}
                        </span>
                    }
                }}
            </p>
            <p class="project-name">{ctx.project.name.clone()}</p>
            <p class="print-link">
                <a id="meeting-print" href=print_href(ctx.project.id, series, date)>{move || i18n.t("meeting.print")}</a>
            </p>
            {ctx.cached.then(|| view! { <p class="notice">{move || i18n.t("projects.cached")}</p> })}
            {(!may_write).then(|| view! { <p class="notice read-only">{move || i18n.t("meeting.read_only")}</p> })}
            <Flash id="meeting-flash" message=flash />
            {body}
            <section class="card" aria-labelledby="actions-title">
                <h2 id="actions-title">{move || i18n.t("meeting.actions")}</h2>
                <ActionList list=actions me may_write flash empty="meeting.actions_empty" />
                {may_write
                    .then(|| {
                        view! { <NewAction series date members=members.get_value() actions flash /> }
                    })}
            </section>
            <section class="card" aria-labelledby="carried-title">
                <h2 id="carried-title">{move || i18n.t("meeting.carried_over")}</h2>
                <p class="hint">{move || i18n.t("meeting.carried_over_hint")}</p>
                <ActionList list=carried me may_write flash empty="meeting.carried_empty" />
            </section>
        </article>
    }
}

/// The minutes to print: heading, agenda with minutes, attendance, decisions and actions,
/// with a button that opens the browser's print dialogue (hidden on paper).
#[component]
fn MinutesPrint(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let m = ctx.meeting.clone();
    let when = m.starts_at.to_rfc3339();
    let kind = m.kind;
    let status = m.status;
    let back = super::meeting_href(ctx.project.id, m.series_id, m.date);
    let actions = m.actions.clone();
    let no_actions = actions.is_empty();
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <article class="meeting minutes-print" aria-labelledby="meeting-title">
            <div class="print-tools no-print">
                <button type="button" class="primary" id="minutes-print-now" on:click=print>
                    {move || i18n.t("meeting.print_now")}
                </button>
                <p class="back">
                    <a href=back>{move || i18n.t("meeting.print_back")}</a>
                </p>
            </div>
            <p class="print-kicker">{move || i18n.t("meeting.print_kicker")}</p>
            <h1 id="meeting-title">{m.title.clone()}</h1>
            <p class="lead">{move || format_when(i18n, &when)}</p>
            <p class="item-meta">
                {move || i18n.t(kind_key(kind))}
                " · "
                {move || i18n.t(meeting_status_key(status))}
            </p>
            <p class="project-name">{ctx.project.name.clone()}</p>
            <MeetingRead meeting=m.clone() members=ctx.members.clone() />
            <section class="card" aria-labelledby="print-actions-title">
                <h2 id="print-actions-title">{move || i18n.t("meeting.actions")}</h2>
                {no_actions.then(|| view! { <p class="empty">{move || i18n.t("meeting.actions_empty")}</p> })}
                <ul class="print-actions">
                    {actions
                        .into_iter()
                        .map(|a| {
                            let who = a.responsible_name.clone();
                            let due = a.due_date.map(|d| d.to_string());
                            view! {
                                <li>
                                    <strong>{a.title.clone()}</strong>
                                    " – "
                                    {move || {
                                        let due = match &due {
                                            Some(d) => format_day(i18n, d),
                                            None => i18n.t("meeting.print_no_due"),
                                        };
                                        i18n.tf(
                                            "meeting.print_action",
                                            &[("who", &person(i18n, who.as_deref())), ("due", &due)],
                                        )
                                    }}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        </article>
    }
}

/// The recorded meeting as text, for those who read but do not record.
#[component]
fn MeetingRead(meeting: Meeting, members: Vec<Membership>) -> impl IntoView {
    let i18n = use_i18n();
    let present: Vec<String> = meeting
        .attendance
        .iter()
        .map(|u| {
            members
                .iter()
                .find(|m| m.user_id == *u)
                .map(|m| m.user_name.clone())
                .unwrap_or_else(|| u.to_string())
        })
        .collect();
    let nobody = present.is_empty();
    let no_decisions = meeting.decisions.is_empty();
    let held_on = meeting.held_on.map(|d| d.to_string());
    let reason = meeting.cancel_reason.clone();
    let status = meeting.status;
    let published = meeting.minutes_published_at.map(|t| t.to_rfc3339());
    view! {
        <section class="card" aria-labelledby="agenda-title">
            <h2 id="agenda-title">{move || i18n.t("meeting.agenda")}</h2>
            {published
                .map(|p| view! { <p class="notice notice-ok">{move || i18n.tf("meeting.published_at", &[("when", &format_when(i18n, &p))])}</p> })}
            {(status == MeetingStatus::Moved)
                .then(|| {
                    let d = held_on.clone().unwrap_or_default();
                    view! { <p>{move || i18n.tf("meeting.held_on_shown", &[("date", &format_day(i18n, &d))])}</p> }
                })}
            {reason.map(|r| view! { <p>{move || i18n.tf("meeting.cancel_reason_shown", &[("reason", &r)])}</p> })}
            <ol class="agenda-read">
                {meeting
                    .agenda
                    .into_iter()
                    .map(|a| {
                        let key = a.key.clone();
                        let title = a.title.clone();
                        let empty = a.minutes.trim().is_empty();
                        view! {
                            <li>
                                <h3>{move || agenda_title(i18n, key.as_deref(), &title)}</h3>
                                {if empty {
                                    view! { <p class="empty">{move || i18n.t("meeting.no_minutes")}</p> }.into_any()
                                } else {
                                    view! { <p class="pre-line">{a.minutes}</p> }.into_any()
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
        <section class="card" aria-labelledby="attendance-title">
            <h2 id="attendance-title">{move || i18n.t("meeting.attendance")}</h2>
            {nobody.then(|| view! { <p class="empty">{move || i18n.t("meeting.attendance_empty")}</p> })}
            <ul class="member-list">
                {present.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        </section>
        <section class="card" aria-labelledby="decisions-title">
            <h2 id="decisions-title">{move || i18n.t("meeting.decisions")}</h2>
            {no_decisions.then(|| view! { <p class="empty">{move || i18n.t("meeting.decisions_empty")}</p> })}
            <ol class="decision-list">
                {meeting.decisions.into_iter().map(|d| view! { <li class="pre-line">{d}</li> }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn MeetingForm(
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
                    focus_later("meeting-flash".to_owned());
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
                            focus_later("meeting-conflict".to_owned());
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
        focus_later(id);
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
                                            focus_later("add-decision".to_owned());
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

/// A list of actions; "done" for writers and for the person responsible.
#[component]
fn ActionList(
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
                        focus_later("meeting-flash".to_owned());
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
    let due = a.due_date.map(|d| d.to_string());
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
                    focus_later(focus_error);
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
                {move || match &due {
                    Some(d) => i18n.tf("actions.due", &[("date", &format_day(i18n, d))]),
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
fn NewAction(
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
                    focus_later("meeting-flash".to_owned());
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
