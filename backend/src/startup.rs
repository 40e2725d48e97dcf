//! Building the application: database, migrations, keys, routes, and a bound listener, so
//! that callers (and tests, with port 0) know the port before the server runs.

use poem::http::Method;
use poem::listener::{Acceptor, Listener, TcpAcceptor, TcpListener};
use poem::web::headers::{ContentLength, HeaderMapExt};
use poem::web::Html;
use poem::{handler, Endpoint, EndpointExt, Route, Server};
use poem::{Body, IntoResponse, Request, Response};
use std::sync::Arc;
use tokio::io::AsyncReadExt;

use crate::api;
use crate::auth::invalidate::Invalidator;
use crate::auth::jwt::JwtKeys;
use crate::config::Settings;
use crate::db::{self, AdminBootstrap};
use crate::error::{to_problem, AppError};
use crate::state::AppState;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("first administrator: {0}")]
    Admin(#[from] AppError),
    #[error("cannot listen on {bind}: {source}")]
    Bind {
        bind: String,
        source: std::io::Error,
    },
}

pub struct Application {
    port: u16,
    acceptor: TcpAcceptor,
    state: AppState,
}

impl Application {
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        let db = db::connect(&settings).await?;
        db::migrate(&db).await?;
        let secret = db::jwt_secret(&db, &settings).await?;
        match db::bootstrap_admin(&db, &settings).await? {
            AdminBootstrap::Created => tracing::info!("created the first system administrator"),
            AdminBootstrap::AlreadyPresent => {}
            AdminBootstrap::NotConfigured => tracing::warn!(
                "no system administrator exists yet: restart with VARIG_ADMIN_EMAIL and \
                 VARIG_ADMIN_PASSWORD set (password at least 10 characters), or run \
                 `varig create-admin` with those two variables"
            ),
        }
        let jwt = JwtKeys::new(&secret, settings.access_token_seconds);
        let bind = settings.bind.clone();
        let state = AppState::new(db, jwt, settings);
        state.invalidate.start(&state.db);
        if state.settings.snapshot_interval_secs > 0 {
            crate::dashboard::snapshot::spawn(
                state.db.clone(),
                std::time::Duration::from_secs(state.settings.snapshot_interval_secs),
                state.invalidate.clone(),
            );
        }
        crate::housekeeping::spawn(state.clone());
        crate::webhooks::spawn(&state);
        let acceptor = TcpListener::bind(bind.clone())
            .into_acceptor()
            .await
            .map_err(|source| StartupError::Bind {
                bind: bind.clone(),
                source,
            })?;
        let port = acceptor
            .local_addr()
            .first()
            .and_then(|a| a.as_socket_addr().map(|s| s.port()))
            .unwrap_or_default();
        Ok(Self {
            port,
            acceptor,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let app = routes(self.state);
        Server::new_with_acceptor(self.acceptor).run(app).await
    }
}

#[handler]
fn pwa_missing() -> Html<&'static str> {
    Html(
        "<!doctype html><html lang=\"en\"><head><title>Varig</title></head><body><main>\
         <h1>Varig</h1><p>The API runs at <a href=\"/api/docs\">/api/docs</a>. The PWA is not \
         built: run <code>./varig run</code>, or set VARIG_PWA_DIR.</p></main></body></html>",
    )
}

/// Request bodies larger than this get 413 before they are read.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// 413 for a declared length over the limit; a body without a length is cut at the limit
/// (and then fails to parse: 400). Nothing a client sends can make the server buffer more.
async fn limit_body<E: Endpoint>(ep: Arc<E>, mut req: Request) -> poem::Result<Response> {
    match req.headers().typed_get::<ContentLength>() {
        Some(ContentLength(len)) if len > MAX_BODY_BYTES as u64 => {
            return Err(poem::Error::from_string(
                format!("The request body is larger than {MAX_BODY_BYTES} bytes."),
                poem::http::StatusCode::PAYLOAD_TOO_LARGE,
            ));
        }
        Some(_) => {}
        None => {
            let body = req
                .take_body()
                .into_async_read()
                .take(MAX_BODY_BYTES as u64 + 1);
            req.set_body(Body::from_async_read(body));
        }
    }
    Ok(ep.call(req).await?.into_response())
}

/// Any request that may change something, except filing a field report, may change who
/// may do what (a membership, the scope, the project, a user, a session): it starts a new
/// generation of the caches of callers here and on every other instance, when it ends and
/// also if it is dropped half-way (a client gone after the commit). See `auth::invalidate`.
/// Handlers need not invalidate themselves; only work outside such a request does (a
/// detected refresh-token reuse, the snapshot).
async fn new_generation_on_change<E: Endpoint>(
    ep: Arc<E>,
    req: Request,
    cache: Arc<Invalidator>,
) -> poem::Result<Response> {
    struct OnDrop(Arc<Invalidator>);
    impl Drop for OnDrop {
        fn drop(&mut self) {
            self.0.changed();
        }
    }
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let path = req.uri().path();
    let filing = *req.method() == Method::POST && is_report_filing(path);
    // Logging in and refreshing withdraw nothing (a detected refresh-token reuse ends its
    // session and says so itself, `auth::sessions::refresh`).
    let signing_in = path
        .strip_prefix(api::API_PREFIX)
        .is_some_and(|p| p == "/v1/auth/login" || p == "/v1/auth/refresh");
    let _guard = (!safe && !filing && !signing_in).then(|| OnDrop(cache));
    Ok(ep.call(req).await?.into_response())
}

/// `{API_PREFIX}/v1/projects/{id}/reports`, the path a report is filed at.
fn is_report_filing(path: &str) -> bool {
    path.strip_prefix(api::API_PREFIX)
        .and_then(|p| p.strip_prefix("/v1/projects/"))
        .and_then(|p| p.strip_suffix("/reports"))
        .is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

/// `/api/openapi.json`: the finished spec (`api::spec`), built once at start.
fn served_spec(text: String) -> impl Endpoint {
    let text = Arc::new(text);
    poem::endpoint::make_sync(move |_| {
        Response::builder()
            .content_type("application/json; charset=utf-8")
            .body(text.as_str().to_owned())
    })
}

pub fn routes(state: AppState) -> impl Endpoint {
    let api = api::service(state.clone());
    let allow = Arc::new(crate::web_allow::AllowTable::from_spec(
        &api.spec(),
        api::API_PREFIX,
    ));
    let strict = Arc::new(crate::strict::StrictBodies::from_spec(
        &api.spec(),
        api::API_PREFIX,
    ));
    let spec = served_spec(api::served_spec_json(&state.settings.public_url));
    let docs = api.swagger_ui();
    let dist = state.settings.pwa_dir.clone();
    let mut route = Route::new()
        .at("/api/openapi.json", spec)
        .nest("/api/docs", docs)
        .nest(api::API_PREFIX, api);
    if dist.join("index.html").is_file() {
        route = route.nest("/", crate::pwa::Pwa::new(dist));
    } else {
        route = route.at("/", pwa_missing);
    }
    let count = state.settings.query_count;
    let access = state.invalidate.clone();
    let outer = state.clone();
    route
        .around(move |ep, req| {
            // The request's language, for the texts the server writes itself (in this
            // layer rather than one of its own: every layer deepens the endpoint's type).
            crate::lang::scope(crate::lang::of_request(&req), async move {
                if count {
                    crate::query_count::around(ep, req).await
                } else {
                    Ok(ep.call(req).await?.into_response())
                }
            })
        })
        .around(move |ep, req| {
            let strict = strict.clone();
            async move { crate::strict::around(ep, req, strict).await }
        })
        .around(limit_body)
        .around(move |ep, req| {
            let access = access.clone();
            async move { new_generation_on_change(ep, req, access).await }
        })
        .catch_all_error(to_problem)
        .data(state)
        .around(move |ep, req| {
            let (state, allow) = (outer.clone(), allow.clone());
            async move { crate::web::around(ep, req, state, allow).await }
        })
}

#[cfg(test)]
mod tests {
    use super::is_report_filing;

    #[test]
    fn only_the_report_filing_path_keeps_the_filing_cache() {
        assert!(is_report_filing("/api/v1/projects/0190-ab/reports"));
        for other in [
            "/api/v1/projects/0190-ab/reports.csv",
            "/api/v1/projects/0190-ab/network/reports",
            "/api/v1/projects//reports",
            "/v1/projects/0190-ab/reports",
            "/api/v1/projects/0190-ab/members",
        ] {
            assert!(!is_report_filing(other), "{other}");
        }
    }
}
