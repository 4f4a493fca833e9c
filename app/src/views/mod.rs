//! What each page and live screen shows: plain serialisable types that the workflows build
//! on the server and `ui/` renders (compiled to WebAssembly too). No rules live here.

pub mod codes;
pub mod commitments;
pub mod decisions;
pub mod discussion;
pub mod documents;
pub mod email;
pub mod happening;
pub mod influence;
pub mod minority;
pub mod needs;
pub mod people;
pub mod ratified;
pub mod timeline;
pub mod word_lists;
pub mod workshops;
