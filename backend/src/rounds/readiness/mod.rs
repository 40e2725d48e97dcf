//! The readiness instrument (Prepare): our own statements in the spirit of ORIC, in two
//! domains, answered on a five-point agreement scale (`questionnaire`), and the
//! statistics of a round (`stats`). Pure, unit-tested here.

pub mod questionnaire;
pub mod stats;

pub use questionnaire::{questionnaire, ITEMS};
pub use stats::{check_answers, result};

use varig_types::{AssessmentStatus, ReadinessAnswer, ReadinessAssessment, ReadinessResponseInput};

use super::{Answer, Instrument, Response, Round};
use crate::api::plan_items::{Kind, READINESS};
use crate::entities::readiness_assessment;
use crate::error::AppError;
use crate::ids::parse_id;
use crate::rounds::repo::AnswerTable;
use crate::views::phase;

/// Readiness rounds.
pub struct Readiness;

fn answer(a: &Answer) -> ReadinessAnswer {
    ReadinessAnswer {
        item: a.item.clone(),
        score: a.score,
    }
}

impl Instrument for Readiness {
    type Rounds = readiness_assessment::Entity;
    const ANSWERS: AnswerTable = AnswerTable::Readiness;
    const KIND: Kind = READINESS;
    const ANSWERED: &'static str = "readiness_assessment.answer";
    const CLOSED: &'static str = "readiness_assessment.close";
    const OPEN_EXISTS: &'static str =
        "The project already has an open readiness round; close it first.";

    type Input = ReadinessResponseInput;
    fn answers(input: &ReadinessResponseInput) -> Result<Vec<Answer>, AppError> {
        check_answers(&input.answers).map_err(AppError::Validation)?;
        Ok(input
            .answers
            .iter()
            .map(|a| Answer {
                item: a.item.clone(),
                score: a.score,
            })
            .collect())
    }

    type View = ReadinessAssessment;
    fn view(m: &Round, responses: &[Response], me: Option<&str>) -> ReadinessAssessment {
        let all: Vec<Vec<ReadinessAnswer>> = responses
            .iter()
            .map(|r| r.answers.iter().map(answer).collect())
            .collect();
        ReadinessAssessment {
            id: parse_id(&m.id),
            project_id: parse_id(&m.project_id),
            phase: phase(&m.phase),
            title: m.title.clone(),
            status: AssessmentStatus::parse(&m.status).unwrap_or(AssessmentStatus::Closed),
            opened_by: parse_id(&m.opened_by),
            created_at: m.created_at,
            closed_at: m.closed_at,
            result: result(&all),
            my_answers: responses
                .iter()
                .find(|r| Some(r.user_id.as_str()) == me)
                .map(|r| r.answers.iter().map(answer).collect())
                .unwrap_or_default(),
        }
    }

    type Mine = Vec<ReadinessAnswer>;
    fn mine(view: &ReadinessAssessment) -> &Vec<ReadinessAnswer> {
        &view.my_answers
    }
}
