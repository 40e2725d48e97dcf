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

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::api::{use_api, ApiError};
use crate::i18n::use_i18n;

/// Shows `children` to a logged-in user; sends anyone else to the login page.
#[component]
pub fn RequireLogin(children: ChildrenFn) -> impl IntoView {
    let api = use_api();
    view! {
        <Show when=move || api.logged_in() fallback=|| view! { <Redirect path="/login" /> }>
            {children()}
        </Show>
    }
}

/// A translated error with a retry button; announced to screen readers.
#[component]
pub fn ErrorNotice(error: ApiError, retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice notice-error" role="alert">
            <p>{move || error.message(i18n)}</p>
            <button type="button" on:click=move |_| retry.run(())>
                {move || i18n.t("common.retry")}
            </button>
        </div>
    }
}

/// Shown while data is on its way.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="loading" role="status">
            {move || i18n.t("app.loading")}
        </p>
    }
}
