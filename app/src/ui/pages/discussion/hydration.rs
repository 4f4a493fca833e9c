//! What a section's discussion leaves out of the data it sends for hydration (see
//! `ui::components::shown_text`): the section's HTML, each comment's and each amendment's,
//! all shown as they are (`inner_html`).

use crate::ui::components::shown_text::ShownInTheHtml;
use crate::views::discussion::SectionDiscussion;

impl ShownInTheHtml for SectionDiscussion {
    fn leave_out_shown_text(&mut self) {
        self.html = String::new();
        for thread in &mut self.threads {
            for comment in std::iter::once(&mut thread.first).chain(thread.replies.iter_mut()) {
                // Kept `Some`: whether a comment's text is shown decides its markup.
                if let Some(html) = comment.html.as_mut() {
                    *html = String::new();
                }
            }
        }
        for amendment in &mut self.amendments {
            amendment.proposed_html = String::new();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ProcessSummary;
    use crate::domain::deliberation::anchor::{AnchorNow, QuoteNow, SectionNow};
    use crate::domain::document::DocumentKind;
    use crate::domain::paging::PageOf;
    use crate::error::AppError;
    use crate::ui::components::shown_text::WithoutShownText;
    use crate::views::discussion::{CommentView, DiscussionAbilities, ThreadView};
    use leptos::server::codee::{Decoder, Encoder};

    fn comment(id: i64, html: Option<&str>) -> CommentView {
        CommentView {
            id,
            author: "Sam (a person who uses services)".into(),
            created_at: 0,
            html: html.map(str::to_string),
            moderator_note: None,
            hidden_reason: html.is_none().then(|| "off topic".to_string()),
            hidden: html.is_none(),
            awaiting_approval: false,
        }
    }

    fn page() -> SectionDiscussion {
        SectionDiscussion {
            process: ProcessSummary::example(),
            kind: DocumentKind::Definition,
            key: 1,
            heading: "What recovery means".into(),
            html: "<p>Hope and <strong>choice</strong>.</p>".into(),
            markdown: Some("Hope and **choice**.".into()),
            version: 3,
            activity: Default::default(),
            threads: vec![ThreadView {
                first: comment(1, Some("<p>Add housing.</p>")),
                replies: vec![
                    comment(2, Some("<p>Agreed, and work.</p>")),
                    comment(3, None),
                ],
                made_on: 2,
                quote: Some("choice".into()),
                anchor: AnchorNow {
                    made_on_earlier: true,
                    section: SectionNow::Changed,
                    quote: QuoteNow::StillThere,
                    renamed_from: None,
                    moved: None,
                },
                resolved: None,
                may_resolve: true,
            }],
            threads_page: PageOf {
                number: 1,
                pages: 1,
            },
            thread_count: 1,
            amendments: Vec::new(),
            may: DiscussionAbilities::default(),
            signed_in: true,
            human_check: None,
            language: Vec::new(),
        }
    }

    #[test]
    fn the_shown_html_is_left_out_and_nothing_else() {
        let sent = WithoutShownText::encode(&Ok(page())).expect("encoded");
        for shown in ["choice</strong>", "housing", "work"] {
            assert!(!sent.contains(shown), "{shown} sent again: {sent}");
        }
        let back: Result<SectionDiscussion, AppError> =
            WithoutShownText::decode(&sent).expect("decoded");
        let mut expected = page();
        expected.html = String::new();
        expected.threads[0].first.html = Some(String::new());
        expected.threads[0].replies[0].html = Some(String::new());
        assert_eq!(
            back,
            Ok(expected),
            "the hidden comment stays hidden, the rest as it was"
        );
    }
}
