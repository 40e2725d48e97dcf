//! Barriers and facilitators by level (system, organisation, team, individual), with
//! strength, kind of resistance, strategy and who follows it up; strongest first.

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::permissions::Action;
use varig_types::{Barrier, BarrierInput, BarrierLevel, ForceKind, Membership, Resistance};

use super::{item_actions, submit, use_tool, AddButton, Ctx, Editing, ToolData, ToolStatus};
use crate::i18n::use_i18n;
use crate::ui::{
    choice, clean, focus_id, person, Choice, Form, FormButtons, FormError, MemberSelect,
    RadioGroup, TextArea,
};

fn level_key(level: BarrierLevel) -> &'static str {
    match level {
        BarrierLevel::System => "barriers.level_system",
        BarrierLevel::Organisation => "barriers.level_organisation",
        BarrierLevel::Team => "barriers.level_team",
        BarrierLevel::Individual => "barriers.level_individual",
    }
}

fn kind_key(kind: ForceKind) -> &'static str {
    match kind {
        ForceKind::Barrier => "barriers.kind_barrier",
        ForceKind::Facilitator => "barriers.kind_facilitator",
    }
}

fn resistance_key(r: Resistance) -> &'static str {
    match r {
        Resistance::Cant => "barriers.resistance_cant",
        Resistance::Wont => "barriers.resistance_wont",
        Resistance::Dont => "barriers.resistance_dont",
    }
}

#[component]
pub fn Barriers(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let project = ctx.project.id;
    let may_write = ctx.standing.may_change(Action::PlanWrite);
    let members = StoredValue::new(ctx.members);
    let data = use_tool::<Barrier>(project);

    let levels = BarrierLevel::ALL
        .iter()
        .copied()
        .map(|level| {
            let list = move || {
                let mut list: Vec<Barrier> = data.items.with(|i| {
                    i.iter()
                        .flatten()
                        .filter(|b| b.level == level)
                        .cloned()
                        .collect()
                });
                list.sort_by(|a, b| {
                    b.strength
                        .cmp(&a.strength)
                        .then(a.created_at.cmp(&b.created_at))
                });
                list
            };
            let heading_id = format!("barrier-level-{}", level.as_str());
            let labelled_by = heading_id.clone();
            view! {
                <section class="card" aria-labelledby=labelled_by>
                    <h2 id=heading_id>{move || i18n.t(level_key(level))}</h2>
                    <Show when=move || data.items.with(|i| i.is_some()) && list().is_empty()>
                        <p class="empty">{move || i18n.t("barriers.empty")}</p>
                    </Show>
                    <ul class="plan-list">
                        <For each=list key=|b| (b.id, b.version) let:b>
                            <BarrierRow b data project members=members.get_value() may_write />
                        </For>
                    </ul>
                </section>
            }
        })
        .collect_view();

    view! {
        <ToolStatus data />
        {may_write
            .then(|| {
                view! {
                    <div class="card">
                        <AddButton data label="barriers.add" form="barrier-new" first="level" />
                        <div id="barrier-new" hidden=move || data.editing.get() != Some(Editing::New)>
                            {move || {
                                (data.editing.get() == Some(Editing::New))
                                    .then(|| view! { <BarrierForm data project members=members.get_value() existing=None /> })
                            }}
                        </div>
                    </div>
                }
            })}
        {levels}
    }
}

#[component]
fn BarrierRow(
    b: Barrier,
    data: ToolData<Barrier>,
    project: Uuid,
    members: Vec<Membership>,
    may_write: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = b.id;
    let (kind, strength, resistance) = (b.kind, b.strength, b.resistance);
    let responsible = b.responsible_name.clone();
    let strategy = (!b.strategy.trim().is_empty()).then(|| b.strategy.clone());
    let short: String = b.description.chars().take(60).collect();
    let actions = may_write.then(|| {
        item_actions(
            data,
            &b,
            short,
            "level",
            "barrier",
            "barriers.flash_deleted",
            None,
        )
    });
    let existing = b.clone();
    view! {
        <li class=format!("plan-item force force-{}", kind.as_str())>
            <p class="item-meta">
                <span class=format!("badge kind-{}", kind.as_str())>{move || i18n.t(kind_key(kind))}</span>
                <span class="strength">{move || i18n.tf("barriers.strength_shown", &[("strength", &strength.to_string())])}</span>
                {resistance.map(|r| view! { <span class="resistance">{move || i18n.t(resistance_key(r))}</span> })}
            </p>
            <h3 id=format!("item-{id}") tabindex="-1" class="force-description">{b.description.clone()}</h3>
            {strategy.map(|s| view! { <p class="item-description">{move || i18n.tf("barriers.strategy_shown", &[("text", &s)])}</p> })}
            <p class="responsible">{move || i18n.tf("barriers.responsible_shown", &[("name", &person(i18n, responsible.as_deref()))])}</p>
            {actions}
            <div id=format!("barrier-{id}") hidden=move || data.editing.get() != Some(Editing::Item(id))>
                {move || {
                    (data.editing.get() == Some(Editing::Item(id)))
                        .then(|| view! { <BarrierForm data project members=members.clone() existing=Some(existing.clone()) /> })
                }}
            </div>
        </li>
    }
}

#[component]
fn BarrierForm(
    data: ToolData<Barrier>,
    project: Uuid,
    members: Vec<Membership>,
    existing: Option<Barrier>,
) -> impl IntoView {
    let i18n = use_i18n();
    let prefix = match &existing {
        Some(b) => format!("barrier-{}", b.id),
        None => "barrier-new".to_owned(),
    };
    let cancel_focus = match &existing {
        Some(b) => format!("barrier-{}-edit", b.id),
        None => "barrier-new-open".to_owned(),
    };
    let form = Form::new(prefix);
    let key = existing.as_ref().map(|b| (b.id, b.version));
    let level = RwSignal::new(
        existing
            .as_ref()
            .map(|b| b.level.as_str().to_owned())
            .unwrap_or_default(),
    );
    let kind = RwSignal::new(
        existing
            .as_ref()
            .map(|b| b.kind)
            .unwrap_or(ForceKind::Barrier)
            .as_str()
            .to_owned(),
    );
    let description = RwSignal::new(
        existing
            .as_ref()
            .map(|b| b.description.clone())
            .unwrap_or_default(),
    );
    let strength = RwSignal::new(
        existing
            .as_ref()
            .map(|b| b.strength.to_string())
            .unwrap_or_default(),
    );
    let resistance = RwSignal::new(
        existing
            .as_ref()
            .and_then(|b| b.resistance)
            .map(|r| r.as_str().to_owned())
            .unwrap_or_default(),
    );
    let strategy = RwSignal::new(
        existing
            .as_ref()
            .map(|b| b.strategy.clone())
            .unwrap_or_default(),
    );
    let responsible = RwSignal::new(
        existing
            .as_ref()
            .and_then(|b| b.responsible_id)
            .map(|u| u.to_string())
            .unwrap_or_default(),
    );

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.reset();
        let level = BarrierLevel::parse(&level.get_untracked());
        if level.is_none() {
            form.invalid("level", "form.choose_one");
        }
        let description = clean(&description.get_untracked());
        if description.is_empty() {
            form.invalid("description", "form.required");
        }
        let strength = strength.get_untracked().parse::<i32>().ok();
        if strength.is_none() {
            form.invalid("strength", "barriers.choose_strength");
        }
        if !form.valid() {
            return;
        }
        let (Some(level), Some(strength)) = (level, strength) else {
            return;
        };
        let kind = ForceKind::parse(&kind.get_untracked()).unwrap_or(ForceKind::Barrier);
        let input = BarrierInput {
            level,
            kind: Some(kind),
            description,
            strength,
            // Resistance is what holds a barrier; a facilitator has none.
            resistance: (kind == ForceKind::Barrier)
                .then(|| Resistance::parse(&resistance.get_untracked()))
                .flatten(),
            strategy: clean(&strategy.get_untracked()),
            responsible_id: Uuid::parse_str(&responsible.get_untracked()).ok(),
        };
        submit::<Barrier>(data, form, project, key, input);
    };

    let levels: Vec<Choice> = BarrierLevel::ALL
        .iter()
        .map(|l| choice(l.as_str(), level_key(*l)))
        .collect();
    let kinds: Vec<Choice> = ForceKind::ALL
        .iter()
        .map(|k| choice(k.as_str(), kind_key(*k)))
        .collect();
    let strengths: Vec<Choice> = (1..=5)
        .map(|n: i32| {
            let key = match n {
                1 => "barriers.strength_weak",
                5 => "barriers.strength_strong",
                _ => "",
            };
            (
                n.to_string(),
                Signal::derive(move || {
                    if key.is_empty() {
                        n.to_string()
                    } else {
                        format!("{n} – {}", i18n.t(key))
                    }
                }),
            )
        })
        .collect();
    let mut resistances: Vec<Choice> = vec![choice("", "barriers.resistance_none")];
    resistances.extend(
        Resistance::ALL
            .iter()
            .map(|r| choice(r.as_str(), resistance_key(*r))),
    );
    let on_cancel = Callback::new(move |()| {
        data.editing.set(None);
        focus_id(cancel_focus.clone());
    });

    view! {
        <form class="plan-form" on:submit=on_submit novalidate=true>
            <FormError form />
            <RadioGroup form field="level" legend="barriers.level_legend" choices=levels value=level class="stacked" />
            <RadioGroup form field="kind" legend="barriers.kind_legend" choices=kinds value=kind />
            <TextArea form field="description" label="barriers.description_label" value=description required=true rows=2 />
            <RadioGroup form field="strength" legend="barriers.strength_legend" choices=strengths value=strength class="scale" />
            <div hidden=move || kind.get() != ForceKind::Barrier.as_str()>
                <RadioGroup form field="resistance" legend="barriers.resistance_legend" hint="barriers.resistance_hint" choices=resistances value=resistance class="stacked" />
            </div>
            <TextArea form field="strategy" label="barriers.strategy_label" hint="barriers.strategy_hint" value=strategy />
            <MemberSelect form field="responsible_id" label="barriers.responsible_label" members value=responsible />
            <FormButtons form save="form.save" on_cancel />
        </form>
    }
}
