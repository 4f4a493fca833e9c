//! The email form: one checkbox per topic and how often. An unknown frequency is refused,
//! never taken as "daily".

use serde::{Deserialize, Serialize};

use super::{Refusals, ticked};
use crate::domain::email::{EmailChoice, Frequency, Topic};
use crate::error::AppError;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EmailChoiceForm {
    pub decisions: Option<String>,
    pub replies: Option<String>,
    pub verdicts: Option<String>,
    pub versions: Option<String>,
    pub frequency: String,
}

impl TryFrom<EmailChoiceForm> for EmailChoice {
    type Error = AppError;

    fn try_from(form: EmailChoiceForm) -> Result<Self, AppError> {
        let mut topics = std::collections::BTreeSet::new();
        for (topic, raw) in [
            (Topic::Decisions, &form.decisions),
            (Topic::Replies, &form.replies),
            (Topic::Verdicts, &form.verdicts),
            (Topic::Versions, &form.versions),
        ] {
            if ticked(topic.slug(), raw)? {
                topics.insert(topic);
            }
        }
        let mut refusals = Refusals::default();
        let frequency = refusals.take(
            "frequency",
            Frequency::parse(&form.frequency).ok_or("Please choose how often to hear from us."),
        );
        match frequency {
            Some(frequency) => Ok(EmailChoice { topics, frequency }),
            None => Err(refusals.into_error()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticked_topics_are_chosen_and_a_made_up_frequency_is_refused() {
        let form = EmailChoiceForm {
            decisions: Some("yes".into()),
            frequency: "daily".into(),
            ..Default::default()
        };
        let choice = EmailChoice::try_from(form).unwrap();
        assert!(choice.wants(Topic::Decisions) && !choice.wants(Topic::Replies));
        let bad = EmailChoiceForm {
            frequency: "hourly".into(),
            ..Default::default()
        };
        assert!(
            EmailChoice::try_from(bad)
                .unwrap_err()
                .for_field("frequency")
                .is_some()
        );
        let odd = EmailChoiceForm {
            replies: Some("maybe".into()),
            frequency: "daily".into(),
            ..Default::default()
        };
        assert!(
            EmailChoice::try_from(odd)
                .unwrap_err()
                .for_field("replies")
                .is_some()
        );
    }
}
