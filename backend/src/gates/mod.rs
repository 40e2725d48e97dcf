//! Phase gates: the rules by which a project moves between the four phases. Plain code,
//! no HTTP and no database, so every legal and illegal transition is unit-tested here.
//!
//! A project leader requests a transition (to the next phase, or back to an earlier one;
//! from Sustain, an evaluation); steering-group members recommend; only the project owner
//! decides. A decision is final. A request whose project changed phase since it was made
//! is stale and can no longer be decided.

pub mod machine;

pub use machine::*;
