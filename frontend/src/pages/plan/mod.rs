//! The project's plan: the phase checklist (on the project page) and one page per planning
//! tool — milestones, goals, readiness, stakeholders, barriers and facilitators, risks.
//!
//! Every project role reads; the project owner, the project leader and organisation admins
//! write (the server enforces it; the pages hide what the caller may not do).

pub mod barriers;
pub mod checklist;
pub mod fields;
pub mod goals;
pub mod milestones;
pub mod readiness;
pub mod risks;
pub mod stakeholders;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;
use varig_types::{LocalText, Me, Membership, OrgRole, Project, ProjectRole};
use wasm_bindgen::{JsCast, JsValue};

use crate::api::{abort_on_cleanup, use_api, Api, ApiError, Freshness};
use crate::i18n::{set_title, use_i18n, I18n, Lang};
use crate::pages::{ErrorNotice, Loading, RequireLogin};

/// The planning tools, each a page under `/projects/:id/…`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Milestones,
    Goals,
    Readiness,
    Stakeholders,
    Barriers,
    Risks,
}

impl Tool {
    pub const ALL: [Tool; 6] = [
        Tool::Milestones,
        Tool::Goals,
        Tool::Readiness,
        Tool::Stakeholders,
        Tool::Barriers,
        Tool::Risks,
    ];

    pub fn segment(self) -> &'static str {
        match self {
            Tool::Milestones => "milestones",
            Tool::Goals => "goals",
            Tool::Readiness => "readiness",
            Tool::Stakeholders => "stakeholders",
            Tool::Barriers => "barriers",
            Tool::Risks => "risks",
        }
    }

    pub fn title_key(self) -> &'static str {
        match self {
            Tool::Milestones => "plan.milestones",
            Tool::Goals => "plan.goals",
            Tool::Readiness => "plan.readiness",
            Tool::Stakeholders => "plan.stakeholders",
            Tool::Barriers => "plan.barriers",
            Tool::Risks => "plan.risks",
        }
    }

    pub fn intro_key(self) -> &'static str {
        match self {
            Tool::Milestones => "plan.milestones_intro",
            Tool::Goals => "plan.goals_intro",
            Tool::Readiness => "plan.readiness_intro",
            Tool::Stakeholders => "plan.stakeholders_intro",
            Tool::Barriers => "plan.barriers_intro",
            Tool::Risks => "plan.risks_intro",
        }
    }

    pub fn href(self, project: Uuid) -> String {
        format!("/projects/{project}/{}", self.segment())
    }
}

/// What every tool page knows about the project and the caller.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub project: Project,
    /// The project's current members (for "responsible" and "owner" choices).
    pub members: Vec<Membership>,
    /// Owner, leader or organisation admin, on a project that is not archived.
    pub may_write: bool,
    /// Any project role may answer the readiness questionnaire.
    pub may_answer: bool,
    pub cached: bool,
}

/// Whether the caller may change the plan: project owner, project leader or organisation
/// admin, unless the project is archived (its plan is read-only then).
pub fn may_write(project: &Project, me: Option<&Me>) -> bool {
    let by_role = matches!(
        project.my_role,
        Some(ProjectRole::Owner | ProjectRole::Leader)
    );
    let org_admin = me.is_some_and(|m| {
        m.org_role == Some(OrgRole::Admin) && m.organisation_id == Some(project.organisation_id)
    });
    (by_role || org_admin) && project.archived_at.is_none()
}

/// A tool page: the project's context, the tools' navigation and the tool itself.
#[component]
pub fn PlanPage(tool: Tool) -> impl IntoView {
    view! {
        <RequireLogin>
            <PlanView tool />
        </RequireLogin>
    }
}

#[derive(Clone)]
enum State {
    Loading,
    NotFound,
    Failed(ApiError),
    Ready(Box<Ctx>),
}

#[component]
fn PlanView(tool: Tool) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let state = RwSignal::new(State::Loading);
    let abort = StoredValue::new_local(abort_on_cleanup());
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok())));

    let load = move |id: Option<Uuid>| {
        let Some(id) = id else {
            state.set(State::NotFound);
            return;
        };
        state.set(State::Loading);
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            let (project, members, me) = futures::join!(
                api.project(id, signal.clone()),
                api.members(id, signal.clone()),
                api.me(signal)
            );
            let me = me.ok();
            let next = match (project, members) {
                (Ok((project, p_fresh)), Ok((members, m_fresh))) => {
                    let may_write = may_write(&project, me.as_ref().map(|(m, _)| m));
                    let members = members
                        .into_iter()
                        .filter(|m| m.archived_at.is_none())
                        .collect();
                    State::Ready(Box::new(Ctx {
                        may_answer: project.my_role.is_some(),
                        may_write,
                        members,
                        cached: p_fresh == Freshness::Cached || m_fresh == Freshness::Cached,
                        project,
                    }))
                }
                (Err(ApiError::Aborted), _) | (_, Err(ApiError::Aborted)) => return,
                (Err(e), _) | (_, Err(e)) if e.is_not_found() => State::NotFound,
                (Err(e), _) | (_, Err(e)) => State::Failed(e),
            };
            let _ = state.try_set(next);
        });
    };
    Effect::new(move |_| load(id.get()));
    let retry = Callback::new(move |()| load(id.get_untracked()));

    Effect::new(move |_| {
        let page = i18n.t(tool.title_key());
        let title = state.with(|s| match s {
            State::Ready(ctx) => format!("{page} – {}", ctx.project.name),
            _ => page.clone(),
        });
        set_title(&title);
    });

    view! {
        {move || match state.get() {
            State::Loading => view! { <Loading /> }.into_any(),
            State::NotFound => {
                view! {
                    <div class="notice notice-error" role="alert">
                        <p>{move || i18n.t("project.not_found")}</p>
                    </div>
                }
                    .into_any()
            }
            State::Failed(e) => view! { <ErrorNotice error=e retry /> }.into_any(),
            State::Ready(ctx) => view! { <ToolFrame tool ctx=*ctx /> }.into_any(),
        }}
    }
}

#[component]
fn ToolFrame(tool: Tool, ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let project_href = format!("/projects/{}", ctx.project.id);
    let project_name = ctx.project.name.clone();
    let cached = ctx.cached;
    let read_only = !ctx.may_write;
    let project_id = ctx.project.id;
    let body = match tool {
        Tool::Milestones => view! { <milestones::Milestones ctx /> }.into_any(),
        Tool::Goals => view! { <goals::Goals ctx /> }.into_any(),
        Tool::Readiness => view! { <readiness::Readiness ctx /> }.into_any(),
        Tool::Stakeholders => view! { <stakeholders::Stakeholders ctx /> }.into_any(),
        Tool::Barriers => view! { <barriers::Barriers ctx /> }.into_any(),
        Tool::Risks => view! { <risks::Risks ctx /> }.into_any(),
    };
    view! {
        <p class="back">
            <a class="wrapping" href=project_href>
                {move || i18n.tf("plan.back", &[("project", &project_name)])}
            </a>
        </p>
        <article class="plan" aria-labelledby="plan-title">
            <h1 id="plan-title">{move || i18n.t(tool.title_key())}</h1>
            <p class="lead">{move || i18n.t(tool.intro_key())}</p>
            {cached.then(|| view! { <p class="notice">{move || i18n.t("projects.cached")}</p> })}
            {(read_only && tool != Tool::Readiness)
                .then(|| view! { <p class="notice read-only">{move || i18n.t("plan.read_only")}</p> })}
            {body}
        </article>
        <ToolNav project=project_id current=Some(tool) />
    }
}

/// Links to every planning tool (on the project page and below each tool).
#[component]
pub fn ToolNav(project: Uuid, current: Option<Tool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="card tool-nav" aria-labelledby="tool-nav-title">
            <h2 id="tool-nav-title">{move || i18n.t("plan.heading")}</h2>
            <ul>
                {Tool::ALL
                    .into_iter()
                    .map(|t| {
                        view! {
                            <li>
                                <a
                                    href=t.href(project)
                                    aria-current=(current == Some(t)).then_some("page")
                                >
                                    {move || i18n.t(t.title_key())}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// A text of the phase model in the UI language (tracked).
pub fn local(i18n: I18n, text: &LocalText) -> String {
    match i18n.lang() {
        Lang::Nb => text.nb.clone(),
        Lang::Nn => text.nn.clone(),
        Lang::En => text.en.clone(),
    }
}

/// A calendar date ("YYYY-MM-DD") in the UI language, e.g. "24. nov. 2026" (tracked).
pub fn format_day(i18n: I18n, iso: &str) -> String {
    // Noon UTC stays on the same calendar day in every time zone the app is used in.
    let date = js_sys::Date::new(&JsValue::from_str(&format!("{iso}T12:00:00Z")));
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &"UTC".into());
    date.to_locale_date_string(i18n.lang().locale(), &options)
        .into()
}

/// A number with one decimal in the UI language ("3,5" in Norwegian).
pub fn format_decimal(i18n: I18n, value: f64) -> String {
    let text = format!("{value:.1}");
    match i18n.lang() {
        Lang::En => text,
        Lang::Nb | Lang::Nn => text.replace('.', ","),
    }
}

/// Moves focus to the element with `id` once it is on the page.
pub fn focus_later(id: String) {
    request_animation_frame(move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// The name of a member, or "nobody" (tracked).
pub fn person(i18n: I18n, name: Option<&str>) -> String {
    match name {
        Some(n) if !n.trim().is_empty() => n.to_owned(),
        _ => i18n.t("plan.nobody"),
    }
}

/// A message announced (and focused) after a write: what happened.
#[component]
pub fn Flash(id: &'static str, message: RwSignal<Option<&'static str>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p id=id class="notice flash" role="status" tabindex="-1" hidden=move || message.get().is_none()>
            {move || message.get().map(|k| i18n.t(k))}
        </p>
    }
}

/// What a form is open for: a new item, an existing one, or (goals) a new child of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Editing {
    New,
    Item(Uuid),
    Child(Uuid),
}

/// A tool page's state: its items (None while loading), the last load error, the
/// announcement after a write, and which form is open.
#[derive(Debug)]
pub struct ToolData<R: Send + Sync + 'static> {
    pub items: RwSignal<Option<Vec<R>>>,
    pub error: RwSignal<Option<ApiError>>,
    pub flash: RwSignal<Option<&'static str>>,
    pub editing: RwSignal<Option<Editing>>,
    /// Reloads the items; then focuses the element with the given id, if any.
    pub reload: Callback<Option<String>>,
    pub api: Api,
}

impl<R: Send + Sync + 'static> Clone for ToolData<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R: Send + Sync + 'static> Copy for ToolData<R> {}

impl<R: Send + Sync + 'static> ToolData<R> {
    /// After a successful write: announce `key`, close the form, reload, focus `focus`.
    pub fn saved(&self, key: &'static str, focus: String) {
        self.flash.set(Some(key));
        self.editing.set(None);
        self.reload.run(Some(focus));
    }

    /// Opens or closes a form; the opened form's first field gets the focus.
    pub fn toggle(&self, what: Editing, first_field: String) {
        if self.editing.get_untracked() == Some(what) {
            self.editing.set(None);
        } else {
            self.editing.set(Some(what));
            focus_later(first_field);
        }
    }
}

/// Loads the project's items of one tool now and on every `reload`.
pub fn use_tool<R>(project: Uuid) -> ToolData<R>
where
    R: crate::api::Resource + Send + Sync,
{
    let api = use_api();
    let items = RwSignal::new(None::<Vec<R>>);
    let error = RwSignal::new(None::<ApiError>);
    let abort = StoredValue::new_local(abort_on_cleanup());
    let reload = Callback::new(move |focus: Option<String>| {
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            match api.plan_items::<R>(project, signal).await {
                Ok((list, _)) => {
                    let _ = error.try_set(None);
                    let _ = items.try_set(Some(list));
                    if let Some(id) = focus {
                        focus_later(id);
                    }
                }
                Err(ApiError::Aborted) => {}
                Err(e) => {
                    let _ = error.try_set(Some(e));
                }
            }
        });
    });
    reload.run(None);
    ToolData {
        items,
        error,
        flash: RwSignal::new(None),
        editing: RwSignal::new(None),
        reload,
        api,
    }
}

/// The announcement, a load error with retry, and "loading" until the items are there.
#[component]
pub fn ToolStatus<R: Send + Sync + 'static>(data: ToolData<R>) -> impl IntoView {
    let retry = Callback::new(move |()| data.reload.run(None));
    view! {
        <Flash id="plan-flash" message=data.flash />
        {move || data.error.get().map(|e| view! { <ErrorNotice error=e retry /> })}
        <Show when=move || data.items.with(Option::is_none) && data.error.with(Option::is_none)>
            <Loading />
        </Show>
    }
}

/// The button that opens the form for a new item (writers only).
#[component]
pub fn AddButton<R: Send + Sync + 'static>(
    data: ToolData<R>,
    label: &'static str,
    /// The id prefix of the new item's form.
    form: &'static str,
    /// The first field of that form.
    first: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="add-button"
            id=format!("{form}-open")
            aria-expanded=move || if data.editing.get() == Some(Editing::New) { "true" } else { "false" }
            aria-controls=form
            on:click=move |_| data.toggle(Editing::New, format!("{form}-{first}"))
        >
            {move || i18n.t(label)}
        </button>
    }
}

/// "Edit" and "Delete" (with a confirmation) for one item; `name` names the item for
/// screen readers ("Edit: <name>").
pub fn item_actions<R>(
    data: ToolData<R>,
    item: &R,
    name: String,
    first_field: &'static str,
    prefix: &'static str,
    deleted_key: &'static str,
    conflict_key: Option<&'static str>,
) -> impl IntoView
where
    R: crate::api::Resource + Send + Sync,
{
    let i18n = use_i18n();
    let api = data.api;
    let (id, version) = (item.id(), item.version());
    let confirming = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let form_id = format!("{prefix}-{id}");
    let edit_id = format!("{prefix}-{id}-edit");
    let error_id = format!("{prefix}-{id}-delete-error");
    let confirm_id = format!("{prefix}-{id}-delete-confirm");
    let name = StoredValue::new(name);
    let focus_error = error_id.clone();
    let delete = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        failure.set(None);
        let focus_error = focus_error.clone();
        leptos::task::spawn_local(async move {
            let result = api.delete_plan_item::<R>(id, version).await;
            let _ = pending.try_set(false);
            match result {
                Ok(()) => data.saved(deleted_key, "plan-flash".to_owned()),
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                    focus_later(focus_error);
                }
            }
        });
    };
    let confirm_focus = confirm_id.clone();
    let first = format!("{prefix}-{id}-{first_field}");
    view! {
        <div class="item-actions">
            <div class="button-row">
                <button
                    type="button"
                    id=edit_id
                    aria-expanded=move || if data.editing.get() == Some(Editing::Item(id)) { "true" } else { "false" }
                    aria-controls=form_id
                    on:click=move |_| data.toggle(Editing::Item(id), first.clone())
                >
                    {move || i18n.t("form.edit")}
                    <span class="visually-hidden">": " {move || name.get_value()}</span>
                </button>
                <button
                    type="button"
                    class="danger"
                    aria-expanded=move || if confirming.get() { "true" } else { "false" }
                    on:click=move |_| {
                        confirming.set(!confirming.get_untracked());
                        focus_later(confirm_focus.clone());
                    }
                >
                    {move || i18n.t("form.delete")}
                    <span class="visually-hidden">": " {move || name.get_value()}</span>
                </button>
            </div>
            <div id=error_id class="form-error" role="alert" tabindex="-1">
                {move || {
                    failure
                        .get()
                        .map(|e| {
                            let text = match (conflict_key, e.code()) {
                                (Some(key), Some(varig_types::ProblemCode::Conflict)) => i18n.t(key),
                                _ => e.message(i18n),
                            };
                            view! { <p>{text}</p> }
                        })
                }}
            </div>
            <div class="confirm" hidden=move || !confirming.get()>
                <p>{move || i18n.tf("form.delete_question", &[("name", &name.get_value())])}</p>
                <div class="button-row">
                    <button
                        type="button"
                        id=confirm_id
                        class="danger"
                        aria-disabled=move || pending.get().then_some("true")
                        on:click=delete
                    >
                        {move || i18n.t("form.delete_confirm")}
                    </button>
                    <button type="button" on:click=move |_| confirming.set(false)>
                        {move || i18n.t("form.cancel")}
                    </button>
                </div>
            </div>
        </div>
    }
}

/// Sends a tool's form: create or replace, then announce and reload.
pub fn submit<R>(
    data: ToolData<R>,
    form: fields::Form,
    project: Uuid,
    existing: Option<(Uuid, i64)>,
    input: R::Input,
) where
    R: crate::api::Resource + Send + Sync,
{
    let api = data.api;
    if !form.begin() {
        return;
    }
    leptos::task::spawn_local(async move {
        let result = match existing {
            Some((id, version)) => api.update_plan_item::<R>(id, version, &input).await,
            None => api.create_plan_item::<R>(project, &input).await,
        };
        match result {
            Ok(item) => {
                form.done();
                let key = if existing.is_some() {
                    "form.flash_saved"
                } else {
                    "form.flash_added"
                };
                data.saved(key, item_anchor::<R>(&item));
            }
            Err(e) => form.fail(e),
        }
    });
}

/// The id of an item's heading in a tool's list (focused after it was saved).
pub fn item_anchor<R: crate::api::Resource>(item: &R) -> String {
    format!("item-{}", item.id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tool_has_its_own_page() {
        let id = Uuid::nil();
        let hrefs: Vec<String> = Tool::ALL.into_iter().map(|t| t.href(id)).collect();
        assert_eq!(
            hrefs[0],
            "/projects/00000000-0000-0000-0000-000000000000/milestones"
        );
        let mut unique = hrefs.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), Tool::ALL.len());
    }
}
