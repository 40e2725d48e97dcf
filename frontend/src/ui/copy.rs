//! A value to hand on (an invitation link, a calendar address) in a read-only field with
//! a copy button; if the clipboard is not available the text is selected for copying.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::use_i18n;

#[component]
pub fn CopyField(
    #[prop(into)] id: String,
    /// The label's translation key.
    label: &'static str,
    #[prop(into)] value: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let input = NodeRef::<html::Input>::new();
    let copy = move |_| {
        let text = value.get_untracked();
        leptos::task::spawn_local(async move {
            let ok = write_clipboard(&text).await;
            if !ok {
                if let Some(el) = input.get_untracked() {
                    el.select();
                }
            }
            let _ = copied.try_set(ok);
        });
    };
    view! {
        <div class="field copy-field">
            <label for=id.clone()>{move || i18n.t(label)}</label>
            <div class="copy-row">
                <input id=id type="text" readonly=true node_ref=input prop:value=move || value.get() />
                <button type="button" on:click=copy>{move || i18n.t("ui.copy")}</button>
            </div>
            <p class="hint" role="status">
                {move || copied.get().then(|| i18n.t("ui.copied"))}
            </p>
        </div>
    }
}

async fn write_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator: JsValue = window.navigator().into();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    if clipboard.is_undefined() {
        return false;
    }
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return false;
    };
    let Ok(write) = write.dyn_into::<js_sys::Function>() else {
        return false;
    };
    let Ok(promise) = write.call1(&clipboard, &JsValue::from_str(text)) else {
        return false;
    };
    JsFuture::from(js_sys::Promise::from(promise)).await.is_ok()
}
