use chrono::Utc;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{NewProject, Phase, Project, ProjectPage, ProjectPatch, ProjectRole};

use super::ApiTags;
use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::BearerAuth;
use crate::domain::{self, field_error, Check};
use crate::entities::programme;
use crate::entities::project::{self, Column as C, Entity as Proj};
use crate::error::ApiResult;
use crate::ids::{etag, new_id, page_request};
use crate::state::AppState;
use crate::{store, views};

pub struct ProjectsApi {
    pub state: AppState,
}

pub use crate::access::project::{my_roles, project_and_unit_for, project_for, role_in};

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
