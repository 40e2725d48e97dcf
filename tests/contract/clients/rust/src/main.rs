//! Uses the client progenitor generated from the spec: logs in, files a field report, and
//! reads the typed 422 problem of a report whose stage is resistance without its kind.
//!
//!     varig-contract-rust-client BASE_URL SEED_JSON

#[allow(clippy::all)]
mod varig {
    include!(concat!(env!("OUT_DIR"), "/varig_client.rs"));
}

use futures_util::StreamExt;
use varig::types::{Activity, LoginRequest, NewFieldReport, Problem, ProblemCode, ReactionStage};

fn usage() -> ! {
    eprintln!("usage: varig-contract-rust-client BASE_URL SEED_JSON");
    std::process::exit(2)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let base = args.next().unwrap_or_else(|| usage());
    let seed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(
        args.next().unwrap_or_else(|| usage()),
    )?)?;
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    let api = varig::Client::new(&format!("{base}/api"));
    // Text with a rule of its own (a pattern or a length) is a type that checks it.
    let login = LoginRequest {
        email: text(&seed["reporter"]["email"]).parse()?,
        password: text(&seed["reporter"]["password"]).parse()?,
    };
    let pair = api.login(&login).await?.into_inner();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        format!("Bearer {}", pair.access_token).parse()?,
    );
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()?;
    let authed = varig::Client::new_with_client(&format!("{base}/api"), http);
    let project: uuid::Uuid = text(&seed["project_id"]).parse()?;
    let unit: uuid::Uuid = text(&seed["unit_id"]).parse()?;
    let report = NewFieldReport {
        id: uuid::Uuid::new_v4(),
        date: chrono::Utc::now().date_naive(),
        unit_id: unit,
        activity: Activity::PracticeTrial,
        stage: ReactionStage::TryingOut,
        people_reached: 7,
        resistance: None,
        barriers: vec![],
        successes: "Rust client".parse()?,
        support_needed: "".parse()?,
    };
    let filed = authed.create_report(&project, &report).await?;
    assert_eq!(filed.status().as_u16(), 201);
    assert_eq!(filed.id, report.id);
    let bad = NewFieldReport {
        id: uuid::Uuid::new_v4(),
        stage: ReactionStage::Resistance,
        ..report
    };
    // progenitor types only `application/json` bodies (progenitor-impl's method.rs), so an
    // `application/problem+json` answer arrives as bytes: read them into the generated
    // `Problem`.
    let refused = match authed.create_report(&project, &bad).await {
        Err(varig::Error::UnexpectedResponse(r)) => r,
        Err(varig::Error::ErrorResponse(r)) => {
            let status = r.status();
            let mut bytes = Vec::new();
            let mut stream = r.into_inner().into_inner();
            while let Some(chunk) = stream.next().await {
                bytes.extend_from_slice(&chunk?);
            }
            assert_eq!(status.as_u16(), 422);
            return check_problem(serde_json::from_slice(&bytes)?, filed.id);
        }
        other => return Err(format!("expected a 422 problem, got {other:?}").into()),
    };
    Err(format!("expected a typed 422 problem, got {}", refused.status()).into())
}

fn check_problem(problem: Problem, filed: uuid::Uuid) -> Result<(), Box<dyn std::error::Error>> {
    assert_eq!(problem.code, ProblemCode::Validation);
    let fields: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["resistance"]);
    println!(
        "rust client: filed {filed}; 422 {} on {}",
        problem.code, fields[0]
    );
    Ok(())
}
