//! Measurements: an indicator's value per period, posted by a person or by a third-party
//! system with a `measurements_write` token; corrections keep the earlier values.

use chrono::{NaiveDate, Utc};
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::{Json, PlainText};
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, SqlErr,
};
use uuid::Uuid;
use varig_types::{
    IndicatorSource, Measurement, MeasurementCorrection, MeasurementInput, MeasurementList,
    MeasurementSource,
};

use super::plan_items as items;
use super::projects::role_in;
use super::ApiTags;
use crate::access::{self, Action, Subject};
use crate::audit::{self, snapshot, Change};
use crate::auth::{BearerAuth, Principal};
use crate::domain::{self, field_error, Check};
use crate::entities::indicator::{self as ind, Entity as Ind};
use crate::entities::measurement::{self as ms, Entity as Ms};
use crate::entities::measurement_revision::{self as rev, Entity as Rev};
use crate::entities::project;
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, etag, new_id};
use crate::indicators::{periods, store as istore};
use crate::plan::rules::today_in_oslo;
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

/// An indicator and its project for writing a measurement: those with the permission, and
/// the indicator's responsible member. 404 for anyone who may not see the project at all
/// (a measurements-only token sees nothing but what it writes), 403 for readers.
async fn writable_indicator(
    state: &AppState,
    who: &Principal,
    id: Uuid,
) -> Result<(ind::Model, project::Model), AppError> {
    let m = Ind::find_by_id(id.to_string())
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = project::Entity::find_by_id(m.project_id.clone())
        .one(&state.db)
        .await?
        .filter(|p| who.same_org(&p.organisation_id))
        .ok_or(AppError::NotFound)?;
    let role = role_in(state, who, &p.id).await?;
    let mut subjects = who.subjects();
    subjects.extend(role.map(Subject::Project));
    let responsible =
        role.is_some() && m.responsible_id.is_some() && m.responsible_id == who.user_id_str();
    if access::allowed(&subjects, Action::MeasurementWrite) || responsible {
        items::writable(&p)?;
        return Ok((m, p));
    }
    if access::allowed(&subjects, Action::ProjectRead) {
        return Err(AppError::Forbidden);
    }
    Err(AppError::NotFound)
}

fn source_of(who: &Principal) -> MeasurementSource {
    if who.token_id.is_some() {
        MeasurementSource::System
    } else {
        MeasurementSource::Person
    }
}

fn check_value(check: &mut Check, value: f64, comment: &str) -> Option<String> {
    if !value.is_finite() {
        check.push(field_error(
            "value",
            "not_a_number",
            "must be a finite number",
        ));
    }
    check.take(domain::description("comment", comment))
}

fn computed(m: &ind::Model) -> Result<(), AppError> {
    if istore::source(m) != IndicatorSource::Manual {
        return Err(AppError::Conflict(
            "Varig computes this indicator's values; it takes no measurements.".into(),
        ));
    }
    Ok(())
}

async fn audit_change(
    db: &impl sea_orm::ConnectionTrait,
    who: &Principal,
    p: &project::Model,
    action: &'static str,
    before: Option<&Measurement>,
    after: &Measurement,
) -> Result<(), AppError> {
    audit::record_in_project(
        db,
        Some(who),
        Change {
            organisation_id: Some(p.organisation_id.clone()),
            action,
            entity_type: "measurement",
            entity_id: Some(after.id.to_string()),
            before: before.and_then(snapshot),
            after: snapshot(after),
        },
        Some(&p.id),
    )
    .await?;
    Ok(())
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
        let mut q = Ms::find().filter(ms::Column::IndicatorId.eq(m.id.clone()));
        if let Some(f) = from.0 {
            q = q.filter(ms::Column::PeriodStart.gte(f));
        }
        if let Some(t) = to.0 {
            q = q.filter(ms::Column::PeriodStart.lte(t));
        }
        let rows = q
            .order_by_asc(ms::Column::PeriodStart)
            .all(&self.state.db)
            .await?;
        let f = istore::frequency(&m);
        Ok(ListMeasurementsResponse::Ok(Json(MeasurementList {
            items: rows
                .iter()
                .map(|r| istore::measurement_view(r, f, &[]))
                .collect(),
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
        let who = &auth.0;
        let (m, p) = writable_indicator(&self.state, who, id.0).await?;
        let now = Utc::now();
        let f = istore::frequency(&m);
        let period = periods::start_of(f, body.period);
        let mut check = Check::new();
        let comment = check_value(&mut check, body.value, &body.comment);
        if body.period < periods::EARLIEST {
            check.push(field_error(
                "period",
                "out_of_range",
                format!("must not be before {}", periods::EARLIEST),
            ));
        } else if period > periods::start_of(f, today_in_oslo(now)) {
            check.push(field_error(
                "period",
                "in_the_future",
                "must not be after the current period",
            ));
        }
        check.finish()?;
        computed(&m)?;
        let row = ms::Model {
            id: new_id(),
            indicator_id: m.id.clone(),
            project_id: p.id.clone(),
            period_start: period,
            value: body.value,
            comment: comment.unwrap_or_default(),
            source: source_of(who).as_str().into(),
            recorded_by_user_id: who.user_id_str(),
            recorded_by_token_id: who.token_id.map(|t| t.to_string()),
            recorded_by_name: who.name.clone(),
            recorded_at: now,
            version: 1,
        };
        let txn = crate::db::begin_write(&self.state.db).await?;
        let inserted = Ms::insert(ms::ActiveModel::from(row.clone()))
            .exec_without_returning(&txn)
            .await;
        if let Err(e) = inserted {
            if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
                return Err(AppError::Conflict(format!(
                    "The period starting {period} already has a value; correct it with PUT."
                ))
                .into());
            }
            return Err(AppError::from(e).into());
        }
        let view = istore::measurement_view(&row, f, &[]);
        audit_change(&txn, who, &p, "measurement.create", None, &view).await?;
        txn.commit().await?;
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
        let m = Ind::find_by_id(row.indicator_id.clone())
            .one(&self.state.db)
            .await?
            .ok_or(AppError::NotFound)?;
        let revisions = Rev::find()
            .filter(rev::Column::MeasurementId.eq(row.id.clone()))
            .order_by_desc(rev::Column::Version)
            .all(&self.state.db)
            .await?;
        Ok(MeasurementResponse::Ok(
            Json(istore::measurement_view(
                &row,
                istore::frequency(&m),
                &revisions,
            )),
            etag(row.version),
        ))
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
        let who = &auth.0;
        let before = Ms::find_by_id(id.0.to_string())
            .one(&self.state.db)
            .await?
            .ok_or(AppError::NotFound)?;
        let (m, p) =
            writable_indicator(&self.state, who, crate::ids::parse_id(&before.indicator_id))
                .await?;
        let mut check = Check::new();
        let comment = check_value(&mut check, body.value, &body.comment);
        check.finish()?;
        let version = check_if_match(if_match.0.as_deref(), before.version)?;
        computed(&m)?;
        let f = istore::frequency(&m);
        let now = Utc::now();
        let txn = crate::db::begin_write(&self.state.db).await?;
        // Only the version read may be replaced: a concurrent correction answers 412.
        let res = Ms::update_many()
            .col_expr(
                ms::Column::Value,
                sea_orm::sea_query::Expr::value(body.value),
            )
            .col_expr(
                ms::Column::Comment,
                sea_orm::sea_query::Expr::value(comment.clone().unwrap_or_default()),
            )
            .col_expr(
                ms::Column::Source,
                sea_orm::sea_query::Expr::value(source_of(who).as_str()),
            )
            .col_expr(
                ms::Column::RecordedByUserId,
                sea_orm::sea_query::Expr::value(who.user_id_str()),
            )
            .col_expr(
                ms::Column::RecordedByTokenId,
                sea_orm::sea_query::Expr::value(who.token_id.map(|t| t.to_string())),
            )
            .col_expr(
                ms::Column::RecordedByName,
                sea_orm::sea_query::Expr::value(who.name.clone()),
            )
            .col_expr(ms::Column::RecordedAt, sea_orm::sea_query::Expr::value(now))
            .col_expr(
                ms::Column::Version,
                sea_orm::sea_query::Expr::value(version + 1),
            )
            .filter(ms::Column::Id.eq(before.id.clone()))
            .filter(ms::Column::Version.eq(version))
            .exec(&txn)
            .await?;
        if res.rows_affected == 0 {
            return Err(AppError::PreconditionFailed.into());
        }
        rev::ActiveModel {
            id: Set(new_id()),
            measurement_id: Set(before.id.clone()),
            version: Set(before.version),
            value: Set(before.value),
            comment: Set(before.comment.clone()),
            source: Set(before.source.clone()),
            recorded_by_name: Set(before.recorded_by_name.clone()),
            recorded_at: Set(before.recorded_at),
        }
        .insert(&txn)
        .await?;
        let after = Ms::find_by_id(before.id.clone())
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        let revisions = Rev::find()
            .filter(rev::Column::MeasurementId.eq(before.id.clone()))
            .order_by_desc(rev::Column::Version)
            .all(&txn)
            .await?;
        let view = istore::measurement_view(&after, f, &revisions);
        let old = istore::measurement_view(&before, f, &[]);
        audit_change(&txn, who, &p, "measurement.correct", Some(&old), &view).await?;
        txn.commit().await?;
        Ok(MeasurementResponse::Ok(Json(view), etag(after.version)))
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
        let inds = Ind::find()
            .filter(ind::Column::ProjectId.eq(p.id.clone()))
            .order_by_asc(ind::Column::Id)
            .all(&self.state.db)
            .await?;
        let rows = Ms::find()
            .filter(ms::Column::ProjectId.eq(p.id.clone()))
            .order_by_asc(ms::Column::IndicatorId)
            .order_by_asc(ms::Column::PeriodStart)
            .limit(Some(super::reports::MAX_EXPORT))
            .all(&self.state.db)
            .await?;
        Ok(ExportMeasurementsResponse::Ok(
            PlainText(csv(&inds, &rows)),
            "attachment; filename=\"varig-measurements.csv\"".into(),
        ))
    }
}

pub const CSV_HEADER: &str =
    "indicator,category,unit,period_start,period_end,value,comment,source,recorded_by,recorded_at";

/// The measurements as CSV (RFC 4180, CRLF line ends), in the indicators' order.
pub fn csv(inds: &[ind::Model], rows: &[ms::Model]) -> String {
    use crate::reports::cell;
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    for i in inds {
        let f = istore::frequency(i);
        for r in rows.iter().filter(|r| r.indicator_id == i.id) {
            let line = [
                cell(&i.name),
                cell(&i.category),
                cell(&i.unit),
                r.period_start.to_string(),
                periods::end_of(f, r.period_start).to_string(),
                r.value.to_string(),
                cell(&r.comment),
                cell(&r.source),
                cell(&r.recorded_by_name),
                r.recorded_at.to_rfc3339(),
            ];
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
    }
    out
}
