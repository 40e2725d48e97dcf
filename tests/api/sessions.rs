use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

db_test!(
    async fn logging_out_everywhere_ends_every_session_of_the_caller_and_no_one_elses(app) {
        let sys = app.admin_token().await;
        let (_, admin) = app.org_with_admin(&sys, "Hamar").await;
        let (phone, phone_refresh) = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        let (laptop, laptop_refresh) = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        let r = app.post("/v1/auth/logout-everywhere", Some(&phone), json!({})).await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        // Access tokens of every device stop at once, not at their expiry.
        for access in [&phone, &laptop] {
            assert_problem(app.get("/v1/me", access).await, 401, "unauthenticated").await;
        }
        for refresh in [phone_refresh, laptop_refresh] {
            let r = app.post("/v1/auth/refresh", None, json!({"refresh_token": refresh})).await;
            assert_problem(r, 401, "unauthenticated").await;
        }
        // Another person's session goes on.
        assert_eq!(app.get("/v1/me", &admin).await.status(), StatusCode::OK);
        app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    }
);
