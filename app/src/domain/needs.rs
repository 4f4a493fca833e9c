//! What needs me: the things waiting for one person, across the processes they take part in.
//! Each has a key that stays the same while it is the same thing, so a person can mark it
//! done; most also clear on their own once done (a vote cast, a queue emptied).
//!
//! The words say nothing of anyone's comment or constituency: they are shown on a page a
//! person may have open in a shared place.

use serde::{Deserialize, Serialize};

use super::document::DocumentKind;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Need {
    /// A vote open to them that they have not cast.
    Vote {
        decision: i64,
        question: String,
        closes_at: Option<i64>,
    },
    /// Someone replied in a thread they started.
    Reply {
        comment: i64,
        kind: DocumentKind,
        section: u32,
    },
    /// An amendment they proposed got a verdict.
    Verdict {
        amendment: i64,
        kind: DocumentKind,
        accepted: bool,
    },
    /// For drafters: an amendment waiting for a verdict.
    AmendmentWaiting { amendment: i64, kind: DocumentKind },
    /// For facilitators: comments waiting in the moderation queue (`latest`: the newest).
    Moderation { waiting: u32, latest: i64 },
    /// For facilitators: an open decision with no closing time, closed by hand.
    ReadyToClose { decision: i64, question: String },
    /// A document they read has newer versions (`read`: the version they last opened).
    Changed {
        kind: DocumentKind,
        read: u32,
        latest: u32,
    },
}

impl Need {
    /// What marking it done remembers. A queue that grows again is a new thing to do.
    pub fn key(&self, process: i64) -> String {
        match self {
            Self::Vote { decision, .. } => format!("vote:{decision}"),
            Self::Reply { comment, .. } => format!("reply:{comment}"),
            Self::Verdict { amendment, .. } => format!("verdict:{amendment}"),
            Self::AmendmentWaiting { amendment, .. } => format!("waiting:{amendment}"),
            Self::Moderation { latest, .. } => format!("moderation:{process}:{latest}"),
            Self::ReadyToClose { decision, .. } => format!("close:{decision}"),
            Self::Changed { kind, latest, .. } => {
                format!("changed:{process}:{}:{latest}", kind.slug())
            }
        }
    }

    /// In plain words.
    pub fn words(&self) -> String {
        match self {
            Self::Vote { question, .. } => format!("A vote you can take part in: “{question}”"),
            Self::Reply { kind, .. } => {
                format!("Someone replied to your comment on “{}”", kind.title())
            }
            Self::Verdict { kind, accepted, .. } => format!(
                "Your amendment to “{}” was {}",
                kind.title(),
                if *accepted { "accepted" } else { "declined" }
            ),
            Self::AmendmentWaiting { kind, .. } => {
                format!(
                    "An amendment to “{}” is waiting for a verdict",
                    kind.title()
                )
            }
            Self::Moderation { waiting: 1, .. } => {
                "1 comment is waiting in the moderation queue".to_string()
            }
            Self::Moderation { waiting, .. } => {
                format!("{waiting} comments are waiting in the moderation queue")
            }
            Self::ReadyToClose { question, .. } => {
                format!("A decision you can close when the time is right: “{question}”")
            }
            Self::Changed { kind, .. } => {
                format!("“{}” has changed since you last read it", kind.title())
            }
        }
    }
}

/// The needs not marked done (`done`: the keys a person marked), in the order given.
pub fn outstanding<'a>(
    needs: &'a [(i64, Need)],
    done: &'a [String],
) -> impl Iterator<Item = &'a (i64, Need)> + 'a {
    needs
        .iter()
        .filter(move |(process, need)| !done.contains(&need.key(*process)))
}

/// What a form to mark a need done sends: one of the keys above, nothing else.
pub fn parse_key(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let (kind, rest) = raw.split_once(':')?;
    let numbers = |s: &str| !s.is_empty() && s.split(':').all(|n| n.parse::<i64>().is_ok());
    let parts = rest.split(':').count();
    let ok = match kind {
        "vote" | "reply" | "verdict" | "waiting" | "close" => parts == 1 && numbers(rest),
        "moderation" => parts == 2 && numbers(rest),
        "changed" => match rest.split(':').collect::<Vec<_>>()[..] {
            [process, kind, latest] => {
                numbers(process) && numbers(latest) && DocumentKind::from_slug(kind).is_some()
            }
            _ => false,
        },
        _ => false,
    };
    ok.then(|| raw.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_need_marked_done_is_no_longer_outstanding_and_a_longer_queue_comes_back() {
        let needs = vec![
            (
                1,
                Need::Vote {
                    decision: 7,
                    question: "Q".into(),
                    closes_at: None,
                },
            ),
            (
                1,
                Need::Moderation {
                    waiting: 2,
                    latest: 40,
                },
            ),
        ];
        let done = vec!["vote:7".to_string(), "moderation:1:39".to_string()];
        let left: Vec<_> = outstanding(&needs, &done).collect();
        assert_eq!(
            left.len(),
            1,
            "the queue has a comment newer than the one marked"
        );
        assert!(matches!(left[0].1, Need::Moderation { .. }));
    }

    #[test]
    fn only_our_keys_are_accepted() {
        assert_eq!(parse_key(" vote:12 ").as_deref(), Some("vote:12"));
        assert_eq!(
            parse_key("moderation:3:40").as_deref(),
            Some("moderation:3:40")
        );
        assert_eq!(parse_key("vote:x"), None);
        assert_eq!(parse_key("vote:1:2"), None);
        assert_eq!(parse_key("other:1"), None);
        assert_eq!(
            parse_key("changed:3:definition:7").as_deref(),
            Some("changed:3:definition:7")
        );
        assert_eq!(parse_key("changed:3:essay:7"), None);
        assert_eq!(parse_key("changed:3:definition"), None);
        assert_eq!(parse_key(""), None);
    }

    #[test]
    fn the_words_never_carry_a_comment() {
        let reply = Need::Reply {
            comment: 5,
            kind: DocumentKind::Definition,
            section: 1,
        };
        assert_eq!(
            reply.words(),
            "Someone replied to your comment on “Our local definition of recovery”"
        );
    }
}
