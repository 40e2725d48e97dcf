use chrono::Utc;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{ApiToken, ApiTokenCreated, ApiTokenPage, NewApiToken, TokenScope};

use super::ApiTags;
use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::{secrets, BearerAuth};
use crate::domain::{self, field_error, Check};
use crate::entities::api_token::{self, Column as C, Entity as Tok};
use crate::error::{ApiResult, AppError};
use crate::ids::{new_id, page_request};
use crate::state::AppState;
use crate::store;
use crate::views;

pub struct ApiTokensApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListApiTokensResponse {
    /// A page of the organisation's API tokens (never their secrets).
    #[oai(status = 200)]
    Ok(Json<ApiTokenPage>),
}

#[derive(ApiResponse)]
pub enum CreateApiTokenResponse {
    /// The token and its secret, shown only now.
    #[oai(status = 201)]
    Created(Json<ApiTokenCreated>),
}

#[derive(ApiResponse)]
pub enum RevokeApiTokenResponse {
    /// The token no longer authenticates.
    #[oai(status = 200)]
    Ok(Json<ApiToken>),
}

#[OpenApi(tag = "ApiTags::ApiTokens")]
impl ApiTokensApi {
    /// List API tokens
    ///
    /// The organisation's service-account tokens with their scopes and last use; never secrets.
    #[oai(
        path = "/v1/api-tokens",
        method = "get",
        operation_id = "list_api_tokens"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListApiTokensResponse> {
        let who = &auth.0;
        who.require(Action::ApiTokenManage)?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let q = Tok::find().filter(C::OrganisationId.eq(who.org()?));
        let (rows, next_cursor) = store::fetch_page(&self.state.db, q, &page, None).await?;
        Ok(ListApiTokensResponse::Ok(Json(ApiTokenPage {
            items: rows.iter().map(views::api_token).collect(),
            next_cursor,
        })))
    }

    /// Create an API token
    ///
    /// A service account for a third-party system, with `read` and/or `write` scope over
    /// the organisation's programmes, projects and memberships. The secret is shown once
    /// and stored only as a hash.
    #[oai(
        path = "/v1/api-tokens",
        method = "post",
        operation_id = "create_api_token"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        body: Json<NewApiToken>,
    ) -> ApiResult<CreateApiTokenResponse> {
        let who = &auth.0;
        who.require(Action::ApiTokenManage)?;
        let org = who.org()?;
        let mut check = Check::new();
        let name = check.take(domain::name("name", &body.name));
        let mut scopes: Vec<TokenScope> = Vec::new();
        for s in &body.scopes {
            if !scopes.contains(s) {
                scopes.push(*s);
            }
        }
        if scopes.is_empty() {
            check.push(field_error(
                "scopes",
                "required",
                "must name at least one scope",
            ));
        }
        let now = Utc::now();
        let expires_at = match body.expires_at {
            Some(at) if at <= now => {
                check.push(field_error(
                    "expires_at",
                    "in_the_past",
                    "must be in the future",
                ));
                None
            }
            Some(at) if at > now + chrono::Duration::days(5 * 366) => {
                check.push(field_error(
                    "expires_at",
                    "too_far",
                    "must be at most five years ahead",
                ));
                None
            }
            Some(at) => Some(at),
            None => {
                Some(now + chrono::Duration::days(i64::from(self.state.settings.api_token_days)))
            }
        };
        check.finish()?;
        let secret = secrets::random_secret(secrets::API_TOKEN_PREFIX);
        let model = api_token::Model {
            id: new_id(),
            organisation_id: org,
            name: name.unwrap_or_default(),
            scopes: scopes
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(","),
            prefix: secret
                .chars()
                .take(secrets::API_TOKEN_PREFIX.len() + 6)
                .collect(),
            token_hash: secrets::hash_secret(&secret),
            created_by: who.user_id_str(),
            created_at: now,
            last_used_at: None,
            revoked_at: None,
            expires_at,
        };
        let txn = crate::db::begin_write(&self.state.db).await?;
        Tok::insert(api_token::ActiveModel::from(model.clone()))
            .exec_without_returning(&txn)
            .await?;
        let view = views::api_token(&model);
        audit::record(
            &txn,
            Some(who),
            Change {
                organisation_id: Some(model.organisation_id.clone()),
                action: "api_token.create",
                entity_type: "api_token",
                entity_id: Some(model.id.clone()),
                before: None,
                after: snapshot(&view),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(CreateApiTokenResponse::Created(Json(ApiTokenCreated {
            token: view,
            secret,
        })))
    }

    /// Revoke an API token
    ///
    /// The token stops authenticating at once.
    #[oai(
        path = "/v1/api-tokens/:id/revoke",
        method = "post",
        operation_id = "revoke_api_token"
    )]
    async fn revoke(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<RevokeApiTokenResponse> {
        let who = &auth.0;
        who.require(Action::ApiTokenManage)?;
        let before = Tok::find_by_id(id.0.to_string())
            .one(&self.state.db)
            .await?
            .filter(|t| who.same_org(&t.organisation_id))
            .ok_or(AppError::NotFound)?;
        let txn = crate::db::begin_write(&self.state.db).await?;
        Tok::update_many()
            .col_expr(C::RevokedAt, Expr::value(Utc::now()))
            .filter(C::Id.eq(before.id.clone()))
            .filter(C::RevokedAt.is_null())
            .exec(&txn)
            .await?;
        let after = store::reload::<Tok, _>(&txn, &before.id).await?;
        if before.revoked_at.is_none() {
            audit::record(
                &txn,
                Some(who),
                Change {
                    organisation_id: Some(after.organisation_id.clone()),
                    action: "api_token.revoke",
                    entity_type: "api_token",
                    entity_id: Some(after.id.clone()),
                    before: snapshot(&views::api_token(&before)),
                    after: snapshot(&views::api_token(&after)),
                },
            )
            .await?;
        }
        txn.commit().await?;
        Ok(RevokeApiTokenResponse::Ok(Json(views::api_token(&after))))
    }
}
