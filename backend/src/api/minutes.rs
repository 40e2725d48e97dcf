//! Moved to `crate::meetings`; these paths stay for the capabilities that still import
//! them (gates: `steering_meeting`; dashboard: `action_views`) until they move. Delete once
//! none does.

pub use crate::meetings::service::minutes::steering_meeting;
pub use crate::meetings::views::action_views;
