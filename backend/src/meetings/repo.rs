//! Every database statement of the meeting cadence: series, recorded meetings, actions,
//! what adherence reads, and calendar feeds.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use varig_types::{ActionStatus, SeriesStatus};

use crate::entities::calendar_feed::{self as cf, Entity as Feeds};
use crate::entities::meeting::{self as mt, Entity as Meetings};
use crate::entities::meeting_action::{self as ma, Entity as Actions};
use crate::entities::meeting_series::{self as ms, Entity as Series};
use crate::entities::{membership, project};
use crate::error::{AppError, OnConstraint};
use crate::ids::PageRequest;
use crate::store;

/// A page of the project's series in creation order.
pub async fn series_page<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    page: &PageRequest,
) -> Result<(Vec<ms::Model>, Option<String>), AppError> {
    let q = Series::find().filter(ms::Column::ProjectId.eq(project_id));
    store::fetch_page(db, q, page, None).await
}

/// Every series of the project.
pub async fn series_of<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<Vec<ms::Model>, AppError> {
    Ok(Series::find()
        .filter(ms::Column::ProjectId.eq(project_id))
        .all(db)
        .await?)
}

/// The confirmed series of the project.
pub async fn confirmed_series_of<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<Vec<ms::Model>, AppError> {
    Ok(Series::find()
        .filter(ms::Column::ProjectId.eq(project_id))
        .filter(ms::Column::Status.eq(SeriesStatus::Confirmed))
        .all(db)
        .await?)
}

/// The confirmed series of any of `projects`.
pub async fn confirmed_series_in<Db: ConnectionTrait>(
    db: &Db,
    projects: Vec<String>,
) -> Result<Vec<ms::Model>, AppError> {
    Ok(Series::find()
        .filter(ms::Column::ProjectId.is_in(projects))
        .filter(ms::Column::Status.eq(SeriesStatus::Confirmed))
        .all(db)
        .await?)
}

/// Series `id`, if there is one.
pub async fn series<Db: ConnectionTrait>(db: &Db, id: &str) -> Result<Option<ms::Model>, AppError> {
    Ok(Series::find_by_id(id.to_owned()).one(db).await?)
}

pub async fn insert_series<Db: ConnectionTrait>(db: &Db, m: &ms::Model) -> Result<(), AppError> {
    Series::insert(ms::ActiveModel::from(m.clone()))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The recorded meeting of series `series_id` on `date`, if any.
pub async fn meeting<Db: ConnectionTrait>(
    db: &Db,
    series_id: &str,
    date: NaiveDate,
) -> Result<Option<mt::Model>, AppError> {
    Ok(Meetings::find()
        .filter(mt::Column::SeriesId.eq(series_id))
        .filter(mt::Column::Date.eq(date))
        .one(db)
        .await?)
}

/// The recorded meetings of series `series_id` between `from` and `to`.
pub async fn meetings_between<Db: ConnectionTrait>(
    db: &Db,
    series_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<mt::Model>, AppError> {
    Ok(Meetings::find()
        .filter(mt::Column::SeriesId.eq(series_id))
        .filter(mt::Column::Date.gte(from))
        .filter(mt::Column::Date.lte(to))
        .all(db)
        .await?)
}

/// Every recorded meeting of series `series_id`.
pub async fn meetings_of_series<Db: ConnectionTrait>(
    db: &Db,
    series_id: &str,
) -> Result<Vec<mt::Model>, AppError> {
    Ok(Meetings::find()
        .filter(mt::Column::SeriesId.eq(series_id))
        .all(db)
        .await?)
}

/// The project's recorded meetings up to `today`, from `since` when given.
pub async fn meetings_of_project<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    today: NaiveDate,
    since: Option<NaiveDate>,
) -> Result<Vec<mt::Model>, AppError> {
    let mut q = Meetings::find()
        .filter(mt::Column::ProjectId.eq(project_id))
        .filter(mt::Column::Date.lte(today));
    if let Some(s) = since {
        q = q.filter(mt::Column::Date.gte(s));
    }
    Ok(q.all(db).await?)
}

/// Records a meeting for the first time (412 when someone else recorded it first).
pub async fn insert_meeting<Db: ConnectionTrait>(db: &Db, m: mt::Model) -> Result<(), AppError> {
    Meetings::insert(mt::ActiveModel::from(m))
        .exec_without_returning(db)
        .await
        .on_unique(|| AppError::PreconditionFailed)?;
    Ok(())
}

/// Replaces what was recorded of series `m.series_id`'s meeting on `m.date` while its version
/// is still `version` (412 otherwise).
pub async fn update_meeting<Db: ConnectionTrait>(
    db: &Db,
    m: &mt::Model,
    version: i64,
) -> Result<(), AppError> {
    let res = Meetings::update_many()
        .col_expr(mt::Column::Status, Expr::value(m.status))
        .col_expr(mt::Column::HeldOn, Expr::value(m.held_on))
        .col_expr(
            mt::Column::CancelReason,
            Expr::value(m.cancel_reason.clone()),
        )
        .col_expr(mt::Column::Agenda, Expr::value(m.agenda.clone()))
        .col_expr(mt::Column::Attendance, Expr::value(m.attendance.clone()))
        .col_expr(mt::Column::Decisions, Expr::value(m.decisions.clone()))
        .col_expr(
            mt::Column::MinutesPublishedAt,
            Expr::value(m.minutes_published_at),
        )
        .col_expr(mt::Column::UpdatedAt, Expr::value(m.updated_at))
        .col_expr(mt::Column::Version, Expr::value(version + 1))
        .filter(mt::Column::SeriesId.eq(m.series_id.clone()))
        .filter(mt::Column::Date.eq(m.date))
        .filter(mt::Column::Version.eq(version))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::PreconditionFailed);
    }
    Ok(())
}

/// Every action of series `series_id`, in creation order.
pub async fn actions_of_series<Db: ConnectionTrait>(
    db: &Db,
    series_id: &str,
) -> Result<Vec<ma::Model>, AppError> {
    Ok(Actions::find()
        .filter(ma::Column::SeriesId.eq(series_id))
        .order_by_asc(ma::Column::Id)
        .all(db)
        .await?)
}

/// The open actions of the project.
pub async fn open_actions_of_project<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<Vec<ma::Model>, AppError> {
    Ok(Actions::find()
        .filter(ma::Column::ProjectId.eq(project_id))
        .filter(ma::Column::Status.eq(ActionStatus::Open))
        .all(db)
        .await?)
}

/// The open actions `user` is responsible for, in creation order.
pub async fn open_actions_of_user<Db: ConnectionTrait>(
    db: &Db,
    user: &str,
) -> Result<Vec<ma::Model>, AppError> {
    Ok(Actions::find()
        .filter(ma::Column::ResponsibleId.eq(user))
        .filter(ma::Column::Status.eq(ActionStatus::Open))
        .order_by_asc(ma::Column::Id)
        .all(db)
        .await?)
}

pub async fn insert_action<Db: ConnectionTrait>(db: &Db, m: &ma::Model) -> Result<(), AppError> {
    Actions::insert(ma::ActiveModel::from(m.clone()))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The current memberships of `user`, of one project when given.
pub async fn memberships_of<Db: ConnectionTrait>(
    db: &Db,
    user: &str,
    project_id: Option<&str>,
) -> Result<Vec<membership::Model>, AppError> {
    let mut q = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user))
        .filter(membership::Column::ArchivedAt.is_null());
    if let Some(p) = project_id {
        q = q.filter(membership::Column::ProjectId.eq(p));
    }
    Ok(q.all(db).await?)
}

/// The projects `ids` that are not archived.
pub async fn active_projects<Db: ConnectionTrait>(
    db: &Db,
    ids: Vec<String>,
) -> Result<Vec<project::Model>, AppError> {
    Ok(project::Entity::find()
        .filter(project::Column::Id.is_in(ids))
        .filter(project::Column::ArchivedAt.is_null())
        .all(db)
        .await?)
}

/// Revokes `user`'s current feed of the same kind (of `project_id`, or of all projects) and
/// stores `feed`.
pub async fn rotate_feed<Db: ConnectionTrait>(
    db: &Db,
    feed: &cf::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut old = Feeds::update_many()
        .col_expr(cf::Column::RevokedAt, Expr::value(now))
        .filter(cf::Column::UserId.eq(feed.user_id.clone()))
        .filter(cf::Column::RevokedAt.is_null());
    old = match &feed.project_id {
        Some(p) => old.filter(cf::Column::ProjectId.eq(p.clone())),
        None => old.filter(cf::Column::ProjectId.is_null()),
    };
    old.exec(db).await?;
    Feeds::insert(cf::ActiveModel::from(feed.clone()))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The feed whose secret hashes to `token_hash`, unless revoked.
pub async fn feed_by_hash<Db: ConnectionTrait>(
    db: &Db,
    token_hash: &str,
) -> Result<Option<cf::Model>, AppError> {
    Ok(Feeds::find()
        .filter(cf::Column::TokenHash.eq(token_hash))
        .filter(cf::Column::RevokedAt.is_null())
        .one(db)
        .await?)
}

/// The user `id` if neither they nor their organisation is archived.
pub async fn active_user<Db: ConnectionTrait>(
    db: &Db,
    id: &str,
) -> Result<Option<crate::entities::user::Model>, AppError> {
    crate::auth::sessions::active_user(
        db,
        sea_orm::Condition::all().add(crate::entities::user::Column::Id.eq(id)),
    )
    .await
}
