//! What every answer carries and how the server behaves at its edges: security headers,
//! `Allow` on 405, strict input, secrets kept out of the log, the per-caller rate limit, and
//! 503 (not 500) when the database goes away.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

fn assert_security_headers(r: &reqwest::Response, what: &str) {
    let h = r.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    for part in [
        "script-src 'self' 'wasm-unsafe-eval'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ] {
        assert!(csp.contains(part), "{what}: CSP {csp}");
    }
    assert!(
        !csp.contains("unsafe-inline"),
        "{what}: no inline script or style"
    );
    assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
    assert_eq!(h["referrer-policy"], "no-referrer", "{what}");
    assert!(
        h["permissions-policy"]
            .to_str()
            .unwrap()
            .contains("camera=()"),
        "{what}"
    );
}

#[tokio::test]
async fn the_pwa_a_static_asset_and_an_api_answer_carry_the_security_headers() {
    let dir = tempdir::Dir::new();
    std::fs::write(
        dir.0.join("index.html"),
        "<!doctype html><title>Varig</title>",
    )
    .unwrap();
    std::fs::write(dir.0.join("style.css"), "body{}").unwrap();
    let pwa = dir.0.clone();
    let app = spawn_with(Backend::Sqlite, move |s| {
        s.pwa_dir = pwa;
        s.hsts = true;
    })
    .await;
    for path in ["/", "/style.css", "/api/v1/health"] {
        let r = app
            .client
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert_security_headers(&r, path);
        assert!(r.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age="));
    }
    // Authenticated API answers are never stored by a cache.
    let sys = app.admin_token().await;
    let r = app.get("/v1/me", &sys).await;
    assert_eq!(r.headers()["cache-control"], "no-store");
    // Without VARIG_HSTS no HSTS (plain HTTP on a laptop).
    let plain = spawn(Backend::Sqlite).await;
    let r = plain
        .client
        .get(plain.url("/v1/health"))
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("strict-transport-security").is_none());
}

db_test!(
    async fn every_405_names_the_allowed_methods(app) {
        let r = app.req(Method::DELETE, "/v1/health", None).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(r.headers()["allow"], "GET, HEAD");
        let r = app.req(Method::PUT, "/v1/projects/0190a6a0-0000-7000-8000-000000000000", None).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
        let allow = r.headers()["allow"].to_str().unwrap().to_owned();
        assert!(allow.contains("GET") && allow.contains("PATCH"), "{allow}");
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/problem+json"));
    }
);

db_test!(
    async fn a_number_where_a_string_belongs_is_refused_and_invisible_names_are_empty(app) {
        let sys = app.admin_token().await;
        let (_, admin) = app.org_with_admin(&sys, "Streng").await;
        for bad in [json!({"name": 123}), json!({"name": true}), json!({"name": ["BTI"]})] {
            let r = app.post("/v1/programmes", Some(&admin), bad.clone()).await;
            assert!(matches!(r.status().as_u16(), 400 | 422), "{bad}: {}", r.status());
        }
        let r = app.post("/v1/programmes", Some(&admin), json!({"name": 123})).await;
        let p = assert_problem(r, 422, "validation").await;
        assert_eq!((p["errors"][0]["field"].as_str(), p["errors"][0]["code"].as_str()), (Some("name"), Some("wrong_type")));
        let list: Value = app.get("/v1/programmes", &admin).await.json().await.unwrap();
        assert_eq!(list["items"].as_array().unwrap().len(), 0, "nothing was stored as text");
        for invisible in ["\u{200B}", "\u{FEFF}", "\u{200D}\u{2060}"] {
            let r = app.post("/v1/programmes", Some(&admin), json!({"name": invisible})).await;
            let p = assert_problem(r, 422, "validation").await;
            assert_eq!(p["errors"][0]["field"], "name");
        }
    }
);

db_test_with!(
    |s| {
        s.rate_per_minute = 1;
        s.rate_burst = 3;
    },
    async fn writes_beyond_the_callers_rate_get_429_with_retry_after_and_ratelimit_headers(app) {
        let sys = app.admin_token().await;
        let (_, admin) = app.org_with_admin(&sys, "Takt").await;
        // The system administrator spent two writes (the organisation, the invitation): one left.
        let mut last = None;
        for i in 0..2 {
            let r = app.post("/v1/organisations", Some(&sys), json!({"name": format!("Org {i}")})).await;
            last = Some((i, r.status(), r.headers().clone()));
            if r.status() == StatusCode::TOO_MANY_REQUESTS {
                break;
            }
            assert_eq!(r.status(), StatusCode::CREATED);
            assert!(r.headers().contains_key("ratelimit-policy"));
            assert!(r.headers()["ratelimit"].to_str().unwrap().contains("r="));
        }
        let (i, status, headers) = last.unwrap();
        assert_eq!((i, status), (1, StatusCode::TOO_MANY_REQUESTS));
        let wait: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&wait), "{wait}");
        assert_eq!(headers["ratelimit-remaining"], "0");
        // Another caller has a bucket of their own; reading is not limited.
        let r = app.post("/v1/programmes", Some(&admin), json!({"name": "BTI"})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        assert_eq!(app.get("/v1/organisations", &sys).await.status(), StatusCode::OK);
    }
);

/// Every schema a request body uses, directly or through another schema.
fn request_schemas(spec: &Value) -> std::collections::BTreeSet<String> {
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                if let Some(Value::String(r)) = o.get("$ref") {
                    out.push(r.trim_start_matches("#/components/schemas/").to_owned());
                }
                o.values().for_each(|x| refs(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut todo = vec![];
    for item in spec["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            refs(&op["requestBody"], &mut todo);
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    while let Some(name) = todo.pop() {
        if seen.insert(name.clone()) {
            refs(&spec["components"]["schemas"][&name], &mut todo);
        }
    }
    seen
}

#[tokio::test]
async fn every_list_a_request_may_carry_has_a_stated_maximum() {
    let spec: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../openapi/openapi.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let mut unbounded = vec![];
    for name in request_schemas(&spec) {
        let schema = &spec["components"]["schemas"][&name];
        for (prop, p) in schema["properties"].as_object().into_iter().flatten() {
            if p["type"] == "array" && p.get("maxItems").is_none() {
                unbounded.push(format!("{name}.{prop}"));
            }
        }
    }
    assert!(
        unbounded.is_empty(),
        "request lists without maxItems: {unbounded:?}"
    );
}

/// The real `varig serve` binary on a fresh SQLite file, its log (stdout) collected.
struct ServerProcess {
    child: std::process::Child,
    log: std::sync::Arc<std::sync::Mutex<String>>,
    app: TestApp,
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_binary() -> ServerProcess {
    use std::io::BufRead;
    let dir = tempdir::Dir::new();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_varig"))
        .arg("serve")
        .env("VARIG_BIND", "127.0.0.1:0")
        .env(
            "VARIG_DATABASE_URL",
            format!("sqlite://{}?mode=rwc", dir.0.join("v.sqlite").display()),
        )
        .env("VARIG_ADMIN_EMAIL", ADMIN_EMAIL)
        .env("VARIG_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("VARIG_PWA_DIR", "/nonexistent-varig-pwa")
        .env("VARIG_LOG", "info")
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start varig");
    let out = child.stdout.take().unwrap();
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let (tx, rx) = std::sync::mpsc::channel();
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
            if let Some(port) = line
                .split("port=")
                .nth(1)
                .and_then(|p| p.split_whitespace().next())
            {
                let _ = tx.send(port.to_owned());
            }
            sink.lock().unwrap().push_str(&line);
            sink.lock().unwrap().push('\n');
        }
    });
    let port = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the server reports its port");
    let app = TestApp {
        address: format!("http://127.0.0.1:{port}"),
        client: reqwest::Client::new(),
        state: varig_backend::state::AppState::spec_only(),
        _dir: Some(dir),
    };
    ServerProcess { child, log, app }
}

#[tokio::test]
async fn calendar_urls_invitation_and_refresh_tokens_never_reach_the_log() {
    let server = start_binary();
    let app = &server.app;
    let t = team(app, "Logg").await;
    let (_, refresh) = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let r = app
        .post("/v1/calendar-feeds", Some(&t.owner), json!({}))
        .await;
    let path = r.json::<Value>().await.unwrap()["path"]
        .as_str()
        .unwrap()
        .to_owned();
    let secret = path
        .split('/')
        .find(|s| s.starts_with("vcal_"))
        .unwrap()
        .to_owned();
    assert_eq!(
        app.client
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let r = app
        .post(
            "/v1/invitations",
            Some(&t.admin),
            json!({"email": "logg@l.test"}),
        )
        .await;
    let invitation = r.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    app.post(
        "/v1/invitations/accept",
        None,
        json!({"token": invitation, "name": "L", "password": PASSWORD}),
    )
    .await;
    app.post("/v1/auth/refresh", None, json!({"refresh_token": refresh}))
        .await;
    // A reuse, which the server logs as a warning.
    app.post("/v1/auth/refresh", None, json!({"refresh_token": refresh}))
        .await;
    // The query string is never logged either.
    app.client
        .get(format!("{}/api/v1/health?token={invitation}", app.address))
        .send()
        .await
        .unwrap();
    let log = {
        let started = std::time::Instant::now();
        loop {
            let log = server.log.lock().unwrap().clone();
            if log.contains("refresh token reuse") || started.elapsed() > Duration::from_secs(5) {
                break log;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    assert!(
        log.contains("calendar-feeds/[redacted]/calendar.ics"),
        "the request was logged:\n{log}"
    );
    assert!(log.contains("refresh token reuse"), "{log}");
    for s in [&secret, &invitation, &refresh] {
        assert!(!log.contains(s.as_str()), "a secret in the log:\n{log}");
    }
}

/// A PostgreSQL server of this test's own (never the machine's), in a temporary directory.
struct OwnPostgres {
    dir: std::path::PathBuf,
    port: u16,
}

fn run_as_postgres(args: &[&str]) -> std::process::Output {
    let as_root = is_root();
    let mut cmd = if as_root {
        let mut c = std::process::Command::new("runuser");
        c.args(["-u", "postgres", "--"]);
        c.args(args);
        c
    } else {
        let mut c = std::process::Command::new(args[0]);
        c.args(&args[1..]);
        c
    };
    cmd.output().expect("run a PostgreSQL tool")
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn pg_bin(tool: &str) -> String {
    for dir in [
        "/usr/lib/postgresql/17/bin",
        "/usr/lib/postgresql/16/bin",
        "/usr/lib/postgresql/15/bin",
    ] {
        let p = format!("{dir}/{tool}");
        if std::path::Path::new(&p).exists() {
            return p;
        }
    }
    tool.to_owned()
}

impl OwnPostgres {
    fn start() -> Self {
        let dir = std::env::temp_dir().join(format!("varig-pg-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        if is_root() {
            std::process::Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&dir)
                .status()
                .unwrap();
        }
        let data = dir.join("data");
        let out = run_as_postgres(&[
            &pg_bin("initdb"),
            "-D",
            data.to_str().unwrap(),
            "-A",
            "trust",
            "-U",
            "postgres",
        ]);
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let opts = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1",
            dir.display()
        );
        let out = run_as_postgres(&[
            &pg_bin("pg_ctl"),
            "-D",
            data.to_str().unwrap(),
            "-o",
            &opts,
            "-w",
            "-l",
            dir.join("log").to_str().unwrap(),
            "start",
        ]);
        assert!(
            out.status.success(),
            "pg_ctl start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Self { dir, port }
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn stop(&self) {
        let data = self.dir.join("data");
        run_as_postgres(&[
            &pg_bin("pg_ctl"),
            "-D",
            data.to_str().unwrap(),
            "-m",
            "immediate",
            "-w",
            "stop",
        ]);
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[tokio::test]
async fn a_database_outage_is_a_quick_503_with_retry_after_never_a_500() {
    if !requested(Backend::Postgres) {
        eprintln!("outage test skipped: VARIG_TEST_DATABASES excludes postgres");
        return;
    }
    let pg = OwnPostgres::start();
    let app = spawn_on(&pg.url(), |s| s.db_connect_timeout_secs = 2).await;
    let t = team(&app, "Utfall").await;
    let unit = unit_in_scope(&app, &t, "Nord").await;
    let report = |i: usize| {
        json!({"id": uuid::Uuid::now_v7(), "date": chrono::Utc::now().date_naive(), "unit_id": unit,
        "activity": "information_meeting", "stage": "understanding", "successes": format!("Rapport {i}")})
    };
    // One report before: the agent's access is now cached, so the next ones reach the writer.
    let r = app
        .post(
            &format!("/v1/projects/{}/reports", t.project),
            Some(&t.agent),
            report(0),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(
        app.get("/v1/ready", &t.admin).await.status(),
        StatusCode::OK
    );
    pg.stop();

    let started = Instant::now();
    let r = app.client.get(app.url("/v1/ready")).send().await.unwrap();
    let took = started.elapsed();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(took < Duration::from_secs(1), "/ready took {took:?}");

    // Reads, writes and field reports in flight: 503 problem+json with Retry-After.
    let started = Instant::now();
    let mut calls = vec![
        app.req(
            Method::GET,
            &format!("/v1/projects/{}", t.project),
            Some(&t.admin),
        )
        .send(),
        app.req(Method::POST, "/v1/programmes", Some(&t.admin))
            .json(&json!({"name": "X"}))
            .send(),
        app.req(Method::POST, "/v1/auth/login", None)
            .json(&json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}))
            .send(),
    ];
    // Twenty field reports from a phone's outbox, in the writer when the database is gone.
    for i in 1..=20 {
        calls.push(
            app.req(
                Method::POST,
                &format!("/v1/projects/{}/reports", t.project),
                Some(&t.agent),
            )
            .json(&report(i))
            .send(),
        );
    }
    let responses = futures::future::join_all(calls).await;
    let took = started.elapsed();
    for r in responses {
        let r = r.unwrap();
        let status = r.status();
        let retry = r.headers().get("retry-after").cloned();
        let body = r.text().await.unwrap();
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert!(retry.is_some(), "Retry-After on {body}");
        assert!(body.contains("\"unavailable\""), "{body}");
    }
    assert!(took < Duration::from_secs(8), "answers took {took:?}");
}
