pub mod char_count;
pub mod field_error;
pub mod status;
pub mod diff_view;
pub mod markdown_preview;
pub mod textarea;
