use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

async fn request(app: &TestApp, t: &Team, target: &str) -> String {
    let r = app
        .post(
            &format!("/v1/projects/{}/gate-requests", t.project),
            Some(&t.leader),
            json!({"target": target, "summary": "Klar.\nForankret hos ledelsen."}),
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap_or_default()
    );
    id_of(r).await
}

async fn decide(app: &TestApp, token: &str, gate: &str, body: Value) -> reqwest::Response {
    app.post(
        &format!("/v1/gate-requests/{gate}/decision"),
        Some(token),
        body,
    )
    .await
}

db_test!(
    async fn the_leader_requests_the_steering_group_recommends_and_the_owner_approves(app) {
        let t = team(&app, "Gate A").await;
        let gate = request(&app, &t, "plan").await;
        let g: Value = app.get(&format!("/v1/gate-requests/{gate}"), &t.agent).await.json().await.unwrap();
        assert_eq!(g["status"], "open");
        assert_eq!(g["summary"], "Klar.\nForankret hos ledelsen.", "line breaks are kept");
        assert_eq!(g["awaiting"].as_array().unwrap().len(), 1, "the steering-group member is awaited");
        assert_eq!(g["evidence"]["project"]["phase"], "prepare");
        assert_eq!(g["evidence"]["members"].as_array().unwrap().len(), 4);
        let r = app
            .post(&format!("/v1/gate-requests/{gate}/recommendations"), Some(&t.steer), json!({"recommendation": "support", "comment": "God forankring"}))
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let g: Value = r.json().await.unwrap();
        assert!(g["awaiting"].as_array().unwrap().is_empty());
        assert_eq!(g["recommendations"][0]["recommendation"], "support");
        // A second recommendation by the same member is refused.
        let r = app.post(&format!("/v1/gate-requests/{gate}/recommendations"), Some(&t.steer), json!({"recommendation": "against"})).await;
        assert_problem(r, 409, "already_exists").await;
        let r = decide(&app, &t.owner, &gate, json!({"decision": "approve"})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let g: Value = r.json().await.unwrap();
        assert_eq!(g["status"], "decided");
        assert_eq!(g["resulting_phase"], "plan");
        let p: Value = app.get(&format!("/v1/projects/{}", t.project), &t.agent).await.json().await.unwrap();
        assert_eq!(p["phase"], "plan");
        let h: Value = app.get(&format!("/v1/projects/{}/phase-history", t.project), &t.agent).await.json().await.unwrap();
        let stays = h["stays"].as_array().unwrap();
        assert_eq!(stays.len(), 2);
        assert_eq!(stays[0]["phase"], "prepare");
        assert_eq!(stays[0]["ended_by_request"], gate);
        assert_eq!(stays[1]["phase"], "plan");
        assert!(stays[1]["left_at"].is_null());
        let audit: Value = app.get(&format!("/v1/audit?entity_id={gate}"), &t.admin).await.json().await.unwrap();
        let actions: Vec<&str> = audit["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["gate.request", "gate.recommend", "gate.decide"]);
    }
);

db_test!(
    async fn a_decision_is_final_and_a_withdrawn_request_cannot_be_decided(app) {
        let t = team(&app, "Gate B").await;
        let gate = request(&app, &t, "plan").await;
        assert_eq!(decide(&app, &t.owner, &gate, json!({"decision": "reject", "reason": "Ikke forankret"})).await.status(), StatusCode::OK);
        let r = decide(&app, &t.owner, &gate, json!({"decision": "approve"})).await;
        assert_problem(r, 409, "gate_closed").await;
        let p: Value = app.get(&format!("/v1/projects/{}", t.project), &t.owner).await.json().await.unwrap();
        assert_eq!(p["phase"], "prepare", "a rejection keeps the phase");
        let second = request(&app, &t, "plan").await;
        let r = app.post(&format!("/v1/gate-requests/{second}/withdraw"), Some(&t.leader), json!({})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let r = decide(&app, &t.owner, &second, json!({"decision": "approve"})).await;
        assert_problem(r, 409, "gate_closed").await;
        let r = app.post(&format!("/v1/gate-requests/{second}/withdraw"), Some(&t.leader), json!({})).await;
        assert_problem(r, 409, "gate_closed").await;
    }
);

db_test!(
    async fn one_open_request_per_project_and_only_legal_targets(app) {
        let t = team(&app, "Gate C").await;
        let r = app.post(&format!("/v1/projects/{}/gate-requests", t.project), Some(&t.leader), json!({"target": "implement", "summary": "x"})).await;
        let p = assert_problem(r, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "target");
        let r = app.post(&format!("/v1/projects/{}/gate-requests", t.project), Some(&t.leader), json!({"target": "evaluation", "summary": "x"})).await;
        assert_problem(r, 422, "validation").await;
        request(&app, &t, "plan").await;
        let r = app.post(&format!("/v1/projects/{}/gate-requests", t.project), Some(&t.leader), json!({"target": "plan", "summary": "again"})).await;
        assert_problem(r, 409, "gate_open_exists").await;
    }
);

db_test!(
    async fn reject_needs_a_reason_and_send_back_an_earlier_phase(app) {
        let t = team(&app, "Gate D").await;
        let gate = request(&app, &t, "plan").await;
        let r = decide(&app, &t.owner, &gate, json!({"decision": "reject"})).await;
        let p = assert_problem(r, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "reason");
        let r = decide(&app, &t.owner, &gate, json!({"decision": "send_back", "to_phase": "prepare"})).await;
        let p = assert_problem(r, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "to_phase");
        let r = decide(&app, &t.owner, &gate, json!({"decision": "continue"})).await;
        let p = assert_problem(r, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "decision");
        // Nothing was decided by the refused attempts.
        let g: Value = app.get(&format!("/v1/gate-requests/{gate}"), &t.owner).await.json().await.unwrap();
        assert_eq!(g["status"], "open");
    }
);

async fn advance(app: &TestApp, t: &Team, target: &str) {
    let gate = request(app, t, target).await;
    let r = decide(app, &t.owner, &gate, json!({"decision": "approve"})).await;
    assert_eq!(r.status(), StatusCode::OK);
}

db_test!(
    async fn the_evaluation_in_sustain_can_end_in_ordinary_operation(app) {
        let t = team(&app, "Gate E").await;
        for target in ["plan", "implement", "sustain"] {
            advance(&app, &t, target).await;
        }
        let gate = request(&app, &t, "evaluation").await;
        let r = decide(&app, &t.owner, &gate, json!({"decision": "approve"})).await;
        assert_problem(r, 422, "validation").await;
        let r = decide(&app, &t.owner, &gate, json!({"decision": "continue"})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let p: Value = app.get(&format!("/v1/projects/{}", t.project), &t.owner).await.json().await.unwrap();
        assert_eq!(p["phase"], "sustain");
        assert_eq!(p["state"], "ordinary_operation");
        let r = app.post(&format!("/v1/projects/{}/gate-requests", t.project), Some(&t.leader), json!({"target": "evaluation", "summary": "x"})).await;
        assert_problem(r, 409, "project_not_active").await;
        let h: Value = app.get(&format!("/v1/projects/{}/phase-history", t.project), &t.owner).await.json().await.unwrap();
        let phases: Vec<&str> = h["stays"].as_array().unwrap().iter().map(|s| s["phase"].as_str().unwrap()).collect();
        assert_eq!(phases, ["prepare", "plan", "implement", "sustain"]);
    }
);

db_test!(
    async fn adjusting_after_evaluation_sends_the_project_back_to_implement(app) {
        let t = team(&app, "Gate F").await;
        for target in ["plan", "implement", "sustain"] {
            advance(&app, &t, target).await;
        }
        let gate = request(&app, &t, "evaluation").await;
        assert_eq!(decide(&app, &t.owner, &gate, json!({"decision": "adjust"})).await.status(), StatusCode::OK);
        let p: Value = app.get(&format!("/v1/projects/{}", t.project), &t.owner).await.json().await.unwrap();
        assert_eq!(p["phase"], "implement");
        assert_eq!(p["state"], "active");
    }
);

db_test!(
    async fn two_racing_decisions_have_exactly_one_winner(app) {
        let t = team(&app, "Gate G").await;
        for _ in 0..5 {
            let gate = request(&app, &t, if rand_phase_is_plan(&app, &t).await { "plan" } else { "prepare" }).await;
            let (a, b) = tokio::join!(
                decide(&app, &t.owner, &gate, json!({"decision": "approve"})),
                decide(&app, &t.owner, &gate, json!({"decision": "reject", "reason": "Nei"})),
            );
            let mut statuses = [a.status().as_u16(), b.status().as_u16()];
            statuses.sort();
            assert_eq!(statuses, [200, 409], "exactly one decision wins");
            let loser = if a.status().as_u16() == 409 { a } else { b };
            let body: Value = loser.json().await.unwrap();
            assert_eq!(body["code"], "gate_closed");
            let g: Value = app.get(&format!("/v1/gate-requests/{gate}"), &t.owner).await.json().await.unwrap();
            assert_eq!(g["status"], "decided");
        }
    }
);

/// Whether the project is in Prepare (so the next request goes to Plan) — lets the race
/// test repeat whatever the previous round decided.
async fn rand_phase_is_plan(app: &TestApp, t: &Team) -> bool {
    let p: Value = app
        .get(&format!("/v1/projects/{}", t.project), &t.owner)
        .await
        .json()
        .await
        .unwrap();
    p["phase"] == "prepare"
}

db_test!(
    async fn only_the_owner_decides_and_change_agents_only_read(app) {
        let t = team(&app, "Gate H").await;
        let gate = request(&app, &t, "plan").await;
        for token in [&t.leader, &t.steer, &t.agent, &t.admin] {
            let r = decide(&app, token, &gate, json!({"decision": "approve"})).await;
            assert_problem(r, 403, "forbidden").await;
        }
        let r = app.post(&format!("/v1/projects/{}/gate-requests", t.project), Some(&t.agent), json!({"target": "plan", "summary": "x"})).await;
        assert_problem(r, 403, "forbidden").await;
        assert_eq!(app.get(&format!("/v1/gate-requests/{gate}"), &t.agent).await.status(), StatusCode::OK);
        let sys = app.admin_token().await;
        let (_, other) = app.org_with_admin(&sys, "Other").await;
        let r = app.get(&format!("/v1/gate-requests/{gate}"), &other).await;
        assert_problem(r, 404, "not_found").await;
    }
);
