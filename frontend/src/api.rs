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
    LoginRequest, Me, Membership, MembershipPage, Problem, ProblemCode, Project, ProjectPage,
    RefreshRequest, TokenPair,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use crate::i18n::I18n;
use crate::storage;

mod admin;
mod gates;
mod indicators;
mod meetings;
mod network;
mod planning;
mod webhooks;

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

/// Why a request failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with a problem document.
    Problem {
        problem: Problem,
        retry_after: Option<u32>,
    },
    /// The server answered with an error status but no problem document.
    Http(u16),
    /// No answer at all: offline, DNS, connection reset.
    Network,
    /// The request was aborted because its page went away.
    Aborted,
    /// The answer could not be read.
    Decode,
    /// The session is gone (refresh failed or no one is logged in): log in again.
    SessionExpired,
}

impl ApiError {
    pub fn code(&self) -> Option<ProblemCode> {
        match self {
            ApiError::Problem { problem, .. } => Some(problem.code),
            _ => None,
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self.code(), Some(ProblemCode::NotFound)) || matches!(self, ApiError::Http(404))
    }

    /// The translation key of the message to show.
    pub fn message_key(&self) -> &'static str {
        match self {
            ApiError::Problem {
                problem,
                retry_after,
            } => match problem.code {
                ProblemCode::BadRequest => "error.bad_request",
                ProblemCode::Validation => "error.validation",
                ProblemCode::Unauthenticated => "error.unauthenticated",
                ProblemCode::InvalidCredentials => "error.invalid_credentials",
                ProblemCode::Forbidden => "error.forbidden",
                ProblemCode::NotFound => "error.not_found",
                ProblemCode::Conflict => "error.conflict",
                ProblemCode::PreconditionFailed => "error.precondition_failed",
                ProblemCode::PreconditionRequired => "error.precondition_required",
                ProblemCode::TooManyRequests if retry_after.is_some() => {
                    "error.too_many_requests_wait"
                }
                ProblemCode::TooManyRequests => "error.too_many_requests",
                ProblemCode::TokenReused => "error.token_reused",
                ProblemCode::MethodNotAllowed => "error.method_not_allowed",
                ProblemCode::UnsupportedMediaType => "error.unsupported_media_type",
                ProblemCode::PayloadTooLarge => "error.payload_too_large",
                ProblemCode::GateClosed => "error.gate_closed",
                ProblemCode::GateStale => "error.gate_stale",
                ProblemCode::GateOpenExists => "error.gate_open_exists",
                ProblemCode::ProjectNotActive => "error.project_not_active",
                ProblemCode::LastOwner => "error.last_owner",
                ProblemCode::WebhookDisabled => "error.webhook_disabled",
                ProblemCode::Archived => "error.archived",
                ProblemCode::AlreadyExists => "error.already_exists",
                ProblemCode::InUse => "error.in_use",
                ProblemCode::RoundClosed => "error.round_closed",
                ProblemCode::RoundOpenExists => "error.round_open_exists",
                ProblemCode::LimitReached => "error.limit_reached",
                ProblemCode::ManagedByVarig => "error.managed_by_varig",
                ProblemCode::OwnAccount => "error.own_account",
                ProblemCode::InvitationUsed => "error.invitation_used",
                ProblemCode::InvitationRevoked => "error.invitation_revoked",
                ProblemCode::InvitationExpired => "error.invitation_expired",
                ProblemCode::Internal => "error.internal",
                ProblemCode::Unavailable => "error.unavailable",
            },
            ApiError::Http(429) => "error.too_many_requests",
            ApiError::Http(404) => "error.not_found",
            ApiError::Http(status) if *status >= 500 => "error.unavailable",
            ApiError::Http(_) | ApiError::Decode => "error.unexpected",
            ApiError::Network | ApiError::Aborted => "error.network",
            ApiError::SessionExpired => "error.session_expired",
        }
    }

    /// The translated message, with any placeholders filled in (tracked).
    pub fn message(&self, i18n: I18n) -> String {
        let seconds = match self {
            ApiError::Problem {
                retry_after: Some(s),
                ..
            } => s.to_string(),
            _ => String::new(),
        };
        i18n.tf(self.message_key(), &[("seconds", &seconds)])
    }
}

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

fn to_json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|_| ApiError::Decode)
}

struct RawResponse {
    status: u16,
    body: String,
    retry_after: Option<u32>,
    etag: Option<String>,
}

fn ok_body(raw: RawResponse) -> Result<String, ApiError> {
    ok_tagged(raw).map(|(body, _)| body)
}

/// The body and the `ETag` of a 2xx answer.
fn ok_tagged(raw: RawResponse) -> Result<(String, Option<String>), ApiError> {
    if (200..300).contains(&raw.status) {
        Ok((raw.body, raw.etag))
    } else {
        Err(problem_of(raw))
    }
}

fn decode<T: DeserializeOwned>(raw: RawResponse) -> Result<T, ApiError> {
    let body = ok_body(raw)?;
    serde_json::from_str(&body).map_err(|_| ApiError::Decode)
}

fn problem_of(raw: RawResponse) -> ApiError {
    match serde_json::from_str::<Problem>(&raw.body) {
        Ok(problem) => ApiError::Problem {
            problem,
            retry_after: raw.retry_after,
        },
        Err(_) => ApiError::Http(raw.status),
    }
}

fn classify(err: JsValue) -> ApiError {
    let name = js_sys::Reflect::get(&err, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string());
    if name.as_deref() == Some("AbortError") {
        ApiError::Aborted
    } else {
        ApiError::Network
    }
}

async fn send(
    method: &str,
    path: &str,
    body: Option<&str>,
    bearer: Option<&str>,
    if_match: Option<&str>,
    abort: Option<&AbortSignal>,
) -> Result<RawResponse, ApiError> {
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let headers = web_sys::Headers::new().map_err(classify)?;
    headers
        .set("Accept", "application/json, application/problem+json")
        .map_err(classify)?;
    headers
        .set("Accept-Language", crate::i18n::chosen_lang().code())
        .map_err(classify)?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_cache(web_sys::RequestCache::NoStore);
    if let Some(body) = body {
        headers
            .set("Content-Type", "application/json")
            .map_err(classify)?;
        init.set_body(&JsValue::from_str(body));
    }
    if let Some(token) = bearer {
        headers
            .set("Authorization", &format!("Bearer {token}"))
            .map_err(classify)?;
    }
    if let Some(etag) = if_match {
        headers.set("If-Match", etag).map_err(classify)?;
    }
    init.set_headers(&headers);
    if let Some(signal) = abort {
        init.set_signal(Some(signal));
    }
    let request = web_sys::Request::new_with_str_and_init(path, &init).map_err(classify)?;
    let response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(classify)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| ApiError::Decode)?;
    let status = response.status();
    let retry_after = response
        .headers()
        .get("Retry-After")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse().ok());
    let etag = response.headers().get("ETag").ok().flatten();
    let text = JsFuture::from(response.text().map_err(classify)?)
        .await
        .map_err(classify)?;
    Ok(RawResponse {
        status,
        body: text.as_string().unwrap_or_default(),
        retry_after,
        etag,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{lookup, Lang};

    fn raw(status: u16, body: &str, retry_after: Option<u32>) -> RawResponse {
        RawResponse {
            status,
            body: body.to_owned(),
            retry_after,
            etag: None,
        }
    }

    #[test]
    fn a_problem_document_becomes_a_typed_error() {
        let body = r#"{"type":"urn:varig:problem:invalid_credentials","title":"Unauthorized","status":401,
                       "detail":"wrong e-mail address or password","code":"invalid_credentials"}"#;
        let err = problem_of(raw(401, body, None));
        assert_eq!(err.code(), Some(ProblemCode::InvalidCredentials));
        assert_eq!(err.message_key(), "error.invalid_credentials");
        assert_eq!(
            lookup(Lang::Nb, err.message_key()),
            "Feil e-postadresse eller passord."
        );
    }

    #[test]
    fn too_many_requests_tells_how_long_to_wait() {
        let body = r#"{"type":"urn:varig:problem:too_many_requests","title":"Too Many Requests","status":429,
                       "code":"too_many_requests"}"#;
        let err = problem_of(raw(429, body, Some(30)));
        assert_eq!(err.message_key(), "error.too_many_requests_wait");
        let text =
            crate::i18n::interpolate(lookup(Lang::Nn, err.message_key()), &[("seconds", "30")]);
        assert_eq!(text, "For mange forsøk. Prøv igjen om 30 sekund.");
        assert_eq!(
            problem_of(raw(429, body, None)).message_key(),
            "error.too_many_requests"
        );
    }

    #[test]
    fn answers_without_a_problem_document_still_map_to_messages() {
        assert_eq!(
            problem_of(raw(502, "<html>Bad gateway</html>", None)),
            ApiError::Http(502)
        );
        assert_eq!(ApiError::Http(502).message_key(), "error.unavailable");
        assert!(ApiError::Http(404).is_not_found());
        assert_eq!(ApiError::Network.message_key(), "error.network");
        assert_eq!(
            ApiError::SessionExpired.message_key(),
            "error.session_expired"
        );
    }

    #[test]
    fn only_2xx_answers_are_decoded() {
        let page: ProjectPage =
            decode(raw(200, r#"{"items":[],"next_cursor":null}"#, None)).expect("decodes");
        assert!(page.items.is_empty());
        assert_eq!(
            decode::<ProjectPage>(raw(200, "not json", None)),
            Err(ApiError::Decode)
        );
        assert!(matches!(
            decode::<ProjectPage>(raw(500, "", None)),
            Err(ApiError::Http(500))
        ));
    }
}
