//! The field report's checks before it is queued: the same rules the server applies, so
//! an offline report is not refused later for a slip the form could have caught.

use chrono::NaiveDate;
use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{Activity, BarrierLevel, ReactionStage, ReportBarrier, Resistance};

use super::super::today;

/// The most people one report can say it reached.
pub(super) const MAX_PEOPLE: i32 = 100_000;

/// One barrier row of the form: a stable key (for ids), its level and its text.
#[derive(Debug, Clone, Copy)]
pub(super) struct BarrierRow {
    pub(super) key: u32,
    pub(super) level: RwSignal<String>,
    pub(super) text: RwSignal<String>,
}

/// A report that passed the checks (its id and author are added when it is queued).
#[derive(Debug, Clone)]
pub(super) struct Checked {
    pub(super) date: NaiveDate,
    pub(super) unit_id: Uuid,
    pub(super) activity: Activity,
    pub(super) people_reached: i32,
    pub(super) stage: ReactionStage,
    /// As chosen; it counts only when the stage is resistance.
    pub(super) resistance: Option<Resistance>,
    pub(super) barriers: Vec<ReportBarrier>,
}

/// The form's fields, as typed, checked: the report, or each field in error (in the form's
/// order) with the key of its message; a barrier's field is `barrier-<key>`.
pub(super) fn check(
    date_text: &str,
    unit: &str,
    activity: &str,
    people_text: &str,
    stage: &str,
    resistance: &str,
    barriers: &[BarrierRow],
) -> Result<Checked, Vec<(String, &'static str)>> {
    let mut errs: Vec<(String, &'static str)> = Vec::new();
    let parsed_date: Result<NaiveDate, _> = date_text.trim().parse();
    if parsed_date.is_err() {
        errs.push(("date".into(), "report.date_required"));
    } else if date_text.trim() > today().as_str() {
        errs.push(("date".into(), "report.date_future"));
    }
    let unit_id = Uuid::parse_str(unit).ok();
    if unit_id.is_none() {
        errs.push(("unit".into(), "report.unit_required"));
    }
    let act = Activity::parse(activity);
    if act.is_none() {
        errs.push(("activity".into(), "report.activity_required"));
    }
    let people_reached = if people_text.trim().is_empty() {
        Some(0)
    } else {
        people_text
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|n| (0..=MAX_PEOPLE).contains(n))
    };
    if people_reached.is_none() {
        errs.push(("people".into(), "report.people_invalid"));
    }
    let st = ReactionStage::parse(stage);
    if st.is_none() {
        errs.push(("stage".into(), "report.stage_required"));
    }
    let res = Resistance::parse(resistance);
    if st == Some(ReactionStage::Resistance) && res.is_none() {
        errs.push(("resistance".into(), "report.resistance_required"));
    }
    let mut report_barriers = Vec::new();
    for row in barriers {
        let text = row.text.get_untracked().trim().to_owned();
        if text.is_empty() {
            errs.push((
                format!("barrier-{}", row.key),
                "report.barrier_text_required",
            ));
        } else if let Some(level) = BarrierLevel::parse(&row.level.get_untracked()) {
            report_barriers.push(ReportBarrier { level, text });
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    match (parsed_date, unit_id, act, people_reached, st) {
        (Ok(date), Some(unit_id), Some(activity), Some(people_reached), Some(stage)) => {
            Ok(Checked {
                date,
                unit_id,
                activity,
                people_reached,
                stage,
                resistance: res,
                barriers: report_barriers,
            })
        }
        // Every missing part was named above.
        _ => Err(errs),
    }
}
