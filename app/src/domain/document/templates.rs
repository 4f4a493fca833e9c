//! Starting points for the two documents. The prompts are placeholders for the drafting group
//! to replace: short, plain questions about what each part could mean locally.

use super::{DocumentContent, DocumentKind, Section, SectionBody, SectionHeading, SectionKey};

const DEFINITION: &[(&str, &str)] = &[
    (
        "What recovery means here",
        "_In a few sentences, what do we mean by recovery in our area? Who is this definition for?_",
    ),
    (
        "Being in control of your own life",
        "_How can people make their own choices about their recovery, including taking risks, and be treated as equal partners?_",
    ),
    (
        "Services shaped by the people who use them",
        "_How will people who use services design and decide things alongside staff? What does that look like day to day?_",
    ),
    (
        "Support from people who have been there",
        "_What part do peer supporters, mutual aid groups and people with lived experience play?_",
    ),
    (
        "Recovery that others can see",
        "_How can recovery be made visible locally, so that others can see it is possible and learn from it?_",
    ),
    (
        "A new sense of who you are",
        "_How does recovery help people build a new identity, or get back the person they were?_",
    ),
    (
        "A full life in the community",
        "_What about housing, work, family, friendships and being free from stigma?_",
    ),
    (
        "Hope",
        "_How do services build on people's strengths and keep hope going over the long term?_",
    ),
    (
        "Reducing harm along the way",
        "_How is harm reduction part of recovery here? For example overdose awareness, naloxone, blood tests and vaccinations, and coming back quickly and without shame after a lapse._",
    ),
    (
        "Different kinds of recovery",
        "_Recovery can be early or long-lasting, partial, or come and go. How will we describe these so that the definition includes everyone and can still be used to judge services?_",
    ),
];

const ROIS_VISION: &[(&str, &str)] = &[
    (
        "Our vision in short",
        "_In a few sentences, what should local support for recovery be like?_",
    ),
    (
        "Ways in",
        "_How do people first get help? Where can they walk in, and who can refer them?_",
    ),
    (
        "One place to be assessed",
        "_How does a single assessment work, so that people tell their story once?_",
    ),
    (
        "Treatment and prescribing",
        "_What treatment is on offer, including substitute prescribing, and how do people move on from it when they are ready?_",
    ),
    (
        "Detox and rehab",
        "_How quickly can people get detox or residential rehab when they want it?_",
    ),
    (
        "Recovery support and mentors",
        "_Who walks alongside people: recovery workers, mentors, peer supporters?_",
    ),
    (
        "Mutual aid",
        "_How are people connected with groups such as 12-step or SMART meetings?_",
    ),
    (
        "Aftercare",
        "_What support is there after treatment ends, and for how long?_",
    ),
    (
        "Housing, work and family",
        "_How do services work with housing, employment and family support?_",
    ),
    (
        "People with lived experience in commissioning",
        "_Where do people with lived experience sit when services are planned, bought and checked?_",
    ),
];

/// The template's sections, or one empty section for a blank start.
pub fn starting_content(kind: DocumentKind, from_template: bool) -> DocumentContent {
    let source: &[(&str, &str)] = match (kind, from_template) {
        (_, false) => &[("Untitled section", "")],
        (DocumentKind::Definition, true) => DEFINITION,
        (DocumentKind::RoisVision, true) => ROIS_VISION,
    };
    let sections = source
        .iter()
        .enumerate()
        .map(|(i, (heading, body))| Section {
            key: SectionKey::new(i as u32 + 1),
            heading: SectionHeading::parse(heading).expect("template headings are valid"),
            body: SectionBody::parse(body).expect("template bodies are valid"),
            easy_read: None,
        })
        .collect();
    DocumentContent::new(sections).expect("templates are valid content")
}

/// Whether a section's text is empty or still only a template's prompt (in either
/// document's template): nobody has written it yet.
pub fn is_unwritten(body: &str) -> bool {
    let body = body.trim();
    body.is_empty()
        || DEFINITION
            .iter()
            .chain(ROIS_VISION)
            .any(|(_, prompt)| *prompt == body)
}

/// The headings of the sections of `content` nobody has written yet ([`is_unwritten`]). A
/// version with any is not ready to adopt, and the decision page says so.
pub fn unwritten_sections(content: &DocumentContent) -> Vec<String> {
    content
        .sections()
        .iter()
        .filter(|s| is_unwritten(s.body.as_str()))
        .map(|s| s.heading.as_str().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_untouched_template_is_all_unwritten_and_a_written_section_is_not() {
        let template = starting_content(DocumentKind::Definition, true);
        assert_eq!(
            unwritten_sections(&template).len(),
            template.sections().len()
        );
        let mut sections = template.sections().to_vec();
        sections[0].body =
            SectionBody::parse("Recovery is hope, and people who have been there.").unwrap();
        let written = DocumentContent::new(sections).unwrap();
        let unwritten = unwritten_sections(&written);
        assert_eq!(unwritten.len(), template.sections().len() - 1);
        assert!(!unwritten.contains(&"What recovery means here".to_string()));
    }

    #[test]
    fn the_definition_template_covers_the_seven_themes_harm_reduction_and_specifiers() {
        let c = starting_content(DocumentKind::Definition, true);
        assert_eq!(c.sections().len(), 1 + 7 + 1 + 1);
        assert!(
            c.sections()
                .iter()
                .any(|s| s.heading.as_str().contains("harm"))
        );
        assert!(
            c.sections()
                .iter()
                .any(|s| s.body.as_str().contains("partial"))
        );
    }

    #[test]
    fn the_rois_template_covers_the_parts_of_the_system() {
        let c = starting_content(DocumentKind::RoisVision, true);
        let headings: Vec<&str> = c.sections().iter().map(|s| s.heading.as_str()).collect();
        for part in [
            "Ways in",
            "One place to be assessed",
            "Mutual aid",
            "Aftercare",
            "Housing, work and family",
        ] {
            assert!(headings.contains(&part), "{part}");
        }
    }

    #[test]
    fn a_blank_start_has_one_empty_section() {
        let c = starting_content(DocumentKind::Definition, false);
        assert_eq!(c.sections().len(), 1);
        assert_eq!(c.sections()[0].body.as_str(), "");
    }
}
