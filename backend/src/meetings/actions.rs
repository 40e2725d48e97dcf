//! Action items stay visible until done: every meeting of the series shows the open actions
//! from its earlier meetings (carried over), plus those it creates.

use chrono::{DateTime, Utc};

#[derive(Debug, Clone)]
pub struct Action {
    pub id: String,
    /// When the meeting that created it was planned to start.
    pub created_at_meeting: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
}

/// The actions a meeting starting at `start` carries over: created at an earlier meeting
/// of the series and not done before `start`.
pub fn carried_over(actions: &[Action], start: DateTime<Utc>) -> Vec<&Action> {
    actions
        .iter()
        .filter(|a| a.created_at_meeting < start && a.done_at.is_none_or(|d| d >= start))
        .collect()
}

/// Overdue: past its due date (Europe/Oslo) and not done.
pub fn overdue(due: Option<chrono::NaiveDate>, done: bool, now: DateTime<Utc>) -> bool {
    !done && due.is_some_and(|d| d < crate::plan::rules::today_in_oslo(now))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn action(id: &str, at: &str, done: Option<&str>) -> Action {
        Action {
            id: id.into(),
            created_at_meeting: t(at),
            done_at: done.map(t),
        }
    }

    #[test]
    fn open_actions_move_to_the_next_meetings_until_done() {
        let actions = vec![
            action("a", "2026-09-01T08:00:00Z", None),
            action("b", "2026-09-01T08:00:00Z", Some("2026-09-20T10:00:00Z")),
            action("c", "2026-10-01T08:00:00Z", Some("2026-11-15T10:00:00Z")),
        ];
        let ids = |start: &str| -> Vec<String> {
            carried_over(&actions, t(start))
                .iter()
                .map(|a| a.id.clone())
                .collect()
        };
        assert!(
            ids("2026-09-01T08:00:00Z").is_empty(),
            "not carried into its own meeting"
        );
        assert_eq!(
            ids("2026-10-01T08:00:00Z"),
            vec!["a"],
            "b was done before October"
        );
        assert_eq!(ids("2026-11-01T08:00:00Z"), vec!["a", "c"]);
        assert_eq!(
            ids("2026-12-01T08:00:00Z"),
            vec!["a"],
            "c was done in November"
        );
    }

    #[test]
    fn overdue_actions() {
        let now = t("2026-11-25T12:00:00Z");
        assert!(overdue(Some("2026-11-24".parse().unwrap()), false, now));
        assert!(!overdue(Some("2026-11-25".parse().unwrap()), false, now));
        assert!(!overdue(Some("2026-11-01".parse().unwrap()), true, now));
        assert!(!overdue(None, false, now));
    }
}
