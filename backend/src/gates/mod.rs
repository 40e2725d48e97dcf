//! Phase gates: the rules by which a project moves between the four phases.
//!
//! A project leader requests a transition (to the next phase, or back to an earlier one;
//! from Sustain, an evaluation); steering-group members recommend; only the project owner
//! decides. A decision is final. A request whose project changed phase since it was made
//! is stale and can no longer be decided.
//!
//! `http` (the operations), `service` (checked, audited transitions), `repo` (every
//! statement, the phase history too), `views` (the API's view of a request), `machine` and
//! `rules` (pure: the state machine, every legal and illegal transition unit-tested there,
//! and the owner's input read into a machine decision).

pub mod http;
pub mod machine;
pub mod repo;
pub mod rules;
pub mod service;
pub mod views;

pub use machine::*;
