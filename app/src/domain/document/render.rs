//! A version as HTML: each section's heading (escaped), its Markdown (rendered and
//! sanitised by [`crate::domain::markdown::render`]) and the glossary's words it is the first
//! to use, explained. Used for the published page, rendered once when a version is
//! published, and for the document's pages in the app.

use super::{DocumentContent, Section};
use crate::domain::glossary::{self, Explained};
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

pub fn section_html(section: &Section, explained: &[Explained]) -> String {
    let key = section.key.get();
    format!(
        "<section class=\"doc-section\" id=\"section-{key}\" aria-labelledby=\"heading-{key}\">\
         <h2 id=\"heading-{key}\">{}</h2>{}</section>",
        escape(section.heading.as_str()),
        section_body_html(section, explained)
    )
}

/// A section's text as HTML, followed by the glossary's words it is the first to use.
pub fn section_body_html(section: &Section, explained: &[Explained]) -> String {
    format!(
        "{}{}",
        markdown::render(section.body.as_str()),
        words_explained_html(section.key.get(), explained)
    )
}

/// Per section, the glossary's terms that section is the first in the document to use: a
/// term is explained where it first appears.
pub fn first_uses(content: &DocumentContent) -> Vec<Vec<Explained>> {
    let mut seen = std::collections::HashSet::new();
    content
        .sections()
        .iter()
        .map(|s| {
            glossary::used_in(&markdown::plain_text(s.body.as_str()), glossary::STARTING)
                .into_iter()
                .filter(|e| seen.insert(e.term.clone()))
                .collect()
        })
        .collect()
}

/// "Words explained" under a section: a definition list, readable without JavaScript and by
/// screen readers (`<dfn>` marks each term being defined).
pub fn words_explained_html(key: u32, explained: &[Explained]) -> String {
    if explained.is_empty() {
        return String::new();
    }
    let items: String = explained
        .iter()
        .map(|e| {
            format!(
                "<dt><dfn>{}</dfn></dt><dd>{}</dd>",
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

pub fn document_html(content: &DocumentContent) -> String {
    content
        .sections()
        .iter()
        .zip(first_uses(content))
        .map(|(s, explained)| section_html(s, &explained))
        .collect()
}

/// A publication's HTML and its tag (the first 16 bytes of its SHA-256, as hex), made once
/// when a version is published or ratified.
pub fn publication_html(content: &DocumentContent) -> (String, String) {
    use sha2::{Digest, Sha256};
    let html = document_html(content);
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
        };
        let content = DocumentContent::new(vec![
            section(1, "Everyone should be offered **naloxone**."),
            section(2, "Naloxone again, and harm reduction."),
        ])
        .unwrap();
        let html = document_html(&content);
        let first = html.find("id=\"section-2\"").unwrap();
        assert!(html[..first].contains("<dt><dfn>Naloxone</dfn></dt>"));
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
        }])
        .unwrap();
        let html = document_html(&content);
        assert!(html.contains("id=\"section-4\""));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Hope&quot;"));
        assert!(html.contains("<strong>bold</strong>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("<img"));
    }
}
