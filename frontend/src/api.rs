//! The API client, on the shared request/response types of `varig-types`.
//!
//! - Tokens are kept in a reactive session (persisted in `localStorage`, synchronised
//!   between tabs through `storage` events, so two tabs never spend the same refresh token).
//! - An expired access token is refreshed before a request; a 401 triggers one refresh and
//!   one retry. Concurrent requests share one refresh call (a refresh token is single-use:
//!   spending it twice revokes the whole session). A failed refresh ends the session.
//! - Errors are `application/problem+json`; they surface as [`ApiError`], whose
//!   [`ApiError::message_key`] the UI translates.
//! - Reads are remembered (per user, in `localStorage`) so the app can show the last
//!   known data when the network is gone.
//! - Pages pass an [`abort_on_cleanup`] signal so in-flight requests stop when they unmount.

use std::cell::RefCell;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use varig_types::{
    LoginRequest, Me, Membership, MembershipPage, Project, ProjectPage, RefreshRequest, TokenPair,
};
use web_sys::AbortSignal;

use crate::storage;

mod admin;
mod error;
mod gates;
mod http;
mod indicators;
mod meetings;
mod network;
mod planning;
mod webhooks;

pub use error::ApiError;
use http::{decode, ok_tagged, problem_of, send, to_json};
pub use network::ReportFilter;
pub use planning::Resource;
pub use webhooks::TaggedWebhook;

const SESSION_KEY: &str = "varig.session";
const CACHE_PREFIX: &str = "varig.cache:";
/// Refresh this long before the access token's stated expiry, to absorb clock skew and latency.
const EXPIRY_MARGIN_MS: f64 = 30_000.0;
/// Members are fetched page by page; a project never has more than this many pages of them.
const MAX_MEMBER_PAGES: usize = 50;
pub const PROJECTS_PAGE_SIZE: u32 = 20;

/// Whether data came from the network or from the copy kept for offline use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    Live,
    Cached,
}

/// The persisted session: the token pair and when its access token expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Session {
    tokens: TokenPair,
    /// `Date.now()` milliseconds at which the access token expires.
    expires_at_ms: u64,
}

impl Session {
    fn new(tokens: TokenPair) -> Self {
        let expires_at_ms = (js_sys::Date::now() + f64::from(tokens.expires_in) * 1000.0) as u64;
        Session {
            tokens,
            expires_at_ms,
        }
    }

    fn access_expired(&self) -> bool {
        js_sys::Date::now() + EXPIRY_MARGIN_MS >= self.expires_at_ms as f64
    }
}

fn load_session() -> Option<Session> {
    storage::get(SESSION_KEY).and_then(|s| serde_json::from_str(&s).ok())
}

type RefreshFuture = Shared<LocalBoxFuture<'static, Result<Session, ApiError>>>;

thread_local! {
    /// The refresh in flight, shared by every request that needs it.
    static REFRESHING: RefCell<Option<RefreshFuture>> = const { RefCell::new(None) };
}

/// The API client: `Copy`, provided as context by the app.
#[derive(Debug, Clone, Copy)]
pub struct Api {
    session: RwSignal<Option<Session>>,
}

pub fn use_api() -> Api {
    use_context::<Api>().unwrap_or_else(Api::init)
}

impl Api {
    /// Restores the stored session and follows changes made by other tabs.
    pub fn init() -> Self {
        let api = Api {
            session: RwSignal::new(load_session()),
        };
        // The app lives as long as the page: the listener is never removed.
        let _listener = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() == Some(SESSION_KEY) {
                api.session.set(load_session());
            }
        });
        api
    }

    /// Whether someone is logged in (tracked).
    pub fn logged_in(&self) -> bool {
        self.session.with(Option::is_some)
    }

    fn store(&self, session: Option<Session>) {
        match &session {
            Some(s) => {
                if let Ok(json) = serde_json::to_string(s) {
                    storage::set(SESSION_KEY, &json);
                }
            }
            None => {
                storage::remove(SESSION_KEY);
                clear_cache();
            }
        }
        self.session.set(session);
    }

    pub async fn login(&self, email: String, password: String) -> Result<(), ApiError> {
        let body = to_json(&LoginRequest { email, password })?;
        let raw = send("POST", "/api/v1/auth/login", Some(&body), None, None, None).await?;
        let tokens: TokenPair = decode(raw)?;
        clear_cache();
        self.store(Some(Session::new(tokens)));
        Ok(())
    }

    /// Revokes the refresh token on the server (best effort) and forgets the session.
    pub async fn logout(&self) {
        if let Some(session) = self.session.get_untracked() {
            self.store(None);
            if let Ok(body) = to_json(&RefreshRequest {
                refresh_token: session.tokens.refresh_token,
            }) {
                // Offline or already revoked: the local session is gone either way.
                let _ = send("POST", "/api/v1/auth/logout", Some(&body), None, None, None).await;
            }
        }
    }

    pub async fn me(&self, abort: Option<AbortSignal>) -> Result<(Me, Freshness), ApiError> {
        self.get_remembered("/api/v1/me", abort.as_ref()).await
    }

    pub async fn projects(
        &self,
        cursor: Option<&str>,
        abort: Option<AbortSignal>,
    ) -> Result<(ProjectPage, Freshness), ApiError> {
        let mut path = format!("/api/v1/projects?limit={PROJECTS_PAGE_SIZE}");
        if let Some(cursor) = cursor {
            path.push_str("&cursor=");
            path.push_str(&String::from(js_sys::encode_uri_component(cursor)));
        }
        self.get_remembered(&path, abort.as_ref()).await
    }

    pub async fn project(
        &self,
        id: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(Project, Freshness), ApiError> {
        self.get_remembered(&format!("/api/v1/projects/{id}"), abort.as_ref())
            .await
    }

    /// Every member of a project (all pages).
    pub async fn members(
        &self,
        id: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(Vec<Membership>, Freshness), ApiError> {
        self.all_pages(
            &format!("/api/v1/projects/{id}/members"),
            MAX_MEMBER_PAGES,
            abort.as_ref(),
            |page: MembershipPage| (page.items, page.next_cursor),
        )
        .await
    }

    /// Every item of a cursor-paged list at `base` (pages of 100, at most `max_pages`),
    /// remembered for offline use; `split` takes a page apart into items and next cursor.
    pub(crate) async fn all_pages<P: DeserializeOwned, T>(
        &self,
        base: &str,
        max_pages: usize,
        abort: Option<&AbortSignal>,
        split: impl Fn(P) -> (Vec<T>, Option<String>),
    ) -> Result<(Vec<T>, Freshness), ApiError> {
        let mut all = Vec::new();
        let mut freshness = Freshness::Live;
        let mut cursor: Option<String> = None;
        for _ in 0..max_pages {
            let mut path = format!("{base}?limit=100");
            if let Some(c) = &cursor {
                path.push_str("&cursor=");
                path.push_str(&String::from(js_sys::encode_uri_component(c)));
            }
            let (page, fresh): (P, Freshness) = self.get_remembered(&path, abort).await?;
            if fresh == Freshness::Cached {
                freshness = Freshness::Cached;
            }
            let (items, next) = split(page);
            all.extend(items);
            match next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        Ok((all, freshness))
    }

    /// A GET whose answer is remembered for offline use; without a network, the remembered
    /// answer is returned (marked [`Freshness::Cached`]).
    async fn get_remembered<T: DeserializeOwned>(
        &self,
        path: &str,
        abort: Option<&AbortSignal>,
    ) -> Result<(T, Freshness), ApiError> {
        match self.authed_raw("GET", path, None, abort).await {
            Ok(body) => {
                let value = serde_json::from_str(&body).map_err(|_| ApiError::Decode)?;
                storage::set(&format!("{CACHE_PREFIX}{path}"), &body);
                Ok((value, Freshness::Live))
            }
            Err(ApiError::Network) => {
                let cached =
                    storage::get(&format!("{CACHE_PREFIX}{path}")).ok_or(ApiError::Network)?;
                let value = serde_json::from_str(&cached).map_err(|_| ApiError::Network)?;
                Ok((value, Freshness::Cached))
            }
            Err(e) => Err(e),
        }
    }

    /// An authenticated request; returns the body of a 2xx answer.
    async fn authed_raw(
        &self,
        method: &str,
        path: &str,
        body: Option<&str>,
        abort: Option<&AbortSignal>,
    ) -> Result<String, ApiError> {
        self.authed_request(method, path, body, None, abort).await
    }

    /// Like [`Api::authed_raw`], with an optional `If-Match` (the ETag, quoted) for writes
    /// to existing objects.
    async fn authed_request(
        &self,
        method: &str,
        path: &str,
        body: Option<&str>,
        if_match: Option<&str>,
        abort: Option<&AbortSignal>,
    ) -> Result<String, ApiError> {
        self.authed_tagged(method, path, body, if_match, abort)
            .await
            .map(|(body, _)| body)
    }

    /// Like [`Api::authed_request`], with the answer's `ETag` (for objects whose version is
    /// not in their body, such as webhook subscriptions).
    async fn authed_tagged(
        &self,
        method: &str,
        path: &str,
        body: Option<&str>,
        if_match: Option<&str>,
        abort: Option<&AbortSignal>,
    ) -> Result<(String, Option<String>), ApiError> {
        let mut session = self
            .session
            .get_untracked()
            .ok_or(ApiError::SessionExpired)?;
        if session.access_expired() {
            // Offline, this fails with `Network`, and the caller falls back to its copy.
            session = self.refresh(&session).await?;
        }
        let raw = send(
            method,
            path,
            body,
            Some(&session.tokens.access_token),
            if_match,
            abort,
        )
        .await?;
        if raw.status != 401 {
            return ok_tagged(raw);
        }
        let session = self.refresh(&session).await?;
        let raw = send(
            method,
            path,
            body,
            Some(&session.tokens.access_token),
            if_match,
            abort,
        )
        .await?;
        if raw.status == 401 {
            self.store(None);
            return Err(ApiError::SessionExpired);
        }
        ok_tagged(raw)
    }

    /// Exchanges the session's refresh token for a new pair, once, however many ask at once.
    async fn refresh(&self, used: &Session) -> Result<Session, ApiError> {
        // Another request or another tab may already have refreshed.
        let current = self.session.get_untracked().or_else(load_session);
        match current {
            None => return Err(ApiError::SessionExpired),
            Some(current) if current.tokens.refresh_token != used.tokens.refresh_token => {
                if self.session.get_untracked().as_ref() != Some(&current) {
                    self.session.set(Some(current.clone()));
                }
                return Ok(current);
            }
            Some(_) => {}
        }
        let in_flight = REFRESHING.with(|cell| cell.borrow().clone());
        let shared = match in_flight {
            Some(shared) => shared,
            None => {
                let api = *self;
                let token = used.tokens.refresh_token.clone();
                let future: LocalBoxFuture<'static, Result<Session, ApiError>> = async move {
                    let result = api.exchange(token).await;
                    match &result {
                        Ok(session) => api.store(Some(session.clone())),
                        Err(ApiError::SessionExpired) => api.store(None),
                        Err(_) => {}
                    }
                    REFRESHING.with(|cell| cell.borrow_mut().take());
                    result
                }
                .boxed_local();
                let shared = future.shared();
                REFRESHING.with(|cell| *cell.borrow_mut() = Some(shared.clone()));
                // Drive it to the end even if every caller goes away: the old token is spent
                // the moment the server answers, so the new pair must be stored.
                spawn_local(shared.clone().map(|_| ()));
                shared
            }
        };
        shared.await
    }

    async fn exchange(&self, refresh_token: String) -> Result<Session, ApiError> {
        let body = to_json(&RefreshRequest { refresh_token })?;
        let raw = send(
            "POST",
            "/api/v1/auth/refresh",
            Some(&body),
            None,
            None,
            None,
        )
        .await?;
        match raw.status {
            200..=299 => decode::<TokenPair>(raw).map(Session::new),
            400 | 401 | 403 => Err(ApiError::SessionExpired),
            _ => Err(problem_of(raw)),
        }
    }
}

/// An abort signal that fires when the current reactive owner (the page) is cleaned up.
pub fn abort_on_cleanup() -> Option<AbortSignal> {
    let controller = web_sys::AbortController::new().ok()?;
    let signal = controller.signal();
    let controller = SendWrapper::new(controller);
    on_cleanup(move || controller.abort());
    Some(signal)
}

fn clear_cache() {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let len = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(CACHE_PREFIX))
        .collect();
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}
