//! Indicators: what a project decided in advance to measure (or one of Varig's computed
//! indicators), their measurements per period with corrections, and the fade-risk warning.
//!
//! `http` (the indicator and measurement operations), `service` (checked and audited
//! changes), `repo` (every statement, the fade-risk settings and history included),
//! `views` (rows to API shapes, the CSV export), and pure rules: `periods`, `status`
//! (RAG, trend, overdue), `rules` (an indicator's status from its values), `computed`
//! (Varig's own indicators) and `fade` (the fade-risk score).

pub mod computed;
pub mod fade;
pub mod http;
pub mod periods;
pub mod repo;
pub mod rules;
pub mod service;
pub mod status;
pub mod views;

pub use rules::{overdue_total, status_of, Def};
