//! Rounds: a questionnaire answered by a project's members in rounds, scored per domain.
//! One mechanism — a leader opens a round (one open round per project), each member
//! answers every question (answering again replaces their answers while the round is
//! open), the leader closes it — with two instruments: the readiness questionnaire
//! (Prepare) and the sustainability self-assessment (Sustain). An instrument says what its
//! questions are, how answers are checked and scored, and where its rounds are stored.
//!
//! `instrument` (the `Instrument` trait and the shapes every round shares), `http` (the
//! operations of both instruments), `service` (the checked and audited changes, generic
//! over the instrument), `repo` (every statement, generic over the two table pairs),
//! `readiness` and `sustainability` (the two instruments; pure).

pub mod http;
pub mod instrument;
pub mod readiness;
pub mod repo;
pub mod service;
pub mod sustainability;

pub use instrument::{Answer, Instrument, Response, Round};
