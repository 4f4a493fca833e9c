//! Markdown to safe HTML. pulldown-cmark passes raw HTML and `javascript:` links through, so
//! raw HTML is turned into text and the output is always sanitised with ammonia before it can
//! reach `inner_html`. The same function runs on the server and in the browser, so a preview
//! shows exactly what will be published.

use pulldown_cmark::{Event, Options, Parser, html};

/// Renders `source` to HTML that is safe to insert into a page.
pub fn render(source: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    // Raw HTML is shown as the text it is, never interpreted.
    let events = Parser::new_ext(source, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events);
    sanitise(&unsafe_html)
}

fn sanitise(html: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("nofollow noopener noreferrer"))
        .clean(html)
        .to_string()
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
}
