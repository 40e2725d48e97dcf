use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;

db_test!(
    async fn liveness_and_readiness_answer_ok(app) {
        let r = app.client.get(app.url("/v1/health")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.json::<Value>().await.unwrap()["status"], "ok");
        let r = app.client.get(app.url("/v1/ready")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.json::<Value>().await.unwrap()["database"], "ok");
    }
);

db_test!(
    async fn readiness_says_503_when_the_database_is_gone(app) {
        app.state.db.clone().close().await.unwrap();
        let r = app.client.get(app.url("/v1/ready")).send().await.unwrap();
        assert_problem(r, 503, "unavailable").await;
        // Liveness does not depend on the database.
        let r = app.client.get(app.url("/v1/health")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    }
);

db_test!(
    async fn an_unknown_api_path_is_a_problem_json_404(app) {
        let r = app.client.get(app.url("/v1/no-such-thing")).send().await.unwrap();
        assert_problem(r, 404, "not_found").await;
    }
);

db_test!(
    async fn the_root_serves_a_page_even_without_a_built_pwa(app) {
        let r = app.client.get(format!("{}/", app.address)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.unwrap().contains("/api/docs"));
        let r = app.client.get(format!("{}/api/docs", app.address)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    }
);

#[tokio::test]
async fn an_unreachable_postgres_fails_fast_and_loudly() {
    let started = std::time::Instant::now();
    let result = tokio::spawn(create_postgres_database(
        "postgres://postgres@127.0.0.1:9/postgres",
    ))
    .await;
    let err = result.expect_err("the harness must panic, not skip");
    let msg = err.into_panic();
    let text = msg
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| msg.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    assert!(text.contains("PostgreSQL was requested"), "{text}");
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn the_application_refuses_to_start_on_an_unreachable_postgres() {
    let mut s = base_settings();
    s.database_url = varig_backend::config::Secret::new("postgres://postgres@127.0.0.1:9/varig");
    s.db_connect_timeout_secs = 2;
    let started = std::time::Instant::now();
    assert!(varig_backend::Application::build(s).await.is_err());
    assert!(started.elapsed().as_secs() < 20);
}
