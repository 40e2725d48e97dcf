//! Measurement periods on the calendar (Europe/Oslo dates): ISO weeks from Monday, months,
//! quarters and years, and when a period's value is due.

use chrono::{Datelike, Days, Months, NaiveDate};
use varig_types::Frequency;

/// The calendar Varig measures on: indicators start, and measurements fall, in these years.
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
pub const LATEST: NaiveDate = match NaiveDate::from_ymd_opt(2100, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// The first day of the period `date` falls in.
pub fn start_of(f: Frequency, date: NaiveDate) -> NaiveDate {
    match f {
        Frequency::Weekly => date - Days::new(u64::from(date.weekday().num_days_from_monday())),
        Frequency::Monthly => first(date.year(), date.month()),
        Frequency::Quarterly => first(date.year(), (date.month() - 1) / 3 * 3 + 1),
        Frequency::Yearly => first(date.year(), 1),
    }
}

fn first(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

/// The first day of the period after the one starting at `start`.
pub fn next(f: Frequency, start: NaiveDate) -> NaiveDate {
    let n = match f {
        Frequency::Weekly => return start + Days::new(7),
        Frequency::Monthly => 1,
        Frequency::Quarterly => 3,
        Frequency::Yearly => 12,
    };
    start
        .checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

/// The last day of the period starting at `start`.
pub fn end_of(f: Frequency, start: NaiveDate) -> NaiveDate {
    next(f, start).pred_opt().unwrap_or(start)
}

/// Days after a period's end before its value counts as overdue.
pub fn grace_days(f: Frequency) -> u64 {
    match f {
        Frequency::Weekly => 7,
        Frequency::Monthly => 14,
        Frequency::Quarterly => 30,
        Frequency::Yearly => 60,
    }
}

/// The day a period's value is due: its last day plus the grace.
pub fn due(f: Frequency, start: NaiveDate) -> NaiveDate {
    end_of(f, start) + Days::new(grace_days(f))
}

/// The start of the latest period that is past due on `today` (None when none is).
pub fn last_past_due(f: Frequency, first_period: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
    // Step back from the current period until its due day has passed.
    let mut p = start_of(f, today);
    while p >= first_period {
        if due(f, p) < today {
            return Some(p);
        }
        p = start_of(f, p.pred_opt()?);
    }
    None
}

/// Every period start from `first_period` up to and including `last`.
pub fn range(f: Frequency, first_period: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    let mut out = vec![];
    let mut p = start_of(f, first_period);
    while p <= last {
        out.push(p);
        p = next(f, p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_follow_the_calendar() {
        // 2027-01-01 is a Friday: its ISO week starts on Monday 2026-12-28.
        assert_eq!(start_of(Frequency::Weekly, d(2027, 1, 1)), d(2026, 12, 28));
        assert_eq!(start_of(Frequency::Monthly, d(2027, 2, 28)), d(2027, 2, 1));
        assert_eq!(
            start_of(Frequency::Quarterly, d(2027, 6, 30)),
            d(2027, 4, 1)
        );
        assert_eq!(
            start_of(Frequency::Quarterly, d(2027, 10, 1)),
            d(2027, 10, 1)
        );
        assert_eq!(start_of(Frequency::Yearly, d(2027, 7, 4)), d(2027, 1, 1));
        assert_eq!(end_of(Frequency::Monthly, d(2028, 2, 1)), d(2028, 2, 29));
        assert_eq!(
            end_of(Frequency::Quarterly, d(2027, 10, 1)),
            d(2027, 12, 31)
        );
        assert_eq!(end_of(Frequency::Weekly, d(2026, 12, 28)), d(2027, 1, 3));
    }

    #[test]
    fn a_period_is_past_due_only_after_its_grace() {
        let jan = d(2027, 1, 1);
        // January's value is due on 14 February.
        assert_eq!(due(Frequency::Monthly, jan), d(2027, 2, 14));
        assert_eq!(last_past_due(Frequency::Monthly, jan, d(2027, 2, 14)), None);
        assert_eq!(
            last_past_due(Frequency::Monthly, jan, d(2027, 2, 15)),
            Some(jan)
        );
        // On 10 March, February is still in its grace: January is the last past due.
        assert_eq!(
            last_past_due(Frequency::Monthly, jan, d(2027, 3, 10)),
            Some(jan)
        );
        assert_eq!(
            last_past_due(Frequency::Monthly, jan, d(2027, 3, 15)),
            Some(d(2027, 2, 1))
        );
        // Nothing before the first period counts.
        assert_eq!(
            last_past_due(Frequency::Monthly, d(2027, 3, 1), d(2027, 3, 20)),
            None
        );
    }

    #[test]
    fn ranges_list_every_period() {
        let r = range(Frequency::Quarterly, d(2027, 2, 10), d(2027, 10, 1));
        assert_eq!(
            r,
            vec![d(2027, 1, 1), d(2027, 4, 1), d(2027, 7, 1), d(2027, 10, 1)]
        );
        assert!(range(Frequency::Yearly, d(2027, 1, 1), d(2026, 1, 1)).is_empty());
    }
}
