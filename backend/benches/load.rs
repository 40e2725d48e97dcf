//! Load benchmark: drives a running Varig server over HTTP and prints a markdown table of
//! throughput, latency percentiles and the server's resident memory.
//!
//! Run through `./varig bench` (it builds the release server, starts it on SQLite and on
//! PostgreSQL, and calls this with `BASE_URL PID ADMIN_EMAIL ADMIN_PASSWORD LABEL`).
//! Bounded: each scenario runs `VARIG_BENCH_SECONDS` (default 5) with
//! `VARIG_BENCH_CONCURRENCY` (default 16) clients against 127.0.0.1 only.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

struct Ctx {
    base: String,
    client: reqwest::Client,
    admin: String,
    projects: Vec<String>,
    /// How many made-up addresses were sent so far.
    made_up: std::sync::atomic::AtomicUsize,
}

fn rss_kib(pid: &str, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

async fn post(c: &reqwest::Client, url: String, token: Option<&str>, body: Value) -> Value {
    let mut b = c.post(url).json(&body);
    if let Some(t) = token {
        b = b.bearer_auth(t);
    }
    let r = b.send().await.expect("request");
    assert!(r.status().is_success(), "{}", r.status());
    r.json().await.unwrap_or(Value::Null)
}

async fn seed(base: &str, email: &str, password: &str, projects: usize) -> Ctx {
    let client = reqwest::Client::new();
    let api = |p: &str| format!("{base}/api{p}");
    let sys = post(
        &client,
        api("/v1/auth/login"),
        None,
        json!({"email": email, "password": password}),
    )
    .await;
    let sys = sys["access_token"].as_str().unwrap().to_owned();
    let org = post(
        &client,
        api("/v1/organisations"),
        Some(&sys),
        json!({"name": "Bench kommune"}),
    )
    .await;
    let stamp = Instant::now().elapsed().as_nanos() ^ u128::from(std::process::id());
    let inv = post(
        &client,
        api("/v1/invitations"),
        Some(&sys),
        json!({"email": format!("bench{stamp}@bench.test"), "organisation_id": org["id"], "org_role": "admin"}),
    )
    .await;
    let pair = post(
        &client,
        api("/v1/invitations/accept"),
        None,
        json!({"token": inv["token"], "name": "Bench admin", "password": "bench-password-1"}),
    )
    .await;
    let admin = pair["access_token"].as_str().unwrap().to_owned();
    let prog = post(
        &client,
        api("/v1/programmes"),
        Some(&admin),
        json!({"name": "BTI"}),
    )
    .await;
    let mut ids = vec![];
    for i in 0..projects {
        let p = post(
            &client,
            api("/v1/projects"),
            Some(&admin),
            json!({"programme_id": prog["id"], "name": format!("Project {i}")}),
        )
        .await;
        ids.push(p["id"].as_str().unwrap().to_owned());
    }
    Ctx {
        base: base.to_owned(),
        client,
        admin,
        projects: ids,
        made_up: std::sync::atomic::AtomicUsize::new(0),
    }
}

#[derive(Clone, Copy)]
enum Scenario {
    Health,
    ListProjects,
    GetProject,
    UpdateProject,
    Login,
    /// 10,000 requests, each with another made-up 1 KB address (a flood meant to fill the
    /// login throttle's memory).
    MadeUpAddresses,
}

const MADE_UP: usize = 10_000;

impl Scenario {
    fn name(self) -> &'static str {
        match self {
            Self::Health => "GET /v1/health",
            Self::ListProjects => "GET /v1/projects?limit=50",
            Self::GetProject => "GET /v1/projects/{id}",
            Self::UpdateProject => "PATCH /v1/projects/{id} (If-Match)",
            Self::Login => "POST /v1/auth/login (argon2id)",
            Self::MadeUpAddresses => "POST /v1/auth/login, 10,000 distinct made-up 1 KB addresses",
        }
    }
}

async fn one(ctx: &Ctx, s: Scenario, worker: usize, etag: &mut String) -> bool {
    let api = |p: &str| format!("{}/api{p}", ctx.base);
    let c = &ctx.client;
    let r = match s {
        Scenario::Health => c.get(api("/v1/health")).send().await,
        Scenario::ListProjects => {
            c.get(api("/v1/projects?limit=50"))
                .bearer_auth(&ctx.admin)
                .send()
                .await
        }
        Scenario::GetProject => {
            let id = &ctx.projects[worker % ctx.projects.len()];
            c.get(api(&format!("/v1/projects/{id}")))
                .bearer_auth(&ctx.admin)
                .send()
                .await
        }
        Scenario::UpdateProject => {
            let id = &ctx.projects[worker % ctx.projects.len()];
            let r = c
                .patch(api(&format!("/v1/projects/{id}")))
                .bearer_auth(&ctx.admin)
                .header("If-Match", etag.as_str())
                .json(&json!({"description": format!("update by {worker}")}))
                .send()
                .await;
            if let Ok(resp) = &r {
                if let Some(t) = resp.headers().get("etag") {
                    *etag = t.to_str().unwrap_or("*").to_owned();
                }
            }
            r
        }
        Scenario::Login => {
            c.post(api("/v1/auth/login"))
                .json(&json!({"email": "nobody-here@bench.test", "password": "wrong-password"}))
                .send()
                .await
        }
        Scenario::MadeUpAddresses => {
            let n = ctx
                .made_up
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let email = format!("{}{n}@made-up.test", "x".repeat(1024));
            c.post(api("/v1/auth/login"))
                .json(&json!({"email": email, "password": "wrong-password"}))
                .send()
                .await
        }
    };
    match r {
        Ok(resp) => {
            let ok = resp.status().is_success()
                || (matches!(s, Scenario::Login) && resp.status().as_u16() == 401)
                || (matches!(s, Scenario::MadeUpAddresses) && resp.status().as_u16() == 400);
            let _ = resp.bytes().await;
            ok
        }
        Err(_) => false,
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, base, pid, email, password, label] = &args[..] else {
        eprintln!("usage: load BASE_URL SERVER_PID ADMIN_EMAIL ADMIN_PASSWORD LABEL");
        std::process::exit(2);
    };
    let secs: u64 = std::env::var("VARIG_BENCH_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let conc: usize = std::env::var("VARIG_BENCH_CONCURRENCY")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    let ctx = Arc::new(seed(base, email, password, conc.max(50)).await);
    println!("| database | scenario | clients | requests | errors | req/s | p50 ms | p99 ms | server RSS MiB | peak RSS MiB |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for s in [
        Scenario::Health,
        Scenario::ListProjects,
        Scenario::GetProject,
        Scenario::UpdateProject,
        Scenario::Login,
        Scenario::MadeUpAddresses,
    ] {
        let rss_before = rss_kib(pid, "VmRSS:") as f64 / 1024.0;
        let deadline = Instant::now() + Duration::from_secs(secs);
        let start = Instant::now();
        let mut tasks = vec![];
        for w in 0..conc {
            let ctx = ctx.clone();
            tasks.push(tokio::spawn(async move {
                let mut lat = vec![];
                let mut errors = 0u64;
                let mut etag = "*".to_owned();
                let counted = matches!(s, Scenario::MadeUpAddresses);
                while (counted && ctx.made_up.load(std::sync::atomic::Ordering::Relaxed) < MADE_UP)
                    || (!counted && Instant::now() < deadline)
                {
                    let t = Instant::now();
                    if !one(&ctx, s, w, &mut etag).await {
                        errors += 1;
                    }
                    lat.push(t.elapsed());
                }
                (lat, errors)
            }));
        }
        let mut all = vec![];
        let mut errors = 0;
        for t in tasks {
            let (l, e) = t.await.unwrap();
            all.extend(l);
            errors += e;
        }
        let elapsed = start.elapsed().as_secs_f64();
        all.sort();
        let pct = |p: f64| {
            all.get(((all.len() as f64 - 1.0) * p) as usize)
                .map(|d| d.as_secs_f64() * 1000.0)
                .unwrap_or(0.0)
        };
        let name = match s {
            Scenario::MadeUpAddresses => {
                format!("{} (server RSS before: {rss_before:.1} MiB)", s.name())
            }
            _ => s.name().to_owned(),
        };
        println!(
            "| {label} | {name} | {conc} | {} | {errors} | {:.0} | {:.2} | {:.2} | {:.1} | {:.1} |",
            all.len(),
            all.len() as f64 / elapsed,
            pct(0.5),
            pct(0.99),
            rss_kib(pid, "VmRSS:") as f64 / 1024.0,
            rss_kib(pid, "VmHWM:") as f64 / 1024.0,
        );
    }
}
