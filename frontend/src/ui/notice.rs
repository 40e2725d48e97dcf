//! Notices in place of a page's content or next to a form: loading, a failed read with a
//! retry, and the announcement after a write.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::use_i18n;

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

/// A message announced after a write, saying what happened; the page moves focus to it
/// (by `id`) when nothing closer to the change can take it.
#[component]
pub fn FlashNotice(id: &'static str, message: RwSignal<Option<&'static str>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p id=id class="notice flash" role="status" tabindex="-1" hidden=move || message.get().is_none()>
            {move || message.get().map(|k| i18n.t(k))}
        </p>
    }
}
