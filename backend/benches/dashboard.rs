//! Dashboard benchmark (issue: indicators and the dashboard). Seeds a project with 1,000
//! active change agents, 100,000 field reports over five years, five years of held
//! meetings in its three standard series, 50 indicators × 60 monthly measurements and two
//! closed sustainability rounds, then measures `GET /v1/projects/{id}/dashboard` over
//! loopback: p50/p95/p99 with one client and with 8, and the number of database queries per
//! call (the server runs with `VARIG_QUERY_COUNT=1` and answers with `Varig-Db-Queries`),
//! also on a project with almost no data, to show the count does not grow with the data.
//!
//! Run through `./varig bench` with `DATABASE_URL BASE_URL ADMIN_EMAIL ADMIN_PASSWORD LABEL`;
//! `VARIG_BENCH_SECONDS` (default 10) bounds each phase.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use chrono::{Days, Months, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectOptions, ConnectionTrait, Database, DatabaseConnection,
    EntityTrait, QueryFilter,
};
use serde_json::{json, Value};
use uuid::Uuid;
use varig_backend::entities::{
    change_agent, field_report, indicator, measurement, meeting, meeting_series, membership,
    sustainability_assessment, sustainability_rating, user,
};

const AGENTS: usize = 1000;
const REPORTS: usize = 100_000;
const INDICATORS: usize = 50;
const PERIODS: u32 = 60;
const FACTORS: [&str; 10] = [
    "benefits",
    "credibility",
    "adaptability",
    "monitoring",
    "involvement",
    "attitudes",
    "senior_leadership",
    "local_leadership",
    "strategic_fit",
    "infrastructure",
];

fn v7() -> String {
    Uuid::now_v7().to_string()
}

async fn call(
    c: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    token: Option<&str>,
    body: Value,
) -> Value {
    let mut b = c.request(method, url).json(&body);
    if let Some(t) = token {
        b = b.bearer_auth(t);
    }
    let r = b.send().await.expect("request");
    let status = r.status();
    let text = r.text().await.unwrap_or_default();
    assert!(status.is_success(), "{status}: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

struct Org {
    admin: String,
    org_id: String,
    programme: String,
}

/// An organisation with an admin and a programme, over HTTP.
async fn organisation(c: &reqwest::Client, base: &str, email: &str, password: &str) -> Org {
    let api = |p: &str| format!("{base}/api{p}");
    let post = reqwest::Method::POST;
    let sys = call(
        c,
        post.clone(),
        api("/v1/auth/login"),
        None,
        json!({"email": email, "password": password}),
    )
    .await;
    let sys = sys["access_token"].as_str().unwrap().to_owned();
    let org = call(
        c,
        post.clone(),
        api("/v1/organisations"),
        Some(&sys),
        json!({"name": "Dashboard bench"}),
    )
    .await;
    let org_id = org["id"].as_str().unwrap().to_owned();
    let inv = call(c, post.clone(), api("/v1/invitations"), Some(&sys),
        json!({"email": format!("admin{}@bench.test", Uuid::new_v4().simple()), "organisation_id": org_id, "org_role": "admin"})).await;
    let pair = call(
        c,
        post.clone(),
        api("/v1/invitations/accept"),
        None,
        json!({"token": inv["token"], "name": "Bench admin", "password": "bench-password-1"}),
    )
    .await;
    let admin = pair["access_token"].as_str().unwrap().to_owned();
    let prog = call(
        c,
        post,
        api("/v1/programmes"),
        Some(&admin),
        json!({"name": "BTI"}),
    )
    .await;
    Org {
        admin,
        org_id,
        programme: prog["id"].as_str().unwrap().to_owned(),
    }
}

/// A project with 20 units in scope, over HTTP.
async fn project(c: &reqwest::Client, base: &str, o: &Org, name: &str) -> (String, Vec<String>) {
    let api = |p: &str| format!("{base}/api{p}");
    let post = reqwest::Method::POST;
    let p = call(
        c,
        post.clone(),
        api("/v1/projects"),
        Some(&o.admin),
        json!({"programme_id": o.programme, "name": name}),
    )
    .await;
    let project = p["id"].as_str().unwrap().to_owned();
    let mut units = vec![];
    for i in 0..20 {
        let u = call(
            c,
            post.clone(),
            api("/v1/units"),
            Some(&o.admin),
            json!({"name": format!("{name} enhet {i:02}"), "level": "unit"}),
        )
        .await;
        units.push(u["id"].as_str().unwrap().to_owned());
    }
    let r = c
        .put(api(&format!("/v1/projects/{project}/network")))
        .bearer_auth(&o.admin)
        .header("If-Match", "*")
        .json(&json!({"unit_ids": units, "silent_after_weeks": 4}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    (project, units)
}

/// Everything else straight into the database (1,000 accounts over HTTP would benchmark
/// argon2, and 100,000 reports the report endpoint).
async fn seed_data(db: &DatabaseConnection, org_id: &str, project: &str, units: &[String]) {
    let now = Utc::now();
    let today = now.date_naive();
    let five_years_ago = today - Months::new(60);
    let mut agents = vec![];
    for chunk in (0..AGENTS).collect::<Vec<_>>().chunks(200) {
        let (mut users, mut members, mut rows) = (vec![], vec![], vec![]);
        for i in chunk {
            let id = v7();
            let m = v7();
            users.push(user::ActiveModel {
                id: Set(id.clone()),
                organisation_id: Set(Some(org_id.to_owned())),
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
                id: Set(m.clone()),
                project_id: Set(project.to_owned()),
                user_id: Set(id.clone()),
                role: Set("change_agent".into()),
                created_at: Set(now),
                updated_at: Set(now),
                archived_at: Set(None),
                version: Set(1),
            });
            rows.push(change_agent::ActiveModel {
                id: Set(m),
                project_id: Set(project.to_owned()),
                user_id: Set(id.clone()),
                status: Set(varig_types::AgentStatus::Active),
                history: Set(json!([{"status": "active", "on": five_years_ago}]).to_string()),
                unit_ids: Set(json!([units[i % units.len()]]).to_string()),
                created_at: Set(now),
                updated_at: Set(now),
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
        change_agent::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await
            .unwrap();
    }
    for start in (0..REPORTS).step_by(1000) {
        let rows: Vec<_> = (start..(start + 1000).min(REPORTS))
            .map(|i| field_report::ActiveModel {
                id: Set(Uuid::new_v4().to_string()),
                project_id: Set(project.to_owned()),
                received_id: Set(v7()),
                agent_user_id: Set(agents[i % agents.len()].clone()),
                date: Set(today - Days::new((i % 1826) as u64)),
                unit_id: Set(units[i % units.len()].clone()),
                activity: Set(varig_types::Activity::Coaching),
                people_reached: Set(8),
                stage: Set(varig_types::ReactionStage::TryingOut),
                resistance: Set(None),
                barriers: Set("[]".into()),
                successes: Set(String::new()),
                support_needed: Set(String::new()),
                created_at: Set(now),
            })
            .collect();
        field_report::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await
            .unwrap();
    }
    // The three standard series, confirmed from five years ago, every meeting held.
    meeting_series::Entity::update_many()
        .col_expr(meeting_series::Column::Status, Expr::value("confirmed"))
        .col_expr(
            meeting_series::Column::StartDate,
            Expr::value(five_years_ago),
        )
        .filter(meeting_series::Column::ProjectId.eq(project))
        .exec(db)
        .await
        .unwrap();
    let series = meeting_series::Entity::find()
        .filter(meeting_series::Column::ProjectId.eq(project))
        .all(db)
        .await
        .unwrap();
    let mut meetings = vec![];
    for s in &series {
        let view = varig_backend::meetings::series::view(s);
        for m in varig_backend::meetings::series::schedule(&view, five_years_ago, today) {
            meetings.push(meeting::ActiveModel {
                id: Set(v7()),
                series_id: Set(s.id.clone()),
                project_id: Set(project.to_owned()),
                date: Set(m.date),
                status: Set(varig_types::MeetingStatus::Held),
                held_on: Set(Some(m.date)),
                cancel_reason: Set(None),
                agenda: Set("[]".into()),
                attendance: Set("[]".into()),
                decisions: Set(json!(["Vedtak"]).to_string()),
                minutes_published_at: Set(Some(now)),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            });
        }
    }
    for chunk in meetings.chunks(200) {
        meeting::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await
            .unwrap();
    }
    let first_month = NaiveDate::from_ymd_opt(
        chrono::Datelike::year(&five_years_ago),
        chrono::Datelike::month(&five_years_ago),
        1,
    )
    .unwrap();
    for i in 0..INDICATORS {
        let id = v7();
        let source = match i {
            0 => "meeting_adherence",
            1 => "active_agent_share",
            2 => "network_coverage",
            3 => "reports_per_active_agent",
            4 => "days_in_phase",
            _ => "manual",
        };
        indicator::Entity::insert(indicator::ActiveModel {
            id: Set(id.clone()),
            project_id: Set(project.to_owned()),
            category: Set("result_attainment".into()),
            name: Set(format!("Indikator {i:02}")),
            description: Set(String::new()),
            unit: Set("%".into()),
            source: Set(source.into()),
            direction: Set("higher".into()),
            baseline: Set(Some(40.0)),
            target: Set(Some(90.0)),
            green_threshold: Set(80.0),
            amber_threshold: Set(60.0),
            frequency: Set("monthly".into()),
            start_date: Set(first_month),
            responsible_id: Set(None),
            goal_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        })
        .exec_without_returning(db)
        .await
        .unwrap();
        let rows: Vec<_> = (0..PERIODS)
            .map(|p| measurement::ActiveModel {
                id: Set(v7()),
                indicator_id: Set(id.clone()),
                project_id: Set(project.to_owned()),
                period_start: Set(first_month + Months::new(p)),
                value: Set(50.0 + f64::from(p % 40)),
                comment: Set(String::new()),
                source: Set("system".into()),
                recorded_by_user_id: Set(None),
                recorded_by_token_id: Set(None),
                recorded_by_name: Set("Kvalitetssystemet".into()),
                recorded_at: Set(now),
                version: Set(1),
            })
            .collect();
        measurement::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await
            .unwrap();
    }
    for (n, score) in [(0, 4), (1, 3)] {
        let round = v7();
        sustainability_assessment::Entity::insert(sustainability_assessment::ActiveModel {
            id: Set(round.clone()),
            project_id: Set(project.to_owned()),
            phase: Set("prepare".into()),
            title: Set(format!("Runde {n}")),
            status: Set("closed".into()),
            opened_by: Set(agents[0].clone()),
            created_at: Set(now),
            closed_at: Set(Some(now + chrono::Duration::seconds(n))),
        })
        .exec_without_returning(db)
        .await
        .unwrap();
        let rows: Vec<_> = agents
            .iter()
            .take(10)
            .flat_map(|a| {
                FACTORS.iter().map(|f| sustainability_rating::ActiveModel {
                    assessment_id: Set(round.clone()),
                    user_id: Set(a.clone()),
                    factor: Set((*f).into()),
                    score: Set(score),
                    updated_at: Set(now),
                })
            })
            .collect();
        sustainability_rating::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await
            .unwrap();
    }
}

struct Sample {
    lat: Vec<Duration>,
    queries: Vec<u32>,
    errors: u64,
    secs: f64,
}

impl Sample {
    fn pct(&self, p: f64) -> f64 {
        self.lat
            .get(((self.lat.len() as f64 - 1.0) * p) as usize)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    }
}

/// `clients` workers calling the dashboard until the deadline.
async fn measure(c: &reqwest::Client, url: &str, token: &str, clients: usize, secs: u64) -> Sample {
    let deadline = Instant::now() + Duration::from_secs(secs);
    let start = Instant::now();
    let mut tasks = vec![];
    for _ in 0..clients {
        let (c, url, token) = (c.clone(), url.to_owned(), token.to_owned());
        tasks.push(tokio::spawn(async move {
            let (mut lat, mut queries, mut errors) = (vec![], vec![], 0u64);
            while Instant::now() < deadline {
                let t = Instant::now();
                match c.get(&url).bearer_auth(&token).send().await {
                    Ok(r) if r.status().is_success() => {
                        let q = r
                            .headers()
                            .get("varig-db-queries")
                            .and_then(|v| v.to_str().ok())
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0);
                        let _ = r.bytes().await;
                        lat.push(t.elapsed());
                        queries.push(q);
                    }
                    _ => errors += 1,
                }
            }
            (lat, queries, errors)
        }));
    }
    let mut s = Sample {
        lat: vec![],
        queries: vec![],
        errors: 0,
        secs: 0.0,
    };
    for t in tasks {
        let (l, q, e) = t.await.unwrap();
        s.lat.extend(l);
        s.queries.extend(q);
        s.errors += e;
    }
    s.secs = start.elapsed().as_secs_f64();
    s.lat.sort();
    s
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, db_url, base, email, password, label] = &args[..] else {
        eprintln!("usage: dashboard DATABASE_URL BASE_URL ADMIN_EMAIL ADMIN_PASSWORD LABEL");
        std::process::exit(2);
    };
    let secs: u64 = std::env::var("VARIG_BENCH_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let mut opt = ConnectOptions::new(db_url.clone());
    opt.max_connections(4).sqlx_logging(false);
    let db = Database::connect(opt).await.unwrap();
    if db_url.starts_with("sqlite") {
        db.execute_unprepared("PRAGMA busy_timeout=5000;")
            .await
            .unwrap();
    }
    let c = reqwest::Client::new();
    let org = organisation(&c, base, email, password).await;
    let (empty, _) = project(&c, base, &org, "Tomt").await;
    let (full, units) = project(&c, base, &org, "Fullt").await;
    let seeded_at = Instant::now();
    seed_data(&db, &org.org_id, &full, &units).await;
    eprintln!(
        "seeded the dashboard project in {:.1}s",
        seeded_at.elapsed().as_secs_f64()
    );
    let url = |p: &str| format!("{base}/api/v1/projects/{p}/dashboard");
    // A check that the seed shows: 1,000 active agents and 50 indicators.
    let d = call(
        &c,
        reqwest::Method::GET,
        url(&full),
        Some(&org.admin),
        Value::Null,
    )
    .await;
    assert_eq!(d["network"]["active_agents"], AGENTS);
    assert_eq!(d["indicators"].as_array().unwrap().len(), INDICATORS);
    let small = measure(&c, &url(&empty), &org.admin, 1, 2).await;
    for (clients, s) in [
        (1, measure(&c, &url(&full), &org.admin, 1, secs).await),
        (8, measure(&c, &url(&full), &org.admin, 8, secs).await),
    ] {
        let q = |v: &[u32]| {
            let (min, max) = (
                v.iter().min().copied().unwrap_or(0),
                v.iter().max().copied().unwrap_or(0),
            );
            if min == max {
                format!("{min}")
            } else {
                format!("{min}–{max}")
            }
        };
        println!(
            "| {label} | GET /v1/projects/{{id}}/dashboard | {clients} | {} | {} | {:.0} | {:.2} | {:.2} | {:.2} | {} | {} |",
            s.lat.len(),
            s.errors,
            s.lat.len() as f64 / s.secs,
            s.pct(0.5),
            s.pct(0.95),
            s.pct(0.99),
            q(&s.queries),
            q(&small.queries),
        );
    }
}
