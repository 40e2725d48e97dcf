//! Strict request bodies: poem-openapi reads a JSON number or boolean into a `String` field
//! as its text (`{"name":123}` would be stored as "123"). Before an operation parses its
//! body, the body is checked against the operation's schema in the spec: wherever the schema
//! says `string`, a number or a boolean is refused with 422 naming the field.

use std::sync::Arc;

use poem::http::Method;
use poem::{Body, Endpoint, IntoResponse, Request, Response};
use serde_json::Value;
use varig_types::FieldError;

use crate::error::AppError;

#[derive(Debug, Default)]
pub struct StrictBodies {
    prefix: String,
    components: Value,
    /// (method, path segments, request-body schema)
    ops: Vec<(Method, Vec<String>, Value)>,
}

impl StrictBodies {
    pub fn from_spec(spec_json: &str, prefix: &str) -> Self {
        let doc: Value = serde_json::from_str(spec_json).unwrap_or_default();
        let mut ops = Vec::new();
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            for (method, op) in item.as_object().into_iter().flatten() {
                let Ok(m) = method.to_uppercase().parse::<Method>() else {
                    continue;
                };
                let content = &op["requestBody"]["content"];
                let schema = content
                    .as_object()
                    .and_then(|c| c.iter().find(|(k, _)| k.starts_with("application/json")))
                    .map(|(_, v)| v["schema"].clone());
                if let Some(schema) = schema {
                    ops.push((m, crate::web_allow::segments(path), schema));
                }
            }
        }
        Self {
            prefix: prefix.to_owned(),
            components: doc["components"]["schemas"].clone(),
            ops,
        }
    }

    fn schema_for(&self, method: &Method, path: &str) -> Option<&Value> {
        let rest = path.strip_prefix(&self.prefix)?;
        self.ops
            .iter()
            .filter(|(m, _, _)| m == method)
            .find(|(_, segs, _)| crate::web_allow::template_matches(segs, rest))
            .map(|(_, _, s)| s)
    }

    fn resolve<'a>(&'a self, schema: &'a Value) -> &'a Value {
        match schema["$ref"].as_str() {
            Some(r) => {
                let name = r.trim_start_matches("#/components/schemas/");
                &self.components[name]
            }
            None => schema,
        }
    }

    /// Every place in `value` where the schema wants a string and gets a number or boolean.
    pub fn check(&self, schema: &Value, value: &Value, at: &str, out: &mut Vec<FieldError>) {
        let schema = self.resolve(schema);
        if let Some(all) = schema["allOf"].as_array() {
            for s in all {
                self.check(s, value, at, out);
            }
        }
        match value {
            Value::Number(_) | Value::Bool(_) if schema["type"] == "string" => {
                out.push(FieldError {
                    field: if at.is_empty() {
                        "body".into()
                    } else {
                        at.to_owned()
                    },
                    code: "wrong_type".into(),
                    message: "must be a string (text in quotes)".into(),
                });
            }
            Value::Object(map) => {
                for (k, v) in map {
                    if let Some(prop) = schema["properties"].get(k) {
                        let path = if at.is_empty() {
                            k.clone()
                        } else {
                            format!("{at}.{k}")
                        };
                        self.check(prop, v, &path, out);
                    }
                }
            }
            Value::Array(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for (i, v) in items.iter().enumerate() {
                        self.check(item_schema, v, &format!("{at}[{i}]"), out);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The middleware: runs inside the body-size limit, only on JSON bodies of known operations.
pub async fn around<E: Endpoint>(
    ep: Arc<E>,
    mut req: Request,
    strict: Arc<StrictBodies>,
) -> poem::Result<Response> {
    let json = req
        .content_type()
        .is_some_and(|c| c.starts_with("application/json"));
    let schema = if json {
        strict.schema_for(req.method(), req.uri().path()).cloned()
    } else {
        None
    };
    if let Some(schema) = schema {
        let bytes = req.take_body().into_bytes().await?;
        // A body that is not JSON is left to the operation's own parser (400).
        if let Ok(value) = serde_json::from_slice::<Value>(&bytes) {
            let mut errors = Vec::new();
            strict.check(&schema, &value, "", &mut errors);
            if !errors.is_empty() {
                return Ok(poem::Error::from(AppError::Validation(errors)).into_response());
            }
        }
        req.set_body(Body::from(bytes));
    }
    Ok(ep.call(req).await?.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn strict() -> StrictBodies {
        let spec = json!({
            "paths": {"/v1/things/{id}": {"post": {"requestBody": {"content": {"application/json; charset=utf-8": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}},
            "components": {"schemas": {
                "Thing": {"properties": {"name": {"type": "string"}, "size": {"type": "integer"}, "tags": {"type": "array", "items": {"type": "string"}}, "kind": {"allOf": [{"$ref": "#/components/schemas/Kind"}]}}},
                "Kind": {"type": "string", "enum": ["a"]}
            }}
        });
        StrictBodies::from_spec(&spec.to_string(), "/api")
    }

    #[test]
    fn numbers_and_booleans_where_text_belongs_are_named() {
        let s = strict();
        let schema = s
            .schema_for(&Method::POST, "/api/v1/things/7")
            .unwrap()
            .clone();
        let mut errors = vec![];
        s.check(
            &schema,
            &json!({"name": 123, "size": 3, "tags": ["x", true], "kind": 1}),
            "",
            &mut errors,
        );
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["kind", "name", "tags[1]"]);
        let mut errors = vec![];
        s.check(&schema, &json!({"name": "BTI", "size": 3}), "", &mut errors);
        assert!(errors.is_empty());
        assert!(s.schema_for(&Method::GET, "/api/v1/things/7").is_none());
    }
}
