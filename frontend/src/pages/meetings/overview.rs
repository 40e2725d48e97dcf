//! A project's meetings page: upcoming and recent meetings (from the schedule), the series
//! with their status (writers confirm proposed ones) and adherence per series.

use crate::access::Standing;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;
use varig_types::permissions::Action;
use varig_types::{
    Me, MeetingSeries, Project, ProjectAdherence, ScheduledMeeting, SeriesAdherence, SeriesStatus,
};

use super::{
    format_when, kind_key, local_day, may_read_series, meeting_href, percent, recurrence_text,
    series_input, series_status_key,
};
use crate::api::{abort_on_cleanup, use_api, ApiError, Freshness};
use crate::i18n::{set_title, use_i18n};
use crate::ui::{focus_id, page_read, read_title, FlashNotice, Loaded, RequireLogin};

/// How far back "recent meetings" go, and how far ahead the upcoming ones.
const DAYS_BACK: i32 = 60;
const DAYS_AHEAD: i32 = 120;
const MAX_UPCOMING: usize = 8;
const MAX_RECENT: usize = 6;

#[component]
pub fn MeetingsPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <MeetingsView />
        </RequireLogin>
    }
}

#[derive(Debug, Clone)]
struct Data {
    project: Project,
    me: Option<Me>,
    series: Vec<MeetingSeries>,
    schedule: Vec<ScheduledMeeting>,
    adherence: ProjectAdherence,
    cached: bool,
}

#[component]
fn MeetingsView() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let flash = RwSignal::new(None::<&'static str>);
    let abort = StoredValue::new_local(abort_on_cleanup());
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok())));

    let read = page_read(move || {
        let (id, signal) = (id.get(), abort.get_value());
        async move {
            let (Some(id), Some(from), Some(to)) =
                (id, local_day(-DAYS_BACK), local_day(DAYS_AHEAD))
            else {
                return Err(ApiError::Http(404));
            };
            let (project, me, series, schedule, adherence) = futures::join!(
                api.project(id, signal.clone()),
                api.me(signal.clone()),
                api.meeting_series(id, signal.clone()),
                api.meeting_schedule(id, from, to, signal.clone()),
                api.meeting_adherence(id, signal)
            );
            let (project, f1) = project?;
            let (series, f2) = series?;
            let (schedule, f3) = schedule?;
            let (adherence, f4) = adherence?;
            Ok(Data {
                project,
                me: me.ok().map(|(m, _)| m),
                series,
                schedule: schedule.items,
                adherence,
                cached: [f1, f2, f3, f4].contains(&Freshness::Cached),
            })
        }
    });
    let changed = Callback::new(move |key: &'static str| {
        flash.set(Some(key));
        read.refetch();
    });

    Effect::new(move |_| {
        let page = i18n.t("meetings.title");
        let title = read_title(
            read,
            || page.clone(),
            || page.clone(),
            |d| format!("{page} – {}", d.project.name),
        );
        set_title(&title);
    });

    view! {
        {move || {
            id.get()
                .map(|p| {
                    view! {
                        <p class="back">
                            <a href=format!("/projects/{p}")>{move || i18n.t("meetings.back")}</a>
                        </p>
                    }
                })
        }}
        <FlashNotice id="meetings-flash" message=flash />
        <Loaded read not_found="project.not_found" render=move |data: Data, _| {
            // After a change, the announcement takes the focus.
            if flash.get_untracked().is_some() {
                focus_id("meetings-flash");
            }
            view! { <Overview data changed /> }
        } />
    }
}

#[component]
fn Overview(data: Data, changed: Callback<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    let project_id = data.project.id;
    let may_write = Standing::of(&data.project, data.me.as_ref()).may_change(Action::MeetingWrite);
    let readable: Vec<Uuid> = data
        .series
        .iter()
        .filter(|s| may_read_series(&data.project, data.me.as_ref(), s))
        .map(|s| s.id)
        .collect();
    let now = js_sys::Date::now();
    let (mut recent, upcoming): (Vec<ScheduledMeeting>, Vec<ScheduledMeeting>) = data
        .schedule
        .iter()
        .cloned()
        .partition(|m| (m.ends_at.timestamp_millis() as f64) < now);
    recent.reverse();
    recent.truncate(MAX_RECENT);
    let upcoming: Vec<ScheduledMeeting> = upcoming.into_iter().take(MAX_UPCOMING).collect();
    let no_upcoming = upcoming.is_empty();
    let no_recent = recent.is_empty();
    let meeting_list = move |list: Vec<ScheduledMeeting>, readable: Vec<Uuid>| {
        list.into_iter()
            .map(|m| {
                let when = m.starts_at.to_rfc3339();
                let title = m.title.clone();
                let kind = m.kind;
                let body = view! {
                    <span class="meeting-title">{title}</span>
                    <span class="meeting-when">{move || format_when(i18n, &when)}</span>
                    <span class="meeting-kind">{move || i18n.t(kind_key(kind))}</span>
                };
                if readable.contains(&m.series_id) {
                    view! {
                        <li>
                            <a class="meeting-link" href=meeting_href(project_id, m.series_id, m.date)>
                                {body}
                            </a>
                        </li>
                    }
                    .into_any()
                } else {
                    view! {
                        <li>
                            <div class="meeting-link closed">
                                {body}
                                <span class="hint">{move || i18n.t("meetings.participants_only")}</span>
                            </div>
                        </li>
                    }
                    .into_any()
                }
            })
            .collect_view()
    };
    let upcoming_view = meeting_list(upcoming, readable.clone());
    let recent_view = meeting_list(recent, readable);

    let series = data.series.clone();
    let adherence = data.adherence.clone();

    view! {
        <article class="meetings" aria-labelledby="meetings-title">
            <h1 id="meetings-title">{move || i18n.t("meetings.title")}</h1>
            <p class="lead">{data.project.name.clone()}</p>
            {data.cached.then(|| view! { <p class="notice">{move || i18n.t("projects.cached")}</p> })}

            <section class="card" aria-labelledby="upcoming-title">
                <h2 id="upcoming-title">{move || i18n.t("meetings.upcoming")}</h2>
                {no_upcoming.then(|| view! { <p class="empty">{move || i18n.t("meetings.upcoming_empty")}</p> })}
                <ul class="meeting-list">{upcoming_view}</ul>
            </section>

            <section class="card" aria-labelledby="adherence-title">
                <h2 id="adherence-title">{move || i18n.t("meetings.adherence")}</h2>
                <AdherenceView adherence />
            </section>

            <section class="card" aria-labelledby="series-title">
                <h2 id="series-title">{move || i18n.t("meetings.series")}</h2>
                <p class="hint">{move || i18n.t("meetings.series_lead")}</p>
                <ul class="plan-list">
                    {series
                        .into_iter()
                        .map(|s| view! { <SeriesRow s may_write changed /> })
                        .collect_view()}
                </ul>
            </section>

            <section class="card" aria-labelledby="recent-title">
                <h2 id="recent-title">{move || i18n.t("meetings.recent")}</h2>
                {no_recent.then(|| view! { <p class="empty">{move || i18n.t("meetings.recent_empty")}</p> })}
                <ul class="meeting-list">{recent_view}</ul>
            </section>
        </article>
    }
}

#[component]
fn SeriesRow(s: MeetingSeries, may_write: bool, changed: Callback<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = s.id;
    let status = s.status;
    let kind = s.kind;
    let recurrence = s.recurrence.clone();
    let time = s.time_of_day.clone();
    let minutes = s.duration_minutes.to_string();
    let roles = s.participant_roles.clone();
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let error_id = format!("series-{id}-error");
    let name = s.title.clone();
    let series = StoredValue::new(s.clone());
    let focus_error = error_id.clone();
    let confirm = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        failure.set(None);
        let s = series.get_value();
        let focus_error = focus_error.clone();
        leptos::task::spawn_local(async move {
            let input = series_input(&s, SeriesStatus::Confirmed);
            let result = api.update_meeting_series(s.id, s.version, &input).await;
            let _ = pending.try_set(false);
            match result {
                Ok(_) => changed.run("meetings.flash_confirmed"),
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                    focus_id(focus_error);
                }
            }
        });
    };
    view! {
        <li class="plan-item series">
            <h3 id=format!("series-{id}")>{s.title.clone()}</h3>
            <p class="item-meta">
                <span class=format!("status-badge series-{}", status.as_str())>
                    {move || i18n.t(series_status_key(status))}
                </span>
                <span class="meeting-kind">{move || i18n.t(kind_key(kind))}</span>
            </p>
            <p>
                {move || {
                    i18n.tf(
                        "meetings.rec_when",
                        &[("rule", &recurrence_text(i18n, &recurrence)), ("time", &time), ("minutes", &minutes)],
                    )
                }}
            </p>
            {(!roles.is_empty())
                .then(|| {
                    view! {
                        <p class="participants">
                            {move || {
                                let names: Vec<String> = roles.iter().map(|r| i18n.role(*r)).collect();
                                i18n.tf("meetings.participants", &[("roles", &names.join(", "))])
                            }}
                        </p>
                    }
                })}
            {(may_write && status == SeriesStatus::Proposed)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="primary"
                            aria-label=move || format!("{}: {name}", i18n.t("meetings.confirm"))
                            aria-disabled=move || pending.get().then_some("true")
                            on:click=confirm
                        >
                            {move || i18n.t("meetings.confirm")}
                        </button>
                    }
                })}
            <div id=error_id class="form-error" role="alert" tabindex="-1">
                {move || failure.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
        </li>
    }
}

#[component]
fn AdherenceView(adherence: ProjectAdherence) -> impl IntoView {
    let i18n = use_i18n();
    if adherence.series.is_empty() {
        return view! { <p class="empty">{move || i18n.t("meetings.adherence_empty")}</p> }
            .into_any();
    }
    let total = held_text(adherence.held_on_time, adherence.expected, adherence.share);
    let open_n = i64::from(adherence.open_actions);
    let open = adherence.open_actions.to_string();
    let overdue = adherence.overdue_actions.to_string();
    view! {
        <p class="adherence-total">
            {move || i18n.tf("meetings.total_held", &[("held", &total(i18n))])}
        </p>
        <p>{move || i18n.tn("meetings.actions_count", open_n, &[("open", &open), ("overdue", &overdue)])}</p>
        <ul class="plan-list">
            {adherence.series.into_iter().map(|s| view! { <SeriesAdherenceRow s /> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// "3 of 4 (75 %)", or "no data yet" (tracked when called).
fn held_text(count: i32, of: i32, share: Option<f64>) -> impl Fn(crate::i18n::I18n) -> String {
    move |i18n| match percent(share) {
        Some(p) => i18n.tf(
            "meetings.count_of",
            &[
                ("count", &count.to_string()),
                ("of", &of.to_string()),
                ("percent", &p),
            ],
        ),
        None => i18n.t("meetings.no_data"),
    }
}

#[component]
fn SeriesAdherenceRow(s: SeriesAdherence) -> impl IntoView {
    let i18n = use_i18n();
    let held = held_text(s.held_on_time, s.expected, s.share);
    let minutes = held_text(s.minutes_on_time, s.held, s.minutes_share);
    let streak = s.missed_streak;
    let open = s.open_actions.to_string();
    let overdue = s.overdue_actions;
    let tolerance_n = i64::from(s.tolerance_days);
    let tolerance = s.tolerance_days.to_string();
    view! {
        <li class="plan-item adherence">
            <h3>{s.title.clone()}</h3>
            <dl class="facts">
                <div>
                    <dt>{move || i18n.t("meetings.held_on_time")}</dt>
                    <dd>{move || held(i18n)}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t("meetings.missed_streak")}</dt>
                    <dd>
                        {streak}
                        {(streak > 0).then(|| view! { " " <span class="badge badge-overdue">{move || i18n.t("meetings.missed")}</span> })}
                    </dd>
                </div>
                <div>
                    <dt>{move || i18n.t("meetings.minutes_on_time")}</dt>
                    <dd>{move || minutes(i18n)}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t("meetings.open_actions")}</dt>
                    <dd>
                        {open}
                        {(overdue > 0)
                            .then(|| {
                                view! {
                                    " "
                                    <span class="badge badge-overdue">
                                        {move || i18n.tf("meetings.overdue_count", &[("count", &overdue.to_string())])}
                                    </span>
                                }
                            })}
                    </dd>
                </div>
            </dl>
            <p class="hint">{move || i18n.tn("meetings.tolerance", tolerance_n, &[("days", &tolerance)])}</p>
        </li>
    }
}
