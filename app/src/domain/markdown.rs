//! Markdown to safe HTML. pulldown-cmark passes raw HTML and `javascript:` links through, so
//! raw HTML is turned into text and links and images keep only web and mail addresses. On the
//! server, where everything stored and published is rendered, the output is then sanitised
//! with ammonia as well, before it can reach `inner_html`. In the browser (the editor's live
//! preview of the writer's own words) the first two steps alone make it inert: ammonia and
//! the HTML parser it brings are a quarter of the app's WebAssembly, which every phone
//! would download.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

/// The Markdown the site understands: CommonMark with tables and strikethrough.
fn parser(source: &str) -> Parser<'_> {
    Parser::new_ext(
        source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
}

/// Renders `source` to HTML that is safe to insert into a page.
pub fn render(source: &str) -> String {
    render_marking(source, &[])
}

/// A term to mark where it first appears in a text: a link to its explanation (`anchor`, an
/// id on the same page), so a reader can reach it with the keyboard and without JavaScript.
pub struct TermMark<'a> {
    pub entry: &'a crate::domain::glossary::Entry,
    pub anchor: String,
}

/// As [`render`], with each of `marks` linked where it first appears in ordinary text (not
/// inside a link, code or a heading).
pub fn render_marking(source: &str, marks: &[TermMark<'_>]) -> String {
    let inert = inert_html_marking(source, marks);
    #[cfg(feature = "ssr")]
    let inert = sanitise(&inert);
    inert
}

/// The HTML of `source` with raw HTML shown as text and no address other than a web or mail
/// one (or a relative one) in a link or image.
#[cfg(test)]
fn inert_html(source: &str) -> String {
    inert_html_marking(source, &[])
}

fn inert_html_marking(source: &str, marks: &[TermMark<'_>]) -> String {
    let events = inert_events(source);
    let mut out = String::with_capacity(source.len() * 3 / 2);
    if marks.is_empty() {
        html::push_html(&mut out, events);
    } else {
        html::push_html(&mut out, marked(events, marks).into_iter());
    }
    out
}

/// The events with each term linked at its first place in ordinary text. Generated links are
/// `Html` events: raw HTML from the writer was already turned into text.
fn marked<'a>(events: impl Iterator<Item = Event<'a>>, marks: &[TermMark<'_>]) -> Vec<Event<'a>> {
    use crate::domain::glossary::first_in;
    use pulldown_cmark::TagEnd;
    let mut done = vec![false; marks.len()];
    // Inside a link, code, an image or a heading, terms are left alone.
    let mut inside = 0usize;
    let mut out = Vec::new();
    for event in events {
        match event {
            Event::Start(
                Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::Heading { .. },
            ) => {
                inside += 1;
                out.push(event);
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock | TagEnd::Heading(_)) => {
                inside = inside.saturating_sub(1);
                out.push(event);
            }
            Event::Text(text) if inside == 0 => {
                let mut rest: &str = &text;
                loop {
                    // The earliest not-yet-marked term in what is left of this text.
                    let next = marks
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| !done[*i])
                        .filter_map(|(i, m)| first_in(rest, m.entry).map(|r| (r, i)))
                        .min_by_key(|(r, _)| r.start);
                    let Some((range, i)) = next else { break };
                    done[i] = true;
                    if range.start > 0 {
                        out.push(Event::Text(CowStr::from(rest[..range.start].to_string())));
                    }
                    out.push(Event::Html(CowStr::from(format!(
                        "<a href=\"#{}\">",
                        marks[i].anchor
                    ))));
                    out.push(Event::Text(CowStr::from(rest[range.clone()].to_string())));
                    out.push(Event::Html(CowStr::from("</a>")));
                    rest = &rest[range.end..];
                }
                if !rest.is_empty() {
                    out.push(Event::Text(CowStr::from(rest.to_string())));
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The parser's events with raw HTML as text and only safe addresses.
fn inert_events(source: &str) -> impl Iterator<Item = Event<'_>> {
    parser(source).map(|event| match event {
        // Raw HTML is shown as the text it is, never interpreted.
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_address(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_address(dest_url),
            title,
            id,
        }),
        other => other,
    })
}

/// `address` if it is relative or uses http, https or mailto; otherwise an empty address.
/// Browsers ignore tabs, newlines and leading spaces and controls in a scheme
/// (`java\tscript:`), so those are removed before looking.
fn safe_address(address: CowStr<'_>) -> CowStr<'_> {
    let squeezed: String = address
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let scheme_end = squeezed.find([':', '/', '?', '#']);
    let has_scheme = scheme_end.is_some_and(|at| squeezed[at..].starts_with(':'));
    if !has_scheme {
        return address;
    }
    let scheme = squeezed[..scheme_end.unwrap_or(0)].to_ascii_lowercase();
    if matches!(scheme.as_str(), "http" | "https" | "mailto") {
        address
    } else {
        CowStr::Borrowed("")
    }
}

/// The words of `source` as a reader sees them, without Markdown's marks: `**hope**` is
/// "hope", a list item starts with "• ", paragraphs are separated by a blank line, and a link
/// is its words followed by its address. What changed between two versions is shown on this,
/// so nobody reads a diff full of stars and underscores (a change of emphasis alone is not
/// shown).
pub fn plain_text(source: &str) -> String {
    words_of(source, Layout::Readable)
}

/// The words of `source` as someone selecting them on the page would copy them: no marks,
/// no bullets or link addresses, every run of white space one space. Quotes are matched
/// against this.
pub fn copied_text(source: &str) -> String {
    words_of(source, Layout::Copied)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    Readable,
    Copied,
}

fn words_of(source: &str, layout: Layout) -> String {
    use pulldown_cmark::TagEnd;
    let readable = layout == Layout::Readable;
    let mut out = String::with_capacity(source.len());
    let mut links: Vec<String> = Vec::new();
    // Ends a block: a line or paragraph break when readable, a space when copied.
    let end_block = |out: &mut String, gap: &str| {
        if !readable {
            out.push(' ');
            return;
        }
        let trimmed = out.trim_end_matches([' ', '\n']).len();
        out.truncate(trimmed);
        if !out.is_empty() {
            out.push_str(gap);
        }
    };
    for event in parser(source) {
        match event {
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                out.push_str(&text);
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push(if readable { '\n' } else { ' ' }),
            Event::Start(Tag::Item) if readable => out.push_str("• "),
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                if let Some(address) = links.pop().filter(|a| readable && !a.is_empty()) {
                    out.push_str(&format!(" ({address})"));
                }
            }
            Event::End(TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead) => {
                end_block(&mut out, "\n");
            }
            Event::End(TagEnd::TableCell) => out.push_str(if readable { " | " } else { " " }),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::List(_)
                | TagEnd::Table,
            )
            | Event::Rule => end_block(&mut out, "\n\n"),
            _ => {}
        }
    }
    if readable {
        out.trim_end().to_string()
    } else {
        out
    }
}

#[cfg(feature = "ssr")]
fn sanitise(html: &str) -> String {
    // Built once: a builder holds sets of hundreds of tag and attribute names, and building
    // them again for each comment cost more than cleaning the comment.
    static SANITISER: std::sync::LazyLock<ammonia::Builder<'static>> =
        std::sync::LazyLock::new(|| {
            let mut builder = ammonia::Builder::default();
            builder
                .url_schemes(["http", "https", "mailto"].into_iter().collect())
                .link_rel(Some("nofollow noopener noreferrer"));
            builder
        });
    SANITISER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Known XSS payloads; none may survive as markup.
    const PAYLOADS: &[&str] = &[
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "![x](javascript:alert(1))",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<details open ontoggle=alert(1)>",
    ];

    /// The real tags in sanitised output (text has `<` escaped, so every `<` opens a tag).
    fn tags(html: &str) -> Vec<String> {
        html.split('<')
            .skip(1)
            .filter_map(|t| t.split('>').next())
            .map(str::to_lowercase)
            .collect()
    }

    #[test]
    fn no_xss_payload_survives() {
        no_payload_survives(render);
    }

    /// The browser's preview has no ammonia: the payloads must be inert without it too.
    #[test]
    fn no_xss_payload_survives_in_the_preview() {
        no_payload_survives(inert_html);
        assert_eq!(
            inert_html("[x](java&#9;Script:alert(1))"),
            "<p><a href=\"\">x</a></p>\n"
        );
        assert_eq!(
            inert_html("[ok](/processes/1) [web](https://nhs.uk?a=b:c)"),
            "<p><a href=\"/processes/1\">ok</a> <a href=\"https://nhs.uk?a=b:c\">web</a></p>\n"
        );
    }

    fn no_payload_survives(render: fn(&str) -> String) {
        for payload in PAYLOADS {
            let html = render(payload);
            for tag in tags(&html) {
                let name = tag
                    .trim_start_matches('/')
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string();
                assert!(
                    [
                        "p",
                        "a",
                        "img",
                        "em",
                        "strong",
                        "code",
                        "pre",
                        "ul",
                        "ol",
                        "li",
                        "h1",
                        "h2",
                        "h3",
                        "blockquote",
                        "div"
                    ]
                    .contains(&name.as_str()),
                    "{payload:?} left tag <{tag}> in {html:?}"
                );
                assert!(
                    !tag.contains(" on"),
                    "{payload:?} left an event handler in <{tag}>"
                );
                assert!(
                    !tag.contains("javascript:") && !tag.contains("data:"),
                    "{payload:?} left a script URL in <{tag}>"
                );
                assert!(
                    !tag.contains("style"),
                    "{payload:?} left a style in <{tag}>"
                );
            }
        }
    }

    #[test]
    fn plain_text_has_the_words_without_the_marks() {
        assert_eq!(
            plain_text("_What part do peer supporters play?_"),
            "What part do peer supporters play?"
        );
        assert_eq!(
            plain_text("Recovery is **hope**.\n\n- housing\n- work\n\nSee [NHS](https://nhs.uk)."),
            "Recovery is hope.\n\n• housing\n• work\n\nSee NHS (https://nhs.uk)."
        );
        assert_eq!(
            plain_text("<b>raw</b> stays as typed"),
            "<b>raw</b> stays as typed"
        );
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        assert_eq!(render("<b>bold</b>"), "<p>&lt;b&gt;bold&lt;/b&gt;</p>\n");
    }

    #[test]
    fn ordinary_markdown_renders() {
        let html = render("# Hope\n\nRecovery is **a process**, not a state.\n\n- one\n- two");
        assert!(html.contains("<h1>Hope</h1>"));
        assert!(html.contains("<strong>a process</strong>"));
        assert!(html.contains("<li>one</li>"));
    }

    #[test]
    fn external_links_get_nofollow_noopener() {
        let html = render("[NHS](https://www.nhs.uk)");
        assert!(html.contains("href=\"https://www.nhs.uk\""), "{html}");
        assert!(
            html.contains("rel=\"nofollow noopener noreferrer\""),
            "{html}"
        );
    }

    #[test]
    fn a_term_is_linked_once_where_it_first_appears_but_never_inside_links_or_code() {
        let glossary = crate::domain::glossary::starting();
        let naloxone = glossary.iter().find(|e| e.term == "Naloxone").unwrap();
        let marks = [TermMark {
            entry: naloxone,
            anchor: "term-1-1".into(),
        }];
        let html = inert_html_marking(
            "## Naloxone\n\n[naloxone](https://nhs.uk) and `naloxone` and Naloxone, naloxone.",
            &marks,
        );
        assert_eq!(html.matches("href=\"#term-1-1\"").count(), 1, "{html}");
        assert!(
            html.contains("and <a href=\"#term-1-1\">Naloxone</a>, naloxone."),
            "{html}"
        );
        assert!(html.contains("<h2>Naloxone</h2>"));
        assert!(html.contains("<code>naloxone</code>"));
        // A writer's own HTML is still text, even beside a marked term.
        let html = inert_html_marking("<b>naloxone</b>", &marks);
        assert!(
            html.contains("&lt;b&gt;<a href=\"#term-1-1\">naloxone</a>&lt;/b&gt;"),
            "{html}"
        );
    }
}
