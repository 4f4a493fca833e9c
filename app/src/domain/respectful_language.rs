//! Respectful language: words that label people by their drug or alcohol use, or judge them,
//! with person-first alternatives and the reason in one plain sentence. Advice while
//! writing, never a block: a quotation (in quotation marks, or a block quote) is not flagged,
//! and neither is code or a link's address.

use serde::{Deserialize, Serialize};

/// A word to think twice about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// Lower case; matched as whole words, with a plural "s".
    pub words: String,
    pub instead: String,
    pub why: String,
}

/// A starting term, as written below.
struct Seed {
    words: &'static str,
    instead: &'static str,
    why: &'static str,
}

/// The starting list, for a process that has not made its own.
pub fn starting() -> Vec<Term> {
    STARTING
        .iter()
        .map(|s| Term {
            words: s.words.to_string(),
            instead: s.instead.to_string(),
            why: s.why.to_string(),
        })
        .collect()
}

/// The starting list, from what drug-user and recovery organisations ask for.
const STARTING: &[Seed] = &[
    Seed {
        words: "addict",
        instead: "a person who uses drugs, or a person with a drug problem",
        why: "It labels a person by one part of their life; person-first words do not.",
    },
    Seed {
        words: "junkie",
        instead: "a person who uses drugs",
        why: "It is an insult that keeps people away from help.",
    },
    Seed {
        words: "drug abuser",
        instead: "a person who uses drugs",
        why: "\u{201c}Abuser\u{201d} blames and is linked with violence; it is not a medical word.",
    },
    Seed {
        words: "abuser",
        instead: "a person who uses drugs or alcohol",
        why: "\u{201c}Abuser\u{201d} blames and is linked with violence; it is not a medical word.",
    },
    Seed {
        words: "substance abuse",
        instead: "drug or alcohol use, or a drug or alcohol problem",
        why: "\u{201c}Abuse\u{201d} blames the person; research finds it makes even clinicians judge more harshly.",
    },
    Seed {
        words: "alcoholic",
        instead: "a person with an alcohol problem",
        why: "It labels a person by one part of their life; person-first words do not.",
    },
    Seed {
        words: "clean",
        instead: "not using drugs, in recovery, or a negative test",
        why: "It suggests that people who use drugs are dirty.",
    },
    Seed {
        words: "dirty",
        instead: "using drugs, or a positive test",
        why: "It suggests that people who use drugs are dirty.",
    },
    Seed {
        words: "drunk",
        instead: "a person with an alcohol problem",
        why: "As a name for a person, it is an insult.",
    },
    Seed {
        words: "former addict",
        instead: "a person in recovery",
        why: "It keeps a label a person has left behind.",
    },
];

/// Where a term was found, and what to say about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// The words as written.
    pub found: String,
    pub instead: String,
    pub why: String,
}

/// The terms of `terms` in `markdown`, each once, longest first where two overlap ("drug
/// abuser" rather than "abuser"). Words in quotation marks, block quotes, code and link
/// addresses are left alone.
pub fn flags(markdown: &str, terms: &[Term]) -> Vec<Flag> {
    let words = unquoted_words(markdown);
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut by_length: Vec<&Term> = terms.iter().collect();
    by_length.sort_by_key(|t| std::cmp::Reverse(t.words.split(' ').count()));
    let mut used = vec![false; words.len()];
    let mut out: Vec<(usize, Flag)> = Vec::new();
    for term in by_length {
        let parts: Vec<&str> = term.words.split(' ').collect();
        let n = parts.len();
        for start in 0..words.len().saturating_sub(n - 1) {
            let matches = (0..n).all(|i| {
                let word = &lower[start + i];
                let part = parts[i];
                // The last word may be plural.
                word == part || (i == n - 1 && word.strip_suffix('s') == Some(part))
            });
            if matches && !used[start..start + n].iter().any(|u| *u) {
                used[start..start + n].iter_mut().for_each(|u| *u = true);
                if !out
                    .iter()
                    .any(|(_, f)| f.instead == term.instead && f.why == term.why)
                {
                    out.push((
                        start,
                        Flag {
                            found: words[start..start + n].join(" "),
                            instead: term.instead.clone(),
                            why: term.why.clone(),
                        },
                    ));
                }
            }
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, f)| f).collect()
}

/// The words of the text a reader sees, outside quotations, code and link addresses.
fn unquoted_words(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut text = String::new();
    let mut in_quote_block = 0usize;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => in_quote_block += 1,
            Event::End(TagEnd::BlockQuote(_)) => in_quote_block = in_quote_block.saturating_sub(1),
            // Code is quoted text by nature; a link's address is not read.
            Event::Text(t) if in_quote_block == 0 => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            Event::Code(_) => text.push(' '),
            _ => {}
        }
    }
    // Leave out what is between quotation marks (straight or curly).
    let mut words = Vec::new();
    let mut quoted = false;
    let mut word = String::new();
    for c in text.chars() {
        match c {
            '"' => {
                // The word before the mark belongs to whichever side it was on.
                flush(&mut words, &mut word, quoted);
                quoted = !quoted;
            }
            '\u{201c}' => {
                quoted = true;
                flush(&mut words, &mut word, false);
            }
            '\u{201d}' => {
                quoted = false;
                word.clear();
            }
            c if c.is_alphanumeric() || c == '\'' || c == '-' => word.push(c),
            _ => flush(&mut words, &mut word, quoted),
        }
    }
    flush(&mut words, &mut word, quoted);
    words
}

fn flush(words: &mut Vec<String>, word: &mut String, quoted: bool) {
    let w = word.trim_matches(|c: char| c == '\'' || c == '-');
    if !w.is_empty() && !quoted {
        words.push(w.to_string());
    }
    word.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        flags(text, &starting())
            .into_iter()
            .map(|f| f.found)
            .collect()
    }

    #[test]
    fn whole_words_and_plurals_in_any_case_are_found() {
        assert_eq!(found("Addicts deserve help."), vec!["Addicts"]);
        assert_eq!(found("She has been clean for a year."), vec!["clean"]);
        assert!(found("We cleaned the room. Addiction services.").is_empty());
        assert!(found("A cleaner and an addictive game.").is_empty());
    }

    #[test]
    fn the_longer_term_wins_where_two_overlap() {
        let flags = flags("Support for each drug abuser.", &starting());
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].found, "drug abuser");
    }

    #[test]
    fn quotations_code_and_link_addresses_are_left_alone() {
        assert!(found("He said \u{201c}I was an addict\u{201d} and smiled.").is_empty());
        assert!(found("They called it \"clean\" time.").is_empty());
        assert!(found("> I was a junkie for ten years.").is_empty());
        assert!(found("Run `clean` first.").is_empty());
        assert!(found("See [our page](https://example.org/addict).").is_empty());
        // A link's words are read, though.
        assert_eq!(
            found("See [help for addicts](https://example.org)."),
            vec!["addicts"]
        );
    }

    #[test]
    fn each_flag_says_what_instead_and_why() {
        let flags = flags("Clean and dirty tests.", &starting());
        assert_eq!(flags.len(), 2);
        assert!(flags[0].instead.contains("negative test"));
        assert!(!flags[1].why.is_empty());
    }
}
