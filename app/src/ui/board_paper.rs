//! The ratified text as a Word document (`.docx`) for a commissioner's board report: the text
//! section by section, the commitments on each, how it was ratified with the result by
//! constituency, and the minority annex. Built with the `docx-rs` crate (server only): it
//! writes and reads Office Open XML, so the tests read back what was written.
//!
//! Markdown becomes plain paragraphs (emphasis is dropped, a list item starts with "• ", a
//! link shows its address): a board paper is pasted into a council's own template.

use docx_rs::{AlignmentType, Docx, Paragraph, Run, Style, StyleType, Table, TableCell, TableRow};

use crate::domain::decision::tally::Count;
use crate::domain::markdown::plain_text;
use crate::views::ratified::RatifiedExport;

#[derive(Debug, thiserror::Error)]
#[error("the Word document could not be written: {0}")]
pub struct BoardPaperError(String);

fn text(words: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(words))
}

fn heading(level: u8, words: &str) -> Paragraph {
    text(words).style(&format!("Heading{level}"))
}

fn bold_then(label: &str, words: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(label).bold())
        .add_run(Run::new().add_text(words))
}

/// Markdown as paragraphs: one per block, lines kept as breaks within it.
fn paragraphs(markdown: &str) -> Vec<Paragraph> {
    plain_text(markdown)
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .flat_map(|block| block.lines().map(|l| text(l.trim())).collect::<Vec<_>>())
        .collect()
}

fn cell(words: &str) -> TableCell {
    TableCell::new().add_paragraph(text(words))
}

fn header_cell(words: &str) -> TableCell {
    TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(words).bold()))
}

/// The result of a consent decision by group, as the public page shows it.
fn result_table(export: &RatifiedExport) -> Option<Table> {
    let results = export.decision.results.as_ref()?;
    let overall = results.overall.as_ref()?;
    let row = |name: &str, count: &Count, ballots: u32| match count {
        Count::Consent {
            agree,
            reservations,
            object,
            abstain,
        } => Some(TableRow::new(vec![
            cell(name),
            cell(&agree.to_string()),
            cell(&reservations.to_string()),
            cell(&object.to_string()),
            cell(&abstain.to_string()),
            cell(&ballots.to_string()),
        ])),
        _ => None,
    };
    let mut rows = vec![TableRow::new(
        [
            "Who",
            "Agree",
            "Agree, with reservations",
            "Object",
            "Abstain",
            "Ballots",
        ]
        .iter()
        .map(|h| header_cell(h))
        .collect(),
    )];
    rows.push(row("Everyone", &overall.count, overall.ballots)?);
    for (group, tally) in &results.groups {
        rows.push(row(&group.label(), &tally.count, tally.ballots)?);
    }
    Some(Table::new(rows))
}

/// The `.docx` bytes of `export`.
pub fn docx(export: &RatifiedExport) -> Result<Vec<u8>, BoardPaperError> {
    let mut doc = Docx::new()
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .size(40)
                .bold(),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .size(32)
                .bold(),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .size(28)
                .bold(),
        )
        .add_style(
            Style::new("Heading3", StyleType::Paragraph)
                .name("Heading 3")
                .size(24)
                .bold(),
        )
        .add_paragraph(text(&export.document).style("Title"))
        .add_paragraph(text(&export.process).align(AlignmentType::Left))
        .add_paragraph(text(&format!(
            "Version {}, ratified by {} on {}.",
            export.version, export.ratified_by, export.ratified_on
        )));

    doc = doc.add_paragraph(heading(1, "The ratified text"));
    for section in &export.sections {
        doc = doc.add_paragraph(heading(2, &section.heading));
        for p in paragraphs(&section.text) {
            doc = doc.add_paragraph(p);
        }
        if !section.commitments.is_empty() {
            doc = doc.add_paragraph(heading(3, "Commitments on this section"));
            for c in &section.commitments {
                doc = doc.add_paragraph(bold_then(
                    &format!("{} ", c.what),
                    &format!(
                        "({}{}). Who is responsible: {}. How we will see it: {}. By {}.",
                        c.status.label(),
                        if c.overdue { ", overdue" } else { "" },
                        c.responsible,
                        c.measure,
                        c.by
                    ),
                ));
            }
        }
    }

    doc = doc
        .add_paragraph(heading(1, "How it was ratified"))
        .add_paragraph(text(&format!(
            "After the decision “{}”, in which {} took part.",
            export.decision.question,
            match export.decision.took_part {
                1 => "1 person".to_string(),
                n => format!("{n} people"),
            }
        )));
    if let Some(results) = &export.decision.results {
        doc = doc.add_paragraph(text(if results.outcome.passed {
            "The decision passed."
        } else {
            "The decision did not pass."
        }));
        for check in &results.outcome.checks {
            doc = doc.add_paragraph(text(&format!(
                "{}{}",
                if check.met { "Met: " } else { "Not met: " },
                check.what
            )));
        }
        match (result_table(export), &results.withheld) {
            (Some(table), _) => doc = doc.add_table(table),
            (None, Some(why)) => doc = doc.add_paragraph(text(why)),
            (None, None) => {}
        }
    }
    if let Some(fingerprint) = &export.decision.record_fingerprint {
        doc = doc.add_paragraph(text(&format!(
            "Fingerprint of the participation record (SHA-256): {fingerprint}"
        )));
    }

    let annex = &export.annex;
    doc = doc
        .add_paragraph(heading(1, "Annex: the minority's voice"))
        .add_paragraph(text(&annex.rule));
    if annex.groups.is_empty() {
        doc = doc.add_paragraph(text("No objections or reservations can be listed."));
    }
    for group in &annex.groups {
        doc = doc.add_paragraph(heading(2, &group.group));
        for r in &group.reasons {
            let by =
                r.by.as_ref()
                    .map_or_else(String::new, |b| format!(" ({b})"));
            doc = doc.add_paragraph(bold_then(&format!("{}{by}: ", r.answer), &r.reason));
        }
    }
    if let Some(statement) = &annex.statement {
        doc = doc.add_paragraph(heading(2, "Minority statement"));
        for p in paragraphs(&statement.text) {
            doc = doc.add_paragraph(p);
        }
        doc = doc.add_paragraph(text(&format!(
            "Signed by: {}.",
            statement.signed_by.join(", ")
        )));
    }

    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut bytes)
        .map_err(|e| BoardPaperError(e.to_string()))?;
    Ok(bytes.into_inner())
}
