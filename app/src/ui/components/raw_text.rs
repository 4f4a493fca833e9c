//! Text for elements whose contents Leptos writes unescaped in server-rendered HTML:
//! `<textarea>` (tachys 0.2 marks it "do not escape children") and `<title>` (leptos_meta 0.8).
//! Text such as `</textarea><script>…` would otherwise break out of the element: an injection.
//! On the server the text is escaped here (the browser decodes the entities back, so people
//! see exactly their text); in the browser Leptos makes a text node, which is always safe, so
//! the text is left as it is.

pub fn escaped_on_server(text: String) -> String {
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
    fn a_closing_tag_cannot_escape_the_element_on_the_server() {
        assert_eq!(
            escaped_on_server("</textarea><script>x('&')</script>".into()),
            "&lt;/textarea&gt;&lt;script&gt;x(&#39;&amp;&#39;)&lt;/script&gt;"
        );
    }
}
