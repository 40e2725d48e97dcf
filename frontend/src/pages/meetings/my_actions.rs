//! "My actions": the caller's open actions across projects, by due date, each with its
//! project, the overdue badge and "done".

use std::collections::HashMap;

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{ActionStatus, MeetingAction};

use super::meeting::ActionRow;
use super::meeting_href;
use crate::api::{abort_on_cleanup, use_api, ApiError, Freshness};
use crate::i18n::{set_title, use_i18n};
use crate::pages::plan::{focus_later, Flash};
use crate::pages::{ErrorNotice, Loading, RequireLogin};

#[component]
pub fn MyActionsPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <MyActionsView />
        </RequireLogin>
    }
}

#[derive(Clone)]
enum State {
    Loading,
    Failed(ApiError),
    Ready {
        items: Vec<MeetingAction>,
        projects: HashMap<Uuid, String>,
        cached: bool,
    },
}

#[component]
fn MyActionsView() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let state = RwSignal::new(State::Loading);
    let flash = RwSignal::new(None::<&'static str>);
    let abort = StoredValue::new_local(abort_on_cleanup());

    let load = move || {
        state.set(State::Loading);
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            let next = match api.my_actions(signal.clone()).await {
                Ok((list, fresh)) => {
                    let mut ids: Vec<Uuid> = list.items.iter().map(|a| a.project_id).collect();
                    ids.sort();
                    ids.dedup();
                    let mut projects = HashMap::new();
                    for id in ids {
                        // A project that cannot be read shows without its name.
                        if let Ok((p, _)) = api.project(id, signal.clone()).await {
                            projects.insert(id, p.name);
                        }
                    }
                    State::Ready {
                        items: list.items,
                        projects,
                        cached: fresh == Freshness::Cached,
                    }
                }
                Err(ApiError::Aborted) => return,
                Err(e) => State::Failed(e),
            };
            let _ = state.try_set(next);
        });
    };
    load();
    let retry = Callback::new(move |()| load());

    Effect::new(move |_| set_title(&i18n.t("actions.title")));

    view! {
        <article class="my-actions" aria-labelledby="actions-page-title">
            <h1 id="actions-page-title">{move || i18n.t("actions.title")}</h1>
            <p class="lead">{move || i18n.t("actions.lead")}</p>
            <Flash id="actions-flash" message=flash />
            {move || match state.get() {
                State::Loading => view! { <Loading /> }.into_any(),
                State::Failed(e) => view! { <ErrorNotice error=e retry /> }.into_any(),
                State::Ready { items, projects, cached } => {
                    let list = RwSignal::new(items);
                    view! {
                        {cached.then(|| view! { <p class="notice">{move || i18n.t("projects.cached")}</p> })}
                        <Show when=move || list.with(|l| l.iter().all(|a| a.status == ActionStatus::Done))>
                            <p class="empty">{move || i18n.t("actions.empty")}</p>
                        </Show>
                        <ul class="plan-list action-list">
                            <For each=move || list.get() key=|a| (a.id, a.version) let:a>
                                {
                                    let href = meeting_href(a.project_id, a.series_id, a.meeting_date);
                                    let project_name = projects.get(&a.project_id).cloned();
                                    let on_done = Callback::new(move |done: MeetingAction| {
                                        list.update(|l| l.retain(|x| x.id != done.id));
                                        flash.set(Some("actions.flash_done"));
                                        focus_later("actions-flash".to_owned());
                                    });
                                    match project_name {
                                        Some(p) => view! { <ActionRow a may_mark=true on_done project_name=p href top_level=true /> }.into_any(),
                                        None => view! { <ActionRow a may_mark=true on_done href top_level=true /> }.into_any(),
                                    }
                                }
                            </For>
                        </ul>
                    }
                        .into_any()
                }
            }}
        </article>
    }
}
