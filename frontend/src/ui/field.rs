//! A labelled text input with an optional hint (read before typing) and error (announced).

use leptos::html;
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// A field's error: a translation key, or nothing.
pub type FieldError = RwSignal<Option<&'static str>>;

#[component]
pub fn Field(
    /// The input's id; the hint and error get `<id>-hint` and `<id>-error`.
    #[prop(into)]
    id: String,
    /// The label's translation key.
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] error: Option<FieldError>,
    /// A translation key for a hint shown under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] node_ref: Option<NodeRef<html::Input>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = error.unwrap_or_else(|| RwSignal::new(None));
    let node_ref = node_ref.unwrap_or_default();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let is_email = input_type == "email";
    view! {
        <div class="field">
            <label for=id.clone()>{move || i18n.t(label)}</label>
            {hint.map(|h| view! { <p id=hint_id.clone() class="hint">{move || i18n.t(h)}</p> })}
            <input
                name=id.clone()
                id=id
                type=input_type
                autocomplete=autocomplete
                autocapitalize=is_email.then_some("none")
                spellcheck=is_email.then_some("false")
                node_ref=node_ref
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    error.set(None);
                }
            />
            <p id=error_id class="field-error" role="alert">
                {move || error.get().map(|k| i18n.t(k))}
            </p>
        </div>
    }
}
