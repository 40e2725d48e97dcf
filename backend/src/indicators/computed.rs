//! Indicators Varig computes from its own data, in the same shape as measured ones. What
//! does not exist yet (no meeting expected, no agent, no checklist) is "no data", never zero.

use varig_types::IndicatorSource as S;

/// Varig's own data about a project, as of now.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// Meetings held on time and expected over the last 90 days.
    pub meetings_held: i32,
    pub meetings_expected: i32,
    /// Change agents, and those active.
    pub agents: i32,
    pub active_agents: i32,
    /// Units in scope with an active agent, in percent (None with nothing in scope).
    pub unit_percent: Option<i32>,
    /// Field reports in the last 30 days.
    pub reports_30_days: i32,
    /// Completion of the current phase's checklist in percent (None without items).
    pub checklist_percent: Option<f64>,
    pub days_in_phase: i32,
}

fn share(n: i32, d: i32) -> Option<f64> {
    (d > 0).then(|| (f64::from(n) * 1000.0 / f64::from(d)).round() / 10.0)
}

/// The current value of a computed indicator (`None` for manual ones and for no data).
pub fn value(source: S, f: &Facts) -> Option<f64> {
    match source {
        S::Manual => None,
        S::MeetingAdherence => share(f.meetings_held, f.meetings_expected),
        S::ActiveAgentShare => share(f.active_agents, f.agents),
        S::NetworkCoverage => f.unit_percent.map(f64::from),
        S::ReportsPerActiveAgent => (f.active_agents > 0).then(|| {
            (f64::from(f.reports_30_days) * 100.0 / f64::from(f.active_agents)).round() / 100.0
        }),
        S::ChecklistCompletion => f.checklist_percent,
        S::DaysInPhase => Some(f64::from(f.days_in_phase)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_does_not_exist_yet_is_no_data_not_zero() {
        let none = Facts::default();
        for s in [
            S::MeetingAdherence,
            S::ActiveAgentShare,
            S::NetworkCoverage,
            S::ReportsPerActiveAgent,
            S::ChecklistCompletion,
            S::Manual,
        ] {
            assert_eq!(value(s, &none), None, "{s:?}");
        }
        // Days in phase always exist; zero days is a value.
        assert_eq!(value(S::DaysInPhase, &none), Some(0.0));
    }

    #[test]
    fn values_come_from_the_facts() {
        let f = Facts {
            meetings_held: 2,
            meetings_expected: 3,
            agents: 8,
            active_agents: 4,
            unit_percent: Some(50),
            reports_30_days: 10,
            checklist_percent: Some(40.0),
            days_in_phase: 12,
        };
        assert_eq!(value(S::MeetingAdherence, &f), Some(66.7));
        assert_eq!(value(S::ActiveAgentShare, &f), Some(50.0));
        assert_eq!(value(S::NetworkCoverage, &f), Some(50.0));
        assert_eq!(value(S::ReportsPerActiveAgent, &f), Some(2.5));
        assert_eq!(value(S::ChecklistCompletion, &f), Some(40.0));
        assert_eq!(value(S::DaysInPhase, &f), Some(12.0));
        // No reports from active agents is a real zero.
        let quiet = Facts {
            reports_30_days: 0,
            ..f
        };
        assert_eq!(value(S::ReportsPerActiveAgent, &quiet), Some(0.0));
    }
}
