//! The status of one indicator from its stored values (and, when computed, its value now).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use varig_types::{Direction, Frequency, IndicatorSource, IndicatorStatus};

use super::{periods, status};

/// What the status rules need of a definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Def {
    pub source: IndicatorSource,
    pub direction: Direction,
    pub green: f64,
    pub amber: f64,
    pub frequency: Frequency,
    pub start_date: NaiveDate,
}

/// An indicator's status from its stored values (period start, value; any order) and, for a
/// computed indicator, its value now. Overdue periods are listed up to the last 24.
pub fn status_of(
    def: &Def,
    stored: &[(NaiveDate, f64)],
    live: Option<f64>,
    today: NaiveDate,
) -> IndicatorStatus {
    let mut values: Vec<(NaiveDate, f64)> = stored.to_vec();
    values.sort_by_key(|v| v.0);
    let current = periods::start_of(def.frequency, today);
    let (latest, previous) = if def.source == IndicatorSource::Manual {
        let n = values.len();
        (
            n.checked_sub(1).map(|i| values[i]),
            n.checked_sub(2).map(|i| values[i]),
        )
    } else {
        // Now, against the last value recorded for an earlier period.
        (
            live.map(|v| (current, v)),
            values.iter().rev().find(|v| v.0 < current).copied(),
        )
    };
    let rag = status::rag(latest.map(|v| v.1), def.direction, def.green, def.amber);
    let trend = status::trend(latest.map(|v| v.1), previous.map(|v| v.1), def.direction);
    let (overdue_periods, next_due) = if def.source == IndicatorSource::Manual {
        let measured: BTreeSet<NaiveDate> = values.iter().map(|v| v.0).collect();
        let mut over = status::overdue_periods(def.frequency, def.start_date, today, &measured);
        if over.len() > 24 {
            over.drain(..over.len() - 24);
        }
        (
            over,
            Some(status::next_due(def.frequency, def.start_date, today)),
        )
    } else {
        (vec![], None)
    };
    IndicatorStatus {
        rag,
        trend,
        latest_value: latest.map(|v| v.1),
        latest_period: latest.map(|v| v.0),
        previous_value: previous.map(|v| v.1),
        overdue_periods,
        next_due,
    }
}

/// The number of overdue periods (not capped), for the dashboard.
pub fn overdue_total(def: &Def, stored: &[(NaiveDate, f64)], today: NaiveDate) -> usize {
    if def.source != IndicatorSource::Manual {
        return 0;
    }
    let measured: BTreeSet<NaiveDate> = stored.iter().map(|v| v.0).collect();
    status::overdue_periods(def.frequency, def.start_date, today, &measured).len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use varig_types::{Rag, Trend};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn def(source: IndicatorSource) -> Def {
        Def {
            source,
            direction: Direction::Higher,
            green: 80.0,
            amber: 60.0,
            frequency: Frequency::Monthly,
            start_date: d(2027, 1, 1),
        }
    }

    #[test]
    fn a_manual_indicator_reads_its_latest_two_periods() {
        let today = d(2027, 4, 20);
        let stored = [
            (d(2027, 3, 1), 85.0),
            (d(2027, 1, 1), 70.0),
            (d(2027, 2, 1), 90.0),
        ];
        let s = status_of(&def(IndicatorSource::Manual), &stored, None, today);
        assert_eq!(s.latest_period, Some(d(2027, 3, 1)));
        assert_eq!((s.rag, s.trend), (Rag::Green, Trend::Worsening));
        assert_eq!(s.previous_value, Some(90.0));
        assert!(s.overdue_periods.is_empty());
        assert_eq!(s.next_due, Some(d(2027, 5, 14)));
        // Without values: no data, and every past-due period is overdue.
        let s = status_of(&def(IndicatorSource::Manual), &[], None, today);
        assert_eq!((s.rag, s.trend), (Rag::NoData, Trend::NoData));
        assert_eq!(
            s.overdue_periods,
            vec![d(2027, 1, 1), d(2027, 2, 1), d(2027, 3, 1)]
        );
        assert_eq!(overdue_total(&def(IndicatorSource::Manual), &[], today), 3);
    }

    #[test]
    fn a_computed_indicator_compares_now_with_the_last_recorded_period() {
        let today = d(2027, 4, 20);
        let c = def(IndicatorSource::MeetingAdherence);
        // April's own snapshot does not count as "before".
        let stored = [(d(2027, 3, 1), 50.0), (d(2027, 4, 1), 75.0)];
        let s = status_of(&c, &stored, Some(70.0), today);
        assert_eq!(s.latest_value, Some(70.0));
        assert_eq!(s.latest_period, Some(d(2027, 4, 1)));
        assert_eq!(s.previous_value, Some(50.0));
        assert_eq!((s.rag, s.trend), (Rag::Amber, Trend::Improving));
        assert!(s.overdue_periods.is_empty() && s.next_due.is_none());
        // No data now stays no data, whatever was recorded earlier.
        let s = status_of(&c, &stored, None, today);
        assert_eq!((s.rag, s.trend), (Rag::NoData, Trend::NoData));
        assert_eq!(overdue_total(&c, &[], today), 0);
    }
}
