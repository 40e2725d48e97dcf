//! The standing agenda of each meeting kind: stable keys the UI translates, and titles in
//! the language of the request ([`crate::lang`]) for clients that do not.

use varig_types::{AgendaItem, MeetingKind};

fn item(key: &str, titles: [&str; 3]) -> AgendaItem {
    AgendaItem {
        key: Some(key.into()),
        title: crate::lang::current().pick(titles).into(),
        minutes: String::new(),
    }
}

pub fn standing(kind: MeetingKind) -> Vec<AgendaItem> {
    match kind {
        // The decks' agenda for the leader's monthly status meeting with the owner.
        MeetingKind::OwnerStatus => vec![
            item(
                "progress_status",
                ["Fremdriftsstatus", "Framdriftsstatus", "Progress status"],
            ),
            item(
                "plan_ahead",
                ["Plan fremover", "Plan framover", "Plan ahead"],
            ),
            item(
                "challenges",
                [
                    "Utfordringer og behov for avklaringer",
                    "Utfordringar og behov for avklaringar",
                    "Challenges and needs for clarification",
                ],
            ),
            item(
                "uncertainty_risk",
                [
                    "Usikkerhet og risiko",
                    "Uvisse og risiko",
                    "Uncertainty and risk",
                ],
            ),
            item(
                "resource_use",
                ["Ressursbruk", "Ressursbruk", "Resource use"],
            ),
        ],
        MeetingKind::SteeringGroup => vec![
            item(
                "status_report",
                [
                    "Statusrapport fra prosjektleder",
                    "Statusrapport frå prosjektleiar",
                    "Status report from the project leader",
                ],
            ),
            item(
                "gate_requests",
                [
                    "Beslutningspunkter og anbefalinger",
                    "Avgjerdspunkt og tilrådingar",
                    "Phase gates and recommendations",
                ],
            ),
            item(
                "uncertainty_risk",
                [
                    "Usikkerhet og risiko",
                    "Uvisse og risiko",
                    "Uncertainty and risk",
                ],
            ),
            item("resources", ["Ressurser", "Ressursar", "Resources"]),
        ],
        MeetingKind::ProjectMeeting => vec![
            item(
                "actions",
                [
                    "Gjennomgang av oppgaver",
                    "Gjennomgang av oppgåver",
                    "Review of actions",
                ],
            ),
            item(
                "status",
                [
                    "Status siden sist",
                    "Status sidan sist",
                    "Status since last time",
                ],
            ),
            item("next_steps", ["Neste steg", "Neste steg", "Next steps"]),
        ],
        MeetingKind::NetworkGathering => vec![
            item(
                "experiences",
                [
                    "Erfaringer fra enhetene",
                    "Erfaringar frå einingane",
                    "Experiences from the units",
                ],
            ),
            item(
                "barriers",
                [
                    "Hemmere og støttebehov",
                    "Hemmarar og støttebehov",
                    "Barriers and support needs",
                ],
            ),
            item(
                "learning",
                ["Faglig påfyll", "Fagleg påfyll", "Professional input"],
            ),
        ],
        MeetingKind::WorkingGroup | MeetingKind::Other => vec![],
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::lang::{Lang, CURRENT};

    /// The server's titles are the app's words for the same keys, in each language.
    #[test]
    fn the_titles_are_the_apps_words_in_the_requests_language() {
        for (lang, file) in [
            (Lang::Nb, include_str!("../../../frontend/i18n/nb.json")),
            (Lang::Nn, include_str!("../../../frontend/i18n/nn.json")),
            (Lang::En, include_str!("../../../frontend/i18n/en.json")),
        ] {
            let words: HashMap<String, String> = serde_json::from_str(file).expect("valid JSON");
            for kind in MeetingKind::ALL {
                for item in CURRENT.sync_scope(lang, || standing(*kind)) {
                    let key = format!("agenda.{}", item.key.as_deref().unwrap_or_default());
                    assert_eq!(words.get(&key), Some(&item.title), "{lang:?} {key}");
                }
            }
        }
    }

    #[test]
    fn the_owner_status_meeting_has_the_five_standing_items_of_the_decks() {
        let keys: Vec<_> = standing(MeetingKind::OwnerStatus)
            .into_iter()
            .filter_map(|i| i.key)
            .collect();
        assert_eq!(
            keys,
            vec![
                "progress_status",
                "plan_ahead",
                "challenges",
                "uncertainty_risk",
                "resource_use"
            ]
        );
    }
}
