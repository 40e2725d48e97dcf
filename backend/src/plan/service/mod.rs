//! The plan's operations as the HTTP layer calls them: each checks access and input, writes
//! in one transaction and records the change in the audit log. `items` holds what they
//! share.

pub mod barriers;
pub mod checklist;
pub mod goals;
pub mod items;
pub mod milestones;
pub mod risks;
pub mod stakeholders;
