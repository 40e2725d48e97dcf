//! Webhooks of the organisation (organisation admins): the list with a form for a new one
//! (its signing secret shown once), one webhook with on/off, changes and deletion, and its
//! delivery log with "send again". The words for event types and delivery states are here,
//! shared by the three pages.

pub mod deliveries;
pub mod detail;
pub mod list;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use varig_types::{DeliveryStatus, WebhookEventType, WebhookSubscription};

use crate::i18n::{use_i18n, I18n};
use crate::ui::{format_date, local_datetime, DateStyle};

/// The plain-language name of an event type.
pub fn event_key(t: WebhookEventType) -> &'static str {
    match t {
        WebhookEventType::GateRequested => "webhooks.event.gate.requested",
        WebhookEventType::GateRecommended => "webhooks.event.gate.recommended",
        WebhookEventType::GateDecided => "webhooks.event.gate.decided",
        WebhookEventType::GateWithdrawn => "webhooks.event.gate.withdrawn",
        WebhookEventType::ProjectPhaseChanged => "webhooks.event.project.phase_changed",
        WebhookEventType::ReportFiled => "webhooks.event.report.filed",
        WebhookEventType::MeasurementRecorded => "webhooks.event.measurement.recorded",
        WebhookEventType::MeasurementCorrected => "webhooks.event.measurement.corrected",
        WebhookEventType::MeetingHeld => "webhooks.event.meeting.held",
        WebhookEventType::MeetingMissed => "webhooks.event.meeting.missed",
        WebhookEventType::MinutesPublished => "webhooks.event.minutes.published",
        WebhookEventType::ActionAssigned => "webhooks.event.action.assigned",
        WebhookEventType::MemberAdded => "webhooks.event.member.added",
        WebhookEventType::MemberRoleChanged => "webhooks.event.member.role_changed",
        WebhookEventType::MemberRemoved => "webhooks.event.member.removed",
        WebhookEventType::IndicatorTurnedRed => "webhooks.event.indicator.turned_red",
        WebhookEventType::ActionOverdue => "webhooks.event.action.overdue",
        WebhookEventType::ChangeAgentSilent => "webhooks.event.change_agent.silent",
        WebhookEventType::FadeRiskLevelChanged => "webhooks.event.fade_risk.level_changed",
    }
}

pub fn status_key(s: DeliveryStatus) -> &'static str {
    match s {
        DeliveryStatus::Pending => "webhooks.status_pending",
        DeliveryStatus::Delivered => "webhooks.status_delivered",
        DeliveryStatus::Failed => "webhooks.status_failed",
    }
}

/// What a subscription sends, in one line ("Sends everything that happens", "Sends 3 kinds
/// of events").
pub fn sends_line(i18n: I18n, types: &[WebhookEventType]) -> String {
    match types.len() {
        0 => i18n.t("webhooks.sends_everything"),
        1 => i18n.t("webhooks.sends_one"),
        n => i18n.tf("webhooks.sends_other", &[("count", &n.to_string())]),
    }
}

/// The name a webhook goes by in headings and messages: its description, else its address.
pub fn webhook_name(s: &WebhookSubscription) -> String {
    if s.description.trim().is_empty() {
        s.url.clone()
    } else {
        s.description.clone()
    }
}

/// A moment as "06.12.2026" and "14:05" on the device's clock.
pub fn day_and_time(i18n: I18n, at: DateTime<Utc>) -> (String, String) {
    let local = local_datetime(at);
    (
        format_date(i18n.lang(), local.date(), DateStyle::Numeric),
        local.format("%H:%M").to_string(),
    )
}

/// A moment in a sentence with `{date}` and `{time}` (tracked: follows the language).
pub fn at_text(i18n: I18n, key: &'static str, at: DateTime<Utc>) -> String {
    let (date, time) = day_and_time(i18n, at);
    i18n.tf(key, &[("date", &date), ("time", &time)])
}

/// "On"/"Off" as a badge.
#[component]
pub fn OnOff(enabled: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (class, key) = if enabled {
        ("status-badge status-done", "webhooks.is_on")
    } else {
        ("status-badge", "webhooks.is_off")
    };
    view! { <span class=class>{move || i18n.t(key)}</span> }
}

/// The event types to send: every type, or the ones ticked. An empty choice means every
/// type (as the API reads it), so "only what I choose" needs at least one tick.
#[derive(Debug, Clone, Copy)]
pub struct TypeChoice {
    pub all: RwSignal<bool>,
    pub chosen: RwSignal<Vec<WebhookEventType>>,
    pub error: RwSignal<Option<&'static str>>,
}

impl TypeChoice {
    pub fn new(types: &[WebhookEventType]) -> Self {
        Self {
            all: RwSignal::new(types.is_empty()),
            chosen: RwSignal::new(types.to_vec()),
            error: RwSignal::new(None),
        }
    }

    /// The types to send (empty: all), or `None` after marking the error.
    pub fn checked(&self) -> Option<Vec<WebhookEventType>> {
        if self.all.get_untracked() {
            return Some(Vec::new());
        }
        let chosen = ordered(&self.chosen.get_untracked());
        if chosen.is_empty() {
            self.error.set(Some("webhooks.types_required"));
            return None;
        }
        Some(chosen)
    }
}

/// `types` in the order of [`WebhookEventType::ALL`], without repeats.
pub fn ordered(types: &[WebhookEventType]) -> Vec<WebhookEventType> {
    WebhookEventType::ALL
        .iter()
        .copied()
        .filter(|t| types.contains(t))
        .collect()
}

/// "Everything" or "only what I choose", and then a checkbox per event type.
#[component]
pub fn EventTypeChoice(
    /// Prefix of the element ids (one page may hold two of these).
    prefix: &'static str,
    choice: TypeChoice,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{prefix}-types-error");
    view! {
        <fieldset class="stacked">
            <legend>{move || i18n.t("webhooks.sends")}</legend>
            <div class="radios">
                <label class="radio">
                    <input
                        type="radio"
                        name=format!("{prefix}-sends")
                        prop:checked=move || choice.all.get()
                        on:change=move |_| {
                            choice.all.set(true);
                            choice.error.set(None);
                        }
                    />
                    {move || i18n.t("webhooks.sends_all")}
                </label>
                <label class="radio">
                    <input
                        type="radio"
                        name=format!("{prefix}-sends")
                        prop:checked=move || !choice.all.get()
                        on:change=move |_| choice.all.set(false)
                    />
                    {move || i18n.t("webhooks.sends_chosen")}
                </label>
            </div>
        </fieldset>
        <Show when=move || !choice.all.get()>
            <fieldset
                class="stacked event-types"
                id=format!("{prefix}-types")
                tabindex="-1"
                aria-describedby=format!("{prefix}-types-error")
            >
                <legend>{move || i18n.t("webhooks.choose_types")}</legend>
                <div class="radios">
                    {WebhookEventType::ALL
                        .iter()
                        .copied()
                        .map(|t| {
                            view! {
                                <label class="radio">
                                    <input
                                        type="checkbox"
                                        value=t.as_str()
                                        prop:checked=move || choice.chosen.with(|c| c.contains(&t))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            choice.chosen.update(|c| {
                                                c.retain(|x| *x != t);
                                                if on {
                                                    c.push(t);
                                                }
                                            });
                                            choice.error.set(None);
                                        }
                                    />
                                    <span>{move || i18n.t(event_key(t))}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </Show>
        <p id=error_id class="field-error" role="alert">
            {move || choice.error.get().map(|k| i18n.t(k))}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{lookup, Lang};

    #[test]
    fn every_event_type_and_status_has_words_in_every_language() {
        for lang in Lang::ALL {
            for t in WebhookEventType::ALL {
                let key = event_key(*t);
                assert!(key.ends_with(t.as_str()), "{key} names {}", t.as_str());
                assert_ne!(lookup(lang, key), key, "{key} in {lang:?}");
            }
            for s in DeliveryStatus::ALL {
                assert_ne!(lookup(lang, status_key(*s)), status_key(*s));
            }
        }
    }

    #[test]
    fn chosen_types_keep_the_lists_order_without_repeats() {
        use WebhookEventType::*;
        assert_eq!(
            ordered(&[MemberAdded, GateRequested, MemberAdded]),
            vec![GateRequested, MemberAdded]
        );
    }
}
