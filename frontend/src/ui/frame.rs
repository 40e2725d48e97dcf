//! The frame of a page: its `<h1>` (focused after navigation, so a screen reader starts
//! there), the document title, and an optional link back.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{set_title, use_i18n};

/// Moves focus to the element with `id` once it is on the page.
pub fn focus_id(id: impl Into<String>) {
    let id: String = id.into();
    request_animation_frame(move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
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
