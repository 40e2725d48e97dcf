//! The shell: skip link, header with navigation and language switch, offline notice, routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::api::{abort_on_cleanup, use_api, Api};
use crate::i18n::{use_i18n, I18n, Lang};
use crate::offline::{Outbox, OutboxLink, SyncAnnouncer};
use crate::pages::account::AccountPage;
use crate::pages::admin::audit::AuditPage;
use crate::pages::admin::people::PeoplePage;
use crate::pages::admin::programmes::ProgrammesPage;
use crate::pages::admin::projects::AdminProjectsPage;
use crate::pages::admin::tokens::TokensPage;
use crate::pages::admin::webhooks::deliveries::DeliveriesPage;
use crate::pages::admin::webhooks::detail::WebhookPage;
use crate::pages::admin::webhooks::list::WebhooksPage;
use crate::pages::home::HomePage;
use crate::pages::indicators::overview::OverviewPage;
use crate::pages::indicators::{Follow, FollowPage};
use crate::pages::invitation::InvitationPage;
use crate::pages::login::LoginPage;
use crate::pages::meetings::meeting::{MeetingPage, MinutesPrintPage};
use crate::pages::meetings::my_actions::MyActionsPage;
use crate::pages::meetings::overview::MeetingsPage;
use crate::pages::network::outbox::OutboxPage;
use crate::pages::network::{NetView, NetworkPage};
use crate::pages::not_found::NotFoundPage;
use crate::pages::plan::{PlanPage, Tool};
use crate::pages::project::ProjectPage;
use crate::pages::system::OrganisationPage;

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::init();
    provide_context(i18n);
    let api = Api::init();
    provide_context(api);
    provide_context(Outbox::init(api));

    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=skip_to_main>
                {move || i18n.t("app.skip")}
            </a>
            <Header />
            <OfflineNotice />
            <SyncAnnouncer />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/invitation") view=InvitationPage />
                    <Route path=path!("/account") view=AccountPage />
                    <Route path=path!("/admin/people") view=PeoplePage />
                    <Route path=path!("/admin/programmes") view=ProgrammesPage />
                    <Route path=path!("/admin/projects") view=AdminProjectsPage />
                    <Route path=path!("/admin/tokens") view=TokensPage />
                    <Route path=path!("/admin/webhooks") view=WebhooksPage />
                    <Route path=path!("/admin/webhooks/:id") view=WebhookPage />
                    <Route path=path!("/admin/webhooks/:id/deliveries") view=DeliveriesPage />
                    <Route path=path!("/admin/audit") view=AuditPage />
                    <Route path=path!("/organisations/:id/manage") view=OrganisationPage />
                    <Route path=path!("/projects/:id") view=ProjectPage />
                    <Route
                        path=path!("/projects/:id/milestones")
                        view=|| view! { <PlanPage tool=Tool::Milestones /> }
                    />
                    <Route path=path!("/projects/:id/goals") view=|| view! { <PlanPage tool=Tool::Goals /> } />
                    <Route
                        path=path!("/projects/:id/readiness")
                        view=|| view! { <PlanPage tool=Tool::Readiness /> }
                    />
                    <Route
                        path=path!("/projects/:id/stakeholders")
                        view=|| view! { <PlanPage tool=Tool::Stakeholders /> }
                    />
                    <Route
                        path=path!("/projects/:id/barriers")
                        view=|| view! { <PlanPage tool=Tool::Barriers /> }
                    />
                    <Route path=path!("/projects/:id/risks") view=|| view! { <PlanPage tool=Tool::Risks /> } />
                    <Route
                        path=path!("/projects/:id/dashboard")
                        view=|| view! { <FollowPage page=Follow::Dashboard /> }
                    />
                    <Route
                        path=path!("/projects/:id/indicators")
                        view=|| view! { <FollowPage page=Follow::Indicators /> }
                    />
                    <Route
                        path=path!("/projects/:id/indicators/:indicator")
                        view=|| view! { <FollowPage page=Follow::Indicator /> }
                    />
                    <Route
                        path=path!("/projects/:id/sustainability")
                        view=|| view! { <FollowPage page=Follow::Sustainability /> }
                    />
                    <Route path=path!("/organisations/:id/overview") view=OverviewPage />
                    <Route path=path!("/outbox") view=OutboxPage />
                    <Route path=path!("/my-actions") view=MyActionsPage />
                    <Route path=path!("/projects/:id/meetings") view=MeetingsPage />
                    <Route path=path!("/projects/:id/meetings/:series/:date") view=MeetingPage />
                    <Route path=path!("/projects/:id/meetings/:series/:date/print") view=MinutesPrintPage />
                    <Route
                        path=path!("/projects/:id/report")
                        view=|| view! { <NetworkPage view=NetView::Report /> }
                    />
                    <Route
                        path=path!("/projects/:id/reports")
                        view=|| view! { <NetworkPage view=NetView::Feed /> }
                    />
                    <Route
                        path=path!("/projects/:id/network")
                        view=|| view! { <NetworkPage view=NetView::Coverage /> }
                    />
                    <Route
                        path=path!("/projects/:id/network/setup")
                        view=|| view! { <NetworkPage view=NetView::Setup /> }
                    />
                    <Route
                        path=path!("/projects/:id/reactions")
                        view=|| view! { <NetworkPage view=NetView::Reactions /> }
                    />
                </Routes>
            </main>
        </Router>
    }
}

/// The router would treat `#main` as a navigation; move focus to the content instead.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        main.scroll_into_view();
        if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
            let _ = main.focus();
        }
    }
}

#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();

    let logout = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            api.logout().await;
            navigate("/login", Default::default());
        });
    };

    view! {
        <header class="site-header">
            <div class="bar">
                <A href="/" attr:class="brand">
                    <img src="/icons/icon.svg" alt="" width="32" height="32" />
                    <span class="brand-name">{move || i18n.t("app.name")}</span>
                </A>
                <LanguageSwitch />
            </div>
            <Show when=move || api.logged_in()>
                <nav class="main-nav" aria-label=move || i18n.t("nav.label")>
                    <A href="/" exact=true>{move || i18n.t("nav.projects")}</A>
                    <A href="/my-actions">{move || i18n.t("nav.my_actions")}</A>
                    <OutboxLink />
                    <A href="/account">{move || i18n.t("nav.account")}</A>
                    <SignedInAs />
                    <button type="button" class="link-button" on:click=logout.clone()>
                        {move || i18n.t("nav.logout")}
                    </button>
                </nav>
            </Show>
        </header>
    }
}

/// "Signed in as …", from `/api/v1/me`; nothing if it cannot be had.
#[component]
fn SignedInAs() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let name = RwSignal::new(None::<String>);
    let abort = abort_on_cleanup();
    leptos::task::spawn_local(async move {
        if let Ok((me, _)) = api.me(abort).await {
            let _ = name.try_set(Some(me.name));
        }
    });
    move || {
        name.get().map(
            |n| view! { <span class="who">{i18n.tf("nav.signed_in_as", &[("name", &n)])}</span> },
        )
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(lang) = Lang::from_code(&event_target_value(&ev)) {
            i18n.set_lang(lang);
        }
    };
    view! {
        <div class="lang-switch">
            <label for="lang-select">{move || i18n.t("lang.label")}</label>
            <select id="lang-select" on:change=on_change>
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <option
                                value=lang.code()
                                lang=lang.code()
                                prop:selected=move || i18n.lang() == lang
                            >
                                {move || i18n.t(lang.name_key())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Announces going offline and back; the app keeps working from its copies.
#[component]
fn OfflineNotice() -> impl IntoView {
    let i18n = use_i18n();
    let online = RwSignal::new(navigator_online());
    let _on = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let _off = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    view! {
        <div class="offline-region" role="status" aria-live="polite">
            <Show when=move || !online.get()>
                <p class="offline-notice">{move || i18n.t("app.offline")}</p>
            </Show>
        </div>
    }
}

fn navigator_online() -> bool {
    web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true)
}
