//! An indicator's status: red / amber / green against its thresholds, the trend of its
//! last two values read in its direction, and its overdue periods. "No data" is never zero.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use varig_types::{Direction, Frequency, Rag, Trend};

use super::periods;

/// Whether green and amber thresholds are in the indicator's direction (green no worse
/// than amber).
pub fn thresholds_ordered(direction: Direction, green: f64, amber: f64) -> bool {
    match direction {
        Direction::Higher => green >= amber,
        Direction::Lower => green <= amber,
    }
}

pub fn rag(value: Option<f64>, direction: Direction, green: f64, amber: f64) -> Rag {
    value.map_or(Rag::NoData, |v| Rag::of(direction, green, amber, v))
}

/// A change of at most this share of the larger of the two values counts as steady.
pub const STEADY_SHARE: f64 = 0.01;

pub fn trend(latest: Option<f64>, previous: Option<f64>, direction: Direction) -> Trend {
    let (Some(l), Some(p)) = (latest, previous) else {
        return Trend::NoData;
    };
    let delta = l - p;
    let tolerance = STEADY_SHARE * l.abs().max(p.abs());
    if delta.abs() <= tolerance {
        return Trend::Steady;
    }
    let better = match direction {
        Direction::Higher => delta > 0.0,
        Direction::Lower => delta < 0.0,
    };
    if better {
        Trend::Improving
    } else {
        Trend::Worsening
    }
}

/// Off target for the fade risk: red, or moving the wrong way.
pub fn off_target(rag: Rag, trend: Trend) -> bool {
    rag == Rag::Red || trend == Trend::Worsening
}

/// The periods past due on `today` without a value, oldest first.
pub fn overdue_periods(
    f: Frequency,
    start_date: NaiveDate,
    today: NaiveDate,
    measured: &BTreeSet<NaiveDate>,
) -> Vec<NaiveDate> {
    let first = periods::start_of(f, start_date);
    match periods::last_past_due(f, first, today) {
        Some(last) => periods::range(f, first, last)
            .into_iter()
            .filter(|p| !measured.contains(p))
            .collect(),
        None => vec![],
    }
}

/// How many periods are past due on `today` without a value, given how many past-due
/// periods have one.
pub fn overdue_count(
    f: Frequency,
    start_date: NaiveDate,
    today: NaiveDate,
    measured_past_due: usize,
) -> usize {
    let first = periods::start_of(f, start_date);
    match periods::last_past_due(f, first, today) {
        Some(last) => periods::range(f, first, last)
            .len()
            .saturating_sub(measured_past_due),
        None => 0,
    }
}

/// The day the next value is due: that of the first period after the last past-due one.
pub fn next_due(f: Frequency, start_date: NaiveDate, today: NaiveDate) -> NaiveDate {
    let first = periods::start_of(f, start_date);
    let p = match periods::last_past_due(f, first, today) {
        Some(last) => periods::next(f, last),
        None => first,
    };
    periods::due(f, p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn rag_reads_thresholds_in_the_indicators_direction() {
        use Direction::*;
        // Higher is better: green from 80, amber from 60.
        assert_eq!(rag(Some(80.0), Higher, 80.0, 60.0), Rag::Green);
        assert_eq!(rag(Some(79.9), Higher, 80.0, 60.0), Rag::Amber);
        assert_eq!(rag(Some(60.0), Higher, 80.0, 60.0), Rag::Amber);
        assert_eq!(rag(Some(59.0), Higher, 80.0, 60.0), Rag::Red);
        // Lower is better (e.g. waiting days): green up to 10, amber up to 20.
        assert_eq!(rag(Some(10.0), Lower, 10.0, 20.0), Rag::Green);
        assert_eq!(rag(Some(15.0), Lower, 10.0, 20.0), Rag::Amber);
        assert_eq!(rag(Some(21.0), Lower, 10.0, 20.0), Rag::Red);
        // No value is no data, not red, and zero is a value.
        assert_eq!(rag(None, Higher, 80.0, 60.0), Rag::NoData);
        assert_eq!(rag(Some(0.0), Lower, 10.0, 20.0), Rag::Green);
        assert!(thresholds_ordered(Higher, 80.0, 60.0));
        assert!(!thresholds_ordered(Higher, 60.0, 80.0));
        assert!(thresholds_ordered(Lower, 10.0, 20.0));
        assert!(!thresholds_ordered(Lower, 20.0, 10.0));
    }

    #[test]
    fn trend_depends_on_direction_and_ignores_tiny_changes() {
        use Direction::*;
        assert_eq!(trend(Some(70.0), Some(60.0), Higher), Trend::Improving);
        assert_eq!(trend(Some(70.0), Some(60.0), Lower), Trend::Worsening);
        assert_eq!(trend(Some(50.0), Some(60.0), Lower), Trend::Improving);
        assert_eq!(trend(Some(60.5), Some(60.0), Higher), Trend::Steady);
        assert_eq!(trend(Some(0.0), Some(0.0), Higher), Trend::Steady);
        assert_eq!(trend(Some(60.0), None, Higher), Trend::NoData);
        assert_eq!(trend(None, None, Higher), Trend::NoData);
        assert!(off_target(Rag::Red, Trend::Improving));
        assert!(off_target(Rag::Green, Trend::Worsening));
        assert!(!off_target(Rag::NoData, Trend::NoData));
    }

    #[test]
    fn overdue_counts_past_due_periods_without_a_value() {
        let start = d(2027, 1, 10);
        let today = d(2027, 4, 20); // Jan, Feb, Mar past due; April is current.
        let mut measured = BTreeSet::new();
        measured.insert(d(2027, 2, 1));
        let over = overdue_periods(Frequency::Monthly, start, today, &measured);
        assert_eq!(over, vec![d(2027, 1, 1), d(2027, 3, 1)]);
        assert_eq!(overdue_count(Frequency::Monthly, start, today, 1), 2);
        assert_eq!(next_due(Frequency::Monthly, start, today), d(2027, 5, 14));
        // A value for the current period does not make an old one less overdue.
        measured.insert(d(2027, 4, 1));
        assert_eq!(
            overdue_periods(Frequency::Monthly, start, today, &measured).len(),
            2
        );
        // Before the first value is due, nothing is overdue.
        assert!(
            overdue_periods(Frequency::Monthly, start, d(2027, 2, 14), &BTreeSet::new()).is_empty()
        );
        assert_eq!(
            next_due(Frequency::Monthly, start, d(2027, 1, 20)),
            d(2027, 2, 14)
        );
    }
}
