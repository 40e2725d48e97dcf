//! The phase plan: the checklist seeded from the phase model, milestones, goals, and the
//! planning tools (stakeholders, barriers and facilitators, risks). `rules` and
//! `phase_model` are plain code; `store` reads and writes what the gate evidence needs.

pub mod phase_model;
pub mod rules;
pub mod store;
pub mod views;
