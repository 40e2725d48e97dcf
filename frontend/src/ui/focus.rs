//! Moving focus: after navigation to the page's heading, after a write to what changed,
//! after a failed check to the first field in error.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Moves focus to the element with `id` once the view has updated (in the next animation
/// frame, when the element is on the page).
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
