//! The meeting cadence: series with a recurrence, the meetings generated from them, minutes,
//! decisions and actions, adherence, and calendar feeds.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::roles::ProjectRole;
use serde::{Deserialize, Serialize};

code_enum! {
    /// The kind of meeting series: project meeting, the owner's status meeting, steering group, network gathering, working group or other.
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
    /// How a series recurs: weekly, monthly on a day, monthly on the nth weekday, or on planned dates.
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
    /// A day of the week.
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
    /// The weekday, for `weekly` and `monthly_nth_weekday`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub weekday: Option<Weekday>,
    /// The day of the month (1–31, clamped to short months), for `monthly_day`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub day_of_month: Option<i32>,
    /// Which weekday of the month (1–4, or -1 for the last), for `monthly_nth_weekday`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub nth: Option<i32>,
    /// For `planned`: the dates.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 500)))]
    pub planned_dates: Vec<NaiveDate>,
    /// For planned dates: the fewest meetings a year (e.g. 4 of a 4–6 style count).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub per_year_min: Option<i32>,
    /// For planned dates: the most meetings a year.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub per_year_max: Option<i32>,
}

fn one() -> i32 {
    1
}

code_enum! {
    /// Whether a series is proposed, confirmed or ended.
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
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 10)))]
    pub participant_roles: Vec<ProjectRole>,
    /// Participants by person (project members).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 500)))]
    pub participant_ids: Vec<Uuid>,
    /// `confirmed` when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub status: Option<SeriesStatus>,
}

/// A meeting series: its kind, participants, recurrence, local time and time zone.
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
    /// The local start time, `HH:MM`.
    pub time_of_day: String,
    /// How long a meeting lasts, in minutes (5–600).
    pub duration_minutes: i32,
    /// The IANA time zone of `time_of_day` (Europe/Oslo by default).
    pub time_zone: String,
    /// Project roles whose members take part.
    pub participant_roles: Vec<ProjectRole>,
    /// Users who take part besides those roles.
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

/// The coming meetings of a project, in time order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MeetingSchedule {
    /// By start time.
    pub items: Vec<ScheduledMeeting>,
}

code_enum! {
    /// Whether a meeting is planned, held, moved or cancelled.
    pub enum MeetingStatus {
        Planned = "planned",
        Held = "held",
        /// Held on another day (`held_on`).
        Moved = "moved",
        /// Not held; `cancel_reason` says why.
        Cancelled = "cancelled",
    }
}

/// One agenda item with its minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct AgendaItem {
    /// Key of a standing item of the meeting kind (the UI translates it), if it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub key: Option<String>,
    pub title: String,
    /// What was said (up to 5000 characters).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub minutes: String,
}

code_enum! {
    /// Whether a meeting action is still open or done.
    pub enum ActionStatus {
        Open = "open",
        Done = "done",
    }
}

/// An action item: responsible, due date, status; visible at every later meeting of its
/// series until done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MeetingAction {
    pub id: Uuid,
    pub project_id: Uuid,
    pub series_id: Uuid,
    /// The meeting that created it.
    pub meeting_date: NaiveDate,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub responsible_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub responsible_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub due_date: Option<NaiveDate>,
    pub status: ActionStatus,
    pub overdue: bool,
    /// When the action was done; absent while it is open.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub done_at: Option<DateTime<Utc>>,
    pub version: i64,
}

/// An action from a meeting, as created or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MeetingActionInput {
    /// 1–200 characters.
    pub title: String,
    /// A current member of the project.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub responsible_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub due_date: Option<NaiveDate>,
    /// `open` when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub status: Option<ActionStatus>,
}

/// Meeting actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MeetingActionList {
    pub items: Vec<MeetingAction>,
}

/// A meeting of a series: what was planned and what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Meeting {
    pub series_id: Uuid,
    pub project_id: Uuid,
    pub kind: MeetingKind,
    pub title: String,
    /// The planned local date (the meeting's key within its series).
    pub date: NaiveDate,
    pub starts_at: DateTime<Utc>,
    pub status: MeetingStatus,
    /// The day the meeting was held on (differs from the planned date when it was moved).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub held_on: Option<NaiveDate>,
    /// Why the meeting was cancelled.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub cancel_reason: Option<String>,
    /// The standing agenda of the kind until minutes are recorded.
    pub agenda: Vec<AgendaItem>,
    /// Members present.
    pub attendance: Vec<Uuid>,
    pub decisions: Vec<String>,
    /// When the minutes were published; absent while they are not.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub minutes_published_at: Option<DateTime<Utc>>,
    /// Open actions from earlier meetings of the series.
    pub carried_over: Vec<MeetingAction>,
    /// Actions made at this meeting.
    pub actions: Vec<MeetingAction>,
    /// 0 while nothing is recorded; send it back in `If-Match` to record.
    pub version: i64,
}

/// What happened at a meeting (replaces what was recorded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MeetingRecord {
    pub status: MeetingStatus,
    /// Required for `moved`; `held` defaults to the planned date.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub held_on: Option<NaiveDate>,
    /// Required for `cancelled`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub cancel_reason: Option<String>,
    /// The agenda items with their minutes (at most 50).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 50)))]
    pub agenda: Vec<AgendaItem>,
    /// The users who attended (at most 500).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 500)))]
    pub attendance: Vec<Uuid>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    #[cfg_attr(feature = "openapi", oai(validator(max_items = 100)))]
    pub decisions: Vec<String>,
    /// Publish the minutes now (keeps the first publication time).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default))]
    pub publish_minutes: bool,
}

/// The meetings of a series in a period, recorded or only planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct MeetingList {
    /// By date.
    pub items: Vec<Meeting>,
}

/// Adherence of one series (see the README for the rules).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct SeriesAdherence {
    pub series_id: Uuid,
    pub kind: MeetingKind,
    pub title: String,
    /// How many days from the planned date a meeting still counts as held on time.
    pub tolerance_days: i32,
    /// Meetings expected in the window (whose date has passed).
    pub expected: i32,
    pub held_on_time: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub share: Option<f64>,
    /// Expected meetings missed in a row up to now (a cancelled one is missed).
    pub missed_streak: i32,
    /// Meetings held, on time or not.
    pub held: i32,
    /// Meetings whose minutes were published within two days.
    pub minutes_on_time: i32,
    /// Minutes on time as a share of the meetings held (0–1); absent without any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub minutes_share: Option<f64>,
    pub open_actions: i32,
    pub overdue_actions: i32,
}

/// Meeting adherence of the whole project and per series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ProjectAdherence {
    /// Adherence per confirmed series.
    pub series: Vec<SeriesAdherence>,
    /// Over every confirmed series.
    pub expected: i32,
    pub held_on_time: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub share: Option<f64>,
    pub open_actions: i32,
    pub overdue_actions: i32,
}

/// Asks for a calendar feed: of one project, or (without `project_id`) of every meeting
/// the caller takes part in. A new feed replaces (revokes) the caller's earlier one of the
/// same kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct CalendarFeedInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub project_id: Option<Uuid>,
}

/// A secret calendar URL to subscribe to (shown once; rotate by asking for a new one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct CalendarFeed {
    pub id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub project_id: Option<Uuid>,
    /// The path to subscribe to, relative to the server (`/api/v1/calendar-feeds/…`).
    pub path: String,
    pub created_at: DateTime<Utc>,
}
