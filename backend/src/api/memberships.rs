use std::collections::HashMap;

use chrono::Utc;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{
    Membership, MembershipPage, MembershipPatch, NewMembership, ProblemCode, ProjectRole,
};

use super::projects::project_for;
use super::ApiTags;
use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::{BearerAuth, Principal};
use crate::domain::field_error;
use crate::entities::membership::{self, Column as C, Entity as Mem};
use crate::entities::{project, user};
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, etag, new_id, page_request};
use crate::state::AppState;
use crate::{store, views};

pub struct MembershipsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListMembersResponse {
    /// A page of the project's members in the order they were added.
    #[oai(status = 200)]
    Ok(Json<MembershipPage>),
}

#[derive(ApiResponse)]
pub enum AddMemberResponse {
    /// The user now holds the role in the project.
    #[oai(status = 201)]
    Created(Json<Membership>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum MembershipResponse {
    /// The membership; send its ETag back in `If-Match` to change it.
    #[oai(status = 200)]
    Ok(Json<Membership>, #[oai(header = "ETag")] String),
}

async fn view<Db: ConnectionTrait>(db: &Db, m: &membership::Model) -> Result<Membership, AppError> {
    let u = user::Entity::find_by_id(m.user_id.clone()).one(db).await?;
    Ok(views::membership(m, u.as_ref()))
}

fn change(
    action: &'static str,
    org: &str,
    before: Option<Membership>,
    after: &Membership,
) -> Change<'static> {
    Change {
        organisation_id: Some(org.to_owned()),
        action,
        entity_type: "membership",
        entity_id: Some(after.id.to_string()),
        before: before.as_ref().and_then(snapshot),
        after: snapshot(after),
    }
}

/// A membership, its project and the caller's role there, checked for `action` on that
/// project.
async fn membership_for(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    action: Action,
) -> Result<(membership::Model, project::Model, Option<ProjectRole>), AppError> {
    let m = Mem::find_by_id(id.to_string())
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (p, my_role) = project_for(state, who, &m.project_id, action).await?;
    Ok((m, p, my_role))
}

/// The role-grant rules for changing or removing membership `m` (`varig_types::grants`):
/// the caller may take its role (and give `new_role`), it is not their own, and the project
/// keeps an owner.
async fn check_grant(
    state: &AppState,
    who: &Principal,
    my_role: Option<ProjectRole>,
    m: &membership::Model,
    new_role: Option<ProjectRole>,
) -> Result<(), AppError> {
    if who.user_id_str().as_deref() == Some(m.user_id.as_str()) {
        return Err(AppError::Forbidden);
    }
    let old = views::role(&m.role);
    who.require_grant(my_role, old)?;
    if let Some(new) = new_role {
        who.require_grant(my_role, new)?;
    }
    if old == ProjectRole::Owner && new_role != Some(ProjectRole::Owner) {
        let owners = Mem::find()
            .filter(C::ProjectId.eq(m.project_id.clone()))
            .filter(C::Role.eq(ProjectRole::Owner.as_str()))
            .filter(C::ArchivedAt.is_null())
            .filter(C::Id.ne(m.id.clone()))
            .count(&state.db)
            .await?;
        if owners == 0 {
            return Err(AppError::State {
                code: ProblemCode::LastOwner,
                detail: "The project must keep at least one owner; name another owner first."
                    .into(),
            });
        }
    }
    Ok(())
}

#[OpenApi(tag = "ApiTags::Memberships")]
impl MembershipsApi {
    /// List a project's members
    ///
    /// Who holds which role: owner, steering group, leader, change agents.
    #[oai(
        path = "/v1/projects/:id/members",
        method = "get",
        operation_id = "list_members"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        /// The project.
        id: Path<Uuid>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
        /// Include removed (archived) memberships.
        include_archived: Query<Option<bool>>,
    ) -> ApiResult<ListMembersResponse> {
        let (p, _) = project_for(
            &self.state,
            &auth.0,
            &id.0.to_string(),
            Action::MembershipRead,
        )
        .await?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let q = Mem::find().filter(C::ProjectId.eq(p.id));
        let (rows, next_cursor) = store::fetch_page(
            &self.state.db,
            q,
            &page,
            Some(include_archived.0.unwrap_or(false)),
        )
        .await?;
        let user_ids: Vec<String> = rows.iter().map(|m| m.user_id.clone()).collect();
        let users: HashMap<String, user::Model> = user::Entity::find()
            .filter(user::Column::Id.is_in(user_ids))
            .all(&self.state.db)
            .await?
            .into_iter()
            .map(|u| (u.id.clone(), u))
            .collect();
        let items = rows
            .iter()
            .map(|m| views::membership(m, users.get(&m.user_id)))
            .collect();
        Ok(ListMembersResponse::Ok(Json(MembershipPage {
            items,
            next_cursor,
        })))
    }

    /// Add a member
    ///
    /// Gives a user of the organisation a role in the project. Who may give which role is
    /// the role-grant table: the project owner or an organisation admin any role, the leader
    /// (and a `write` API token) change agents only (403 otherwise). A removed member is
    /// restored with the new role.
    #[oai(
        path = "/v1/projects/:id/members",
        method = "post",
        operation_id = "add_member"
    )]
    async fn add(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewMembership>,
    ) -> ApiResult<AddMemberResponse> {
        let who = &auth.0;
        let (p, my_role) =
            project_for(&self.state, who, &id.0.to_string(), Action::MembershipWrite).await?;
        who.require_grant(my_role, body.role)?;
        if p.archived_at.is_some() {
            return Err(AppError::conflict(
                varig_types::ProblemCode::Archived,
                "The project is archived.",
            )
            .into());
        }
        let member = user::Entity::find_by_id(body.user_id.to_string())
            .one(&self.state.db)
            .await?
            .filter(|u| {
                u.organisation_id.as_deref() == Some(p.organisation_id.as_str())
                    && u.archived_at.is_none()
            })
            .ok_or_else(|| {
                AppError::Validation(vec![field_error(
                    "user_id",
                    "not_found",
                    "is not an active user of the project's organisation",
                )])
            })?;
        let existing = Mem::find()
            .filter(C::ProjectId.eq(p.id.clone()))
            .filter(C::UserId.eq(member.id.clone()))
            .one(&self.state.db)
            .await?;
        let txn = crate::db::begin_write(&self.state.db).await?;
        let (model, before) = match existing {
            Some(m) if m.archived_at.is_none() => {
                return Err(AppError::conflict(
                    varig_types::ProblemCode::AlreadyExists,
                    "The user is already a member of this project; change the role instead.",
                )
                .into())
            }
            Some(m) => {
                let before = view(&txn, &m).await?;
                let restored = store::update_versioned(
                    &txn,
                    Mem,
                    &m.id,
                    m.version,
                    vec![
                        ("role", Expr::value(body.role.as_str())),
                        (
                            "archived_at",
                            Expr::value(Option::<chrono::DateTime<Utc>>::None),
                        ),
                    ],
                )
                .await?;
                (restored, Some(before))
            }
            None => {
                let now = Utc::now();
                let model = membership::Model {
                    id: new_id(),
                    project_id: p.id.clone(),
                    user_id: member.id.clone(),
                    role: body.role.as_str().into(),
                    created_at: now,
                    updated_at: now,
                    archived_at: None,
                    version: 1,
                };
                Mem::insert(membership::ActiveModel::from(model.clone()))
                    .exec_without_returning(&txn)
                    .await?;
                (model, None)
            }
        };
        let after = views::membership(&model, Some(&member));
        audit::record(
            &txn,
            Some(who),
            change("membership.create", &p.organisation_id, before, &after),
        )
        .await?;
        txn.commit().await?;
        Ok(AddMemberResponse::Created(Json(after), etag(model.version)))
    }

    /// Get a membership
    ///
    /// Its ETag header is the version to send back in `If-Match` when changing the role.
    #[oai(
        path = "/v1/memberships/:id",
        method = "get",
        operation_id = "get_membership"
    )]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<MembershipResponse> {
        let (m, _, _) = membership_for(&self.state, &auth.0, id.0, Action::MembershipRead).await?;
        Ok(MembershipResponse::Ok(
            Json(view(&self.state.db, &m).await?),
            etag(m.version),
        ))
    }

    /// Change a member's role
    ///
    /// Needs `If-Match` with the current ETag. The caller must be allowed to take the old
    /// role and give the new one (role-grant table; 403 otherwise), may not change their own
    /// role (403), and the project keeps at least one owner (409 `last_owner`).
    #[oai(
        path = "/v1/memberships/:id",
        method = "patch",
        operation_id = "update_membership"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<MembershipPatch>,
    ) -> ApiResult<MembershipResponse> {
        let who = &auth.0;
        let (m, p, my_role) =
            membership_for(&self.state, who, id.0, Action::MembershipWrite).await?;
        check_grant(&self.state, who, my_role, &m, Some(body.role)).await?;
        let version = check_if_match(if_match.0.as_deref(), m.version)?;
        if m.archived_at.is_some() || p.archived_at.is_some() {
            return Err(AppError::conflict(
                varig_types::ProblemCode::Archived,
                "The membership or its project is archived.",
            )
            .into());
        }
        let txn = crate::db::begin_write(&self.state.db).await?;
        let before = view(&txn, &m).await?;
        let updated = store::update_versioned(
            &txn,
            Mem,
            &m.id,
            version,
            vec![("role", Expr::value(body.role.as_str()))],
        )
        .await?;
        let after = view(&txn, &updated).await?;
        audit::record(
            &txn,
            Some(who),
            change(
                "membership.update",
                &p.organisation_id,
                Some(before),
                &after,
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(MembershipResponse::Ok(Json(after), etag(updated.version)))
    }

    /// Remove a member
    ///
    /// Archives the membership; the history stays. The caller must be allowed to take the
    /// member's role (403 otherwise), may not remove themselves (403), and the last owner
    /// cannot be removed (409 `last_owner`).
    #[oai(
        path = "/v1/memberships/:id/archive",
        method = "post",
        operation_id = "archive_membership"
    )]
    async fn archive(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<MembershipResponse> {
        let who = &auth.0;
        let (m, p, my_role) =
            membership_for(&self.state, who, id.0, Action::MembershipWrite).await?;
        if m.archived_at.is_none() {
            check_grant(&self.state, who, my_role, &m, None).await?;
        }
        let txn = crate::db::begin_write(&self.state.db).await?;
        let before = view(&txn, &m).await?;
        let updated = store::archive(&txn, Mem, &m.id).await?;
        let after = view(&txn, &updated).await?;
        if m.archived_at.is_none() {
            audit::record(
                &txn,
                Some(who),
                change(
                    "membership.archive",
                    &p.organisation_id,
                    Some(before),
                    &after,
                ),
            )
            .await?;
        }
        txn.commit().await?;
        Ok(MembershipResponse::Ok(Json(after), etag(updated.version)))
    }
}
