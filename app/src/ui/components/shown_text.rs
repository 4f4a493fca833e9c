//! A page's data as the server sends it for hydration, without the text its HTML already
//! shows. tachys hydrates text and `inner_html` over the server's markup without setting them
//! (it sets them only when it renders in the browser), so such text was sent twice for
//! nothing. Whenever the page changes after hydrating, its data is fetched afresh from its
//! server function, which sends everything.
//!
//! Only text shown just as it is, and never read by the browser before such a fetch, may be
//! left out; and only the text: how many there are, and of which kind, must stay, or the
//! browser's view would not line up with the server's markup.

use leptos::server::codee::{Decoder, Encoder};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A page's data that can leave out the text its HTML shows as it is.
pub trait ShownInTheHtml: Clone {
    /// Empties each text the page's HTML shows as it is, keeping everything else.
    fn leave_out_shown_text(&mut self);
}

/// The codec for such a page's data (see the module's notes).
pub struct WithoutShownText;

impl<T: ShownInTheHtml + Serialize> Encoder<Result<T, AppError>> for WithoutShownText {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(loaded: &Result<T, AppError>) -> Result<String, Self::Error> {
        let Ok(page) = loaded else {
            return serde_json::to_string(loaded);
        };
        let mut page = page.clone();
        page.leave_out_shown_text();
        serde_json::to_string(&Ok::<&T, &AppError>(&page))
    }
}

impl<T: DeserializeOwned> Decoder<Result<T, AppError>> for WithoutShownText {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(encoded: &str) -> Result<Result<T, AppError>, Self::Error> {
        super::json::from_json(encoded)
    }
}
