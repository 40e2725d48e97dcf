//! A round's result: per domain the mean of the respondents' domain averages, their spread
//! (sample standard deviation), min and max, and the number of answers.

use std::collections::HashSet;

use varig_types::{DomainResult, FieldError, ReadinessAnswer, ReadinessDomain, ReadinessResult};

use super::ITEMS;
use crate::domain::field_error;

/// A complete response: every statement exactly once, each scored 1–5. Lists every problem.
pub fn check_answers(answers: &[ReadinessAnswer]) -> Result<(), Vec<FieldError>> {
    let mut errors = vec![];
    let mut seen = HashSet::new();
    for (i, a) in answers.iter().enumerate() {
        if !ITEMS.iter().any(|s| s.key == a.item) {
            errors.push(field_error(
                &format!("answers[{i}].item"),
                "unknown_item",
                format!("no statement has the key {:?}", a.item),
            ));
        } else if !seen.insert(a.item.as_str()) {
            errors.push(field_error(
                &format!("answers[{i}].item"),
                "duplicate",
                format!("{} is answered twice", a.item),
            ));
        }
        if !(1..=5).contains(&a.score) {
            errors.push(field_error(
                &format!("answers[{i}].score"),
                "out_of_range",
                "must be between 1 and 5",
            ));
        }
    }
    for s in ITEMS {
        if !answers.iter().any(|a| a.item == s.key) {
            errors.push(field_error(
                "answers",
                "missing_item",
                format!("{} is not answered", s.key),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn domain_of(item: &str) -> Option<ReadinessDomain> {
    ITEMS.iter().find(|s| s.key == item).map(|s| s.domain)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The result of a round from each respondent's answers.
pub fn result(responses: &[Vec<ReadinessAnswer>]) -> ReadinessResult {
    let domains = ReadinessDomain::ALL
        .iter()
        .map(|&domain| {
            let mut answers = 0;
            let averages: Vec<f64> = responses
                .iter()
                .filter_map(|r| {
                    let scores: Vec<f64> = r
                        .iter()
                        .filter(|a| domain_of(&a.item) == Some(domain))
                        .map(|a| f64::from(a.score))
                        .collect();
                    answers += scores.len() as i32;
                    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
                })
                .collect();
            let n = averages.len() as f64;
            let mean = (n > 0.0).then(|| averages.iter().sum::<f64>() / n);
            let spread = match mean {
                Some(m) if averages.len() >= 2 => {
                    Some((averages.iter().map(|a| (a - m).powi(2)).sum::<f64>() / (n - 1.0)).sqrt())
                }
                _ => None,
            };
            DomainResult {
                domain,
                mean: mean.map(round2),
                spread: spread.map(round2),
                min: averages.iter().copied().reduce(f64::min).map(round2),
                max: averages.iter().copied().reduce(f64::max).map(round2),
                answers,
            }
        })
        .collect();
    ReadinessResult {
        respondents: responses.len() as i32,
        domains,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A full response scoring commitment statements `c` and efficacy statements `e`.
    fn response(c: i32, e: i32) -> Vec<ReadinessAnswer> {
        ITEMS
            .iter()
            .map(|s| ReadinessAnswer {
                item: s.key.into(),
                score: if s.domain == ReadinessDomain::ChangeCommitment {
                    c
                } else {
                    e
                },
            })
            .collect()
    }

    #[test]
    fn no_answers_gives_no_numbers() {
        let r = result(&[]);
        assert_eq!(r.respondents, 0);
        for d in &r.domains {
            assert_eq!(
                (d.mean, d.spread, d.min, d.max, d.answers),
                (None, None, None, None, 0)
            );
        }
    }

    #[test]
    fn one_respondent_has_a_mean_but_no_spread() {
        let r = result(&[response(4, 2)]);
        assert_eq!(r.domains[0].mean, Some(4.0));
        assert_eq!(r.domains[0].spread, None);
        assert_eq!(r.domains[1].mean, Some(2.0));
        assert_eq!(r.domains[0].answers, 5);
    }

    #[test]
    fn mean_and_sample_spread_over_respondents() {
        let mut mixed = response(5, 3);
        mixed[0].score = 1; // commitment average (1+5+5+5+5)/5 = 4.2
        let r = result(&[response(4, 2), response(2, 4), mixed]);
        let c = &r.domains[0];
        assert_eq!(r.respondents, 3);
        assert_eq!(c.domain, ReadinessDomain::ChangeCommitment);
        // averages 4, 2, 4.2: mean 3.4, sample sd = sqrt((0.36+1.96+0.64)/2) = 1.2166
        assert_eq!(c.mean, Some(3.4));
        assert_eq!(c.spread, Some(1.22));
        assert_eq!((c.min, c.max), (Some(2.0), Some(4.2)));
        assert_eq!(c.answers, 15);
        assert_eq!(r.domains[1].mean, Some(3.0));
    }

    #[test]
    fn a_response_must_answer_every_statement_once_within_the_scale() {
        assert!(check_answers(&response(3, 3)).is_ok());
        let mut bad = response(3, 3);
        bad[0].score = 6;
        bad[1].item = bad[2].item.clone();
        bad.push(ReadinessAnswer {
            item: "made.up".into(),
            score: 3,
        });
        let errors = check_answers(&bad).unwrap_err();
        let codes: Vec<_> = errors.iter().map(|e| e.code.as_str()).collect();
        assert!(codes.contains(&"out_of_range"));
        assert!(codes.contains(&"duplicate"));
        assert!(codes.contains(&"unknown_item"));
        assert!(
            codes.contains(&"missing_item"),
            "the overwritten item is missing"
        );
        assert!(check_answers(&[]).is_err());
    }
}
