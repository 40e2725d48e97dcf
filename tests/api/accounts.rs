use chrono::Utc;
use jsonwebtoken::{encode, EncodingKey, Header};
use reqwest::StatusCode;
use serde_json::{json, Value};
use varig_backend::auth::jwt::Claims;

use crate::helpers::*;

db_test!(
    async fn the_first_admin_is_created_from_the_environment_and_can_log_in(app) {
        let (access, refresh) = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        assert!(refresh.starts_with("vrt_"));
        let me: Value = app.get("/v1/me", &access).await.json().await.unwrap();
        assert_eq!(me["email"], ADMIN_EMAIL);
        assert_eq!(me["system_admin"], true);
    }
);

db_test!(
    async fn a_wrong_password_gets_401_invalid_credentials(app) {
        let r = app.post("/v1/auth/login", None, json!({"email": ADMIN_EMAIL, "password": "wrong-password"})).await;
        assert_problem(r, 401, "invalid_credentials").await;
        let r = app.post("/v1/auth/login", None, json!({"email": "nobody@x.no", "password": "wrong-password"})).await;
        assert_problem(r, 401, "invalid_credentials").await;
    }
);

db_test!(
    async fn the_eleventh_bad_password_in_a_minute_gets_429_with_retry_after(app) {
        for i in 0..10 {
            let r = app.post("/v1/auth/login", None, json!({"email": ADMIN_EMAIL, "password": format!("bad-{i}")})).await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "attempt {}", i + 1);
        }
        let r = app.post("/v1/auth/login", None, json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})).await;
        let retry: u64 = r.headers().get("retry-after").expect("Retry-After").to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&retry));
        assert_problem(r, 429, "too_many_requests").await;
    }
);

db_test!(
    async fn a_refresh_rotates_the_token_and_reuse_revokes_the_family(app) {
        let (_, r1) = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        let resp = app.post("/v1/auth/refresh", None, json!({"refresh_token": r1})).await;
        assert_eq!(resp.status(), StatusCode::OK);
        let pair: Value = resp.json().await.unwrap();
        let r2 = pair["refresh_token"].as_str().unwrap().to_owned();
        assert_ne!(r1, r2);
        assert!(!pair["access_token"].as_str().unwrap().is_empty());
        // Replaying the used token: reuse detected.
        let resp = app.post("/v1/auth/refresh", None, json!({"refresh_token": r1})).await;
        assert_problem(resp, 401, "token_reused").await;
        // …and the legitimate successor is dead too.
        let resp = app.post("/v1/auth/refresh", None, json!({"refresh_token": r2})).await;
        assert_problem(resp, 401, "unauthenticated").await;
        // Another login (another family) still works.
        let (_, other) = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        let resp = app.post("/v1/auth/refresh", None, json!({"refresh_token": other})).await;
        assert_eq!(resp.status(), StatusCode::OK);
        // The reuse is in the audit log.
        let sys = app.admin_token().await;
        let audit: Value = app.get("/v1/audit?limit=200", &sys).await.json().await.unwrap();
        assert!(audit["items"].as_array().unwrap().iter().any(|e| e["action"] == "auth.refresh_reuse"));
    }
);

db_test!(
    async fn logout_revokes_the_refresh_token(app) {
        let (_, refresh) = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        let r = app.post("/v1/auth/logout", None, json!({"refresh_token": refresh})).await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        let r = app.post("/v1/auth/refresh", None, json!({"refresh_token": refresh})).await;
        assert_problem(r, 401, "unauthenticated").await;
    }
);

/// The session id an access token names (its `sid` claim).
pub fn sid_of(access: &str) -> String {
    use base64::Engine;
    let payload = access.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    v["sid"].as_str().unwrap().to_owned()
}

fn forged(secret: &str, exp_offset: i64, sub: &str, sid: &str) -> String {
    let now = Utc::now().timestamp();
    let claims = Claims {
        sub: sub.into(),
        iss: "varig".into(),
        aud: "varig-api".into(),
        iat: now,
        exp: now + exp_offset,
        jti: "t".into(),
        sid: sid.into(),
    };
    encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

db_test!(
    async fn expired_wrongly_signed_and_missing_tokens_get_401(app) {
        let (access, _) = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        let me: Value = app.get("/v1/me", &access).await.json().await.unwrap();
        let id = me["id"].as_str().unwrap();
        let sid = sid_of(&access);
        // Correctly signed but expired.
        let r = app.get("/v1/me", &forged(JWT_SECRET, -3600, id, &sid)).await;
        assert_problem(r, 401, "unauthenticated").await;
        // Valid claims, wrong key.
        let r = app.get("/v1/me", &forged("some-other-key-some-other-key-some-other", 600, id, &sid)).await;
        assert_problem(r, 401, "unauthenticated").await;
        // Sanity: the same claims with the right key pass.
        assert_eq!(app.get("/v1/me", &forged(JWT_SECRET, 600, id, &sid)).await.status(), StatusCode::OK);
        // The right key, but a session that does not exist.
        let r = app.get("/v1/me", &forged(JWT_SECRET, 600, id, &uuid::Uuid::now_v7().to_string())).await;
        assert_problem(r, 401, "unauthenticated").await;
        // No token at all.
        let r = app.client.get(app.url("/v1/me")).send().await.unwrap();
        assert_problem(r, 401, "unauthenticated").await;
        // Garbage.
        let r = app.get("/v1/me", "not.a.jwt").await;
        assert_problem(r, 401, "unauthenticated").await;
    }
);

db_test!(
    async fn access_tokens_live_at_most_fifteen_minutes(app) {
        let r = app.post("/v1/auth/login", None, json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})).await;
        let v: Value = r.json().await.unwrap();
        assert!(v["expires_in"].as_u64().unwrap() <= 900);
        assert_eq!(v["token_type"], "Bearer");
    }
);

db_test!(
    async fn changing_the_password_ends_other_sessions_and_needs_the_current_one(app) {
        let sys = app.admin_token().await;
        let (_, refresh) = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        let r = app.post("/v1/auth/password", Some(&sys), json!({"current_password": "nope-nope-nope", "new_password": "a brand new password"})).await;
        let p = assert_problem(r, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "current_password");
        let r = app.post("/v1/auth/password", Some(&sys), json!({"current_password": ADMIN_PASSWORD, "new_password": "short"})).await;
        let p = assert_problem(r, 422, "validation").await;
        assert_eq!(p["errors"][0]["field"], "new_password");
        let r = app.post("/v1/auth/password", Some(&sys), json!({"current_password": ADMIN_PASSWORD, "new_password": "a brand new password"})).await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        let r = app.post("/v1/auth/refresh", None, json!({"refresh_token": refresh})).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        let r = app.post("/v1/auth/login", None, json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        app.login(ADMIN_EMAIL, "a brand new password").await;
    }
);

db_test!(
    async fn an_api_token_is_shown_once_works_records_last_use_and_can_be_revoked(app) {
        let sys = app.admin_token().await;
        let (_, admin) = app.org_with_admin(&sys, "Bodø kommune").await;
        let prog = app.create_programme(&admin, "BTI").await;
        let r = app.post("/v1/api-tokens", Some(&admin), json!({"name": "Fagsystem", "scopes": ["read"]})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let created: Value = r.json().await.unwrap();
        let secret = created["secret"].as_str().unwrap().to_owned();
        let id = created["token"]["id"].as_str().unwrap().to_owned();
        assert!(secret.starts_with("varig_pat_"));
        assert!(created["token"]["last_used_at"].is_null());
        // Reads work, writes are refused by scope.
        assert_eq!(app.get(&format!("/v1/programmes/{prog}"), &secret).await.status(), StatusCode::OK);
        let r = app.post("/v1/programmes", Some(&secret), json!({"name": "X"})).await;
        assert_problem(r, 403, "forbidden").await;
        // Listing never shows the secret, but shows the last use.
        let list = app.get("/v1/api-tokens", &admin).await.text().await.unwrap();
        assert!(!list.contains(&secret));
        let v: Value = serde_json::from_str(&list).unwrap();
        assert!(!v["items"][0]["last_used_at"].is_null());
        // Revoked → 401.
        let r = app.post(&format!("/v1/api-tokens/{id}/revoke"), Some(&admin), json!({})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let r = app.get(&format!("/v1/programmes/{prog}"), &secret).await;
        assert_problem(r, 401, "unauthenticated").await;
    }
);

db_test!(
    async fn an_archived_user_can_no_longer_log_in_or_use_their_token(app) {
        let sys = app.admin_token().await;
        let (org, admin) = app.org_with_admin(&sys, "Alta").await;
        let (uid, token) = app
            .new_user(&admin, json!({"email": "kari@alta.no", "organisation_id": org}), "kari@alta.no")
            .await;
        // Used just before (so the server has read the account for this token lately).
        assert_eq!(app.get("/v1/me", &token).await.status(), StatusCode::OK);
        let r = app.post(&format!("/v1/users/{uid}/archive"), Some(&admin), json!({})).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(app.get("/v1/me", &token).await.status(), StatusCode::UNAUTHORIZED, "at once, not after a cache expires");
        let r = app.post("/v1/auth/login", None, json!({"email": "kari@alta.no", "password": PASSWORD})).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
);

db_test!(
    async fn a_new_organisation_role_takes_effect_on_the_next_request(app) {
        let sys = app.admin_token().await;
        let (org, admin) = app.org_with_admin(&sys, "Alta").await;
        let (uid, token) = app
            .new_user(&admin, json!({"email": "ola@alta.no", "organisation_id": org}), "ola@alta.no")
            .await;
        assert_problem(app.get("/v1/api-tokens", &token).await, 403, "forbidden").await;
        let r = app.patch(&format!("/v1/users/{uid}"), &admin, Some("*"), json!({"org_role": "admin"})).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(app.get("/v1/api-tokens", &token).await.status(), StatusCode::OK);
        let me: Value = app.get("/v1/me", &token).await.json().await.unwrap();
        assert_eq!(me["org_role"], "admin");
    }
);
