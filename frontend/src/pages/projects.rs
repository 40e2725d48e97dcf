//! My projects: the implementation projects the user may see, with phase and role (the
//! start page of a project member, and part of the organisation administrator's).

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{Project, ProjectState};

use crate::api::{abort_on_cleanup, use_api, ApiError, Freshness};
use crate::i18n::{set_title, use_i18n};
use crate::pages::indicators::overview::overview_href;
use crate::ui::{ErrorNotice, Loading};

#[component]
pub fn ProjectList() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    Effect::new(move |_| set_title(&i18n.t("projects.title")));

    let items = RwSignal::new(Vec::<Project>::new());
    let next_cursor = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let cached = RwSignal::new(false);
    let abort = StoredValue::new_local(abort_on_cleanup());

    let load = move |cursor: Option<String>| {
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        error.set(None);
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            let result = api.projects(cursor.as_deref(), signal).await;
            match result {
                Ok((page, freshness)) => {
                    let _ = items.try_update(|list| {
                        if cursor.is_none() {
                            list.clear();
                        }
                        list.extend(page.items);
                    });
                    let _ = next_cursor.try_set(page.next_cursor);
                    let _ = cached.try_set(freshness == Freshness::Cached);
                    let _ = loaded.try_set(true);
                }
                // The page went away; nothing to show.
                Err(ApiError::Aborted) => {}
                Err(e) => {
                    let _ = error.try_set(Some(e));
                }
            }
            let _ = loading.try_set(false);
        });
    };
    load(None);

    // The caller's organisation, for the link to its overview.
    let organisation = RwSignal::new(None::<Uuid>);
    let me_abort = abort.get_value();
    leptos::task::spawn_local(async move {
        if let Ok((me, _)) = api.me(me_abort).await {
            let _ = organisation.try_set(me.organisation_id);
        }
    });

    let retry = Callback::new(move |()| {
        load(
            next_cursor
                .get_untracked()
                .filter(|_| loaded.get_untracked()),
        )
    });

    view! {
        <section aria-labelledby="projects-title">
            <h1 id="projects-title">{move || i18n.t("projects.title")}</h1>
            <p class="lead">{move || i18n.t("projects.intro")}</p>
            {move || {
                organisation
                    .get()
                    .map(|org| {
                        view! {
                            <p class="overview-link">
                                <a class="item-link" href=overview_href(org)>{move || i18n.t("projects.overview_link")}</a>
                            </p>
                        }
                    })
            }}
            <Show when=move || cached.get()>
                <p class="notice">{move || i18n.t("projects.cached")}</p>
            </Show>
            <Show when=move || loaded.get() && items.with(Vec::is_empty)>
                <p class="empty">{move || i18n.t("projects.empty")}</p>
            </Show>
            <ul class="project-list" aria-busy=move || loading.get().then_some("true")>
                <For each=move || items.get() key=|p| p.id let:project>
                    <ProjectItem project />
                </For>
            </ul>
            <Show when=move || loading.get()>
                <Loading />
            </Show>
            {move || error.get().map(|e| view! { <ErrorNotice error=e retry /> })}
            <Show when=move || next_cursor.with(Option::is_some) && !loading.get() && error.with(Option::is_none)>
                <button type="button" class="secondary" on:click=move |_| load(next_cursor.get_untracked())>
                    {move || i18n.t("projects.more")}
                </button>
            </Show>
        </section>
    }
}

#[component]
fn ProjectItem(project: Project) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/projects/{}", project.id);
    let phase = project.phase;
    let role = project.my_role;
    let archived = project.archived_at.is_some();
    let state = (project.state != ProjectState::Active).then_some(project.state);
    view! {
        <li>
            <a class="project-link" href=href>
                <span class="project-name">{project.name}</span>
                <span class="project-meta">
                    <span class=format!("phase-badge phase-{}", phase.as_str())>
                        {move || i18n.tf("projects.phase", &[("phase", &i18n.phase(phase))])}
                    </span>
                    {role.map(|r| view! { <span>{move || i18n.tf("projects.role", &[("role", &i18n.role(r))])}</span> })}
                    {state.map(|s| view! { <span class="state">{move || i18n.state(s)}</span> })}
                    {archived.then(|| view! { <span class="archived">{move || i18n.t("projects.archived")}</span> })}
                </span>
            </a>
        </li>
    }
}
