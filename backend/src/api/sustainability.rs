//! Sustainability self-assessment rounds: the leader or owner opens a round (in Sustain, or
//! earlier as a baseline), members rate the ten factors, and the scores per factor, domain
//! and in total show with the factors pulling the score down; rounds over time are its
//! history.

use chrono::Utc;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;
use varig_types::{
    AssessmentStatus, NewSustainabilityAssessment, SustainabilityAssessment,
    SustainabilityAssessmentList, SustainabilityModel, SustainabilityRating,
    SustainabilityResponseInput,
};

use super::plan_items::{self as items, Kind};
use super::ApiTags;
use crate::access::Action;
use crate::auth::{BearerAuth, Principal};
use crate::domain::{self, field_error};
use crate::entities::sustainability_assessment::{self as sa, Column as C, Entity as Round};
use crate::entities::sustainability_rating as sr;
use crate::error::{ApiResult, AppError};
use crate::ids::{new_id, parse_id};
use crate::state::AppState;
use crate::store;
use crate::sustainability::{model, score, store as sstore};
use crate::views::phase;

pub const KIND: Kind = Kind {
    entity: "sustainability_assessment",
    created: "sustainability_assessment.create",
    updated: "sustainability_assessment.update",
    deleted: "sustainability_assessment.delete",
};

/// Factors in the model.
const FACTORS: usize = 10;

pub struct SustainabilityApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ModelResponse {
    /// The factors with weights and texts, and the scale, in bokmål, nynorsk and English.
    #[oai(status = 200)]
    Ok(Json<SustainabilityModel>),
}

#[derive(ApiResponse)]
pub enum ListRoundsResponse {
    /// Every round of the project, oldest first, each with its scores: the history.
    #[oai(status = 200)]
    Ok(Json<SustainabilityAssessmentList>),
}

#[derive(ApiResponse)]
pub enum CreateRoundResponse {
    /// The round is open for ratings.
    #[oai(status = 201)]
    Created(Json<SustainabilityAssessment>),
}

#[derive(ApiResponse)]
pub enum RoundResponse {
    /// The round with its scores and the caller's ratings.
    #[oai(status = 200)]
    Ok(Json<SustainabilityAssessment>),
}

fn view(m: &sa::Model, rows: &[sr::Model], who: &Principal) -> SustainabilityAssessment {
    let me = who.user_id_str();
    SustainabilityAssessment {
        id: parse_id(&m.id),
        project_id: parse_id(&m.project_id),
        phase: phase(&m.phase),
        title: m.title.clone(),
        status: AssessmentStatus::parse(&m.status).unwrap_or(AssessmentStatus::Closed),
        opened_by: parse_id(&m.opened_by),
        created_at: m.created_at,
        closed_at: m.closed_at,
        result: sstore::result_of(rows),
        my_ratings: rows
            .iter()
            .filter(|r| Some(&r.user_id) == me.as_ref())
            .map(|r| SustainabilityRating {
                factor: r.factor.clone(),
                score: r.score,
            })
            .collect(),
    }
}

async fn load<Db: ConnectionTrait>(
    db: &Db,
    m: &sa::Model,
    who: &Principal,
) -> Result<SustainabilityAssessment, AppError> {
    let by = sstore::ratings(db, vec![m.id.clone()]).await?;
    Ok(view(
        m,
        by.get(&m.id).map(Vec::as_slice).unwrap_or(&[]),
        who,
    ))
}

fn closed() -> AppError {
    AppError::Conflict("The round is closed; open a new one.".into())
}

/// Every factor once, each rated 1–4.
fn check(r: &[SustainabilityRating]) -> Result<(), AppError> {
    if r.len() > 2 * FACTORS {
        return Err(AppError::field(
            "ratings",
            "too_many",
            format!("one rating per factor ({FACTORS})"),
        ));
    }
    let mut errors = vec![];
    for (i, x) in r.iter().enumerate() {
        if model::factor(&x.factor).is_none() {
            errors.push(field_error(
                &format!("ratings[{i}].factor"),
                "unknown",
                "is not a factor of the model",
            ));
        }
        if let Err(e) = domain::in_range(
            &format!("ratings[{i}].score"),
            x.score,
            score::MIN_SCORE..=score::MAX_SCORE,
        ) {
            errors.push(e);
        }
        if r[..i].iter().any(|y| y.factor == x.factor) {
            errors.push(field_error(
                &format!("ratings[{i}].factor"),
                "duplicate",
                "is rated twice",
            ));
        }
    }
    if errors.is_empty() {
        for f in model::model().factors {
            if !r.iter().any(|x| x.factor == f.key) {
                errors.push(field_error(
                    "ratings",
                    "incomplete",
                    format!("must rate every factor; {} is missing", f.key),
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

#[OpenApi(tag = "ApiTags::Indicators")]
impl SustainabilityApi {
    /// Get the sustainability model
    ///
    /// Ten factors in three domains (process, staff, organisation), each with its weight
    /// (the weights add up to 100), and the rating scale 1–4.
    #[oai(
        path = "/v1/sustainability/model",
        method = "get",
        operation_id = "get_sustainability_model"
    )]
    async fn model(&self, auth: BearerAuth) -> ApiResult<ModelResponse> {
        auth.0.require_reader()?;
        Ok(ModelResponse::Ok(Json(model::model())))
    }

    /// List sustainability rounds
    ///
    /// Every round, oldest first, with scores per factor, domain and in total: the score's
    /// history over time.
    #[oai(
        path = "/v1/projects/:id/sustainability-assessments",
        method = "get",
        operation_id = "list_sustainability_assessments"
    )]
    async fn list(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<ListRoundsResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::IndicatorRead).await?;
        let rows = Round::find()
            .filter(C::ProjectId.eq(p.id.clone()))
            .order_by_asc(C::Id)
            .all(&self.state.db)
            .await?;
        let by =
            sstore::ratings(&self.state.db, rows.iter().map(|r| r.id.clone()).collect()).await?;
        Ok(ListRoundsResponse::Ok(Json(SustainabilityAssessmentList {
            items: rows
                .iter()
                .map(|r| view(r, by.get(&r.id).map(Vec::as_slice).unwrap_or(&[]), who))
                .collect(),
        })))
    }

    /// Open a sustainability round
    ///
    /// One open round per project (409 while another is open). Opened before Sustain, it
    /// serves as a baseline.
    #[oai(
        path = "/v1/projects/:id/sustainability-assessments",
        method = "post",
        operation_id = "create_sustainability_assessment"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewSustainabilityAssessment>,
    ) -> ApiResult<CreateRoundResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::ReadinessManage).await?;
        let title =
            domain::name("title", &body.title).map_err(|e| AppError::Validation(vec![e]))?;
        items::writable(&p)?;
        let opener = who.user_id_str().ok_or(AppError::Forbidden)?;
        let model = sa::Model {
            id: new_id(),
            project_id: p.id.clone(),
            phase: p.phase.clone(),
            title,
            status: AssessmentStatus::Open.as_str().into(),
            opened_by: opener,
            created_at: Utc::now(),
            closed_at: None,
        };
        let txn = crate::db::begin_write(&self.state.db).await?;
        let open = Round::find()
            .filter(C::ProjectId.eq(p.id.clone()))
            .filter(C::Status.eq(AssessmentStatus::Open.as_str()))
            .one(&txn)
            .await?;
        if open.is_some() {
            return Err(AppError::Conflict(
                "The project already has an open sustainability round; close it first.".into(),
            )
            .into());
        }
        Round::insert(sa::ActiveModel::from(model.clone()))
            .exec_without_returning(&txn)
            .await?;
        let after = view(&model, &[], who);
        items::record(
            &txn,
            who,
            &p,
            &KIND,
            KIND.created,
            &model.id,
            None,
            Some(&after),
        )
        .await?;
        txn.commit().await?;
        Ok(CreateRoundResponse::Created(Json(after)))
    }

    /// Get a sustainability round
    ///
    /// The round with its scores per factor, domain and in total, the factors pulling the
    /// score down, and the caller's own ratings.
    #[oai(
        path = "/v1/sustainability-assessments/:id",
        method = "get",
        operation_id = "get_sustainability_assessment"
    )]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<RoundResponse> {
        let who = &auth.0;
        let (round, _) =
            items::item_for::<Round>(&self.state, who, id.0, Action::IndicatorRead).await?;
        Ok(RoundResponse::Ok(Json(
            load(&self.state.db, &round, who).await?,
        )))
    }

    /// Rate a sustainability round
    ///
    /// The caller's rating (1–4) of every factor; rating again replaces them while the
    /// round is open.
    #[oai(
        path = "/v1/sustainability-assessments/:id/response",
        method = "put",
        operation_id = "rate_sustainability_assessment"
    )]
    async fn rate(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<SustainabilityResponseInput>,
    ) -> ApiResult<RoundResponse> {
        let who = &auth.0;
        let (round, p) =
            items::item_for::<Round>(&self.state, who, id.0, Action::ReadinessRespond).await?;
        check(&body.ratings)?;
        items::writable(&p)?;
        let user = who.user_id_str().ok_or(AppError::Forbidden)?;
        let now = Utc::now();
        let txn = crate::db::begin_write(&self.state.db).await?;
        let current = store::reload::<Round, _>(&txn, &round.id).await?;
        if current.status != AssessmentStatus::Open.as_str() {
            return Err(closed().into());
        }
        sr::Entity::delete_many()
            .filter(sr::Column::AssessmentId.eq(round.id.clone()))
            .filter(sr::Column::UserId.eq(user.clone()))
            .exec(&txn)
            .await?;
        sr::Entity::insert_many(body.ratings.iter().map(|r| sr::ActiveModel {
            assessment_id: Set(round.id.clone()),
            user_id: Set(user.clone()),
            factor: Set(r.factor.clone()),
            score: Set(r.score),
            updated_at: Set(now),
        }))
        .exec_without_returning(&txn)
        .await?;
        let after = load(&txn, &current, who).await?;
        items::record(
            &txn,
            who,
            &p,
            &KIND,
            "sustainability_assessment.rate",
            &round.id,
            None,
            Some(&after.my_ratings),
        )
        .await?;
        txn.commit().await?;
        Ok(RoundResponse::Ok(Json(after)))
    }

    /// Close a sustainability round
    ///
    /// The scores become final and count in the fade risk; closing a closed round changes
    /// nothing.
    #[oai(
        path = "/v1/sustainability-assessments/:id/close",
        method = "post",
        operation_id = "close_sustainability_assessment"
    )]
    async fn close(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<RoundResponse> {
        let who = &auth.0;
        let (round, p) =
            items::item_for::<Round>(&self.state, who, id.0, Action::ReadinessManage).await?;
        items::writable(&p)?;
        let txn = crate::db::begin_write(&self.state.db).await?;
        let res = Round::update_many()
            .col_expr(C::Status, Expr::value(AssessmentStatus::Closed.as_str()))
            .col_expr(C::ClosedAt, Expr::value(Utc::now()))
            .filter(C::Id.eq(round.id.clone()))
            .filter(C::Status.eq(AssessmentStatus::Open.as_str()))
            .exec(&txn)
            .await?;
        let after_model = store::reload::<Round, _>(&txn, &round.id).await?;
        let after = load(&txn, &after_model, who).await?;
        if res.rows_affected > 0 {
            items::record(
                &txn,
                who,
                &p,
                &KIND,
                "sustainability_assessment.close",
                &round.id,
                None,
                Some(&after),
            )
            .await?;
        }
        txn.commit().await?;
        Ok(RoundResponse::Ok(Json(after)))
    }
}
