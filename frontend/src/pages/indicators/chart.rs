//! An indicator's measurements as an inline SVG line chart with its green, amber and red
//! bands and its target, summarised for screen readers; and the same data as a table.

use leptos::prelude::*;
use varig_types::{Direction, Indicator, Measurement, Rag};

use super::correction::{Earlier, EarlierValues};
use super::{period_label, rag_key, with_unit, RagBadge};
use crate::i18n::{use_i18n, Lang};

const W: f64 = 320.0;
const H: f64 = 200.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 30.0;

/// The value range shown: every value, threshold, target and baseline, with some air.
pub fn value_range(ind: &Indicator, values: &[f64]) -> (f64, f64) {
    let mut all: Vec<f64> = values.to_vec();
    all.extend([ind.green_threshold, ind.amber_threshold]);
    all.extend(ind.target);
    all.extend(ind.baseline);
    let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = if (hi - lo).abs() < 1e-9 { 1.0 } else { hi - lo };
    let lo = lo - span * 0.1;
    let hi = hi + span * 0.1;
    // A share never goes below zero: do not draw a band there.
    let lo = if lo < 0.0 && all.iter().all(|v| *v >= 0.0) {
        0.0
    } else {
        lo
    };
    (lo, hi)
}

/// The bands, bottom to top, as (status, from, to), clipped to the range.
pub fn bands(ind: &Indicator, lo: f64, hi: f64) -> Vec<(Rag, f64, f64)> {
    let (g, a) = (ind.green_threshold, ind.amber_threshold);
    let raw = match ind.direction {
        Direction::Higher => vec![(Rag::Red, lo, a), (Rag::Amber, a, g), (Rag::Green, g, hi)],
        Direction::Lower => vec![(Rag::Green, lo, g), (Rag::Amber, g, a), (Rag::Red, a, hi)],
    };
    raw.into_iter()
        .map(|(r, from, to)| (r, from.max(lo), to.min(hi)))
        .filter(|(_, from, to)| to > from)
        .collect()
}

/// The chart; `items` oldest period first.
#[component]
pub fn TrendChart(indicator: Indicator, items: Vec<Measurement>) -> impl IntoView {
    let i18n = use_i18n();
    let values: Vec<f64> = items.iter().map(|m| m.value).collect();
    let (lo, hi) = value_range(&indicator, &values);
    let plot_h = H - TOP - BOTTOM;
    let plot_w = W - LEFT - RIGHT;
    let y = move |v: f64| TOP + (hi - v) / (hi - lo) * plot_h;
    let n = items.len();
    let x = move |i: usize| {
        if n <= 1 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let points: Vec<(f64, f64)> = values
        .iter()
        .enumerate()
        .map(|(i, v)| (x(i), y(*v)))
        .collect();
    let line = points
        .iter()
        .map(|(px, py)| format!("{px:.1},{py:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let unit = indicator.unit.clone();
    let freq = indicator.frequency;
    let first = items.first().map(|m| m.period_start);
    let last = items.last().map(|m| (m.period_start, m.value));
    let ind = StoredValue::new(indicator.clone());

    let label = {
        let unit = unit.clone();
        move || {
            let lang = i18n.lang();
            let ind = ind.get_value();
            let thresholds = i18n.tf(
                match ind.direction {
                    Direction::Higher => "chart.thresholds_higher",
                    Direction::Lower => "chart.thresholds_lower",
                },
                &[
                    ("green", &with_unit(lang, ind.green_threshold, &unit)),
                    ("amber", &with_unit(lang, ind.amber_threshold, &unit)),
                ],
            );
            let mut text = match (first, last) {
                (Some(f), Some((l, v))) => {
                    let status =
                        Rag::of(ind.direction, ind.green_threshold, ind.amber_threshold, v);
                    i18n.tn(
                        "chart.summary",
                        n as i64,
                        &[
                            ("name", &ind.name),
                            ("count", &n.to_string()),
                            ("first", &period_label(i18n, freq, f)),
                            ("last", &period_label(i18n, freq, l)),
                            ("value", &with_unit(lang, v, &unit)),
                            ("status", &i18n.t(rag_key(status))),
                        ],
                    )
                }
                _ => i18n.tf("chart.summary_empty", &[("name", &ind.name)]),
            };
            text.push(' ');
            text.push_str(&thresholds);
            if let Some(t) = ind.target {
                text.push(' ');
                text.push_str(&i18n.tf("chart.target", &[("target", &with_unit(lang, t, &unit))]));
            }
            text
        }
    };

    let band_view = bands(&indicator, lo, hi)
        .into_iter()
        .map(|(rag, from, to)| {
            let (top, bottom) = (y(to), y(from));
            let tall = bottom - top >= 14.0;
            view! {
                <rect
                    class=format!("band band-{}", rag.as_str())
                    x=LEFT
                    y=format!("{top:.1}")
                    width=plot_w
                    height=format!("{:.1}", bottom - top)
                />
                {tall
                    .then(|| {
                        view! {
                            <text class="band-label" x=W - RIGHT - 4.0 y=format!("{:.1}", bottom - 4.0) text-anchor="end">
                                {move || i18n.t(rag_key(rag))}
                            </text>
                        }
                    })}
            }
        })
        .collect_view();

    let target_view = indicator.target.filter(|t| *t >= lo && *t <= hi).map(|t| {
        let ty = format!("{:.1}", y(t));
        view! {
            <line class="target-line" x1=LEFT x2=W - RIGHT y1=ty.clone() y2=ty.clone() />
            <text class="axis-label" x=LEFT + 4.0 y=format!("{:.1}", y(t) - 3.0)>
                {move || i18n.t("chart.target_short")}
            </text>
        }
    });

    let unit_lo = unit.clone();
    let unit_hi = unit.clone();
    let x_labels = move || {
        match (first, last) {
            (Some(f), Some((l, _))) if n > 1 => view! {
                <text class="axis-label" x=LEFT y=H - 10.0>{period_label(i18n, freq, f)}</text>
                <text class="axis-label" x=W - RIGHT y=H - 10.0 text-anchor="end">{period_label(i18n, freq, l)}</text>
            }
            .into_any(),
            (Some(f), _) => view! {
                <text class="axis-label" x=LEFT + plot_w / 2.0 y=H - 10.0 text-anchor="middle">{period_label(i18n, freq, f)}</text>
            }
            .into_any(),
            _ => ().into_any(),
        }
    };

    view! {
        <figure class="chart">
            <svg
                role="img"
                aria-label=label
                viewBox=format!("0 0 {W} {H}")
                preserveAspectRatio="xMidYMid meet"
                class="trend-chart"
            >
                {band_view}
                <line class="axis" x1=LEFT x2=LEFT y1=TOP y2=H - BOTTOM />
                <line class="axis" x1=LEFT x2=W - RIGHT y1=H - BOTTOM y2=H - BOTTOM />
                <text class="axis-label" x=LEFT - 4.0 y=TOP + 8.0 text-anchor="end">
                    {move || number(i18n.lang(), hi, &unit_hi)}
                </text>
                <text class="axis-label" x=LEFT - 4.0 y=H - BOTTOM text-anchor="end">
                    {move || number(i18n.lang(), lo, &unit_lo)}
                </text>
                {target_view}
                {x_labels}
                {(n > 1).then(|| view! { <polyline class="data-line" points=line /> })}
                {points
                    .into_iter()
                    .map(|(px, py)| {
                        view! { <circle class="data-point" cx=format!("{px:.1}") cy=format!("{py:.1}") r="4" /> }
                    })
                    .collect_view()}
            </svg>
            <figcaption class="chart-legend">
                <ChartLegend indicator />
            </figcaption>
        </figure>
    }
}

/// An axis value: short, with "%" but without other units (they do not fit).
fn number(lang: Lang, v: f64, unit: &str) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    if unit.trim() == "%" {
        with_unit(lang, rounded, "%")
    } else {
        with_unit(lang, rounded, "")
    }
}

/// What each band means, in words.
#[component]
fn ChartLegend(indicator: Indicator) -> impl IntoView {
    let i18n = use_i18n();
    let unit = indicator.unit.clone();
    let (g, a) = (indicator.green_threshold, indicator.amber_threshold);
    let higher = indicator.direction == Direction::Higher;
    let rows = [
        (
            Rag::Green,
            if higher {
                "chart.band_green_higher"
            } else {
                "chart.band_green_lower"
            },
        ),
        (Rag::Amber, "chart.band_amber"),
        (
            Rag::Red,
            if higher {
                "chart.band_red_higher"
            } else {
                "chart.band_red_lower"
            },
        ),
    ];
    view! {
        <ul class="legend">
            {rows
                .into_iter()
                .map(|(rag, key)| {
                    let unit = unit.clone();
                    view! {
                        <li>
                            <span class=format!("swatch band-{}", rag.as_str()) aria-hidden="true"></span>
                            <RagBadge rag />
                            " "
                            {move || {
                                let lang = i18n.lang();
                                i18n.tf(key, &[("green", &with_unit(lang, g, &unit)), ("amber", &with_unit(lang, a, &unit))])
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The chart's data as a table: period, value, status (and comment, who recorded it).
#[component]
pub fn MeasurementTable(
    indicator: Indicator,
    items: Vec<Measurement>,
    /// A "correct" button per row, for those who may record.
    #[prop(optional_no_strip)]
    correct: Option<Callback<Measurement>>,
    /// Earlier values to show under a value.
    #[prop(optional)]
    earlier: Option<Earlier>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = indicator.name.clone();
    let unit = indicator.unit.clone();
    let freq = indicator.frequency;
    let (dir, g, a) = (
        indicator.direction,
        indicator.green_threshold,
        indicator.amber_threshold,
    );
    // The comment column only when there is something in it: the table fits a phone.
    let comments = items.iter().any(|m| !m.comment.trim().is_empty());
    let rows = items
        .into_iter()
        .rev()
        .map(|m| {
            let unit = unit.clone();
            let status = Rag::of(dir, g, a, m.value);
            let start = m.period_start;
            let comment = m.comment.clone();
            let value = m.value;
            let (id, version) = (m.id, m.version);
            let earlier_unit = unit.clone();
            view! {
                <tr data-period=start.to_string()>
                    <th scope="row">{move || period_label(i18n, freq, start)}</th>
                    <td class="num">
                        {move || with_unit(i18n.lang(), value, &unit)}
                        {earlier.map(|e| view! { <EarlierValues id version unit=earlier_unit.clone() earlier=e /> })}
                    </td>
                    <td><RagBadge rag=status /></td>
                    {comments.then(|| view! { <td class="pre-line">{comment}</td> })}
                    {correct
                        .map(|cb| {
                            view! {
                                <td class="correct-cell">
                                    <button
                                        type="button"
                                        class="correct-button"
                                        aria-label=move || i18n.tf("correction.button_label", &[("period", &period_label(i18n, freq, start))])
                                        on:click=move |_| cb.run(m.clone())
                                    >
                                        {move || i18n.t("correction.button")}
                                    </button>
                                </td>
                            }
                        })}
                </tr>
            }
        })
        .collect_view();
    let caption = move || i18n.tf("chart.table_caption", &[("name", &name)]);
    view! {
        // Focusable, so a keyboard can scroll it sideways if it is ever wider than the screen.
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="ms-table-caption">
            <table class=if correct.is_some() { "data-table correctable" } else { "data-table" }>
                <caption id="ms-table-caption">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t("chart.col_period")}</th>
                        <th scope="col">{move || i18n.t("chart.col_value")}</th>
                        <th scope="col">{move || i18n.t("chart.col_status")}</th>
                        {comments.then(|| view! { <th scope="col">{move || i18n.t("chart.col_comment")}</th> })}
                        {correct.is_some().then(|| view! { <th scope="col">{move || i18n.t("correction.col")}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_get_the_status_the_server_gives_them() {
        assert_eq!(Rag::of(Direction::Higher, 80.0, 60.0, 80.0), Rag::Green);
        assert_eq!(Rag::of(Direction::Higher, 80.0, 60.0, 70.0), Rag::Amber);
        assert_eq!(Rag::of(Direction::Higher, 80.0, 60.0, 59.9), Rag::Red);
        assert_eq!(Rag::of(Direction::Lower, 5.0, 10.0, 4.0), Rag::Green);
        assert_eq!(Rag::of(Direction::Lower, 5.0, 10.0, 10.0), Rag::Amber);
        assert_eq!(Rag::of(Direction::Lower, 5.0, 10.0, 11.0), Rag::Red);
    }
}
