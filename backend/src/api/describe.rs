//! Descriptions of the fields that mean the same on every object (`id`, `created_at`,
//! `version`, a page's `items` …), added where the type's own doc comment gives none. A
//! field whose meaning is its object's own is described on the type in `varig-types`.

use serde_json::{json, Map, Value};

/// "ChecklistItem" → "checklist item".
fn words(schema: &str) -> String {
    let mut out = String::new();
    for (i, c) in schema.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The object a page or list schema holds: "ChecklistItemPage" → "checklist item".
fn listed(schema: &str) -> String {
    let base = schema
        .strip_suffix("Page")
        .or_else(|| schema.strip_suffix("List"))
        .unwrap_or(schema);
    words(base)
}

/// A description for `prop` of `schema`, when the name says it all.
fn generic(schema: &str, prop: &str) -> Option<String> {
    let this = words(schema);
    let s = match prop {
        "id" => format!("The {this}'s id (a UUID)."),
        "items" if schema.ends_with("Page") => {
            format!("This page's {}s, in creation order.", listed(schema))
        }
        "items" => format!("The {}s.", listed(schema)),
        "next_cursor" => "Send as `cursor` for the next page; absent on the last page.".to_owned(),
        "version" => "The object's version; its ETag is this number in quotes.".to_owned(),
        "created_at" => format!("When the {this} was created (UTC)."),
        "updated_at" => format!("When the {this} was last changed (UTC)."),
        "archived_at" => format!("When the {this} was archived; absent while it is active."),
        "revoked_at" => format!("When the {this} was revoked; absent while it is valid."),
        "project_id" => "The project it belongs to.".to_owned(),
        "organisation_id" => "The organisation it belongs to.".to_owned(),
        "programme_id" => "The programme the project implements.".to_owned(),
        "series_id" => "The meeting series.".to_owned(),
        "unit_id" => "The unit (school, kindergarten, service …).".to_owned(),
        "unit_name" => "The unit's name.".to_owned(),
        "user_id" => "The person.".to_owned(),
        "user_name" => "The person's name.".to_owned(),
        "user_email" => "The person's e-mail address.".to_owned(),
        "responsible_id" => "The project member responsible; absent when nobody is.".to_owned(),
        "responsible_name" => "The responsible member's name.".to_owned(),
        "owner_id" => "The project member who owns it; absent when nobody does.".to_owned(),
        "owner_name" => "The owner's name.".to_owned(),
        "indicator_id" => "The indicator it is measured by.".to_owned(),
        "goal_id" => "The goal the indicator measures.".to_owned(),
        "parent_id" => format!("The {this} above this one; absent at the top."),
        "email" => "An e-mail address.".to_owned(),
        "org_role" => "The role in the organisation (admin or member).".to_owned(),
        "project_role" => "The role in the project.".to_owned(),
        "role" => "The role in the project.".to_owned(),
        "system_admin" => "Whether the person is a system administrator.".to_owned(),
        "phase" => "The phase (Prepare, Plan, Implement, Sustain).".to_owned(),
        "status" => format!("The {this}'s status."),
        "kind" => format!("What kind of {this} it is."),
        "level" => "The level.".to_owned(),
        "name" => format!("The {this}'s name."),
        "title" => format!("The {this}'s title."),
        "description" => format!("What the {this} is about (free text)."),
        "key" => "A stable key (lower-case letters, digits, `_`, `-`).".to_owned(),
        "date" => "The date (`YYYY-MM-DD`).".to_owned(),
        "due_date" => "When it is due (`YYYY-MM-DD`).".to_owned(),
        "start_date" => "The first day (`YYYY-MM-DD`).".to_owned(),
        "end_date" => "The last day, if there is one (`YYYY-MM-DD`).".to_owned(),
        "comment" => "A comment (free text).".to_owned(),
        "note" => "A note (free text).".to_owned(),
        "token" => "The one-time secret token.".to_owned(),
        "score" => "The score.".to_owned(),
        "value" => "The value.".to_owned(),
        "source" => "Where the value comes from (entered, or computed by Varig).".to_owned(),
        "domain" => "The domain it belongs to.".to_owned(),
        "category" => "The indicator's category.".to_owned(),
        "direction" => "Whether higher or lower values are better.".to_owned(),
        "baseline" => "The value before the change, if known.".to_owned(),
        "frequency" => "How often a value is due.".to_owned(),
        "unit" => "The unit of the values (%, count, days …).".to_owned(),
        "rag" => "Red, amber or green (or no data).".to_owned(),
        "trend" => {
            "The direction of the latest change, read in the indicator's direction.".to_owned()
        }
        "stage" => "The reaction stage.".to_owned(),
        "activity" => "What the change agent did.".to_owned(),
        "resistance" => "The kind of resistance: can't, won't or don't.".to_owned(),
        "strategy" => "The chosen strategy (free text).".to_owned(),
        "mitigation" => "How the risk is reduced (free text).".to_owned(),
        "influence" | "affected" => "Low, medium or high.".to_owned(),
        "attitude" => "The stakeholder's attitude to the change.".to_owned(),
        "measures" => "What is done about it (free text).".to_owned(),
        "successes" => "What went well (free text).".to_owned(),
        "support_needed" => "What support is needed (free text).".to_owned(),
        "decision" => "The owner's decision.".to_owned(),
        "recommendation" => "Support, against or abstain.".to_owned(),
        "target" => "The target.".to_owned(),
        "dimensions" => "The horizontal dimensions (e.g. sector, region).".to_owned(),
        "levels" => "The levels, top first.".to_owned(),
        "units_in_scope" => "Units in the project's scope.".to_owned(),
        "active_agents" => "Active change agents.".to_owned(),
        "covered_units" => "Units with at least one active change agent.".to_owned(),
        "unit_percent" => "Covered units as a share of the units in scope, in percent.".to_owned(),
        "unit_ids" => "The units.".to_owned(),
        "held_on_time" => "Meetings held within the tolerance of their planned date.".to_owned(),
        "share" => "Meetings held on time as a share of those expected (0–1); absent without any."
            .to_owned(),
        "open_actions" => "Actions not done yet.".to_owned(),
        "overdue_actions" => "Actions past their due date and not done.".to_owned(),
        "overdue" => "Whether it is past its due date and not done.".to_owned(),
        "at" => "When it happened (UTC).".to_owned(),
        "factor" => "The factor's key.".to_owned(),
        "weight" => "The weight.".to_owned(),
        "ratings" => "The ratings, one per factor.".to_owned(),
        "signals" => "The signals of the fade risk.".to_owned(),
        "respondents" => "How many members answered.".to_owned(),
        "domains" => "The result per domain.".to_owned(),
        "factors" => "The factors.".to_owned(),
        "result" => "The result so far; absent before anyone answered.".to_owned(),
        "opened_by" => "Who opened the round.".to_owned(),
        "closed_at" => "When the round was closed; absent while open.".to_owned(),
        "expires_at" => "When it expires (UTC).".to_owned(),
        "recorded_at" => "When the value was recorded (UTC).".to_owned(),
        "starts_at" => "When the meeting starts (UTC).".to_owned(),
        "ends_at" => "When the meeting ends (UTC).".to_owned(),
        "decisions" => "The decisions taken.".to_owned(),
        "recurrence" => "When the meetings recur.".to_owned(),
        _ => return None,
    };
    Some(s)
}

/// Fills in the descriptions `generic` knows, and one for each page or list schema.
pub fn apply(schemas: &mut Map<String, Value>) {
    for (name, schema) in schemas.iter_mut() {
        let Some(schema) = schema.as_object_mut() else {
            continue;
        };
        if !schema.contains_key("description") && (name.ends_with("Page") || name.ends_with("List"))
        {
            let what = listed(name);
            let text = if name.ends_with("Page") {
                format!("One page of {what}s in creation order; `next_cursor` leads to the next.")
            } else {
                format!("The {what}s.")
            };
            schema.insert("description".into(), text.into());
        }
        let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
            continue;
        };
        for (prop, p) in props.iter_mut() {
            if let Some(p) = p.as_object_mut() {
                if !p.contains_key("description") {
                    if let Some(text) = generic(name, prop) {
                        // A `$ref` takes no siblings in OpenAPI 3.0: the description goes
                        // beside a one-member `allOf`.
                        if let Some(r) = p.remove("$ref") {
                            p.insert("allOf".into(), Value::Array(vec![json!({ "$ref": r })]));
                        }
                        p.insert("description".into(), text.into());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_names_read_as_words() {
        assert_eq!(words("ChecklistItem"), "checklist item");
        assert_eq!(listed("MeetingActionList"), "meeting action");
        assert_eq!(listed("ApiTokenPage"), "api token");
    }
}
