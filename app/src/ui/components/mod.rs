pub mod char_count;
pub mod diff_view;
pub mod field_error;
pub mod loaded;
pub mod markdown_preview;
pub mod raw_text;
pub mod status;
pub mod thread;
