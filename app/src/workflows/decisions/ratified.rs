//! What the public pages say about a ratification (server only): who ratified which version
//! and when, the decision's result by constituency, how many took part, and whether a later
//! ratification superseded it.

use super::counting::Ballots;
use crate::state::AppState;
use crate::store::ratifications::StoredRatification;
use crate::store::{StoreError, decisions};
use crate::views::decisions::Results;

#[derive(Debug, Clone)]
pub struct RatificationBlock {
    pub ratification: StoredRatification,
    pub decision_path: String,
    pub question: String,
    pub options: Vec<String>,
    /// `None` only if the decision's count could not be read back.
    pub results: Option<Results>,
    pub took_part: u32,
    /// The ratification that replaced this one, if any.
    pub superseded_by: Option<StoredRatification>,
    /// The fingerprint of the decision's participation record (its latest entry), to compare
    /// with a printed copy.
    pub record_fingerprint: Option<String>,
    /// The objections and reservations, and the minority statement.
    pub annex: crate::views::minority::AnnexView,
    /// Where the minority statement is written and co-signed.
    pub minority_path: String,
}

/// Builds the block for `ratification`; `all` is every ratification of the same document,
/// newest first (to find what superseded it).
pub async fn block(
    state: &AppState,
    ratification: &StoredRatification,
    all: &[StoredRatification],
) -> Result<RatificationBlock, StoreError> {
    let db = &state.db;
    let decision = decisions::find(db, ratification.decision)
        .await?
        .ok_or_else(|| StoreError::Corrupt("a ratification without its decision".into()))?;
    let ballots = Ballots::of(&state.db, &decision).await?;
    let results = ballots.results(&decision, decision.secrecy);
    let superseded_by = all
        .iter()
        .filter(|r| r.id > ratification.id)
        .min_by_key(|r| r.id)
        .cloned();
    Ok(RatificationBlock {
        ratification: ratification.clone(),
        decision_path: crate::routes::decision(decision.process, decision.id),
        question: decision.spec.question.as_str().to_string(),
        options: decision
            .spec
            .options
            .iter()
            .map(|o| o.as_str().to_string())
            .collect(),
        results,
        took_part: ballots.voters(),
        superseded_by,
        record_fingerprint: crate::store::participation_record::head(db, decision.id).await?,
        annex: super::minority::annex_view(state, &decision).await?,
        minority_path: crate::routes::minority(decision.process, decision.id),
    })
}
