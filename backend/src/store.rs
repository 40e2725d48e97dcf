//! Writes shared by every versioned resource: conditional update (optimistic concurrency)
//! and archive.

use chrono::Utc;
use sea_orm::sea_query::{Alias, Expr, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::error::AppError;

/// Applies `values` to row `id` only while its version is still `expected`; bumps the
/// version and `updated_at`. 412 when someone else changed it first.
pub async fn update_versioned<E: EntityTrait, C: ConnectionTrait>(
    db: &C,
    entity: E,
    id: &str,
    expected: i64,
    values: Vec<(&'static str, SimpleExpr)>,
) -> Result<(), AppError> {
    let mut stmt = Query::update();
    stmt.table(entity)
        .value(
            Alias::new("version"),
            Expr::col(Alias::new("version")).add(1),
        )
        .value(Alias::new("updated_at"), Utc::now())
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .and_where(Expr::col(Alias::new("version")).eq(expected));
    for (column, value) in values {
        stmt.value(Alias::new(column), value);
    }
    let res = db.execute(db.get_database_backend().build(&stmt)).await?;
    if res.rows_affected() == 0 {
        Err(AppError::PreconditionFailed)
    } else {
        Ok(())
    }
}

/// Marks row `id` archived (idempotent) and bumps its version.
pub async fn archive<E: EntityTrait, C: ConnectionTrait>(
    db: &C,
    entity: E,
    id: &str,
) -> Result<(), AppError> {
    let mut stmt = Query::update();
    stmt.table(entity)
        .value(
            Alias::new("version"),
            Expr::col(Alias::new("version")).add(1),
        )
        .value(Alias::new("updated_at"), Utc::now())
        .value(Alias::new("archived_at"), Utc::now())
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .and_where(Expr::col(Alias::new("archived_at")).is_null());
    db.execute(db.get_database_backend().build(&stmt)).await?;
    Ok(())
}
