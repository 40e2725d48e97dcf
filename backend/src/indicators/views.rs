//! Indicators and measurements as the API shows them, the definition as the status rules
//! read it, and the CSV export.

use varig_types::{
    Direction, Frequency, Indicator, IndicatorCategory, IndicatorSource, IndicatorStatus,
    Measurement, MeasurementRevision, MeasurementSource,
};

use super::{periods, Def};
use crate::entities::{indicator, measurement, measurement_revision};
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

/// The status an audit snapshot carries (the definition is what is audited).
pub fn no_status() -> IndicatorStatus {
    IndicatorStatus {
        rag: varig_types::Rag::NoData,
        trend: varig_types::Trend::NoData,
        latest_value: None,
        latest_period: None,
        previous_value: None,
        overdue_periods: vec![],
        next_due: None,
    }
}

pub const CSV_HEADER: &str =
    "indicator,category,unit,period_start,period_end,value,comment,source,recorded_by,recorded_at";

/// The measurements as CSV (RFC 4180, CRLF line ends), in the indicators' order.
pub fn csv(inds: &[indicator::Model], rows: &[measurement::Model]) -> String {
    use crate::reports::cell;
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    for i in inds {
        let f = frequency(i);
        for r in rows.iter().filter(|r| r.indicator_id == i.id) {
            let line = [
                cell(&i.name),
                cell(&i.category),
                cell(&i.unit),
                r.period_start.to_string(),
                periods::end_of(f, r.period_start).to_string(),
                r.value.to_string(),
                cell(&r.comment),
                cell(&r.source),
                cell(&r.recorded_by_name),
                r.recorded_at.to_rfc3339(),
            ];
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
    }
    out
}
