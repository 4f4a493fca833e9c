//! A version as HTML: each section's heading (escaped) and its Markdown (rendered and
//! sanitised by [`crate::domain::markdown::render`]). Used for the published page, rendered
//! once when a version is published.

use super::{DocumentContent, Section};
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

pub fn section_html(section: &Section) -> String {
    let key = section.key.get();
    format!(
        "<section class=\"doc-section\" id=\"section-{key}\" aria-labelledby=\"heading-{key}\">\
         <h2 id=\"heading-{key}\">{}</h2>{}</section>",
        escape(section.heading.as_str()),
        markdown::render(section.body.as_str())
    )
}

pub fn document_html(content: &DocumentContent) -> String {
    content.sections().iter().map(section_html).collect()
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
