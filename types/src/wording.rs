//! The check behind `../shared/WORDING.md`, shared by the app's translation files (the
//! frontend's tests) and the texts the server writes itself (the backend's tests): no
//! bracket plural («rapport(er)», «report(s)») and none of the terms in the guide's "avoid"
//! column, per language.

/// The languages of the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuideLang {
    Nb,
    Nn,
    En,
}

/// Terms that match at the start of a word with any ending («aksjon» catches «aksjonene»,
/// «beredskap» catches «beredskapsvurdering» but not «endringsberedskap»).
const STEMS: &[&str] = &[
    "aksjon",
    "oppfølgingspunkt",
    "vedtak",
    "beredskap",
    "dashbord",
    "forvitr",
    "forfall",
    "utebli",
    "etterlev",
    "hindring",
    "dashboard",
];

/// The terms to avoid in `lang`, lower case: WORDING.md's "avoid" column (for English,
/// the English of those), and for nynorsk the forms its rule "one form per word" replaces
/// (svara, samd, lenkje, «blir vidareført»). Terms not in [`STEMS`] match whole words only.
pub fn avoided(lang: GuideLang) -> &'static [&'static str] {
    match lang {
        GuideLang::Nb => &[
            "aksjon",
            "oppfølgingspunkt",
            "vedtak",
            "beredskap",
            "dashbord",
            "forvitr",
            "slår ut",
            "slo ut",
            "forfalt",
            "uteblitt",
            "etterlevelse",
            "hindring",
            "din rolle: styringsgruppe",
        ],
        GuideLang::Nn => &[
            "aksjon",
            "oppfølgingspunkt",
            "vedtak",
            "beredskap",
            "dashbord",
            "forvitr",
            "slår ut",
            "slo ut",
            "forfall",
            "forfalt",
            "utebli",
            "etterlev",
            "hindring",
            "di rolle: styringsgruppe",
            "har svart",
            "einig",
            "ueinig",
            "lenke",
            "lenker",
            "vidareførast",
        ],
        GuideLang::En => &["dashboard", "triggered", "your role: steering group"],
    }
}

/// What is wrong with `text` in `lang`, one line per problem (empty when nothing is).
pub fn problems(lang: GuideLang, text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    if let Some(bracket) = bracket_plural(&lower) {
        out.push(format!("bracket plural «{bracket}»"));
    }
    for term in avoided(lang) {
        if starts_a_word(&lower, term) {
            out.push(format!("«{term}»"));
        }
    }
    out
}

/// A letter directly followed by one to three letters in brackets: «rapport(er)».
pub fn bracket_plural(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c != '(' || i == 0 || !chars[i - 1].is_alphabetic() {
            continue;
        }
        let inner: String = chars[i + 1..]
            .iter()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let len = inner.chars().count();
        if (1..=3).contains(&len) && chars.get(i + 1 + len) == Some(&')') {
            return Some(format!("({inner})"));
        }
    }
    None
}

/// Whether `term` occurs in `text` at the start of a word (and, unless it is a stem, ends a
/// word there, so «lenke» does not match «lenkje»).
pub fn starts_a_word(text: &str, term: &str) -> bool {
    let stem = STEMS.contains(&term);
    text.match_indices(term).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + term.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric)
            && (stem || !after.is_some_and(char::is_alphanumeric))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_catches_what_it_should_and_nothing_else() {
        assert_eq!(
            bracket_plural("{count} rapport(er) sendt."),
            Some("(er)".into())
        );
        assert_eq!(bracket_plural("{count} report(s) sent"), Some("(s)".into()));
        assert_eq!(
            bracket_plural("enheter med aktiv endringsagent (varig)"),
            None
        );
        assert_eq!(bracket_plural("vis punktene ({n})"), None);
        assert!(starts_a_word("mine aksjoner", "aksjon"));
        assert!(starts_a_word("vedtak 2", "vedtak"));
        assert!(!starts_a_word("siste endringsberedskap", "beredskap"));
        assert!(starts_a_word("beredskapsvurdering", "beredskap"));
        assert!(!starts_a_word("éi lenkje per linje", "lenke"));
        assert!(starts_a_word("lenker må byrje", "lenker"));
        assert!(!starts_a_word("transaksjon", "aksjon"));
        assert_eq!(
            problems(GuideLang::Nn, "Kor einig er du? Sjå Dashbord."),
            vec!["«dashbord»", "«einig»"]
        );
        assert!(problems(GuideLang::Nb, "Mine oppgaver").is_empty());
    }
}
