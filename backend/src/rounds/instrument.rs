//! What every round shares, and what an instrument adds to it.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::repo::{AnswerTable, RoundTable};
use crate::api::plan_items::Kind;

/// A round as stored (both instruments' round tables have these columns).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Round {
    pub id: String,
    pub project_id: String,
    pub phase: String,
    pub title: String,
    pub status: String,
    pub opened_by: String,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// One answer: the question's key and its score on the instrument's scale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub item: String,
    pub score: i32,
}

/// One respondent's answers in a round, in the order they are stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub user_id: String,
    pub answers: Vec<Answer>,
}

/// A questionnaire answered in rounds: its questions and scale (served by its own
/// operation), how a response is checked and a round scored, and where its rounds are
/// stored. The service and the repository do the rest the same way for every instrument.
pub trait Instrument {
    /// The table of its rounds.
    type Rounds: RoundTable;
    /// The table of its answers.
    const ANSWERS: AnswerTable;
    /// The names its rounds are audited under.
    const KIND: Kind;
    /// The audit action of a response.
    const ANSWERED: &'static str;
    /// The audit action of closing a round.
    const CLOSED: &'static str;
    /// The 409 detail while another round is open.
    const OPEN_EXISTS: &'static str;

    /// What a respondent sends.
    type Input;
    /// The answers of `input` if they are a complete response (422 naming every problem).
    fn answers(input: &Self::Input) -> Result<Vec<Answer>, crate::error::AppError>;

    /// The round as the API shows it: its result from every response, and the answers of
    /// the caller (`me`).
    type View: Serialize;
    fn view(round: &Round, responses: &[Response], me: Option<&str>) -> Self::View;

    /// The caller's own answers in a view (what a response audits).
    type Mine: Serialize;
    fn mine(view: &Self::View) -> &Self::Mine;
}
