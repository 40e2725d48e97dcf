//! Varig's own data about one project, gathered for the dashboard and the computed
//! indicators in a fixed number of queries (none per agent, meeting, report or indicator).

use std::collections::HashSet;

use chrono::{DateTime, Days, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};
use varig_types::{AgentStatus, MeetingsTile, MilestoneStatus, NetworkTile, OpenGate, Phase};

use crate::entities::{
    field_report as fr, gate_recommendation as rec, gate_request as gr, milestone, phase_stay,
    project,
};
use crate::error::AppError;
use crate::indicators::computed::Facts;
use crate::network::{agents as agent_rules, store as net};
use crate::plan::rules::today_in_oslo;

/// The window of meeting adherence on the dashboard and in the fade risk.
pub const ADHERENCE_DAYS: u64 = 90;
/// The window of "reports per active agent".
pub const REPORT_DAYS: u64 = 30;

pub struct Gathered {
    pub facts: Facts,
    pub phase_since: DateTime<Utc>,
    pub network: NetworkTile,
    pub meetings: MeetingsTile,
    pub silent_agents: i32,
    pub open_gate: Option<OpenGate>,
    pub overdue_milestones: i32,
}

pub async fn gather<Db: ConnectionTrait>(
    db: &Db,
    p: &project::Model,
    now: DateTime<Utc>,
) -> Result<Gathered, AppError> {
    let today = today_in_oslo(now);
    let phase = Phase::parse(&p.phase).unwrap_or(Phase::Prepare);

    let phase_since = phase_stay::Entity::find()
        .filter(phase_stay::Column::ProjectId.eq(p.id.clone()))
        .filter(phase_stay::Column::LeftAt.is_null())
        .one(db)
        .await?
        .map_or(p.created_at, |s| s.entered_at);
    let days_in_phase = (today - today_in_oslo(phase_since)).num_days().max(0) as i32;

    let checklist = crate::plan::store::checklist_rows(db, &p.id).await?;
    let checklist_percent = crate::plan::store::completion_of(&checklist)
        .into_iter()
        .find(|c| c.phase == phase && c.total > 0)
        .map(|c| f64::from(c.percent));

    // The network: structure, scope and agents, then who reported lately.
    let (cov, agents) = net::coverage_of(db, &p.organisation_id, &p.id).await?;
    let weeks = p.silent_after_weeks;
    let cutoff = today - Days::new(u64::try_from(weeks.max(0)).unwrap_or(0) * 7);
    // Who reported since the cutoff. No DISTINCT: with it SQLite walks the project's whole
    // (project, agent, date) index (every report ever, ~18 ms at 100,000 reports) instead of
    // the date range of (project, date); the set removes the repeats.
    let recent: HashSet<String> = fr::Entity::find()
        .select_only()
        .column(fr::Column::AgentUserId)
        .filter(fr::Column::ProjectId.eq(p.id.clone()))
        .filter(fr::Column::Date.gte(cutoff))
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let active: Vec<_> = agents
        .iter()
        .filter(|a| a.status == AgentStatus::Active)
        .collect();
    // An agent with a report since the cutoff is not silent; otherwise their last report
    // lies before it and only becoming active lately keeps them from being silent.
    let silent = active
        .iter()
        .filter(|a| {
            let reported = recent.contains(&a.membership.user_id).then_some(today);
            agent_rules::silent(
                a.status,
                reported,
                agent_rules::active_since(&a.history),
                today,
                weeks,
            )
        })
        .count() as i32;
    let reports_30_days = fr::Entity::find()
        .filter(fr::Column::ProjectId.eq(p.id.clone()))
        .filter(fr::Column::Date.gt(today - Days::new(REPORT_DAYS)))
        .count(db)
        .await? as i32;

    let adherence = crate::meetings::store::project_adherence(
        db,
        &p.id,
        now,
        Some(today - Days::new(ADHERENCE_DAYS)),
    )
    .await?;

    let open = gr::Entity::find()
        .filter(gr::Column::ProjectId.eq(p.id.clone()))
        .filter(gr::Column::Status.eq(varig_types::GateStatus::Open))
        .one(db)
        .await?;
    let open_gate = match open {
        Some(g) => {
            let n = rec::Entity::find()
                .filter(rec::Column::RequestId.eq(g.id))
                .count(db)
                .await?;
            Some(OpenGate {
                id: g.id.uuid(),
                target: g.target,
                requested_at: g.created_at,
                recommendations: n as i32,
            })
        }
        None => None,
    };
    let overdue_milestones = milestone::Entity::find()
        .filter(milestone::Column::ProjectId.eq(p.id.clone()))
        .filter(milestone::Column::DueDate.lt(today))
        .filter(milestone::Column::Status.is_not_in([
            MilestoneStatus::Done.as_str(),
            MilestoneStatus::Cancelled.as_str(),
        ]))
        .count(db)
        .await? as i32;

    let facts = Facts {
        meetings_held: adherence.held_on_time,
        meetings_expected: adherence.expected,
        agents: agents.len() as i32,
        active_agents: active.len() as i32,
        unit_percent: cov.unit_percent,
        reports_30_days,
        checklist_percent,
        days_in_phase,
    };
    Ok(Gathered {
        network: NetworkTile {
            units_in_scope: cov.units_in_scope,
            covered_units: cov.covered_units,
            unit_percent: cov.unit_percent,
            vertical_percent: cov.vertical_percent,
            horizontal_percent: cov.horizontal_percent,
            agents: facts.agents,
            active_agents: facts.active_agents,
            silent_agents: silent,
            reports_last_30_days: reports_30_days,
        },
        meetings: MeetingsTile {
            expected: adherence.expected,
            held_on_time: adherence.held_on_time,
            share: adherence.share,
            open_actions: adherence.open_actions,
            overdue_actions: adherence.overdue_actions,
        },
        silent_agents: silent,
        facts,
        phase_since,
        open_gate,
        overdue_milestones,
    })
}
