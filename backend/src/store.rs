//! Reads and writes shared by every resource: one page of a list, conditional update
//! (optimistic concurrency) and archive. Every table has `id` (UUIDv7 text), and the
//! versioned ones `version`, `updated_at` and `archived_at`.

use chrono::Utc;
use sea_orm::sea_query::{Alias, Expr, Query, SimpleExpr};
use sea_orm::{
    ConnectionTrait, EntityTrait, Order, PrimaryKeyTrait, QueryFilter, QueryOrder, QuerySelect,
    Select,
};

use crate::error::AppError;
use crate::ids::{page_of, PageRequest};

/// A row with a text id.
pub trait HasId {
    fn id(&self) -> &str;
}

fn col(name: &'static str) -> Expr {
    Expr::col(Alias::new(name))
}

/// Runs `q` as one page in id (= creation) order after the cursor; archived rows only when
/// `include_archived` is `Some(true)` (`None`: the table has no archive).
pub async fn fetch_page<E, C>(
    db: &C,
    q: Select<E>,
    page: &PageRequest,
    include_archived: Option<bool>,
) -> Result<(Vec<E::Model>, Option<String>), AppError>
where
    E: EntityTrait,
    E::Model: HasId,
    C: ConnectionTrait,
{
    let mut q = q.order_by(col("id"), Order::Asc).limit(page.limit + 1);
    if let Some(after) = &page.after {
        q = q.filter(col("id").gt(after.as_str()));
    }
    if include_archived == Some(false) {
        q = q.filter(col("archived_at").is_null());
    }
    Ok(page_of(q.all(db).await?, page.limit, |m| m.id()))
}

/// The row `id` of `E`, or 404.
pub async fn reload<E, C>(db: &C, id: &str) -> Result<E::Model, AppError>
where
    E: EntityTrait,
    C: ConnectionTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<String>,
{
    E::find_by_id(id.to_owned())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Applies `values` to row `id` only while its version is still `expected`; bumps the
/// version and `updated_at`; returns the row as it is now. 412 when someone else changed it first.
pub async fn update_versioned<E, C>(
    db: &C,
    entity: E,
    id: &str,
    expected: i64,
    values: Values,
) -> Result<E::Model, AppError>
where
    E: EntityTrait,
    C: ConnectionTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<String>,
{
    let mut stmt = Query::update();
    stmt.table(entity)
        .value(Alias::new("version"), col("version").add(1))
        .value(Alias::new("updated_at"), Utc::now())
        .and_where(col("id").eq(id))
        .and_where(col("version").eq(expected));
    for (column, value) in values {
        stmt.value(Alias::new(column), value);
    }
    let res = db.execute(db.get_database_backend().build(&stmt)).await?;
    if res.rows_affected() == 0 {
        return Err(AppError::PreconditionFailed);
    }
    reload::<E, C>(db, id).await
}

/// Marks row `id` archived (idempotent), bumps its version, returns the row as it is now.
pub async fn archive<E, C>(db: &C, entity: E, id: &str) -> Result<E::Model, AppError>
where
    E: EntityTrait,
    C: ConnectionTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<String>,
{
    let mut stmt = Query::update();
    stmt.table(entity)
        .value(Alias::new("version"), col("version").add(1))
        .value(Alias::new("updated_at"), Utc::now())
        .value(Alias::new("archived_at"), Utc::now())
        .and_where(col("id").eq(id))
        .and_where(col("archived_at").is_null());
    db.execute(db.get_database_backend().build(&stmt)).await?;
    reload::<E, C>(db, id).await
}

/// Column values to set in an update.
pub type Values = Vec<(&'static str, SimpleExpr)>;

/// The checks every PATCH of a named object makes, in order: each field valid (422 naming
/// them all), `If-Match` present and current (428, 412), object not archived (409). Returns
/// the version to update from and the column values to set.
pub fn named_patch(
    what: &str,
    name: Option<&str>,
    description: Option<&str>,
    if_match: Option<&str>,
    current_version: i64,
    archived: bool,
) -> Result<(i64, Values), AppError> {
    let mut check = crate::domain::Check::new();
    let name = name.and_then(|n| check.take(crate::domain::name("name", n)));
    let description =
        description.and_then(|d| check.take(crate::domain::description("description", d)));
    check.finish()?;
    let version = crate::ids::check_if_match(if_match, current_version)?;
    if archived {
        return Err(AppError::conflict(
            varig_types::ProblemCode::Archived,
            format!("The {what} is archived."),
        ));
    }
    let mut values = vec![];
    if let Some(n) = name {
        values.push(("name", Expr::value(n)));
    }
    if let Some(d) = description {
        values.push(("description", Expr::value(d)));
    }
    Ok((version, values))
}
