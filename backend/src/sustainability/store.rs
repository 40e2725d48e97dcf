//! Sustainability rounds as stored: ratings per round, and the totals of the latest two
//! closed rounds (for the fade risk).

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use varig_types::{AssessmentStatus, SustainabilityResult};

use super::score;
use crate::entities::{sustainability_assessment as sa, sustainability_rating as sr};
use crate::error::AppError;

/// Ratings of the given rounds as (respondent, factor, score), by round: one query.
pub async fn ratings<Db: ConnectionTrait>(
    db: &Db,
    rounds: Vec<String>,
) -> Result<HashMap<String, Vec<sr::Model>>, AppError> {
    let mut out: HashMap<String, Vec<sr::Model>> = HashMap::new();
    if rounds.is_empty() {
        return Ok(out);
    }
    for r in sr::Entity::find()
        .filter(sr::Column::AssessmentId.is_in(rounds))
        .all(db)
        .await?
    {
        out.entry(r.assessment_id.clone()).or_default().push(r);
    }
    Ok(out)
}

pub fn result_of(rows: &[sr::Model]) -> SustainabilityResult {
    let triples: Vec<(String, String, i32)> = rows
        .iter()
        .map(|r| (r.user_id.clone(), r.factor.clone(), r.score))
        .collect();
    score::result(&triples)
}

/// Totals of the latest and the previous closed round, when both have one.
pub async fn latest_totals<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<Option<(f64, f64)>, AppError> {
    let rounds = sa::Entity::find()
        .filter(sa::Column::ProjectId.eq(project_id))
        .filter(sa::Column::Status.eq(AssessmentStatus::Closed.as_str()))
        .order_by_desc(sa::Column::ClosedAt)
        .limit(2)
        .all(db)
        .await?;
    if rounds.len() < 2 {
        return Ok(None);
    }
    let by = ratings(db, rounds.iter().map(|r| r.id.clone()).collect()).await?;
    let total = |id: &str| result_of(by.get(id).map(Vec::as_slice).unwrap_or(&[])).total;
    Ok(match (total(&rounds[0].id), total(&rounds[1].id)) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => None,
    })
}
