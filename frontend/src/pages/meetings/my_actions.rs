//! "My actions": the caller's open actions across projects, by due date, each with its
//! project, the overdue badge and "done".

use std::collections::HashMap;

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{ActionStatus, MeetingAction};

use super::meeting::ActionRow;
use super::meeting_href;
use crate::api::{abort_on_cleanup, use_api, Freshness};
use crate::i18n::{set_title, use_i18n};
use crate::ui::{focus_id, FlashNotice, Loader, RequireLogin};

#[component]
pub fn MyActionsPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <MyActionsView />
        </RequireLogin>
    }
}

/// The caller's actions, and the names of their projects.
#[derive(Clone)]
struct MyActions {
    items: Vec<MeetingAction>,
    projects: HashMap<Uuid, String>,
    cached: bool,
}

#[component]
fn MyActionsView() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let flash = RwSignal::new(None::<&'static str>);
    let abort = StoredValue::new_local(abort_on_cleanup());

    let fetch = move || {
        let signal = abort.get_value();
        async move {
            let (list, fresh) = api.my_actions(signal.clone()).await?;
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
            Ok(MyActions {
                items: list.items,
                projects,
                cached: fresh == Freshness::Cached,
            })
        }
    };

    Effect::new(move |_| set_title(&i18n.t("actions.title")));

    view! {
        <article class="my-actions" aria-labelledby="actions-page-title">
            <h1 id="actions-page-title">{move || i18n.t("actions.title")}</h1>
            <p class="lead">{move || i18n.t("actions.lead")}</p>
            <FlashNotice id="actions-flash" message=flash />
            <Loader fetch render=move |d: MyActions, _| {
                    let MyActions { items, projects, cached } = d;
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
                                        focus_id("actions-flash".to_owned());
                                    });
                                    match project_name {
                                        Some(p) => view! { <ActionRow a may_mark=true on_done project_name=p href top_level=true /> }.into_any(),
                                        None => view! { <ActionRow a may_mark=true on_done href top_level=true /> }.into_any(),
                                    }
                                }
                            </For>
                        </ul>
                    }
            } />
        </article>
    }
}
