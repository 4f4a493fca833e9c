//! A process's own glossary and words to think twice about, over HTTP: drafters change them
//! as plain lines; the document explains and links the new words, the editor and comment
//! boxes advise on the new ones; a wrong line is refused, naming the list and the line.

use app::views::discussion::SectionDiscussion;
use app::views::documents::{DocumentPage, SectionDraft};
use app::views::word_lists::WordListsPage;

use crate::discussion::setup;
use crate::harness::{TestApp, field_message};
use crate::on_both_databases;

const GLOSSARY: &str = "Rehab | rehabilitation, residential rehab | A place to live for a few weeks or months while you recover.\nDetox | detoxification | Stopping a drug or alcohol safely, with medical help.";
const LANGUAGE: &str =
    "service user | a person who uses services | It can make people sound passive.";

async fn save(
    app: &TestApp,
    client: &reqwest::Client,
    p: &str,
    glossary: &str,
    language: &str,
) -> reqwest::Response {
    app.call_with(
        client,
        "words/save",
        &[
            ("process_id", p),
            ("glossary", glossary),
            ("language", language),
        ],
    )
    .await
}

async fn a_drafter_changes_the_word_lists_and_every_page_uses_them(app: TestApp) {
    // Section 1 says "quicker routes to detox and rehab".
    let (p, cast) = setup(&app).await;
    let page: WordListsPage = app
        .call_with(&cast.participant, "words/page", &[("process_id", &p)])
        .await
        .json()
        .await
        .unwrap();
    assert!(page.glossary.starts_with("ROIS | "), "the starting list");
    assert!(!page.may_edit);

    // People who are not drafters cannot change the lists.
    assert_eq!(
        save(&app, &cast.participant, &p, GLOSSARY, LANGUAGE)
            .await
            .status(),
        403
    );
    assert_eq!(
        save(&app, &cast.anonymous, &p, GLOSSARY, LANGUAGE)
            .await
            .status(),
        401
    );
    // A wrong line is refused, naming the list and the line; nothing is kept.
    let refused = save(
        &app,
        &cast.drafter,
        &p,
        "Rehab | fine | ok\nno bars",
        LANGUAGE,
    )
    .await;
    assert_eq!(refused.status(), 422);
    assert!(
        field_message(refused, "glossary")
            .await
            .starts_with("Line 2:")
    );

    let saved = save(&app, &cast.drafter, &p, GLOSSARY, LANGUAGE).await;
    assert_eq!(
        saved.status(),
        200,
        "{}",
        saved.text().await.unwrap_or_default()
    );
    let page: WordListsPage = app
        .call_with(&cast.drafter, "words/page", &[("process_id", &p)])
        .await
        .json()
        .await
        .unwrap();
    assert!(page.may_edit);
    assert!(
        page.glossary
            .starts_with("Rehab | rehabilitation, residential rehab | ")
    );

    // The draft explains "Rehab" now, linked where it first appears; the removed starting
    // entries are gone.
    let doc: DocumentPage = app
        .call_with(
            &cast.participant,
            "documents/page",
            &[("process_id", &p), ("kind", "definition")],
        )
        .await
        .json()
        .await
        .unwrap();
    let html = &doc.shown.unwrap().sections[0].html;
    assert!(
        html.contains("<dfn>Rehab</dfn></dt><dd>A place to live"),
        "{html}"
    );
    assert!(html.contains(">rehab</a>"), "{html}");
    // The editor and the comment box advise on the process's own words.
    let draft: SectionDraft = app
        .call_with(
            &cast.drafter,
            "documents/section",
            &[("process_id", &p), ("kind", "definition"), ("key", "1")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(draft.language.len(), 1);
    // The editor's preview (here without JavaScript) names the field's words the glossary
    // does not explain: "rehab" is in it now, "methadone" is not.
    let preview = app
        .page_as(
            &cast.drafter,
            &format!("/processes/{p}/documents/definition/sections/1/edit?heading=Hope&body=Methadone+and+rehab+help."),
        )
        .await;
    assert!(
        preview.contains("which the glossary does not explain: methadone."),
        "{preview}"
    );
    assert_eq!(draft.language[0].words, "service user");
    let discussion: SectionDiscussion = app
        .call_with(
            &cast.participant,
            "discussion/section",
            &[("process_id", &p), ("kind", "definition"), ("key", "1")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(discussion.language[0].words, "service user");
    assert!(discussion.html.contains("<dfn>Rehab</dfn>"));
}
on_both_databases!(
    changed,
    a_drafter_changes_the_word_lists_and_every_page_uses_them
);
