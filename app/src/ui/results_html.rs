//! A decision's count by constituency as HTML: an accessible table and a chart drawn as SVG
//! on the server (one bar per constituency, split by answer, so any gap between people with
//! lived experience and professionals shows at a glance). Plain strings, so the Leptos
//! decision page and the public ratified page show exactly the same thing; every label is
//! escaped.

use crate::domain::decision::disclosure::{Group, shown_groups};
use crate::domain::decision::method::ConsentAnswer;
use crate::domain::decision::tally::{Count, Tally};
use crate::domain::document::render::escape;

/// The figures of a count laid out for showing: one row per answer or option, one column
/// per constituency that took part, and "Everyone" last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    pub rows: Vec<String>,
    /// A column's heading, how many voted, and one figure per row.
    pub columns: Vec<(String, u32, Vec<u64>)>,
    /// Ranked choice is shown by first preferences.
    pub first_preferences: bool,
    /// Which constituencies a secret result merged, in words.
    pub note: Option<String>,
}

fn figures(count: &Count, rows: usize) -> Vec<u64> {
    match count {
        Count::Consent {
            agree,
            reservations,
            object,
            abstain,
        } => [agree, reservations, object, abstain]
            .into_iter()
            .map(|n| u64::from(*n))
            .collect(),
        Count::Totals(t) => (0..rows).map(|i| t.get(i).copied().unwrap_or(0)).collect(),
        Count::Ranked(r) => (0..rows)
            .map(|i| {
                r.rounds
                    .first()
                    .and_then(|round| round.counts.get(i).copied().flatten())
                    .map_or(0, u64::from)
            })
            .collect(),
    }
}

pub fn breakdown(overall: &Tally, groups: &[(Group, Tally)], options: &[String]) -> Breakdown {
    let rows: Vec<String> = match &overall.count {
        Count::Consent { .. } => [
            ConsentAnswer::Agree,
            ConsentAnswer::AgreeWithReservations,
            ConsentAnswer::Object,
            ConsentAnswer::Abstain,
        ]
        .into_iter()
        .map(|a| a.label().to_string())
        .collect(),
        _ => options.to_vec(),
    };
    let n = rows.len();
    let (groups, note) = shown_groups(groups);
    let columns = groups
        .iter()
        .filter(|(_, t)| t.ballots > 0)
        .map(|(g, t)| (g.label(), t.ballots, figures(&t.count, n)))
        .chain(std::iter::once((
            "Everyone".to_string(),
            overall.ballots,
            figures(&overall.count, n),
        )))
        .collect();
    Breakdown {
        rows,
        columns,
        first_preferences: matches!(overall.count, Count::Ranked(_)),
        note,
    }
}

/// The table, in a region that scrolls sideways on a small screen (and takes keyboard focus
/// so it can be scrolled without a mouse). "Everyone" comes first, next to the answers, so
/// the overall result is in view whatever the width; each column's count of voters goes on
/// its own line to keep columns narrow; the title stands above the region, so a phone shows
/// it whole.
pub fn table_html(b: &Breakdown) -> String {
    let caption = if b.first_preferences {
        "First preferences, by constituency"
    } else {
        "Votes by constituency"
    };
    let mut html = format!(
        "<p class=\"results-caption\">{caption}</p>\
         <div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{caption} (scrolls sideways on a small screen)\">\
         <table class=\"table results\" aria-label=\"{caption}\"><thead><tr><th scope=\"col\">Answer</th>"
    );
    // The last column is "Everyone": shown first.
    let order: Vec<usize> = match b.columns.len() {
        0 => Vec::new(),
        n => std::iter::once(n - 1).chain(0..n - 1).collect(),
    };
    for &c in &order {
        let (name, voting, _) = &b.columns[c];
        html.push_str(&format!(
            "<th scope=\"col\">{} <span class=\"results__voting\">({voting} voting)</span></th>",
            escape(name)
        ));
    }
    html.push_str("</tr></thead><tbody>");
    for (i, row) in b.rows.iter().enumerate() {
        html.push_str(&format!("<tr><th scope=\"row\">{}</th>", escape(row)));
        for &c in &order {
            html.push_str(&format!(
                "<td>{}</td>",
                b.columns[c].2.get(i).copied().unwrap_or(0)
            ));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></div>");
    if let Some(note) = &b.note {
        html.push_str(&format!("<p class=\"results-note\">{}</p>", escape(note)));
    }
    html
}

/// Fills for the answers or options, in order: distinct in hue and lightness, and each
/// readable under white text. Consent answers get agree-green to object-red.
const CONSENT_FILLS: [&str; 4] = ["#1b6e3a", "#5c8f2b", "#b3261e", "#5f6368"];
const OPTION_FILLS: [&str; 12] = [
    "#1f4e9c", "#a5521b", "#1b6e3a", "#7b2d8b", "#8a6d00", "#0f6b73", "#b3261e", "#4a4f9c",
    "#6d4c41", "#2e7d32", "#ad1457", "#37474f",
];

/// The chart: for each column, its name above a bar split by row in proportion to its
/// share (names above, not beside, so they stay readable on a phone). The table carries the
/// same figures for screen readers; the chart has a title and a description.
pub fn chart_svg(b: &Breakdown, id: &str) -> String {
    const WIDTH: u32 = 400;
    const ROW: u32 = 60;
    const LEGEND_ROW: u32 = 26;
    let consent = b.rows.len() == 4
        && b.rows.first().map(String::as_str) == Some(ConsentAnswer::Agree.label());
    let fill = |i: usize| {
        if consent {
            CONSENT_FILLS[i % CONSENT_FILLS.len()]
        } else {
            OPTION_FILLS[i % OPTION_FILLS.len()]
        }
    };
    let legend_top = b.columns.len() as u32 * ROW + 8;
    let height = legend_top + b.rows.len() as u32 * LEGEND_ROW;
    let mut svg = format!(
        "<svg class=\"results-chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-title\">Share of each answer, by constituency</title>\
         <desc id=\"{id}-desc\">One bar per constituency and one for everyone; the table below gives the same figures.</desc>"
    );
    for (c, (name, voting, figures)) in b.columns.iter().enumerate() {
        let y = c as u32 * ROW;
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\" class=\"results-chart__label\">{} ({voting})</text>",
            y + 17,
            escape(name)
        ));
        let total: u64 = figures.iter().sum();
        let mut x = 0.0_f64;
        for (i, n) in figures.iter().enumerate() {
            if total == 0 || *n == 0 {
                continue;
            }
            let w = f64::from(WIDTH) * (*n as f64) / (total as f64);
            let percent = (*n as f64) * 100.0 / (total as f64);
            svg.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"28\" fill=\"{}\"><title>{}: {n} ({percent:.0}%)</title></rect>",
                y + 24,
                fill(i),
                escape(&b.rows[i])
            ));
            if w >= 40.0 {
                svg.push_str(&format!(
                    "<text x=\"{:.1}\" y=\"{}\" class=\"results-chart__figure\" text-anchor=\"middle\">{percent:.0}%</text>",
                    x + w / 2.0,
                    y + 43
                ));
            }
            x += w;
        }
        if total == 0 {
            svg.push_str(&format!(
                "<text x=\"0\" y=\"{}\" class=\"results-chart__label\">no votes</text>",
                y + 43
            ));
        }
    }
    for (i, row) in b.rows.iter().enumerate() {
        let y = legend_top + i as u32 * LEGEND_ROW;
        svg.push_str(&format!(
            "<rect x=\"0\" y=\"{y}\" width=\"18\" height=\"18\" fill=\"{}\"/>\
             <text x=\"26\" y=\"{}\" class=\"results-chart__label\">{}</text>",
            fill(i),
            y + 15,
            escape(row)
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Constituency;
    use crate::domain::decision::ballot::Ballot;
    use crate::domain::decision::method::Method;
    use crate::domain::decision::tally::{CastBallot, by_constituency, count};

    fn consent_breakdown() -> Breakdown {
        let cast: Vec<CastBallot> = [
            (Constituency::LivedExperience, ConsentAnswer::Object),
            (Constituency::LivedExperience, ConsentAnswer::Agree),
            (Constituency::ProviderStaff, ConsentAnswer::Agree),
        ]
        .into_iter()
        .map(|(c, a)| CastBallot {
            constituencies: vec![c],
            ballot: Ballot::Consent {
                answer: a,
                reason: None,
                in_annex: false,
            },
        })
        .collect();
        let overall = count(Method::Consent, 0, cast.iter().map(|b| &b.ballot));
        let groups: Vec<(Group, Tally)> = by_constituency(Method::Consent, 0, &cast)
            .into_iter()
            .map(|(c, t)| (Group::One(c), t))
            .collect();
        breakdown(&overall, &groups, &[])
    }

    #[test]
    fn only_constituencies_that_took_part_get_a_column_and_everyone_comes_last() {
        let b = consent_breakdown();
        let names: Vec<&str> = b.columns.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["People with lived experience", "Provider staff", "Everyone"]
        );
        assert_eq!(b.columns[0].2, vec![1, 0, 1, 0]);
        assert_eq!(b.columns[2].1, 3);
    }

    #[test]
    fn the_table_has_headers_for_rows_and_columns() {
        let html = table_html(&consent_breakdown());
        assert!(html.contains(
            "<th scope=\"col\">People with lived experience <span class=\"results__voting\">(2 voting)</span></th>"
        ));
        // "Everyone" first: 1 object overall, then 1 and 0 in the two constituencies.
        assert!(html.contains("<th scope=\"row\">Object</th><td>1</td><td>1</td><td>0</td>"));
        assert!(
            html.find(">Everyone <").unwrap()
                < html.find(">People with lived experience <").unwrap()
        );
    }

    #[test]
    fn the_chart_splits_each_bar_by_share_and_escapes_labels() {
        let svg = chart_svg(&consent_breakdown(), "r1");
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("aria-labelledby=\"r1-title r1-desc\""));
        // People with lived experience: half agree, half object.
        assert!(svg.contains(">50%<"));
        // One segment per answer given: agree and object, agree, agree and object.
        assert_eq!(
            svg.matches("<rect x=").count() - 4,
            2 + 1 + 2,
            "besides the legend"
        );
        let tally = Tally {
            ballots: 1,
            count: Count::Totals(vec![1, 0]),
        };
        let b = breakdown(
            &tally,
            &[(Group::One(Constituency::Other), tally.clone())],
            &["<b>Housing</b>".to_string(), "Work".to_string()],
        );
        let svg = chart_svg(&b, "r2");
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("&lt;b&gt;Housing&lt;/b&gt;"));
    }

    #[test]
    fn a_count_with_no_votes_says_so() {
        let empty = Tally {
            ballots: 0,
            count: Count::Totals(vec![0, 0]),
        };
        let b = breakdown(&empty, &[], &["A".into(), "B".into()]);
        assert!(chart_svg(&b, "r").contains("no votes"));
    }
}
