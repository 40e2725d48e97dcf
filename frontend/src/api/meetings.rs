//! The meeting cadence: series, the schedule, meetings with their minutes, actions, the
//! caller's actions and adherence.
//!
//! Reads are remembered for offline use like the others; writes need the network. Writes to
//! existing objects send `If-Match` with the object's `version` (a meeting nobody recorded yet
//! has version 0), so a second writer gets 412 instead of overwriting.

use chrono::NaiveDate;
use uuid::Uuid;
use varig_types::Meeting;
use varig_types::{
    MeetingAction, MeetingActionInput, MeetingActionList, MeetingRecord, MeetingSchedule,
    MeetingSeries, MeetingSeriesInput, MeetingSeriesPage, ProjectAdherence,
};
use web_sys::AbortSignal;

use super::{to_json, Api, ApiError, Freshness};

/// A project never has more than this many pages (of 100) of meeting series.
const MAX_SERIES_PAGES: usize = 5;

/// The path of one meeting: its series and its planned date.
fn meeting_path(series: Uuid, date: NaiveDate) -> String {
    format!("/api/v1/meeting-series/{series}/meetings/{date}")
}

impl Api {
    /// Every meeting series of a project (the proposed standard ones too).
    pub async fn meeting_series(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(Vec<MeetingSeries>, Freshness), ApiError> {
        self.all_pages(
            &format!("/api/v1/projects/{project}/meeting-series"),
            MAX_SERIES_PAGES,
            abort.as_ref(),
            |page: MeetingSeriesPage| (page.items, page.next_cursor),
        )
        .await
    }

    /// Replaces a series (e.g. confirms a proposed one); 412 if it changed since `version`.
    pub async fn update_meeting_series(
        &self,
        id: Uuid,
        version: i64,
        input: &MeetingSeriesInput,
    ) -> Result<MeetingSeries, ApiError> {
        self.write_json(
            "PUT",
            &format!("/api/v1/meeting-series/{id}"),
            &to_json(input)?,
            Some(version),
        )
        .await
    }

    /// The planned meetings of the project's confirmed series between two days.
    pub async fn meeting_schedule(
        &self,
        project: Uuid,
        from: NaiveDate,
        to: NaiveDate,
        abort: Option<AbortSignal>,
    ) -> Result<(MeetingSchedule, Freshness), ApiError> {
        self.get_remembered(
            &format!("/api/v1/projects/{project}/schedule?from={from}&to={to}"),
            abort.as_ref(),
        )
        .await
    }

    pub async fn meeting_adherence(
        &self,
        project: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<(ProjectAdherence, Freshness), ApiError> {
        self.get_remembered(
            &format!("/api/v1/projects/{project}/adherence"),
            abort.as_ref(),
        )
        .await
    }

    /// One meeting: agenda and minutes, attendance, decisions, actions.
    pub async fn meeting(
        &self,
        series: Uuid,
        date: NaiveDate,
        abort: Option<AbortSignal>,
    ) -> Result<(Meeting, Freshness), ApiError> {
        self.get_remembered(&meeting_path(series, date), abort.as_ref())
            .await
    }

    /// Records what happened; `version` is the meeting's as read (0 the first time).
    pub async fn record_meeting(
        &self,
        series: Uuid,
        date: NaiveDate,
        version: i64,
        record: &MeetingRecord,
    ) -> Result<Meeting, ApiError> {
        self.write_json(
            "PUT",
            &meeting_path(series, date),
            &to_json(record)?,
            Some(version),
        )
        .await
    }

    /// Adds an action to a meeting (201).
    pub async fn add_meeting_action(
        &self,
        series: Uuid,
        date: NaiveDate,
        input: &MeetingActionInput,
    ) -> Result<MeetingAction, ApiError> {
        self.write_json(
            "POST",
            &format!("{}/actions", meeting_path(series, date)),
            &to_json(input)?,
            None,
        )
        .await
    }

    /// Replaces an action (e.g. marks it done); 412 if it changed since `version`.
    pub async fn update_meeting_action(
        &self,
        id: Uuid,
        version: i64,
        input: &MeetingActionInput,
    ) -> Result<MeetingAction, ApiError> {
        self.write_json(
            "PUT",
            &format!("/api/v1/meeting-actions/{id}"),
            &to_json(input)?,
            Some(version),
        )
        .await
    }

    /// The caller's open actions in every project, by due date.
    pub async fn my_actions(
        &self,
        abort: Option<AbortSignal>,
    ) -> Result<(MeetingActionList, Freshness), ApiError> {
        self.get_remembered("/api/v1/me/actions", abort.as_ref())
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meeting_is_addressed_by_series_and_date() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 3).expect("a date");
        assert_eq!(
            meeting_path(Uuid::nil(), date),
            "/api/v1/meeting-series/00000000-0000-0000-0000-000000000000/meetings/2026-03-03"
        );
    }
}
