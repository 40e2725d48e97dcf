//! The kit the pages that take Varig into use are built on: a page frame that titles the
//! page and moves focus to its heading, form fields with their hints and errors, a flash
//! message in a live region, a copy button, dates in the UI language, and one loader for
//! everything a page reads before it can show itself.

mod act;
mod copy;
mod dates;
mod field;
mod flash;
mod frame;
mod loader;

pub use act::act;
pub use copy::CopyField;
pub use dates::{format_day, local_date, local_datetime, now};
pub use field::{Field, FieldError};
pub use flash::{Flash, FlashMessage};
pub use frame::{focus_id, PageFrame};
pub use loader::Loader;
