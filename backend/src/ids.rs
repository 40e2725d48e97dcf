//! Identifiers (UUIDv7 as text), ETags and cursors.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use uuid::Uuid;

use crate::domain::field_error;
use crate::error::AppError;

/// An object's id: a UUID (v7 when Varig makes it), stored as its hyphenated text in the
/// same text columns on SQLite and PostgreSQL. Reading a stored id that is not a UUID is a
/// `DbErr::Type` error (the request fails with a logged internal error), never a nil id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Id(pub Uuid);

impl Id {
    /// A new time-ordered id.
    pub fn new() -> Self {
        Id(Uuid::now_v7())
    }

    pub fn uuid(self) -> Uuid {
        self.0
    }
}

impl From<Uuid> for Id {
    fn from(u: Uuid) -> Self {
        Id(u)
    }
}

impl From<Id> for Uuid {
    fn from(id: Id) -> Self {
        id.0
    }
}

impl PartialEq<Uuid> for Id {
    fn eq(&self, other: &Uuid) -> bool {
        self.0 == *other
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.as_hyphenated().fmt(f)
    }
}

impl std::str::FromStr for Id {
    type Err = uuid::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Id)
    }
}

impl serde::Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Id {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Uuid::deserialize(d).map(Id)
    }
}

mod id_value {
    use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, Value, ValueType, ValueTypeErr};
    use sea_orm::{ColIdx, DbErr, QueryResult, TryFromU64, TryGetError, TryGetable};

    use super::Id;

    impl From<Id> for Value {
        fn from(id: Id) -> Self {
            Value::String(Some(Box::new(id.to_string())))
        }
    }

    impl TryGetable for Id {
        fn try_get_by<I: ColIdx>(res: &QueryResult, idx: I) -> Result<Self, TryGetError> {
            let text = String::try_get_by(res, idx)?;
            text.parse().map_err(|_| {
                tracing::error!(id = %text, "a stored id is not a UUID");
                TryGetError::DbErr(DbErr::Type(format!("stored id {text:?} is not a UUID")))
            })
        }
    }

    impl ValueType for Id {
        fn try_from(v: Value) -> Result<Self, ValueTypeErr> {
            match v {
                Value::String(Some(s)) => s.parse().map_err(|_| ValueTypeErr),
                _ => Err(ValueTypeErr),
            }
        }

        fn type_name() -> String {
            "Id".to_owned()
        }

        fn array_type() -> ArrayType {
            ArrayType::String
        }

        fn column_type() -> ColumnType {
            ColumnType::Text
        }
    }

    impl Nullable for Id {
        fn null() -> Value {
            Value::String(None)
        }
    }

    impl TryFromU64 for Id {
        fn try_from_u64(_: u64) -> Result<Self, DbErr> {
            Err(DbErr::ConvertFromU64("Id"))
        }
    }
}

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

#[cfg(test)]
mod typed_column_tests {
    use sea_orm::{ConnectionTrait, Database, DbBackend, FromQueryResult, Statement};
    use varig_types::ProjectRole;

    use super::Id;

    #[derive(Debug, FromQueryResult)]
    struct Row {
        id: Id,
        role: ProjectRole,
    }

    fn select(filter: &str) -> Statement {
        Statement::from_string(
            DbBackend::Sqlite,
            format!("select id, role from t where {filter}"),
        )
    }

    #[tokio::test]
    async fn ids_and_codes_round_trip_and_a_bad_stored_value_is_an_error_not_a_default() {
        let db = Database::connect("sqlite::memory:").await.unwrap();
        db.execute_unprepared("create table t (id text not null, role text not null)")
            .await
            .unwrap();
        let id = Id::new();
        db.execute(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "insert into t values (?, ?)",
            [id.into(), ProjectRole::SteeringGroup.into()],
        ))
        .await
        .unwrap();
        let row = Row::find_by_statement(select(&format!("id = '{id}'")))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((row.id, row.role), (id, ProjectRole::SteeringGroup));
        let stored: Option<String> = db
            .query_one(Statement::from_string(
                DbBackend::Sqlite,
                "select role from t",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get("", "role")
            .unwrap();
        assert_eq!(
            stored.as_deref(),
            Some("steering_group"),
            "stored as its code"
        );

        db.execute_unprepared(&format!(
            "insert into t values ('not-a-uuid', 'owner'), ('{}', 'chief')",
            Id::new()
        ))
        .await
        .unwrap();
        let bad_id = Row::find_by_statement(select("id = 'not-a-uuid'"))
            .one(&db)
            .await;
        assert!(bad_id.is_err(), "a malformed id is an error: {bad_id:?}");
        let bad_role = Row::find_by_statement(select("role = 'chief'"))
            .one(&db)
            .await;
        assert!(
            bad_role.is_err(),
            "an unknown role is an error: {bad_role:?}"
        );
    }
}
