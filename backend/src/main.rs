//! `varig` — serve (default), `varig openapi [FILE]` to export the spec, or
//! `varig create-admin` (with VARIG_ADMIN_EMAIL and VARIG_ADMIN_PASSWORD).

use std::process::ExitCode;

use tracing_subscriber::EnvFilter;
use varig_backend::{api, db, Application, Settings};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("VARIG_LOG").unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None | Some("serve") => serve().await,
        Some("openapi") => export(args.get(1)),
        Some("create-admin") => create_admin().await,
        Some(other) => Err(format!(
            "unknown command {other:?}; use serve, openapi [FILE] or create-admin"
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("varig: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve() -> Result<(), String> {
    let settings = Settings::from_env().map_err(|e| e.to_string())?;
    let app = Application::build(settings)
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(
        port = app.port(),
        "Varig listens; the PWA is at / and the API docs at /api/docs"
    );
    app.run_until_stopped().await.map_err(|e| e.to_string())
}

fn export(path: Option<&String>) -> Result<(), String> {
    let spec = api::spec_json();
    match path {
        Some(p) => std::fs::write(p, spec).map_err(|e| format!("cannot write {p}: {e}")),
        None => {
            print!("{spec}");
            Ok(())
        }
    }
}

async fn create_admin() -> Result<(), String> {
    let settings = Settings::from_env().map_err(|e| e.to_string())?;
    let (Some(email), Some(password)) = (&settings.admin_email, &settings.admin_password) else {
        return Err("set VARIG_ADMIN_EMAIL and VARIG_ADMIN_PASSWORD".into());
    };
    let conn = db::connect(&settings).await.map_err(|e| e.to_string())?;
    db::migrate(&conn).await.map_err(|e| e.to_string())?;
    db::create_system_admin(&conn, email, password.expose())
        .await
        .map_err(|e| e.to_string())?;
    println!("created system administrator {email}");
    Ok(())
}
