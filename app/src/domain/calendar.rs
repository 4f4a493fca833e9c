//! Dates for people: "23 November 2026", always in UTC so that server and browser agree
//! (hydration would otherwise flicker between two renderings).

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// (year, month 1-12, day 1-31) of a day counted from 1970-01-01.
/// Howard Hinnant's `civil_from_days`, valid for the whole proleptic Gregorian calendar.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A Unix timestamp (seconds) as a plain-English date, e.g. "23 November 2026".
pub fn long_date(unix_seconds: i64) -> String {
    let (year, month, day) = civil_from_days(unix_seconds.div_euclid(86_400));
    format!("{day} {} {year}", MONTHS[(month - 1) as usize])
}

/// A Unix timestamp as a machine-readable date for `<time datetime>`, e.g. "2026-11-23".
pub fn iso_date(unix_seconds: i64) -> String {
    let (year, month, day) = civil_from_days(unix_seconds.div_euclid(86_400));
    format!("{year:04}-{month:02}-{day:02}")
}

/// Day number (from 1970-01-01) of a calendar date; Howard Hinnant's `days_from_civil`.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A calendar day (UTC), such as a commitment's "by when".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Day(i64);

impl Day {
    /// The day a Unix timestamp falls on.
    pub fn of(unix_seconds: i64) -> Self {
        Self(unix_seconds.div_euclid(86_400))
    }

    /// From "YYYY-MM-DD", as a date field sends it; a date that does not exist is refused.
    pub fn parse(raw: &str) -> Option<Self> {
        let mut parts = raw.trim().splitn(3, '-');
        let year: i64 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        if !(1900..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        let days = days_from_civil(year, month, day);
        // 31 February becomes 3 March: refuse a date that does not round-trip.
        (civil_from_days(days) == (year, month, day)).then_some(Self(days))
    }

    pub fn iso(self) -> String {
        iso_date(self.0 * 86_400)
    }

    pub fn long(self) -> String {
        long_date(self.0 * 86_400)
    }

    pub fn get(self) -> i64 {
        self.0
    }

    pub fn from_days(days: i64) -> Self {
        Self(days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_parsed_from_a_date_field_and_only_if_it_exists() {
        let day = Day::parse("2027-03-31").unwrap();
        assert_eq!(day.iso(), "2027-03-31");
        assert_eq!(day.long(), "31 March 2027");
        assert_eq!(Day::parse("2027-02-29"), None);
        assert_eq!(
            Day::parse("2028-02-29").map(Day::iso).as_deref(),
            Some("2028-02-29")
        );
        assert_eq!(Day::parse("31/03/2027"), None);
        assert_eq!(Day::parse("2027-13-01"), None);
        assert_eq!(Day::of(0), Day::parse("1970-01-01").unwrap());
        assert!(Day::parse("2027-01-02").unwrap() > Day::parse("2027-01-01").unwrap());
    }

    #[test]
    fn the_epoch_is_the_first_of_january_1970() {
        assert_eq!(long_date(0), "1 January 1970");
        assert_eq!(iso_date(0), "1970-01-01");
    }

    #[test]
    fn a_known_date_is_formatted() {
        // 2026-11-23T11:06:24Z
        assert_eq!(long_date(1_795_431_984), "23 November 2026");
    }

    #[test]
    fn leap_days_are_handled() {
        // 2024-02-29T12:00:00Z
        assert_eq!(iso_date(1_709_208_000), "2024-02-29");
    }

    #[test]
    fn the_last_second_of_a_day_is_still_that_day() {
        assert_eq!(iso_date(86_399), "1970-01-01");
        assert_eq!(iso_date(86_400), "1970-01-02");
    }
}
