//! Dates and instants of a series' meetings. Dates follow the rule in the series' own
//! calendar; the wall-clock time is then placed in the series' time zone, so a 09:00
//! meeting stays at 09:00 in Oslo across the March and October changes (and moves in UTC).

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use varig_types::{Recurrence, RecurrenceKind, Weekday};

pub fn weekday(w: Weekday) -> chrono::Weekday {
    match w {
        Weekday::Monday => chrono::Weekday::Mon,
        Weekday::Tuesday => chrono::Weekday::Tue,
        Weekday::Wednesday => chrono::Weekday::Wed,
        Weekday::Thursday => chrono::Weekday::Thu,
        Weekday::Friday => chrono::Weekday::Fri,
        Weekday::Saturday => chrono::Weekday::Sat,
        Weekday::Sunday => chrono::Weekday::Sun,
    }
}

/// What is wrong with a rule, as (field, message).
pub fn check(r: &Recurrence) -> Result<(), (&'static str, &'static str)> {
    if !(1..=12).contains(&r.interval) {
        return Err(("recurrence.interval", "must be between 1 and 12"));
    }
    match r.kind {
        RecurrenceKind::Weekly if r.weekday.is_none() => {
            Err(("recurrence.weekday", "a weekly series needs a weekday"))
        }
        RecurrenceKind::MonthlyDay if !r.day_of_month.is_some_and(|d| (1..=31).contains(&d)) => {
            Err(("recurrence.day_of_month", "must be between 1 and 31"))
        }
        RecurrenceKind::MonthlyNthWeekday
            if r.weekday.is_none() || !r.nth.is_some_and(|n| (1..=4).contains(&n) || n == -1) =>
        {
            Err(("recurrence.nth", "needs a weekday and nth 1–4 or -1 (last)"))
        }
        RecurrenceKind::Planned if r.planned_dates.is_empty() || r.planned_dates.len() > 60 => {
            Err(("recurrence.planned_dates", "1–60 planned dates"))
        }
        RecurrenceKind::Planned if matches!((r.per_year_min, r.per_year_max), (Some(a), Some(b)) if a > b || a < 1) => {
            Err((
                "recurrence.per_year_min",
                "must be at least 1 and at most per_year_max",
            ))
        }
        _ => Ok(()),
    }
}

fn last_day(year: i32, month: u32) -> u32 {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .map_or(28, |d| d.day())
}

fn add_months(year: i32, month: u32, n: u32) -> (i32, u32) {
    let total = year * 12 + (month as i32 - 1) + n as i32;
    (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32)
}

/// The `nth` (1–4, or -1 = last) `wd` of a month.
pub fn nth_weekday(year: i32, month: u32, wd: chrono::Weekday, nth: i32) -> Option<NaiveDate> {
    if nth == -1 {
        let last = NaiveDate::from_ymd_opt(year, month, last_day(year, month))?;
        let back = (last.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
        return Some(last - Duration::days(i64::from(back)));
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let ahead = (wd.num_days_from_monday() + 7 - first.weekday().num_days_from_monday()) % 7;
    let d = first + Duration::days(i64::from(ahead) + 7 * i64::from(nth - 1));
    (d.month() == month).then_some(d)
}

/// Every meeting date of the rule from `start` to `until` (both included), in order.
pub fn dates(r: &Recurrence, start: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
    let mut out = vec![];
    let interval = r.interval.clamp(1, 12) as u32;
    match r.kind {
        RecurrenceKind::Weekly => {
            let Some(wd) = r.weekday.map(weekday) else {
                return out;
            };
            let ahead =
                (wd.num_days_from_monday() + 7 - start.weekday().num_days_from_monday()) % 7;
            let mut d = start + Duration::days(i64::from(ahead));
            while d <= until {
                out.push(d);
                d += Duration::weeks(i64::from(interval));
            }
        }
        RecurrenceKind::MonthlyDay | RecurrenceKind::MonthlyNthWeekday => {
            let mut k = 0;
            loop {
                let (y, m) = add_months(start.year(), start.month(), k * interval);
                if NaiveDate::from_ymd_opt(y, m, 1).is_none_or(|first| first > until) {
                    break;
                }
                let d = match r.kind {
                    RecurrenceKind::MonthlyDay => {
                        let day = r.day_of_month.unwrap_or(1).clamp(1, 31) as u32;
                        NaiveDate::from_ymd_opt(y, m, day.min(last_day(y, m)))
                    }
                    _ => r
                        .weekday
                        .and_then(|w| nth_weekday(y, m, weekday(w), r.nth.unwrap_or(1))),
                };
                if let Some(d) = d.filter(|d| *d >= start && *d <= until) {
                    out.push(d);
                }
                k += 1;
            }
        }
        RecurrenceKind::Planned => {
            out = r
                .planned_dates
                .iter()
                .copied()
                .filter(|d| *d >= start && *d <= until)
                .collect();
            out.sort_unstable();
            out.dedup();
        }
    }
    out
}

/// The instant a meeting at local `time` on `date` starts in `tz`. A time that does not
/// exist (the spring gap) moves forward by the gap; an ambiguous one (the autumn fold)
/// takes the first occurrence.
pub fn instant(date: NaiveDate, time: NaiveTime, tz: Tz) -> DateTime<Utc> {
    let local = date.and_time(time);
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            let later = local + Duration::hours(1);
            match tz.from_local_datetime(&later) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
                LocalResult::None => Utc.from_utc_datetime(&local),
            }
        }
    }
}

/// How many days early or late a meeting still counts as held on time: ±3 for weekly,
/// ±7 for monthly, ±14 for every third month or rarer and for planned dates.
pub fn tolerance_days(r: &Recurrence) -> i64 {
    match (r.kind, r.interval) {
        (RecurrenceKind::Weekly, _) => 3,
        (RecurrenceKind::Planned, _) => 14,
        (_, i) if i >= 3 => 14,
        _ => 7,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Oslo;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn rule(kind: RecurrenceKind) -> Recurrence {
        Recurrence {
            kind,
            interval: 1,
            weekday: None,
            day_of_month: None,
            nth: None,
            planned_dates: vec![],
            per_year_min: None,
            per_year_max: None,
        }
    }

    #[test]
    fn weekly_meetings_keep_their_wall_clock_time_across_both_dst_changes() {
        let mut r = rule(RecurrenceKind::Weekly);
        r.weekday = Some(Weekday::Monday);
        // 2026: summer time starts Sunday 29 March, ends Sunday 25 October.
        let days = dates(&r, d("2026-03-20"), d("2026-04-07"));
        assert_eq!(
            days,
            vec![d("2026-03-23"), d("2026-03-30"), d("2026-04-06")]
        );
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        let utc: Vec<String> = days
            .iter()
            .map(|x| instant(*x, nine, Oslo).to_rfc3339())
            .collect();
        assert_eq!(
            utc,
            vec![
                "2026-03-23T08:00:00+00:00",
                "2026-03-30T07:00:00+00:00",
                "2026-04-06T07:00:00+00:00"
            ]
        );
        let autumn = dates(&r, d("2026-10-19"), d("2026-10-27"));
        let utc: Vec<String> = autumn
            .iter()
            .map(|x| instant(*x, nine, Oslo).to_rfc3339())
            .collect();
        assert_eq!(
            utc,
            vec!["2026-10-19T07:00:00+00:00", "2026-10-26T08:00:00+00:00"]
        );
    }

    #[test]
    fn times_in_the_spring_gap_move_forward_and_the_autumn_fold_takes_the_first() {
        let gap = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        // 02:30 on 29 March 2026 does not exist in Oslo: 03:30 CEST = 01:30 UTC.
        assert_eq!(
            instant(d("2026-03-29"), gap, Oslo).to_rfc3339(),
            "2026-03-29T01:30:00+00:00"
        );
        // 02:30 on 25 October 2026 happens twice: the first is 02:30 CEST = 00:30 UTC.
        assert_eq!(
            instant(d("2026-10-25"), gap, Oslo).to_rfc3339(),
            "2026-10-25T00:30:00+00:00"
        );
    }

    #[test]
    fn nth_weekday_months_including_the_last_and_a_missing_fifth() {
        let mut r = rule(RecurrenceKind::MonthlyNthWeekday);
        r.weekday = Some(Weekday::Tuesday);
        r.nth = Some(2);
        let days = dates(&r, d("2026-01-01"), d("2026-04-30"));
        assert_eq!(
            days,
            vec![
                d("2026-01-13"),
                d("2026-02-10"),
                d("2026-03-10"),
                d("2026-04-14")
            ]
        );
        r.nth = Some(-1);
        let days = dates(&r, d("2026-01-01"), d("2026-03-31"));
        assert_eq!(
            days,
            vec![d("2026-01-27"), d("2026-02-24"), d("2026-03-31")]
        );
        // A series that starts after this month's date begins next month.
        r.nth = Some(1);
        assert_eq!(
            dates(&r, d("2026-01-07"), d("2026-02-28")),
            vec![d("2026-02-03")]
        );
        assert_eq!(
            nth_weekday(2026, 3, chrono::Weekday::Tue, 5),
            Some(d("2026-03-31"))
        );
        assert_eq!(nth_weekday(2026, 2, chrono::Weekday::Tue, 5), None);
    }

    #[test]
    fn monthly_days_clamp_to_short_months_and_quarters_step_three_months() {
        let mut r = rule(RecurrenceKind::MonthlyDay);
        r.day_of_month = Some(31);
        let days = dates(&r, d("2026-01-01"), d("2026-04-30"));
        assert_eq!(
            days,
            vec![
                d("2026-01-31"),
                d("2026-02-28"),
                d("2026-03-31"),
                d("2026-04-30")
            ]
        );
        r.day_of_month = Some(15);
        r.interval = 3;
        let days = dates(&r, d("2026-02-01"), d("2027-01-31"));
        assert_eq!(
            days,
            vec![
                d("2026-02-15"),
                d("2026-05-15"),
                d("2026-08-15"),
                d("2026-11-15")
            ]
        );
        assert_eq!(tolerance_days(&r), 14);
    }

    #[test]
    fn planned_dates_and_rule_checks() {
        let mut r = rule(RecurrenceKind::Planned);
        r.planned_dates = vec![
            d("2026-09-01"),
            d("2026-03-01"),
            d("2026-09-01"),
            d("2027-02-01"),
        ];
        assert_eq!(
            dates(&r, d("2026-01-01"), d("2026-12-31")),
            vec![d("2026-03-01"), d("2026-09-01")]
        );
        assert!(check(&r).is_ok());
        r.per_year_min = Some(6);
        r.per_year_max = Some(4);
        assert_eq!(check(&r).unwrap_err().0, "recurrence.per_year_min");
        let weekly = rule(RecurrenceKind::Weekly);
        assert_eq!(check(&weekly).unwrap_err().0, "recurrence.weekday");
        let mut nth = rule(RecurrenceKind::MonthlyNthWeekday);
        nth.weekday = Some(Weekday::Friday);
        nth.nth = Some(5);
        assert!(check(&nth).is_err());
    }
}
