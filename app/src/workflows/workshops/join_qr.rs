//! QR codes drawn on the server as SVG (no outside service sees the join address).

/// The QR code of `text`, as an SVG element with a text alternative; empty if the text is
/// too long for a QR code (the address is shown in words beside it anyway).
pub fn svg(text: &str) -> String {
    use qrcode::QrCode;
    use qrcode::render::svg;
    match QrCode::new(text.as_bytes()) {
        Ok(code) => code
            .render::<svg::Color<'_>>()
            .min_dimensions(240, 240)
            .quiet_zone(true)
            .build()
            // The renderer writes an XML declaration; inline SVG does not take one.
            .split_once("?>")
            .map_or_else(String::new, |(_, svg)| svg.trim().to_string())
            .replacen(
                "<svg ",
                "<svg role=\"img\" aria-label=\"QR code for the join address\" ",
                1,
            ),
        Err(error) => {
            tracing::warn!(?error, "could not make a QR code");
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_code_is_inline_svg_with_a_text_alternative() {
        let svg = super::svg("https://example.org/w?code=K7PXR2");
        assert!(
            svg.starts_with("<svg role=\"img\" aria-label=\"QR code"),
            "{}",
            &svg[..80]
        );
        assert!(svg.contains("<path") || svg.contains("<rect"));
    }
}
