//! The sustainability self-assessment: the leader or owner opens a round, members rate the
//! ten factors 1–4, and everyone sees the score per domain and in total (0–100) with the
//! factors pulling it down; earlier rounds are its history.

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::permissions::Action;
use varig_types::{
    AssessmentStatus, NewSustainabilityAssessment, SustainabilityAssessment, SustainabilityDomain,
    SustainabilityModel, SustainabilityRating, SustainabilityResponseInput, SustainabilityResult,
};

use super::{format_number, FollowCtx};
use crate::api::{abort_on_cleanup, use_api, ApiError};
use crate::i18n::{use_i18n, I18n};
use crate::ui::{
    clean_line, focus_id, format_date, local, local_date, now, DateStyle, ErrorNotice, FlashNotice,
    Form, FormError, Loading, TextInput,
};

pub fn domain_key(d: SustainabilityDomain) -> &'static str {
    match d {
        SustainabilityDomain::Process => "sustain.domain_process",
        SustainabilityDomain::Staff => "sustain.domain_staff",
        SustainabilityDomain::Organisation => "sustain.domain_organisation",
    }
}

#[derive(Clone, Copy)]
struct Data {
    model: RwSignal<Option<SustainabilityModel>>,
    flash: RwSignal<Option<&'static str>>,
    reload: Callback<()>,
}

impl Data {
    fn saved(&self, key: &'static str) {
        self.flash.set(Some(key));
        self.reload.run(());
        focus_id("sus-flash".to_owned());
    }

    /// A factor's name in the UI language (tracked).
    fn factor_name(&self, i18n: I18n, key: &str) -> String {
        self.model.with(|m| {
            m.as_ref()
                .and_then(|m| m.factors.iter().find(|f| f.key == key))
                .map(|f| local(i18n, &f.name))
                .unwrap_or_else(|| key.to_owned())
        })
    }
}

#[component]
pub fn Sustainability(f: FollowCtx) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let project = f.ctx.project.id;
    let may_write = f.ctx.standing.may_change(Action::ReadinessManage);
    let may_answer = f.ctx.standing.can(Action::ReadinessRespond);
    let model = RwSignal::new(None::<SustainabilityModel>);
    let rounds = RwSignal::new(None::<Vec<SustainabilityAssessment>>);
    let failure = RwSignal::new(None::<ApiError>);
    let abort = StoredValue::new_local(abort_on_cleanup());
    let reload = Callback::new(move |()| {
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            let (m, r) = futures::join!(
                api.sustainability_model(signal.clone()),
                api.sustainability_rounds(project, signal)
            );
            match (m, r) {
                (Ok((m, _)), Ok((r, _))) => {
                    let _ = failure.try_set(None);
                    let _ = model.try_set(Some(m));
                    let _ = rounds.try_set(Some(r.items));
                }
                (Err(ApiError::Aborted), _) | (_, Err(ApiError::Aborted)) => {}
                (Err(e), _) | (_, Err(e)) => {
                    let _ = failure.try_set(Some(e));
                }
            }
        });
    });
    reload.run(());
    let data = Data {
        model,
        flash: RwSignal::new(None),
        reload,
    };
    let retry = Callback::new(move |()| reload.run(()));
    let open = move || {
        rounds.with(|r| {
            r.iter()
                .flatten()
                .find(|a| a.status == AssessmentStatus::Open)
                .cloned()
        })
    };
    let closed = move || {
        rounds.with(|r| {
            let mut list: Vec<_> = r
                .iter()
                .flatten()
                .filter(|a| a.status != AssessmentStatus::Open)
                .cloned()
                .collect();
            list.reverse();
            list
        })
    };

    view! {
        <article class="sustainability" aria-labelledby="sus-title">
            <h1 id="sus-title">{move || i18n.t("sustain.title")}</h1>
            <p class="lead">{move || i18n.t("sustain.lead")}</p>
            <FlashNotice id="sus-flash" message=data.flash />
            {move || failure.get().map(|e| view! { <ErrorNotice error=e retry /> })}
            <Show when=move || rounds.with(Option::is_none) && failure.with(Option::is_none)>
                <Loading />
            </Show>
            <Show when=move || rounds.with(Option::is_some)>
                {move || match open() {
                    Some(round) => view! { <OpenRound round data may_write may_answer /> }.into_any(),
                    None => {
                        view! {
                            <section class="card" aria-labelledby="sus-none">
                                <h2 id="sus-none">{move || i18n.t("sustain.no_open_heading")}</h2>
                                <p class="empty">
                                    {move || i18n.t(if may_write { "sustain.no_open_writer" } else { "sustain.no_open" })}
                                </p>
                                {may_write.then(|| view! { <OpenForm data project /> })}
                            </section>
                        }
                            .into_any()
                    }
                }}
                <section class="card" aria-labelledby="sus-history">
                    <h2 id="sus-history">{move || i18n.t("sustain.history")}</h2>
                    <Show when=move || closed().is_empty()>
                        <p class="empty">{move || i18n.t("sustain.history_empty")}</p>
                    </Show>
                    <ul class="plan-list">
                        <For each=closed key=|r| r.id let:round>
                            <li class="plan-item">
                                <h3>{round.title.clone()}</h3>
                                <p class="round-dates">
                                    {
                                        let at = round.closed_at.unwrap_or(round.created_at);
                                        move || i18n.tf("sustain.closed_on", &[("date", &format_date(i18n.lang(), local_date(at), DateStyle::Medium))])
                                    }
                                </p>
                                <ResultView result=round.result.clone() data />
                            </li>
                        </For>
                    </ul>
                </section>
            </Show>
        </article>
    }
}

#[component]
fn OpenRound(
    round: SustainabilityAssessment,
    data: Data,
    may_write: bool,
    may_answer: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = round.title.clone();
    let id = round.id;
    let mine = round.my_ratings.clone();
    let rated = !mine.is_empty();
    view! {
        <section class="card" aria-labelledby="sus-open">
            <h2 id="sus-open">{move || i18n.tf("sustain.open_heading", &[("title", &title)])}</h2>
            <h3>{move || i18n.t("sustain.result_heading")}</h3>
            <ResultView result=round.result.clone() data />
            {may_answer
                .then(|| {
                    view! {
                        <h3 id="sus-rate-title">{move || i18n.t("sustain.rate_heading")}</h3>
                        <p class="hint">{move || i18n.t(if rated { "sustain.rated_hint" } else { "sustain.rate_hint" })}</p>
                        {move || data.model.get().map(|m| view! { <RateForm round=id model=m mine=mine.clone() data /> })}
                    }
                })}
            {may_write.then(|| view! { <CloseButton round=id data /> })}
        </section>
    }
}

/// Respondents, the total, each domain's score of its maximum, and what pulls it down.
#[component]
fn ResultView(result: SustainabilityResult, data: Data) -> impl IntoView {
    let i18n = use_i18n();
    let respondents = result.respondents.to_string();
    let total = result.total;
    let pulling = result.pulling_down.clone();
    let domains = result.domains.clone();
    let score = move |s: Option<f64>| match s {
        Some(v) => format_number(i18n.lang(), (v * 10.0).round() / 10.0),
        None => i18n.t("dashboard.no_data"),
    };
    view! {
        <div class="readiness-result">
            <p class="respondents">{move || i18n.tf("sustain.respondents", &[("n", &respondents)])}</p>
            <p class="tile-figure">
                {move || match total {
                    Some(t) => i18n.tf("sustain.total", &[("score", &score(Some(t)))]),
                    None => i18n.t("sustain.total_pending"),
                }}
            </p>
            <ul class="domain-results">
                {domains
                    .into_iter()
                    .map(|d| {
                        let (domain, max, s) = (d.domain, d.max, d.score);
                        view! {
                            <li class="domain">
                                <p class="domain-mean">
                                    {move || {
                                        i18n.tf(
                                            "sustain.domain_score",
                                            &[("domain", &i18n.t(domain_key(domain))), ("score", &score(s)), ("max", &score(Some(max)))],
                                        )
                                    }}
                                </p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {(!pulling.is_empty())
                .then(|| {
                    view! {
                        <p class="evidence-label">{move || i18n.t("sustain.pulling_down")}</p>
                        <ul class="pulling-down">
                            {pulling
                                .into_iter()
                                .map(|k| view! { <li>{move || data.factor_name(i18n, &k)}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
        </div>
    }
}

#[component]
fn RateForm(
    round: Uuid,
    model: SustainabilityModel,
    mine: Vec<SustainabilityRating>,
    data: Data,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let form = Form::new("sus");
    let ratings: Vec<(String, RwSignal<i32>)> = model
        .factors
        .iter()
        .map(|f| {
            let given = mine
                .iter()
                .find(|r| r.factor == f.key)
                .map_or(0, |r| r.score);
            (f.key.clone(), RwSignal::new(given))
        })
        .collect();
    let missing = RwSignal::new(Vec::<String>::new());
    let ratings = StoredValue::new(ratings);
    let scale = StoredValue::new(model.scale.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.reset();
        let chosen: Vec<(String, i32)> = ratings.with_value(|r| {
            r.iter()
                .map(|(k, s)| (k.clone(), s.get_untracked()))
                .collect()
        });
        let unrated: Vec<String> = chosen
            .iter()
            .filter(|(_, s)| *s == 0)
            .map(|(k, _)| k.clone())
            .collect();
        missing.set(unrated.clone());
        if let Some(first) = unrated.first() {
            focus_id(format!("sus-{first}-1"));
            return;
        }
        if !form.begin() {
            return;
        }
        let body = SustainabilityResponseInput {
            ratings: chosen
                .into_iter()
                .map(|(factor, score)| SustainabilityRating { factor, score })
                .collect(),
        };
        leptos::task::spawn_local(async move {
            match api.rate_sustainability(round, &body).await {
                Ok(_) => {
                    form.done();
                    data.saved("sustain.flash_rated");
                }
                Err(e) => form.fail(e),
            }
        });
    };
    let factors = model
        .factors
        .into_iter()
        .enumerate()
        .filter_map(|(n, factor)| {
            let value = ratings.with_value(|r| r.iter().find(|(k, _)| *k == factor.key).map(|(_, s)| *s))?;
            let key = factor.key.clone();
            let err_key = StoredValue::new(key.clone());
            let is_missing = move || err_key.with_value(|k| missing.with(|m| m.contains(k)));
            let error_id = format!("sus-{key}-error");
            let described = error_id.clone();
            let (name, statement) = (factor.name.clone(), factor.statement.clone());
            let domain = factor.domain;
            let radios = (1..=4)
                .map(|score: i32| {
                    let id = format!("sus-{key}-{score}");
                    let label_for = id.clone();
                    let label = move || {
                        scale.with_value(|s| {
                            s.get((score - 1) as usize)
                                .map(|t| format!("{score} – {}", local(i18n, t)))
                                .unwrap_or_else(|| score.to_string())
                        })
                    };
                    let chosen = key.clone();
                    view! {
                        <label class="radio" for=label_for>
                            <input
                                type="radio"
                                id=id
                                name=format!("sus-{key}")
                                value=score.to_string()
                                prop:checked=move || value.get() == score
                                on:change=move |_| {
                                    value.set(score);
                                    missing.update(|m| m.retain(|k| *k != chosen));
                                }
                            />
                            <span>{label}</span>
                        </label>
                    }
                })
                .collect_view();
            Some(view! {
                <fieldset class="field radio-group stacked statement" aria-describedby=move || is_missing().then(|| described.clone())>
                    <legend>
                        {move || format!("{}. {}", n + 1, local(i18n, &name))}
                        <span class="legend-domain">{move || format!(" ({})", i18n.t(domain_key(domain)))}</span>
                    </legend>
                    <p class="hint">{move || local(i18n, &statement)}</p>
                    <div class="radios">{radios}</div>
                    <p id=error_id class="field-error" role="alert">
                        {move || is_missing().then(|| i18n.t("sustain.rating_required"))}
                    </p>
                </fieldset>
            })
        })
        .collect_view();
    view! {
        <form class="plan-form" on:submit=on_submit novalidate=true aria-labelledby="sus-rate-title">
            <FormError form conflict_key="sustain.closed" />
            {factors}
            <button type="submit" class="primary" aria-disabled=move || form.pending.get().then_some("true")>
                {move || i18n.t(if form.pending.get() { "form.saving" } else { "sustain.submit" })}
            </button>
        </form>
    }
}

#[component]
fn OpenForm(data: Data, project: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let form = Form::new("sus-round");
    let today = format_date(i18n.lang(), local_date(now()), DateStyle::Medium);
    let title = RwSignal::new(i18n.tf("sustain.default_title", &[("date", &today)]));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.reset();
        let text = clean_line(&title.get_untracked());
        if text.is_empty() {
            form.invalid("title", "form.required");
        }
        if !form.valid() || !form.begin() {
            return;
        }
        let body = NewSustainabilityAssessment { title: text };
        leptos::task::spawn_local(async move {
            match api.open_sustainability_round(project, &body).await {
                Ok(_) => {
                    form.done();
                    data.saved("sustain.flash_opened");
                }
                Err(e) => form.fail(e),
            }
        });
    };
    view! {
        <form class="plan-form" on:submit=on_submit novalidate=true>
            <FormError form conflict_key="sustain.open_exists" />
            <TextInput form field="title" label="sustain.round_title" value=title required=true />
            <button type="submit" class="primary" aria-disabled=move || form.pending.get().then_some("true")>
                {move || i18n.t("sustain.open_round")}
            </button>
        </form>
    }
}

#[component]
fn CloseButton(round: Uuid, data: Data) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let form = Form::new("sus-close");
    let close = move |_| {
        if !form.begin() {
            return;
        }
        leptos::task::spawn_local(async move {
            match api.close_sustainability_round(round).await {
                Ok(_) => {
                    form.done();
                    data.saved("sustain.flash_closed");
                }
                Err(e) => form.fail(e),
            }
        });
    };
    view! {
        <div class="gate-action">
            <FormError form />
            <p class="hint">{move || i18n.t("sustain.close_hint")}</p>
            <button type="button" aria-disabled=move || form.pending.get().then_some("true") on:click=close>
                {move || i18n.t("sustain.close_round")}
            </button>
        </div>
    }
}
