//! The readiness assessment of Prepare: a short questionnaire in two domains (change
//! commitment and change efficacy) on a five-point agreement scale, answered by several
//! members of the project in rounds.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::planning::LocalText;
use crate::roles::Phase;

code_enum! {
    /// A domain of the readiness questionnaire: change commitment or change efficacy.
    pub enum ReadinessDomain {
        /// Do we want this? (endringsvilje)
        ChangeCommitment = "change_commitment",
        /// Do we believe we can? (endringsevne)
        ChangeEfficacy = "change_efficacy",
    }
}

/// One statement of the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ReadinessItem {
    pub key: String,
    pub domain: ReadinessDomain,
    /// The statement in bokmål, nynorsk and English.
    pub text: LocalText,
}

/// The questionnaire: its statements and the labels of the scale 1–5.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ReadinessQuestionnaire {
    pub items: Vec<ReadinessItem>,
    /// Labels of 1 (strongly disagree) to 5 (strongly agree).
    pub scale: Vec<LocalText>,
}

/// One answer: agreement with statement `item` from 1 to 5.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ReadinessAnswer {
    /// The statement's key (see the questionnaire).
    pub item: String,
    pub score: i32,
}

/// The caller's answers to every statement (replaces earlier answers in the same round).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ReadinessResponseInput {
    /// One score per statement of the questionnaire.
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 200)))]
    pub answers: Vec<ReadinessAnswer>,
}

/// Results of one domain: the mean of each respondent's domain average, their spread
/// (sample standard deviation) and the number of answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct DomainResult {
    pub domain: ReadinessDomain,
    /// Absent while nobody has answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub mean: Option<f64>,
    /// Absent with fewer than two respondents.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub spread: Option<f64>,
    /// The lowest respondent average in the domain.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub min: Option<f64>,
    /// The highest respondent average in the domain.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub max: Option<f64>,
    /// Answers given in this domain (statements × respondents).
    pub answers: i32,
}

/// The result of a readiness round per domain; nothing before anyone answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ReadinessResult {
    pub respondents: i32,
    pub domains: Vec<DomainResult>,
}

code_enum! {
    /// Whether an assessment round is open for answers or closed.
    pub enum AssessmentStatus {
        /// Members can answer.
        Open = "open",
        /// Closed by the leader; the result is final.
        Closed = "closed",
    }
}

/// Opens a new round of the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct NewReadinessAssessment {
    /// 1–200 characters, e.g. "Readiness, spring 2027".
    pub title: String,
}

/// One round of the questionnaire with its result so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ReadinessAssessment {
    pub id: Uuid,
    pub project_id: Uuid,
    /// The project's phase when the round was opened.
    pub phase: Phase,
    pub title: String,
    pub status: AssessmentStatus,
    pub opened_by: Uuid,
    pub created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub closed_at: Option<DateTime<Utc>>,
    pub result: ReadinessResult,
    /// The caller's own answers in this round, if any.
    pub my_answers: Vec<ReadinessAnswer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ReadinessAssessmentPage {
    pub items: Vec<ReadinessAssessment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_cursor: Option<String>,
}
