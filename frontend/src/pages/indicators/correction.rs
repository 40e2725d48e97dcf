//! Correcting a measurement: a new value and a comment for the same period, sent with the
//! version it was read at. When someone else corrected it first (412) the page says so and
//! offers to reload, keeping what was typed; the earlier values are shown afterwards.

use std::collections::HashMap;

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::{
    Indicator, Measurement, MeasurementCorrection, MeasurementRevision, ProblemCode,
};

use super::{format_number, parse_number, period_label, with_unit};
use crate::api::{use_api, Api};
use crate::i18n::{use_i18n, Lang};
use crate::ui::{clean, focus_id, Form, FormButtons, FormError, TextArea, TextInput};

/// Earlier values of measurements, by measurement.
pub type Earlier = RwSignal<HashMap<Uuid, Vec<MeasurementRevision>>>;

/// What is being corrected and what was typed, kept across reloads of the indicator page.
#[derive(Debug, Clone, Copy)]
pub struct CorrectionDraft {
    pub target: RwSignal<Option<Uuid>>,
    pub value: RwSignal<String>,
    pub comment: RwSignal<String>,
    /// The earlier values of the measurements looked at or corrected here.
    pub earlier: Earlier,
}

impl CorrectionDraft {
    pub fn new() -> Self {
        CorrectionDraft {
            target: RwSignal::new(None),
            value: RwSignal::new(String::new()),
            comment: RwSignal::new(String::new()),
            earlier: RwSignal::new(HashMap::new()),
        }
    }

    /// Opens the form for a measurement, with its value to start from, and fetches its
    /// earlier values.
    pub fn start(&self, m: &Measurement, lang: Lang, api: Api) {
        self.target.set(Some(m.id));
        self.value.set(format_number(lang, m.value));
        self.comment.set(String::new());
        focus_id("cor-value".to_owned());
        let (id, earlier) = (m.id, self.earlier);
        leptos::task::spawn_local(async move {
            if let Ok((full, _)) = api.measurement(id, None).await {
                if !full.corrections.is_empty() {
                    let _ = earlier.try_update(|e| {
                        e.insert(id, full.corrections);
                    });
                }
            }
        });
    }

    fn close(&self) {
        self.target.set(None);
        self.value.set(String::new());
        self.comment.set(String::new());
    }
}

impl Default for CorrectionDraft {
    fn default() -> Self {
        Self::new()
    }
}

/// The messages of the correction form's fields, by the server's rule.
fn correction_message(field: &str, _code: &str) -> Option<&'static str> {
    (field == "value").then_some("measurement.value_invalid")
}

/// The form for the measurement in `draft.target`, if it is among `items`.
#[component]
pub fn CorrectionForm(
    indicator: Indicator,
    items: Vec<Measurement>,
    draft: CorrectionDraft,
    /// Reload the page's data (after a 412), keeping the draft.
    reload: Callback<()>,
    /// The correction was saved.
    corrected: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let freq = indicator.frequency;
    let unit = indicator.unit.clone();
    move || {
        let m = draft
            .target
            .get()
            .and_then(|id| items.iter().find(|m| m.id == id).cloned())?;
        let form = Form::new("cor");
        let (id, version, start) = (m.id, m.version, m.period_start);
        let now = with_unit(i18n.lang(), m.value, &unit);
        let on_submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            form.reset();
            let Some(value) = parse_number(&draft.value.get_untracked()) else {
                form.invalid("value", "measurement.value_invalid");
                let _ = form.valid();
                return;
            };
            if !form.begin() {
                return;
            }
            let input = MeasurementCorrection {
                value,
                comment: clean(&draft.comment.get_untracked()),
            };
            leptos::task::spawn_local(async move {
                match api.correct_measurement(id, version, &input).await {
                    Ok(saved) => {
                        form.done();
                        let _ = draft.earlier.try_update(|e| {
                            e.insert(id, saved.corrections);
                        });
                        draft.close();
                        corrected.run(());
                        focus_id("ind-flash".to_owned());
                    }
                    Err(e) => form.fail_with(e, correction_message),
                }
            });
        };
        let stale = move || {
            form.failure.with(|f| f.as_ref().and_then(|e| e.code()))
                == Some(ProblemCode::PreconditionFailed)
        };
        let cancel = Callback::new(move |()| draft.close());
        Some(view! {
            <section class="correction" aria-labelledby="cor-title">
                <h3 id="cor-title">
                    {move || i18n.tf("correction.heading", &[("period", &period_label(i18n, freq, start))])}
                </h3>
                <p class="hint">{move || i18n.tf("correction.now", &[("value", &now)])}</p>
                <form class="plan-form" on:submit=on_submit novalidate=true>
                    <FormError form />
                    <Show when=stale>
                        <div class="notice stale">
                            <p>{move || i18n.t("correction.stale")}</p>
                            <button type="button" on:click=move |_| reload.run(())>
                                {move || i18n.t("correction.reload")}
                            </button>
                        </div>
                    </Show>
                    <TextInput
                        form
                        field="value"
                        label="correction.value"
                        value=draft.value
                        inputmode="decimal"
                        required=true
                        maxlength=40
                    />
                    <TextArea form field="comment" label="correction.comment" value=draft.comment />
                    <FormButtons form save="correction.save" on_cancel=cancel />
                </form>
            </section>
        })
    }
}

/// A measurement's earlier values under its value in the table: those older than `version`,
/// the row's (the list can be newer than the row for a moment while the page reloads).
#[component]
pub fn EarlierValues(id: Uuid, version: i64, unit: String, earlier: Earlier) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let list: Vec<MeasurementRevision> = earlier.with(|e| {
            e.get(&id)
                .map(|l| l.iter().filter(|r| r.version < version).cloned().collect())
                .unwrap_or_default()
        });
        if list.is_empty() {
            return None;
        }
        let unit = unit.clone();
        Some(view! {
            <ul class="earlier-values">
                {list
                    .into_iter()
                    .map(|r| {
                        let value = with_unit(i18n.lang(), r.value, &unit);
                        view! { <li>{move || i18n.tf("correction.earlier", &[("value", &value)])}</li> }
                    })
                    .collect_view()}
            </ul>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_value_gets_the_number_message() {
        assert_eq!(
            correction_message("value", "not_a_number"),
            Some("measurement.value_invalid")
        );
        assert_eq!(correction_message("comment", "too_long"), None);
    }
}
