//! Whose words carried: the influence ledger of a process, for anyone.

use crate::domain::Constituency;
use crate::domain::decision::disclosure::Group;
use crate::domain::document::DocumentKind;
use crate::domain::document::version::VersionNumber;
use crate::domain::influence::{Contribution, Ledger, result_in_words};
use crate::domain::markdown::plain_text;
use crate::domain::word_credit::{AmendedVersion, SectionWords, credit, percent};
use crate::error::AppError;
use crate::views::influence::{DecisionVoice, InfluencePage, WordShare};
use crate::workflows::decisions::counting::Ballots;
use crate::workflows::{ProcessContext, unexpected};

pub async fn page(cx: &ProcessContext) -> Result<InfluencePage, AppError> {
    let contributions = crate::store::influence::contributions(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading contributions"))?;
    let k = crate::store::processes::secrecy_threshold(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading a process setting"))?;
    let ledger = crate::domain::influence::ledger(&contributions, k);
    Ok(InfluencePage {
        words: word_shares(cx, &ledger, &contributions).await?,
        ledger,
        decisions: voices(cx).await?,
        process: cx.process.clone(),
    })
}

/// The sections of version `number` as readers see their words.
async fn section_words(
    cx: &ProcessContext,
    kind: DocumentKind,
    number: u32,
) -> Result<SectionWords, AppError> {
    let Some(number) = VersionNumber::new(number) else {
        return Ok(Vec::new());
    };
    let content = cx
        .state
        .versions
        .content(cx.db(), cx.id(), kind, number)
        .await
        .map_err(unexpected("reading a version"))?;
    Ok(content.map_or_else(Vec::new, |c| {
        c.sections()
            .iter()
            .map(|s| (s.key.get(), plain_text(s.body.as_str())))
            .collect()
    }))
}

/// For each ratified document in force, the share of its words that came from accepted
/// amendments, by the proposers' constituencies (groups the ledger withholds stay withheld).
async fn word_shares(
    cx: &ProcessContext,
    ledger: &Ledger,
    contributions: &[Contribution],
) -> Result<Vec<WordShare>, AppError> {
    let mut out = Vec::new();
    for kind in DocumentKind::ALL {
        let Some(r) = crate::store::ratifications::of_document(cx.db(), cx.id(), kind)
            .await
            .map_err(unexpected("reading ratifications"))?
            .into_iter()
            .next()
        else {
            continue;
        };
        let history = crate::store::documents::history(cx.db(), cx.id(), kind)
            .await
            .map_err(unexpected("reading a history"))?;
        let mut amended = Vec::new();
        // Oldest first; only what was accepted by the time of the ratified version.
        for meta in history.iter().rev() {
            let Some(credit) = meta.credit.filter(|_| meta.number <= r.number) else {
                continue;
            };
            let n = meta.number.get();
            amended.push(AmendedVersion {
                proposer: credit.proposer.map(|p| p.get()),
                before: section_words(cx, kind, n.saturating_sub(1)).await?,
                after: section_words(cx, kind, n).await?,
            });
        }
        let c = credit(&section_words(cx, kind, r.number.get()).await?, &amended);
        let by_group = ledger
            .rows
            .iter()
            .filter_map(|row| {
                let group = row.group?;
                let words: u32 = c
                    .by_proposer
                    .iter()
                    .filter(|(p, _)| {
                        contributions
                            .iter()
                            .any(|x| x.person == **p && x.groups.contains(&group))
                    })
                    .map(|(_, w)| *w)
                    .sum();
                let mut name = group.plural().chars();
                let name: String = name
                    .next()
                    .map(|f| f.to_uppercase().chain(name).collect())
                    .unwrap_or_default();
                Some((name, row.figures.map(|_| percent(words, c.total))))
            })
            .collect();
        out.push(WordShare {
            document: kind.title().to_string(),
            version: r.number.get(),
            total_words: c.total,
            from_amendments: percent(c.from_amendments, c.total),
            by_group,
        });
    }
    Ok(out)
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
