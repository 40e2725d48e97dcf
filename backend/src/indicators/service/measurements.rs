//! Measurements: an indicator's value per period, recorded by a person or a third-party
//! system and corrected with the earlier value kept; audited in the project.

use chrono::{NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;
use varig_types::{
    IndicatorSource, Measurement, MeasurementCorrection, MeasurementInput, MeasurementSource,
    ProblemCode,
};

use crate::access::{self, Action, Subject};
use crate::api::plan_items as items;
use crate::api::projects::role_in;
use crate::audit::{self, snapshot, Change};
use crate::auth::Principal;
use crate::domain::{self, field_error, Check};
use crate::entities::indicator as ind;
use crate::entities::measurement as ms;
use crate::entities::project;
use crate::error::{AppError, OnConstraint};
use crate::ids::{check_if_match, new_id};
use crate::indicators::{periods, repo, views};
use crate::plan::rules::today_in_oslo;
use crate::state::AppState;

/// An indicator and its project for writing a measurement: those with the permission, and
/// the indicator's responsible member. 404 for anyone who may not see the project at all
/// (a measurements-only token sees nothing but what it writes), 403 for readers.
async fn writable_indicator(
    state: &AppState,
    who: &Principal,
    id: &str,
) -> Result<(ind::Model, project::Model), AppError> {
    let m = repo::indicator(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = repo::project(&state.db, &m.project_id)
        .await?
        .filter(|p| who.same_org(&p.organisation_id))
        .ok_or(AppError::NotFound)?;
    let role = role_in(state, who, &p.id).await?;
    let mut subjects = who.subjects();
    subjects.extend(role.map(Subject::Project));
    let responsible =
        role.is_some() && m.responsible_id.is_some() && m.responsible_id == who.user_id_str();
    if access::allowed(&subjects, Action::MeasurementWrite) || responsible {
        items::writable(&p)?;
        return Ok((m, p));
    }
    if access::allowed(&subjects, Action::ProjectRead) {
        return Err(AppError::Forbidden);
    }
    Err(AppError::NotFound)
}

fn source_of(who: &Principal) -> MeasurementSource {
    if who.token_id.is_some() {
        MeasurementSource::System
    } else {
        MeasurementSource::Person
    }
}

fn check_value(check: &mut Check, value: f64, comment: &str) -> Option<String> {
    if !value.is_finite() {
        check.push(field_error(
            "value",
            "not_a_number",
            "must be a finite number",
        ));
    }
    check.take(domain::description("comment", comment))
}

fn computed(m: &ind::Model) -> Result<(), AppError> {
    if views::source(m) != IndicatorSource::Manual {
        return Err(AppError::conflict(
            ProblemCode::ManagedByVarig,
            "Varig computes this indicator's values; it takes no measurements.",
        ));
    }
    Ok(())
}

async fn audit_change(
    db: &impl ConnectionTrait,
    who: &Principal,
    p: &project::Model,
    action: &'static str,
    before: Option<&Measurement>,
    after: &Measurement,
) -> Result<(), AppError> {
    audit::record_in_project(
        db,
        Some(who),
        Change {
            organisation_id: Some(p.organisation_id.clone()),
            action,
            entity_type: "measurement",
            entity_id: Some(after.id.to_string()),
            before: before.and_then(snapshot),
            after: snapshot(after),
        },
        Some(&p.id),
    )
    .await?;
    Ok(())
}

/// The indicator's measurements, oldest period first, within `from`–`to`.
pub async fn list(
    state: &AppState,
    m: &ind::Model,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Measurement>, AppError> {
    let rows = repo::measurements(&state.db, &m.id, from, to).await?;
    let f = views::frequency(m);
    Ok(rows
        .iter()
        .map(|r| views::measurement_view(r, f, &[]))
        .collect())
}

/// Measurement `row` with its earlier values, newest first.
pub async fn get(state: &AppState, row: &ms::Model) -> Result<Measurement, AppError> {
    let m = repo::indicator(&state.db, &row.indicator_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let revisions = repo::revisions(&state.db, &row.id).await?;
    Ok(views::measurement_view(
        row,
        views::frequency(&m),
        &revisions,
    ))
}

/// Records the value of one period of indicator `id` (409 when the period has one).
pub async fn create(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    body: &MeasurementInput,
) -> Result<Measurement, AppError> {
    let (m, p) = writable_indicator(state, who, &id.to_string()).await?;
    let now = Utc::now();
    let f = views::frequency(&m);
    let period = periods::start_of(f, body.period);
    let mut check = Check::new();
    let comment = check_value(&mut check, body.value, &body.comment);
    if body.period < periods::EARLIEST {
        check.push(field_error(
            "period",
            "out_of_range",
            format!("must not be before {}", periods::EARLIEST),
        ));
    } else if period > periods::start_of(f, today_in_oslo(now)) {
        check.push(field_error(
            "period",
            "in_the_future",
            "must not be after the current period",
        ));
    }
    check.finish()?;
    computed(&m)?;
    let row = ms::Model {
        id: new_id(),
        indicator_id: m.id.clone(),
        project_id: p.id.clone(),
        period_start: period,
        value: body.value,
        comment: comment.unwrap_or_default(),
        source: source_of(who).as_str().into(),
        recorded_by_user_id: who.user_id_str(),
        recorded_by_token_id: who.token_id.map(|t| t.to_string()),
        recorded_by_name: who.name.clone(),
        recorded_at: now,
        version: 1,
    };
    let txn = crate::db::begin_write(&state.db).await?;
    repo::insert_measurement(&txn, &row).await.on_unique(|| {
        AppError::conflict(
            ProblemCode::AlreadyExists,
            format!("The period starting {period} already has a value; correct it with PUT."),
        )
    })?;
    let view = views::measurement_view(&row, f, &[]);
    audit_change(&txn, who, &p, "measurement.create", None, &view).await?;
    txn.commit().await?;
    Ok(view)
}

/// A new value for measurement `id`'s period (needs `If-Match`); the earlier value is kept.
pub async fn correct(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
    body: &MeasurementCorrection,
) -> Result<Measurement, AppError> {
    let before = repo::measurement(&state.db, &id.to_string())
        .await?
        .ok_or(AppError::NotFound)?;
    let (m, p) = writable_indicator(state, who, &before.indicator_id).await?;
    let mut check = Check::new();
    let comment = check_value(&mut check, body.value, &body.comment);
    check.finish()?;
    let version = check_if_match(if_match, before.version)?;
    computed(&m)?;
    let f = views::frequency(&m);
    let now = Utc::now();
    let replacement = ms::Model {
        value: body.value,
        comment: comment.unwrap_or_default(),
        source: source_of(who).as_str().into(),
        recorded_by_user_id: who.user_id_str(),
        recorded_by_token_id: who.token_id.map(|t| t.to_string()),
        recorded_by_name: who.name.clone(),
        recorded_at: now,
        version: version + 1,
        ..before.clone()
    };
    let txn = crate::db::begin_write(&state.db).await?;
    // Only the version read may be replaced: a concurrent correction answers 412.
    if !repo::correct(&txn, &before, &replacement).await? {
        return Err(AppError::PreconditionFailed);
    }
    let after = repo::measurement(&txn, &before.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let revisions = repo::revisions(&txn, &before.id).await?;
    let view = views::measurement_view(&after, f, &revisions);
    let old = views::measurement_view(&before, f, &[]);
    audit_change(&txn, who, &p, "measurement.correct", Some(&old), &view).await?;
    txn.commit().await?;
    Ok(view)
}

/// The project's measurements as CSV, by indicator and period.
pub async fn export(state: &AppState, p: &project::Model) -> Result<String, AppError> {
    let inds = repo::indicators(&state.db, &p.id).await?;
    let rows =
        repo::project_measurements(&state.db, &p.id, crate::api::reports::MAX_EXPORT).await?;
    Ok(views::csv(&inds, &rows))
}
