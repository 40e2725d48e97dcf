//! `code_enum!`: an enum stored and sent as a snake_case code, with `ALL`, `as_str` and
//! `parse`, and the same serde / poem-openapi derives as every other enum of the API.
//!
//! With the `db` feature (the server's) the enum is also a sea-orm value stored as its code
//! in a text column: entities hold the enum, queries compare with it, and a stored code the
//! enum does not know is a `DbErr::Type` error (logged as an internal error), never a default.

#[macro_export]
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
        #[cfg_attr(feature = "openapi", oai(rename_all = "snake_case"))]
        #[cfg_attr(feature = "db", derive(sea_orm::DeriveValueType))]
        #[cfg_attr(feature = "db", sea_orm(value_type = "String"))]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code as stored and sent.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::UnknownCode;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s).ok_or_else(|| $crate::UnknownCode {
                    kind: stringify!($name),
                    code: s.to_owned(),
                })
            }
        }
    };
}

/// A stored or sent code that its enum does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode {
    pub kind: &'static str,
    pub code: String,
}

impl std::fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown {} code {:?}", self.kind, self.code)
    }
}

impl std::error::Error for UnknownCode {}
