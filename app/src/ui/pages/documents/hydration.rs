//! What the document pages leave out of the data they send for hydration (see
//! `ui::components::shown_text`): the sections' HTML on the document page (half of a long
//! document's page, sent twice), and the words of a comparison.

use crate::ui::components::shown_text::ShownInTheHtml;
use crate::views::documents::{ComparePage, DocumentPage};

impl ShownInTheHtml for DocumentPage {
    fn leave_out_shown_text(&mut self) {
        if let Some(shown) = self.shown.as_mut() {
            for section in &mut shown.sections {
                section.html = String::new();
            }
        }
    }
}

impl ShownInTheHtml for ComparePage {
    fn leave_out_shown_text(&mut self) {
        for section in &mut self.sections {
            section.body = String::new();
            section.easy_read = String::new();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;
    use crate::ui::components::shown_text::WithoutShownText;
    use leptos::server::codee::{Decoder, Encoder};

    type Loaded = Result<DocumentPage, AppError>;
    use crate::domain::ProcessSummary;
    use crate::domain::document::DocumentKind;
    use crate::domain::document::easy_read::Reading;
    use crate::views::documents::{
        DocumentAbilities, EasyReadCount, SectionView, VersionMetaView, VersionView,
    };

    fn page() -> DocumentPage {
        DocumentPage {
            process: ProcessSummary::example(),
            kind: DocumentKind::Definition,
            shown: Some(VersionView {
                meta: VersionMetaView {
                    number: 2,
                    author: "Sam".into(),
                    created_at: 0,
                    summary: "Edited".into(),
                    published: false,
                    proposed_by: None,
                    figures: None,
                },
                sections: vec![SectionView {
                    key: 1,
                    heading: "What recovery means".into(),
                    html: "<p>Hope, <strong>choice</strong> and people.</p>".into(),
                }],
                easy_read: EasyReadCount {
                    sections: 1,
                    written: 0,
                    out_of_date: 0,
                },
            }),
            published: None,
            may: DocumentAbilities {
                read_drafts: true,
                edit: true,
                publish: false,
            },
            activity: Vec::new(),
            public_comments_open: false,
            reading: Reading::Full,
        }
    }

    #[test]
    fn the_sections_html_is_left_out_and_nothing_else() {
        let sent = WithoutShownText::encode(&Ok(page())).expect("encoded");
        assert!(!sent.contains("choice"), "{sent}");
        let back: Loaded = WithoutShownText::decode(&sent).expect("decoded");
        let Ok(back) = back else {
            panic!("an error came back");
        };
        let mut expected = page();
        if let Some(shown) = expected.shown.as_mut() {
            shown.sections[0].html = String::new();
        }
        assert_eq!(back, expected);
    }

    #[test]
    fn an_error_is_sent_as_it_is() {
        let refused: Loaded = Err(AppError::NotFound("that document".into()));
        let sent = WithoutShownText::encode(&refused).expect("encoded");
        let back: Loaded = WithoutShownText::decode(&sent).expect("decoded");
        assert_eq!(back, refused);
    }

    #[test]
    fn a_comparison_keeps_what_happened_and_leaves_out_its_words() {
        use crate::domain::document::diff::SectionDiff;
        use crate::domain::document::marked::MarkedSection;
        let full = page();
        let meta = full.shown.as_ref().expect("shown").meta.clone();
        let compare = ComparePage {
            process: full.process.clone(),
            kind: full.kind,
            from: meta.clone(),
            to: meta,
            newest: 2,
            sections: vec![MarkedSection::from(SectionDiff::example(
                "Hope and choice",
                "Hope, housing and choice",
            ))],
        };
        let sent = WithoutShownText::encode(&Ok(compare.clone())).expect("encoded");
        assert!(!sent.contains("housing"), "{sent}");
        let back: Result<ComparePage, AppError> = WithoutShownText::decode(&sent).expect("decoded");
        let back = back.expect("a page came back");
        let mut expected = compare;
        expected.sections[0].body = String::new();
        assert_eq!(back, expected, "all but the words, which the HTML shows");
        assert!(!back.sections[0].unchanged, "still shown as changed");
    }
}
