pub mod char_count;
pub mod diff_view;
pub mod field_error;
pub mod markdown_preview;
pub mod status;
pub mod textarea;
