//! Programmes (tiltak) of the organisation: create, edit name and description, archive.

use leptos::prelude::*;
use varig_types::{NewProgramme, Programme, ProgrammePatch};

use crate::api::{use_api, ApiError};
use crate::i18n::use_i18n;
use crate::ui::{
    focus_id, Field, FieldError, Flash, FlashMessage, Loader, PageFrame, RequireLogin,
};

#[component]
pub fn ProgrammesPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let flash = Flash::new();
    view! {
        <RequireLogin>
            <PageFrame title=Signal::derive(move || i18n.t("programmes.title")) back=("/".to_owned(), "common.home")>
                <p class="lead">{move || i18n.t("programmes.intro")}</p>
                <FlashMessage flash />
                <Loader
                    fetch={move || async move { api.programmes(false, None).await }}
                    render={move |list: Vec<Programme>, again| {
                        let empty = list.is_empty();
                        view! {
                            <NewProgrammeForm flash again />
                            <section class="card" aria-labelledby="programme-list-title">
                                <h2 id="programme-list-title">{move || i18n.t("programmes.list")}</h2>
                                {empty.then(|| view! { <p class="empty">{move || i18n.t("programmes.empty")}</p> })}
                                <ul class="plan-list programme-list">
                                    {list.into_iter().map(|p| view! { <ProgrammeItem programme=p flash again /> }).collect_view()}
                                </ul>
                            </section>
                        }
                    }}
                />
            </PageFrame>
        </RequireLogin>
    }
}

#[component]
fn NewProgrammeForm(flash: Flash, again: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let name_error: FieldError = RwSignal::new(None);
    let failed = RwSignal::new(None::<ApiError>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = name.get_untracked().trim().to_owned();
        if value.is_empty() {
            name_error.set(Some("programmes.name_required"));
            focus_id("programme-name");
            return;
        }
        let input = NewProgramme {
            name: value,
            description: description.get_untracked().trim().to_owned(),
        };
        leptos::task::spawn_local(async move {
            match api.create_programme(&input).await {
                Ok(p) => {
                    flash.show_with("programmes.created", vec![("name", p.name)]);
                    again.run(());
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate=true aria-labelledby="new-programme-title">
            <h2 id="new-programme-title">{move || i18n.t("programmes.new")}</h2>
            <Field id="programme-name" label="programmes.name" hint="programmes.name_hint" value=name error=name_error />
            <div class="field">
                <label for="programme-description">{move || i18n.t("programmes.description")}</label>
                <textarea
                    id="programme-description"
                    rows="3"
                    prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))
                ></textarea>
            </div>
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
            <button type="submit" class="primary">{move || i18n.t("programmes.create")}</button>
        </form>
    }
}

#[component]
fn ProgrammeItem(programme: Programme, flash: Flash, again: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let editing = RwSignal::new(false);
    let name = RwSignal::new(programme.name.clone());
    let description = RwSignal::new(programme.description.clone());
    let name_error: FieldError = RwSignal::new(None);
    let failed = RwSignal::new(None::<ApiError>);
    let id = programme.id;
    let name_id = format!("programme-{id}-name");
    let description_id = format!("programme-{id}-description");
    let title = programme.name.clone();
    let text = programme.description.clone();
    let edit_label = programme.name.clone();
    let archive_label = programme.name.clone();
    let stored = StoredValue::new(programme);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = name.get_untracked().trim().to_owned();
        if value.is_empty() {
            name_error.set(Some("programmes.name_required"));
            return;
        }
        let patch = ProgrammePatch {
            name: Some(value),
            description: Some(description.get_untracked().trim().to_owned()),
        };
        let current = stored.get_value();
        leptos::task::spawn_local(async move {
            match api.update_programme(&current, &patch).await {
                Ok(p) => {
                    flash.show_with("programmes.saved", vec![("name", p.name)]);
                    again.run(());
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
        });
    };
    let archive = move |_| {
        leptos::task::spawn_local(async move {
            match api.archive_programme(id).await {
                Ok(p) => {
                    flash.show_with("programmes.archived", vec![("name", p.name)]);
                    again.run(());
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <li class="plan-item">
            <h3>{title}</h3>
            {(!text.trim().is_empty()).then(|| view! { <p class="description">{text.clone()}</p> })}
            <Show
                when=move || editing.get()
                fallback=move || {
                    let edit_label = edit_label.clone();
                    let archive_label = archive_label.clone();
                    view! {
                        <div class="button-row">
                            <button type="button" aria-label=move || i18n.tf("programmes.edit_label", &[("name", &edit_label)]) on:click=move |_| editing.set(true)>
                                {move || i18n.t("common.edit")}
                            </button>
                            <button type="button" class="danger" aria-label=move || i18n.tf("programmes.archive_label", &[("name", &archive_label)]) on:click=archive>
                                {move || i18n.t("programmes.archive")}
                            </button>
                        </div>
                    }
                }
            >
                <form class="plan-form" on:submit=save novalidate=true>
                    <Field id=name_id.clone() label="programmes.name" value=name error=name_error />
                    <div class="field">
                        <label for=description_id.clone()>{move || i18n.t("programmes.description")}</label>
                        <textarea
                            id=description_id.clone()
                            rows="3"
                            prop:value=move || description.get()
                            on:input=move |ev| description.set(event_target_value(&ev))
                        ></textarea>
                    </div>
                    <div class="button-row">
                        <button type="submit" class="primary">{move || i18n.t("common.save")}</button>
                        <button type="button" on:click=move |_| editing.set(false)>{move || i18n.t("common.cancel")}</button>
                    </div>
                </form>
            </Show>
            <div class="form-error" role="alert">
                {move || failed.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
            </div>
        </li>
    }
}
