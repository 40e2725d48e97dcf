//! Indicators as the project defines them (checked, audited, one transaction each) with
//! their status now; the fade-risk settings; measurements in `measurements`.

pub mod evaluate;
pub mod measurements;

pub use evaluate::{evaluate, fade_history, fade_settings, record_snapshot, Evaluated};

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::ConnectionTrait;
use varig_types::{FadeSettings, Indicator, IndicatorInput, ProblemCode};

use super::{fade, periods, repo, status, views};
use crate::api::plan_items::{self as items, Kind};
use crate::audit::{self, snapshot, Change};
use crate::auth::Principal;
use crate::domain::{self, field_error, Check};
use crate::entities::indicator::{self as ind, Entity as Ind};
use crate::entities::project;
use crate::error::AppError;
use crate::ids::{check_if_match, new_id};
use crate::plan::rules::today_in_oslo;
use crate::plan::store as plan;
use crate::state::AppState;
use crate::store;

pub const KIND: Kind = Kind {
    entity: "indicator",
    created: "indicator.create",
    updated: "indicator.update",
    deleted: "indicator.delete",
};

/// Indicators per project.
pub const MAX_INDICATORS: u64 = 200;
pub const MAX_UNIT_CHARS: usize = 40;

struct Valid {
    name: String,
    description: String,
    unit: String,
    responsible: Option<String>,
    goal: Option<String>,
}

fn finite(check: &mut Check, field: &str, v: Option<f64>) {
    if v.is_some_and(|x| !x.is_finite()) {
        check.push(field_error(
            field,
            "not_a_number",
            "must be a finite number",
        ));
    }
}

async fn valid<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    body: &IndicatorInput,
) -> Result<Valid, AppError> {
    let mut check = Check::new();
    let name = check.take(domain::name("name", &body.name));
    let description = check.take(domain::description("description", &body.description));
    let unit = body.unit.trim().to_owned();
    if unit.chars().count() > MAX_UNIT_CHARS || unit.chars().any(char::is_control) {
        check.push(field_error(
            "unit",
            "too_long",
            format!("must be at most {MAX_UNIT_CHARS} characters, without control characters"),
        ));
    }
    finite(&mut check, "baseline", body.baseline);
    finite(&mut check, "target", body.target);
    finite(&mut check, "green_threshold", Some(body.green_threshold));
    finite(&mut check, "amber_threshold", Some(body.amber_threshold));
    if !status::thresholds_ordered(body.direction, body.green_threshold, body.amber_threshold) {
        check.push(field_error(
            "amber_threshold",
            "wrong_order",
            match body.direction {
                varig_types::Direction::Higher => {
                    "must not be above the green threshold when higher is better"
                }
                varig_types::Direction::Lower => {
                    "must not be below the green threshold when lower is better"
                }
            },
        ));
    }
    if let Some(d) = body.start_date {
        if d < periods::EARLIEST || d > periods::LATEST {
            check.push(field_error(
                "start_date",
                "out_of_range",
                format!(
                    "must be between {} and {}",
                    periods::EARLIEST,
                    periods::LATEST
                ),
            ));
        }
    }
    let goal = match body.goal_id {
        Some(g) => {
            if !repo::goal_in_project(db, project_id, &g.to_string()).await? {
                check.push(field_error(
                    "goal_id",
                    "not_found",
                    "must be a goal of the project",
                ));
            }
            Some(g.to_string())
        }
        None => None,
    };
    check.finish()?;
    Ok(Valid {
        name: name.unwrap_or_default(),
        description: description.unwrap_or_default(),
        unit,
        responsible: items::member(db, project_id, "responsible_id", body.responsible_id).await?,
        goal,
    })
}

/// Every indicator of the project with its status now.
pub async fn list(state: &AppState, p: &project::Model) -> Result<Vec<Indicator>, AppError> {
    let evaluated = evaluate(&state.db, p, Utc::now(), None).await?;
    let names = plan::names(
        &state.db,
        evaluated
            .iter()
            .filter_map(|e| e.model.responsible_id.clone())
            .collect(),
    )
    .await?;
    Ok(evaluated
        .into_iter()
        .map(|e| views::view(&e.model, e.status, &names))
        .collect())
}

/// The indicator `m` with its status now.
pub async fn indicator_view(
    state: &AppState,
    p: &project::Model,
    m: &ind::Model,
) -> Result<Indicator, AppError> {
    let now = Utc::now();
    let evaluated = evaluate(&state.db, p, now, None).await?;
    let names = plan::names(&state.db, m.responsible_id.iter().cloned().collect()).await?;
    let st = evaluated
        .into_iter()
        .find(|e| e.model.id == m.id)
        .map(|e| e.status)
        .ok_or(AppError::NotFound)?;
    Ok(views::view(m, st, &names))
}

/// Defines an indicator in project `p` (at most `MAX_INDICATORS`).
pub async fn create(
    state: &AppState,
    who: &Principal,
    p: &project::Model,
    body: &IndicatorInput,
) -> Result<ind::Model, AppError> {
    let v = valid(&state.db, &p.id, body).await?;
    items::writable(p)?;
    if repo::count(&state.db, &p.id).await? >= MAX_INDICATORS {
        return Err(AppError::conflict(
            ProblemCode::LimitReached,
            format!("The project already has {MAX_INDICATORS} indicators."),
        ));
    }
    let now = Utc::now();
    let start = body.start_date.unwrap_or_else(|| today_in_oslo(now));
    let model = ind::Model {
        id: new_id(),
        project_id: p.id.clone(),
        category: body.category.as_str().into(),
        name: v.name,
        description: v.description,
        unit: v.unit,
        source: body.source.as_str().into(),
        direction: body.direction.as_str().into(),
        baseline: body.baseline,
        target: body.target,
        green_threshold: body.green_threshold,
        amber_threshold: body.amber_threshold,
        frequency: body.frequency.as_str().into(),
        start_date: periods::start_of(body.frequency, start),
        responsible_id: v.responsible,
        goal_id: v.goal,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    items::create::<Ind, _>(
        state,
        who,
        p,
        &KIND,
        model.clone(),
        |m| m.responsible_id.iter().cloned().collect(),
        |m, n| views::view(m, views::no_status(), n),
    )
    .await?;
    Ok(model)
}

/// Replaces the definition of `before` (needs `If-Match`); measurements stay.
pub async fn update(
    state: &AppState,
    who: &Principal,
    p: &project::Model,
    before: &ind::Model,
    if_match: Option<&str>,
    body: &IndicatorInput,
) -> Result<ind::Model, AppError> {
    let v = valid(&state.db, &p.id, body).await?;
    let version = check_if_match(if_match, before.version)?;
    items::writable(p)?;
    let start = body.start_date.unwrap_or(before.start_date);
    let values: store::Values = vec![
        ("category", Expr::value(body.category.as_str())),
        ("name", Expr::value(v.name)),
        ("description", Expr::value(v.description)),
        ("unit", Expr::value(v.unit)),
        ("source", Expr::value(body.source.as_str())),
        ("direction", Expr::value(body.direction.as_str())),
        ("baseline", Expr::value(body.baseline)),
        ("target", Expr::value(body.target)),
        ("green_threshold", Expr::value(body.green_threshold)),
        ("amber_threshold", Expr::value(body.amber_threshold)),
        ("frequency", Expr::value(body.frequency.as_str())),
        (
            "start_date",
            Expr::value(periods::start_of(body.frequency, start)),
        ),
        ("responsible_id", Expr::value(v.responsible)),
        ("goal_id", Expr::value(v.goal)),
    ];
    let (_, after) = items::replace::<Ind, _>(
        state,
        who,
        p,
        &KIND,
        before,
        version,
        values,
        |m| m.responsible_id.iter().cloned().collect(),
        |m, n| views::view(m, views::no_status(), n),
    )
    .await?;
    Ok(after)
}

/// Deletes `before` with its measurements and their corrections (`If-Match`, when sent,
/// must name the current version).
pub async fn delete(
    state: &AppState,
    who: &Principal,
    p: &project::Model,
    before: &ind::Model,
    if_match: Option<&str>,
) -> Result<(), AppError> {
    if let Some(tag) = if_match {
        check_if_match(Some(tag), before.version)?;
    }
    items::writable(p)?;
    let txn = crate::db::begin_write(&state.db).await?;
    if !repo::delete_indicator(&txn, &before.id).await? {
        return Err(AppError::NotFound);
    }
    items::record(
        &txn,
        who,
        p,
        &KIND,
        KIND.deleted,
        &before.id,
        Some(&views::view(
            before,
            views::no_status(),
            &Default::default(),
        )),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Replaces the project's fade-risk settings (422 naming every problem), audited.
pub async fn update_fade_settings(
    state: &AppState,
    who: &Principal,
    p: &project::Model,
    body: &FadeSettings,
) -> Result<(), AppError> {
    let errors = fade::check(body);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    items::writable(p)?;
    let txn = crate::db::begin_write(&state.db).await?;
    let before = repo::fade_settings(&txn, &p.id).await?;
    repo::save_fade_settings(&txn, &p.id, body, Utc::now()).await?;
    audit::record(
        &txn,
        Some(who),
        Change {
            organisation_id: Some(p.organisation_id.clone()),
            action: "fade_settings.update",
            entity_type: "project",
            entity_id: Some(p.id.clone()),
            before: snapshot(&before),
            after: snapshot(body),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
