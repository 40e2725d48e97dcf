//! The standing agenda of each meeting kind (keys the UI translates; titles in bokmål for
//! clients that do not).

use varig_types::{AgendaItem, MeetingKind};

fn item(key: &str, title: &str) -> AgendaItem {
    AgendaItem {
        key: Some(key.into()),
        title: title.into(),
        minutes: String::new(),
    }
}

pub fn standing(kind: MeetingKind) -> Vec<AgendaItem> {
    match kind {
        // The decks' agenda for the leader's monthly status meeting with the owner.
        MeetingKind::OwnerStatus => vec![
            item("progress_status", "Fremdriftsstatus"),
            item("plan_ahead", "Plan fremover"),
            item("challenges", "Utfordringer og behov for avklaringer"),
            item("uncertainty_risk", "Usikkerhet og risiko"),
            item("resource_use", "Ressursbruk"),
        ],
        MeetingKind::SteeringGroup => vec![
            item("status_report", "Statusrapport fra prosjektleder"),
            item("gate_requests", "Beslutningspunkter og anbefalinger"),
            item("uncertainty_risk", "Usikkerhet og risiko"),
            item("resources", "Ressurser"),
        ],
        MeetingKind::ProjectMeeting => vec![
            item("actions", "Gjennomgang av aksjoner"),
            item("status", "Status siden sist"),
            item("next_steps", "Neste steg"),
        ],
        MeetingKind::NetworkGathering => vec![
            item("experiences", "Erfaringer fra enhetene"),
            item("barriers", "Hindringer og støttebehov"),
            item("learning", "Faglig påfyll"),
        ],
        MeetingKind::WorkingGroup | MeetingKind::Other => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
