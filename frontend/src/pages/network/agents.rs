//! Changing a change agent (for the owner, leader and organisation admins): the status with
//! the date it was reached and the agent's units from the project's scope (`PUT` with
//! `If-Match`), and the agent's training and coaching (list and add).

use chrono::NaiveDate;
use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{AgentStatus, ChangeAgent, ChangeAgentUpdate, ProblemCode};

use super::{status_key, today};
use crate::api::{use_api, ApiError};
use crate::i18n::{use_i18n, Lang};

/// The statuses an agent may be given from `from` (the current one first).
pub fn next_statuses(from: AgentStatus) -> Vec<AgentStatus> {
    let order = [
        AgentStatus::Nominated,
        AgentStatus::Recruited,
        AgentStatus::Trained,
        AgentStatus::Active,
    ];
    let mut out = vec![from];
    match from {
        AgentStatus::Inactive => out.push(AgentStatus::Active),
        _ => {
            let rank = order.iter().position(|s| *s == from).unwrap_or(0);
            out.extend(order.iter().skip(rank + 1).copied());
            out.push(AgentStatus::Inactive);
        }
    }
    out
}

/// Hours as the UI's language writes them (`1,5` in Norwegian).
pub fn hours_text(lang: Lang, hours: f64) -> String {
    let text = format!("{}", (hours * 100.0).round() / 100.0);
    if lang == Lang::En {
        text
    } else {
        text.replace('.', ",")
    }
}

/// The message for a rule the server names in a field error.
pub fn agent_error_key(code: &str) -> &'static str {
    match code {
        "illegal_transition" => "agents.error_illegal_transition",
        "not_in_scope" => "agents.error_not_in_scope",
        "out_of_range" => "agents.error_out_of_range",
        "required" | "missing" | "empty" => "form.required",
        "too_long" => "form.too_long",
        _ => "form.invalid",
    }
}

/// `unit_ids[2]` names the field `unit_ids`.
pub(super) fn base_field(field: &str) -> String {
    field.split(['[', '.']).next().unwrap_or(field).to_owned()
}

pub(super) type FieldErrors = RwSignal<Vec<(String, &'static str)>>;

/// The server's 422 field list, by field; true if there was one.
pub(super) fn field_errors_of(error: &ApiError, errors: FieldErrors) -> bool {
    if let ApiError::Problem { problem, .. } = error {
        if problem.code == ProblemCode::Validation && !problem.errors.is_empty() {
            let named: Vec<_> = problem
                .errors
                .iter()
                .map(|e| (base_field(&e.field), agent_error_key(&e.code)))
                .collect();
            let _ = errors.try_set(named);
            return true;
        }
    }
    false
}

/// A field's error text, tied to it by id.
#[component]
pub(super) fn FieldErr(id: String, field: &'static str, errors: FieldErrors) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p id=id class="field-error">
            {move || {
                errors
                    .with(|e| e.iter().find(|(f, _)| f == field).map(|(_, k)| *k))
                    .map(|k| i18n.t(k))
            }}
        </p>
    }
}

/// What happened to an agent after a save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Saved,
    /// Someone else changed the agent first: the list is loaded again.
    Conflict,
    TrainingAdded,
}

/// The status, date and units of one agent.
#[component]
pub fn AgentEdit(
    agent: ChangeAgent,
    /// The project's scope: unit id and name.
    scope: Vec<(Uuid, String)>,
    on_done: Callback<Outcome>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let aid = agent.id;
    let version = agent.version;
    let prefix = format!("agent-{aid}");
    let status = RwSignal::new(agent.status);
    let on = RwSignal::new(today());
    let selected = RwSignal::new(agent.unit_ids.clone());
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    // Units the agent has outside the scope stay visible so they can be taken away.
    let mut choices = scope.clone();
    for u in &agent.unit_ids {
        if !choices.iter().any(|(id, _)| id == u) {
            choices.push((*u, u.to_string()));
        }
    }
    let in_scope: Vec<Uuid> = scope.iter().map(|(id, _)| *id).collect();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        errors.set(Vec::new());
        failure.set(None);
        let raw = on.get_untracked();
        let date = if raw.trim().is_empty() {
            None
        } else {
            match NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.set(vec![("on".into(), "form.invalid")]);
                    return;
                }
            }
        };
        let input = ChangeAgentUpdate {
            status: status.get_untracked(),
            on: date,
            unit_ids: selected.get_untracked(),
        };
        pending.set(true);
        leptos::task::spawn_local(async move {
            let result = api.update_change_agent(aid, version, &input).await;
            let _ = pending.try_set(false);
            match result {
                Ok(_) => on_done.run(Outcome::Saved),
                Err(e) if e.code() == Some(ProblemCode::PreconditionFailed) => {
                    on_done.run(Outcome::Conflict)
                }
                Err(e) => {
                    field_errors_of(&e, errors);
                    let _ = failure.try_set(Some(e));
                }
            }
        });
    };

    let status_id = format!("{prefix}-status");
    let status_err = format!("{prefix}-status-error");
    let on_id = format!("{prefix}-on");
    let on_err = format!("{prefix}-on-error");
    let units_err = format!("{prefix}-units-error");
    let units_err_ref = units_err.clone();
    let error_id = format!("{prefix}-error");
    let options = next_statuses(agent.status);
    let name = agent.user_name.clone();
    view! {
        <details class="agent-edit">
            <summary>{move || i18n.t("agents.edit")}</summary>
            <form
                on:submit=submit
                aria-label=move || i18n.tf("agents.edit_label", &[("name", &name)])
                novalidate
            >
                <div class="field">
                    <label for=status_id.clone()>{move || i18n.t("agents.status")}</label>
                    <select
                        id=status_id
                        aria-describedby=status_err.clone()
                        aria-invalid=move || {
                            errors.with(|e| e.iter().any(|(f, _)| f == "status")).then_some("true")
                        }
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(s) = AgentStatus::ALL.iter().find(|s| s.as_str() == v) {
                                status.set(*s);
                            }
                        }
                    >
                        {options
                            .into_iter()
                            .map(|s| {
                                view! {
                                    <option value=s.as_str() selected=move || status.get() == s>
                                        {move || i18n.t(status_key(s))}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <FieldErr id=status_err field="status" errors />
                </div>
                <div class="field">
                    <label for=on_id.clone()>{move || i18n.t("agents.on")}</label>
                    <input
                        id=on_id
                        type="date"
                        max=today()
                        aria-describedby=on_err.clone()
                        prop:value=move || on.get()
                        on:input=move |ev| on.set(event_target_value(&ev))
                    />
                    <FieldErr id=on_err field="on" errors />
                </div>
                <fieldset class="field net-choices" aria-describedby=units_err_ref>
                    <legend>{move || i18n.t("agents.units_legend")}</legend>
                    {choices
                        .into_iter()
                        .map(|(id, unit_name)| {
                            let input_id = format!("{prefix}-unit-{id}");
                            let label_for = input_id.clone();
                            let outside = !in_scope.contains(&id);
                            view! {
                                <div class="net-choice">
                                    <input
                                        type="checkbox"
                                        id=input_id
                                        prop:checked=move || selected.with(|s| s.contains(&id))
                                        on:change=move |ev| {
                                            let checked = event_target_checked(&ev);
                                            selected.update(|s| {
                                                s.retain(|x| *x != id);
                                                if checked {
                                                    s.push(id);
                                                }
                                            });
                                        }
                                    />
                                    <label for=label_for>
                                        {unit_name}
                                        {outside
                                            .then(|| {
                                                view! {
                                                    " "
                                                    <span class="unit-level">{move || i18n.t("agents.outside_scope")}</span>
                                                }
                                            })}
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()}
                    <FieldErr id=units_err.clone() field="unit_ids" errors />
                </fieldset>
                <div id=error_id class="form-error" role="alert" tabindex="-1">
                    {move || failure.get().map(|e| view! { <p>{e.message(i18n)}</p> })}
                </div>
                <button type="submit" class="primary" disabled=move || pending.get()>
                    {move || if pending.get() { i18n.t("form.saving") } else { i18n.t("agents.save") }}
                </button>
            </form>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agents_only_move_on_or_out() {
        assert_eq!(
            next_statuses(AgentStatus::Nominated),
            vec![
                AgentStatus::Nominated,
                AgentStatus::Recruited,
                AgentStatus::Trained,
                AgentStatus::Active,
                AgentStatus::Inactive
            ]
        );
        assert_eq!(
            next_statuses(AgentStatus::Active),
            vec![AgentStatus::Active, AgentStatus::Inactive]
        );
        assert_eq!(
            next_statuses(AgentStatus::Inactive),
            vec![AgentStatus::Inactive, AgentStatus::Active]
        );
    }

    #[test]
    fn hours_follow_the_language() {
        assert_eq!(hours_text(Lang::Nb, 1.5), "1,5");
        assert_eq!(hours_text(Lang::En, 2.0), "2");
        assert_eq!(
            agent_error_key("illegal_transition"),
            "agents.error_illegal_transition"
        );
        assert_eq!(base_field("unit_ids[0]"), "unit_ids");
    }
}
