//! Accepting an invitation from its link, `/invitation#<token>`: the token is in the
//! fragment, which the browser never sends, so no server or proxy log holds it. The page
//! says who invited you to what, asks for your name and a password (the rules are shown
//! before you type), creates the account and opens your start page. An invitation that is
//! used, revoked or expired gets a page saying so and whom to ask.

use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use varig_types::{InvitationPreview, InvitationStatus};

use crate::api::{use_api, ApiError};
use crate::i18n::{role_key, use_i18n};
use crate::pages::invite::org_role_key;
use crate::ui::{
    focus_id, format_date, local_date, DateStyle, Field, FieldError, Loader, PageFrame,
};

/// The password rule of the server (`backend/src/auth/password.rs`).
pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 1000;

/// The error key for a new password, if it breaks the rule.
pub fn password_problem(password: &str) -> Option<&'static str> {
    let n = password.chars().count();
    if n == 0 {
        Some("account.password_required")
    } else if n < MIN_PASSWORD_CHARS {
        Some("account.password_short")
    } else if n > MAX_PASSWORD_CHARS {
        Some("account.password_long")
    } else {
        None
    }
}

/// The error key for a password the server refused by field (422): too easy to guess,
/// or against the length rule; None for any other failure.
pub fn server_password_problem(error: &ApiError, field: &str) -> Option<&'static str> {
    let ApiError::Problem { problem, .. } = error else {
        return None;
    };
    problem
        .errors
        .iter()
        .filter(|e| e.field == field)
        .find_map(|e| match e.code.as_str() {
            "weak_password" => Some("form.weak_password"),
            "too_short" => Some("account.password_short"),
            "too_long" => Some("account.password_long"),
            _ => None,
        })
}

/// The token from the address's fragment (`#vinv_…`), if any.
fn token_from_location() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let token = hash.trim_start_matches('#').trim().to_owned();
    (!token.is_empty()).then_some(token)
}

#[component]
pub fn InvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let token = token_from_location();
    let Some(token) = token else {
        return view! {
            <PageFrame title=Signal::derive(move || i18n.t("invitation.invalid_title"))>
                <p>{move || i18n.t("invitation.invalid_body")}</p>
            </PageFrame>
        }
        .into_any();
    };
    let fetch_token = token.clone();
    view! {
        <Loader
            fetch={move || {
                let token = fetch_token.clone();
                async move {
                    match api.preview_invitation(token).await {
                        Ok(p) => Ok(Some(p)),
                        Err(e) if e.is_not_found() => Ok(None),
                        Err(e) => Err(e),
                    }
                }
            }}
            render={move |preview: Option<InvitationPreview>, _| match preview {
                None => view! {
                    <PageFrame title=Signal::derive(move || i18n.t("invitation.invalid_title"))>
                        <p>{move || i18n.t("invitation.invalid_body")}</p>
                    </PageFrame>
                }.into_any(),
                Some(p) if p.status == InvitationStatus::Pending => {
                    view! { <AcceptForm preview=p token=token.clone() /> }.into_any()
                }
                Some(p) => view! { <Unusable preview=p /> }.into_any(),
            }}
        />
    }
    .into_any()
}

/// "Who invited you to what", in words.
fn offer_text(i18n: crate::i18n::I18n, p: &InvitationPreview) -> String {
    let inviter = p
        .invited_by_name
        .clone()
        .unwrap_or_else(|| i18n.t("invitation.someone"));
    let org_role = i18n.t(org_role_key(p.org_role));
    let mut text = i18n.tf(
        "invitation.offer",
        &[
            ("inviter", &inviter),
            ("organisation", &p.organisation_name),
            ("role", &org_role.to_lowercase()),
        ],
    );
    if let (Some(project), Some(role)) = (&p.project_name, p.project_role) {
        text.push(' ');
        text.push_str(&i18n.tf(
            "invitation.offer_project",
            &[
                ("project", project),
                ("role", &i18n.t(role_key(role)).to_lowercase()),
            ],
        ));
    }
    text
}

#[component]
fn AcceptForm(preview: InvitationPreview, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let name_error: FieldError = RwSignal::new(None);
    let password_error: FieldError = RwSignal::new(None);
    let failed = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let password_ref = NodeRef::<html::Input>::new();
    let email = preview.email.clone();
    let expires = local_date(preview.expires_at);
    let offer = preview.clone();
    let token = StoredValue::new(token);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let chosen_name = name.get_untracked().trim().to_owned();
        let secret = password.get_untracked();
        let n_err = chosen_name.is_empty().then_some("invitation.name_required");
        let p_err = password_problem(&secret);
        name_error.set(n_err);
        password_error.set(p_err);
        if n_err.is_some() {
            focus_id("invitation-name");
            return;
        }
        if p_err.is_some() {
            focus_id("invitation-password");
            return;
        }
        pending.set(true);
        failed.set(None);
        let navigate = navigate.clone();
        let token = token.get_value();
        leptos::task::spawn_local(async move {
            match api.accept_invitation(token, chosen_name, secret).await {
                Ok(()) => navigate("/", Default::default()),
                Err(e) => {
                    let _ = pending.try_set(false);
                    if let Some(key) = server_password_problem(&e, "password") {
                        let _ = password_error.try_set(Some(key));
                        focus_id("invitation-password");
                    } else {
                        let _ = failed.try_set(Some(e));
                        focus_id("invitation-error");
                    }
                }
            }
        });
    };

    view! {
        <PageFrame title=Signal::derive(move || i18n.t("invitation.title"))>
            <p class="lead offer">{move || offer_text(i18n, &offer)}</p>
            <p class="hint">
                {move || i18n.tf("invitation.expires", &[("date", &format_date(i18n.lang(), expires, DateStyle::Numeric))])}
            </p>
            <form class="card narrow-form" on:submit=on_submit novalidate=true>
                <p>{move || i18n.tf("invitation.your_email", &[("email", &email)])}</p>
                <Field id="invitation-name" label="invitation.name" value=name error=name_error autocomplete="name" />
                <Field
                    id="invitation-password"
                    label="invitation.password"
                    hint="account.password_rule"
                    value=password
                    error=password_error
                    input_type="password"
                    autocomplete="new-password"
                    node_ref=password_ref
                />
                <div id="invitation-error" class="form-error" role="alert" tabindex="-1">
                    {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
                </div>
                <button type="submit" class="primary" aria-disabled=move || pending.get().then_some("true")>
                    {move || i18n.t("invitation.submit")}
                </button>
            </form>
        </PageFrame>
    }
}

/// A used, revoked or expired invitation: what happened, and whom to ask.
#[component]
fn Unusable(preview: InvitationPreview) -> impl IntoView {
    let i18n = use_i18n();
    let (title, body) = match preview.status {
        InvitationStatus::Accepted => ("invitation.used_title", "invitation.used_body"),
        InvitationStatus::Revoked => ("invitation.revoked_title", "invitation.revoked_body"),
        _ => ("invitation.expired_title", "invitation.expired_body"),
    };
    let used = preview.status == InvitationStatus::Accepted;
    let email = preview.email.clone();
    let ask = preview.invited_by_name.clone().map(|name| {
        let contact = preview.invited_by_email.clone().unwrap_or_default();
        (name, contact)
    });
    view! {
        <PageFrame title=Signal::derive(move || i18n.t(title))>
            <p>{move || i18n.tf(body, &[("email", &email)])}</p>
            {used.then(|| view! { <p><a class="item-link" href="/login">{move || i18n.t("login.title")}</a></p> })}
            {(!used).then(|| match ask.clone() {
                Some((name, contact)) => {
                    let mail = format!("mailto:{contact}");
                    view! {
                        <p>
                            {move || i18n.tf("invitation.ask", &[("name", &name)])}
                            " "
                            <a href=mail>{contact.clone()}</a>
                        </p>
                    }.into_any()
                }
                None => view! { <p>{move || i18n.t("invitation.ask_admin")}</p> }.into_any(),
            })}
        </PageFrame>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_the_server_finds_too_easy_is_named_on_its_field() {
        let refused = |field: &str, code: &str| ApiError::Problem {
            problem: varig_types::Problem {
                type_: "urn:varig:problem:validation".into(),
                title: "Unprocessable Entity".into(),
                status: 422,
                detail: None,
                code: varig_types::ProblemCode::Validation,
                errors: vec![varig_types::FieldError {
                    field: field.into(),
                    code: code.into(),
                    message: "is too easy to guess".into(),
                }],
            },
            retry_after: None,
        };
        assert_eq!(
            server_password_problem(&refused("password", "weak_password"), "password"),
            Some("form.weak_password")
        );
        assert_eq!(
            server_password_problem(&refused("new_password", "weak_password"), "password"),
            None,
            "another field"
        );
        assert_eq!(
            server_password_problem(&refused("name", "required"), "name"),
            None
        );
    }

    #[test]
    fn the_password_rule_is_the_servers() {
        assert_eq!(password_problem(""), Some("account.password_required"));
        assert_eq!(
            password_problem("123456789"),
            Some("account.password_short")
        );
        assert_eq!(password_problem("1234567890"), None);
        assert_eq!(
            password_problem("æøåæøåæøåæ"),
            None,
            "counted in characters"
        );
        assert_eq!(
            password_problem(&"x".repeat(MAX_PASSWORD_CHARS + 1)),
            Some("account.password_long")
        );
    }
}
