//! Translations: every user-visible string comes from `frontend/i18n/{nb,nn,en}.json`.
//!
//! The files are embedded at compile time and parsed on first use. A key missing from a
//! table renders as the key itself (and the tests below make sure none is missing).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use varig_types::{Phase, ProjectRole, ProjectState};

use crate::storage;

const NB: &str = include_str!("../i18n/nb.json");
const NN: &str = include_str!("../i18n/nn.json");
const EN: &str = include_str!("../i18n/en.json");

const LANG_KEY: &str = "varig.lang";

/// The UI languages. Bokmål is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Nb,
    Nn,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nb, Lang::Nn, Lang::En];

    /// The BCP 47 tag, used for `<html lang>` and in storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The key of the language's own name (shown in that language in every table).
    pub fn name_key(self) -> &'static str {
        match self {
            Lang::Nb => "lang.nb",
            Lang::Nn => "lang.nn",
            Lang::En => "lang.en",
        }
    }

    /// The locale for dates and numbers.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::Nb => "nb-NO",
            Lang::Nn => "nn-NO",
            Lang::En => "en-GB",
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::Nb => NB,
            Lang::Nn => NN,
            Lang::En => EN,
        }
    }
}

type Table = Rc<HashMap<String, String>>;

thread_local! {
    static TABLES: RefCell<HashMap<Lang, Table>> = RefCell::new(HashMap::new());
}

fn table(lang: Lang) -> Table {
    TABLES.with(|tables| {
        tables
            .borrow_mut()
            .entry(lang)
            .or_insert_with(|| Rc::new(serde_json::from_str(lang.source()).unwrap_or_default()))
            .clone()
    })
}

/// Looks a key up in one language, without tracking.
pub fn lookup(lang: Lang, key: &str) -> String {
    table(lang)
        .get(key)
        .cloned()
        .unwrap_or_else(|| key.to_owned())
}

/// The key of the plural form of `stem` for `n`. Bokmål, nynorsk and English all have two
/// forms, and all three use the singular for exactly one: `stem.one` for 1, `stem.other`
/// for everything else (0, 2, …).
pub fn plural_key(stem: &str, n: i64) -> String {
    let form = if n == 1 { "one" } else { "other" };
    format!("{stem}.{form}")
}

/// Replaces `{name}` placeholders.
pub fn interpolate(mut text: String, args: &[(&str, &str)]) -> String {
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The reactive language handle; `Copy`, so closures in views can capture it freely.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// Reads the stored choice (default bokmål) and keeps `<html lang>` and storage in sync.
    pub fn init() -> Self {
        let stored = storage::get(LANG_KEY).and_then(|c| Lang::from_code(&c));
        let i18n = I18n {
            lang: RwSignal::new(stored.unwrap_or_default()),
        };
        Effect::new(move |_| {
            let lang = i18n.lang.get();
            set_document_lang(lang);
        });
        i18n
    }

    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    pub fn set_lang(&self, lang: Lang) {
        storage::set(LANG_KEY, lang.code());
        self.lang.set(lang);
    }

    /// The translation of `key` in the current language (tracked: views re-render on a switch).
    pub fn t(&self, key: &str) -> String {
        lookup(self.lang.get(), key)
    }

    /// Like [`I18n::t`], with `{name}` placeholders filled in.
    pub fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        interpolate(self.t(key), args)
    }

    /// The form of `key` for the number `n` (`key.one` or `key.other`, see [`plural_key`]),
    /// with `{name}` placeholders filled in. Every place that shows a count with a noun uses
    /// this, so «1 anbefaling» reads naturally and no text needs «rapport(er)».
    pub fn tn(&self, key: &str, n: i64, args: &[(&str, &str)]) -> String {
        interpolate(self.t(&plural_key(key, n)), args)
    }

    pub fn phase(&self, phase: Phase) -> String {
        self.t(phase_key(phase))
    }

    pub fn role(&self, role: ProjectRole) -> String {
        self.t(role_key(role))
    }

    /// "Status: <state>".
    pub fn state(&self, state: ProjectState) -> String {
        self.tf("state.label", &[("state", &self.t(state_key(state)))])
    }
}

/// The language chosen in the app (default bokmål), read from storage so code outside the
/// component tree (the API client) sees the same choice as the views. The API client sends
/// it as `Accept-Language`, so the texts the server writes (the default organisation
/// structure, standing agendas, printable minutes) come in the same language.
pub fn chosen_lang() -> Lang {
    storage::get(LANG_KEY)
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_default()
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(I18n::init)
}

pub fn phase_key(phase: Phase) -> &'static str {
    match phase {
        Phase::Prepare => "phase.prepare",
        Phase::Plan => "phase.plan",
        Phase::Implement => "phase.implement",
        Phase::Sustain => "phase.sustain",
    }
}

pub fn phase_goal_key(phase: Phase) -> &'static str {
    match phase {
        Phase::Prepare => "phase.prepare_goal",
        Phase::Plan => "phase.plan_goal",
        Phase::Implement => "phase.implement_goal",
        Phase::Sustain => "phase.sustain_goal",
    }
}

pub fn state_key(state: ProjectState) -> &'static str {
    match state {
        ProjectState::Active => "state.active",
        ProjectState::OrdinaryOperation => "state.ordinary_operation",
        ProjectState::Deimplemented => "state.deimplemented",
    }
}

pub fn role_key(role: ProjectRole) -> &'static str {
    match role {
        ProjectRole::Owner => "role.owner",
        ProjectRole::SteeringGroup => "role.steering_group",
        ProjectRole::Leader => "role.leader",
        ProjectRole::ChangeAgent => "role.change_agent",
    }
}

#[cfg(target_arch = "wasm32")]
fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        // Cannot fail for a valid attribute name.
        let _ = root.set_attribute("lang", lang.code());
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn set_document_lang(_lang: Lang) {}

/// Sets `document.title` to "<page> – Varig".
pub fn set_title(page: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{page} – Varig"));
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = page;
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    fn keys(lang: Lang) -> BTreeSet<String> {
        let map: HashMap<String, String> = serde_json::from_str(lang.source())
            .expect("translation file is a flat JSON object of strings");
        map.into_keys().collect()
    }

    #[test]
    fn all_languages_have_exactly_the_same_keys() {
        let nb = keys(Lang::Nb);
        for lang in [Lang::Nn, Lang::En] {
            let other = keys(lang);
            let missing: Vec<_> = nb.difference(&other).collect();
            let extra: Vec<_> = other.difference(&nb).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: missing {missing:?}, extra {extra:?}",
                lang.code()
            );
        }
    }

    #[test]
    fn no_translation_is_empty() {
        for lang in Lang::ALL {
            let map: HashMap<String, String> =
                serde_json::from_str(lang.source()).expect("valid JSON");
            for (key, value) in map {
                assert!(!value.trim().is_empty(), "{}: {key} is empty", lang.code());
            }
        }
    }

    /// Every string literal in the sources that looks like a translation key exists, and every
    /// key in the files is used somewhere: no dead strings, no untranslated ones.
    #[test]
    fn keys_used_in_the_sources_exist_and_all_keys_are_used() {
        // The namespaces are the first segments of the keys in the files ("login.", "error.", …).
        let known = keys(Lang::Nb);
        let prefixes: BTreeSet<String> = known
            .iter()
            .filter_map(|k| k.split_once('.'))
            .map(|(ns, _)| format!("{ns}."))
            .collect();
        let mut used = BTreeSet::new();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![src];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("read src") {
                let path = entry.expect("dir entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("read source");
                    // Every stretch between two quotes, so a quote in a char literal cannot
                    // shift the pairing; the key pattern filters out the code in between.
                    for piece in text.split('"') {
                        let is_key = prefixes.iter().any(|p| piece.starts_with(p.as_str()))
                            && !piece.ends_with('.')
                            && piece
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_');
                        if is_key {
                            used.insert(piece.to_owned());
                        }
                    }
                }
            }
        }
        // A plural stem ("outbox.sent") stands for its forms ("outbox.sent.one", ".other").
        let stems: BTreeSet<String> = known
            .iter()
            .filter_map(|k| k.strip_suffix(".one"))
            .map(str::to_owned)
            .collect();
        let used: BTreeSet<String> = used
            .into_iter()
            .flat_map(|k| {
                if stems.contains(&k) {
                    vec![format!("{k}.one"), format!("{k}.other")]
                } else {
                    vec![k]
                }
            })
            .collect();
        let unknown: Vec<_> = used.difference(&known).collect();
        assert!(
            unknown.is_empty(),
            "keys used in src/ but missing from the translation files: {unknown:?}"
        );
        let unused: Vec<_> = known.difference(&used).collect();
        assert!(
            unused.is_empty(),
            "keys in the translation files that src/ never uses: {unused:?}"
        );
    }

    /// Every plural has both forms, and `tn` picks the singular for exactly one.
    #[test]
    fn plurals_have_a_form_for_one_and_for_other() {
        for lang in Lang::ALL {
            let keys = keys(lang);
            for key in &keys {
                if let Some(stem) = key.strip_suffix(".one") {
                    assert!(
                        keys.contains(&format!("{stem}.other")),
                        "{}: {stem}.other missing",
                        lang.code()
                    );
                }
                // "activity.other" is the activity kind "other", not a plural form.
                if let Some(stem) = key
                    .strip_suffix(".other")
                    .filter(|_| key != "activity.other")
                {
                    assert!(
                        keys.contains(&format!("{stem}.one")),
                        "{}: {stem}.one missing",
                        lang.code()
                    );
                }
            }
        }
        assert_eq!(plural_key("outbox.sent", 1), "outbox.sent.one");
        assert_eq!(plural_key("outbox.sent", 0), "outbox.sent.other");
        assert_eq!(plural_key("outbox.sent", 2), "outbox.sent.other");
        assert_eq!(
            interpolate(
                lookup(Lang::Nb, &plural_key("dashboard.gate_recommendations", 1)),
                &[("count", "1")]
            ),
            "1 anbefaling fra styringsgruppen"
        );
    }

    /// The words of `../shared/WORDING.md`: no bracket plural («rapport(er)», «report(s)») and
    /// none of the terms in its "avoid" column, per language (`varig_types::wording`, which
    /// the server's own texts are checked against too). Terms match at the start of a word,
    /// so «aksjon» catches «aksjonene» while «endringsberedskap» (the term to use) does not
    /// match «beredskap»; the nynorsk list also holds the forms the guide replaces with one
    /// form per word (svara, samd, lenkje, «blir vidareført»).
    #[test]
    fn the_words_follow_the_wording_guide() {
        use varig_types::wording::{problems, GuideLang};
        let mut found = Vec::new();
        for (lang, guide) in [
            (Lang::Nb, GuideLang::Nb),
            (Lang::Nn, GuideLang::Nn),
            (Lang::En, GuideLang::En),
        ] {
            let map: HashMap<String, String> =
                serde_json::from_str(lang.source()).expect("valid JSON");
            for (key, value) in &map {
                for p in problems(guide, value) {
                    found.push(format!("{} {key}: {p} in «{value}»", lang.code()));
                }
            }
        }
        found.sort();
        assert!(
            found.is_empty(),
            "wording (../shared/WORDING.md):\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn phase_and_role_names_follow_the_decks() {
        let expect = [
            (
                Lang::Nb,
                ["Forberede", "Planlegge", "Implementere", "Videreføre"],
            ),
            (
                Lang::Nn,
                ["Førebu", "Planleggje", "Implementere", "Vidareføre"],
            ),
            (Lang::En, ["Prepare", "Plan", "Implement", "Sustain"]),
        ];
        for (lang, names) in expect {
            for (phase, name) in Phase::ALL.into_iter().zip(names) {
                assert_eq!(lookup(lang, phase_key(phase)), name);
            }
        }
        assert_eq!(
            lookup(Lang::Nb, role_key(ProjectRole::Leader)),
            "Prosjektleder"
        );
        assert_eq!(
            lookup(Lang::Nn, role_key(ProjectRole::Leader)),
            "Prosjektleiar"
        );
        assert_eq!(
            lookup(Lang::Nb, role_key(ProjectRole::Owner)),
            "Prosjekteier"
        );
        assert_eq!(
            lookup(Lang::Nb, role_key(ProjectRole::ChangeAgent)),
            "Endringsagent"
        );
        assert_eq!(
            lookup(Lang::Nb, role_key(ProjectRole::SteeringGroup)),
            "Medlem av styringsgruppen"
        );
    }

    #[test]
    fn interpolation_fills_placeholders() {
        assert_eq!(
            interpolate("Fase: {phase}".into(), &[("phase", "Planlegge")]),
            "Fase: Planlegge"
        );
        assert_eq!(lookup(Lang::En, "no.such.key"), "no.such.key");
    }
}
