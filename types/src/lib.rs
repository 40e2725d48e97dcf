//! Request and response types of the Varig API, shared by the backend (which derives the
//! OpenAPI schema from them with the `openapi` feature) and the wasm PWA (plain serde).
//!
//! Rule for this crate: every serde attribute is mirrored in `oai(...)`, and nothing here
//! depends on the server (no sea-orm, no poem), so it builds for `wasm32-unknown-unknown`.

#[macro_use]
pub mod macros;
pub use macros::UnknownCode;
pub mod auth;
pub mod common;
pub mod dashboard;
pub mod gates;
pub mod grants;
pub mod indicators;
pub mod meetings;
pub mod network;
pub mod organisations;
pub mod permissions;
pub mod planning;
pub mod projects;
pub mod readiness;
pub mod reports;
pub mod roles;
pub mod sustainability;
pub mod tokens;
pub mod tools;
pub mod users;
pub mod webhooks;
pub mod wording;

pub use auth::*;
pub use common::*;
pub use dashboard::*;
pub use gates::*;
pub use grants::*;
pub use indicators::*;
pub use meetings::*;
pub use network::*;
pub use organisations::*;
pub use planning::*;
pub use projects::*;
pub use readiness::*;
pub use reports::*;
pub use roles::*;
pub use sustainability::*;
pub use tokens::*;
pub use tools::*;
pub use users::*;
pub use webhooks::*;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code of a `code_enum!` is what serde sends, and parses back.
    fn codes_match<T: serde::Serialize + Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        as_str: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) {
        for v in all {
            assert_eq!(serde_json::to_value(v).unwrap(), as_str(*v), "{v:?}");
            assert_eq!(parse(as_str(*v)), Some(*v));
        }
        assert_eq!(parse("no-such-code"), None);
    }

    #[test]
    fn stored_codes_are_the_wire_codes() {
        codes_match(
            ChecklistKind::ALL,
            ChecklistKind::as_str,
            ChecklistKind::parse,
        );
        codes_match(ItemStatus::ALL, ItemStatus::as_str, ItemStatus::parse);
        codes_match(
            MilestoneStatus::ALL,
            MilestoneStatus::as_str,
            MilestoneStatus::parse,
        );
        codes_match(GoalLevel::ALL, GoalLevel::as_str, GoalLevel::parse);
        codes_match(
            ReadinessDomain::ALL,
            ReadinessDomain::as_str,
            ReadinessDomain::parse,
        );
        codes_match(
            AssessmentStatus::ALL,
            AssessmentStatus::as_str,
            AssessmentStatus::parse,
        );
        codes_match(Degree::ALL, Degree::as_str, Degree::parse);
        codes_match(Attitude::ALL, Attitude::as_str, Attitude::parse);
        codes_match(
            StakeholderStrategy::ALL,
            StakeholderStrategy::as_str,
            StakeholderStrategy::parse,
        );
        codes_match(BarrierLevel::ALL, BarrierLevel::as_str, BarrierLevel::parse);
        codes_match(ForceKind::ALL, ForceKind::as_str, ForceKind::parse);
        codes_match(Resistance::ALL, Resistance::as_str, Resistance::parse);
        codes_match(RiskStatus::ALL, RiskStatus::as_str, RiskStatus::parse);
        codes_match(RiskLevel::ALL, RiskLevel::as_str, RiskLevel::parse);
        codes_match(AgentStatus::ALL, AgentStatus::as_str, AgentStatus::parse);
        codes_match(TrainingKind::ALL, TrainingKind::as_str, TrainingKind::parse);
        codes_match(Activity::ALL, Activity::as_str, Activity::parse);
        codes_match(
            ReactionStage::ALL,
            ReactionStage::as_str,
            ReactionStage::parse,
        );
        codes_match(
            IndicatorCategory::ALL,
            IndicatorCategory::as_str,
            IndicatorCategory::parse,
        );
        codes_match(Direction::ALL, Direction::as_str, Direction::parse);
        codes_match(Frequency::ALL, Frequency::as_str, Frequency::parse);
        codes_match(
            IndicatorSource::ALL,
            IndicatorSource::as_str,
            IndicatorSource::parse,
        );
        codes_match(Rag::ALL, Rag::as_str, Rag::parse);
        codes_match(Trend::ALL, Trend::as_str, Trend::parse);
        codes_match(
            MeasurementSource::ALL,
            MeasurementSource::as_str,
            MeasurementSource::parse,
        );
        codes_match(
            SustainabilityDomain::ALL,
            SustainabilityDomain::as_str,
            SustainabilityDomain::parse,
        );
        codes_match(
            FadeSignalKind::ALL,
            FadeSignalKind::as_str,
            FadeSignalKind::parse,
        );
        codes_match(FadeLevel::ALL, FadeLevel::as_str, FadeLevel::parse);
    }
}
