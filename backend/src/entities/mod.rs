//! sea-orm entities, one per table. Server-only: the shared types crate never sees them.

pub mod api_token;
pub mod audit;
pub mod gate_recommendation;
pub mod gate_request;
pub mod invitation;
pub mod membership;
pub mod organisation;
pub mod phase_stay;
pub mod programme;
pub mod project;
pub mod refresh_token;
pub mod server_setting;
pub mod user;

macro_rules! has_id {
    ($($m:ident),*) => {
        $(impl crate::store::HasId for $m::Model {
            fn id(&self) -> &str {
                &self.id
            }
        })*
    };
}

has_id!(
    api_token,
    gate_recommendation,
    gate_request,
    phase_stay,
    audit,
    invitation,
    membership,
    organisation,
    programme,
    project,
    refresh_token,
    user
);
