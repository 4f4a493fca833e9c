//! Whose words carried: the influence ledger of a process, for anyone.

use crate::error::AppError;
use crate::views::influence::InfluencePage;
use crate::workflows::{ProcessContext, unexpected};

pub async fn page(cx: &ProcessContext) -> Result<InfluencePage, AppError> {
    let contributions = crate::store::influence::contributions(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading contributions"))?;
    let k = crate::store::processes::secrecy_threshold(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading a process setting"))?;
    Ok(InfluencePage {
        ledger: crate::domain::influence::ledger(&contributions, k),
        process: cx.process.clone(),
    })
}
