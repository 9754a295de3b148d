use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A day or a span of days, inclusive: `2022-01-20` or `2022-01-20/2022-01-25`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateRange {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl DateRange {
    pub fn day(d: NaiveDate) -> Self {
        DateRange { start: d, end: d }
    }

    pub fn new(start: NaiveDate, end: NaiveDate) -> Self {
        if start <= end {
            DateRange { start, end }
        } else {
            DateRange { start: end, end: start }
        }
    }

    pub fn is_day(&self) -> bool {
        self.start == self.end
    }

    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// The smallest range covering both.
    pub fn cover(&self, other: &DateRange) -> DateRange {
        DateRange { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// Days between the two ranges: 0 when they overlap.
    pub fn days_apart(&self, other: &DateRange) -> i64 {
        if self.overlaps(other) {
            0
        } else if self.end < other.start {
            (other.start - self.end).num_days()
        } else {
            (self.start - other.end).num_days()
        }
    }

    /// Days in the range, at least 1.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// ACLED time precision: 1 = the day is known, 2 = within a week, 3 = within a month or more.
    pub fn time_precision(&self) -> u8 {
        match self.days() {
            1 => 1,
            2..=7 => 2,
            _ => 3,
        }
    }

    /// Parse `YYYY-MM-DD` or `YYYY-MM-DD/YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<DateRange> {
        let (a, b) = s.split_once('/').unwrap_or((s, s));
        let a = NaiveDate::parse_from_str(a.trim(), "%Y-%m-%d").ok()?;
        let b = NaiveDate::parse_from_str(b.trim(), "%Y-%m-%d").ok()?;
        Some(DateRange::new(a, b))
    }
}

/// The day a document's relative dates (أمس، الخميس الماضي، 20 يناير) are resolved against, and
/// where it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    pub date: NaiveDate,
    pub basis: ReferenceBasis,
}

/// Where a document's [`Reference`] date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceBasis {
    /// The publication date, given by the source or read from the article's dateline.
    Published,
    /// No publication date is known: the first full date printed near the top of the text (a
    /// dateline inside the opening sentence, `دمشق - 12 آذار 2019`) stands in for it. Dates
    /// resolved against it are a reading of the text, not of the source's metadata.
    Inferred,
}

impl Reference {
    /// Whether the date was inferred from the text rather than given as the publication date.
    pub fn is_inferred(&self) -> bool {
        self.basis == ReferenceBasis::Inferred
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_day() {
            write!(f, "{}", self.start.format("%Y-%m-%d"))
        } else {
            write!(f, "{}/{}", self.start.format("%Y-%m-%d"), self.end.format("%Y-%m-%d"))
        }
    }
}

impl Serialize for DateRange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateRange {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        DateRange::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("bad date range {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_day_and_span() {
        for s in ["2022-01-20", "2022-01-20/2022-01-25"] {
            let r = DateRange::parse(s).unwrap();
            assert_eq!(r.to_string(), s);
        }
        let r = DateRange::parse("2022-01-20/2022-01-25").unwrap();
        assert_eq!(r.days(), 6);
        assert_eq!(r.time_precision(), 2);
        assert_eq!(DateRange::parse("2019-03-01/2019-03-31").unwrap().time_precision(), 3);
        let later = DateRange::parse("2022-01-28").unwrap();
        assert_eq!(r.days_apart(&later), 3);
        assert_eq!(later.days_apart(&r), 3);
        assert_eq!(r.days_apart(&DateRange::parse("2022-01-22").unwrap()), 0);
    }

    #[test]
    fn reversed_bounds_are_ordered() {
        let a = NaiveDate::from_ymd_opt(2022, 1, 25).unwrap();
        let b = NaiveDate::from_ymd_opt(2022, 1, 20).unwrap();
        assert_eq!(DateRange::new(a, b).start, b);
    }
}
