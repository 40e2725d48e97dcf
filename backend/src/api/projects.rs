use std::collections::HashMap;

use chrono::Utc;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{NewProject, Phase, Project, ProjectPage, ProjectPatch, ProjectRole};

use super::ApiTags;
use crate::access::{self, Action, Subject};
use crate::audit::{self, snapshot, Change};
use crate::auth::{BearerAuth, Principal};
use crate::domain::{self, field_error, Check};
use crate::entities::project::{self, Column as C, Entity as Proj};
use crate::entities::{membership, programme};
use crate::error::{ApiResult, AppError};
use crate::ids::{etag, new_id, page_request};
use crate::state::AppState;
use crate::{store, views};

pub struct ProjectsApi {
    pub state: AppState,
}

/// The caller's active role in a project, if any.
pub async fn role_in(
    state: &AppState,
    who: &Principal,
    project_id: &str,
) -> Result<Option<ProjectRole>, AppError> {
    let Some(user) = who.user_id_str() else {
        return Ok(None);
    };
    Ok(membership::Entity::find()
        .filter(membership::Column::ProjectId.eq(project_id))
        .filter(membership::Column::UserId.eq(user))
        .filter(membership::Column::ArchivedAt.is_null())
        .one(&state.db)
        .await?
        .map(|m| views::role(&m.role)))
}

/// The caller's active role in every project they hold one in, by project id.
pub async fn my_roles(
    state: &AppState,
    who: &Principal,
) -> Result<HashMap<String, ProjectRole>, AppError> {
    Ok(match who.user_id_str() {
        Some(user) => membership::Entity::find()
            .filter(membership::Column::UserId.eq(user))
            .filter(membership::Column::ArchivedAt.is_null())
            .all(&state.db)
            .await?
            .into_iter()
            .map(|m| (m.project_id.clone(), views::role(&m.role)))
            .collect(),
        None => HashMap::new(),
    })
}

/// Loads a project for `action`: 404 when it is in another organisation or the caller may
/// not see it at all, 403 when they see it but their role does not allow `action`.
pub async fn project_for(
    state: &AppState,
    who: &Principal,
    id: &str,
    action: Action,
) -> Result<(project::Model, Option<ProjectRole>), AppError> {
    let (project, role, _) = project_and_unit_for(state, who, id, action, None).await?;
    Ok((project, role))
}

/// [`project_for`], and the name of `unit` when it is in the project's scope, all in one
/// query (the project, the caller's membership and the unit joined): the phone's report path
/// pays one round trip for everything it checks before its insert.
pub async fn project_and_unit_for(
    state: &AppState,
    who: &Principal,
    id: &str,
    action: Action,
    unit: Option<&str>,
) -> Result<(project::Model, Option<ProjectRole>, Option<String>), AppError> {
    use sea_orm::sea_query::{Alias, Asterisk, Expr, JoinType, Query as Sql};
    use sea_orm::{ConnectionTrait, FromQueryResult};

    use crate::entities::{project_unit as pu, unit as un};

    let m = membership::Entity;
    let mut q = Sql::select();
    q.column((Proj, Asterisk))
        .expr_as(
            Expr::col((m, membership::Column::Role)),
            Alias::new("my_role"),
        )
        .from(Proj)
        .join(
            JoinType::LeftJoin,
            m,
            Expr::col((m, membership::Column::ProjectId))
                .equals((Proj, C::Id))
                .and(
                    Expr::col((m, membership::Column::UserId))
                        .eq(who.user_id_str().unwrap_or_default()),
                )
                .and(Expr::col((m, membership::Column::ArchivedAt)).is_null()),
        )
        .and_where(Expr::col((Proj, C::Id)).eq(id));
    if let Some(unit) = unit {
        q.expr_as(
            Expr::col((un::Entity, un::Column::Name)),
            Alias::new("unit_name"),
        )
        .join(
            JoinType::LeftJoin,
            pu::Entity,
            Expr::col((pu::Entity, pu::Column::ProjectId))
                .equals((Proj, C::Id))
                .and(Expr::col((pu::Entity, pu::Column::UnitId)).eq(unit)),
        )
        .join(
            JoinType::LeftJoin,
            un::Entity,
            Expr::col((un::Entity, un::Column::Id)).equals((pu::Entity, pu::Column::UnitId)),
        );
    }
    let row = state
        .db
        .query_one(state.db.get_database_backend().build(&q))
        .await?
        .ok_or(AppError::NotFound)?;
    let project = project::Model::from_query_result(&row, "")?;
    if !who.same_org(&project.organisation_id) {
        return Err(AppError::NotFound);
    }
    let role = row
        .try_get::<Option<String>>("", "my_role")?
        .map(|r| views::role(&r));
    let unit_name = match unit {
        Some(_) => row.try_get::<Option<String>>("", "unit_name")?,
        None => None,
    };
    let mut subjects = who.subjects();
    subjects.extend(role.map(Subject::Project));
    if !access::allowed(&subjects, Action::ProjectRead) {
        return Err(AppError::NotFound);
    }
    if !access::allowed(&subjects, action) {
        return Err(AppError::Forbidden);
    }
    Ok((project, role, unit_name))
}

#[derive(ApiResponse)]
pub enum ListProjectsResponse {
    /// A page of the projects the caller may see, in creation order.
    #[oai(status = 200)]
    Ok(Json<ProjectPage>),
}

#[derive(ApiResponse)]
pub enum CreateProjectResponse {
    /// The project was created in phase Prepare.
    #[oai(status = 201)]
    Created(Json<Project>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum ProjectResponse {
    /// The project; send its ETag back in `If-Match` to change it.
    #[oai(status = 200)]
    Ok(Json<Project>, #[oai(header = "ETag")] String),
}

fn ok(m: &project::Model, role: Option<ProjectRole>) -> ProjectResponse {
    ProjectResponse::Ok(Json(views::project(m, role)), etag(m.version))
}

fn change(
    action: &'static str,
    before: Option<&project::Model>,
    after: &project::Model,
) -> Change<'static> {
    Change {
        organisation_id: Some(after.organisation_id.clone()),
        action,
        entity_type: "project",
        entity_id: Some(after.id.clone()),
        before: before.and_then(|b| snapshot(&views::project(b, None))),
        after: snapshot(&views::project(after, None)),
    }
}

#[OpenApi(tag = "ApiTags::Projects")]
impl ProjectsApi {
    /// List my projects
    ///
    /// Organisation admins and service accounts see every project of the organisation;
    /// everyone else the projects they hold a role in.
    #[oai(path = "/v1/projects", method = "get", operation_id = "list_projects")]
    async fn list(
        &self,
        auth: BearerAuth,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
        /// Include archived projects.
        include_archived: Query<Option<bool>>,
    ) -> ApiResult<ListProjectsResponse> {
        let who = &auth.0;
        let org = who.org()?;
        who.require_reader()?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let my_roles = my_roles(&self.state, who).await?;
        let mut q = Proj::find().filter(C::OrganisationId.eq(org));
        if !who.may(Action::ProjectRead) {
            q = q.filter(C::Id.is_in(my_roles.keys().cloned().collect::<Vec<_>>()));
        }
        let (rows, next_cursor) = store::fetch_page(
            &self.state.db,
            q,
            &page,
            Some(include_archived.0.unwrap_or(false)),
        )
        .await?;
        let items = rows
            .iter()
            .map(|p| views::project(p, my_roles.get(&p.id).copied()))
            .collect();
        Ok(ListProjectsResponse::Ok(Json(ProjectPage {
            items,
            next_cursor,
        })))
    }

    /// Create a project
    ///
    /// An implementation project of one of the organisation's programmes; it starts in
    /// phase Prepare. Add members afterwards.
    #[oai(
        path = "/v1/projects",
        method = "post",
        operation_id = "create_project"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        body: Json<NewProject>,
    ) -> ApiResult<CreateProjectResponse> {
        let who = &auth.0;
        who.require(Action::ProjectCreate)?;
        let org = who.org()?;
        let mut check = Check::new();
        let name = check.take(domain::name("name", &body.name));
        let description = check.take(domain::description("description", &body.description));
        let prog = programme::Entity::find_by_id(body.programme_id.to_string())
            .one(&self.state.db)
            .await?
            .filter(|p| p.organisation_id == org);
        match prog {
            None => check.push(field_error(
                "programme_id",
                "not_found",
                "is not a programme of your organisation",
            )),
            Some(p) if p.archived_at.is_some() => check.push(field_error(
                "programme_id",
                "archived",
                "is an archived programme",
            )),
            Some(_) => {}
        }
        check.finish()?;
        let now = Utc::now();
        let model = project::Model {
            id: new_id(),
            organisation_id: org,
            programme_id: body.programme_id.to_string(),
            name: name.unwrap_or_default(),
            description: description.unwrap_or_default(),
            phase: Phase::Prepare.as_str().into(),
            state: crate::gates::STATE_ACTIVE.into(),
            created_at: now,
            updated_at: now,
            archived_at: None,
            version: 1,
            silent_after_weeks: 4,
            network_version: 1,
        };
        let txn = crate::db::begin_write(&self.state.db).await?;
        Proj::insert(project::ActiveModel::from(model.clone()))
            .exec_without_returning(&txn)
            .await?;
        crate::gates::store::enter_phase(&txn, &model.id, Phase::Prepare, now).await?;
        crate::plan::store::seed_checklist(&txn, &model.id, now).await?;
        let proposed = crate::meetings::series::standard(
            &model.id,
            crate::plan::rules::today_in_oslo(now),
            now,
        );
        crate::entities::meeting_series::Entity::insert_many(
            proposed
                .into_iter()
                .map(crate::entities::meeting_series::ActiveModel::from),
        )
        .exec_without_returning(&txn)
        .await?;
        audit::record(&txn, Some(who), change("project.create", None, &model)).await?;
        txn.commit().await?;
        Ok(CreateProjectResponse::Created(
            Json(views::project(&model, None)),
            etag(model.version),
        ))
    }

    /// Get a project
    ///
    /// With its current phase and the caller's role; 404 when the caller may not see it.
    #[oai(
        path = "/v1/projects/:id",
        method = "get",
        operation_id = "get_project"
    )]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<ProjectResponse> {
        let (p, role) =
            project_for(&self.state, &auth.0, &id.0.to_string(), Action::ProjectRead).await?;
        Ok(ok(&p, role))
    }

    /// Update a project
    ///
    /// Name and description; the phase changes only through a phase gate. Needs `If-Match`.
    #[oai(
        path = "/v1/projects/:id",
        method = "patch",
        operation_id = "update_project"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<ProjectPatch>,
    ) -> ApiResult<ProjectResponse> {
        let who = &auth.0;
        let (before, role) =
            project_for(&self.state, who, &id.0.to_string(), Action::ProjectUpdate).await?;
        let (version, values) = store::named_patch(
            "project",
            body.name.as_deref(),
            body.description.as_deref(),
            if_match.0.as_deref(),
            before.version,
            before.archived_at.is_some(),
        )?;
        let txn = crate::db::begin_write(&self.state.db).await?;
        let after = store::update_versioned(&txn, Proj, &before.id, version, values).await?;
        audit::record(
            &txn,
            Some(who),
            change("project.update", Some(&before), &after),
        )
        .await?;
        txn.commit().await?;
        Ok(ok(&after, role))
    }

    /// Archive a project
    ///
    /// The project owner or an organisation admin. Archived projects are read-only.
    #[oai(
        path = "/v1/projects/:id/archive",
        method = "post",
        operation_id = "archive_project"
    )]
    async fn archive(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<ProjectResponse> {
        let who = &auth.0;
        let (before, role) =
            project_for(&self.state, who, &id.0.to_string(), Action::ProjectArchive).await?;
        let txn = crate::db::begin_write(&self.state.db).await?;
        let after = store::archive(&txn, Proj, &before.id).await?;
        if before.archived_at.is_none() {
            audit::record(
                &txn,
                Some(who),
                change("project.archive", Some(&before), &after),
            )
            .await?;
        }
        txn.commit().await?;
        Ok(ok(&after, role))
    }
}
