//! The factors of the sustainability self-assessment, their weights and texts (our own
//! wording, in the spirit of the NHS Sustainability Model's ten factors).

use varig_types::{
    LocalText, SustainabilityDomain as D, SustainabilityFactor, SustainabilityModel,
};

fn t(nb: &str, nn: &str, en: &str) -> LocalText {
    LocalText {
        nb: nb.into(),
        nn: nn.into(),
        en: en.into(),
    }
}

/// (key, domain, weight, name, statement)
type Row = (&'static str, D, f64, [&'static str; 3], [&'static str; 3]);

const FACTORS: &[Row] = &[
    (
        "benefits",
        D::Process,
        10.0,
        ["Gevinster utover målgruppen", "Gevinstar utover målgruppa", "Benefits beyond the target group"],
        [
            "Den nye praksisen gir gevinster også for ansatte og tjenesten, ikke bare for brukerne.",
            "Den nye praksisen gir gevinstar også for tilsette og tenesta, ikkje berre for brukarane.",
            "The new practice brings benefits to staff and the service, not only to service users.",
        ],
    ),
    (
        "credibility",
        D::Process,
        10.0,
        ["Troverdige gevinster", "Truverdige gevinstar", "Credible benefits"],
        [
            "Gevinstene er dokumentert og kjent, og de som jobber med praksisen har tro på dem.",
            "Gevinstane er dokumenterte og kjende, og dei som arbeider med praksisen har tru på dei.",
            "The benefits are documented and known, and the people doing the work believe in them.",
        ],
    ),
    (
        "adaptability",
        D::Process,
        8.0,
        ["Tilpasningsevne", "Tilpassingsevne", "Adaptability"],
        [
            "Praksisen kan tilpasses endringer i tjenesten uten at kjerneelementene går tapt.",
            "Praksisen kan tilpassast endringar i tenesta utan at kjerneelementa går tapt.",
            "The practice can adapt to changes in the service without losing its core elements.",
        ],
    ),
    (
        "monitoring",
        D::Process,
        10.0,
        ["Oppfølging av resultater", "Oppfølging av resultat", "Monitoring progress"],
        [
            "Vi måler jevnlig hvordan praksisen brukes og virker, og resultatene deles med de ansatte.",
            "Vi måler jamleg korleis praksisen blir brukt og verkar, og resultata blir delte med dei tilsette.",
            "We regularly measure how the practice is used and works, and the results are shared with staff.",
        ],
    ),
    (
        "involvement",
        D::Staff,
        11.0,
        ["Involvering og opplæring", "Involvering og opplæring", "Staff involvement and training"],
        [
            "De ansatte har vært med på å forme praksisen og har fått opplæringen de trenger for å videreføre den.",
            "Dei tilsette har vore med på å forme praksisen og har fått opplæringa dei treng for å vidareføre han.",
            "Staff helped shape the practice and have had the training they need to carry it on.",
        ],
    ),
    (
        "attitudes",
        D::Staff,
        9.0,
        ["Holdninger hos ansatte", "Haldningar hos tilsette", "Staff attitudes"],
        [
            "De ansatte ser praksisen som sin egen og ønsker å fortsette med den.",
            "Dei tilsette ser praksisen som sin eigen og ønskjer å halde fram med han.",
            "Staff see the practice as their own and want to continue it.",
        ],
    ),
    (
        "senior_leadership",
        D::Staff,
        11.0,
        ["Toppledelsens engasjement", "Engasjement frå toppleiinga", "Senior leadership engagement"],
        [
            "Toppledelsen etterspør praksisen, følger den opp og prioriterer ressurser til den.",
            "Toppleiinga etterspør praksisen, følgjer han opp og prioriterer ressursar til han.",
            "Senior leaders ask about the practice, follow it up and give it resources.",
        ],
    ),
    (
        "local_leadership",
        D::Staff,
        9.0,
        ["Lokale ledere og fagpersoner", "Lokale leiarar og fagpersonar", "Local and professional leadership"],
        [
            "Ledere og fagpersoner nær tjenesten går foran, støtter og holder fast ved praksisen.",
            "Leiarar og fagpersonar nær tenesta går føre, støttar og held fast ved praksisen.",
            "Leaders and professionals close to the service lead, support and persist with the practice.",
        ],
    ),
    (
        "strategic_fit",
        D::Organisation,
        10.0,
        ["Samsvar med mål og kultur", "Samsvar med mål og kultur", "Fit with aims and culture"],
        [
            "Praksisen passer med kommunens mål, planer og måten vi jobber på.",
            "Praksisen passar med kommunen sine mål, planar og måten vi arbeider på.",
            "The practice fits the organisation's aims, plans and way of working.",
        ],
    ),
    (
        "infrastructure",
        D::Organisation,
        12.0,
        ["Strukturer som bærer", "Strukturar som ber", "Infrastructure for sustainability"],
        [
            "Rutiner, systemer, stillinger og budsjett er på plass slik at praksisen overlever utskifting av folk.",
            "Rutinar, system, stillingar og budsjett er på plass slik at praksisen overlever utskifting av folk.",
            "Routines, systems, posts and budgets are in place so the practice survives staff turnover.",
        ],
    ),
];

pub fn model() -> SustainabilityModel {
    SustainabilityModel {
        factors: FACTORS
            .iter()
            .map(|(key, domain, weight, name, st)| SustainabilityFactor {
                key: (*key).into(),
                domain: *domain,
                weight: *weight,
                name: t(name[0], name[1], name[2]),
                statement: t(st[0], st[1], st[2]),
            })
            .collect(),
        scale: vec![
            t("Ikke i det hele tatt", "Ikkje i det heile", "Not at all"),
            t("I liten grad", "I liten grad", "To a small extent"),
            t("I stor grad", "I stor grad", "To a large extent"),
            t("Fullt ut", "Fullt ut", "Fully"),
        ],
    }
}

/// The factor `key`'s domain and weight.
pub fn factor(key: &str) -> Option<(D, f64)> {
    FACTORS.iter().find(|f| f.0 == key).map(|f| (f.1, f.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_factors_in_three_domains_weigh_100_and_speak_three_languages() {
        let m = model();
        assert_eq!(m.factors.len(), 10);
        let total: f64 = m.factors.iter().map(|f| f.weight).sum();
        assert!((total - 100.0).abs() < 1e-9);
        for d in D::ALL {
            assert!(m.factors.iter().any(|f| f.domain == *d), "{d:?}");
        }
        for f in &m.factors {
            for s in [&f.name, &f.statement] {
                assert!(!s.nb.is_empty() && !s.nn.is_empty() && !s.en.is_empty());
            }
        }
        assert_eq!(m.scale.len(), 4);
    }
}
