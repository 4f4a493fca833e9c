//! The participation record: every event of a decision, appended and never edited. Each
//! entry carries the SHA-256 hash of the one before it (over a canonical encoding), so
//! altering, removing or reordering any entry breaks the chain at that point. Participants
//! appear by a pseudonymous id, so withdrawal removes who they are without touching the
//! chain, and the counts stay true.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::ballot::Ballot;
use super::method::Method;
use super::rule::{DecisionRule, Outcome};
use super::tally::Tally;
use crate::domain::Constituency;
use crate::domain::document::DocumentKind;
use crate::domain::workshop::show_of_hands::ShowOfHands;

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecordEvent {
    Opened {
        question: String,
        method: Method,
        rule: DecisionRule,
        options: Vec<String>,
        /// Who opened it (a pseudonymous id).
        by: String,
    },
    /// A first ballot, or a changed one (`changed`). Secret ballots record that the person
    /// voted, not how.
    BallotCast {
        participant: String,
        constituency: Constituency,
        changed: bool,
        choice: Option<Ballot>,
    },
    /// Closed by hand (`by` is who closed it) or at its set time (`by` is `None`), with the
    /// count, so anyone can check the tally against the ballots recorded before it.
    Closed {
        ballots: u32,
        overall: Tally,
        by_constituency: Vec<(Constituency, Tally)>,
        outcome: Outcome,
        by: Option<String>,
    },
    /// A show of hands in a workshop, entered by a facilitator (`entered_by`): a counted
    /// group ballot.
    HandsCounted {
        entered_by: String,
        hands: ShowOfHands,
    },
    /// A secret decision closed (by hand, `by`, or at its set time): with only what may be
    /// shown of its count (no group smaller than the secrecy threshold), so the public record
    /// gives no ballot away.
    ClosedSecretly {
        ballots: u32,
        shown: super::disclosure::Disclosed,
        by: Option<String>,
    },
    /// A facilitator removed a guest from the room (`by`), so the guest's ballot
    /// (`participant`) no longer counts.
    BallotWithdrawn { participant: String, by: String },
    /// A commissioner ratified the version this decision adopted.
    Ratified {
        /// Commissioners act in a public role, so this is their name.
        by: String,
        document: DocumentKind,
        version: u32,
    },
    /// A commitment on a section of the ratified version was made (status "planned") or its
    /// status changed, by `by` (a pseudonymous id).
    CommitmentUpdated {
        commitment: i64,
        section: u32,
        status: crate::domain::commitment::CommitmentStatus,
        by: String,
    },
}

impl RecordEvent {
    /// A ballot's entry: a secret ballot records that the person voted, never how.
    pub fn ballot_cast(
        participant: String,
        cast: &super::tally::CastBallot,
        changed: bool,
        secret: bool,
    ) -> Self {
        Self::BallotCast {
            participant,
            constituency: cast.primary(),
            changed,
            choice: (!secret).then(|| cast.ballot.clone()),
        }
    }
}

/// How a person appears in one decision's record: derived from their own secret (kept apart
/// from the record, deleted when they withdraw) and the decision, so their entries in two
/// decisions cannot be linked to each other.
pub fn pseudonym(secret: &str, decision: i64) -> String {
    let digest = Sha256::digest(format!("{secret}:{decision}").as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("p-{hex}")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordEntry {
    /// 1 for the first entry of a decision, then one more each time.
    pub seq: u64,
    pub decision: i64,
    pub at: i64,
    pub event: RecordEvent,
    pub prev_hash: String,
    pub hash: String,
}

/// The bytes that are hashed: the entry's fields in a fixed order, as JSON (struct fields are
/// written in declaration order, and the event holds no maps, so this is deterministic).
fn canonical(seq: u64, decision: i64, at: i64, event: &RecordEvent, prev_hash: &str) -> Vec<u8> {
    #[derive(Serialize)]
    struct Canonical<'a> {
        seq: u64,
        decision: i64,
        at: i64,
        event: &'a RecordEvent,
        prev_hash: &'a str,
    }
    serde_json::to_vec(&Canonical {
        seq,
        decision,
        at,
        event,
        prev_hash,
    })
    .unwrap_or_default()
}

fn hash_of(seq: u64, decision: i64, at: i64, event: &RecordEvent, prev_hash: &str) -> String {
    Sha256::digest(canonical(seq, decision, at, event, prev_hash))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The next entry after `previous` (or the first one).
pub fn append(
    previous: Option<&RecordEntry>,
    decision: i64,
    at: i64,
    event: RecordEvent,
) -> RecordEntry {
    let seq = previous.map_or(1, |p| p.seq + 1);
    let prev_hash = previous.map_or_else(|| GENESIS.to_string(), |p| p.hash.clone());
    let hash = hash_of(seq, decision, at, &event, &prev_hash);
    RecordEntry {
        seq,
        decision,
        at,
        event,
        prev_hash,
        hash,
    }
}

/// Where a chain first goes wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("entry {seq} of decision {decision}: {why}")]
pub struct ChainBreak {
    pub decision: i64,
    pub seq: u64,
    pub why: &'static str,
}

/// Re-walks one decision's entries in order. The first bad entry is named.
pub fn verify(decision: i64, entries: &[RecordEntry]) -> Result<(), ChainBreak> {
    let mut expected_prev = GENESIS.to_string();
    for (i, e) in entries.iter().enumerate() {
        let seq = i as u64 + 1;
        let broken = |why| ChainBreak {
            decision,
            seq: e.seq,
            why,
        };
        if e.decision != decision {
            return Err(broken("belongs to another decision"));
        }
        if e.seq != seq {
            return Err(broken("out of order, or an entry before it is missing"));
        }
        if e.prev_hash != expected_prev {
            return Err(broken("does not follow the entry before it"));
        }
        if hash_of(e.seq, e.decision, e.at, &e.event, &e.prev_hash) != e.hash {
            return Err(broken("its contents were changed after it was written"));
        }
        expected_prev = e.hash.clone();
    }
    Ok(())
}

#[cfg(test)]
mod pseudonyms {
    use super::*;

    #[test]
    fn one_person_appears_differently_in_two_decisions() {
        assert_ne!(pseudonym("secret", 1), pseudonym("secret", 2));
        assert_eq!(
            pseudonym("secret", 1),
            pseudonym("secret", 1),
            "stable within a decision"
        );
        assert_ne!(pseudonym("secret", 1), pseudonym("another", 1));
        assert!(pseudonym("secret", 1).starts_with("p-"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decision::method::ConsentAnswer;
    use crate::domain::decision::rule::Threshold;

    fn chain() -> Vec<RecordEntry> {
        let rule = DecisionRule {
            threshold: Threshold::NoUnresolvedObjections,
            co_production: None,
        };
        let mut out = vec![append(
            None,
            7,
            100,
            RecordEvent::Opened {
                question: "Adopt version 4?".into(),
                method: Method::Consent,
                rule,
                options: vec![],
                by: "p-1".into(),
            },
        )];
        for (n, who) in ["p-2", "p-3", "p-2"].iter().enumerate() {
            let next = append(
                out.last(),
                7,
                101 + n as i64,
                RecordEvent::BallotCast {
                    participant: who.to_string(),
                    constituency: Constituency::LivedExperience,
                    changed: n == 2,
                    choice: Some(Ballot::Consent {
                        answer: ConsentAnswer::Agree,
                        reason: None,
                        in_annex: false,
                    }),
                },
            );
            out.push(next);
        }
        out
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let c = chain();
        assert_eq!(c[0].prev_hash, GENESIS);
        assert_eq!(c[1].prev_hash, c[0].hash);
        assert_eq!(verify(7, &c), Ok(()));
        assert_eq!(verify(7, &[]), Ok(()), "an empty record is a valid record");
    }

    #[test]
    fn an_altered_entry_is_named() {
        let mut c = chain();
        if let RecordEvent::BallotCast { constituency, .. } = &mut c[2].event {
            *constituency = Constituency::Commissioner;
        }
        let err = verify(7, &c).unwrap_err();
        assert_eq!(err.seq, 3);
        assert!(err.to_string().contains("changed"));
    }

    #[test]
    fn a_removed_entry_is_caught() {
        let mut c = chain();
        c.remove(1);
        assert_eq!(verify(7, &c).unwrap_err().seq, 3);
    }

    #[test]
    fn reordered_entries_are_caught() {
        let mut c = chain();
        c.swap(1, 2);
        assert!(verify(7, &c).is_err());
    }

    #[test]
    fn rehashing_an_altered_entry_still_breaks_the_next_link() {
        let mut c = chain();
        let forged = append(Some(&c[0]), 7, 999, c[1].event.clone());
        c[1] = forged;
        assert_eq!(verify(7, &c).unwrap_err().seq, 3);
    }

    #[test]
    fn the_hash_is_sha256_hex_and_stable() {
        let a = chain();
        let b = chain();
        assert_eq!(a[3].hash, b[3].hash, "the same events give the same hashes");
        assert_eq!(a[3].hash.len(), 64);
        assert!(a[3].hash.chars().all(|c| c.is_ascii_hexdigit()));
    }
}
