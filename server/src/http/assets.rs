//! The built JavaScript, WebAssembly and CSS under `/pkg` (their file names carry a hash of
//! their content, so browsers may keep them for a year), and the site root's other files.
//!
//! `/pkg` files are compressed once, not per request: brotli (quality 11) and gzip copies are
//! written beside them (`recovery-commons precompress`, run by the scripts after a build, and
//! again at start for any that are missing) and served as they are. Compressing the 4 MB
//! WebAssembly on every request cost 66 ms (brotli) to 425 ms (gzip) of CPU each, so 300
//! phones scanning the QR code at once waited 17 to 26 seconds.

use std::path::{Path, PathBuf};

use axum::Router;
use axum::handler::{Handler, HandlerService, HandlerWithoutStateExt};
use axum::http::{HeaderValue, header};
use tower::ServiceBuilder;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::set_status::SetStatus;

/// The files at the top of the site root (the favicon); anything else is answered by
/// `not_found` (the app's "not found" page, with status 404).
pub fn site_files<H, T>(
    site_root: &str,
    not_found: H,
) -> ServeDir<SetStatus<HandlerService<H, T, ()>>>
where
    H: Handler<T, ()>,
    T: 'static,
{
    ServeDir::new(site_root)
        .call_fallback_on_method_not_allowed(true)
        .not_found_service(not_found.into_service())
}

pub fn pkg_router<S: Clone + Send + Sync + 'static>(site_root: &str, pkg_dir: &str) -> Router<S> {
    let files = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ))
        .service(
            ServeDir::new(format!("{site_root}/{pkg_dir}"))
                .precompressed_br()
                .precompressed_gzip(),
        );
    Router::new().fallback_service(files)
}

/// The files worth compressing: text and WebAssembly.
fn compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e, "js" | "wasm" | "css" | "svg" | "html" | "json" | "txt"))
}

/// Whether `copy` exists and is at least as new as `original`.
fn up_to_date(original: &Path, copy: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(original), modified(copy)), (Some(o), Some(c)) if c >= o)
}

/// Writes `bytes` to `path` through a temporary file, so a reader never sees half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = path.with_extension(format!(
        "{}.partial-{}",
        path.extension().and_then(|e| e.to_str()).unwrap_or(""),
        std::process::id()
    ));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path)
}

/// Writes `.br` and `.gz` copies beside every compressible file in `folder` that lacks an
/// up-to-date pair; returns how many files it compressed.
pub fn precompress(folder: &Path) -> std::io::Result<usize> {
    use std::io::Write;
    let mut done = 0;
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if !path.is_file() || !compressible(&path) {
            continue;
        }
        let br = append_extension(&path, "br");
        let gz = append_extension(&path, "gz");
        if up_to_date(&path, &br) && up_to_date(&path, &gz) {
            continue;
        }
        let original = std::fs::read(&path)?;
        let mut brotli = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut brotli, 64 * 1024, 11, 22);
            writer.write_all(&original)?;
        }
        write_atomically(&br, &brotli)?;
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&original)?;
        write_atomically(&gz, &gzip.finish()?)?;
        done += 1;
    }
    Ok(done)
}

fn append_extension(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_gets_brotli_and_gzip_copies_that_decode_to_it() {
        use std::io::Read;
        let folder = tempfile::tempdir().unwrap();
        let wasm = folder.path().join("app-123.wasm");
        let original: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&wasm, &original).unwrap();
        std::fs::write(folder.path().join("photo.png"), b"not text").unwrap();
        assert_eq!(precompress(folder.path()).unwrap(), 1);
        let mut unbrotli = Vec::new();
        brotli::Decompressor::new(
            std::fs::File::open(append_extension(&wasm, "br")).unwrap(),
            4096,
        )
        .read_to_end(&mut unbrotli)
        .unwrap();
        assert_eq!(unbrotli, original);
        let mut ungzip = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(append_extension(&wasm, "gz")).unwrap())
            .read_to_end(&mut ungzip)
            .unwrap();
        assert_eq!(ungzip, original);
        assert!(!folder.path().join("photo.png.br").exists());
        assert_eq!(
            precompress(folder.path()).unwrap(),
            0,
            "done once, not again"
        );
    }
}
