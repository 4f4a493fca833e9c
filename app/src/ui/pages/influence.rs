//! `/processes/:id/influence`: whose words carried. A table, and a chart drawn on the server
//! (plain SVG, readable without JavaScript, with the same figures in the table for screen
//! readers), of what each group said and what became of its amendments.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::influence::load_influence;
use crate::domain::influence::{Figures, LedgerRow};
use crate::ui::components::loaded::loaded;
use crate::ui::pages::documents::route_number;
use crate::views::influence::InfluencePage;

#[component]
pub fn InfluencePageView() -> impl IntoView {
    let id = route_number("id");
    loaded(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_influence(id).await,
                None => Err(crate::error::AppError::NotFound("that process".into())),
            }
        },
        |page| view! { <Influence page /> },
    )
}

fn group_name(row: &LedgerRow) -> String {
    let name = row
        .group
        .map_or("people who have not said how they take part", |g| {
            g.plural()
        });
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[component]
fn Influence(page: InfluencePage) -> impl IntoView {
    let id = page.process.id.get();
    let l = page.ledger;
    let k = l.threshold;
    let median = l.median_days_to_verdict.map(|d| {
        if d < 1.0 {
            "less than a day".to_string()
        } else {
            format!("{:.0} days", d)
        }
    });
    let shown: Vec<(String, Figures)> = l
        .rows
        .iter()
        .filter_map(|r| r.figures.map(|f| (group_name(r), f)))
        .collect();
    let withheld: Vec<String> = l
        .rows
        .iter()
        .filter(|r| r.figures.is_none())
        .map(group_name)
        .collect();
    let cell = |f: Option<Figures>, get: fn(&Figures) -> u32| {
        f.map_or_else(|| "—".to_string(), |f| get(&f).to_string())
    };
    view! {
        <Title text="Whose words carried" />
        <nav aria-label="You are here" class="trail">
            <a href=crate::routes::process(id)>{page.process.title.as_str().to_string()}</a>
        </nav>
        <h1>"Whose words carried"</h1>
        <p>"Who commented and proposed changes to the text, by how they take part, and what became of the changes they proposed. Counted from what is stored; people who said they take part in more than one way count in each."</p>
        <p>{match median {
            Some(m) => format!("Half of the amendments that got an answer got it within {m}."),
            None => "No amendment has had an answer yet.".to_string(),
        }}</p>
        {if shown.is_empty() {
            view! { <p>"No group has enough people taking part yet to show its own figures."</p> }.into_any()
        } else {
            view! {
                <figure class="influence-figure">
                    <Chart rows=shown.clone() />
                    <figcaption>"For each group: amendments proposed (outline) and accepted (filled)."</figcaption>
                </figure>
            }.into_any()
        }}
        <div class="table-scroll" tabindex="0" role="region" aria-label="Contributions by how people take part (scrolls sideways on a small screen)">
            <table class="table influence">
                <caption>"Contributions by how people take part"</caption>
                <thead><tr>
                    <th scope="col">"Group"</th>
                    <th scope="col">"People"</th>
                    <th scope="col">"Comments"</th>
                    <th scope="col">"Amendments proposed"</th>
                    <th scope="col">"Accepted"</th>
                    <th scope="col">"Declined"</th>
                </tr></thead>
                <tbody>
                    <tr>
                        <th scope="row">"Everyone"</th>
                        <td>{l.everyone.people}</td><td>{l.everyone.comments}</td><td>{l.everyone.proposed}</td><td>{l.everyone.accepted}</td><td>{l.everyone.declined}</td>
                    </tr>
                    {l.rows.iter().map(|r| {
                        let f = r.figures;
                        view! {
                            <tr>
                                <th scope="row">{group_name(r)}</th>
                                <td>{cell(f, |f| f.people)}</td><td>{cell(f, |f| f.comments)}</td><td>{cell(f, |f| f.proposed)}</td><td>{cell(f, |f| f.accepted)}</td><td>{cell(f, |f| f.declined)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(!withheld.is_empty()).then(|| view! {
            <p class="hint">{format!(
                "“—”: fewer than {k} people in this group took part, so its figures are not shown on their own (they could point at one person). They still count under Everyone."
            )}</p>
        })}
        {page.words.iter().map(|w| view! {
            <h2>{format!("Whose words are in the ratified “{}”", w.document)}</h2>
            <p>{format!(
                "{}% of the {} words of version {} came from amendments proposed by people taking part and accepted; the rest came from the drafting group.",
                w.from_amendments, w.total_words, w.version
            )}</p>
            <ul>
                {w.by_group.iter().filter_map(|(group, share)| share.filter(|s| *s > 0).map(|s| view! {
                    <li>{format!("From {}: {s}% of the words", group.to_lowercase())}</li>
                })).collect_view()}
            </ul>
            {w.by_group.iter().any(|(_, s)| s.is_none()).then(|| view! {
                <p class="hint">{format!("Groups of fewer than {k} people taking part are not shown on their own.")}</p>
            })}
        }).collect_view()}
        <h2 id="decisions-heading">"Did lived experience carry the decisions?"</h2>
        {if page.decisions.is_empty() {
            view! { <p>"No decision has closed yet."</p> }.into_any()
        } else {
            view! {
                <ul class="decision-voices" aria-labelledby="decisions-heading">
                    {page.decisions.iter().map(|d| view! {
                        <li>
                            <a href=d.path.clone()>{d.question.clone()}</a>
                            {if d.passed { " Passed." } else { " Did not pass." }}
                            <dl class="decision-voices__figures">
                                <dt>"Everyone"</dt>
                                <dd>{d.everyone.clone().unwrap_or_else(|| "Only the outcome is shown".into())}</dd>
                                <dt>"People with lived experience"</dt>
                                <dd>{match &d.lived_experience { Ok(w) | Err(w) => w.clone() }}</dd>
                            </dl>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <p><a href=crate::routes::commitments(id)>"You said, we did: what has been committed since"</a></p>
    }
}

/// Bars drawn on the server: proposed (outline) and accepted (filled), per group shown.
#[component]
fn Chart(rows: Vec<(String, Figures)>) -> impl IntoView {
    const ROW: u32 = 44;
    const LABEL: u32 = 280;
    const BAR: u32 = 380;
    let most = rows
        .iter()
        .map(|(_, f)| f.proposed)
        .max()
        .unwrap_or(0)
        .max(1);
    let height = ROW * u32::try_from(rows.len()).unwrap_or(0).max(1);
    let width = |n: u32| n * BAR / most;
    view! {
        <svg class="influence-chart" role="img" aria-label="Amendments proposed and accepted, by group"
            viewBox=format!("0 0 {} {height}", LABEL + BAR + 60) width="100%">
            {rows.into_iter().enumerate().map(|(i, (name, f))| {
                let y = u32::try_from(i).unwrap_or(0) * ROW;
                view! {
                    <g>
                        <text x="0" y=y + 26 font-size="14">{name}</text>
                        <rect x=LABEL y=y + 8 width=width(f.proposed).max(1) height="24" fill="none" stroke="currentColor" stroke-width="2" />
                        <rect x=LABEL y=y + 8 width=width(f.accepted) height="24" fill="currentColor" />
                        <text x=LABEL + width(f.proposed) + 8 y=y + 26 font-size="14">{format!("{}/{}", f.accepted, f.proposed)}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}
