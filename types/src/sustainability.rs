//! The sustainability self-assessment: ten factors in three domains (process, staff,
//! organisation) in the spirit of the NHS Sustainability Model, each weighted, rated by
//! several members in rounds; scores per factor, domain and in total (0–100).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::planning::LocalText;
use crate::readiness::AssessmentStatus;
use crate::roles::Phase;

code_enum! {
    /// A domain of the sustainability model: process, staff or organisation.
    pub enum SustainabilityDomain {
        /// Is the new practice worth keeping, credible, adaptable and monitored?
        Process = "process",
        /// Are staff and leaders involved, trained and behind it?
        Staff = "staff",
        /// Does it fit the organisation's aims, and do its structures carry it?
        Organisation = "organisation",
    }
}

/// One factor of the self-assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct SustainabilityFactor {
    pub key: String,
    pub domain: SustainabilityDomain,
    /// The factor's share of the total score (the weights add up to 100).
    pub weight: f64,
    pub name: LocalText,
    /// The statement a member rates.
    pub statement: LocalText,
}

/// The factors and the labels of the scale 1–4.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct SustainabilityModel {
    pub factors: Vec<SustainabilityFactor>,
    /// Labels of 1 (not at all) to 4 (fully).
    pub scale: Vec<LocalText>,
}

/// A rating of factor `factor` from 1 to 4.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct SustainabilityRating {
    pub factor: String,
    pub score: i32,
}

/// The caller's ratings of every factor (replaces their earlier ratings in the round).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct SustainabilityResponseInput {
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 50)))]
    pub ratings: Vec<SustainabilityRating>,
}

/// A factor's score: its weight times the mean rating mapped to 0–1 (1 → 0, 4 → 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct FactorScore {
    pub factor: String,
    pub domain: SustainabilityDomain,
    pub weight: f64,
    /// Absent while nobody has rated it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub mean_rating: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub score: Option<f64>,
    /// Points lost against the factor's weight (weight − score).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub shortfall: Option<f64>,
    pub ratings: i32,
}

/// The score of one domain of the sustainability self-assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct DomainScore {
    pub domain: SustainabilityDomain,
    /// The domain's weights added up.
    pub max: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub score: Option<f64>,
}

/// Scores per factor and domain and the total (0–100) of a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct SustainabilityResult {
    pub respondents: i32,
    pub factors: Vec<FactorScore>,
    pub domains: Vec<DomainScore>,
    /// 0–100; absent until every factor has a rating.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub total: Option<f64>,
    /// Keys of the factors losing the most points, worst first (at most three, only those
    /// losing more than a fifth of their weight).
    pub pulling_down: Vec<String>,
}

/// Opens a round of the self-assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct NewSustainabilityAssessment {
    /// 1–200 characters, e.g. "Sustainability, autumn 2028".
    pub title: String,
}

/// A round of the sustainability self-assessment and its result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct SustainabilityAssessment {
    pub id: Uuid,
    pub project_id: Uuid,
    /// The project's phase when the round was opened (earlier phases give a baseline).
    pub phase: Phase,
    pub title: String,
    pub status: AssessmentStatus,
    pub opened_by: Uuid,
    pub created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub closed_at: Option<DateTime<Utc>>,
    pub result: SustainabilityResult,
    /// The caller's own ratings in this round, if any.
    pub my_ratings: Vec<SustainabilityRating>,
}

/// Every round of a project, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct SustainabilityAssessmentList {
    pub items: Vec<SustainabilityAssessment>,
}
