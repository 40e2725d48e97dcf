//! The items of a planning tool (milestones, goals, stakeholders, barriers, risks): loading
//! them, the form that is open, "add", "edit" and "delete" with its confirmation, sending a
//! form, and the announcement after a write.

use leptos::prelude::*;
use uuid::Uuid;

use crate::api::{abort_on_cleanup, use_api, Api, ApiError};
use crate::i18n::use_i18n;
use crate::ui::{focus_id, ErrorNotice, FlashNotice, Form, Loading};

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
            focus_id(first_field);
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
                        focus_id(id);
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
        <FlashNotice id="plan-flash" message=data.flash />
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
                    focus_id(focus_error);
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
                        focus_id(confirm_focus.clone());
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
                            let text = match (conflict_key, e.is_conflict()) {
                                (Some(key), true) => i18n.t(key),
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
    form: Form,
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
