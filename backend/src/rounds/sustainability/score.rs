//! Scores of a sustainability round: per factor, weight × (mean rating − 1) / 3, so that a
//! mean of 1 scores nothing and a mean of 4 the factor's whole weight; domains and the total
//! add up their factors once every factor has a rating.

use std::collections::BTreeMap;

use varig_types::{DomainScore, FactorScore, SustainabilityDomain, SustainabilityResult};

use super::model;

/// Ratings are 1–4.
pub const MIN_SCORE: i32 = 1;
pub const MAX_SCORE: i32 = 4;

/// A factor pulls the score down when it loses more than this share of its weight.
pub const PULLING_DOWN_SHARE: f64 = 0.2;

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// `ratings` are (respondent, factor, score).
pub fn result(ratings: &[(String, String, i32)]) -> SustainabilityResult {
    let m = model::model();
    let mut per_factor: BTreeMap<&str, Vec<i32>> = BTreeMap::new();
    let mut respondents: Vec<&str> = vec![];
    for (who, factor, score) in ratings {
        if model::factor(factor).is_none() {
            continue;
        }
        per_factor.entry(factor.as_str()).or_default().push(*score);
        if !respondents.contains(&who.as_str()) {
            respondents.push(who.as_str());
        }
    }
    let factors: Vec<FactorScore> = m
        .factors
        .iter()
        .map(|f| {
            let scores = per_factor.get(f.key.as_str()).cloned().unwrap_or_default();
            let mean = (!scores.is_empty())
                .then(|| f64::from(scores.iter().sum::<i32>()) / scores.len() as f64);
            let score = mean.map(|m| f.weight * (m - 1.0) / 3.0);
            FactorScore {
                factor: f.key.clone(),
                domain: f.domain,
                weight: f.weight,
                mean_rating: mean.map(|x| (x * 100.0).round() / 100.0),
                score: score.map(round1),
                shortfall: score.map(|s| round1(f.weight - s)),
                ratings: scores.len() as i32,
            }
        })
        .collect();
    let sum = |fs: &mut dyn Iterator<Item = &FactorScore>| -> Option<f64> {
        let mut total = 0.0;
        for f in fs {
            total += f.weight * (f.mean_rating? - 1.0) / 3.0;
        }
        Some(round1(total))
    };
    let domains = SustainabilityDomain::ALL
        .iter()
        .map(|d| DomainScore {
            domain: *d,
            max: factors
                .iter()
                .filter(|f| f.domain == *d)
                .map(|f| f.weight)
                .sum(),
            score: sum(&mut factors.iter().filter(|f| f.domain == *d)),
        })
        .collect();
    let total = sum(&mut factors.iter());
    let mut losing: Vec<&FactorScore> = factors
        .iter()
        .filter(|f| {
            f.shortfall
                .is_some_and(|s| s > f.weight * PULLING_DOWN_SHARE)
        })
        .collect();
    losing.sort_by(|a, b| {
        b.shortfall
            .partial_cmp(&a.shortfall)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.factor.cmp(&b.factor))
    });
    SustainabilityResult {
        respondents: respondents.len() as i32,
        pulling_down: losing.iter().take(3).map(|f| f.factor.clone()).collect(),
        factors,
        domains,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(who: &str, score: i32) -> Vec<(String, String, i32)> {
        model::model()
            .factors
            .iter()
            .map(|f| (who.to_string(), f.key.clone(), score))
            .collect()
    }

    #[test]
    fn no_ratings_is_no_data_not_zero() {
        let r = result(&[]);
        assert_eq!(r.respondents, 0);
        assert_eq!(r.total, None);
        assert!(r.factors.iter().all(|f| f.score.is_none()));
        assert!(r.domains.iter().all(|d| d.score.is_none()));
        assert!(r.pulling_down.is_empty());
    }

    #[test]
    fn all_fours_score_100_and_all_ones_score_0() {
        assert_eq!(result(&all("a", 4)).total, Some(100.0));
        let low = result(&all("a", 1));
        assert_eq!(low.total, Some(0.0));
        // Everything loses its whole weight: the three heaviest pull the score down.
        assert_eq!(
            low.pulling_down,
            vec!["infrastructure", "involvement", "senior_leadership"]
        );
    }

    #[test]
    fn weights_make_factors_count_differently() {
        // Two respondents; everything fully (4) except infrastructure (weight 12), which
        // both rate 2, and adaptability (weight 8), which one rates 1 and one 3.
        let mut r = all("a", 4);
        r.extend(all("b", 4));
        for x in r.iter_mut() {
            if x.1 == "infrastructure" {
                x.2 = 2;
            }
            if x.1 == "adaptability" {
                x.2 = if x.0 == "a" { 1 } else { 3 };
            }
        }
        let res = result(&r);
        assert_eq!(res.respondents, 2);
        let infra = res
            .factors
            .iter()
            .find(|f| f.factor == "infrastructure")
            .unwrap();
        assert_eq!(infra.mean_rating, Some(2.0));
        assert_eq!(infra.score, Some(4.0)); // 12 × 1/3
        assert_eq!(infra.shortfall, Some(8.0));
        let adapt = res
            .factors
            .iter()
            .find(|f| f.factor == "adaptability")
            .unwrap();
        assert_eq!(adapt.mean_rating, Some(2.0));
        assert_eq!(adapt.score, Some(2.7)); // 8 × 1/3
                                            // Total: 100 − 8 (infrastructure) − 16/3 (adaptability).
        assert_eq!(res.total, Some(86.7));
        assert_eq!(res.pulling_down, vec!["infrastructure", "adaptability"]);
        let org = res
            .domains
            .iter()
            .find(|d| d.domain == SustainabilityDomain::Organisation)
            .unwrap();
        assert_eq!(org.max, 22.0);
        assert_eq!(org.score, Some(14.0));
    }

    #[test]
    fn a_factor_nobody_rated_leaves_the_total_open() {
        let r: Vec<_> = all("a", 3)
            .into_iter()
            .filter(|x| x.1 != "monitoring")
            .collect();
        let res = result(&r);
        assert_eq!(res.total, None);
        let process = &res.domains[0];
        assert_eq!(process.score, None);
        assert!(res.domains[1].score.is_some());
    }
}
