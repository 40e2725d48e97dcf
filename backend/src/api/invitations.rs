use chrono::{Duration, Utc};
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{
    AcceptInvitation, Invitation, InvitationCreated, InvitationPage, InvitationPreview,
    InvitationStatus, InvitationToken, NewInvitation, OrgRole, ProjectRole, TokenPair,
};

use super::projects::project_for;
use super::ApiTags;
use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::{password, principal_of, secrets, sessions, BearerAuth, Principal};
use crate::domain::{self, field_error, Check};
use crate::entities::invitation::{self, Column as C, Entity as Inv};
use crate::entities::{membership, organisation, project, user};
use crate::error::{ApiResult, AppError};
use crate::ids::{new_id, page_request};
use crate::state::AppState;
use crate::store;
use crate::views;

pub const INVITATION_DAYS: i64 = 14;

pub struct InvitationsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListInvitationsResponse {
    /// A page of invitations in creation order.
    #[oai(status = 200)]
    Ok(Json<InvitationPage>),
}

#[derive(ApiResponse)]
pub enum CreateInvitationResponse {
    /// The invitation and its one-time token, shown only now. Give it to the invitee.
    #[oai(status = 201)]
    Created(Json<InvitationCreated>),
}

#[derive(ApiResponse)]
pub enum RevokeInvitationResponse {
    /// The invitation can no longer be accepted.
    #[oai(status = 200)]
    Ok(Json<Invitation>),
}

#[derive(ApiResponse)]
pub enum PreviewInvitationResponse {
    /// Who invited whom to what, and whether it can still be accepted.
    #[oai(status = 200)]
    Ok(Json<InvitationPreview>),
}

#[derive(ApiResponse)]
pub enum AcceptInvitationResponse {
    /// The account is created and logged in.
    #[oai(status = 201)]
    Created(Json<TokenPair>),
}

/// Which organisation the invitation is for, checked against the caller.
async fn target_org(
    state: &AppState,
    who: &Principal,
    body: &NewInvitation,
) -> Result<String, AppError> {
    if !who.system_admin {
        let own = who.org()?;
        return match body.organisation_id {
            Some(o) if o.to_string() != own => Err(AppError::Validation(vec![field_error(
                "organisation_id",
                "not_allowed",
                "must be your own organisation or left out",
            )])),
            _ => Ok(own),
        };
    }
    let Some(org) = body.organisation_id else {
        return Err(AppError::Validation(vec![field_error(
            "organisation_id",
            "required",
            "is required for a system administrator",
        )]));
    };
    organisation::Entity::find_by_id(org.to_string())
        .one(&state.db)
        .await?
        .filter(|o| o.archived_at.is_none())
        .map(|o| o.id)
        .ok_or_else(|| {
            AppError::Validation(vec![field_error(
                "organisation_id",
                "not_found",
                "is not an active organisation",
            )])
        })
}

#[OpenApi(tag = "ApiTags::Invitations")]
impl InvitationsApi {
    /// List invitations
    ///
    /// Pending, accepted and revoked invitations of the organisation; never their tokens.
    #[oai(
        path = "/v1/invitations",
        method = "get",
        operation_id = "list_invitations"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
        /// System administrators only: the organisation whose invitations to list.
        organisation_id: Query<Option<Uuid>>,
    ) -> ApiResult<ListInvitationsResponse> {
        let who = &auth.0;
        who.require(Action::InvitationManage)?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let mut q = Inv::find();
        if who.system_admin {
            if let Some(org) = organisation_id.0 {
                q = q.filter(C::OrganisationId.eq(org.to_string()));
            }
        } else {
            q = q.filter(C::OrganisationId.eq(who.org()?));
        }
        let (rows, next_cursor) = store::fetch_page(&self.state.db, q, &page, None).await?;
        Ok(ListInvitationsResponse::Ok(Json(InvitationPage {
            items: rows.iter().map(views::invitation).collect(),
            next_cursor,
        })))
    }

    /// Invite someone
    ///
    /// Organisation admins invite into their organisation (system administrators into any,
    /// naming `organisation_id`); a project leader may invite into their project with
    /// `project_id` and `project_role`. The answer carries a one-time token for
    /// `POST /v1/invitations/accept`, valid for 14 days.
    #[oai(
        path = "/v1/invitations",
        method = "post",
        operation_id = "create_invitation"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        body: Json<NewInvitation>,
    ) -> ApiResult<CreateInvitationResponse> {
        let who = &auth.0;
        let mut check = Check::new();
        let email = check.take(domain::email("email", &body.email));
        if body.project_id.is_some() != body.project_role.is_some() {
            check.push(field_error(
                "project_role",
                "required_together",
                "project_id and project_role go together",
            ));
        }
        check.finish()?;
        let org_role = body.org_role.unwrap_or(OrgRole::Member);
        let org = target_org(&self.state, who, &body).await?;
        if let (Some(pid), Some(role)) = (body.project_id, body.project_role) {
            let mut my_role = None;
            if who.may(Action::InvitationManage) {
                project::Entity::find_by_id(pid.to_string())
                    .one(&self.state.db)
                    .await?
                    .filter(|p| p.organisation_id == org)
                    .ok_or_else(|| {
                        AppError::Validation(vec![field_error(
                            "project_id",
                            "not_found",
                            "is not a project of the organisation",
                        )])
                    })?;
            } else {
                my_role = project_for(
                    &self.state,
                    who,
                    &pid.to_string(),
                    Action::InvitationToProject,
                )
                .await?
                .1;
            }
            who.require_grant(my_role, role)?;
        }
        if org_role == OrgRole::Admin || body.project_id.is_none() {
            who.require(Action::InvitationManage)?;
        }
        let email = email.unwrap_or_default();
        let taken = user::Entity::find()
            .filter(user::Column::Email.eq(email.clone()))
            .count(&self.state.db)
            .await?;
        if taken > 0 {
            return Err(AppError::conflict(
                varig_types::ProblemCode::AlreadyExists,
                "A user with this e-mail address already exists.",
            )
            .into());
        }
        let token = secrets::random_secret(secrets::INVITATION_PREFIX);
        let now = Utc::now();
        let model = invitation::Model {
            id: new_id(),
            organisation_id: org,
            email,
            org_role: org_role.as_str().into(),
            project_id: body.project_id.map(|p| p.to_string()),
            project_role: body.project_role.map(|r| r.as_str().to_owned()),
            token_hash: secrets::hash_secret(&token),
            invited_by: who.user_id_str(),
            created_at: now,
            expires_at: now + Duration::days(INVITATION_DAYS),
            accepted_at: None,
            revoked_at: None,
        };
        let txn = crate::db::begin_write(&self.state.db).await?;
        Inv::insert(invitation::ActiveModel::from(model.clone()))
            .exec_without_returning(&txn)
            .await?;
        let view = views::invitation(&model);
        audit::record(
            &txn,
            Some(who),
            Change {
                organisation_id: Some(model.organisation_id.clone()),
                action: "invitation.create",
                entity_type: "invitation",
                entity_id: Some(model.id.clone()),
                before: None,
                after: snapshot(&view),
            },
        )
        .await?;
        txn.commit().await?;
        let link = format!(
            "{}/invitation#{token}",
            self.state.settings.public_url.trim_end_matches('/')
        );
        Ok(CreateInvitationResponse::Created(Json(InvitationCreated {
            invitation: view,
            token,
            link,
        })))
    }

    /// Revoke an invitation
    ///
    /// Its token stops working; an accepted invitation cannot be revoked (409).
    #[oai(
        path = "/v1/invitations/:id/revoke",
        method = "post",
        operation_id = "revoke_invitation"
    )]
    async fn revoke(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> ApiResult<RevokeInvitationResponse> {
        let who = &auth.0;
        who.require(Action::InvitationManage)?;
        let before = Inv::find_by_id(id.0.to_string())
            .one(&self.state.db)
            .await?
            .filter(|i| who.system_admin || who.same_org(&i.organisation_id))
            .ok_or(AppError::NotFound)?;
        if before.accepted_at.is_some() {
            return Err(AppError::conflict(
                varig_types::ProblemCode::InvitationUsed,
                "The invitation was already accepted.",
            )
            .into());
        }
        let txn = crate::db::begin_write(&self.state.db).await?;
        Inv::update_many()
            .col_expr(C::RevokedAt, Expr::value(Utc::now()))
            .filter(C::Id.eq(before.id.clone()))
            .filter(C::RevokedAt.is_null())
            .exec(&txn)
            .await?;
        let after = store::reload::<Inv, _>(&txn, &before.id).await?;
        audit::record(
            &txn,
            Some(who),
            Change {
                organisation_id: Some(after.organisation_id.clone()),
                action: "invitation.revoke",
                entity_type: "invitation",
                entity_id: Some(after.id.clone()),
                before: snapshot(&views::invitation(&before)),
                after: snapshot(&views::invitation(&after)),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(RevokeInvitationResponse::Ok(Json(views::invitation(
            &after,
        ))))
    }

    /// Look at an invitation
    ///
    /// No authentication: the one-time token is the proof. Says who invited the holder to
    /// which organisation (and project role), and whether it can still be accepted; the
    /// token goes in the body so that no address carries it.
    #[oai(
        path = "/v1/invitations/preview",
        method = "post",
        operation_id = "preview_invitation"
    )]
    async fn preview(&self, body: Json<InvitationToken>) -> ApiResult<PreviewInvitationResponse> {
        let inv = Inv::find()
            .filter(C::TokenHash.eq(secrets::hash_secret(&body.token)))
            .one(&self.state.db)
            .await?
            .ok_or(AppError::NotFound)?;
        let status = if inv.accepted_at.is_some() {
            InvitationStatus::Accepted
        } else if inv.revoked_at.is_some() {
            InvitationStatus::Revoked
        } else if inv.expires_at <= Utc::now() {
            InvitationStatus::Expired
        } else {
            InvitationStatus::Pending
        };
        let org = organisation::Entity::find_by_id(inv.organisation_id.clone())
            .one(&self.state.db)
            .await?
            .ok_or(AppError::NotFound)?;
        let project_name = match &inv.project_id {
            Some(pid) => project::Entity::find_by_id(pid.clone())
                .one(&self.state.db)
                .await?
                .map(|p| p.name),
            None => None,
        };
        let inviter = match &inv.invited_by {
            Some(uid) => {
                user::Entity::find_by_id(uid.clone())
                    .one(&self.state.db)
                    .await?
            }
            None => None,
        };
        Ok(PreviewInvitationResponse::Ok(Json(InvitationPreview {
            status,
            email: inv.email.clone(),
            organisation_name: org.name,
            org_role: OrgRole::parse(&inv.org_role).unwrap_or(OrgRole::Member),
            project_name,
            project_role: inv.project_role.as_deref().and_then(ProjectRole::parse),
            invited_by_name: inviter.as_ref().map(|u| u.name.clone()),
            invited_by_email: inviter.map(|u| u.email),
            expires_at: inv.expires_at,
        })))
    }

    /// Accept an invitation
    ///
    /// No authentication: the one-time token is the proof. Creates the account (and the
    /// project membership the invitation names) and logs the new user in.
    #[oai(
        path = "/v1/invitations/accept",
        method = "post",
        operation_id = "accept_invitation"
    )]
    async fn accept(&self, body: Json<AcceptInvitation>) -> ApiResult<AcceptInvitationResponse> {
        let inv = Inv::find()
            .filter(C::TokenHash.eq(secrets::hash_secret(&body.token)))
            .one(&self.state.db)
            .await?
            .ok_or(AppError::NotFound)?;
        if inv.accepted_at.is_some() {
            return Err(AppError::conflict(
                varig_types::ProblemCode::InvitationUsed,
                "The invitation was already accepted; log in instead.",
            )
            .into());
        }
        if inv.revoked_at.is_some() {
            return Err(AppError::conflict(
                varig_types::ProblemCode::InvitationRevoked,
                "The invitation was revoked.",
            )
            .into());
        }
        if inv.expires_at <= Utc::now() {
            return Err(AppError::conflict(
                varig_types::ProblemCode::InvitationExpired,
                "The invitation has expired; ask for a new one.",
            )
            .into());
        }
        let mut check = Check::new();
        let name = check.take(domain::name("name", &body.name));
        if check
            .take(domain::password("password", &body.password))
            .is_some()
        {
            check.take(domain::strong_password(
                "password",
                &body.password,
                &[&inv.email, &body.name],
            ));
        }
        check.finish()?;
        let hash = password::hash(body.password.clone()).await?;
        let now = Utc::now();
        let new_user = user::Model {
            id: new_id(),
            organisation_id: Some(inv.organisation_id.clone()),
            email: inv.email.clone(),
            name: name.unwrap_or_default(),
            password_hash: Some(hash),
            org_role: Some(inv.org_role.clone()),
            system_admin: false,
            created_at: now,
            updated_at: now,
            archived_at: None,
            version: 1,
        };
        let txn = crate::db::begin_write(&self.state.db).await?;
        let claimed = Inv::update_many()
            .col_expr(C::AcceptedAt, Expr::value(now))
            .filter(C::Id.eq(inv.id.clone()))
            .filter(C::AcceptedAt.is_null())
            .filter(C::RevokedAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected == 0 {
            return Err(AppError::conflict(
                varig_types::ProblemCode::InvitationUsed,
                "The invitation was already used.",
            )
            .into());
        }
        user::Entity::insert(user::ActiveModel::from(new_user.clone()))
            .exec_without_returning(&txn)
            .await?;
        let actor: Principal = principal_of(&new_user);
        audit::record(
            &txn,
            Some(&actor),
            Change {
                organisation_id: Some(inv.organisation_id.clone()),
                action: "user.create",
                entity_type: "user",
                entity_id: Some(new_user.id.clone()),
                before: None,
                after: snapshot(&views::user(&new_user)),
            },
        )
        .await?;
        if let (Some(pid), Some(role)) = (&inv.project_id, &inv.project_role) {
            let open = project::Entity::find_by_id(pid.clone())
                .one(&txn)
                .await?
                .filter(|p| p.archived_at.is_none());
            if open.is_some() {
                let m = membership::Model {
                    id: new_id(),
                    project_id: pid.clone(),
                    user_id: new_user.id.clone(),
                    role: role.clone(),
                    created_at: now,
                    updated_at: now,
                    archived_at: None,
                    version: 1,
                };
                membership::Entity::insert(membership::ActiveModel::from(m.clone()))
                    .exec_without_returning(&txn)
                    .await?;
                audit::record(
                    &txn,
                    Some(&actor),
                    Change {
                        organisation_id: Some(inv.organisation_id.clone()),
                        action: "membership.create",
                        entity_type: "membership",
                        entity_id: Some(m.id.clone()),
                        before: None,
                        after: snapshot(&views::membership(&m, Some(&new_user))),
                    },
                )
                .await?;
            }
        }
        let pair = sessions::issue_pair(&txn, &self.state, &new_user.id, None).await?;
        txn.commit().await?;
        Ok(AcceptInvitationResponse::Created(Json(pair)))
    }
}
