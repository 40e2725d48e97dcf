//! The project dashboard is kept while nothing changes, and is exactly a fresh computation
//! after every kind of change: made through the API, a field report, or on another instance.

use reqwest::StatusCode;
use sea_orm::EntityTrait;
use serde_json::{json, Value};
use varig_backend::entities::project;
use varig_types::ProjectRole;

use crate::access_matrix::indicator_body;
use crate::helpers::*;

/// The dashboard as the API answers it, and the number of queries the call made.
async fn served(app: &TestApp, t: &Team) -> (Value, u32) {
    let r = app
        .get(&format!("/v1/projects/{}/dashboard", t.project), &t.owner)
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let queries = r
        .headers()
        .get("varig-db-queries")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut v: Value = r.json().await.unwrap();
    v.as_object_mut().unwrap().remove("generated_at");
    (v, queries)
}

/// The same dashboard computed now, bypassing every cache.
async fn fresh(app: &TestApp, t: &Team) -> Value {
    let p = project::Entity::find_by_id(t.project.clone())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let d = varig_backend::dashboard::project_dashboard(
        &app.state.db,
        &p,
        Some(ProjectRole::Owner),
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    // As the API writes it (poem-openapi's JSON, e.g. its way of writing instants).
    let mut v = poem_openapi::types::ToJSON::to_json(&d).unwrap();
    v.as_object_mut().unwrap().remove("generated_at");
    v
}

fn report(unit: &str) -> Value {
    json!({"id": uuid::Uuid::now_v7(), "date": chrono::Utc::now().date_naive(), "unit_id": unit,
           "activity": "information_meeting", "people_reached": 9, "stage": "understanding"})
}

db_test_with!(
    |s| s.query_count = true,
    async fn a_kept_dashboard_equals_a_fresh_one_after_every_kind_of_change(app) {
        let t = team(&app, "Buffer").await;
        let unit = unit_in_scope(&app, &t, "Nord").await;

        let (first, cold) = served(&app, &t).await;
        let (again, warm) = served(&app, &t).await;
        assert_eq!(first, again);
        assert!(warm < cold, "a kept dashboard costs fewer queries ({warm} against {cold})");
        assert_eq!(first, fresh(&app, &t).await);

        // A field report (which keeps the caches of who may report) still shows at once.
        let r = app.post(&format!("/v1/projects/{}/reports", t.project), Some(&t.agent), report(&unit)).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let (after_report, _) = served(&app, &t).await;
        assert_ne!(after_report, first, "the report counts on the dashboard");
        assert_eq!(after_report, fresh(&app, &t).await);

        // An indicator and a value for it.
        let ind = app.create(&format!("/v1/projects/{}/indicators", t.project), &t.leader, indicator_body("Opplærte")).await;
        assert_eq!(served(&app, &t).await.0, fresh(&app, &t).await);
        let period = chrono::Utc::now().date_naive() - chrono::Days::new(40);
        let r = app.post(&format!("/v1/indicators/{ind}/measurements"), Some(&t.leader), json!({"period": period, "value": 42.0})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        assert_eq!(served(&app, &t).await.0, fresh(&app, &t).await);

        // A transition request, and the change agent leaving.
        let r = app.post(&format!("/v1/projects/{}/gate-requests", t.project), Some(&t.leader), json!({"target": "plan", "summary": "Klar"})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let (with_gate, _) = served(&app, &t).await;
        assert!(with_gate["open_gate"].is_object());
        assert_eq!(with_gate, fresh(&app, &t).await);
        let members: Value = app.get(&format!("/v1/projects/{}/members", t.project), &t.admin).await.json().await.unwrap();
        let agent = members["items"].as_array().unwrap().iter().find(|m| m["role"] == "change_agent").unwrap()["id"].as_str().unwrap().to_owned();
        let r = app.post(&format!("/v1/memberships/{agent}/archive"), Some(&t.admin), json!({})).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(served(&app, &t).await.0, fresh(&app, &t).await);
    }
);

#[tokio::test]
async fn a_report_filed_on_one_instance_shows_on_the_others_dashboard_at_once() {
    let Some((a, b)) = spawn_pair(|s| s.dashboard_cache_secs = 600).await else {
        return;
    };
    let t = team(&a, "To dashbord").await;
    let unit = unit_in_scope(&a, &t, "Sør").await;
    let (before, _) = served(&b, &t).await;
    let r = a
        .post(
            &format!("/v1/projects/{}/reports", t.project),
            Some(&t.agent),
            report(&unit),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let (after, _) = served(&b, &t).await;
    assert_ne!(
        before, after,
        "B did not keep its dashboard past A's report"
    );
    assert_eq!(after, fresh(&b, &t).await);
}
