//! The readiness assessment: members answer the questionnaire (one fieldset of five
//! choices per statement) in rounds that the leader opens and closes; the result per domain
//! (mean, spread, range, answers) and the number of respondents.

use leptos::prelude::*;
use uuid::Uuid;
use varig_types::permissions::Action;
use varig_types::{
    AssessmentStatus, DomainResult, NewReadinessAssessment, ReadinessAnswer, ReadinessAssessment,
    ReadinessDomain, ReadinessQuestionnaire, ReadinessResponseInput, ReadinessResult,
};

use super::Ctx;
use crate::api::{abort_on_cleanup, use_api, Api, ApiError};
use crate::i18n::{use_i18n, I18n};
use crate::ui::{
    clean_line, focus_id, format_date, format_decimal, local, local_date, now, DateStyle,
    ErrorNotice, FlashNotice, Form, FormError, Loading, TextInput,
};

pub fn domain_key(domain: ReadinessDomain) -> &'static str {
    match domain {
        ReadinessDomain::ChangeCommitment => "readiness.domain_change_commitment",
        ReadinessDomain::ChangeEfficacy => "readiness.domain_change_efficacy",
    }
}

#[derive(Debug, Clone, Copy)]
struct Data {
    api: Api,
    questionnaire: RwSignal<Option<ReadinessQuestionnaire>>,
    flash: RwSignal<Option<&'static str>>,
    reload: Callback<Option<String>>,
}

impl Data {
    fn saved(&self, key: &'static str, focus: &str) {
        self.flash.set(Some(key));
        self.reload.run(Some(focus.to_owned()));
    }
}

#[component]
pub fn Readiness(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let project = ctx.project.id;
    let may_write = ctx.standing.may_change(Action::ReadinessManage);
    let may_answer = ctx.standing.can(Action::ReadinessRespond);
    let questionnaire = RwSignal::new(None::<ReadinessQuestionnaire>);
    let rounds = RwSignal::new(None::<Vec<ReadinessAssessment>>);
    let error = RwSignal::new(None::<ApiError>);
    let abort = StoredValue::new_local(abort_on_cleanup());
    let reload = Callback::new(move |focus: Option<String>| {
        let signal = abort.get_value();
        leptos::task::spawn_local(async move {
            let (q, r) = futures::join!(
                api.readiness_questionnaire(signal.clone()),
                api.readiness_assessments(project, signal)
            );
            match (q, r) {
                (Ok((q, _)), Ok((mut r, _))) => {
                    // Newest round first, whatever order the server lists them in.
                    r.sort_by_key(|a| std::cmp::Reverse(a.created_at));
                    let _ = error.try_set(None);
                    let _ = questionnaire.try_set(Some(q));
                    let _ = rounds.try_set(Some(r));
                    if let Some(id) = focus {
                        focus_id(id);
                    }
                }
                (Err(ApiError::Aborted), _) | (_, Err(ApiError::Aborted)) => {}
                (Err(e), _) | (_, Err(e)) => {
                    let _ = error.try_set(Some(e));
                }
            }
        });
    });
    reload.run(None);
    let data = Data {
        api,
        questionnaire,
        flash: RwSignal::new(None),
        reload,
    };
    let retry = Callback::new(move |()| reload.run(None));

    let open_round = move || {
        rounds.with(|r| {
            r.as_ref().and_then(|r| {
                r.iter()
                    .find(|a| a.status == AssessmentStatus::Open)
                    .cloned()
            })
        })
    };
    let closed_rounds = move || {
        rounds.with(|r| {
            r.iter()
                .flatten()
                .filter(|a| a.status != AssessmentStatus::Open)
                .cloned()
                .collect::<Vec<_>>()
        })
    };

    view! {
        <FlashNotice id="plan-flash" message=data.flash />
        {move || error.get().map(|e| view! { <ErrorNotice error=e retry /> })}
        <Show when=move || rounds.with(Option::is_none) && error.with(Option::is_none)>
            <Loading />
        </Show>
        <Show when=move || rounds.with(Option::is_some)>
            {move || match open_round() {
                Some(round) => view! { <OpenRound round data may_write may_answer /> }.into_any(),
                None => {
                    view! {
                        <section class="card" aria-labelledby="round-none-title">
                            <h2 id="round-none-title">{move || i18n.t("readiness.no_open_heading")}</h2>
                            <p class="empty">
                                {move || i18n.t(if may_write { "readiness.no_open_writer" } else { "readiness.no_open" })}
                            </p>
                            {may_write.then(|| view! { <OpenRoundForm data project /> })}
                        </section>
                    }
                        .into_any()
                }
            }}
            <section class="card" aria-labelledby="rounds-title">
                <h2 id="rounds-title">{move || i18n.t("readiness.closed_heading")}</h2>
                <Show when=move || closed_rounds().is_empty()>
                    <p class="empty">{move || i18n.t("readiness.closed_empty")}</p>
                </Show>
                <ul class="plan-list">
                    <For each=closed_rounds key=|r| r.id let:round>
                        <li class="plan-item">
                            <h3>{round.title.clone()}</h3>
                            <p class="round-dates">{round_dates(i18n, &round)}</p>
                            <RoundResult result=round.result.clone() level=4 />
                        </li>
                    </For>
                </ul>
            </section>
        </Show>
    }
}

/// "Opened 3 Nov 2026" or "3 Nov 2026 – 24 Nov 2026" (tracked).
fn round_dates(i18n: I18n, round: &ReadinessAssessment) -> impl Fn() -> String {
    let opened = round.created_at;
    let closed = round.closed_at;
    move || match closed {
        Some(c) => i18n.tf(
            "timeline.period",
            &[
                (
                    "from",
                    &format_date(i18n.lang(), local_date(opened), DateStyle::Medium),
                ),
                (
                    "to",
                    &format_date(i18n.lang(), local_date(c), DateStyle::Medium),
                ),
            ],
        ),
        None => i18n.tf(
            "readiness.opened_shown",
            &[(
                "date",
                &format_date(i18n.lang(), local_date(opened), DateStyle::Medium),
            )],
        ),
    }
}

#[component]
fn OpenRound(
    round: ReadinessAssessment,
    data: Data,
    may_write: bool,
    may_answer: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = round.title.clone();
    let answered = !round.my_answers.is_empty();
    let id = round.id;
    let mine = round.my_answers.clone();
    let result = round.result.clone();
    let dates = round_dates(i18n, &round);
    view! {
        <section class="card" aria-labelledby="round-open-title">
            <h2 id="round-open-title">{move || i18n.tf("readiness.open_heading", &[("title", &title)])}</h2>
            <p class="round-dates">{dates}</p>
            <h3>{move || i18n.t("readiness.result_heading")}</h3>
            <RoundResult result level=4 />
            {may_answer
                .then(|| {
                    view! {
                        <h3 id="answer-title">{move || i18n.t("readiness.answer_heading")}</h3>
                        <p class="hint">
                            {move || i18n.t(if answered { "readiness.answered_hint" } else { "readiness.answer_hint" })}
                        </p>
                        {move || {
                            data.questionnaire
                                .get()
                                .map(|q| view! { <AnswerForm round=id questionnaire=q mine=mine.clone() data /> })
                        }}
                    }
                })}
            {may_write.then(|| view! { <CloseRound round=id data /> })}
        </section>
    }
}

/// Respondents and, per domain, mean, spread, range and answers; `level` is the heading
/// level of the domain names (0: no heading).
#[component]
pub fn RoundResult(result: ReadinessResult, level: u8) -> impl IntoView {
    let i18n = use_i18n();
    let respondents = result.respondents;
    view! {
        <div class="readiness-result">
            <p class="respondents">
                {move || i18n.tf("readiness.respondents", &[("n", &respondents.to_string())])}
            </p>
            <ul class="domain-results">
                {result.domains.into_iter().map(|d| domain_view(i18n, d, level)).collect_view()}
            </ul>
        </div>
    }
}

fn domain_view(i18n: I18n, d: DomainResult, level: u8) -> impl IntoView {
    let domain = d.domain;
    let name = move || i18n.t(domain_key(domain));
    let heading = match level {
        3 => view! { <h3 class="domain-name">{name}</h3> }.into_any(),
        4 => view! { <h4 class="domain-name">{name}</h4> }.into_any(),
        5 => view! { <h5 class="domain-name">{name}</h5> }.into_any(),
        _ => view! { <p class="domain-name">{name}</p> }.into_any(),
    };
    let mean = d.mean;
    let width = mean.map(|m| ((m - 1.0) / 4.0 * 100.0).clamp(0.0, 100.0));
    let answers = d.answers;
    let spread = d.spread;
    let range = d.min.zip(d.max);
    view! {
        <li class=format!("domain domain-{}", domain.as_str())>
            {heading}
            <p class="domain-mean">
                {move || match mean {
                    Some(m) => i18n.tf("readiness.mean", &[("mean", &format_decimal(i18n, m))]),
                    None => i18n.t("readiness.no_answers"),
                }}
            </p>
            {width.map(|w| view! {
                <div class="completion-bar" aria-hidden="true"><span style:width=format!("{w:.0}%")></span></div>
            })}
            <p class="domain-detail">
                {move || {
                    let mut parts = Vec::new();
                    if let Some(s) = spread {
                        parts.push(i18n.tf("readiness.spread", &[("spread", &format_decimal(i18n, s))]));
                    }
                    if let Some((lo, hi)) = range {
                        parts.push(
                            i18n.tf(
                                "readiness.range",
                                &[("min", &format_decimal(i18n, lo)), ("max", &format_decimal(i18n, hi))],
                            ),
                        );
                    }
                    parts.push(i18n.tf("readiness.answers", &[("n", &answers.to_string())]));
                    parts.join(" · ")
                }}
            </p>
        </li>
    }
}

#[component]
fn AnswerForm(
    round: Uuid,
    questionnaire: ReadinessQuestionnaire,
    mine: Vec<ReadinessAnswer>,
    data: Data,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new("rd");
    // One signal per statement: the chosen score (0 while unanswered).
    let answers: Vec<(String, ReadinessDomain, RwSignal<i32>)> = questionnaire
        .items
        .iter()
        .map(|item| {
            let given = mine
                .iter()
                .find(|a| a.item == item.key)
                .map(|a| a.score)
                .unwrap_or(0);
            (item.key.clone(), item.domain, RwSignal::new(given))
        })
        .collect();
    let missing = RwSignal::new(Vec::<String>::new());
    let answers = StoredValue::new(answers);
    let scale = StoredValue::new(questionnaire.scale.clone());

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.reset();
        let chosen: Vec<(String, i32)> = answers.with_value(|a| {
            a.iter()
                .map(|(k, _, s)| (k.clone(), s.get_untracked()))
                .collect()
        });
        let unanswered: Vec<String> = chosen
            .iter()
            .filter(|(_, s)| *s == 0)
            .map(|(k, _)| k.clone())
            .collect();
        missing.set(unanswered.clone());
        if let Some(first) = unanswered.first() {
            focus_id(statement_id(first, 1));
            return;
        }
        if !form.begin() {
            return;
        }
        let body = ReadinessResponseInput {
            answers: chosen
                .into_iter()
                .map(|(item, score)| ReadinessAnswer { item, score })
                .collect(),
        };
        leptos::task::spawn_local(async move {
            match data.api.answer_readiness(round, &body).await {
                Ok(_) => {
                    form.done();
                    data.saved("readiness.flash_answered", "plan-flash");
                }
                Err(e) => form.fail(e),
            }
        });
    };

    let mut statements = Vec::new();
    for domain in ReadinessDomain::ALL.iter().copied() {
        let items: Vec<_> = questionnaire
            .items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.domain == domain)
            .map(|(n, item)| (n, item.clone()))
            .collect();
        if items.is_empty() {
            continue;
        }
        statements.push(
            view! { <h4 class="domain-name">{move || i18n.t(domain_key(domain))}</h4> }.into_any(),
        );
        for (n, item) in items {
            let value = answers.with_value(|a| {
                a.iter()
                    .find(|(k, _, _)| *k == item.key)
                    .map(|(_, _, s)| *s)
            });
            let Some(value) = value else { continue };
            let key = item.key.clone();
            let text = item.text.clone();
            let error_id = format!("rd-{key}-error");
            let error_key = StoredValue::new(key.clone());
            let is_missing = move || error_key.with_value(|k| missing.with(|m| m.contains(k)));
            let radios = (1..=5)
                .map(|score: i32| {
                    let id = statement_id(&key, score);
                    let label_for = id.clone();
                    let answered = key.clone();
                    let label = move || {
                        scale.with_value(|s| {
                            s.get((score - 1) as usize)
                                .map(|t| format!("{score} – {}", local(i18n, t)))
                                .unwrap_or_else(|| score.to_string())
                        })
                    };
                    view! {
                        <label class="radio" for=label_for>
                            <input
                                type="radio"
                                id=id
                                name=format!("rd-{key}")
                                value=score.to_string()
                                prop:checked=move || value.get() == score
                                on:change=move |_| {
                                    value.set(score);
                                    missing.update(|m| m.retain(|k| *k != answered));
                                }
                            />
                            <span>{label}</span>
                        </label>
                    }
                })
                .collect_view();
            let described = error_id.clone();
            statements.push(
                view! {
                    <fieldset
                        class="field radio-group stacked statement"
                        aria-describedby=move || is_missing().then(|| described.clone())
                    >
                        <legend>{move || format!("{}. {}", n + 1, local(i18n, &text))}</legend>
                        <div class="radios">{radios}</div>
                        <p id=error_id class="field-error" role="alert">
                            {move || is_missing().then(|| i18n.t("readiness.answer_required"))}
                        </p>
                    </fieldset>
                }
                .into_any(),
            );
        }
    }

    view! {
        <form class="plan-form readiness-form" on:submit=on_submit novalidate=true aria-labelledby="answer-title">
            <FormError form />
            {statements}
            <div class="form-error" role="alert">
                {move || {
                    let n = missing.with(Vec::len);
                    (n > 0).then(|| view! { <p>{i18n.tf("readiness.missing", &[("n", &n.to_string())])}</p> })
                }}
            </div>
            <button type="submit" class="primary" aria-disabled=move || form.pending.get().then_some("true")>
                {move || i18n.t(if form.pending.get() { "form.saving" } else { "readiness.submit" })}
            </button>
        </form>
    }
}

/// The id of a statement's radio for `score` (the first is what an error focuses).
fn statement_id(key: &str, score: i32) -> String {
    format!("rd-{key}-{score}")
}

#[component]
fn OpenRoundForm(data: Data, project: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new("round");
    let today = format_date(i18n.lang(), local_date(now()), DateStyle::Medium);
    let title = RwSignal::new(i18n.tf("readiness.default_title", &[("date", &today)]));
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
        let body = NewReadinessAssessment { title: text };
        leptos::task::spawn_local(async move {
            match data.api.open_readiness(project, &body).await {
                Ok(_) => {
                    form.done();
                    data.saved("readiness.flash_opened", "plan-flash");
                }
                Err(e) => form.fail(e),
            }
        });
    };
    view! {
        <form class="plan-form" on:submit=on_submit novalidate=true>
            <FormError form conflict_key="readiness.open_exists" />
            <TextInput form field="title" label="readiness.round_title_label" value=title required=true />
            <button type="submit" class="primary" aria-disabled=move || form.pending.get().then_some("true")>
                {move || i18n.t("readiness.open_round")}
            </button>
        </form>
    }
}

#[component]
fn CloseRound(round: Uuid, data: Data) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let form = Form::new("close");
    let close = move |_| {
        if !form.begin() {
            return;
        }
        leptos::task::spawn_local(async move {
            match data.api.close_readiness(round).await {
                Ok(_) => {
                    form.done();
                    data.saved("readiness.flash_closed", "plan-flash");
                }
                Err(e) => form.fail(e),
            }
        });
    };
    view! {
        <div class="gate-action">
            <FormError form />
            <Show
                when=move || confirming.get()
                fallback=move || {
                    view! {
                        <button type="button" on:click=move |_| {
                            confirming.set(true);
                            focus_id("close-confirm".to_owned());
                        }>
                            {move || i18n.t("readiness.close_round")}
                        </button>
                    }
                }
            >
                <p>{move || i18n.t("readiness.close_question")}</p>
                <div class="button-row">
                    <button type="button" id="close-confirm" class="primary" aria-disabled=move || form.pending.get().then_some("true") on:click=close>
                        {move || i18n.t("readiness.close_confirm")}
                    </button>
                    <button type="button" on:click=move |_| confirming.set(false)>
                        {move || i18n.t("form.cancel")}
                    </button>
                </div>
            </Show>
        </div>
    }
}
