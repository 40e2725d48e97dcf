//! A project's meeting adherence from the database: every confirmed series' schedule against
//! what was recorded, and its open actions (three queries, whatever the history's length).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use varig_types::{ActionStatus, MeetingStatus, ProjectAdherence, SeriesAdherence, SeriesStatus};

use super::{actions as carry, adherence, recurrence, series};
use crate::entities::meeting::{self as mt, Entity as Meetings};
use crate::entities::meeting_action::{self as ma, Entity as Actions};
use crate::entities::meeting_series::{self as ms, Entity as Series};
use crate::error::AppError;

/// Adherence of project `project_id` on `now`; with `since`, only meetings planned from
/// that day count.
pub async fn project_adherence<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    now: DateTime<Utc>,
    since: Option<NaiveDate>,
) -> Result<ProjectAdherence, AppError> {
    let today = crate::plan::rules::today_in_oslo(now);
    let all = Series::find()
        .filter(ms::Column::ProjectId.eq(project_id))
        .filter(ms::Column::Status.eq(SeriesStatus::Confirmed.as_str()))
        .all(db)
        .await?;
    let mut q = Meetings::find()
        .filter(mt::Column::ProjectId.eq(project_id))
        .filter(mt::Column::Date.lte(today));
    if let Some(s) = since {
        q = q.filter(mt::Column::Date.gte(s));
    }
    let rows = q.all(db).await?;
    let acts = Actions::find()
        .filter(ma::Column::ProjectId.eq(project_id))
        .filter(ma::Column::Status.eq(ActionStatus::Open.as_str()))
        .all(db)
        .await?;
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
                status: match MeetingStatus::parse(&m.status) {
                    Some(MeetingStatus::Held) => adherence::Status::Held,
                    Some(MeetingStatus::Moved) => adherence::Status::Moved,
                    Some(MeetingStatus::Cancelled) => adherence::Status::Cancelled,
                    _ => adherence::Status::Planned,
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
