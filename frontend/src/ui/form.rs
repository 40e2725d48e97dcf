//! A form's state and its error region: field errors (client checks and the server's 422
//! field list), each tied to its field and announced, the server's answer, and the buttons
//! under it. The inputs that show the errors are in `inputs`.

use leptos::prelude::*;
use varig_types::ProblemCode;

use super::focus_id;
use crate::api::ApiError;
use crate::i18n::use_i18n;

/// One form's state: its id prefix, field errors, the server's answer and whether it is
/// being sent.
#[derive(Debug, Clone, Copy)]
pub struct Form {
    prefix: StoredValue<String>,
    errors: RwSignal<Vec<(String, &'static str)>>,
    pub failure: RwSignal<Option<ApiError>>,
    pub pending: RwSignal<bool>,
}

impl Form {
    pub fn new(prefix: impl Into<String>) -> Self {
        Form {
            prefix: StoredValue::new(prefix.into()),
            errors: RwSignal::new(Vec::new()),
            failure: RwSignal::new(None),
            pending: RwSignal::new(false),
        }
    }

    /// The element id of a field (or of `error`, the form's error region).
    pub fn id(&self, field: &str) -> String {
        format!("{}-{field}", self.prefix.get_value())
    }

    /// The message key of the field's error (tracked).
    pub fn error_of(&self, field: &str) -> Option<&'static str> {
        self.errors
            .with(|e| e.iter().find(|(f, _)| f == field).map(|(_, k)| *k))
    }

    /// Records a client-side problem with a field.
    pub fn invalid(&self, field: &str, key: &'static str) {
        self.errors.update(|e| e.push((field.to_owned(), key)));
    }

    /// Starts a check: clears the field errors.
    pub fn reset(&self) {
        self.errors.set(Vec::new());
        self.failure.set(None);
    }

    /// Clears the field errors only (the server's answer stays).
    pub fn reset_fields(&self) {
        let _ = self.errors.try_set(Vec::new());
    }

    /// After the client checks: false (and focus on the first invalid field) if any failed.
    pub fn valid(&self) -> bool {
        let first = self
            .errors
            .with_untracked(|e| e.first().map(|(f, _)| f.clone()));
        match first {
            Some(field) => {
                focus_id(self.id(&field));
                false
            }
            None => true,
        }
    }

    /// Marks the form as being sent; false if it already is.
    pub fn begin(&self) -> bool {
        if self.pending.get_untracked() {
            return false;
        }
        self.pending.set(true);
        self.failure.set(None);
        true
    }

    pub fn done(&self) {
        let _ = self.pending.try_set(false);
    }

    /// The server said no: show why, mark the fields it named, move focus to the message.
    pub fn fail(&self, error: ApiError) {
        self.fail_with(error, |_, _| None);
    }

    /// Like [`Form::fail`]; `message` may choose a field's message by field and rule
    /// (`None`: the usual one).
    pub fn fail_with(&self, error: ApiError, message: fn(&str, &str) -> Option<&'static str>) {
        let _ = self.pending.try_set(false);
        if let ApiError::Problem { problem, .. } = &error {
            if problem.code == ProblemCode::Validation {
                let named: Vec<(String, &'static str)> = problem
                    .errors
                    .iter()
                    .map(|e| {
                        let field = base_field(&e.field);
                        let key =
                            message(&field, &e.code).unwrap_or_else(|| field_error_key(&e.code));
                        (field, key)
                    })
                    .collect();
                let _ = self.errors.try_set(named);
            }
        }
        let _ = self.failure.try_set(Some(error));
        focus_id(self.id("error"));
    }
}

/// `evidence_links[2]` and `answers.0.score` name the field `evidence_links` and `answers`.
fn base_field(field: &str) -> String {
    field.split(['[', '.']).next().unwrap_or(field).to_owned()
}

/// The message for a rule the server names in a field error.
pub fn field_error_key(code: &str) -> &'static str {
    match code {
        "required" | "missing" | "empty" => "form.required",
        "too_long" => "form.too_long",
        "invalid_link" => "form.invalid_link",
        "not_a_member" => "form.not_member",
        "out_of_range" => "form.choose_one",
        "not_a_number" => "form.not_a_number",
        "in_the_future" => "form.in_the_future",
        "wrong_order" => "form.wrong_order",
        "weak_password" => "form.weak_password",
        "wrong_type" => "form.wrong_type",
        _ => "form.invalid",
    }
}

/// The form's error region: the server's answer, announced and focusable.
#[component]
pub fn FormError(
    form: Form,
    #[prop(optional)] conflict_key: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div id=form.id("error") class="form-error" role="alert" tabindex="-1">
            {move || {
                form.failure
                    .get()
                    .map(|e| {
                        let text = match (conflict_key, e.is_conflict()) {
                            (Some(key), true) => i18n.t(key),
                            _ => e.message(i18n),
                        };
                        view! { <p>{text}</p> }
                    })
            }}
        </div>
    }
}
/// The buttons under a form: save (primary) and cancel.
#[component]
pub fn FormButtons(form: Form, save: &'static str, on_cancel: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="button-row">
            <button type="submit" class="primary" aria-disabled=move || form.pending.get().then_some("true")>
                {move || i18n.t(if form.pending.get() { "form.saving" } else { save })}
            </button>
            <button type="button" on:click=move |_| on_cancel.run(())>
                {move || i18n.t("form.cancel")}
            </button>
        </div>
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths_name_their_field() {
        assert_eq!(base_field("evidence_links[2]"), "evidence_links");
        assert_eq!(base_field("answers.0.score"), "answers");
        assert_eq!(base_field("title"), "title");
    }

    #[test]
    fn server_rules_map_to_messages() {
        assert_eq!(field_error_key("required"), "form.required");
        assert_eq!(field_error_key("too_long"), "form.too_long");
        assert_eq!(field_error_key("whatever"), "form.invalid");
    }
}
