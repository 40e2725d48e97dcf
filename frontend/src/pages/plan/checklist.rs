//! The phase checklist on the project page: one collapsible list per phase (the current one
//! open) with its completion; writers tap an item to set status, responsible and evidence,
//! and add items of their own.

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{
    Checklist, ChecklistItem, ChecklistItemUpdate, ChecklistKind, ItemStatus, Membership,
    NewChecklistItem, Phase, PhaseCompletion,
};

use crate::api::{abort_on_cleanup, use_api, ApiError};
use crate::i18n::{use_i18n, I18n};
use crate::ui::{
    choice, clean, clean_line, focus_id, local, person, ErrorNotice, FlashNotice, Form,
    FormButtons, FormError, MemberSelect, RadioGroup, TextArea, TextInput,
};

/// At most this many evidence links per item.
const MAX_LINKS: usize = 20;

pub fn status_key(status: ItemStatus) -> &'static str {
    match status {
        ItemStatus::NotStarted => "checklist.status_not_started",
        ItemStatus::InProgress => "checklist.status_in_progress",
        ItemStatus::Done => "checklist.status_done",
        ItemStatus::NotRelevant => "checklist.status_not_relevant",
    }
}

fn kind_key(kind: ChecklistKind) -> &'static str {
    match kind {
        ChecklistKind::Goal => "checklist.kind_goal",
        ChecklistKind::CoreElement => "checklist.kind_core_element",
        ChecklistKind::SuccessFactor => "checklist.kind_success_factor",
        ChecklistKind::Local => "checklist.kind_local",
    }
}

/// "40 % done (2 of 5)" for a phase (tracked).
pub fn completion_text(i18n: I18n, c: &PhaseCompletion) -> String {
    let relevant = (c.total - c.not_relevant).max(0);
    i18n.tf(
        "checklist.completion",
        &[
            ("percent", &c.percent.to_string()),
            ("done", &c.done.to_string()),
            ("relevant", &relevant.to_string()),
        ],
    )
}

/// The links as typed, one a line; the lines that are not http(s) links.
fn parse_links(text: &str) -> (Vec<String>, bool) {
    let links: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let all_valid = links.iter().all(|l| {
        let lower = l.to_ascii_lowercase();
        (lower.starts_with("https://") || lower.starts_with("http://"))
            && l.len() > "https://".len()
            && !l.contains(char::is_whitespace)
    });
    (links, all_valid)
}

#[component]
pub fn ChecklistSection(
    project: Uuid,
    phase: Phase,
    members: Vec<Membership>,
    may_write: bool,
    /// Completion per phase, shared with the phase timeline.
    completion: RwSignal<Vec<PhaseCompletion>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let checklist = RwSignal::new(None::<Checklist>);
    let error = RwSignal::new(None::<ApiError>);
    let flash = RwSignal::new(None::<&'static str>);
    let abort = StoredValue::new_local(abort_on_cleanup());
    let members = StoredValue::new(members);

    // `focus`: the element to focus once the new list is drawn.
    let load = move |focus: Option<String>| {
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            match api.checklist(project, signal).await {
                Ok((c, _)) => {
                    let _ = error.try_set(None);
                    let _ = completion.try_set(c.completion.clone());
                    let _ = checklist.try_set(Some(c));
                    if let Some(id) = focus {
                        focus_id(id);
                    }
                }
                Err(ApiError::Aborted) => {}
                Err(e) => {
                    let _ = error.try_set(Some(e));
                }
            }
        });
    };
    load(None);
    let retry = Callback::new(move |()| load(None));
    // After a write: announce it, reload (completion is the server's to compute) and move
    // focus where the writer continues.
    let on_saved = Callback::new(move |(key, focus): (&'static str, String)| {
        flash.set(Some(key));
        load(Some(focus));
    });

    let phases = Phase::ALL
        .into_iter()
        .map(|p| {
            let of_phase = move || {
                checklist.with(|c| {
                    c.as_ref()
                        .and_then(|c| c.completion.iter().find(|x| x.phase == p).cloned())
                })
            };
            let percent = move || of_phase().map(|c| c.percent.clamp(0, 100)).unwrap_or(0);
            let items = move || {
                checklist.with(|c| {
                    c.as_ref()
                        .map(|c| {
                            c.items
                                .iter()
                                .filter(|i| i.phase == p)
                                .cloned()
                                .collect::<Vec<_>>()
                        })
                        .unwrap_or_default()
                })
            };
            view! {
                <details class="phase-checklist" open=p == phase id=format!("checklist-{}", p.as_str())>
                    <summary>
                        <span class="summary-phase">
                            {move || i18n.phase(p)}
                            {(p == phase).then(|| view! { " " <span class="current-tag">{move || i18n.t("checklist.current")}</span> })}
                        </span>
                        <span class="completion">
                            {move || of_phase().map(|c| completion_text(i18n, &c)).unwrap_or_default()}
                        </span>
                    </summary>
                    <div class="completion-bar" aria-hidden="true">
                        <span style:width=move || format!("{}%", percent())></span>
                    </div>
                    <ul class="checklist-items">
                        <For each=items key=|i| (i.id, i.version) let:item>
                            <ChecklistRow item members=members.get_value() may_write on_saved />
                        </For>
                    </ul>
                    {may_write.then(|| view! { <AddItem project phase=p on_saved /> })}
                </details>
            }
        })
        .collect_view();

    view! {
        <section class="card checklist" aria-labelledby="checklist-title">
            <h2 id="checklist-title">{move || i18n.t("checklist.heading")}</h2>
            <p class="lead">{move || i18n.t(if may_write { "checklist.intro_writer" } else { "checklist.intro" })}</p>
            <FlashNotice id="checklist-flash" message=flash />
            {move || error.get().map(|e| view! { <ErrorNotice error=e retry /> })}
            {phases}
        </section>
    }
}

#[component]
fn ChecklistRow(
    item: ChecklistItem,
    members: Vec<Membership>,
    may_write: bool,
    on_saved: Callback<(&'static str, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let id = item.id;
    let status = item.status;
    let kind = item.kind;
    let toggle_id = format!("ci-{id}-toggle");
    let form_id = format!("ci-{id}");
    let title = StoredValue::new(item.title.clone());
    let responsible = item.responsible_name.clone();
    let reason = item
        .not_relevant_reason
        .clone()
        .filter(|r| !r.trim().is_empty());
    let evidence = (!item.evidence.trim().is_empty()).then(|| item.evidence.clone());
    let links = item.evidence_links.clone();
    let status_class = format!("status-badge status-{}", status.as_str());

    let summary = move || {
        let responsible = responsible.clone();
        view! {
            <span class="item-title">{move || title.with_value(|t| local(i18n, t))}</span>
            <span class="item-meta">
                <span class=status_class.clone()>{move || i18n.t(status_key(status))}</span>
                <span class="item-kind">{move || i18n.t(kind_key(kind))}</span>
                <span class="item-responsible">
                    {move || i18n.tf("checklist.responsible_shown", &[("name", &person(i18n, responsible.as_deref()))])}
                </span>
            </span>
        }
    };

    let head = if may_write {
        let form_id = form_id.clone();
        view! {
            <button
                type="button"
                id=toggle_id.clone()
                class="item-toggle"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=form_id
                on:click=move |_| {
                    let now = !open.get_untracked();
                    open.set(now);
                    if now {
                        focus_id(format!("ci-{id}-status"));
                    }
                }
            >
                {summary()}
            </button>
        }
        .into_any()
    } else {
        view! { <div class="item-summary">{summary()}</div> }.into_any()
    };

    let close = Callback::new(move |()| {
        open.set(false);
        focus_id(format!("ci-{id}-toggle"));
    });
    let saved = Callback::new(move |key: &'static str| {
        open.set(false);
        // The row is drawn again with the new version: its button gets the focus back; a
        // deleted row leaves it to the announcement.
        let focus = if key == "checklist.flash_deleted" {
            "checklist-flash".to_owned()
        } else {
            format!("ci-{id}-toggle")
        };
        on_saved.run((key, focus));
    });

    view! {
        <li class=format!("checklist-item item-{}", status.as_str())>
            {head}
            {reason.map(|r| view! { <p class="item-reason">{move || i18n.tf("checklist.reason_shown", &[("reason", &r)])}</p> })}
            {evidence.map(|e| view! { <p class="item-evidence">{move || i18n.tf("checklist.evidence_shown", &[("evidence", &e)])}</p> })}
            {(!links.is_empty())
                .then(|| {
                    view! {
                        <ul class="item-links" aria-label=move || i18n.t("checklist.links_label")>
                            {links
                                .into_iter()
                                .map(|l| {
                                    let href = l.clone();
                                    view! { <li><a href=href rel="noopener noreferrer" target="_blank">{l}</a></li> }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            <div id=form_id hidden=move || !open.get()>
                {move || open.get().then(|| view! { <ItemForm item=item.clone() members=members.clone() on_close=close on_saved=saved /> })}
            </div>
        </li>
    }
}

#[component]
fn ItemForm(
    item: ChecklistItem,
    members: Vec<Membership>,
    on_close: Callback<()>,
    on_saved: Callback<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = item.id;
    let version = item.version;
    let is_local = item.kind == ChecklistKind::Local;
    let form = Form::new(format!("ci-{id}"));
    let status = RwSignal::new(item.status.as_str().to_owned());
    let reason = RwSignal::new(item.not_relevant_reason.clone().unwrap_or_default());
    let responsible = RwSignal::new(
        item.responsible_id
            .map(|u| u.to_string())
            .unwrap_or_default(),
    );
    let evidence = RwSignal::new(item.evidence.clone());
    let links = RwSignal::new(item.evidence_links.join("\n"));
    let title = RwSignal::new(item.title.nb.clone());
    let confirm_delete = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.reset();
        let status = ItemStatus::parse(&status.get_untracked()).unwrap_or(ItemStatus::NotStarted);
        let reason = clean(&reason.get_untracked());
        if status == ItemStatus::NotRelevant && reason.is_empty() {
            form.invalid("not_relevant_reason", "checklist.reason_required");
        }
        let (links, links_ok) = parse_links(&links.get_untracked());
        if !links_ok {
            form.invalid("evidence_links", "form.invalid_link");
        } else if links.len() > MAX_LINKS {
            form.invalid("evidence_links", "checklist.too_many_links");
        }
        let title = clean_line(&title.get_untracked());
        if is_local && title.is_empty() {
            form.invalid("title", "form.required");
        }
        if !form.valid() || !form.begin() {
            return;
        }
        let update = ChecklistItemUpdate {
            status,
            not_relevant_reason: (status == ItemStatus::NotRelevant).then_some(reason),
            responsible_id: Uuid::parse_str(&responsible.get_untracked()).ok(),
            evidence: clean(&evidence.get_untracked()),
            evidence_links: links,
            title: is_local.then_some(title),
        };
        leptos::task::spawn_local(async move {
            match api.update_checklist_item(id, version, &update).await {
                Ok(_) => {
                    form.done();
                    on_saved.run("checklist.flash_saved");
                }
                Err(e) => form.fail(e),
            }
        });
    };

    let delete = move |_| {
        if !form.begin() {
            return;
        }
        leptos::task::spawn_local(async move {
            match api.delete_checklist_item(id, version).await {
                Ok(()) => {
                    form.done();
                    on_saved.run("checklist.flash_deleted");
                }
                Err(e) => form.fail(e),
            }
        });
    };

    let statuses = ItemStatus::ALL
        .iter()
        .map(|s| choice(s.as_str(), status_key(*s)))
        .collect::<Vec<_>>();

    view! {
        <form class="item-form" on:submit=on_submit novalidate=true>
            <FormError form conflict_key="checklist.delete_conflict" />
            {is_local.then(|| view! { <TextInput form field="title" label="checklist.title_label" value=title required=true /> })}
            <RadioGroup form field="status" legend="checklist.status_legend" choices=statuses value=status class="stacked" />
            <div hidden=move || status.get() != ItemStatus::NotRelevant.as_str()>
                <TextArea form field="not_relevant_reason" label="checklist.reason_label" value=reason required=true rows=2 />
            </div>
            <MemberSelect form field="responsible_id" label="checklist.responsible_label" members value=responsible />
            <TextArea form field="evidence" label="checklist.evidence_label" hint="checklist.evidence_hint" value=evidence />
            <TextArea form field="evidence_links" label="checklist.links_label" hint="checklist.links_hint" value=links rows=2 />
            <FormButtons form save="checklist.save" on_cancel=on_close />
            {is_local
                .then(|| {
                    view! {
                        <div class="danger-zone">
                            <Show
                                when=move || confirm_delete.get()
                                fallback=move || {
                                    view! {
                                        <button type="button" class="danger" on:click=move |_| {
                                            confirm_delete.set(true);
                                            focus_id(format!("ci-{id}-delete-confirm"));
                                        }>
                                            {move || i18n.t("checklist.delete")}
                                        </button>
                                    }
                                }
                            >
                                <p>{move || i18n.t("checklist.delete_question")}</p>
                                <div class="button-row">
                                    <button type="button" id=format!("ci-{id}-delete-confirm") class="danger" on:click=delete>
                                        {move || i18n.t("form.delete_confirm")}
                                    </button>
                                    <button type="button" on:click=move |_| confirm_delete.set(false)>
                                        {move || i18n.t("form.cancel")}
                                    </button>
                                </div>
                            </Show>
                        </div>
                    }
                })}
        </form>
    }
}

/// A writer adds an item of the project's own to a phase.
#[component]
fn AddItem(
    project: Uuid,
    phase: Phase,
    on_saved: Callback<(&'static str, String)>,
) -> impl IntoView {
    let api = use_api();
    let form = Form::new(format!("ci-new-{}", phase.as_str()));
    let title = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.reset();
        let text = clean_line(&title.get_untracked());
        if text.is_empty() {
            form.invalid("title", "form.required");
        }
        if !form.valid() || !form.begin() {
            return;
        }
        let item = NewChecklistItem { phase, title: text };
        leptos::task::spawn_local(async move {
            match api.add_checklist_item(project, &item).await {
                Ok(_) => {
                    form.done();
                    title.set(String::new());
                    on_saved.run(("checklist.flash_added", form.id("title")));
                }
                Err(e) => form.fail(e),
            }
        });
    };
    let i18n = use_i18n();
    view! {
        <form class="add-item" on:submit=on_submit novalidate=true>
            <FormError form />
            <TextInput form field="title" label="checklist.new_label" value=title required=true />
            <button type="submit" aria-disabled=move || form.pending.get().then_some("true")>
                {move || i18n.t("checklist.add")}
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_one_a_line_and_must_be_http() {
        let (links, ok) = parse_links(" https://kommune.no/plan \n\nhttp://x.no/a\n");
        assert!(ok);
        assert_eq!(links, vec!["https://kommune.no/plan", "http://x.no/a"]);
        assert!(!parse_links("ftp://x.no").1);
        assert!(!parse_links("https://").1);
        assert!(!parse_links("kommune.no").1);
        assert!(parse_links("").0.is_empty());
    }
}
