//! Stakeholder analysis: influence, how much they are affected, attitude, measures; the
//! server derives the strategy. Writers add, edit and delete.

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::permissions::Action;
use varig_types::{Attitude, Degree, Stakeholder, StakeholderInput, StakeholderStrategy};

use super::{item_actions, submit, use_tool, AddButton, Ctx, Editing, ToolData, ToolStatus};
use crate::i18n::use_i18n;
use crate::ui::{
    choice, clean, clean_line, focus_id, Choice, Form, FormButtons, FormError, RadioGroup,
    TextArea, TextInput,
};

fn degree_key(d: Degree) -> &'static str {
    match d {
        Degree::Low => "stakeholders.degree_low",
        Degree::Medium => "stakeholders.degree_medium",
        Degree::High => "stakeholders.degree_high",
    }
}

fn attitude_key(a: Attitude) -> &'static str {
    match a {
        Attitude::Supportive => "stakeholders.attitude_supportive",
        Attitude::Neutral => "stakeholders.attitude_neutral",
        Attitude::Sceptical => "stakeholders.attitude_sceptical",
        Attitude::Opposed => "stakeholders.attitude_opposed",
    }
}

fn strategy_key(s: StakeholderStrategy) -> &'static str {
    match s {
        StakeholderStrategy::ManageClosely => "stakeholders.strategy_manage_closely",
        StakeholderStrategy::KeepSatisfied => "stakeholders.strategy_keep_satisfied",
        StakeholderStrategy::KeepInformed => "stakeholders.strategy_keep_informed",
        StakeholderStrategy::Monitor => "stakeholders.strategy_monitor",
    }
}

fn strategy_rank(s: StakeholderStrategy) -> usize {
    StakeholderStrategy::ALL
        .iter()
        .position(|x| *x == s)
        .unwrap_or(0)
}

#[component]
pub fn Stakeholders(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let project = ctx.project.id;
    let may_write = ctx.standing.may_change(Action::PlanWrite);
    let data = use_tool::<Stakeholder>(project);
    // Those to involve closely first.
    let list = move || {
        let mut list = data.items.get().unwrap_or_default();
        list.sort_by(|a, b| {
            strategy_rank(a.strategy)
                .cmp(&strategy_rank(b.strategy))
                .then(a.created_at.cmp(&b.created_at))
        });
        list
    };

    view! {
        <ToolStatus data />
        {may_write
            .then(|| {
                view! {
                    <div class="card">
                        <AddButton data label="stakeholders.add" form="sh-new" first="name" />
                        <div id="sh-new" hidden=move || data.editing.get() != Some(Editing::New)>
                            {move || {
                                (data.editing.get() == Some(Editing::New))
                                    .then(|| view! { <StakeholderForm data project existing=None /> })
                            }}
                        </div>
                    </div>
                }
            })}
        <section class="card" aria-labelledby="sh-list-title">
            <h2 id="sh-list-title">{move || i18n.t("stakeholders.heading")}</h2>
            <Show when=move || data.items.with(|i| i.as_ref().is_some_and(Vec::is_empty))>
                <p class="empty">{move || i18n.t("stakeholders.empty")}</p>
            </Show>
            <ul class="plan-list">
                <For each=list key=|s| (s.id, s.version) let:s>
                    <StakeholderRow s data project may_write />
                </For>
            </ul>
        </section>
    }
}

#[component]
fn StakeholderRow(
    s: Stakeholder,
    data: ToolData<Stakeholder>,
    project: Uuid,
    may_write: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = s.id;
    let (influence, affected, attitude, strategy) =
        (s.influence, s.affected, s.attitude, s.strategy);
    let measures = (!s.measures.trim().is_empty()).then(|| s.measures.clone());
    let actions = may_write.then(|| {
        item_actions(
            data,
            &s,
            s.name.clone(),
            "name",
            "sh",
            "stakeholders.flash_deleted",
            None,
        )
    });
    let existing = s.clone();
    view! {
        <li class="plan-item stakeholder">
            <h3 id=format!("item-{id}") tabindex="-1">{s.name.clone()}</h3>
            <p class="item-meta">
                <span class=format!("badge strategy-{}", strategy.as_str())>{move || i18n.t(strategy_key(strategy))}</span>
            </p>
            <dl class="facts">
                <div>
                    <dt>{move || i18n.t("stakeholders.influence_legend")}</dt>
                    <dd>{move || i18n.t(degree_key(influence))}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t("stakeholders.affected_legend")}</dt>
                    <dd>{move || i18n.t(degree_key(affected))}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t("stakeholders.attitude_legend")}</dt>
                    <dd>{move || i18n.t(attitude_key(attitude))}</dd>
                </div>
            </dl>
            {measures.map(|m| view! { <p class="item-description">{move || i18n.tf("stakeholders.measures_shown", &[("text", &m)])}</p> })}
            {actions}
            <div id=format!("sh-{id}") hidden=move || data.editing.get() != Some(Editing::Item(id))>
                {move || {
                    (data.editing.get() == Some(Editing::Item(id)))
                        .then(|| view! { <StakeholderForm data project existing=Some(existing.clone()) /> })
                }}
            </div>
        </li>
    }
}

#[component]
fn StakeholderForm(
    data: ToolData<Stakeholder>,
    project: Uuid,
    existing: Option<Stakeholder>,
) -> impl IntoView {
    let prefix = match &existing {
        Some(s) => format!("sh-{}", s.id),
        None => "sh-new".to_owned(),
    };
    let cancel_focus = match &existing {
        Some(s) => format!("sh-{}-edit", s.id),
        None => "sh-new-open".to_owned(),
    };
    let form = Form::new(prefix);
    let key = existing.as_ref().map(|s| (s.id, s.version));
    let name = RwSignal::new(
        existing
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default(),
    );
    let influence = RwSignal::new(
        existing
            .as_ref()
            .map(|s| s.influence.as_str().to_owned())
            .unwrap_or_default(),
    );
    let affected = RwSignal::new(
        existing
            .as_ref()
            .map(|s| s.affected.as_str().to_owned())
            .unwrap_or_default(),
    );
    let attitude = RwSignal::new(
        existing
            .as_ref()
            .map(|s| s.attitude.as_str().to_owned())
            .unwrap_or_default(),
    );
    let measures = RwSignal::new(
        existing
            .as_ref()
            .map(|s| s.measures.clone())
            .unwrap_or_default(),
    );

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.reset();
        let name = clean_line(&name.get_untracked());
        if name.is_empty() {
            form.invalid("name", "form.required");
        }
        let influence = Degree::parse(&influence.get_untracked());
        if influence.is_none() {
            form.invalid("influence", "form.choose_one");
        }
        let affected = Degree::parse(&affected.get_untracked());
        if affected.is_none() {
            form.invalid("affected", "form.choose_one");
        }
        let attitude = Attitude::parse(&attitude.get_untracked());
        if attitude.is_none() {
            form.invalid("attitude", "form.choose_one");
        }
        if !form.valid() {
            return;
        }
        let (Some(influence), Some(affected), Some(attitude)) = (influence, affected, attitude)
        else {
            return;
        };
        let input = StakeholderInput {
            name,
            influence,
            affected,
            attitude,
            measures: clean(&measures.get_untracked()),
        };
        submit::<Stakeholder>(data, form, project, key, input);
    };
    let degrees = || -> Vec<Choice> {
        Degree::ALL
            .iter()
            .map(|d| choice(d.as_str(), degree_key(*d)))
            .collect()
    };
    let attitudes: Vec<Choice> = Attitude::ALL
        .iter()
        .map(|a| choice(a.as_str(), attitude_key(*a)))
        .collect();
    let on_cancel = Callback::new(move |()| {
        data.editing.set(None);
        focus_id(cancel_focus.clone());
    });

    view! {
        <form class="plan-form" on:submit=on_submit novalidate=true>
            <FormError form />
            <TextInput form field="name" label="stakeholders.name_label" hint="stakeholders.name_hint" value=name required=true />
            <RadioGroup form field="influence" legend="stakeholders.influence_legend" choices=degrees() value=influence />
            <RadioGroup form field="affected" legend="stakeholders.affected_legend" choices=degrees() value=affected />
            <RadioGroup form field="attitude" legend="stakeholders.attitude_legend" choices=attitudes value=attitude class="stacked" />
            <TextArea form field="measures" label="stakeholders.measures_label" value=measures />
            <FormButtons form save="form.save" on_cancel />
        </form>
    }
}
