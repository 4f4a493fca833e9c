//! What the decision page, the public record and the ratified page all show about a
//! decision's ballots (server only): who took part, how many in each constituency, and the
//! count once closed.

use crate::domain::decision::audit::{AuditFailure, StoredFacts, audit};
use crate::domain::decision::disclosure::{SecrecyThreshold, disclose};
use crate::domain::decision::record::RecordEntry;
use crate::domain::decision::tally::CastBallot;
use crate::domain::workshop::show_of_hands::ShowOfHands;
use std::collections::HashMap;

use crate::domain::{Audience, Constituency, PersonId, Profile};
use crate::state::AppState;
use crate::store::decisions::StoredDecision;
use crate::store::{Db, StoreError, decisions};
use crate::views::decisions::Results;

pub struct Ballots {
    pub cast: Vec<(PersonId, CastBallot)>,
    /// Shows of hands entered in a workshop, each counted as that many ballots.
    pub hands: Vec<ShowOfHands>,
}

impl Ballots {
    pub async fn of(db: &Db, decision: &StoredDecision) -> Result<Self, StoreError> {
        Ok(Self {
            cast: decisions::ballots(db, decision.id).await?,
            hands: decisions::shows_of_hands(db, decision.id).await?,
        })
    }

    /// Checks the decision's record whole and against these ballots and its stored outcome.
    pub fn audit(
        &self,
        decision: &StoredDecision,
        entries: &[RecordEntry],
    ) -> Result<(), AuditFailure> {
        let cast: Vec<CastBallot> = self.cast.iter().map(|(_, b)| b.clone()).collect();
        audit(
            decision.id,
            entries,
            StoredFacts {
                closed: decision.closed_at.is_some(),
                secret: decision.spec.secret,
                outcome: decision.outcome.as_ref(),
                ballots: &cast,
                hands: &self.hands,
            },
        )
    }

    /// How many voted: people and hands.
    pub fn voters(&self) -> u32 {
        u32::try_from(self.cast.len())
            .unwrap_or(u32::MAX)
            .saturating_add(self.hands.iter().map(ShowOfHands::hands).sum())
    }

    /// Each person who voted, as they chose to appear to `audience`.
    pub async fn names(
        &self,
        state: &AppState,
        decision: &StoredDecision,
        audience: Audience,
    ) -> Result<Vec<String>, StoreError> {
        // Only the voters' profiles, however many members the process has.
        let profiles: HashMap<_, _> =
            crate::store::people::profiles_of_voters(&state.db, decision.process, decision.id)
                .await?
                .into_iter()
                .collect();
        Ok(self.names_from(&profiles, audience))
    }

    /// Each person who voted, as they chose to appear to `audience`, from the voters'
    /// `profiles` (a voter without one no longer takes part).
    pub fn names_from(
        &self,
        profiles: &HashMap<PersonId, Profile>,
        audience: Audience,
    ) -> Vec<String> {
        // Sorted by how people appear, not in the order they voted: the list must not line up
        // with the participation record.
        let mut people: Vec<String> = self
            .cast
            .iter()
            .map(|(p, _)| {
                profiles.get(p).map_or_else(
                    || "someone who no longer takes part".to_string(),
                    |pr| pr.shown_as(audience),
                )
            })
            .collect();
        people.sort();
        people
            .into_iter()
            .chain(self.hands.iter().map(|h| {
                format!(
                    "{} by a show of hands in the room, entered by a facilitator",
                    match h.hands() {
                        1 => "1 person".to_string(),
                        n => format!("{n} people"),
                    }
                )
            }))
            .collect()
    }

    /// How many voted in each constituency, each under the first of their constituencies
    /// (hands under the constituency the facilitator named, or "other").
    pub fn turnout(&self) -> Vec<(Constituency, u32)> {
        Constituency::ALL
            .into_iter()
            .map(|c| {
                let people = self.cast.iter().filter(|(_, b)| b.primary() == c).count();
                let hands = ShowOfHands::hands_in(&self.hands, c);
                (
                    c,
                    u32::try_from(people)
                        .unwrap_or(u32::MAX)
                        .saturating_add(hands),
                )
            })
            .collect()
    }

    /// Every ballot as the count sees it: people's, and one per hand shown.
    pub fn all(&self, decision: &StoredDecision) -> Vec<CastBallot> {
        let mut cast: Vec<CastBallot> = self.cast.iter().map(|(_, b)| b.clone()).collect();
        for hands in &self.hands {
            cast.extend(hands.ballots(decision.spec.method));
        }
        cast
    }

    /// The count with the recorded outcome, once closed, as it may be shown: for secret
    /// ballots no figure from fewer than `k` ballots.
    pub fn results(&self, decision: &StoredDecision, k: SecrecyThreshold) -> Option<Results> {
        let outcome = decision.outcome.clone()?;
        let spec = &decision.spec;
        let shown = disclose(
            spec.method,
            spec.options.len(),
            spec.rule,
            &self.all(decision),
            &outcome,
            spec.secret,
            k,
        );
        Some(Results::from_disclosed(shown, k))
    }
}
