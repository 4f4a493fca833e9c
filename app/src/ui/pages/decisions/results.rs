//! The count of a closed decision as an accessible table: one row per answer or option, one
//! column per constituency and overall, so any gap between service users and professionals
//! is visible; each part of the rule and whether it was met; ranked-choice rounds.

use leptos::prelude::*;

use crate::api::decisions::Results;
use crate::domain::decision::method::ConsentAnswer;
use crate::domain::decision::tally::{Count, Tally};

/// The rows of a count: a label and one figure per row.
fn rows(count: &Count, options: &[String]) -> Vec<(String, u64)> {
    match count {
        Count::Consent {
            agree,
            reservations,
            object,
            abstain,
        } => vec![
            (ConsentAnswer::Agree.label().to_string(), u64::from(*agree)),
            (
                ConsentAnswer::AgreeWithReservations.label().to_string(),
                u64::from(*reservations),
            ),
            (
                ConsentAnswer::Object.label().to_string(),
                u64::from(*object),
            ),
            (
                ConsentAnswer::Abstain.label().to_string(),
                u64::from(*abstain),
            ),
        ],
        Count::Totals(t) => options.iter().cloned().zip(t.iter().copied()).collect(),
        // By constituency a runoff shows first preferences.
        Count::Ranked(r) => options
            .iter()
            .cloned()
            .zip(r.rounds[0].counts.iter().map(|c| u64::from(c.unwrap_or(0))))
            .collect(),
    }
}

#[component]
pub fn ResultsView(results: Results, options: Vec<String>) -> impl IntoView {
    let columns: Vec<(String, Tally)> = results
        .by_constituency
        .iter()
        .filter(|(_, t)| t.ballots > 0)
        .map(|(c, t)| (c.plural().to_string(), t.clone()))
        .chain(std::iter::once((
            "Everyone".to_string(),
            results.overall.clone(),
        )))
        .collect();
    let labels = rows(&results.overall.count, &options);
    let figures: Vec<Vec<u64>> = columns
        .iter()
        .map(|(_, t)| {
            rows(&t.count, &options)
                .into_iter()
                .map(|(_, n)| n)
                .collect()
        })
        .collect();
    let runoff = match &results.overall.count {
        Count::Ranked(r) => Some(r.clone()),
        _ => None,
    };
    let outcome = results.outcome.clone();
    view! {
        <section aria-labelledby="results-heading">
            <h2 id="results-heading">"Result"</h2>
            <p class=if outcome.passed { "outcome outcome--passed" } else { "outcome outcome--failed" }>
                <strong>{if outcome.passed { "Passed." } else { "Did not pass." }}</strong>
                {outcome.leading.and_then(|i| options.get(i).cloned()).map(|o| format!(" Leading option: {o}."))}
            </p>
            <ul class="rule-checks">
                {outcome.checks.into_iter().map(|c| view! {
                    <li>{if c.met { "Met: " } else { "Not met: " }}{c.what}</li>
                }).collect_view()}
            </ul>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Votes by constituency (scrolls sideways on a small screen)">
                <table class="table results">
                    <caption>{if runoff.is_some() { "First preferences, by constituency" } else { "Votes by constituency" }}</caption>
                    <thead><tr>
                        <th scope="col">"Answer"</th>
                        {columns.iter().map(|(name, t)| view! { <th scope="col">{format!("{name} ({} voting)", t.ballots)}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {labels.iter().enumerate().map(|(row, (label, _))| view! {
                            <tr>
                                <th scope="row">{label.clone()}</th>
                                {figures.iter().map(|col| view! { <td>{col.get(row).copied().unwrap_or(0)}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {runoff.map(|r| view! {
                <h3>"Rounds of the runoff"</h3>
                <ol class="rounds">
                    {r.rounds.into_iter().map(|round| {
                        let counts: Vec<String> = round.counts.iter().enumerate().filter_map(|(i, c)| c.map(|n| format!("{}: {n}", options.get(i).cloned().unwrap_or_default()))).collect();
                        view! {
                            <li>
                                {counts.join(", ")}
                                {(round.exhausted > 0).then(|| format!("; {} with no option left", round.exhausted))}
                                {round.eliminated.and_then(|i| options.get(i).cloned()).map(|o| format!(". {o} is eliminated."))}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            })}
        </section>
    }
}
