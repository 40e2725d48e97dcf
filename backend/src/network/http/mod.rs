//! The network's operations, one `#[OpenApi]` struct per resource: authorise, parse, call
//! the service, render.

pub mod agents;
pub mod settings;
pub mod structure;
pub mod units;
