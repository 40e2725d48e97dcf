//! The phase plan and the planning tools through the API: the seeded checklist and its
//! completion, milestones and overdue, the goal tree, readiness rounds, stakeholders,
//! barriers and risks, and the evidence a gate request freezes.

use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

use crate::access_matrix::full_answers;
use crate::helpers::*;

async fn put(app: &TestApp, path: &str, token: &str, tag: Option<&str>, body: Value) -> Response {
    let mut b = app.req(Method::PUT, path, Some(token)).json(&body);
    if let Some(t) = tag {
        b = b.header("If-Match", t);
    }
    b.send().await.unwrap()
}

async fn delete(app: &TestApp, path: &str, token: &str) -> Response {
    app.req(Method::DELETE, path, Some(token))
        .send()
        .await
        .unwrap()
}

async fn checklist(app: &TestApp, t: &Team) -> Value {
    let r = app
        .get(&format!("/v1/projects/{}/checklist", t.project), &t.agent)
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

fn completion(list: &Value, phase: &str) -> Value {
    list["completion"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["phase"] == phase)
        .unwrap()
        .clone()
}

/// The first seeded item of `phase` that is not the phase's goal.
fn item(list: &Value, phase: &str, kind: &str) -> Value {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["phase"] == phase && i["kind"] == kind)
        .unwrap()
        .clone()
}

fn tag(v: &Value) -> String {
    format!("\"{}\"", v["version"])
}

async fn create(app: &TestApp, path: &str, token: &str, body: Value) -> Value {
    let r = app.post(path, Some(token), body).await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap_or_default()
    );
    r.json().await.unwrap()
}

db_test!(
    async fn a_new_project_gets_the_phase_model_as_its_checklist_in_three_languages(app) {
        let t = team(&app, "Plan A").await;
        let list = checklist(&app, &t).await;
        let items = list["items"].as_array().unwrap();
        for phase in ["prepare", "plan", "implement", "sustain"] {
            let of: Vec<_> = items.iter().filter(|i| i["phase"] == phase).collect();
            assert_eq!(of.iter().filter(|i| i["kind"] == "goal").count(), 1, "{phase}");
            assert!(of.iter().filter(|i| i["kind"] == "core_element").count() >= 2);
            assert!(of.iter().filter(|i| i["kind"] == "success_factor").count() >= 3);
            assert_eq!(completion(&list, phase)["percent"], 0);
        }
        let readiness = items.iter().find(|i| i["key"] == "prepare.core.readiness").unwrap();
        assert!(readiness["title"]["nb"].as_str().unwrap().starts_with("Endringsberedskapen er vurdert"));
        assert!(readiness["title"]["nn"].as_str().unwrap().contains("evna tenesta har"));
        assert!(readiness["title"]["en"].as_str().unwrap().starts_with("Readiness is assessed"));
        assert_eq!(readiness["status"], "not_started");
        // Phases come in order: every prepare item before the first plan item.
        let first_plan = items.iter().position(|i| i["phase"] == "plan").unwrap();
        assert!(items[..first_plan].iter().all(|i| i["phase"] == "prepare"));
    }
);

db_test!(
    async fn marking_items_done_or_not_relevant_moves_the_phase_completion(app) {
        let t = team(&app, "Plan B").await;
        let list = checklist(&app, &t).await;
        let total = completion(&list, "prepare")["total"].as_i64().unwrap();
        assert_eq!(total, 6);
        let core = item(&list, "prepare", "core_element");
        let path = format!("/v1/checklist-items/{}", core["id"].as_str().unwrap());
        let body = json!({"status": "done", "evidence": "Mulighetsstudie vedtatt i kommunestyret",
            "evidence_links": ["https://kommune.no/sak/2026-12"], "responsible_id": t.ids[2]});
        let r = put(&app, &path, &t.leader, Some(&tag(&core)), body.clone()).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap_or_default());
        let done: Value = r.json().await.unwrap();
        assert_eq!(done["status"], "done");
        assert_eq!(done["evidence_links"], json!(["https://kommune.no/sak/2026-12"]));
        assert_eq!(done["responsible_id"], t.ids[2].as_str());
        assert!(done["responsible_name"].as_str().is_some());
        assert!(done["updated_by_name"].as_str().is_some(), "who changed it is shown");

        let list = checklist(&app, &t).await;
        assert_eq!(completion(&list, "prepare")["done"], 1);
        assert_eq!(completion(&list, "prepare")["percent"], 100 / 6);

        // Not relevant needs a reason, and then leaves the count of relevant items.
        let sf = item(&list, "prepare", "success_factor");
        let sf_path = format!("/v1/checklist-items/{}", sf["id"].as_str().unwrap());
        let r = put(&app, &sf_path, &t.owner, Some(&tag(&sf)), json!({"status": "not_relevant"})).await;
        let p = assert_problem(r, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "not_relevant_reason");
        let r = put(&app, &sf_path, &t.owner, Some(&tag(&sf)), json!({"status": "not_relevant", "not_relevant_reason": "Dekket av regionalt nettverk"})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let list = checklist(&app, &t).await;
        assert_eq!(completion(&list, "prepare")["not_relevant"], 1);
        assert_eq!(completion(&list, "prepare")["percent"], 100 / 5);

        // The phase history reports the same completion.
        let h: Value = app.get(&format!("/v1/projects/{}/phase-history", t.project), &t.agent).await.json().await.unwrap();
        let prepare = h["checklist"].as_array().unwrap().iter().find(|c| c["phase"] == "prepare").unwrap().clone();
        assert_eq!(prepare["percent"], 20);
        assert_eq!(prepare["done"], 1);
    }
);

db_test!(
    async fn checklist_updates_are_checked_and_never_lost(app) {
        let t = team(&app, "Plan C").await;
        let list = checklist(&app, &t).await;
        let goal = item(&list, "plan", "goal");
        let path = format!("/v1/checklist-items/{}", goal["id"].as_str().unwrap());
        let ok = json!({"status": "in_progress"});
        assert_problem(put(&app, &path, &t.leader, None, ok.clone()).await, 428, "precondition_required").await;
        assert_problem(put(&app, &path, &t.leader, Some("\"99\""), ok.clone()).await, 412, "precondition_failed").await;
        // Every bad field is named at once.
        let bad = json!({"status": "done", "evidence_links": ["javascript:alert(1)"], "title": "Renamed"});
        let p = assert_problem(put(&app, &path, &t.leader, Some(&tag(&goal)), bad).await, 422, "validation").await;
        let fields: Vec<_> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect();
        assert!(fields.contains(&"evidence_links[0]".to_owned()), "{fields:?}");
        assert!(fields.contains(&"title".to_owned()), "seeded titles are not editable: {fields:?}");
        // A responsible person must be a member of the project.
        let sys = app.admin_token().await;
        let (_, other_admin) = app.org_with_admin(&sys, "Elsewhere").await;
        let me: Value = app.get("/v1/me", &other_admin).await.json().await.unwrap();
        let r = put(&app, &path, &t.leader, Some(&tag(&goal)), json!({"status": "in_progress", "responsible_id": me["id"]})).await;
        let p = assert_problem(r, 422, "validation").await;
        assert_eq!(p["errors"][0]["code"], "not_a_member");
        // Nothing of the failed writes landed.
        let list = checklist(&app, &t).await;
        let again = list["items"].as_array().unwrap().iter().find(|i| i["id"] == goal["id"]).unwrap();
        assert_eq!(again["status"], "not_started");
        assert_eq!(again["version"], goal["version"]);
        // Read-only roles.
        for token in [&t.steer, &t.agent] {
            assert_problem(put(&app, &path, token, Some(&tag(&goal)), ok.clone()).await, 403, "forbidden").await;
        }
        // The phase model's items cannot be deleted.
        assert_problem(delete(&app, &path, &t.leader).await, 409, "managed_by_varig").await;
    }
);

db_test!(
    async fn the_project_adds_renames_and_deletes_its_own_items(app) {
        let t = team(&app, "Plan D").await;
        let local = create(&app, &format!("/v1/projects/{}/checklist", t.project), &t.leader, json!({"phase": "prepare", "title": "Avklare personvern"})).await;
        assert_eq!(local["kind"], "local");
        assert_eq!(local["title"]["nb"], "Avklare personvern");
        assert_eq!(local["title"]["en"], "Avklare personvern");
        let list = checklist(&app, &t).await;
        assert_eq!(completion(&list, "prepare")["total"], 7);
        let prepare: Vec<_> = list["items"].as_array().unwrap().iter().filter(|i| i["phase"] == "prepare").collect();
        assert_eq!(prepare.last().unwrap()["id"], local["id"], "local items come after the model's");
        let path = format!("/v1/checklist-items/{}", local["id"].as_str().unwrap());
        let r = put(&app, &path, &t.leader, Some(&tag(&local)), json!({"status": "done", "title": "Avklare personvern med DPO"})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let renamed: Value = r.json().await.unwrap();
        assert_eq!(renamed["title"]["nn"], "Avklare personvern med DPO");
        assert_eq!(delete(&app, &path, &t.leader).await.status(), StatusCode::NO_CONTENT);
        assert_problem(delete(&app, &path, &t.leader).await, 404, "not_found").await;
        assert_eq!(completion(&checklist(&app, &t).await, "prepare")["total"], 6);
        // Every change is in the audit log.
        let audit: Value = app.get("/v1/audit?limit=200", &t.admin).await.json().await.unwrap();
        let actions: Vec<_> = audit["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_owned()).collect();
        for a in ["checklist_item.create", "checklist_item.update", "checklist_item.delete"] {
            assert!(actions.contains(&a.to_owned()), "{a} in {actions:?}");
        }
    }
);

db_test!(
    async fn milestones_past_their_due_date_are_overdue_until_done(app) {
        let t = team(&app, "Plan E").await;
        let yesterday = (chrono::Utc::now() - chrono::Duration::days(2)).date_naive().to_string();
        let next_month = (chrono::Utc::now() + chrono::Duration::days(30)).date_naive().to_string();
        let path = format!("/v1/projects/{}/milestones", t.project);
        let late = create(&app, &path, &t.leader, json!({"phase": "prepare", "title": "Beredskapsvurdering", "due_date": yesterday, "responsible_id": t.ids[2]})).await;
        assert_eq!(late["overdue"], true);
        assert_eq!(late["status"], "planned");
        let future = create(&app, &path, &t.owner, json!({"phase": "plan", "title": "Implementeringsplan", "due_date": next_month})).await;
        assert_eq!(future["overdue"], false);
        let page: Value = app.get(&format!("{path}?phase=prepare"), &t.agent).await.json().await.unwrap();
        assert_eq!(page["items"].as_array().unwrap().len(), 1);
        assert_eq!(page["items"][0]["overdue"], true);
        assert!(page["items"][0]["responsible_name"].as_str().is_some());
        let mpath = format!("/v1/milestones/{}", late["id"].as_str().unwrap());
        let mut body = json!({"phase": "prepare", "title": "Beredskapsvurdering", "due_date": yesterday, "status": "done"});
        let r = put(&app, &mpath, &t.leader, Some(&tag(&late)), body.clone()).await;
        assert_eq!(r.status(), StatusCode::OK);
        let done: Value = r.json().await.unwrap();
        assert_eq!(done["overdue"], false);
        assert!(done["completed_at"].as_str().is_some());
        body["due_date"] = json!("2026-02-30");
        let r = put(&app, &mpath, &t.leader, Some(&tag(&done)), body).await;
        assert_eq!(r.status().as_u16(), 400, "an impossible date is refused");
        assert_problem(app.post(&path, Some(&t.leader), json!({"phase": "prepare", "title": " ", "due_date": next_month})).await, 422, "validation").await;
        assert_problem(app.post(&path, Some(&t.agent), json!({"phase": "prepare", "title": "X", "due_date": next_month})).await, 403, "forbidden").await;
    }
);

db_test!(
    async fn goals_form_a_tree_from_effect_goals_down(app) {
        let t = team(&app, "Plan F").await;
        let path = format!("/v1/projects/{}/goals", t.project);
        let effect = create(&app, &path, &t.leader, json!({"level": "effect", "title": "Barn og unge opplever god psykisk helse"})).await;
        let result = create(&app, &path, &t.leader, json!({"level": "result", "parent_id": effect["id"], "title": "Alle enheter bruker stafettloggen", "description": "Målt kvartalsvis"})).await;
        let process = create(&app, &path, &t.leader, json!({"level": "process", "parent_id": result["id"], "title": "Månedlige nettverkssamlinger"})).await;
        let sub = create(&app, &path, &t.leader, json!({"level": "sub", "parent_id": process["id"], "title": "Første samling holdt"})).await;
        let subsub = create(&app, &path, &t.leader, json!({"level": "sub", "parent_id": sub["id"], "title": "Invitasjon sendt"})).await;
        assert_eq!(subsub["parent_id"], sub["id"]);
        // Wrong levels are refused with a reason.
        let r = app.post(&path, Some(&t.leader), json!({"level": "effect", "parent_id": effect["id"], "title": "X"})).await;
        assert_eq!(assert_problem(r, 422, "validation").await["errors"][0]["field"], "parent_id");
        let r = app.post(&path, Some(&t.leader), json!({"level": "result", "parent_id": process["id"], "title": "X"})).await;
        assert_problem(r, 422, "validation").await;
        // A goal cannot move below its own sub-goal.
        let r = put(&app, &format!("/v1/goals/{}", sub["id"].as_str().unwrap()), &t.leader, Some(&tag(&sub)), json!({"level": "sub", "parent_id": subsub["id"], "title": "Første samling holdt"})).await;
        assert_eq!(assert_problem(r, 422, "validation").await["errors"][0]["code"], "invalid_parent");
        // A goal of another project is no parent.
        let other = team(&app, "Plan F2").await;
        let foreign = create(&app, &format!("/v1/projects/{}/goals", other.project), &other.leader, json!({"level": "effect", "title": "Y"})).await;
        let r = app.post(&path, Some(&t.leader), json!({"level": "result", "parent_id": foreign["id"], "title": "X"})).await;
        assert_eq!(assert_problem(r, 422, "validation").await["errors"][0]["code"], "not_found");
        // A goal with sub-goals stays until they are gone.
        let epath = format!("/v1/goals/{}", effect["id"].as_str().unwrap());
        assert_problem(delete(&app, &epath, &t.leader).await, 409, "in_use").await;
        let page: Value = app.get(&path, &t.agent).await.json().await.unwrap();
        assert_eq!(page["items"].as_array().unwrap().len(), 5);
        assert_eq!(delete(&app, &format!("/v1/goals/{}", subsub["id"].as_str().unwrap()), &t.owner).await.status(), StatusCode::NO_CONTENT);
        // Another organisation does not see the goals at all.
        assert_problem(app.get(&path, &other.admin).await, 404, "not_found").await;
    }
);

db_test!(
    async fn readiness_rounds_collect_answers_from_several_members(app) {
        let t = team(&app, "Plan G").await;
        let q: Value = app.get("/v1/readiness/questionnaire", &t.agent).await.json().await.unwrap();
        assert_eq!(q["items"].as_array().unwrap().len(), 10);
        assert_eq!(q["scale"].as_array().unwrap().len(), 5);
        assert_eq!(q["scale"][4]["nn"], "Heilt samd");
        let path = format!("/v1/projects/{}/readiness-assessments", t.project);
        let round = create(&app, &path, &t.leader, json!({"title": "Beredskap høst 2026"})).await;
        assert_eq!(round["status"], "open");
        assert_eq!(round["result"]["respondents"], 0);
        assert!(round["result"]["domains"][0].get("mean").is_none(), "no data is not zero");
        assert_problem(app.post(&path, Some(&t.leader), json!({"title": "Another"})).await, 409, "round_open_exists").await;
        let answer = format!("/v1/readiness-assessments/{}/response", round["id"].as_str().unwrap());
        let r = put(&app, &answer, &t.agent, None, full_answers(5)).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap_or_default());
        let r = put(&app, &answer, &t.steer, None, full_answers(2)).await;
        let after: Value = r.json().await.unwrap();
        assert_eq!(after["result"]["respondents"], 2);
        assert_eq!(after["my_answers"].as_array().unwrap().len(), 10);
        let commitment = &after["result"]["domains"][0];
        assert_eq!(commitment["domain"], "change_commitment");
        assert_eq!(commitment["mean"], 3.5);
        assert_eq!(commitment["spread"], 2.12);
        assert_eq!(commitment["answers"], 10);
        // Answering again replaces the earlier answers.
        let after: Value = put(&app, &answer, &t.steer, None, full_answers(4)).await.json().await.unwrap();
        assert_eq!(after["result"]["respondents"], 2);
        assert_eq!(after["result"]["domains"][1]["mean"], 4.5);
        // An incomplete response is refused and changes nothing.
        let mut partial = full_answers(1);
        partial["answers"].as_array_mut().unwrap().pop();
        let p = assert_problem(put(&app, &answer, &t.steer, None, partial).await, 422, "validation").await;
        assert_eq!(p["errors"][0]["code"], "missing_item");
        // Closed rounds take no answers; the result shows on the next gate request.
        let close = format!("/v1/readiness-assessments/{}/close", round["id"].as_str().unwrap());
        assert_problem(app.post(&close, Some(&t.agent), json!({})).await, 403, "forbidden").await;
        let closed: Value = app.post(&close, Some(&t.leader), json!({})).await.json().await.unwrap();
        assert_eq!(closed["status"], "closed");
        assert_problem(put(&app, &answer, &t.owner, None, full_answers(3)).await, 409, "round_closed").await;
        let r = app.post(&format!("/v1/projects/{}/gate-requests", t.project), Some(&t.leader), json!({"target": "plan", "summary": "Klar"})).await;
        let g: Value = r.json().await.unwrap();
        assert_eq!(g["evidence"]["readiness"]["respondents"], 2);
        assert_eq!(g["evidence"]["readiness"]["domains"][1]["mean"], 4.5);
        assert_eq!(g["evidence"]["readiness_title"], "Beredskap høst 2026");
    }
);

db_test!(
    async fn a_gate_request_freezes_the_checklist_and_milestones_of_the_phase(app) {
        let t = team(&app, "Plan H").await;
        let list = checklist(&app, &t).await;
        let core = item(&list, "prepare", "core_element");
        let r = put(&app, &format!("/v1/checklist-items/{}", core["id"].as_str().unwrap()), &t.leader, Some(&tag(&core)), json!({"status": "done", "evidence": "Vedtak"})).await;
        assert_eq!(r.status(), StatusCode::OK);
        create(&app, &format!("/v1/projects/{}/milestones", t.project), &t.leader, json!({"phase": "prepare", "title": "Vedtak", "due_date": "2026-01-01"})).await;
        create(&app, &format!("/v1/projects/{}/milestones", t.project), &t.leader, json!({"phase": "plan", "title": "Later", "due_date": "2027-06-01"})).await;
        let r = app.post(&format!("/v1/projects/{}/gate-requests", t.project), Some(&t.leader), json!({"target": "plan", "summary": "Klar"})).await;
        let g: Value = r.json().await.unwrap();
        let ev = &g["evidence"];
        assert_eq!(ev["checklist"].as_array().unwrap().len(), 6, "the prepare items only");
        let frozen = ev["checklist"].as_array().unwrap().iter().find(|i| i["id"] == core["id"]).unwrap();
        assert_eq!(frozen["status"], "done");
        assert_eq!(frozen["evidence"], "Vedtak");
        assert_eq!(ev["milestones"].as_array().unwrap().len(), 1);
        assert_eq!(ev["milestones"][0]["overdue"], true);
        assert_eq!(ev["completion"][0]["done"], 1);
        assert!(ev["readiness"].is_null(), "no readiness round yet");
        // Later changes do not touch the frozen evidence.
        let list = checklist(&app, &t).await;
        let core_now = list["items"].as_array().unwrap().iter().find(|i| i["id"] == core["id"]).unwrap().clone();
        put(&app, &format!("/v1/checklist-items/{}", core["id"].as_str().unwrap()), &t.leader, Some(&tag(&core_now)), json!({"status": "in_progress"})).await;
        let g2: Value = app.get(&format!("/v1/gate-requests/{}", g["id"].as_str().unwrap()), &t.owner).await.json().await.unwrap();
        assert_eq!(g2["evidence"], g["evidence"]);
    }
);

db_test!(
    async fn planning_tools_score_risks_and_suggest_stakeholder_handling(app) {
        let t = team(&app, "Plan I").await;
        let risks = format!("/v1/projects/{}/risks", t.project);
        let risk = create(&app, &risks, &t.leader, json!({"title": "Turnover blant endringsagenter", "probability": 4, "consequence": 5, "owner_id": t.ids[2], "mitigation": "Rekrutter to per enhet"})).await;
        assert_eq!((risk["score"].as_i64(), risk["level"].as_str(), risk["status"].as_str()), (Some(20), Some("high"), Some("open")));
        let r = app.post(&risks, Some(&t.leader), json!({"title": "X", "probability": 0, "consequence": 6})).await;
        let p = assert_problem(r, 422, "validation").await;
        let fields: Vec<_> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect();
        assert_eq!(fields, vec!["probability", "consequence"]);
        let rpath = format!("/v1/risks/{}", risk["id"].as_str().unwrap());
        let closed: Value = put(&app, &rpath, &t.owner, Some(&tag(&risk)), json!({"title": "Turnover", "probability": 2, "consequence": 3, "status": "closed"})).await.json().await.unwrap();
        assert_eq!((closed["score"].as_i64(), closed["level"].as_str()), (Some(6), Some("medium")));
        assert!(closed.get("owner_id").is_none(), "a replace without owner clears it");
        let open: Value = app.get(&format!("{risks}?status=open"), &t.agent).await.json().await.unwrap();
        assert!(open["items"].as_array().unwrap().is_empty());

        let s = create(&app, &format!("/v1/projects/{}/stakeholders", t.project), &t.leader, json!({"name": "Rektorene", "influence": "high", "affected": "low", "attitude": "sceptical", "measures": "Egne møter hver måned"})).await;
        assert_eq!(s["strategy"], "keep_satisfied");
        let r = app.post(&format!("/v1/projects/{}/stakeholders", t.project), Some(&t.leader), json!({"name": "X", "influence": "huge", "affected": "low", "attitude": "neutral"})).await;
        assert_eq!(r.status().as_u16(), 400, "an unknown degree is a bad request");

        let barriers = format!("/v1/projects/{}/barriers", t.project);
        let b = create(&app, &barriers, &t.leader, json!({"level": "individual", "description": "Usikkerhet om egen rolle", "strength": 4, "resistance": "cant", "strategy": "Veiledning", "responsible_id": t.ids[0]})).await;
        assert_eq!((b["kind"].as_str(), b["resistance"].as_str()), (Some("barrier"), Some("cant")));
        create(&app, &barriers, &t.leader, json!({"level": "organisation", "kind": "facilitator", "description": "Sterk ledelse", "strength": 5})).await;
        let r = app.post(&barriers, Some(&t.leader), json!({"level": "team", "description": "", "strength": 9})).await;
        assert_eq!(assert_problem(r, 422, "validation").await["errors"].as_array().unwrap().len(), 2);
        let page: Value = app.get(&format!("{barriers}?level=individual"), &t.steer).await.json().await.unwrap();
        assert_eq!(page["items"].as_array().unwrap().len(), 1);
        assert_problem(app.post(&barriers, Some(&t.steer), json!({"level": "team", "description": "X", "strength": 1})).await, 403, "forbidden").await;
    }
);

db_test!(
    async fn an_archived_projects_plan_is_read_only(app) {
        let t = team(&app, "Plan J").await;
        let list = checklist(&app, &t).await;
        let goal = item(&list, "prepare", "goal");
        let r = app.post(&format!("/v1/projects/{}/archive", t.project), Some(&t.owner), json!({})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let r = put(&app, &format!("/v1/checklist-items/{}", goal["id"].as_str().unwrap()), &t.leader, Some(&tag(&goal)), json!({"status": "done"})).await;
        assert_problem(r, 409, "project_not_active").await;
        let r = app.post(&format!("/v1/projects/{}/risks", t.project), Some(&t.leader), json!({"title": "X", "probability": 1, "consequence": 1})).await;
        assert_problem(r, 409, "project_not_active").await;
        assert_eq!(checklist(&app, &t).await["items"].as_array().unwrap().len(), list["items"].as_array().unwrap().len());
    }
);
