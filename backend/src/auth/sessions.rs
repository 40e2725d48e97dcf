//! Login sessions: an access JWT plus a rotating refresh token. A session is one login; its
//! refresh tokens form a family and each may be used once. Presenting a used one again means
//! it was stolen or replayed, so the whole session is revoked. Access tokens name their
//! session (`sid`), so logging out, changing the password or a detected reuse ends them too
//! (`auth::authenticate` checks the session). A session ends at the latest `session_days`
//! after the login, however often it is refreshed.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde_json::json;
use varig_types::TokenPair;

use crate::audit::{self, Change};
use crate::auth::throttle::Keys;
use crate::auth::{password, principal_of, secrets, Principal};
use crate::domain;
use crate::entities::{organisation, refresh_token, session, user};
use crate::error::AppError;
use crate::ids::{new_id, parse_id};
use crate::state::AppState;

/// A refresh token lives this long, and never past its session's end.
pub const REFRESH_DAYS: i64 = 30;

/// Creates a refresh token in `session` (a new session when `None`) and an access token.
pub async fn issue_pair<C: ConnectionTrait>(
    db: &C,
    state: &AppState,
    user_id: &str,
    session: Option<&session::Model>,
) -> Result<TokenPair, AppError> {
    let refresh = secrets::random_secret(secrets::REFRESH_PREFIX);
    let now = Utc::now();
    let session = match session {
        Some(s) => s.clone(),
        None => {
            let s = session::Model {
                id: new_id(),
                user_id: user_id.to_owned(),
                created_at: now,
                expires_at: now + Duration::days(i64::from(state.settings.session_days)),
                revoked_at: None,
            };
            session::Entity::insert(session::ActiveModel::from(s.clone()))
                .exec_without_returning(db)
                .await?;
            s
        }
    };
    refresh_token::Entity::insert(refresh_token::ActiveModel {
        id: Set(new_id()),
        family_id: Set(session.id.clone()),
        user_id: Set(user_id.to_owned()),
        token_hash: Set(secrets::hash_secret(&refresh)),
        created_at: Set(now),
        expires_at: Set((now + Duration::days(REFRESH_DAYS)).min(session.expires_at)),
        used_at: Set(None),
        revoked_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(TokenPair {
        access_token: state.jwt.issue(parse_id(user_id), parse_id(&session.id))?,
        token_type: "Bearer".into(),
        expires_in: state.jwt.ttl_seconds,
        refresh_token: refresh,
    })
}

/// An account that may log in: not archived, and its organisation (if any) not archived.
pub async fn active_user<C: ConnectionTrait>(
    db: &C,
    filter: sea_orm::Condition,
) -> Result<Option<user::Model>, AppError> {
    let Some(u) = user::Entity::find()
        .filter(filter)
        .filter(user::Column::ArchivedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if let Some(org) = &u.organisation_id {
        let live = organisation::Entity::find_by_id(org.clone())
            .one(db)
            .await?
            .is_some_and(|o| o.archived_at.is_none());
        if !live {
            return Ok(None);
        }
    }
    Ok(Some(u))
}

fn auth_event(action: &'static str, user: Option<&user::Model>, client: &str) -> Change<'static> {
    Change {
        organisation_id: user.and_then(|u| u.organisation_id.clone()),
        action,
        entity_type: "user",
        entity_id: user.map(|u| u.id.clone()),
        before: None,
        after: Some(json!({ "client": client })),
    }
}

pub async fn login(
    state: &AppState,
    email: &str,
    pass: &str,
    client: &str,
) -> Result<TokenPair, AppError> {
    // The address is checked before anything is looked up or counted.
    let email = domain::email("email", email).map_err(|e| AppError::Validation(vec![e]))?;
    let db = &state.db;
    let found = active_user(
        db,
        sea_orm::Condition::all().add(user::Column::Email.eq(email)),
    )
    .await?;
    let keys = Keys::new(found.as_ref().map(|u| u.id.as_str()), client);
    let now = Utc::now();
    if let Err(retry_after_secs) = state.throttle.check(db, &keys, now).await? {
        return Err(AppError::TooManyRequests { retry_after_secs });
    }
    let ok = password::verify(
        found.as_ref().and_then(|u| u.password_hash.clone()),
        pass.to_owned(),
    )
    .await?;
    let txn = crate::db::begin_write(db).await?;
    let user = match found {
        Some(user) if ok => user,
        other => {
            let locked = state.throttle.record_failure(&txn, &keys, now).await?;
            let actor = other.as_ref().map(principal_of);
            audit::record(
                &txn,
                actor.as_ref(),
                auth_event("auth.login_failed", other.as_ref(), client),
            )
            .await?;
            if locked.is_some() {
                audit::record(
                    &txn,
                    actor.as_ref(),
                    auth_event("auth.lockout", other.as_ref(), client),
                )
                .await?;
            }
            txn.commit().await?;
            return Err(AppError::InvalidCredentials);
        }
    };
    state.throttle.clear(&txn, &keys).await?;
    let pair = issue_pair(&txn, state, &user.id, None).await?;
    audit::record(
        &txn,
        Some(&principal_of(&user)),
        auth_event("auth.login", Some(&user), client),
    )
    .await?;
    txn.commit().await?;
    Ok(pair)
}

fn unauth() -> AppError {
    AppError::Unauthenticated("The refresh token is unknown, expired or revoked.")
}

/// A session that has not ended: not revoked and within its absolute lifetime.
pub fn is_live(s: &session::Model, now: DateTime<Utc>) -> bool {
    s.revoked_at.is_none() && s.expires_at > now
}

pub async fn refresh(state: &AppState, token: &str) -> Result<TokenPair, AppError> {
    let db: &DatabaseConnection = &state.db;
    let now = Utc::now();
    let row = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(secrets::hash_secret(token)))
        .one(db)
        .await?
        .ok_or_else(unauth)?;
    if row.revoked_at.is_some() || row.expires_at <= now {
        return Err(unauth());
    }
    let session = session::Entity::find_by_id(row.family_id.clone())
        .one(db)
        .await?
        .filter(|s| is_live(s, now))
        .ok_or_else(unauth)?;
    let txn = crate::db::begin_write(db).await?;
    // Claim the token: only one caller can flip `used_at` from NULL.
    let claimed = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(row.id.clone()))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        txn.rollback().await?;
        let txn = crate::db::begin_write(db).await?;
        end_session(&txn, &row.family_id).await?;
        let owner = user::Entity::find_by_id(row.user_id.clone())
            .one(&txn)
            .await?;
        let actor = owner.as_ref().map(principal_of);
        audit::record(
            &txn,
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
        txn.commit().await?;
        state.invalidate.changed();
        tracing::warn!(session = %row.family_id, "refresh token reuse; session revoked");
        return Err(AppError::TokenReused);
    }
    let active = active_user(
        &txn,
        sea_orm::Condition::all().add(user::Column::Id.eq(row.user_id.clone())),
    )
    .await?
    .ok_or_else(unauth)?;
    let pair = issue_pair(&txn, state, &active.id, Some(&session)).await?;
    txn.commit().await?;
    Ok(pair)
}

/// Ends a session: its refresh tokens and (through `sid`) its access tokens stop working.
pub async fn end_session<C: ConnectionTrait>(db: &C, session_id: &str) -> Result<(), AppError> {
    let now = Utc::now();
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::FamilyId.eq(session_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a user (password change, archiving, "log out everywhere").
pub async fn revoke_all_for_user<C: ConnectionTrait>(
    db: &C,
    user_id: &str,
) -> Result<(), AppError> {
    let now = Utc::now();
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Logout: ends the session the refresh token belongs to. Unknown tokens are ignored, so
/// logging out twice is harmless.
pub async fn logout(state: &AppState, token: &str, client: &str) -> Result<(), AppError> {
    let Some(row) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(secrets::hash_secret(token)))
        .one(&state.db)
        .await?
    else {
        return Ok(());
    };
    let owner = user::Entity::find_by_id(row.user_id.clone())
        .one(&state.db)
        .await?;
    let txn = crate::db::begin_write(&state.db).await?;
    end_session(&txn, &row.family_id).await?;
    audit::record(
        &txn,
        owner.as_ref().map(principal_of).as_ref(),
        auth_event("auth.logout", owner.as_ref(), client),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn change_password(
    state: &AppState,
    who: &Principal,
    current: &str,
    new: &str,
    client: &str,
) -> Result<(), AppError> {
    let user_id = who.user_id_str().ok_or(AppError::Forbidden)?;
    let user = user::Entity::find_by_id(user_id.clone())
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    domain::password("new_password", new).map_err(|e| AppError::Validation(vec![e]))?;
    domain::strong_password("new_password", new, &[&user.email, &user.name])
        .map_err(|e| AppError::Validation(vec![e]))?;
    // Guessing the current password from a stolen access token is throttled like a login.
    let keys = Keys::new(Some(&user.id), client);
    let now = Utc::now();
    if let Err(retry_after_secs) = state.throttle.check(&state.db, &keys, now).await? {
        return Err(AppError::TooManyRequests { retry_after_secs });
    }
    if !password::verify(user.password_hash.clone(), current.to_owned()).await? {
        let txn = crate::db::begin_write(&state.db).await?;
        state.throttle.record_failure(&txn, &keys, now).await?;
        txn.commit().await?;
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
            after: Some(json!({ "client": client })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
