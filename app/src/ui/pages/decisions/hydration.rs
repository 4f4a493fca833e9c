//! What the decision page leaves out of the data it sends for hydration (see
//! `ui::components::shown_text`): the names of who took part and who has not voted yet, a
//! thousand of them on a large vote, each already a line of the page's HTML.

use crate::ui::components::shown_text::ShownInTheHtml;
use crate::views::decisions::DecisionPage;

impl ShownInTheHtml for DecisionPage {
    fn leave_out_shown_text(&mut self) {
        let names = self
            .took_part
            .iter_mut()
            .chain(self.not_voted.iter_mut().flatten());
        for name in names {
            *name = String::new();
        }
    }
}
