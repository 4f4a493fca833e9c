//! Setting the HTTP status of a server-rendered page (a no-op in the browser).

/// Sets the status of the page being rendered, e.g. 404 when what it shows does not exist.
pub fn set_http_status(code: u16) {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        if let (Some(response), Ok(status)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            http::StatusCode::from_u16(code),
        ) {
            response.set_status(status);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
