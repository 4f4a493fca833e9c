//! People in a process: the people page, roles and confirmed constituencies (`members`), who
//! takes part as the public or members see it (`participation`), a person's own profile and
//! withdrawal (`profile`), invitation links (`invitations`) and sign-in codes (`codes`).

pub mod codes;
pub mod invitations;
pub mod members;
pub mod participation;
pub mod profile;
