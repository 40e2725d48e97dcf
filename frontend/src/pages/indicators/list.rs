//! A project's indicators, grouped by what they measure, and the form to define one
//! (project owner, leader or organisation admin).

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::permissions::Action;
use varig_types::{
    Direction, Frequency, Indicator, IndicatorCategory, IndicatorInput, IndicatorSource,
    Membership, ProblemCode,
};

use super::parse_number;
use super::{
    category_key, direction_key, frequency_key, indicator_href, period_label, source_key,
    with_unit, FollowCtx, RagBadge, TrendText,
};
use crate::api::{abort_on_cleanup, use_api, ApiError};
use crate::i18n::use_i18n;
use crate::ui::{
    choice, clean, clean_line, focus_id, Choice, ErrorNotice, FlashNotice, Form, FormButtons,
    FormError, Loading, MemberSelect, RadioGroup, Select, TextArea, TextInput,
};

#[component]
pub fn Indicators(f: FollowCtx) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let project = f.ctx.project.id;
    let may_write = f.ctx.standing.may_change(Action::IndicatorWrite);
    let members = f.ctx.members.clone();
    let items = RwSignal::new(None::<Vec<Indicator>>);
    let failure = RwSignal::new(None::<ApiError>);
    let flash = RwSignal::new(None::<&'static str>);
    // Back from deleting an indicator: say so.
    let deleted =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("deleted").is_some());
    if deleted {
        flash.set(Some("indicators.flash_deleted"));
    }
    let open = RwSignal::new(false);
    let abort = StoredValue::new_local(abort_on_cleanup());
    let load = Callback::new(move |focus: Option<String>| {
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            match api.indicators(project, signal).await {
                Ok((list, _)) => {
                    let _ = failure.try_set(None);
                    let _ = items.try_set(Some(list.items));
                    if let Some(id) = focus {
                        focus_id(id);
                    }
                }
                Err(ApiError::Aborted) => {}
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                }
            }
        });
    });
    load.run(None);
    let retry = Callback::new(move |()| load.run(None));
    let created = Callback::new(move |id: Uuid| {
        flash.set(Some("indicators.flash_created"));
        open.set(false);
        load.run(Some(format!("ind-{id}")));
    });

    let groups = IndicatorCategory::ALL
        .iter()
        .map(|c| {
            let c = *c;
            let list = move || {
                items.with(|i| {
                    i.iter()
                        .flatten()
                        .filter(|x| x.category == c)
                        .cloned()
                        .collect::<Vec<_>>()
                })
            };
            let heading = format!("cat-{}", c.as_str());
            let labelled = heading.clone();
            view! {
                <Show when=move || !list().is_empty()>
                    <section class="card" aria-labelledby=labelled.clone()>
                        <h2 id=heading.clone()>{move || i18n.t(category_key(c))}</h2>
                        <ul class="indicator-tiles">
                            <For each=list key=|x| (x.id, x.version) let:x>
                                <IndicatorRow x project />
                            </For>
                        </ul>
                    </section>
                </Show>
            }
        })
        .collect_view();

    view! {
        <article class="indicators" aria-labelledby="ind-list-title">
            <h1 id="ind-list-title">{move || i18n.t("indicators.title")}</h1>
            <p class="lead">{move || i18n.t("indicators.lead")}</p>
            <FlashNotice id="ind-list-flash" message=flash />
            {move || failure.get().map(|e| view! { <ErrorNotice error=e retry /> })}
            <Show when=move || items.with(Option::is_none) && failure.with(Option::is_none)>
                <Loading />
            </Show>
            <Show when=move || items.with(|i| i.as_ref().is_some_and(Vec::is_empty))>
                <p class="empty">{move || i18n.t("indicators.empty")}</p>
            </Show>
            {(!may_write).then(|| view! { <p class="notice read-only">{move || i18n.t("indicators.read_only")}</p> })}
            {may_write
                .then(|| {
                    let members = members.clone();
                    view! {
                        <div class="card">
                            <button
                                type="button"
                                class="add-button"
                                id="ind-new-open"
                                aria-expanded=move || if open.get() { "true" } else { "false" }
                                aria-controls="ind-new"
                                on:click=move |_| {
                                    open.set(!open.get_untracked());
                                    focus_id("ind-new-name".to_owned());
                                }
                            >
                                {move || i18n.t("indicators.add")}
                            </button>
                            <div id="ind-new" hidden=move || !open.get()>
                                {move || open.get().then(|| view! { <IndicatorForm project members=members.clone() open created /> })}
                            </div>
                        </div>
                    }
                })}
            {groups}
        </article>
    }
}

#[component]
fn IndicatorRow(x: Indicator, project: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let unit = x.unit.clone();
    let st = x.status.clone();
    let freq = x.frequency;
    let source = x.source;
    view! {
        <li class=format!("indicator-tile rag-edge-{}", st.rag.as_str())>
            <a id=format!("ind-{}", x.id) class="indicator-name" href=indicator_href(project, x.id)>
                {x.name.clone()}
            </a>
            <p class="indicator-status">
                <RagBadge rag=st.rag />
                " "
                <TrendText trend=st.trend />
            </p>
            <p class="indicator-value">
                {move || match (st.latest_value, st.latest_period) {
                    (Some(v), Some(p)) => {
                        i18n.tf(
                            "indicators.latest",
                            &[("value", &with_unit(i18n.lang(), v, &unit)), ("period", &period_label(i18n, freq, p))],
                        )
                    }
                    _ => i18n.t("dashboard.no_value"),
                }}
            </p>
            <p class="tile-detail">
                {move || format!("{} · {}", i18n.t(frequency_key(freq)), i18n.t(source_key(source)))}
            </p>
        </li>
    }
}

/// What is typed into the indicator form, kept outside the form so that it survives a
/// reload of the page behind it (after a 412, say); `Copy`.
#[derive(Clone, Copy)]
pub struct IndicatorDraft {
    name: RwSignal<String>,
    category: RwSignal<String>,
    description: RwSignal<String>,
    unit: RwSignal<String>,
    source: RwSignal<String>,
    direction: RwSignal<String>,
    green: RwSignal<String>,
    amber: RwSignal<String>,
    target: RwSignal<String>,
    baseline: RwSignal<String>,
    frequency: RwSignal<String>,
    start: RwSignal<String>,
    responsible: RwSignal<String>,
    goal: RwSignal<Option<Uuid>>,
}

impl IndicatorDraft {
    /// An empty form with the usual choices.
    pub fn new() -> Self {
        Self {
            name: RwSignal::new(String::new()),
            category: RwSignal::new(IndicatorCategory::ImplementationQuality.as_str().to_owned()),
            description: RwSignal::new(String::new()),
            unit: RwSignal::new(String::new()),
            source: RwSignal::new(IndicatorSource::Manual.as_str().to_owned()),
            direction: RwSignal::new(Direction::Higher.as_str().to_owned()),
            green: RwSignal::new(String::new()),
            amber: RwSignal::new(String::new()),
            target: RwSignal::new(String::new()),
            baseline: RwSignal::new(String::new()),
            frequency: RwSignal::new(Frequency::Monthly.as_str().to_owned()),
            start: RwSignal::new(String::new()),
            responsible: RwSignal::new(String::new()),
            goal: RwSignal::new(None),
        }
    }

    /// Fills the form with an indicator's definition, numbers written for `lang`.
    pub fn fill(&self, x: &Indicator, lang: crate::i18n::Lang) {
        let num = |v: f64| super::words::format_number(lang, v);
        self.name.set(x.name.clone());
        self.category.set(x.category.as_str().to_owned());
        self.description.set(x.description.clone());
        self.unit.set(x.unit.clone());
        self.source.set(x.source.as_str().to_owned());
        self.direction.set(x.direction.as_str().to_owned());
        self.green.set(num(x.green_threshold));
        self.amber.set(num(x.amber_threshold));
        self.target.set(x.target.map(num).unwrap_or_default());
        self.baseline.set(x.baseline.map(num).unwrap_or_default());
        self.frequency.set(x.frequency.as_str().to_owned());
        self.start.set(x.start_date.to_string());
        self.responsible
            .set(x.responsible_id.map(|u| u.to_string()).unwrap_or_default());
        self.goal.set(x.goal_id);
    }
}

impl Default for IndicatorDraft {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
fn IndicatorForm(
    project: Uuid,
    members: Vec<Membership>,
    open: RwSignal<bool>,
    created: Callback<Uuid>,
) -> impl IntoView {
    let on_cancel = Callback::new(move |()| {
        open.set(false);
        focus_id("ind-new-open".to_owned());
    });
    view! {
        <IndicatorFields
            prefix="ind-new"
            project
            members
            draft=IndicatorDraft::new()
            editing=None
            saved=created
            on_cancel
        />
    }
}

/// The fields of an indicator's definition: a new one (`editing` is `None`) or a change to
/// an existing one (its id and the version that was read, sent as `If-Match`).
#[component]
pub fn IndicatorFields(
    prefix: &'static str,
    project: Uuid,
    members: Vec<Membership>,
    draft: IndicatorDraft,
    editing: Option<(Uuid, i64)>,
    saved: Callback<Uuid>,
    on_cancel: Callback<()>,
    #[prop(optional)] reload: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let form = Form::new(prefix);
    let IndicatorDraft {
        name,
        category,
        description,
        unit,
        source,
        direction,
        green,
        amber,
        target,
        baseline,
        frequency,
        start,
        responsible,
        goal,
    } = draft;

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.reset();
        let n = clean_line(&name.get_untracked());
        if n.is_empty() {
            form.invalid("name", "form.required");
        }
        let g = parse_number(&green.get_untracked());
        if g.is_none() {
            form.invalid("green_threshold", "indicators.number_required");
        }
        let a = parse_number(&amber.get_untracked());
        if a.is_none() {
            form.invalid("amber_threshold", "indicators.number_required");
        }
        let optional = |field: &str, text: String| -> Option<f64> {
            if text.trim().is_empty() {
                return None;
            }
            let v = parse_number(&text);
            if v.is_none() {
                form.invalid(field, "indicators.number_invalid");
            }
            v
        };
        let t = optional("target", target.get_untracked());
        let b = optional("baseline", baseline.get_untracked());
        let start_text = start.get_untracked();
        let start_date = if start_text.trim().is_empty() {
            None
        } else {
            let d = start_text.trim().parse().ok();
            if d.is_none() {
                form.invalid("start_date", "form.invalid");
            }
            d
        };
        let dir = Direction::parse(&direction.get_untracked()).unwrap_or(Direction::Higher);
        if let (Some(g), Some(a)) = (g, a) {
            let ordered = match dir {
                Direction::Higher => g >= a,
                Direction::Lower => g <= a,
            };
            if !ordered {
                form.invalid("amber_threshold", "form.wrong_order");
            }
        }
        if !form.valid() {
            return;
        }
        let (Some(g), Some(a)) = (g, a) else {
            return;
        };
        let input = IndicatorInput {
            category: IndicatorCategory::parse(&category.get_untracked())
                .unwrap_or(IndicatorCategory::ImplementationQuality),
            name: n,
            description: clean(&description.get_untracked()),
            unit: clean_line(&unit.get_untracked()),
            source: IndicatorSource::parse(&source.get_untracked())
                .unwrap_or(IndicatorSource::Manual),
            direction: dir,
            baseline: b,
            target: t,
            green_threshold: g,
            amber_threshold: a,
            frequency: Frequency::parse(&frequency.get_untracked()).unwrap_or(Frequency::Monthly),
            start_date,
            responsible_id: Uuid::parse_str(&responsible.get_untracked()).ok(),
            goal_id: goal.get_untracked(),
        };
        if !form.begin() {
            return;
        }
        leptos::task::spawn_local(async move {
            let outcome = match editing {
                Some((id, version)) => api.update_indicator(id, version, &input).await,
                None => api.create_indicator(project, &input).await,
            };
            match outcome {
                Ok(ind) => {
                    form.done();
                    saved.run(ind.id);
                }
                Err(e) => form.fail(e),
            }
        });
    };

    let categories: Vec<Choice> = IndicatorCategory::ALL
        .iter()
        .map(|c| choice(c.as_str(), category_key(*c)))
        .collect();
    let sources: Vec<Choice> = IndicatorSource::ALL
        .iter()
        .map(|s| choice(s.as_str(), source_key(*s)))
        .collect();
    let directions: Vec<Choice> = Direction::ALL
        .iter()
        .map(|d| choice(d.as_str(), direction_key(*d)))
        .collect();
    let frequencies: Vec<Choice> = Frequency::ALL
        .iter()
        .map(|f| choice(f.as_str(), frequency_key(*f)))
        .collect();
    let stale = move || {
        form.failure.with(|f| f.as_ref().and_then(|e| e.code()))
            == Some(ProblemCode::PreconditionFailed)
    };

    view! {
        <form class="plan-form" on:submit=on_submit novalidate=true>
            <FormError form />
            {reload
                .map(|reload| {
                    view! {
                        <Show when=stale>
                            <div class="notice stale">
                                <p>{move || i18n.t("indicators.stale")}</p>
                                <button type="button" on:click=move |_| reload.run(())>
                                    {move || i18n.t("correction.reload")}
                                </button>
                            </div>
                        </Show>
                    }
                })}
            <TextInput form field="name" label="indicators.name" value=name required=true />
            <Select form field="category" label="indicators.category" choices=categories value=category />
            <TextArea form field="description" label="indicators.description" value=description hint="indicators.description_hint" />
            <Select form field="source" label="indicators.source" choices=sources value=source />
            <TextInput form field="unit" label="indicators.unit" value=unit hint="indicators.unit_hint" maxlength=40 />
            <RadioGroup form field="direction" legend="indicators.direction" choices=directions value=direction class="stacked" />
            <div class="field-pair">
                <TextInput form field="green_threshold" label="indicators.green_threshold" value=green inputmode="decimal" required=true maxlength=40 />
                <TextInput form field="amber_threshold" label="indicators.amber_threshold" value=amber inputmode="decimal" required=true maxlength=40 />
            </div>
            <p class="hint">{move || i18n.t("indicators.thresholds_hint")}</p>
            <div class="field-pair">
                <TextInput form field="target" label="indicators.target" value=target inputmode="decimal" maxlength=40 />
                <TextInput form field="baseline" label="indicators.baseline" value=baseline inputmode="decimal" maxlength=40 />
            </div>
            <Select form field="frequency" label="indicators.frequency" choices=frequencies value=frequency />
            <TextInput form field="start_date" label="indicators.start_date" value=start kind="date" hint="indicators.start_hint" />
            <MemberSelect form field="responsible_id" label="indicators.responsible" members value=responsible />
            <FormButtons form save="indicators.save" on_cancel />
        </form>
    }
}
