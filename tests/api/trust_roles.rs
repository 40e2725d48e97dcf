//! Who may give or take which project role (issue: a leader made themselves owner and
//! approved their own gate). Every caller × every role, via add, PATCH, removal and
//! invitation, against a table written out here (not derived from the server's).

use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::*;

const ROLES: [&str; 4] = ["owner", "steering_group", "leader", "change_agent"];

/// Which roles each caller may give (add, invite) and take (change away from, remove).
fn may_grant(caller: &str, role: &str) -> bool {
    match caller {
        "admin" | "owner" => true,
        "leader" | "twrite" => role == "change_agent",
        _ => false,
    }
}

struct World {
    app_team: Team,
    tokens: Vec<(&'static str, String)>,
}

async fn world(app: &TestApp) -> World {
    let t = team(app, "Grants").await;
    let r = app
        .post(
            "/v1/api-tokens",
            Some(&t.admin),
            json!({"name": "HR", "scopes": ["write"]}),
        )
        .await;
    let twrite = r.json::<Value>().await.unwrap()["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let tokens = vec![
        ("admin", t.admin.clone()),
        ("owner", t.owner.clone()),
        ("steer", t.steer.clone()),
        ("leader", t.leader.clone()),
        ("agent", t.agent.clone()),
        ("twrite", twrite),
    ];
    World {
        app_team: t,
        tokens,
    }
}

async fn fresh_user(app: &TestApp, admin: &str) -> String {
    let email = format!("p{}@grants.test", Uuid::new_v4().simple());
    app.new_user(admin, json!({"email": email}), &email).await.0
}

db_test!(
    async fn a_leader_can_neither_raise_their_own_role_nor_grant_owner_or_steering_group(app) {
        let t = team(&app, "Overtakelse").await;
        let members: Value = app
            .get(&format!("/v1/projects/{}/members", t.project), &t.leader)
            .await
            .json()
            .await
            .unwrap();
        let id_of_role = |role: &str| {
            members["items"].as_array().unwrap().iter().find(|m| m["role"] == role).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let (mine, owners) = (id_of_role("leader"), id_of_role("owner"));
        // Raise their own role.
        let tag = app.etag(&format!("/v1/memberships/{mine}"), &t.leader).await;
        let r = app
            .patch(&format!("/v1/memberships/{mine}"), &t.leader, Some(&tag), json!({"role": "owner"}))
            .await;
        assert_problem(r, 403, "forbidden").await;
        // Demote the real owner.
        let tag = app.etag(&format!("/v1/memberships/{owners}"), &t.leader).await;
        let r = app
            .patch(&format!("/v1/memberships/{owners}"), &t.leader, Some(&tag), json!({"role": "change_agent"}))
            .await;
        assert_problem(r, 403, "forbidden").await;
        let r = app.post(&format!("/v1/memberships/{owners}/archive"), Some(&t.leader), json!({})).await;
        assert_problem(r, 403, "forbidden").await;
        // Add an existing person as owner or steering group, or invite one.
        let other = fresh_user(&app, &t.admin).await;
        for role in ["owner", "steering_group", "leader"] {
            let r = app
                .post(&format!("/v1/projects/{}/members", t.project), Some(&t.leader), json!({"user_id": other, "role": role}))
                .await;
            assert_problem(r, 403, "forbidden").await;
            let r = app
                .post("/v1/invitations", Some(&t.leader), json!({"email": format!("x{}@a.test", Uuid::new_v4().simple()), "project_id": t.project, "project_role": role}))
                .await;
            assert_problem(r, 403, "forbidden").await;
        }
        // So the leader cannot decide their own gate request.
        let r = app
            .post(&format!("/v1/projects/{}/gate-requests", t.project), Some(&t.leader), json!({"target": "plan", "summary": "Klar"}))
            .await;
        let gate = id_of(r).await;
        let r = app
            .post(&format!("/v1/gate-requests/{gate}/decision"), Some(&t.leader), json!({"decision": "approve"}))
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // What a leader may do: change agents.
        let r = app
            .post(&format!("/v1/projects/{}/members", t.project), Some(&t.leader), json!({"user_id": other, "role": "change_agent"}))
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
);

db_test!(
    async fn every_caller_gives_and_takes_exactly_the_roles_the_grant_table_says(app) {
        let w = world(&app).await;
        let (admin, project) = (&w.app_team.admin, &w.app_team.project);
        for (caller, token) in &w.tokens {
            for role in ROLES {
                let allowed = may_grant(caller, role);
                // Add an existing person in `role`.
                let user = fresh_user(&app, admin).await;
                let r = app
                    .post(&format!("/v1/projects/{project}/members"), Some(token), json!({"user_id": user, "role": role}))
                    .await;
                let want = if allowed { 201 } else { 403 };
                assert_eq!(r.status().as_u16(), want, "{caller} adds {role}");
                // Change a change agent to `role` (give) and a `role` holder to change agent (take).
                let give = app.add_member(admin, project, &fresh_user(&app, admin).await, "change_agent").await;
                let tag = app.etag(&format!("/v1/memberships/{give}"), admin).await;
                let r = app.patch(&format!("/v1/memberships/{give}"), token, Some(&tag), json!({"role": role})).await;
                let want = if allowed && may_grant(caller, "change_agent") { 200 } else { 403 };
                assert_eq!(r.status().as_u16(), want, "{caller} changes change_agent -> {role}");
                let take = app.add_member(admin, project, &fresh_user(&app, admin).await, role).await;
                let tag = app.etag(&format!("/v1/memberships/{take}"), admin).await;
                let r = app.patch(&format!("/v1/memberships/{take}"), token, Some(&tag), json!({"role": "change_agent"})).await;
                assert_eq!(r.status().as_u16(), want, "{caller} changes {role} -> change_agent");
                // Remove a `role` holder.
                let gone = app.add_member(admin, project, &fresh_user(&app, admin).await, role).await;
                let r = app.post(&format!("/v1/memberships/{gone}/archive"), Some(token), json!({})).await;
                assert_eq!(r.status().as_u16(), if allowed { 200 } else { 403 }, "{caller} removes {role}");
                // Invite someone straight into `role` (a write token invites nobody).
                let r = app
                    .post("/v1/invitations", Some(token), json!({"email": format!("i{}@grants.test", Uuid::new_v4().simple()), "project_id": project, "project_role": role}))
                    .await;
                let want = if allowed && *caller != "twrite" { 201 } else { 403 };
                assert_eq!(r.status().as_u16(), want, "{caller} invites a {role}");
            }
        }
    }
);

db_test!(
    async fn nobody_changes_their_own_role_and_a_project_always_keeps_an_owner(app) {
        let t = team(&app, "Eierskap").await;
        let members: Value = app
            .get(&format!("/v1/projects/{}/members", t.project), &t.admin)
            .await
            .json()
            .await
            .unwrap();
        let owner_m = members["items"].as_array().unwrap().iter().find(|m| m["role"] == "owner").unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        // The owner cannot step down or leave on their own.
        let tag = app.etag(&format!("/v1/memberships/{owner_m}"), &t.owner).await;
        let r = app.patch(&format!("/v1/memberships/{owner_m}"), &t.owner, Some(&tag), json!({"role": "leader"})).await;
        assert_problem(r, 403, "forbidden").await;
        let r = app.post(&format!("/v1/memberships/{owner_m}/archive"), Some(&t.owner), json!({})).await;
        assert_problem(r, 403, "forbidden").await;
        // The organisation admin cannot leave the project without an owner either.
        let r = app.patch(&format!("/v1/memberships/{owner_m}"), &t.admin, Some(&tag), json!({"role": "leader"})).await;
        assert_problem(r, 409, "last_owner").await;
        let r = app.post(&format!("/v1/memberships/{owner_m}/archive"), Some(&t.admin), json!({})).await;
        assert_problem(r, 409, "last_owner").await;
        // With a second owner named first, the first may go.
        let second = fresh_user(&app, &t.admin).await;
        app.add_member(&t.owner, &t.project, &second, "owner").await;
        let r = app.post(&format!("/v1/memberships/{owner_m}/archive"), Some(&t.admin), json!({})).await;
        assert_eq!(r.status(), StatusCode::OK);
    }
);
