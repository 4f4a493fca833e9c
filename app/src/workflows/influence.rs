//! Whose words carried: the influence ledger of a process, for anyone.

use crate::domain::Constituency;
use crate::domain::decision::disclosure::Group;
use crate::domain::influence::result_in_words;
use crate::error::AppError;
use crate::views::influence::{DecisionVoice, InfluencePage};
use crate::workflows::decisions::counting::Ballots;
use crate::workflows::{ProcessContext, unexpected};

pub async fn page(cx: &ProcessContext) -> Result<InfluencePage, AppError> {
    let contributions = crate::store::influence::contributions(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading contributions"))?;
    let k = crate::store::processes::secrecy_threshold(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading a process setting"))?;
    Ok(InfluencePage {
        ledger: crate::domain::influence::ledger(&contributions, k),
        decisions: voices(cx).await?,
        process: cx.process.clone(),
    })
}

/// Each closed decision's result among people with lived experience beside everyone's, from
/// the result as it may be shown (so a secret result's small groups stay hidden here too).
async fn voices(cx: &ProcessContext) -> Result<Vec<DecisionVoice>, AppError> {
    let decisions = crate::store::decisions::for_process(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading decisions"))?;
    let mut out = Vec::new();
    for decision in decisions.iter().filter(|d| d.closed_at.is_some()) {
        let ballots = Ballots::of(cx.db(), decision)
            .await
            .map_err(unexpected("reading ballots"))?;
        let Some(results) = ballots.results(decision, decision.secrecy) else {
            continue;
        };
        let options: Vec<String> = decision
            .spec
            .options
            .iter()
            .map(|o| o.as_str().to_string())
            .collect();
        let lived = results.groups.iter().find_map(|(g, t)| match g {
            Group::One(Constituency::LivedExperience) => Some(t),
            _ => None,
        });
        let lived_experience = match (lived, &results.withheld) {
            (Some(t), _) => Ok(result_in_words(t, &options)),
            (None, Some(_)) => Err("Not shown: the ballots were secret and too few voted".into()),
            (None, None) if decision.spec.secret => Err(
                "Not shown on its own: too few people with lived experience voted in secret".into(),
            ),
            (None, None) => Err("Nobody with lived experience voted".into()),
        };
        out.push(DecisionVoice {
            question: decision.spec.question.as_str().to_string(),
            path: crate::routes::decision(cx.id(), decision.id),
            passed: results.outcome.passed,
            everyone: results
                .overall
                .as_ref()
                .map(|t| result_in_words(t, &options)),
            lived_experience,
        });
    }
    Ok(out)
}
