//! The document page's data as the server sends it for hydration: everything but the
//! sections' HTML, which is already in the page. Hydrating `inner_html` leaves the server's
//! markup as it is (tachys sets it only when it renders in the browser), and whenever the page
//! changes after that it is fetched afresh from its server function, which sends everything.
//! The sections were half of a long document's page, sent twice.

use leptos::server::codee::{Decoder, Encoder};

use crate::error::AppError;
use crate::views::documents::DocumentPage;

pub struct WithoutSectionHtml;

type Loaded = Result<DocumentPage, AppError>;

impl Encoder<Loaded> for WithoutSectionHtml {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(loaded: &Loaded) -> Result<String, Self::Error> {
        let Ok(page) = loaded else {
            return serde_json::to_string(loaded);
        };
        let mut page = page.clone();
        if let Some(shown) = page.shown.as_mut() {
            for section in &mut shown.sections {
                section.html = String::new();
            }
        }
        serde_json::to_string(&Loaded::Ok(page))
    }
}

impl Decoder<Loaded> for WithoutSectionHtml {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(encoded: &str) -> Result<Loaded, Self::Error> {
        crate::ui::components::json::from_json(encoded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::DocumentKind;
    use crate::domain::document::easy_read::Reading;
    use crate::domain::{ProcessDescription, ProcessId, ProcessSummary, ProcessTitle};
    use crate::views::documents::{
        DocumentAbilities, EasyReadCount, SectionView, VersionMetaView, VersionView,
    };

    fn page() -> DocumentPage {
        DocumentPage {
            process: ProcessSummary {
                id: ProcessId::new(1),
                title: ProcessTitle::parse("Our definition").expect("a title"),
                description: ProcessDescription::parse("Writing it together.")
                    .expect("a description"),
                created_at: 0,
            },
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
        let sent = WithoutSectionHtml::encode(&Ok(page())).expect("encoded");
        assert!(!sent.contains("choice"), "{sent}");
        let Ok(back) = WithoutSectionHtml::decode(&sent).expect("decoded") else {
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
        let sent = WithoutSectionHtml::encode(&refused).expect("encoded");
        assert_eq!(WithoutSectionHtml::decode(&sent).expect("decoded"), refused);
    }
}
