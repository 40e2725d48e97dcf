//! Indicator definitions: what the project decided in advance to measure, with thresholds,
//! frequency and a responsible member; or one of Varig's computed indicators.

use chrono::Utc;
use poem_openapi::param::{Header, Path};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{Indicator, IndicatorInput, IndicatorList};

use super::plan_items::{self as items, Kind};
use super::ApiTags;
use crate::access::Action;
use crate::auth::BearerAuth;
use crate::dashboard;
use crate::domain::{self, field_error, Check};
use crate::entities::indicator::{self as ind, Entity as Ind};
use crate::entities::{goal, measurement, measurement_revision, project};
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, etag, new_id};
use crate::indicators::{periods, status, store as istore};
use crate::plan::rules::today_in_oslo;
use crate::plan::store as plan;
use crate::state::AppState;
use crate::store;

pub const KIND: Kind = Kind {
    entity: "indicator",
    created: "indicator.create",
    updated: "indicator.update",
    deleted: "indicator.delete",
};

/// Indicators per project.
pub const MAX_INDICATORS: u64 = 200;
pub const MAX_UNIT_CHARS: usize = 40;

pub struct IndicatorsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListIndicatorsResponse {
    /// Every indicator of the project with its status now.
    #[oai(status = 200)]
    Ok(Json<IndicatorList>),
}

#[derive(ApiResponse)]
pub enum CreateIndicatorResponse {
    /// The indicator was defined.
    #[oai(status = 201)]
    Created(Json<Indicator>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum IndicatorResponse {
    /// The indicator with its status now.
    #[oai(status = 200)]
    Ok(Json<Indicator>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum DeleteIndicatorResponse {
    /// The indicator and its measurements are gone (the audit log keeps the definition).
    #[oai(status = 204)]
    Deleted,
}

struct Valid {
    name: String,
    description: String,
    unit: String,
    responsible: Option<String>,
    goal: Option<String>,
}

fn finite(check: &mut Check, field: &str, v: Option<f64>) {
    if v.is_some_and(|x| !x.is_finite()) {
        check.push(field_error(
            field,
            "not_a_number",
            "must be a finite number",
        ));
    }
}

async fn valid<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    body: &IndicatorInput,
) -> Result<Valid, AppError> {
    let mut check = Check::new();
    let name = check.take(domain::name("name", &body.name));
    let description = check.take(domain::description("description", &body.description));
    let unit = body.unit.trim().to_owned();
    if unit.chars().count() > MAX_UNIT_CHARS || unit.chars().any(char::is_control) {
        check.push(field_error(
            "unit",
            "too_long",
            format!("must be at most {MAX_UNIT_CHARS} characters, without control characters"),
        ));
    }
    finite(&mut check, "baseline", body.baseline);
    finite(&mut check, "target", body.target);
    finite(&mut check, "green_threshold", Some(body.green_threshold));
    finite(&mut check, "amber_threshold", Some(body.amber_threshold));
    if !status::thresholds_ordered(body.direction, body.green_threshold, body.amber_threshold) {
        check.push(field_error(
            "amber_threshold",
            "wrong_order",
            match body.direction {
                varig_types::Direction::Higher => {
                    "must not be above the green threshold when higher is better"
                }
                varig_types::Direction::Lower => {
                    "must not be below the green threshold when lower is better"
                }
            },
        ));
    }
    if let Some(d) = body.start_date {
        if d < periods::EARLIEST || d > periods::LATEST {
            check.push(field_error(
                "start_date",
                "out_of_range",
                format!(
                    "must be between {} and {}",
                    periods::EARLIEST,
                    periods::LATEST
                ),
            ));
        }
    }
    let goal = match body.goal_id {
        Some(g) => {
            let found = goal::Entity::find_by_id(g.to_string())
                .filter(goal::Column::ProjectId.eq(project_id))
                .one(db)
                .await?;
            if found.is_none() {
                check.push(field_error(
                    "goal_id",
                    "not_found",
                    "must be a goal of the project",
                ));
            }
            Some(g.to_string())
        }
        None => None,
    };
    check.finish()?;
    Ok(Valid {
        name: name.unwrap_or_default(),
        description: description.unwrap_or_default(),
        unit,
        responsible: items::member(db, project_id, "responsible_id", body.responsible_id).await?,
        goal,
    })
}

/// The indicator `id` with its status now.
pub async fn indicator_view(
    state: &AppState,
    p: &project::Model,
    m: &ind::Model,
) -> Result<Indicator, AppError> {
    let now = Utc::now();
    let evaluated = dashboard::evaluate(&state.db, p, now, None).await?;
    let names = plan::names(&state.db, m.responsible_id.iter().cloned().collect()).await?;
    let st = evaluated
        .into_iter()
        .find(|e| e.model.id == m.id)
        .map(|e| e.status)
        .ok_or(AppError::NotFound)?;
    Ok(istore::view(m, st, &names))
}

#[OpenApi(tag = "ApiTags::Indicators")]
impl IndicatorsApi {
    /// List indicators
    ///
    /// Every indicator of the project in creation order, each with its status now: the
    /// latest value and its red/amber/green, the trend against the value before, and (for
    /// measured indicators) the periods whose value is past due. Computed indicators carry
    /// Varig's value now; "no data" where nothing can be computed yet.
    #[oai(
        path = "/v1/projects/:id/indicators",
        method = "get",
        operation_id = "list_indicators"
    )]
    async fn list(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<ListIndicatorsResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::IndicatorRead).await?;
        let evaluated = dashboard::evaluate(&self.state.db, &p, Utc::now(), None).await?;
        let names = plan::names(
            &self.state.db,
            evaluated
                .iter()
                .filter_map(|e| e.model.responsible_id.clone())
                .collect(),
        )
        .await?;
        Ok(ListIndicatorsResponse::Ok(Json(IndicatorList {
            items: evaluated
                .into_iter()
                .map(|e| istore::view(&e.model, e.status, &names))
                .collect(),
        })))
    }

    /// Define an indicator
    ///
    /// Category, thresholds in the indicator's direction (green no worse than amber), a
    /// frequency and optionally a baseline, target, responsible member and goal. With a
    /// computed `source`, Varig supplies the values. At most 200 per project.
    #[oai(
        path = "/v1/projects/:id/indicators",
        method = "post",
        operation_id = "create_indicator"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<IndicatorInput>,
    ) -> ApiResult<CreateIndicatorResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::IndicatorWrite).await?;
        let v = valid(&self.state.db, &p.id, &body).await?;
        items::writable(&p)?;
        let n = Ind::find()
            .filter(ind::Column::ProjectId.eq(p.id.clone()))
            .count(&self.state.db)
            .await?;
        if n >= MAX_INDICATORS {
            return Err(AppError::Conflict(format!(
                "The project already has {MAX_INDICATORS} indicators."
            ))
            .into());
        }
        let now = Utc::now();
        let start = body.start_date.unwrap_or_else(|| today_in_oslo(now));
        let model = ind::Model {
            id: new_id(),
            project_id: p.id.clone(),
            category: body.category.as_str().into(),
            name: v.name,
            description: v.description,
            unit: v.unit,
            source: body.source.as_str().into(),
            direction: body.direction.as_str().into(),
            baseline: body.baseline,
            target: body.target,
            green_threshold: body.green_threshold,
            amber_threshold: body.amber_threshold,
            frequency: body.frequency.as_str().into(),
            start_date: periods::start_of(body.frequency, start),
            responsible_id: v.responsible,
            goal_id: v.goal,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        items::create::<Ind, _>(
            &self.state,
            who,
            &p,
            &KIND,
            model.clone(),
            |m| m.responsible_id.iter().cloned().collect(),
            |m, n| istore::view(m, no_status(), n),
        )
        .await?;
        let view = indicator_view(&self.state, &p, &model).await?;
        Ok(CreateIndicatorResponse::Created(
            Json(view),
            etag(model.version),
        ))
    }

    /// Get an indicator
    ///
    /// Its definition with its status now: latest value, RAG, trend and overdue periods.
    /// Send the ETag back in `If-Match` to change it.
    #[oai(
        path = "/v1/indicators/:id",
        method = "get",
        operation_id = "get_indicator"
    )]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<IndicatorResponse> {
        let (m, p) =
            items::item_for::<Ind>(&self.state, &auth.0, id.0, Action::IndicatorRead).await?;
        let view = indicator_view(&self.state, &p, &m).await?;
        Ok(IndicatorResponse::Ok(Json(view), etag(m.version)))
    }

    /// Replace an indicator
    ///
    /// Sends the whole definition; needs `If-Match` with its version. Measurements stay.
    #[oai(
        path = "/v1/indicators/:id",
        method = "put",
        operation_id = "update_indicator"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<IndicatorInput>,
    ) -> ApiResult<IndicatorResponse> {
        let who = &auth.0;
        let (before, p) =
            items::item_for::<Ind>(&self.state, who, id.0, Action::IndicatorWrite).await?;
        let v = valid(&self.state.db, &p.id, &body).await?;
        let version = check_if_match(if_match.0.as_deref(), before.version)?;
        items::writable(&p)?;
        let start = body.start_date.unwrap_or(before.start_date);
        let values: store::Values = vec![
            ("category", Expr::value(body.category.as_str())),
            ("name", Expr::value(v.name)),
            ("description", Expr::value(v.description)),
            ("unit", Expr::value(v.unit)),
            ("source", Expr::value(body.source.as_str())),
            ("direction", Expr::value(body.direction.as_str())),
            ("baseline", Expr::value(body.baseline)),
            ("target", Expr::value(body.target)),
            ("green_threshold", Expr::value(body.green_threshold)),
            ("amber_threshold", Expr::value(body.amber_threshold)),
            ("frequency", Expr::value(body.frequency.as_str())),
            (
                "start_date",
                Expr::value(periods::start_of(body.frequency, start)),
            ),
            ("responsible_id", Expr::value(v.responsible)),
            ("goal_id", Expr::value(v.goal)),
        ];
        let (_, after) = items::replace::<Ind, _>(
            &self.state,
            who,
            &p,
            &KIND,
            &before,
            version,
            values,
            |m| m.responsible_id.iter().cloned().collect(),
            |m, n| istore::view(m, no_status(), n),
        )
        .await?;
        let view = indicator_view(&self.state, &p, &after).await?;
        Ok(IndicatorResponse::Ok(Json(view), etag(after.version)))
    }

    /// Delete an indicator
    ///
    /// Removes the indicator with its measurements and their corrections; goals that named
    /// it no longer do. `If-Match`, when sent, must name the current version.
    #[oai(
        path = "/v1/indicators/:id",
        method = "delete",
        operation_id = "delete_indicator"
    )]
    async fn delete(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
    ) -> ApiResult<DeleteIndicatorResponse> {
        let who = &auth.0;
        let (before, p) =
            items::item_for::<Ind>(&self.state, who, id.0, Action::IndicatorWrite).await?;
        if let Some(tag) = if_match.0.as_deref() {
            check_if_match(Some(tag), before.version)?;
        }
        items::writable(&p)?;
        let txn = crate::db::begin_write(&self.state.db).await?;
        let ids: Vec<String> = measurement::Entity::find()
            .filter(measurement::Column::IndicatorId.eq(before.id.clone()))
            .all(&txn)
            .await?
            .into_iter()
            .map(|m| m.id)
            .collect();
        if !ids.is_empty() {
            measurement_revision::Entity::delete_many()
                .filter(measurement_revision::Column::MeasurementId.is_in(ids))
                .exec(&txn)
                .await?;
        }
        measurement::Entity::delete_many()
            .filter(measurement::Column::IndicatorId.eq(before.id.clone()))
            .exec(&txn)
            .await?;
        goal::Entity::update_many()
            .col_expr(
                goal::Column::IndicatorId,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                goal::Column::Version,
                Expr::col(goal::Column::Version).add(1),
            )
            .filter(goal::Column::IndicatorId.eq(before.id.clone()))
            .exec(&txn)
            .await?;
        let res = Ind::delete_by_id(before.id.clone()).exec(&txn).await?;
        if res.rows_affected == 0 {
            return Err(AppError::NotFound.into());
        }
        items::record(
            &txn,
            who,
            &p,
            &KIND,
            KIND.deleted,
            &before.id,
            Some(&istore::view(&before, no_status(), &Default::default())),
            None,
        )
        .await?;
        txn.commit().await?;
        Ok(DeleteIndicatorResponse::Deleted)
    }
}

/// The status an audit snapshot carries (the definition is what is audited).
fn no_status() -> varig_types::IndicatorStatus {
    varig_types::IndicatorStatus {
        rag: varig_types::Rag::NoData,
        trend: varig_types::Trend::NoData,
        latest_value: None,
        latest_period: None,
        previous_value: None,
        overdue_periods: vec![],
        next_due: None,
    }
}
