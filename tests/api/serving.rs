//! Serving like a CDN: precompressed variants chosen by `Accept-Encoding` (with `Vary`),
//! caching by kind of file, `HEAD`, revalidation, and large API answers compressed.

use reqwest::{Method, StatusCode};

use crate::helpers::*;

/// A built PWA in miniature: a shell, a versioned wasm, each with brotli and gzip variants.
fn dist() -> tempdir::Dir {
    let d = tempdir::Dir::new();
    let write = |name: &str, bytes: &[u8]| std::fs::write(d.0.join(name), bytes).unwrap();
    write("index.html", b"<!doctype html><title>Varig</title>");
    write("index.html.br", b"BROTLI-INDEX");
    write("index.html.gz", b"GZIP-INDEX");
    write("varig_frontend_bg.wasm", b"\0asm-raw");
    write("varig_frontend_bg.wasm.br", b"\0asm-br");
    write("varig_frontend_bg.wasm.gz", b"\0asm-gz");
    write("sw.js", b"self.addEventListener('fetch', () => {});");
    std::fs::create_dir_all(d.0.join("icons")).unwrap();
    write("icons/icon-192.png", b"\x89PNG");
    d
}

async fn get(
    app: &TestApp,
    method: Method,
    path: &str,
    encoding: Option<&str>,
) -> reqwest::Response {
    let mut b = app.client.request(method, format!("{}{path}", app.address));
    if let Some(e) = encoding {
        b = b.header("Accept-Encoding", e);
    }
    b.send().await.unwrap()
}

#[tokio::test]
async fn the_pwa_is_served_precompressed_by_accept_encoding_with_vary_and_cache_headers() {
    let d = dist();
    let dir = d.0.clone();
    let app = spawn_with(Backend::Sqlite, move |s| s.pwa_dir = dir).await;

    let r = get(&app, Method::GET, "/", Some("gzip, deflate, br")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-encoding"], "br");
    assert_eq!(r.headers()["vary"], "Accept-Encoding");
    assert_eq!(r.headers()["cache-control"], "no-cache");
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"BROTLI-INDEX");

    let r = get(
        &app,
        Method::GET,
        "/varig_frontend_bg.wasm?v=abc123",
        Some("gzip"),
    )
    .await;
    assert_eq!(r.headers()["content-encoding"], "gzip");
    assert_eq!(r.headers()["content-type"], "application/wasm");
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"\0asm-gz");

    let r = get(&app, Method::GET, "/varig_frontend_bg.wasm?v=abc123", None).await;
    assert!(r.headers().get("content-encoding").is_none());
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"\0asm-raw");
    let r = get(
        &app,
        Method::GET,
        "/varig_frontend_bg.wasm?v=abc123",
        Some("br;q=0, gzip;q=0"),
    )
    .await;
    assert!(
        r.headers().get("content-encoding").is_none(),
        "q=0 refuses an encoding"
    );

    // The service worker is revalidated even with a version in its URL.
    let r = get(&app, Method::GET, "/sw.js?v=abc123", Some("br")).await;
    assert_eq!(r.headers()["cache-control"], "no-cache");
    assert!(
        r.headers().get("content-encoding").is_none(),
        "no variant was built: sent as it is"
    );
}

#[tokio::test]
async fn head_answers_like_get_without_a_body_and_etags_revalidate() {
    let d = dist();
    let dir = d.0.clone();
    let app = spawn_with(Backend::Sqlite, move |s| s.pwa_dir = dir).await;
    for path in ["/", "/icons/icon-192.png", "/varig_frontend_bg.wasm?v=1"] {
        let g = get(&app, Method::GET, path, Some("br")).await;
        let h = get(&app, Method::HEAD, path, Some("br")).await;
        assert_eq!(h.status(), StatusCode::OK, "HEAD {path}");
        for name in [
            "content-type",
            "content-length",
            "cache-control",
            "vary",
            "etag",
            "content-security-policy",
        ] {
            assert_eq!(
                g.headers().get(name),
                h.headers().get(name),
                "{name} of {path}"
            );
        }
        assert!(h.bytes().await.unwrap().is_empty());
        let etag = g.headers()["etag"].to_str().unwrap().to_owned();
        let r = app
            .client
            .get(format!("{}{path}", app.address))
            .header("Accept-Encoding", "br")
            .header("If-None-Match", etag)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_MODIFIED, "{path}");
    }
    // The app's own routes get the shell; a missing asset is a 404; other methods a 405.
    let r = get(
        &app,
        Method::GET,
        "/projects/0190a6a0-0000-7000-8000-000000000000",
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("<title>Varig</title>"));
    assert_eq!(
        get(&app, Method::GET, "/nothing-here.js", None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let r = get(&app, Method::POST, "/", None).await;
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.headers()["allow"], "GET, HEAD");
    assert_eq!(
        get(&app, Method::GET, "/../Cargo.toml", None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

db_test!(
    async fn large_api_answers_are_gzipped_for_clients_that_take_it(app) {
        use std::io::Read;
        let r = get(&app, Method::GET, "/api/openapi.json", Some("gzip, br")).await;
        assert_eq!(r.headers()["content-encoding"], "gzip");
        assert!(r.headers()["vary"].to_str().unwrap().contains("Accept-Encoding"));
        let bytes = r.bytes().await.unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut text).unwrap();
        assert!(text.len() > bytes.len() * 5, "{} -> {}", text.len(), bytes.len());
        assert!(serde_json::from_str::<serde_json::Value>(&text).unwrap()["paths"].is_object());
        // Small answers, and clients that do not ask, get it plain.
        let r = get(&app, Method::GET, "/api/v1/health", Some("gzip")).await;
        assert!(r.headers().get("content-encoding").is_none());
        let r = get(&app, Method::GET, "/api/openapi.json", None).await;
        assert!(r.headers().get("content-encoding").is_none());
        assert!(r.json::<serde_json::Value>().await.is_ok());
    }
);
