//! Labelled inputs of a `Form`: one-line inputs, text areas, radio groups in fieldsets,
//! selects and member choices, each with its hint and its error (announced).

use leptos::prelude::*;
use varig_types::Membership;

use super::Form;
use crate::i18n::use_i18n;

/// The error text under a field (empty and hidden while there is none).
#[component]
fn FieldErrorText(form: Form, field: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p id=form.id(&format!("{field}-error")) class="field-error" role="alert">
            {move || form.error_of(field).map(|k| i18n.t(k))}
        </p>
    }
}

fn described_by(form: Form, field: &'static str, hint: bool) -> impl Fn() -> Option<String> {
    move || {
        let mut ids = Vec::new();
        if hint {
            ids.push(form.id(&format!("{field}-hint")));
        }
        if form.error_of(field).is_some() {
            ids.push(form.id(&format!("{field}-error")));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A labelled one-line input (`kind` is the input type: text, date, url…).
#[component]
pub fn TextInput(
    form: Form,
    field: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(default = 200)] maxlength: u32,
    /// The keyboard a phone shows, e.g. `decimal`.
    #[prop(optional)]
    inputmode: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = form.id(field);
    let label_for = id.clone();
    view! {
        <div class="field">
            <label for=label_for>{move || i18n.t(label)}</label>
            {hint.map(|h| view! { <p id=form.id(&format!("{field}-hint")) class="hint">{move || i18n.t(h)}</p> })}
            <input
                id=id
                type=kind
                inputmode=inputmode
                maxlength=maxlength.to_string()
                required=required
                aria-invalid=move || form.error_of(field).is_some().then_some("true")
                aria-describedby=described_by(form, field, hint.is_some())
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <FieldErrorText form field />
        </div>
    }
}

/// A labelled text area.
#[component]
pub fn TextArea(
    form: Form,
    field: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = form.id(field);
    let label_for = id.clone();
    view! {
        <div class="field">
            <label for=label_for>{move || i18n.t(label)}</label>
            {hint.map(|h| view! { <p id=form.id(&format!("{field}-hint")) class="hint">{move || i18n.t(h)}</p> })}
            <textarea
                id=id
                rows=rows.to_string()
                maxlength="5000"
                required=required
                aria-invalid=move || form.error_of(field).is_some().then_some("true")
                aria-describedby=described_by(form, field, hint.is_some())
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <FieldErrorText form field />
        </div>
    }
}

/// One choice of a radio group or a select: its value and its (translated) label.
pub type Choice = (String, Signal<String>);

/// A choice whose label is a translation key.
pub fn choice(value: impl Into<String>, key: &'static str) -> Choice {
    let i18n = use_i18n();
    (value.into(), Signal::derive(move || i18n.t(key)))
}

/// A radio group in a fieldset with a legend; the first radio gets the field's id.
#[component]
pub fn RadioGroup(
    form: Form,
    field: &'static str,
    legend: &'static str,
    choices: Vec<Choice>,
    value: RwSignal<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = form.id(field);
    view! {
        <fieldset
            class=format!("field radio-group {class}")
            aria-describedby=described_by(form, field, hint.is_some())
        >
            <legend>{move || i18n.t(legend)}</legend>
            {hint.map(|h| view! { <p id=form.id(&format!("{field}-hint")) class="hint">{move || i18n.t(h)}</p> })}
            <div class="radios">
                {choices
                    .into_iter()
                    .enumerate()
                    .map(|(i, (v, label))| {
                        let id = if i == 0 { name.clone() } else { format!("{name}-{i}") };
                        let label_for = id.clone();
                        let checked_value = v.clone();
                        let set_value = v.clone();
                        view! {
                            <label class="radio" for=label_for>
                                <input
                                    type="radio"
                                    id=id
                                    name=name.clone()
                                    value=v
                                    prop:checked=move || value.get() == checked_value
                                    on:change=move |_| value.set(set_value.clone())
                                />
                                <span>{label}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            <FieldErrorText form field />
        </fieldset>
    }
}

/// A labelled select.
#[component]
pub fn Select(
    form: Form,
    field: &'static str,
    label: &'static str,
    choices: Vec<Choice>,
    value: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = form.id(field);
    let label_for = id.clone();
    view! {
        <div class="field">
            <label for=label_for>{move || i18n.t(label)}</label>
            <select
                id=id
                aria-invalid=move || form.error_of(field).is_some().then_some("true")
                aria-describedby=described_by(form, field, false)
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {choices
                    .into_iter()
                    .map(|(v, label)| {
                        let selected_value = v.clone();
                        view! {
                            <option value=v selected=move || value.get() == selected_value>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <FieldErrorText form field />
        </div>
    }
}

/// A choice among the project's members ("nobody" first); the value is the user id.
#[component]
pub fn MemberSelect(
    form: Form,
    field: &'static str,
    label: &'static str,
    members: Vec<Membership>,
    value: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let mut choices = vec![choice("", "plan.nobody")];
    choices.extend(members.into_iter().map(|m| {
        let role = m.role;
        let name = m.user_name;
        (
            m.user_id.to_string(),
            Signal::derive(move || format!("{name} ({})", i18n.role(role))),
        )
    }));
    view! { <Select form field label choices value /> }
}
