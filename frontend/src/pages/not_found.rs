//! Any path the app does not know.

use leptos::prelude::*;

use crate::i18n::{set_title, use_i18n};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(&i18n.t("notfound.title")));
    view! {
        <section class="card narrow" aria-labelledby="notfound-title">
            <h1 id="notfound-title">{move || i18n.t("notfound.title")}</h1>
            <p>{move || i18n.t("notfound.body")}</p>
            <p class="link-line">
                <a href="/">{move || i18n.t("notfound.home")}</a>
            </p>
        </section>
    }
}
