//! The meeting cadence: series and their schedule, meetings and their minutes, actions,
//! adherence and calendar feeds.
//!
//! `http` (the operations, one file per resource), `service` (checked and audited
//! changes, adherence from the database), `repo` (every statement), `views` (rows as API
//! objects). Plain code, unit-tested here: when meetings of a series fall (`recurrence`,
//! daylight saving included; `series`), how well a series is kept (`adherence`), which
//! actions a meeting carries over (`actions`), the standing `agenda`, `ical` and `print`.

pub mod actions;
pub mod adherence;
pub mod agenda;
pub mod http;
pub mod ical;
pub mod print;
pub mod recurrence;
pub mod repo;
pub mod series;
pub mod service;
pub mod views;

/// The old path of `service::adherence::project_adherence`, for the dashboard until it moves.
pub use service::adherence as store;
