//! How well a series is kept: the share of expected meetings held within the tolerance
//! window, the current streak of missed meetings, and minutes published within two days.

use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Planned,
    Held,
    Moved,
    Cancelled,
}

/// One meeting of a series as adherence sees it.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub planned: NaiveDate,
    pub status: Status,
    /// When it was held (for held and moved meetings).
    pub held_on: Option<NaiveDate>,
    pub minutes_published: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Adherence {
    /// Meetings whose window has closed (planned date + tolerance before today).
    pub expected: i32,
    pub held_on_time: i32,
    /// Absent while nothing is expected yet ("no data", not zero).
    pub share: Option<f64>,
    /// Expected meetings missed in a row, counting back from the latest.
    pub missed_streak: i32,
    pub held: i32,
    pub minutes_on_time: i32,
    /// Share of held meetings with minutes within two days; absent before any is held.
    pub minutes_share: Option<f64>,
}

pub const MINUTES_DAYS: i64 = 2;

fn on_time(o: &Occurrence, tolerance: i64) -> bool {
    matches!(o.status, Status::Held | Status::Moved)
        && o.held_on
            .is_some_and(|h| (h - o.planned).num_days().abs() <= tolerance)
}

/// Adherence of the `occurrences` (any order) as of `today`. A cancelled meeting is
/// expected and missed: the practice lapses whether or not someone wrote a reason.
pub fn adherence(occurrences: &[Occurrence], today: NaiveDate, tolerance: i64) -> Adherence {
    let mut due: Vec<&Occurrence> = occurrences
        .iter()
        .filter(|o| (today - o.planned).num_days() > tolerance || on_time(o, tolerance))
        .collect();
    due.sort_by_key(|o| o.planned);
    let held_on_time = due.iter().filter(|o| on_time(o, tolerance)).count() as i32;
    let missed_streak = due
        .iter()
        .rev()
        .take_while(|o| !on_time(o, tolerance))
        .count() as i32;
    let held: Vec<&Occurrence> = occurrences
        .iter()
        .filter(|o| matches!(o.status, Status::Held | Status::Moved) && o.held_on.is_some())
        .collect();
    let minutes_on_time = held
        .iter()
        .filter(|o| match (o.held_on, o.minutes_published) {
            (Some(h), Some(m)) => (m - h).num_days() <= MINUTES_DAYS,
            _ => false,
        })
        .count() as i32;
    let expected = due.len() as i32;
    Adherence {
        expected,
        held_on_time,
        share: (expected > 0).then(|| f64::from(held_on_time) / f64::from(expected)),
        missed_streak,
        held: held.len() as i32,
        minutes_on_time,
        minutes_share: (!held.is_empty()).then(|| f64::from(minutes_on_time) / held.len() as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn occ(planned: &str, status: Status, held: Option<&str>, minutes: Option<&str>) -> Occurrence {
        Occurrence {
            planned: d(planned),
            status,
            held_on: held.map(d),
            minutes_published: minutes.map(d),
        }
    }

    #[test]
    fn a_monthly_series_with_held_moved_cancelled_and_missing_meetings() {
        let series = vec![
            // Held on the day, minutes the next day.
            occ(
                "2026-06-10",
                Status::Held,
                Some("2026-06-10"),
                Some("2026-06-11"),
            ),
            // Moved by 5 days: within ±7, minutes after 4 days (late).
            occ(
                "2026-07-08",
                Status::Moved,
                Some("2026-07-13"),
                Some("2026-07-17"),
            ),
            // Moved by 12 days: outside the window.
            occ(
                "2026-08-12",
                Status::Moved,
                Some("2026-08-24"),
                Some("2026-08-24"),
            ),
            // Cancelled with a reason: still a missed meeting.
            occ("2026-09-09", Status::Cancelled, None, None),
            // Never recorded: missed once its window closed.
            occ("2026-10-14", Status::Planned, None, None),
            // Window still open on the 25th of November (planned the 18th, tolerance 7).
            occ("2026-11-18", Status::Planned, None, None),
        ];
        let a = adherence(&series, d("2026-11-25"), 7);
        assert_eq!(a.expected, 5, "the November meeting is not due yet");
        assert_eq!(a.held_on_time, 2);
        assert_eq!(a.share, Some(0.4));
        assert_eq!(a.missed_streak, 3, "August (too late), September, October");
        assert_eq!(a.held, 3);
        assert_eq!(
            a.minutes_on_time, 2,
            "June and August; July's came after 4 days"
        );
        assert!((a.minutes_share.unwrap() - 2.0 / 3.0).abs() < 1e-9);
        // A day later the November window has closed too.
        let later = adherence(&series, d("2026-11-26"), 7);
        assert_eq!((later.expected, later.missed_streak), (6, 4));
    }

    #[test]
    fn holding_a_meeting_early_counts_at_once_and_breaks_the_streak() {
        let series = vec![
            occ("2026-11-02", Status::Planned, None, None),
            occ("2026-11-09", Status::Planned, None, None),
            occ("2026-11-23", Status::Held, Some("2026-11-21"), None),
        ];
        let a = adherence(&series, d("2026-11-22"), 3);
        assert_eq!((a.expected, a.held_on_time, a.missed_streak), (3, 1, 0));
        assert_eq!(a.minutes_share, Some(0.0));
    }

    #[test]
    fn nothing_due_is_no_data() {
        let a = adherence(
            &[occ("2026-12-01", Status::Planned, None, None)],
            d("2026-11-25"),
            7,
        );
        assert_eq!(
            (a.expected, a.share, a.minutes_share, a.missed_streak),
            (0, None, None, 0)
        );
    }
}
