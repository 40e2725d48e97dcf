//! Sessions end when they should, archived means gone, the login throttle cannot be turned
//! against the server or a user, and every auth event is in the audit log.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};
use uuid::Uuid;
use varig_backend::entities::{api_token, login_throttle, session};

use crate::helpers::*;

/// A person in a new organisation: (org id, admin token, email, access, refresh).
async fn person(app: &TestApp, org_name: &str) -> (String, String, String, String, String) {
    let sys = app.admin_token().await;
    let (org, admin) = app.org_with_admin(&sys, org_name).await;
    let email = format!("p{}@s.test", Uuid::new_v4().simple());
    app.new_user(&admin, json!({"email": email}), &email).await;
    let (access, refresh) = app.login(&email, PASSWORD).await;
    (org, admin, email, access, refresh)
}

db_test!(
    async fn logout_and_a_password_change_refuse_the_old_access_token_at_once(app) {
        let (_, _, email, access, refresh) = person(&app, "Utlogging").await;
        assert_eq!(app.get("/v1/me", &access).await.status(), StatusCode::OK);
        let r = app.post("/v1/auth/logout", None, json!({"refresh_token": refresh})).await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        assert_problem(app.get("/v1/me", &access).await, 401, "unauthenticated").await;

        // Two sessions; a password change in one ends the other's access token too.
        let (a1, _) = app.login(&email, PASSWORD).await;
        let (a2, _) = app.login(&email, PASSWORD).await;
        assert_eq!(app.get("/v1/me", &a2).await.status(), StatusCode::OK);
        let r = app
            .post("/v1/auth/password", Some(&a1), json!({"current_password": PASSWORD, "new_password": "fjelltur i regnvær med blåbær"}))
            .await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        assert_problem(app.get("/v1/me", &a2).await, 401, "unauthenticated").await;
        assert_problem(app.get("/v1/me", &a1).await, 401, "unauthenticated").await;
    }
);

db_test!(
    async fn a_session_ends_at_its_absolute_lifetime_however_often_it_is_refreshed(app) {
        let (_, _, _, access, refresh) = person(&app, "Levetid").await;
        let sid = crate::accounts::sid_of(&access);
        let s = session::Entity::find_by_id(sid.clone()).one(&app.state.db).await.unwrap().unwrap();
        let days = (s.expires_at - s.created_at).num_days();
        assert_eq!(days, 30, "the default absolute lifetime");
        // A refresh keeps the session and its end.
        let r = app.post("/v1/auth/refresh", None, json!({"refresh_token": refresh})).await;
        let pair: Value = r.json().await.unwrap();
        let access2 = pair["access_token"].as_str().unwrap().to_owned();
        assert_eq!(crate::accounts::sid_of(&access2), sid);
        // The end comes (moved into the past here): refresh and access token both refused.
        session::Entity::update_many()
            .col_expr(session::Column::ExpiresAt, Expr::value(Utc::now() - Duration::seconds(1)))
            .filter(session::Column::Id.eq(sid))
            .exec(&app.state.db)
            .await
            .unwrap();
        app.state.invalidate.changed();
        let r = app.post("/v1/auth/refresh", None, json!({"refresh_token": pair["refresh_token"]})).await;
        assert_problem(r, 401, "unauthenticated").await;
        assert_problem(app.get("/v1/me", &access2).await, 401, "unauthenticated").await;
    }
);

db_test!(
    async fn api_tokens_expire_by_default_after_a_year_and_stop_working_when_expired(app) {
        let sys = app.admin_token().await;
        let (_, admin) = app.org_with_admin(&sys, "Utløp").await;
        let r = app.post("/v1/api-tokens", Some(&admin), json!({"name": "Fag", "scopes": ["read"]})).await;
        let v: Value = r.json().await.unwrap();
        let secret = v["secret"].as_str().unwrap().to_owned();
        let expires: chrono::DateTime<Utc> = v["token"]["expires_at"].as_str().unwrap().parse().unwrap();
        let days = (expires - Utc::now()).num_days();
        assert!((364..=365).contains(&days), "{days}");
        let list: Value = app.get("/v1/api-tokens", &admin).await.json().await.unwrap();
        assert!(list["items"][0]["expires_at"].is_string(), "shown in the list");
        assert_eq!(app.get("/v1/organisations", &secret).await.status(), StatusCode::OK);
        // A past or far-off expiry is refused by field.
        let r = app.post("/v1/api-tokens", Some(&admin), json!({"name": "X", "scopes": ["read"], "expires_at": "2001-01-01T00:00:00Z"})).await;
        assert_eq!(assert_problem(r, 422, "validation").await["errors"][0]["field"], "expires_at");
        api_token::Entity::update_many()
            .col_expr(api_token::Column::ExpiresAt, Expr::value(Some(Utc::now() - Duration::seconds(1))))
            .exec(&app.state.db)
            .await
            .unwrap();
        assert_problem(app.get("/v1/organisations", &secret).await, 401, "unauthenticated").await;
    }
);

db_test!(
    async fn an_archived_organisation_loses_logins_refresh_tokens_api_tokens_and_calendar_feeds(app) {
        let (org, admin, email, access, refresh) = person(&app, "Nedlagt").await;
        let r = app.post("/v1/api-tokens", Some(&admin), json!({"name": "Fag", "scopes": ["read"]})).await;
        let secret = r.json::<Value>().await.unwrap()["secret"].as_str().unwrap().to_owned();
        let r = app.post("/v1/calendar-feeds", Some(&access), json!({})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let path = r.json::<Value>().await.unwrap()["path"].as_str().unwrap().to_owned();
        let feed = format!("{}{path}", app.address);
        assert_eq!(app.client.get(&feed).send().await.unwrap().status(), StatusCode::OK);
        assert_eq!(app.get("/v1/me", &access).await.status(), StatusCode::OK);
        assert_eq!(app.get("/v1/organisations", &secret).await.status(), StatusCode::OK);

        let sys = app.admin_token().await;
        let r = app.post(&format!("/v1/organisations/{org}/archive"), Some(&sys), json!({})).await;
        assert_eq!(r.status(), StatusCode::OK);

        // On the very next request.
        assert_problem(app.get("/v1/me", &access).await, 401, "unauthenticated").await;
        assert_problem(app.get("/v1/organisations", &secret).await, 401, "unauthenticated").await;
        assert_eq!(app.client.get(&feed).send().await.unwrap().status(), StatusCode::NOT_FOUND);
        let r = app.post("/v1/auth/refresh", None, json!({"refresh_token": refresh})).await;
        assert_problem(r, 401, "unauthenticated").await;
        let r = app.post("/v1/auth/login", None, json!({"email": email, "password": PASSWORD})).await;
        assert_problem(r, 401, "invalid_credentials").await;
    }
);

db_test!(
    async fn logins_failures_lock_outs_logouts_and_password_changes_are_audited_without_secrets(app) {
        let (_, admin, email, _, refresh) = person(&app, "Revisjon").await;
        for _ in 0..10 {
            let r = app.post("/v1/auth/login", None, json!({"email": email, "password": "feil passord her"})).await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        }
        let r = app.post("/v1/auth/logout", None, json!({"refresh_token": refresh})).await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        let audit = app.get("/v1/audit?limit=200", &admin).await.text().await.unwrap();
        for action in ["auth.login", "auth.login_failed", "auth.lockout", "auth.logout"] {
            assert!(audit.contains(&format!("\"{action}\"")), "{action} missing");
        }
        assert!(!audit.contains("feil passord"), "no password in the audit log");
        assert!(!audit.contains(&refresh), "no refresh token in the audit log");
    }
);

db_test!(
    async fn weak_passwords_are_refused_with_the_reason(app) {
        let sys = app.admin_token().await;
        let (_, admin) = app.org_with_admin(&sys, "Svake").await;
        let r = app.post("/v1/invitations", Some(&admin), json!({"email": "svak@s.test"})).await;
        let token = r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned();
        for weak in ["passord123", "aaaaaaaaaaaa", "qwertyuiopå", "svak@s.test1"] {
            let r = app.post("/v1/invitations/accept", None, json!({"token": token, "name": "Svak", "password": weak})).await;
            let p = assert_problem(r, 422, "validation").await;
            assert_eq!(p["errors"][0]["code"], "weak_password", "{weak}");
        }
        let r = app.post("/v1/invitations/accept", None, json!({"token": token, "name": "Svak", "password": PASSWORD})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
);

db_test_with!(
    |s| s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()],
    async fn a_locked_account_is_locked_for_that_client_only_and_waits_grow(app) {
        let (_, _, email, _, _) = person(&app, "Lås").await;
        let from = |ip: &'static str, password: &'static str| {
            app.req(reqwest::Method::POST, "/v1/auth/login", None)
                .header("X-Forwarded-For", ip)
                .json(&json!({"email": email, "password": password}))
                .send()
        };
        for _ in 0..10 {
            assert_eq!(from("203.0.113.7", "gjett gjett gjett").await.unwrap().status(), StatusCode::UNAUTHORIZED);
        }
        let r = from("203.0.113.7", PASSWORD).await.unwrap();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "locked even with the right password");
        let wait: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((50..=60).contains(&wait), "{wait}");
        // The real user elsewhere gets in.
        assert_eq!(from("198.51.100.20", PASSWORD).await.unwrap().status(), StatusCode::OK);
        // The next lock-out of the same pair lasts twice as long.
        login_throttle::Entity::update_many()
            .col_expr(login_throttle::Column::LockedUntil, Expr::value(Some(Utc::now() - Duration::seconds(1))))
            .exec(&app.state.db)
            .await
            .unwrap();
        for _ in 0..10 {
            from("203.0.113.7", "gjett gjett gjett").await.unwrap();
        }
        let r = from("203.0.113.7", PASSWORD).await.unwrap();
        let wait: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((110..=120).contains(&wait), "{wait}");
    }
);

db_test!(
    async fn forwarded_addresses_are_ignored_without_a_trusted_proxy(app) {
        let (_, _, email, _, _) = person(&app, "Proxy").await;
        for i in 0..10 {
            let r = app
                .req(reqwest::Method::POST, "/v1/auth/login", None)
                .header("X-Forwarded-For", format!("198.51.100.{i}"))
                .header("Forwarded", format!("for=192.0.2.{i}"))
                .json(&json!({"email": email, "password": "gjett gjett gjett"}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        }
        let r = app
            .req(reqwest::Method::POST, "/v1/auth/login", None)
            .header("X-Forwarded-For", "198.51.100.99")
            .json(&json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "a made-up address does not escape the lock");
    }
);

/// The server process's resident memory, in KiB.
fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap()
}

db_test!(
    async fn ten_thousand_made_up_one_kilobyte_addresses_store_nothing_and_keep_memory_flat(app) {
        let warm = |i: usize| {
            let email = format!("{}{i}@x.test", "a".repeat(1024));
            app.post("/v1/auth/login", None, json!({"email": email, "password": "whatever-whatever"}))
        };
        // Warm up the server (allocator pools, connections) before measuring.
        for i in 0..200 {
            warm(i).await;
        }
        let before = rss_kib();
        let mut statuses = std::collections::BTreeMap::new();
        for chunk in (0..10_000).collect::<Vec<usize>>().chunks(50) {
            let rs = futures::future::join_all(chunk.iter().map(|i| warm(1_000 + i))).await;
            for r in rs {
                *statuses.entry(r.status().as_u16()).or_insert(0) += 1;
            }
        }
        let after = rss_kib();
        assert!(statuses.keys().all(|s| (400..500).contains(s) && *s != 401 && *s != 429), "{statuses:?}");
        let rows = login_throttle::Entity::find().count(&app.state.db).await.unwrap();
        assert_eq!(rows, 0, "nothing stored for addresses that are not addresses");
        let grown = after.saturating_sub(before);
        eprintln!("RSS before {before} KiB, after {after} KiB (+{grown} KiB) for 10,000 made-up addresses");
        assert!(grown < 20 * 1024, "memory grew by {grown} KiB");
    }
);

db_test!(
    async fn guessing_the_current_password_on_a_password_change_is_throttled_like_a_login(app) {
        let (_, _, _, access, _) = person(&app, "Gjetting").await;
        for _ in 0..10 {
            let r = app
                .post("/v1/auth/password", Some(&access), json!({"current_password": "gjett gjett gjett", "new_password": "fjelltur i regnvær med blåbær"}))
                .await;
            assert_eq!(assert_problem(r, 422, "validation").await["errors"][0]["field"], "current_password");
        }
        let r = app
            .post("/v1/auth/password", Some(&access), json!({"current_password": PASSWORD, "new_password": "fjelltur i regnvær med blåbær"}))
            .await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "locked even with the right password");
        assert!(r.headers().contains_key("retry-after"));
    }
);
