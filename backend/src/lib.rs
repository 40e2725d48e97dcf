//! Varig: the API and the server of the PWA.

pub mod access;
pub mod api;
pub mod audit;
pub mod auth;
pub mod config;
pub mod dashboard;
pub mod db;
pub mod domain;
pub mod entities;
pub mod error;
pub mod gates;
pub mod housekeeping;
pub mod ids;
pub mod indicators;
pub mod lang;
pub mod limits;
pub mod meetings;
pub mod network;
pub mod outbox;
pub mod plan;
pub mod pwa;
pub mod query_count;
pub mod reports;
pub mod rounds;
pub mod startup;
pub mod state;
pub mod store;
pub mod strict;
pub mod views;
pub mod web;
pub mod web_allow;
pub mod webhooks;

pub use config::Settings;
pub use startup::Application;
