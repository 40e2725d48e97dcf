//! The outbox: field reports are written to IndexedDB first and sent from there.
//!
//! - A report gets its id on the phone when it is submitted, so sending it again (after a
//!   lost answer, a reload, another tab) stores it once: the server answers 200 with the
//!   original.
//! - The sync loop runs on submit, on the `online` event, at start (and after a login) and
//!   every 30 seconds while online. A report leaves the queue only when the server has it
//!   (2xx). No network, 5xx, 408 or 429: it stays and is tried again. An expired session:
//!   it stays until someone logs in again (a 401 is refreshed once by the API client
//!   first). Any other 4xx: it stays, marked as refused with the server's reason, until the
//!   user retries or deletes it — never dropped silently.
//! - Each report belongs to the user who filed it and is only sent with that user's session.
//! - The header shows how many of the user's reports wait; a live region tells what a sync
//!   did.

use std::cell::RefCell;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use varig_types::{NewFieldReport, Problem};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

use crate::api::{use_api, Api, ApiError};
use crate::i18n::{use_i18n, I18n};

const DB_NAME: &str = "varig-offline";
const DB_VERSION: u32 = 1;
const STORE: &str = "reports";
const SYNC_EVERY: Duration = Duration::from_secs(30);

/// A report waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    /// The report's id (the store's key).
    pub id: Uuid,
    /// Who filed it; only this user's session sends it.
    pub user_id: Uuid,
    pub project_id: Uuid,
    /// For the outbox list, which may be read offline.
    pub unit_name: String,
    pub report: NewFieldReport,
    /// `Date.now()` when it was queued.
    pub queued_at: f64,
    #[serde(default)]
    pub attempts: u32,
    /// The server refused it (4xx): why. It is not sent again until the user retries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<Refusal>,
}

/// A refusal: the status and the problem document, if there was one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<Problem>,
}

impl Refusal {
    pub fn error(&self) -> ApiError {
        match &self.problem {
            Some(problem) => ApiError::Problem {
                problem: problem.clone(),
                retry_after: None,
            },
            None => ApiError::Http(self.status),
        }
    }
}

/// What to do with a report after a failed attempt.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Keep it and stop this pass: no network, server trouble, no session.
    KeepAndStop,
    /// Keep it, marked as refused.
    Refuse(Refusal),
}

fn outcome(error: &ApiError) -> Outcome {
    match error {
        ApiError::Problem { problem, .. } => match problem.status {
            401 | 408 | 429 => Outcome::KeepAndStop,
            s if !(400..500).contains(&s) => Outcome::KeepAndStop,
            s => Outcome::Refuse(Refusal {
                status: s,
                problem: Some(problem.clone()),
            }),
        },
        ApiError::Http(s) if (400..500).contains(s) && ![401, 408, 429].contains(s) => {
            Outcome::Refuse(Refusal {
                status: *s,
                problem: None,
            })
        }
        _ => Outcome::KeepAndStop,
    }
}

/// A new random (version 4) report id from the browser's CSPRNG.
pub fn new_report_id() -> Option<Uuid> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(uuid::Builder::from_random_bytes(bytes).into_uuid())
}

// ---- IndexedDB ----------------------------------------------------------------------------

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Resolves with the request's result on `success`, rejects on `error`.
async fn wait(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let done = request.clone();
        let on_ok = Closure::once_into_js(move |_: web_sys::Event| {
            let result = done.result().unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::UNDEFINED, &result);
        });
        let on_err = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject.call1(
                &JsValue::UNDEFINED,
                &JsValue::from_str("IndexedDB request failed"),
            );
        });
        request.set_onsuccess(Some(on_ok.unchecked_ref()));
        request.set_onerror(Some(on_err.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

/// Resolves when the transaction is committed, rejects when it fails or aborts.
async fn committed(tx: &IdbTransaction) -> Result<(), JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let on_ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        });
        let failed: js_sys::Function = reject;
        let on_err = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            let _ = failed.call1(
                &JsValue::UNDEFINED,
                &JsValue::from_str("IndexedDB transaction failed"),
            );
        })
        .into_js_value();
        tx.set_oncomplete(Some(on_ok.unchecked_ref()));
        tx.set_onerror(Some(on_err.unchecked_ref()));
        tx.set_onabort(Some(on_err.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ())
}

async fn database() -> Result<IdbDatabase, JsValue> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let factory = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .indexed_db()?
        .ok_or_else(|| JsValue::from_str("no IndexedDB"))?;
    let open = factory.open_with_u32(DB_NAME, DB_VERSION)?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let db = ev
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            if !db.object_store_names().contains(STORE) {
                let params = web_sys::IdbObjectStoreParameters::new();
                params.set_key_path(&JsValue::from_str("id"));
                let _ = db.create_object_store_with_optional_parameters(STORE, &params);
            }
        }
    });
    open.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let result = wait(&open).await;
    open.set_onupgradeneeded(None);
    drop(upgrade);
    let db: IdbDatabase = result?.dyn_into()?;
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

async fn store_put(item: &Queued) -> Result<(), JsValue> {
    let db = database().await?;
    let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    let json = serde_json::to_string(item).map_err(|e| JsValue::from_str(&e.to_string()))?;
    tx.object_store(STORE)?.put(&js_sys::JSON::parse(&json)?)?;
    committed(&tx).await
}

async fn store_delete(id: Uuid) -> Result<(), JsValue> {
    let db = database().await?;
    let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    tx.object_store(STORE)?
        .delete(&JsValue::from_str(&id.to_string()))?;
    committed(&tx).await
}

async fn store_all() -> Result<Vec<Queued>, JsValue> {
    let db = database().await?;
    let tx = db.transaction_with_str(STORE)?;
    let values = wait(&tx.object_store(STORE)?.get_all()?).await?;
    let mut items: Vec<Queued> = js_sys::Array::from(&values)
        .iter()
        .filter_map(|v| js_sys::JSON::stringify(&v).ok())
        .filter_map(|s| serde_json::from_str(&String::from(s)).ok())
        .collect();
    items.sort_by(|a, b| a.queued_at.total_cmp(&b.queued_at));
    Ok(items)
}

// ---- The outbox ---------------------------------------------------------------------------

/// The outbox handle: `Copy`, provided as context by the app.
#[derive(Debug, Clone, Copy)]
pub struct Outbox {
    api: Api,
    i18n: I18n,
    /// The current user's queued reports, oldest first.
    items: RwSignal<Vec<Queued>>,
    /// What the last sync did, for the live region.
    announcement: RwSignal<String>,
    busy: StoredValue<bool>,
    again: StoredValue<bool>,
}

pub fn use_outbox() -> Outbox {
    use_context::<Outbox>().unwrap_or_else(|| Outbox::init(use_api()))
}

impl Outbox {
    /// Loads the queue and starts the sync loop (start, login, `online`, every 30 s).
    pub fn init(api: Api) -> Self {
        let outbox = Outbox {
            api,
            i18n: use_i18n(),
            items: RwSignal::new(Vec::new()),
            announcement: RwSignal::new(String::new()),
            busy: StoredValue::new(false),
            again: StoredValue::new(false),
        };
        // At start and whenever someone logs in or out.
        Effect::new(move |_| {
            if api.logged_in() {
                outbox.sync();
            } else {
                outbox.items.set(Vec::new());
            }
        });
        // The app lives as long as the page: the listener and the timer are never removed.
        let _online = window_event_listener(leptos::ev::online, move |_| outbox.sync());
        let _ = set_interval_with_handle(
            move || {
                if navigator_online() {
                    outbox.sync();
                }
            },
            SYNC_EVERY,
        );
        outbox
    }

    /// The current user's queued reports (tracked).
    pub fn items(&self) -> Vec<Queued> {
        self.items.get()
    }

    /// How many of the current user's reports wait (tracked).
    pub fn count(&self) -> usize {
        self.items.with(Vec::len)
    }

    /// Puts a report in the queue (IndexedDB first) and starts sending.
    pub async fn enqueue(&self, item: Queued) -> Result<(), JsValue> {
        store_put(&item).await?;
        self.reload().await;
        self.sync();
        Ok(())
    }

    /// Deletes a report from the queue (the user's choice, for a refused one).
    pub async fn remove(&self, id: Uuid) {
        let _ = store_delete(id).await;
        self.reload().await;
    }

    /// Clears a refusal and tries again.
    pub async fn retry(&self, id: Uuid) {
        if let Ok(all) = store_all().await {
            if let Some(mut item) = all.into_iter().find(|q| q.id == id) {
                item.refused = None;
                let _ = store_put(&item).await;
            }
        }
        self.reload().await;
        self.sync();
    }

    async fn reload(&self) {
        let me = self.api.current_user();
        let mine: Vec<Queued> = match (me, store_all().await) {
            (Some(me), Ok(all)) => all.into_iter().filter(|q| q.user_id == me).collect(),
            _ => Vec::new(),
        };
        let _ = self.items.try_set(mine);
    }

    /// Starts a sync pass (or asks the running one to go again).
    pub fn sync(&self) {
        let outbox = *self;
        spawn_local(async move { outbox.run().await });
    }

    async fn run(self) {
        if self.busy.try_get_value().unwrap_or(true) {
            self.again.set_value(true);
            return;
        }
        self.busy.set_value(true);
        loop {
            self.again.set_value(false);
            self.pass().await;
            if !self.again.get_value() {
                break;
            }
        }
        self.busy.set_value(false);
    }

    /// Sends the current user's waiting reports, oldest first.
    async fn pass(self) {
        self.reload().await;
        let Some(me) = self.api.current_user() else {
            return;
        };
        let waiting: Vec<Queued> = self
            .items
            .get_untracked()
            .into_iter()
            .filter(|q| q.user_id == me && q.refused.is_none())
            .collect();
        if waiting.is_empty() {
            return;
        }
        let (mut sent, mut refused) = (0usize, 0usize);
        let mut stopped = None;
        for mut item in waiting {
            match self.api.file_report(item.project_id, &item.report).await {
                Ok(()) => {
                    if store_delete(item.id).await.is_ok() {
                        sent += 1;
                    }
                }
                Err(e) => match outcome(&e) {
                    Outcome::KeepAndStop => {
                        stopped = Some(e);
                        break;
                    }
                    Outcome::Refuse(refusal) => {
                        item.attempts += 1;
                        item.refused = Some(refusal);
                        let _ = store_put(&item).await;
                        refused += 1;
                    }
                },
            }
            self.reload().await;
        }
        self.reload().await;
        let i18n = self.i18n;
        let mut parts = Vec::new();
        if sent > 0 {
            parts.push(i18n.tn("outbox.sent", sent as i64, &[("count", &sent.to_string())]));
        }
        if refused > 0 {
            parts.push(i18n.tn(
                "outbox.refused",
                refused as i64,
                &[("count", &refused.to_string())],
            ));
        }
        if stopped == Some(ApiError::SessionExpired) {
            parts.push(i18n.t("outbox.login_to_send"));
        }
        if !parts.is_empty() {
            let _ = self.announcement.try_set(parts.join(" "));
        }
    }
}

fn navigator_online() -> bool {
    web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true)
}

/// The header's link to the outbox, with the number of reports waiting.
#[component]
pub fn OutboxLink() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    view! {
        <A href="/outbox" attr:class="outbox-link">
            {move || i18n.t("outbox.nav")}
            " "
            <span
                class="count-badge"
                class:count-zero=move || outbox.count() == 0
                data-count=move || outbox.count().to_string()
            >
                {move || outbox.count().to_string()}
            </span>
        </A>
    }
}

/// The live region that tells what a sync did.
#[component]
pub fn SyncAnnouncer() -> impl IntoView {
    let outbox = use_outbox();
    view! {
        <div class="sync-region" role="status" aria-live="polite">
            <Show when=move || outbox.announcement.with(|a| !a.is_empty())>
                <p class="sync-notice">{move || outbox.announcement.get()}</p>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use varig_types::ProblemCode;

    fn problem(status: u16, code: ProblemCode) -> ApiError {
        ApiError::Problem {
            problem: Problem {
                type_: code.type_uri(),
                title: "x".into(),
                status,
                detail: None,
                code,
                errors: vec![],
            },
            retry_after: None,
        }
    }

    #[test]
    fn only_refusals_are_flagged_everything_else_stays_queued() {
        assert_eq!(outcome(&ApiError::Network), Outcome::KeepAndStop);
        assert_eq!(outcome(&ApiError::SessionExpired), Outcome::KeepAndStop);
        assert_eq!(outcome(&ApiError::Http(503)), Outcome::KeepAndStop);
        assert_eq!(
            outcome(&problem(500, ProblemCode::Internal)),
            Outcome::KeepAndStop
        );
        assert_eq!(
            outcome(&problem(429, ProblemCode::TooManyRequests)),
            Outcome::KeepAndStop
        );
        assert_eq!(
            outcome(&problem(401, ProblemCode::Unauthenticated)),
            Outcome::KeepAndStop
        );
        for (status, code) in [
            (422, ProblemCode::Validation),
            (409, ProblemCode::AlreadyExists),
            (403, ProblemCode::Forbidden),
            (404, ProblemCode::NotFound),
        ] {
            assert!(matches!(
                outcome(&problem(status, code)),
                Outcome::Refuse(Refusal { status: s, problem: Some(_) }) if s == status
            ));
        }
        assert_eq!(
            outcome(&ApiError::Http(400)),
            Outcome::Refuse(Refusal {
                status: 400,
                problem: None
            })
        );
    }

    #[test]
    fn a_queued_report_survives_the_round_trip_through_json() {
        let json = r#"{"id":"0190c0de-0000-4000-8000-000000000001","user_id":"0190c0de-0000-7000-8000-000000000002",
            "project_id":"0190c0de-0000-7000-8000-000000000003","unit_name":"Rosenborg skole",
            "report":{"id":"0190c0de-0000-4000-8000-000000000001","date":"2025-03-01",
              "unit_id":"0190c0de-0000-7000-8000-000000000004","activity":"training","people_reached":12,
              "stage":"resistance","resistance":"wont","barriers":[{"level":"team","text":"Lite tid"}],
              "successes":"","support_needed":""},
            "queued_at":1740787200000.0}"#;
        let q: Queued = serde_json::from_str(json).expect("parses");
        assert_eq!(q.attempts, 0);
        assert!(q.refused.is_none());
        let back: Queued =
            serde_json::from_str(&serde_json::to_string(&q).expect("serialises")).expect("parses");
        assert_eq!(back, q);
    }
}
