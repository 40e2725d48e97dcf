//! Rules of the organisation structure and its units (pure): the default structure a new
//! organisation starts from, what a valid structure and unit are, what a new structure
//! would drop.

use std::collections::HashSet;

use varig_types::{
    Dimension, DimensionValue, FieldError, OrgStructureInput, StructureLevel, UnitDimension,
};

use crate::domain::{self, field_error};

pub const MAX_LEVELS: usize = 10;
pub const MAX_DIMENSIONS: usize = 10;
pub const MAX_VALUES: usize = 200;

/// What an organisation starts from: the levels and sectors of the decks (to be renamed),
/// named in the language of the request ([`crate::lang`]) until the organisation saves its
/// own.
pub fn default_structure() -> OrgStructureInput {
    let lang = crate::lang::current();
    let pair = |key: &str, names: [&str; 3]| (key.to_owned(), lang.pick(names).to_owned());
    let level = |(key, name)| StructureLevel { key, name };
    let value = |(key, name)| DimensionValue { key, name };
    OrgStructureInput {
        levels: vec![
            level(pair(
                "top_management",
                ["Toppledelse", "Toppleiing", "Top management"],
            )),
            level(pair(
                "service_area",
                ["Tjenesteområde", "Tenesteområde", "Service area"],
            )),
            level(pair("unit", ["Enhet", "Eining", "Unit"])),
        ],
        dimensions: vec![Dimension {
            key: "sector".into(),
            name: lang.pick(["Sektor", "Sektor", "Sector"]).into(),
            values: vec![
                value(pair("school", ["Skole", "Skule", "School"])),
                value(pair(
                    "kindergarten",
                    ["Barnehage", "Barnehage", "Kindergarten"],
                )),
                value(pair(
                    "health_station",
                    ["Helsestasjon", "Helsestasjon", "Health station"],
                )),
                value(pair(
                    "ppt",
                    ["PPT", "PPT", "Educational-psychological service (PPT)"],
                )),
                value(pair(
                    "support",
                    ["Støttefunksjoner", "Støttefunksjonar", "Support functions"],
                )),
            ],
        }],
    }
}

fn key_ok(k: &str) -> bool {
    (1..=40).contains(&k.len())
        && k.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

fn check_named(
    errors: &mut Vec<FieldError>,
    seen: &mut HashSet<String>,
    at: &str,
    key: &str,
    name: &str,
) {
    if !key_ok(key) {
        errors.push(field_error(
            &format!("{at}.key"),
            "invalid_key",
            "1–40 lower-case letters, digits, '_' or '-'",
        ));
    } else if !seen.insert(key.to_owned()) {
        errors.push(field_error(
            &format!("{at}.key"),
            "duplicate",
            "keys must be unique",
        ));
    }
    if let Err(e) = domain::name(&format!("{at}.name"), name) {
        errors.push(e);
    }
}

/// A structure needs at least one level; keys unique and well-formed; names present.
pub fn check_structure(s: &OrgStructureInput) -> Result<(), Vec<FieldError>> {
    let mut errors = vec![];
    if s.levels.is_empty() || s.levels.len() > MAX_LEVELS {
        errors.push(field_error("levels", "out_of_range", "1–10 levels"));
    }
    let mut seen = HashSet::new();
    for (i, l) in s.levels.iter().enumerate() {
        check_named(
            &mut errors,
            &mut seen,
            &format!("levels[{i}]"),
            &l.key,
            &l.name,
        );
    }
    if s.dimensions.len() > MAX_DIMENSIONS {
        errors.push(field_error(
            "dimensions",
            "out_of_range",
            "at most 10 dimensions",
        ));
    }
    let mut dims = HashSet::new();
    for (i, d) in s.dimensions.iter().enumerate() {
        check_named(
            &mut errors,
            &mut dims,
            &format!("dimensions[{i}]"),
            &d.key,
            &d.name,
        );
        if d.values.is_empty() || d.values.len() > MAX_VALUES {
            errors.push(field_error(
                &format!("dimensions[{i}].values"),
                "out_of_range",
                "1–200 values",
            ));
        }
        let mut values = HashSet::new();
        for (j, v) in d.values.iter().enumerate() {
            check_named(
                &mut errors,
                &mut values,
                &format!("dimensions[{i}].values[{j}]"),
                &v.key,
                &v.name,
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Position of `level` from the top, if the structure has it.
pub fn level_rank(s: &OrgStructureInput, level: &str) -> Option<usize> {
    s.levels.iter().position(|l| l.key == level)
}

/// A unit's level and dimension values must exist in the structure, with at most one value
/// per dimension, and its parent must sit on a higher level.
pub fn check_unit(
    s: &OrgStructureInput,
    level: &str,
    dimensions: &[UnitDimension],
    parent_level: Option<&str>,
) -> Result<(), Vec<FieldError>> {
    let mut errors = vec![];
    let rank = level_rank(s, level);
    if rank.is_none() {
        errors.push(field_error(
            "level",
            "unknown_level",
            "not a level of the organisation's structure",
        ));
    }
    if let (Some(rank), Some(parent)) = (rank, parent_level) {
        match level_rank(s, parent) {
            Some(p) if p < rank => {}
            _ => errors.push(field_error(
                "parent_id",
                "invalid_parent",
                "the parent must be a unit on a higher level",
            )),
        }
    }
    let mut seen = HashSet::new();
    for (i, d) in dimensions.iter().enumerate() {
        match s.dimensions.iter().find(|x| x.key == d.dimension) {
            None => errors.push(field_error(
                &format!("dimensions[{i}].dimension"),
                "unknown_dimension",
                "not a dimension of the organisation's structure",
            )),
            Some(dim) => {
                if !dim.values.iter().any(|v| v.key == d.value) {
                    errors.push(field_error(
                        &format!("dimensions[{i}].value"),
                        "unknown_value",
                        "not a value of this dimension",
                    ));
                }
                if !seen.insert(d.dimension.as_str()) {
                    errors.push(field_error(
                        &format!("dimensions[{i}].dimension"),
                        "duplicate",
                        "one value per dimension",
                    ));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The levels and dimension values units still use that a new structure would drop.
pub fn dropped_in_use<'a>(
    new: &OrgStructureInput,
    units: impl Iterator<Item = (&'a str, &'a [UnitDimension])>,
) -> Vec<String> {
    let mut out = std::collections::BTreeSet::new();
    for (level, dims) in units {
        if level_rank(new, level).is_none() {
            out.insert(format!("level {level}"));
        }
        for d in dims {
            let present = new
                .dimensions
                .iter()
                .any(|x| x.key == d.dimension && x.values.iter().any(|v| v.key == d.value));
            if !present {
                out.insert(format!("{}={}", d.dimension, d.value));
            }
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
pub mod tests {
    use super::*;

    fn named<T>(key: &str, make: impl Fn(String, String) -> T) -> T {
        make(key.into(), key.to_uppercase())
    }

    /// Top management → service area → unit; sector (school, kindergarten, health) and region.
    pub fn municipality() -> OrgStructureInput {
        let level = |k: &str| named(k, |key, name| StructureLevel { key, name });
        let value = |k: &str| named(k, |key, name| DimensionValue { key, name });
        OrgStructureInput {
            levels: vec![level("top"), level("area"), level("unit")],
            dimensions: vec![
                Dimension {
                    key: "sector".into(),
                    name: "Sektor".into(),
                    values: vec![value("school"), value("kindergarten"), value("health")],
                },
                Dimension {
                    key: "region".into(),
                    name: "Region".into(),
                    values: vec![value("north"), value("south")],
                },
            ],
        }
    }

    fn dim(d: &str, v: &str) -> UnitDimension {
        UnitDimension {
            dimension: d.into(),
            value: v.into(),
        }
    }

    #[test]
    fn a_good_structure_passes_and_bad_keys_are_named() {
        assert!(check_structure(&municipality()).is_ok());
        let mut s = municipality();
        s.levels[1].key = "Area 1".into();
        s.levels[2].key = "top".into();
        s.dimensions[0].values[1].key = "school".into();
        let e = check_structure(&s).unwrap_err();
        let fields: Vec<_> = e
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert!(fields.contains(&("levels[1].key", "invalid_key")));
        assert!(fields.contains(&("levels[2].key", "duplicate")));
        assert!(fields.contains(&("dimensions[0].values[1].key", "duplicate")));
        let empty = OrgStructureInput {
            levels: vec![],
            dimensions: vec![],
        };
        assert_eq!(check_structure(&empty).unwrap_err()[0].field, "levels");
    }

    #[test]
    fn units_sit_below_their_parent_with_known_values() {
        let s = municipality();
        assert!(check_unit(&s, "unit", &[dim("sector", "school")], Some("area")).is_ok());
        assert!(
            check_unit(&s, "unit", &[], Some("top")).is_ok(),
            "levels may be skipped"
        );
        let e = check_unit(&s, "area", &[], Some("unit")).unwrap_err();
        assert_eq!(e[0].code, "invalid_parent");
        let e = check_unit(&s, "unit", &[], Some("unit")).unwrap_err();
        assert_eq!(e[0].code, "invalid_parent");
        let e = check_unit(
            &s,
            "ward",
            &[
                dim("sector", "hospital"),
                dim("colour", "red"),
                dim("sector", "school"),
            ],
            None,
        )
        .unwrap_err();
        let codes: Vec<_> = e.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(
            codes,
            vec![
                "unknown_level",
                "unknown_value",
                "unknown_dimension",
                "duplicate"
            ]
        );
    }

    #[test]
    fn dropping_a_value_in_use_is_reported() {
        let mut new = municipality();
        new.dimensions[0].values.retain(|v| v.key != "health");
        new.levels.retain(|l| l.key != "area");
        let used = [
            ("unit".to_owned(), vec![dim("sector", "health")]),
            ("area".to_owned(), vec![]),
            ("unit".to_owned(), vec![dim("sector", "school")]),
        ];
        let dropped = dropped_in_use(&new, used.iter().map(|(l, d)| (l.as_str(), d.as_slice())));
        assert_eq!(
            dropped,
            vec!["level area".to_owned(), "sector=health".to_owned()]
        );
    }
}
