//! The phase checklist: goal, core elements and success factors of each phase, seeded for
//! every project, plus the project's own items.

use chrono::Utc;
use poem_openapi::param::{Header, Path};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;
use varig_types::{
    Checklist, ChecklistItem, ChecklistItemUpdate, ChecklistKind, ItemStatus, NewChecklistItem,
};

use super::plan_items::{self as items, CHECKLIST_ITEM as KIND};
use super::ApiTags;
use crate::access::Action;
use crate::auth::BearerAuth;
use crate::domain::{self, field_error, Check};
use crate::entities::checklist_item::{self as ci, Entity as Item};
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, etag, new_id};
use crate::plan::{store as plan, views};
use crate::state::AppState;
use crate::store;

pub struct ChecklistApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ChecklistResponse {
    /// Every item of every phase, in phase order, with completion per phase.
    #[oai(status = 200)]
    Ok(Json<Checklist>),
}

#[derive(ApiResponse)]
pub enum CreateChecklistItemResponse {
    /// The local item was added to the phase.
    #[oai(status = 201)]
    Created(Json<ChecklistItem>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum ChecklistItemResponse {
    /// The item as it is now.
    #[oai(status = 200)]
    Ok(Json<ChecklistItem>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum DeleteChecklistItemResponse {
    /// The local item is gone.
    #[oai(status = 204)]
    Deleted,
}

async fn one<Db: ConnectionTrait>(db: &Db, m: &ci::Model) -> Result<ChecklistItem, AppError> {
    let names = plan::names(
        db,
        [m.responsible_id.clone(), m.updated_by.clone()]
            .into_iter()
            .flatten()
            .collect(),
    )
    .await?;
    Ok(views::checklist_item(m, &names))
}

#[OpenApi(tag = "ApiTags::Plan")]
impl ChecklistApi {
    /// Get the phase checklist
    ///
    /// The goal, core elements and success factors of every phase (in bokmål, nynorsk and
    /// English) and the project's own items, with each phase's completion.
    #[oai(
        path = "/v1/projects/:id/checklist",
        method = "get",
        operation_id = "get_checklist"
    )]
    async fn list(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<ChecklistResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::PlanRead).await?;
        Ok(ChecklistResponse::Ok(Json(
            plan::checklist(&self.state.db, &p.id).await?,
        )))
    }

    /// Add a local checklist item
    ///
    /// An item of the project's own, placed after the phase's other items.
    #[oai(
        path = "/v1/projects/:id/checklist",
        method = "post",
        operation_id = "create_checklist_item"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewChecklistItem>,
    ) -> ApiResult<CreateChecklistItemResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::PlanWrite).await?;
        let title =
            domain::name("title", &body.title).map_err(|e| AppError::Validation(vec![e]))?;
        items::writable(&p)?;
        let now = Utc::now();
        let txn = crate::db::begin_write(&self.state.db).await?;
        let rows = plan::checklist_rows(&txn, &p.id).await?;
        let model = ci::Model {
            id: new_id(),
            project_id: p.id.clone(),
            phase: body.phase.as_str().into(),
            kind: ChecklistKind::Local.as_str().into(),
            key: None,
            title_nb: title.clone(),
            title_nn: title.clone(),
            title_en: title,
            position: plan::next_position(&rows),
            status: ItemStatus::NotStarted.as_str().into(),
            not_relevant_reason: None,
            responsible_id: None,
            evidence: String::new(),
            evidence_links: "[]".into(),
            updated_by: who.user_id_str(),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        Item::insert(ci::ActiveModel::from(model.clone()))
            .exec_without_returning(&txn)
            .await?;
        let view = one(&txn, &model).await?;
        items::record(
            &txn,
            who,
            &p,
            &KIND,
            KIND.created,
            &model.id,
            None,
            Some(&view),
        )
        .await?;
        txn.commit().await?;
        Ok(CreateChecklistItemResponse::Created(
            Json(view),
            etag(model.version),
        ))
    }

    /// Update a checklist item
    ///
    /// Sets status, responsible member and evidence (and the title of a local item).
    /// `not_relevant` needs a reason. Needs `If-Match` with the item's version.
    #[oai(
        path = "/v1/checklist-items/:id",
        method = "put",
        operation_id = "update_checklist_item"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<ChecklistItemUpdate>,
    ) -> ApiResult<ChecklistItemResponse> {
        let who = &auth.0;
        let (before, p) =
            items::item_for::<Item>(&self.state, who, id.0, Action::PlanWrite).await?;
        let mut check = Check::new();
        let reason = match body.status {
            ItemStatus::NotRelevant => {
                let r = body.not_relevant_reason.as_deref().unwrap_or_default();
                check.take(domain::required_text("not_relevant_reason", r))
            }
            _ => None,
        };
        let evidence = check.take(domain::description("evidence", &body.evidence));
        let links = check.take(domain::links("evidence_links", &body.evidence_links));
        let local = before.kind == ChecklistKind::Local.as_str();
        let title = match (&body.title, local) {
            (None, _) => None,
            (Some(t), true) => check.take(domain::name("title", t)),
            (Some(_), false) => {
                check.push(field_error(
                    "title",
                    "not_editable",
                    "only the project's own items can be renamed",
                ));
                None
            }
        };
        check.finish()?;
        let responsible =
            items::member(&self.state.db, &p.id, "responsible_id", body.responsible_id).await?;
        let version = check_if_match(if_match.0.as_deref(), before.version)?;
        items::writable(&p)?;
        let mut values: store::Values = vec![
            ("status", Expr::value(body.status.as_str())),
            ("not_relevant_reason", Expr::value(reason)),
            ("responsible_id", Expr::value(responsible)),
            ("evidence", Expr::value(evidence.unwrap_or_default())),
            (
                "evidence_links",
                Expr::value(serde_json::json!(links.unwrap_or_default()).to_string()),
            ),
            ("updated_by", Expr::value(who.user_id_str())),
        ];
        if let Some(t) = title {
            values.push(("title_nb", Expr::value(t.clone())));
            values.push(("title_nn", Expr::value(t.clone())));
            values.push(("title_en", Expr::value(t)));
        }
        let (a, after) = items::replace::<Item, _>(
            &self.state,
            who,
            &p,
            &KIND,
            &before,
            version,
            values,
            |m| {
                [m.responsible_id.clone(), m.updated_by.clone()]
                    .into_iter()
                    .flatten()
                    .collect()
            },
            views::checklist_item,
        )
        .await?;
        Ok(ChecklistItemResponse::Ok(Json(a), etag(after.version)))
    }

    /// Delete a local checklist item
    ///
    /// Only the project's own items can be deleted (409 for the phase model's: mark them
    /// not relevant instead). `If-Match`, when sent, must name the current version.
    #[oai(
        path = "/v1/checklist-items/:id",
        method = "delete",
        operation_id = "delete_checklist_item"
    )]
    async fn delete(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
    ) -> ApiResult<DeleteChecklistItemResponse> {
        items::delete::<Item, _>(
            &self.state,
            &auth.0,
            id.0,
            if_match.0.as_deref(),
            &KIND,
            |m| m.version,
            |m| views::checklist_item(m, &Default::default()),
            |m| {
                if m.kind == ChecklistKind::Local.as_str() {
                    Ok(())
                } else {
                    Err(AppError::Conflict(
                        "Items of the phase model cannot be deleted; mark them not relevant with a reason.".into(),
                    ))
                }
            },
        )
        .await?;
        Ok(DeleteChecklistItemResponse::Deleted)
    }
}
