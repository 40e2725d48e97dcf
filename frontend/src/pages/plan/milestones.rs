//! Milestones per phase, with the server's overdue flag; writers create, edit and delete.

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::permissions::Action;
use varig_types::{Membership, Milestone, MilestoneInput, MilestoneStatus, Phase};

use super::{item_actions, submit, use_tool, AddButton, Ctx, Editing, ToolData, ToolStatus};
use crate::i18n::use_i18n;
use crate::ui::{
    choice, clean, clean_line, format_date, person, Choice, DateStyle, Form, FormButtons,
    FormError, MemberSelect, Select, TextArea, TextInput,
};

pub fn status_key(status: MilestoneStatus) -> &'static str {
    match status {
        MilestoneStatus::Planned => "milestones.status_planned",
        MilestoneStatus::InProgress => "milestones.status_in_progress",
        MilestoneStatus::Done => "milestones.status_done",
        MilestoneStatus::Cancelled => "milestones.status_cancelled",
    }
}

#[component]
pub fn Milestones(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let project = ctx.project.id;
    let current = ctx.project.phase;
    let may_write = ctx.standing.may_change(Action::PlanWrite);
    let members = StoredValue::new(ctx.members);
    let data = use_tool::<Milestone>(project);

    let phases = Phase::ALL
        .into_iter()
        .map(|p| {
            let list = move || {
                let mut list: Vec<Milestone> = data
                    .items
                    .with(|i| i.iter().flatten().filter(|m| m.phase == p).cloned().collect());
                list.sort_by(|a, b| a.due_date.cmp(&b.due_date).then(a.created_at.cmp(&b.created_at)));
                list
            };
            let heading_id = format!("ms-phase-{}", p.as_str());
            let labelled_by = heading_id.clone();
            view! {
                <section class="card" aria-labelledby=labelled_by>
                    <h2 id=heading_id>
                        {move || i18n.phase(p)}
                        {(p == current).then(|| view! { " " <span class="current-tag">{move || i18n.t("checklist.current")}</span> })}
                    </h2>
                    <Show when=move || data.items.with(|i| i.is_some()) && list().is_empty()>
                        <p class="empty">{move || i18n.t("milestones.empty")}</p>
                    </Show>
                    <ul class="plan-list">
                        <For each=list key=|m| (m.id, m.version) let:m>
                            <MilestoneRow m data project members=members.get_value() may_write />
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
                        <AddButton data label="milestones.add" form="ms-new" first="title" />
                        <div id="ms-new" hidden=move || data.editing.get() != Some(Editing::New)>
                            {move || {
                                (data.editing.get() == Some(Editing::New))
                                    .then(|| {
                                        view! {
                                            <MilestoneForm data project members=members.get_value() existing=None phase=current />
                                        }
                                    })
                            }}
                        </div>
                    </div>
                }
            })}
        {phases}
    }
}

#[component]
fn MilestoneRow(
    m: Milestone,
    data: ToolData<Milestone>,
    project: Uuid,
    members: Vec<Membership>,
    may_write: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = m.id;
    let status = m.status;
    let due = m.due_date;
    let overdue = m.overdue;
    let responsible = m.responsible_name.clone();
    let description = (!m.description.trim().is_empty()).then(|| m.description.clone());
    let actions = may_write.then(|| {
        item_actions(
            data,
            &m,
            m.title.clone(),
            "title",
            "ms",
            "milestones.flash_deleted",
            None,
        )
    });
    let phase = m.phase;
    let existing = m.clone();
    view! {
        <li class=if overdue { "plan-item overdue" } else { "plan-item" }>
            <h3 id=format!("item-{id}") tabindex="-1">{m.title.clone()}</h3>
            <p class="item-meta">
                {overdue.then(|| view! { <span class="badge badge-overdue">{move || i18n.t("milestones.overdue")}</span> })}
                <span class=format!("status-badge status-{}", status.as_str())>{move || i18n.t(status_key(status))}</span>
            </p>
            <p class="due">{move || i18n.tf("milestones.due_shown", &[("date", &format_date(i18n.lang(), due, DateStyle::Medium))])}</p>
            <p class="responsible">
                {move || i18n.tf("milestones.responsible_shown", &[("name", &person(i18n, responsible.as_deref()))])}
            </p>
            {description.map(|d| view! { <p class="item-description">{d}</p> })}
            {actions}
            <div id=format!("ms-{id}") hidden=move || data.editing.get() != Some(Editing::Item(id))>
                {move || {
                    (data.editing.get() == Some(Editing::Item(id)))
                        .then(|| {
                            view! {
                                <MilestoneForm data project members=members.clone() existing=Some(existing.clone()) phase />
                            }
                        })
                }}
            </div>
        </li>
    }
}

#[component]
fn MilestoneForm(
    data: ToolData<Milestone>,
    project: Uuid,
    members: Vec<Membership>,
    existing: Option<Milestone>,
    phase: Phase,
) -> impl IntoView {
    let i18n = use_i18n();
    let prefix = match &existing {
        Some(m) => format!("ms-{}", m.id),
        None => "ms-new".to_owned(),
    };
    let form = Form::new(prefix);
    let key = existing.as_ref().map(|m| (m.id, m.version));
    let phase_value = RwSignal::new(phase.as_str().to_owned());
    let title = RwSignal::new(
        existing
            .as_ref()
            .map(|m| m.title.clone())
            .unwrap_or_default(),
    );
    let description = RwSignal::new(
        existing
            .as_ref()
            .map(|m| m.description.clone())
            .unwrap_or_default(),
    );
    let due = RwSignal::new(
        existing
            .as_ref()
            .map(|m| m.due_date.to_string())
            .unwrap_or_default(),
    );
    let responsible = RwSignal::new(
        existing
            .as_ref()
            .and_then(|m| m.responsible_id)
            .map(|u| u.to_string())
            .unwrap_or_default(),
    );
    let status = RwSignal::new(
        existing
            .as_ref()
            .map(|m| m.status)
            .unwrap_or(MilestoneStatus::Planned)
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
        let due_date = due.get_untracked().trim().parse();
        if due_date.is_err() {
            form.invalid("due_date", "milestones.due_required");
        }
        if !form.valid() {
            return;
        }
        let Ok(due_date) = due_date else {
            return;
        };
        let input = MilestoneInput {
            phase: Phase::parse(&phase_value.get_untracked()).unwrap_or(phase),
            title,
            description: clean(&description.get_untracked()),
            due_date,
            responsible_id: Uuid::parse_str(&responsible.get_untracked()).ok(),
            status: MilestoneStatus::parse(&status.get_untracked()),
        };
        submit::<Milestone>(data, form, project, key, input);
    };

    let phases: Vec<Choice> = Phase::ALL
        .into_iter()
        .map(|p| (p.as_str().to_owned(), Signal::derive(move || i18n.phase(p))))
        .collect();
    let statuses: Vec<Choice> = MilestoneStatus::ALL
        .iter()
        .map(|s| choice(s.as_str(), status_key(*s)))
        .collect();
    let cancel_focus = match key {
        Some((id, _)) => format!("ms-{id}-edit"),
        None => "ms-new-open".to_owned(),
    };
    let on_cancel = Callback::new(move |()| {
        data.editing.set(None);
        super::focus_id(cancel_focus.clone());
    });

    view! {
        <form class="plan-form" on:submit=on_submit novalidate=true>
            <FormError form />
            <TextInput form field="title" label="milestones.title_label" value=title required=true />
            <TextInput form field="due_date" label="milestones.due_label" value=due kind="date" required=true />
            <Select form field="phase" label="milestones.phase_label" choices=phases value=phase_value />
            <MemberSelect form field="responsible_id" label="milestones.responsible_label" members value=responsible />
            <Select form field="status" label="milestones.status_label" choices=statuses value=status />
            <TextArea form field="description" label="milestones.description_label" value=description />
            <FormButtons form save="form.save" on_cancel />
        </form>
    }
}
