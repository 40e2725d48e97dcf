//! The units a field report can be about: those in the project's scope, the agent's own
//! first, and (offline, never seen online) at least the unit used last time.

use std::collections::HashMap;

use uuid::Uuid;

use crate::storage;

const LAST_UNIT_KEY: &str = "varig.report.last_unit";

/// A unit the report can be about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct UnitChoice {
    pub(super) id: Uuid,
    pub(super) name: String,
    pub(super) mine: bool,
}

/// The last unit chosen, remembered per project: `<project>|<unit>|<name>`.
pub(super) fn last_unit(project: Uuid) -> Option<(Uuid, String)> {
    let raw = storage::get(LAST_UNIT_KEY)?;
    let mut parts = raw.splitn(3, '|');
    let p = Uuid::parse_str(parts.next()?).ok()?;
    let u = Uuid::parse_str(parts.next()?).ok()?;
    let name = parts.next().unwrap_or_default().to_owned();
    (p == project).then_some((u, name))
}

/// Units in scope, the agent's own first, then by name.
pub(super) fn choices(
    scope: &[Uuid],
    names: &HashMap<Uuid, String>,
    mine: &[Uuid],
    last: Option<&(Uuid, String)>,
) -> Vec<UnitChoice> {
    let mut list: Vec<UnitChoice> = scope
        .iter()
        .map(|id| UnitChoice {
            id: *id,
            name: names
                .get(id)
                .cloned()
                .or_else(|| last.filter(|(u, _)| u == id).map(|(_, n)| n.clone()))
                .unwrap_or_else(|| id.to_string()),
            mine: mine.contains(id),
        })
        .collect();
    if list.is_empty() {
        // Never seen online: at least the unit used last time.
        if let Some((id, name)) = last {
            list.push(UnitChoice {
                id: *id,
                name: name.clone(),
                mine: mine.contains(id),
            });
        }
    }
    list.sort_by(|a, b| b.mine.cmp(&a.mine).then_with(|| a.name.cmp(&b.name)));
    list
}

/// Remembers the unit of a report that was saved, for the next one.
pub(super) fn remember_unit(project: Uuid, unit: Uuid, name: &str) {
    storage::set(LAST_UNIT_KEY, &format!("{project}|{unit}|{name}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn own_units_come_first_then_by_name() {
        let names: HashMap<Uuid, String> = [
            (id(1), "Berg skole".to_owned()),
            (id(2), "Aske barnehage".to_owned()),
            (id(3), "Dal helsestasjon".to_owned()),
        ]
        .into_iter()
        .collect();
        let list = choices(&[id(1), id(2), id(3)], &names, &[id(3)], None);
        let order: Vec<&str> = list.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(order, ["Dal helsestasjon", "Aske barnehage", "Berg skole"]);
        assert!(list[0].mine && !list[1].mine);
    }

    #[test]
    fn without_data_the_last_unit_is_offered() {
        let last = (id(7), "Sjø skole".to_owned());
        let list = choices(&[], &HashMap::new(), &[], Some(&last));
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].name, "Sjø skole");
    }
}
