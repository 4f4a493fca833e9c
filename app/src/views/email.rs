//! What the email page and the unsubscribe page show.

use serde::{Deserialize, Serialize};

/// One thing a person may choose to hear about, and whether they chose it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicChoice {
    /// The form field's name.
    pub slug: String,
    pub label: String,
    pub chosen: bool,
}

/// `/me/email`, for the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailPage {
    /// Whether they gave an address (email is never required).
    pub has_address: bool,
    /// Whether this site is set up to send email at all.
    pub sending: bool,
    pub topics: Vec<TopicChoice>,
    /// "at_once" or "daily".
    pub frequency: String,
}
