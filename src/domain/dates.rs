//! Due dates as people type them, and what "overdue" means.

use chrono::{Days, Months, NaiveDate};

/// Parses a due date: `2026-12-31`, `+30d`, `+2w`, `+3m`, `+1y` (from `today`) or `today`.
pub fn parse_due(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let s = input.trim();
    if s.is_empty() {
        return Err("type a date like 2026-12-31, or +30d, +2w, +3m, +1y".into());
    }
    if s.eq_ignore_ascii_case("today") {
        return Ok(today);
    }
    if let Some(rel) = s.strip_prefix('+') {
        let Some(unit) = rel.chars().last().map(|c| c.to_ascii_lowercase()) else {
            return Err(format!("'{s}': use +30d, +2w, +3m or +1y"));
        };
        let n: u32 = rel[..rel.len() - unit.len_utf8()]
            .parse()
            .map_err(|_| format!("'{s}': use +30d, +2w, +3m or +1y"))?;
        let date = match unit {
            'd' => today.checked_add_days(Days::new(n.into())),
            'w' => today.checked_add_days(Days::new(u64::from(n) * 7)),
            'm' => today.checked_add_months(Months::new(n)),
            'y' => n
                .checked_mul(12)
                .and_then(|m| today.checked_add_months(Months::new(m))),
            _ => return Err(format!("'{s}': use +30d, +2w, +3m or +1y")),
        };
        return date
            .filter(|d| date_in_range(*d))
            .ok_or_else(|| format!("'{s}' is too far ahead"));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| {
            format!("'{s}' is not a date: use YYYY-MM-DD (2026-12-31), +30d, +2w, +3m or +1y")
        })
        .and_then(in_range)
}

fn in_range(d: NaiveDate) -> Result<NaiveDate, String> {
    if date_in_range(d) {
        Ok(d)
    } else {
        Err(format!("{d}: dates must be years 1900 to 9999"))
    }
}

/// Dates a workspace may hold: years 1900 to 9999.
pub fn date_in_range(d: NaiveDate) -> bool {
    (1900..=9999).contains(&chrono::Datelike::year(&d))
}

/// Parses `HIPAUDIT_TODAY`-style dates strictly (years 1900 to 9999).
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a date in the form YYYY-MM-DD"))
        .and_then(in_range)
}

/// How many days before a due date the calendar export reminds its owner, unless told otherwise.
pub const REMINDER_DAYS: u32 = 7;

/// The most days ahead a reminder may be set: further ahead it reminds of nothing.
pub const MAX_REMINDER_DAYS: u32 = 60;

/// The reminder's days as typed on the command line or in `config.ron`: 0 to 60.
pub fn check_remind_days(days: u32) -> Result<u32, String> {
    if days > MAX_REMINDER_DAYS {
        Err(format!(
            "a reminder {days} days ahead is too far: give 0 to {MAX_REMINDER_DAYS} days"
        ))
    } else {
        Ok(days)
    }
}

/// Reads a time as the log writes it (`2026-01-05T09:00:00`) without chrono's general
/// format parser, which was a twentieth of loading a large workspace; any other spelling
/// (fractions of a second, a leap second, a bad date) goes to chrono's own parser, so what
/// is read is exactly what chrono reads.
pub fn parse_logged_time(s: &str) -> Result<chrono::NaiveDateTime, chrono::ParseError> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 19
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(se)) = (
            num(0..4),
            num(5..7),
            num(8..10),
            num(11..13),
            num(14..16),
            num(17..19),
        )
        && let Some(t) =
            NaiveDate::from_ymd_opt(y as i32, mo, d).and_then(|d| d.and_hms_opt(h, mi, se))
    {
        return Ok(t);
    }
    s.parse()
}

/// `#[serde(deserialize_with)]` for a logged time: `parse_logged_time`.
pub fn logged_time<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<chrono::NaiveDateTime, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = chrono::NaiveDateTime;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a formatted date and time string")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            parse_logged_time(v).map_err(E::custom)
        }
    }
    d.deserialize_str(V)
}

/// `logged_time` for an optional time.
pub fn logged_time_opt<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<chrono::NaiveDateTime>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Option<chrono::NaiveDateTime>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an optional date and time")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            logged_time(d).map(Some)
        }
    }
    d.deserialize_option(V)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn absolute_and_relative_dates() {
        let t = d(2026, 11, 28);
        assert_eq!(parse_due("2026-12-31", t), Ok(d(2026, 12, 31)));
        assert_eq!(parse_due(" +30d ", t), Ok(d(2026, 12, 28)));
        assert_eq!(parse_due("+2w", t), Ok(d(2026, 12, 12)));
        assert_eq!(parse_due("+1m", t), Ok(d(2026, 12, 28)));
        assert_eq!(parse_due("+1y", t), Ok(d(2027, 11, 28)));
        assert_eq!(parse_due("+1y", d(2028, 2, 29)), Ok(d(2029, 2, 28)));
        assert_eq!(parse_due("today", t), Ok(t));
    }

    #[test]
    fn years_outside_1900_to_9999_are_refused() {
        assert!(parse_date("1899-12-31").is_err());
        assert!(parse_date("1900-01-01").is_ok());
        assert!(parse_date("9999-12-31").is_ok());
        assert!(parse_date("+10000-01-01").is_err());
    }

    #[test]
    fn bad_dates_are_refused_with_a_reason() {
        let t = d(2026, 11, 28);
        for bad in [
            "2026-13-45",
            "2026-02-30",
            "tomorrow",
            "+",
            "+d",
            "+3x",
            "+99999999y",
            "+8000y",
            "",
            "31/12/2026",
            "+99999999999d",
            "0999-01-01",
            "10000-01-01",
            "+3000000d",
        ] {
            let e = parse_due(bad, t).unwrap_err();
            assert!(!e.is_empty(), "{bad}");
        }
        assert!(
            parse_due("2026-13-45", t)
                .unwrap_err()
                .contains("2026-13-45")
        );
    }

    #[test]
    fn logged_times_read_fast_exactly_as_chrono_reads_them() {
        use proptest::prelude::*;
        proptest!(|(secs in -62_000_000_000i64..253_000_000_000i64, frac in 0u32..3)| {
            let t = chrono::DateTime::from_timestamp(secs, frac * 250_000_000)
                .unwrap()
                .naive_utc();
            let s = t.to_string().replace(' ', "T");
            prop_assert_eq!(super::parse_logged_time(&s).ok(), s.parse::<chrono::NaiveDateTime>().ok());
        });
        for odd in [
            "2026-02-30T09:00:00",
            "2026-01-05T24:00:00",
            "2026-01-05T23:59:60",
            "2026-01-05 09:00:00",
            "+2026-01-05T09:00:00",
            "2026-1-05T09:00:00x",
            "",
            "２０２６-01-05T09:00:00",
        ] {
            assert_eq!(
                super::parse_logged_time(odd).ok(),
                odd.parse::<chrono::NaiveDateTime>().ok(),
                "{odd}"
            );
        }
        // Through the workspace: a log line and an answer's time read as before.
        let ws = crate::domain::workspace::Workspace::new(
            "A",
            "B",
            crate::domain::catalog::Catalog::builtin(),
            NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        );
        let text = ron::to_string(&ws).unwrap();
        let back: crate::domain::workspace::Workspace = ron::from_str(&text).unwrap();
        assert_eq!(back, ws);
    }
}
