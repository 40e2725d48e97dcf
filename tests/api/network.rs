//! The change-agent network through the API: structure and units, scope, agents and their
//! status, coverage with gaps, and field reports (idempotent, visibility, feed, export).

use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::*;

async fn put(app: &TestApp, path: &str, token: &str, tag: &str, body: Value) -> Response {
    app.req(Method::PUT, path, Some(token))
        .header("If-Match", tag)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn json_of(r: Response) -> Value {
    let status = r.status();
    let text = r.text().await.unwrap();
    assert!(status.is_success(), "{status}: {text}");
    serde_json::from_str(&text).unwrap()
}

async fn unit(app: &TestApp, token: &str, body: Value) -> String {
    app.create("/v1/units", token, body).await
}

async fn set_scope(app: &TestApp, t: &Team, units: &[&str], weeks: i32) -> Value {
    let path = format!("/v1/projects/{}/network", t.project);
    let tag = app.etag(&path, &t.leader).await;
    json_of(
        put(
            app,
            &path,
            &t.leader,
            &tag,
            json!({"unit_ids": units, "silent_after_weeks": weeks}),
        )
        .await,
    )
    .await
}

async fn agents(app: &TestApp, t: &Team) -> Value {
    json_of(
        app.get(
            &format!("/v1/projects/{}/change-agents", t.project),
            &t.leader,
        )
        .await,
    )
    .await
}

async fn move_agent(app: &TestApp, t: &Team, body: Value) -> Response {
    let a = &agents(app, t).await["items"][0];
    let tag = format!("\"{}\"", a["version"]);
    put(
        app,
        &format!("/v1/change-agents/{}", a["id"].as_str().unwrap()),
        &t.leader,
        &tag,
        body,
    )
    .await
}

fn report(unit: &str, date: &str) -> Value {
    json!({"id": Uuid::new_v4(), "date": date, "unit_id": unit, "activity": "information_meeting",
           "people_reached": 14, "stage": "understanding", "successes": "God stemning"})
}

async fn file(app: &TestApp, t: &Team, token: &str, body: &Value) -> Response {
    app.post(
        &format!("/v1/projects/{}/reports", t.project),
        Some(token),
        body.clone(),
    )
    .await
}

fn days_ago(n: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::days(n))
        .date_naive()
        .to_string()
}

db_test!(
    async fn the_organisation_defines_levels_and_dimensions_and_units_follow_them(app) {
        let t = team(&app, "Net A").await;
        let me: Value = app.get("/v1/me", &t.admin).await.json().await.unwrap();
        let org = me["organisation_id"].as_str().unwrap().to_owned();
        let path = format!("/v1/organisations/{org}/structure");
        let r = app.get(&path, &t.agent).await;
        let tag = r.headers()["etag"].to_str().unwrap().to_owned();
        let default: Value = r.json().await.unwrap();
        assert_eq!(default["levels"][0]["key"], "top_management");
        assert_eq!(default["dimensions"][0]["values"][2]["name"], "Helsestasjon");
        let structure = json!({
            "levels": [{"key": "top", "name": "Rådmannens ledergruppe"}, {"key": "area", "name": "Kommunalområde"}, {"key": "unit", "name": "Enhet"}],
            "dimensions": [
                {"key": "sector", "name": "Sektor", "values": [{"key": "school", "name": "Skole"}, {"key": "kindergarten", "name": "Barnehage"}]},
                {"key": "region", "name": "Region", "values": [{"key": "north", "name": "Nord"}, {"key": "south", "name": "Sør"}]}
            ]});
        assert_problem(put(&app, &path, &t.leader, &tag, structure.clone()).await, 403, "forbidden").await;
        let bad = json!({"levels": [{"key": "Top Level", "name": "X"}], "dimensions": []});
        let p = assert_problem(put(&app, &path, &t.admin, &tag, bad).await, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "levels[0].key");
        let s = json_of(put(&app, &path, &t.admin, &tag, structure.clone()).await).await;
        assert_eq!(s["version"], 2);
        assert_problem(put(&app, &path, &t.admin, &tag, structure.clone()).await, 412, "precondition_failed").await;

        let area = unit(&app, &t.admin, json!({"name": "Oppvekst", "level": "area"})).await;
        let school = unit(&app, &t.admin, json!({"name": "Nord skole", "level": "unit", "parent_id": area,
            "dimensions": [{"dimension": "sector", "value": "school"}, {"dimension": "region", "value": "north"}]})).await;
        let r = app.post("/v1/units", Some(&t.admin), json!({"name": "X", "level": "area", "parent_id": school})).await;
        assert_eq!(assert_problem(r, 422, "validation").await["errors"][0]["code"], "invalid_parent");
        let r = app.post("/v1/units", Some(&t.admin), json!({"name": "X", "level": "unit", "dimensions": [{"dimension": "sector", "value": "hospital"}]})).await;
        assert_eq!(assert_problem(r, 422, "validation").await["errors"][0]["code"], "unknown_value");
        // A value in use cannot be dropped from the structure.
        let mut fewer = structure.clone();
        fewer["dimensions"][1]["values"] = json!([{"key": "south", "name": "Sør"}]);
        let r = put(&app, &path, &t.admin, "\"2\"", fewer).await;
        let p = assert_problem(r, 409, "in_use").await;
        assert!(p["detail"].as_str().unwrap().contains("region=north"), "{p}");
        // Units are the organisation's own.
        let other = team(&app, "Net A2").await;
        assert_problem(app.get(&format!("/v1/units/{school}"), &other.admin).await, 404, "not_found").await;
        let listed: Value = app.get("/v1/units?level=unit", &t.agent).await.json().await.unwrap();
        assert_eq!(listed["items"].as_array().unwrap().len(), 1);
        // A unit of another organisation cannot be put in scope.
        let foreign = unit(&app, &other.admin, json!({"name": "Fremmed", "level": "unit"})).await;
        let npath = format!("/v1/projects/{}/network", t.project);
        let tag = app.etag(&npath, &t.leader).await;
        let r = put(&app, &npath, &t.leader, &tag, json!({"unit_ids": [school, foreign], "silent_after_weeks": 4})).await;
        assert_eq!(assert_problem(r, 422, "validation").await["errors"][0]["field"], "unit_ids[1]");
    }
);

db_test!(
    async fn coverage_shows_active_agents_per_level_and_sector_and_the_gaps(app) {
        let t = team(&app, "Net B").await;
        let area = unit(&app, &t.admin, json!({"name": "Oppvekst", "level": "service_area"})).await;
        let school = unit(&app, &t.admin, json!({"name": "Nord skole", "level": "unit", "parent_id": area, "dimensions": [{"dimension": "sector", "value": "school"}]})).await;
        let kinder = unit(&app, &t.admin, json!({"name": "Sør barnehage", "level": "unit", "parent_id": area, "dimensions": [{"dimension": "sector", "value": "kindergarten"}]})).await;
        set_scope(&app, &t, &[&area, &school, &kinder], 4).await;
        let cov = json_of(app.get(&format!("/v1/projects/{}/coverage", t.project), &t.agent).await).await;
        assert_eq!((cov["units_in_scope"].as_i64(), cov["covered_units"].as_i64()), (Some(3), Some(0)));
        assert_eq!(cov["unit_percent"], 0);
        assert_eq!(cov["gaps"].as_array().unwrap().len(), 3);
        // A nominated agent at the school does not cover it yet; an active one does.
        let r = move_agent(&app, &t, json!({"status": "trained", "unit_ids": [school]})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let cov = json_of(app.get(&format!("/v1/projects/{}/coverage", t.project), &t.agent).await).await;
        assert_eq!(cov["covered_units"], 0);
        let r = move_agent(&app, &t, json!({"status": "active", "unit_ids": [school]})).await;
        let a = json_of(r).await;
        let statuses: Vec<_> = a["history"].as_array().unwrap().iter().map(|h| h["status"].as_str().unwrap().to_owned()).collect();
        assert_eq!(statuses, vec!["nominated", "trained", "active"]);
        let cov = json_of(app.get(&format!("/v1/projects/{}/coverage", t.project), &t.agent).await).await;
        assert_eq!((cov["covered_units"].as_i64(), cov["active_agents"].as_i64()), (Some(1), Some(1)));
        assert_eq!(cov["unit_percent"], 33);
        let gaps: Vec<_> = cov["gaps"].as_array().unwrap().iter().map(|g| g["unit_name"].as_str().unwrap().to_owned()).collect();
        assert_eq!(gaps, vec!["Oppvekst", "Sør barnehage"]);
        // Levels present: service_area and unit; covered: unit.
        assert_eq!(cov["vertical_percent"], 50);
        let sector = &cov["dimensions"][0];
        let school_cell = sector["cells"].as_array().unwrap().iter().find(|c| c["key"] == "school").unwrap();
        assert_eq!((school_cell["units_in_scope"].as_i64(), school_cell["active_agents"].as_i64()), (Some(1), Some(1)));
        assert_eq!(cov["horizontal_percent"], 50, "school covered, kindergarten not");
        // Going back is refused; so is a unit outside the scope.
        let r = move_agent(&app, &t, json!({"status": "recruited", "unit_ids": [school]})).await;
        assert_eq!(assert_problem(r, 422, "validation").await["errors"][0]["code"], "illegal_transition");
        let outside = unit(&app, &t.admin, json!({"name": "Utenfor", "level": "unit"})).await;
        let r = move_agent(&app, &t, json!({"status": "active", "unit_ids": [outside]})).await;
        assert_eq!(assert_problem(r, 422, "validation").await["errors"][0]["code"], "not_in_scope");
        // Training and coaching add up.
        let id = agents(&app, &t).await["items"][0]["id"].as_str().unwrap().to_owned();
        for (kind, hours) in [("training", 6.0), ("coaching", 1.5)] {
            let r = app.post(&format!("/v1/change-agents/{id}/training"), Some(&t.leader), json!({"date": "2026-10-01", "kind": kind, "hours": hours, "given_by": "RKBU Nord"})).await;
            assert_eq!(r.status(), StatusCode::CREATED);
        }
        let r = app.post(&format!("/v1/change-agents/{id}/training"), Some(&t.leader), json!({"date": "2026-10-01", "kind": "training", "hours": 0, "given_by": ""})).await;
        assert_eq!(assert_problem(r, 422, "validation").await["errors"].as_array().unwrap().len(), 2);
        assert_eq!(agents(&app, &t).await["items"][0]["training_hours"], 7.5);
        let list = json_of(app.get(&format!("/v1/change-agents/{id}/training"), &t.agent).await).await;
        assert_eq!(list["items"].as_array().unwrap().len(), 2);
    }
);

db_test!(
    async fn a_report_replayed_three_times_even_concurrently_is_stored_once(app) {
        let t = team(&app, "Net C").await;
        let school = unit(&app, &t.admin, json!({"name": "Nord skole", "level": "unit"})).await;
        set_scope(&app, &t, &[&school], 4).await;
        let body = report(&school, &days_ago(1));
        let first = file(&app, &t, &t.agent, &body).await;
        assert_eq!(first.status(), StatusCode::CREATED);
        let first: Value = first.json().await.unwrap();
        let again = file(&app, &t, &t.agent, &body).await;
        assert_eq!(again.status(), StatusCode::OK, "a replay answers with the original");
        assert_eq!(again.json::<Value>().await.unwrap(), first);
        // A replay that differs (edited offline) still answers with what was stored.
        let mut changed = body.clone();
        changed["people_reached"] = json!(99);
        let r: Value = file(&app, &t, &t.agent, &changed).await.json().await.unwrap();
        assert_eq!(r["people_reached"], 14);
        // Three copies of a new report at once: one is stored, all get it back.
        let fresh = report(&school, &days_ago(2));
        let (a, b, c) = tokio::join!(
            file(&app, &t, &t.agent, &fresh),
            file(&app, &t, &t.agent, &fresh),
            file(&app, &t, &t.agent, &fresh)
        );
        let mut statuses = vec![a.status().as_u16(), b.status().as_u16(), c.status().as_u16()];
        statuses.sort_unstable();
        assert_eq!(statuses[0], 200);
        assert!(statuses.iter().all(|s| *s == 200 || *s == 201), "{statuses:?}");
        assert!(statuses.iter().filter(|s| **s == 201).count() <= 1, "{statuses:?}");
        let feed = json_of(app.get(&format!("/v1/projects/{}/reports", t.project), &t.leader).await).await;
        let ids: Vec<_> = feed["items"].as_array().unwrap().iter().map(|r| r["id"].clone()).collect();
        assert_eq!(ids.len(), 2, "{ids:?}");
        assert!(ids.contains(&fresh["id"]) && ids.contains(&body["id"]));
        // The same id from someone else is a conflict, not a silent overwrite.
        assert_problem(file(&app, &t, &t.leader, &body).await, 409, "already_exists").await;
    }
);

db_test!(
    async fn a_burst_of_reports_from_many_phones_is_stored_whole_and_once(app) {
        // Phones syncing their outboxes at once: on SQLite the server commits such a burst
        // together, so one report that fails must not take the others with it.
        let t = team(&app, "Net burst").await;
        let school = unit(&app, &t.admin, json!({"name": "Nord skole", "level": "unit"})).await;
        let kinder = unit(&app, &t.admin, json!({"name": "Sør barnehage", "level": "unit"})).await;
        let outside = unit(&app, &t.admin, json!({"name": "Utenfor", "level": "unit"})).await;
        set_scope(&app, &t, &[&school, &kinder], 4).await;
        let earlier = report(&school, &days_ago(5));
        assert_eq!(file(&app, &t, &t.agent, &earlier).await.status(), StatusCode::CREATED);
        let url = format!("{}/api/v1/projects/{}/reports", app.address, t.project);
        let mut sent = vec![];
        for i in 0..30 {
            let (token, unit) = if i % 2 == 0 { (&t.agent, &school) } else { (&t.leader, &kinder) };
            sent.push((token.clone(), report(unit, &days_ago(i % 7)), 201));
        }
        sent.push((t.agent.clone(), report(&outside, &days_ago(1)), 422));
        sent.push((t.owner.clone(), report(&school, &days_ago(1)), 403));
        sent.push((t.agent.clone(), earlier.clone(), 200));
        let mut burst = tokio::task::JoinSet::new();
        for (i, (token, body, _)) in sent.iter().enumerate() {
            let (client, url, token, body) = (app.client.clone(), url.clone(), token.clone(), body.clone());
            burst.spawn(async move {
                let r = client.post(url).bearer_auth(token).json(&body).send().await.unwrap();
                (i, r.status().as_u16(), r.json::<Value>().await.unwrap())
            });
        }
        let mut answers = burst.join_all().await;
        answers.sort_by_key(|(i, _, _)| *i);
        for ((i, status, answer), (_, body, expected)) in answers.iter().zip(&sent) {
            assert_eq!(status, expected, "report {i}: {answer}");
            if *status < 300 {
                assert_eq!(answer["id"], body["id"], "report {i}");
                let unit_name = if body["unit_id"] == json!(school) { "Nord skole" } else { "Sør barnehage" };
                assert_eq!(answer["unit_name"], unit_name, "report {i}");
                assert!(answer["agent_name"].as_str().is_some_and(|n| !n.is_empty()), "report {i}");
            }
        }
        let feed = json_of(app.get(&format!("/v1/projects/{}/reports?limit=100", t.project), &t.leader).await).await;
        let mut stored: Vec<_> = feed["items"].as_array().unwrap().iter().map(|r| r["id"].clone()).collect();
        stored.sort_by_key(|v| v.to_string());
        let mut wanted: Vec<_> = sent.iter().filter(|(_, _, s)| *s == 201).map(|(_, b, _)| b["id"].clone()).collect();
        wanted.push(earlier["id"].clone());
        wanted.sort_by_key(|v| v.to_string());
        assert_eq!(stored, wanted, "every accepted report once, nothing else");
        // An archived project takes no new reports, but a replay still gets its original.
        let r = app.post(&format!("/v1/projects/{}/archive", t.project), Some(&t.owner), json!({})).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_problem(file(&app, &t, &t.agent, &report(&school, &days_ago(1))).await, 409, "project_not_active").await;
        assert_eq!(file(&app, &t, &t.agent, &earlier).await.status(), StatusCode::OK);
    }
);

db_test!(
    async fn a_change_to_the_scope_or_the_team_applies_to_the_very_next_report(app) {
        // Filing is checked from a few seconds' cache; a change made meanwhile must not wait.
        let t = team(&app, "Net fresh").await;
        let school = unit(&app, &t.admin, json!({"name": "Nord skole", "level": "unit"})).await;
        let kinder = unit(&app, &t.admin, json!({"name": "Sør barnehage", "level": "unit"})).await;
        set_scope(&app, &t, &[&school, &kinder], 4).await;
        for _ in 0..2 {
            assert_eq!(file(&app, &t, &t.agent, &report(&school, &days_ago(1))).await.status(), StatusCode::CREATED);
        }
        // The unit leaves the scope: refused at once, then back in: accepted at once.
        set_scope(&app, &t, &[&kinder], 4).await;
        let p = assert_problem(file(&app, &t, &t.agent, &report(&school, &days_ago(1))).await, 422, "validation").await;
        assert_eq!(p["errors"][0]["code"], "not_in_scope");
        set_scope(&app, &t, &[&school, &kinder], 4).await;
        assert_eq!(file(&app, &t, &t.agent, &report(&school, &days_ago(1))).await.status(), StatusCode::CREATED);
        // A renamed unit is named anew in the next answer.
        let path = format!("/v1/units/{school}");
        let tag = app.etag(&path, &t.admin).await;
        json_of(put(&app, &path, &t.admin, &tag, json!({"name": "Nordlys skole", "level": "unit"})).await).await;
        let filed = json_of(file(&app, &t, &t.agent, &report(&school, &days_ago(1))).await).await;
        assert_eq!(filed["unit_name"], "Nordlys skole");
        // The agent leaves the project: their next report is refused.
        let members = json_of(app.get(&format!("/v1/projects/{}/members", t.project), &t.leader).await).await;
        let mine = members["items"].as_array().unwrap().iter().find(|m| m["user_id"] == json!(t.ids[3])).unwrap();
        let r = app.post(&format!("/v1/memberships/{}/archive", mine["id"].as_str().unwrap()), Some(&t.leader), json!({})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let r = file(&app, &t, &t.agent, &report(&school, &days_ago(1))).await;
        assert!(matches!(r.status().as_u16(), 403 | 404), "{}", r.status());
        let feed = json_of(app.get(&format!("/v1/projects/{}/reports", t.project), &t.leader).await).await;
        assert_eq!(feed["items"].as_array().unwrap().len(), 4);
    }
);

db_test!(
    async fn one_bad_report_in_a_group_does_not_take_the_others_with_it(app) {
        use varig_backend::entities::field_report;
        use varig_backend::reports::writer::{write_group, Written};
        let t = team(&app, "Net group").await;
        let school = unit(&app, &t.admin, json!({"name": "Nord skole", "level": "unit"})).await;
        set_scope(&app, &t, &[&school], 4).await;
        let earlier = report(&school, &days_ago(3));
        assert_eq!(file(&app, &t, &t.agent, &earlier).await.status(), StatusCode::CREATED);
        let row = |id: &str, project: &str| field_report::Model {
            id: id.to_owned(),
            project_id: project.to_owned(),
            received_id: Uuid::now_v7().to_string(),
            agent_user_id: t.ids[3].clone(),
            date: chrono::Utc::now().date_naive(),
            unit_id: school.clone(),
            activity: varig_types::Activity::Coaching,
            people_reached: 3,
            stage: varig_types::ReactionStage::TryingOut,
            resistance: None,
            barriers: "[]".into(),
            successes: String::new(),
            support_needed: String::new(),
            created_at: chrono::Utc::now(),
        };
        let good: Vec<_> = (0..4).map(|_| row(&Uuid::new_v4().to_string(), &t.project)).collect();
        // A project that does not exist: the group's statement fails on its foreign key.
        let bad = row(&Uuid::new_v4().to_string(), &Uuid::new_v4().to_string());
        let twin = good[0].clone();
        let existing = row(earlier["id"].as_str().unwrap(), &t.project);
        let group: Vec<(&field_report::Model, Option<&varig_backend::entities::outbox_event::Model>)> =
            good.iter().chain([&bad, &twin, &existing]).map(|r| (r, None)).collect();
        let written = write_group(&app.state.db, &group).await;
        let kinds: Vec<_> = written.iter().map(|w| w.as_ref().ok().copied()).collect();
        assert_eq!(
            kinds,
            vec![Some(Written::Stored), Some(Written::Stored), Some(Written::Stored), Some(Written::Stored),
                 None, Some(Written::AlreadyThere), Some(Written::AlreadyThere)]
        );
        let feed = json_of(app.get(&format!("/v1/projects/{}/reports", t.project), &t.leader).await).await;
        let items = feed["items"].as_array().unwrap();
        assert_eq!(items.len(), 5, "the four good ones and the earlier report, once each");
        let kept = items.iter().find(|r| r["id"] == earlier["id"]).unwrap();
        assert_eq!(kept["people_reached"], 14, "an existing report is not overwritten");
    }
);

db_test!(
    async fn reports_are_checked_and_agents_see_only_their_own(app) {
        let t = team(&app, "Net D").await;
        let school = unit(&app, &t.admin, json!({"name": "Nord skole", "level": "unit"})).await;
        let kinder = unit(&app, &t.admin, json!({"name": "Sør barnehage", "level": "unit"})).await;
        let outside = unit(&app, &t.admin, json!({"name": "Utenfor", "level": "unit"})).await;
        set_scope(&app, &t, &[&school, &kinder], 4).await;
        let mut bad = report(&outside, &days_ago(1));
        bad["stage"] = json!("resistance");
        bad["people_reached"] = json!(-3);
        let p = assert_problem(file(&app, &t, &t.agent, &bad).await, 422, "validation").await;
        let fields: Vec<_> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect();
        assert_eq!(fields, vec!["people_reached", "resistance", "unit_id"]);
        assert_problem(file(&app, &t, &t.owner, &report(&school, &days_ago(1))).await, 403, "forbidden").await;

        let mut resist = report(&kinder, &days_ago(40));
        resist["stage"] = json!("resistance");
        resist["resistance"] = json!("wont");
        resist["activity"] = json!("coaching");
        resist["barriers"] = json!([{"level": "team", "text": "Ikke tid i personalmøtet"}]);
        assert_eq!(file(&app, &t, &t.agent, &resist).await.status(), StatusCode::CREATED);
        assert_eq!(file(&app, &t, &t.agent, &report(&school, &days_ago(3))).await.status(), StatusCode::CREATED);
        assert_eq!(file(&app, &t, &t.leader, &report(&school, &days_ago(2))).await.status(), StatusCode::CREATED);

        let base = format!("/v1/projects/{}/reports", t.project);
        let mine = json_of(app.get(&base, &t.agent).await).await;
        assert_eq!(mine["items"].as_array().unwrap().len(), 2, "the agent sees their own two");
        for token in [&t.leader, &t.owner, &t.steer] {
            let all = json_of(app.get(&base, token).await).await;
            assert_eq!(all["items"].as_array().unwrap().len(), 3);
        }
        let feed = json_of(app.get(&base, &t.leader).await).await;
        assert!(feed["items"][0]["agent_name"].as_str().is_some_and(|n| !n.is_empty()));
        assert_eq!(feed["items"][2]["id"], resist["id"], "newest received first");
        let by = |q: &str| {
            let app = &app;
            let path = format!("{base}?{q}");
            let token = t.leader.clone();
            async move { json_of(app.get(&path, &token).await).await["items"].as_array().unwrap().len() }
        };
        assert_eq!(by(&format!("unit={kinder}")).await, 1);
        assert_eq!(by("stage=resistance").await, 1);
        assert_eq!(by("activity=information_meeting").await, 2);
        assert_eq!(by(&format!("from={}", days_ago(10))).await, 2);
        assert_eq!(by(&format!("to={}", days_ago(10))).await, 1);
        assert_eq!(by(&format!("agent={}", t.ids[3])).await, 2);
        assert_eq!(by("limit=1").await, 1);
        // Paging walks the whole feed once.
        let page1 = json_of(app.get(&format!("{base}?limit=2"), &t.leader).await).await;
        let cursor = page1["next_cursor"].as_str().unwrap();
        let page2 = json_of(app.get(&format!("{base}?limit=2&cursor={cursor}"), &t.leader).await).await;
        assert_eq!(page2["items"].as_array().unwrap().len(), 1);
        assert!(page2.get("next_cursor").is_none());

        // CSV export with the same filters and visibility.
        let r = app.get(&format!("{base}.csv?stage=resistance"), &t.leader).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let csv = r.text().await.unwrap();
        let lines: Vec<_> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("id,date,agent,unit,activity"));
        assert!(lines[1].contains("\"wont\"") && lines[1].contains("team: Ikke tid i personalmøtet"));
        let agent_csv = app.get(&format!("{base}.csv"), &t.agent).await.text().await.unwrap();
        assert_eq!(agent_csv.split("\r\n").filter(|l| !l.is_empty()).count(), 3);

        // Reactions per unit and month, for the leader; not for agents.
        let reactions = json_of(app.get(&format!("/v1/projects/{}/reactions", t.project), &t.leader).await).await;
        let kinder_points: Vec<_> = reactions["items"].as_array().unwrap().iter().filter(|p| p["unit_name"] == "Sør barnehage").collect();
        assert_eq!(kinder_points.len(), 1);
        assert_eq!(kinder_points[0]["counts"], json!([{"stage": "resistance", "count": 1}]));
        assert_problem(app.get(&format!("/v1/projects/{}/reactions", t.project), &t.agent).await, 403, "forbidden").await;
        // Another organisation sees nothing.
        let other = team(&app, "Net D2").await;
        assert_problem(app.get(&base, &other.admin).await, 404, "not_found").await;
    }
);

db_test!(
    async fn active_agents_without_recent_reports_are_flagged_silent(app) {
        let t = team(&app, "Net E").await;
        let school = unit(&app, &t.admin, json!({"name": "Nord skole", "level": "unit"})).await;
        set_scope(&app, &t, &[&school], 4).await;
        let a = &agents(&app, &t).await["items"][0];
        assert_eq!((a["status"].as_str(), a["silent"].as_bool()), (Some("nominated"), Some(false)));
        let r = move_agent(&app, &t, json!({"status": "active", "on": days_ago(90), "unit_ids": [school]})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let a = &agents(&app, &t).await["items"][0];
        assert_eq!(a["silent"], true, "active for 90 days without a report");
        assert_eq!(file(&app, &t, &t.agent, &report(&school, &days_ago(35))).await.status(), StatusCode::CREATED);
        let a = agents(&app, &t).await["items"][0].clone();
        assert_eq!(a["reports"], 1);
        assert_eq!(a["last_report_on"], days_ago(35));
        assert_eq!(a["silent"], true, "35 days is more than 4 weeks");
        let silent_only = json_of(app.get(&format!("/v1/projects/{}/change-agents?silent=true", t.project), &t.leader).await).await;
        assert_eq!(silent_only["items"].as_array().unwrap().len(), 1);
        set_scope(&app, &t, &[&school], 6).await;
        assert_eq!(agents(&app, &t).await["items"][0]["silent"], false, "the threshold is the project's");
        assert_eq!(file(&app, &t, &t.agent, &report(&school, &days_ago(0))).await.status(), StatusCode::CREATED);
        set_scope(&app, &t, &[&school], 1).await;
        assert_eq!(agents(&app, &t).await["items"][0]["silent"], false);
        let r = move_agent(&app, &t, json!({"status": "inactive", "unit_ids": []})).await;
        assert_eq!(json_of(r).await["silent"], false, "inactive agents are not expected to report");
    }
);
