//! The fade-risk score: a transparent sum of signals. Each signal has a weight and a
//! threshold; when its data crosses the threshold it adds its weight's share of all weights
//! to the score (0–100). A signal without data adds nothing and says so.

use varig_types::{
    FadeLevel, FadeRisk, FadeSettings, FadeSignal, FadeSignalKind as K, FadeSignalSetting,
    FieldError,
};

use crate::domain::field_error;

pub fn defaults() -> FadeSettings {
    let s = |kind, weight, threshold| FadeSignalSetting {
        kind,
        weight,
        threshold,
    };
    FadeSettings {
        signals: vec![
            s(K::MeetingsLapsing, 25.0, 75.0),
            s(K::SilentAgents, 20.0, 30.0),
            s(K::IndicatorsOffTarget, 20.0, 30.0),
            s(K::OverdueMeasurements, 15.0, 1.0),
            s(K::SustainabilityFalling, 20.0, 5.0),
        ],
        medium_from: 30.0,
        high_from: 60.0,
    }
}

/// Whether the signal's threshold is a percentage (0–100).
fn is_percent(k: K) -> bool {
    matches!(
        k,
        K::MeetingsLapsing | K::SilentAgents | K::IndicatorsOffTarget
    )
}

pub fn check(s: &FadeSettings) -> Vec<FieldError> {
    let mut errors = vec![];
    for k in K::ALL {
        let n = s.signals.iter().filter(|x| x.kind == *k).count();
        if n != 1 {
            errors.push(field_error(
                "signals",
                "each_signal_once",
                format!("must list {} exactly once", k.as_str()),
            ));
        }
    }
    for (i, x) in s.signals.iter().enumerate() {
        if !(0.0..=100.0).contains(&x.weight) {
            errors.push(field_error(
                &format!("signals[{i}].weight"),
                "out_of_range",
                "must be between 0 and 100",
            ));
        }
        let max = if is_percent(x.kind) { 100.0 } else { 1.0e6 };
        if !(0.0..=max).contains(&x.threshold) {
            errors.push(field_error(
                &format!("signals[{i}].threshold"),
                "out_of_range",
                format!("must be between 0 and {max}"),
            ));
        }
    }
    if errors.is_empty() && s.signals.iter().all(|x| x.weight == 0.0) {
        errors.push(field_error(
            "signals",
            "no_weight",
            "at least one signal must have a weight",
        ));
    }
    for (field, v) in [("medium_from", s.medium_from), ("high_from", s.high_from)] {
        if !(0.0..=100.0).contains(&v) {
            errors.push(field_error(
                field,
                "out_of_range",
                "must be between 0 and 100",
            ));
        }
    }
    if s.high_from < s.medium_from {
        errors.push(field_error(
            "high_from",
            "below_medium",
            "must be at least medium_from",
        ));
    }
    errors
}

/// The data behind the signals; `None` where it does not exist yet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inputs {
    /// Meetings held on time and expected over the window.
    pub meetings: Option<(i32, i32)>,
    /// Silent and active change agents.
    pub agents: Option<(i32, i32)>,
    /// Indicators off target (red or worsening) and indicators with data.
    pub indicators: Option<(i32, i32)>,
    /// Overdue measurement periods over all manual indicators (None without any).
    pub overdue_measurements: Option<i32>,
    /// Totals of the two latest closed sustainability rounds (latest, previous).
    pub sustainability: Option<(f64, f64)>,
}

fn pct(n: i32, d: i32) -> Option<f64> {
    (d > 0).then(|| round1(f64::from(n) * 100.0 / f64::from(d)))
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub fn assess(s: &FadeSettings, i: &Inputs) -> FadeRisk {
    let total_weight: f64 = s.signals.iter().map(|x| x.weight).sum();
    // Signals that count (weight above 0), and those of them with data.
    let (mut counted, mut with_data) = (0usize, 0usize);
    let signals: Vec<FadeSignal> = s
        .signals
        .iter()
        .map(|x| {
            let (value, num, den, triggered) = match x.kind {
                K::MeetingsLapsing => {
                    let v = i.meetings.and_then(|(h, e)| pct(h, e));
                    (
                        v,
                        i.meetings.map(|m| m.0),
                        i.meetings.map(|m| m.1),
                        v.is_some_and(|v| v < x.threshold),
                    )
                }
                K::SilentAgents => {
                    let v = i.agents.and_then(|(s, a)| pct(s, a));
                    (
                        v,
                        i.agents.map(|m| m.0),
                        i.agents.map(|m| m.1),
                        v.is_some_and(|v| v > x.threshold),
                    )
                }
                K::IndicatorsOffTarget => {
                    let v = i.indicators.and_then(|(o, n)| pct(o, n));
                    (
                        v,
                        i.indicators.map(|m| m.0),
                        i.indicators.map(|m| m.1),
                        v.is_some_and(|v| v > x.threshold),
                    )
                }
                K::OverdueMeasurements => {
                    let v = i.overdue_measurements.map(f64::from);
                    (v, None, None, v.is_some_and(|v| v >= x.threshold.max(1.0)))
                }
                K::SustainabilityFalling => {
                    let v = i.sustainability.map(|(latest, prev)| round1(prev - latest));
                    (
                        v,
                        None,
                        None,
                        v.is_some_and(|v| v >= x.threshold && v > 0.0),
                    )
                }
            };
            if x.weight > 0.0 {
                counted += 1;
                if value.is_some() {
                    with_data += 1;
                }
            }
            let triggered = triggered && x.weight > 0.0;
            FadeSignal {
                kind: x.kind,
                weight: x.weight,
                threshold: x.threshold,
                value,
                numerator: num,
                denominator: den,
                triggered,
                points: if triggered && total_weight > 0.0 {
                    round1(x.weight * 100.0 / total_weight)
                } else {
                    0.0
                },
            }
        })
        .collect();
    let score = if total_weight > 0.0 {
        round1(
            signals
                .iter()
                .filter(|x| x.triggered)
                .map(|x| x.weight)
                .sum::<f64>()
                * 100.0
                / total_weight,
        )
    } else {
        0.0
    };
    // With most counted signals still without data the score says more about what is
    // missing than about the practice: the level is "too little data", not "low".
    let level = if with_data == 0 || (counted - with_data) * 2 > counted {
        FadeLevel::NoData
    } else if score >= s.high_from {
        FadeLevel::High
    } else if score >= s.medium_from {
        FadeLevel::Medium
    } else {
        FadeLevel::Low
    };
    FadeRisk {
        score,
        level,
        signals,
        medium_from: s.medium_from,
        high_from: s.high_from,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signal(r: &FadeRisk, k: K) -> &FadeSignal {
        r.signals.iter().find(|s| s.kind == k).unwrap()
    }

    #[test]
    fn the_defaults_are_valid_and_weigh_100() {
        let d = defaults();
        assert!(check(&d).is_empty());
        assert_eq!(d.signals.iter().map(|s| s.weight).sum::<f64>(), 100.0);
    }

    #[test]
    fn no_data_anywhere_is_no_data_not_low() {
        let r = assess(&defaults(), &Inputs::default());
        assert_eq!(r.level, FadeLevel::NoData);
        assert_eq!(r.score, 0.0);
        assert!(r.signals.iter().all(|s| s.value.is_none() && !s.triggered));
        // No meetings expected yet and no active agents are no data, too.
        let r = assess(
            &defaults(),
            &Inputs {
                meetings: Some((0, 0)),
                agents: Some((0, 0)),
                ..Default::default()
            },
        );
        assert_eq!(r.level, FadeLevel::NoData);
    }

    #[test]
    fn most_signals_without_data_is_too_little_data_not_low() {
        // Two of the five default signals have data, neither warns: no "low risk, 0 of 100".
        let i = Inputs {
            meetings: Some((4, 4)),
            overdue_measurements: Some(0),
            ..Default::default()
        };
        let r = assess(&defaults(), &i);
        assert_eq!(r.level, FadeLevel::NoData);
        assert_eq!(r.score, 0.0);
        // Three of five is most: the level is computed.
        let r = assess(
            &defaults(),
            &Inputs {
                agents: Some((0, 5)),
                ..i
            },
        );
        assert_eq!(r.level, FadeLevel::Low);
        // A signal with weight 0 does not count either way.
        let mut s = defaults();
        for x in s.signals.iter_mut() {
            if !matches!(x.kind, K::MeetingsLapsing | K::OverdueMeasurements) {
                x.weight = 0.0;
            }
        }
        assert_eq!(assess(&s, &i).level, FadeLevel::Low);
    }

    #[test]
    fn lapsing_meetings_and_silent_agents_add_their_weights() {
        let r = assess(
            &defaults(),
            &Inputs {
                meetings: Some((5, 10)),            // 50 % < 75 %: triggered
                agents: Some((1, 10)),              // 10 % silent, not above 30 %
                indicators: Some((2, 4)),           // 50 % off target > 30 %: triggered
                overdue_measurements: Some(0),      // none overdue
                sustainability: Some((62.0, 60.0)), // rising
            },
        );
        let m = signal(&r, K::MeetingsLapsing);
        assert_eq!(
            (m.value, m.numerator, m.denominator),
            (Some(50.0), Some(5), Some(10))
        );
        assert!(m.triggered);
        assert_eq!(m.points, 25.0);
        assert!(!signal(&r, K::SilentAgents).triggered);
        assert!(signal(&r, K::IndicatorsOffTarget).triggered);
        assert!(!signal(&r, K::OverdueMeasurements).triggered);
        let s = signal(&r, K::SustainabilityFalling);
        assert_eq!(s.value, Some(-2.0));
        assert!(!s.triggered);
        assert_eq!(r.score, 45.0);
        assert_eq!(r.level, FadeLevel::Medium);
    }

    #[test]
    fn thresholds_and_weights_are_the_projects_own() {
        let mut s = defaults();
        for x in s.signals.iter_mut() {
            match x.kind {
                K::OverdueMeasurements => {
                    x.weight = 50.0;
                    x.threshold = 3.0;
                }
                K::SustainabilityFalling => x.weight = 50.0,
                _ => x.weight = 0.0,
            }
        }
        s.high_from = 90.0;
        assert!(check(&s).is_empty());
        let i = Inputs {
            meetings: Some((0, 10)), // weight 0: shown, never triggered
            overdue_measurements: Some(3),
            sustainability: Some((50.0, 60.0)),
            ..Default::default()
        };
        let r = assess(&s, &i);
        assert!(!signal(&r, K::MeetingsLapsing).triggered);
        assert_eq!(signal(&r, K::MeetingsLapsing).value, Some(0.0));
        assert_eq!(signal(&r, K::OverdueMeasurements).points, 50.0);
        assert_eq!(signal(&r, K::SustainabilityFalling).value, Some(10.0));
        assert_eq!(r.score, 100.0);
        assert_eq!(r.level, FadeLevel::High);
        // Two overdue periods stay under a threshold of three.
        let r = assess(
            &s,
            &Inputs {
                overdue_measurements: Some(2),
                ..i
            },
        );
        assert_eq!(r.score, 50.0);
        assert_eq!(r.level, FadeLevel::Medium);
    }

    #[test]
    fn invalid_settings_are_refused_by_field() {
        let mut s = defaults();
        s.signals.pop();
        s.signals[0].weight = 120.0;
        s.high_from = 10.0;
        let fields: Vec<String> = check(&s).into_iter().map(|e| e.field).collect();
        assert!(fields.contains(&"signals".to_string()));
        assert!(fields.contains(&"signals[0].weight".to_string()));
        assert!(fields.contains(&"high_from".to_string()));
        let mut z = defaults();
        z.signals.iter_mut().for_each(|x| x.weight = 0.0);
        assert_eq!(check(&z)[0].code, "no_weight");
    }
}
