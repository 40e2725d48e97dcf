//! The meeting cadence: series with a recurrence, the meetings generated from them, minutes,
//! decisions and actions, adherence, and calendar feeds.

use chrono::NaiveDate;
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
