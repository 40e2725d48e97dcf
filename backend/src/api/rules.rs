//! The input rules the server enforces (`crate::domain` and the checks of each area), as
//! JSON Schema on the fields they guard: a client (or a fuzzer) that keeps to the schema is
//! never refused for the shape of its data. The rules stay in the code that enforces them
//! (and answers 422 naming the field); this table only states them, from the same
//! constants. Schemathesis' `positive_data_acceptance` (tests/contract/run.sh) finds a rule
//! missing here.
//!
//! Rules that join two fields (a kind of resistance exactly when the stage is resistance,
//! a reason when the decision is reject) or depend on the clock or on stored objects are
//! described on the field and listed in tests/contract/schemathesis.toml.

use serde_json::{json, Map, Value};

use crate::auth::password::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
use crate::domain::{MAX_DESCRIPTION_CHARS, MAX_LINKS, MAX_LINK_CHARS, MAX_NAME_CHARS};

/// Control characters (Rust's `char::is_control`: C0, DEL and C1).
const CONTROL: &str = r"\u0000-\u001f\u007f-\u009f";
/// Characters that show nothing (`domain::is_invisible`) and white space: a name needs one
/// character outside these.
const BLANK: &str = r"\s\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0";

#[derive(Clone, Copy)]
enum Rule {
    /// `domain::name`: something visible, at most 200 characters, no control characters.
    Name,
    /// `domain::description`: at most 5000 characters; line breaks and tabs allowed.
    Text,
    /// `domain::required_text`: a description that is not blank.
    RequiredText,
    /// Text of 1–`n` characters with something visible.
    Short(u64),
    /// At most `n` characters, none of them a control character; may be empty.
    Line(u64),
    /// `domain::email`.
    Email,
    /// `domain::password` (a new password is also judged by zxcvbn, which no schema says).
    Password,
    /// `domain::links`.
    Links,
    /// A whole number or a number within a range.
    Range(f64, f64),
    /// At most `n` items.
    MaxItems(u64),
    /// 1–`n` items.
    Items(u64),
    /// A key: 1–40 lower-case letters, digits, `_` or `-`.
    Key,
    /// A local time `HH:MM`.
    Time,
    /// A webhook address (`webhooks::rules::parse_target`): `http(s)://host…`, no user or
    /// password, at most 2000 characters. Whether it resolves to an address Varig may call
    /// depends on the DNS, not on the shape (a 422 listed in schemathesis.toml).
    Url,
}

use Rule::*;

/// (schema, property, rule). Array properties of strings take the rule for their items
/// where the rule is about text.
const FIELDS: &[(&str, &str, Rule)] = &[
    ("AcceptInvitation", "name", Name),
    ("AcceptInvitation", "password", Password),
    ("AgendaItem", "title", Name),
    ("AgendaItem", "minutes", Text),
    ("BarrierInput", "description", RequiredText),
    ("BarrierInput", "strength", Range(1.0, 5.0)),
    ("BarrierInput", "strategy", Text),
    ("ChangePasswordRequest", "new_password", Password),
    ("ChecklistItemUpdate", "title", Name),
    ("ChecklistItemUpdate", "evidence", Text),
    ("ChecklistItemUpdate", "evidence_links", Links),
    ("ChecklistItemUpdate", "not_relevant_reason", Text),
    ("Dimension", "key", Key),
    ("Dimension", "name", Name),
    ("Dimension", "values", Items(200)),
    ("DimensionValue", "key", Key),
    ("DimensionValue", "name", Name),
    ("FadeSettings", "medium_from", Range(0.0, 100.0)),
    ("FadeSettings", "high_from", Range(0.0, 100.0)),
    ("FadeSignalSetting", "weight", Range(0.0, 100.0)),
    ("FadeSignalSetting", "threshold", Range(0.0, 100.0)),
    ("GateDecisionInput", "reason", Text),
    ("GoalInput", "title", Name),
    ("GoalInput", "description", Text),
    ("IndicatorInput", "name", Name),
    ("IndicatorInput", "description", Text),
    ("IndicatorInput", "unit", Line(40)),
    ("LoginRequest", "email", Email),
    ("MeasurementCorrection", "comment", Text),
    ("MeasurementInput", "comment", Text),
    ("MeetingActionInput", "title", Name),
    ("MeetingRecord", "cancel_reason", Text),
    ("MeetingRecord", "decisions", MaxItems(100)),
    ("MeetingSeriesInput", "title", Name),
    ("MeetingSeriesInput", "time_of_day", Time),
    ("MeetingSeriesInput", "duration_minutes", Range(5.0, 600.0)),
    ("MilestoneInput", "title", Name),
    ("NewWebhookSubscription", "url", Url),
    ("NewWebhookSubscription", "description", Line(200)),
    ("WebhookSubscriptionPatch", "url", Url),
    ("WebhookSubscriptionPatch", "description", Line(200)),
    ("MilestoneInput", "description", Text),
    (
        "NetworkSettingsInput",
        "silent_after_weeks",
        Range(1.0, 52.0),
    ),
    ("NewApiToken", "name", Name),
    ("NewChecklistItem", "title", Name),
    ("NewFieldReport", "people_reached", Range(0.0, 100_000.0)),
    ("NewFieldReport", "successes", Text),
    ("NewFieldReport", "support_needed", Text),
    ("NewGateRequest", "summary", RequiredText),
    ("NewInvitation", "email", Email),
    ("NewOrganisation", "name", Name),
    ("NewProgramme", "name", Name),
    ("NewProgramme", "description", Text),
    ("NewProject", "name", Name),
    ("NewProject", "description", Text),
    ("NewReadinessAssessment", "title", Name),
    ("NewRecommendation", "comment", Text),
    ("NewSustainabilityAssessment", "title", Name),
    ("OrgStructureInput", "levels", Items(10)),
    ("OrgStructureInput", "dimensions", MaxItems(10)),
    ("OrganisationPatch", "name", Name),
    ("ProgrammePatch", "name", Name),
    ("ProgrammePatch", "description", Text),
    ("ProjectPatch", "name", Name),
    ("ProjectPatch", "description", Text),
    ("ReadinessAnswer", "score", Range(1.0, 5.0)),
    ("Recurrence", "interval", Range(1.0, 12.0)),
    ("Recurrence", "day_of_month", Range(1.0, 31.0)),
    ("Recurrence", "nth", Range(-1.0, 4.0)),
    ("Recurrence", "per_year_min", Range(1.0, 366.0)),
    ("Recurrence", "per_year_max", Range(1.0, 366.0)),
    ("ReportBarrier", "text", Short(1000)),
    ("RiskInput", "title", Name),
    ("RiskInput", "description", Text),
    ("RiskInput", "probability", Range(1.0, 5.0)),
    ("RiskInput", "consequence", Range(1.0, 5.0)),
    ("RiskInput", "mitigation", Text),
    ("StakeholderInput", "name", Name),
    ("StakeholderInput", "measures", Text),
    ("StructureLevel", "key", Key),
    ("StructureLevel", "name", Name),
    ("SustainabilityRating", "score", Range(1.0, 4.0)),
    ("TrainingRecordInput", "given_by", Name),
    ("TrainingRecordInput", "note", Text),
    ("TrainingRecordInput", "hours", Range(0.25, 100.0)),
    ("UnitInput", "name", Name),
    ("UserPatch", "name", Name),
];

/// Text items of these arrays follow a rule of their own: (schema, property, item rule).
const ITEMS: &[(&str, &str, Rule)] = &[("MeetingRecord", "decisions", RequiredText)];

fn visible_text(max: u64, example: &str) -> Value {
    json!({
        "minLength": 1,
        "maxLength": max,
        "pattern": format!("^[^{CONTROL}]*[^{BLANK}{CONTROL}][^{CONTROL}]*$"),
        "example": example,
    })
}

fn schema_of(rule: Rule) -> Value {
    // Free text may hold tabs and line breaks (\t \n \r), no other control character.
    let text_chars = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f";
    match rule {
        Name => visible_text(MAX_NAME_CHARS as u64, "BTI i Nordby skole"),
        Short(n) => visible_text(n, "Lite tid til opplæring"),
        Line(n) => json!({ "maxLength": n, "pattern": format!("^[^{CONTROL}]*$"), "example": "%" }),
        Text => json!({
            "maxLength": MAX_DESCRIPTION_CHARS,
            "pattern": format!("^[^{text_chars}]*$"),
            "example": "Avklart med rektor.\nNeste steg i planen.",
        }),
        RequiredText => json!({
            "minLength": 1,
            "maxLength": MAX_DESCRIPTION_CHARS,
            "pattern": format!("^[^{text_chars}]*[^\\s{text_chars}][^{text_chars}]*$"),
            "example": "Sjekklisten for fasen er gjennomgått og styringsgruppen er orientert.",
        }),
        // ASCII, so that the server's byte lengths (254 in all, 64 before the `@`) are
        // the schema's character lengths.
        Email => json!({
            "maxLength": 254,
            "pattern": r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$",
            "example": "kari.nordmann@kommune.no",
        }),
        Password => json!({
            "minLength": MIN_PASSWORD_CHARS,
            "maxLength": MAX_PASSWORD_CHARS,
        }),
        Links => json!({
            "maxItems": MAX_LINKS,
            "items": {
                "type": "string",
                "maxLength": MAX_LINK_CHARS,
                "pattern": format!(r"^[hH][tT][tT][pP][sS]?://[^\s/{CONTROL}][^\s{CONTROL}]*$"),
                "example": "https://nordby.kommune.no/bti/plan.pdf",
            },
        }),
        Range(min, max) => json!({ "minimum": min, "maximum": max }),
        MaxItems(n) => json!({ "maxItems": n }),
        Items(n) => json!({ "minItems": 1, "maxItems": n }),
        Key => json!({
            "minLength": 1,
            "maxLength": 40,
            "pattern": "^[a-z0-9_-]+$",
            "example": "oppvekst",
        }),
        Time => json!({ "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "example": "09:00" }),
        Url => json!({
            "minLength": 1,
            "maxLength": 2000,
            "pattern": r"^https?://[A-Za-z0-9.\[\]:-]+(:[0-9]{1,5})?(/[^\s]*)?$",
            "example": "https://sak.kommune.no/varig",
        }),
    }
}

/// Adds each rule to its property in `schemas` (`components.schemas`).
pub fn apply(schemas: &mut Map<String, Value>) {
    for (schema, prop, rule) in FIELDS {
        if let Some(Value::Object(p)) = schemas
            .get_mut(*schema)
            .and_then(|s| s.pointer_mut(&format!("/properties/{prop}")))
        {
            merge(p, schema_of(*rule));
        }
    }
    for (schema, prop, rule) in ITEMS {
        if let Some(Value::Object(items)) = schemas
            .get_mut(*schema)
            .and_then(|s| s.pointer_mut(&format!("/properties/{prop}/items")))
        {
            merge(items, schema_of(*rule));
        }
    }
}

/// Adds `add` to a property's schema. A bound never loosens one already there (a
/// poem-openapi validator refuses with 400 before the domain rule is reached, so the
/// stricter one is the rule); integer properties keep integral bounds (`1`, not `1.0`).
pub(super) fn merge(target: &mut Map<String, Value>, add: Value) {
    let integer = target.get("type").and_then(Value::as_str) == Some("integer");
    for (k, v) in add.as_object().into_iter().flatten() {
        let v = match v.as_f64() {
            Some(f) if integer && (k == "minimum" || k == "maximum") => json!(f as i64),
            _ => v.clone(),
        };
        let old = target.get(k).and_then(Value::as_f64);
        let keep_old = match (k.as_str(), old, v.as_f64()) {
            ("maximum" | "maxLength" | "maxItems", Some(o), Some(n)) => o < n,
            ("minimum" | "minLength" | "minItems", Some(o), Some(n)) => o > n,
            _ => false,
        };
        if !keep_old {
            target.insert(k.clone(), v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_names_a_property_of_the_spec() {
        let raw = super::super::service(crate::state::AppState::spec_only()).spec();
        let doc: Value = serde_json::from_str(&raw).unwrap();
        for (schema, prop, _) in FIELDS.iter().chain(ITEMS) {
            assert!(
                doc["components"]["schemas"][schema]["properties"][prop].is_object(),
                "{schema}.{prop} is not in the spec"
            );
        }
    }

    #[test]
    fn a_stricter_bound_already_there_stays() {
        let mut p = json!({"type": "array", "maxItems": 100})
            .as_object()
            .unwrap()
            .clone();
        merge(&mut p, schema_of(Items(200)));
        assert_eq!(
            Value::Object(p),
            json!({"type": "array", "minItems": 1, "maxItems": 100})
        );
    }

    #[test]
    fn integer_bounds_stay_integers() {
        let mut p = json!({"type": "integer"}).as_object().unwrap().clone();
        merge(&mut p, schema_of(Range(1.0, 5.0)));
        assert_eq!(
            Value::Object(p),
            json!({"type": "integer", "minimum": 1, "maximum": 5})
        );
    }
}
