//! The minority annex as HTML: on the ratified page (a plain cached page) and on the minority
//! statement page, from one renderer so both always say the same. Everything typed by a
//! person is escaped.

use crate::domain::decision::method::ConsentAnswer;
use crate::domain::document::render::escape;
use crate::views::minority::AnnexView;

/// The annex, as a `<section>` headed at `<h2>`; `statement_link` is where the statement is
/// written and co-signed (left out when `None`).
pub fn annex_html(view: &AnnexView, statement_link: Option<&str>) -> String {
    let groups: String = view
        .annex
        .groups
        .iter()
        .map(|g| {
            let reasons: String = g
                .reasons
                .iter()
                .map(|r| {
                    let what = match r.answer {
                        ConsentAnswer::Object => "Objected",
                        _ => "Agreed with reservations",
                    };
                    let by =
                        r.by.as_deref()
                            .map_or_else(String::new, |b| format!(" ({})", escape(b)));
                    format!(
                        "<li><strong>{what}</strong>{by}: {}</li>",
                        escape(&r.reason)
                    )
                })
                .collect();
            format!(
                "<h3>{}</h3><ul class=\"annex__reasons\">{reasons}</ul>",
                escape(&g.group.label())
            )
        })
        .collect();
    let reasons = if groups.is_empty() {
        "<p>No objections or reservations can be listed.</p>".to_string()
    } else {
        groups
    };
    let statement = view.statement.as_ref().map_or_else(String::new, |s| {
        let paragraphs: String = s
            .body
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(|p| format!("<p>{}</p>", escape(p.trim()).replace('\n', "<br>")))
            .collect();
        let signers: Vec<String> = s.signers.iter().map(|n| escape(n)).collect();
        format!(
            "<h3 id=\"statement-heading\">Minority statement</h3><blockquote class=\"annex__statement\">{paragraphs}</blockquote><p>Signed by {} {}: {}.</p>",
            signers.len(),
            if signers.len() == 1 { "person" } else { "people" },
            signers.join(", ")
        )
    });
    let link = statement_link.map_or_else(String::new, |href| {
        format!(
            "<p class=\"no-print\"><a href=\"{}\">If you objected or had reservations: write or sign the minority statement</a></p>",
            escape(href)
        )
    });
    format!(
        "<section class=\"annex\" id=\"annex\" aria-labelledby=\"annex-heading\">\
         <h2 id=\"annex-heading\">Annex: the minority's voice</h2>\
         <p>The objections and reservations of the decision that adopted this text, with their reasons, by constituency. {}</p>\
         {reasons}{statement}{link}</section>",
        escape(&view.rule)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Constituency;
    use crate::domain::decision::disclosure::Group;
    use crate::domain::decision::minority::{AnnexGroup, AnnexReason, MinorityAnnex};
    use crate::views::minority::StatementView;

    #[test]
    fn every_typed_word_is_escaped() {
        let view = AnnexView {
            annex: MinorityAnnex {
                secret: false,
                groups: vec![AnnexGroup {
                    group: Group::One(Constituency::LivedExperience),
                    reasons: vec![AnnexReason {
                        answer: ConsentAnswer::Object,
                        reason: "<script>x</script>".into(),
                        by: Some("<b>Jo</b>".into()),
                    }],
                }],
            },
            rule: "Open.".into(),
            statement: Some(StatementView {
                body: "We <ask>.\n\nMore.".into(),
                revision: 1,
                signers: vec!["<i>Sam</i>".into()],
            }),
        };
        let html = annex_html(&view, Some("/x"));
        assert!(!html.contains("<script>") && !html.contains("<b>Jo") && !html.contains("<i>Sam"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("<p>More.</p>"), "{html}");
        assert!(html.contains("Signed by 1 person"));
    }
}
