//! Which recorded change is which event: a pure mapping from the audit log's actions.

use serde_json::{Map, Value};
use varig_types::WebhookEventType as T;

use super::NewEvent;
use crate::audit::Change;

fn object(v: &Option<Value>) -> Option<&Map<String, Value>> {
    v.as_ref().and_then(Value::as_object)
}

fn text<'a>(m: Option<&'a Map<String, Value>>, key: &str) -> Option<&'a str> {
    m.and_then(|m| m.get(key)).and_then(Value::as_str)
}

/// The events `change` stands for. `project_id` names the project when the object itself
/// does not (a measurement); otherwise it is the object's `project_id`, or its id for a
/// project.
pub fn events_of_change(change: &Change<'_>, project_id: Option<&str>) -> Vec<NewEvent> {
    let Some(org) = change.organisation_id.as_deref() else {
        return vec![];
    };
    let before = object(&change.before);
    let after = object(&change.after);
    let mut types = Vec::new();
    match change.action {
        "gate.request" => types.push(T::GateRequested),
        "gate.recommend" => types.push(T::GateRecommended),
        "gate.decide" => types.push(T::GateDecided),
        "gate.withdraw" => types.push(T::GateWithdrawn),
        "project.phase_change" if text(before, "phase") != text(after, "phase") => {
            types.push(T::ProjectPhaseChanged)
        }
        "measurement.create" => types.push(T::MeasurementRecorded),
        "measurement.correct" => types.push(T::MeasurementCorrected),
        "membership.create" => types.push(T::MemberAdded),
        "membership.update" if text(before, "role") != text(after, "role") => {
            types.push(T::MemberRoleChanged)
        }
        "membership.archive" => types.push(T::MemberRemoved),
        "meeting.record" => {
            let status = text(after, "status");
            if status != text(before, "status") {
                match status {
                    Some("held" | "moved") => types.push(T::MeetingHeld),
                    Some("cancelled") => types.push(T::MeetingMissed),
                    _ => {}
                }
            }
            let published = text(after, "minutes_published_at");
            if published.is_some() && published != text(before, "minutes_published_at") {
                types.push(T::MinutesPublished);
            }
        }
        "meeting_action.create" | "meeting_action.update" => {
            let to = text(after, "responsible_id");
            if to.is_some() && to != text(before, "responsible_id") {
                types.push(T::ActionAssigned);
            }
        }
        _ => {}
    }
    if types.is_empty() {
        return vec![];
    }
    // A removal shows the object as it was; everything else as it is now.
    let data = match (after, before) {
        (Some(a), _) if change.action != "membership.archive" => a.clone(),
        (_, Some(b)) => b.clone(),
        (Some(a), None) => a.clone(),
        (None, None) => Map::new(),
    };
    let project = project_id
        .map(str::to_owned)
        .or_else(|| text(Some(&data), "project_id").map(str::to_owned))
        .or_else(|| {
            (change.entity_type == "project")
                .then(|| change.entity_id.clone())
                .flatten()
        });
    types
        .into_iter()
        .map(|event_type| NewEvent {
            event_type,
            organisation_id: org.to_owned(),
            project_id: project.clone(),
            data: data.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn change<'a>(action: &'a str, before: Option<Value>, after: Option<Value>) -> Change<'a> {
        Change {
            organisation_id: Some("org".into()),
            action,
            entity_type: "x",
            entity_id: Some("id".into()),
            before,
            after,
        }
    }

    fn types(c: &Change<'_>) -> Vec<T> {
        events_of_change(c, None)
            .into_iter()
            .map(|e| e.event_type)
            .collect()
    }

    #[test]
    fn a_decided_gate_is_one_event_about_the_request_and_its_project() {
        let c = change(
            "gate.decide",
            None,
            Some(json!({"id": "g", "project_id": "p", "status": "decided"})),
        );
        let events = events_of_change(&c, None);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].event_type, T::GateDecided);
        assert_eq!(events[0].project_id.as_deref(), Some("p"));
        assert_eq!(events[0].data["status"], "decided");
    }

    #[test]
    fn a_meeting_recorded_held_with_minutes_is_two_events_and_again_unchanged_is_none() {
        let before = json!({"project_id": "p", "status": "planned"});
        let after = json!({"project_id": "p", "status": "held", "minutes_published_at": "2026-12-01T10:00:00Z"});
        assert_eq!(
            types(&change("meeting.record", Some(before), Some(after.clone()))),
            vec![T::MeetingHeld, T::MinutesPublished]
        );
        assert!(types(&change("meeting.record", Some(after.clone()), Some(after))).is_empty());
        let cancelled = json!({"project_id": "p", "status": "cancelled"});
        assert_eq!(
            types(&change("meeting.record", None, Some(cancelled))),
            vec![T::MeetingMissed]
        );
    }

    #[test]
    fn a_removed_member_is_sent_as_they_were_and_a_role_change_only_when_the_role_changed() {
        let was = json!({"project_id": "p", "role": "leader", "archived_at": null});
        let now =
            json!({"project_id": "p", "role": "leader", "archived_at": "2026-12-01T10:00:00Z"});
        let e = events_of_change(
            &change("membership.archive", Some(was.clone()), Some(now)),
            None,
        );
        assert_eq!(e[0].event_type, T::MemberRemoved);
        assert_eq!(e[0].data.get("archived_at"), Some(&Value::Null));
        assert!(types(&change("membership.update", Some(was.clone()), Some(was))).is_empty());
    }

    #[test]
    fn an_action_is_assigned_when_it_gets_a_person_or_another_one() {
        let none = json!({"project_id": "p"});
        let anna = json!({"project_id": "p", "responsible_id": "anna"});
        let ola = json!({"project_id": "p", "responsible_id": "ola"});
        assert!(types(&change("meeting_action.create", None, Some(none.clone()))).is_empty());
        assert_eq!(
            types(&change(
                "meeting_action.update",
                Some(none),
                Some(anna.clone())
            )),
            vec![T::ActionAssigned]
        );
        assert!(types(&change(
            "meeting_action.update",
            Some(anna.clone()),
            Some(anna.clone())
        ))
        .is_empty());
        assert_eq!(
            types(&change("meeting_action.update", Some(anna), Some(ola))),
            vec![T::ActionAssigned]
        );
    }

    #[test]
    fn changes_that_are_no_event_and_changes_without_an_organisation_emit_nothing() {
        assert!(types(&change("programme.update", None, Some(json!({})))).is_empty());
        let mut c = change("gate.decide", None, Some(json!({"project_id": "p"})));
        c.organisation_id = None;
        assert!(types(&c).is_empty());
    }

    #[test]
    fn a_measurement_names_its_project_from_the_caller() {
        let c = change("measurement.create", None, Some(json!({"id": "m"})));
        let e = events_of_change(&c, Some("p"));
        assert_eq!(e[0].event_type, T::MeasurementRecorded);
        assert_eq!(e[0].project_id.as_deref(), Some("p"));
    }
}
