//! Meeting adherence per series and project: the sustainment signal of the cadence.

use chrono::Utc;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{ActionStatus, MeetingStatus, ProjectAdherence, SeriesAdherence, SeriesStatus};

use super::plan_items as items;
use super::ApiTags;
use crate::access::Action;
use crate::auth::BearerAuth;
use crate::entities::meeting::{self as mt, Entity as Meetings};
use crate::entities::meeting_action::{self as ma, Entity as Actions};
use crate::entities::meeting_series::{self as ms, Entity as Series};
use crate::error::ApiResult;
use crate::meetings::{actions as carry, adherence, recurrence, series};
use crate::state::AppState;

pub struct AdherenceApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum AdherenceResponse {
    /// Adherence per confirmed series and for the project.
    #[oai(status = 200)]
    Ok(Json<ProjectAdherence>),
}

#[OpenApi(tag = "ApiTags::Meetings")]
impl AdherenceApi {
    /// Get meeting adherence
    ///
    /// Per confirmed series and for the project: expected meetings (window closed), held
    /// within the tolerance (±3 days weekly, ±7 monthly, ±14 quarterly or planned), the
    /// current streak of missed meetings, minutes published within 2 days, open and overdue
    /// actions. Absent shares mean no data yet.
    #[oai(
        path = "/v1/projects/:id/adherence",
        method = "get",
        operation_id = "get_adherence"
    )]
    async fn adherence(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<AdherenceResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::MeetingRead).await?;
        let now = Utc::now();
        let today = crate::plan::rules::today_in_oslo(now);
        let all = Series::find()
            .filter(ms::Column::ProjectId.eq(p.id.clone()))
            .all(&self.state.db)
            .await?;
        let rows = Meetings::find()
            .filter(mt::Column::ProjectId.eq(p.id.clone()))
            .all(&self.state.db)
            .await?;
        let acts = Actions::find()
            .filter(ma::Column::ProjectId.eq(p.id.clone()))
            .all(&self.state.db)
            .await?;
        let mut out = vec![];
        for r in all
            .iter()
            .filter(|r| r.status == SeriesStatus::Confirmed.as_str())
        {
            let s = series::view(r);
            let mut occ: Vec<adherence::Occurrence> = series::schedule(&s, s.start_date, today)
                .iter()
                .map(|m| adherence::Occurrence {
                    planned: m.date,
                    status: adherence::Status::Planned,
                    held_on: None,
                    minutes_published: None,
                })
                .collect();
            for m in rows
                .iter()
                .filter(|m| m.series_id == r.id && m.date <= today)
            {
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
            let mine: Vec<_> = acts
                .iter()
                .filter(|x| x.series_id == r.id && x.status == ActionStatus::Open.as_str())
                .collect();
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
        Ok(AdherenceResponse::Ok(Json(ProjectAdherence {
            expected,
            held_on_time: held,
            share: (expected > 0).then(|| f64::from(held) / f64::from(expected)),
            open_actions: out.iter().map(|s| s.open_actions).sum(),
            overdue_actions: out.iter().map(|s| s.overdue_actions).sum(),
            series: out,
        })))
    }
}
