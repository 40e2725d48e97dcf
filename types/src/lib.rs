//! Request and response types of the Varig API, shared by the backend (which derives the
//! OpenAPI schema from them with the `openapi` feature) and the wasm PWA (plain serde).
//!
//! Rule for this crate: every serde attribute is mirrored in `oai(...)`, and nothing here
//! depends on the server (no sea-orm, no poem), so it builds for `wasm32-unknown-unknown`.

pub mod auth;
pub mod common;
pub mod gates;
pub mod organisations;
pub mod projects;
pub mod roles;
pub mod tokens;
pub mod users;

pub use auth::*;
pub use common::*;
pub use gates::*;
pub use organisations::*;
pub use projects::*;
pub use roles::*;
pub use tokens::*;
pub use users::*;
