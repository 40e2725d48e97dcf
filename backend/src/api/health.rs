use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use varig_types::{Health, Readiness};

use super::ApiTags;
use crate::error::{ApiError, ApiResult, AppError};
use crate::state::AppState;

/// How long readiness waits for the database.
pub const READY_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(800);

pub struct HealthApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum HealthResponse {
    /// The process is alive.
    #[oai(status = 200)]
    Ok(Json<Health>),
}

#[derive(ApiResponse)]
pub enum ReadyResponse {
    /// The service can serve requests: the database answered.
    #[oai(status = 200)]
    Ok(Json<Readiness>),
}

#[OpenApi(tag = "ApiTags::Health")]
impl HealthApi {
    /// Liveness
    ///
    /// Answers as long as the process runs; does not touch the database.
    #[oai(path = "/v1/health", method = "get", operation_id = "health")]
    async fn health(&self) -> HealthResponse {
        HealthResponse::Ok(Json(Health {
            status: "ok".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }))
    }

    /// Readiness
    ///
    /// 200 when the database answers a query within 0.8 s, 503 (with `Retry-After`)
    /// otherwise, so a load balancer learns of an outage within a second.
    #[oai(path = "/v1/ready", method = "get", operation_id = "ready")]
    async fn ready(&self) -> ApiResult<ReadyResponse> {
        let ping = tokio::time::timeout(READY_TIMEOUT, self.state.db.ping()).await;
        match ping {
            Ok(Ok(())) => Ok(ReadyResponse::Ok(Json(Readiness {
                status: "ok".into(),
                database: "ok".into(),
            }))),
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "readiness: database unreachable");
                Err(ApiError::from(AppError::Unavailable))
            }
            Err(_) => {
                tracing::warn!("readiness: the database did not answer in time");
                Err(ApiError::from(AppError::Unavailable))
            }
        }
    }
}
