//! The four phases with the current one marked, days spent in each, and the stays in order.

use leptos::prelude::*;
use varig_types::{Phase, PhaseCompletion, PhaseHistory};

use crate::i18n::{use_i18n, I18n};
use crate::ui::{format_date, local_date, DateStyle};

fn days_text(i18n: I18n, days: i64) -> String {
    i18n.tn("timeline.days", days, &[("days", &days.to_string())])
}

#[component]
pub fn PhaseTimeline(
    phase: Phase,
    history: Option<PhaseHistory>,
    /// Checklist completion per phase, kept current by the checklist on the same page.
    completion: RwSignal<Vec<PhaseCompletion>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let days = history.as_ref().map(|h| {
        [
            h.days_prepare,
            h.days_plan,
            h.days_implement,
            h.days_sustain,
        ]
    });
    let stays = history.map(|h| h.stays).unwrap_or_default();
    let has_stays = !stays.is_empty();

    view! {
        <ol class="phase-steps" aria-label=move || i18n.t("project.phases_label")>
            {Phase::ALL
                .into_iter()
                .enumerate()
                .map(|(i, p)| {
                    let current = p == phase;
                    let class = if current {
                        "step current"
                    } else if p < phase {
                        "step done"
                    } else {
                        "step"
                    };
                    let spent = days.map(|d| d[i]);
                    let percent = move || {
                        completion.with(|c| c.iter().find(|c| c.phase == p).map(|c| c.percent))
                    };
                    view! {
                        <li class=class aria-current=current.then_some("step")>
                            <span class="step-name">{move || i18n.phase(p)}</span>
                            {current
                                .then(|| {
                                    view! {
                                        <span class="visually-hidden">
                                            " " {move || i18n.t("project.current_marker")}
                                        </span>
                                    }
                                })}
                            {spent
                                .map(|d| {
                                    view! {
                                        <span class="step-days">{move || days_text(i18n, d)}</span>
                                    }
                                })}
                            {move || {
                                percent()
                                    .map(|pc| {
                                        view! {
                                            <span class="step-days">
                                                {move || i18n.tf("timeline.checklist", &[("percent", &pc.to_string())])}
                                            </span>
                                        }
                                    })
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        {has_stays
            .then(|| {
                view! {
                    <h3 class="stays-title">{move || i18n.t("timeline.history")}</h3>
                    <ol class="stay-list">
                        {stays
                            .into_iter()
                            .map(|s| {
                                let from = s.entered_at;
                                let to = s.left_at;
                                let (p, d) = (s.phase, s.days);
                                let period = move || {
                                    let start = format_date(i18n.lang(), local_date(from), DateStyle::Medium);
                                    match to {
                                        Some(t) => {
                                            i18n.tf(
                                                "timeline.period",
                                                &[("from", &start), ("to", &format_date(i18n.lang(), local_date(t), DateStyle::Medium))],
                                            )
                                        }
                                        None => i18n.tf("timeline.since", &[("from", &start)]),
                                    }
                                };
                                view! {
                                    <li>
                                        <span class="stay-phase">{move || i18n.phase(p)}</span>
                                        <span class="stay-period">{period}</span>
                                        <span class="stay-days">{move || days_text(i18n, d)}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
            })}
    }
}
