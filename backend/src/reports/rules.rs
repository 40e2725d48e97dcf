//! Rules of field reports (pure): what a valid report is, the CSV export and reactions per
//! unit over time.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use varig_types::{
    FieldError, FieldReport, NewFieldReport, ReactionPoint, ReactionStage, StageCount,
};

use crate::domain::{self, field_error};

/// At most this many rows in one CSV export.
pub const MAX_EXPORT: u64 = 100_000;
pub const MAX_BARRIERS: usize = 10;
pub const MAX_PEOPLE: i32 = 100_000;

/// Checks a report: date not in the future (beyond tomorrow, for time zones) nor before
/// 2000, people reached 0–100000, a kind of resistance exactly when the stage is
/// resistance, at most 10 barriers with text, free texts within limits.
pub fn check(r: &NewFieldReport, today: NaiveDate) -> Result<(), Vec<FieldError>> {
    let mut errors = vec![];
    let earliest = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN);
    if r.date > today.succ_opt().unwrap_or(today) || r.date < earliest {
        errors.push(field_error(
            "date",
            "out_of_range",
            "must not lie in the future",
        ));
    }
    if !(0..=MAX_PEOPLE).contains(&r.people_reached) {
        errors.push(field_error(
            "people_reached",
            "out_of_range",
            "must be between 0 and 100000",
        ));
    }
    match (r.stage, r.resistance) {
        (ReactionStage::Resistance, None) => errors.push(field_error(
            "resistance",
            "required",
            "say whether it is can't, won't or don't",
        )),
        (s, Some(_)) if s != ReactionStage::Resistance => errors.push(field_error(
            "resistance",
            "not_allowed",
            "only with the stage resistance",
        )),
        _ => {}
    }
    if r.barriers.len() > MAX_BARRIERS {
        errors.push(field_error("barriers", "too_many", "at most 10 barriers"));
    }
    for (i, b) in r.barriers.iter().enumerate() {
        let t = b.text.trim();
        if t.is_empty() || t.chars().count() > 1000 {
            errors.push(field_error(
                &format!("barriers[{i}].text"),
                "out_of_range",
                "1–1000 characters",
            ));
        }
    }
    for (field, v) in [
        ("successes", &r.successes),
        ("support_needed", &r.support_needed),
    ] {
        if let Err(e) = domain::description(field, v) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Neutralises spreadsheet formulas and quotes a CSV cell.
/// A CSV cell, quoted, with formula-like text defused for spreadsheets.
pub fn cell(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_owned()
    };
    format!("\"{}\"", v.replace('"', "\"\""))
}

pub const CSV_HEADER: &str = "id,date,agent,unit,activity,people_reached,stage,resistance,barriers,successes,support_needed,created_at";

/// The reports as CSV (RFC 4180, CRLF line ends), one row each, header first.
pub fn csv(reports: &[FieldReport]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    for r in reports {
        let barriers: Vec<String> = r
            .barriers
            .iter()
            .map(|b| format!("{}: {}", b.level.as_str(), b.text))
            .collect();
        let row = [
            r.id.to_string(),
            r.date.to_string(),
            r.agent_name.clone(),
            r.unit_name.clone(),
            r.activity.as_str().to_owned(),
            r.people_reached.to_string(),
            r.stage.as_str().to_owned(),
            r.resistance
                .map(|x| x.as_str().to_owned())
                .unwrap_or_default(),
            barriers.join("; "),
            r.successes.clone(),
            r.support_needed.clone(),
            r.created_at.to_rfc3339(),
        ];
        out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// Counts per stage code within one unit and month.
type StageCounts = BTreeMap<&'static str, (ReactionStage, i32)>;

/// Reactions per unit and month, from (unit id, unit name, date, stage) of each report.
pub fn timeline(rows: &[(uuid::Uuid, String, NaiveDate, ReactionStage)]) -> Vec<ReactionPoint> {
    let mut map: BTreeMap<(String, uuid::Uuid, String), StageCounts> = BTreeMap::new();
    for (unit, name, date, stage) in rows {
        let month = format!("{:04}-{:02}", date.year(), date.month());
        let e = map
            .entry((name.clone(), *unit, month))
            .or_default()
            .entry(stage.as_str())
            .or_insert((*stage, 0));
        e.1 += 1;
    }
    map.into_iter()
        .map(|((name, unit, month), counts)| {
            let mut counts: Vec<StageCount> = counts
                .into_values()
                .map(|(stage, count)| StageCount { stage, count })
                .collect();
            counts.sort_by_key(|c| ReactionStage::ALL.iter().position(|s| *s == c.stage));
            ReactionPoint {
                unit_id: unit,
                unit_name: name,
                month,
                counts,
            }
        })
        .collect()
}

/// Today's date in Europe/Oslo.
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    crate::plan::rules::today_in_oslo(now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;
    use varig_types::{Activity, BarrierLevel, ReportBarrier, Resistance};

    fn report() -> NewFieldReport {
        NewFieldReport {
            id: Uuid::new_v4(),
            date: "2026-11-20".parse().unwrap(),
            unit_id: Uuid::new_v4(),
            activity: Activity::InformationMeeting,
            people_reached: 12,
            stage: ReactionStage::Understanding,
            resistance: None,
            barriers: vec![],
            successes: String::new(),
            support_needed: String::new(),
        }
    }

    #[test]
    fn a_report_is_checked_field_by_field() {
        let today: NaiveDate = "2026-11-25".parse().unwrap();
        assert!(check(&report(), today).is_ok());
        let mut r = report();
        r.date = "2026-12-01".parse().unwrap();
        r.people_reached = -1;
        r.stage = ReactionStage::Resistance;
        r.barriers = vec![ReportBarrier {
            level: BarrierLevel::Team,
            text: " ".into(),
        }];
        let fields: Vec<_> = check(&r, today)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            vec!["date", "people_reached", "resistance", "barriers[0].text"]
        );
        let mut r = report();
        r.resistance = Some(Resistance::Wont);
        assert_eq!(check(&r, today).unwrap_err()[0].code, "not_allowed");
        r.stage = ReactionStage::Resistance;
        assert!(check(&r, today).is_ok());
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let r = FieldReport {
            id: Uuid::nil(),
            project_id: Uuid::nil(),
            agent_user_id: Uuid::nil(),
            agent_name: "Kari \"K\" Nordmann".into(),
            date: "2026-11-20".parse().unwrap(),
            unit_id: Uuid::nil(),
            unit_name: "Nord skole".into(),
            activity: Activity::Coaching,
            people_reached: 3,
            stage: ReactionStage::Resistance,
            resistance: Some(Resistance::Cant),
            barriers: vec![ReportBarrier {
                level: BarrierLevel::Team,
                text: "Lite tid, mye, annet".into(),
            }],
            successes: "=HYPERLINK(\"x\")".into(),
            support_needed: "Linje 1\nLinje 2".into(),
            created_at: "2026-11-20T10:00:00Z".parse().unwrap(),
        };
        let out = csv(&[r]);
        let mut lines = out.split("\r\n");
        assert_eq!(lines.next(), Some(CSV_HEADER));
        let row = lines.next().unwrap();
        assert!(row.contains("\"Kari \"\"K\"\" Nordmann\""));
        assert!(row.contains("\"team: Lite tid, mye, annet\""));
        assert!(row.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{row}");
        assert!(row.contains("\"Linje 1\nLinje 2\""));
        assert!(row.contains("\"cant\""));
    }

    #[test]
    fn reactions_are_counted_per_unit_and_month_in_stage_order() {
        let a = Uuid::new_v4();
        let b = Uuid::new_v4();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let rows = vec![
            (
                a,
                "A skole".to_owned(),
                d("2026-09-03"),
                ReactionStage::Ownership,
            ),
            (
                a,
                "A skole".to_owned(),
                d("2026-09-20"),
                ReactionStage::Awareness,
            ),
            (
                a,
                "A skole".to_owned(),
                d("2026-09-21"),
                ReactionStage::Awareness,
            ),
            (
                a,
                "A skole".to_owned(),
                d("2026-10-01"),
                ReactionStage::TryingOut,
            ),
            (
                b,
                "B barnehage".to_owned(),
                d("2026-09-05"),
                ReactionStage::Resistance,
            ),
        ];
        let t = timeline(&rows);
        assert_eq!(t.len(), 3);
        assert_eq!(
            (t[0].unit_name.as_str(), t[0].month.as_str()),
            ("A skole", "2026-09")
        );
        assert_eq!(
            t[0].counts,
            vec![
                StageCount {
                    stage: ReactionStage::Awareness,
                    count: 2
                },
                StageCount {
                    stage: ReactionStage::Ownership,
                    count: 1
                },
            ]
        );
        assert_eq!(t[1].month, "2026-10");
        assert_eq!(t[2].counts[0].stage, ReactionStage::Resistance);
    }
}
