//! The operations of the two instruments: authorise, parse, call the rounds service, render.
//! One `#[OpenApi]` struct per instrument (they carry different tags and paths).

pub mod readiness;
pub mod sustainability;
