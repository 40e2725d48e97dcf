//! The readiness questionnaire (Prepare): our own statements in the spirit of ORIC, in two
//! domains, answered on a five-point agreement scale; and the statistics of a round.
//! Plain code, unit-tested here; the API lives in `api::readiness`.

pub mod questionnaire;
pub mod stats;

pub use questionnaire::{questionnaire, ITEMS};
pub use stats::{check_answers, result};
