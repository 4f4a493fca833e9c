//! Email for those who gave an address: what a person chose to hear about, the notices that
//! may be mailed, and the words of a message.
//!
//! A message is read in an inbox others may see. So a notice carries numbers only (which
//! decision, which comment), never words someone wrote, a constituency or a process's title,
//! and the words below never say what the site is about beyond its name.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::document::DocumentKind;
use super::needs::Need;

/// What a person may choose to hear about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// Votes opening to them, and closing within a day.
    Decisions,
    /// Replies in threads they started.
    Replies,
    /// Verdicts on amendments they proposed.
    Verdicts,
    /// New versions published for consultation.
    Versions,
}

impl Topic {
    pub const ALL: [Topic; 4] = [
        Topic::Decisions,
        Topic::Replies,
        Topic::Verdicts,
        Topic::Versions,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Decisions => "decisions",
            Self::Replies => "replies",
            Self::Verdicts => "verdicts",
            Self::Versions => "versions",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Decisions => "A vote opens to me, or closes within a day",
            Self::Replies => "Someone replies to my comment",
            Self::Verdicts => "My amendment gets a verdict",
            Self::Versions => "A new version is published for comment",
        }
    }
}

/// How often mail is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// A message soon after something happens.
    AtOnce,
    /// One message a day with everything since the last.
    Daily,
}

impl Frequency {
    pub fn slug(self) -> &'static str {
        match self {
            Self::AtOnce => "at_once",
            Self::Daily => "daily",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "at_once" => Some(Self::AtOnce),
            "daily" => Some(Self::Daily),
            _ => None,
        }
    }
}

/// What one person chose. No topics: no email at all (the state after unsubscribing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailChoice {
    pub topics: BTreeSet<Topic>,
    pub frequency: Frequency,
}

impl EmailChoice {
    pub fn none() -> Self {
        Self {
            topics: BTreeSet::new(),
            frequency: Frequency::Daily,
        }
    }

    pub fn wants(&self, topic: Topic) -> bool {
        self.topics.contains(&topic)
    }
}

/// Something that may be mailed: numbers only, never words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    VoteOpen {
        process: i64,
        decision: i64,
    },
    /// Sent once, in the last day before the vote closes.
    VoteClosing {
        process: i64,
        decision: i64,
    },
    Reply {
        process: i64,
        kind: DocumentKind,
        section: u32,
        comment: i64,
    },
    Verdict {
        process: i64,
        kind: DocumentKind,
        amendment: i64,
    },
    NewVersion {
        process: i64,
        kind: DocumentKind,
        publication: i64,
    },
}

/// A vote closing within this many seconds is "closing tomorrow".
pub const CLOSING_SOON_SECONDS: i64 = 24 * 60 * 60;

impl Notice {
    /// Each notice is mailed to a person once: this is what remembers it.
    pub fn key(&self) -> String {
        match self {
            Self::VoteOpen { decision, .. } => format!("open:{decision}"),
            Self::VoteClosing { decision, .. } => format!("closing:{decision}"),
            Self::Reply { comment, .. } => format!("reply:{comment}"),
            Self::Verdict { amendment, .. } => format!("verdict:{amendment}"),
            Self::NewVersion { publication, .. } => format!("version:{publication}"),
        }
    }

    pub fn topic(&self) -> Topic {
        match self {
            Self::VoteOpen { .. } | Self::VoteClosing { .. } => Topic::Decisions,
            Self::Reply { .. } => Topic::Replies,
            Self::Verdict { .. } => Topic::Verdicts,
            Self::NewVersion { .. } => Topic::Versions,
        }
    }

    /// Whether it is news when someone starts getting email. A vote closing soon is, whenever
    /// they chose; what happened before they chose is not mailed afterwards.
    pub fn is_history(&self) -> bool {
        !matches!(self, Self::VoteClosing { .. })
    }

    /// One line, in words that tell a reader of the inbox nothing private.
    pub fn line(&self) -> &'static str {
        match self {
            Self::VoteOpen { .. } => "A vote you can take part in has opened.",
            Self::VoteClosing { .. } => "A vote you can take part in closes tomorrow.",
            Self::Reply { .. } => "Someone replied to your comment.",
            Self::Verdict { .. } => "Your suggested change has an answer.",
            Self::NewVersion { .. } => "A new version is ready for your comments.",
        }
    }

    /// The subject of a message about this notice alone.
    pub fn subject(&self) -> &'static str {
        match self {
            Self::VoteOpen { .. } => "Recovery Commons: a vote you can take part in has opened",
            Self::VoteClosing { .. } => {
                "Recovery Commons: a vote you can take part in closes tomorrow"
            }
            Self::Reply { .. } => "Recovery Commons: someone replied to you",
            Self::Verdict { .. } => "Recovery Commons: your suggested change has an answer",
            Self::NewVersion { .. } => "Recovery Commons: a new version is ready for comments",
        }
    }

    /// The need on "What needs me" this notice is about, when there is one: marking that
    /// done there also stops the mail.
    pub fn need_key(&self) -> Option<String> {
        match self {
            Self::VoteOpen { decision, .. } | Self::VoteClosing { decision, .. } => {
                Some(format!("vote:{decision}"))
            }
            Self::Reply { comment, .. } => Some(format!("reply:{comment}")),
            Self::Verdict { amendment, .. } => Some(format!("verdict:{amendment}")),
            Self::NewVersion { .. } => None,
        }
    }
}

/// The notices a need on "What needs me" gives at `now`.
pub fn notices_of(process: i64, need: &Need, now: i64) -> Vec<Notice> {
    match need {
        Need::Vote {
            decision,
            closes_at,
            ..
        } => {
            let mut out = vec![Notice::VoteOpen {
                process,
                decision: *decision,
            }];
            if closes_at.is_some_and(|t| t > now && t - now <= CLOSING_SOON_SECONDS) {
                out.push(Notice::VoteClosing {
                    process,
                    decision: *decision,
                });
            }
            out
        }
        Need::Reply {
            comment,
            kind,
            section,
        } => vec![Notice::Reply {
            process,
            kind: *kind,
            section: *section,
            comment: *comment,
        }],
        Need::Verdict {
            amendment, kind, ..
        } => vec![Notice::Verdict {
            process,
            kind: *kind,
            amendment: *amendment,
        }],
        Need::AmendmentWaiting { .. }
        | Need::Moderation { .. }
        | Need::ReadyToClose { .. }
        | Need::Changed { .. } => Vec::new(),
    }
}

/// A message ready for the outbox: plain text only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub body: String,
}

/// The message for `notices` (with the address of each on the site), and the link that stops
/// all mail. `None` when there is nothing to say.
pub fn compose(notices: &[(Notice, String)], unsubscribe: &str) -> Option<Composed> {
    let subject = match notices {
        [] => return None,
        [(one, _)] => one.subject().to_string(),
        many => format!("Recovery Commons: {} things for you", many.len()),
    };
    let mut body = String::from("Hello,\n\n");
    for (notice, link) in notices {
        body.push_str(notice.line());
        body.push('\n');
        body.push_str(link);
        body.push_str("\n\n");
    }
    body.push_str(
        "You get this because you asked for email from Recovery Commons. To change what you \
         hear about, sign in and open \"Email\" on your profile.\n\nTo stop all email at once, \
         open this link (you do not need to sign in):\n",
    );
    body.push_str(unsubscribe);
    body.push('\n');
    Some(Composed { subject, body })
}

/// The day (counted from 1970-01-01, UTC) a daily digest at `hour` o'clock UTC belongs to:
/// `None` before that hour.
pub fn digest_day(now: i64, hour: u32) -> Option<i64> {
    let day = now.div_euclid(86_400);
    let seconds_today = now.rem_euclid(86_400);
    (seconds_today >= i64::from(hour.min(23)) * 3_600).then_some(day)
}

/// How long to wait before trying a message again after `attempts` failed tries: doubling
/// from `first` seconds, at most an hour.
pub fn retry_after(attempts: i64, first: i64) -> i64 {
    let doublings = u32::try_from(attempts.clamp(1, 12) - 1).unwrap_or(0);
    first.max(1).saturating_mul(1_i64 << doublings).min(3_600)
}

/// After this many failed tries a message is given up (and the failure logged, without the
/// address).
pub const MAX_ATTEMPTS: i64 = 10;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn vote(closes_at: Option<i64>) -> Need {
        Need::Vote {
            decision: 9,
            question: "Should we adopt the definition?".into(),
            closes_at,
        }
    }

    #[test]
    fn a_vote_closing_within_a_day_is_a_second_notice() {
        let now = 1_000_000;
        assert_eq!(notices_of(1, &vote(None), now).len(), 1);
        assert_eq!(notices_of(1, &vote(Some(now + 3 * 86_400)), now).len(), 1);
        let soon = notices_of(1, &vote(Some(now + 3_600)), now);
        assert_eq!(soon.len(), 2);
        assert_eq!(soon[1].key(), "closing:9");
        assert!(!soon[1].is_history() && soon[0].is_history());
    }

    #[test]
    fn facilitators_queues_are_never_mailed() {
        let need = Need::Moderation {
            waiting: 3,
            latest: 4,
        };
        assert!(notices_of(1, &need, 0).is_empty());
    }

    #[test]
    fn one_notice_gets_its_own_subject_several_a_count() {
        let one = compose(
            &[(
                Notice::VoteClosing {
                    process: 1,
                    decision: 2,
                },
                "https://x/processes/1/decisions/2".into(),
            )],
            "https://x/unsubscribe/t",
        )
        .unwrap();
        assert_eq!(
            one.subject,
            "Recovery Commons: a vote you can take part in closes tomorrow"
        );
        assert!(one.body.contains("https://x/unsubscribe/t"));
        assert!(compose(&[], "u").is_none());
    }

    #[test]
    fn the_digest_waits_for_its_hour_and_retries_back_off() {
        let midnight = 20_000 * 86_400;
        assert_eq!(digest_day(midnight + 3_600, 7), None);
        assert_eq!(digest_day(midnight + 7 * 3_600, 7), Some(20_000));
        assert_eq!(digest_day(midnight, 0), Some(20_000));
        assert_eq!(retry_after(1, 30), 30);
        assert_eq!(retry_after(3, 30), 120);
        assert_eq!(retry_after(40, 30), 3_600);
    }

    fn any_notice() -> impl Strategy<Value = Notice> {
        (0..5u8, 1..1_000i64, 1..1_000i64).prop_map(|(k, p, n)| match k {
            0 => Notice::VoteOpen {
                process: p,
                decision: n,
            },
            1 => Notice::VoteClosing {
                process: p,
                decision: n,
            },
            2 => Notice::Reply {
                process: p,
                kind: DocumentKind::Definition,
                section: 1,
                comment: n,
            },
            3 => Notice::Verdict {
                process: p,
                kind: DocumentKind::RoisVision,
                amendment: n,
            },
            _ => Notice::NewVersion {
                process: p,
                kind: DocumentKind::Definition,
                publication: n,
            },
        })
    }

    proptest! {
        /// Whatever the notices, a message holds only our fixed sentences and the links: the
        /// words that could tell an inbox's reader someone is in treatment never appear.
        #[test]
        fn a_message_says_nothing_private(notices in proptest::collection::vec(any_notice(), 1..6)) {
            let with_links: Vec<_> = notices.into_iter().map(|n| (n, "LINK".to_string())).collect();
            let message = compose(&with_links, "UNSUB").unwrap();
            let text = format!("{}\n{}", message.subject, message.body).to_lowercase();
            for word in ["treatment", "drug", "alcohol", "recovery definition", "lived experience",
                         "service user", "constituency", "naloxone", "comment:"] {
                prop_assert!(!text.contains(word), "{word} in {text}");
            }
        }
    }
}
