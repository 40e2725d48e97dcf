//! The plan's operations, one `#[OpenApi]` struct per resource: authorise, parse, call the
//! service, render.

pub mod barriers;
pub mod checklist;
pub mod goals;
pub mod milestones;
pub mod risks;
pub mod stakeholders;
