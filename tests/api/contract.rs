//! The exported contract (`openapi/openapi.json`) is exactly what the code serves.

use serde_json::Value;

fn spec_file() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json")
}

#[test]
fn the_exported_spec_matches_the_code() {
    let file = std::fs::read_to_string(spec_file()).expect("openapi/openapi.json exists");
    let code = varig_backend::api::spec_json();
    assert!(
        file == code,
        "openapi/openapi.json differs from the API in the code; regenerate it with `./varig openapi` and review the diff"
    );
}

#[test]
fn every_operation_has_an_id_a_summary_and_problem_json_errors() {
    let spec: Value = serde_json::from_str(&varig_backend::api::spec_json()).unwrap();
    for (path, ops) in spec["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            assert!(
                op["operationId"].is_string(),
                "{method} {path} has no operationId"
            );
            assert!(op["summary"].is_string(), "{method} {path} has no summary");
            for (status, resp) in op["responses"].as_object().unwrap() {
                if status.starts_with('4') || status.starts_with('5') {
                    assert!(
                        resp["content"]["application/problem+json"].is_object(),
                        "{method} {path} {status} is not problem+json"
                    );
                }
            }
        }
    }
}

db_test!(
    async fn the_served_spec_is_the_exported_one_with_the_servers_own_address(app) {
        let mut served: Value = app.client.get(format!("{}/api/openapi.json", app.address)).send().await.unwrap().json().await.unwrap();
        let mut file: Value = serde_json::from_str(&std::fs::read_to_string(spec_file()).unwrap()).unwrap();
        let public = &app.state.settings.public_url;
        assert_eq!(served["servers"][0]["url"], format!("{public}/api"));
        assert_eq!(file["servers"][0]["url"], "http://127.0.0.1:8080/api");
        served.as_object_mut().unwrap().remove("servers");
        file.as_object_mut().unwrap().remove("servers");
        assert_eq!(served, file);
    }
);

/// Every schema a generator meets: no `allOf` member without a `$ref` (generators read
/// one as an object of no properties), no `$ref` with siblings, standard formats only,
/// every integer bounded.
#[test]
fn the_spec_has_no_shapes_generators_reject() {
    let spec: Value = serde_json::from_str(&varig_backend::api::spec_json()).unwrap();
    fn walk(v: &Value, at: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(all) = m.get("allOf").and_then(Value::as_array) {
                    if all.iter().any(|s| s.get("$ref").is_none()) {
                        out.push(format!("{at}: allOf member without $ref"));
                    }
                }
                if m.contains_key("$ref") && m.len() > 1 {
                    out.push(format!("{at}: $ref with siblings (ignored in OpenAPI 3.0)"));
                }
                if let Some(f) = m.get("format").and_then(Value::as_str) {
                    if f.starts_with("naive-") {
                        out.push(format!("{at}: format {f}"));
                    }
                }
                if m.get("type").and_then(Value::as_str) == Some("integer")
                    && (m.get("minimum").is_none() || m.get("maximum").is_none())
                {
                    out.push(format!("{at}: unbounded integer"));
                }
                for (k, v) in m {
                    walk(v, &format!("{at}/{k}"), out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, &format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let mut problems = vec![];
    walk(&spec, "", &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Parameters are described; `limit` is bounded; `If-Match` is required wherever its
/// absence is a 428; a response that sends an ETag declares it.
#[test]
fn parameters_and_headers_are_declared() {
    let spec: Value = serde_json::from_str(&varig_backend::api::spec_json()).unwrap();
    for (path, ops) in spec["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            for p in op["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().unwrap();
                assert!(
                    p["description"].is_string(),
                    "{method} {path}: {name} has no description"
                );
                if name == "limit" {
                    assert_eq!(p["schema"]["minimum"], 1, "{method} {path}");
                    let max = p["schema"]["maximum"].as_u64().unwrap_or(u64::MAX);
                    assert!(
                        (1..=200).contains(&max),
                        "{method} {path}: limit up to {max}"
                    );
                }
                if name == "If-Match" {
                    assert_eq!(p["required"], method != "delete", "{method} {path}");
                    assert_eq!(
                        op["responses"]["428"].is_object(),
                        method != "delete",
                        "{method} {path}"
                    );
                }
            }
        }
    }
}
