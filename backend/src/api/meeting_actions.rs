//! Actions from meetings: made at a meeting, carried to later ones until done, and each
//! person's own list.

use chrono::{NaiveDate, SubsecRound, Utc};
use poem_openapi::param::{Header, Path};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;
use varig_types::{ActionStatus, MeetingAction, MeetingActionInput, MeetingActionList};

use super::plan_items as items;
use super::projects::project_for;
use super::ApiTags;
use crate::access::{self, Action, Subject};
use crate::audit::{self, snapshot, Change};
use crate::auth::BearerAuth;
use crate::domain::{self};
use crate::entities::meeting_action::{self as ma, Entity as Actions};
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, etag, new_id};
use crate::state::AppState;
use crate::store;

use super::minutes::{action_views, meeting_at, series_for};

pub struct ActionsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum CreateActionResponse {
    /// The action was recorded.
    #[oai(status = 201)]
    Created(Json<MeetingAction>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum ActionResponse {
    /// The action as it is now.
    #[oai(status = 200)]
    Ok(Json<MeetingAction>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum ActionListResponse {
    /// The caller's open actions across projects, by due date.
    #[oai(status = 200)]
    Ok(Json<MeetingActionList>),
}

#[OpenApi(tag = "ApiTags::Meetings")]
impl ActionsApi {
    /// Add an action to a meeting
    ///
    /// Title, responsible member and due date; it shows at every later meeting of the
    /// series until done.
    #[oai(
        path = "/v1/meeting-series/:id/meetings/:date/actions",
        method = "post",
        operation_id = "create_meeting_action"
    )]
    async fn add_action(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        date: Path<NaiveDate>,
        body: Json<MeetingActionInput>,
    ) -> ApiResult<CreateActionResponse> {
        let who = &auth.0;
        let (s, p) = series_for(&self.state, who, id.0, Action::MeetingWrite).await?;
        meeting_at(&self.state.db, &s, date.0, false).await?;
        let title =
            domain::name("title", &body.title).map_err(|e| AppError::Validation(vec![e]))?;
        let responsible =
            items::member(&self.state.db, &p.id, "responsible_id", body.responsible_id).await?;
        items::writable(&p)?;
        let now = Utc::now().trunc_subsecs(6);
        let status = body.status.unwrap_or(ActionStatus::Open);
        let model = ma::Model {
            id: new_id(),
            project_id: p.id.clone(),
            series_id: s.id.to_string(),
            meeting_date: date.0,
            title,
            responsible_id: responsible,
            due_date: body.due_date,
            status: status.as_str().into(),
            done_at: (status == ActionStatus::Done).then_some(now),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let txn = crate::db::begin_write(&self.state.db).await?;
        Actions::insert(ma::ActiveModel::from(model.clone()))
            .exec_without_returning(&txn)
            .await?;
        let view = action_views(&txn, std::slice::from_ref(&model))
            .await?
            .pop()
            .ok_or(AppError::NotFound)?;
        audit::record(
            &txn,
            Some(who),
            Change {
                organisation_id: Some(p.organisation_id.clone()),
                action: "meeting_action.create",
                entity_type: "meeting_action",
                entity_id: Some(model.id.clone()),
                before: None,
                after: snapshot(&view),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(CreateActionResponse::Created(Json(view), etag(1)))
    }

    /// Update an action
    ///
    /// The project's owner or leader, or the person responsible (to mark it done). Needs
    /// `If-Match` with its version.
    #[oai(
        path = "/v1/meeting-actions/:id",
        method = "put",
        operation_id = "update_meeting_action"
    )]
    async fn update_action(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<MeetingActionInput>,
    ) -> ApiResult<ActionResponse> {
        let who = &auth.0;
        let before = store::reload::<Actions, _>(&self.state.db, &id.0.to_string()).await?;
        let (p, role) =
            project_for(&self.state, who, &before.project_id, Action::MeetingRead).await?;
        let mut subjects = who.subjects();
        subjects.extend(role.map(Subject::Project));
        let responsible_self =
            before.responsible_id.is_some() && before.responsible_id == who.user_id_str();
        let writer = access::allowed(&subjects, Action::MeetingWrite);
        if !writer && !responsible_self {
            return Err(AppError::Forbidden.into());
        }
        // The person responsible may mark the action done or open, nothing else.
        let unchanged = body.title.trim() == before.title
            && body.responsible_id.map(|u| u.to_string()) == before.responsible_id
            && body.due_date == before.due_date;
        if !writer && !unchanged {
            return Err(AppError::Forbidden.into());
        }
        let title =
            domain::name("title", &body.title).map_err(|e| AppError::Validation(vec![e]))?;
        let responsible =
            items::member(&self.state.db, &p.id, "responsible_id", body.responsible_id).await?;
        let version = check_if_match(if_match.0.as_deref(), before.version)?;
        items::writable(&p)?;
        let status = body.status.unwrap_or(ActionStatus::Open);
        let done_at = match (status, before.done_at) {
            (ActionStatus::Done, Some(t)) => Some(t),
            (ActionStatus::Done, None) => Some(Utc::now().trunc_subsecs(6)),
            _ => None,
        };
        let values: store::Values = vec![
            ("title", Expr::value(title)),
            ("responsible_id", Expr::value(responsible)),
            ("due_date", Expr::value(body.due_date)),
            ("status", Expr::value(status.as_str())),
            ("done_at", Expr::value(done_at)),
        ];
        let txn = crate::db::begin_write(&self.state.db).await?;
        let after = store::update_versioned(&txn, Actions, &before.id, version, values).await?;
        let mut views = action_views(&txn, &[before.clone(), after.clone()]).await?;
        let a = views.pop().ok_or(AppError::NotFound)?;
        let b = views.pop().ok_or(AppError::NotFound)?;
        audit::record(
            &txn,
            Some(who),
            Change {
                organisation_id: Some(p.organisation_id.clone()),
                action: "meeting_action.update",
                entity_type: "meeting_action",
                entity_id: Some(after.id.clone()),
                before: snapshot(&b),
                after: snapshot(&a),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(ActionResponse::Ok(Json(a), etag(after.version)))
    }

    /// List my actions
    ///
    /// The caller's open actions in every project, by due date (undated last).
    #[oai(
        path = "/v1/me/actions",
        method = "get",
        operation_id = "list_my_actions"
    )]
    async fn mine(&self, auth: BearerAuth) -> ApiResult<ActionListResponse> {
        let me = auth.0.user_id_str().ok_or(AppError::Forbidden)?;
        let rows = Actions::find()
            .filter(ma::Column::ResponsibleId.eq(me))
            .filter(ma::Column::Status.eq(ActionStatus::Open.as_str()))
            .order_by_asc(ma::Column::Id)
            .all(&self.state.db)
            .await?;
        let mut items = action_views(&self.state.db, &rows).await?;
        items.sort_by_key(|a| (a.due_date.is_none(), a.due_date));
        Ok(ActionListResponse::Ok(Json(MeetingActionList { items })))
    }
}
