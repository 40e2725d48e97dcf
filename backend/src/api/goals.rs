//! Goals on four levels in a tree: effect, result, process and sub-goals.

use chrono::Utc;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{Goal, GoalInput, GoalLevel, GoalPage};

use super::plan_items::{self as items, GOAL as KIND};
use super::ApiTags;
use crate::access::Action;
use crate::auth::BearerAuth;
use crate::domain::{self, field_error, Check};
use crate::entities::goal::{self as g, Column as C, Entity as Goals};
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, etag, new_id, page_request};
use crate::plan::{rules, views};
use crate::state::AppState;
use crate::store;

pub struct GoalsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListGoalsResponse {
    /// A page of the project's goals in creation order; `parent_id` makes the tree.
    #[oai(status = 200)]
    Ok(Json<GoalPage>),
}

#[derive(ApiResponse)]
pub enum CreateGoalResponse {
    /// The goal was added.
    #[oai(status = 201)]
    Created(Json<Goal>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum GoalResponse {
    /// The goal as it is now.
    #[oai(status = 200)]
    Ok(Json<Goal>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum DeleteGoalResponse {
    /// The goal is gone.
    #[oai(status = 204)]
    Deleted,
}

fn level(m: &g::Model) -> GoalLevel {
    GoalLevel::parse(&m.level).unwrap_or(GoalLevel::Sub)
}

/// Checks the input against the project's goal tree; `id` is the goal being replaced.
async fn valid<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    id: Option<&str>,
    body: &GoalInput,
) -> Result<(String, String), AppError> {
    let mut check = Check::new();
    let title = check.take(domain::name("title", &body.title));
    let description = check.take(domain::description("description", &body.description));
    if let Some(i) = body.indicator_id {
        let found = crate::entities::indicator::Entity::find_by_id(i.to_string())
            .filter(crate::entities::indicator::Column::ProjectId.eq(project_id))
            .one(db)
            .await?;
        if found.is_none() {
            check.push(field_error(
                "indicator_id",
                "not_found",
                "must be an indicator of the project",
            ));
        }
    }
    check.finish()?;
    let all = Goals::find()
        .filter(C::ProjectId.eq(project_id))
        .all(db)
        .await?;
    let find = |gid: &str| all.iter().find(|x| x.id == gid);
    let tree_error = |e: rules::GoalTreeError| {
        AppError::Validation(vec![field_error(
            "parent_id",
            "invalid_parent",
            e.to_string(),
        )])
    };
    let parent = match body.parent_id {
        None => None,
        Some(pid) => match find(&pid.to_string()) {
            Some(p) => Some(p),
            None => {
                return Err(AppError::Validation(vec![field_error(
                    "parent_id",
                    "not_found",
                    "no goal of this project has this id",
                )]))
            }
        },
    };
    let mut ancestors = vec![];
    let mut cursor = parent.and_then(|p| p.parent_id.clone());
    while let Some(a) = cursor {
        if ancestors.contains(&a) {
            break;
        }
        cursor = find(&a).and_then(|x| x.parent_id.clone());
        ancestors.push(a);
    }
    rules::check_goal_parent(
        id,
        body.level,
        parent.map(|p| (p.id.as_str(), level(p))),
        &ancestors,
    )
    .map_err(tree_error)?;
    // The goal's own sub-goals must still fit under its (new) level.
    if let Some(id) = id {
        for child in all.iter().filter(|c| c.parent_id.as_deref() == Some(id)) {
            rules::check_goal_parent(Some(&child.id), level(child), Some((id, body.level)), &[])
                .map_err(|_| {
                    AppError::Validation(vec![field_error(
                        "level",
                        "invalid_level",
                        "the goal's sub-goals would no longer be below it; move them first",
                    )])
                })?;
        }
    }
    Ok((title.unwrap_or_default(), description.unwrap_or_default()))
}

#[OpenApi(tag = "ApiTags::Plan")]
impl GoalsApi {
    /// List goals
    ///
    /// The project's goal tree as a flat list: build it with `parent_id`.
    #[oai(
        path = "/v1/projects/:id/goals",
        method = "get",
        operation_id = "list_goals"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListGoalsResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::PlanRead).await?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let q = Goals::find().filter(C::ProjectId.eq(p.id.clone()));
        let (rows, next_cursor) = store::fetch_page(&self.state.db, q, &page, None).await?;
        Ok(ListGoalsResponse::Ok(Json(GoalPage {
            items: rows.iter().map(views::goal).collect(),
            next_cursor,
        })))
    }

    /// Add a goal
    ///
    /// An effect goal stands at the top; a result, process or sub-goal may serve a goal of
    /// a higher level (a sub-goal may also serve a sub-goal).
    #[oai(
        path = "/v1/projects/:id/goals",
        method = "post",
        operation_id = "create_goal"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<GoalInput>,
    ) -> ApiResult<CreateGoalResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::PlanWrite).await?;
        let (title, description) = valid(&self.state.db, &p.id, None, &body).await?;
        items::writable(&p)?;
        let now = Utc::now();
        let model = g::Model {
            id: new_id(),
            project_id: p.id.clone(),
            level: body.level.as_str().into(),
            parent_id: body.parent_id.map(|x| x.to_string()),
            title,
            description,
            indicator_id: body.indicator_id.map(|x| x.to_string()),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let view = items::create::<Goals, _>(
            &self.state,
            who,
            &p,
            &KIND,
            model.clone(),
            |_| vec![],
            |m, _| views::goal(m),
        )
        .await?;
        Ok(CreateGoalResponse::Created(Json(view), etag(model.version)))
    }

    /// Replace a goal
    ///
    /// Sends the whole goal; needs `If-Match` with its version. A goal cannot move below
    /// itself or its own sub-goals.
    #[oai(path = "/v1/goals/:id", method = "put", operation_id = "update_goal")]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<GoalInput>,
    ) -> ApiResult<GoalResponse> {
        let who = &auth.0;
        let (before, p) =
            items::item_for::<Goals>(&self.state, who, id.0, Action::PlanWrite).await?;
        let (title, description) = valid(&self.state.db, &p.id, Some(&before.id), &body).await?;
        let version = check_if_match(if_match.0.as_deref(), before.version)?;
        items::writable(&p)?;
        let values: store::Values = vec![
            ("level", Expr::value(body.level.as_str())),
            (
                "parent_id",
                Expr::value(body.parent_id.map(|x| x.to_string())),
            ),
            ("title", Expr::value(title)),
            ("description", Expr::value(description)),
            (
                "indicator_id",
                Expr::value(body.indicator_id.map(|x| x.to_string())),
            ),
        ];
        let (a, after) = items::replace::<Goals, _>(
            &self.state,
            who,
            &p,
            &KIND,
            &before,
            version,
            values,
            |_| vec![],
            |m, _| views::goal(m),
        )
        .await?;
        Ok(GoalResponse::Ok(Json(a), etag(after.version)))
    }

    /// Delete a goal
    ///
    /// Only a goal without sub-goals (409 otherwise). `If-Match`, when sent, must name the
    /// current version.
    #[oai(
        path = "/v1/goals/:id",
        method = "delete",
        operation_id = "delete_goal"
    )]
    async fn delete(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
    ) -> ApiResult<DeleteGoalResponse> {
        let children = Goals::find()
            .filter(C::ParentId.eq(id.0.to_string()))
            .one(&self.state.db)
            .await?;
        let has_children = children.is_some();
        items::delete::<Goals, _>(
            &self.state,
            &auth.0,
            id.0,
            if_match.0.as_deref(),
            &KIND,
            |m| m.version,
            views::goal,
            |_| {
                if has_children {
                    Err(AppError::Conflict(
                        "The goal has sub-goals; delete or move them first.".into(),
                    ))
                } else {
                    Ok(())
                }
            },
        )
        .await?;
        Ok(DeleteGoalResponse::Deleted)
    }
}
