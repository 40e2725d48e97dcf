//! Every database statement of rounds, generic over the two table pairs: the rounds
//! (`readiness_assessments`, `sustainability_assessments`: the same columns) and the
//! answers (`readiness_responses`: one row per respondent with a JSON array;
//! `sustainability_ratings`: one row per respondent and question).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect,
};
use varig_types::{AssessmentStatus, ReadinessAnswer};

use super::{Answer, Response, Round};
use crate::entities::{
    readiness_assessment as ra, readiness_response as rr, sustainability_assessment as sa,
    sustainability_rating as sr,
};
use crate::error::AppError;
use crate::ids::{new_id, PageRequest};
use crate::store;

/// A table of rounds.
pub trait RoundTable: EntityTrait {
    fn id() -> Self::Column;
    fn project_id() -> Self::Column;
    fn status() -> Self::Column;
    fn closed_at() -> Self::Column;
    fn round(m: Self::Model) -> Round;
    fn row(r: &Round) -> Self::ActiveModel;
}

macro_rules! round_table {
    ($($m:ident),*) => {
        $(impl RoundTable for $m::Entity {
            fn id() -> $m::Column {
                $m::Column::Id
            }
            fn project_id() -> $m::Column {
                $m::Column::ProjectId
            }
            fn status() -> $m::Column {
                $m::Column::Status
            }
            fn closed_at() -> $m::Column {
                $m::Column::ClosedAt
            }
            fn round(m: $m::Model) -> Round {
                Round {
                    id: m.id,
                    project_id: m.project_id,
                    phase: m.phase,
                    title: m.title,
                    status: m.status,
                    opened_by: m.opened_by,
                    created_at: m.created_at,
                    closed_at: m.closed_at,
                }
            }
            fn row(r: &Round) -> $m::ActiveModel {
                $m::Model {
                    id: r.id.clone(),
                    project_id: r.project_id.clone(),
                    phase: r.phase.clone(),
                    title: r.title.clone(),
                    status: r.status.clone(),
                    opened_by: r.opened_by.clone(),
                    created_at: r.created_at,
                    closed_at: r.closed_at,
                }
                .into()
            }
        })*
    };
}

round_table!(ra, sa);

/// Where an instrument's answers are stored, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerTable {
    /// `readiness_responses`: one row per respondent, the answers a JSON array.
    Readiness,
    /// `sustainability_ratings`: one row per respondent and question.
    Sustainability,
}

/// Round `id`, or 404.
pub async fn round<T: RoundTable, C: ConnectionTrait>(db: &C, id: &str) -> Result<Round, AppError>
where
    <T::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<String>,
{
    Ok(T::round(store::reload::<T, C>(db, id).await?))
}

/// The project's rounds, oldest first.
pub async fn rounds<T: RoundTable, C: ConnectionTrait>(
    db: &C,
    project_id: &str,
) -> Result<Vec<Round>, AppError> {
    Ok(T::find()
        .filter(T::project_id().eq(project_id))
        .order_by_asc(T::id())
        .all(db)
        .await?
        .into_iter()
        .map(T::round)
        .collect())
}

/// One page of the project's rounds, oldest first.
pub async fn rounds_page<T: RoundTable, C: ConnectionTrait>(
    db: &C,
    project_id: &str,
    page: &PageRequest,
) -> Result<(Vec<Round>, Option<String>), AppError>
where
    T::Model: store::HasId,
{
    let q = T::find().filter(T::project_id().eq(project_id));
    let (rows, next) = store::fetch_page(db, q, page, None).await?;
    Ok((rows.into_iter().map(T::round).collect(), next))
}

/// Whether the project has an open round.
pub async fn has_open<T: RoundTable, C: ConnectionTrait>(
    db: &C,
    project_id: &str,
) -> Result<bool, DbErr> {
    Ok(T::find()
        .filter(T::project_id().eq(project_id))
        .filter(T::status().eq(AssessmentStatus::Open.as_str()))
        .one(db)
        .await?
        .is_some())
}

pub async fn insert<T: RoundTable, C: ConnectionTrait>(db: &C, r: &Round) -> Result<(), DbErr>
where
    T::Model: IntoActiveModel<T::ActiveModel>,
{
    T::insert(T::row(r)).exec_without_returning(db).await?;
    Ok(())
}

/// Closes round `id` if it is open; whether it was.
pub async fn close<T: RoundTable, C: ConnectionTrait>(
    db: &C,
    id: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = T::update_many()
        .col_expr(T::status(), Expr::value(AssessmentStatus::Closed.as_str()))
        .col_expr(T::closed_at(), Expr::value(now))
        .filter(T::id().eq(id))
        .filter(T::status().eq(AssessmentStatus::Open.as_str()))
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}

/// The project's latest `n` closed rounds, latest first.
pub async fn latest_closed<T: RoundTable, C: ConnectionTrait>(
    db: &C,
    project_id: &str,
    n: u64,
) -> Result<Vec<Round>, DbErr> {
    Ok(T::find()
        .filter(T::project_id().eq(project_id))
        .filter(T::status().eq(AssessmentStatus::Closed.as_str()))
        .order_by_desc(T::closed_at())
        .limit(n)
        .all(db)
        .await?
        .into_iter()
        .map(T::round)
        .collect())
}

/// Groups rows of (round, respondent, answer) by round and respondent, in row order.
fn group(
    rows: impl IntoIterator<Item = (String, String, Answer)>,
) -> HashMap<String, Vec<Response>> {
    let mut out: HashMap<String, Vec<Response>> = HashMap::new();
    for (round, user, answer) in rows {
        let responses = out.entry(round).or_default();
        match responses.iter_mut().find(|r| r.user_id == user) {
            Some(r) => r.answers.push(answer),
            None => responses.push(Response {
                user_id: user,
                answers: vec![answer],
            }),
        }
    }
    out
}

/// Every response of the given rounds, by round: one query.
pub async fn responses<C: ConnectionTrait>(
    db: &C,
    table: AnswerTable,
    rounds: Vec<String>,
) -> Result<HashMap<String, Vec<Response>>, AppError> {
    if rounds.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(match table {
        AnswerTable::Readiness => {
            let mut out: HashMap<String, Vec<Response>> = HashMap::new();
            for r in rr::Entity::find()
                .filter(rr::Column::AssessmentId.is_in(rounds))
                .order_by_asc(rr::Column::Id)
                .all(db)
                .await?
            {
                let answers: Vec<ReadinessAnswer> =
                    serde_json::from_str(&r.answers).unwrap_or_default();
                out.entry(r.assessment_id).or_default().push(Response {
                    user_id: r.user_id,
                    answers: answers
                        .into_iter()
                        .map(|a| Answer {
                            item: a.item,
                            score: a.score,
                        })
                        .collect(),
                });
            }
            out
        }
        AnswerTable::Sustainability => group(
            sr::Entity::find()
                .filter(sr::Column::AssessmentId.is_in(rounds))
                .all(db)
                .await?
                .into_iter()
                .map(|r| {
                    (
                        r.assessment_id,
                        r.user_id,
                        Answer {
                            item: r.factor,
                            score: r.score,
                        },
                    )
                }),
        ),
    })
}

/// Replaces `user`'s answers in round `round`.
pub async fn replace_response<C: ConnectionTrait>(
    db: &C,
    table: AnswerTable,
    round: &str,
    user: &str,
    answers: &[Answer],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    match table {
        AnswerTable::Readiness => {
            let json = serde_json::json!(answers
                .iter()
                .map(|a| ReadinessAnswer {
                    item: a.item.clone(),
                    score: a.score,
                })
                .collect::<Vec<_>>())
            .to_string();
            let existing = rr::Entity::find()
                .filter(rr::Column::AssessmentId.eq(round))
                .filter(rr::Column::UserId.eq(user))
                .one(db)
                .await?;
            match existing {
                Some(r) => {
                    rr::Entity::update_many()
                        .col_expr(rr::Column::Answers, Expr::value(json))
                        .col_expr(rr::Column::UpdatedAt, Expr::value(now))
                        .filter(rr::Column::Id.eq(r.id))
                        .exec(db)
                        .await?;
                }
                None => {
                    rr::Entity::insert(rr::ActiveModel {
                        id: Set(new_id()),
                        assessment_id: Set(round.to_owned()),
                        user_id: Set(user.to_owned()),
                        answers: Set(json),
                        created_at: Set(now),
                        updated_at: Set(now),
                    })
                    .exec_without_returning(db)
                    .await?;
                }
            }
        }
        AnswerTable::Sustainability => {
            sr::Entity::delete_many()
                .filter(sr::Column::AssessmentId.eq(round))
                .filter(sr::Column::UserId.eq(user))
                .exec(db)
                .await?;
            sr::Entity::insert_many(answers.iter().map(|a| sr::ActiveModel {
                assessment_id: Set(round.to_owned()),
                user_id: Set(user.to_owned()),
                factor: Set(a.item.clone()),
                score: Set(a.score),
                updated_at: Set(now),
            }))
            .exec_without_returning(db)
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_group_by_round_and_respondent_in_row_order() {
        let a = |item: &str, score| Answer {
            item: item.into(),
            score,
        };
        let g = group([
            ("r".into(), "u".into(), a("x", 1)),
            ("r".into(), "v".into(), a("x", 2)),
            ("r".into(), "u".into(), a("y", 3)),
        ]);
        assert_eq!(g["r"].len(), 2);
        assert_eq!(g["r"][0].answers, vec![a("x", 1), a("y", 3)]);
        assert_eq!(g["r"][1].user_id, "v");
    }
}
