//! The frame of a page: its `<h1>` (focused after navigation, so a screen reader starts
//! there), the document title, and an optional link back; and the login every page but
//! the login page asks for.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use super::focus_id;
use crate::api::use_api;
use crate::i18n::{set_title, use_i18n};

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

/// A page with a title. `back` is a link (href, translation key) shown above the heading.
#[component]
pub fn PageFrame(
    #[prop(into)] title: Signal<String>,
    #[prop(optional)] back: Option<(String, &'static str)>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(&title.get()));
    focus_id("page-title");
    view! {
        {back.map(|(href, key)| view! {
            <p class="back">
                <a href=href>{move || i18n.t(key)}</a>
            </p>
        })}
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title" tabindex="-1">{move || title.get()}</h1>
            {children()}
        </section>
    }
}
