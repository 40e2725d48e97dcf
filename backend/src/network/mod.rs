//! The change-agent network: the organisation's structure and units (`structure`), the
//! agents' way through the network (`agents`) and how well they cover the project's units
//! (`coverage`). Plain code, unit-tested here; the API lives in `api::{structure, units,
//! network, change_agents}`.

pub mod agents;
pub mod coverage;
pub mod store;
pub mod structure;
