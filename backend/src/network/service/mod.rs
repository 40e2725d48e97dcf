//! The network's changes (checked, audited, one transaction each) and its composed reads:
//! `structure`, `units`, `settings` (a project's scope and coverage), `agents` (change
//! agents and their training).

pub mod agents;
pub mod settings;
pub mod structure;
pub mod units;

pub use agents::agent_views;
pub use settings::coverage_of;
