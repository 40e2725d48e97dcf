//! A webhook receiver for the tests: a real HTTP server on a free port that verifies every
//! request with the Standard Webhooks library (`standardwebhooks` from crates.io), keeps
//! what it got, and answers 500 to the first requests when asked to.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use poem::listener::{Acceptor, Listener, TcpListener};
use poem::{Request, Response, Server};
use serde_json::Value;

/// One request the receiver got.
#[derive(Clone, Debug)]
pub struct Got {
    /// The `webhook-id` header.
    pub id: String,
    pub body: Value,
    /// The signature verified with the subscription's secret.
    pub verified: bool,
    /// What the receiver answered.
    pub answered: u16,
    pub at: Instant,
}

#[derive(Default)]
struct Shared {
    secret: Mutex<Option<String>>,
    fail_first: AtomicUsize,
    got: Mutex<Vec<Got>>,
}

pub struct Receiver {
    pub url: String,
    shared: Arc<Shared>,
}

impl Receiver {
    /// Starts a receiver at `http://127.0.0.1:<free port>/hook`.
    pub async fn start() -> Self {
        let shared = Arc::new(Shared::default());
        let acceptor = TcpListener::bind("127.0.0.1:0")
            .into_acceptor()
            .await
            .expect("receiver binds");
        let port = acceptor.local_addr()[0]
            .as_socket_addr()
            .expect("socket address")
            .port();
        let s = shared.clone();
        let endpoint = poem::endpoint::make(move |req: Request| {
            let s = s.clone();
            async move { receive(&s, req).await }
        });
        tokio::spawn(Server::new_with_acceptor(acceptor).run(endpoint));
        Self {
            url: format!("http://127.0.0.1:{port}/hook"),
            shared,
        }
    }

    /// The secret to verify signatures with (from the subscription's creation).
    pub fn set_secret(&self, secret: &str) {
        *self.shared.secret.lock().unwrap() = Some(secret.to_owned());
    }

    /// Answer 500 to the next `n` requests.
    pub fn fail_next(&self, n: usize) {
        self.shared.fail_first.store(n, Ordering::SeqCst);
    }

    pub fn got(&self) -> Vec<Got> {
        self.shared.got.lock().unwrap().clone()
    }

    /// Waits (up to 20 s) until `n` requests have come; what came.
    pub async fn wait_for(&self, n: usize) -> Vec<Got> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.got();
            if got.len() >= n {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "the receiver got {} of {n} requests: {got:?}",
                got.len()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

async fn receive(s: &Shared, req: Request) -> Response {
    let headers = req.headers().clone();
    let body = req.into_body().into_bytes().await.unwrap_or_default();
    let verified = s
        .secret
        .lock()
        .unwrap()
        .as_deref()
        .and_then(|secret| standardwebhooks::Webhook::new(secret).ok())
        .is_some_and(|wh| wh.verify(&body, &headers).is_ok());
    let fail = s
        .fail_first
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    let answered = if fail { 500 } else { 204 };
    s.got.lock().unwrap().push(Got {
        id: headers
            .get("webhook-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
        verified,
        answered,
        at: Instant::now(),
    });
    Response::builder()
        .status(poem::http::StatusCode::from_u16(answered).unwrap())
        .finish()
}
