//! Serving the built PWA the way a CDN would: the brotli or gzip variant made at build time
//! (`frontend/tools/precompress.mjs`) chosen by `Accept-Encoding` (with `Vary`), a year of
//! `immutable` caching for versioned assets (`?v=…`), `no-cache` for the shell
//! (`index.html`, `sw.js`) and everything else, an `ETag` for cheap revalidation, `HEAD`
//! with the same headers as `GET`, and `index.html` for the app's own routes.

use std::path::{Component, Path, PathBuf};

use poem::http::header::{self, HeaderValue};
use poem::http::{Method, StatusCode};
use poem::{Body, Endpoint, Request, Response};

pub struct Pwa {
    dir: PathBuf,
}

impl Pwa {
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }
}

/// The content type of a file by its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Which encodings the client takes, best first: `br`, then `gzip` (a `q=0` refuses one).
pub fn accepted(accept_encoding: &str) -> Vec<&'static str> {
    let mut br = false;
    let mut gzip = false;
    for part in accept_encoding.split(',') {
        let mut it = part.split(';');
        let name = it.next().unwrap_or("").trim().to_ascii_lowercase();
        let refused = it.any(|p| {
            p.trim()
                .strip_prefix("q=")
                .and_then(|q| q.trim().parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        match name.as_str() {
            "br" => br = !refused,
            "gzip" | "x-gzip" => gzip = !refused,
            "*" if !refused => {
                br = true;
                gzip = true;
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if br {
        out.push("br");
    }
    if gzip {
        out.push("gzip");
    }
    out
}

/// `Cache-Control` for a file: versioned assets never change; the rest is revalidated.
pub fn cache_control(file: &Path, query: Option<&str>) -> &'static str {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let versioned = query.is_some_and(|q| q.split('&').any(|p| p.starts_with("v=")));
    if versioned && name != "index.html" && name != "sw.js" {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// The file a request path names inside `dir`, or None for anything that leaves it.
fn resolve(dir: &Path, path: &str) -> Option<PathBuf> {
    let rel = path.trim_start_matches('/');
    let rel = if rel.is_empty() { "index.html" } else { rel };
    let mut out = dir.to_path_buf();
    for c in Path::new(rel).components() {
        match c {
            Component::Normal(p) => out.push(p),
            _ => return None,
        }
    }
    Some(out)
}

fn plain(status: StatusCode) -> Response {
    let mut r = Response::builder().status(status).finish();
    if status == StatusCode::METHOD_NOT_ALLOWED {
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    }
    r
}

impl Endpoint for Pwa {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let head = *req.method() == Method::HEAD;
        if !head && *req.method() != Method::GET {
            return Ok(plain(StatusCode::METHOD_NOT_ALLOWED));
        }
        let path = req.uri().path();
        let Some(mut file) = resolve(&self.dir, path) else {
            return Ok(plain(StatusCode::NOT_FOUND));
        };
        if !file.is_file() {
            // The app's own routes (`/projects/…`) get the shell; a missing asset is a 404.
            if file.extension().is_some() {
                return Ok(plain(StatusCode::NOT_FOUND));
            }
            file = self.dir.join("index.html");
        }
        let wanted = req
            .headers()
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .map(accepted)
            .unwrap_or_default();
        let mut chosen = (file.clone(), None);
        for enc in wanted {
            let ext = if enc == "br" { "br" } else { "gz" };
            let mut variant = file.clone().into_os_string();
            variant.push(format!(".{ext}"));
            let variant = PathBuf::from(variant);
            if variant.is_file() {
                chosen = (variant, Some(enc));
                break;
            }
        }
        let (serve, encoding) = chosen;
        let meta = match tokio::fs::metadata(&serve).await {
            Ok(m) => m,
            Err(_) => return Ok(plain(StatusCode::NOT_FOUND)),
        };
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let etag = format!(
            "\"{:x}-{:x}{}\"",
            meta.len(),
            modified,
            encoding.map(|e| format!("-{e}")).unwrap_or_default()
        );
        let mut builder = Response::builder()
            .header(header::CONTENT_TYPE, content_type(&file))
            .header(
                header::CACHE_CONTROL,
                cache_control(&file, req.uri().query()),
            )
            .header(header::VARY, "Accept-Encoding")
            .header(header::ETAG, etag.as_str());
        if let Some(enc) = encoding {
            builder = builder.header(header::CONTENT_ENCODING, enc);
        }
        let fresh = req
            .headers()
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
        if fresh {
            return Ok(builder.status(StatusCode::NOT_MODIFIED).finish());
        }
        builder = builder.header(header::CONTENT_LENGTH, meta.len());
        if head {
            return Ok(builder.body(Body::empty()));
        }
        match tokio::fs::read(&serve).await {
            Ok(bytes) => Ok(builder.body(bytes)),
            Err(_) => Ok(plain(StatusCode::NOT_FOUND)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brotli_is_preferred_and_q_zero_refuses() {
        assert_eq!(accepted("gzip, deflate, br"), vec!["br", "gzip"]);
        assert_eq!(accepted("gzip"), vec!["gzip"]);
        assert_eq!(accepted("br;q=0, gzip;q=0.5"), vec!["gzip"]);
        assert_eq!(accepted("identity"), Vec::<&str>::new());
        assert_eq!(accepted("*"), vec!["br", "gzip"]);
    }

    #[test]
    fn versioned_assets_are_immutable_the_shell_is_revalidated() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(
            cache_control(&p("varig_frontend_bg.wasm"), Some("v=abc")),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control(&p("index.html"), None), "no-cache");
        assert_eq!(cache_control(&p("sw.js"), Some("v=abc")), "no-cache");
        assert_eq!(cache_control(&p("style.css"), None), "no-cache");
    }

    #[test]
    fn paths_cannot_leave_the_folder() {
        let d = Path::new("/srv/pwa");
        assert_eq!(resolve(d, "/"), Some(PathBuf::from("/srv/pwa/index.html")));
        assert_eq!(
            resolve(d, "/icons/a.png"),
            Some(PathBuf::from("/srv/pwa/icons/a.png"))
        );
        assert_eq!(resolve(d, "/../etc/passwd"), None);
        assert_eq!(resolve(d, "/a/../../x"), None);
    }
}
