//! Webhooks end to end: events written with their change (the outbox), signed deliveries a
//! Standard Webhooks library verifies, retries, the SSRF guard, a restart after a crash, and
//! two instances on one PostgreSQL delivering each event once.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};
use varig_backend::config::Settings;

use crate::helpers::*;
use crate::receiver::Receiver;

/// The dispatcher and sender poll often; the tests' receiver on loopback is allowed.
fn hooks(s: &mut Settings) {
    s.outbox_poll_ms = 20;
    s.webhook_allowed_networks = vec!["127.0.0.0/8".parse().unwrap()];
    s.webhook_timeout_secs = 5;
}

/// As `hooks`, but this instance runs no dispatcher or sender.
fn no_workers(s: &mut Settings) {
    hooks(s);
    s.outbox_poll_ms = 0;
}

/// As `hooks`, with retries after 50 ms each, three times.
fn fast_retries(s: &mut Settings) {
    hooks(s);
    s.webhook_retry_secs = vec![0.05, 0.05, 0.05];
}

/// Subscribes `url` for the organisation of `admin`; (id, secret).
async fn subscribe(app: &TestApp, admin: &str, body: Value) -> (String, String) {
    let r = app.post("/v1/webhooks", Some(admin), body).await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap_or_default()
    );
    let v: Value = r.json().await.unwrap();
    assert!(
        v["subscription"].get("secret").is_none(),
        "the secret is not part of the subscription"
    );
    (
        v["subscription"]["id"].as_str().unwrap().to_owned(),
        v["secret"].as_str().unwrap().to_owned(),
    )
}

async fn open_gate(app: &TestApp, t: &Team) -> String {
    let r = app
        .post(
            &format!("/v1/projects/{}/gate-requests", t.project),
            Some(&t.leader),
            json!({"target": "plan", "summary": "Klar"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    id_of(r).await
}

async fn decide_gate(app: &TestApp, t: &Team, gate: &str) {
    let r = app
        .post(
            &format!("/v1/gate-requests/{gate}/decision"),
            Some(&t.owner),
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
}

/// The delivery log of a subscription once no delivery in it is pending any more.
async fn settled_log(app: &TestApp, admin: &str, sub: &str) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let log: Value = app
            .get(&format!("/v1/webhooks/{sub}/deliveries"), admin)
            .await
            .json()
            .await
            .unwrap();
        let items = log["items"].as_array().unwrap().clone();
        if !items.is_empty() && items.iter().all(|d| d["status"] != "pending") {
            return items;
        }
        assert!(
            Instant::now() < deadline,
            "deliveries still pending: {items:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

db_test_with!(
    hooks,
    async fn a_decided_gate_arrives_once_signed_with_the_documented_body(app) {
        let rx = Receiver::start().await;
        let t = team(&app, "Hook A").await;
        let (sub, secret) = subscribe(&app, &t.admin, json!({"url": rx.url, "event_types": ["gate.decided"]})).await;
        rx.set_secret(&secret);
        let gate = open_gate(&app, &t).await;
        decide_gate(&app, &t, &gate).await;
        let log = settled_log(&app, &t.admin, &sub).await;
        assert_eq!(log.len(), 1, "one event, one delivery: {log:?}");
        assert_eq!(log[0]["status"], "delivered");
        assert_eq!(log[0]["attempts"], 1);
        assert_eq!(log[0]["last_status_code"], 204);
        let got = rx.got();
        assert_eq!(got.len(), 1, "delivered once: {got:?}");
        let g = &got[0];
        assert!(g.verified, "the Standard Webhooks library verifies the signature");
        let event = &g.body;
        assert_eq!(event["id"], g.id, "the body's id is the webhook-id");
        assert_eq!(event["type"], "gate.decided");
        assert_eq!(event["version"], 1);
        assert_eq!(event["project_id"], t.project);
        assert_eq!(event["data"]["id"], gate);
        assert_eq!(event["data"]["status"], "decided");
        assert_eq!(event["data"]["resulting_phase"], "plan");
        chrono::DateTime::parse_from_rfc3339(event["occurred_at"].as_str().unwrap()).expect("RFC 3339");
        assert_eq!(log[0]["event"], *event, "the log keeps the event exactly as sent");
        let org: Value = app.get("/v1/me", &t.admin).await.json().await.unwrap();
        assert_eq!(event["organisation_id"], org["organisation_id"]);
    }
);

db_test_with!(
    fast_retries,
    async fn a_receiver_that_answers_500_three_times_gets_the_event_on_the_fourth_try(app) {
        let rx = Receiver::start().await;
        rx.fail_next(3);
        let t = team(&app, "Hook B").await;
        let (sub, secret) = subscribe(&app, &t.admin, json!({"url": rx.url, "event_types": ["gate.requested"]})).await;
        rx.set_secret(&secret);
        open_gate(&app, &t).await;
        let log = settled_log(&app, &t.admin, &sub).await;
        assert_eq!(log[0]["status"], "delivered");
        assert_eq!(log[0]["attempts"], 4);
        let got = rx.got();
        let answers: Vec<u16> = got.iter().map(|g| g.answered).collect();
        assert_eq!(answers, [500, 500, 500, 204]);
        assert!(got.iter().all(|g| g.verified && g.id == got[0].id), "the same event, signed, each time");
    }
);

db_test!(
    async fn a_private_loopback_or_metadata_target_and_plain_http_are_refused(app) {
        let t = team(&app, "Hook C").await;
        for url in [
            "https://127.0.0.1/hook",
            "https://10.0.0.8/hook",
            "https://192.168.1.20/hook",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/hook",
            "https://[fd00:ec2::254]/hook",
        ] {
            let r = app.post("/v1/webhooks", Some(&t.admin), json!({"url": url})).await;
            let p = assert_problem(r, 422, "validation").await;
            assert_eq!(p["errors"][0]["field"], "url", "{url}");
            assert_eq!(p["errors"][0]["code"], "not_public", "{url}");
        }
        let r = app.post("/v1/webhooks", Some(&t.admin), json!({"url": "http://93.184.216.34/hook"})).await;
        let p = assert_problem(r, 422, "validation").await;
        assert_eq!(p["errors"][0]["code"], "not_https");
        let r = app.post("/v1/webhooks", Some(&t.admin), json!({"url": "https://user:pw@93.184.216.34/"})).await;
        assert_problem(r, 422, "validation").await;
        // A public https address is taken; a change to a private one is refused.
        let (sub, _) = subscribe(&app, &t.admin, json!({"url": "https://93.184.216.34/hook"})).await;
        let tag = app.etag(&format!("/v1/webhooks/{sub}"), &t.admin).await;
        let r = app.patch(&format!("/v1/webhooks/{sub}"), &t.admin, Some(&tag), json!({"url": "https://127.0.0.1/"})).await;
        assert_problem(r, 422, "validation").await;
        let list: Value = app.get("/v1/webhooks", &t.admin).await.json().await.unwrap();
        assert_eq!(list["items"].as_array().unwrap().len(), 1, "nothing refused was kept");
    }
);

db_test!(
    async fn a_change_whose_transaction_rolls_back_emits_nothing(app) {
        use sea_orm::{EntityTrait, PaginatorTrait, TransactionTrait};
        use varig_backend::audit::{self, Change};
        use varig_backend::entities::outbox_event;
        let t = team(&app, "Hook D").await;
        let before = outbox_event::Entity::find().count(&app.state.db).await.unwrap();
        let change = || Change {
            organisation_id: Some(uuid::Uuid::now_v7().to_string()),
            action: "gate.decide",
            entity_type: "gate_request",
            entity_id: None,
            before: None,
            after: Some(json!({"project_id": t.project, "status": "decided"})),
        };
        let txn = app.state.db.begin().await.unwrap();
        audit::record(&txn, None, change()).await.unwrap();
        txn.rollback().await.unwrap();
        assert_eq!(outbox_event::Entity::find().count(&app.state.db).await.unwrap(), before);
        let txn = app.state.db.begin().await.unwrap();
        audit::record(&txn, None, change()).await.unwrap();
        txn.commit().await.unwrap();
        assert_eq!(outbox_event::Entity::find().count(&app.state.db).await.unwrap(), before + 1);
    }
);

db_test_with!(
    no_workers,
    async fn an_event_committed_while_no_worker_runs_is_delivered_once_one_starts(app) {
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        use varig_backend::entities::outbox_event as ev;
        // `app` runs no dispatcher or sender (the crash happened right after the commit).
        let rx = Receiver::start().await;
        let t = team(&app, "Hook E").await;
        let (sub, secret) = subscribe(&app, &t.admin, json!({"url": rx.url, "event_types": ["gate.requested"]})).await;
        rx.set_secret(&secret);
        open_gate(&app, &t).await;
        let waiting = ev::Entity::find()
            .filter(ev::Column::EventType.eq("gate.requested"))
            .filter(ev::Column::DispatchedAt.is_null())
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(waiting, 1, "committed, not yet handed over");
        assert!(rx.got().is_empty());
        // The restart: another process on the same database, with its workers.
        let url = app.state.settings.database_url.expose().to_owned();
        let restarted = spawn_on(&url, hooks).await;
        let log = settled_log(&restarted, &t.admin, &sub).await;
        assert_eq!(log.len(), 1);
        assert_eq!(log[0]["status"], "delivered");
        let got = rx.got();
        assert_eq!(got.len(), 1);
        assert!(got[0].verified);
    }
);

db_test_with!(
    no_workers,
    async fn a_delivery_claimed_by_an_instance_that_died_is_sent_when_its_lease_ends(app) {
        use varig_backend::outbox::dispatch;
        use varig_backend::webhooks::{repo, service};
        let rx = Receiver::start().await;
        let t = team(&app, "Hook F").await;
        let (sub, secret) = subscribe(&app, &t.admin, json!({"url": rx.url, "event_types": ["gate.requested"]})).await;
        rx.set_secret(&secret);
        open_gate(&app, &t).await;
        dispatch::run_once(&app.state.db, &service::consumers()).await.unwrap();
        // An instance claims the delivery and dies before it sends.
        let now = chrono::Utc::now();
        let lease = now + chrono::Duration::milliseconds(1500);
        let claimed = repo::claim_due(&app.state.db, now, lease, 10).await.unwrap();
        assert_eq!(claimed.len(), 1);
        let lease_ends = Instant::now() + Duration::from_millis(1500);
        let url = app.state.settings.database_url.expose().to_owned();
        let other = spawn_on(&url, hooks).await;
        let got = rx.wait_for(1).await;
        assert!(got[0].at >= lease_ends - Duration::from_millis(100), "not sent while the lease held");
        let log = settled_log(&other, &t.admin, &sub).await;
        assert_eq!(log[0]["status"], "delivered");
        assert_eq!(log[0]["attempts"], 2, "the dead instance's attempt counts");
        assert_eq!(rx.got().len(), 1);
    }
);

#[tokio::test]
async fn two_instances_on_one_postgresql_deliver_each_event_exactly_once() {
    let Some((a, b)) = spawn_pair(hooks).await else {
        return;
    };
    let rx = Receiver::start().await;
    let t = team(&a, "Hook G").await;
    let (sub, secret) = subscribe(
        &a,
        &t.admin,
        json!({"url": rx.url, "event_types": ["member.added"]}),
    )
    .await;
    rx.set_secret(&secret);
    // Forty people join, half through each instance.
    for i in 0..40 {
        let app = if i % 2 == 0 { &a } else { &b };
        let email = format!("p{i}.{}@hook.test", uuid::Uuid::new_v4().simple());
        let (id, _) = app
            .new_user(&t.admin, json!({"email": email}), &email)
            .await;
        app.add_member(&t.admin, &t.project, &id, "change_agent")
            .await;
    }
    let got = rx.wait_for(40).await;
    let log = settled_log(&b, &t.admin, &sub).await;
    assert_eq!(log.len(), 40);
    assert!(
        log.iter()
            .all(|d| d["status"] == "delivered" && d["attempts"] == 1),
        "{log:?}"
    );
    let got_now = rx.got();
    assert_eq!(
        got_now.len(),
        40,
        "no event twice: {} requests",
        got_now.len()
    );
    let mut ids: Vec<&str> = got.iter().map(|g| g.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 40);
    assert!(got.iter().all(|g| g.verified));
}

db_test_with!(
    |s| {
        fast_retries(s);
        s.webhook_retry_secs = vec![0.05, 0.05];
    },
    async fn a_subscription_that_keeps_failing_is_turned_off_with_the_reason_and_sent_again_when_on(app) {
        let rx = Receiver::start().await;
        rx.fail_next(100);
        let t = team(&app, "Hook H").await;
        let (sub, secret) = subscribe(&app, &t.admin, json!({"url": rx.url, "event_types": ["gate.requested"]})).await;
        rx.set_secret(&secret);
        open_gate(&app, &t).await;
        let log = settled_log(&app, &t.admin, &sub).await;
        assert_eq!(log[0]["status"], "failed");
        assert_eq!(log[0]["attempts"], 3);
        assert_eq!(log[0]["last_status_code"], 500);
        assert_eq!(log[0]["last_error"], "the receiver answered HTTP 500");
        let s: Value = app.get(&format!("/v1/webhooks/{sub}"), &t.admin).await.json().await.unwrap();
        assert_eq!(s["enabled"], false);
        let reason = s["disabled_reason"].as_str().unwrap();
        assert!(reason.contains("3 attempts") && reason.contains("HTTP 500"), "{reason}");
        let delivery = log[0]["id"].as_str().unwrap();
        let again = format!("/v1/webhooks/{sub}/deliveries/{delivery}/retry");
        assert_problem(app.post(&again, Some(&t.admin), json!({})).await, 409, "webhook_disabled").await;
        // The admin fixes the receiver, turns the subscription on and sends the event again.
        rx.fail_next(0);
        let tag = app.etag(&format!("/v1/webhooks/{sub}"), &t.admin).await;
        let r = app.patch(&format!("/v1/webhooks/{sub}"), &t.admin, Some(&tag), json!({"enabled": true})).await;
        let s: Value = r.json().await.unwrap();
        assert_eq!(s["enabled"], true);
        assert!(s.get("disabled_reason").is_none());
        let r = app.post(&again, Some(&t.admin), json!({})).await;
        assert_eq!(r.status(), StatusCode::ACCEPTED);
        let log = settled_log(&app, &t.admin, &sub).await;
        assert_eq!(log[0]["status"], "delivered");
        assert_eq!(rx.got().last().unwrap().answered, 204);
    }
);

db_test_with!(
    hooks,
    async fn a_filed_report_is_one_event_even_when_the_phone_sends_it_twice_and_filters_hold(app) {
        let rx = Receiver::start().await;
        let t = team(&app, "Hook I").await;
        let other = team(&app, "Hook I2").await;
        let unit = unit_in_scope(&app, &t, "Nord skole").await;
        let (sub, secret) = subscribe(&app, &t.admin, json!({
            "url": rx.url, "event_types": ["report.filed"], "project_id": t.project
        }))
        .await;
        rx.set_secret(&secret);
        let report = json!({
            "id": uuid::Uuid::now_v7(), "date": chrono::Utc::now().date_naive(), "unit_id": unit,
            "activity": "coaching", "people_reached": 4, "stage": "trying_out",
            "barriers": [], "successes": "", "support_needed": ""
        });
        let path = format!("/v1/projects/{}/reports", t.project);
        assert_eq!(app.post(&path, Some(&t.agent), report.clone()).await.status(), StatusCode::CREATED);
        assert_eq!(app.post(&path, Some(&t.agent), report.clone()).await.status(), StatusCode::OK);
        // Another kind of event in the project, and a gate in another organisation: not sent.
        open_gate(&app, &t).await;
        open_gate(&app, &other).await;
        let log = settled_log(&app, &t.admin, &sub).await;
        assert_eq!(log.len(), 1, "{log:?}");
        let got = rx.got();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].body["type"], "report.filed");
        assert_eq!(got[0].body["data"]["id"], report["id"]);
        assert_eq!(got[0].body["data"]["people_reached"], 4);
    }
);

db_test!(
    async fn an_action_past_its_due_date_is_one_overdue_event_however_often_the_snapshot_runs(app) {
        use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
        use varig_backend::dashboard::snapshot;
        use varig_backend::entities::{meeting_action, outbox_event as ev};
        let t = team(&app, "Hook J").await;
        let series: Value = app.get(&format!("/v1/projects/{}/meeting-series", t.project), &t.leader).await.json().await.unwrap();
        let series = series["items"][0]["id"].as_str().unwrap().to_owned();
        let now = chrono::Utc::now();
        let id = uuid::Uuid::now_v7().to_string();
        meeting_action::Entity::insert(meeting_action::ActiveModel {
            id: Set(id.clone()),
            project_id: Set(t.project.clone()),
            series_id: Set(series),
            meeting_date: Set(now.date_naive() - chrono::Duration::days(30)),
            title: Set("Avklare budsjett".into()),
            responsible_id: Set(Some(t.ids[0].clone())),
            due_date: Set(Some(now.date_naive() - chrono::Duration::days(3))),
            status: Set(varig_types::ActionStatus::Open),
            done_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        })
        .exec(&app.state.db)
        .await
        .unwrap();
        let overdue = || async {
            ev::Entity::find()
                .filter(ev::Column::EventType.eq("action.overdue"))
                .all(&app.state.db)
                .await
                .unwrap()
        };
        snapshot::run_once(&app.state.db, now).await.unwrap();
        let events = overdue().await;
        assert_eq!(events.len(), 1);
        let data: Value = serde_json::from_str(&events[0].data).unwrap();
        assert_eq!(data["id"], id);
        assert_eq!(data["overdue"], true);
        assert_eq!(events[0].project_id.as_deref(), Some(t.project.as_str()));
        snapshot::run_once(&app.state.db, now).await.unwrap();
        assert_eq!(overdue().await.len(), 1, "still overdue: no second event");
        // The fade risk is seen for the first time: a level, not a change.
        let fade = ev::Entity::find()
            .filter(ev::Column::EventType.eq("fade_risk.level_changed"))
            .all(&app.state.db)
            .await
            .unwrap();
        assert!(fade.is_empty());
    }
);

db_test_with!(
    hooks,
    async fn deliveries_and_events_that_ended_a_month_ago_are_tidied_and_newer_ones_kept(app) {
        use sea_orm::{EntityTrait, PaginatorTrait};
        use varig_backend::entities::{outbox_event as ev, webhook_delivery as d};
        let rx = Receiver::start().await;
        let t = team(&app, "Hook K").await;
        let (sub, secret) = subscribe(&app, &t.admin, json!({"url": rx.url, "event_types": ["gate.requested"]})).await;
        rx.set_secret(&secret);
        open_gate(&app, &t).await;
        settled_log(&app, &t.admin, &sub).await;
        let db = &app.state.db;
        let events = ev::Entity::find().count(db).await.unwrap();
        varig_backend::webhooks::repo::tidy(db, chrono::Utc::now(), 30).await.unwrap();
        assert_eq!(d::Entity::find().count(db).await.unwrap(), 1, "a fresh delivery stays");
        assert_eq!(ev::Entity::find().count(db).await.unwrap(), events);
        let later = chrono::Utc::now() + chrono::Duration::days(31);
        varig_backend::webhooks::repo::tidy(db, later, 30).await.unwrap();
        assert_eq!(d::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(ev::Entity::find().count(db).await.unwrap(), 0, "dispatched events with no delivery left go too");
    }
);
