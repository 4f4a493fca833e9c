//! The public reading page of a published version (server only). It is a plain HTML page
//! rather than a Leptos route: it is the same for every reader, so it is built once per
//! publication, cached, and served with a strong ETag. It needs no JavaScript.

use crate::domain::calendar::{iso_date, long_date};
use crate::domain::document::DocumentKind;
use crate::domain::document::easy_read::Reading;
use crate::domain::document::render::escape;
use crate::domain::document::version::PublicationStatus;
use crate::store::ratifications::StoredRatification;
use crate::ui::components::reading_switch::reading_switch_html;
use crate::ui::results_html::{breakdown, chart_svg, table_html};
use crate::workflows::decisions::ratified::RatificationBlock;

/// What the page says about the publication.
pub struct PublishedPage<'a> {
    pub process_id: i64,
    pub process_title: &'a str,
    pub kind: DocumentKind,
    pub number: u32,
    pub status: PublicationStatus,
    pub published_at: i64,
    /// The sections' HTML: the full text rendered and sanitised when the version was
    /// published, or its easy read.
    pub body_html: &'a str,
    /// Which text `body_html` is, and this page's address (for the switch between them).
    pub reading: Reading,
    pub path: &'a str,
    /// The reader's text size and contrast, as classes on `<html>`.
    pub html_class: &'a str,
    /// On a ratified page: the commitments made on its sections, by section.
    pub commitments: &'a [CommitmentLine],
    /// Where the process is on its timeline today (`None` when it has none).
    pub now: Option<&'a crate::domain::timeline::Now>,
    /// The process takes comments from the public: the page links to the form.
    pub public_comments: bool,
    /// This page is a ratified version: who ratified it, when, and the decision's result.
    pub ratification: Option<&'a RatificationBlock>,
    /// This page is a draft, and this is the ratification in force: linked from the page.
    pub ratified_elsewhere: Option<&'a StoredRatification>,
    /// Every ratification of the document, newest first (listed on ratified pages).
    pub ratifications: &'a [StoredRatification],
}

/// A commitment as the ratified page lists it.
pub struct CommitmentLine {
    pub section: u32,
    pub section_heading: String,
    pub what: String,
    pub responsible: String,
    pub measure: String,
    pub due: crate::domain::calendar::Day,
    pub status: crate::domain::commitment::CommitmentStatus,
    pub overdue: bool,
}

/// The commitments on a ratified version, under the heading of the section each is on.
fn commitments_html(process: i64, lines: &[CommitmentLine]) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let mut sections: Vec<u32> = lines.iter().map(|l| l.section).collect();
    sections.dedup();
    let mut seen = std::collections::HashSet::new();
    sections.retain(|s| seen.insert(*s));
    let groups: String = sections
        .iter()
        .map(|section| {
            let of: Vec<&CommitmentLine> = lines.iter().filter(|l| l.section == *section).collect();
            let items: String = of
                .iter()
                .map(|l| {
                    format!(
                        "<li><strong>{}</strong> <span class=\"tag tag--{}\">{}</span>{}<br>Who is responsible: {}. How we will see it: {}. By <time datetime=\"{}\">{}</time>.</li>",
                        escape(&l.what),
                        l.status.slug(),
                        l.status.label(),
                        if l.overdue { " <span class=\"tag tag--overdue\">Overdue</span>" } else { "" },
                        escape(&l.responsible),
                        escape(&l.measure),
                        l.due.iso(),
                        l.due.long(),
                    )
                })
                .collect();
            format!(
                "<h3><a href=\"#section-{section}\">{}</a></h3><ul>{items}</ul>",
                escape(&of[0].section_heading)
            )
        })
        .collect();
    format!(
        "<section class=\"commitments\" aria-labelledby=\"commitments-heading\">\
         <h2 id=\"commitments-heading\">What has been committed since: you said, we did</h2>{groups}\
         <p class=\"no-print\"><a href=\"{}\">Every commitment, with its updates</a></p></section>",
        crate::routes::commitments(process)
    )
}

/// On a ratified page: the version, its commitments and its result as open data.
fn open_data_link(process: i64, kind: DocumentKind) -> String {
    format!(
        "<li><a href=\"{}\" download>For board papers: the ratified text with its commitments, result and annex (Word)</a></li>\n<li><a href=\"{}\" download>The ratified text, its commitments and its result as open data (JSON)</a></li>\n",
        crate::routes::ratified_docx(process, kind),
        crate::routes::ratified_json(process, kind)
    )
}

/// "Where the process is now" on a public page: the current phase and the next.
fn now_html(now: &crate::domain::timeline::Now) -> String {
    let current = now.current.as_ref().map_or_else(
        || "The process has not started yet.".to_string(),
        |p| {
            format!(
                "Where the process is now: <strong>{}</strong>{}.",
                escape(&p.name),
                p.ends
                    .map_or_else(String::new, |e| format!(", until {}", e.long()))
            )
        },
    );
    let next = now.next.as_ref().map_or_else(String::new, |n| {
        format!(" Next: {}, from {}.", escape(&n.name), n.starts.long())
    });
    format!("<p class=\"where-now\">{current}{next}</p>\n")
}

/// The public page of a ratification: the one in force, or any earlier one by id.
pub fn ratification_path(process: i64, kind: DocumentKind, id: Option<i64>) -> String {
    match id {
        None => crate::routes::ratified(process, kind),
        Some(id) => crate::routes::ratification(process, kind, id),
    }
}

/// The ratification, in words and figures: who, when, the decision and its count.
fn ratification_html(process: i64, kind: DocumentKind, block: &RatificationBlock) -> String {
    let r = &block.ratification;
    let superseded = block.superseded_by.as_ref().map_or_else(String::new, |newer| {
        format!(
            "<p class=\"notice\">Superseded on <time datetime=\"{}\">{}</time> by the ratification of version {}. <a href=\"{}\">Read the ratified version in force</a>.</p>",
            iso_date(newer.ratified_at),
            long_date(newer.ratified_at),
            newer.number,
            ratification_path(process, kind, None),
        )
    });
    let result = block.results.as_ref().map_or_else(String::new, |results| {
        let figures = results
            .overall
            .as_ref()
            .map(|overall| breakdown(overall, &results.groups, &block.options));
        let checks: String = results
            .outcome
            .checks
            .iter()
            .map(|c| {
                format!(
                    "<li>{}{}</li>",
                    if c.met { "Met: " } else { "Not met: " },
                    escape(&c.what)
                )
            })
            .collect();
        let shown = match &figures {
            Some(f) => format!(
                "<figure class=\"results-figure\">{}<figcaption>Each bar shows how one group of people voted, as shares of their votes.</figcaption></figure>{}",
                chart_svg(f, "ratified-results"),
                table_html(f),
            ),
            None => format!(
                "<p class=\"notice\">{}</p>",
                escape(results.withheld.as_deref().unwrap_or(""))
            ),
        };
        format!(
            "<p>{} {} took part.</p><ul class=\"rule-checks\">{checks}</ul>{shown}",
            if results.outcome.passed { "The decision passed." } else { "The decision did not pass." },
            match block.took_part {
                1 => "1 person".to_string(),
                n => format!("{n} people"),
            },
        )
    });
    // Ratifications made before this was recorded say nothing rather than guess.
    let confirmed = r
        .confirmed_by_name
        .as_deref()
        .map_or_else(String::new, |by| {
            format!(
                "<p>Confirmed as a commissioner by {}, who is not the ratifier.</p>",
                escape(by)
            )
        });
    let fingerprint = block.record_fingerprint.as_deref().map_or_else(String::new, |h| {
        format!(
            "<p class=\"meta\">Fingerprint of the decision's participation record (SHA-256), to compare with a printed copy: <code class=\"hash\">{}</code></p>",
            escape(h)
        )
    });
    format!(
        "<section class=\"ratification\" aria-labelledby=\"ratification-heading\">\
         <h2 id=\"ratification-heading\">How this version was ratified</h2>{superseded}\
         <p>Ratified by <strong>{}</strong>, commissioner, on <time datetime=\"{}\">{}</time>, after the decision “<a href=\"{}\">{}</a>”.</p>\
         {confirmed}{result}{fingerprint}<p><a href=\"{}\">The decision, who took part and its participation record</a></p></section>",
        escape(&r.ratifier_name),
        iso_date(r.ratified_at),
        long_date(r.ratified_at),
        block.decision_path,
        escape(&block.question),
        block.decision_path,
    )
}

/// The list of every ratification of the document, newest first.
fn ratifications_html(
    process: i64,
    kind: DocumentKind,
    all: &[StoredRatification],
    shown: Option<i64>,
) -> String {
    if all.len() < 2 {
        return String::new();
    }
    let items: String = all
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let words = format!(
                "Version {}, ratified by {} on {}{}",
                r.number,
                escape(&r.ratifier_name),
                long_date(r.ratified_at),
                if i == 0 {
                    " (in force)"
                } else {
                    " (superseded)"
                }
            );
            if Some(r.id) == shown {
                format!("<li aria-current=\"page\">{words}</li>")
            } else {
                format!(
                    "<li><a href=\"{}\">{words}</a></li>",
                    ratification_path(process, kind, Some(r.id))
                )
            }
        })
        .collect();
    format!(
        "<section aria-labelledby=\"ratifications-heading\"><h2 id=\"ratifications-heading\">Every ratification of this document</h2><ul>{items}</ul></section>"
    )
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
    let history = crate::routes::history(id, page.kind);
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
        PublicationStatus::Ratified => {
            "This version has been ratified: it is the agreed text, and it will not change."
        }
    };
    let ratified_link = page.ratified_elsewhere.map_or_else(String::new, |r| {
        format!(
            "<p class=\"notice\">The ratified version is version {}, ratified on {}. <a href=\"{}\">Read the ratified version</a>.</p>\n",
            r.number,
            long_date(r.ratified_at),
            ratification_path(id, page.kind, None)
        )
    });
    let ratification = page
        .ratification
        .map_or_else(String::new, |b| ratification_html(id, page.kind, b));
    // The annex prints with the text, after its ratification.
    let annex = page.ratification.map_or_else(String::new, |b| {
        crate::ui::annex_html::annex_html(&b.annex, Some(&b.minority_path))
    });
    let ratifications = if page.ratification.is_some() {
        ratifications_html(
            id,
            page.kind,
            page.ratifications,
            page.ratification.map(|b| b.ratification.id),
        )
    } else {
        String::new()
    };
    format!(
        r##"<!DOCTYPE html>
<html lang="en"{html_class}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
{stylesheet_link}
<title>{title}{easy_title}: {process} | Recovery Commons</title>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header"><div class="wrap site-header__inner"><a class="site-name" href="/">Recovery Commons</a></div></header>
<main id="main" tabindex="-1" class="published">
<article class="doc-page" aria-labelledby="doc-title">
<p class="eyebrow"><a href="/processes/{id}">{process}</a></p>
<h1 id="doc-title">{title}</h1>
{explanation}{now}<p class="publication"><strong class="status">{status}</strong>: version {number}, published on <time datetime="{iso}">{date}</time>.</p>
<p class="status-note">{status_note}</p>
{ratified_link}{switch}<div class="doc-sections{easy_class}">{body}</div>
</article>
{commitments}{ratification}{annex}{ratifications}
<nav class="published__links no-print" aria-label="More about this document">
<ul class="actions">
<li><a href="/processes/{id}">About this process and who takes part</a></li>
<li><a href="{history}">Earlier published versions and what changed</a></li>
{comment_link}{open_data}</ul>
</nav>
</main>
<footer class="site-footer"><div class="wrap"><p>Recovery Commons: a shared definition of recovery, drafted together.</p><p><a href="{comfort_link}">Text size and contrast</a></p></div></footer>
</body>
</html>
"##,
        explanation = page
            .kind
            .explanation()
            .map_or_else(String::new, |e| format!(
                "<p class=\"hint\">{}</p>\n",
                escape(e)
            )),
        status = page.status.label(),
        number = page.number,
        iso = iso_date(page.published_at),
        date = long_date(page.published_at),
        body = page.body_html,
        switch = reading_switch_html(page.path, page.reading),
        commitments = commitments_html(id, page.commitments),
        now = page.now.map_or_else(String::new, now_html),
        open_data = if page.ratification.is_some() {
            open_data_link(id, page.kind)
        } else {
            String::new()
        },
        comfort_link = escape(&crate::ui::layout::comfort_link(&format!(
            "{}{}",
            page.path,
            page.reading.query()
        ))),
        html_class = if page.html_class.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", escape(page.html_class))
        },
        easy_title = if page.reading == Reading::Easy {
            " (easy read)"
        } else {
            ""
        },
        easy_class = if page.reading == Reading::Easy {
            " doc-page--easy"
        } else {
            ""
        },
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
                ratification: None,
                ratified_elsewhere: None,
                ratifications: &[],
                reading: Reading::Full,
                path: "/read/7/definition",
                html_class: "",
                commitments: &[],
                now: None,
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
    fn the_rois_page_says_what_rois_means() {
        let page = |kind| PublishedPage {
            process_id: 7,
            process_title: "Sefton",
            kind,
            number: 1,
            status: PublicationStatus::DraftForConsultation,
            published_at: 0,
            body_html: "",
            public_comments: false,
            ratification: None,
            ratified_elsewhere: None,
            ratifications: &[],
            reading: Reading::Full,
            path: "/read/7/definition",
            html_class: "",
            commitments: &[],
            now: None,
        };
        assert!(
            render_page(&page(DocumentKind::RoisVision), "")
                .contains("ROIS means a recovery-oriented integrated system")
        );
        assert!(!render_page(&page(DocumentKind::Definition), "").contains("ROIS means"));
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
            ratification: None,
            ratified_elsewhere: None,
            ratifications: &[],
            reading: Reading::Full,
            path: "/read/7/definition",
            html_class: "",
            commitments: &[],
            now: None,
        };
        assert!(
            render_page(&page(true), "")
                .contains("href=\"/processes/7/documents/definition\">Comment on this draft")
        );
        assert!(!render_page(&page(false), "").contains("Comment on this draft"));
    }
}
