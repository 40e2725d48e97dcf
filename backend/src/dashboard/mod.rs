//! The project dashboard and the organisation overview: phase, network, meetings,
//! indicators with status and trend, overdue items and the fade risk, built from a fixed
//! number of queries; and the snapshots that give computed indicators and the fade risk a
//! history.
//!
//! `http` (the dashboard, overview and fade-risk operations), `service` (a dashboard, the
//! overview), `repo` (the projects gone through), `facts` (Varig's own data about a
//! project, gathered in a fixed number of queries), `cache` (a dashboard kept while nothing
//! changed), `snapshot` (the periodic record) and `watch` (events for conditions that began).

pub mod cache;
pub mod facts;
pub mod http;
pub mod repo;
pub mod service;
pub mod snapshot;
pub mod watch;

pub use cache::cached;
pub use service::project_dashboard;
