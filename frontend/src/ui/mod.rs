//! The kit every page is built on: the page frame (title, heading focus, login), forms
//! (state, labelled inputs with their hints and errors), notices (loading, a failed read,
//! the announcement after a write), a flash message in a live region, a copy button,
//! focus, dates and text in the UI language, and one loader for everything a page reads
//! before it can show itself.

mod act;
mod copy;
mod dates;
mod field;
mod flash;
mod focus;
mod form;
mod frame;
mod inputs;
mod loader;
mod notice;
mod text;

pub use act::act;
pub use copy::CopyField;
pub use dates::{format_date, local_date, local_datetime, now, DateStyle};
pub use field::{Field, FieldError};
pub use flash::{Flash, FlashMessage};
pub use focus::focus_id;
pub use form::{Form, FormButtons, FormError};
pub use frame::{PageFrame, RequireLogin};
pub use inputs::{choice, Choice, MemberSelect, RadioGroup, Select, TextArea, TextInput};
pub use loader::{page_read, read_title, Loaded, Loader};
pub use notice::{ErrorNotice, FlashNotice, Loading};
pub use text::{clean, clean_line, format_decimal, local, person};
