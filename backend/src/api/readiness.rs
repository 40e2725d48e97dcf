//! Readiness rounds: the leader opens a round, members answer the questionnaire, the
//! result per domain shows on the project and in the evidence of a gate request.

use chrono::Utc;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{
    AssessmentStatus, NewReadinessAssessment, ReadinessAnswer, ReadinessAssessment,
    ReadinessAssessmentPage, ReadinessQuestionnaire, ReadinessResponseInput,
};

use super::plan_items::{self as items, READINESS as KIND};
use super::ApiTags;
use crate::access::Action;
use crate::auth::{BearerAuth, Principal};
use crate::domain;
use crate::entities::readiness_assessment::{self as ra, Column as C, Entity as Round};
use crate::entities::readiness_response as rr;
use crate::error::{ApiResult, AppError};
use crate::ids::{new_id, page_request, parse_id};
use crate::readiness;
use crate::state::AppState;
use crate::store;
use crate::views::phase;

pub struct ReadinessApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum QuestionnaireResponse {
    /// The statements and the scale, in bokmål, nynorsk and English.
    #[oai(status = 200)]
    Ok(Json<ReadinessQuestionnaire>),
}

#[derive(ApiResponse)]
pub enum ListAssessmentsResponse {
    /// A page of the project's rounds, oldest first, each with its result.
    #[oai(status = 200)]
    Ok(Json<ReadinessAssessmentPage>),
}

#[derive(ApiResponse)]
pub enum CreateAssessmentResponse {
    /// The round is open for answers.
    #[oai(status = 201)]
    Created(Json<ReadinessAssessment>),
}

#[derive(ApiResponse)]
pub enum AssessmentResponse {
    /// The round with its result and the caller's answers.
    #[oai(status = 200)]
    Ok(Json<ReadinessAssessment>),
}

async fn view<Db: ConnectionTrait>(
    db: &Db,
    m: &ra::Model,
    who: &Principal,
) -> Result<ReadinessAssessment, AppError> {
    let rows = rr::Entity::find()
        .filter(rr::Column::AssessmentId.eq(m.id.clone()))
        .all(db)
        .await?;
    let parse = |r: &rr::Model| -> Vec<ReadinessAnswer> {
        serde_json::from_str(&r.answers).unwrap_or_default()
    };
    let me = who.user_id_str();
    let responses: Vec<_> = rows.iter().map(parse).collect();
    Ok(ReadinessAssessment {
        id: parse_id(&m.id),
        project_id: parse_id(&m.project_id),
        phase: phase(&m.phase),
        title: m.title.clone(),
        status: AssessmentStatus::parse(&m.status).unwrap_or(AssessmentStatus::Closed),
        opened_by: parse_id(&m.opened_by),
        created_at: m.created_at,
        closed_at: m.closed_at,
        result: readiness::result(&responses),
        my_answers: rows
            .iter()
            .find(|r| Some(&r.user_id) == me.as_ref())
            .map(parse)
            .unwrap_or_default(),
    })
}

fn closed() -> AppError {
    AppError::Conflict("The round is closed; open a new one.".into())
}

#[OpenApi(tag = "ApiTags::Plan")]
impl ReadinessApi {
    /// Get the readiness questionnaire
    ///
    /// Five statements on change commitment and five on change efficacy, answered on a
    /// five-point agreement scale.
    #[oai(
        path = "/v1/readiness/questionnaire",
        method = "get",
        operation_id = "get_readiness_questionnaire"
    )]
    async fn questionnaire(&self, auth: BearerAuth) -> ApiResult<QuestionnaireResponse> {
        auth.0.require_reader()?;
        Ok(QuestionnaireResponse::Ok(Json(readiness::questionnaire())))
    }

    /// List readiness rounds
    ///
    /// Every round of the project with respondents and per-domain mean, spread, min, max
    /// and number of answers.
    #[oai(
        path = "/v1/projects/:id/readiness-assessments",
        method = "get",
        operation_id = "list_readiness_assessments"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListAssessmentsResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::PlanRead).await?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let q = Round::find().filter(C::ProjectId.eq(p.id.clone()));
        let (rows, next_cursor) = store::fetch_page(&self.state.db, q, &page, None).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(view(&self.state.db, r, who).await?);
        }
        Ok(ListAssessmentsResponse::Ok(Json(ReadinessAssessmentPage {
            items: out,
            next_cursor,
        })))
    }

    /// Open a readiness round
    ///
    /// One open round per project (409 while another is open).
    #[oai(
        path = "/v1/projects/:id/readiness-assessments",
        method = "post",
        operation_id = "create_readiness_assessment"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewReadinessAssessment>,
    ) -> ApiResult<CreateAssessmentResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::ReadinessManage).await?;
        let title =
            domain::name("title", &body.title).map_err(|e| AppError::Validation(vec![e]))?;
        items::writable(&p)?;
        let opener = who.user_id_str().ok_or(AppError::Forbidden)?;
        let model = ra::Model {
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
        Round::insert(ra::ActiveModel::from(model.clone()))
            .exec_without_returning(&txn)
            .await
            .map_err(|e| match e.sql_err() {
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict(
                    "The project already has an open readiness round; close it first.".into(),
                ),
                _ => AppError::Db(e),
            })?;
        let after = view(&txn, &model, who).await?;
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
        Ok(CreateAssessmentResponse::Created(Json(after)))
    }

    /// Answer a readiness round
    ///
    /// The caller's answers to every statement (1–5); answering again replaces them while
    /// the round is open.
    #[oai(
        path = "/v1/readiness-assessments/:id/response",
        method = "put",
        operation_id = "answer_readiness_assessment"
    )]
    async fn answer(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<ReadinessResponseInput>,
    ) -> ApiResult<AssessmentResponse> {
        let who = &auth.0;
        let (round, p) =
            items::item_for::<Round>(&self.state, who, id.0, Action::ReadinessRespond).await?;
        readiness::check_answers(&body.answers).map_err(AppError::Validation)?;
        items::writable(&p)?;
        if round.status != AssessmentStatus::Open.as_str() {
            return Err(closed().into());
        }
        let user = who.user_id_str().ok_or(AppError::Forbidden)?;
        let answers = serde_json::json!(body.answers).to_string();
        let now = Utc::now();
        let txn = crate::db::begin_write(&self.state.db).await?;
        // Re-read under the write lock: a round closed meanwhile takes no more answers.
        let current = store::reload::<Round, _>(&txn, &round.id).await?;
        if current.status != AssessmentStatus::Open.as_str() {
            return Err(closed().into());
        }
        let existing = rr::Entity::find()
            .filter(rr::Column::AssessmentId.eq(round.id.clone()))
            .filter(rr::Column::UserId.eq(user.clone()))
            .one(&txn)
            .await?;
        match existing {
            Some(r) => {
                rr::Entity::update_many()
                    .col_expr(rr::Column::Answers, Expr::value(answers))
                    .col_expr(rr::Column::UpdatedAt, Expr::value(now))
                    .filter(rr::Column::Id.eq(r.id))
                    .exec(&txn)
                    .await?;
            }
            None => {
                rr::Entity::insert(rr::ActiveModel {
                    id: Set(new_id()),
                    assessment_id: Set(round.id.clone()),
                    user_id: Set(user),
                    answers: Set(answers),
                    created_at: Set(now),
                    updated_at: Set(now),
                })
                .exec_without_returning(&txn)
                .await?;
            }
        }
        let after = view(&txn, &current, who).await?;
        items::record(
            &txn,
            who,
            &p,
            &KIND,
            "readiness_assessment.answer",
            &round.id,
            None,
            Some(&after.my_answers),
        )
        .await?;
        txn.commit().await?;
        Ok(AssessmentResponse::Ok(Json(after)))
    }

    /// Close a readiness round
    ///
    /// The result becomes final; closing a closed round changes nothing.
    #[oai(
        path = "/v1/readiness-assessments/:id/close",
        method = "post",
        operation_id = "close_readiness_assessment"
    )]
    async fn close(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<AssessmentResponse> {
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
        let after = view(&txn, &after_model, who).await?;
        if res.rows_affected > 0 {
            let before = view(&txn, &round, who).await?;
            items::record(
                &txn,
                who,
                &p,
                &KIND,
                "readiness_assessment.close",
                &round.id,
                Some(&before),
                Some(&after),
            )
            .await?;
        }
        txn.commit().await?;
        Ok(AssessmentResponse::Ok(Json(after)))
    }
}
