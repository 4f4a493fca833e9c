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

#[cfg(test)]
mod tests {
    use super::*;

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
