//! Live workshops: a process's workshops (`list`), the facilitator's console (`console`), the
//! projector (`projector`), the phone view (`phone`), joining by code (`join`), and the parts
//! the console and projector share (`room`).

pub mod console;
pub mod join;
pub mod list;
pub mod phone;
pub mod projector;
pub mod room;
pub mod summary;
