//! The phase checklist: the model's items seeded per project, plus the project's own.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::ConnectionTrait;
use uuid::Uuid;
use varig_types::{
    Checklist, ChecklistItem, ChecklistItemUpdate, ChecklistKind, ItemStatus, NewChecklistItem,
    ProblemCode,
};

use super::items::{self, CHECKLIST_ITEM as KIND};
use crate::access::Action;
use crate::auth::Principal;
use crate::domain::{self, field_error, Check};
use crate::entities::checklist_item::{self as ci, Entity as Item};
use crate::error::AppError;
use crate::ids::{check_if_match, new_id};
use crate::plan::{repo, views};
use crate::state::AppState;
use crate::store;

fn people(m: &ci::Model) -> Vec<String> {
    [m.responsible_id.clone(), m.updated_by.clone()]
        .into_iter()
        .flatten()
        .collect()
}

async fn one<Db: ConnectionTrait>(db: &Db, m: &ci::Model) -> Result<ChecklistItem, AppError> {
    let names = repo::names(db, people(m)).await?;
    Ok(views::checklist_item(m, &names))
}

/// The checklist of project `id`.
pub async fn list(state: &AppState, who: &Principal, id: Uuid) -> Result<Checklist, AppError> {
    let p = items::project_checked(state, who, id, Action::PlanRead).await?;
    repo::checklist(&state.db, &p.id).await
}

/// Adds a local item to a phase of project `id`; answers with it and its version.
pub async fn create(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    body: &NewChecklistItem,
) -> Result<(ChecklistItem, i64), AppError> {
    let p = items::project_checked(state, who, id, Action::PlanWrite).await?;
    let title = domain::name("title", &body.title).map_err(|e| AppError::Validation(vec![e]))?;
    items::writable(&p)?;
    let now = Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    let rows = repo::checklist_rows(&txn, &p.id).await?;
    let model = ci::Model {
        id: new_id(),
        project_id: p.id.clone(),
        phase: body.phase,
        kind: ChecklistKind::Local,
        key: None,
        title_nb: title.clone(),
        title_nn: title.clone(),
        title_en: title,
        position: repo::next_position(&rows),
        status: ItemStatus::NotStarted,
        not_relevant_reason: None,
        responsible_id: None,
        evidence: String::new(),
        evidence_links: "[]".into(),
        updated_by: who.user_id_str(),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    repo::insert::<Item, _>(&txn, model.clone()).await?;
    let view = one(&txn, &model).await?;
    items::record(
        &txn,
        who,
        &p,
        &KIND,
        KIND.created,
        &model.id,
        None,
        Some(&view),
    )
    .await?;
    txn.commit().await?;
    Ok((view, model.version))
}

/// Sets status, responsible member and evidence of item `id` (and the title of a local
/// item) at the version `If-Match` names.
pub async fn update(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
    body: &ChecklistItemUpdate,
) -> Result<(ChecklistItem, i64), AppError> {
    let (before, p) = items::item_for::<Item>(state, who, id, Action::PlanWrite).await?;
    let mut check = Check::new();
    let reason = match body.status {
        ItemStatus::NotRelevant => {
            let r = body.not_relevant_reason.as_deref().unwrap_or_default();
            check.take(domain::required_text("not_relevant_reason", r))
        }
        _ => None,
    };
    let evidence = check.take(domain::description("evidence", &body.evidence));
    let links = check.take(domain::links("evidence_links", &body.evidence_links));
    let local = before.kind == ChecklistKind::Local;
    let title = match (&body.title, local) {
        (None, _) => None,
        (Some(t), true) => check.take(domain::name("title", t)),
        (Some(_), false) => {
            check.push(field_error(
                "title",
                "not_editable",
                "only the project's own items can be renamed",
            ));
            None
        }
    };
    check.finish()?;
    let responsible =
        items::member(&state.db, &p.id, "responsible_id", body.responsible_id).await?;
    let version = check_if_match(if_match, before.version)?;
    items::writable(&p)?;
    let mut values: store::Values = vec![
        ("status", Expr::value(body.status)),
        ("not_relevant_reason", Expr::value(reason)),
        ("responsible_id", Expr::value(responsible)),
        ("evidence", Expr::value(evidence.unwrap_or_default())),
        (
            "evidence_links",
            Expr::value(serde_json::json!(links.unwrap_or_default()).to_string()),
        ),
        ("updated_by", Expr::value(who.user_id_str())),
    ];
    if let Some(t) = title {
        values.push(("title_nb", Expr::value(t.clone())));
        values.push(("title_nn", Expr::value(t.clone())));
        values.push(("title_en", Expr::value(t)));
    }
    let (a, after) = items::replace::<Item, _>(
        state,
        who,
        &p,
        &KIND,
        &before,
        version,
        values,
        people,
        views::checklist_item,
    )
    .await?;
    Ok((a, after.version))
}

/// Deletes local item `id` (409 for the phase model's items).
pub async fn delete(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
) -> Result<(), AppError> {
    items::delete::<Item, _>(
        state,
        who,
        id,
        if_match,
        &KIND,
        |m| m.version,
        |m| views::checklist_item(m, &Default::default()),
        |m| {
            if m.kind == ChecklistKind::Local {
                Ok(())
            } else {
                Err(AppError::conflict(
                    ProblemCode::ManagedByVarig,
                    "Items of the phase model cannot be deleted; mark them not relevant with a reason.",
                ))
            }
        },
    )
    .await
}
