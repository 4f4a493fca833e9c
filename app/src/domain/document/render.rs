//! A version as HTML: each section's heading (escaped), its Markdown (rendered and
//! sanitised by [`crate::domain::markdown::render`]) and the glossary's words it is the first
//! to use, explained. Used for the published page, rendered once when a version is
//! published, and for the document's pages in the app. In easy read, each section shows its
//! easy-read text instead, saying so when it is out of date or missing.

use super::easy_read::{EasyReadState, Reading};
use super::{DocumentContent, Section};
use crate::domain::glossary::{self, Entry};
use crate::domain::markdown;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn section_html(section: &Section, explained: &[Entry], reading: Reading) -> String {
    let key = section.key.get();
    format!(
        "<section class=\"doc-section\" id=\"section-{key}\" aria-labelledby=\"heading-{key}\">\
         <h2 id=\"heading-{key}\">{}</h2>{}</section>",
        escape(section.heading.as_str()),
        section_body_html(section, explained, reading)
    )
}

/// The text a reader is shown of a section, and what to tell them about it.
pub struct ShownText<'a> {
    pub markdown: &'a str,
    /// This is the easy-read text.
    pub easy: bool,
    pub note: Option<&'static str>,
}

pub const EASY_READ_OUT_OF_DATE: &str = "This easy read was written for an earlier wording of this section. The full text has changed since.";
pub const EASY_READ_MISSING: &str = "This section has no easy read yet. Here is the full text.";

pub fn shown_text(section: &Section, reading: Reading) -> ShownText<'_> {
    let full = |note| ShownText {
        markdown: section.body.as_str(),
        easy: false,
        note,
    };
    match (reading, section.easy_read_state()) {
        (Reading::Full, _) => full(None),
        (Reading::Easy, EasyReadState::Missing) => full(Some(EASY_READ_MISSING)),
        (Reading::Easy, EasyReadState::Current(text)) => ShownText {
            markdown: text.as_str(),
            easy: true,
            note: None,
        },
        (Reading::Easy, EasyReadState::OutOfDate(text)) => ShownText {
            markdown: text.as_str(),
            easy: true,
            note: Some(EASY_READ_OUT_OF_DATE),
        },
    }
}

/// A section's text as HTML (the easy read in a block of its own, which prints large),
/// followed by the glossary's words it is the first to use.
pub fn section_body_html(section: &Section, explained: &[Entry], reading: Reading) -> String {
    let shown = shown_text(section, reading);
    let note = shown.note.map_or_else(String::new, |n| {
        format!("<p class=\"notice easy-read-note\">{}</p>", escape(n))
    });
    let key = section.key.get();
    // Each term this section explains is linked where it first appears in the text.
    let marks: Vec<markdown::TermMark<'_>> = explained
        .iter()
        .enumerate()
        .map(|(i, entry)| markdown::TermMark {
            entry,
            anchor: term_anchor(key, i),
        })
        .collect();
    let text = markdown::render_marking(shown.markdown, &marks);
    let text = if shown.easy {
        format!("<div class=\"easy-read\">{text}</div>")
    } else {
        text
    };
    format!("{note}{text}{}", words_explained_html(key, explained))
}

/// The id of the explanation of section `key`'s `n`th explained term.
fn term_anchor(key: u32, n: usize) -> String {
    format!("term-{key}-{}", n + 1)
}

/// Per section, the glossary's terms that section is the first in the document to use (in
/// the text shown for `reading`): a term is explained where it first appears.
pub fn first_uses(
    content: &DocumentContent,
    reading: Reading,
    glossary: &[Entry],
) -> Vec<Vec<Entry>> {
    let mut seen = std::collections::HashSet::new();
    content
        .sections()
        .iter()
        .map(|s| {
            let shown = shown_text(s, reading).markdown;
            glossary::used_in(&markdown::plain_text(shown), glossary)
                .into_iter()
                .filter(|e| seen.insert(e.term.clone()))
                .collect()
        })
        .collect()
}

/// "Words explained" under a section: a definition list, readable without JavaScript and by
/// screen readers (`<dfn>` marks each term being defined).
pub fn words_explained_html(key: u32, explained: &[Entry]) -> String {
    if explained.is_empty() {
        return String::new();
    }
    let items: String = explained
        .iter()
        .enumerate()
        .map(|(i, e)| {
            format!(
                "<dt id=\"{}\"><dfn>{}</dfn></dt><dd>{}</dd>",
                term_anchor(key, i),
                escape(&e.term),
                escape(&e.meaning)
            )
        })
        .collect();
    // Not an <aside>: a landmark per section would give a page many landmarks of one name.
    format!(
        "<div class=\"words-explained\" data-section=\"{key}\">\
         <h3>Words explained</h3><dl>{items}</dl></div>"
    )
}

/// One section of a version as a page shows it: its key, its heading as text, and its body as
/// safe HTML with the glossary's words it is the first to use explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedSection {
    pub key: u32,
    pub heading: String,
    pub html: String,
}

/// Every section of a version as shown for `reading`.
pub fn rendered_sections(
    content: &DocumentContent,
    reading: Reading,
    glossary: &[Entry],
) -> Vec<RenderedSection> {
    content
        .sections()
        .iter()
        .zip(first_uses(content, reading, glossary))
        .map(|(s, explained)| RenderedSection {
            key: s.key.get(),
            heading: s.heading.as_str().to_string(),
            html: section_body_html(s, &explained, reading),
        })
        .collect()
}

pub fn document_html(content: &DocumentContent, reading: Reading, glossary: &[Entry]) -> String {
    content
        .sections()
        .iter()
        .zip(first_uses(content, reading, glossary))
        .map(|(s, explained)| section_html(s, &explained, reading))
        .collect()
}

/// A publication's HTML and its tag (the first 16 bytes of its SHA-256, as hex), made once
/// when a version is published or ratified.
pub fn publication_html(content: &DocumentContent, glossary: &[Entry]) -> (String, String) {
    use sha2::{Digest, Sha256};
    let html = document_html(content, Reading::Full, glossary);
    let tag = Sha256::digest(html.as_bytes())
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect();
    (html, tag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::{SectionBody, SectionHeading, SectionKey};

    #[test]
    fn a_term_is_explained_under_the_first_section_that_uses_it() {
        let section = |key, body: &str| Section {
            key: SectionKey::new(key),
            heading: SectionHeading::parse("Part").unwrap(),
            body: SectionBody::parse(body).unwrap(),
            easy_read: None,
        };
        let content = DocumentContent::new(vec![
            section(1, "Everyone should be offered **naloxone**."),
            section(2, "Naloxone again, and harm reduction."),
        ])
        .unwrap();
        let html = document_html(&content, Reading::Full, &glossary::starting());
        let first = html.find("id=\"section-2\"").unwrap();
        assert!(html[..first].contains("<dt id=\"term-1-1\"><dfn>Naloxone</dfn></dt>"));
        // Marked where it first appears: a link to its explanation, even inside bold.
        assert!(
            html[..first].contains("<strong><a href=\"#term-1-1\""),
            "{html}"
        );
        assert!(html[..first].contains(">naloxone</a></strong>"));
        // Section 2 links only the term it explains, once.
        assert_eq!(html[first..].matches("<a href=").count(), 1);
        assert!(html[first..].contains("<a href=\"#term-2-1\""));
        assert!(
            !html[first..].contains("<dfn>Naloxone</dfn>"),
            "explained once"
        );
        assert!(html[first..].contains("<dfn>Harm reduction</dfn>"));
        assert!(html.contains("<div class=\"words-explained\" data-section=\"1\">"));
    }

    #[test]
    fn headings_are_escaped_and_bodies_sanitised() {
        let content = DocumentContent::new(vec![Section {
            key: SectionKey::new(4),
            heading: SectionHeading::parse("<script>alert(1)</script> & \"Hope\"").unwrap(),
            body: SectionBody::parse("**bold** <img src=x onerror=alert(1)>").unwrap(),
            easy_read: None,
        }])
        .unwrap();
        let html = document_html(&content, Reading::Full, &glossary::starting());
        assert!(html.contains("id=\"section-4\""));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Hope&quot;"));
        assert!(html.contains("<strong>bold</strong>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("<img"));
    }

    #[test]
    fn easy_read_shows_each_sections_easy_text_and_says_when_it_is_stale_or_missing() {
        use crate::domain::document::easy_read::{EasyReadText, save_easy_read};
        use crate::domain::document::editing::SectionSave;
        let v1 = crate::domain::document::test_content(&[
            (
                1,
                "Hope",
                "Recovery is a deeply personal process of change.",
            ),
            (2, "Home", "A safe and stable home."),
        ]);
        let text = EasyReadText::parse("Recovery is **your** journey.").unwrap();
        let Ok(SectionSave::Apply(v2)) = save_easy_read(&v1, &v1, SectionKey::new(1), text) else {
            panic!("saved")
        };
        let easy = document_html(&v2, Reading::Easy, &glossary::starting());
        assert!(easy.contains(
            "<div class=\"easy-read\"><p>Recovery is <strong>your</strong> journey.</p>\n</div>"
        ));
        assert!(!easy.contains("deeply personal"));
        assert!(easy.contains(EASY_READ_MISSING), "section 2 has none");
        assert!(easy.contains("A safe and stable home."));
        assert!(!easy.contains(EASY_READ_OUT_OF_DATE));
        // The full text is untouched by the easy read.
        assert!(
            document_html(&v2, Reading::Full, &glossary::starting()).contains("deeply personal")
        );
        assert!(!document_html(&v2, Reading::Full, &glossary::starting()).contains("easy-read"));
        // The main text changes: the easy read is still shown, marked out of date.
        let v3 = v2
            .with_section_replaced(
                SectionKey::new(1),
                SectionHeading::parse("Hope").unwrap(),
                SectionBody::parse("Recovery is a process of change.").unwrap(),
            )
            .unwrap();
        let stale = document_html(&v3, Reading::Easy, &glossary::starting());
        assert!(stale.contains(EASY_READ_OUT_OF_DATE));
        assert!(stale.contains("<strong>your</strong> journey"));
    }
}
