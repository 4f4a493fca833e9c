//! One JSON reader for everything the browser reads: a page's data for hydration, server
//! functions' replies and live frames.
//!
//! Server functions read their replies with `serde_json::from_slice`, while Leptos's default
//! codec for hydration data (`JsonSerdeCodec`) reads with `serde_json::from_str`. The two are
//! different readers to the compiler, so every page's data type was compiled into the
//! WebAssembly twice. Everything here reads bytes, as server functions do.

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The codec for resources: written as `JsonSerdeCodec` writes, read as server functions read.
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, Self::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, Self::Error> {
        from_json(text)
    }
}

/// Reads `text` the way server functions read their replies.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_slice(text.as_bytes())
}

/// [`Resource::new`] with the [`Json`] codec.
pub fn resource<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T, Json>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back_the_same() {
        let value: Result<Vec<(u32, String)>, String> = Ok(vec![(1, "“quoted”, \\ and é".into())]);
        let text = <Json as Encoder<_>>::encode(&value).expect("encodes");
        let back: Result<Vec<(u32, String)>, String> =
            <Json as Decoder<_>>::decode(&text).expect("decodes");
        assert_eq!(back, value);
        assert!(from_json::<u32>("not a number").is_err());
    }
}
