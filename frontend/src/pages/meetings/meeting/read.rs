//! The record as text, for those who read but do not record, and the minutes to print.
use leptos::prelude::*;
use varig_types::{Meeting, MeetingStatus, Membership};

use super::super::{agenda_title, format_when, kind_key, meeting_status_key};
use super::Ctx;
use crate::i18n::use_i18n;
use crate::ui::{format_date, person, DateStyle};

/// The minutes to print: heading, agenda with minutes, attendance, decisions and actions,
/// with a button that opens the browser's print dialogue (hidden on paper).
#[component]
pub(super) fn MinutesPrint(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let m = ctx.meeting.clone();
    let when = m.starts_at.to_rfc3339();
    let kind = m.kind;
    let status = m.status;
    let back = super::super::meeting_href(ctx.project.id, m.series_id, m.date);
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
                            let due = a.due_date;
                            view! {
                                <li>
                                    <strong>{a.title.clone()}</strong>
                                    " – "
                                    {move || {
                                        let due = match due {
                                            Some(d) => format_date(i18n.lang(), d, DateStyle::Medium),
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
pub(super) fn MeetingRead(meeting: Meeting, members: Vec<Membership>) -> impl IntoView {
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
    let held_on = meeting.held_on;
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
                    let d = held_on;
                    view! { <p>{move || i18n.tf("meeting.held_on_shown", &[("date", &d.map(|d| format_date(i18n.lang(), d, DateStyle::Medium)).unwrap_or_default())])}</p> }
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
