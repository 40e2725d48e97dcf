//! The rules of the phase plan and the planning tools, free of HTTP and database:
//! checklist completion, overdue milestones, the goal tree, risk scores and stakeholder
//! strategies.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Oslo;
use varig_types::{
    Degree, GoalLevel, ItemStatus, MilestoneStatus, Phase, PhaseCompletion, RiskLevel,
    StakeholderStrategy,
};

/// Completion of each phase from its items' statuses. Not-relevant items do not count;
/// a phase with no relevant item is complete.
pub fn completion(items: &[(Phase, ItemStatus)]) -> Vec<PhaseCompletion> {
    Phase::ALL
        .iter()
        .map(|&phase| {
            let of = |s: ItemStatus| {
                items
                    .iter()
                    .filter(|(p, st)| *p == phase && *st == s)
                    .count() as i32
            };
            let total = items.iter().filter(|(p, _)| *p == phase).count() as i32;
            let done = of(ItemStatus::Done);
            let not_relevant = of(ItemStatus::NotRelevant);
            let relevant = total - not_relevant;
            let percent = if relevant == 0 {
                100
            } else {
                // Rounded down: 100 only when every relevant item is done.
                done * 100 / relevant
            };
            PhaseCompletion {
                phase,
                total,
                done,
                in_progress: of(ItemStatus::InProgress),
                not_relevant,
                percent,
            }
        })
        .collect()
}

/// Today's date where the municipalities are.
pub fn today_in_oslo(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Oslo).date_naive()
}

/// A milestone is overdue when its due date has passed (in Europe/Oslo) and it is
/// neither done nor cancelled. Due today is not overdue.
pub fn overdue(due: NaiveDate, status: MilestoneStatus, now: DateTime<Utc>) -> bool {
    !matches!(status, MilestoneStatus::Done | MilestoneStatus::Cancelled)
        && due < today_in_oslo(now)
}

fn rank(level: GoalLevel) -> u8 {
    match level {
        GoalLevel::Effect => 0,
        GoalLevel::Result => 1,
        GoalLevel::Process => 2,
        GoalLevel::Sub => 3,
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum GoalTreeError {
    /// An effect goal sits at the top; it has no parent.
    EffectHasParent,
    /// The parent must be of a higher level (a sub-goal may serve a sub-goal).
    ParentLevel,
    /// The goal would end up below itself.
    Cycle,
}

impl std::fmt::Display for GoalTreeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::EffectHasParent => "an effect goal is at the top of the tree and has no parent",
            Self::ParentLevel => {
                "the parent must be a goal of a higher level (a sub-goal may serve a sub-goal)"
            }
            Self::Cycle => "a goal cannot be placed under itself or its own sub-goals",
        })
    }
}

/// Checks placing goal `id` (of `level`) under `parent`. `ancestors_of_parent` lists the
/// ids from the parent up to the root, so a move under one's own descendant is caught.
pub fn check_goal_parent(
    id: Option<&str>,
    level: GoalLevel,
    parent: Option<(&str, GoalLevel)>,
    ancestors_of_parent: &[String],
) -> Result<(), GoalTreeError> {
    let Some((parent_id, parent_level)) = parent else {
        return Ok(());
    };
    if level == GoalLevel::Effect {
        return Err(GoalTreeError::EffectHasParent);
    }
    let allowed = rank(parent_level) < rank(level)
        || (level == GoalLevel::Sub && parent_level == GoalLevel::Sub);
    if !allowed {
        return Err(GoalTreeError::ParentLevel);
    }
    if let Some(id) = id {
        if parent_id == id || ancestors_of_parent.iter().any(|a| a == id) {
            return Err(GoalTreeError::Cycle);
        }
    }
    Ok(())
}

/// Probability × consequence, each 1–5.
pub fn risk_score(probability: i32, consequence: i32) -> i32 {
    probability * consequence
}

/// Low 1–5, medium 6–14, high 15–25 (a 5×5 matrix's usual bands).
pub fn risk_level(score: i32) -> RiskLevel {
    match score {
        s if s >= 15 => RiskLevel::High,
        s if s >= 6 => RiskLevel::Medium,
        _ => RiskLevel::Low,
    }
}

/// The classic power/interest grid: medium counts as high.
pub fn stakeholder_strategy(influence: Degree, affected: Degree) -> StakeholderStrategy {
    let high = |d: Degree| d != Degree::Low;
    match (high(influence), high(affected)) {
        (true, true) => StakeholderStrategy::ManageClosely,
        (true, false) => StakeholderStrategy::KeepSatisfied,
        (false, true) => StakeholderStrategy::KeepInformed,
        (false, false) => StakeholderStrategy::Monitor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use GoalLevel::*;

    #[test]
    fn completion_ignores_not_relevant_items_and_rounds_down() {
        use ItemStatus::*;
        let items = [
            (Phase::Prepare, Done),
            (Phase::Prepare, InProgress),
            (Phase::Prepare, NotRelevant),
            (Phase::Prepare, NotStarted),
            (Phase::Plan, NotRelevant),
            (Phase::Implement, Done),
        ];
        let c = completion(&items);
        assert_eq!(c.len(), 4);
        let prepare = &c[0];
        assert_eq!(
            (
                prepare.total,
                prepare.done,
                prepare.in_progress,
                prepare.not_relevant
            ),
            (4, 1, 1, 1)
        );
        assert_eq!(prepare.percent, 33, "1 of 3 relevant items");
        assert_eq!(c[1].percent, 100, "nothing relevant left in Plan");
        assert_eq!(c[2].percent, 100);
        assert_eq!((c[3].total, c[3].percent), (0, 100));
    }

    #[test]
    fn overdue_counts_days_in_oslo_and_spares_done_and_cancelled() {
        let due = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        // 23:30 UTC on the 10th is already the 11th in Oslo (UTC+1 in winter).
        let late_evening = Utc.with_ymd_and_hms(2026, 3, 10, 23, 30, 0).unwrap();
        let same_day = Utc.with_ymd_and_hms(2026, 3, 10, 22, 30, 0).unwrap();
        assert!(!overdue(due, MilestoneStatus::Planned, same_day));
        assert!(overdue(due, MilestoneStatus::Planned, late_evening));
        assert!(overdue(due, MilestoneStatus::InProgress, late_evening));
        assert!(!overdue(due, MilestoneStatus::Done, late_evening));
        assert!(!overdue(due, MilestoneStatus::Cancelled, late_evening));
    }

    #[test]
    fn goal_tree_levels() {
        let ok = |level, parent| check_goal_parent(None, level, parent, &[]);
        assert_eq!(ok(Effect, None), Ok(()));
        assert_eq!(ok(Sub, None), Ok(()));
        assert_eq!(ok(Result, Some(("e", Effect))), Ok(()));
        assert_eq!(ok(Process, Some(("e", Effect))), Ok(()));
        assert_eq!(ok(Process, Some(("r", Result))), Ok(()));
        assert_eq!(ok(Sub, Some(("p", Process))), Ok(()));
        assert_eq!(ok(Sub, Some(("s", Sub))), Ok(()));
        assert_eq!(
            ok(Effect, Some(("e", Effect))),
            Err(GoalTreeError::EffectHasParent)
        );
        assert_eq!(
            ok(Result, Some(("r", Result))),
            Err(GoalTreeError::ParentLevel)
        );
        assert_eq!(
            ok(Result, Some(("p", Process))),
            Err(GoalTreeError::ParentLevel)
        );
        assert_eq!(
            ok(Process, Some(("s", Sub))),
            Err(GoalTreeError::ParentLevel)
        );
    }

    #[test]
    fn a_goal_cannot_move_under_itself_or_its_descendants() {
        assert_eq!(
            check_goal_parent(Some("a"), Sub, Some(("a", Sub)), &[]),
            Err(GoalTreeError::Cycle)
        );
        // c's ancestors are b then a: moving a under c closes a loop.
        let ancestors = ["b".to_owned(), "a".to_owned()];
        assert_eq!(
            check_goal_parent(Some("a"), Sub, Some(("c", Sub)), &ancestors),
            Err(GoalTreeError::Cycle)
        );
        assert_eq!(
            check_goal_parent(Some("x"), Sub, Some(("c", Sub)), &ancestors),
            Ok(())
        );
    }

    #[test]
    fn risk_bands() {
        assert_eq!(risk_score(4, 5), 20);
        assert_eq!(risk_level(risk_score(4, 5)), RiskLevel::High);
        assert_eq!(risk_level(15), RiskLevel::High);
        assert_eq!(risk_level(14), RiskLevel::Medium);
        assert_eq!(risk_level(6), RiskLevel::Medium);
        assert_eq!(risk_level(5), RiskLevel::Low);
        assert_eq!(risk_level(1), RiskLevel::Low);
    }

    #[test]
    fn stakeholder_grid() {
        use Degree::*;
        assert_eq!(
            stakeholder_strategy(High, High),
            StakeholderStrategy::ManageClosely
        );
        assert_eq!(
            stakeholder_strategy(Medium, Low),
            StakeholderStrategy::KeepSatisfied
        );
        assert_eq!(
            stakeholder_strategy(Low, Medium),
            StakeholderStrategy::KeepInformed
        );
        assert_eq!(stakeholder_strategy(Low, Low), StakeholderStrategy::Monitor);
    }
}
