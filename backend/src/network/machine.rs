//! A change agent's way through the network and when an agent counts as silent.

use chrono::NaiveDate;
use varig_types::{AgentStatus, AgentStatusChange};

fn rank(s: AgentStatus) -> u8 {
    match s {
        AgentStatus::Nominated => 0,
        AgentStatus::Recruited => 1,
        AgentStatus::Trained => 2,
        AgentStatus::Active => 3,
        AgentStatus::Inactive => 4,
    }
}

/// Forward along nominated → recruited → trained → active (steps may be recorded late, so
/// several at once are fine), to inactive from anywhere, and from inactive back to active.
/// Staying in the same status is allowed (to change units only).
pub fn check_transition(from: AgentStatus, to: AgentStatus) -> Result<(), String> {
    let ok = from == to
        || to == AgentStatus::Inactive
        || (from == AgentStatus::Inactive && to == AgentStatus::Active)
        || (from != AgentStatus::Inactive && rank(to) > rank(from));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "an agent cannot go from {} back to {}",
            from.as_str(),
            to.as_str()
        ))
    }
}

/// The history after a move to `to` on `on` (unchanged when the status stays).
pub fn record(
    history: &[AgentStatusChange],
    from: AgentStatus,
    to: AgentStatus,
    on: NaiveDate,
) -> Vec<AgentStatusChange> {
    let mut out = history.to_vec();
    if from != to {
        out.push(AgentStatusChange { status: to, on });
    }
    out
}

/// The date the agent last became active.
pub fn active_since(history: &[AgentStatusChange]) -> Option<NaiveDate> {
    history
        .iter()
        .rev()
        .find(|h| h.status == AgentStatus::Active)
        .map(|h| h.on)
}

/// An active agent is silent when neither a report nor becoming active lies within the
/// last `weeks` weeks. Agents who are not active are never silent.
pub fn silent(
    status: AgentStatus,
    last_report: Option<NaiveDate>,
    active_since: Option<NaiveDate>,
    today: NaiveDate,
    weeks: i32,
) -> bool {
    if status != AgentStatus::Active {
        return false;
    }
    let since = match (last_report, active_since) {
        (Some(r), Some(a)) => r.max(a),
        (Some(r), None) => r,
        (None, Some(a)) => a,
        (None, None) => return true,
    };
    (today - since).num_days() > i64::from(weeks) * 7
}

#[cfg(test)]
mod tests {
    use super::*;
    use AgentStatus::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn transitions() {
        for (from, to) in [
            (Nominated, Recruited),
            (Recruited, Trained),
            (Trained, Active),
            (Nominated, Active),
            (Active, Inactive),
            (Nominated, Inactive),
            (Inactive, Active),
            (Active, Active),
        ] {
            assert!(check_transition(from, to).is_ok(), "{from:?} → {to:?}");
        }
        for (from, to) in [
            (Active, Trained),
            (Trained, Nominated),
            (Inactive, Nominated),
            (Inactive, Trained),
        ] {
            assert!(check_transition(from, to).is_err(), "{from:?} → {to:?}");
        }
    }

    #[test]
    fn history_keeps_every_move_with_its_date() {
        let h = record(&[], Nominated, Nominated, d("2026-01-01"));
        assert!(h.is_empty());
        let h = record(&h, Nominated, Active, d("2026-02-01"));
        let h = record(&h, Active, Inactive, d("2026-05-01"));
        let h = record(&h, Inactive, Active, d("2026-08-01"));
        assert_eq!(h.len(), 3);
        assert_eq!(active_since(&h), Some(d("2026-08-01")));
    }

    #[test]
    fn silence_counts_from_the_last_report_or_activation() {
        let today = d("2026-11-25");
        // Reported 4 weeks ago exactly: not silent with a 4-week threshold; one day more is.
        assert!(!silent(
            Active,
            Some(d("2026-10-28")),
            Some(d("2026-01-01")),
            today,
            4
        ));
        assert!(silent(
            Active,
            Some(d("2026-10-27")),
            Some(d("2026-01-01")),
            today,
            4
        ));
        // Never reported, but only just activated.
        assert!(!silent(Active, None, Some(d("2026-11-20")), today, 4));
        assert!(silent(Active, None, Some(d("2026-09-01")), today, 4));
        // Re-activated recently after an old report.
        assert!(!silent(
            Active,
            Some(d("2025-01-01")),
            Some(d("2026-11-01")),
            today,
            4
        ));
        // Inactive and trained agents are not silent, they are not expected to report.
        assert!(!silent(Inactive, None, None, today, 4));
        assert!(!silent(Trained, None, None, today, 4));
        assert!(silent(Active, None, None, today, 4));
    }
}
