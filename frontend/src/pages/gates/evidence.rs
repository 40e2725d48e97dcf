//! The evidence frozen with a transition request: the checklist of the phase and its
//! completion, the phase's milestones and the latest readiness result. Requests made before
//! the plan existed have none of it; each part is read on its own and left out if absent.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use varig_types::{ChecklistItem, Milestone, Phase, PhaseCompletion, ReadinessResult};

use crate::i18n::use_i18n;
use crate::pages::plan::checklist::{completion_text, status_key};
use crate::pages::plan::readiness::RoundResult;
use crate::ui::{format_date, local, person, DateStyle};

/// What a request's `evidence` says about the plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    pub checklist: Vec<ChecklistItem>,
    pub completion: Vec<PhaseCompletion>,
    pub milestones: Vec<Milestone>,
    pub readiness: Option<ReadinessResult>,
    pub readiness_title: Option<String>,
}

fn part<T: DeserializeOwned>(evidence: &serde_json::Value, key: &str) -> Option<T> {
    evidence
        .get(key)
        .filter(|v| !v.is_null())
        .and_then(|v| serde_json::from_value(v.clone()).ok())
}

impl Evidence {
    pub fn read(evidence: &serde_json::Value) -> Self {
        Evidence {
            checklist: part(evidence, "checklist").unwrap_or_default(),
            completion: part(evidence, "completion").unwrap_or_default(),
            milestones: part(evidence, "milestones").unwrap_or_default(),
            readiness: part(evidence, "readiness"),
            readiness_title: part(evidence, "readiness_title"),
        }
    }

    /// Whether the request carries any plan evidence at all (older ones do not).
    pub fn is_empty(&self) -> bool {
        self.checklist.is_empty()
            && self.completion.is_empty()
            && self.milestones.is_empty()
            && self.readiness.is_none()
    }
}

/// The evidence of a request made in `phase`. `headings`: h4 headings (in the open
/// request) or plain labels (inside a collapsed history entry).
#[component]
pub fn EvidenceView(evidence: Evidence, phase: Phase, headings: bool) -> impl IntoView {
    let i18n = use_i18n();
    let title = move |key: &'static str| {
        if headings {
            view! { <h4>{move || i18n.t(key)}</h4> }.into_any()
        } else {
            view! { <p class="evidence-label">{move || i18n.t(key)}</p> }.into_any()
        }
    };
    let completion = evidence
        .completion
        .iter()
        .find(|c| c.phase == phase)
        .cloned();
    let items = evidence.checklist;
    let n_items = items.len();
    let milestones = evidence.milestones;
    let no_milestones = milestones.is_empty();
    let readiness = evidence.readiness;
    let readiness_title = evidence.readiness_title;

    view! {
        <div class="evidence">
            {title("evidence.checklist_heading")}
            <p class="evidence-completion">
                {move || match &completion {
                    Some(c) => i18n.tf("evidence.completion", &[("phase", &i18n.phase(phase)), ("completion", &completion_text(i18n, c))]),
                    None => i18n.t("evidence.no_checklist"),
                }}
            </p>
            {(n_items > 0)
                .then(|| {
                    view! {
                        <details class="evidence-items">
                            <summary>{move || i18n.tf("evidence.show_items", &[("n", &n_items.to_string())])}</summary>
                            <ul>
                                {items
                                    .into_iter()
                                    .map(|item| {
                                        let status = item.status;
                                        let text = item.title.clone();
                                        let who = item.responsible_name.clone();
                                        let evidence = (!item.evidence.trim().is_empty()).then_some(item.evidence);
                                        let reason = item.not_relevant_reason.filter(|r| !r.trim().is_empty());
                                        let links = item.evidence_links;
                                        view! {
                                            <li>
                                                <span class="item-title">{move || local(i18n, &text)}</span>
                                                <span class=format!("status-badge status-{}", status.as_str())>
                                                    {move || i18n.t(status_key(status))}
                                                </span>
                                                <span class="item-responsible">
                                                    {move || i18n.tf("checklist.responsible_shown", &[("name", &person(i18n, who.as_deref()))])}
                                                </span>
                                                {reason.map(|r| view! { <span class="item-reason">{move || i18n.tf("checklist.reason_shown", &[("reason", &r)])}</span> })}
                                                {evidence.map(|e| view! { <span class="item-evidence">{move || i18n.tf("checklist.evidence_shown", &[("evidence", &e)])}</span> })}
                                                {links
                                                    .into_iter()
                                                    .map(|l| {
                                                        let href = l.clone();
                                                        view! { <a class="item-link" href=href rel="noopener noreferrer" target="_blank">{l}</a> }
                                                    })
                                                    .collect_view()}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </details>
                    }
                })}
            {title("evidence.milestones_heading")}
            {no_milestones.then(|| view! { <p class="empty">{move || i18n.t("evidence.no_milestones")}</p> })}
            <ul class="evidence-milestones">
                {milestones
                    .into_iter()
                    .map(|m| {
                        let due = m.due_date;
                        let overdue = m.overdue;
                        let status = m.status;
                        view! {
                            <li>
                                <span class="item-title">{m.title}</span>
                                <span class="due">{move || i18n.tf("milestones.due_shown", &[("date", &format_date(i18n.lang(), due, DateStyle::Medium))])}</span>
                                <span class=format!("status-badge status-{}", status.as_str())>
                                    {move || i18n.t(crate::pages::plan::milestones::status_key(status))}
                                </span>
                                {overdue.then(|| view! { <span class="badge badge-overdue">{move || i18n.t("milestones.overdue")}</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {title("evidence.readiness_heading")}
            {match readiness {
                Some(result) => {
                    view! {
                        {readiness_title.map(|t| view! { <p class="round-title">{t}</p> })}
                        <RoundResult result level=if headings { 5 } else { 0 } />
                    }
                        .into_any()
                }
                None => view! { <p class="empty">{move || i18n.t("evidence.no_readiness")}</p> }.into_any(),
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_requests_without_plan_evidence_read_as_empty() {
        let old = serde_json::json!({"project": {"name": "BTI"}, "members": []});
        assert!(Evidence::read(&old).is_empty());
        assert!(Evidence::read(&serde_json::Value::Null).is_empty());
    }

    #[test]
    fn each_part_is_read_on_its_own() {
        let evidence = serde_json::json!({
            "checklist": "not a list",
            "completion": [{"phase": "prepare", "total": 5, "done": 2, "in_progress": 1,
                            "not_relevant": 0, "percent": 40}],
            "milestones": [],
            "readiness": {"respondents": 2, "domains": [
                {"domain": "change_commitment", "mean": 4.25, "spread": 0.35, "min": 4.0,
                 "max": 4.5, "answers": 10}]},
        });
        let e = Evidence::read(&evidence);
        assert!(e.checklist.is_empty());
        assert_eq!(e.completion.len(), 1);
        assert_eq!(e.completion[0].percent, 40);
        assert_eq!(e.readiness.as_ref().map(|r| r.respondents), Some(2));
        assert!(!e.is_empty());
    }
}
