//! The risk register: probability × consequence, sorted by the server's score, with its
//! level; writers add, edit and delete.

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::permissions::Action;
use varig_types::{Membership, Risk, RiskInput, RiskLevel, RiskStatus};

use super::{item_actions, submit, use_tool, AddButton, Ctx, Editing, ToolData, ToolStatus};
use crate::i18n::use_i18n;
use crate::ui::{
    choice, clean, clean_line, focus_id, person, Choice, Form, FormButtons, FormError,
    MemberSelect, RadioGroup, Select, TextArea, TextInput,
};

pub fn level_key(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Low => "risks.level_low",
        RiskLevel::Medium => "risks.level_medium",
        RiskLevel::High => "risks.level_high",
    }
}

fn status_key(status: RiskStatus) -> &'static str {
    match status {
        RiskStatus::Open => "risks.status_open",
        RiskStatus::Closed => "risks.status_closed",
    }
}

/// Highest score first; open before closed; then oldest first.
fn sort(list: &mut [Risk]) {
    list.sort_by(|a, b| {
        (a.status != RiskStatus::Open)
            .cmp(&(b.status != RiskStatus::Open))
            .then(b.score.cmp(&a.score))
            .then(a.created_at.cmp(&b.created_at))
    });
}

#[component]
pub fn Risks(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let project = ctx.project.id;
    let may_write = ctx.standing.may_change(Action::PlanWrite);
    let members = StoredValue::new(ctx.members);
    let data = use_tool::<Risk>(project);
    let list = move || {
        let mut list = data.items.get().unwrap_or_default();
        sort(&mut list);
        list
    };

    view! {
        <ToolStatus data />
        {may_write
            .then(|| {
                view! {
                    <div class="card">
                        <AddButton data label="risks.add" form="risk-new" first="title" />
                        <div id="risk-new" hidden=move || data.editing.get() != Some(Editing::New)>
                            {move || {
                                (data.editing.get() == Some(Editing::New))
                                    .then(|| view! { <RiskForm data project members=members.get_value() existing=None /> })
                            }}
                        </div>
                    </div>
                }
            })}
        <section class="card" aria-labelledby="risk-list-title">
            <h2 id="risk-list-title">{move || i18n.t("risks.heading")}</h2>
            <p class="hint">{move || i18n.t("risks.scale_hint")}</p>
            <Show when=move || data.items.with(|i| i.as_ref().is_some_and(Vec::is_empty))>
                <p class="empty">{move || i18n.t("risks.empty")}</p>
            </Show>
            <ul class="plan-list">
                <For each=list key=|r| (r.id, r.version) let:r>
                    <RiskRow r data project members=members.get_value() may_write />
                </For>
            </ul>
        </section>
    }
}

#[component]
fn RiskRow(
    r: Risk,
    data: ToolData<Risk>,
    project: Uuid,
    members: Vec<Membership>,
    may_write: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = r.id;
    let (level, status) = (r.level, r.status);
    let (score, probability, consequence) = (r.score, r.probability, r.consequence);
    let owner = r.owner_name.clone();
    let description = (!r.description.trim().is_empty()).then(|| r.description.clone());
    let mitigation = (!r.mitigation.trim().is_empty()).then(|| r.mitigation.clone());
    let actions = may_write.then(|| {
        item_actions(
            data,
            &r,
            r.title.clone(),
            "title",
            "risk",
            "risks.flash_deleted",
            None,
        )
    });
    let existing = r.clone();
    view! {
        <li class=format!("plan-item risk risk-{}", level.as_str())>
            <h3 id=format!("item-{id}") tabindex="-1">{r.title.clone()}</h3>
            <p class="item-meta">
                <span class=format!("badge level-{}", level.as_str())>{move || i18n.t(level_key(level))}</span>
                <span class="score">{move || i18n.tf("risks.score_shown", &[("score", &score.to_string())])}</span>
                {(status == RiskStatus::Closed).then(|| view! { <span class="status-badge">{move || i18n.t(status_key(status))}</span> })}
            </p>
            <p class="risk-factors">
                {move || {
                    i18n.tf(
                        "risks.factors_shown",
                        &[("probability", &probability.to_string()), ("consequence", &consequence.to_string())],
                    )
                }}
            </p>
            <p class="responsible">{move || i18n.tf("risks.owner_shown", &[("name", &person(i18n, owner.as_deref()))])}</p>
            {description.map(|d| view! { <p class="item-description">{d}</p> })}
            {mitigation.map(|m| view! { <p class="item-description">{move || i18n.tf("risks.mitigation_shown", &[("text", &m)])}</p> })}
            {actions}
            <div id=format!("risk-{id}") hidden=move || data.editing.get() != Some(Editing::Item(id))>
                {move || {
                    (data.editing.get() == Some(Editing::Item(id)))
                        .then(|| view! { <RiskForm data project members=members.clone() existing=Some(existing.clone()) /> })
                }}
            </div>
        </li>
    }
}

/// The choices 1–5 of a scale, each with its meaning ("4 – likely").
fn scale(keys: [&'static str; 5]) -> Vec<Choice> {
    let i18n = use_i18n();
    keys.into_iter()
        .enumerate()
        .map(|(i, key)| {
            let n = i + 1;
            (
                n.to_string(),
                Signal::derive(move || format!("{n} – {}", i18n.t(key))),
            )
        })
        .collect()
}

#[component]
fn RiskForm(
    data: ToolData<Risk>,
    project: Uuid,
    members: Vec<Membership>,
    existing: Option<Risk>,
) -> impl IntoView {
    let prefix = match &existing {
        Some(r) => format!("risk-{}", r.id),
        None => "risk-new".to_owned(),
    };
    let cancel_focus = match &existing {
        Some(r) => format!("risk-{}-edit", r.id),
        None => "risk-new-open".to_owned(),
    };
    let form = Form::new(prefix);
    let key = existing.as_ref().map(|r| (r.id, r.version));
    let title = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.title.clone())
            .unwrap_or_default(),
    );
    let description = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.description.clone())
            .unwrap_or_default(),
    );
    let probability = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.probability.to_string())
            .unwrap_or_default(),
    );
    let consequence = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.consequence.to_string())
            .unwrap_or_default(),
    );
    let owner = RwSignal::new(
        existing
            .as_ref()
            .and_then(|r| r.owner_id)
            .map(|u| u.to_string())
            .unwrap_or_default(),
    );
    let mitigation = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.mitigation.clone())
            .unwrap_or_default(),
    );
    let status = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.status)
            .unwrap_or(RiskStatus::Open)
            .as_str()
            .to_owned(),
    );

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.reset();
        let title = clean_line(&title.get_untracked());
        if title.is_empty() {
            form.invalid("title", "form.required");
        }
        let probability = probability.get_untracked().parse::<i32>().ok();
        if probability.is_none() {
            form.invalid("probability", "risks.choose_probability");
        }
        let consequence = consequence.get_untracked().parse::<i32>().ok();
        if consequence.is_none() {
            form.invalid("consequence", "risks.choose_consequence");
        }
        if !form.valid() {
            return;
        }
        let (Some(probability), Some(consequence)) = (probability, consequence) else {
            return;
        };
        let input = RiskInput {
            title,
            description: clean(&description.get_untracked()),
            probability,
            consequence,
            owner_id: Uuid::parse_str(&owner.get_untracked()).ok(),
            mitigation: clean(&mitigation.get_untracked()),
            status: RiskStatus::parse(&status.get_untracked()),
        };
        submit::<Risk>(data, form, project, key, input);
    };
    let probabilities = scale([
        "risks.p_very_unlikely",
        "risks.p_unlikely",
        "risks.p_possible",
        "risks.p_likely",
        "risks.p_very_likely",
    ]);
    let consequences = scale([
        "risks.c_negligible",
        "risks.c_minor",
        "risks.c_moderate",
        "risks.c_serious",
        "risks.c_critical",
    ]);
    let statuses: Vec<Choice> = RiskStatus::ALL
        .iter()
        .map(|s| choice(s.as_str(), status_key(*s)))
        .collect();
    let on_cancel = Callback::new(move |()| {
        data.editing.set(None);
        focus_id(cancel_focus.clone());
    });

    view! {
        <form class="plan-form" on:submit=on_submit novalidate=true>
            <FormError form />
            <TextInput form field="title" label="risks.title_label" value=title required=true />
            <TextArea form field="description" label="risks.description_label" value=description rows=2 />
            <RadioGroup form field="probability" legend="risks.probability_legend" choices=probabilities value=probability class="stacked" />
            <RadioGroup form field="consequence" legend="risks.consequence_legend" choices=consequences value=consequence class="stacked" />
            <MemberSelect form field="owner_id" label="risks.owner_label" members value=owner />
            <TextArea form field="mitigation" label="risks.mitigation_label" value=mitigation />
            {key.is_some().then(|| view! { <Select form field="status" label="risks.status_label" choices=statuses value=status /> })}
            <FormButtons form save="form.save" on_cancel />
        </form>
    }
}
