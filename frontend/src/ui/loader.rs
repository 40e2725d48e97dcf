//! The one way a page reads what it needs before showing itself: a `LocalResource`
//! behind `Transition` (the old content stays while a reload is on its way), with the
//! error and a retry in place of the content when the read fails, or the page's own "not
//! found" when what it shows does not exist (or is not the caller's to see).
//!
//! `Loader` reads and shows in one; a page whose title (or anything outside the content)
//! follows the read makes the resource itself with `page_read` and shows it with `Loaded`.

use std::future::Future;

use leptos::prelude::*;
use varig_types::ProblemCode;

use super::{ErrorNotice, Loading};
use crate::api::ApiError;
use crate::i18n::use_i18n;

/// What a page read: `None` while the first read is on its way.
pub type PageRead<T> = LocalResource<Result<T, ApiError>>;

/// Reads with `fetch` now, again whenever a signal it reads (before its first `.await`)
/// changes, and on `refetch`.
pub fn page_read<T, Fut, F>(fetch: F) -> PageRead<T>
where
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
    F: Fn() -> Fut + 'static,
{
    LocalResource::new(fetch)
}

/// The page's title by what the read answered (tracked): `loading` until it is there (and
/// after a failure), `not_found` for a 404, and `ready` with the value.
pub fn read_title<T: 'static>(
    read: PageRead<T>,
    loading: impl FnOnce() -> String,
    not_found: impl FnOnce() -> String,
    ready: impl FnOnce(&T) -> String,
) -> String {
    enum Answer {
        Ready(String),
        NotFound,
        Other,
    }
    let answer = read
        .map(|r| match r {
            Ok(value) => Answer::Ready(ready(value)),
            Err(e) if e.is_not_found() => Answer::NotFound,
            Err(_) => Answer::Other,
        })
        .unwrap_or(Answer::Other);
    match answer {
        Answer::Ready(title) => title,
        Answer::NotFound => not_found(),
        Answer::Other => loading(),
    }
}

/// Shows what `read` answered: "loading" until it is there, then `render` with the value
/// and a callback that reads again; the error with a retry, or `not_found` (a translation
/// key) for a 404 if given.
#[component]
pub fn Loaded<T, R, V>(
    read: PageRead<T>,
    render: R,
    /// The translation key shown (instead of the error) when the read answers 404.
    #[prop(optional)]
    not_found: Option<&'static str>,
    /// The translation key shown (instead of the error) when the read answers 403.
    #[prop(optional)]
    forbidden: Option<&'static str>,
) -> impl IntoView
where
    T: Clone + 'static,
    R: Fn(T, Callback<()>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let again = Callback::new(move |()| read.refetch());
    view! {
        <Transition fallback=|| view! { <Loading /> }>
            {move || {
                read.get()
                    .map(|result| match result {
                        Ok(value) => render(value, again).into_any(),
                        Err(ApiError::Aborted) => ().into_any(),
                        Err(error) => match refusal(&error, not_found, forbidden) {
                            Some(key) => view! {
                                <div class="notice notice-error" role="alert">
                                    <p>{move || i18n.t(key)}</p>
                                </div>
                            }
                                .into_any(),
                            None => view! { <ErrorNotice error retry=again /> }.into_any(),
                        },
                    })
            }}
        </Transition>
    }
}

/// The page's own words for a 404 or a 403, if it has them.
fn refusal(
    error: &ApiError,
    not_found: Option<&'static str>,
    forbidden: Option<&'static str>,
) -> Option<&'static str> {
    if error.is_not_found() {
        not_found
    } else if error.code() == Some(ProblemCode::Forbidden) {
        forbidden
    } else {
        None
    }
}

/// Reads with `fetch` (again whenever a signal it reads changes, or on `reload`) and shows
/// `render` with the value and a callback that reads again.
#[component]
pub fn Loader<T, Fut, F, R, V>(
    fetch: F,
    render: R,
    /// Bump to read again (after a write).
    #[prop(optional)]
    reload: Option<RwSignal<u32>>,
    /// The translation key shown (instead of the error) when the read answers 404.
    #[prop(optional)]
    not_found: Option<&'static str>,
) -> impl IntoView
where
    T: Clone + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
    F: Fn() -> Fut + 'static,
    R: Fn(T, Callback<()>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let reload = reload.unwrap_or_else(|| RwSignal::new(0));
    let read = page_read(move || {
        reload.track();
        fetch()
    });
    match not_found {
        Some(key) => view! { <Loaded read render not_found=key /> }.into_any(),
        None => view! { <Loaded read render /> }.into_any(),
    }
}
