//! Comparing two versions: per section, a word-level diff of the text as readers see it
//! (without Markdown's marks, see [`plain_text`]), and whether the
//! section was added, removed, renamed or moved. Sections are matched by their key, so a
//! renamed or moved section is recognised as the same section.

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};

use super::{DocumentContent, Section, SectionKey};
use crate::domain::markdown::plain_text;

/// A run of words that stayed, was added or was removed (whitespace included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WordChange {
    Same(String),
    Added(String),
    Removed(String),
}

/// Word-level differences from `old` to `new`. Each stretch of change reads as one removed
/// run followed by one added run (spaces between changed words included), rather than
/// alternating word by word, so a rewritten sentence reads as "removed this, added that".
pub fn word_diff(old: &str, new: &str) -> Vec<WordChange> {
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<WordChange> = Vec::new();
    // The current stretch of change, and spaces seen since its last changed word (they join
    // the stretch only if another change follows).
    let (mut removed, mut added, mut spaces) = (String::new(), String::new(), String::new());
    let flush = |out: &mut Vec<WordChange>, removed: &mut String, added: &mut String| {
        if !removed.is_empty() {
            out.push(WordChange::Removed(std::mem::take(removed)));
        }
        if !added.is_empty() {
            out.push(WordChange::Added(std::mem::take(added)));
        }
    };
    let push_same = |out: &mut Vec<WordChange>, text: &str| match out.last_mut() {
        Some(WordChange::Same(run)) => run.push_str(text),
        _ => out.push(WordChange::Same(text.to_string())),
    };
    for change in diff.iter_all_changes() {
        let text = change.value();
        let in_stretch = !removed.is_empty() || !added.is_empty();
        match change.tag() {
            ChangeTag::Equal if in_stretch && text.trim().is_empty() => spaces.push_str(text),
            ChangeTag::Equal => {
                flush(&mut out, &mut removed, &mut added);
                push_same(&mut out, &std::mem::take(&mut spaces));
                push_same(&mut out, text);
            }
            tag => {
                if !spaces.is_empty() {
                    removed.push_str(&spaces);
                    added.push_str(&spaces);
                    spaces.clear();
                }
                if tag == ChangeTag::Delete {
                    removed.push_str(text);
                } else {
                    added.push_str(text);
                }
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    if !spaces.is_empty() {
        push_same(&mut out, &spaces);
    }
    out.retain(|c| !matches!(c, WordChange::Same(t) if t.is_empty()));
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SectionStatus {
    Added,
    Removed,
    Kept,
}

/// How one section changed between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionDiff {
    pub key: SectionKey,
    pub status: SectionStatus,
    /// The heading in the newer version (the older one for a removed section).
    pub heading: String,
    /// The older heading, when the section was renamed.
    pub renamed_from: Option<String>,
    /// 1-based positions in the older and newer version.
    pub old_position: Option<usize>,
    pub new_position: Option<usize>,
    /// Whether the section changed place relative to the sections around it.
    pub moved: bool,
    pub body: Vec<WordChange>,
    /// The easy read's words; empty when neither version has one.
    pub easy_read: Vec<WordChange>,
}

impl SectionDiff {
    pub fn is_unchanged(&self) -> bool {
        self.status == SectionStatus::Kept
            && self.renamed_from.is_none()
            && !self.moved
            && self.body.iter().all(|w| matches!(w, WordChange::Same(_)))
            && !self.easy_read_changed()
    }

    pub fn easy_read_changed(&self) -> bool {
        self.easy_read
            .iter()
            .any(|w| !matches!(w, WordChange::Same(_)))
    }
}

#[cfg(test)]
impl SectionDiff {
    /// A section that stayed in its place, its text changed from `old` to `new`.
    pub fn example(old: &str, new: &str) -> Self {
        Self {
            key: SectionKey::new(1),
            status: SectionStatus::Kept,
            heading: "What recovery means".into(),
            renamed_from: None,
            old_position: Some(1),
            new_position: Some(1),
            moved: false,
            body: word_diff(old, new),
            easy_read: Vec::new(),
        }
    }
}

/// A section's easy read as readers see it ("" when it has none).
fn easy_words(section: &Section) -> String {
    section
        .easy_read
        .as_ref()
        .map_or_else(String::new, |e| plain_text(e.text.as_str()))
}

/// The keys in the longest common subsequence of two key orders: sections not in it moved.
fn stayed_in_order(old: &[SectionKey], new: &[SectionKey]) -> Vec<SectionKey> {
    let (n, m) = (old.len(), new.len());
    let mut table = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] = if old[i] == new[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if old[i] == new[j] {
            out.push(old[i]);
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// Compares two versions: the newer version's sections in order, then the sections it
/// removed, in their old order.
pub fn compare(old: &DocumentContent, new: &DocumentContent) -> Vec<SectionDiff> {
    let old_sections = old.sections();
    let new_sections = new.sections();
    let common_old: Vec<SectionKey> = old_sections
        .iter()
        .map(|s| s.key)
        .filter(|k| new_sections.iter().any(|n| n.key == *k))
        .collect();
    let common_new: Vec<SectionKey> = new_sections
        .iter()
        .map(|s| s.key)
        .filter(|k| old_sections.iter().any(|o| o.key == *k))
        .collect();
    let in_order = stayed_in_order(&common_old, &common_new);

    let mut out: Vec<SectionDiff> = new_sections
        .iter()
        .enumerate()
        .map(|(new_index, section)| {
            match old_sections
                .iter()
                .enumerate()
                .find(|(_, o)| o.key == section.key)
            {
                Some((old_index, before)) => SectionDiff {
                    key: section.key,
                    status: SectionStatus::Kept,
                    heading: section.heading.as_str().to_string(),
                    renamed_from: (before.heading != section.heading)
                        .then(|| before.heading.as_str().to_string()),
                    old_position: Some(old_index + 1),
                    new_position: Some(new_index + 1),
                    moved: !in_order.contains(&section.key),
                    body: word_diff(
                        &plain_text(before.body.as_str()),
                        &plain_text(section.body.as_str()),
                    ),
                    easy_read: word_diff(&easy_words(before), &easy_words(section)),
                },
                None => SectionDiff {
                    key: section.key,
                    status: SectionStatus::Added,
                    heading: section.heading.as_str().to_string(),
                    renamed_from: None,
                    old_position: None,
                    new_position: Some(new_index + 1),
                    moved: false,
                    body: word_diff("", &plain_text(section.body.as_str())),
                    easy_read: word_diff("", &easy_words(section)),
                },
            }
        })
        .collect();
    out.extend(
        old_sections
            .iter()
            .enumerate()
            .filter(|(_, o)| !new_sections.iter().any(|n| n.key == o.key))
            .map(|(old_index, removed)| SectionDiff {
                key: removed.key,
                status: SectionStatus::Removed,
                heading: removed.heading.as_str().to_string(),
                renamed_from: None,
                old_position: Some(old_index + 1),
                new_position: None,
                moved: false,
                body: word_diff(&plain_text(removed.body.as_str()), ""),
                easy_read: word_diff(&easy_words(removed), ""),
            }),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Section, SectionBody, SectionHeading};
    use super::*;

    fn s(key: u32, heading: &str, body: &str) -> Section {
        Section {
            key: SectionKey::new(key),
            heading: SectionHeading::parse(heading).unwrap(),
            body: SectionBody::parse(body).unwrap(),
            easy_read: None,
        }
    }

    fn doc(sections: Vec<Section>) -> DocumentContent {
        DocumentContent::new(sections).unwrap()
    }

    #[test]
    fn identical_versions_have_no_changes() {
        let a = doc(vec![
            s(1, "Hope", "Hope matters."),
            s(2, "Peers", "Peers help."),
        ]);
        assert!(compare(&a, &a).iter().all(SectionDiff::is_unchanged));
    }

    #[test]
    fn changed_words_are_marked_added_and_removed() {
        // Punctuation stays with its word.
        let changes = word_diff("Recovery is a state.", "Recovery is a process.");
        assert_eq!(
            changes,
            vec![
                WordChange::Same("Recovery is a ".into()),
                WordChange::Removed("state.".into()),
                WordChange::Added("process.".into()),
            ]
        );
    }

    #[test]
    fn a_rewritten_phrase_reads_as_one_removal_then_one_addition() {
        let changes = word_diff(
            "Recovery is what we say it is here.",
            "Recovery is hope, a home and friends here.",
        );
        assert_eq!(
            changes,
            vec![
                WordChange::Same("Recovery is ".into()),
                WordChange::Removed("what we say it is".into()),
                WordChange::Added("hope, a home and friends".into()),
                WordChange::Same(" here.".into()),
            ]
        );
        // Nothing is lost: the old text and the new text can both be read back.
        let old: String = changes
            .iter()
            .filter_map(|c| match c {
                WordChange::Same(t) | WordChange::Removed(t) => Some(t.as_str()),
                WordChange::Added(_) => None,
            })
            .collect();
        assert_eq!(old, "Recovery is what we say it is here.");
    }

    #[test]
    fn a_comparison_shows_words_not_markdown_marks() {
        let a = doc(vec![s(1, "Hope", "_What does hope mean here?_")]);
        let b = doc(vec![s(
            1,
            "Hope",
            "Hope is **people who have been there**.",
        )]);
        let text: String = compare(&a, &b)[0]
            .body
            .iter()
            .map(|c| match c {
                WordChange::Same(t) | WordChange::Added(t) | WordChange::Removed(t) => t.clone(),
            })
            .collect();
        assert!(!text.contains('*') && !text.contains('_'), "{text}");
        assert!(text.contains("people who have been there"));
    }

    #[test]
    fn a_renamed_section_is_the_same_section_with_its_old_heading() {
        let a = doc(vec![s(1, "Hope", "Text.")]);
        let b = doc(vec![s(1, "Hope and optimism", "Text.")]);
        let d = &compare(&a, &b)[0];
        assert_eq!(d.status, SectionStatus::Kept);
        assert_eq!(d.renamed_from.as_deref(), Some("Hope"));
        assert!(!d.moved);
    }

    #[test]
    fn moving_one_section_marks_only_that_section_moved() {
        let a = doc(vec![s(1, "A", ""), s(2, "B", ""), s(3, "C", "")]);
        let b = doc(vec![s(2, "B", ""), s(3, "C", ""), s(1, "A", "")]);
        let moved: Vec<u32> = compare(&a, &b)
            .iter()
            .filter(|d| d.moved)
            .map(|d| d.key.get())
            .collect();
        assert_eq!(moved, vec![1]);
    }

    #[test]
    fn added_and_removed_sections_are_shown_as_such() {
        let a = doc(vec![s(1, "Kept", "x"), s(2, "Gone", "old words")]);
        let b = doc(vec![s(1, "Kept", "x"), s(3, "New", "new words")]);
        let d = compare(&a, &b);
        assert_eq!(d.len(), 3);
        assert_eq!(
            (d[1].status, d[1].heading.as_str()),
            (SectionStatus::Added, "New")
        );
        assert_eq!(d[1].body, vec![WordChange::Added("new words".into())]);
        assert_eq!(
            (d[2].status, d[2].heading.as_str()),
            (SectionStatus::Removed, "Gone")
        );
        assert_eq!(d[2].old_position, Some(2));
        assert!(!d[0].moved, "removing a neighbour does not move a section");
    }

    #[test]
    fn a_large_document_compares_section_by_section() {
        let words = |seed: usize| {
            (0..400)
                .map(|i| format!("w{}", (i * seed) % 97))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let a = doc((1..=40)
            .map(|k| s(k, &format!("S{k}"), &words(3)))
            .collect());
        let b = doc((1..=40)
            .map(|k| s(k, &format!("S{k}"), &words(if k % 2 == 0 { 5 } else { 3 })))
            .collect());
        let d = compare(&a, &b);
        assert_eq!(d.iter().filter(|x| x.is_unchanged()).count(), 20);
    }

    #[test]
    fn a_change_to_the_easy_read_alone_shows_as_a_change() {
        use crate::domain::document::easy_read::{EasyReadText, save_easy_read};
        use crate::domain::document::editing::SectionSave;
        let v1 = doc(vec![s(1, "Hope", "Full text.")]);
        let text = EasyReadText::parse("Easy words.").unwrap();
        let Ok(SectionSave::Apply(v2)) = save_easy_read(&v1, &v1, SectionKey::new(1), text) else {
            panic!("saved")
        };
        let diff = &compare(&v1, &v2)[0];
        assert!(!diff.is_unchanged());
        assert!(diff.easy_read_changed());
        assert_eq!(
            diff.easy_read,
            vec![WordChange::Added("Easy words.".into())]
        );
        assert!(diff.body.iter().all(|w| matches!(w, WordChange::Same(_))));
        assert!(compare(&v2, &v2)[0].is_unchanged());
    }
}
