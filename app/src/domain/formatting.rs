//! What the formatting buttons beside a text box do to the selected words: people press
//! "Bold", "List" or "Link" instead of learning Markdown's marks, and the preview shows the
//! result as it will look.

/// A formatting button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Bold,
    List,
    Link,
}

impl Format {
    pub const ALL: [Format; 3] = [Self::Bold, Self::List, Self::Link];

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            Self::Bold => "Bold",
            Self::List => "List",
            Self::Link => "Link",
        }
    }

    /// The text that replaces `selected`, and where in it (in chars) the selection goes
    /// afterwards: the words, or the placeholder to type over.
    pub fn apply(self, selected: &str) -> (String, std::ops::Range<usize>) {
        match self {
            Self::Bold => {
                let words = if selected.trim().is_empty() {
                    "important words"
                } else {
                    selected
                };
                let count = words.chars().count();
                (format!("**{words}**"), 2..2 + count)
            }
            Self::List => {
                let lines: Vec<&str> = if selected.trim().is_empty() {
                    vec!["first point", "second point"]
                } else {
                    selected.lines().filter(|l| !l.trim().is_empty()).collect()
                };
                // A list needs a blank line before it to start.
                let list: String = lines
                    .iter()
                    .map(|l| format!("- {}", l.trim_start_matches(['-', '*', ' '])))
                    .collect::<Vec<_>>()
                    .join("\n");
                let text = format!("\n\n{list}\n\n");
                let count = text.chars().count();
                (text, 2..count - 2)
            }
            Self::Link => {
                let words = if selected.trim().is_empty() {
                    "words to click"
                } else {
                    selected
                };
                let count = words.chars().count();
                let text = format!("[{words}](https://)");
                // The address is what is left to type.
                let address = count + 3..count + 3 + "https://".len();
                (text, address)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::markdown::plain_text;

    fn selected_of(text: &str, range: std::ops::Range<usize>) -> String {
        text.chars().skip(range.start).take(range.len()).collect()
    }

    #[test]
    fn bold_wraps_the_selection_and_keeps_it_selected() {
        let (text, range) = Format::Bold.apply("hope");
        assert_eq!(text, "**hope**");
        assert_eq!(selected_of(&text, range), "hope");
        assert_eq!(plain_text(&text), "hope");
    }

    #[test]
    fn a_list_puts_each_selected_line_on_its_own_point() {
        let (text, range) = Format::List.apply("housing\nwork\n");
        assert_eq!(text, "\n\n- housing\n- work\n\n");
        assert_eq!(selected_of(&text, range), "- housing\n- work");
        assert_eq!(plain_text(&text), "• housing\n• work");
    }

    #[test]
    fn a_link_selects_the_address_to_type() {
        let (text, range) = Format::Link.apply("NHS");
        assert_eq!(text, "[NHS](https://)");
        assert_eq!(selected_of(&text, range), "https://");
        let (text, range) = Format::Bold.apply("");
        assert_eq!(selected_of(&text, range), "important words");
    }
}
