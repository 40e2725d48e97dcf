//! Rows of the plan tables as API objects. `names` maps user ids to display names.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use varig_types as t;

use super::rules;
use crate::entities::{barrier, checklist_item, goal, milestone, risk, stakeholder};
use crate::ids::parse_id;

pub type Names = HashMap<String, String>;

fn uuid(s: &Option<String>) -> Option<uuid::Uuid> {
    s.as_deref().map(parse_id)
}

fn name_of(names: &Names, id: &Option<String>) -> Option<String> {
    id.as_ref().and_then(|i| names.get(i).cloned())
}

pub fn checklist_item(m: &checklist_item::Model, names: &Names) -> t::ChecklistItem {
    t::ChecklistItem {
        id: parse_id(&m.id),
        project_id: parse_id(&m.project_id),
        phase: m.phase,
        kind: m.kind,
        key: m.key.clone(),
        title: t::LocalText {
            nb: m.title_nb.clone(),
            nn: m.title_nn.clone(),
            en: m.title_en.clone(),
        },
        status: m.status,
        not_relevant_reason: m.not_relevant_reason.clone(),
        responsible_id: uuid(&m.responsible_id),
        responsible_name: name_of(names, &m.responsible_id),
        evidence: m.evidence.clone(),
        evidence_links: serde_json::from_str(&m.evidence_links).unwrap_or_default(),
        updated_by: uuid(&m.updated_by),
        updated_by_name: name_of(names, &m.updated_by),
        updated_at: m.updated_at,
        version: m.version,
    }
}

pub fn milestone(m: &milestone::Model, names: &Names, now: DateTime<Utc>) -> t::Milestone {
    let status = m.status;
    t::Milestone {
        id: parse_id(&m.id),
        project_id: parse_id(&m.project_id),
        phase: m.phase,
        title: m.title.clone(),
        description: m.description.clone(),
        due_date: m.due_date,
        responsible_id: uuid(&m.responsible_id),
        responsible_name: name_of(names, &m.responsible_id),
        status,
        overdue: rules::overdue(m.due_date, status, now),
        completed_at: m.completed_at,
        created_at: m.created_at,
        updated_at: m.updated_at,
        version: m.version,
    }
}

pub fn goal(m: &goal::Model) -> t::Goal {
    t::Goal {
        id: parse_id(&m.id),
        project_id: parse_id(&m.project_id),
        level: m.level,
        parent_id: uuid(&m.parent_id),
        title: m.title.clone(),
        description: m.description.clone(),
        indicator_id: uuid(&m.indicator_id),
        created_at: m.created_at,
        updated_at: m.updated_at,
        version: m.version,
    }
}

pub fn stakeholder(m: &stakeholder::Model) -> t::Stakeholder {
    let (influence, affected) = (m.influence, m.affected);
    t::Stakeholder {
        id: parse_id(&m.id),
        project_id: parse_id(&m.project_id),
        name: m.name.clone(),
        influence,
        affected,
        attitude: m.attitude,
        measures: m.measures.clone(),
        strategy: rules::stakeholder_strategy(influence, affected),
        created_at: m.created_at,
        updated_at: m.updated_at,
        version: m.version,
    }
}

pub fn barrier(m: &barrier::Model, names: &Names) -> t::Barrier {
    t::Barrier {
        id: parse_id(&m.id),
        project_id: parse_id(&m.project_id),
        level: m.level,
        kind: m.kind,
        description: m.description.clone(),
        strength: m.strength,
        resistance: m.resistance,
        strategy: m.strategy.clone(),
        responsible_id: uuid(&m.responsible_id),
        responsible_name: name_of(names, &m.responsible_id),
        created_at: m.created_at,
        updated_at: m.updated_at,
        version: m.version,
    }
}

pub fn risk(m: &risk::Model, names: &Names) -> t::Risk {
    let score = rules::risk_score(m.probability, m.consequence);
    t::Risk {
        id: parse_id(&m.id),
        project_id: parse_id(&m.project_id),
        title: m.title.clone(),
        description: m.description.clone(),
        probability: m.probability,
        consequence: m.consequence,
        score,
        level: rules::risk_level(score),
        owner_id: uuid(&m.owner_id),
        owner_name: name_of(names, &m.owner_id),
        mitigation: m.mitigation.clone(),
        status: m.status,
        created_at: m.created_at,
        updated_at: m.updated_at,
        version: m.version,
    }
}
