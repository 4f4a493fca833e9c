//! The ways a decision can be made.

use serde::{Deserialize, Serialize};

/// How people vote on a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// Agree / agree with reservations / object / abstain; an objection needs a reason.
    Consent,
    /// One option among several.
    SingleChoice,
    /// Options in order of preference; counted by instant runoff, round by round.
    RankedChoice,
    /// Each person spreads up to `dots` dots across the options (priorities).
    DotVoting { dots: u32 },
    /// 0 to 5 for every option.
    Score,
}

impl Method {
    pub const MAX_DOTS: u32 = 20;
    /// Dots each person has when the facilitator does not say.
    pub const DEFAULT_DOTS: u32 = 5;
    pub const MAX_SCORE: u8 = 5;

    pub fn label(self) -> String {
        match self {
            Self::Consent => "Consent".into(),
            Self::SingleChoice => "One choice".into(),
            Self::RankedChoice => "Ranked choice (instant runoff)".into(),
            Self::DotVoting { dots } => format!("Dot voting ({dots} dots each)"),
            Self::Score => "Score each option from 0 to 5".into(),
        }
    }

    /// Whether the method needs options of its own (consent has its four answers).
    pub fn needs_options(self) -> bool {
        !matches!(self, Self::Consent)
    }
}

/// The four answers of a consent decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ConsentAnswer {
    Agree,
    AgreeWithReservations,
    Object,
    Abstain,
}

impl ConsentAnswer {
    pub const ALL: [ConsentAnswer; 4] = [
        Self::Agree,
        Self::AgreeWithReservations,
        Self::Object,
        Self::Abstain,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Agree => "Agree",
            Self::AgreeWithReservations => "Agree, with reservations",
            Self::Object => "Object",
            Self::Abstain => "Abstain",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Self::Agree => "agree",
            Self::AgreeWithReservations => "reservations",
            Self::Object => "object",
            Self::Abstain => "abstain",
        }
    }

    pub fn from_slug(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.slug() == raw)
    }

    /// An objection or a reservation: what the minority annex lists.
    pub fn is_dissent(self) -> bool {
        matches!(self, Self::Object | Self::AgreeWithReservations)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consent_answers_round_trip() {
        for a in ConsentAnswer::ALL {
            assert_eq!(ConsentAnswer::from_slug(a.slug()), Some(a));
        }
        assert_eq!(ConsentAnswer::from_slug("yes"), None);
    }

    #[test]
    fn only_consent_needs_no_options() {
        assert!(!Method::Consent.needs_options());
        assert!(Method::DotVoting { dots: 5 }.needs_options());
        assert_eq!(
            Method::DotVoting { dots: 5 }.label(),
            "Dot voting (5 dots each)"
        );
    }
}
