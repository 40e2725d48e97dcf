//! The meeting cadence: a project's meetings page (upcoming meetings, the series and their
//! adherence), one meeting (agenda with minutes, status, attendance, decisions, actions) and
//! the caller's actions across projects.
//!
//! Who may do what follows the server: the project owner, the project leader and
//! organisation admins manage series and record meetings; the steering group reads every
//! meeting; change agents read the schedule and adherence, and meetings only of the series
//! they take part in. The person responsible for an action may mark it done.

pub mod meeting;
pub mod my_actions;
pub mod overview;

use chrono::NaiveDate;
use uuid::Uuid;
use varig_types::permissions::Action;
use varig_types::{
    ActionStatus, Me, MeetingAction, MeetingActionInput, MeetingKind, MeetingSeries, MeetingStatus,
    Project, ProjectRole, Recurrence, RecurrenceKind, SeriesStatus, Weekday,
};
use wasm_bindgen::JsValue;

use crate::access::Standing;

use crate::i18n::I18n;

/// The href of the meetings page of a project.
pub fn meetings_href(project: Uuid) -> String {
    format!("/projects/{project}/meetings")
}

/// The href of one meeting.
pub fn meeting_href(project: Uuid, series: Uuid, date: NaiveDate) -> String {
    format!("/projects/{project}/meetings/{series}/{date}")
}

/// Whether the caller may read the meetings (minutes, decisions) of a series: owner,
/// steering group, leader and organisation admins read all; others only the series they
/// take part in (by role or by name).
pub fn may_read_meetings(
    project: &Project,
    me: Option<&Me>,
    participant_roles: &[ProjectRole],
    participant_ids: &[Uuid],
) -> bool {
    let standing = Standing::of(project, me);
    standing.can(Action::MeetingReadAll)
        || standing
            .role()
            .is_some_and(|r| participant_roles.contains(&r))
        || me.is_some_and(|m| participant_ids.contains(&m.id))
}

pub fn may_read_series(project: &Project, me: Option<&Me>, series: &MeetingSeries) -> bool {
    may_read_meetings(
        project,
        me,
        &series.participant_roles,
        &series.participant_ids,
    )
}

pub fn kind_key(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::ProjectMeeting => "meetings.kind_project_meeting",
        MeetingKind::OwnerStatus => "meetings.kind_owner_status",
        MeetingKind::SteeringGroup => "meetings.kind_steering_group",
        MeetingKind::NetworkGathering => "meetings.kind_network_gathering",
        MeetingKind::WorkingGroup => "meetings.kind_working_group",
        MeetingKind::Other => "meetings.kind_other",
    }
}

pub fn series_status_key(status: SeriesStatus) -> &'static str {
    match status {
        SeriesStatus::Proposed => "meetings.series_proposed",
        SeriesStatus::Confirmed => "meetings.series_confirmed",
        SeriesStatus::Ended => "meetings.series_ended",
    }
}

pub fn meeting_status_key(status: MeetingStatus) -> &'static str {
    match status {
        MeetingStatus::Planned => "meeting.status_planned",
        MeetingStatus::Held => "meeting.status_held",
        MeetingStatus::Moved => "meeting.status_moved",
        MeetingStatus::Cancelled => "meeting.status_cancelled",
    }
}

/// The translation of a standing agenda item's key; `None` for items of the meeting's own.
pub fn agenda_key(key: &str) -> Option<&'static str> {
    Some(match key {
        "progress_status" => "agenda.progress_status",
        "plan_ahead" => "agenda.plan_ahead",
        "challenges" => "agenda.challenges",
        "uncertainty_risk" => "agenda.uncertainty_risk",
        "resource_use" => "agenda.resource_use",
        "status_report" => "agenda.status_report",
        "gate_requests" => "agenda.gate_requests",
        "resources" => "agenda.resources",
        "actions" => "agenda.actions",
        "status" => "agenda.status",
        "next_steps" => "agenda.next_steps",
        "experiences" => "agenda.experiences",
        "barriers" => "agenda.barriers",
        "learning" => "agenda.learning",
        _ => return None,
    })
}

/// An agenda item's title in the UI language (tracked): the translated standing item, or
/// the title as recorded.
pub fn agenda_title(i18n: I18n, key: Option<&str>, title: &str) -> String {
    match key.and_then(agenda_key) {
        Some(k) => i18n.t(k),
        None => title.to_owned(),
    }
}

fn weekday_key(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "weekday.monday",
        Weekday::Tuesday => "weekday.tuesday",
        Weekday::Wednesday => "weekday.wednesday",
        Weekday::Thursday => "weekday.thursday",
        Weekday::Friday => "weekday.friday",
        Weekday::Saturday => "weekday.saturday",
        Weekday::Sunday => "weekday.sunday",
    }
}

fn nth_key(nth: i32) -> &'static str {
    match nth {
        1 => "meetings.nth_first",
        2 => "meetings.nth_second",
        3 => "meetings.nth_third",
        4 => "meetings.nth_fourth",
        _ => "meetings.nth_last",
    }
}

/// "Every month, first Tuesday", "Every 3rd month, second Wednesday", "Every week, Monday"…
/// (tracked).
pub fn recurrence_text(i18n: I18n, r: &Recurrence) -> String {
    let n = r.interval.max(1).to_string();
    let day = r
        .weekday
        .map(|d| i18n.t(weekday_key(d)))
        .unwrap_or_default();
    let every = r.interval > 1;
    match r.kind {
        RecurrenceKind::Weekly => {
            let key = if every {
                "meetings.rec_weekly_n"
            } else {
                "meetings.rec_weekly"
            };
            i18n.tf(key, &[("n", &n), ("weekday", &day)])
        }
        RecurrenceKind::MonthlyDay => {
            let key = if every {
                "meetings.rec_monthly_day_n"
            } else {
                "meetings.rec_monthly_day"
            };
            let d = r.day_of_month.unwrap_or(1).to_string();
            i18n.tf(key, &[("n", &n), ("day", &d)])
        }
        RecurrenceKind::MonthlyNthWeekday => {
            let key = if every {
                "meetings.rec_nth_n"
            } else {
                "meetings.rec_nth"
            };
            let nth = i18n.t(nth_key(r.nth.unwrap_or(1)));
            i18n.tf(key, &[("n", &n), ("nth", &nth), ("weekday", &day)])
        }
        RecurrenceKind::Planned => {
            let count = r.planned_dates.len().to_string();
            i18n.tf("meetings.rec_planned", &[("count", &count)])
        }
    }
}

/// The series as it would be sent back, with another status (confirming a proposed one).
pub fn series_input(s: &MeetingSeries, status: SeriesStatus) -> varig_types::MeetingSeriesInput {
    varig_types::MeetingSeriesInput {
        kind: s.kind,
        title: s.title.clone(),
        recurrence: s.recurrence.clone(),
        start_date: s.start_date,
        end_date: s.end_date,
        time_of_day: s.time_of_day.clone(),
        duration_minutes: s.duration_minutes,
        time_zone: Some(s.time_zone.clone()),
        participant_roles: s.participant_roles.clone(),
        participant_ids: s.participant_ids.clone(),
        status: Some(status),
    }
}

/// The action as it would be sent back, marked done.
pub fn done_input(a: &MeetingAction) -> MeetingActionInput {
    MeetingActionInput {
        title: a.title.clone(),
        responsible_id: a.responsible_id,
        due_date: a.due_date,
        status: Some(ActionStatus::Done),
    }
}

/// Today in the browser's time zone, moved by `days`.
pub fn local_day(days: i32) -> Option<NaiveDate> {
    let now = js_sys::Date::new_0();
    // Noon, so a daylight-saving change in between cannot move the day.
    let d = js_sys::Date::new_with_year_month_day_hr_min_sec(
        now.get_full_year(),
        now.get_month() as i32,
        now.get_date() as i32 + days,
        12,
        0,
        0,
    );
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
}

/// An instant (RFC 3339) as weekday, date and time in the UI language and the browser's
/// time zone, e.g. "tirsdag 3. mars 2026 kl. 10:00" (tracked).
pub fn format_when(i18n: I18n, rfc3339: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"full".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string(i18n.lang().locale(), &options).into()
}

/// A share 0..1 as a whole percentage, or `None` for "no data".
pub fn percent(share: Option<f64>) -> Option<String> {
    share.map(|s| format!("{}", (s * 100.0).round() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_standing_agenda_item_is_translated() {
        for key in [
            "progress_status",
            "plan_ahead",
            "challenges",
            "uncertainty_risk",
            "resource_use",
            "status_report",
            "gate_requests",
            "resources",
            "actions",
            "status",
            "next_steps",
            "experiences",
            "barriers",
            "learning",
        ] {
            let k = agenda_key(key).expect("translated");
            assert_ne!(crate::i18n::lookup(crate::i18n::Lang::Nb, k), k);
        }
        assert_eq!(agenda_key("our_own_item"), None);
    }

    #[test]
    fn shares_are_whole_percentages_and_absent_means_no_data() {
        assert_eq!(percent(Some(0.75)), Some("75".to_owned()));
        assert_eq!(percent(Some(2.0 / 3.0)), Some("67".to_owned()));
        assert_eq!(percent(None), None);
    }

    #[test]
    fn the_owner_status_agenda_uses_the_decks_words() {
        use crate::i18n::{lookup, Lang};
        assert_eq!(
            lookup(Lang::Nb, "agenda.progress_status"),
            "Fremdriftsstatus"
        );
        assert_eq!(lookup(Lang::Nb, "agenda.resource_use"), "Ressursbruk");
    }
}
