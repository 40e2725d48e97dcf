use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

db_test!(
    async fn another_organisations_objects_answer_404_never_403(app) {
        let sys = app.admin_token().await;
        let (org_a, a) = app.org_with_admin(&sys, "A kommune").await;
        let (_, b) = app.org_with_admin(&sys, "B kommune").await;
        let prog = app.create_programme(&a, "BTI").await;
        let project = app.create_project(&a, &prog, "P").await;
        for path in [
            format!("/v1/organisations/{org_a}"),
            format!("/v1/programmes/{prog}"),
            format!("/v1/projects/{project}"),
            format!("/v1/projects/{project}/members"),
        ] {
            let r = app.get(&path, &b).await;
            assert_problem(r, 404, "not_found").await;
        }
        let lists: Value = app.get("/v1/projects", &b).await.json().await.unwrap();
        assert!(lists["items"].as_array().unwrap().is_empty());
        let users: Value = app.get("/v1/users", &b).await.json().await.unwrap();
        assert!(users["items"].as_array().unwrap().iter().all(|u| u["organisation_id"] != org_a));
        // B cannot attach A's programme to its own project.
        let r = app.post("/v1/projects", Some(&b), json!({"programme_id": prog, "name": "X"})).await;
        assert_problem(r, 422, "validation").await;
    }
);

db_test!(
    async fn members_see_only_their_projects_with_their_role(app) {
        let sys = app.admin_token().await;
        let (org, admin) = app.org_with_admin(&sys, "C kommune").await;
        let prog = app.create_programme(&admin, "BTI").await;
        let p1 = app.create_project(&admin, &prog, "One").await;
        let _p2 = app.create_project(&admin, &prog, "Two").await;
        let (uid, user) = app.new_user(&admin, json!({"email": "u@c.no", "organisation_id": org}), "u@c.no").await;
        app.add_member(&admin, &p1, &uid, "steering_group").await;
        let v: Value = app.get("/v1/projects", &user).await.json().await.unwrap();
        let items = v["items"].as_array().unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["id"], p1);
        assert_eq!(items[0]["my_role"], "steering_group");
        let all: Value = app.get("/v1/projects", &admin).await.json().await.unwrap();
        assert_eq!(all["items"].as_array().unwrap().len(), 2);
        assert_eq!(app.get(&format!("/v1/projects/{p1}"), &user).await.status(), StatusCode::OK);
    }
);
