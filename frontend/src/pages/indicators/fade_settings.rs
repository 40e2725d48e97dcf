//! Changing how the fade risk is computed: every signal's weight and threshold and the
//! scores from which the risk is medium and high (project owner, leader or organisation
//! admin). The server checks the ranges; its 422 is shown on the fields it names.

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{FadeSettings, FadeSignalKind, FadeSignalSetting};

use super::{format_number, parse_number, signal_key, signal_unit};
use crate::api::{use_api, ApiError};
use crate::i18n::use_i18n;
use crate::ui::{focus_id, ErrorNotice, Form, FormButtons, FormError, Loading, TextInput};

/// The form field of a signal's weight.
fn weight_field(k: FadeSignalKind) -> &'static str {
    match k {
        FadeSignalKind::MeetingsLapsing => "weight_meetings_lapsing",
        FadeSignalKind::SilentAgents => "weight_silent_agents",
        FadeSignalKind::IndicatorsOffTarget => "weight_indicators_off_target",
        FadeSignalKind::OverdueMeasurements => "weight_overdue_measurements",
        FadeSignalKind::SustainabilityFalling => "weight_sustainability_falling",
    }
}

/// The form field of a signal's threshold.
fn threshold_field(k: FadeSignalKind) -> &'static str {
    match k {
        FadeSignalKind::MeetingsLapsing => "threshold_meetings_lapsing",
        FadeSignalKind::SilentAgents => "threshold_silent_agents",
        FadeSignalKind::IndicatorsOffTarget => "threshold_indicators_off_target",
        FadeSignalKind::OverdueMeasurements => "threshold_overdue_measurements",
        FadeSignalKind::SustainabilityFalling => "threshold_sustainability_falling",
    }
}

/// What a threshold means, by signal.
fn threshold_label(k: FadeSignalKind) -> &'static str {
    match k {
        FadeSignalKind::MeetingsLapsing => "fade_settings.threshold_meetings_lapsing",
        FadeSignalKind::SilentAgents => "fade_settings.threshold_silent_agents",
        FadeSignalKind::IndicatorsOffTarget => "fade_settings.threshold_indicators_off_target",
        FadeSignalKind::OverdueMeasurements => "fade_settings.threshold_overdue_measurements",
        FadeSignalKind::SustainabilityFalling => "fade_settings.threshold_sustainability_falling",
    }
}

/// The form field and message of one of the server's field errors, given the signals in the
/// order they were sent (`signals[2].weight` names the third).
fn server_field(
    field: &str,
    code: &str,
    kinds: &[FadeSignalKind],
) -> Option<(&'static str, &'static str)> {
    if let Some(rest) = field.strip_prefix("signals[") {
        let (index, part) = rest.split_once("].")?;
        let kind = *kinds.get(index.parse::<usize>().ok()?)?;
        return match part {
            "weight" => Some((weight_field(kind), "fade_settings.weight_range")),
            "threshold" if signal_unit(kind) == "%" => {
                Some((threshold_field(kind), "fade_settings.percent_range"))
            }
            "threshold" => Some((threshold_field(kind), "fade_settings.threshold_range")),
            _ => None,
        };
    }
    match (field, code) {
        ("signals", "no_weight") => {
            Some((weight_field(*kinds.first()?), "fade_settings.no_weight"))
        }
        ("high_from", "below_medium") => Some(("high_from", "fade_settings.high_below_medium")),
        ("medium_from" | "high_from", _) => Some((
            if field == "medium_from" {
                "medium_from"
            } else {
                "high_from"
            },
            "fade_settings.score_range",
        )),
        _ => None,
    }
}

/// One signal's typed weight and threshold.
#[derive(Clone, Copy)]
struct SignalDraft {
    kind: FadeSignalKind,
    weight: RwSignal<String>,
    threshold: RwSignal<String>,
}

/// Below the fade risk on the dashboard: a button that opens the settings form.
#[component]
pub fn FadeSettingsSection(
    project: Uuid,
    flash: RwSignal<Option<&'static str>>,
    saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    view! {
        <section class="card fade-settings" aria-labelledby="fade-set-title">
            <h2 id="fade-set-title">{move || i18n.t("fade_settings.title")}</h2>
            <p class="hint">{move || i18n.t("fade_settings.lead")}</p>
            <div class="flash-region" role="status" aria-live="polite">
                {move || flash.get().map(|k| view! { <p class="notice flash" id="fade-set-flash" tabindex="-1">{move || i18n.t(k)}</p> })}
            </div>
            <button
                type="button"
                id="fade-set-open"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="fade-set"
                on:click=move |_| {
                    flash.set(None);
                    open.set(!open.get_untracked());
                }
            >
                {move || i18n.t("fade_settings.open")}
            </button>
            <div id="fade-set" hidden=move || !open.get()>
                {move || open.get().then(|| view! { <SettingsForm project open saved flash /> })}
            </div>
        </section>
    }
}

#[component]
fn SettingsForm(
    project: Uuid,
    open: RwSignal<bool>,
    saved: Callback<()>,
    flash: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let loaded = RwSignal::new(None::<Vec<SignalDraft>>);
    let failure = RwSignal::new(None::<ApiError>);
    let medium = RwSignal::new(String::new());
    let high = RwSignal::new(String::new());
    let load = move || {
        failure.set(None);
        leptos::task::spawn_local(async move {
            match api.fade_settings(project, None).await {
                Ok((s, _)) => {
                    let lang = i18n.lang();
                    let _ = medium.try_set(format_number(lang, s.medium_from));
                    let _ = high.try_set(format_number(lang, s.high_from));
                    let drafts = s
                        .signals
                        .iter()
                        .map(|x| SignalDraft {
                            kind: x.kind,
                            weight: RwSignal::new(format_number(lang, x.weight)),
                            threshold: RwSignal::new(format_number(lang, x.threshold)),
                        })
                        .collect();
                    let _ = loaded.try_set(Some(drafts));
                    focus_id(format!(
                        "fade-set-{}",
                        weight_field(
                            s.signals
                                .first()
                                .map_or(FadeSignalKind::MeetingsLapsing, |x| x.kind)
                        )
                    ));
                }
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                }
            }
        });
    };
    load();
    let retry = Callback::new(move |()| load());
    let form = Form::new("fade-set");
    let on_cancel = Callback::new(move |()| {
        open.set(false);
        focus_id("fade-set-open".to_owned());
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.reset();
        let Some(drafts) = loaded.get_untracked() else {
            return;
        };
        let mut signals = Vec::new();
        for d in &drafts {
            let w = parse_number(&d.weight.get_untracked());
            if w.is_none() {
                form.invalid(weight_field(d.kind), "indicators.number_required");
            }
            let t = parse_number(&d.threshold.get_untracked());
            if t.is_none() {
                form.invalid(threshold_field(d.kind), "indicators.number_required");
            }
            if let (Some(weight), Some(threshold)) = (w, t) {
                signals.push(FadeSignalSetting {
                    kind: d.kind,
                    weight,
                    threshold,
                });
            }
        }
        let m = parse_number(&medium.get_untracked());
        if m.is_none() {
            form.invalid("medium_from", "indicators.number_required");
        }
        let h = parse_number(&high.get_untracked());
        if h.is_none() {
            form.invalid("high_from", "indicators.number_required");
        }
        if !form.valid() {
            return;
        }
        let (Some(medium_from), Some(high_from)) = (m, h) else {
            return;
        };
        let kinds: Vec<FadeSignalKind> = signals.iter().map(|s| s.kind).collect();
        let input = FadeSettings {
            signals,
            medium_from,
            high_from,
        };
        if !form.begin() {
            return;
        }
        leptos::task::spawn_local(async move {
            match api.update_fade_settings(project, &input).await {
                Ok(_) => {
                    form.done();
                    let _ = open.try_set(false);
                    let _ = flash.try_set(Some("fade_settings.saved"));
                    saved.run(());
                }
                Err(e) => {
                    let named: Vec<(&'static str, &'static str)> = match &e {
                        ApiError::Problem { problem, .. } => problem
                            .errors
                            .iter()
                            .filter_map(|x| server_field(&x.field, &x.code, &kinds))
                            .collect(),
                        _ => Vec::new(),
                    };
                    form.fail(e);
                    form.reset_fields();
                    for (field, key) in named {
                        form.invalid(field, key);
                    }
                }
            }
        });
    };

    view! {
        {move || failure.get().map(|e| view! { <ErrorNotice error=e retry /> })}
        <Show when=move || loaded.with(Option::is_none) && failure.with(Option::is_none)>
            <Loading />
        </Show>
        {move || {
            loaded
                .get()
                .map(|drafts| {
                    let rows = drafts
                        .into_iter()
                        .map(|d| {
                            let unit = signal_unit(d.kind);
                            view! {
                                <fieldset class="fade-signal">
                                    <legend>{move || i18n.t(signal_key(d.kind))}</legend>
                                    <div class="field-pair">
                                        <TextInput form field=weight_field(d.kind) label="fade_settings.weight" value=d.weight inputmode="decimal" maxlength=20 />
                                        <TextInput form field=threshold_field(d.kind) label=threshold_label(d.kind) value=d.threshold inputmode="decimal" maxlength=20 />
                                    </div>
                                    {(unit == "%").then(|| view! { <p class="hint">{move || i18n.t("fade_settings.percent_hint")}</p> })}
                                </fieldset>
                            }
                        })
                        .collect_view();
                    view! {
                        <form class="plan-form" on:submit=on_submit novalidate=true>
                            <FormError form />
                            <p class="hint">{move || i18n.t("fade_settings.weight_hint")}</p>
                            {rows}
                            <div class="field-pair">
                                <TextInput form field="medium_from" label="fade_settings.medium_from" value=medium inputmode="decimal" maxlength=20 />
                                <TextInput form field="high_from" label="fade_settings.high_from" value=high inputmode="decimal" maxlength=20 />
                            </div>
                            <FormButtons form save="fade_settings.save" on_cancel />
                        </form>
                    }
                })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_indexed_fields_land_on_the_signal_sent_there() {
        let kinds = [
            FadeSignalKind::SilentAgents,
            FadeSignalKind::OverdueMeasurements,
        ];
        assert_eq!(
            server_field("signals[1].threshold", "out_of_range", &kinds),
            Some((
                "threshold_overdue_measurements",
                "fade_settings.threshold_range"
            ))
        );
        assert_eq!(
            server_field("signals[0].weight", "out_of_range", &kinds),
            Some(("weight_silent_agents", "fade_settings.weight_range"))
        );
        assert_eq!(
            server_field("high_from", "below_medium", &kinds),
            Some(("high_from", "fade_settings.high_below_medium"))
        );
        assert_eq!(
            server_field("signals[9].weight", "out_of_range", &kinds),
            None
        );
    }
}
