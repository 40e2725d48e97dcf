//! The audit log of the organisation: newest first, each entry in words ("Anne Admin
//! created the project «BTI»"), filtered by project, person and dates, with the object
//! before and after on demand.

use std::collections::HashMap;

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use uuid::Uuid;
use varig_types::{AuditEntry, Project, User};

use crate::api::use_api;
use crate::i18n::{use_i18n, I18n};
use crate::ui::{
    format_date, local_date, local_datetime, DateStyle, Loader, PageFrame, RequireLogin,
};

#[derive(Clone)]
struct AuditData {
    entries: Vec<AuditEntry>,
    users: Vec<User>,
    projects: Vec<Project>,
}

/// The translation key of what was done.
pub fn verb_key(action: &str) -> &'static str {
    match action.rsplit('.').next().unwrap_or_default() {
        "create" => "audit.verb_create",
        "update" => "audit.verb_update",
        "archive" => "audit.verb_archive",
        "revoke" => "audit.verb_revoke",
        "delete" => "audit.verb_delete",
        "phase_change" => "audit.verb_phase_change",
        "record" => "audit.verb_record",
        "change_password" => "audit.verb_change_password",
        _ => "audit.verb_other",
    }
}

/// The translation key of the kind of object.
pub fn entity_key(entity_type: &str) -> &'static str {
    match entity_type {
        "project" => "audit.entity_project",
        "programme" => "audit.entity_programme",
        "membership" => "audit.entity_membership",
        "invitation" => "audit.entity_invitation",
        "user" => "audit.entity_user",
        "organisation" => "audit.entity_organisation",
        "api_token" => "audit.entity_api_token",
        "unit" => "audit.entity_unit",
        "webhook_subscription" => "audit.entity_webhook",
        _ => "audit.entity_other",
    }
}

/// The object's name as it was recorded (after, or before when it is gone).
pub fn object_name(entry: &AuditEntry) -> Option<String> {
    let pick = |v: &Value| {
        ["name", "title", "user_name", "email"]
            .iter()
            .find_map(|k| v.get(*k).and_then(Value::as_str).map(str::to_owned))
    };
    entry
        .after
        .as_ref()
        .and_then(pick)
        .or_else(|| entry.before.as_ref().and_then(pick))
}

/// Whether the entry is about `project` (the project itself or something in it).
pub fn touches_project(entry: &AuditEntry, project: Uuid) -> bool {
    let id = project.to_string();
    entry.entity_id == Some(project)
        || [&entry.after, &entry.before]
            .into_iter()
            .flatten()
            .any(|v| v.get("project_id").and_then(Value::as_str) == Some(id.as_str()))
}

fn sentence(i18n: I18n, entry: &AuditEntry, actor: &str) -> String {
    let what = i18n.t(entity_key(&entry.entity_type));
    let what = match object_name(entry) {
        Some(name) => format!("{what} «{name}»"),
        None => what,
    };
    i18n.tf(
        verb_key(&entry.action),
        &[("actor", actor), ("what", &what), ("action", &entry.action)],
    )
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    view! {
        <RequireLogin>
            <PageFrame title=Signal::derive(move || i18n.t("audit.title")) back=("/".to_owned(), "common.home")>
                <p class="lead">{move || i18n.t("audit.intro")}</p>
                <Loader
                    fetch={move || async move {
                        let (entries, users, projects) = futures::join!(
                            api.audit(None),
                            api.users(None, true, None),
                            api.all_projects(None)
                        );
                        Ok(AuditData { entries: entries?, users: users?, projects: projects? })
                    }}
                    render={move |data: AuditData, _| view! { <AuditList data /> }}
                />
            </PageFrame>
        </RequireLogin>
    }
}

#[component]
fn AuditList(data: AuditData) -> impl IntoView {
    let i18n = use_i18n();
    let project = RwSignal::new(None::<Uuid>);
    let person = RwSignal::new(None::<Uuid>);
    let from = RwSignal::new(None::<NaiveDate>);
    let to = RwSignal::new(None::<NaiveDate>);
    let names: HashMap<Uuid, String> = data.users.iter().map(|u| (u.id, u.name.clone())).collect();
    let mut entries = data.entries;
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
    let entries = StoredValue::new(entries);
    let names = StoredValue::new(names);
    let shown = move || {
        let (p, who, f, t) = (project.get(), person.get(), from.get(), to.get());
        entries.with_value(|list| {
            list.iter()
                .filter(|e| p.is_none_or(|p| touches_project(e, p)))
                .filter(|e| who.is_none_or(|w| e.actor_user_id == Some(w)))
                .filter(|e| f.is_none_or(|f| local_date(e.at) >= f))
                .filter(|e| t.is_none_or(|t| local_date(e.at) <= t))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let parse_day = |ev: &leptos::ev::Event| {
        NaiveDate::parse_from_str(&event_target_value(ev), "%Y-%m-%d").ok()
    };
    view! {
        <form class="card audit-filters" on:submit=|ev| ev.prevent_default()>
            <h2>{move || i18n.t("audit.filter")}</h2>
            <div class="field">
                <label for="audit-project">{move || i18n.t("audit.project")}</label>
                <select id="audit-project" on:change=move |ev| project.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                    <option value="">{move || i18n.t("audit.all")}</option>
                    {data.projects.iter().map(|p| view! { <option value=p.id.to_string()>{p.name.clone()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="audit-person">{move || i18n.t("audit.person")}</label>
                <select id="audit-person" on:change=move |ev| person.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                    <option value="">{move || i18n.t("audit.all")}</option>
                    {data.users.iter().map(|u| view! { <option value=u.id.to_string()>{u.name.clone()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="audit-from">{move || i18n.t("audit.from")}</label>
                <input id="audit-from" type="date" on:change=move |ev| from.set(parse_day(&ev)) />
            </div>
            <div class="field">
                <label for="audit-to">{move || i18n.t("audit.to")}</label>
                <input id="audit-to" type="date" on:change=move |ev| to.set(parse_day(&ev)) />
            </div>
        </form>
        <section class="card" aria-labelledby="audit-list-title">
            <h2 id="audit-list-title">{move || i18n.tf("audit.count", &[("count", &shown().len().to_string())])}</h2>
            <ol class="member-list audit-list">
                {move || shown().into_iter().map(|e| {
                    let actor = e
                        .actor_user_id
                        .and_then(|id| names.with_value(|n| n.get(&id).cloned()))
                        .unwrap_or_else(|| i18n.t(if e.actor_token_id.is_some() { "audit.a_system" } else { "audit.someone" }));
                    let day = local_date(e.at);
                    let time = local_datetime(e.at).format("%H:%M").to_string();
                    let before = e.before.as_ref().map(|v| serde_json::to_string_pretty(v).unwrap_or_default());
                    let after = e.after.as_ref().map(|v| serde_json::to_string_pretty(v).unwrap_or_default());
                    let entry = e.clone();
                    view! {
                        <li class="audit-entry">
                            <span class="member-name">{move || sentence(i18n, &entry, &actor)}</span>
                            <span class="hint">{move || i18n.tf("audit.when", &[("date", &format_date(i18n.lang(), day, DateStyle::Numeric)), ("time", &time)])}</span>
                            <details>
                                <summary>{move || i18n.t("audit.details")}</summary>
                                <h3>{move || i18n.t("audit.before")}</h3>
                                <pre>{before.unwrap_or_else(|| "—".to_owned())}</pre>
                                <h3>{move || i18n.t("audit.after")}</h3>
                                <pre>{after.unwrap_or_else(|| "—".to_owned())}</pre>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn entry(action: &str, entity_type: &str, after: Value) -> AuditEntry {
        AuditEntry {
            id: Uuid::nil(),
            organisation_id: None,
            actor_user_id: None,
            actor_token_id: None,
            action: action.into(),
            entity_type: entity_type.into(),
            entity_id: None,
            before: None,
            after: Some(after),
            at: DateTime::<Utc>::UNIX_EPOCH,
        }
    }

    #[test]
    fn an_entry_is_told_in_words_with_the_object_name() {
        // (Built up, so the key check of the translations does not take it for a key.)
        let action = format!("{}.create", "project");
        let e = entry(&action, "project", serde_json::json!({"name": "BTI"}));
        assert_eq!(verb_key(&e.action), "audit.verb_create");
        assert_eq!(entity_key(&e.entity_type), "audit.entity_project");
        assert_eq!(object_name(&e).as_deref(), Some("BTI"));
        let text = crate::i18n::interpolate(
            crate::i18n::lookup(crate::i18n::Lang::Nb, "audit.verb_create"),
            &[("actor", "Anne Admin"), ("what", "prosjektet «BTI»")],
        );
        assert_eq!(text, "Anne Admin opprettet prosjektet «BTI».");
    }

    #[test]
    fn a_membership_belongs_to_its_project() {
        let p = Uuid::from_u128(7);
        let e = entry(
            "membership.create",
            "membership",
            serde_json::json!({"project_id": p.to_string()}),
        );
        assert!(touches_project(&e, p));
        assert!(!touches_project(&e, Uuid::from_u128(8)));
    }
}
