use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

db_test!(
    async fn a_stale_write_gets_412_and_loses_nothing(app) {
        let sys = app.admin_token().await;
        let (_, admin) = app.org_with_admin(&sys, "Lier").await;
        let prog = app.create_programme(&admin, "BTI").await;
        let project = app.create_project(&admin, &prog, "BTI Lier").await;
        let path = format!("/v1/projects/{project}");
        let v1 = app.etag(&path, &admin).await;
        assert_eq!(v1, "\"1\"");
        // Without If-Match: 428.
        let r = app.patch(&path, &admin, None, json!({"name": "A"})).await;
        assert_problem(r, 428, "precondition_required").await;
        // First writer wins.
        let r = app.patch(&path, &admin, Some(&v1), json!({"name": "BTI i Lier"})).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["etag"], "\"2\"");
        // Second writer with the old ETag loses with 412, and the first write stays.
        let r = app.patch(&path, &admin, Some(&v1), json!({"name": "Overwritten"})).await;
        assert_problem(r, 412, "precondition_failed").await;
        let v: Value = app.get(&path, &admin).await.json().await.unwrap();
        assert_eq!(v["name"], "BTI i Lier");
        assert_eq!(v["version"], 2);
        assert_eq!(v["phase"], "prepare");
    }
);

db_test!(
    async fn lists_page_with_a_cursor_in_a_stable_order(app) {
        let sys = app.admin_token().await;
        let (_, admin) = app.org_with_admin(&sys, "Asker").await;
        let mut made = vec![];
        for i in 0..5 {
            made.push(app.create_programme(&admin, &format!("Programme {i}")).await);
        }
        let mut seen = vec![];
        let mut cursor: Option<String> = None;
        let mut pages = 0;
        loop {
            let path = match &cursor {
                Some(c) => format!("/v1/programmes?limit=2&cursor={c}"),
                None => "/v1/programmes?limit=2".into(),
            };
            let v: Value = app.get(&path, &admin).await.json().await.unwrap();
            pages += 1;
            for item in v["items"].as_array().unwrap() {
                seen.push(item["id"].as_str().unwrap().to_owned());
            }
            match v["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
        }
        assert_eq!(pages, 3);
        assert_eq!(seen, made);
        let r = app.get("/v1/programmes?cursor=garbage", &admin).await;
        let p = assert_problem(r, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "cursor");
        let r = app.get("/v1/programmes?limit=1000", &admin).await;
        let p = assert_problem(r, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "limit");
    }
);

db_test!(
    async fn archived_objects_leave_the_list_and_become_read_only(app) {
        let sys = app.admin_token().await;
        let (_, admin) = app.org_with_admin(&sys, "Moss").await;
        let prog = app.create_programme(&admin, "BTI").await;
        let r = app.post(&format!("/v1/programmes/{prog}/archive"), Some(&admin), json!({})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let v: Value = r.json().await.unwrap();
        assert!(!v["archived_at"].is_null());
        let list: Value = app.get("/v1/programmes", &admin).await.json().await.unwrap();
        assert!(list["items"].as_array().unwrap().is_empty());
        let list: Value = app.get("/v1/programmes?include_archived=true", &admin).await.json().await.unwrap();
        assert_eq!(list["items"].as_array().unwrap().len(), 1);
        let tag = app.etag(&format!("/v1/programmes/{prog}"), &admin).await;
        let r = app.patch(&format!("/v1/programmes/{prog}"), &admin, Some(&tag), json!({"name": "Y"})).await;
        assert_problem(r, 409, "archived").await;
        // A project cannot be started on an archived programme.
        let r = app.post("/v1/projects", Some(&admin), json!({"programme_id": prog, "name": "P"})).await;
        let p = assert_problem(r, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "programme_id");
    }
);

db_test!(
    async fn validation_names_every_bad_field_and_malformed_json_is_a_400(app) {
        let sys = app.admin_token().await;
        let (_, admin) = app.org_with_admin(&sys, "Larvik").await;
        let r = app.post("/v1/programmes", Some(&admin), json!({"name": "", "description": "x".repeat(5001)})).await;
        let p = assert_problem(r, 422, "validation").await;
        let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["name", "description"]);
        assert!(p["detail"].as_str().unwrap().contains("name"));
        let r = app
            .req(reqwest::Method::POST, "/v1/programmes", Some(&admin))
            .header("content-type", "application/json")
            .body("{\"name\": ")
            .send()
            .await
            .unwrap();
        assert_problem(r, 400, "bad_request").await;
        let r = app.post("/v1/programmes", Some(&admin), json!({"name": {"nested": true}})).await;
        assert_problem(r, 400, "bad_request").await;
        let r = app
            .req(reqwest::Method::POST, "/v1/programmes", Some(&admin))
            .header("content-type", "text/plain")
            .body("name")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 415);
        let list: Value = app.get("/v1/programmes", &admin).await.json().await.unwrap();
        assert!(list["items"].as_array().unwrap().is_empty(), "nothing was stored");
    }
);

db_test!(
    async fn every_change_is_in_the_audit_log_with_before_and_after(app) {
        let sys = app.admin_token().await;
        let (_, admin) = app.org_with_admin(&sys, "Halden").await;
        let prog = app.create_programme(&admin, "BTI").await;
        let project = app.create_project(&admin, &prog, "Before").await;
        let tag = app.etag(&format!("/v1/projects/{project}"), &admin).await;
        app.patch(&format!("/v1/projects/{project}"), &admin, Some(&tag), json!({"name": "After"})).await;
        let admin_me: Value = app.get("/v1/me", &admin).await.json().await.unwrap();
        let v: Value = app.get(&format!("/v1/audit?entity_id={project}"), &admin).await.json().await.unwrap();
        let items = v["items"].as_array().unwrap();
        let actions: Vec<&str> = items.iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["project.create", "project.update"]);
        let update = &items[1];
        assert_eq!(update["before"]["name"], "Before");
        assert_eq!(update["after"]["name"], "After");
        assert_eq!(update["actor_user_id"], admin_me["id"]);
        assert!(!update["at"].is_null());
    }
);

db_test!(
    async fn a_removed_member_can_be_added_again_with_a_new_role(app) {
        let sys = app.admin_token().await;
        let (org, admin) = app.org_with_admin(&sys, "Ski").await;
        let prog = app.create_programme(&admin, "BTI").await;
        let project = app.create_project(&admin, &prog, "P").await;
        let (uid, _) = app.new_user(&admin, json!({"email": "m@ski.no", "organisation_id": org}), "m@ski.no").await;
        let m = app.add_member(&admin, &project, &uid, "change_agent").await;
        let r = app.post(&format!("/v1/projects/{project}/members"), Some(&admin), json!({"user_id": uid, "role": "leader"})).await;
        assert_problem(r, 409, "already_exists").await;
        app.post(&format!("/v1/memberships/{m}/archive"), Some(&admin), json!({})).await;
        let members: Value = app.get(&format!("/v1/projects/{project}/members"), &admin).await.json().await.unwrap();
        assert!(members["items"].as_array().unwrap().is_empty());
        let again = app.add_member(&admin, &project, &uid, "leader").await;
        assert_eq!(again, m, "the membership is restored, not duplicated");
        let members: Value = app.get(&format!("/v1/projects/{project}/members"), &admin).await.json().await.unwrap();
        assert_eq!(members["items"][0]["role"], "leader");
        assert_eq!(members["items"][0]["user_email"], "m@ski.no");
    }
);

db_test!(
    async fn an_oversized_body_is_refused_with_413_problem_json(app) {
        let sys = app.admin_token().await;
        let (_, admin) = app.org_with_admin(&sys, "Stor").await;
        let huge = "x".repeat(2 * 1024 * 1024);
        let r = app.post("/v1/programmes", Some(&admin), json!({"name": "BTI", "description": huge})).await;
        assert_problem(r, 413, "payload_too_large").await;
        let list: Value = app.get("/v1/programmes", &admin).await.json().await.unwrap();
        assert!(list["items"].as_array().unwrap().is_empty());
    }
);
