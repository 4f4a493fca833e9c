//! The field's words, explained plainly, for readers who do not know them. A section lists
//! the terms it uses, each once, under "Words explained", wherever the text is shown: a
//! definition list with `<dfn>`, which needs no JavaScript and reads well with a screen
//! reader.

use serde::{Deserialize, Serialize};

/// A term and its plain explanation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entry {
    /// As written in the explanation's heading.
    pub term: String,
    /// Other ways of writing it (lower case), matched as whole words.
    pub also: Vec<String>,
    pub meaning: String,
}

/// A starting entry, as written below.
struct Seed {
    term: &'static str,
    also: &'static [&'static str],
    meaning: &'static str,
}

/// The starting glossary, for a process that has not made its own.
pub fn starting() -> Vec<Entry> {
    STARTING
        .iter()
        .map(|s| Entry {
            term: s.term.to_string(),
            also: s.also.iter().map(|a| a.to_string()).collect(),
            meaning: s.meaning.to_string(),
        })
        .collect()
}

/// The starting glossary, written from the project's domain notes and seed texts.
const STARTING: &[Seed] = &[
    Seed {
        term: "ROIS",
        also: &[
            "recovery-oriented integrated system",
            "recovery oriented integrated system",
        ],
        meaning: "A recovery-oriented integrated system: all the local services and community support that help people recover, working together.",
    },
    Seed {
        term: "Recovery capital",
        also: &[],
        meaning: "What a person can draw on in recovery. It is their own strengths, the people around them, and what their community offers, such as housing and work.",
    },
    Seed {
        term: "Harm reduction",
        also: &[],
        meaning: "Help that makes drug or alcohol use safer, without asking people to stop first: for example clean equipment, naloxone and safer ways to use.",
    },
    Seed {
        term: "Opioid substitution treatment",
        also: &["ost", "opioid substitution therapy"],
        meaning: "A prescribed medicine, such as methadone or buprenorphine, taken instead of heroin or other opioids, so that life can become more stable.",
    },
    Seed {
        term: "Naloxone",
        also: &[],
        meaning: "A medicine that reverses an opioid overdose for long enough to get help. Anyone can be trained to give it.",
    },
    Seed {
        term: "Mutual aid",
        also: &[],
        meaning: "Groups where people in recovery support each other, free and run by their members, such as AA, NA and SMART Recovery.",
    },
    Seed {
        term: "Peer support",
        also: &["peer supporter", "peer supporters"],
        meaning: "Support from someone who has been through drug or alcohol problems themselves and is trained to help others.",
    },
    Seed {
        term: "Lived experience",
        also: &[],
        meaning: "Knowing drug or alcohol problems, or recovery, from your own life, or from the life of someone close to you.",
    },
    Seed {
        term: "Commissioner",
        also: &["commissioners", "commissioning"],
        meaning: "Someone at the council or the health service who decides which services are paid for, and checks how well they work.",
    },
    Seed {
        term: "Detox",
        also: &["detoxification"],
        meaning: "Stopping a drug or alcohol safely, with medical help for the withdrawal, at home or in a clinic.",
    },
    Seed {
        term: "Lapse",
        also: &["lapses"],
        meaning: "A short return to drug or alcohol use. It is common in recovery, and not a failure.",
    },
    Seed {
        term: "Aftercare",
        also: &[],
        meaning: "Support after treatment ends, to help recovery last.",
    },
];

/// The entries of `glossary` that `text` uses (as a reader sees it: `plain` is the text
/// without Markdown), each once, in the order they first appear. Matched as whole words in
/// any case, the term itself or any of its other forms.
pub fn used_in(plain: &str, glossary: &[Entry]) -> Vec<Entry> {
    // The words as a reader sees them, split at hyphens too: "recovery-oriented" is one word
    // on the page and two in a form. Matching compares slices, allocating nothing per word
    // (this runs for every section of every page that shows a document).
    let words: Vec<String> = plain
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut found: Vec<(usize, &Entry)> = Vec::new();
    for entry in glossary {
        let first = std::iter::once(entry.term.to_lowercase())
            .chain(entry.also.iter().cloned())
            .filter_map(|form| {
                let parts: Vec<&str> = form.split([' ', '-']).collect();
                words
                    .windows(parts.len())
                    .position(|w| w.iter().zip(&parts).all(|(word, part)| word == part))
            })
            .min();
        if let Some(at) = first {
            found.push((at, entry));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, e)| e.clone()).collect()
}

/// The entry of `glossary` called `term`.
#[cfg(test)]
fn entry<'a>(glossary: &'a [Entry], term: &str) -> Option<&'a Entry> {
    glossary.iter().find(|e| e.term == term)
}

/// Where `entry` first appears in `text` (a byte range), as a whole word in any case, in
/// any of its forms (a space and a hyphen count as the same). Forms are plain ASCII.
pub fn first_in(text: &str, entry: &Entry) -> Option<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let is_word = |c: char| c.is_alphanumeric() || c == '\'';
    let matches_at = |start: usize, form: &str| {
        let form = form.as_bytes();
        bytes.len() >= start + form.len()
            && form.iter().zip(&bytes[start..]).all(|(f, t)| {
                f.eq_ignore_ascii_case(t) || (matches!(f, b' ' | b'-') && matches!(t, b' ' | b'-'))
            })
    };
    let forms: Vec<String> = std::iter::once(entry.term.to_lowercase())
        .chain(entry.also.iter().cloned())
        .collect();
    text.char_indices()
        .filter(|(i, _)| !text[..*i].chars().next_back().is_some_and(is_word))
        .find_map(|(start, _)| {
            forms.iter().find_map(|form| {
                let end = start + form.len();
                (matches_at(start, form)
                    && text.is_char_boundary(end)
                    && !text[end..].chars().next().is_some_and(is_word))
                .then_some(start..end)
            })
        })
}

/// Words of the field that many readers will not know: abbreviations and treatment words.
/// The editor names those a section uses that its process's glossary does not explain.
const FIELD_WORDS: &[&str] = &[
    "rois",
    "recovery capital",
    "harm reduction",
    "opioid substitution treatment",
    "ost",
    "naloxone",
    "mutual aid",
    "peer support",
    "lived experience",
    "commissioner",
    "commissioning",
    "detox",
    "detoxification",
    "lapse",
    "relapse",
    "aftercare",
    "rehab",
    "residential rehabilitation",
    "methadone",
    "buprenorphine",
    "abstinence",
    "dual diagnosis",
    "co-production",
    "co-produced",
    "needle exchange",
    "outreach",
    "key worker",
    "tier 4",
    "12-step",
    "twelve-step",
    "smart recovery",
    "recovery community",
    "psychosocial",
    "integrated system",
    "care coordinator",
    "drug-related death",
    "drug-related deaths",
];

/// The field's words that `plain` uses and `glossary` does not explain, in the order they
/// first appear.
pub fn unexplained(plain: &str, glossary: &[Entry]) -> Vec<String> {
    let normal = |s: &str| s.to_lowercase().replace('-', " ");
    let explained: Vec<String> = glossary
        .iter()
        .flat_map(|e| std::iter::once(e.term.as_str()).chain(e.also.iter().map(String::as_str)))
        .map(normal)
        .collect();
    let mut found: Vec<(usize, String)> = FIELD_WORDS
        .iter()
        .filter(|w| !explained.contains(&normal(w)))
        .filter_map(|w| {
            let probe = Entry {
                term: (*w).to_string(),
                also: Vec::new(),
                meaning: String::new(),
            };
            first_in(plain, &probe).map(|r| (r.start, plain[r].to_lowercase()))
        })
        .collect();
    found.sort();
    found.dedup_by(|a, b| a.1 == b.1);
    found.into_iter().map(|(_, w)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fields_words_not_in_the_glossary_are_named() {
        let text = "Methadone and rehab help; naloxone too. More rehab.";
        assert_eq!(unexplained(text, &starting()), vec!["methadone", "rehab"]);
        let mut own = starting();
        own.push(Entry {
            term: "Rehab".into(),
            also: vec![],
            meaning: "A place to recover.".into(),
        });
        assert_eq!(unexplained(text, &own), vec!["methadone"]);
        assert!(unexplained("Nothing special here.", &[]).is_empty());
    }

    fn first(text: &str, term: &str) -> Option<String> {
        first_in(text, entry(&starting(), term).unwrap()).map(|r| text[r].to_string())
    }

    #[test]
    fn a_terms_first_place_is_a_whole_word_in_any_case_and_form() {
        assert_eq!(
            first("Carry NALOXONE, and naloxone.", "Naloxone").as_deref(),
            Some("NALOXONE")
        );
        assert_eq!(first("Naloxonex is not it.", "Naloxone"), None);
        assert_eq!(
            first("Two lapses here.", "Lapse").as_deref(),
            Some("lapses")
        );
        assert_eq!(
            first("Our recovery oriented-integrated system", "ROIS").as_deref(),
            Some("recovery oriented-integrated system")
        );
        assert_eq!(
            first("Café peer support", "Peer support").as_deref(),
            Some("peer support")
        );
        assert_eq!(first("unpeer support", "Peer support"), None);
    }

    fn terms(text: &str) -> Vec<String> {
        used_in(text, &starting())
            .into_iter()
            .map(|e| e.term)
            .collect()
    }

    #[test]
    fn terms_are_found_as_whole_words_in_any_case_in_order() {
        assert_eq!(
            terms("Everyone should carry NALOXONE. Harm reduction saves lives; naloxone too."),
            vec!["Naloxone", "Harm reduction"]
        );
        assert!(terms("A relapse is not a lapsed membership.").is_empty());
    }

    #[test]
    fn other_forms_and_hyphens_count() {
        assert_eq!(
            terms("Our recovery-oriented integrated system"),
            vec!["ROIS"]
        );
        assert_eq!(terms("Two lapses in a year."), vec!["Lapse"]);
        assert_eq!(
            terms("Peer supporters and commissioners met."),
            vec!["Peer support", "Commissioner"]
        );
    }

    #[test]
    fn every_entry_is_explained_in_short_sentences() {
        for entry in starting() {
            let figures = crate::domain::readability::readability(&entry.meaning);
            assert_eq!(figures.over_long, 0, "{}: {}", entry.term, entry.meaning);
        }
    }
}
