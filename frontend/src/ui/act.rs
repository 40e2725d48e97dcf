//! One change made from a row of a list (change a role, archive, remove, revoke): on success
//! the flash message says what happened, naming the object, and the list reloads; on failure
//! the row keeps the error to show it.

use std::future::Future;

use leptos::prelude::*;

use super::Flash;
use crate::api::ApiError;

pub fn act<T, F>(
    change: F,
    flash: Flash,
    done: &'static str,
    name: fn(T) -> String,
    reload: Callback<()>,
    failed: RwSignal<Option<ApiError>>,
) where
    T: 'static,
    F: Future<Output = Result<T, ApiError>> + 'static,
{
    leptos::task::spawn_local(async move {
        match change.await {
            Ok(changed) => {
                flash.show_with(done, vec![("name", name(changed))]);
                reload.run(());
            }
            Err(e) => {
                let _ = failed.try_set(Some(e));
            }
        }
    });
}
