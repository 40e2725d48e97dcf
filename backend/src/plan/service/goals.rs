//! Goals on four levels in a tree: effect, result, process and sub-goals.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::ConnectionTrait;
use uuid::Uuid;
use varig_types::{Goal, GoalInput, GoalPage, ProblemCode};

use super::items::{self, GOAL as KIND};
use crate::access::Action;
use crate::auth::Principal;
use crate::domain::{self, field_error, Check};
use crate::entities::goal::{self as g, Entity as Goals};
use crate::error::AppError;
use crate::ids::{check_if_match, new_id, PageRequest};
use crate::plan::{repo, rules, views};
use crate::state::AppState;
use crate::store;

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
        if !repo::indicator_in_project(db, project_id, &i.to_string()).await? {
            check.push(field_error(
                "indicator_id",
                "not_found",
                "must be an indicator of the project",
            ));
        }
    }
    check.finish()?;
    let all = repo::goals_of(db, project_id).await?;
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
        parent.map(|p| (p.id.as_str(), p.level)),
        &ancestors,
    )
    .map_err(tree_error)?;
    // The goal's own sub-goals must still fit under its (new) level.
    if let Some(id) = id {
        for child in all.iter().filter(|c| c.parent_id.as_deref() == Some(id)) {
            rules::check_goal_parent(Some(&child.id), child.level, Some((id, body.level)), &[])
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

/// A page of project `id`'s goals.
pub async fn list(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    page: &PageRequest,
) -> Result<GoalPage, AppError> {
    let p = items::project_checked(state, who, id, Action::PlanRead).await?;
    let (rows, next_cursor) = repo::goals_page(&state.db, &p.id, page).await?;
    Ok(GoalPage {
        items: rows.iter().map(views::goal).collect(),
        next_cursor,
    })
}

/// Adds a goal to project `id`; answers with it and its version.
pub async fn create(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    body: &GoalInput,
) -> Result<(Goal, i64), AppError> {
    let p = items::project_checked(state, who, id, Action::PlanWrite).await?;
    let (title, description) = valid(&state.db, &p.id, None, body).await?;
    items::writable(&p)?;
    let now = Utc::now();
    let model = g::Model {
        id: new_id(),
        project_id: p.id.clone(),
        level: body.level,
        parent_id: body.parent_id.map(|x| x.to_string()),
        title,
        description,
        indicator_id: body.indicator_id.map(|x| x.to_string()),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let view = items::create::<Goals, _>(
        state,
        who,
        &p,
        &KIND,
        model.clone(),
        |_| vec![],
        |m, _| views::goal(m),
    )
    .await?;
    Ok((view, model.version))
}

/// Replaces goal `id` at the version `If-Match` names.
pub async fn update(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
    body: &GoalInput,
) -> Result<(Goal, i64), AppError> {
    let (before, p) = items::item_for::<Goals>(state, who, id, Action::PlanWrite).await?;
    let (title, description) = valid(&state.db, &p.id, Some(&before.id), body).await?;
    let version = check_if_match(if_match, before.version)?;
    items::writable(&p)?;
    let values: store::Values = vec![
        ("level", Expr::value(body.level)),
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
        state,
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
    Ok((a, after.version))
}

/// Deletes goal `id` unless it has sub-goals (409).
pub async fn delete(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
) -> Result<(), AppError> {
    let has_children = repo::has_sub_goals(&state.db, &id.to_string()).await?;
    items::delete::<Goals, _>(
        state,
        who,
        id,
        if_match,
        &KIND,
        |m| m.version,
        views::goal,
        |_| {
            if has_children {
                Err(AppError::conflict(
                    ProblemCode::InUse,
                    "The goal has sub-goals; delete or move them first.",
                ))
            } else {
                Ok(())
            }
        },
    )
    .await
}
