//! Test harness: spawn Varig on port 0 with a fresh database per test.
//!
//! `VARIG_TEST_DATABASES` (default `sqlite,postgres`) says which backends run. PostgreSQL
//! is reached at `VARIG_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`);
//! each test creates its own database `varig_test_<uuid>` there. When PostgreSQL is
//! requested and cannot be reached, the test FAILS with a message saying so — it never
//! passes silently.

use std::time::Duration;

use reqwest::{Method, RequestBuilder, Response, StatusCode};
use sea_orm::{ConnectOptions, ConnectionTrait, Database};
use serde_json::{json, Value};
use uuid::Uuid;
use varig_backend::config::Secret;
use varig_backend::state::AppState;
use varig_backend::{Application, Settings};

pub const ADMIN_EMAIL: &str = "sysadmin@varig.test";
pub const ADMIN_PASSWORD: &str = "system-admin-password";
pub const PASSWORD: &str = "correct horse battery staple";
pub const JWT_SECRET: &str = "test-signing-key-test-signing-key-0123456789";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub fn requested(backend: Backend) -> bool {
    let list = std::env::var("VARIG_TEST_DATABASES").unwrap_or_else(|_| "sqlite,postgres".into());
    let name = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    list.split(',').any(|s| s.trim() == name)
}

pub fn postgres_base_url() -> String {
    std::env::var("VARIG_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Creates a fresh PostgreSQL database and returns its URL; panics loudly when the server
/// cannot be reached.
pub async fn create_postgres_database(base: &str) -> String {
    let mut opt = ConnectOptions::new(base.to_owned());
    opt.connect_timeout(Duration::from_secs(3))
        .acquire_timeout(Duration::from_secs(3))
        .max_connections(1)
        .sqlx_logging(false);
    let admin = match Database::connect(opt).await {
        Ok(db) => db,
        Err(e) => panic!(
            "PostgreSQL was requested (VARIG_TEST_DATABASES includes postgres) but cannot be reached at {base}: {e}. \
             Start PostgreSQL, point VARIG_TEST_POSTGRES_URL at it, or set VARIG_TEST_DATABASES=sqlite to run SQLite only."
        ),
    };
    // `./varig test` sets a prefix of its own run, so that it drops only its own databases.
    let prefix = std::env::var("VARIG_TEST_DB_PREFIX").unwrap_or_else(|_| "varig_test_".into());
    let name = format!("{prefix}{}", Uuid::new_v4().simple());
    if let Err(e) = admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
    {
        panic!("PostgreSQL was requested but creating a test database failed at {base}: {e}");
    }
    let _ = admin.close().await;
    let after_scheme = base.find("://").map(|i| i + 3).unwrap_or(0);
    let prefix = match base[after_scheme..].find('/') {
        Some(j) => &base[..after_scheme + j],
        None => base.split('?').next().unwrap_or(base),
    };
    format!("{prefix}/{name}")
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub state: AppState,

    pub _dir: Option<tempdir::Dir>,
}

/// A tiny temporary directory that is removed on drop.
pub mod tempdir {
    pub struct Dir(pub std::path::PathBuf);
    impl Dir {
        pub fn new() -> Self {
            let p =
                std::env::temp_dir().join(format!("varig-test-{}", uuid::Uuid::new_v4().simple()));
            std::fs::create_dir_all(&p).expect("create temp dir");
            Dir(p)
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

pub fn base_settings() -> Settings {
    Settings {
        bind: "127.0.0.1:0".into(),
        admin_email: Some(ADMIN_EMAIL.into()),
        admin_password: Some(Secret::new(ADMIN_PASSWORD)),
        jwt_secret: Some(Secret::new(JWT_SECRET)),
        pwa_dir: std::path::PathBuf::from("/nonexistent-varig-pwa"),
        db_max_connections: 5,
        // Tests take snapshots themselves (`dashboard::snapshot::run_once`).
        snapshot_interval_secs: 0,
        // The rate limit is tested on its own (`trust_http`); fixtures write a lot.
        rate_per_minute: 0,
        // The outbox dispatcher and webhook sender run only in the tests that want them
        // (`webhooks`), which also say how often.
        outbox_poll_ms: 0,
        ..Settings::default()
    }
}

pub async fn spawn(backend: Backend) -> TestApp {
    spawn_with(backend, |_| {}).await
}

pub async fn spawn_with(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> TestApp {
    if std::env::var("VARIG_TEST_LOG").is_ok() {
        let _ = tracing_subscriber::fmt().with_env_filter("info").try_init();
    }
    let mut settings = base_settings();
    let dir = match backend {
        Backend::Sqlite => {
            let dir = tempdir::Dir::new();
            settings.database_url = Secret::new(format!(
                "sqlite://{}?mode=rwc",
                dir.0.join("varig.sqlite").display()
            ));
            Some(dir)
        }
        Backend::Postgres => {
            settings.database_url =
                Secret::new(create_postgres_database(&postgres_base_url()).await);
            None
        }
    };
    tweak(&mut settings);
    start(settings, dir).await
}

/// Builds and runs the application with `settings`; `dir` lives as long as the app.
async fn start(settings: Settings, dir: Option<tempdir::Dir>) -> TestApp {
    let app = Application::build(settings)
        .await
        .expect("application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state().clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: reqwest::Client::new(),
        state,
        _dir: dir,
    }
}

/// Starts Varig on an existing database URL (a second instance on the same PostgreSQL).
pub async fn spawn_on(url: &str, tweak: impl FnOnce(&mut Settings)) -> TestApp {
    let mut settings = base_settings();
    settings.database_url = Secret::new(url.to_owned());
    tweak(&mut settings);
    start(settings, None).await
}

/// Two instances on one fresh PostgreSQL database, both with the same settings; `None`
/// when PostgreSQL is not requested.
pub async fn spawn_pair(tweak: impl Fn(&mut Settings)) -> Option<(TestApp, TestApp)> {
    if !requested(Backend::Postgres) {
        eprintln!("two-instance test skipped: VARIG_TEST_DATABASES excludes postgres");
        return None;
    }
    let url = create_postgres_database(&postgres_base_url()).await;
    let a = spawn_on(&url, &tweak).await;
    let b = spawn_on(&url, &tweak).await;
    Some((a, b))
}

/// Declares a test that runs once on SQLite and once on PostgreSQL:
/// `db_test!(async fn name(app) { ... });` gives `name::sqlite` and `name::postgres`.
macro_rules! db_test {
    ($(#[$meta:meta])* async fn $name:ident($app:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            $(#[$meta])*
            async fn run($app: $crate::helpers::TestApp) $body

            #[tokio::test]
            async fn sqlite() {
                if $crate::helpers::requested($crate::helpers::Backend::Sqlite) {
                    run($crate::helpers::spawn($crate::helpers::Backend::Sqlite).await).await;
                }
            }

            #[tokio::test]
            async fn postgres() {
                if $crate::helpers::requested($crate::helpers::Backend::Postgres) {
                    run($crate::helpers::spawn($crate::helpers::Backend::Postgres).await).await;
                } else {
                    eprintln!("postgres variant skipped: VARIG_TEST_DATABASES excludes postgres");
                }
            }
        }
    };
}

/// [`db_test!`] with settings of its own: `db_test_with!(|s| s.x = 1, async fn name(app) {...});`
macro_rules! db_test_with {
    ($tweak:expr, async fn $name:ident($app:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            async fn run($app: $crate::helpers::TestApp) $body

            #[tokio::test]
            async fn sqlite() {
                if $crate::helpers::requested($crate::helpers::Backend::Sqlite) {
                    run($crate::helpers::spawn_with($crate::helpers::Backend::Sqlite, $tweak).await).await;
                }
            }

            #[tokio::test]
            async fn postgres() {
                if $crate::helpers::requested($crate::helpers::Backend::Postgres) {
                    run($crate::helpers::spawn_with($crate::helpers::Backend::Postgres, $tweak).await).await;
                }
            }
        }
    };
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}/api{}", self.address, path)
    }

    pub fn req(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let b = self.client.request(method, self.url(path));
        match token {
            Some(t) => b.bearer_auth(t),
            None => b,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.req(Method::GET, path, Some(token))
            .send()
            .await
            .expect("request")
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Response {
        self.req(Method::POST, path, token)
            .json(&body)
            .send()
            .await
            .expect("request")
    }

    pub async fn patch(
        &self,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        body: Value,
    ) -> Response {
        let mut b = self.req(Method::PATCH, path, Some(token)).json(&body);
        if let Some(m) = if_match {
            b = b.header("If-Match", m);
        }
        b.send().await.expect("request")
    }

    /// Logs in; returns (access, refresh).
    pub async fn login(&self, email: &str, password: &str) -> (String, String) {
        let r = self
            .post(
                "/v1/auth/login",
                None,
                json!({"email": email, "password": password}),
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::OK,
            "login of {email}: {}",
            r.text().await.unwrap_or_default()
        );
        let v: Value = r.json().await.expect("json");
        (
            v["access_token"].as_str().unwrap().into(),
            v["refresh_token"].as_str().unwrap().into(),
        )
    }

    pub async fn admin_token(&self) -> String {
        self.login(ADMIN_EMAIL, ADMIN_PASSWORD).await.0
    }

    /// Creates an organisation as the system administrator.
    pub async fn create_org(&self, sys: &str, name: &str) -> String {
        let r = self
            .post("/v1/organisations", Some(sys), json!({"name": name}))
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
        id_of(r).await
    }

    /// Invites and accepts; returns (user id, access token).
    pub async fn new_user(&self, inviter: &str, body: Value, email: &str) -> (String, String) {
        let r = self.post("/v1/invitations", Some(inviter), body).await;
        assert_eq!(
            r.status(),
            StatusCode::CREATED,
            "invite {email}: {}",
            r.text().await.unwrap_or_default()
        );
        let v: Value = r.json().await.unwrap();
        let token = v["token"].as_str().unwrap().to_owned();
        let r = self
            .post(
                "/v1/invitations/accept",
                None,
                json!({"token": token, "name": email, "password": PASSWORD}),
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::CREATED,
            "accept {email}: {}",
            r.text().await.unwrap_or_default()
        );
        let access = r.json::<Value>().await.unwrap()["access_token"]
            .as_str()
            .unwrap()
            .to_owned();
        let me: Value = self.get("/v1/me", &access).await.json().await.unwrap();
        (me["id"].as_str().unwrap().to_owned(), access)
    }

    /// An organisation with its admin: (org id, admin token).
    pub async fn org_with_admin(&self, sys: &str, name: &str) -> (String, String) {
        let org = self.create_org(sys, name).await;
        let email = format!(
            "admin.{}@{}.test",
            Uuid::new_v4().simple(),
            name.to_lowercase().replace(' ', "")
        );
        let (_, token) = self
            .new_user(
                sys,
                json!({"email": email, "organisation_id": org, "org_role": "admin"}),
                &email,
            )
            .await;
        (org, token)
    }

    /// POSTs `body` to `path`, asserts 201, returns the new object's id.
    pub async fn create(&self, path: &str, token: &str, body: Value) -> String {
        let r = self.post(path, Some(token), body).await;
        assert_eq!(
            r.status(),
            StatusCode::CREATED,
            "POST {path}: {}",
            r.text().await.unwrap_or_default()
        );
        id_of(r).await
    }

    pub async fn create_programme(&self, token: &str, name: &str) -> String {
        self.create(
            "/v1/programmes",
            token,
            json!({"name": name, "description": "BTI"}),
        )
        .await
    }

    pub async fn create_project(&self, token: &str, programme: &str, name: &str) -> String {
        self.create(
            "/v1/projects",
            token,
            json!({"programme_id": programme, "name": name}),
        )
        .await
    }

    pub async fn add_member(&self, token: &str, project: &str, user: &str, role: &str) -> String {
        self.create(
            &format!("/v1/projects/{project}/members"),
            token,
            json!({"user_id": user, "role": role}),
        )
        .await
    }

    pub async fn etag(&self, path: &str, token: &str) -> String {
        let r = self.get(path, token).await;
        assert_eq!(r.status(), StatusCode::OK, "GET {path}");
        r.headers()
            .get("etag")
            .expect("etag header")
            .to_str()
            .unwrap()
            .to_owned()
    }
}

pub async fn id_of(r: Response) -> String {
    let v: Value = r.json().await.expect("json body");
    v["id"].as_str().expect("id").to_owned()
}

/// Asserts an RFC 9457 problem with `status` and `code`; returns the body.
pub async fn assert_problem(r: Response, status: u16, code: &str) -> Value {
    assert_eq!(r.status().as_u16(), status, "status");
    let ct = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(
        ct.starts_with("application/problem+json"),
        "content-type {ct}"
    );
    let v: Value = r.json().await.expect("problem json");
    assert_eq!(v["status"], status);
    assert_eq!(v["code"], code, "problem {v}");
    assert_eq!(v["type"], format!("urn:varig:problem:{code}"));
    v
}

/// An organisation with a project and a member in each of its four roles.
pub struct Team {
    pub admin: String,
    pub owner: String,
    pub steer: String,
    pub leader: String,
    pub agent: String,
    pub project: String,
    /// User ids of owner, steering-group member, leader and change agent.
    pub ids: [String; 4],
}

pub async fn team(app: &TestApp, name: &str) -> Team {
    let sys = app.admin_token().await;
    let (_, admin) = app.org_with_admin(&sys, name).await;
    let prog = app.create_programme(&admin, "BTI").await;
    let project = app.create_project(&admin, &prog, "BTI").await;
    let mut tokens = vec![];
    let mut ids = vec![];
    for role in ["owner", "steering_group", "leader", "change_agent"] {
        let email = format!("{role}.{}@gate.test", uuid::Uuid::new_v4().simple());
        let (id, token) = app.new_user(&admin, json!({"email": email}), &email).await;
        app.add_member(&admin, &project, &id, role).await;
        tokens.push(token);
        ids.push(id);
    }
    let [owner, steer, leader, agent]: [String; 4] = tokens.try_into().unwrap();
    Team {
        admin,
        owner,
        steer,
        leader,
        agent,
        project,
        ids: ids.try_into().unwrap(),
    }
}

/// A unit of the team's organisation, put in the project's scope (four weeks to silence).
pub async fn unit_in_scope(app: &TestApp, t: &Team, name: &str) -> String {
    let unit = app
        .create(
            "/v1/units",
            &t.admin,
            json!({"name": name, "level": "unit"}),
        )
        .await;
    let path = format!("/v1/projects/{}/network", t.project);
    let tag = app.etag(&path, &t.leader).await;
    let r = app
        .req(Method::PUT, &path, Some(&t.leader))
        .header("If-Match", tag)
        .json(&json!({"unit_ids": [unit], "silent_after_weeks": 4}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    unit
}
