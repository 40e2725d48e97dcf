//! The fade-risk warning: its rules, and its settings and history as stored.

pub mod rules;
pub mod store;
