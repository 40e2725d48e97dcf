//! The one way a page reads what it needs before showing itself: a `LocalResource`
//! behind `Transition` (the old content stays while a reload is on its way), with the
//! error and a retry in place of the content when the read fails.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::pages::{ErrorNotice, Loading};

/// Reads with `fetch` (again whenever a signal it reads changes, or on `reload`) and shows
/// `render` with the value and a callback that reads again.
#[component]
pub fn Loader<T, Fut, F, R, V>(
    fetch: F,
    render: R,
    /// Bump to read again (after a write).
    #[prop(optional)]
    reload: Option<RwSignal<u32>>,
) -> impl IntoView
where
    T: Clone + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
    F: Fn() -> Fut + 'static,
    R: Fn(T, Callback<()>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let reload = reload.unwrap_or_else(|| RwSignal::new(0));
    let resource = LocalResource::new(move || {
        reload.track();
        fetch()
    });
    let again = Callback::new(move |()| reload.update(|n| *n += 1));
    view! {
        <Transition fallback=|| view! { <Loading /> }>
            {move || {
                resource
                    .get()
                    .map(|result| match result {
                        Ok(value) => render(value, again).into_any(),
                        Err(ApiError::Aborted) => ().into_any(),
                        Err(error) => view! { <ErrorNotice error retry=again /> }.into_any(),
                    })
            }}
        </Transition>
    }
}
