//! Log in with e-mail address and password.

use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{use_api, ApiError};
use crate::i18n::{set_title, use_i18n};

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();

    Effect::new(move |_| set_title(&i18n.t("login.title")));

    // Already logged in (or just logged in): go to the project list.
    {
        let navigate = navigate.clone();
        Effect::new(move |_| {
            if api.logged_in() {
                navigate("/", Default::default());
            }
        });
    }

    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let email_error = RwSignal::new(None::<&'static str>);
    let password_error = RwSignal::new(None::<&'static str>);
    let form_error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let email_ref = NodeRef::<html::Input>::new();
    let password_ref = NodeRef::<html::Input>::new();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let address = email.get_untracked().trim().to_owned();
        let secret = password.get_untracked();
        let e_err = if address.is_empty() {
            Some("login.email_required")
        } else if !plausible_email(&address) {
            Some("login.email_invalid")
        } else {
            None
        };
        let p_err = secret.is_empty().then_some("login.password_required");
        email_error.set(e_err);
        password_error.set(p_err);
        form_error.set(None);
        if e_err.is_some() {
            focus(email_ref);
            return;
        }
        if p_err.is_some() {
            focus(password_ref);
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            let result = api.login(address, secret).await;
            let _ = pending.try_set(false);
            if let Err(error) = result {
                let _ = form_error.try_set(Some(error));
                let _ = password.try_set(String::new());
                focus(password_ref);
            }
            // On success the effect above navigates.
        });
    };

    let email_described = move || match (email_error.get().is_some(), form_error.get().is_some()) {
        (true, _) => Some("email-error"),
        (false, true) => Some("login-error"),
        _ => None,
    };
    let password_described =
        move || match (password_error.get().is_some(), form_error.get().is_some()) {
            (true, _) => Some("password-error"),
            (false, true) => Some("login-error"),
            _ => None,
        };

    view! {
        <section class="card narrow" aria-labelledby="login-title">
            <p class="tagline">{move || i18n.t("app.tagline")}</p>
            <h1 id="login-title">{move || i18n.t("login.title")}</h1>
            <p class="lead">{move || i18n.t("login.intro")}</p>
            <div id="login-error" class="form-error" role="alert">
                {move || form_error.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
            <form on:submit=on_submit novalidate=true>
                <div class="field">
                    <label for="email">{move || i18n.t("login.email")}</label>
                    <input
                        id="email"
                        name="email"
                        type="email"
                        inputmode="email"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        required=true
                        node_ref=email_ref
                        aria-invalid=move || (email_error.get().is_some() || form_error.get().is_some()).then_some("true")
                        aria-describedby=email_described
                        prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev))
                    />
                    <p id="email-error" class="field-error" role="alert">
                        {move || email_error.get().map(|k| i18n.t(k))}
                    </p>
                </div>
                <div class="field">
                    <label for="password">{move || i18n.t("login.password")}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required=true
                        node_ref=password_ref
                        aria-invalid=move || (password_error.get().is_some() || form_error.get().is_some()).then_some("true")
                        aria-describedby=password_described
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev))
                    />
                    <p id="password-error" class="field-error" role="alert">
                        {move || password_error.get().map(|k| i18n.t(k))}
                    </p>
                </div>
                <button type="submit" class="primary" aria-disabled=move || pending.get().then_some("true")>
                    {move || if pending.get() { i18n.t("login.pending") } else { i18n.t("login.submit") }}
                </button>
            </form>
        </section>
    }
}

fn focus(node: NodeRef<html::Input>) {
    if let Some(input) = node.get_untracked() {
        let _ = input.focus();
    }
}

/// Something@something, no spaces: enough to catch typos; the server decides.
pub fn plausible_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.is_empty()
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !address.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::plausible_email;

    #[test]
    fn email_plausibility() {
        assert!(plausible_email("kari@kommune.no"));
        assert!(!plausible_email("kari"));
        assert!(plausible_email("admin@localhost"));
        assert!(!plausible_email("kari@"));
        assert!(!plausible_email("kari@a@b.no"));
        assert!(!plausible_email("@kommune.no"));
        assert!(!plausible_email("kari @kommune.no"));
        assert!(!plausible_email("kari@kommune.no."));
    }
}
