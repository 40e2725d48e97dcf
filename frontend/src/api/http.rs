//! One request over `fetch`, and what its answer becomes: a body, a decoded value, or an
//! [`ApiError`] (a problem document when the server sent one).

use serde::de::DeserializeOwned;
use serde::Serialize;
use varig_types::Problem;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use super::ApiError;

pub(super) fn to_json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|_| ApiError::Decode)
}

pub(super) struct RawResponse {
    pub(super) status: u16,
    pub(super) body: String,
    pub(super) retry_after: Option<u32>,
    pub(super) etag: Option<String>,
}

pub(super) fn ok_body(raw: RawResponse) -> Result<String, ApiError> {
    ok_tagged(raw).map(|(body, _)| body)
}

/// The body and the `ETag` of a 2xx answer.
pub(super) fn ok_tagged(raw: RawResponse) -> Result<(String, Option<String>), ApiError> {
    if (200..300).contains(&raw.status) {
        Ok((raw.body, raw.etag))
    } else {
        Err(problem_of(raw))
    }
}

pub(super) fn decode<T: DeserializeOwned>(raw: RawResponse) -> Result<T, ApiError> {
    let body = ok_body(raw)?;
    serde_json::from_str(&body).map_err(|_| ApiError::Decode)
}

pub(super) fn problem_of(raw: RawResponse) -> ApiError {
    match serde_json::from_str::<Problem>(&raw.body) {
        Ok(problem) => ApiError::Problem {
            problem,
            retry_after: raw.retry_after,
        },
        Err(_) => ApiError::Http(raw.status),
    }
}

pub(super) fn classify(err: JsValue) -> ApiError {
    let name = js_sys::Reflect::get(&err, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string());
    if name.as_deref() == Some("AbortError") {
        ApiError::Aborted
    } else {
        ApiError::Network
    }
}

pub(super) async fn send(
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
    use varig_types::{ProblemCode, ProjectPage};

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
