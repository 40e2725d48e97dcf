//! Moved to `crate::plan::service::items`; this path stays for the capabilities that still
//! import it (indicators, measurements, sustainability, dashboard, readiness, network,
//! change agents, reports) until they move. Delete once none does.

pub use crate::plan::service::items::*;
