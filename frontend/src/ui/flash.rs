//! What the last action did, in a live region that is on the page from the start (so
//! screen readers announce a message put into it).

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// A translation key and the values of its `{name}` placeholders.
type Message = (&'static str, Vec<(&'static str, String)>);

/// A translated message with `{name}` values, or nothing; `Copy`.
#[derive(Debug, Clone, Copy)]
pub struct Flash {
    message: RwSignal<Option<Message>>,
}

impl Default for Flash {
    fn default() -> Self {
        Self::new()
    }
}

impl Flash {
    pub fn new() -> Self {
        Self {
            message: RwSignal::new(None),
        }
    }

    pub fn show(&self, key: &'static str) {
        self.message.set(Some((key, Vec::new())));
    }

    pub fn show_with(&self, key: &'static str, args: Vec<(&'static str, String)>) {
        self.message.set(Some((key, args)));
    }
}

#[component]
pub fn FlashMessage(flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        flash.message.get().map(|(key, args)| {
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            i18n.tf(key, &args)
        })
    };
    view! {
        <div class="flash-region" role="status" aria-live="polite">
            {move || text().map(|t| view! { <p class="notice flash">{t}</p> })}
        </div>
    }
}
