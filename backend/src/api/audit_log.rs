use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::AuditPage;

use super::ApiTags;
use crate::access::Action;
use crate::auth::BearerAuth;
use crate::entities::audit::{Column as C, Entity as Audit};
use crate::error::ApiResult;
use crate::ids::page_request;
use crate::state::AppState;
use crate::store;
use crate::views;

pub struct AuditApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListAuditResponse {
    /// A page of recorded changes, oldest first.
    #[oai(status = 200)]
    Ok(Json<AuditPage>),
}

#[OpenApi(tag = "ApiTags::Audit")]
impl AuditApi {
    /// Read the audit log
    ///
    /// Every change: who (user or API token), what, when, and the object before and after.
    /// Organisation admins see their organisation's; system administrators everything, or
    /// one organisation's with `organisation_id`.
    #[oai(path = "/v1/audit", method = "get", operation_id = "list_audit")]
    async fn list(
        &self,
        auth: BearerAuth,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
        /// Only changes to this object.
        entity_id: Query<Option<Uuid>>,
        /// System administrators only: one organisation's entries.
        organisation_id: Query<Option<Uuid>>,
    ) -> ApiResult<ListAuditResponse> {
        let who = &auth.0;
        who.require(Action::AuditRead)?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let mut q = Audit::find();
        if who.system_admin {
            if let Some(org) = organisation_id.0 {
                q = q.filter(C::OrganisationId.eq(org.to_string()));
            }
        } else {
            q = q.filter(C::OrganisationId.eq(who.org()?));
        }
        if let Some(e) = entity_id.0 {
            q = q.filter(C::EntityId.eq(e.to_string()));
        }
        let (rows, next_cursor) = store::fetch_page(&self.state.db, q, &page, None).await?;
        Ok(ListAuditResponse::Ok(Json(AuditPage {
            items: rows.iter().map(views::audit_entry).collect(),
            next_cursor,
        })))
    }
}
