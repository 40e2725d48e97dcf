//! The phase plan: the checklist seeded from the phase model, milestones, goals, and the
//! planning tools (stakeholders, barriers and facilitators, risks).
//!
//! `http` (the operations, one file per resource), `service` (checked and audited changes,
//! and the helpers every project-bound capability shares in `service::items`), `repo`
//! (every statement, including what the gate evidence reads), `views` (rows as API
//! objects), `rules` and `phase_model` (pure).

pub mod http;
pub mod phase_model;
pub mod repo;
pub mod rules;
pub mod service;
pub mod views;

/// The old name of `repo`, for the capabilities that still read the plan through it
/// (gates, dashboard, indicators, reports, network, projects) until they move.
pub use repo as store;
