//! The indicator and measurement operations: authorise, parse, call the service, render.

pub mod indicators;
pub mod measurements;
