//! Setting the network up: the project's scope (which units, when an agent is silent) for
//! the owner, leader and organisation admins; adding units for organisation admins (with a
//! standard structure of levels and sectors when the organisation has none yet).

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{
    Dimension, DimensionValue, NetworkSettingsInput, OrgStructure, OrgStructureInput, Project,
    StructureLevel, Unit, UnitDimension, UnitInput,
};

use super::Access;
use crate::api::{abort_on_cleanup, use_api, ApiError};
use crate::i18n::{use_i18n, I18n};
use crate::ui::{focus_id, Loading};

#[derive(Clone)]
struct Data {
    units: Vec<Unit>,
    structure: Option<OrgStructure>,
    scope_version: i64,
}

#[component]
pub fn SetupView(project: Project, access: Access) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let pid = project.id;
    let org = project.organisation_id;
    let abort = StoredValue::new_local(abort_on_cleanup());
    let data = RwSignal::new(None::<Result<Data, ApiError>>);
    let selected = RwSignal::new(Vec::<Uuid>::new());
    let weeks = RwSignal::new(String::from("4"));
    let scope_msg = RwSignal::new(None::<(bool, String)>);

    let load = move || {
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            let (settings, units, structure) = futures::join!(
                api.network_settings(pid, signal.clone()),
                api.units(signal.clone()),
                api.org_structure(org, signal)
            );
            let next = match (settings, units) {
                (Ok((s, _)), Ok((u, _))) => {
                    let _ = selected.try_set(s.unit_ids.clone());
                    let _ = weeks.try_set(s.silent_after_weeks.to_string());
                    Ok(Data {
                        units: u,
                        structure: structure.ok().map(|(s, _)| s),
                        scope_version: s.version,
                    })
                }
                (Err(ApiError::Aborted), _) | (_, Err(ApiError::Aborted)) => return,
                (Err(e), _) | (_, Err(e)) => Err(e),
            };
            let _ = data.try_set(Some(next));
        });
    };
    load();

    let save_scope = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(Ok(d)) = data.get_untracked() else {
            return;
        };
        let Ok(w) = weeks.get_untracked().trim().parse::<i32>() else {
            scope_msg.set(Some((false, i18n.t("setup.weeks_invalid"))));
            focus_id("scope-result");
            return;
        };
        let input = NetworkSettingsInput {
            unit_ids: selected.get_untracked(),
            silent_after_weeks: w,
        };
        leptos::task::spawn_local(async move {
            let msg = match api.put_network_settings(pid, d.scope_version, &input).await {
                Ok(s) => {
                    data.update(|d| {
                        if let Some(Ok(d)) = d {
                            d.scope_version = s.version;
                        }
                    });
                    (true, i18n.t("setup.scope_saved"))
                }
                Err(e) => (false, e.message(i18n)),
            };
            let _ = scope_msg.try_set(Some(msg));
            focus_id("scope-result");
        });
    };

    view! {
        <h1 id="page-title">{move || i18n.t("setup.title")}</h1>
        {move || match data.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(e)) => {
                view! {
                    <div class="notice notice-error" role="alert">
                        <p>{e.message(i18n)}</p>
                    </div>
                }
                    .into_any()
            }
            Some(Ok(d)) => {
                let units = d.units.clone();
                let structure = d.structure.clone();
                let no_units = units.is_empty();
                view! {
                    {access
                        .manage
                        .then(|| {
                            view! {
                                <form class="card" on:submit=save_scope aria-labelledby="scope-title">
                                    <h2 id="scope-title">{move || i18n.t("setup.scope")}</h2>
                                    <fieldset class="field net-choices">
                                        <legend>{move || i18n.t("setup.scope_units")}</legend>
                                        {no_units.then(|| view! { <p class="empty">{move || i18n.t("setup.no_units")}</p> })}
                                        {units
                                            .into_iter()
                                            .map(|u| {
                                                let id = u.id;
                                                let input_id = format!("scope-{id}");
                                                let label_for = input_id.clone();
                                                let level = level_name(structure.as_ref(), &u.level);
                                                view! {
                                                    <div class="net-choice">
                                                        <input
                                                            type="checkbox"
                                                            id=input_id
                                                            prop:checked=move || selected.with(|s| s.contains(&id))
                                                            on:change=move |ev| {
                                                                let on = event_target_checked(&ev);
                                                                selected.update(|s| {
                                                                    s.retain(|x| *x != id);
                                                                    if on {
                                                                        s.push(id);
                                                                    }
                                                                });
                                                            }
                                                        />
                                                        <label for=label_for>
                                                            {u.name}
                                                            " "
                                                            <span class="unit-level">{level}</span>
                                                        </label>
                                                    </div>
                                                }
                                            })
                                            .collect_view()}
                                    </fieldset>
                                    <div class="field">
                                        <label for="scope-weeks">{move || i18n.t("setup.silent_weeks")}</label>
                                        <p id="scope-weeks-hint" class="hint">{move || i18n.t("setup.silent_hint")}</p>
                                        <input
                                            id="scope-weeks"
                                            type="number"
                                            inputmode="numeric"
                                            min="1"
                                            max="52"
                                            aria-describedby="scope-weeks-hint"
                                            prop:value=move || weeks.get()
                                            on:input=move |ev| weeks.set(event_target_value(&ev))
                                        />
                                    </div>
                                    <div id="scope-result" role="status" tabindex="-1">
                                        {move || {
                                            scope_msg
                                                .get()
                                                .map(|(ok, t)| {
                                                    view! { <p class=if ok { "notice notice-ok" } else { "notice notice-error" }>{t}</p> }
                                                })
                                        }}
                                    </div>
                                    <button type="submit" class="primary">{move || i18n.t("setup.save_scope")}</button>
                                </form>
                            }
                        })}
                    {access.add_units.then(|| view! { <AddUnit org structure=d.structure.clone() on_added=Callback::new(move |u: Unit| {
                        selected.update(|s| s.push(u.id));
                        load();
                    }) /> })}
                }
                    .into_any()
            }
        }}
    }
}

fn level_name(structure: Option<&OrgStructure>, key: &str) -> String {
    structure
        .and_then(|s| s.levels.iter().find(|l| l.key == key))
        .map(|l| l.name.clone())
        .unwrap_or_else(|| key.to_owned())
}

/// A standard structure in the UI's language: three levels and a sector dimension.
fn standard_structure(i18n: I18n) -> OrgStructureInput {
    let level = |key: &str, name: &str| StructureLevel {
        key: key.into(),
        name: i18n.t(name),
    };
    let value = |key: &str, name: &str| DimensionValue {
        key: key.into(),
        name: i18n.t(name),
    };
    OrgStructureInput {
        levels: vec![
            level("top_management", "setup.level_top"),
            level("service_area", "setup.level_service_area"),
            level("unit", "setup.level_unit"),
        ],
        dimensions: vec![Dimension {
            key: "sector".into(),
            name: i18n.t("setup.sector"),
            values: vec![
                value("school", "setup.sector_school"),
                value("kindergarten", "setup.sector_kindergarten"),
                value("health_station", "setup.sector_health_station"),
                value("child_welfare", "setup.sector_child_welfare"),
            ],
        }],
    }
}

#[component]
fn AddUnit(org: Uuid, structure: Option<OrgStructure>, on_added: Callback<Unit>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let structure = RwSignal::new(structure);
    let name = RwSignal::new(String::new());
    let level = RwSignal::new(String::new());
    let dims = RwSignal::new(Vec::<(String, RwSignal<String>)>::new());
    let msg = RwSignal::new(None::<(bool, String)>);
    let name_error = RwSignal::new(false);

    Effect::new(move |_| {
        structure.with(|s| {
            if let Some(s) = s {
                if level.get_untracked().is_empty() {
                    if let Some(last) = s.levels.last() {
                        level.set(last.key.clone());
                    }
                }
                dims.set(
                    s.dimensions
                        .iter()
                        .map(|d| (d.key.clone(), RwSignal::new(String::new())))
                        .collect(),
                );
            }
        })
    });

    let create_standard = move |_| {
        let version = structure.with_untracked(|s| s.as_ref().map(|s| s.version).unwrap_or(0));
        let input = standard_structure(i18n);
        leptos::task::spawn_local(async move {
            match api.put_org_structure(org, version, &input).await {
                Ok(s) => {
                    let _ = structure.try_set(Some(s));
                }
                Err(e) => {
                    let _ = msg.try_set(Some((false, e.message(i18n))));
                }
            }
        });
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_owned();
        name_error.set(n.is_empty());
        if n.is_empty() {
            focus_id("unit-name");
            return;
        }
        let input = UnitInput {
            name: n,
            parent_id: None,
            level: level.get_untracked(),
            dimensions: dims
                .get_untracked()
                .into_iter()
                .filter_map(|(d, v)| {
                    let value = v.get_untracked();
                    (!value.is_empty()).then_some(UnitDimension {
                        dimension: d,
                        value,
                    })
                })
                .collect(),
        };
        leptos::task::spawn_local(async move {
            match api.create_unit(&input).await {
                Ok(u) => {
                    let _ = msg.try_set(Some((
                        true,
                        i18n.tf("setup.unit_added", &[("name", &u.name)]),
                    )));
                    let _ = name.try_set(String::new());
                    on_added.run(u);
                }
                Err(e) => {
                    let _ = msg.try_set(Some((false, e.message(i18n))));
                }
            }
            focus_id("unit-result");
        });
    };

    view! {
        <section class="card" aria-labelledby="unit-title">
            <h2 id="unit-title">{move || i18n.t("setup.add_unit")}</h2>
            <div id="unit-result" role="status" tabindex="-1">
                {move || {
                    msg.get()
                        .map(|(ok, t)| {
                            view! { <p class=if ok { "notice notice-ok" } else { "notice notice-error" }>{t}</p> }
                        })
                }}
            </div>
            {move || {
                let s = structure.get();
                match s {
                    Some(s) if !s.levels.is_empty() => {
                        let levels = s.levels.clone();
                        let dimensions = s.dimensions.clone();
                        view! {
                            <form on:submit=submit>
                                <div class="field">
                                    <label for="unit-name">{move || i18n.t("setup.unit_name")}</label>
                                    <input
                                        id="unit-name"
                                        type="text"
                                        maxlength="200"
                                        required=true
                                        aria-invalid=move || name_error.get().then_some("true")
                                        aria-describedby=move || name_error.get().then_some("unit-name-error")
                                        prop:value=move || name.get()
                                        on:input=move |ev| name.set(event_target_value(&ev))
                                    />
                                    <p id="unit-name-error" class="field-error" role="alert">
                                        {move || name_error.get().then(|| i18n.t("setup.unit_name_required"))}
                                    </p>
                                </div>
                                <div class="field">
                                    <label for="unit-level">{move || i18n.t("setup.unit_level")}</label>
                                    <select id="unit-level" on:change=move |ev| level.set(event_target_value(&ev))>
                                        {levels
                                            .into_iter()
                                            .map(|l| {
                                                let key = l.key.clone();
                                                view! {
                                                    <option value=l.key prop:selected=move || level.with(|v| *v == key)>
                                                        {l.name}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                                {dimensions
                                    .into_iter()
                                    .map(|d| {
                                        let id = format!("unit-dim-{}", d.key);
                                        let label_for = id.clone();
                                        let key = d.key.clone();
                                        let set = move |v: String| {
                                            dims.with_untracked(|list| {
                                                if let Some((_, s)) = list.iter().find(|(k, _)| *k == key) {
                                                    s.set(v);
                                                }
                                            })
                                        };
                                        view! {
                                            <div class="field">
                                                <label for=label_for>{d.name}</label>
                                                <select id=id on:change=move |ev| set(event_target_value(&ev))>
                                                    <option value="">{move || i18n.t("setup.no_value")}</option>
                                                    {d
                                                        .values
                                                        .into_iter()
                                                        .map(|v| view! { <option value=v.key>{v.name}</option> })
                                                        .collect_view()}
                                                </select>
                                            </div>
                                        }
                                    })
                                    .collect_view()}
                                <button type="submit" class="primary">{move || i18n.t("setup.add_unit_button")}</button>
                            </form>
                        }
                            .into_any()
                    }
                    _ => {
                        view! {
                            <p>{move || i18n.t("setup.no_structure")}</p>
                            <button type="button" on:click=create_standard>
                                {move || i18n.t("setup.create_structure")}
                            </button>
                        }
                            .into_any()
                    }
                }
            }}
        </section>
    }
}
