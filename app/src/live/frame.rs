//! One frame of a workshop: the room and the phones' step, as JSON.

use super::Frame;
use crate::api::workshops::live::{for_phones, room};
use crate::store::Db;

/// Builds the frame now. A workshop that is gone, or a database that does not answer, gives
/// an empty frame, which screens ignore (they keep what they show and catch up later).
pub async fn build(db: &Db, id: i64) -> Frame {
    match room(db, id).await {
        Ok(Some(room)) => Frame {
            step: serde_json::to_string(&for_phones(&room)).unwrap_or_default(),
            room: serde_json::to_string(&room).unwrap_or_default(),
        },
        Ok(None) => Frame::default(),
        Err(error) => {
            tracing::warn!(?error, workshop = id, "could not build a live frame");
            Frame::default()
        }
    }
}
