//! The meeting operations, one `#[OpenApi]` struct per resource: authorise, parse, call the
//! service, render.

pub mod adherence;
pub mod calendar;
pub mod meeting_actions;
pub mod meetings;
pub mod minutes;
