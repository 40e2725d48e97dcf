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
    async fn the_served_spec_is_the_exported_one(app) {
        let served: Value = app.client.get(format!("{}/api/openapi.json", app.address)).send().await.unwrap().json().await.unwrap();
        let file: Value = serde_json::from_str(&std::fs::read_to_string(spec_file()).unwrap()).unwrap();
        assert_eq!(served, file);
    }
);
