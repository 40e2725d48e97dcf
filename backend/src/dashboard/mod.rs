//! The project dashboard and the organisation overview: phase, network, meetings,
//! indicators with status and trend, overdue items and the fade risk, built from a fixed
//! number of queries; and the snapshots that give computed indicators and the fade risk a
//! history.

pub mod cache;
pub mod facts;
pub mod snapshot;
pub mod watch;

pub use cache::cached;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use varig_types::{
    IndicatorCategory, IndicatorSource, IndicatorStatus, IndicatorTile, OverdueCounts, Phase,
    ProjectDashboard, ProjectRole, Rag, RagCounts,
};

use crate::entities::{indicator, project};
use crate::error::AppError;
use crate::fade::{rules as fade, store as fade_store};
use crate::ids::parse_id;
use crate::indicators::{self, computed, status as rules, store};
use crate::plan::rules::today_in_oslo;

/// An indicator with its status now and its overdue periods.
pub struct Evaluated {
    pub model: indicator::Model,
    pub status: IndicatorStatus,
    pub overdue: usize,
}

/// Every indicator of the project with its status: two queries, plus the facts when a
/// computed indicator needs them and none were given.
pub async fn evaluate<Db: ConnectionTrait>(
    db: &Db,
    p: &project::Model,
    now: DateTime<Utc>,
    facts: Option<&computed::Facts>,
) -> Result<Vec<Evaluated>, AppError> {
    let rows = indicator::Entity::find()
        .filter(indicator::Column::ProjectId.eq(p.id.clone()))
        .order_by_asc(indicator::Column::Id)
        .all(db)
        .await?;
    let values = store::values(db, &p.id).await?;
    let gathered;
    let facts = match facts {
        Some(f) => Some(f),
        None if rows
            .iter()
            .any(|r| store::source(r) != IndicatorSource::Manual) =>
        {
            gathered = facts::gather(db, p, now).await?.facts;
            Some(&gathered)
        }
        None => None,
    };
    let today = today_in_oslo(now);
    Ok(rows
        .into_iter()
        .map(|m| {
            let def = store::def(&m);
            let stored = values.get(&m.id).map(Vec::as_slice).unwrap_or(&[]);
            let live = facts.and_then(|f| computed::value(def.source, f));
            Evaluated {
                status: indicators::status_of(&def, stored, live, today),
                overdue: indicators::overdue_total(&def, stored, today),
                model: m,
            }
        })
        .collect())
}

pub async fn project_dashboard<Db: ConnectionTrait>(
    db: &Db,
    p: &project::Model,
    my_role: Option<ProjectRole>,
    now: DateTime<Utc>,
) -> Result<ProjectDashboard, AppError> {
    let g = facts::gather(db, p, now).await?;
    let evaluated = evaluate(db, p, now, Some(&g.facts)).await?;
    let mut counts = RagCounts::default();
    for e in &evaluated {
        match e.status.rag {
            Rag::Green => counts.green += 1,
            Rag::Amber => counts.amber += 1,
            Rag::Red => counts.red += 1,
            Rag::NoData => counts.no_data += 1,
        }
    }
    let manual = evaluated
        .iter()
        .filter(|e| store::source(&e.model) == IndicatorSource::Manual)
        .count();
    let overdue_measurements: usize = evaluated.iter().map(|e| e.overdue).sum();
    let with_data = evaluated
        .iter()
        .filter(|e| e.status.rag != Rag::NoData)
        .count();
    let off = evaluated
        .iter()
        .filter(|e| e.status.rag != Rag::NoData && rules::off_target(e.status.rag, e.status.trend))
        .count();
    let inputs = fade::Inputs {
        meetings: Some((g.facts.meetings_held, g.facts.meetings_expected)),
        agents: Some((g.silent_agents, g.facts.active_agents)),
        indicators: Some((off as i32, with_data as i32)),
        overdue_measurements: (manual > 0).then_some(overdue_measurements as i32),
        sustainability: crate::sustainability::store::latest_totals(db, &p.id).await?,
    };
    let settings = fade_store::settings(db, &p.id).await?;
    let fade_risk = fade::assess(&settings, &inputs);
    let overdue_actions = g.meetings.overdue_actions;
    Ok(ProjectDashboard {
        project_id: parse_id(&p.id),
        name: p.name.clone(),
        phase: Phase::parse(&p.phase).unwrap_or(Phase::Prepare),
        phase_since: g.phase_since,
        days_in_phase: g.facts.days_in_phase,
        my_role,
        open_gate: g.open_gate,
        checklist_percent: g.facts.checklist_percent,
        network: g.network,
        meetings: g.meetings,
        indicators: evaluated
            .iter()
            .map(|e| IndicatorTile {
                id: parse_id(&e.model.id),
                name: e.model.name.clone(),
                category: IndicatorCategory::parse(&e.model.category)
                    .unwrap_or(IndicatorCategory::ImplementationQuality),
                source: store::source(&e.model),
                unit: e.model.unit.clone(),
                rag: e.status.rag,
                trend: e.status.trend,
                latest_value: e.status.latest_value,
                latest_period: e.status.latest_period,
                target: e.model.target,
                overdue_periods: e.overdue as i32,
            })
            .collect(),
        indicator_counts: counts,
        overdue: OverdueCounts {
            milestones: g.overdue_milestones,
            measurements: overdue_measurements as i32,
            actions: overdue_actions,
        },
        fade_risk,
        generated_at: now,
    })
}
