//! Goals as a tree (nested lists): effect goals, the result goals that serve them, process
//! goals and sub-goals. Writers add, edit, add sub-goals and delete (not while a goal has
//! sub-goals).

use std::collections::HashMap;

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::permissions::Action;
use varig_types::{Goal, GoalInput, GoalLevel};

use super::{item_actions, submit, use_tool, AddButton, Ctx, Editing, ToolData, ToolStatus};
use crate::i18n::use_i18n;
use crate::ui::{
    choice, clean, clean_line, focus_id, Choice, Form, FormButtons, FormError, Select, TextArea,
    TextInput,
};

pub fn level_key(level: GoalLevel) -> &'static str {
    match level {
        GoalLevel::Effect => "goals.level_effect",
        GoalLevel::Result => "goals.level_result",
        GoalLevel::Process => "goals.level_process",
        GoalLevel::Sub => "goals.level_sub",
    }
}

fn rank(level: GoalLevel) -> usize {
    GoalLevel::ALL.iter().position(|l| *l == level).unwrap_or(0)
}

/// Whether a goal of level `parent` may have a sub-goal of level `child`: a higher level,
/// or a sub-goal under a sub-goal.
pub fn may_hang_under(child: GoalLevel, parent: GoalLevel) -> bool {
    rank(parent) < rank(child) || (child == GoalLevel::Sub && parent == GoalLevel::Sub)
}

/// The level a new sub-goal of `parent` gets by default.
pub fn next_level(parent: GoalLevel) -> GoalLevel {
    match parent {
        GoalLevel::Effect => GoalLevel::Result,
        GoalLevel::Result => GoalLevel::Process,
        GoalLevel::Process | GoalLevel::Sub => GoalLevel::Sub,
    }
}

/// Children by parent (`None`: the top of the tree, with goals whose parent is gone), each
/// list by level and then creation.
fn tree(goals: &[Goal]) -> HashMap<Option<Uuid>, Vec<Goal>> {
    let ids: std::collections::HashSet<Uuid> = goals.iter().map(|g| g.id).collect();
    let mut map: HashMap<Option<Uuid>, Vec<Goal>> = HashMap::new();
    for g in goals {
        let parent = g.parent_id.filter(|p| ids.contains(p) && *p != g.id);
        map.entry(parent).or_default().push(g.clone());
    }
    for list in map.values_mut() {
        list.sort_by(|a, b| {
            rank(a.level)
                .cmp(&rank(b.level))
                .then(a.created_at.cmp(&b.created_at))
        });
    }
    map
}

/// `id` and every goal below it.
fn descendants(map: &HashMap<Option<Uuid>, Vec<Goal>>, id: Uuid) -> Vec<Uuid> {
    let mut out = vec![id];
    let mut i = 0;
    while i < out.len() {
        if let Some(children) = map.get(&Some(out[i])) {
            out.extend(children.iter().map(|c| c.id));
        }
        i += 1;
    }
    out
}

#[derive(Clone, Copy)]
struct TreeCtx {
    data: ToolData<Goal>,
    project: Uuid,
    may_write: bool,
}

#[component]
pub fn Goals(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let project = ctx.project.id;
    let may_write = ctx.standing.may_change(Action::PlanWrite);
    let data = use_tool::<Goal>(project);
    let t = TreeCtx {
        data,
        project,
        may_write,
    };

    let body = move || {
        let goals = data.items.get()?;
        if goals.is_empty() {
            return Some(view! { <p class="empty">{move || i18n.t("goals.empty")}</p> }.into_any());
        }
        let map = tree(&goals);
        let roots = map.get(&None).cloned().unwrap_or_default();
        Some(
            view! {
                <ul class="goal-tree" aria-label=move || i18n.t("goals.tree_label")>
                    {roots.into_iter().map(|g| node(t, &map, g)).collect_view()}
                </ul>
            }
            .into_any(),
        )
    };

    view! {
        <ToolStatus data />
        <section class="card" aria-labelledby="goals-tree-title">
            <h2 id="goals-tree-title">{move || i18n.t("goals.heading")}</h2>
            <p class="hint">{move || i18n.t("goals.levels_hint")}</p>
            {may_write
                .then(|| {
                    view! {
                        <AddButton data label="goals.add" form="goal-new" first="title" />
                        <div id="goal-new" hidden=move || data.editing.get() != Some(Editing::New)>
                            {move || {
                                (data.editing.get() == Some(Editing::New))
                                    .then(|| view! { <GoalForm t existing=None parent=None /> })
                            }}
                        </div>
                    }
                })}
            {body}
        </section>
    }
}

/// One goal and, in a nested list, the goals that serve it.
fn node(t: TreeCtx, map: &HashMap<Option<Uuid>, Vec<Goal>>, goal: Goal) -> AnyView {
    let i18n = use_i18n();
    let data = t.data;
    let id = goal.id;
    let level = goal.level;
    let children = map.get(&Some(id)).cloned().unwrap_or_default();
    let excluded = descendants(map, id);
    let description = (!goal.description.trim().is_empty()).then(|| goal.description.clone());
    let actions = t.may_write.then(|| {
        item_actions(
            data,
            &goal,
            goal.title.clone(),
            "title",
            "goal",
            "goals.flash_deleted",
            Some("goals.delete_conflict"),
        )
    });
    let child_form = format!("goal-{id}-child");
    let child_button = t.may_write.then(|| {
        let controls = child_form.clone();
        view! {
            <button
                type="button"
                id=format!("goal-{id}-add-child")
                class="add-child"
                aria-expanded=move || if data.editing.get() == Some(Editing::Child(id)) { "true" } else { "false" }
                aria-controls=controls
                on:click=move |_| data.toggle(Editing::Child(id), format!("goal-{id}-child-title"))
            >
                {move || i18n.t("goals.add_child")}
            </button>
        }
    });
    let existing = goal.clone();
    let parent_goal = goal.clone();
    let sub = (!children.is_empty()).then(|| {
        view! { <ul>{children.into_iter().map(|c| node(t, map, c)).collect_view()}</ul> }
    });
    let excluded = StoredValue::new(excluded);
    view! {
        <li class=format!("goal goal-{}", level.as_str())>
            <div class="goal-body">
                <span class="level-badge">{move || i18n.t(level_key(level))}</span>
                <p class="goal-title" id=format!("item-{id}") tabindex="-1">{goal.title.clone()}</p>
                {description.map(|d| view! { <p class="item-description">{d}</p> })}
                {actions}
                {child_button}
                <div id=format!("goal-{id}") hidden=move || data.editing.get() != Some(Editing::Item(id))>
                    {move || {
                        (data.editing.get() == Some(Editing::Item(id)))
                            .then(|| {
                                view! {
                                    <GoalForm t existing=Some(existing.clone()) parent=None excluded=excluded.get_value() />
                                }
                            })
                    }}
                </div>
                <div id=child_form hidden=move || data.editing.get() != Some(Editing::Child(id))>
                    {move || {
                        (data.editing.get() == Some(Editing::Child(id)))
                            .then(|| view! { <GoalForm t existing=None parent=Some(parent_goal.clone()) /> })
                    }}
                </div>
            </div>
            {sub}
        </li>
    }
    .into_any()
}

#[component]
fn GoalForm(
    t: TreeCtx,
    existing: Option<Goal>,
    /// For a new sub-goal: the goal it serves.
    parent: Option<Goal>,
    /// Goals that cannot be the parent (the goal itself and those below it).
    #[prop(optional)]
    excluded: Vec<Uuid>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = t.data;
    let prefix = match (&existing, &parent) {
        (Some(g), _) => format!("goal-{}", g.id),
        (None, Some(p)) => format!("goal-{}-child", p.id),
        (None, None) => "goal-new".to_owned(),
    };
    let cancel_focus = match (&existing, &parent) {
        (Some(g), _) => format!("goal-{}-edit", g.id),
        (None, Some(p)) => format!("goal-{}-add-child", p.id),
        (None, None) => "goal-new-open".to_owned(),
    };
    let form = Form::new(prefix);
    let key = existing.as_ref().map(|g| (g.id, g.version));
    let indicator = existing.as_ref().and_then(|g| g.indicator_id);
    let initial_level = match (&existing, &parent) {
        (Some(g), _) => g.level,
        (None, Some(p)) => next_level(p.level),
        (None, None) => GoalLevel::Effect,
    };
    let level = RwSignal::new(initial_level.as_str().to_owned());
    let parent_value = RwSignal::new(
        existing
            .as_ref()
            .and_then(|g| g.parent_id)
            .or(parent.as_ref().map(|p| p.id))
            .map(|u| u.to_string())
            .unwrap_or_default(),
    );
    let title = RwSignal::new(
        existing
            .as_ref()
            .map(|g| g.title.clone())
            .unwrap_or_default(),
    );
    let description = RwSignal::new(
        existing
            .as_ref()
            .map(|g| g.description.clone())
            .unwrap_or_default(),
    );

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.reset();
        let title = clean_line(&title.get_untracked());
        if title.is_empty() {
            form.invalid("title", "form.required");
        }
        let level = GoalLevel::parse(&level.get_untracked()).unwrap_or(GoalLevel::Effect);
        let parent_id = Uuid::parse_str(&parent_value.get_untracked()).ok();
        let parent_level = parent_id.and_then(|p| {
            data.items
                .with_untracked(|i| i.iter().flatten().find(|g| g.id == p).map(|g| g.level))
        });
        if parent_id.is_some() && !parent_level.is_some_and(|p| may_hang_under(level, p)) {
            form.invalid("parent_id", "goals.parent_invalid");
        }
        if !form.valid() {
            return;
        }
        let input = GoalInput {
            level,
            parent_id,
            title,
            description: clean(&description.get_untracked()),
            indicator_id: indicator,
        };
        submit::<Goal>(data, form, t.project, key, input);
    };

    let levels: Vec<Choice> = GoalLevel::ALL
        .iter()
        .map(|l| choice(l.as_str(), level_key(*l)))
        .collect();
    // The goals this one may serve, for the level chosen (redrawn when the level changes).
    let excluded = StoredValue::new(excluded);
    let parents = move || {
        let chosen = GoalLevel::parse(&level.get()).unwrap_or(GoalLevel::Effect);
        let mut choices: Vec<Choice> = vec![choice("", "goals.no_parent")];
        let goals = data.items.get().unwrap_or_default();
        choices.extend(
            goals
                .into_iter()
                .filter(|g| may_hang_under(chosen, g.level))
                .filter(|g| excluded.with_value(|e| !e.contains(&g.id)))
                .map(|g| {
                    let lvl = g.level;
                    let title = g.title;
                    (
                        g.id.to_string(),
                        Signal::derive(move || format!("{} – {title}", i18n.t(level_key(lvl)))),
                    )
                }),
        );
        view! { <Select form field="parent_id" label="goals.parent_label" choices value=parent_value /> }
    };
    let on_cancel = Callback::new(move |()| {
        data.editing.set(None);
        focus_id(cancel_focus.clone());
    });

    view! {
        <form class="plan-form" on:submit=on_submit novalidate=true>
            <FormError form />
            <TextInput form field="title" label="goals.title_label" value=title required=true />
            <Select form field="level" label="goals.level_label" choices=levels value=level />
            {parents}
            <TextArea form field="description" label="goals.description_label" hint="goals.description_hint" value=description />
            <FormButtons form save="form.save" on_cancel />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use GoalLevel::*;

    #[test]
    fn goals_hang_under_higher_levels_and_sub_goals_under_sub_goals() {
        assert!(may_hang_under(Result, Effect));
        assert!(may_hang_under(Process, Result));
        assert!(may_hang_under(Sub, Process));
        assert!(may_hang_under(Sub, Sub));
        assert!(!may_hang_under(Effect, Effect));
        assert!(!may_hang_under(Result, Process));
        assert_eq!(next_level(Effect), Result);
        assert_eq!(next_level(Sub), Sub);
    }
}
