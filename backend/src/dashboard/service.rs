//! A project's dashboard from a fixed number of queries: phase, network, meetings,
//! indicators with status and trend, overdue items and the fade risk; and the
//! organisation overview (a dashboard per project the caller may see).

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use varig_types::{
    IndicatorCategory, IndicatorSource, IndicatorTile, OrganisationOverview, OverdueCounts, Phase,
    ProjectDashboard, ProjectRole, Rag, RagCounts,
};

use super::{facts, repo};
use crate::auth::Principal;
use crate::entities::project;
use crate::error::AppError;
use crate::ids::{parse_id, PageRequest};
use crate::indicators::service::evaluate;
use crate::indicators::{fade, status as rules, views};
use crate::state::AppState;

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
        .filter(|e| views::source(&e.model) == IndicatorSource::Manual)
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
        sustainability: crate::rounds::service::sustainability_totals(db, &p.id).await?,
    };
    let settings = crate::indicators::service::fade_settings(db, &p.id).await?;
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
                source: views::source(&e.model),
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

/// One page of the organisation's active projects the caller may see, each as on its
/// dashboard.
pub async fn overview(
    state: &AppState,
    who: &Principal,
    organisation_id: &str,
    page: &PageRequest,
) -> Result<OrganisationOverview, AppError> {
    let my_roles = crate::api::projects::my_roles(state, who).await?;
    let only = (!who.may(crate::access::Action::ProjectRead))
        .then(|| my_roles.keys().cloned().collect::<Vec<_>>());
    let (rows, next_cursor) = repo::active_projects(&state.db, organisation_id, only, page).await?;
    let now = Utc::now();
    let mut projects = Vec::with_capacity(rows.len());
    for p in &rows {
        let role = my_roles.get(&p.id).copied();
        projects.push(project_dashboard(&state.db, p, role, now).await?);
    }
    Ok(OrganisationOverview {
        organisation_id: parse_id(organisation_id),
        projects,
        next_cursor,
    })
}
