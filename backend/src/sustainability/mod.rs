//! The sustainability self-assessment: the factors and how rounds are scored.

pub mod model;
pub mod score;
pub mod store;
