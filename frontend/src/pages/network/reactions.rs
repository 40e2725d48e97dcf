//! Reactions per unit over time: a table of the stages reported per unit and month.

use leptos::prelude::*;
use varig_types::{Project, ReactionPoint, ReactionStage};

use super::stage_key;
use crate::api::{abort_on_cleanup, use_api};
use crate::i18n::use_i18n;
use crate::ui::Loader;

#[component]
pub fn ReactionsView(project: Project) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let pid = project.id;
    let abort = StoredValue::new_local(abort_on_cleanup());
    let fetch = move || {
        let signal = abort.get_value();
        async move { api.reactions(pid, signal).await.map(|(t, _)| t.items) }
    };
    view! {
        <h1 id="page-title">{move || i18n.t("reactions.title")}</h1>
        <p class="lead">{move || i18n.t("reactions.lead")}</p>
        <Loader fetch render={move |points: Vec<ReactionPoint>, _| {
            if points.is_empty() {
                view! { <p class="empty card">{move || i18n.t("reactions.empty")}</p> }.into_any()
            } else {
                view! { <ReactionTable points /> }.into_any()
            }
        }} />
    }
}

#[component]
fn ReactionTable(points: Vec<ReactionPoint>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div
            class="table-scroll card"
            role="region"
            tabindex="0"
            aria-labelledby="reactions-caption"
        >
            <table class="reaction-table">
                <caption id="reactions-caption">{move || i18n.t("reactions.caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t("reactions.unit_month")}</th>
                        {ReactionStage::ALL
                            .iter()
                            .map(|s| view! { <th scope="col">{move || i18n.t(stage_key(*s))}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {points
                        .into_iter()
                        .map(|p| {
                            let counts: Vec<i32> = ReactionStage::ALL
                                .iter()
                                .map(|s| p.counts.iter().find(|c| c.stage == *s).map(|c| c.count).unwrap_or(0))
                                .collect();
                            view! {
                                <tr>
                                    <th scope="row">
                                        {p.unit_name}
                                        <span class="month">{p.month}</span>
                                    </th>
                                    {counts
                                        .into_iter()
                                        .map(|n| view! { <td class:zero=n == 0>{n}</td> })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
