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

async fn series_of(app: &TestApp, t: &Team, kind: &str) -> Value {
    let list: Value = app
        .get(
            &format!("/v1/projects/{}/meeting-series", t.project),
            &t.leader,
        )
        .await
        .json()
        .await
        .unwrap();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == kind)
        .unwrap()
        .clone()
}

/// Confirms the standard series of `kind`, starting on `start`.
async fn confirm(app: &TestApp, t: &Team, kind: &str, start: &str) -> String {
    let s = series_of(app, t, kind).await;
    let mut body = strip(s.clone());
    body["status"] = json!("confirmed");
    body["start_date"] = json!(start);
    let id = s["id"].as_str().unwrap().to_owned();
    let r = app
        .req(
            Method::PUT,
            &format!("/v1/meeting-series/{id}"),
            Some(&t.leader),
        )
        .header("If-Match", format!("\"{}\"", s["version"]))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    id
}

async fn record(
    app: &TestApp,
    token: &str,
    series: &str,
    date: &str,
    body: Value,
) -> reqwest::Response {
    let path = format!("/v1/meeting-series/{series}/meetings/{date}");
    let tag = app.etag(&path, token).await;
    app.req(Method::PUT, &path, Some(token))
        .header("If-Match", tag)
        .json(&body)
        .send()
        .await
        .unwrap()
}

db_test!(
    async fn minutes_with_a_decision_and_an_action_reach_the_owners_list_and_carry_over(app) {
        let t = team(&app, "Møte C").await;
        let series = confirm(&app, &t, "owner_status", "2027-01-01").await;
        let m: Value = app.get(&format!("/v1/meeting-series/{series}/meetings/2027-01-05"), &t.owner).await.json().await.unwrap();
        assert_eq!(m["version"], 0);
        let keys: Vec<_> = m["agenda"].as_array().unwrap().iter().map(|i| i["key"].as_str().unwrap().to_owned()).collect();
        assert_eq!(keys, vec!["progress_status", "plan_ahead", "challenges", "uncertainty_risk", "resource_use"]);
        let mut agenda = m["agenda"].clone();
        agenda[0]["minutes"] = json!("Alle enheter har startet opplæring.");
        let r = record(&app, &t.leader, &series, "2027-01-05", json!({"status": "held", "agenda": agenda, "attendance": [t.ids[0], t.ids[2]],
            "decisions": ["Vi går videre med plan B"], "publish_minutes": true})).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap_or_default());
        let r = app.post(&format!("/v1/meeting-series/{series}/meetings/2027-01-05/actions"), Some(&t.leader),
            json!({"title": "Avklare budsjett for 2027", "responsible_id": t.ids[0], "due_date": "2027-01-20"})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let action: Value = r.json().await.unwrap();
        let m: Value = app.get(&format!("/v1/meeting-series/{series}/meetings/2027-01-05"), &t.owner).await.json().await.unwrap();
        assert_eq!(m["status"], "held");
        assert_eq!(m["held_on"], "2027-01-05");
        assert_eq!(m["decisions"], json!(["Vi går videre med plan B"]));
        assert_eq!(m["agenda"][0]["minutes"], "Alle enheter har startet opplæring.");
        assert!(m["minutes_published_at"].as_str().is_some());
        assert_eq!(m["actions"].as_array().unwrap().len(), 1);
        let html = app.get(&format!("/v1/meeting-series/{series}/meetings/2027-01-05/minutes.html"), &t.owner).await;
        assert!(html.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        let html = html.text().await.unwrap();
        assert!(html.contains("Vi går videre med plan B") && html.contains("Avklare budsjett for 2027"));
        assert!(html.contains("Alle enheter har startet opplæring."));
        // The owner finds it in "my actions"; the leader does not (not theirs).
        let mine: Value = app.get("/v1/me/actions", &t.owner).await.json().await.unwrap();
        assert_eq!(mine["items"].as_array().unwrap().len(), 1);
        assert_eq!(mine["items"][0]["title"], "Avklare budsjett for 2027");
        let theirs: Value = app.get("/v1/me/actions", &t.leader).await.json().await.unwrap();
        assert!(theirs["items"].as_array().unwrap().is_empty());
        // February's meeting carries it over until it is done.
        let feb: Value = app.get(&format!("/v1/meeting-series/{series}/meetings/2027-02-02"), &t.leader).await.json().await.unwrap();
        assert_eq!(feb["carried_over"].as_array().unwrap().len(), 1);
        // The responsible person may not rewrite the action as a leader would.
        let aid = action["id"].as_str().unwrap();
        let r = app.req(Method::PUT, &format!("/v1/meeting-actions/{aid}"), Some(&t.owner)).header("If-Match", "\"1\"")
            .json(&json!({"title": "Noe annet", "responsible_id": t.ids[0], "due_date": "2027-01-20"})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "the owner is also a writer");
        let r = app.req(Method::PUT, &format!("/v1/meeting-actions/{aid}"), Some(&t.leader)).header("If-Match", "\"2\"")
            .json(&json!({"title": "Avklare budsjett for 2027", "responsible_id": t.ids[3], "due_date": "2027-01-20"})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let r = app.req(Method::PUT, &format!("/v1/meeting-actions/{aid}"), Some(&t.agent)).header("If-Match", "\"3\"")
            .json(&json!({"title": "Omdøpt av agenten", "responsible_id": t.ids[3], "due_date": "2027-01-20"})).send().await.unwrap();
        assert_problem(r, 403, "forbidden").await;
        let r = app.req(Method::PUT, &format!("/v1/meeting-actions/{aid}"), Some(&t.agent)).header("If-Match", "\"3\"")
            .json(&json!({"title": "Avklare budsjett for 2027", "responsible_id": t.ids[3], "due_date": "2027-01-20", "status": "done"})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "the responsible agent marks it done");
        let r = app.req(Method::PUT, &format!("/v1/meeting-actions/{aid}"), Some(&t.leader)).header("If-Match", "\"4\"")
            .json(&json!({"title": "Avklare budsjett for 2027", "responsible_id": t.ids[0], "due_date": "2027-01-20", "status": "open"})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let action: Value = r.json().await.unwrap();
        // The responsible owner marks it done.
        let r = app.req(Method::PUT, &format!("/v1/meeting-actions/{}", action["id"].as_str().unwrap()), Some(&t.owner))
            .header("If-Match", format!("\"{}\"", action["version"])).json(&json!({"title": "Avklare budsjett for 2027", "responsible_id": t.ids[0], "due_date": "2027-01-20", "status": "done"})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let mine: Value = app.get("/v1/me/actions", &t.owner).await.json().await.unwrap();
        assert!(mine["items"].as_array().unwrap().is_empty());
        // Done before a meeting far in the future: not carried there (done "now", before 2027).
        let later: Value = app.get(&format!("/v1/meeting-series/{series}/meetings/2027-03-02"), &t.leader).await.json().await.unwrap();
        assert!(later["carried_over"].as_array().unwrap().is_empty());
        // A change agent does not read the owner's status meetings.
        assert_problem(app.get(&format!("/v1/meeting-series/{series}/meetings/2027-01-05"), &t.agent).await, 403, "forbidden").await;
        assert_problem(app.get(&format!("/v1/meeting-series/{series}/meetings"), &t.agent).await, 403, "forbidden").await;
        // Another organisation sees nothing.
        let other = team(&app, "Møte C2").await;
        assert_problem(app.get(&format!("/v1/meeting-series/{series}/meetings/2027-01-05"), &other.admin).await, 404, "not_found").await;
    }
);

db_test!(
    async fn recording_checks_and_adherence_from_what_was_recorded(app) {
        let t = team(&app, "Møte D").await;
        let today = chrono::Utc::now().date_naive();
        let start = today - chrono::Duration::days(8 * 7);
        let series = confirm(&app, &t, "project_meeting", &start.to_string()).await;
        let list: Value = app.get(&format!("/v1/meeting-series/{series}/meetings?from={start}&to={today}"), &t.leader).await.json().await.unwrap();
        let dates: Vec<String> = list["items"].as_array().unwrap().iter().map(|m| m["date"].as_str().unwrap().to_owned()).collect();
        assert!(dates.len() >= 8, "{dates:?}");
        // A day without a meeting is no meeting; a moved one needs its day; a cancelled one a reason.
        // The day after a weekly meeting is never one (whatever weekday the series uses).
        let off_day = dates[0].parse::<chrono::NaiveDate>().unwrap() + chrono::Duration::days(1);
        let r = app.get(&format!("/v1/meeting-series/{series}/meetings/{off_day}"), &t.leader).await;
        assert_eq!(r.status().as_u16(), 404);
        let p = assert_problem(record(&app, &t.leader, &series, &dates[0], json!({"status": "moved"})).await, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "held_on");
        let p = assert_problem(record(&app, &t.leader, &series, &dates[0], json!({"status": "cancelled"})).await, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "cancel_reason");
        let r = app.req(Method::PUT, &format!("/v1/meeting-series/{series}/meetings/{}", dates[0]), Some(&t.leader)).header("If-Match", "\"7\"").json(&json!({"status": "held"})).send().await.unwrap();
        assert_problem(r, 412, "precondition_failed").await;
        let r = app.req(Method::PUT, &format!("/v1/meeting-series/{series}/meetings/{}", dates[0]), Some(&t.agent)).header("If-Match", "\"0\"").json(&json!({"status": "held"})).send().await.unwrap();
        assert_problem(r, 403, "forbidden").await;

        // Held, moved within ±3 days, cancelled, and the rest never recorded.
        let d0: chrono::NaiveDate = dates[0].parse().unwrap();
        assert_eq!(record(&app, &t.leader, &series, &dates[0], json!({"status": "held", "publish_minutes": true})).await.status(), StatusCode::OK);
        assert_eq!(record(&app, &t.leader, &series, &dates[1], json!({"status": "moved", "held_on": (d0 + chrono::Duration::days(9)).to_string()})).await.status(), StatusCode::OK);
        assert_eq!(record(&app, &t.leader, &series, &dates[2], json!({"status": "cancelled", "cancel_reason": "Vinterferie"})).await.status(), StatusCode::OK);
        let a: Value = app.get(&format!("/v1/projects/{}/adherence", t.project), &t.steer).await.json().await.unwrap();
        let weekly = a["series"].as_array().unwrap().iter().find(|s| s["kind"] == "project_meeting").unwrap().clone();
        assert_eq!(weekly["tolerance_days"], 3);
        assert_eq!(weekly["held_on_time"], 2);
        assert_eq!(weekly["held"], 2);
        assert_eq!(weekly["minutes_on_time"], 0, "minutes published today, weeks after the meeting, are late");
        let expected = weekly["expected"].as_i64().unwrap();
        assert!(expected >= 7, "{weekly}");
        assert_eq!(weekly["missed_streak"].as_i64().unwrap(), expected - 2, "everything after the second meeting was missed");
        assert_eq!(a["expected"], weekly["expected"], "only confirmed series count");
    }
);

async fn feed(app: &TestApp, token: &str, body: Value) -> String {
    let r = app.post("/v1/calendar-feeds", Some(token), body).await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap_or_default()
    );
    let v: Value = r.json().await.unwrap();
    v["path"]
        .as_str()
        .unwrap()
        .trim_start_matches("/api")
        .to_owned()
}

db_test!(
    async fn calendar_feeds_list_ones_meetings_in_utc_and_rotate(app) {
        let t = team(&app, "Møte E").await;
        let today = chrono::Utc::now().date_naive();
        confirm(&app, &t, "owner_status", &today.to_string()).await;
        let path = feed(&app, &t.owner, json!({"project_id": t.project})).await;
        let r = app.req(Method::GET, &path, None).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
        let ics = r.text().await.unwrap();
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        let starts: Vec<&str> = ics.lines().filter(|l| l.starts_with("DTSTART:")).collect();
        assert!(starts.len() >= 11, "a year of monthly meetings: {starts:?}");
        // 10:00 in Oslo is 09:00Z in winter and 08:00Z in summer.
        assert!(starts.iter().all(|s| s.ends_with("T090000Z") || s.ends_with("T080000Z")), "{starts:?}");
        assert!(starts.iter().any(|s| s.ends_with("T090000Z")) && starts.iter().any(|s| s.ends_with("T080000Z")));
        assert!(ics.contains("SUMMARY:Statusmøte prosjekteier"));
        // The change agent does not take part in the owner's meetings: their feed is empty.
        let agent = feed(&app, &t.agent, json!({"project_id": t.project})).await;
        let agent_ics = app.req(Method::GET, &agent, None).send().await.unwrap().text().await.unwrap();
        assert!(!agent_ics.contains("BEGIN:VEVENT"));
        // Rotating stops the old URL.
        let newer = feed(&app, &t.owner, json!({"project_id": t.project})).await;
        assert_eq!(app.req(Method::GET, &path, None).send().await.unwrap().status(), StatusCode::NOT_FOUND);
        assert_eq!(app.req(Method::GET, &newer, None).send().await.unwrap().status(), StatusCode::OK);
        // The personal feed is separate and keeps working.
        let personal = feed(&app, &t.owner, json!({})).await;
        let all = app.req(Method::GET, &personal, None).send().await.unwrap().text().await.unwrap();
        assert!(all.contains("BEGIN:VEVENT"));
        assert_eq!(app.req(Method::GET, &newer, None).send().await.unwrap().status(), StatusCode::OK);
        assert_eq!(app.req(Method::GET, "/v1/calendar-feeds/vcal_nope/calendar.ics", None).send().await.unwrap().status(), StatusCode::NOT_FOUND);
        // Only members get a project feed.
        let p = assert_problem(app.post("/v1/calendar-feeds", Some(&t.admin), json!({"project_id": t.project})).await, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "project_id");
    }
);

db_test!(
    async fn a_steering_group_meeting_takes_up_a_gate_request_and_the_recommendation_shows_it(app) {
        let t = team(&app, "Møte F").await;
        let steering = confirm(&app, &t, "steering_group", "2027-01-01").await;
        let owner_status = confirm(&app, &t, "owner_status", "2027-01-01").await;
        let r = app.post(&format!("/v1/projects/{}/gate-requests", t.project), Some(&t.leader), json!({"target": "plan", "summary": "Klar"})).await;
        let gate: Value = r.json().await.unwrap();
        let path = format!("/v1/gate-requests/{}/recommendations", gate["id"].as_str().unwrap());
        // Second Wednesday of January 2027 is a steering-group meeting; the 5th is not.
        let wrong_day = json!({"recommendation": "support", "meeting": {"series_id": steering, "date": "2027-01-05"}});
        let p = assert_problem(app.post(&path, Some(&t.steer), wrong_day).await, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "meeting");
        let wrong_series = json!({"recommendation": "support", "meeting": {"series_id": owner_status, "date": "2027-01-05"}});
        assert_problem(app.post(&path, Some(&t.steer), wrong_series).await, 422, "validation").await;
        let r = app.post(&path, Some(&t.steer), json!({"recommendation": "support", "comment": "Tatt opp i møtet",
            "meeting": {"series_id": steering, "date": "2027-01-13"}})).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap_or_default());
        let g: Value = app.get(&format!("/v1/gate-requests/{}", gate["id"].as_str().unwrap()), &t.owner).await.json().await.unwrap();
        assert_eq!(g["recommendations"][0]["meeting"], json!({"series_id": steering, "date": "2027-01-13"}));
    }
);
