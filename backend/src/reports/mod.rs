//! Field reports: filed from phones (idempotent on the phone's id, grouped into few
//! transactions with their `report.filed` events by `writer`), the leader's feed with
//! filters, the CSV export and reactions per unit over time.
//!
//! `http` (the operations), `service` (access, filing, the composed reads), `repo` (every
//! statement), `writer` (the per-instance task that groups new reports into one
//! transaction), `views` (rows ↔ API types), `rules` (pure: a valid report, CSV, reactions).

pub mod http;
pub mod repo;
pub mod rules;
pub mod service;
pub mod views;
pub mod writer;

pub use rules::{cell, today, MAX_EXPORT};
