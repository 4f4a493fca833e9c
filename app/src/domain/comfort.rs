//! Reading comfort: a larger text size and a higher contrast, chosen by each reader and kept
//! in a cookie (so it works for the public, without an account, on every page).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TextSize {
    #[default]
    Standard,
    Large,
    Largest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Contrast {
    #[default]
    Standard,
    High,
}

impl TextSize {
    pub const ALL: [TextSize; 3] = [Self::Standard, Self::Large, Self::Largest];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Large => "large",
            Self::Largest => "largest",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Standard => "Standard",
            Self::Large => "Large",
            Self::Largest => "Largest",
        }
    }
}

impl Contrast {
    pub const ALL: [Contrast; 2] = [Self::Standard, Self::High];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::High => "high",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Standard => "Standard colours",
            Self::High => "High contrast: black on white",
        }
    }
}

/// A reader's choice of text size and contrast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Comfort {
    pub size: TextSize,
    pub contrast: Contrast,
}

impl Comfort {
    /// As kept in the cookie: `large.high`.
    pub fn cookie_value(self) -> String {
        format!("{}.{}", self.size.slug(), self.contrast.slug())
    }

    /// From the cookie; `None` for anything this site did not write (the page then shows
    /// the standard look).
    pub fn from_cookie(raw: &str) -> Option<Self> {
        let (size, contrast) = raw.split_once('.')?;
        Some(Self {
            size: TextSize::parse(size)?,
            contrast: Contrast::parse(contrast)?,
        })
    }

    /// The classes on `<html>` that the stylesheet answers to ("" for the standard look).
    pub fn html_class(self) -> String {
        let mut classes = Vec::new();
        if self.size != TextSize::Standard {
            classes.push(format!("text-{}", self.size.slug()));
        }
        if self.contrast == Contrast::High {
            classes.push("contrast-high".to_string());
        }
        classes.join(" ")
    }
}

/// Where to go back to after choosing: a path on this site only (never `//elsewhere` or a
/// full address, which would send people to another site).
pub fn local_path(raw: &str) -> Option<&str> {
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.starts_with("/\\")
        && raw.len() <= 2_000
        && !raw.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then_some(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choice_round_trips_through_the_cookie() {
        for size in TextSize::ALL {
            for contrast in Contrast::ALL {
                let c = Comfort { size, contrast };
                assert_eq!(Comfort::from_cookie(&c.cookie_value()), Some(c));
            }
        }
        assert_eq!(Comfort::from_cookie("huge.high"), None);
        assert_eq!(Comfort::from_cookie("large"), None);
        assert_eq!(Comfort::from_cookie("<script>"), None);
    }

    #[test]
    fn the_standard_look_needs_no_class() {
        assert_eq!(Comfort::default().html_class(), "");
        let c = Comfort {
            size: TextSize::Largest,
            contrast: Contrast::High,
        };
        assert_eq!(c.html_class(), "text-largest contrast-high");
    }

    #[test]
    fn only_a_path_on_this_site_is_gone_back_to() {
        assert_eq!(
            local_path("/read/1/definition?read=easy"),
            Some("/read/1/definition?read=easy")
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "",
            "read",
            "/a b",
            "/a\nb",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }
}
