//! The meeting operations as the HTTP layer calls them: access checked, input checked,
//! changes written in one transaction with their audit record.

pub mod actions;
pub mod adherence;
pub mod calendar;
pub mod minutes;
pub mod series;
