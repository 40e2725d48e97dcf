//! A project's meeting adherence from the database: every confirmed series' schedule against
//! what was recorded, and its open actions (three queries, whatever the history's length).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;
use varig_types::{MeetingStatus, ProjectAdherence, SeriesAdherence};

use crate::access::Action;
use crate::auth::Principal;
use crate::error::AppError;
use crate::meetings::{actions as carry, adherence, recurrence, repo, series};
use crate::plan::service::items;
use crate::state::AppState;

/// Adherence of project `id` now, for a caller who may read its meetings.
pub async fn get(
    state: &AppState,
    who: &Principal,
    id: Uuid,
) -> Result<ProjectAdherence, AppError> {
    let p = items::project_checked(state, who, id, Action::MeetingRead).await?;
    project_adherence(&state.db, &p.id, Utc::now(), None).await
}

/// Adherence of project `project_id` on `now`; with `since`, only meetings planned from
/// that day count.
pub async fn project_adherence<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    now: DateTime<Utc>,
    since: Option<NaiveDate>,
) -> Result<ProjectAdherence, AppError> {
    let today = crate::plan::rules::today_in_oslo(now);
    let all = repo::confirmed_series_of(db, project_id).await?;
    let rows = repo::meetings_of_project(db, project_id, today, since).await?;
    let acts = repo::open_actions_of_project(db, project_id).await?;
    let mut out = vec![];
    for r in &all {
        let s = series::view(r);
        let from = since.map_or(s.start_date, |x| x.max(s.start_date));
        let mut occ: Vec<adherence::Occurrence> = series::schedule(&s, from, today)
            .iter()
            .map(|m| adherence::Occurrence {
                planned: m.date,
                status: adherence::Status::Planned,
                held_on: None,
                minutes_published: None,
            })
            .collect();
        for m in rows.iter().filter(|m| m.series_id == r.id) {
            let o = adherence::Occurrence {
                planned: m.date,
                status: match m.status {
                    MeetingStatus::Held => adherence::Status::Held,
                    MeetingStatus::Moved => adherence::Status::Moved,
                    MeetingStatus::Cancelled => adherence::Status::Cancelled,
                    MeetingStatus::Planned => adherence::Status::Planned,
                },
                held_on: m.held_on,
                minutes_published: m
                    .minutes_published_at
                    .map(crate::plan::rules::today_in_oslo),
            };
            match occ.iter_mut().find(|x| x.planned == m.date) {
                Some(x) => *x = o,
                None => occ.push(o),
            }
        }
        let a = adherence::adherence(&occ, today, recurrence::tolerance_days(&s.recurrence));
        let mine: Vec<_> = acts.iter().filter(|x| x.series_id == r.id).collect();
        out.push(SeriesAdherence {
            series_id: s.id,
            kind: s.kind,
            title: s.title.clone(),
            tolerance_days: s.tolerance_days,
            expected: a.expected,
            held_on_time: a.held_on_time,
            share: a.share,
            missed_streak: a.missed_streak,
            held: a.held,
            minutes_on_time: a.minutes_on_time,
            minutes_share: a.minutes_share,
            open_actions: mine.len() as i32,
            overdue_actions: mine
                .iter()
                .filter(|x| carry::overdue(x.due_date, false, now))
                .count() as i32,
        });
    }
    let expected: i32 = out.iter().map(|s| s.expected).sum();
    let held: i32 = out.iter().map(|s| s.held_on_time).sum();
    Ok(ProjectAdherence {
        expected,
        held_on_time: held,
        share: (expected > 0).then(|| f64::from(held) / f64::from(expected)),
        open_actions: out.iter().map(|s| s.open_actions).sum(),
        overdue_actions: out.iter().map(|s| s.overdue_actions).sum(),
        series: out,
    })
}
