//! Identifiers (UUIDv7 as text), ETags and cursors.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use uuid::Uuid;

use crate::domain::field_error;
use crate::error::AppError;

pub fn new_id() -> String {
    Uuid::now_v7().to_string()
}

/// Ids in the database are always written by `new_id`; a malformed one is logged.
pub fn parse_id(s: &str) -> Uuid {
    Uuid::parse_str(s).unwrap_or_else(|_| {
        tracing::error!(id = %s, "malformed id in database");
        Uuid::nil()
    })
}

pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// The version a client's `If-Match` names: 428 without one, 412 when it is not current
/// (`*` matches any version).
pub fn check_if_match(if_match: Option<&str>, current: i64) -> Result<i64, AppError> {
    let header = if_match.ok_or(AppError::PreconditionRequired)?;
    let header = header.trim();
    if header == "*" {
        return Ok(current);
    }
    let matches = header.split(',').map(str::trim).any(|tag| {
        let tag = tag.strip_prefix("W/").unwrap_or(tag);
        tag == etag(current)
    });
    if matches {
        Ok(current)
    } else {
        Err(AppError::PreconditionFailed)
    }
}

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

/// A validated page request: `after` is the id after which the page starts.
#[derive(Debug)]
pub struct PageRequest {
    pub after: Option<String>,
    pub limit: u64,
}

pub fn page_request(cursor: Option<&str>, limit: Option<u32>) -> Result<PageRequest, AppError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(AppError::Validation(vec![field_error(
            "limit",
            "out_of_range",
            format!("must be between 1 and {MAX_LIMIT}"),
        )]));
    }
    let after = match cursor {
        None => None,
        Some(c) => {
            let bad = || {
                AppError::Validation(vec![field_error(
                    "cursor",
                    "invalid_cursor",
                    "is not a cursor returned by this API",
                )])
            };
            let bytes = URL_SAFE_NO_PAD.decode(c.as_bytes()).map_err(|_| bad())?;
            let text = String::from_utf8(bytes).map_err(|_| bad())?;
            let id = Uuid::parse_str(&text).map_err(|_| bad())?;
            Some(id.to_string())
        }
    };
    Ok(PageRequest {
        after,
        limit: u64::from(limit),
    })
}

/// The opaque cursor of a page that ends at row `id`.
pub fn cursor_of(id: &str) -> String {
    URL_SAFE_NO_PAD.encode(id.as_bytes())
}

/// Cuts the `limit + 1` fetched rows to a page and the cursor of the next one.
pub fn page_of<T>(
    mut rows: Vec<T>,
    limit: u64,
    id: impl Fn(&T) -> &str,
) -> (Vec<T>, Option<String>) {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    if rows.len() > limit {
        rows.truncate(limit);
        let next = rows.last().map(|r| cursor_of(id(r)));
        (rows, next)
    } else {
        (rows, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_is_required_and_must_be_current() {
        assert!(matches!(
            check_if_match(None, 3),
            Err(AppError::PreconditionRequired)
        ));
        assert!(matches!(
            check_if_match(Some("\"2\""), 3),
            Err(AppError::PreconditionFailed)
        ));
        assert_eq!(check_if_match(Some("\"3\""), 3).unwrap(), 3);
        assert_eq!(check_if_match(Some("W/\"3\""), 3).unwrap(), 3);
        assert_eq!(check_if_match(Some("*"), 3).unwrap(), 3);
    }

    #[test]
    fn a_cursor_round_trips_and_garbage_is_rejected_with_the_field_named() {
        let rows: Vec<String> = (0..3).map(|_| new_id()).collect();
        let (page, next) = page_of(rows.clone(), 2, |s| s.as_str());
        assert_eq!(page.len(), 2);
        let req = page_request(next.as_deref(), Some(2)).unwrap();
        assert_eq!(req.after.as_deref(), Some(rows[1].as_str()));
        match page_request(Some("not-a-cursor!"), None) {
            Err(AppError::Validation(e)) => assert_eq!(e[0].field, "cursor"),
            other => panic!("{other:?}"),
        }
        assert!(page_request(None, Some(0)).is_err());
        assert!(page_request(None, Some(201)).is_err());
    }

    #[test]
    fn ids_sort_in_creation_order() {
        let a = new_id();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let b = new_id();
        assert!(a < b);
    }
}
