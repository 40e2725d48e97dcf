//! The words and numbers of the follow-up pages: translation keys of statuses, trends,
//! categories and signals, numbers and periods as people write them, and the status badge.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use varig_types::{
    Direction, FadeLevel, FadeRisk, FadeSignal, FadeSignalKind, Frequency, IndicatorCategory,
    IndicatorSource, OverdueCounts, Rag, RagCounts, Trend,
};
use wasm_bindgen::JsValue;

use crate::i18n::{use_i18n, I18n, Lang};

pub fn rag_key(rag: Rag) -> &'static str {
    match rag {
        Rag::Green => "rag.green",
        Rag::Amber => "rag.amber",
        Rag::Red => "rag.red",
        Rag::NoData => "rag.no_data",
    }
}

pub fn trend_key(trend: Trend) -> &'static str {
    match trend {
        Trend::Improving => "trend.improving",
        Trend::Steady => "trend.steady",
        Trend::Worsening => "trend.worsening",
        Trend::NoData => "trend.no_data",
    }
}

/// An arrow for the trend (decoration; the word is always next to it).
pub fn trend_arrow(trend: Trend) -> &'static str {
    match trend {
        Trend::Improving => "\u{2197}",
        Trend::Steady => "\u{2192}",
        Trend::Worsening => "\u{2198}",
        Trend::NoData => "\u{2013}",
    }
}

pub fn category_key(c: IndicatorCategory) -> &'static str {
    match c {
        IndicatorCategory::ImplementationQuality => "category.implementation_quality",
        IndicatorCategory::ResultAttainment => "category.result_attainment",
        IndicatorCategory::Benefit => "category.benefit",
        IndicatorCategory::Sustainability => "category.sustainability",
    }
}

pub fn source_key(s: IndicatorSource) -> &'static str {
    match s {
        IndicatorSource::Manual => "source.manual",
        IndicatorSource::MeetingAdherence => "source.meeting_adherence",
        IndicatorSource::ActiveAgentShare => "source.active_agent_share",
        IndicatorSource::NetworkCoverage => "source.network_coverage",
        IndicatorSource::ReportsPerActiveAgent => "source.reports_per_active_agent",
        IndicatorSource::ChecklistCompletion => "source.checklist_completion",
        IndicatorSource::DaysInPhase => "source.days_in_phase",
    }
}

pub fn direction_key(d: Direction) -> &'static str {
    match d {
        Direction::Higher => "direction.higher",
        Direction::Lower => "direction.lower",
    }
}

pub fn frequency_key(f: Frequency) -> &'static str {
    match f {
        Frequency::Weekly => "frequency.weekly",
        Frequency::Monthly => "frequency.monthly",
        Frequency::Quarterly => "frequency.quarterly",
        Frequency::Yearly => "frequency.yearly",
    }
}

pub fn fade_level_key(l: FadeLevel) -> &'static str {
    match l {
        FadeLevel::Low => "fade.level_low",
        FadeLevel::Medium => "fade.level_medium",
        FadeLevel::High => "fade.level_high",
        FadeLevel::NoData => "fade.level_no_data",
    }
}

pub fn signal_key(k: FadeSignalKind) -> &'static str {
    match k {
        FadeSignalKind::MeetingsLapsing => "fade.meetings_lapsing",
        FadeSignalKind::SilentAgents => "fade.silent_agents",
        FadeSignalKind::IndicatorsOffTarget => "fade.indicators_off_target",
        FadeSignalKind::OverdueMeasurements => "fade.overdue_measurements",
        FadeSignalKind::SustainabilityFalling => "fade.sustainability_falling",
    }
}

/// "3 grønne, 1 gul, 0 røde, 2 uten data": every count with its own plural form.
pub fn rag_counts(i18n: I18n, c: &RagCounts) -> String {
    [
        ("dashboard.rag_green", c.green),
        ("dashboard.rag_amber", c.amber),
        ("dashboard.rag_red", c.red),
        ("dashboard.rag_none", c.no_data),
    ]
    .map(|(key, n)| i18n.tn(key, i64::from(n), &[("count", &n.to_string())]))
    .join(", ")
}

/// "1 milepæl, 2 målinger, 0 oppgaver" (what is over its due date).
pub fn overdue_counts(i18n: I18n, o: &OverdueCounts) -> String {
    [
        ("overview.overdue_milestones", o.milestones),
        ("overview.overdue_measurements", o.measurements),
        ("overview.overdue_actions", o.actions),
    ]
    .map(|(key, n)| i18n.tn(key, i64::from(n), &[("count", &n.to_string())]))
    .join(", ")
}

/// Whether most of the signals that count (weight above 0) have no data yet: then the risk
/// is «for lite data», and its score, computed mostly from missing data, is not shown. The
/// server says the same (`FadeLevel::NoData`); this also covers a risk recorded before it
/// did.
pub fn too_little_data(risk: &FadeRisk) -> bool {
    let counted: Vec<&FadeSignal> = risk.signals.iter().filter(|s| s.weight > 0.0).collect();
    let without = counted.iter().filter(|s| s.value.is_none()).count();
    risk.level == FadeLevel::NoData || without * 2 > counted.len()
}

/// What a fade signal measured, in a sentence that says what the number means: «3 av 4
/// møter ble holdt som planlagt.», «Ingen data ennå.»
pub fn signal_fact(i18n: I18n, s: &FadeSignal) -> String {
    let lang = i18n.lang();
    let Some(value) = s.value else {
        return i18n.t("fade.signal_no_data");
    };
    let counts = s.numerator.zip(s.denominator).filter(|(_, den)| *den > 0);
    match (s.kind, counts) {
        (FadeSignalKind::MeetingsLapsing, Some((num, den))) => i18n.tn(
            "fade.fact_meetings",
            i64::from(den),
            &[("num", &num.to_string()), ("den", &den.to_string())],
        ),
        (FadeSignalKind::SilentAgents, Some((num, den))) => i18n.tn(
            "fade.fact_silent_agents",
            i64::from(den),
            &[("num", &num.to_string()), ("den", &den.to_string())],
        ),
        (FadeSignalKind::IndicatorsOffTarget, Some((num, den))) => i18n.tn(
            "fade.fact_indicators",
            i64::from(den),
            &[("num", &num.to_string()), ("den", &den.to_string())],
        ),
        (FadeSignalKind::OverdueMeasurements, _) => {
            let n = value.round() as i64;
            i18n.tn("fade.fact_overdue", n, &[("count", &n.to_string())])
        }
        (FadeSignalKind::SustainabilityFalling, _) if value > 0.0 => i18n.tn(
            "fade.fact_sustainability_fell",
            if value == 1.0 { 1 } else { 2 },
            &[("points", &format_number(lang, value))],
        ),
        (FadeSignalKind::SustainabilityFalling, _) => i18n.t("fade.fact_sustainability_held"),
        (kind, _) => i18n.tf(
            "fade.fact_value",
            &[("value", &with_unit(lang, value, signal_unit(kind)))],
        ),
    }
}

/// When a fade signal warns, in a sentence: «Varsel under 75 %.»
pub fn signal_rule(i18n: I18n, s: &FadeSignal) -> String {
    let lang = i18n.lang();
    let threshold = with_unit(lang, s.threshold, signal_unit(s.kind));
    let key = match s.kind {
        FadeSignalKind::MeetingsLapsing => "fade.rule_below",
        FadeSignalKind::SilentAgents | FadeSignalKind::IndicatorsOffTarget => "fade.rule_above",
        FadeSignalKind::OverdueMeasurements => "fade.rule_overdue",
        FadeSignalKind::SustainabilityFalling => "fade.rule_fall",
    };
    i18n.tf(key, &[("threshold", &threshold)])
}

/// The unit a fade signal's value and threshold are in.
pub fn signal_unit(k: FadeSignalKind) -> &'static str {
    match k {
        FadeSignalKind::MeetingsLapsing
        | FadeSignalKind::SilentAgents
        | FadeSignalKind::IndicatorsOffTarget => "%",
        FadeSignalKind::OverdueMeasurements | FadeSignalKind::SustainabilityFalling => "",
    }
}

/// A number as people write it: no decimals when whole, else up to two; a decimal comma
/// in Norwegian.
pub fn format_number(lang: Lang, value: f64) -> String {
    let mut text = if (value - value.round()).abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        let t = format!("{value:.2}");
        t.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    if text == "-0" {
        text = "0".to_owned();
    }
    match lang {
        Lang::En => text,
        Lang::Nb | Lang::Nn => text.replace('.', ",").replace('-', "\u{2212}"),
    }
}

/// A number as typed on a phone: "72,5" or "72.5", spaces allowed.
pub fn parse_number(text: &str) -> Option<f64> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            ',' => '.',
            '\u{2212}' => '-',
            c => c,
        })
        .collect();
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A value with its unit ("72 %", "14 dager").
pub fn with_unit(lang: Lang, value: f64, unit: &str) -> String {
    let n = format_number(lang, value);
    if unit.trim().is_empty() {
        n
    } else {
        format!("{n}\u{a0}{}", unit.trim())
    }
}

/// The period that starts on `start` in words: "uke 12 2026", "mars 2026",
/// "1. kvartal 2026", "2026" (tracked).
pub fn period_label(i18n: I18n, frequency: Frequency, start: NaiveDate) -> String {
    let year = start.year().to_string();
    match frequency {
        Frequency::Weekly => {
            let week = start.iso_week();
            i18n.tf(
                "indicators.period_week",
                &[
                    ("week", &week.week().to_string()),
                    ("year", &week.year().to_string()),
                ],
            )
        }
        Frequency::Monthly => month_name(i18n.lang(), start),
        Frequency::Quarterly => i18n.tf(
            "indicators.period_quarter",
            &[
                ("quarter", &(start.month0() / 3 + 1).to_string()),
                ("year", &year),
            ],
        ),
        Frequency::Yearly => year,
    }
}

/// "mars 2026" in the UI language.
fn month_name(lang: Lang, start: NaiveDate) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(&format!("{start}T12:00:00Z")));
    if date.get_time().is_nan() {
        return start.format("%Y-%m").to_string();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"month".into(), &"long".into());
    let _ = js_sys::Reflect::set(&options, &"year".into(), &"numeric".into());
    let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &"UTC".into());
    date.to_locale_date_string(lang.locale(), &options).into()
}

/// Today on the device's calendar, as YYYY-MM-DD.
pub fn today_iso() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// A status word in a badge: the colour helps, the word says it.
#[component]
pub fn RagBadge(rag: Rag) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("rag-badge rag-{}", rag.as_str())>{move || i18n.t(rag_key(rag))}</span>
    }
}

/// The trend as an arrow and a word.
#[component]
pub fn TrendText(trend: Trend) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("trend trend-{}", trend.as_str())>
            <span aria-hidden="true">{trend_arrow(trend)} " "</span>
            {move || i18n.t(trend_key(trend))}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_typed_with_a_comma_are_read() {
        assert_eq!(parse_number("72,5"), Some(72.5));
        assert_eq!(parse_number(" 1 200 "), Some(1200.0));
        assert_eq!(parse_number("\u{2212}3"), Some(-3.0));
        assert_eq!(parse_number("mye"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("inf"), None);
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(format_number(Lang::Nb, 72.0), "72");
        assert_eq!(format_number(Lang::Nb, 72.5), "72,5");
        assert_eq!(format_number(Lang::En, 72.25), "72.25");
        assert_eq!(format_number(Lang::En, 0.333), "0.33");
        assert_eq!(format_number(Lang::Nb, -3.0), "\u{2212}3");
        assert_eq!(with_unit(Lang::Nb, 80.0, "%"), "80\u{a0}%");
        assert_eq!(with_unit(Lang::En, 3.0, " "), "3");
    }
}
