//! Indicators, measurements, the sustainability self-assessment, the fade risk and the
//! dashboard through the API.

use chrono::{Datelike, Months, NaiveDate};
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

use crate::access_matrix::{full_ratings, indicator_body};
use crate::helpers::*;

async fn json_of(r: Response) -> Value {
    let status = r.status();
    let text = r.text().await.unwrap();
    assert!(status.is_success(), "{status}: {text}");
    serde_json::from_str(&text).unwrap()
}

fn today() -> NaiveDate {
    varig_backend::plan::rules::today_in_oslo(chrono::Utc::now())
}

/// The first day of the month `offset` months from this one (Europe/Oslo).
fn month(offset: i32) -> NaiveDate {
    let first = today().with_day(1).unwrap();
    if offset >= 0 {
        first + Months::new(offset as u32)
    } else {
        first - Months::new((-offset) as u32)
    }
}

async fn measure(
    app: &TestApp,
    token: &str,
    indicator: &str,
    period: NaiveDate,
    value: f64,
) -> Response {
    app.post(
        &format!("/v1/indicators/{indicator}/measurements"),
        Some(token),
        json!({"period": period, "value": value}),
    )
    .await
}

async fn indicators(app: &TestApp, token: &str, project: &str) -> Vec<Value> {
    json_of(
        app.get(&format!("/v1/projects/{project}/indicators"), token)
            .await,
    )
    .await["items"]
        .as_array()
        .unwrap()
        .clone()
}

fn by_name<'a>(list: &'a [Value], name: &str) -> &'a Value {
    list.iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("{name} in {list:?}"))
}

db_test!(
    async fn a_measured_indicator_shows_rag_trend_and_overdue_periods_and_corrections_keep_history(app) {
        let t = team(&app, "Ind A").await;
        let mut body = indicator_body("Trained staff");
        body["start_date"] = json!(month(-6));
        body["responsible_id"] = json!(t.ids[3]);
        let ind = app.create(&format!("/v1/projects/{}/indicators", t.project), &t.leader, body).await;

        // Nothing measured yet: no data, and every past-due month is overdue.
        let list = indicators(&app, &t.steer, &t.project).await;
        let s = &by_name(&list, "Trained staff")["status"];
        assert_eq!(s["rag"], "no_data");
        assert_eq!(s["trend"], "no_data");
        assert!(s.get("latest_value").is_none());
        let late_last_month = today().day() > 14;
        let expected_overdue = 5 + usize::from(late_last_month); // m-6 … m-2 (+ m-1 after the 14th)
        assert_eq!(s["overdue_periods"].as_array().unwrap().len(), expected_overdue);

        // The responsible change agent records values; any day names its month.
        for (offset, value) in [(-6, 50.0), (-5, 70.0), (-3, 65.0)] {
            let r = measure(&app, &t.agent, &ind, month(offset) + chrono::Days::new(9), value).await;
            assert_eq!(r.status(), StatusCode::CREATED, "{}", r.text().await.unwrap());
        }
        let list = indicators(&app, &t.owner, &t.project).await;
        let s = &by_name(&list, "Trained staff")["status"];
        assert_eq!(s["latest_value"], 65.0);
        assert_eq!(s["latest_period"], json!(month(-3)));
        assert_eq!(s["rag"], "amber", "65 is between amber 60 and green 80");
        assert_eq!(s["trend"], "worsening", "65 after 70 when higher is better");
        let mut overdue = vec![json!(month(-4)), json!(month(-2))];
        if late_last_month {
            overdue.push(json!(month(-1)));
        }
        assert_eq!(s["overdue_periods"], json!(overdue));

        // A second value for a period is refused; corrections go through PUT.
        let r = measure(&app, &t.leader, &ind, month(-3), 99.0).await;
        assert_problem(r, 409, "already_exists").await;
        let r = measure(&app, &t.leader, &ind, month(1), 99.0).await;
        let p = assert_problem(r, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "period");
        // The steering group reads but does not record.
        assert_problem(measure(&app, &t.steer, &ind, month(-4), 1.0).await, 403, "forbidden").await;

        let listed = json_of(app.get(&format!("/v1/indicators/{ind}/measurements"), &t.steer).await).await;
        let items = listed["items"].as_array().unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0]["period_start"], json!(month(-6)));
        let third = items[2]["id"].as_str().unwrap().to_owned();
        let path = format!("/v1/measurements/{third}");
        let r = app.req(Method::PUT, &path, Some(&t.leader)).header("If-Match", "\"1\"")
            .json(&json!({"value": 82.0, "comment": "Counted the night shift too"})).send().await.unwrap();
        let corrected = json_of(r).await;
        assert_eq!(corrected["value"], 82.0);
        assert_eq!(corrected["version"], 2);
        assert_eq!(corrected["corrections"][0]["value"], 65.0);
        // A correction made on a stale read loses nothing: 412.
        let r = app.req(Method::PUT, &path, Some(&t.owner)).header("If-Match", "\"1\"")
            .json(&json!({"value": 10.0})).send().await.unwrap();
        assert_problem(r, 412, "precondition_failed").await;
        let m = json_of(app.get(&path, &t.steer).await).await;
        assert_eq!(m["value"], 82.0);
        assert_eq!(m["corrections"].as_array().unwrap().len(), 1);
        let list = indicators(&app, &t.owner, &t.project).await;
        let s = &by_name(&list, "Trained staff")["status"];
        assert_eq!((s["rag"].as_str(), s["trend"].as_str()), (Some("green"), Some("improving")));

        // The export has every current value.
        let r = app.get(&format!("/v1/projects/{}/measurements.csv", t.project), &t.steer).await;
        assert_eq!(r.status(), StatusCode::OK);
        let csv = r.text().await.unwrap();
        assert!(csv.starts_with("indicator,category,unit,period_start"));
        assert_eq!(csv.lines().count(), 4);
        assert!(csv.contains(&format!("\"Trained staff\",\"result_attainment\",\"%\",{},", month(-3))));
        assert!(csv.contains(",82,"));
    }
);

db_test!(
    async fn bad_definitions_are_refused_by_field_and_lose_nothing(app) {
        let t = team(&app, "Ind B").await;
        let path = format!("/v1/projects/{}/indicators", t.project);
        let mut body = indicator_body("");
        body["green_threshold"] = json!(50.0); // below amber 60 while higher is better
        body["unit"] = json!("x".repeat(41));
        body["goal_id"] = json!(uuid::Uuid::new_v4());
        let p = assert_problem(app.post(&path, Some(&t.leader), body).await, 422, "validation").await;
        let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        for f in ["name", "unit", "amber_threshold", "goal_id"] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
        let mut lower = indicator_body("Waiting days");
        lower["direction"] = json!("lower");
        lower["green_threshold"] = json!(10.0);
        lower["amber_threshold"] = json!(20.0);
        lower["responsible_id"] = json!(uuid::Uuid::new_v4());
        let p = assert_problem(app.post(&path, Some(&t.leader), lower.clone()).await, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "responsible_id");
        lower.as_object_mut().unwrap().remove("responsible_id");
        let id = app.create(&path, &t.leader, lower).await;
        let ind = json_of(app.get(&format!("/v1/indicators/{id}"), &t.agent).await).await;
        assert_eq!(ind["direction"], "lower");
        assert_eq!(ind["start_date"], json!(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()));
        assert_eq!(indicators(&app, &t.leader, &t.project).await.len(), 1);
        // Dates far outside the calendar Varig measures on are refused, not computed.
        let mut old = indicator_body("Ancient");
        old["start_date"] = json!("0100-01-01");
        let p = assert_problem(app.post(&path, Some(&t.leader), old).await, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "start_date");
        let p = assert_problem(measure(&app, &t.leader, &id, NaiveDate::from_ymd_opt(1999, 12, 31).unwrap(), 1.0).await, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "period");
        // A goal names an indicator of its own project only.
        let goals = format!("/v1/projects/{}/goals", t.project);
        let bogus = json!({"level": "effect", "title": "Shorter waits", "indicator_id": uuid::Uuid::new_v4()});
        let p = assert_problem(app.post(&goals, Some(&t.leader), bogus).await, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "indicator_id");
        app.create(&goals, &t.leader, json!({"level": "effect", "title": "Shorter waits", "indicator_id": id})).await;
        // Change agents read indicators but do not define them.
        assert_problem(app.post(&path, Some(&t.agent), indicator_body("Mine")).await, 403, "forbidden").await;
    }
);

db_test!(
    async fn computed_indicators_say_no_data_until_varig_has_data_and_take_no_measurements(app) {
        let t = team(&app, "Ind C").await;
        let path = format!("/v1/projects/{}/indicators", t.project);
        for source in ["meeting_adherence", "active_agent_share", "network_coverage", "reports_per_active_agent", "checklist_completion", "days_in_phase"] {
            let mut b = indicator_body(source);
            b["source"] = json!(source);
            app.create(&path, &t.leader, b).await;
        }
        let list = indicators(&app, &t.owner, &t.project).await;
        let value = |name: &str| by_name(&list, name)["status"].get("latest_value").cloned();
        // No confirmed meeting series, no unit in scope, no active agent: no data.
        for name in ["meeting_adherence", "network_coverage", "reports_per_active_agent"] {
            assert_eq!(value(name), None, "{name}");
            assert_eq!(by_name(&list, name)["status"]["rag"], "no_data", "{name}");
        }
        // One nominated agent, none active: a real 0 %.
        assert_eq!(value("active_agent_share"), Some(json!(0.0)));
        assert_eq!(value("checklist_completion"), Some(json!(0.0)));
        assert_eq!(value("days_in_phase"), Some(json!(0.0)));
        for i in &list {
            assert!(i["status"]["overdue_periods"].as_array().unwrap().is_empty());
        }
        let id = by_name(&list, "days_in_phase")["id"].as_str().unwrap().to_owned();
        assert_problem(measure(&app, &t.leader, &id, month(0), 3.0).await, 409, "managed_by_varig").await;

        // The snapshot records computed values as Varig's measurements and a fade-risk point.
        let n = varig_backend::dashboard::snapshot::run_once(&app.state.db, chrono::Utc::now()).await.unwrap();
        assert!(n >= 1);
        let m = json_of(app.get(&format!("/v1/indicators/{id}/measurements"), &t.agent).await).await;
        assert_eq!(m["items"][0]["source"], "varig");
        assert_eq!(m["items"][0]["period_start"], json!(month(0)));
        let h = json_of(app.get(&format!("/v1/projects/{}/fade-risk/history", t.project), &t.agent).await).await;
        assert_eq!(h["points"][0]["date"], json!(today()));
        // Taken twice on one day, it records one value and one point.
        varig_backend::dashboard::snapshot::run_once(&app.state.db, chrono::Utc::now()).await.unwrap();
        let m = json_of(app.get(&format!("/v1/indicators/{id}/measurements"), &t.agent).await).await;
        assert_eq!(m["items"].as_array().unwrap().len(), 1);
        let h = json_of(app.get(&format!("/v1/projects/{}/fade-risk/history", t.project), &t.agent).await).await;
        assert_eq!(h["points"].as_array().unwrap().len(), 1);
    }
);

async fn sround(app: &TestApp, t: &Team, ratings: &[(&str, i32)]) -> Value {
    let id = app
        .create(
            &format!("/v1/projects/{}/sustainability-assessments", t.project),
            &t.leader,
            json!({"title": "Round"}),
        )
        .await;
    for (token, score) in [(&t.owner, ratings[0].1), (&t.agent, ratings[1].1)] {
        let mut body = full_ratings(4);
        for r in body["ratings"].as_array_mut().unwrap() {
            if r["factor"] == ratings[0].0 {
                r["score"] = json!(score);
            }
        }
        let r = app
            .req(
                Method::PUT,
                &format!("/v1/sustainability-assessments/{id}/response"),
                Some(token),
            )
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    }
    json_of(
        app.post(
            &format!("/v1/sustainability-assessments/{id}/close"),
            Some(&t.owner),
            json!({}),
        )
        .await,
    )
    .await
}

db_test!(
    async fn sustainability_rounds_score_by_weight_and_a_falling_score_raises_the_fade_risk(app) {
        let t = team(&app, "Ind D").await;
        // Incomplete or out-of-range ratings are refused by field.
        let id = app.create(&format!("/v1/projects/{}/sustainability-assessments", t.project), &t.leader, json!({"title": "Baseline"})).await;
        let r = app.req(Method::PUT, &format!("/v1/sustainability-assessments/{id}/response"), Some(&t.agent))
            .json(&json!({"ratings": [{"factor": "benefits", "score": 5}, {"factor": "nope", "score": 2}]})).send().await.unwrap();
        let p = assert_problem(r, 422, "validation").await;
        let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, vec!["ratings[0].score", "ratings[1].factor"]);
        // One open round at a time.
        let r = app.post(&format!("/v1/projects/{}/sustainability-assessments", t.project), Some(&t.leader), json!({"title": "Again"})).await;
        assert_problem(r, 409, "round_open_exists").await;
        app.post(&format!("/v1/sustainability-assessments/{id}/close"), Some(&t.leader), json!({})).await;

        // Everything fully in place except infrastructure (weight 12): 4 and 2 → mean 3.
        let first = sround(&app, &t, &[("infrastructure", 4), ("infrastructure", 2)]).await;
        assert_eq!(first["result"]["respondents"], 2);
        assert_eq!(first["result"]["total"], 96.0);
        // It loses 4 of its 12 points: more than a fifth, so it pulls the score down.
        assert_eq!(first["result"]["pulling_down"], json!(["infrastructure"]));
        let risk = json_of(app.get(&format!("/v1/projects/{}/fade-risk", t.project), &t.owner).await).await;
        let sig = risk["signals"].as_array().unwrap().iter().find(|s| s["kind"] == "sustainability_falling").unwrap().clone();
        assert!(sig.get("value").is_none(), "one scored round is no trend yet: {sig}");

        // Then infrastructure falls to 1 from both: total 88, and it pulls the score down.
        let second = sround(&app, &t, &[("infrastructure", 1), ("infrastructure", 1)]).await;
        assert_eq!(second["result"]["total"], 88.0);
        assert_eq!(second["result"]["pulling_down"], json!(["infrastructure"]));
        let list = json_of(app.get(&format!("/v1/projects/{}/sustainability-assessments", t.project), &t.agent).await).await;
        let totals: Vec<Value> = list["items"].as_array().unwrap().iter().map(|r| r["result"].get("total").cloned().unwrap_or(Value::Null)).collect();
        assert_eq!(totals, vec![Value::Null, json!(96.0), json!(88.0)], "the history over time");
        let risk = json_of(app.get(&format!("/v1/projects/{}/fade-risk", t.project), &t.owner).await).await;
        let sig = risk["signals"].as_array().unwrap().iter().find(|s| s["kind"] == "sustainability_falling").unwrap().clone();
        assert_eq!(sig["value"], 8.0);
        assert_eq!(sig["triggered"], true);
        assert_eq!(sig["points"], 20.0);
        assert!(risk["score"].as_f64().unwrap() >= 20.0);

        // The project's own settings: the signal off, the score drops by its points.
        let path = format!("/v1/projects/{}/fade-risk/settings", t.project);
        let mut s = json_of(app.get(&path, &t.owner).await).await;
        for x in s["signals"].as_array_mut().unwrap() {
            if x["kind"] == "sustainability_falling" {
                x["weight"] = json!(0.0);
            }
        }
        let bad = json!({"signals": [], "medium_from": 70.0, "high_from": 50.0});
        let p = assert_problem(app.req(Method::PUT, &path, Some(&t.owner)).json(&bad).send().await.unwrap(), 422, "validation").await;
        assert!(p["errors"].as_array().unwrap().len() >= 2);
        assert_problem(app.req(Method::PUT, &path, Some(&t.steer)).json(&s).send().await.unwrap(), 403, "forbidden").await;
        json_of(app.req(Method::PUT, &path, Some(&t.owner)).json(&s).send().await.unwrap()).await;
        let after = json_of(app.get(&format!("/v1/projects/{}/fade-risk", t.project), &t.owner).await).await;
        let sig = after["signals"].as_array().unwrap().iter().find(|s| s["kind"] == "sustainability_falling").unwrap().clone();
        assert_eq!(sig["triggered"], false);
        assert_eq!(sig["value"], 8.0, "the data still shows");
    }
);

db_test!(
    async fn the_dashboard_and_the_organisation_overview_show_each_project_in_one_call(app) {
        let t = team(&app, "Ind E").await;
        let d = json_of(app.get(&format!("/v1/projects/{}/dashboard", t.project), &t.agent).await).await;
        assert_eq!(d["phase"], "prepare");
        assert_eq!(d["days_in_phase"], 0);
        assert_eq!(d["my_role"], "change_agent");
        assert_eq!(d["network"]["agents"], 1);
        assert_eq!(d["network"]["active_agents"], 0);
        assert!(d["network"].get("unit_percent").is_none(), "nothing in scope is no data");
        assert_eq!(d["meetings"]["expected"], 0);
        assert_eq!(d["indicators"], json!([]));
        assert_eq!(d["fade_risk"]["level"], "no_data");
        assert!(d.get("open_gate").is_none());

        // A gate request, an overdue milestone and a red indicator with an overdue month.
        let r = app.post(&format!("/v1/projects/{}/gate-requests", t.project), Some(&t.leader), json!({"target": "plan", "summary": "Klar"})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        app.create(&format!("/v1/projects/{}/milestones", t.project), &t.leader,
            json!({"phase": "prepare", "title": "Forankring", "due_date": month(-1)})).await;
        let mut b = indicator_body("Fidelity");
        b["start_date"] = json!(month(-4));
        let ind = app.create(&format!("/v1/projects/{}/indicators", t.project), &t.leader, b).await;
        measure(&app, &t.leader, &ind, month(-4), 30.0).await;
        let d = json_of(app.get(&format!("/v1/projects/{}/dashboard", t.project), &t.owner).await).await;
        assert_eq!(d["open_gate"]["target"], "plan");
        assert_eq!(d["overdue"]["milestones"], 1);
        assert!(d["overdue"]["measurements"].as_i64().unwrap() >= 2);
        assert_eq!(d["indicators"][0]["rag"], "red");
        assert_eq!(d["indicator_counts"]["red"], 1);
        let signals = d["fade_risk"]["signals"].as_array().unwrap();
        let off = signals.iter().find(|s| s["kind"] == "indicators_off_target").unwrap();
        assert_eq!((off["numerator"].as_i64(), off["denominator"].as_i64(), off["triggered"].as_bool()), (Some(1), Some(1), Some(true)));
        let overdue = signals.iter().find(|s| s["kind"] == "overdue_measurements").unwrap();
        assert_eq!(overdue["triggered"], true);
        assert_eq!(d["fade_risk"]["score"], 35.0, "20 + 15 of 100");
        // Meetings, agents and sustainability still have no data: three of five signals,
        // so the level says too little data rather than a risk computed from what is missing.
        assert_eq!(d["fade_risk"]["level"], "no_data");

        // The overview: the org admin sees every project, a member only their own.
        let me: Value = app.get("/v1/me", &t.admin).await.json().await.unwrap();
        let org = me["organisation_id"].as_str().unwrap().to_owned();
        let prog: Value = app.get("/v1/programmes", &t.admin).await.json().await.unwrap();
        let other = app.create_project(&t.admin, prog["items"][0]["id"].as_str().unwrap(), "Helt sjef").await;
        let all = json_of(app.get(&format!("/v1/organisations/{org}/overview"), &t.admin).await).await;
        assert_eq!(all["projects"].as_array().unwrap().len(), 2);
        let mine = json_of(app.get(&format!("/v1/organisations/{org}/overview"), &t.agent).await).await;
        let names: Vec<&str> = mine["projects"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
        assert_eq!(names, vec!["BTI"]);
        assert_problem(app.get(&format!("/v1/projects/{other}/dashboard"), &t.agent).await, 404, "not_found").await;
        let outsider = team(&app, "Ind E2").await;
        assert_problem(app.get(&format!("/v1/organisations/{org}/overview"), &outsider.admin).await, 404, "not_found").await;
    }
);

/// Dashboard calls answered with their query count.
async fn dashboard_queries(app: &TestApp, t: &Team) -> u32 {
    let path = format!("/v1/projects/{}/dashboard", t.project);
    let mut n = 0;
    // The second of two calls, so that any per-token cache is as warm as it gets.
    for _ in 0..2 {
        let r = app.get(&path, &t.owner).await;
        assert_eq!(r.status(), StatusCode::OK);
        n = r.headers()[varig_backend::query_count::HEADER]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
    }
    n
}

async fn grow(
    app: &TestApp,
    t: &Team,
    unit: &str,
    agents: usize,
    reports: usize,
    indicators: usize,
    periods: i32,
) {
    for i in 0..agents {
        let email = format!("agent{i}.{}@grow.test", uuid::Uuid::new_v4().simple());
        let (uid, token) = app
            .new_user(&t.admin, json!({"email": email}), &email)
            .await;
        app.add_member(&t.admin, &t.project, &uid, "change_agent")
            .await;
        activate_all(app, t, unit).await;
        for _ in 0..reports {
            let r = app.post(&format!("/v1/projects/{}/reports", t.project), Some(&token),
                json!({"id": uuid::Uuid::new_v4(), "date": today(), "unit_id": unit, "activity": "coaching", "people_reached": 3, "stage": "trying_out"})).await;
            assert_eq!(
                r.status(),
                StatusCode::CREATED,
                "{}",
                r.text().await.unwrap()
            );
        }
    }
    for i in 0..indicators {
        let mut b = indicator_body(&format!("Indicator {i} {}", uuid::Uuid::new_v4().simple()));
        b["start_date"] = json!(month(-periods));
        let id = app
            .create(
                &format!("/v1/projects/{}/indicators", t.project),
                &t.leader,
                b,
            )
            .await;
        for p in 0..periods {
            assert_eq!(
                measure(
                    app,
                    &t.leader,
                    &id,
                    month(-periods + p),
                    50.0 + f64::from(p)
                )
                .await
                .status(),
                StatusCode::CREATED
            );
        }
    }
    for _ in 0..2 {
        sround(app, t, &[("attitudes", 3), ("attitudes", 2)]).await;
    }
}

/// Every nominated agent through to active in `unit`.
async fn activate_all(app: &TestApp, t: &Team, unit: &str) {
    let list = json_of(
        app.get(
            &format!("/v1/projects/{}/change-agents", t.project),
            &t.leader,
        )
        .await,
    )
    .await;
    for a in list["items"].as_array().unwrap() {
        if a["status"] == "active" {
            continue;
        }
        let mut version = a["version"].as_i64().unwrap();
        for status in ["recruited", "trained", "active"] {
            let r = app
                .req(
                    Method::PUT,
                    &format!("/v1/change-agents/{}", a["id"].as_str().unwrap()),
                    Some(&t.leader),
                )
                .header("If-Match", format!("\"{version}\""))
                .json(&json!({"status": status, "unit_ids": [unit]}))
                .send()
                .await
                .unwrap();
            let v = json_of(r).await;
            version = v["version"].as_i64().unwrap();
        }
    }
}

async fn query_count_does_not_grow(backend: Backend) {
    if !requested(backend) {
        return;
    }
    let app = spawn_with(backend, |s| s.query_count = true).await;
    let t = team(&app, "Ind Q").await;
    let unit = unit_in_scope(&app, &t, "Nord skole").await;
    activate_all(&app, &t, &unit).await;
    grow(&app, &t, &unit, 1, 1, 1, 2).await;
    let small = dashboard_queries(&app, &t).await;
    grow(&app, &t, &unit, 3, 4, 4, 6).await;
    let large = dashboard_queries(&app, &t).await;
    let d = json_of(
        app.get(&format!("/v1/projects/{}/dashboard", t.project), &t.owner)
            .await,
    )
    .await;
    assert_eq!(d["network"]["active_agents"], 5, "the data did grow");
    assert_eq!(d["indicators"].as_array().unwrap().len(), 5);
    assert_eq!(
        small, large,
        "queries per dashboard call: {small} with little data, {large} with more"
    );
    assert!(small > 0);
}

#[tokio::test]
async fn the_dashboards_query_count_does_not_grow_with_the_data_sqlite() {
    query_count_does_not_grow(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_dashboards_query_count_does_not_grow_with_the_data_postgres() {
    query_count_does_not_grow(Backend::Postgres).await;
}
