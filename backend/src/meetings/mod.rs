//! The meeting cadence: when meetings of a series fall (`recurrence`, daylight saving
//! included), how well a series is kept (`adherence`) and which actions a meeting carries
//! over (`actions`). Plain code, unit-tested here.

pub mod actions;
pub mod adherence;
pub mod agenda;
pub mod ical;
pub mod print;
pub mod recurrence;
pub mod series;
pub mod store;
