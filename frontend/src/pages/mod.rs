//! One module per capability.

pub mod account;
pub mod admin;
pub mod gates;
pub mod home;
pub mod indicators;
pub mod invitation;
pub mod invite;
pub mod login;
pub mod meetings;
pub mod members;
pub mod network;
pub mod not_found;
pub mod plan;
pub mod project;
pub mod projects;
pub mod system;
