//! How easy a section is to read, as advice while writing (never a block): sentences of more
//! than 15 words (the Easy Read limit) and more than 25, long words, and a reading-age
//! estimate.
//!
//! The estimate is the Flesch-Kincaid grade level (0.39 × words per sentence + 11.8 ×
//! syllables per word − 15.59) plus 5, turning a US school grade into an age. Its limits: it
//! counts syllables by a rule of thumb (groups of vowels, a silent final "e"), so it misjudges
//! some words; it knows nothing of how familiar a word is ("naloxone" and "bananas" score the
//! same) or how clear the ideas are; it is made for English prose, not lists or headings; and
//! on a few sentences it swings widely. It is a guide to compare drafts of the same text, not
//! a verdict.

use serde::{Deserialize, Serialize};

use super::markdown::plain_text;

/// The Easy Read limit on a sentence.
pub const EASY_READ_WORDS: usize = 15;
/// A sentence longer than this is hard for most readers.
pub const LONG_SENTENCE_WORDS: usize = 25;
/// A word of this many syllables or more counts as long.
pub const LONG_WORD_SYLLABLES: usize = 3;

/// A sentence the report points at, with its length in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlaggedSentence {
    pub text: String,
    pub words: usize,
}

/// A section's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Readability {
    pub sentences: usize,
    pub words: usize,
    /// Sentences over [`EASY_READ_WORDS`] (including those over [`LONG_SENTENCE_WORDS`]).
    pub over_easy_read: Vec<FlaggedSentence>,
    /// Sentences over [`LONG_SENTENCE_WORDS`].
    pub over_long: usize,
    /// Distinct long words, in the order they first appear.
    pub long_words: Vec<String>,
    /// Flesch-Kincaid grade + 5, rounded; `None` for a text without sentences.
    pub reading_age: Option<u32>,
}

/// The sentences of a text as a reader sees it: ended by ".", "!" or "?" followed by a space
/// or the end, or by a line break (a list item or paragraph ends one too).
pub fn sentences(markdown: &str) -> Vec<String> {
    let text = plain_text(markdown);
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim().trim_start_matches("• ");
        let mut current = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            current.push(c);
            let ends = matches!(c, '.' | '!' | '?')
                && chars.peek().is_none_or(|next| next.is_whitespace());
            if ends {
                push_sentence(&mut out, &mut current);
            }
        }
        push_sentence(&mut out, &mut current);
    }
    out
}

fn push_sentence(out: &mut Vec<String>, current: &mut String) {
    let sentence = current.trim();
    if words_in(sentence).next().is_some() {
        out.push(sentence.to_string());
    }
    current.clear();
}

/// The words of a sentence: runs without spaces holding a letter or digit, trimmed of
/// punctuation.
fn words_in(sentence: &str) -> impl Iterator<Item = &str> {
    sentence
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// Syllables in an English word, by rule of thumb: groups of vowels (with "y"), less a
/// silent final "e" (but not "-le"), at least one.
pub fn syllables(word: &str) -> usize {
    let word: Vec<char> = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if word.is_empty() {
        return 0;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut groups = 0;
    let mut previous = false;
    for &c in &word {
        let v = vowel(c);
        if v && !previous {
            groups += 1;
        }
        previous = v;
    }
    let n = word.len();
    let silent_e = n > 2 && word[n - 1] == 'e' && word[n - 2] != 'l' && !vowel(word[n - 2]);
    // "-es" and "-ed" endings are mostly silent too ("hopes", "hoped"), but not after t/d/s.
    let silent_ending = n > 3
        && matches!(word[n - 1], 's' | 'd')
        && word[n - 2] == 'e'
        && !matches!(word[n - 3], 't' | 'd' | 's' | 'x' | 'z' | 'c' | 'g')
        && !vowel(word[n - 3]);
    if (silent_e || silent_ending) && groups > 1 {
        groups -= 1;
    }
    groups.max(1)
}

/// The figures for a section's Markdown.
pub fn readability(markdown: &str) -> Readability {
    let sentences = sentences(markdown);
    let mut words = 0;
    let mut syllable_total = 0;
    let mut over_easy_read = Vec::new();
    let mut over_long = 0;
    let mut long_words: Vec<String> = Vec::new();
    for sentence in &sentences {
        let in_sentence: Vec<&str> = words_in(sentence).collect();
        words += in_sentence.len();
        for word in &in_sentence {
            let s = syllables(word);
            syllable_total += s;
            let lower = word.to_lowercase();
            if s >= LONG_WORD_SYLLABLES && !long_words.contains(&lower) {
                long_words.push(lower);
            }
        }
        if in_sentence.len() > EASY_READ_WORDS {
            over_easy_read.push(FlaggedSentence {
                text: sentence.clone(),
                words: in_sentence.len(),
            });
        }
        if in_sentence.len() > LONG_SENTENCE_WORDS {
            over_long += 1;
        }
    }
    let reading_age = (words > 0).then(|| {
        let grade = 0.39 * words as f64 / sentences.len() as f64
            + 11.8 * syllable_total as f64 / words as f64
            - 15.59;
        // Below grade 0 the formula means nothing more than "very easy".
        (grade.max(0.0) + 5.0).round() as u32
    });
    Readability {
        sentences: sentences.len(),
        words,
        over_easy_read,
        over_long,
        long_words,
        reading_age,
    }
}

/// A whole version's figures, kept with it so the history can show the text getting easier
/// without reading every version's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionFigures {
    pub reading_age: Option<u32>,
    /// Sentences over [`EASY_READ_WORDS`].
    pub over_easy_read: u32,
}

/// The figures of a version's full text: its sections' texts read as one.
pub fn version_figures<'a>(texts: impl Iterator<Item = &'a str>) -> VersionFigures {
    let all: Vec<&str> = texts.collect();
    let r = readability(&all.join("\n\n"));
    VersionFigures {
        reading_age: r.reading_age,
        over_easy_read: u32::try_from(r.over_easy_read.len()).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_versions_figures_read_its_sections_as_one_text() {
        let long = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen.";
        let figures = version_figures(["Hope is here.", long, ""].into_iter());
        assert_eq!(figures.over_easy_read, 1);
        assert_eq!(
            figures.reading_age,
            readability(&format!("Hope is here.\n\n{long}")).reading_age
        );
        assert_eq!(version_figures(std::iter::empty()).reading_age, None);
    }

    #[test]
    fn syllables_are_counted_by_hand_rules() {
        for (word, expected) in [
            ("hope", 1),
            ("recovery", 4),
            ("people", 2),
            ("community", 4),
            ("support", 2),
            ("hoped", 1),
            ("needed", 2),
            ("houses", 2),
            ("naloxone", 3),
            ("a", 1),
            ("rhythm", 1),
        ] {
            assert_eq!(syllables(word), expected, "{word}");
        }
    }

    #[test]
    fn sentences_end_at_stops_and_at_list_items() {
        assert_eq!(
            sentences("Recovery is hope. It is **ours**!\n\n- housing\n- work"),
            vec!["Recovery is hope.", "It is ours!", "housing", "work"]
        );
        // A full stop inside a number or an address does not end a sentence.
        assert_eq!(
            sentences("It costs 2.5 million. See nhs.uk today."),
            vec!["It costs 2.5 million.", "See nhs.uk today."]
        );
    }

    /// Counted by hand: 2 sentences, 21 words, 28 syllables.
    #[test]
    fn a_hand_counted_text_gives_its_figures() {
        let text = "Recovery is possible. People who have been there can help others find a way back to a good life with hope.";
        let r = readability(text);
        assert_eq!(r.sentences, 2);
        assert_eq!(r.words, 3 + 18);
        assert_eq!(r.over_easy_read.len(), 1);
        assert_eq!(r.over_easy_read[0].words, 18);
        assert_eq!(r.over_long, 0);
        assert_eq!(r.long_words, vec!["recovery", "possible"]);
        // Syllables: recovery 4, is 1, possible 3; people 2, others 2 and 16 words of one:
        // 28 in 21 words; grade 0.39 × 10.5 + 11.8 × 28/21 − 15.59 = 4.24; age 9.
        assert_eq!(r.reading_age, Some(9));
    }

    #[test]
    fn a_long_sentence_is_flagged_twice_over() {
        let long = "word ".repeat(30);
        let r = readability(&format!("{}.", long.trim()));
        assert_eq!(r.over_easy_read.len(), 1);
        assert_eq!(r.over_long, 1);
    }

    #[test]
    fn an_empty_section_has_no_reading_age() {
        assert_eq!(readability("").reading_age, None);
        assert_eq!(readability("").sentences, 0);
    }
}
