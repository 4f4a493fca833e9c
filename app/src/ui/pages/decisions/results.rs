//! The count of a closed decision as a chart and an accessible table (both from
//! [`crate::ui::results_html`]): one row per answer or option, one
//! column per constituency and overall, so any gap between service users and professionals
//! is visible; each part of the rule and whether it was met; ranked-choice rounds.

use leptos::prelude::*;

use crate::domain::decision::tally::Count;
use crate::ui::results_html::{breakdown, chart_svg, table_html};
use crate::views::decisions::Results;

#[component]
pub fn ResultsView(results: Results, options: Vec<String>) -> impl IntoView {
    let figures = results
        .overall
        .as_ref()
        .map(|overall| breakdown(overall, &results.groups, &options));
    let shown = figures
        .as_ref()
        .map(|f| (chart_svg(f, "results"), table_html(f)));
    let runoff = match results.overall.as_ref().map(|o| &o.count) {
        Some(Count::Ranked(r)) => Some(r.clone()),
        _ => None,
    };
    let withheld = results.withheld.clone();
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
            {withheld.map(|why| view! { <p class="notice">{why}</p> })}
            {shown.map(|(chart, table)| view! {
                <figure class="results-figure">
                    <div inner_html=chart></div>
                    <figcaption>"Each bar shows how one group of people voted, as shares of their votes."</figcaption>
                </figure>
                <div inner_html=table></div>
            })}
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
