//! The user's version of a meeting's record, field by field, and how it meets a version
//! someone else saved first: a field the user did not touch takes theirs.
use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{AgendaItem, Meeting, MeetingRecord, MeetingStatus};

use crate::ui::clean;

/// One agenda item being written: its identity and the user's minutes.
#[derive(Debug, Clone, Copy)]
pub(super) struct AgendaDraft {
    pub(super) index: usize,
    pub(super) key: StoredValue<Option<String>>,
    pub(super) title: StoredValue<String>,
    pub(super) minutes: RwSignal<String>,
}

/// The user's version of the record, field by field.
#[derive(Debug, Clone, Copy)]
pub(super) struct Draft {
    pub(super) status: RwSignal<String>,
    pub(super) held_on: RwSignal<String>,
    pub(super) cancel_reason: RwSignal<String>,
    pub(super) agenda: StoredValue<Vec<AgendaDraft>>,
    pub(super) attendance: RwSignal<Vec<Uuid>>,
    /// Each decision with a stable id (for keys and labels) and its text.
    pub(super) decisions: RwSignal<Vec<(u32, RwSignal<String>)>>,
    pub(super) next_decision: StoredValue<u32>,
    pub(super) publish: RwSignal<bool>,
}

pub(super) fn default_status(m: &Meeting) -> MeetingStatus {
    if m.version == 0 && m.status == MeetingStatus::Planned {
        // A meeting that has begun is recorded as held unless the user says otherwise.
        if (m.starts_at.timestamp_millis() as f64) <= js_sys::Date::now() {
            return MeetingStatus::Held;
        }
    }
    m.status
}

pub(super) fn same_item(item: &AgendaItem, key: &Option<String>, title: &str) -> bool {
    match key {
        Some(k) => item.key.as_deref() == Some(k.as_str()),
        None => item.key.is_none() && item.title == title,
    }
}

pub(super) fn minutes_of(m: &Meeting, key: &Option<String>, title: &str) -> String {
    m.agenda
        .iter()
        .find(|i| same_item(i, key, title))
        .map(|i| i.minutes.clone())
        .unwrap_or_default()
}

impl Draft {
    pub(super) fn new(m: &Meeting) -> Self {
        let agenda = m
            .agenda
            .iter()
            .enumerate()
            .map(|(index, i)| AgendaDraft {
                index,
                key: StoredValue::new(i.key.clone()),
                title: StoredValue::new(i.title.clone()),
                minutes: RwSignal::new(i.minutes.clone()),
            })
            .collect();
        let decisions: Vec<(u32, RwSignal<String>)> = m
            .decisions
            .iter()
            .enumerate()
            .map(|(i, d)| (i as u32, RwSignal::new(d.clone())))
            .collect();
        Draft {
            status: RwSignal::new(default_status(m).as_str().to_owned()),
            held_on: RwSignal::new(m.held_on.map(|d| d.to_string()).unwrap_or_default()),
            cancel_reason: RwSignal::new(m.cancel_reason.clone().unwrap_or_default()),
            agenda: StoredValue::new(agenda),
            attendance: RwSignal::new(m.attendance.clone()),
            next_decision: StoredValue::new(decisions.len() as u32),
            decisions: RwSignal::new(decisions),
            publish: RwSignal::new(false),
        }
    }

    pub(super) fn decision_texts(&self) -> Vec<String> {
        self.decisions
            .with_untracked(|d| d.iter().map(|(_, t)| t.get_untracked()).collect())
    }

    pub(super) fn set_decisions(&self, texts: &[String]) {
        let list: Vec<(u32, RwSignal<String>)> = texts
            .iter()
            .map(|t| {
                let id = self.next_decision.get_value();
                self.next_decision.set_value(id + 1);
                (id, RwSignal::new(t.clone()))
            })
            .collect();
        self.decisions.set(list);
    }

    /// Adds an empty decision; returns the id of its field.
    pub(super) fn add_decision(&self) -> String {
        let id = self.next_decision.get_value();
        self.next_decision.set_value(id + 1);
        self.decisions
            .update(|d| d.push((id, RwSignal::new(String::new()))));
        format!("decision-{id}")
    }

    /// Takes `theirs` wherever the user left `base` as it was; keeps the user's changes.
    pub(super) fn merge(&self, base: &Meeting, theirs: &Meeting) {
        let base_status = default_status(base).as_str().to_owned();
        if self.status.get_untracked() == base_status {
            self.status.set(default_status(theirs).as_str().to_owned());
        }
        let base_held = base.held_on.map(|d| d.to_string()).unwrap_or_default();
        if self.held_on.get_untracked() == base_held {
            self.held_on
                .set(theirs.held_on.map(|d| d.to_string()).unwrap_or_default());
        }
        if self.cancel_reason.get_untracked() == base.cancel_reason.clone().unwrap_or_default() {
            self.cancel_reason
                .set(theirs.cancel_reason.clone().unwrap_or_default());
        }
        for item in self.agenda.get_value() {
            let (key, title) = (item.key.get_value(), item.title.get_value());
            if item.minutes.get_untracked() == minutes_of(base, &key, &title) {
                item.minutes.set(minutes_of(theirs, &key, &title));
            }
        }
        if self.attendance.get_untracked() == base.attendance {
            self.attendance.set(theirs.attendance.clone());
        }
        if self.decision_texts() == base.decisions {
            self.set_decisions(&theirs.decisions);
        }
    }

    pub(super) fn record(&self) -> Option<MeetingRecord> {
        let status = MeetingStatus::parse(&self.status.get_untracked())?;
        let held_on = self.held_on.get_untracked().trim().parse().ok();
        let reason = clean(&self.cancel_reason.get_untracked());
        Some(MeetingRecord {
            status,
            held_on: if status == MeetingStatus::Moved {
                held_on
            } else {
                None
            },
            cancel_reason: (status == MeetingStatus::Cancelled && !reason.is_empty())
                .then_some(reason),
            agenda: self
                .agenda
                .get_value()
                .into_iter()
                .map(|a| AgendaItem {
                    key: a.key.get_value(),
                    title: a.title.get_value(),
                    minutes: clean(&a.minutes.get_untracked()),
                })
                .collect(),
            attendance: self.attendance.get_untracked(),
            decisions: self
                .decision_texts()
                .iter()
                .map(|d| clean(d))
                .filter(|d| !d.is_empty())
                .collect(),
            publish_minutes: self.publish.get_untracked(),
        })
    }
}
