use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

db_test!(
    async fn an_invitation_token_creates_the_account_once(app) {
        let sys = app.admin_token().await;
        let (org, admin) = app.org_with_admin(&sys, "Bergen").await;
        let r = app.post("/v1/invitations", Some(&admin), json!({"email": "Ola@Bergen.no"})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["invitation"]["email"], "ola@bergen.no");
        assert_eq!(v["invitation"]["organisation_id"], org);
        let token = v["token"].as_str().unwrap();
        let body = json!({"token": token, "name": "Ola Nordmann", "password": PASSWORD});
        let r = app.post("/v1/invitations/accept", None, body.clone()).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let access = r.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_owned();
        let me: Value = app.get("/v1/me", &access).await.json().await.unwrap();
        assert_eq!(me["name"], "Ola Nordmann");
        assert_eq!(me["org_role"], "member");
        // Second use is refused.
        let r = app.post("/v1/invitations/accept", None, body).await;
        assert_problem(r, 409, "invitation_used").await;
        // The list never contains the token.
        let list = app.get("/v1/invitations", &admin).await.text().await.unwrap();
        assert!(!list.contains(token));
        app.login("ola@bergen.no", PASSWORD).await;
    }
);

db_test!(
    async fn an_unknown_or_revoked_invitation_cannot_be_accepted(app) {
        let sys = app.admin_token().await;
        let (_, admin) = app.org_with_admin(&sys, "Molde").await;
        let r = app.post("/v1/invitations/accept", None, json!({"token": "vinv_nonsense", "name": "X", "password": PASSWORD})).await;
        assert_problem(r, 404, "not_found").await;
        let v: Value = app.post("/v1/invitations", Some(&admin), json!({"email": "a@molde.no"})).await.json().await.unwrap();
        let id = v["invitation"]["id"].as_str().unwrap();
        let r = app.post(&format!("/v1/invitations/{id}/revoke"), Some(&admin), json!({})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let r = app.post("/v1/invitations/accept", None, json!({"token": v["token"], "name": "A", "password": PASSWORD})).await;
        assert_problem(r, 409, "invitation_revoked").await;
    }
);

db_test!(
    async fn accepting_names_each_invalid_field(app) {
        let sys = app.admin_token().await;
        let (_, admin) = app.org_with_admin(&sys, "Vadsø").await;
        let v: Value = app.post("/v1/invitations", Some(&admin), json!({"email": "b@vadso.no"})).await.json().await.unwrap();
        let r = app.post("/v1/invitations/accept", None, json!({"token": v["token"], "name": "  ", "password": "short"})).await;
        let p = assert_problem(r, 422, "validation").await;
        let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["name", "password"]);
        // Nothing was used up: a valid retry works.
        let r = app.post("/v1/invitations/accept", None, json!({"token": v["token"], "name": "B", "password": PASSWORD})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
);

db_test!(
    async fn a_project_leader_invites_a_change_agent_into_their_project(app) {
        let sys = app.admin_token().await;
        let (org, admin) = app.org_with_admin(&sys, "Tromsø").await;
        let prog = app.create_programme(&admin, "Helt sjef!").await;
        let project = app.create_project(&admin, &prog, "Helt sjef! i Tromsø").await;
        let (leader_id, leader) = app.new_user(&admin, json!({"email": "leder@tromso.no", "organisation_id": org}), "leder@tromso.no").await;
        app.add_member(&admin, &project, &leader_id, "leader").await;
        let (_, agent) = app
            .new_user(&leader, json!({"email": "agent@tromso.no", "project_id": project, "project_role": "change_agent"}), "agent@tromso.no")
            .await;
        let me: Value = app.get("/v1/me", &agent).await.json().await.unwrap();
        assert_eq!(me["memberships"][0]["project_id"], project);
        assert_eq!(me["memberships"][0]["role"], "change_agent");
        // A leader may not invite organisation admins or invite outside a project.
        let r = app.post("/v1/invitations", Some(&leader), json!({"email": "x@tromso.no", "org_role": "admin", "project_id": project, "project_role": "leader"})).await;
        assert_problem(r, 403, "forbidden").await;
        let r = app.post("/v1/invitations", Some(&leader), json!({"email": "y@tromso.no"})).await;
        assert_problem(r, 403, "forbidden").await;
        // A change agent may not invite at all.
        let r = app.post("/v1/invitations", Some(&agent), json!({"email": "z@tromso.no", "project_id": project, "project_role": "change_agent"})).await;
        assert_problem(r, 403, "forbidden").await;
    }
);

db_test!(
    async fn inviting_an_existing_address_or_a_bad_one_is_refused(app) {
        let sys = app.admin_token().await;
        let (_, admin) = app.org_with_admin(&sys, "Hamar").await;
        let r = app.post("/v1/invitations", Some(&admin), json!({"email": ADMIN_EMAIL})).await;
        assert_problem(r, 409, "already_exists").await;
        let r = app.post("/v1/invitations", Some(&admin), json!({"email": "not-an-address"})).await;
        let p = assert_problem(r, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "email");
        assert_eq!(p["errors"][0]["code"], "invalid_email");
        let r = app.post("/v1/invitations", Some(&sys), json!({"email": "c@hamar.no"})).await;
        let p = assert_problem(r, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "organisation_id");
    }
);

db_test!(
    async fn the_link_opens_the_pwa_with_the_token_in_the_fragment_and_the_preview_says_who_invited(app) {
        let sys = app.admin_token().await;
        let (_, admin) = app.org_with_admin(&sys, "Lillehammer").await;
        let prog = app.create_programme(&admin, "BTI").await;
        let project = app.create_project(&admin, &prog, "BTI i Lillehammer").await;
        let r = app
            .post("/v1/invitations", Some(&admin), json!({"email": "kari@lillehammer.no", "project_id": project, "project_role": "leader"}))
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let v: Value = r.json().await.unwrap();
        let token = v["token"].as_str().unwrap();
        assert_eq!(v["link"], format!("http://127.0.0.1:8080/invitation#{token}"));

        let r = app.post("/v1/invitations/preview", None, json!({"token": token})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let p: Value = r.json().await.unwrap();
        assert_eq!(p["status"], "pending");
        assert_eq!(p["email"], "kari@lillehammer.no");
        assert_eq!(p["organisation_name"], "Lillehammer");
        assert_eq!(p["org_role"], "member");
        assert_eq!(p["project_name"], "BTI i Lillehammer");
        assert_eq!(p["project_role"], "leader");
        assert!(p["invited_by_name"].is_string());
        assert!(!p.to_string().contains(token), "the preview never repeats the token");

        let body = json!({"token": token, "name": "Kari", "password": PASSWORD});
        assert_eq!(app.post("/v1/invitations/accept", None, body).await.status(), StatusCode::CREATED);
        let p: Value = app.post("/v1/invitations/preview", None, json!({"token": token})).await.json().await.unwrap();
        assert_eq!(p["status"], "accepted");

        let v: Value = app.post("/v1/invitations", Some(&admin), json!({"email": "per@lillehammer.no"})).await.json().await.unwrap();
        let id = v["invitation"]["id"].as_str().unwrap();
        app.post(&format!("/v1/invitations/{id}/revoke"), Some(&admin), json!({})).await;
        let p: Value = app.post("/v1/invitations/preview", None, json!({"token": v["token"]})).await.json().await.unwrap();
        assert_eq!(p["status"], "revoked");

        let r = app.post("/v1/invitations/preview", None, json!({"token": "vinv_nonsense"})).await;
        assert_problem(r, 404, "not_found").await;
    }
);
