//! Login sessions: an access JWT plus a rotating refresh token. Refresh tokens form a family
//! from one login; each may be used once. Presenting a used one again means it was stolen
//! or replayed, so the whole family is revoked.

use std::time::Instant;

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use varig_types::TokenPair;

use crate::audit::{self, Change};
use crate::auth::{password, principal_of, secrets, Principal};
use crate::domain;
use crate::entities::{refresh_token, user};
use crate::error::AppError;
use crate::ids::{new_id, parse_id};
use crate::state::AppState;

pub const REFRESH_DAYS: i64 = 30;

/// Creates a refresh token in `family` and an access token for `user_id`.
pub async fn issue_pair<C: ConnectionTrait>(
    db: &C,
    state: &AppState,
    user_id: &str,
    family: Option<String>,
) -> Result<TokenPair, AppError> {
    let refresh = secrets::random_secret(secrets::REFRESH_PREFIX);
    let now = Utc::now();
    refresh_token::Entity::insert(refresh_token::ActiveModel {
        id: Set(new_id()),
        family_id: Set(family.unwrap_or_else(new_id)),
        user_id: Set(user_id.to_owned()),
        token_hash: Set(secrets::hash_secret(&refresh)),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(REFRESH_DAYS)),
        used_at: Set(None),
        revoked_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(TokenPair {
        access_token: state.jwt.issue(parse_id(user_id))?,
        token_type: "Bearer".into(),
        expires_in: state.jwt.ttl_seconds,
        refresh_token: refresh,
    })
}

pub async fn login(
    state: &AppState,
    email: &str,
    pass: &str,
    client: &str,
) -> Result<TokenPair, AppError> {
    let keys = crate::auth::throttle::LoginThrottle::keys(email, client);
    state
        .throttle
        .check(&keys, Instant::now())
        .map_err(|retry_after_secs| AppError::TooManyRequests { retry_after_secs })?;
    let found = match domain::email("email", email) {
        Ok(e) => user::Entity::find()
            .filter(user::Column::Email.eq(e))
            .one(&state.db)
            .await?
            .filter(|u| u.archived_at.is_none()),
        Err(_) => None,
    };
    let ok = password::verify(
        found.as_ref().and_then(|u| u.password_hash.clone()),
        pass.to_owned(),
    )
    .await?;
    let Some(user) = found.filter(|_| ok) else {
        state.throttle.record_failure(&keys, Instant::now());
        return Err(AppError::InvalidCredentials);
    };
    state.throttle.clear(&keys[0]);
    issue_pair(&state.db, state, &user.id, None).await
}

fn unauth() -> AppError {
    AppError::Unauthenticated("The refresh token is unknown, expired or revoked.")
}

pub async fn refresh(state: &AppState, token: &str) -> Result<TokenPair, AppError> {
    let db: &DatabaseConnection = &state.db;
    let row = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(secrets::hash_secret(token)))
        .one(db)
        .await?
        .ok_or_else(unauth)?;
    if row.revoked_at.is_some() || row.expires_at <= Utc::now() {
        return Err(unauth());
    }
    let txn = crate::db::begin_write(db).await?;
    // Claim the token: only one caller can flip `used_at` from NULL.
    let claimed = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(Utc::now()))
        .filter(refresh_token::Column::Id.eq(row.id.clone()))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        txn.rollback().await?;
        revoke_family(db, &row.family_id).await?;
        let owner = user::Entity::find_by_id(row.user_id.clone())
            .one(db)
            .await?;
        let actor = owner.as_ref().map(principal_of);
        audit::record(
            db,
            actor.as_ref(),
            Change {
                organisation_id: owner.and_then(|u| u.organisation_id),
                action: "auth.refresh_reuse",
                entity_type: "session",
                entity_id: Some(row.family_id.clone()),
                before: None,
                after: None,
            },
        )
        .await?;
        tracing::warn!(family = %row.family_id, "refresh token reuse; family revoked");
        return Err(AppError::TokenReused);
    }
    let active_user = user::Entity::find_by_id(row.user_id.clone())
        .one(&txn)
        .await?
        .filter(|u| u.archived_at.is_none())
        .ok_or_else(unauth)?;
    let pair = issue_pair(&txn, state, &active_user.id, Some(row.family_id)).await?;
    txn.commit().await?;
    Ok(pair)
}

pub async fn revoke_family<C: ConnectionTrait>(db: &C, family: &str) -> Result<(), AppError> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(refresh_token::Column::FamilyId.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

pub async fn revoke_all_for_user<C: ConnectionTrait>(
    db: &C,
    user_id: &str,
) -> Result<(), AppError> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Logout: revokes the session (family) the refresh token belongs to. Unknown tokens are
/// ignored, so logging out twice is harmless.
pub async fn logout(state: &AppState, token: &str) -> Result<(), AppError> {
    if let Some(row) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(secrets::hash_secret(token)))
        .one(&state.db)
        .await?
    {
        revoke_family(&state.db, &row.family_id).await?;
    }
    Ok(())
}

pub async fn change_password(
    state: &AppState,
    who: &Principal,
    current: &str,
    new: &str,
) -> Result<(), AppError> {
    let user_id = who.user_id_str().ok_or(AppError::Forbidden)?;
    let user = user::Entity::find_by_id(user_id.clone())
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    domain::password("new_password", new).map_err(|e| AppError::Validation(vec![e]))?;
    if !password::verify(user.password_hash.clone(), current.to_owned()).await? {
        return Err(AppError::field(
            "current_password",
            "wrong_password",
            "is not your current password",
        ));
    }
    let hash = password::hash(new.to_owned()).await?;
    let txn = crate::db::begin_write(&state.db).await?;
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(user::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(user_id.clone()))
        .exec(&txn)
        .await?;
    revoke_all_for_user(&txn, &user_id).await?;
    audit::record(
        &txn,
        Some(who),
        Change {
            organisation_id: user.organisation_id,
            action: "user.change_password",
            entity_type: "user",
            entity_id: Some(user_id),
            before: None,
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
