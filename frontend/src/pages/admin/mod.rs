//! The organisation administrator's pages: people, programmes, projects, API tokens,
//! webhooks and the audit log.

pub mod audit;
pub mod people;
pub mod programmes;
pub mod projects;
pub mod tokens;
pub mod webhooks;

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// A simple search box that filters a list as you type.
#[component]
pub fn SearchBox(id: &'static str, label: &'static str, query: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field search-field">
            <label for=id>{move || i18n.t(label)}</label>
            <input
                id=id
                type="search"
                autocomplete="off"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
        </div>
    }
}

/// Whether `text` contains every word of `query`, ignoring case.
pub fn matches(query: &str, text: &str) -> bool {
    let text = text.to_lowercase();
    query
        .to_lowercase()
        .split_whitespace()
        .all(|word| text.contains(word))
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn search_matches_every_word_in_any_case() {
        assert!(matches("", "Kari Nordmann"));
        assert!(matches("kari nord", "Kari Nordmann kari@bergen.no"));
        assert!(!matches("kari oslo", "Kari Nordmann kari@bergen.no"));
    }
}
