//! Varig PWA: a client-side rendered Leptos app served at `/` by the backend.

mod access;
mod api;
mod app;
mod i18n;
mod offline;
mod pages;
mod storage;
mod ui;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
