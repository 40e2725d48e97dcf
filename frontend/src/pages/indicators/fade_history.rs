//! The fade risk as Varig recorded it day by day: the newest points as a list, each with its
//! level in words, its score and the signals that were triggered.

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{FadeLevel, FadeRiskPoint};

use super::{fade_level_key, format_number, signal_key};
use crate::api::{abort_on_cleanup, use_api, ApiError};
use crate::i18n::use_i18n;
use crate::ui::{format_date, DateStyle, ErrorNotice};

/// At most this many points are shown.
pub const HISTORY_POINTS: usize = 12;

/// The newest points first, at most [`HISTORY_POINTS`] (the server sends the oldest first).
pub fn newest_first(mut points: Vec<FadeRiskPoint>) -> Vec<FadeRiskPoint> {
    points.sort_by_key(|p| std::cmp::Reverse(p.date));
    points.truncate(HISTORY_POINTS);
    points
}

#[component]
pub fn FadeHistory(project: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let points = RwSignal::new(None::<Vec<FadeRiskPoint>>);
    let failure = RwSignal::new(None::<ApiError>);
    let abort = StoredValue::new_local(abort_on_cleanup());
    let load = move || {
        failure.set(None);
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            match api.fade_history(project, signal).await {
                Ok((h, _)) => {
                    let _ = points.try_set(Some(newest_first(h.points)));
                }
                Err(ApiError::Aborted) => {}
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                }
            }
        });
    };
    load();
    let retry = Callback::new(move |()| load());

    view! {
        <section class="card fade-history" aria-labelledby="fade-history-title">
            <h2 id="fade-history-title">{move || i18n.t("fade.history_title")}</h2>
            <p class="hint">{move || i18n.t("fade.history_hint")}</p>
            {move || failure.get().map(|e| view! { <ErrorNotice error=e retry /> })}
            {move || {
                points
                    .get()
                    .map(|list| {
                        if list.is_empty() {
                            view! { <p class="empty">{move || i18n.t("fade.history_empty")}</p> }.into_any()
                        } else {
                            view! {
                                <ol class="history-list">
                                    {list.into_iter().map(|p| view! { <HistoryPoint p /> }).collect_view()}
                                </ol>
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}

#[component]
fn HistoryPoint(p: FadeRiskPoint) -> impl IntoView {
    let i18n = use_i18n();
    let day = p.date;
    let attr = day.to_string();
    let level = p.level;
    let score = p.score;
    let triggered = p.triggered.clone();
    view! {
        <li class="history-point" data-date=attr>
            <p class="history-head">
                <span class="history-date">{move || format_date(i18n.lang(), day, DateStyle::Medium)}</span>
                ": "
                <span class=format!("level-badge fade-badge-{}", level.as_str())>
                    {move || i18n.t(fade_level_key(level))}
                </span>
                {(level != FadeLevel::NoData).then(|| view! {
                    " "
                    <span class="fade-score">
                        {move || i18n.tf("fade.score", &[("score", &format_number(i18n.lang(), score))])}
                    </span>
                })}
            </p>
            <p class="signal-facts">
                {move || {
                    if triggered.is_empty() {
                        i18n.t("fade.history_none_triggered")
                    } else {
                        let names: Vec<String> = triggered.iter().map(|k| i18n.t(signal_key(*k))).collect();
                        i18n.tf("fade.history_triggered", &[("signals", &names.join(", "))])
                    }
                }}
            </p>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use varig_types::FadeLevel;

    #[test]
    fn the_newest_twelve_points_come_first() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let points: Vec<FadeRiskPoint> = (0..20)
            .map(|i| FadeRiskPoint {
                date: start + chrono::Days::new(i),
                score: i as f64,
                level: FadeLevel::Low,
                triggered: vec![],
            })
            .collect();
        let shown = newest_first(points);
        assert_eq!(shown.len(), HISTORY_POINTS);
        assert_eq!(shown[0].date, start + chrono::Days::new(19));
        assert_eq!(shown[11].date, start + chrono::Days::new(8));
        assert!(newest_first(vec![]).is_empty());
    }
}
