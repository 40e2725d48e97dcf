//! The contract as clients and their code generators read it. poem-openapi writes the
//! document from the code; `finish` then states what the derive cannot:
//!
//! - an enum field with a description is `{"allOf": [{"$ref": …}], "description": …}`
//!   (poem writes a second `allOf` member holding only the description, which generators
//!   reject as an object without properties);
//! - dates are `format: date`, and every integer carries the bounds of its Rust type;
//! - each operation lists the error statuses it can answer (`errors_of`), not every status
//!   `ApiError` has; response headers are spelled as in the RFCs and described;
//! - `If-Match` is required wherever its absence is a 428, `limit` is bounded, and every
//!   parameter is described;
//! - the input rules of `crate::domain` appear on the fields they guard (`rules`);
//! - `servers` names an absolute base: the served document this server's own
//!   `VARIG_PUBLIC_URL`, the exported file the address `./varig run` listens on.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use super::{describe, rules};
use crate::ids::{DEFAULT_LIMIT, MAX_LIMIT};

/// The base the exported `openapi/openapi.json` names: `./varig run`'s address.
pub const EXPORTED_BASE: &str = "http://127.0.0.1:8080";

/// poem-openapi's document, finished; `base` is the public address (no `/api`), `served`
/// says whether it is the document a running server serves.
pub fn finish(raw: &str, base: &str, served: bool) -> String {
    let mut doc: Value = serde_json::from_str(raw).unwrap_or_default();
    single_ref_all_of(&mut doc);
    formats(&mut doc);
    operations(&mut doc);
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        rules::apply(schemas);
        describe::apply(schemas);
        frozen_objects(schemas);
    }
    let description = if served {
        "This server (its `VARIG_PUBLIC_URL`)."
    } else {
        "The address of `./varig run`; a running server's own `/api/openapi.json` names the \
         address it is reached at (`VARIG_PUBLIC_URL`)."
    };
    doc["servers"] = json!([{
        "url": format!("{}{}", base.trim_end_matches('/'), super::API_PREFIX),
        "description": description,
    }]);
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// Fields the code holds as JSON get the schema of what they hold: a gate request's
/// evidence (a snapshot, so each part may be missing from an older one) and the audit log's
/// `before`/`after` (the changed object as its API type, which varies with `entity_type`).
fn frozen_objects(schemas: &mut Map<String, Value>) {
    let r = |name: &str| json!({ "$ref": format!("#/components/schemas/{name}") });
    if let Some(Value::Object(evidence)) = schemas
        .get_mut("GateRequest")
        .and_then(|g| g.pointer_mut("/properties/evidence"))
    {
        evidence.insert("type".into(), "object".into());
        evidence.insert(
            "properties".into(),
            json!({
                "project": { "allOf": [r("Project")], "description": "The project when the request was made." },
                "members": { "description": "The project's members then.", "type": "array", "items": r("Membership") },
                "checklist": { "description": "The current phase's checklist items.", "type": "array", "items": r("ChecklistItem") },
                "completion": { "description": "The completion of every phase.", "type": "array", "items": r("PhaseCompletion") },
                "milestones": { "description": "The current phase's milestones.", "type": "array", "items": r("Milestone") },
                "readiness": { "allOf": [r("ReadinessResult")], "description": "The latest readiness result; null without one.", "nullable": true },
                "readiness_title": { "type": "string", "description": "The title of that readiness round.", "nullable": true },
            }),
        );
    }
    if let Some(Value::Object(props)) = schemas
        .get_mut("AuditEntry")
        .and_then(|a| a.pointer_mut("/properties"))
    {
        for key in ["before", "after"] {
            if let Some(Value::Object(p)) = props.get_mut(key) {
                p.insert("type".into(), "object".into());
                p.insert("additionalProperties".into(), true.into());
            }
        }
    }
}

/// `allOf: [{$ref}, {description, default…}]` → `allOf: [{$ref}]` with the rest beside it.
fn single_ref_all_of(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Array(all)) = map.get_mut("allOf") {
                if all.len() == 2 && all[0].get("$ref").is_some() && all[1].get("$ref").is_none() {
                    if let Some(Value::Object(extra)) = all.pop() {
                        for (k, val) in extra {
                            map.entry(k).or_insert(val);
                        }
                    }
                }
            }
            for val in map.values_mut() {
                single_ref_all_of(val);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(single_ref_all_of),
        _ => {}
    }
}

/// Standard formats, and the bounds of each integer's Rust type.
fn formats(v: &mut Value) {
    match v {
        Value::Object(map) => {
            let bounds: Option<(Value, Value)> = match map.get("format").and_then(Value::as_str) {
                Some("int32") => Some((i32::MIN.into(), i32::MAX.into())),
                Some("int64") => Some((i64::MIN.into(), i64::MAX.into())),
                Some("uint16") => Some((0.into(), u16::MAX.into())),
                Some("uint32") => Some((0.into(), u32::MAX.into())),
                Some("uint64") => Some((0.into(), u64::MAX.into())),
                _ => None,
            };
            // poem-openapi writes a validator's bounds as floats (`50.0`): an integer's are
            // integers.
            if map.get("type").and_then(Value::as_str) == Some("integer") {
                for key in ["minimum", "maximum"] {
                    if let Some(f) = map.get(key).and_then(Value::as_f64) {
                        if f.fract() == 0.0 && map.get(key).is_some_and(Value::is_f64) {
                            map.insert(key.into(), json!(f as i64));
                        }
                    }
                }
            }
            if let Some((min, max)) = bounds {
                map.entry("minimum").or_insert(min);
                map.entry("maximum").or_insert(max);
            }
            match map.get("format").and_then(Value::as_str) {
                Some("naive-date") => {
                    map.insert("format".into(), "date".into());
                }
                Some("naive-date-time") => {
                    map.insert("format".into(), "date-time".into());
                }
                _ => {}
            }
            map.values_mut().for_each(formats);
        }
        Value::Array(items) => items.iter_mut().for_each(formats),
        _ => {}
    }
}

fn operations(doc: &mut Value) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, op) in item.iter_mut() {
            parameters(method, path, op);
            let keep = errors_of(method, path, op);
            if let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) {
                responses.retain(|status, _| {
                    !(status.starts_with('4') || status.starts_with('5'))
                        || status.parse().is_ok_and(|s: u16| keep.contains(&s))
                });
                for resp in responses.values_mut() {
                    response_headers(resp);
                }
            }
        }
    }
}

/// The resource a path's `{id}` names, in words: `/v1/gate-requests/{id}/…` → "gate request".
fn resource_of(path: &str) -> String {
    let segs: Vec<&str> = path.split('/').collect();
    let at = segs.iter().position(|s| *s == "{id}").unwrap_or(0);
    let noun = segs.get(at.wrapping_sub(1)).copied().unwrap_or("object");
    let singular = match noun {
        n if n.ends_with("series") => n,
        n if n.ends_with("ies") => return n.trim_end_matches("ies").replace('-', " ") + "y",
        n => n.strip_suffix('s').unwrap_or(n),
    };
    singular.replace('-', " ")
}

fn parameters(method: &str, path: &str, op: &mut Value) {
    let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) else {
        return;
    };
    for p in params {
        let Some(p) = p.as_object_mut() else { continue };
        let name = p
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let location = p.get("in").and_then(Value::as_str).unwrap_or("").to_owned();
        let fallback = match (location.as_str(), name.as_str()) {
            ("path", "id") => format!("The id of the {}.", resource_of(path)),
            ("path", "date") => {
                "The meeting's planned date in the series (as the schedule lists it), \
                 `YYYY-MM-DD`."
                    .to_owned()
            }
            ("path", "token") => {
                "The secret of the calendar feed, as in the URL `create_calendar_feed` returned."
                    .to_owned()
            }
            ("header", "If-Match") => {
                if method == "delete" {
                    "The ETag from your last read of the object; when sent, the object is deleted \
                     only if it is unchanged (412 otherwise)."
                        .to_owned()
                } else {
                    "The ETag from your last read of the object (`*` for any version): 428 \
                     without it, 412 when someone changed the object since."
                        .to_owned()
                }
            }
            ("query", "from") => "Only from this date on (inclusive), `YYYY-MM-DD`.".to_owned(),
            ("query", "to") => "Only up to this date (inclusive), `YYYY-MM-DD`.".to_owned(),
            ("query", "activity") => "Only reports of this activity.".to_owned(),
            ("query", "stage") => "Only reports with this reaction stage.".to_owned(),
            _ => String::new(),
        };
        if !fallback.is_empty() && p.get("description").is_none() {
            p.insert("description".into(), fallback.into());
        }
        if location == "header" && name == "If-Match" && method != "delete" {
            p.insert("required".into(), true.into());
        }
        if location == "query" && name == "limit" {
            if let Some(schema) = p.get_mut("schema").and_then(Value::as_object_mut) {
                // 1–200 (`ids::page_request`), or less where the operation says so.
                let max = schema
                    .get("maximum")
                    .and_then(Value::as_f64)
                    .map_or(u64::from(MAX_LIMIT), |m| (m as u64).min(MAX_LIMIT.into()));
                schema.insert("minimum".into(), 1.into());
                schema.insert("maximum".into(), max.into());
                if max == u64::from(MAX_LIMIT) {
                    schema.entry("default").or_insert(DEFAULT_LIMIT.into());
                }
            }
        }
    }
}

/// The error statuses an operation can answer, from its shape: what it reads (parameters,
/// a body, `If-Match`), whether it needs credentials, whether it writes; plus the few that
/// depend on what an operation does (`EXTRA`). The access-matrix test and schemathesis'
/// `status_code_conformance` check that no operation answers a status missing here.
pub fn errors_of(method: &str, path: &str, op: &Value) -> BTreeSet<u16> {
    let params: Vec<&Value> = op["parameters"].as_array().into_iter().flatten().collect();
    let has = |loc: &str| params.iter().any(|p| p["in"] == loc);
    let if_match = params
        .iter()
        .find(|p| p["in"] == "header" && p["name"] == "If-Match");
    let body = op.get("requestBody").is_some();
    let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
    let write = !matches!(method, "get" | "head" | "options");
    let mut s = BTreeSet::from([500, 503]);
    if body || !params.is_empty() {
        s.insert(400);
    }
    if secured {
        s.extend([401, 403]);
    }
    if has("path") || (secured && body) {
        s.insert(404);
    }
    if write && secured {
        s.insert(409);
    }
    if if_match.is_some() {
        s.insert(412);
        if method != "delete" {
            s.insert(428);
        }
    }
    if body {
        s.extend([413, 415, 422]);
    }
    if has("query") {
        s.insert(422);
    }
    if crate::web::is_limited(
        &method
            .to_uppercase()
            .parse()
            .unwrap_or(poem::http::Method::GET),
        &format!("{}{path}", super::API_PREFIX),
    ) {
        s.insert(429);
    }
    let id = op["operationId"].as_str().unwrap_or("");
    for (op_id, extra) in EXTRA {
        if *op_id == id {
            s.extend(extra.iter().copied());
        }
    }
    s
}

/// Statuses that depend on what the operation does, not on its shape.
const EXTRA: &[(&str, &[u16])] = &[
    // A wrong password, a used or unknown refresh token; failed logins are throttled.
    ("login", &[401, 429]),
    ("refresh", &[401, 409]),
    ("logout", &[409]),
    // A used, revoked or expired invitation.
    ("preview_invitation", &[404, 409]),
    ("accept_invitation", &[404, 409]),
    // A meeting's date that is not one of the series' dates.
    ("get_meeting", &[422]),
    ("get_minutes_page", &[422]),
];

/// Header names as the RFCs spell them, each with a description.
fn response_headers(resp: &mut Value) {
    let Some(headers) = resp.get_mut("headers").and_then(Value::as_object_mut) else {
        return;
    };
    let old = std::mem::take(headers);
    for (name, mut h) in old {
        let (proper, description) = match name.to_ascii_lowercase().as_str() {
            "etag" => (
                "ETag",
                "The object's version; send it back in `If-Match` to change the object.",
            ),
            "retry-after" => ("Retry-After", "Seconds to wait before trying again."),
            "content-disposition" => (
                "Content-Disposition",
                "`attachment` with the file name to save the export under.",
            ),
            _ => (name.as_str(), ""),
        };
        if let Some(map) = h.as_object_mut() {
            if !description.is_empty() {
                map.entry("description").or_insert(description.into());
            }
        }
        headers.insert(proper.to_owned(), h);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_described_enum_field_keeps_one_ref_and_its_description() {
        let mut v = json!({"allOf": [{"$ref": "#/components/schemas/Phase"}, {"description": "d", "default": "prepare"}]});
        single_ref_all_of(&mut v);
        assert_eq!(
            v,
            json!({"allOf": [{"$ref": "#/components/schemas/Phase"}], "description": "d", "default": "prepare"})
        );
    }

    #[test]
    fn resources_are_named_from_the_path() {
        assert_eq!(
            resource_of("/v1/gate-requests/{id}/decision"),
            "gate request"
        );
        assert_eq!(resource_of("/v1/meeting-series/{id}"), "meeting series");
        assert_eq!(resource_of("/v1/projects/{id}"), "project");
        assert_eq!(resource_of("/v1/checklist-items/{id}"), "checklist item");
        assert_eq!(
            resource_of("/v1/change-agents/{id}/training"),
            "change agent"
        );
        assert_eq!(
            resource_of("/v1/sustainability-assessments/{id}"),
            "sustainability assessment"
        );
        assert_eq!(resource_of("/v1/memberships/{id}"), "membership");
    }

    #[test]
    fn a_public_read_without_parameters_answers_only_server_errors() {
        let op = json!({"operationId": "health", "responses": {}});
        assert_eq!(
            errors_of("get", "/v1/health", &op),
            BTreeSet::from([500, 503])
        );
    }

    #[test]
    fn a_write_with_if_match_can_answer_412_and_428() {
        let op = json!({
            "operationId": "update_project",
            "security": [{"BearerAuth": []}],
            "requestBody": {},
            "parameters": [{"in": "path", "name": "id"}, {"in": "header", "name": "If-Match"}],
        });
        let s = errors_of("patch", "/v1/projects/{id}", &op);
        assert_eq!(
            s,
            BTreeSet::from([400, 401, 403, 404, 409, 412, 413, 415, 422, 428, 429, 500, 503])
        );
        let s = errors_of(
            "get",
            "/v1/projects/{id}",
            &json!({"security": [{"BearerAuth": []}], "parameters": [{"in": "path", "name": "id"}]}),
        );
        assert_eq!(s, BTreeSet::from([400, 401, 403, 404, 500, 503]));
    }
}
