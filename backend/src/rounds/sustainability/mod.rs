//! The sustainability instrument (Sustain, or earlier as a baseline): ten weighted factors
//! in three domains rated 1–4 (`model`), scored per factor, domain and in total with the
//! factors pulling the score down (`score`). Pure, unit-tested here.

pub mod model;
pub mod score;

use varig_types::{
    AssessmentStatus, SustainabilityAssessment, SustainabilityRating, SustainabilityResponseInput,
    SustainabilityResult,
};

use super::{Answer, Instrument, Response, Round};
use crate::api::plan_items::Kind;
use crate::domain::{self, field_error};
use crate::entities::sustainability_assessment;
use crate::error::AppError;
use crate::ids::parse_id;
use crate::rounds::repo::AnswerTable;
use crate::views::phase;

/// Sustainability rounds.
pub struct Sustainability;

/// Factors in the model.
const FACTORS: usize = 10;

/// The scores of a round from its responses.
pub fn result(responses: &[Response]) -> SustainabilityResult {
    let triples: Vec<(String, String, i32)> = responses
        .iter()
        .flat_map(|r| {
            r.answers
                .iter()
                .map(|a| (r.user_id.clone(), a.item.clone(), a.score))
        })
        .collect();
    score::result(&triples)
}

/// Every factor once, each rated 1–4.
pub fn check(r: &[SustainabilityRating]) -> Result<(), AppError> {
    if r.len() > 2 * FACTORS {
        return Err(AppError::field(
            "ratings",
            "too_many",
            format!("one rating per factor ({FACTORS})"),
        ));
    }
    let mut errors = vec![];
    for (i, x) in r.iter().enumerate() {
        if model::factor(&x.factor).is_none() {
            errors.push(field_error(
                &format!("ratings[{i}].factor"),
                "unknown",
                "is not a factor of the model",
            ));
        }
        if let Err(e) = domain::in_range(
            &format!("ratings[{i}].score"),
            x.score,
            score::MIN_SCORE..=score::MAX_SCORE,
        ) {
            errors.push(e);
        }
        if r[..i].iter().any(|y| y.factor == x.factor) {
            errors.push(field_error(
                &format!("ratings[{i}].factor"),
                "duplicate",
                "is rated twice",
            ));
        }
    }
    if errors.is_empty() {
        for f in model::model().factors {
            if !r.iter().any(|x| x.factor == f.key) {
                errors.push(field_error(
                    "ratings",
                    "incomplete",
                    format!("must rate every factor; {} is missing", f.key),
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

fn rating(a: &Answer) -> SustainabilityRating {
    SustainabilityRating {
        factor: a.item.clone(),
        score: a.score,
    }
}

impl Instrument for Sustainability {
    type Rounds = sustainability_assessment::Entity;
    const ANSWERS: AnswerTable = AnswerTable::Sustainability;
    const KIND: Kind = Kind {
        entity: "sustainability_assessment",
        created: "sustainability_assessment.create",
        updated: "sustainability_assessment.update",
        deleted: "sustainability_assessment.delete",
    };
    const ANSWERED: &'static str = "sustainability_assessment.rate";
    const CLOSED: &'static str = "sustainability_assessment.close";
    const OPEN_EXISTS: &'static str =
        "The project already has an open sustainability round; close it first.";

    type Input = SustainabilityResponseInput;
    fn answers(input: &SustainabilityResponseInput) -> Result<Vec<Answer>, AppError> {
        check(&input.ratings)?;
        Ok(input
            .ratings
            .iter()
            .map(|r| Answer {
                item: r.factor.clone(),
                score: r.score,
            })
            .collect())
    }

    type View = SustainabilityAssessment;
    fn view(m: &Round, responses: &[Response], me: Option<&str>) -> SustainabilityAssessment {
        SustainabilityAssessment {
            id: parse_id(&m.id),
            project_id: parse_id(&m.project_id),
            phase: phase(&m.phase),
            title: m.title.clone(),
            status: AssessmentStatus::parse(&m.status).unwrap_or(AssessmentStatus::Closed),
            opened_by: parse_id(&m.opened_by),
            created_at: m.created_at,
            closed_at: m.closed_at,
            result: result(responses),
            my_ratings: responses
                .iter()
                .filter(|r| Some(r.user_id.as_str()) == me)
                .flat_map(|r| r.answers.iter().map(rating))
                .collect(),
        }
    }

    type Mine = Vec<SustainabilityRating>;
    fn mine(view: &SustainabilityAssessment) -> &Vec<SustainabilityRating> {
        &view.my_ratings
    }
}
