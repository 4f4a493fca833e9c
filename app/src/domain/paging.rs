//! Long lists shown a page at a time (a document's history of a thousand versions): pages are
//! counted from 1, and a page that does not exist is refused, never replaced by another.

use serde::{Deserialize, Serialize};

/// Where a page is among its list's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageOf {
    /// From 1.
    pub number: u32,
    /// At least 1 (an empty list has one, empty, page).
    pub pages: u32,
}

impl PageOf {
    pub fn newer(self) -> Option<u32> {
        (self.number > 1).then(|| self.number - 1)
    }

    pub fn older(self) -> Option<u32> {
        (self.number < self.pages).then(|| self.number + 1)
    }
}

/// Why a page cannot be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    #[error("Pages are counted from 1.")]
    Zero,
    #[error("There is no page {asked}: there are {pages}.")]
    PastTheEnd { asked: u32, pages: u32 },
}

/// Where page `number` (from 1) is in a list of `count` items, `size` to a page, for a list
/// read a page at a time from the database; the page starts after `(number - 1) * size`.
pub fn place(count: usize, number: u32, size: usize) -> Result<PageOf, PageError> {
    let size = size.max(1);
    let pages = u32::try_from(count.div_ceil(size).max(1)).unwrap_or(u32::MAX);
    if number == 0 {
        return Err(PageError::Zero);
    }
    if number > pages {
        return Err(PageError::PastTheEnd {
            asked: number,
            pages,
        });
    }
    Ok(PageOf { number, pages })
}

/// Page `number` (from 1) of `items`, `size` to a page.
pub fn page<T>(items: Vec<T>, number: u32, size: usize) -> Result<(Vec<T>, PageOf), PageError> {
    let of = place(items.len(), number, size)?;
    let size = size.max(1);
    let skip = (number as usize - 1) * size;
    let shown = items.into_iter().skip(skip).take(size).collect();
    Ok((shown, of))
}

/// The page (from 1) holding the item at `index` (from 0), `size` to a page: where a link to
/// one comment of a long discussion leads.
pub fn page_holding(index: usize, size: usize) -> u32 {
    u32::try_from(index / size.max(1) + 1).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn an_empty_list_has_one_empty_page() {
        assert_eq!(
            page(Vec::<u8>::new(), 1, 50),
            Ok((
                vec![],
                PageOf {
                    number: 1,
                    pages: 1
                }
            ))
        );
    }

    #[test]
    fn the_last_page_holds_the_rest() {
        let (shown, of) = page((1..=120).collect(), 3, 50).unwrap();
        assert_eq!(shown, (101..=120).collect::<Vec<_>>());
        assert_eq!(
            of,
            PageOf {
                number: 3,
                pages: 3
            }
        );
        assert_eq!(of.older(), None);
        assert_eq!(of.newer(), Some(2));
    }

    #[test]
    fn page_zero_and_pages_past_the_end_are_refused() {
        assert_eq!(page(vec![1], 0, 50), Err(PageError::Zero));
        assert_eq!(
            page(vec![1; 51], 3, 50),
            Err(PageError::PastTheEnd { asked: 3, pages: 2 })
        );
    }

    proptest! {
        /// Every item is on exactly one page, in order.
        #[test]
        fn the_pages_together_are_the_list(len in 0usize..300, size in 1usize..60) {
            let items: Vec<usize> = (0..len).collect();
            let pages = page(items.clone(), 1, size).unwrap().1.pages;
            let mut all = Vec::new();
            for n in 1..=pages {
                let (shown, of) = page(items.clone(), n, size).unwrap();
                prop_assert!(shown.len() <= size);
                prop_assert_eq!(of.pages, pages);
                all.extend(shown);
            }
            prop_assert_eq!(all, items);
        }
    }

    proptest! {
        #[test]
        fn the_page_holding_an_item_shows_it(len in 1usize..500, size in 1usize..80, at in 0usize..500) {
            let at = at % len;
            let items: Vec<usize> = (0..len).collect();
            let (shown, _) = page(items, page_holding(at, size), size).unwrap();
            prop_assert!(shown.contains(&at));
        }
    }
}
