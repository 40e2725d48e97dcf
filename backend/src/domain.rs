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

pub fn name(field: &str, value: &str) -> Result<String, FieldError> {
    let v = value.trim();
    if v.is_empty() {
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
