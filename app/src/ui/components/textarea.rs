//! Text for inside a `<textarea>`. Leptos (tachys 0.2) writes a textarea's children into the
//! server-rendered HTML without escaping them, so text containing `</textarea><script>` would
//! break out of the field: an injection. On the server the text is escaped here (the browser
//! decodes the entities back, so the field shows exactly the text); in the browser, Leptos
//! makes a text node, which is always safe, so the text is left as it is.

pub fn textarea_text(text: String) -> String {
    if cfg!(feature = "ssr") {
        crate::domain::document::render::escape(&text)
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn a_closing_tag_cannot_escape_the_field_on_the_server() {
        assert_eq!(
            textarea_text("</textarea><script>x</script> & more".into()),
            "&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt; &amp; more"
        );
    }
}
