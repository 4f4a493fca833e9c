//! The public reading page of a published version (server only). It is a plain HTML page
//! rather than a Leptos route: it is the same for every reader, so it is built once per
//! publication, cached, and served with a strong ETag. It needs no JavaScript.

use crate::domain::calendar::{iso_date, long_date};
use crate::domain::document::DocumentKind;
use crate::domain::document::render::escape;
use crate::domain::document::version::PublicationStatus;

/// What the page says about the publication.
pub struct PublishedPage<'a> {
    pub process_id: i64,
    pub process_title: &'a str,
    pub kind: DocumentKind,
    pub number: u32,
    pub status: PublicationStatus,
    pub published_at: i64,
    /// The sections' HTML, rendered and sanitised when the version was published.
    pub body_html: &'a str,
    /// The process takes comments from the public: the page links to the form.
    pub public_comments: bool,
}

/// The `<link>` to the site's stylesheet as Leptos writes it (with cargo-leptos's file hash).
pub fn stylesheet_link(options: leptos::prelude::LeptosOptions) -> String {
    use leptos::prelude::*;
    use leptos_meta::HashedStylesheet;
    view! { <HashedStylesheet options id="leptos" /> }.to_html()
}

pub fn render_page(page: &PublishedPage<'_>, stylesheet_link: &str) -> String {
    let process = escape(page.process_title);
    let title = page.kind.title();
    let id = page.process_id;
    let history = format!("/processes/{id}/documents/{}/history", page.kind.slug());
    let comment_link = if page.public_comments {
        format!(
            "<li><a href=\"/processes/{id}/documents/{}\">Comment on this draft (no account needed)</a></li>\n",
            page.kind.slug()
        )
    } else {
        String::new()
    };
    let status_note = match page.status {
        PublicationStatus::DraftForConsultation => {
            "This is a draft for consultation. It may still change; people taking part are discussing it now."
        }
        PublicationStatus::Ratified => "This version has been ratified.",
    };
    format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
{stylesheet_link}
<title>{title}: {process} | Recovery Commons</title>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header"><div class="wrap site-header__inner"><a class="site-name" href="/">Recovery Commons</a></div></header>
<main id="main" tabindex="-1" class="published">
<article class="doc-page" aria-labelledby="doc-title">
<p class="eyebrow"><a href="/processes/{id}">{process}</a></p>
<h1 id="doc-title">{title}</h1>
<p class="publication"><strong class="status">{status}</strong>: version {number}, published on <time datetime="{iso}">{date}</time>.</p>
<p class="status-note">{status_note}</p>
{body}
</article>
<nav class="published__links no-print" aria-label="More about this document">
<ul class="actions">
<li><a href="/processes/{id}">About this process and who takes part</a></li>
<li><a href="{history}">Earlier published versions and what changed</a></li>
{comment_link}</ul>
</nav>
</main>
<footer class="site-footer"><div class="wrap"><p>Recovery Commons: a shared definition of recovery, drafted together.</p></div></footer>
</body>
</html>
"##,
        status = page.status.label(),
        number = page.number,
        iso = iso_date(page.published_at),
        date = long_date(page.published_at),
        body = page.body_html,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_escapes_the_process_title_and_states_the_status() {
        let html = render_page(
            &PublishedPage {
                process_id: 7,
                process_title: "<script>x</script> & co",
                kind: DocumentKind::Definition,
                number: 3,
                status: PublicationStatus::DraftForConsultation,
                published_at: 0,
                body_html: "<section>ok</section>",
                public_comments: false,
            },
            "<link rel=\"stylesheet\">",
        );
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt; &amp; co"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("Draft for consultation"));
        assert!(html.contains("version 3"));
        assert!(html.contains("<section>ok</section>"));
        assert!(!html.contains("Comment on this draft"));
    }

    #[test]
    fn the_page_links_to_the_comment_form_only_when_the_public_may_comment() {
        let page = |public_comments| PublishedPage {
            process_id: 7,
            process_title: "Sefton",
            kind: DocumentKind::Definition,
            number: 3,
            status: PublicationStatus::DraftForConsultation,
            published_at: 0,
            body_html: "",
            public_comments,
        };
        assert!(
            render_page(&page(true), "")
                .contains("href=\"/processes/7/documents/definition\">Comment on this draft")
        );
        assert!(!render_page(&page(false), "").contains("Comment on this draft"));
    }
}
