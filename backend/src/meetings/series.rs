//! Meeting series as stored, their checks, and the three standard series every new project
//! is proposed (weekly project meeting, monthly owner status meeting, quarterly steering
//! group).

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use varig_types::{
    FieldError, MeetingKind, MeetingSeries, MeetingSeriesInput, ProjectRole, Recurrence,
    RecurrenceKind, ScheduledMeeting, SeriesStatus, Weekday,
};

use super::recurrence;
use crate::domain::field_error;
use crate::entities::meeting_series as ms;
use crate::ids::{new_id, parse_id};

pub const DEFAULT_TZ: &str = "Europe/Oslo";

pub fn parse_time(s: &str) -> Option<NaiveTime> {
    (s.len() == 5).then(|| NaiveTime::parse_from_str(s, "%H:%M").ok())?
}

/// Every problem with a series, by field.
pub fn check(s: &MeetingSeriesInput) -> Vec<FieldError> {
    let mut out = vec![];
    if let Err(e) = crate::domain::name("title", &s.title) {
        out.push(e);
    }
    if let Err((field, msg)) = recurrence::check(&s.recurrence) {
        out.push(field_error(field, "invalid_recurrence", msg));
    }
    if parse_time(&s.time_of_day).is_none() {
        out.push(field_error(
            "time_of_day",
            "invalid_time",
            "a local time like 09:00",
        ));
    }
    if !(5..=600).contains(&s.duration_minutes) {
        out.push(field_error(
            "duration_minutes",
            "out_of_range",
            "must be between 5 and 600",
        ));
    }
    if let Some(tz) = &s.time_zone {
        if tz.parse::<Tz>().is_err() {
            out.push(field_error(
                "time_zone",
                "unknown_time_zone",
                "an IANA time zone like Europe/Oslo",
            ));
        }
    }
    if s.end_date.is_some_and(|e| e < s.start_date) {
        out.push(field_error(
            "end_date",
            "out_of_range",
            "must not be before start_date",
        ));
    }
    out
}

pub fn view(m: &ms::Model) -> MeetingSeries {
    let recurrence: Recurrence = serde_json::from_str(&m.recurrence).unwrap_or(Recurrence {
        kind: RecurrenceKind::Planned,
        interval: 1,
        weekday: None,
        day_of_month: None,
        nth: None,
        planned_dates: vec![],
        per_year_min: None,
        per_year_max: None,
    });
    MeetingSeries {
        id: parse_id(&m.id),
        project_id: parse_id(&m.project_id),
        kind: m.kind,
        title: m.title.clone(),
        tolerance_days: recurrence::tolerance_days(&recurrence) as i32,
        recurrence,
        start_date: m.start_date,
        end_date: m.end_date,
        time_of_day: m.time_of_day.clone(),
        duration_minutes: m.duration_minutes,
        time_zone: m.time_zone.clone(),
        participant_roles: serde_json::from_str(&m.participant_roles).unwrap_or_default(),
        participant_ids: serde_json::from_str(&m.participant_ids).unwrap_or_default(),
        status: m.status,
        created_at: m.created_at,
        updated_at: m.updated_at,
        version: m.version,
    }
}

/// The meetings of a confirmed series between two dates (inclusive), in its time zone.
pub fn schedule(s: &MeetingSeries, from: NaiveDate, to: NaiveDate) -> Vec<ScheduledMeeting> {
    if s.status != SeriesStatus::Confirmed {
        return vec![];
    }
    let tz: Tz = s.time_zone.parse().unwrap_or(chrono_tz::Europe::Oslo);
    let Some(time) = parse_time(&s.time_of_day) else {
        return vec![];
    };
    let start = from.max(s.start_date);
    let end = s.end_date.map_or(to, |e| e.min(to));
    if end < start {
        return vec![];
    }
    recurrence::dates(&s.recurrence, start, end)
        .into_iter()
        .map(|date| {
            let starts_at = recurrence::instant(date, time, tz);
            ScheduledMeeting {
                series_id: s.id,
                kind: s.kind,
                title: s.title.clone(),
                date,
                starts_at,
                ends_at: starts_at + chrono::Duration::minutes(i64::from(s.duration_minutes)),
            }
        })
        .collect()
}

fn rule(kind: RecurrenceKind, interval: i32, weekday: Weekday, nth: Option<i32>) -> Recurrence {
    Recurrence {
        kind,
        interval,
        weekday: Some(weekday),
        day_of_month: None,
        nth,
        planned_dates: vec![],
        per_year_min: None,
        per_year_max: None,
    }
}

/// The three series a new project is proposed, from `start`, ready to confirm, titled in
/// the language of the request that creates the project ([`crate::lang`]).
pub fn standard(project_id: &str, start: NaiveDate, now: DateTime<Utc>) -> Vec<ms::Model> {
    use ProjectRole::{Leader, Owner, SteeringGroup};
    let lang = crate::lang::current();
    let series = [
        (
            MeetingKind::ProjectMeeting,
            ["Prosjektmøte", "Prosjektmøte", "Project meeting"],
            rule(RecurrenceKind::Weekly, 1, Weekday::Monday, None),
            "09:00",
            60,
            vec![Leader],
        ),
        (
            MeetingKind::OwnerStatus,
            [
                "Statusmøte prosjekteier",
                "Statusmøte prosjekteigar",
                "Status meeting with the project owner",
            ],
            rule(
                RecurrenceKind::MonthlyNthWeekday,
                1,
                Weekday::Tuesday,
                Some(1),
            ),
            "10:00",
            60,
            vec![Owner, Leader],
        ),
        (
            MeetingKind::SteeringGroup,
            [
                "Styringsgruppemøte",
                "Styringsgruppemøte",
                "Steering-group meeting",
            ],
            rule(
                RecurrenceKind::MonthlyNthWeekday,
                3,
                Weekday::Wednesday,
                Some(2),
            ),
            "13:00",
            120,
            vec![Owner, SteeringGroup, Leader],
        ),
    ];
    series
        .into_iter()
        .map(
            |(kind, title, recurrence, time, minutes, roles)| ms::Model {
                id: new_id(),
                project_id: project_id.to_owned(),
                kind,
                title: lang.pick(title).into(),
                recurrence: serde_json::json!(recurrence).to_string(),
                start_date: start,
                end_date: None,
                time_of_day: time.into(),
                duration_minutes: minutes,
                time_zone: DEFAULT_TZ.into(),
                participant_roles: serde_json::json!(roles).to_string(),
                participant_ids: "[]".into(),
                status: SeriesStatus::Proposed,
                template: Some(kind.as_str().into()),
                created_at: now,
                updated_at: now,
                version: 1,
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_project_is_proposed_the_three_standard_series() {
        let now: DateTime<Utc> = "2026-11-25T10:00:00Z".parse().unwrap();
        let rows = standard("p", "2026-11-25".parse().unwrap(), now);
        let kinds: Vec<_> = rows.iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(
            kinds,
            vec!["project_meeting", "owner_status", "steering_group"]
        );
        assert!(rows.iter().all(|r| r.status == SeriesStatus::Proposed));
        let steering = view(&rows[2]);
        assert_eq!(steering.recurrence.interval, 3);
        assert_eq!(steering.tolerance_days, 14);
        // Proposed series plan nothing until confirmed.
        assert!(schedule(
            &steering,
            "2026-11-25".parse().unwrap(),
            "2027-12-31".parse().unwrap()
        )
        .is_empty());
        let mut confirmed = steering;
        confirmed.status = SeriesStatus::Confirmed;
        let dates: Vec<String> = schedule(
            &confirmed,
            "2026-11-25".parse().unwrap(),
            "2027-06-30".parse().unwrap(),
        )
        .iter()
        .map(|m| m.starts_at.to_rfc3339())
        .collect();
        // Second Wednesday of Nov 2026 has passed; then Feb and May 2027, at 13:00 Oslo.
        assert_eq!(
            dates,
            vec!["2027-02-10T12:00:00+00:00", "2027-05-12T11:00:00+00:00"]
        );
    }

    #[test]
    fn series_checks_name_each_bad_field() {
        let mut s = MeetingSeriesInput {
            kind: MeetingKind::WorkingGroup,
            title: "Arbeidsgruppe".into(),
            recurrence: rule(RecurrenceKind::Weekly, 1, Weekday::Friday, None),
            start_date: "2026-12-01".parse().unwrap(),
            end_date: None,
            time_of_day: "14:30".into(),
            duration_minutes: 90,
            time_zone: None,
            participant_roles: vec![],
            participant_ids: vec![],
            status: None,
        };
        assert!(check(&s).is_empty());
        s.time_of_day = "25:00".into();
        s.duration_minutes = 0;
        s.time_zone = Some("Europe/Bergen".into());
        s.end_date = Some("2026-11-01".parse().unwrap());
        let fields: Vec<_> = check(&s).into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec!["time_of_day", "duration_minutes", "time_zone", "end_date"]
        );
    }
}
