use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{User, UserPage, UserPatch};

use super::ApiTags;
use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::{sessions, BearerAuth, Principal};
use crate::domain::{self, Check};
use crate::entities::user::{self, Column as C, Entity as Users};
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, etag, page_request};
use crate::state::AppState;
use crate::{store, views};

pub struct UsersApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListUsersResponse {
    /// A page of users in creation order.
    #[oai(status = 200)]
    Ok(Json<UserPage>),
}

#[derive(ApiResponse)]
pub enum UserResponse {
    /// The user; send its ETag back in `If-Match` to change it.
    #[oai(status = 200)]
    Ok(Json<User>, #[oai(header = "ETag")] String),
}

fn is_self(who: &Principal, u: &user::Model) -> bool {
    who.user_id_str().as_deref() == Some(u.id.as_str())
}

async fn visible(state: &AppState, who: &Principal, id: Uuid) -> Result<user::Model, AppError> {
    let u = Users::find_by_id(id.to_string())
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if is_self(who, &u) {
        return Ok(u);
    }
    who.require(Action::UserRead)?;
    let same = u
        .organisation_id
        .as_deref()
        .is_some_and(|o| who.same_org(o));
    if who.system_admin || same {
        Ok(u)
    } else {
        Err(AppError::NotFound)
    }
}

fn ok(m: &user::Model) -> UserResponse {
    UserResponse::Ok(Json(views::user(m)), etag(m.version))
}

fn change(action: &'static str, before: &user::Model, after: &user::Model) -> Change<'static> {
    Change {
        organisation_id: after.organisation_id.clone(),
        action,
        entity_type: "user",
        entity_id: Some(after.id.clone()),
        before: snapshot(&views::user(before)),
        after: snapshot(&views::user(after)),
    }
}

#[OpenApi(tag = "ApiTags::Users")]
impl UsersApi {
    /// List users
    ///
    /// The users of the caller's organisation; a system administrator sees every user, or
    /// those of `organisation_id`.
    #[oai(path = "/v1/users", method = "get", operation_id = "list_users")]
    async fn list(
        &self,
        auth: BearerAuth,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
        /// Include archived users.
        include_archived: Query<Option<bool>>,
        /// System administrators only: the organisation whose users to list.
        organisation_id: Query<Option<Uuid>>,
    ) -> ApiResult<ListUsersResponse> {
        let who = &auth.0;
        who.require(Action::UserRead)?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let mut q = Users::find();
        if who.system_admin {
            if let Some(org) = organisation_id.0 {
                q = q.filter(C::OrganisationId.eq(org.to_string()));
            }
        } else {
            q = q.filter(C::OrganisationId.eq(who.org()?));
        }
        let (rows, next_cursor) = store::fetch_page(
            &self.state.db,
            q,
            &page,
            Some(include_archived.0.unwrap_or(false)),
        )
        .await?;
        Ok(ListUsersResponse::Ok(Json(UserPage {
            items: rows.iter().map(views::user).collect(),
            next_cursor,
        })))
    }

    /// Get a user
    ///
    /// Users of the caller's organisation (and oneself); 404 for anyone else's.
    #[oai(path = "/v1/users/:id", method = "get", operation_id = "get_user")]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<UserResponse> {
        Ok(ok(&visible(&self.state, &auth.0, id.0).await?))
    }

    /// Update a user
    ///
    /// Anyone may change their own name; organisation admins also other users and roles.
    /// Needs `If-Match`.
    #[oai(path = "/v1/users/:id", method = "patch", operation_id = "update_user")]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<UserPatch>,
    ) -> ApiResult<UserResponse> {
        let who = &auth.0;
        let before = visible(&self.state, who, id.0).await?;
        if !is_self(who, &before) || body.org_role.is_some() {
            who.require(Action::UserManage)?;
        }
        let mut check = Check::new();
        let name = body
            .name
            .as_deref()
            .and_then(|n| check.take(domain::name("name", n)));
        if body.org_role.is_some() && before.organisation_id.is_none() {
            check.push(domain::field_error(
                "org_role",
                "not_applicable",
                "a system administrator has no organisation role",
            ));
        }
        check.finish()?;
        let version = check_if_match(if_match.0.as_deref(), before.version)?;
        if before.archived_at.is_some() {
            return Err(AppError::conflict(
                varig_types::ProblemCode::Archived,
                "The user is archived.",
            )
            .into());
        }
        let mut values = vec![];
        if let Some(n) = name {
            values.push(("name", Expr::value(n)));
        }
        if let Some(r) = body.org_role {
            values.push(("org_role", Expr::value(r.as_str())));
        }
        let txn = crate::db::begin_write(&self.state.db).await?;
        let after = store::update_versioned(&txn, Users, &before.id, version, values).await?;
        audit::record(&txn, Some(who), change("user.update", &before, &after)).await?;
        txn.commit().await?;
        Ok(ok(&after))
    }

    /// Archive a user
    ///
    /// The user can no longer log in and every session ends. One cannot archive oneself.
    #[oai(
        path = "/v1/users/:id/archive",
        method = "post",
        operation_id = "archive_user"
    )]
    async fn archive(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<UserResponse> {
        let who = &auth.0;
        let before = visible(&self.state, who, id.0).await?;
        who.require(Action::UserManage)?;
        if is_self(who, &before) {
            return Err(AppError::conflict(
                varig_types::ProblemCode::OwnAccount,
                "You cannot archive your own account.",
            )
            .into());
        }
        let txn = crate::db::begin_write(&self.state.db).await?;
        store::archive(&txn, Users, &before.id).await?;
        sessions::revoke_all_for_user(&txn, &before.id).await?;
        let after = store::reload::<Users, _>(&txn, &before.id).await?;
        if before.archived_at.is_none() {
            audit::record(&txn, Some(who), change("user.archive", &before, &after)).await?;
        }
        txn.commit().await?;
        Ok(ok(&after))
    }
}
