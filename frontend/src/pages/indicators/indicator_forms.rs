//! The forms of one indicator's page: changing its definition (owner, leader, admins) and
//! recording a period's value (also the indicator's responsible member).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;
use varig_types::{Indicator, MeasurementInput, Membership, ProblemCode};

use super::list::{IndicatorDraft, IndicatorFields};
use super::{indicators_href, parse_number, today_iso};
use crate::api::{use_api, ApiError};
use crate::i18n::use_i18n;
use crate::ui::{clean, focus_id, Form, FormError, TextArea, TextInput};

/// The change form's draft and whether it is open, kept by the page across reloads.
#[derive(Clone, Copy)]
pub(super) struct EditState {
    pub(super) draft: IndicatorDraft,
    pub(super) open: RwSignal<bool>,
}

/// Changing the definition (prefilled, saved with `If-Match`) and deleting the indicator
/// after a second, confirming step.
#[component]
pub(super) fn ChangeIndicator(
    indicator: Indicator,
    members: Vec<Membership>,
    edit: EditState,
    flash: RwSignal<Option<&'static str>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let project = indicator.project_id;
    let id = indicator.id;
    let version = indicator.version;
    let name = indicator.name.clone();
    let for_fill = StoredValue::new(indicator);
    let open = edit.open;
    let confirming = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let delete_error = RwSignal::new(None::<ApiError>);
    let saved = Callback::new(move |_id: Uuid| {
        open.set(false);
        flash.set(Some("indicators.flash_updated"));
        reload.run(());
        focus_id("ind-flash".to_owned());
    });
    let on_cancel = Callback::new(move |()| {
        open.set(false);
        focus_id("ind-edit-open".to_owned());
    });
    let delete = move |_| {
        if deleting.get_untracked() {
            return;
        }
        deleting.set(true);
        delete_error.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api.delete_indicator(id, version).await {
                Ok(()) => {
                    navigate(
                        &format!("{}?deleted=1", indicators_href(project)),
                        Default::default(),
                    );
                }
                Err(e) => {
                    let _ = deleting.try_set(false);
                    let _ = delete_error.try_set(Some(e));
                    focus_id("ind-delete-error".to_owned());
                }
            }
        });
    };
    let stale_delete = move || {
        delete_error.with(|e| e.as_ref().and_then(|e| e.code()))
            == Some(ProblemCode::PreconditionFailed)
    };

    view! {
        <section class="card" aria-labelledby="ind-change">
            <h2 id="ind-change">{move || i18n.t("indicators.change_heading")}</h2>
            <button
                type="button"
                id="ind-edit-open"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="ind-edit"
                on:click=move |_| {
                    if !open.get_untracked() {
                        for_fill.with_value(|x| edit.draft.fill(x, i18n.lang()));
                    }
                    open.set(!open.get_untracked());
                    focus_id("ind-edit-name".to_owned());
                }
            >
                {move || i18n.t("indicators.edit")}
            </button>
            <div id="ind-edit" hidden=move || !open.get()>
                {move || {
                    open.get()
                        .then(|| {
                            view! {
                                <IndicatorFields
                                    prefix="ind-edit"
                                    project
                                    members=members.clone()
                                    draft=edit.draft
                                    editing=Some((id, version))
                                    saved
                                    on_cancel
                                    reload
                                />
                            }
                        })
                }}
            </div>
            <div class="danger-zone">
                <Show
                    when=move || confirming.get()
                    fallback=move || {
                        view! {
                            <button
                                type="button"
                                class="danger"
                                id="ind-delete"
                                on:click=move |_| {
                                    confirming.set(true);
                                    focus_id("ind-delete-confirm".to_owned());
                                }
                            >
                                {move || i18n.t("indicators.delete")}
                            </button>
                        }
                    }
                >
                    {
                        let name = name.clone();
                        view! {
                            <div class="notice confirm" role="group" aria-labelledby="ind-delete-question">
                                <p id="ind-delete-question">
                                    {move || i18n.tf("indicators.delete_question", &[("name", &name)])}
                                </p>
                                <div class="button-row">
                                    <button
                                        type="button"
                                        class="danger"
                                        id="ind-delete-confirm"
                                        aria-disabled=move || deleting.get().then_some("true")
                                        on:click=delete.clone()
                                    >
                                        {move || i18n.t(if deleting.get() { "indicators.deleting" } else { "indicators.delete_confirm" })}
                                    </button>
                                    <button
                                        type="button"
                                        on:click=move |_| {
                                            confirming.set(false);
                                            delete_error.set(None);
                                            focus_id("ind-delete".to_owned());
                                        }
                                    >
                                        {move || i18n.t("form.cancel")}
                                    </button>
                                </div>
                            </div>
                        }
                    }
                </Show>
                <div id="ind-delete-error" class="form-error" role="alert" tabindex="-1">
                    {move || {
                        delete_error
                            .get()
                            .map(|e| {
                                let text = if stale_delete() { i18n.t("indicators.delete_stale") } else { e.message(i18n) };
                                view! { <p>{text}</p> }
                            })
                    }}
                    <Show when=stale_delete>
                        <button type="button" on:click=move |_| reload.run(())>
                            {move || i18n.t("correction.reload")}
                        </button>
                    </Show>
                </div>
            </div>
        </section>
    }
}

/// The messages of the measurement form's fields, by the server's rule.
fn measurement_message(field: &str, code: &str) -> Option<&'static str> {
    match (field, code) {
        ("period", "out_of_range") => Some("measurement.period_too_early"),
        ("period", "in_the_future") => Some("measurement.period_future"),
        ("value", _) => Some("measurement.value_invalid"),
        _ => None,
    }
}

#[component]
pub(super) fn MeasurementForm(indicator: Uuid, saved: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let form = Form::new("ms");
    let period = RwSignal::new(today_iso());
    let value = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.reset();
        let p = period.get_untracked().trim().parse();
        if p.is_err() {
            form.invalid("period", "measurement.period_required");
        }
        let v = parse_number(&value.get_untracked());
        if v.is_none() {
            form.invalid("value", "measurement.value_invalid");
        }
        if !form.valid() {
            return;
        }
        let (Ok(p), Some(v)) = (p, v) else {
            return;
        };
        if !form.begin() {
            return;
        }
        let input = MeasurementInput {
            period: p,
            value: v,
            comment: clean(&comment.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            match api.record_measurement(indicator, &input).await {
                Ok(_) => {
                    form.done();
                    let _ = value.try_set(String::new());
                    let _ = comment.try_set(String::new());
                    saved.run(());
                    focus_id("ind-flash");
                }
                Err(e) => {
                    let conflict = e.code() == Some(ProblemCode::AlreadyExists);
                    form.fail_with(e, measurement_message);
                    if conflict {
                        form.invalid("period", "measurement.period_taken");
                    }
                }
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="ms-title">
            <h2 id="ms-title">{move || i18n.t("measurement.heading")}</h2>
            <form class="plan-form" on:submit=on_submit novalidate=true>
                <FormError form conflict_key="measurement.conflict" />
                <TextInput
                    form
                    field="period"
                    label="measurement.period"
                    value=period
                    kind="date"
                    hint="measurement.period_hint"
                    required=true
                />
                <TextInput
                    form
                    field="value"
                    label="measurement.value"
                    value=value
                    inputmode="decimal"
                    required=true
                    maxlength=40
                />
                <TextArea form field="comment" label="measurement.comment" value=comment />
                <button type="submit" class="primary" aria-disabled=move || form.pending.get().then_some("true")>
                    {move || i18n.t(if form.pending.get() { "form.saving" } else { "measurement.save" })}
                </button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_period_rules_get_their_own_messages() {
        assert_eq!(
            measurement_message("period", "in_the_future"),
            Some("measurement.period_future")
        );
        assert_eq!(measurement_message("comment", "too_long"), None);
    }
}
