//! Indicators and measurements as stored: the values of a project's indicators in one
//! query, and the views the API answers with.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use varig_types::{
    Direction, Frequency, Indicator, IndicatorCategory, IndicatorSource, IndicatorStatus,
    Measurement, MeasurementRevision, MeasurementSource,
};

use super::{periods, Def};
use crate::entities::{indicator, measurement, measurement_revision};
use crate::error::AppError;
use crate::ids::parse_id;
use crate::plan::views::Names;

pub fn def(m: &indicator::Model) -> Def {
    Def {
        source: source(m),
        direction: Direction::parse(&m.direction).unwrap_or(Direction::Higher),
        green: m.green_threshold,
        amber: m.amber_threshold,
        frequency: frequency(m),
        start_date: m.start_date,
    }
}

pub fn source(m: &indicator::Model) -> IndicatorSource {
    IndicatorSource::parse(&m.source).unwrap_or(IndicatorSource::Manual)
}

pub fn frequency(m: &indicator::Model) -> Frequency {
    Frequency::parse(&m.frequency).unwrap_or(Frequency::Monthly)
}

/// Every stored value of the project's indicators, by indicator: one query.
pub async fn values<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<HashMap<String, Vec<(NaiveDate, f64)>>, AppError> {
    let rows: Vec<(String, NaiveDate, f64)> = measurement::Entity::find()
        .select_only()
        .column(measurement::Column::IndicatorId)
        .column(measurement::Column::PeriodStart)
        .column(measurement::Column::Value)
        .filter(measurement::Column::ProjectId.eq(project_id))
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<String, Vec<(NaiveDate, f64)>> = HashMap::new();
    for (i, p, v) in rows {
        out.entry(i).or_default().push((p, v));
    }
    Ok(out)
}

pub fn view(m: &indicator::Model, status: IndicatorStatus, names: &Names) -> Indicator {
    Indicator {
        id: parse_id(&m.id),
        project_id: parse_id(&m.project_id),
        category: IndicatorCategory::parse(&m.category)
            .unwrap_or(IndicatorCategory::ImplementationQuality),
        name: m.name.clone(),
        description: m.description.clone(),
        unit: m.unit.clone(),
        source: source(m),
        direction: Direction::parse(&m.direction).unwrap_or(Direction::Higher),
        baseline: m.baseline,
        target: m.target,
        green_threshold: m.green_threshold,
        amber_threshold: m.amber_threshold,
        frequency: frequency(m),
        start_date: m.start_date,
        responsible_id: m.responsible_id.as_deref().map(parse_id),
        responsible_name: m
            .responsible_id
            .as_ref()
            .and_then(|r| names.get(r).cloned()),
        goal_id: m.goal_id.as_deref().map(parse_id),
        status,
        created_at: m.created_at,
        updated_at: m.updated_at,
        version: m.version,
    }
}

fn msource(s: &str) -> MeasurementSource {
    MeasurementSource::parse(s).unwrap_or(MeasurementSource::Person)
}

pub fn measurement_view(
    m: &measurement::Model,
    f: Frequency,
    corrections: &[measurement_revision::Model],
) -> Measurement {
    Measurement {
        id: parse_id(&m.id),
        indicator_id: parse_id(&m.indicator_id),
        period_start: m.period_start,
        period_end: periods::end_of(f, m.period_start),
        value: m.value,
        comment: m.comment.clone(),
        source: msource(&m.source),
        recorded_by_name: m.recorded_by_name.clone(),
        recorded_at: m.recorded_at,
        corrections: corrections
            .iter()
            .map(|r| MeasurementRevision {
                version: r.version,
                value: r.value,
                comment: r.comment.clone(),
                source: msource(&r.source),
                recorded_by_name: r.recorded_by_name.clone(),
                recorded_at: r.recorded_at,
            })
            .collect(),
        version: m.version,
    }
}
