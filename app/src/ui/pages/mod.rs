pub mod error_notice;
pub mod home;
pub mod new_process;
pub mod not_found;
pub mod process;
pub mod sign_in_link;
