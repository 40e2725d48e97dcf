//! The statements. Written for Varig (not copied from a licensed instrument): five on
//! change commitment ("do we want this?") and five on change efficacy ("can we do it?").

use varig_types::{LocalText, ReadinessDomain, ReadinessItem, ReadinessQuestionnaire};

pub struct Statement {
    pub key: &'static str,
    pub domain: ReadinessDomain,
    pub nb: &'static str,
    pub nn: &'static str,
    pub en: &'static str,
}

use ReadinessDomain::{ChangeCommitment as Commitment, ChangeEfficacy as Efficacy};

const fn st(
    key: &'static str,
    domain: ReadinessDomain,
    [nb, nn, en]: [&'static str; 3],
) -> Statement {
    Statement {
        key,
        domain,
        nb,
        nn,
        en,
    }
}

pub const ITEMS: &[Statement] = &[
    st(
        "commitment.want",
        Commitment,
        [
            "Vi ønsker å ta i bruk denne praksisen.",
            "Vi ønskjer å ta i bruk denne praksisen.",
            "We want to put this practice into use.",
        ],
    ),
    st(
        "commitment.determined",
        Commitment,
        [
            "Vi er fast bestemt på å gjennomføre denne endringen.",
            "Vi er fast bestemde på å gjennomføre denne endringa.",
            "We are determined to carry this change through.",
        ],
    ),
    st(
        "commitment.motivated",
        Commitment,
        [
            "Vi er motivert for å gjøre denne endringen.",
            "Vi er motiverte for å gjere denne endringa.",
            "We are motivated to make this change.",
        ],
    ),
    st(
        "commitment.persist",
        Commitment,
        [
            "Vi vil holde fast ved endringen også når det blir krevende.",
            "Vi vil halde fast ved endringa også når det blir krevjande.",
            "We will keep going with this change even when it gets hard.",
        ],
    ),
    st(
        "commitment.matters",
        Commitment,
        [
            "Denne endringen betyr noe for dem vi er til for.",
            "Denne endringa betyr noko for dei vi er til for.",
            "This change matters to the people we serve.",
        ],
    ),
    st(
        "efficacy.resources",
        Efficacy,
        [
            "Vi kan finne tiden og ressursene endringen krever.",
            "Vi kan finne tida og ressursane endringa krev.",
            "We can find the time and resources this change needs.",
        ],
    ),
    st(
        "efficacy.support_staff",
        Efficacy,
        [
            "Vi kan støtte de ansatte mens de venner seg til endringen.",
            "Vi kan støtte dei tilsette medan dei vender seg til endringa.",
            "We can support staff as they adjust to the change.",
        ],
    ),
    st(
        "efficacy.difficulties",
        Efficacy,
        [
            "Vi kan håndtere vanskene som dukker opp underveis.",
            "Vi kan handtere vanskane som dukkar opp undervegs.",
            "We can handle the difficulties that come up along the way.",
        ],
    ),
    st(
        "efficacy.monitor",
        Efficacy,
        [
            "Vi kan følge med på hvordan implementeringen går.",
            "Vi kan følgje med på korleis implementeringa går.",
            "We can keep track of how the implementation is going.",
        ],
    ),
    st(
        "efficacy.competence",
        Efficacy,
        [
            "Vi har kompetansen som trengs for å gjennomføre endringen.",
            "Vi har kompetansen som trengst for å gjennomføre endringa.",
            "We have the competence to carry out this change.",
        ],
    ),
];

const SCALE: [[&str; 3]; 5] = [
    ["Helt uenig", "Heilt usamd", "Strongly disagree"],
    ["Uenig", "Usamd", "Disagree"],
    [
        "Verken enig eller uenig",
        "Verken samd eller usamd",
        "Neither agree nor disagree",
    ],
    ["Enig", "Samd", "Agree"],
    ["Helt enig", "Heilt samd", "Strongly agree"],
];

fn text([nb, nn, en]: [&str; 3]) -> LocalText {
    LocalText {
        nb: nb.into(),
        nn: nn.into(),
        en: en.into(),
    }
}

pub fn questionnaire() -> ReadinessQuestionnaire {
    ReadinessQuestionnaire {
        items: ITEMS
            .iter()
            .map(|s| ReadinessItem {
                key: s.key.into(),
                domain: s.domain,
                text: text([s.nb, s.nn, s.en]),
            })
            .collect(),
        scale: SCALE.iter().map(|l| text(*l)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_domains_have_five_statements_in_three_languages() {
        for d in ReadinessDomain::ALL {
            assert_eq!(ITEMS.iter().filter(|s| s.domain == *d).count(), 5);
        }
        let mut keys: Vec<_> = ITEMS.iter().map(|s| s.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), ITEMS.len());
        let q = questionnaire();
        assert_eq!(q.scale.len(), 5);
        assert!(q
            .items
            .iter()
            .all(|i| !i.text.nb.is_empty() && !i.text.nn.is_empty() && !i.text.en.is_empty()));
    }
}
