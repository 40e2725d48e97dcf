//! Measurements: an indicator's value per period, posted by a person or by a third-party
//! system with a `measurements_write` token; corrections keep the earlier values.

use chrono::NaiveDate;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::{Json, PlainText};
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{Measurement, MeasurementCorrection, MeasurementInput, MeasurementList};

use crate::access::Action;
use crate::api::plan_items as items;
use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::entities::indicator::Entity as Ind;
use crate::entities::measurement::Entity as Ms;
use crate::error::ApiResult;
use crate::ids::etag;
use crate::indicators::service::measurements as service;
use crate::state::AppState;

pub struct MeasurementsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListMeasurementsResponse {
    /// The indicator's values, oldest period first.
    #[oai(status = 200)]
    Ok(Json<MeasurementList>),
}

#[derive(ApiResponse)]
pub enum CreateMeasurementResponse {
    /// The value was recorded for its period.
    #[oai(status = 201)]
    Created(Json<Measurement>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum MeasurementResponse {
    /// The measurement with its earlier values, newest first.
    #[oai(status = 200)]
    Ok(Json<Measurement>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum ExportMeasurementsResponse {
    /// Every measurement of the project's indicators as CSV (RFC 4180), by indicator and
    /// period.
    #[oai(status = 200, content_type = "text/csv; charset=utf-8")]
    Ok(
        PlainText<String>,
        #[oai(header = "Content-Disposition")] String,
    ),
}

#[OpenApi(tag = "ApiTags::Indicators")]
impl MeasurementsApi {
    /// List an indicator's measurements
    ///
    /// Oldest period first, optionally within `from`–`to` (period starts). Computed
    /// indicators list the values Varig recorded.
    #[oai(
        path = "/v1/indicators/:id/measurements",
        method = "get",
        operation_id = "list_measurements"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Periods starting on or after this day.
        from: Query<Option<NaiveDate>>,
        /// Periods starting on or before this day.
        to: Query<Option<NaiveDate>>,
    ) -> ApiResult<ListMeasurementsResponse> {
        let (m, _) =
            items::item_for::<Ind>(&self.state, &auth.0, id.0, Action::IndicatorRead).await?;
        let items = service::list(&self.state, &m, from.0, to.0).await?;
        Ok(ListMeasurementsResponse::Ok(Json(MeasurementList {
            items,
        })))
    }

    /// Record a measurement
    ///
    /// The value of one period (any date in it names it). Open to the project owner and
    /// leader, the indicator's responsible member, organisation admins and API tokens with
    /// the `write` or `measurements_write` scope. A period that already has a value answers
    /// 409: correct it with `PUT /v1/measurements/{id}` instead. Periods after the current
    /// one are refused (422).
    #[oai(
        path = "/v1/indicators/:id/measurements",
        method = "post",
        operation_id = "create_measurement"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<MeasurementInput>,
    ) -> ApiResult<CreateMeasurementResponse> {
        let view = service::create(&self.state, &auth.0, id.0, &body).await?;
        Ok(CreateMeasurementResponse::Created(Json(view), etag(1)))
    }

    /// Get a measurement
    ///
    /// With every earlier value of its period, newest first.
    #[oai(
        path = "/v1/measurements/:id",
        method = "get",
        operation_id = "get_measurement"
    )]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<MeasurementResponse> {
        let (row, _) =
            items::item_for::<Ms>(&self.state, &auth.0, id.0, Action::IndicatorRead).await?;
        let view = service::get(&self.state, &row).await?;
        Ok(MeasurementResponse::Ok(Json(view), etag(row.version)))
    }

    /// Correct a measurement
    ///
    /// A new value (and comment) for the same period; needs `If-Match` with its version.
    /// The earlier value is kept and listed under `corrections`. Who may record may correct.
    #[oai(
        path = "/v1/measurements/:id",
        method = "put",
        operation_id = "correct_measurement"
    )]
    async fn correct(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<MeasurementCorrection>,
    ) -> ApiResult<MeasurementResponse> {
        let view =
            service::correct(&self.state, &auth.0, id.0, if_match.0.as_deref(), &body).await?;
        let version = view.version;
        Ok(MeasurementResponse::Ok(Json(view), etag(version)))
    }

    /// Export measurements as CSV
    ///
    /// Every current value of the project's indicators, by indicator and period, with who
    /// recorded it; a spreadsheet-safe CSV file.
    #[oai(
        path = "/v1/projects/:id/measurements.csv",
        method = "get",
        operation_id = "export_measurements"
    )]
    async fn export(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> ApiResult<ExportMeasurementsResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::IndicatorRead).await?;
        Ok(ExportMeasurementsResponse::Ok(
            PlainText(service::export(&self.state, &p).await?),
            "attachment; filename=\"varig-measurements.csv\"".into(),
        ))
    }
}
