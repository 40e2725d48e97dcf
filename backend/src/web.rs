//! What every answer passes through on its way out: security headers, `Cache-Control`, the
//! per-caller rate limit, `Allow` on 405 and the request log (with secrets cut out).

use std::sync::Arc;
use std::time::Instant;

use poem::http::header::{self, HeaderName, HeaderValue};
use poem::http::{Method, StatusCode};
use poem::{Endpoint, IntoResponse, Request, Response};

use crate::auth::client::client_address;
use crate::auth::secrets;
use crate::error::AppError;
use crate::limits::Quota;
use crate::state::AppState;

/// The PWA's policy: its own scripts only (and compiling its wasm), nothing framed, no
/// plug-ins, forms post only here.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Swagger UI (`/api/docs`) runs an inline script and inline styles of its own.
pub const DOCS_CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-inline'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
     object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), \
     usb=(), interest-cohort=()";

fn set(resp: &mut Response, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        resp.headers_mut().insert(HeaderName::from_static(name), v);
    }
}

/// Security headers on every answer; `no-store` on answers to authenticated API calls.
pub fn secure(resp: &mut Response, path: &str, authenticated: bool, hsts: bool) {
    let csp = if path.starts_with("/api/docs") {
        DOCS_CSP
    } else {
        CSP
    };
    set(resp, "content-security-policy", csp);
    set(resp, "x-content-type-options", "nosniff");
    set(resp, "referrer-policy", "no-referrer");
    set(resp, "permissions-policy", PERMISSIONS_POLICY);
    set(resp, "x-frame-options", "DENY");
    if hsts {
        set(
            resp,
            "strict-transport-security",
            "max-age=31536000; includeSubDomains",
        );
    }
    if authenticated && path.starts_with("/api/") {
        resp.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

/// The path as it may be logged: the secret of a calendar-feed URL is cut out, and no
/// query string is logged (an invitation link's token could be there).
pub fn loggable_path(path: &str) -> String {
    const FEEDS: &str = "/calendar-feeds/";
    let mut out = match path.find(FEEDS) {
        Some(i) => {
            let rest = &path[i + FEEDS.len()..];
            let tail = rest.find('/').map(|j| &rest[j..]).unwrap_or("");
            format!("{}{FEEDS}[redacted]{tail}", &path[..i])
        }
        None => path.to_owned(),
    };
    // Anything that looks like one of our secrets, wherever it stands.
    for prefix in [
        secrets::REFRESH_PREFIX,
        secrets::INVITATION_PREFIX,
        secrets::API_TOKEN_PREFIX,
        "vcal_",
    ] {
        while let Some(i) = out.find(prefix) {
            let end = out[i..]
                .find(['/', '?', '&'])
                .map(|j| i + j)
                .unwrap_or(out.len());
            out.replace_range(i..end, "[redacted]");
        }
    }
    out
}

/// Which calls the rate limit counts: writes, and the CSV exports. Logging in has its own
/// throttle (`auth::throttle`), per account and client.
pub fn is_limited(method: &Method, path: &str) -> bool {
    let write = !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    (write || path.ends_with(".csv")) && path.starts_with("/api/") && path != "/api/v1/auth/login"
}

/// The rate-limit key of a caller: their user, their API token, else their address.
fn caller_key(state: &AppState, req: &Request) -> String {
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    if let Some(token) = bearer {
        if token.starts_with(secrets::API_TOKEN_PREFIX) {
            return format!("t:{}", &secrets::hash_secret(token)[..32]);
        }
        if let Ok((user, _)) = state.jwt.verify(token) {
            return format!("u:{user}");
        }
    }
    format!("c:{}", client_address(req, &state.settings.trusted_proxies))
}

fn rate_headers(resp: &mut Response, q: &Quota, window_secs: u32) {
    set(
        resp,
        "ratelimit-policy",
        &format!("\"writes\";q={};w={window_secs}", q.limit),
    );
    set(
        resp,
        "ratelimit",
        &format!("\"writes\";r={};t={}", q.remaining, q.reset_secs),
    );
    set(resp, "ratelimit-limit", &q.limit.to_string());
    set(resp, "ratelimit-remaining", &q.remaining.to_string());
    set(resp, "ratelimit-reset", &q.reset_secs.to_string());
}

/// API answers at least this large are sent gzip-compressed to clients that take it.
pub const COMPRESS_FROM_BYTES: usize = 1400;

/// Whether an answer of this type is worth compressing (text, not already compressed).
fn compressible(content_type: &str) -> bool {
    let ct = content_type.to_ascii_lowercase();
    ct.starts_with("application/json")
        || ct.starts_with("application/problem+json")
        || ct.starts_with("text/")
}

/// Gzips a large API answer when the client takes gzip (`Vary: Accept-Encoding` always).
async fn compress_api(resp: Response, accepts_gzip: bool) -> Response {
    use std::io::Write;
    let mut resp = resp;
    resp.headers_mut()
        .append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    let ct = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if !accepts_gzip || !compressible(&ct) || resp.headers().contains_key(header::CONTENT_ENCODING)
    {
        return resp;
    }
    let body = resp.take_body();
    let Ok(bytes) = body.into_bytes().await else {
        return resp;
    };
    if bytes.len() < COMPRESS_FROM_BYTES {
        resp.set_body(bytes);
        return resp;
    }
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(5));
    match enc.write_all(&bytes).and_then(|()| enc.finish()) {
        Ok(gz) => {
            resp.headers_mut().remove(header::CONTENT_LENGTH);
            resp.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            resp.set_body(gz);
        }
        Err(_) => resp.set_body(bytes),
    }
    resp
}

/// Everything above, around the whole application.
pub async fn around<E: Endpoint>(
    ep: Arc<E>,
    req: Request,
    state: AppState,
    allow: Arc<crate::web_allow::AllowTable>,
) -> poem::Result<Response> {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let authenticated = req.headers().contains_key(header::AUTHORIZATION);
    let accepts_gzip = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| crate::pwa::accepted(v).contains(&"gzip"));
    let mut quota = None;
    let mut resp = if state.rate.enabled() && is_limited(&method, &path) {
        let key = caller_key(&state, &req);
        match state.rate.take(&state.db, &key).await {
            Ok(q) if q.retry_after_secs.is_some() => {
                let secs = q.retry_after_secs.unwrap_or(1);
                quota = Some(q);
                poem::Error::from(AppError::TooManyRequests {
                    retry_after_secs: secs,
                })
                .into_response()
            }
            Ok(q) => {
                quota = Some(q);
                call(&ep, req).await
            }
            Err(e) => poem::Error::from(e).into_response(),
        }
    } else {
        call(&ep, req).await
    };
    if let Some(q) = &quota {
        let window = (u64::from(state.rate.burst) * 60 / u64::from(state.rate.per_minute.max(1)))
            .max(1) as u32;
        rate_headers(&mut resp, q, window);
    }
    if resp.status() == StatusCode::METHOD_NOT_ALLOWED
        && !resp.headers().contains_key(header::ALLOW)
    {
        if let Some(methods) = allow.methods(&path) {
            set(&mut resp, "allow", &methods);
        }
    }
    if path.starts_with("/api/") && method != Method::HEAD {
        resp = compress_api(resp, accepts_gzip).await;
    }
    secure(&mut resp, &path, authenticated, state.settings.hsts);
    let status = resp.status().as_u16();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if status >= 500 {
        tracing::error!(%method, path = %loggable_path(&path), status, ms, "request");
    } else if tracing::enabled!(tracing::Level::INFO) {
        tracing::info!(%method, path = %loggable_path(&path), status, ms, "request");
    }
    Ok(resp)
}

async fn call<E: Endpoint>(ep: &Arc<E>, req: Request) -> Response {
    match ep.call(req).await {
        Ok(r) => r.into_response(),
        Err(e) => e.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_reach_a_logged_path() {
        let p = loggable_path("/api/v1/calendar-feeds/vcal_SECRETSECRET/calendar.ics");
        assert_eq!(p, "/api/v1/calendar-feeds/[redacted]/calendar.ics");
        assert!(!loggable_path("/invitation/vinv_abcdef").contains("abcdef"));
        assert!(!loggable_path("/x/vrt_abc/y").contains("abc"));
        assert!(!loggable_path("/api/v1/calendar-feeds/anything").contains("anything"));
        assert_eq!(
            loggable_path("/api/v1/projects/1/reports"),
            "/api/v1/projects/1/reports"
        );
    }

    #[test]
    fn writes_and_exports_are_limited_reads_are_not() {
        assert!(is_limited(&Method::POST, "/api/v1/projects/1/reports"));
        assert!(is_limited(&Method::GET, "/api/v1/projects/1/reports.csv"));
        assert!(!is_limited(&Method::GET, "/api/v1/projects/1/reports"));
        assert!(!is_limited(&Method::POST, "/sw.js"));
        assert!(!is_limited(&Method::POST, "/api/v1/auth/login"));
    }
}
