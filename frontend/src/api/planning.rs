//! The phase plan and the planning tools: checklist, milestones, goals, stakeholders,
//! barriers and facilitators, risks, and the readiness assessment.
//!
//! Reads are remembered for offline use like the others; writes need the network. Writes to
//! existing objects send `If-Match` with the object's `version` (412 when someone else
//! changed it first).

use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;
use varig_types::{
    Barrier, BarrierInput, BarrierPage, Checklist, ChecklistItem, ChecklistItemUpdate, Goal,
    GoalInput, GoalPage, Milestone, MilestoneInput, MilestonePage, NewChecklistItem,
    NewReadinessAssessment, ReadinessAssessment, ReadinessAssessmentPage, ReadinessQuestionnaire,
    ReadinessResponseInput, Risk, RiskInput, RiskPage, Stakeholder, StakeholderInput,
    StakeholderPage,
};
use web_sys::AbortSignal;

use super::{to_json, Api, ApiError, Freshness};

/// A project never has more than this many pages (of 100) of one kind of plan item.
const MAX_PLAN_PAGES: usize = 20;

/// The ETag of an object's version, as `If-Match` wants it.
pub(super) fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// A project's list of plan items with the same shape of endpoints:
/// `GET/POST /v1/projects/{id}/<plural>` and `PUT/DELETE /v1/<plural>/{id}`.
pub trait Resource: DeserializeOwned + Clone + 'static {
    type Input: Serialize;
    type Page: DeserializeOwned;
    /// The path segment, e.g. `milestones`.
    const PLURAL: &'static str;
    fn id(&self) -> Uuid;
    fn version(&self) -> i64;
    fn split(page: Self::Page) -> (Vec<Self>, Option<String>);
}

macro_rules! resource {
    ($item:ty, $input:ty, $page:ty, $plural:literal) => {
        impl Resource for $item {
            type Input = $input;
            type Page = $page;
            const PLURAL: &'static str = $plural;
            fn id(&self) -> Uuid {
                self.id
            }
            fn version(&self) -> i64 {
                self.version
            }
            fn split(page: $page) -> (Vec<Self>, Option<String>) {
                (page.items, page.next_cursor)
            }
        }
    };
}

resource!(Milestone, MilestoneInput, MilestonePage, "milestones");
resource!(Goal, GoalInput, GoalPage, "goals");
resource!(
    Stakeholder,
    StakeholderInput,
    StakeholderPage,
    "stakeholders"
);
resource!(Barrier, BarrierInput, BarrierPage, "barriers");
resource!(Risk, RiskInput, RiskPage, "risks");

impl Api {
    /// Every item of one kind of a project, in creation order (all pages).
    pub async fn plan_items<R: Resource>(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(Vec<R>, Freshness), ApiError> {
        self.all_pages(
            &format!("/api/v1/projects/{project}/{}", R::PLURAL),
            MAX_PLAN_PAGES,
            abort.as_ref(),
            R::split,
        )
        .await
    }

    pub async fn create_plan_item<R: Resource>(
        &self,
        project: Uuid,
        input: &R::Input,
    ) -> Result<R, ApiError> {
        self.write_json(
            "POST",
            &format!("/api/v1/projects/{project}/{}", R::PLURAL),
            &to_json(input)?,
            None,
        )
        .await
    }

    /// Replaces an item; `version` is the one that was read (412 if it changed since).
    pub async fn update_plan_item<R: Resource>(
        &self,
        id: Uuid,
        version: i64,
        input: &R::Input,
    ) -> Result<R, ApiError> {
        self.write_json(
            "PUT",
            &format!("/api/v1/{}/{id}", R::PLURAL),
            &to_json(input)?,
            Some(version),
        )
        .await
    }

    pub async fn delete_plan_item<R: Resource>(
        &self,
        id: Uuid,
        version: i64,
    ) -> Result<(), ApiError> {
        self.authed_request(
            "DELETE",
            &format!("/api/v1/{}/{id}", R::PLURAL),
            None,
            Some(&etag(version)),
            None,
        )
        .await
        .map(|_| ())
    }

    /// The project's checklist of every phase, with completion per phase.
    pub async fn checklist(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(Checklist, Freshness), ApiError> {
        self.get_remembered(
            &format!("/api/v1/projects/{project}/checklist"),
            abort.as_ref(),
        )
        .await
    }

    /// Adds a local item to a phase's checklist.
    pub async fn add_checklist_item(
        &self,
        project: Uuid,
        item: &NewChecklistItem,
    ) -> Result<ChecklistItem, ApiError> {
        self.write_json(
            "POST",
            &format!("/api/v1/projects/{project}/checklist"),
            &to_json(item)?,
            None,
        )
        .await
    }

    pub async fn update_checklist_item(
        &self,
        id: Uuid,
        version: i64,
        update: &ChecklistItemUpdate,
    ) -> Result<ChecklistItem, ApiError> {
        self.write_json(
            "PUT",
            &format!("/api/v1/checklist-items/{id}"),
            &to_json(update)?,
            Some(version),
        )
        .await
    }

    /// Deletes a local item (items from the phase model answer 409: mark them not relevant).
    pub async fn delete_checklist_item(&self, id: Uuid, version: i64) -> Result<(), ApiError> {
        self.authed_request(
            "DELETE",
            &format!("/api/v1/checklist-items/{id}"),
            None,
            Some(&etag(version)),
            None,
        )
        .await
        .map(|_| ())
    }

    pub async fn readiness_questionnaire(
        &self,
        abort: Option<AbortSignal>,
    ) -> Result<(ReadinessQuestionnaire, Freshness), ApiError> {
        self.get_remembered("/api/v1/readiness/questionnaire", abort.as_ref())
            .await
    }

    /// Every round of the readiness questionnaire of a project (all pages, server order).
    pub async fn readiness_assessments(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(Vec<ReadinessAssessment>, Freshness), ApiError> {
        self.all_pages(
            &format!("/api/v1/projects/{project}/readiness-assessments"),
            MAX_PLAN_PAGES,
            abort.as_ref(),
            |page: ReadinessAssessmentPage| (page.items, page.next_cursor),
        )
        .await
    }

    /// Opens a round (leader, owner, organisation admin; one open round at a time).
    pub async fn open_readiness(
        &self,
        project: Uuid,
        round: &NewReadinessAssessment,
    ) -> Result<ReadinessAssessment, ApiError> {
        self.write_json(
            "POST",
            &format!("/api/v1/projects/{project}/readiness-assessments"),
            &to_json(round)?,
            None,
        )
        .await
    }

    /// The caller's answers to every statement (they replace earlier ones in the round).
    pub async fn answer_readiness(
        &self,
        round: Uuid,
        answers: &ReadinessResponseInput,
    ) -> Result<ReadinessAssessment, ApiError> {
        self.write_json(
            "PUT",
            &format!("/api/v1/readiness-assessments/{round}/response"),
            &to_json(answers)?,
            None,
        )
        .await
    }

    pub async fn close_readiness(&self, round: Uuid) -> Result<ReadinessAssessment, ApiError> {
        let body = self
            .authed_raw(
                "POST",
                &format!("/api/v1/readiness-assessments/{round}/close"),
                None,
                None,
            )
            .await?;
        serde_json::from_str(&body).map_err(|_| ApiError::Decode)
    }

    pub(super) async fn write_json<T: DeserializeOwned>(
        &self,
        method: &str,
        path: &str,
        body: &str,
        version: Option<i64>,
    ) -> Result<T, ApiError> {
        let if_match = version.map(etag);
        let body = self
            .authed_request(method, path, Some(body), if_match.as_deref(), None)
            .await?;
        serde_json::from_str(&body).map_err(|_| ApiError::Decode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_sent_as_quoted_etags() {
        assert_eq!(etag(3), "\"3\"");
    }

    #[test]
    fn every_tool_lives_under_its_own_plural() {
        assert_eq!(<Milestone as Resource>::PLURAL, "milestones");
        assert_eq!(<Goal as Resource>::PLURAL, "goals");
        assert_eq!(<Stakeholder as Resource>::PLURAL, "stakeholders");
        assert_eq!(<Barrier as Resource>::PLURAL, "barriers");
        assert_eq!(<Risk as Resource>::PLURAL, "risks");
    }
}
