pub mod char_count;
pub mod field_error;
pub mod status;
