//! sea-orm entities, one per table. Server-only: the shared types crate never sees them.

pub mod api_token;
pub mod audit;
pub mod invitation;
pub mod membership;
pub mod organisation;
pub mod programme;
pub mod project;
pub mod refresh_token;
pub mod server_setting;
pub mod user;
