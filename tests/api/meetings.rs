//! Meeting series through the API: the proposed standard series, confirming one, the
//! schedule across daylight saving, and checks.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

fn strip(mut s: Value) -> Value {
    for k in [
        "id",
        "project_id",
        "tolerance_days",
        "created_at",
        "updated_at",
        "version",
    ] {
        s.as_object_mut().unwrap().remove(k);
    }
    s
}

db_test!(
    async fn a_new_project_is_proposed_the_standard_cadence_and_confirmed_series_make_the_schedule(app) {
        let t = team(&app, "Møte A").await;
        let list: Value = app.get(&format!("/v1/projects/{}/meeting-series", t.project), &t.agent).await.json().await.unwrap();
        let items = list["items"].as_array().unwrap();
        let kinds: Vec<_> = items.iter().map(|s| s["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, vec!["project_meeting", "owner_status", "steering_group"]);
        assert!(items.iter().all(|s| s["status"] == "proposed"));
        assert_eq!(items[1]["participant_roles"], json!(["owner", "leader"]));
        let sched: Value = app.get(&format!("/v1/projects/{}/schedule?from=2027-01-01&to=2027-03-31", t.project), &t.agent).await.json().await.unwrap();
        assert!(sched["items"].as_array().unwrap().is_empty(), "proposed series plan nothing");

        // The leader confirms the monthly owner meeting: first Tuesday, 10:00 Oslo time.
        let owner_status = items[1].clone();
        let mut body = strip(owner_status.clone());
        body["status"] = json!("confirmed");
        let path = format!("/v1/meeting-series/{}", owner_status["id"].as_str().unwrap());
        let r = app.req(Method::PUT, &path, Some(&t.leader)).header("If-Match", format!("\"{}\"", owner_status["version"])).json(&body).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let sched: Value = app.get(&format!("/v1/projects/{}/schedule?from=2027-03-01&to=2027-04-30", t.project), &t.agent).await.json().await.unwrap();
        let starts: Vec<_> = sched["items"].as_array().unwrap().iter().map(|m| m["starts_at"].as_str().unwrap().to_owned()).collect();
        // 2 March is winter time (UTC+1), 6 April summer time (UTC+2): both 10:00 in Oslo.
        assert_eq!(starts, vec!["2027-03-02T09:00:00+00:00", "2027-04-06T08:00:00+00:00"]);
        assert_eq!(sched["items"][0]["ends_at"], "2027-03-02T10:00:00+00:00");

        // A weekly working group added by the owner joins the schedule.
        let r = app.post(&format!("/v1/projects/{}/meeting-series", t.project), Some(&t.owner), json!({
            "kind": "working_group", "title": "Arbeidsgruppe", "recurrence": {"kind": "weekly", "weekday": "thursday", "interval": 2},
            "start_date": "2027-03-01", "time_of_day": "14:00", "duration_minutes": 90, "participant_ids": [t.ids[3]]})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let sched: Value = app.get(&format!("/v1/projects/{}/schedule?from=2027-03-01&to=2027-03-31", t.project), &t.steer).await.json().await.unwrap();
        let titles: Vec<_> = sched["items"].as_array().unwrap().iter().map(|m| m["date"].as_str().unwrap().to_owned()).collect();
        assert_eq!(titles, vec!["2027-03-02", "2027-03-04", "2027-03-18"]);
    }
);

db_test!(
    async fn bad_series_are_refused_field_by_field(app) {
        let t = team(&app, "Møte B").await;
        let path = format!("/v1/projects/{}/meeting-series", t.project);
        let r = app.post(&path, Some(&t.leader), json!({
            "kind": "other", "title": "X", "recurrence": {"kind": "monthly_nth_weekday", "weekday": "friday", "nth": 7},
            "start_date": "2027-01-01", "time_of_day": "9am", "duration_minutes": 1000, "time_zone": "Mars/Olympus"})).await;
        let p = assert_problem(r, 422, "validation").await;
        let fields: Vec<_> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect();
        assert_eq!(fields, vec!["recurrence.nth", "time_of_day", "duration_minutes", "time_zone"]);
        let r = app.post(&path, Some(&t.agent), json!({"kind": "other", "title": "X", "recurrence": {"kind": "weekly", "weekday": "monday"},
            "start_date": "2027-01-01", "time_of_day": "09:00", "duration_minutes": 30})).await;
        assert_problem(r, 403, "forbidden").await;
        let r = app.get(&format!("/v1/projects/{}/schedule?from=2027-01-01&to=2029-01-01", t.project), &t.leader).await;
        assert_problem(r, 422, "validation").await;
        let other = team(&app, "Møte B2").await;
        assert_problem(app.get(&path, &other.admin).await, 404, "not_found").await;
    }
);
