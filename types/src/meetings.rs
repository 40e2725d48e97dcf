//! The meeting cadence: series with a recurrence, the meetings generated from them, minutes,
//! decisions and actions, adherence, and calendar feeds.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::roles::ProjectRole;
use serde::{Deserialize, Serialize};

code_enum! {
    pub enum MeetingKind {
        /// Weekly project or working meeting.
        ProjectMeeting = "project_meeting",
        /// Monthly status meeting between project leader and project owner.
        OwnerStatus = "owner_status",
        /// Quarterly steering-group meeting.
        SteeringGroup = "steering_group",
        /// Gathering of the change-agent network.
        NetworkGathering = "network_gathering",
        WorkingGroup = "working_group",
        Other = "other",
    }
}

code_enum! {
    pub enum RecurrenceKind {
        /// Every `interval` weeks on `weekday`.
        Weekly = "weekly",
        /// Every `interval` months on `day_of_month` (the last day when the month is shorter).
        MonthlyDay = "monthly_day",
        /// Every `interval` months on the `nth` (1–4, or -1 for last) `weekday`.
        MonthlyNthWeekday = "monthly_nth_weekday",
        /// Planned dates only, e.g. 4–6 gatherings a year (`per_year_min`–`per_year_max`).
        Planned = "planned",
    }
}

code_enum! {
    pub enum Weekday {
        Monday = "monday",
        Tuesday = "tuesday",
        Wednesday = "wednesday",
        Thursday = "thursday",
        Friday = "friday",
        Saturday = "saturday",
        Sunday = "sunday",
    }
}

/// When the meetings of a series take place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Recurrence {
    pub kind: RecurrenceKind,
    /// Every N weeks or months (1–12; default 1). "Every N months" is `monthly_*` with N.
    #[serde(default = "one")]
    #[cfg_attr(feature = "openapi", oai(default = "one"))]
    pub interval: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub weekday: Option<Weekday>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub day_of_month: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub nth: Option<i32>,
    /// For `planned`: the dates.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub planned_dates: Vec<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub per_year_min: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub per_year_max: Option<i32>,
}

fn one() -> i32 {
    1
}

code_enum! {
    pub enum SeriesStatus {
        /// Proposed (the three standard series of a new project); generates no meetings yet.
        Proposed = "proposed",
        /// Confirmed: meetings are generated.
        Confirmed = "confirmed",
        /// No more meetings.
        Ended = "ended",
    }
}

/// A meeting series as created or replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MeetingSeriesInput {
    pub kind: MeetingKind,
    /// 1–200 characters.
    pub title: String,
    pub recurrence: Recurrence,
    /// The first day meetings may fall on.
    pub start_date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub end_date: Option<NaiveDate>,
    /// Local start time `HH:MM` in `time_zone`.
    pub time_of_day: String,
    /// 5–600 minutes.
    pub duration_minutes: i32,
    /// An IANA time zone; `Europe/Oslo` when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub time_zone: Option<String>,
    /// Participants by project role.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub participant_roles: Vec<ProjectRole>,
    /// Participants by person (project members).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub participant_ids: Vec<Uuid>,
    /// `confirmed` when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub status: Option<SeriesStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MeetingSeries {
    pub id: Uuid,
    pub project_id: Uuid,
    pub kind: MeetingKind,
    pub title: String,
    pub recurrence: Recurrence,
    pub start_date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub end_date: Option<NaiveDate>,
    pub time_of_day: String,
    pub duration_minutes: i32,
    pub time_zone: String,
    pub participant_roles: Vec<ProjectRole>,
    pub participant_ids: Vec<Uuid>,
    pub status: SeriesStatus,
    /// How many days early or late a meeting still counts as held on time.
    pub tolerance_days: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MeetingSeriesPage {
    pub items: Vec<MeetingSeries>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_cursor: Option<String>,
}

/// One planned meeting of a series, computed from its recurrence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ScheduledMeeting {
    pub series_id: Uuid,
    pub kind: MeetingKind,
    pub title: String,
    /// The local date in the series' time zone.
    pub date: NaiveDate,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MeetingSchedule {
    /// By start time.
    pub items: Vec<ScheduledMeeting>,
}
