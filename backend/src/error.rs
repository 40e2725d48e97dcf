//! One application error enum (`AppError`) that handlers raise with `?`, and its HTTP face
//! (`ApiError`), an `ApiResponse` so every error status is in the spec as
//! `application/problem+json` (RFC 9457). 500 bodies say nothing; the log says everything.

use poem::http::StatusCode;
use poem::{Body, Response};
use poem_openapi::payload::Json;
use poem_openapi::ApiResponse;
use sea_orm::{DbErr, SqlErr};
use varig_types::{FieldError, Problem, ProblemCode};

pub const PROBLEM_JSON: &str = "application/problem+json";

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("validation failed: {0:?}")]
    Validation(Vec<FieldError>),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("unauthenticated: {0}")]
    Unauthenticated(&'static str),
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("refresh token reused; family revoked")]
    TokenReused,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// A 409 with its own problem code (e.g. a stale phase-gate request).
    #[error("conflict {code:?}: {detail}")]
    State { code: ProblemCode, detail: String },
    #[error("precondition failed")]
    PreconditionFailed,
    #[error("precondition required")]
    PreconditionRequired,
    #[error("too many requests; retry after {retry_after_secs}s")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("service unavailable")]
    Unavailable,
    #[error("internal error: {0}")]
    Internal(String),
    #[error("database error: {0}")]
    Db(#[from] DbErr),
}

impl AppError {
    /// One invalid field.
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        AppError::Validation(vec![crate::domain::field_error(field, code, message)])
    }

    /// A 409 with its own problem code.
    pub fn conflict(code: ProblemCode, detail: impl Into<String>) -> Self {
        AppError::State {
            code,
            detail: detail.into(),
        }
    }

    fn sql_err(&self) -> Option<SqlErr> {
        match self {
            AppError::Db(db) => db.sql_err(),
            _ => None,
        }
    }
}

/// Turns a unique or foreign-key violation of a write into the error the caller should see
/// (the `on_constraint` habit of realworld-axum-sqlx), leaving every other error as it is:
///
/// ```ignore
/// repo::insert(&txn, row).await.on_unique(|| AppError::conflict(AlreadyExists, "…"))?;
/// ```
pub trait OnConstraint<T> {
    fn on_unique(self, f: impl FnOnce() -> AppError) -> Result<T, AppError>;
    fn on_foreign_key(self, f: impl FnOnce() -> AppError) -> Result<T, AppError>;
}

impl<T, E: Into<AppError>> OnConstraint<T> for Result<T, E> {
    fn on_unique(self, f: impl FnOnce() -> AppError) -> Result<T, AppError> {
        self.map_err(Into::into).map_err(|e| match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => f(),
            _ => e,
        })
    }

    fn on_foreign_key(self, f: impl FnOnce() -> AppError) -> Result<T, AppError> {
        self.map_err(Into::into).map_err(|e| match e.sql_err() {
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => f(),
            _ => e,
        })
    }
}

/// Every error an operation can answer, as problem details.
#[derive(ApiResponse, Debug)]
pub enum ApiError {
    /// The request could not be read: malformed JSON, a value of the wrong type, a bad parameter or cursor.
    #[oai(status = 400, content_type = "application/problem+json")]
    BadRequest(Json<Problem>),
    /// Missing, expired or invalid credentials (or a wrong password at login).
    #[oai(status = 401, content_type = "application/problem+json")]
    Unauthorized(Json<Problem>),
    /// Authenticated, but the caller's roles do not allow this.
    #[oai(status = 403, content_type = "application/problem+json")]
    Forbidden(Json<Problem>),
    /// No such object, or it belongs to another organisation or a project the caller cannot see.
    #[oai(status = 404, content_type = "application/problem+json")]
    NotFound(Json<Problem>),
    /// The request conflicts with the current state: a duplicate, an archived object, a used token.
    #[oai(status = 409, content_type = "application/problem+json")]
    Conflict(Json<Problem>),
    /// The object changed since it was read: `If-Match` does not match its current ETag.
    #[oai(status = 412, content_type = "application/problem+json")]
    PreconditionFailed(Json<Problem>),
    /// The request body is larger than 1 MiB.
    #[oai(status = 413, content_type = "application/problem+json")]
    PayloadTooLarge(Json<Problem>),
    /// The body's media type is not `application/json`.
    #[oai(status = 415, content_type = "application/problem+json")]
    UnsupportedMediaType(Json<Problem>),
    /// One or more fields are invalid; `errors` names each field and why.
    #[oai(status = 422, content_type = "application/problem+json")]
    Unprocessable(Json<Problem>),
    /// A write needs `If-Match` with the object's ETag.
    #[oai(status = 428, content_type = "application/problem+json")]
    PreconditionRequired(Json<Problem>),
    /// Too many attempts; wait the seconds given in `Retry-After`.
    #[oai(status = 429, content_type = "application/problem+json")]
    TooManyRequests(Json<Problem>, #[oai(header = "Retry-After")] u64),
    /// An unexpected server error; the body says nothing, the server log has the details.
    #[oai(status = 500, content_type = "application/problem+json")]
    Internal(Json<Problem>),
    /// The service cannot serve now (e.g. the database is unreachable); retry after the
    /// seconds in `Retry-After`. Nothing of the request was kept.
    #[oai(status = 503, content_type = "application/problem+json")]
    Unavailable(Json<Problem>, #[oai(header = "Retry-After")] u64),
}

pub fn problem(
    code: ProblemCode,
    status: StatusCode,
    detail: Option<String>,
    errors: Vec<FieldError>,
) -> Problem {
    Problem {
        type_: code.type_uri(),
        title: status.canonical_reason().unwrap_or("Error").to_string(),
        status: status.as_u16(),
        detail,
        code,
        errors,
    }
}

fn p(code: ProblemCode, status: StatusCode, detail: impl Into<String>) -> Json<Problem> {
    Json(problem(code, status, Some(detail.into()), vec![]))
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        use ProblemCode as C;
        use StatusCode as S;
        match err {
            AppError::Validation(errors) => {
                let detail = errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect::<Vec<_>>()
                    .join("; ");
                ApiError::Unprocessable(Json(problem(
                    C::Validation,
                    S::UNPROCESSABLE_ENTITY,
                    Some(detail),
                    errors,
                )))
            }
            AppError::BadRequest(d) => ApiError::BadRequest(p(C::BadRequest, S::BAD_REQUEST, d)),
            AppError::Unauthenticated(d) => ApiError::Unauthorized(p(C::Unauthenticated, S::UNAUTHORIZED, d)),
            AppError::InvalidCredentials => ApiError::Unauthorized(p(
                C::InvalidCredentials,
                S::UNAUTHORIZED,
                "The e-mail address or the password is wrong.",
            )),
            AppError::TokenReused => ApiError::Unauthorized(p(
                C::TokenReused,
                S::UNAUTHORIZED,
                "This refresh token was already used; every session started from it is now logged out.",
            )),
            AppError::Forbidden => ApiError::Forbidden(p(
                C::Forbidden,
                S::FORBIDDEN,
                "Your role does not allow this action.",
            )),
            AppError::NotFound => ApiError::NotFound(p(C::NotFound, S::NOT_FOUND, "No such object.")),
            AppError::State { code, detail } => ApiError::Conflict(p(code, S::CONFLICT, detail)),
            AppError::PreconditionFailed => ApiError::PreconditionFailed(p(
                C::PreconditionFailed,
                S::PRECONDITION_FAILED,
                "The object was changed by someone else since you read it; fetch it again and retry.",
            )),
            AppError::PreconditionRequired => ApiError::PreconditionRequired(p(
                C::PreconditionRequired,
                S::PRECONDITION_REQUIRED,
                "Send If-Match with the ETag from your last read of this object.",
            )),
            AppError::TooManyRequests { retry_after_secs } => ApiError::TooManyRequests(
                p(
                    C::TooManyRequests,
                    S::TOO_MANY_REQUESTS,
                    format!("Too many failed attempts; try again in {retry_after_secs} seconds."),
                ),
                retry_after_secs,
            ),
            AppError::Unavailable => unavailable(),
            AppError::Db(db) if is_unavailable(&db) => {
                tracing::warn!(error = %db, "database unreachable");
                unavailable()
            }
            AppError::Db(db) => match db.sql_err() {
                Some(SqlErr::UniqueConstraintViolation(_)) => {
                    ApiError::Conflict(p(C::AlreadyExists, S::CONFLICT, "An object with these values already exists."))
                }
                Some(SqlErr::ForeignKeyConstraintViolation(_)) => {
                    ApiError::Conflict(p(C::InUse, S::CONFLICT, "A referenced object does not exist or is in use."))
                }
                _ => internal(&db.to_string()),
            },
            AppError::Internal(msg) => internal(&msg),
        }
    }
}

/// Seconds a client is asked to wait when the database is unreachable.
pub const UNAVAILABLE_RETRY_SECS: u64 = 5;

fn unavailable() -> ApiError {
    ApiError::Unavailable(
        p(
            ProblemCode::Unavailable,
            StatusCode::SERVICE_UNAVAILABLE,
            "The service is temporarily unavailable; nothing was changed. Try again shortly.",
        ),
        UNAVAILABLE_RETRY_SECS,
    )
}

/// Whether a database error means the database cannot be reached (refused, timed out,
/// gone away, shutting down), as opposed to a fault of the request or of the code.
pub fn is_unavailable(err: &DbErr) -> bool {
    use sea_orm::RuntimeErr;
    let sqlx_unreachable = |e: &sqlx::Error| match e {
        sqlx::Error::Io(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::Tls(_) => true,
        // admin_shutdown, crash_shutdown, cannot_connect_now; SQLite's "database is locked"
        // after the busy timeout.
        sqlx::Error::Database(d) => matches!(
            d.code().as_deref(),
            Some("57P01" | "57P02" | "57P03" | "5" | "6")
        ),
        _ => false,
    };
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            sqlx_unreachable(e)
        }
        _ => false,
    }
}

fn internal(msg: &str) -> ApiError {
    tracing::error!(error = %msg, "internal error");
    ApiError::Internal(Json(problem(
        ProblemCode::Internal,
        StatusCode::INTERNAL_SERVER_ERROR,
        None,
        vec![],
    )))
}

impl From<DbErr> for ApiError {
    fn from(err: DbErr) -> Self {
        AppError::Db(err).into()
    }
}

impl From<AppError> for poem::Error {
    fn from(err: AppError) -> Self {
        ApiError::from(err).into()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// Turns every error response that is not already problem details (route not found, a body
/// poem-openapi could not parse, a failed security check…) into problem details.
pub async fn to_problem(err: poem::Error) -> Response {
    let resp = err.into_response();
    let is_problem = resp
        .headers()
        .get(poem::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(PROBLEM_JSON));
    if is_problem {
        return resp;
    }
    let status = resp.status();
    let retry_after = resp.headers().get(poem::http::header::RETRY_AFTER).cloned();
    let text = resp.into_body().into_string().await.unwrap_or_default();
    problem_response(status, text, retry_after)
}

fn problem_response(
    status: StatusCode,
    text: String,
    retry_after: Option<poem::http::HeaderValue>,
) -> Response {
    use ProblemCode as C;
    let code = match status.as_u16() {
        400 => C::BadRequest,
        401 => C::Unauthenticated,
        403 => C::Forbidden,
        404 => C::NotFound,
        405 => C::MethodNotAllowed,
        409 => C::Conflict,
        412 => C::PreconditionFailed,
        413 => C::PayloadTooLarge,
        415 => C::UnsupportedMediaType,
        422 => C::Validation,
        428 => C::PreconditionRequired,
        429 => C::TooManyRequests,
        503 => C::Unavailable,
        s if (400..500).contains(&s) => C::BadRequest,
        _ => C::Internal,
    };
    let detail = if status.is_server_error() {
        if !text.is_empty() {
            tracing::error!(status = %status, error = %text, "server error");
        }
        None
    } else if text.trim().is_empty() {
        None
    } else {
        Some(text)
    };
    // A 4xx poem reports that we do not document (e.g. 413) is kept; 5xx stays opaque.
    let body = problem(code, status, detail, vec![]);
    let json = serde_json::to_vec(&body).unwrap_or_default();
    let mut builder = Response::builder()
        .status(status)
        .content_type(PROBLEM_JSON);
    let retry_after = retry_after.or_else(|| {
        (status == StatusCode::SERVICE_UNAVAILABLE)
            .then(|| poem::http::HeaderValue::from(UNAVAILABLE_RETRY_SECS))
    });
    if let Some(v) = retry_after {
        builder = builder.header(poem::http::header::RETRY_AFTER, v);
    }
    builder.body(Body::from(json))
}
