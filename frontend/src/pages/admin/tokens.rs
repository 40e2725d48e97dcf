//! API tokens for other systems: create one with a scope (its secret is shown once, with a
//! copy button and a warning), see when each was last used, revoke one.

use leptos::prelude::*;
use varig_types::{ApiToken, ApiTokenCreated, NewApiToken, TokenScope};

use crate::api::{use_api, ApiError};
use crate::i18n::use_i18n;
use crate::ui::{
    act, focus_id, format_date, local_date, CopyField, DateStyle, Field, FieldError, Flash,
    FlashMessage, Loader, PageFrame, RequireLogin,
};

pub fn scope_key(scope: TokenScope) -> &'static str {
    match scope {
        TokenScope::Read => "tokens.scope_read",
        TokenScope::Write => "tokens.scope_write",
        TokenScope::MeasurementsWrite => "tokens.scope_measurements",
    }
}

const SCOPES: [TokenScope; 3] = [
    TokenScope::Read,
    TokenScope::Write,
    TokenScope::MeasurementsWrite,
];

#[component]
pub fn TokensPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let flash = Flash::new();
    let reload = RwSignal::new(0u32);
    view! {
        <RequireLogin>
            <PageFrame title=Signal::derive(move || i18n.t("tokens.title")) back=("/".to_owned(), "common.home")>
                <p class="lead">{move || i18n.t("tokens.intro")}</p>
                <FlashMessage flash />
                <NewTokenForm on_created=Callback::new(move |()| reload.update(|n| *n += 1)) />
                <section class="card" aria-labelledby="token-list-title">
                    <h2 id="token-list-title">{move || i18n.t("tokens.list")}</h2>
                    <Loader
                        reload
                        fetch={move || async move { api.api_tokens(None).await }}
                        render={move |tokens: Vec<ApiToken>, again| {
                            let empty = tokens.is_empty();
                            view! {
                                {empty.then(|| view! { <p class="empty">{move || i18n.t("tokens.empty")}</p> })}
                                <ul class="member-list token-list">
                                    {tokens.into_iter().map(|t| view! { <TokenRow token=t flash again /> }).collect_view()}
                                </ul>
                            }
                        }}
                    />
                </section>
            </PageFrame>
        </RequireLogin>
    }
}

#[component]
fn NewTokenForm(on_created: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let name = RwSignal::new(String::new());
    let name_error: FieldError = RwSignal::new(None);
    let scope = RwSignal::new(TokenScope::Read);
    let failed = RwSignal::new(None::<ApiError>);
    let created = RwSignal::new(None::<ApiTokenCreated>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = name.get_untracked().trim().to_owned();
        if value.is_empty() {
            name_error.set(Some("tokens.name_required"));
            focus_id("token-name");
            return;
        }
        // The server's default expiry (a year) applies; the list shows it.
        let input = NewApiToken {
            name: value,
            scopes: vec![scope.get_untracked()],
            expires_at: None,
        };
        failed.set(None);
        created.set(None);
        leptos::task::spawn_local(async move {
            match api.create_api_token(&input).await {
                Ok(done) => {
                    let _ = name.try_set(String::new());
                    let _ = created.try_set(Some(done));
                    on_created.run(());
                    focus_id("token-secret");
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate=true aria-labelledby="new-token-title">
            <h2 id="new-token-title">{move || i18n.t("tokens.new")}</h2>
            <Field id="token-name" label="tokens.name" hint="tokens.name_hint" value=name error=name_error autocomplete="off" />
            <fieldset>
                <legend>{move || i18n.t("tokens.scope")}</legend>
                <div class="radios">
                    {SCOPES.into_iter().map(|s| view! {
                        <label class="radio">
                            <input
                                type="radio"
                                name="token-scope"
                                value=s.as_str()
                                prop:checked=move || scope.get() == s
                                on:change=move |_| scope.set(s)
                            />
                            {move || i18n.t(scope_key(s))}
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
            <button type="submit" class="primary">{move || i18n.t("tokens.create")}</button>
        </form>
        {move || created.get().map(|c| view! {
            <div class="card token-secret">
                <p class="notice notice-error">{move || i18n.t("tokens.secret_warning")}</p>
                <CopyField id="token-secret" label="tokens.secret" value=Signal::stored(c.secret) />
            </div>
        })}
    }
}

#[component]
fn TokenRow(token: ApiToken, flash: Flash, again: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let failed = RwSignal::new(None::<ApiError>);
    let id = token.id;
    let revoked = token.revoked_at.is_some();
    let scopes = token.scopes.clone();
    let last = token.last_used_at.map(local_date);
    let expires = token.expires_at.map(local_date);
    let created = local_date(token.created_at);
    let label = token.name.clone();
    let revoke = move |_| {
        act(
            async move { api.revoke_api_token(id).await },
            flash,
            "tokens.revoked",
            |t| t.name,
            again,
            failed,
        );
    };
    view! {
        <li class="token">
            <span class="member-name">{token.name.clone()}</span>
            <span class="member-role">
                {move || scopes.iter().map(|s| i18n.t(scope_key(*s))).collect::<Vec<_>>().join(", ")}
            </span>
            <span class="hint">
                {move || i18n.tf("tokens.created", &[("date", &format_date(i18n.lang(), created, DateStyle::Numeric)), ("prefix", &token.prefix)])}
            </span>
            <span class="hint">
                {move || match last {
                    Some(d) => i18n.tf("tokens.last_used", &[("date", &format_date(i18n.lang(), d, DateStyle::Numeric))]),
                    None => i18n.t("tokens.never_used"),
                }}
            </span>
            {expires.map(|d| view! {
                <span class="hint">
                    {move || i18n.tf("tokens.expires", &[("date", &format_date(i18n.lang(), d, DateStyle::Numeric))])}
                </span>
            })}
            {if revoked {
                view! { <span class="archived">{move || i18n.t("tokens.is_revoked")}</span> }.into_any()
            } else {
                view! {
                    <button type="button" class="danger" aria-label=move || i18n.tf("tokens.revoke_label", &[("name", &label)]) on:click=revoke>
                        {move || i18n.t("tokens.revoke")}
                    </button>
                }.into_any()
            }}
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
        </li>
    }
}
