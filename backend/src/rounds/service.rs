//! Rounds as members use them, the same for every instrument: open (one open round per
//! project), answer (replacing the caller's earlier answers while the round is open) and
//! close (idempotent), each in one transaction with its audit record; and the views.

use chrono::Utc;
use sea_orm::{ConnectionTrait, IntoActiveModel, PrimaryKeyTrait};
use uuid::Uuid;
use varig_types::{AssessmentStatus, ProblemCode};

use super::repo::{self, RoundTable};
use super::sustainability::Sustainability;
use super::{Instrument, Round};
use crate::access::Action;
use crate::api::plan_items as items;
use crate::auth::Principal;
use crate::domain;
use crate::entities::project;
use crate::error::{AppError, OnConstraint};
use crate::ids::{new_id, PageRequest};
use crate::state::AppState;
use crate::store::HasId;

/// Round `id` of instrument `I` and its project, checked for `action` (404 when the
/// caller may not see the project, 403 when they may see but not do it).
pub async fn round_for<I: Instrument>(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    action: Action,
) -> Result<(Round, project::Model), AppError>
where
    <I::Rounds as sea_orm::EntityTrait>::Model: items::InProject,
    <<I::Rounds as sea_orm::EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType: From<String>,
{
    let (m, p) = items::item_for::<I::Rounds>(state, who, id, action).await?;
    Ok((I::Rounds::round(m), p))
}

/// The views of `rounds`: their responses in one query.
async fn views<I: Instrument, C: ConnectionTrait>(
    db: &C,
    rounds: &[Round],
    who: &Principal,
) -> Result<Vec<I::View>, AppError> {
    let by = repo::responses(
        db,
        I::ANSWERS,
        rounds.iter().map(|r| r.id.clone()).collect(),
    )
    .await?;
    let me = who.user_id_str();
    Ok(rounds
        .iter()
        .map(|r| {
            I::view(
                r,
                by.get(&r.id).map(Vec::as_slice).unwrap_or(&[]),
                me.as_deref(),
            )
        })
        .collect())
}

/// The view of one round.
pub async fn view<I: Instrument, C: ConnectionTrait>(
    db: &C,
    round: &Round,
    who: &Principal,
) -> Result<I::View, AppError> {
    let mut v = views::<I, C>(db, std::slice::from_ref(round), who).await?;
    v.pop().ok_or(AppError::NotFound)
}

/// Every round of the project, oldest first.
pub async fn list<I: Instrument>(
    state: &AppState,
    p: &project::Model,
    who: &Principal,
) -> Result<Vec<I::View>, AppError> {
    let rounds = repo::rounds::<I::Rounds, _>(&state.db, &p.id).await?;
    views::<I, _>(&state.db, &rounds, who).await
}

/// One page of the project's rounds, oldest first.
pub async fn page<I: Instrument>(
    state: &AppState,
    p: &project::Model,
    who: &Principal,
    page: &PageRequest,
) -> Result<(Vec<I::View>, Option<String>), AppError>
where
    <I::Rounds as sea_orm::EntityTrait>::Model: HasId,
{
    let (rounds, next) = repo::rounds_page::<I::Rounds, _>(&state.db, &p.id, page).await?;
    Ok((views::<I, _>(&state.db, &rounds, who).await?, next))
}

fn closed() -> AppError {
    AppError::conflict(
        ProblemCode::RoundClosed,
        "The round is closed; open a new one.",
    )
}

/// Opens a round titled `title` in project `p` (409 while another is open).
pub async fn open<I: Instrument>(
    state: &AppState,
    who: &Principal,
    p: &project::Model,
    title: &str,
) -> Result<I::View, AppError>
where
    <I::Rounds as sea_orm::EntityTrait>::Model:
        IntoActiveModel<<I::Rounds as sea_orm::EntityTrait>::ActiveModel>,
{
    let title = domain::name("title", title).map_err(|e| AppError::Validation(vec![e]))?;
    items::writable(p)?;
    let opener = who.user_id_str().ok_or(AppError::Forbidden)?;
    let round = Round {
        id: new_id(),
        project_id: p.id.clone(),
        phase: p.phase.clone(),
        title,
        status: AssessmentStatus::Open.as_str().into(),
        opened_by: opener,
        created_at: Utc::now(),
        closed_at: None,
    };
    let open_exists = || AppError::conflict(ProblemCode::RoundOpenExists, I::OPEN_EXISTS);
    let txn = crate::db::begin_write(&state.db).await?;
    if repo::has_open::<I::Rounds, _>(&txn, &p.id).await? {
        return Err(open_exists());
    }
    repo::insert::<I::Rounds, _>(&txn, &round)
        .await
        .on_unique(open_exists)?;
    let after = I::view(&round, &[], who.user_id_str().as_deref());
    items::record(
        &txn,
        who,
        p,
        &I::KIND,
        I::KIND.created,
        &round.id,
        None,
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Records the caller's response to `round` (checked first), replacing an earlier one.
pub async fn answer<I: Instrument>(
    state: &AppState,
    who: &Principal,
    round: &Round,
    p: &project::Model,
    input: &I::Input,
) -> Result<I::View, AppError>
where
    <<I::Rounds as sea_orm::EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType: From<String>,
{
    let answers = I::answers(input)?;
    items::writable(p)?;
    let user = who.user_id_str().ok_or(AppError::Forbidden)?;
    let txn = crate::db::begin_write(&state.db).await?;
    // Re-read under the write lock: a round closed meanwhile takes no more answers.
    let current = repo::round::<I::Rounds, _>(&txn, &round.id).await?;
    if current.status != AssessmentStatus::Open.as_str() {
        return Err(closed());
    }
    repo::replace_response(&txn, I::ANSWERS, &round.id, &user, &answers, Utc::now()).await?;
    let after = view::<I, _>(&txn, &current, who).await?;
    items::record(
        &txn,
        who,
        p,
        &I::KIND,
        I::ANSWERED,
        &round.id,
        None,
        Some(I::mine(&after)),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Closes `round`; closing a closed round changes nothing (and records nothing).
pub async fn close<I: Instrument>(
    state: &AppState,
    who: &Principal,
    round: &Round,
    p: &project::Model,
) -> Result<I::View, AppError>
where
    <<I::Rounds as sea_orm::EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType: From<String>,
{
    items::writable(p)?;
    let txn = crate::db::begin_write(&state.db).await?;
    let closed_now = repo::close::<I::Rounds, _>(&txn, &round.id, Utc::now()).await?;
    let current = repo::round::<I::Rounds, _>(&txn, &round.id).await?;
    let after = view::<I, _>(&txn, &current, who).await?;
    if closed_now {
        let before = view::<I, _>(&txn, round, who).await?;
        items::record(
            &txn,
            who,
            p,
            &I::KIND,
            I::CLOSED,
            &round.id,
            Some(&before),
            Some(&after),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(after)
}

/// Sustainability totals of the project's latest and previous closed round, when both
/// have one (for the fade risk).
pub async fn sustainability_totals<C: ConnectionTrait>(
    db: &C,
    project_id: &str,
) -> Result<Option<(f64, f64)>, AppError> {
    type T = <Sustainability as Instrument>::Rounds;
    let rounds = repo::latest_closed::<T, _>(db, project_id, 2).await?;
    if rounds.len() < 2 {
        return Ok(None);
    }
    let by = repo::responses(
        db,
        Sustainability::ANSWERS,
        rounds.iter().map(|r| r.id.clone()).collect(),
    )
    .await?;
    let total = |r: &Round| {
        super::sustainability::result(by.get(&r.id).map(Vec::as_slice).unwrap_or(&[])).total
    };
    Ok(match (total(&rounds[0]), total(&rounds[1])) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => None,
    })
}
