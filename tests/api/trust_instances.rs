//! Two instances on one PostgreSQL agree: a change that withdraws access on one is refused
//! on the other within a second (not after the cache's lifetime), the login throttle and the
//! rate limit count across both, and the snapshot runs once per interval in all.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;
use varig_backend::housekeeping::runs_key;

use crate::helpers::*;

/// Polls `check` until it holds; returns how long that took (fails after five seconds).
async fn within<F, Fut>(what: &str, check: F) -> Duration
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    while !check().await {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{what}: not seen after 5 s"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    start.elapsed()
}

/// A long cache lifetime, so that only the notice can explain a quick refusal.
fn long_cache(s: &mut varig_backend::Settings) {
    s.auth_cache_secs = 60;
}

#[tokio::test]
async fn a_withdrawn_access_is_refused_on_the_other_instance_within_a_second_both_ways() {
    let Some((a, b)) = spawn_pair(long_cache).await else {
        return;
    };
    let t = team(&a, "To instanser").await;
    let project = format!("/v1/projects/{}", t.project);
    let members: Value = a
        .get(&format!("{project}/members"), &t.admin)
        .await
        .json()
        .await
        .unwrap();
    let membership = |role: &str| {
        members["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["role"] == role)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    // B has the agent's and the steering member's access cached.
    assert_eq!(b.get(&project, &t.agent).await.status(), StatusCode::OK);
    assert_eq!(b.get(&project, &t.steer).await.status(), StatusCode::OK);
    // Removed on A: refused on B.
    let r = a
        .post(
            &format!("/v1/memberships/{}/archive", membership("change_agent")),
            Some(&t.admin),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let took = within("member removed on A, seen on B", || async {
        b.get(&project, &t.agent).await.status() == StatusCode::NOT_FOUND
    })
    .await;
    assert!(took < Duration::from_secs(1), "took {took:?}");
    // And the other way: removed on B, refused on A (cached there too).
    assert_eq!(a.get(&project, &t.steer).await.status(), StatusCode::OK);
    let r = b
        .post(
            &format!("/v1/memberships/{}/archive", membership("steering_group")),
            Some(&t.admin),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let took = within("member removed on B, seen on A", || async {
        a.get(&project, &t.steer).await.status() == StatusCode::NOT_FOUND
    })
    .await;
    assert!(took < Duration::from_secs(1), "took {took:?}");
}

#[tokio::test]
async fn logout_a_password_change_and_archiving_on_one_instance_end_access_on_the_other_within_a_second(
) {
    let Some((a, b)) = spawn_pair(long_cache).await else {
        return;
    };
    let sys = a.admin_token().await;
    let (_, admin) = a.org_with_admin(&sys, "Utlogging").await;
    let email = format!("p{}@i.test", Uuid::new_v4().simple());
    let (uid, _) = a.new_user(&admin, json!({"email": email}), &email).await;
    let (access, refresh) = a.login(&email, PASSWORD).await;
    assert_eq!(b.get("/v1/me", &access).await.status(), StatusCode::OK);
    assert_eq!(
        a.post("/v1/auth/logout", None, json!({"refresh_token": refresh}))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let took = within("logout on A, seen on B", || async {
        b.get("/v1/me", &access).await.status() == StatusCode::UNAUTHORIZED
    })
    .await;
    assert!(took < Duration::from_secs(1), "took {took:?}");

    // A password change on B ends the session used on A.
    let (on_a, _) = a.login(&email, PASSWORD).await;
    let (on_b, _) = b.login(&email, PASSWORD).await;
    assert_eq!(a.get("/v1/me", &on_a).await.status(), StatusCode::OK);
    let new_password = "nordlys over fjorden i februar";
    let r = b
        .post(
            "/v1/auth/password",
            Some(&on_b),
            json!({"current_password": PASSWORD, "new_password": new_password}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let took = within("password changed on B, seen on A", || async {
        a.get("/v1/me", &on_a).await.status() == StatusCode::UNAUTHORIZED
    })
    .await;
    assert!(took < Duration::from_secs(1), "took {took:?}");

    let (access, _) = b.login(&email, new_password).await;
    assert_eq!(a.get("/v1/me", &access).await.status(), StatusCode::OK);
    assert_eq!(
        b.post(&format!("/v1/users/{uid}/archive"), Some(&admin), json!({}))
            .await
            .status(),
        StatusCode::OK
    );
    let took = within("user archived on B, seen on A", || async {
        a.get("/v1/me", &access).await.status() == StatusCode::UNAUTHORIZED
    })
    .await;
    assert!(took < Duration::from_secs(1), "took {took:?}");
}

#[tokio::test]
async fn two_instances_do_not_allow_twice_the_guesses_or_twice_the_writes() {
    let Some((a, b)) = spawn_pair(|s| {
        s.rate_per_minute = 1;
        s.rate_burst = 6;
    })
    .await
    else {
        return;
    };
    let sys = a.admin_token().await;
    let (_, admin) = a.org_with_admin(&sys, "Deling").await;
    let email = format!("p{}@i.test", Uuid::new_v4().simple());
    a.new_user(&admin, json!({"email": email}), &email).await;
    let bad = json!({"email": email, "password": "gjett gjett gjett"});
    for i in 0..10 {
        let app = if i % 2 == 0 { &a } else { &b };
        assert_eq!(
            app.post("/v1/auth/login", None, bad.clone()).await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    for app in [&a, &b] {
        let r = app
            .post(
                "/v1/auth/login",
                None,
                json!({"email": email, "password": PASSWORD}),
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "five failures on each instance lock the pair"
        );
    }
    // The admin's write bucket (6 at once, one invitation already spent) is shared: five
    // more pass over both instances, then both refuse.
    let mut ok = 0;
    for i in 0..5 {
        let app = if i % 2 == 0 { &a } else { &b };
        let r = app
            .post(
                "/v1/programmes",
                Some(&admin),
                json!({"name": format!("P{i}")}),
            )
            .await;
        ok += usize::from(r.status() == StatusCode::CREATED);
    }
    assert_eq!(ok, 5);
    for app in [&a, &b] {
        let r = app
            .post(
                "/v1/programmes",
                Some(&admin),
                json!({"name": "En for mye"}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    }
}

#[tokio::test]
async fn the_snapshot_runs_once_per_interval_across_two_instances() {
    // From before the first instance starts: no run can be earlier.
    let started = Instant::now();
    let Some((a, b)) = spawn_pair(|s| s.snapshot_interval_secs = 1).await else {
        return;
    };
    tokio::time::sleep(Duration::from_millis(4_300)).await;
    let elapsed = started.elapsed().as_secs_f64();
    let runs = |app: &TestApp| {
        let db = app.state.db.clone();
        async move {
            use sea_orm::EntityTrait;
            varig_backend::entities::server_setting::Entity::find_by_id(runs_key("snapshot"))
                .one(&db)
                .await
                .unwrap()
                .map(|s| s.value.parse::<u64>().unwrap())
                .unwrap_or(0)
        }
    };
    let n = runs(&a).await;
    assert_eq!(n, runs(&b).await, "one shared count");
    // Each instance ticks about once a second: twice as many ticks as intervals. The first
    // run is a second after the first start, and runs are at least 0.9 s apart (the claim's
    // slack), however slow a loaded machine makes the ticks.
    let most = ((elapsed - 1.0) / 0.9).floor() as u64 + 1;
    assert!(
        (2..=most).contains(&n),
        "{n} runs in {elapsed:.1} s with two instances (at most {most})"
    );
}
