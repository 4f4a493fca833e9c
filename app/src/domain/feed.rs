//! A process's Atom feed (RFC 4287) of public events: versions published, decisions opened
//! and closed, ratifications. Written here rather than with a crate: a feed is a handful of
//! elements, and the only rule that matters, escaping, is the one every public page uses.

use super::calendar::iso_date;
use super::document::render::escape;

/// A public event of a process, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedEvent {
    Published {
        id: i64,
        kind: super::document::DocumentKind,
        number: i64,
        at: i64,
    },
    DecisionOpened {
        id: i64,
        question: String,
        at: i64,
    },
    DecisionClosed {
        id: i64,
        question: String,
        at: i64,
    },
    Ratified {
        id: i64,
        kind: super::document::DocumentKind,
        number: i64,
        by: String,
        at: i64,
    },
}

impl FeedEvent {
    pub fn at(&self) -> i64 {
        match self {
            Self::Published { at, .. }
            | Self::DecisionOpened { at, .. }
            | Self::DecisionClosed { at, .. }
            | Self::Ratified { at, .. } => *at,
        }
    }
}

/// One entry: what happened, when (Unix seconds), and where to read about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    /// Unique and stable, e.g. "publication-12".
    pub id: String,
    pub title: String,
    pub at: i64,
    /// A path on this site.
    pub path: String,
}

/// RFC 3339 time of a Unix timestamp (UTC).
fn rfc3339(at: i64) -> String {
    let secs = at.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        iso_date(at),
        secs / 3600,
        (secs / 60) % 60,
        secs % 60
    )
}

/// The feed of `entries` (newest first) for process `title` at `site` (no trailing slash).
pub fn atom(site: &str, feed_path: &str, title: &str, entries: &[FeedEntry]) -> String {
    let updated = entries.iter().map(|e| e.at).max().unwrap_or(0);
    let items: String = entries
        .iter()
        .map(|e| {
            format!(
                "<entry><id>{site}/{}</id><title>{}</title><updated>{}</updated>\
                 <link rel=\"alternate\" href=\"{site}{}\"/></entry>\n",
                escape(&e.id),
                escape(&e.title),
                rfc3339(e.at),
                escape(&e.path)
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
         <id>{site}{feed}</id><title>{}: Recovery Commons</title><updated>{}</updated>\
         <author><name>Recovery Commons</name></author>\
         <link rel=\"self\" href=\"{site}{feed}\"/>\n{items}</feed>\n",
        escape(title),
        rfc3339(updated),
        feed = escape(feed_path),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_rfc_3339_in_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_431_984), "2026-11-23T11:06:24Z");
    }

    #[test]
    fn the_feed_escapes_what_people_wrote() {
        let xml = atom(
            "https://rc.example",
            "/processes/1/feed.atom",
            "Sefton <&> \"us\"",
            &[FeedEntry {
                id: "decision-3-opened".into(),
                title: "Opened: Meet on <Tuesdays> & Fridays?".into(),
                at: 60,
                path: "/processes/1/decisions/3".into(),
            }],
        );
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
        assert!(
            xml.contains("<title>Sefton &lt;&amp;&gt; &quot;us&quot;: Recovery Commons</title>")
        );
        assert!(xml.contains("<title>Opened: Meet on &lt;Tuesdays&gt; &amp; Fridays?</title>"));
        assert!(xml.contains("<updated>1970-01-01T00:01:00Z</updated>"));
        assert!(xml.contains(
            "<link rel=\"alternate\" href=\"https://rc.example/processes/1/decisions/3\"/>"
        ));
        assert!(!xml.contains("<Tuesdays>"));
    }
}
