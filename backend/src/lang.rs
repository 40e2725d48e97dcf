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
    use serde_json::Value;
    use varig_types::wording::{problems, GuideLang};
    use varig_types::MeetingKind;

    use super::*;

    /// Every `{nb, nn, en}` text in a serialised answer, per language.
    fn local_texts(v: &Value, out: &mut Vec<(Lang, String)>) {
        match v {
            Value::Object(map) => {
                let is_text =
                    map.len() == 3 && ["nb", "nn", "en"].iter().all(|k| map.contains_key(*k));
                if is_text {
                    for (lang, k) in [(Lang::Nb, "nb"), (Lang::Nn, "nn"), (Lang::En, "en")] {
                        out.push((lang, map[k].as_str().unwrap_or_default().to_owned()));
                    }
                } else {
                    map.values().for_each(|x| local_texts(x, out));
                }
            }
            Value::Array(list) => list.iter().for_each(|x| local_texts(x, out)),
            _ => {}
        }
    }

    /// The texts the server writes itself follow `../shared/WORDING.md` like the app's own
    /// (`varig_types::wording`): the phase model's checklist, the readiness questionnaire,
    /// the sustainability factors, and in each language the standing agendas, the default
    /// organisation structure and the proposed meeting series.
    #[test]
    fn the_servers_own_texts_follow_the_wording_guide() {
        let mut texts: Vec<(Lang, String)> = Vec::new();
        for i in crate::plan::phase_model::PHASE_MODEL {
            texts.extend(
                [(Lang::Nb, i.nb), (Lang::Nn, i.nn), (Lang::En, i.en)]
                    .map(|(l, t)| (l, t.to_owned())),
            );
        }
        let q =
            serde_json::to_value(crate::rounds::readiness::questionnaire()).expect("serialises");
        local_texts(&q, &mut texts);
        let m = serde_json::to_value(crate::rounds::sustainability::model::model())
            .expect("serialises");
        local_texts(&m, &mut texts);
        let now = chrono::Utc::now();
        for lang in [Lang::Nb, Lang::Nn, Lang::En] {
            CURRENT.sync_scope(lang, || {
                for kind in MeetingKind::ALL {
                    texts.extend(
                        crate::meetings::agenda::standing(*kind)
                            .into_iter()
                            .map(|i| (lang, i.title)),
                    );
                }
                let s = crate::network::rules::default_structure();
                texts.extend(s.levels.into_iter().map(|l| (lang, l.name)));
                for d in s.dimensions {
                    texts.push((lang, d.name));
                    texts.extend(d.values.into_iter().map(|v| (lang, v.name)));
                }
                let series = crate::meetings::series::standard("p", now.date_naive(), now);
                texts.extend(series.into_iter().map(|r| (lang, r.title)));
            });
        }
        assert!(texts.len() > 100, "{} texts", texts.len());
        let mut found = Vec::new();
        for (lang, text) in &texts {
            let guide = lang.pick([GuideLang::Nb, GuideLang::Nn, GuideLang::En]);
            for p in problems(guide, text) {
                found.push(format!("{}: {p} in «{text}»", lang.code()));
            }
        }
        assert!(
            found.is_empty(),
            "wording (../shared/WORDING.md):\n{}",
            found.join("\n")
        );
    }

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
