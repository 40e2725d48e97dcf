//! Coverage of the project's units by active change agents, vertically (levels) and
//! horizontally (each dimension's values), and the gaps.

use std::collections::{HashMap, HashSet};

use varig_types::{
    Coverage, CoverageCell, CoverageGap, DimensionCoverage, OrgStructureInput, UnitDimension,
};

/// A unit in the project's scope.
pub struct ScopeUnit {
    pub id: uuid::Uuid,
    pub name: String,
    pub level: String,
    pub dimensions: Vec<UnitDimension>,
}

/// An agent: whether active, and their units.
pub struct AgentUnits {
    pub active: bool,
    pub unit_ids: Vec<uuid::Uuid>,
}

fn percent(part: usize, whole: usize) -> Option<i32> {
    (whole > 0).then(|| (part * 100 / whole) as i32)
}

fn cell(
    key: &str,
    name: &str,
    units: &[&ScopeUnit],
    agents: &HashMap<uuid::Uuid, i32>,
) -> CoverageCell {
    CoverageCell {
        key: key.to_owned(),
        name: name.to_owned(),
        units_in_scope: units.len() as i32,
        covered_units: units.iter().filter(|u| agents.contains_key(&u.id)).count() as i32,
        // An agent attached to two units of the cell counts once per unit: "agents per cell"
        // is what the heat map shows.
        active_agents: units
            .iter()
            .map(|u| agents.get(&u.id).copied().unwrap_or(0))
            .sum(),
    }
}

pub fn coverage(
    structure: &OrgStructureInput,
    scope: &[ScopeUnit],
    agents: &[AgentUnits],
) -> Coverage {
    let in_scope: HashSet<_> = scope.iter().map(|u| u.id).collect();
    // Active agents per unit in scope.
    let mut per_unit: HashMap<uuid::Uuid, i32> = HashMap::new();
    let mut active_agents = 0;
    for a in agents.iter().filter(|a| a.active) {
        let mut counted = false;
        for u in a.unit_ids.iter().filter(|u| in_scope.contains(u)) {
            *per_unit.entry(*u).or_default() += 1;
            counted = true;
        }
        if counted {
            active_agents += 1;
        }
    }
    let all: Vec<&ScopeUnit> = scope.iter().collect();
    let covered_units = all.iter().filter(|u| per_unit.contains_key(&u.id)).count();

    let levels: Vec<CoverageCell> = structure
        .levels
        .iter()
        .map(|l| {
            let units: Vec<_> = all.iter().copied().filter(|u| u.level == l.key).collect();
            cell(&l.key, &l.name, &units, &per_unit)
        })
        .collect();
    let present_levels = levels.iter().filter(|c| c.units_in_scope > 0).count();
    let covered_levels = levels.iter().filter(|c| c.covered_units > 0).count();

    let mut values_present = 0;
    let mut values_covered = 0;
    let dimensions = structure
        .dimensions
        .iter()
        .map(|d| {
            let cells: Vec<CoverageCell> = d
                .values
                .iter()
                .map(|v| {
                    let units: Vec<_> = all
                        .iter()
                        .copied()
                        .filter(|u| {
                            u.dimensions
                                .iter()
                                .any(|x| x.dimension == d.key && x.value == v.key)
                        })
                        .collect();
                    cell(&v.key, &v.name, &units, &per_unit)
                })
                .collect();
            let present = cells.iter().filter(|c| c.units_in_scope > 0).count();
            let covered = cells.iter().filter(|c| c.covered_units > 0).count();
            values_present += present;
            values_covered += covered;
            DimensionCoverage {
                key: d.key.clone(),
                name: d.name.clone(),
                percent: percent(covered, present),
                cells,
            }
        })
        .collect();

    let gaps = scope
        .iter()
        .filter(|u| !per_unit.contains_key(&u.id))
        .map(|u| CoverageGap {
            unit_id: u.id,
            unit_name: u.name.clone(),
            level: u.level.clone(),
        })
        .collect();

    Coverage {
        units_in_scope: scope.len() as i32,
        covered_units: covered_units as i32,
        active_agents,
        unit_percent: percent(covered_units, scope.len()),
        levels,
        vertical_percent: percent(covered_levels, present_levels),
        dimensions,
        horizontal_percent: percent(values_covered, values_present),
        gaps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::rules::tests::municipality;
    use uuid::Uuid;

    fn unit(name: &str, level: &str, dims: &[(&str, &str)]) -> ScopeUnit {
        ScopeUnit {
            id: Uuid::new_v4(),
            name: name.into(),
            level: level.into(),
            dimensions: dims
                .iter()
                .map(|(d, v)| UnitDimension {
                    dimension: (*d).into(),
                    value: (*v).into(),
                })
                .collect(),
        }
    }

    #[test]
    fn coverage_of_a_network_with_gaps() {
        let s = municipality();
        let scope = vec![
            unit("Oppvekst", "area", &[]),
            unit(
                "Nord skole",
                "unit",
                &[("sector", "school"), ("region", "north")],
            ),
            unit(
                "Sør skole",
                "unit",
                &[("sector", "school"), ("region", "south")],
            ),
            unit(
                "Sør barnehage",
                "unit",
                &[("sector", "kindergarten"), ("region", "south")],
            ),
            unit(
                "Helsestasjonen",
                "unit",
                &[("sector", "health"), ("region", "north")],
            ),
        ];
        let outside = Uuid::new_v4();
        let agents = vec![
            // Two agents at Nord skole, one of them also at Sør barnehage.
            AgentUnits {
                active: true,
                unit_ids: vec![scope[1].id],
            },
            AgentUnits {
                active: true,
                unit_ids: vec![scope[1].id, scope[3].id],
            },
            // Inactive at the health station: does not cover it.
            AgentUnits {
                active: false,
                unit_ids: vec![scope[4].id],
            },
            // Active, but only outside the scope: not counted.
            AgentUnits {
                active: true,
                unit_ids: vec![outside],
            },
        ];
        let c = coverage(&s, &scope, &agents);
        assert_eq!(
            (c.units_in_scope, c.covered_units, c.active_agents),
            (5, 2, 2)
        );
        assert_eq!(c.unit_percent, Some(40));
        let top = &c.levels[0];
        assert_eq!((top.units_in_scope, top.covered_units), (0, 0));
        let area = &c.levels[1];
        assert_eq!((area.units_in_scope, area.covered_units), (1, 0));
        let units = &c.levels[2];
        assert_eq!(
            (
                units.units_in_scope,
                units.covered_units,
                units.active_agents
            ),
            (4, 2, 3)
        );
        // Levels present: area and unit; covered: unit only.
        assert_eq!(c.vertical_percent, Some(50));
        let sector = &c.dimensions[0];
        assert_eq!(
            sector
                .cells
                .iter()
                .map(|x| x.covered_units)
                .collect::<Vec<_>>(),
            vec![1, 1, 0]
        );
        assert_eq!(sector.percent, Some(66));
        let region = &c.dimensions[1];
        assert_eq!(
            region.percent,
            Some(100),
            "north via Nord skole, south via Sør barnehage"
        );
        // 5 values present (3 sectors, 2 regions), 4 covered.
        assert_eq!(c.horizontal_percent, Some(80));
        let gaps: Vec<_> = c.gaps.iter().map(|g| g.unit_name.as_str()).collect();
        assert_eq!(gaps, vec!["Oppvekst", "Sør skole", "Helsestasjonen"]);
    }

    #[test]
    fn nothing_in_scope_is_no_data_not_zero() {
        let c = coverage(&municipality(), &[], &[]);
        assert_eq!(
            (c.unit_percent, c.vertical_percent, c.horizontal_percent),
            (None, None, None)
        );
        assert!(c.gaps.is_empty());
    }
}
