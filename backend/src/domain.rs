//! Input rules, applied once at the edge: names, descriptions, e-mail addresses, passwords.
//! Each returns the cleaned value or a `FieldError` that names the field and says why.

use varig_types::FieldError;

use crate::auth::password::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
use crate::error::AppError;

pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 5000;

fn err(field: &str, code: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        code: code.into(),
        message: message.into(),
    }
}

/// Characters that show nothing: zero-width space and joiners, word joiner, the byte-order
/// mark, soft hyphen and the like. A name made only of these (and spaces) is empty.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}

pub fn name(field: &str, value: &str) -> Result<String, FieldError> {
    let v = value.trim();
    if v.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
        return Err(err(field, "required", "must not be empty"));
    }
    if v.chars().count() > MAX_NAME_CHARS {
        return Err(err(
            field,
            "too_long",
            format!("must be at most {MAX_NAME_CHARS} characters"),
        ));
    }
    if v.chars().any(char::is_control) {
        return Err(err(
            field,
            "invalid_characters",
            "must not contain control characters",
        ));
    }
    Ok(v.to_owned())
}

pub fn description(field: &str, value: &str) -> Result<String, FieldError> {
    let v = value.trim();
    if v.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(err(
            field,
            "too_long",
            format!("must be at most {MAX_DESCRIPTION_CHARS} characters"),
        ));
    }
    if v.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(err(
            field,
            "invalid_characters",
            "must not contain control characters",
        ));
    }
    Ok(v.to_owned())
}

/// Free text that must not be empty (line breaks allowed), up to the description length.
pub fn required_text(field: &str, value: &str) -> Result<String, FieldError> {
    let v = description(field, value)?;
    if v.is_empty() {
        return Err(err(field, "required", "must not be empty"));
    }
    Ok(v)
}

/// A plausible e-mail address, lower-cased.
pub fn email(field: &str, value: &str) -> Result<String, FieldError> {
    let v = value.trim().to_lowercase();
    let invalid = || {
        err(
            field,
            "invalid_email",
            "must be an e-mail address like name@kommune.no",
        )
    };
    if v.is_empty() {
        return Err(err(field, "required", "must not be empty"));
    }
    if v.len() > 254 {
        return Err(err(field, "too_long", "must be at most 254 characters"));
    }
    let (local, domain) = v.split_once('@').ok_or_else(invalid)?;
    let ok = !local.is_empty()
        && local.len() <= 64
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !domain.contains('@')
        && !v
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == ',' || c == '<' || c == '>');
    if ok {
        Ok(v)
    } else {
        Err(invalid())
    }
}

pub fn password(field: &str, value: &str) -> Result<(), FieldError> {
    let n = value.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(err(
            field,
            "too_short",
            format!("must be at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(err(
            field,
            "too_long",
            format!("must be at most {MAX_PASSWORD_CHARS} characters"),
        ));
    }
    Ok(())
}

/// The lowest zxcvbn score (0–4) a new password must reach: 3, "safely unguessable".
pub const MIN_PASSWORD_SCORE: u8 = 3;

/// A new password must also be hard to guess (zxcvbn score of at least 3), judged with the
/// person's own e-mail address and name as known words. The message carries zxcvbn's
/// warning; the PWA shows its own words for the code `weak_password`.
pub fn strong_password(field: &str, value: &str, user_inputs: &[&str]) -> Result<(), FieldError> {
    let estimate = zxcvbn::zxcvbn(value, user_inputs);
    if u8::from(estimate.score()) >= MIN_PASSWORD_SCORE {
        return Ok(());
    }
    let why = estimate
        .feedback()
        .and_then(|f| f.warning())
        .map(|w| format!(" ({w})"))
        .unwrap_or_default();
    Err(err(
        field,
        "weak_password",
        format!("is too easy to guess{why}; use a longer phrase of unrelated words"),
    ))
}

/// Collects every field error of a request into one 422.
#[derive(Default)]
pub struct Check(Vec<FieldError>);

impl Check {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn take<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }
    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.0))
        }
    }
}

pub fn field_error(field: &str, code: &str, message: impl Into<String>) -> FieldError {
    err(field, code, message)
}

pub const MAX_LINKS: usize = 20;
pub const MAX_LINK_CHARS: usize = 2000;

/// Evidence links: at most 20 absolute http(s) URLs without spaces, trimmed.
pub fn links(field: &str, values: &[String]) -> Result<Vec<String>, FieldError> {
    if values.len() > MAX_LINKS {
        return Err(err(field, "too_many", format!("at most {MAX_LINKS} links")));
    }
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let v = v.trim();
            let lower = v.to_ascii_lowercase();
            let rest = lower
                .strip_prefix("https://")
                .or_else(|| lower.strip_prefix("http://"));
            let ok = matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/'))
                && v.chars().count() <= MAX_LINK_CHARS
                && !v.chars().any(|c| c.is_whitespace() || c.is_control());
            if ok {
                Ok(v.to_owned())
            } else {
                Err(err(
                    &format!("{field}[{i}]"),
                    "invalid_link",
                    "must be an http(s) address like https://kommune.no/dokument",
                ))
            }
        })
        .collect()
}

/// A whole number within `range` (e.g. a 1–5 rating).
pub fn in_range(
    field: &str,
    value: i32,
    range: std::ops::RangeInclusive<i32>,
) -> Result<i32, FieldError> {
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(err(
            field,
            "out_of_range",
            format!("must be between {} and {}", range.start(), range.end()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_of_invisible_characters_only_is_empty() {
        for v in [
            "\u{200B}",
            "\u{FEFF}\u{200D}",
            " \u{2060} ",
            "\u{200C}\u{00AD}",
        ] {
            assert_eq!(name("name", v).unwrap_err().code, "required", "{v:?}");
        }
        assert!(
            name("name", "Kari\u{200B}").is_ok(),
            "visible text with an invisible character"
        );
    }

    #[test]
    fn weak_passwords_are_refused_and_the_test_passwords_are_strong() {
        for weak in ["passord123", "aaaaaaaaaaaa", "qwertyuiop", "password1234"] {
            assert_eq!(
                strong_password("p", weak, &[]).unwrap_err().code,
                "weak_password",
                "{weak}"
            );
        }
        assert!(strong_password(
            "p",
            "kari.nordmann@kommune.no",
            &["kari.nordmann@kommune.no"]
        )
        .is_err());
        for strong in [
            "correct horse battery staple",
            "fjelltur i regnvær med blåbær",
            "Passord-1764300000-123",
        ] {
            assert!(strong_password("p", strong, &[]).is_ok(), "{strong}");
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(name("name", "  BTI Bergen ").unwrap(), "BTI Bergen");
        assert_eq!(name("name", "   ").unwrap_err().code, "required");
        assert_eq!(name("name", &"x".repeat(201)).unwrap_err().code, "too_long");
        assert_eq!(
            name("name", "a\u{0}b").unwrap_err().code,
            "invalid_characters"
        );
        assert_eq!(name("title", "").unwrap_err().field, "title");
    }

    #[test]
    fn required_text_keeps_line_breaks_but_not_emptiness() {
        assert_eq!(
            required_text("summary", " Klar.\nForankret. ").unwrap(),
            "Klar.\nForankret."
        );
        assert_eq!(
            required_text("summary", " \n ").unwrap_err().code,
            "required"
        );
    }

    #[test]
    fn emails_are_lowercased_and_checked() {
        assert_eq!(
            email("email", " Kari@Kommune.NO ").unwrap(),
            "kari@kommune.no"
        );
        for bad in [
            "kari",
            "kari@",
            "@kommune.no",
            "kari@kommune",
            "ka ri@kommune.no",
            "a@b..no",
            "a@b@c.no",
        ] {
            assert!(email("email", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords_need_ten_characters() {
        assert!(password("password", "short").is_err());
        assert!(password("password", "long enough!").is_ok());
    }

    #[test]
    fn links_must_be_http_addresses() {
        let ok = links(
            "l",
            &[" https://kommune.no/plan.pdf ".into(), "http://x.no".into()],
        );
        assert_eq!(
            ok.unwrap(),
            vec![
                "https://kommune.no/plan.pdf".to_owned(),
                "http://x.no".to_owned()
            ]
        );
        for bad in [
            "javascript:alert(1)",
            "https://",
            "ftp://x.no",
            "https://a b.no",
            "kommune.no",
        ] {
            let e = links("l", &["https://ok.no".into(), bad.into()]).unwrap_err();
            assert_eq!(
                (e.field.as_str(), e.code.as_str()),
                ("l[1]", "invalid_link"),
                "{bad}"
            );
        }
        let many: Vec<String> = (0..21).map(|i| format!("https://x.no/{i}")).collect();
        assert_eq!(links("l", &many).unwrap_err().code, "too_many");
    }
}
