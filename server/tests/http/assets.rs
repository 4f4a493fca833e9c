//! The built files are served compressed once, not per request: brotli or gzip copies written
//! beside them at start (or by `recovery-commons precompress`) are sent as they are, kept by
//! browsers for a year.

use std::time::Duration;

use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING};

use crate::harness::{Backend, spawn_app};

#[tokio::test]
async fn built_files_are_sent_precompressed_and_kept_for_a_year_sqlite() {
    let app = spawn_app(Backend::Sqlite).await;
    let pkg = std::path::Path::new(&app.settings.site_root).join("pkg");
    // A file big enough that compressing it would be worth doing per request.
    let script: String = (0..4000)
        .map(|i| format!("console.log('line {i}');\n"))
        .collect();
    std::fs::write(pkg.join("app-1a2b.js"), &script).unwrap();
    recovery_commons::http::assets::precompress(&pkg).unwrap();
    let brotli = std::fs::read(pkg.join("app-1a2b.js.br")).unwrap();
    assert!(brotli.len() < script.len() / 5);

    for (accepts, encoding) in [("br, gzip", "br"), ("gzip", "gzip")] {
        let response = app
            .client
            .get(app.url("/pkg/app-1a2b.js"))
            .header(ACCEPT_ENCODING, accepts)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()[CONTENT_ENCODING], encoding);
        assert!(
            response.headers()[CACHE_CONTROL]
                .to_str()
                .unwrap()
                .contains("immutable")
        );
        let body = response.bytes().await.unwrap();
        let on_disk = std::fs::read(pkg.join(format!(
            "app-1a2b.js.{}",
            if encoding == "br" { "br" } else { "gz" }
        )))
        .unwrap();
        assert_eq!(
            body.as_ref(),
            on_disk.as_slice(),
            "the copy on disk, as it is"
        );
    }
    // A browser that takes no compression gets the file itself.
    let plain = app
        .client
        .get(app.url("/pkg/app-1a2b.js"))
        .header(ACCEPT_ENCODING, "identity")
        .send()
        .await
        .unwrap();
    assert!(plain.headers().get(CONTENT_ENCODING).is_none());
    assert_eq!(plain.text().await.unwrap(), script);
}

#[tokio::test]
async fn the_server_compresses_built_files_that_lack_copies_when_it_starts_sqlite() {
    let app = spawn_app(Backend::Sqlite).await;
    let pkg = std::path::Path::new(&app.settings.site_root).join("pkg");
    // The harness wrote probe.js before the app started.
    let mut waited = Duration::ZERO;
    while !pkg.join("probe.js.br").exists() && waited < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += Duration::from_millis(50);
    }
    assert!(pkg.join("probe.js.br").exists());
    assert!(pkg.join("probe.js.gz").exists());
}
