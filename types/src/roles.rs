//! Closed enums: roles, phases and scopes. The UI translates them; the API never sends free text for them.

use serde::{Deserialize, Serialize};

/// A role a user holds in one implementation project (the four roles of the project organisation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
#[cfg_attr(feature = "openapi", oai(rename_all = "snake_case"))]
#[cfg_attr(feature = "db", derive(sea_orm::DeriveValueType))]
#[cfg_attr(feature = "db", sea_orm(value_type = "String"))]
pub enum ProjectRole {
    /// Prosjekteier: final decision-maker, approves phase transitions.
    Owner,
    /// Styringsgruppe: advises the owner, meets at least quarterly.
    SteeringGroup,
    /// Prosjektleder: runs the project day to day.
    Leader,
    /// Endringsagent: first mover in a unit, reports from the field.
    ChangeAgent,
}

impl ProjectRole {
    pub const ALL: [ProjectRole; 4] = [
        Self::Owner,
        Self::SteeringGroup,
        Self::Leader,
        Self::ChangeAgent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::SteeringGroup => "steering_group",
            Self::Leader => "leader",
            Self::ChangeAgent => "change_agent",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A user's role in their organisation (tenant).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
#[cfg_attr(feature = "openapi", oai(rename_all = "snake_case"))]
#[cfg_attr(feature = "db", derive(sea_orm::DeriveValueType))]
#[cfg_attr(feature = "db", sea_orm(value_type = "String"))]
pub enum OrgRole {
    /// Manages users, programmes, projects and API tokens of the organisation.
    Admin,
    /// Sees the organisation's programmes and the projects they are a member of.
    Member,
}

impl OrgRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "admin" => Some(Self::Admin),
            "member" => Some(Self::Member),
            _ => None,
        }
    }
}

/// The four phases of the shared implementation model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
#[cfg_attr(feature = "openapi", oai(rename_all = "snake_case"))]
#[cfg_attr(feature = "db", derive(sea_orm::DeriveValueType))]
#[cfg_attr(feature = "db", sea_orm(value_type = "String"))]
pub enum Phase {
    /// Forberede: explore the intervention, assess readiness.
    Prepare,
    /// Planlegge: strategies, anchoring, organisation, monitoring plan.
    Plan,
    /// Implementere: run the strategies, monitor and give feedback.
    Implement,
    /// Videreføre: evaluate and secure lasting routines.
    Sustain,
}

impl Phase {
    pub const ALL: [Phase; 4] = [Self::Prepare, Self::Plan, Self::Implement, Self::Sustain];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Prepare => "prepare",
            Self::Plan => "plan",
            Self::Implement => "implement",
            Self::Sustain => "sustain",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// What a service-account API token may do within its organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
#[cfg_attr(feature = "openapi", oai(rename_all = "snake_case"))]
#[cfg_attr(feature = "db", derive(sea_orm::DeriveValueType))]
#[cfg_attr(feature = "db", sea_orm(value_type = "String"))]
pub enum TokenScope {
    /// Read programmes, projects and memberships of the organisation.
    Read,
    /// Create and update programmes, projects and memberships of the organisation.
    Write,
    /// Post and correct measurements of indicators, and nothing else: for a third-party
    /// system that delivers values (it cannot read or change anything else).
    MeasurementsWrite,
}

impl TokenScope {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
            Self::MeasurementsWrite => "measurements_write",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "read" => Some(Self::Read),
            "write" => Some(Self::Write),
            "measurements_write" => Some(Self::MeasurementsWrite),
            _ => None,
        }
    }
}

/// `Display` and `FromStr` as the stored code (what the `db` feature stores and reads).
macro_rules! code_traits {
    ($($name:ident),+) => {$(
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::UnknownCode;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s).ok_or_else(|| crate::UnknownCode {
                    kind: stringify!($name),
                    code: s.to_owned(),
                })
            }
        }
    )+};
}

code_traits!(ProjectRole, OrgRole, Phase, TokenScope);
