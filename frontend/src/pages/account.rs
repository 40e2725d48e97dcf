//! My account: my name, a new password (the current one is asked for; every other device
//! is logged out), subscribing to my meetings in a phone's calendar, and logging out on
//! every device.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use varig_types::{Me, User, UserPatch};

use crate::api::{use_api, ApiError};
use crate::i18n::use_i18n;
use crate::pages::invitation::{password_problem, server_password_problem};
use crate::ui::{
    focus_id, CopyField, Field, FieldError, Flash, FlashMessage, Loader, PageFrame, RequireLogin,
};

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let flash = Flash::new();
    view! {
        <RequireLogin>
            <PageFrame title=Signal::derive(move || i18n.t("account.title")) back=("/".to_owned(), "common.home")>
                <FlashMessage flash />
                <Loader
                    fetch={move || async move {
                        let me = api.me_fresh(None).await?;
                        let user = api.user(me.id, None).await?;
                        Ok((me, user))
                    }}
                    render={move |(me, user): (Me, User), again| view! {
                        <NameForm user flash again />
                        <PasswordForm email=me.email.clone() flash />
                        <CalendarSection />
                        <LogoutEverywhere />
                    }}
                />
            </PageFrame>
        </RequireLogin>
    }
}

#[component]
fn NameForm(user: User, flash: Flash, again: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let name = RwSignal::new(user.name.clone());
    let name_error: FieldError = RwSignal::new(None);
    let failed = RwSignal::new(None::<ApiError>);
    let stored = StoredValue::new(user);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = name.get_untracked().trim().to_owned();
        if value.is_empty() {
            name_error.set(Some("invitation.name_required"));
            focus_id("account-name");
            return;
        }
        let user = stored.get_value();
        leptos::task::spawn_local(async move {
            let patch = UserPatch {
                name: Some(value),
                org_role: None,
            };
            match api.update_user(&user, &patch).await {
                Ok(_) => {
                    flash.show("account.name_saved");
                    again.run(());
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate=true aria-labelledby="name-title">
            <h2 id="name-title">{move || i18n.t("account.name_title")}</h2>
            <Field id="account-name" label="invitation.name" value=name error=name_error autocomplete="name" />
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
            <button type="submit">{move || i18n.t("common.save")}</button>
        </form>
    }
}

#[component]
fn PasswordForm(email: String, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let current_error: FieldError = RwSignal::new(None);
    let new_error: FieldError = RwSignal::new(None);
    let failed = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let email = StoredValue::new(email);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let old = current.get_untracked();
        let fresh = new.get_untracked();
        let c_err = old.is_empty().then_some("account.current_required");
        let n_err = password_problem(&fresh);
        current_error.set(c_err);
        new_error.set(n_err);
        if c_err.is_some() {
            focus_id("account-current");
            return;
        }
        if n_err.is_some() {
            focus_id("account-new");
            return;
        }
        pending.set(true);
        failed.set(None);
        let email = email.get_value();
        leptos::task::spawn_local(async move {
            match api.change_password(email, old, fresh).await {
                Ok(()) => {
                    let _ = current.try_set(String::new());
                    let _ = new.try_set(String::new());
                    flash.show("account.password_changed");
                }
                Err(e) => {
                    if let Some(key) = server_password_problem(&e, "new_password") {
                        let _ = new_error.try_set(Some(key));
                        focus_id("account-new");
                    } else {
                        let _ = failed.try_set(Some(e));
                    }
                }
            }
            let _ = pending.try_set(false);
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate=true aria-labelledby="password-title">
            <h2 id="password-title">{move || i18n.t("account.password_title")}</h2>
            <p class="hint">{move || i18n.t("account.password_lead")}</p>
            <Field id="account-current" label="account.current" value=current error=current_error input_type="password" autocomplete="current-password" />
            <Field id="account-new" label="account.new" hint="account.password_rule" value=new error=new_error input_type="password" autocomplete="new-password" />
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
            <button type="submit" class="primary" aria-disabled=move || pending.get().then_some("true")>
                {move || i18n.t("account.password_submit")}
            </button>
        </form>
    }
}

/// The whole address of a feed path, on this server.
fn feed_url(path: &str) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{path}")
}

#[component]
fn CalendarSection() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let url = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<ApiError>);
    let make = move |_| {
        leptos::task::spawn_local(async move {
            match api.create_calendar_feed().await {
                Ok(feed) => {
                    let _ = url.try_set(Some(feed_url(&feed.path)));
                    focus_id("calendar-url");
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="calendar-title">
            <h2 id="calendar-title">{move || i18n.t("account.calendar_title")}</h2>
            <p>{move || i18n.t("account.calendar_lead")}</p>
            {move || url.get().map(|u| {
                let webcal = u.replacen("http://", "webcal://", 1).replacen("https://", "webcal://", 1);
                view! {
                    <CopyField id="calendar-url" label="account.calendar_url" value=Signal::stored(u) />
                    <p><a class="item-link" href=webcal>{move || i18n.t("account.calendar_open")}</a></p>
                    <p class="hint">{move || i18n.t("account.calendar_once")}</p>
                }
            })}
            <button type="button" on:click=make>
                {move || if url.get().is_some() { i18n.t("account.calendar_rotate") } else { i18n.t("account.calendar_make") }}
            </button>
            <p class="hint">{move || i18n.t("account.calendar_rotate_hint")}</p>
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
            <h3>{move || i18n.t("account.calendar_how")}</h3>
            <ul class="how-list">
                <li>{move || i18n.t("account.calendar_outlook")}</li>
                <li>{move || i18n.t("account.calendar_google")}</li>
                <li>{move || i18n.t("account.calendar_iphone")}</li>
            </ul>
        </section>
    }
}

#[component]
fn LogoutEverywhere() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let failed = RwSignal::new(None::<ApiError>);
    let out = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api.logout_everywhere().await {
                Ok(()) => navigate("/login", Default::default()),
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="everywhere-title">
            <h2 id="everywhere-title">{move || i18n.t("account.everywhere_title")}</h2>
            <p class="hint">{move || i18n.t("account.everywhere_hint")}</p>
            <button type="button" class="danger" on:click=out>{move || i18n.t("account.everywhere")}</button>
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
        </section>
    }
}
