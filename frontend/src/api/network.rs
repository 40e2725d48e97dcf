//! The change-agent network: organisation structure and units, a project's scope,
//! agents, coverage, field reports (filed from the offline queue), the feed, the CSV
//! export and reactions. Reads are remembered for offline use like the others.

use leptos::prelude::GetUntracked;
use uuid::Uuid;
use varig_types::{
    ChangeAgent, ChangeAgentPage, ChangeAgentUpdate, Coverage, FieldReportPage, NetworkSettings,
    NetworkSettingsInput, NewFieldReport, OrgStructure, OrgStructureInput, ReactionTimeline,
    TrainingRecord, TrainingRecordInput, TrainingRecordList, Unit, UnitInput, UnitPage,
};
use web_sys::AbortSignal;

use super::{to_json, Api, ApiError, Freshness};

/// An organisation never has more than this many pages (of 100) of units.
const MAX_UNIT_PAGES: usize = 50;
/// A project never has more than this many pages (of 100) of change agents.
const MAX_AGENT_PAGES: usize = 20;
/// Reports per page of the feed.
pub const REPORTS_PAGE_SIZE: u32 = 25;

/// The feed's filters (empty strings are "any").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportFilter {
    pub unit: String,
    pub from: String,
    pub to: String,
    pub activity: String,
    pub stage: String,
}

impl ReportFilter {
    /// The query string (without `?`), values encoded.
    pub fn query(&self) -> String {
        [
            ("unit", &self.unit),
            ("from", &self.from),
            ("to", &self.to),
            ("activity", &self.activity),
            ("stage", &self.stage),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
    }
}

fn encode(v: &str) -> String {
    String::from(js_sys::encode_uri_component(v))
}

impl Api {
    /// The signed-in user's id, read from the access token (works offline).
    pub fn current_user(&self) -> Option<Uuid> {
        let session = self.session.get_untracked()?;
        user_of_token(&session.tokens.access_token)
    }

    pub async fn org_structure(
        &self,
        org: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(OrgStructure, Freshness), ApiError> {
        self.get_remembered(
            &format!("/api/v1/organisations/{org}/structure"),
            abort.as_ref(),
        )
        .await
    }

    pub async fn put_org_structure(
        &self,
        org: Uuid,
        version: i64,
        input: &OrgStructureInput,
    ) -> Result<OrgStructure, ApiError> {
        let body = self
            .authed_request(
                "PUT",
                &format!("/api/v1/organisations/{org}/structure"),
                Some(&to_json(input)?),
                Some(&format!("\"{version}\"")),
                None,
            )
            .await?;
        serde_json::from_str(&body).map_err(|_| ApiError::Decode)
    }

    /// Every current unit of the caller's organisation (all pages).
    pub async fn units(
        &self,
        abort: Option<AbortSignal>,
    ) -> Result<(Vec<Unit>, Freshness), ApiError> {
        self.all_pages(
            "/api/v1/units",
            MAX_UNIT_PAGES,
            abort.as_ref(),
            |page: UnitPage| (page.items, page.next_cursor),
        )
        .await
    }

    pub async fn create_unit(&self, input: &UnitInput) -> Result<Unit, ApiError> {
        let body = self
            .authed_raw("POST", "/api/v1/units", Some(&to_json(input)?), None)
            .await?;
        serde_json::from_str(&body).map_err(|_| ApiError::Decode)
    }

    pub async fn network_settings(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(NetworkSettings, Freshness), ApiError> {
        self.get_remembered(
            &format!("/api/v1/projects/{project}/network"),
            abort.as_ref(),
        )
        .await
    }

    pub async fn put_network_settings(
        &self,
        project: Uuid,
        version: i64,
        input: &NetworkSettingsInput,
    ) -> Result<NetworkSettings, ApiError> {
        let body = self
            .authed_request(
                "PUT",
                &format!("/api/v1/projects/{project}/network"),
                Some(&to_json(input)?),
                Some(&format!("\"{version}\"")),
                None,
            )
            .await?;
        serde_json::from_str(&body).map_err(|_| ApiError::Decode)
    }

    pub async fn coverage(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(Coverage, Freshness), ApiError> {
        self.get_remembered(
            &format!("/api/v1/projects/{project}/coverage"),
            abort.as_ref(),
        )
        .await
    }

    /// Every change agent of the project (all pages).
    pub async fn change_agents(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(Vec<ChangeAgent>, Freshness), ApiError> {
        self.all_pages(
            &format!("/api/v1/projects/{project}/change-agents"),
            MAX_AGENT_PAGES,
            abort.as_ref(),
            |page: ChangeAgentPage| (page.items, page.next_cursor),
        )
        .await
    }

    /// Moves an agent on and sets their units (`If-Match` with the agent's version).
    pub async fn update_change_agent(
        &self,
        agent: Uuid,
        version: i64,
        input: &ChangeAgentUpdate,
    ) -> Result<ChangeAgent, ApiError> {
        let body = self
            .authed_request(
                "PUT",
                &format!("/api/v1/change-agents/{agent}"),
                Some(&to_json(input)?),
                Some(&format!("\"{version}\"")),
                None,
            )
            .await?;
        serde_json::from_str(&body).map_err(|_| ApiError::Decode)
    }

    /// An agent's training and coaching, newest first.
    pub async fn training_records(
        &self,
        agent: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(TrainingRecordList, Freshness), ApiError> {
        self.get_remembered(
            &format!("/api/v1/change-agents/{agent}/training"),
            abort.as_ref(),
        )
        .await
    }

    pub async fn add_training_record(
        &self,
        agent: Uuid,
        input: &TrainingRecordInput,
    ) -> Result<TrainingRecord, ApiError> {
        let body = self
            .authed_raw(
                "POST",
                &format!("/api/v1/change-agents/{agent}/training"),
                Some(&to_json(input)?),
                None,
            )
            .await?;
        serde_json::from_str(&body).map_err(|_| ApiError::Decode)
    }

    /// Sends one report of the offline queue. Any 2xx means the server has it: 201 stored
    /// now, 200 stored before under the same id (a retry).
    pub async fn file_report(
        &self,
        project: Uuid,
        report: &NewFieldReport,
    ) -> Result<(), ApiError> {
        self.authed_raw(
            "POST",
            &format!("/api/v1/projects/{project}/reports"),
            Some(&to_json(report)?),
            None,
        )
        .await
        .map(|_| ())
    }

    /// One page of the feed, newest received first.
    pub async fn reports(
        &self,
        project: Uuid,
        filter: &ReportFilter,
        cursor: Option<&str>,
        abort: Option<AbortSignal>,
    ) -> Result<(FieldReportPage, Freshness), ApiError> {
        let mut path = format!("/api/v1/projects/{project}/reports?limit={REPORTS_PAGE_SIZE}");
        let query = filter.query();
        if !query.is_empty() {
            path.push('&');
            path.push_str(&query);
        }
        if let Some(cursor) = cursor {
            path.push_str("&cursor=");
            path.push_str(&encode(cursor));
        }
        self.get_remembered(&path, abort.as_ref()).await
    }

    /// The filtered reports as CSV text.
    pub async fn reports_csv(
        &self,
        project: Uuid,
        filter: &ReportFilter,
    ) -> Result<String, ApiError> {
        let mut path = format!("/api/v1/projects/{project}/reports.csv");
        let query = filter.query();
        if !query.is_empty() {
            path.push('?');
            path.push_str(&query);
        }
        self.authed_raw("GET", &path, None, None).await
    }

    pub async fn reactions(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(ReactionTimeline, Freshness), ApiError> {
        self.get_remembered(
            &format!("/api/v1/projects/{project}/reactions"),
            abort.as_ref(),
        )
        .await
    }
}

/// The `sub` claim of a JWT (not verified: the server does that).
fn user_of_token(token: &str) -> Option<Uuid> {
    let payload = token.split('.').nth(1)?;
    let json = base64url_decode(payload)?;
    let claims: serde_json::Value = serde_json::from_slice(&json).ok()?;
    Uuid::parse_str(claims.get("sub")?.as_str()?).ok()
}

fn base64url_decode(input: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    let mut buf = 0u32;
    let mut bits = 0u32;
    for c in input.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        buf = (buf << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
            buf &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_id_is_read_from_the_token() {
        // {"alg":"HS256"}.{"sub":"0190c0de-0000-7000-8000-000000000001","exp":1}.sig
        let header = "eyJhbGciOiJIUzI1NiJ9";
        let payload = "eyJzdWIiOiIwMTkwYzBkZS0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDEiLCJleHAiOjF9";
        let token = format!("{header}.{payload}.c2ln");
        assert_eq!(
            user_of_token(&token),
            Uuid::parse_str("0190c0de-0000-7000-8000-000000000001").ok()
        );
        assert_eq!(user_of_token("not-a-token"), None);
    }
}
