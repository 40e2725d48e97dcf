//! The shared implementation model as a checklist: for each phase its goal, core elements
//! and success factors, in our own words after the decks, in bokmål, nynorsk and English.
//! Every new project gets these items; the keys are stable so clients can refer to them.

use varig_types::{ChecklistKind, Phase};

pub struct ModelItem {
    pub phase: Phase,
    pub kind: ChecklistKind,
    pub key: &'static str,
    pub nb: &'static str,
    pub nn: &'static str,
    pub en: &'static str,
}

const fn item(
    phase: Phase,
    kind: ChecklistKind,
    key: &'static str,
    [nb, nn, en]: [&'static str; 3],
) -> ModelItem {
    ModelItem {
        phase,
        kind,
        key,
        nb,
        nn,
        en,
    }
}

use ChecklistKind::{CoreElement as Core, Goal, SuccessFactor as Success};
use Phase::{Implement, Plan, Prepare, Sustain};

pub const PHASE_MODEL: &[ModelItem] = &[
    item(Prepare, Goal, "prepare.goal", [
        "Gode beslutninger om den videre prosessen er tatt",
        "Gode avgjerder om den vidare prosessen er tekne",
        "Good decisions about the further process have been made",
    ]),
    item(Prepare, Core, "prepare.core.explore", [
        "Tiltaket er utforsket og tilpasset: er det kunnskapsbasert, hva kan tilpasses lokalt og hva må ligge fast?",
        "Tiltaket er utforska og tilpassa: er det kunnskapsbasert, kva kan tilpassast lokalt og kva må liggje fast?",
        "The intervention is explored and adapted: is it knowledge-based, what may be adapted locally and what must stay fixed?",
    ]),
    item(Prepare, Core, "prepare.core.readiness", [
        "Endringsberedskapen er vurdert: tjenestens evne til å drive praksisen over tid, og hvilke drivere og strategier som trengs",
        "Endringsberedskapen er vurdert: evna tenesta har til å drive praksisen over tid, og kva drivarar og strategiar som trengst",
        "Readiness is assessed: the service's ability to run the practice over time, and which drivers and strategies are needed",
    ]),
    item(Prepare, Success, "prepare.success.key_people", [
        "Nøkkelpersoner er identifisert tidlig",
        "Nøkkelpersonar er identifiserte tidleg",
        "Key people are identified early",
    ]),
    item(Prepare, Success, "prepare.success.long_term", [
        "Det er vurdert hva som skal til for å videreføre praksisen over tid",
        "Det er vurdert kva som skal til for å vidareføre praksisen over tid",
        "It is judged what it takes to sustain the practice over time",
    ]),
    item(Prepare, Success, "prepare.success.fit", [
        "Tiltaket og konteksten passer sammen",
        "Tiltaket og konteksten passar saman",
        "Intervention and context fit each other",
    ]),
    item(Plan, Goal, "plan.goal", [
        "En god plan og gode strukturer er på plass",
        "Ein god plan og gode strukturar er på plass",
        "A good plan and good structures are in place",
    ]),
    item(Plan, Core, "plan.core.strategies", [
        "Implementeringsstrategier er valgt og tilpasset: opplæring, veiledning, tilbakemeldingssystem, materiell og plan for turnover",
        "Implementeringsstrategiar er valde og tilpassa: opplæring, rettleiing, tilbakemeldingssystem, materiell og plan for turnover",
        "Implementation strategies are chosen and adapted: training, coaching, feedback system, materials and a plan for turnover",
    ]),
    item(Plan, Core, "plan.core.anchoring", [
        "Arbeidet er forankret hos ledere, politikere og samarbeidspartnere, og implementeringsledelsen er avklart",
        "Arbeidet er forankra hos leiarar, politikarar og samarbeidspartnarar, og implementeringsleiinga er avklart",
        "The work is anchored with leaders, politicians and partners, and implementation leadership is settled",
    ]),
    item(Plan, Core, "plan.core.monitoring", [
        "Oppfølging av implementeringskvalitet, måloppnåelse og gevinster er planlagt, også hvilke data fase 4 trenger",
        "Oppfølging av implementeringskvalitet, måloppnåing og gevinstar er planlagd, også kva data fase 4 treng",
        "Monitoring of implementation quality, goal attainment and benefits is planned, including the data phase 4 will need",
    ]),
    item(Plan, Core, "plan.core.organisation", [
        "Prosjektorganisering, interessentanalyse, nettverk av endringsagenter og møtestruktur er på plass",
        "Prosjektorganisering, interessentanalyse, nettverk av endringsagentar og møtestruktur er på plass",
        "Project organisation, stakeholder analysis, a change-agent network and the meeting structure are in place",
    ]),
    item(Plan, Success, "plan.success.vision", [
        "Ledere og nøkkelpersoner deler en felles visjon",
        "Leiarar og nøkkelpersonar deler ein felles visjon",
        "Leaders and key staff share a vision",
    ]),
    item(Plan, Success, "plan.success.fit_structures", [
        "Strategiene passer inn i eksisterende strukturer",
        "Strategiane passar inn i eksisterande strukturar",
        "The strategies fit existing structures",
    ]),
    item(Plan, Success, "plan.success.anchored_staff", [
        "Arbeidet er forankret hos ansatte, ledere og samarbeidspartnere",
        "Arbeidet er forankra hos tilsette, leiarar og samarbeidspartnarar",
        "The work is anchored with staff, leaders and partners",
    ]),
    item(Implement, Goal, "implement.goal", [
        "Implementeringen er satt i gang og drives",
        "Implementeringa er sett i gang og blir driven",
        "The implementation is launched and running",
    ]),
    item(Implement, Core, "implement.core.execute", [
        "Strategiene gjennomføres etter milepælsplanen",
        "Strategiane blir gjennomførte etter milepælsplanen",
        "Strategies are carried out according to the milestone plan",
    ]),
    item(Implement, Core, "implement.core.feedback", [
        "Implementeringen følges opp, og de som måles, får tilbakemelding",
        "Implementeringa blir følgd opp, og dei som blir målte, får tilbakemelding",
        "The implementation is monitored, and those who are measured get feedback",
    ]),
    item(Implement, Core, "implement.core.adjust", [
        "Løpende vurdering og justering uten å endre kjerneelementene",
        "Løpande vurdering og justering utan å endre kjerneelementa",
        "Continuous assessment and adjustment without changing the core elements",
    ]),
    item(Implement, Success, "implement.success.groundwork", [
        "Godt forarbeid",
        "Godt førearbeid",
        "Good groundwork",
    ]),
    item(Implement, Success, "implement.success.leadership", [
        "Implementeringsledere som styrer, engasjerer, støtter og holder ut",
        "Implementeringsleiarar som styrer, engasjerer, støttar og held ut",
        "Implementation leaders who steer, engage, support and persist",
    ]),
    item(Implement, Success, "implement.success.quality", [
        "Kvalitet i arbeidsprosessene og et kvalitetssystem som virker",
        "Kvalitet i arbeidsprosessane og eit kvalitetssystem som verkar",
        "Quality in work processes and a quality system that works",
    ]),
    item(Sustain, Goal, "sustain.goal", [
        "Det er vurdert om praksisen er klar til å videreføres som ordinær drift",
        "Det er vurdert om praksisen er klar til å bli vidareført som ordinær drift",
        "It is judged whether the practice is ready to continue as ordinary operation",
    ]),
    item(Sustain, Core, "sustain.core.quality", [
        "Implementeringskvaliteten er evaluert: gjennomført som planlagt og brukt som tenkt?",
        "Implementeringskvaliteten er evaluert: gjennomført som planlagt og brukt som tenkt?",
        "Implementation quality is evaluated: carried out as planned and used as intended?",
    ]),
    item(Sustain, Core, "sustain.core.benefit", [
        "Gevinsten er evaluert: ønsket effekt, og eventuelle negative konsekvenser?",
        "Gevinsten er evaluert: ønskt effekt, og eventuelle negative konsekvensar?",
        "Benefit is evaluated: the wanted effect, and any negative consequences?",
    ]),
    item(Sustain, Core, "sustain.core.routines", [
        "Rutiner og systemer som bærer praksisen videre er sikret, med ny evaluering med faste mellomrom",
        "Rutinar og system som ber praksisen vidare er sikra, med ny evaluering med faste mellomrom",
        "Routines and systems that carry the practice on are secured, with re-evaluation at set intervals",
    ]),
    item(Sustain, Success, "sustain.success.habits", [
        "De nye rutinene er blitt vaner, og ingen kaller det et prosjekt lenger",
        "Dei nye rutinane har vorte vanar, og ingen kallar det eit prosjekt lenger",
        "The new routines are habits, and nobody calls it a project any more",
    ]),
    item(Sustain, Success, "sustain.success.ordinary", [
        "Oppfølgingen er en del av ordinære strukturer",
        "Oppfølginga er ein del av ordinære strukturar",
        "Follow-up is part of ordinary structures",
    ]),
    item(Sustain, Success, "sustain.success.turnover", [
        "Det finnes planer for turnover, rekruttering og ny opplæring",
        "Det finst planar for turnover, rekruttering og ny opplæring",
        "Plans exist for turnover, recruitment and re-training",
    ]),
    item(Sustain, Success, "sustain.success.anchored", [
        "Videreføringen er forankret på alle nivåer",
        "Vidareføringa er forankra på alle nivå",
        "Continuation is anchored across levels",
    ]),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_phase_has_a_goal_core_elements_and_success_factors() {
        for phase in Phase::ALL {
            let items: Vec<_> = PHASE_MODEL.iter().filter(|i| i.phase == phase).collect();
            let count = |k| items.iter().filter(|i| i.kind == k).count();
            assert_eq!(count(Goal), 1, "{phase:?}");
            assert!(count(Core) >= 2, "{phase:?}");
            assert!(count(Success) >= 3, "{phase:?}");
            assert!(items.iter().all(|i| i.key.starts_with(phase.as_str())));
        }
    }

    #[test]
    fn keys_are_unique_and_every_text_is_in_three_languages() {
        let keys: HashSet<_> = PHASE_MODEL.iter().map(|i| i.key).collect();
        assert_eq!(keys.len(), PHASE_MODEL.len());
        for i in PHASE_MODEL {
            assert!(!i.nb.is_empty() && !i.nn.is_empty() && !i.en.is_empty());
            assert_ne!(i.nb, i.en, "{}", i.key);
            assert!(i.en.chars().count() <= 200, "{}", i.key);
        }
    }
}
