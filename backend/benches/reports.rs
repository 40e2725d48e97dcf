//! Field-report benchmark (issue: change-agent network). Seeds a project with 1,000 change
//! agents and 100,000 reports, then measures authenticated `POST /v1/projects/{id}/reports`
//! at 64 concurrent clients over loopback, next to the same single-row INSERT issued
//! straight to the database by 64 tasks on a pool of the server's size, in the same run.
//! Prints markdown table rows: throughput, p50/p95/p99, and the ratio HTTP / raw. The server
//! writes reports that arrive together in one statement and commit (`reports::writer`); the
//! raw baseline is one single-row insert transaction per report, as a naive writer would.
//!
//! Run through `./varig bench` with `DATABASE_URL BASE_URL SERVER_PID ADMIN_EMAIL
//! ADMIN_PASSWORD JWT_SECRET LABEL`; `VARIG_BENCH_SECONDS` (default 10) bounds each phase,
//! `VARIG_BENCH_AGENTS` / `VARIG_BENCH_REPORTS` change the seed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectOptions, Database, DatabaseConnection, EntityTrait};
use serde_json::{json, Value};
use uuid::Uuid;
use varig_backend::auth::jwt::JwtKeys;
use varig_backend::entities::{field_report, membership, user};

const CLIENTS: usize = 64;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn v7() -> String {
    Uuid::now_v7().to_string()
}

async fn post(c: &reqwest::Client, url: String, token: Option<&str>, body: Value) -> Value {
    let mut b = c.post(url).json(&body);
    if let Some(t) = token {
        b = b.bearer_auth(t);
    }
    let r = b.send().await.expect("request");
    let status = r.status();
    let text = r.text().await.unwrap_or_default();
    assert!(status.is_success(), "{status}: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

struct Seeded {
    project: String,
    units: Vec<String>,
    agents: Vec<String>,
}

/// Organisation, programme, project and 20 units in scope over HTTP; agents and reports
/// straight into the database (creating 1,000 accounts over HTTP would benchmark argon2).
async fn seed(db: &DatabaseConnection, base: &str, email: &str, password: &str) -> Seeded {
    let c = reqwest::Client::new();
    let api = |p: &str| format!("{base}/api{p}");
    let sys = post(
        &c,
        api("/v1/auth/login"),
        None,
        json!({"email": email, "password": password}),
    )
    .await;
    let sys = sys["access_token"].as_str().unwrap().to_owned();
    let org = post(
        &c,
        api("/v1/organisations"),
        Some(&sys),
        json!({"name": "Report bench"}),
    )
    .await;
    let org_id = org["id"].as_str().unwrap().to_owned();
    let inv = post(&c, api("/v1/invitations"), Some(&sys),
        json!({"email": format!("admin{}@bench.test", Uuid::new_v4().simple()), "organisation_id": org_id, "org_role": "admin"})).await;
    let pair = post(
        &c,
        api("/v1/invitations/accept"),
        None,
        json!({"token": inv["token"], "name": "Bench admin", "password": "bench-password-1"}),
    )
    .await;
    let admin = pair["access_token"].as_str().unwrap().to_owned();
    let prog = post(
        &c,
        api("/v1/programmes"),
        Some(&admin),
        json!({"name": "BTI"}),
    )
    .await;
    let project = post(
        &c,
        api("/v1/projects"),
        Some(&admin),
        json!({"programme_id": prog["id"], "name": "BTI"}),
    )
    .await;
    let project = project["id"].as_str().unwrap().to_owned();
    let mut units = vec![];
    for i in 0..20 {
        let u = post(
            &c,
            api("/v1/units"),
            Some(&admin),
            json!({"name": format!("Enhet {i:02}"), "level": "unit"}),
        )
        .await;
        units.push(u["id"].as_str().unwrap().to_owned());
    }
    let r = c
        .put(api(&format!("/v1/projects/{project}/network")))
        .bearer_auth(&admin)
        .header("If-Match", "*")
        .json(&json!({"unit_ids": units, "silent_after_weeks": 4}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());

    let n_agents = env_or("VARIG_BENCH_AGENTS", 1000) as usize;
    let n_reports = env_or("VARIG_BENCH_REPORTS", 100_000) as usize;
    let now = Utc::now();
    let mut agents = vec![];
    for chunk in (0..n_agents).collect::<Vec<_>>().chunks(250) {
        let mut users = vec![];
        let mut members = vec![];
        for i in chunk {
            let id = v7();
            users.push(user::ActiveModel {
                id: Set(id.clone()),
                organisation_id: Set(Some(org_id.clone())),
                email: Set(format!("agent{i}.{}@bench.test", &id[24..])),
                name: Set(format!("Agent {i}")),
                password_hash: Set(None),
                org_role: Set(Some("member".into())),
                system_admin: Set(false),
                created_at: Set(now),
                updated_at: Set(now),
                archived_at: Set(None),
                version: Set(1),
            });
            members.push(membership::ActiveModel {
                id: Set(v7()),
                project_id: Set(project.clone()),
                user_id: Set(id.clone()),
                role: Set("change_agent".into()),
                created_at: Set(now),
                updated_at: Set(now),
                archived_at: Set(None),
                version: Set(1),
            });
            agents.push(id);
        }
        user::Entity::insert_many(users)
            .exec_without_returning(db)
            .await
            .unwrap();
        membership::Entity::insert_many(members)
            .exec_without_returning(db)
            .await
            .unwrap();
    }
    let today = now.date_naive();
    for start in (0..n_reports).step_by(1000) {
        let rows: Vec<_> = (start..(start + 1000).min(n_reports))
            .map(|i| {
                report(
                    &project,
                    &agents[i % agents.len()],
                    &units[i % units.len()],
                    today - chrono::Duration::days((i % 700) as i64),
                )
            })
            .collect();
        field_report::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await
            .unwrap();
    }
    Seeded {
        project,
        units,
        agents,
    }
}

fn report(
    project: &str,
    agent: &str,
    unit: &str,
    date: chrono::NaiveDate,
) -> field_report::ActiveModel {
    field_report::ActiveModel {
        id: Set(Uuid::new_v4().to_string()),
        project_id: Set(project.to_owned()),
        received_id: Set(v7()),
        agent_user_id: Set(agent.to_owned()),
        date: Set(date),
        unit_id: Set(unit.to_owned()),
        activity: Set(varig_types::Activity::InformationMeeting),
        people_reached: Set(12),
        stage: Set(varig_types::ReactionStage::Understanding),
        resistance: Set(None),
        barriers: Set("[]".into()),
        successes: Set("Godt oppmøte".into()),
        support_needed: Set(String::new()),
        created_at: Set(Utc::now()),
    }
}

struct Run {
    count: usize,
    errors: u64,
    secs: f64,
    lat: Vec<Duration>,
}

impl Run {
    fn rate(&self) -> f64 {
        self.count as f64 / self.secs
    }
    fn pct(&self, p: f64) -> f64 {
        self.lat
            .get(((self.lat.len() as f64 - 1.0) * p) as usize)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    }
}

/// Runs `CLIENTS` workers calling `op(worker)` until the deadline.
async fn drive<F, Fut>(secs: u64, op: F) -> Run
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let op = Arc::new(op);
    let deadline = Instant::now() + Duration::from_secs(secs);
    let start = Instant::now();
    let mut tasks = vec![];
    for w in 0..CLIENTS {
        let op = op.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = vec![];
            let mut errors = 0u64;
            while Instant::now() < deadline {
                let t = Instant::now();
                if !op(w).await {
                    errors += 1;
                }
                lat.push(t.elapsed());
            }
            (lat, errors)
        }));
    }
    let mut lat = vec![];
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.unwrap();
        lat.extend(l);
        errors += e;
    }
    let secs = start.elapsed().as_secs_f64();
    lat.sort();
    Run {
        count: lat.len() - errors as usize,
        errors,
        secs,
        lat,
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, db_url, base, _pid, email, password, secret, label] = &args[..] else {
        eprintln!("usage: reports DATABASE_URL BASE_URL SERVER_PID ADMIN_EMAIL ADMIN_PASSWORD JWT_SECRET LABEL");
        std::process::exit(2);
    };
    let secs = env_or("VARIG_BENCH_SECONDS", 10);
    let mut opt = ConnectOptions::new(db_url.clone());
    // The server's default pool size, so the raw baseline has the same connections.
    opt.max_connections(10).sqlx_logging(false);
    let db = Database::connect(opt).await.unwrap();
    if db_url.starts_with("sqlite") {
        use sea_orm::ConnectionTrait;
        db.execute_unprepared("PRAGMA journal_mode=WAL;")
            .await
            .unwrap();
        db.execute_unprepared("PRAGMA busy_timeout=5000;")
            .await
            .unwrap();
    }
    let seeded_at = Instant::now();
    let s = Arc::new(seed(&db, base, email, password).await);
    eprintln!(
        "seeded {} agents and their reports in {:.1}s",
        s.agents.len(),
        seeded_at.elapsed().as_secs_f64()
    );
    let keys = JwtKeys::new(secret.as_bytes(), 3600);
    // Each agent's token names a login session of its own, as after a real login.
    let mut issued = Vec::new();
    for a in s.agents.iter().take(CLIENTS) {
        use sea_orm::EntityTrait;
        use varig_backend::entities::session;
        let sid = Uuid::now_v7();
        let now = Utc::now();
        session::Entity::insert(session::ActiveModel::from(session::Model {
            id: sid.to_string(),
            user_id: a.clone(),
            created_at: now,
            expires_at: now + chrono::Duration::days(1),
            revoked_at: None,
        }))
        .exec_without_returning(&db)
        .await
        .unwrap();
        issued.push(keys.issue(a.parse().unwrap(), sid).unwrap());
    }
    let tokens: Arc<Vec<String>> = Arc::new(issued);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .unwrap();
    let url = format!("{base}/api/v1/projects/{}/reports", s.project);
    let today = Utc::now().date_naive().to_string();

    let http = {
        let (s, tokens, client, url, today) = (
            s.clone(),
            tokens.clone(),
            client.clone(),
            url.clone(),
            today.clone(),
        );
        drive(secs, move |w| {
            let (s, tokens, client, url, today) = (s.clone(), tokens.clone(), client.clone(), url.clone(), today.clone());
            async move {
                let body = json!({"id": Uuid::new_v4(), "date": today, "unit_id": s.units[w % s.units.len()],
                    "activity": "information_meeting", "people_reached": 12, "stage": "understanding", "successes": "Godt oppmøte"});
                match client.post(&url).bearer_auth(&tokens[w]).json(&body).send().await {
                    Ok(r) => {
                        let ok = r.status().as_u16() == 201;
                        let _ = r.bytes().await;
                        ok
                    }
                    Err(_) => false,
                }
            }
        })
        .await
    };
    let db = Arc::new(db);
    let raw = {
        let (s, db) = (s.clone(), db.clone());
        drive(secs, move |w| {
            let (s, db) = (s.clone(), db.clone());
            async move {
                let row = report(
                    &s.project,
                    &s.agents[w],
                    &s.units[w % s.units.len()],
                    Utc::now().date_naive(),
                );
                field_report::Entity::insert(row)
                    .exec_without_returning(&*db)
                    .await
                    .is_ok()
            }
        })
        .await
    };
    for (name, r) in [
        ("POST /v1/projects/{id}/reports (HTTP, JWT)", &http),
        ("INSERT field_reports (raw, same pool size)", &raw),
    ] {
        println!(
            "| {label} | {name} | {CLIENTS} | {} | {} | {:.0} | {:.2} | {:.2} | {:.2} |",
            r.count,
            r.errors,
            r.rate(),
            r.pct(0.5),
            r.pct(0.95),
            r.pct(0.99)
        );
    }
    println!(
        "| {label} | ratio HTTP / raw | | | | {:.2} | | | |",
        http.rate() / raw.rate().max(1.0)
    );
}
