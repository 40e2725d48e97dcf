//! One meeting: the agenda with minutes per item, status (held, moved with its day,
//! cancelled with a reason), attendance, decisions, the actions made here and the open ones
//! carried over, and publishing the minutes.
//!
//! Saving sends `If-Match` with the version that was read. When someone else saved first
//! (412), the page loads their version and keeps what this user changed: a field the user
//! did not touch takes the other version, a field the user changed keeps the user's text.

//!
//! Files: `draft` (the user's version of the record and the merge after a 412), `form`
//! (recording the meeting), `read` (the record as text, and the print view), `actions`
//! (the actions made here and carried over).

mod actions;
mod draft;
mod form;
mod read;

use crate::access::Standing;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;
use varig_types::permissions::Action;
use varig_types::{Me, Meeting, Membership, Project};

use super::{format_when, kind_key, meeting_status_key, meetings_href};
use crate::api::{abort_on_cleanup, use_api, ApiError, Freshness};
use crate::i18n::{set_title, use_i18n};
use crate::ui::{page_read, read_title, FlashNotice, Loaded, RequireLogin};

pub use actions::ActionRow;
use actions::{ActionList, NewAction};
use form::MeetingForm;
use read::{MeetingRead, MinutesPrint};

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
pub(super) struct Ctx {
    pub(super) project: Project,
    pub(super) members: Vec<Membership>,
    pub(super) me: Option<Me>,
    pub(super) meeting: Meeting,
    pub(super) may_write: bool,
    pub(super) cached: bool,
}

type Key = (Option<Uuid>, Option<Uuid>, Option<NaiveDate>);

#[component]
fn MeetingView(print: bool) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
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

    let read = page_read(move || {
        let (key, signal) = (key.get(), abort.get_value());
        async move {
            let (Some(id), Some(series), Some(date)) = key else {
                return Err(ApiError::Http(404));
            };
            let (project, members, me, meeting) = futures::join!(
                api.project(id, signal.clone()),
                api.members(id, signal.clone()),
                api.me(signal.clone()),
                api.meeting(series, date, signal)
            );
            let me = me.ok().map(|(m, _)| m);
            let (project, f1) = project?;
            let (members, f2) = members?;
            let (meeting, f3) = meeting?;
            if meeting.project_id != project.id {
                return Err(ApiError::Http(404));
            }
            let may_write = Standing::of(&project, me.as_ref()).may_change(Action::MeetingWrite);
            Ok(Ctx {
                members: members
                    .into_iter()
                    .filter(|m| m.archived_at.is_none())
                    .collect(),
                may_write,
                cached: [f1, f2, f3].contains(&Freshness::Cached),
                me,
                meeting,
                project,
            })
        }
    });

    Effect::new(move |_| {
        let title = read_title(
            read,
            || i18n.t("meeting.title"),
            || i18n.t("meeting.title"),
            |ctx| ctx.meeting.title.clone(),
        );
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
        <Loaded
            read
            not_found="meeting.not_found"
            forbidden="meeting.forbidden"
            render=move |ctx: Ctx, _| {
                if print {
                    view! { <MinutesPrint ctx /> }.into_any()
                } else {
                    view! { <MeetingDetails ctx /> }.into_any()
                }
            }
        />
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
            <FlashNotice id="meeting-flash" message=flash />
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
