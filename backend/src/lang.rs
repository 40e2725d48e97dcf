//! The language of the person making a request, for the texts the server writes itself: the
//! default organisation structure, the standing agendas and the printable minutes.
//!
//! Varig stores no language per account; the person chooses it in the app, and the app sends
//! it in `Accept-Language` with every request (as a browser does with its own). The first
//! of bokmål, nynorsk or English the header names, by its weights, is used; `no` counts as
//! bokmål; a header naming none of them, or no header, is bokmål. The language is set per
//! request by [`scope`] (in `startup::routes`) and read with [`current`], so the functions
//! that write a text do not each take it as a parameter.

use std::future::Future;

use poem::Request;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nb,
    Nn,
    En,
}

impl Lang {
    /// The BCP 47 tag (`<html lang>` of pages the server writes).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::En => "en",
        }
    }

    /// The text of the three (bokmål, nynorsk, English) in this language.
    pub fn pick<T>(self, [nb, nn, en]: [T; 3]) -> T {
        match self {
            Lang::Nb => nb,
            Lang::Nn => nn,
            Lang::En => en,
        }
    }

    /// The language a tag such as `nn-NO`, `en-GB` or `no` stands for, if it is one of ours.
    fn of_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "nb" | "no" => Some(Lang::Nb),
            "nn" => Some(Lang::Nn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language an `Accept-Language` value asks for: the supported tag with the highest
    /// weight (the first of equals), bokmål when it names none.
    pub fn of_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',').take(20) {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default().trim();
            let weight = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .filter(|q| q.is_finite() && *q > 0.0);
            if let (Some(lang), Some(q)) = (Lang::of_tag(tag), weight) {
                if best.is_none_or(|(b, _)| q > b) {
                    best = Some((q, lang));
                }
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

tokio::task_local! {
    pub(crate) static CURRENT: Lang;
}

/// The language of the request being served (bokmål outside a request).
pub fn current() -> Lang {
    CURRENT.try_with(|l| *l).unwrap_or_default()
}

/// The language the request's `Accept-Language` asks for.
pub fn of_request(req: &Request) -> Lang {
    req.headers()
        .get(poem::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::of_accept_language)
        .unwrap_or_default()
}

/// Runs `f` (serving a request) in `lang`: [`current`] answers `lang` inside it.
pub fn scope<F: Future>(lang: Lang, f: F) -> impl Future<Output = F::Output> {
    CURRENT.scope(lang, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_names_the_language_and_bokmal_is_the_default() {
        assert_eq!(Lang::of_accept_language("nn"), Lang::Nn);
        assert_eq!(
            Lang::of_accept_language("nn-NO,nn;q=0.9,en;q=0.8"),
            Lang::Nn
        );
        assert_eq!(Lang::of_accept_language("en-GB"), Lang::En);
        assert_eq!(Lang::of_accept_language("no"), Lang::Nb);
        assert_eq!(
            Lang::of_accept_language("de-DE,en;q=0.5,nn;q=0.7"),
            Lang::Nn
        );
        assert_eq!(Lang::of_accept_language("de, fr"), Lang::Nb);
        assert_eq!(Lang::of_accept_language(""), Lang::Nb);
        assert_eq!(Lang::of_accept_language("en;q=0, nn;q=0.1"), Lang::Nn);
        assert_eq!(Lang::of_accept_language("nn;q=x, en"), Lang::En);
        assert_eq!(current(), Lang::Nb);
    }
}
