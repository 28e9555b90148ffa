//! Calendar dates and the Japanese era calendar (和暦) used on reports.

use std::fmt;

/// A calendar date (proleptic Gregorian), as used for 施行日, due dates and report dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year (e.g. 2025).
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31.
    pub day: u32,
}

/// The first year tenken accepts wherever a year enters (a 対象年度, the 年度 a result is
/// carried forward to, a 契約期間's dates): 平成元年.
pub const FIRST_YEAR: i32 = 1989;
/// The last year tenken accepts (see [`FIRST_YEAR`]).
pub const LAST_YEAR: i32 = 2100;

/// True when `year` lies within [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn is_accepted_year(year: i32) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&year)
}

/// The last moment with a date: 9999-12-31T23:59:59 in Japan, as Unix seconds. Later
/// times (a forged `timestamp:18446744073709551615`) have no date.
pub const MAX_UNIX: u64 = 253_402_300_799 - 9 * 3600;

/// The time in Japan at `unix` (Unix seconds) as ISO 8601 with its offset:
/// `2026-12-01T00:30:00+09:00`. Drafts and results record times this way.
pub fn iso_jst(unix: u64) -> String {
    let unix = unix.min(MAX_UNIX);
    let date = today_jst(unix);
    let secs = (unix + 9 * 3600) % 86_400;
    format!(
        "{date}T{:02}:{:02}:{:02}+09:00",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Reads an ISO 8601 time as drafts record it (`2026-12-01T00:30:00+09:00`, or UTC
/// `2026-11-30T15:30:00.000Z` as earlier versions wrote) into Unix seconds.
pub fn parse_time(s: &str) -> Option<u64> {
    let date = Date::parse_iso(s.get(..10)?)?;
    let rest = s.get(10..)?.strip_prefix('T')?;
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = rest.get(r)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (h, m, sec) = (num(0..2)?, num(3..5)?, num(6..8)?);
    if rest.get(2..3) != Some(":") || rest.get(5..6) != Some(":") || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let mut tail = &rest[8..];
    if let Some(frac) = tail.strip_prefix('.') {
        tail = frac.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset: i64 = match tail {
        "Z" => 0,
        t if t.len() == 6 && (t.starts_with('+') || t.starts_with('-')) => {
            let hh: i64 = t.get(1..3)?.parse().ok()?;
            let mm: i64 = t.get(4..6)?.parse().ok()?;
            let sign = if t.starts_with('-') { -1 } else { 1 };
            sign * (hh * 3600 + mm * 60)
        }
        _ => return None,
    };
    let days = days_from_civil(date.year as i64, date.month as i64, date.day as i64);
    let secs = days * 86_400 + h * 3600 + m * 60 + sec - offset;
    u64::try_from(secs).ok()
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A time as people in Japan read it: 「令和8年12月1日 0:30」 (Japan time, whatever the
/// PC's time zone).
pub fn jst_minute(unix: u64) -> String {
    let unix = unix.min(MAX_UNIX);
    let secs = (unix + 9 * 3600) % 86_400;
    format!(
        "{} {}:{:02}",
        today_jst(unix).wareki(),
        secs / 3600,
        secs / 60 % 60
    )
}

/// The time of day in Japan, to the minute: 「9:05」.
pub fn jst_clock(unix: u64) -> String {
    let secs = (unix.min(MAX_UNIX) + 9 * 3600) % 86_400;
    format!("{}:{:02}", secs / 3600, secs / 60 % 60)
}

/// [`jst_minute`] of a recorded ISO 8601 time; the text as it is if it cannot be read.
pub fn show_time(iso: &str) -> String {
    parse_time(iso)
        .map(jst_minute)
        .unwrap_or_else(|| iso.to_string())
}

/// Today's date in Japan at `unix_now` (Unix seconds): the one notion of "today" that the
/// app and the command-line tool share (both pass the clock in).
pub fn today_jst(unix_now: u64) -> Date {
    Date::from_unix_jst(unix_now).unwrap_or(Date {
        year: 9999,
        month: 12,
        day: 31,
    })
}

/// Eras from the newest: name and first day.
const ERAS: [(&str, Date); 5] = [
    (
        "令和",
        Date {
            year: 2019,
            month: 5,
            day: 1,
        },
    ),
    (
        "平成",
        Date {
            year: 1989,
            month: 1,
            day: 8,
        },
    ),
    (
        "昭和",
        Date {
            year: 1926,
            month: 12,
            day: 25,
        },
    ),
    (
        "大正",
        Date {
            year: 1912,
            month: 7,
            day: 30,
        },
    ),
    (
        "明治",
        Date {
            year: 1868,
            month: 1,
            day: 25,
        },
    ),
];

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day))
        .then_some(Date { year, month, day })
    }

    /// The date in Japan (Asia/Tokyo, UTC+9 all year) at `secs` seconds after
    /// 1970-01-01T00:00:00Z; `None` after the last day of 9999 (see [`MAX_UNIX`]).
    pub fn from_unix_jst(secs: u64) -> Option<Date> {
        if secs > MAX_UNIX {
            return None;
        }
        let days = ((secs + 9 * 3600) / 86_400) as i64;
        // civil from days (H. Hinnant's algorithm)
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` exactly.
    /// Reads a date as people type it: `2027-03-31`, `2027/3/31`, `2027年3月31日`,
    /// `令和9年3月31日` (also 元年, and full-width digits).
    pub fn parse_loose(s: &str) -> Option<Date> {
        let s = crate::core::text::nfkc(s.trim());
        let (era_start, rest) = match ERAS.iter().find(|(name, _)| s.starts_with(name)) {
            Some((name, start)) => (Some(start.year), &s[name.len()..]),
            None => (None, s.as_str()),
        };
        let rest = rest.replacen("元年", "1年", 1);
        let numbers: Vec<i32> = rest
            .split(['-', '/', '.', '年', '月', '日'])
            .filter(|p| !p.trim().is_empty())
            .map(|p| p.trim().parse::<i32>().ok())
            .collect::<Option<_>>()?;
        let [year, month, day] = numbers[..] else {
            return None;
        };
        let year = match era_start {
            Some(start) => start.checked_add(year)?.checked_sub(1)?,
            None if (1000..=9999).contains(&year) => year,
            None => return None,
        };
        Date::new(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
    }

    /// Reads `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        Date::new(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    /// The era name and year number of this date (e.g. ("令和", 7)).
    pub fn era(&self) -> Option<(&'static str, i32)> {
        ERAS.iter()
            .find(|(_, start)| self >= start)
            .map(|(name, start)| (*name, self.year - start.year + 1))
    }

    /// 和暦 with the first year written 元年: 「令和7年4月1日」.
    pub fn wareki(&self) -> String {
        match self.era() {
            Some((era, year)) => format!("{era}{}年{}月{}日", era_year(year), self.month, self.day),
            None => format!("{}年{}月{}日", self.year, self.month, self.day),
        }
    }

    /// The fiscal year (年度, April to March) this date falls in, as its starting year.
    pub fn fiscal_year(&self) -> i32 {
        if self.month >= 4 {
            self.year
        } else {
            self.year - 1
        }
    }
}

fn era_year(year: i32) -> String {
    if year == 1 {
        "元".to_string()
    } else {
        year.to_string()
    }
}

/// Why a date written in 和暦 is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarekiError {
    /// Not a 和暦 date (「平成14年13月1日」, 「令和」, 「平成0年」).
    NotADate,
    /// The era had not begun on that day (「令和元年4月30日」: still 平成).
    BeforeEra {
        /// 令和, 平成 …
        era: &'static str,
        /// Its first day.
        first: Date,
    },
    /// The era had ended before that day (「平成31年5月1日」: 令和元年).
    AfterEra {
        /// 令和, 平成 …
        era: &'static str,
        /// Its last day.
        last: Date,
    },
    /// 明治5年12月2日 and before: Japan's lunisolar calendar (旧暦), which does not map to a
    /// day of the Gregorian calendar by the year alone.
    Lunisolar,
}

impl crate::core::message::Message for WarekiError {
    fn message_ja(&self) -> String {
        match self {
            WarekiError::NotADate => "和暦の日付として読めません".into(),
            WarekiError::BeforeEra { era, first } => {
                format!("{era}は{}からです", first.wareki())
            }
            WarekiError::AfterEra { era, last } => {
                format!("{era}は{}までです（翌日からは次の元号）", last.wareki())
            }
            WarekiError::Lunisolar => {
                "明治5年12月2日までは旧暦のため、西暦の日付に換算できません".into()
            }
        }
    }

    fn message_en(&self) -> String {
        match self {
            WarekiError::NotADate => "not a date in the Japanese era calendar".into(),
            WarekiError::BeforeEra { era, first } => format!("the {era} era begins on {first}"),
            WarekiError::AfterEra { era, last } => format!("the {era} era ends on {last}"),
            WarekiError::Lunisolar => {
                "dates up to Meiji 5-12-2 are in the lunisolar calendar and have no Gregorian date by the year alone".into()
            }
        }
    }
}

/// The first Gregorian day of 明治 that a 和暦 date names: 明治6年1月1日 (1873-01-01), when the
/// Gregorian calendar was adopted (the day after 明治5年12月2日).
const MEIJI_GREGORIAN: Date = Date {
    year: 1873,
    month: 1,
    day: 1,
};

/// A number at the start of `s`: ASCII or full-width digits, or kanji numerals (「十四」,
/// 「二十八」, 「二八」, 「〇」); `元` when `first_year`. Returns the value and the bytes read.
fn numeral(s: &str, first_year: bool) -> Option<(u32, usize)> {
    if first_year && s.starts_with('元') {
        return Some((1, '元'.len_utf8()));
    }
    let mut value: u32 = 0;
    let mut read = 0;
    let mut digits = 0;
    // digits, ASCII or full-width
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => break,
        };
        value = value.checked_mul(10)?.checked_add(d)?;
        read += c.len_utf8();
        digits += 1;
        if digits > 4 {
            return None;
        }
    }
    if digits > 0 {
        return Some((value, read));
    }
    // kanji: 「十四」 (with 十), or 「二八」, 「一〇」 (digit by digit)
    let kanji = |c: char| "〇一二三四五六七八九".chars().position(|k| k == c);
    let mut tens: Option<u32> = None;
    let mut pending: Option<u32> = None;
    let mut any = false;
    for c in s.chars() {
        if let Some(d) = kanji(c) {
            let p = pending.unwrap_or(0) * 10 + d as u32;
            if p > 9999 {
                return None;
            }
            pending = Some(p);
        } else if c == '十' && tens.is_none() {
            tens = Some(pending.take().unwrap_or(1) * 10);
        } else {
            break;
        }
        any = true;
        read += c.len_utf8();
    }
    any.then(|| (tens.unwrap_or(0) + pending.unwrap_or(0), read))
}

/// Skips white space (ASCII, full-width) at the start of `s`: the bytes skipped.
fn spaces(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\u{3000}', '\t']).len()
}

/// A 和暦 date at the start of `s` (「平成14年8月5日」, 「平成十四年八月五日」, 「令和元年5月1日」,
/// 「令和５年３月２８日」, 「昭和 43 年 9 月 10 日」): the date, or why it is none, and the bytes it
/// takes; `None` when `s` does not begin with an era name, a year, a month and a day.
pub fn wareki_prefix(s: &str) -> Option<(Result<Date, WarekiError>, usize)> {
    let (era, start) = ERAS.iter().find(|(name, _)| s.starts_with(name))?;
    let mut at = era.len();
    at += spaces(&s[at..]);
    let (year, n) = numeral(&s[at..], true)?;
    at += n;
    at += spaces(&s[at..]);
    at += s[at..].strip_prefix('年').map(|_| '年'.len_utf8())?;
    at += spaces(&s[at..]);
    let (month, n) = numeral(&s[at..], false)?;
    at += n;
    at += spaces(&s[at..]);
    at += s[at..].strip_prefix('月').map(|_| '月'.len_utf8())?;
    at += spaces(&s[at..]);
    let (day, n) = numeral(&s[at..], false)?;
    at += n;
    at += spaces(&s[at..]);
    at += s[at..].strip_prefix('日').map(|_| '日'.len_utf8())?;
    Some((era_date(era, *start, year, month, day), at))
}

/// The Gregorian date of year `year`, month, day of the era `era` that began on `start`.
fn era_date(
    era: &'static str,
    start: Date,
    year: u32,
    month: u32,
    day: u32,
) -> Result<Date, WarekiError> {
    let gregorian = i32::try_from(year)
        .ok()
        .filter(|&y| y >= 1)
        .and_then(|y| start.year.checked_add(y - 1))
        .ok_or(WarekiError::NotADate)?;
    let date = Date::new(gregorian, month, day).ok_or(WarekiError::NotADate)?;
    if era == "明治" && date < MEIJI_GREGORIAN {
        return Err(WarekiError::Lunisolar);
    }
    if date < start {
        return Err(WarekiError::BeforeEra { era, first: start });
    }
    // the era after this one (ERAS is ordered from the newest)
    let next = ERAS
        .iter()
        .rev()
        .skip_while(|(name, _)| *name != era)
        .nth(1)
        .map(|(_, d)| *d);
    if let Some(next) = next
        && date >= next
    {
        return Err(WarekiError::AfterEra {
            era,
            last: next.day_before(),
        });
    }
    Ok(date)
}

impl Date {
    /// The day before (the same day for 0001-01-01, which has none).
    fn day_before(self) -> Date {
        if self.day > 1 {
            Date {
                day: self.day - 1,
                ..self
            }
        } else if self.month > 1 {
            Date {
                month: self.month - 1,
                day: days_in_month(self.year, self.month - 1),
                ..self
            }
        } else if self.year > 1 {
            Date {
                year: self.year - 1,
                month: 12,
                day: 31,
            }
        } else {
            self
        }
    }

    /// Reads a date written in 和暦, the whole of `s` but surrounding white space: 明治 (from
    /// 明治6年1月1日, when the Gregorian calendar began) to 令和, 元年, full-width and kanji
    /// numerals; a day outside its era is refused with the reason.
    pub fn parse_wareki(s: &str) -> Result<Date, WarekiError> {
        let s = s.trim_matches([' ', '\u{3000}', '\t', '\n', '\r']);
        match wareki_prefix(s) {
            Some((date, read)) if read == s.len() => date,
            _ => Err(WarekiError::NotADate),
        }
    }

    /// Reads a 施行日 as an author types it: `2026-04-01` or 和暦 (「令和8年4月1日」,
    /// 「令和八年四月一日」).
    pub fn parse_iso_or_wareki(s: &str) -> Option<Date> {
        let t = s.trim();
        Date::parse_iso(t).or_else(|| Date::parse_wareki(t).ok())
    }
}

/// The 年度 starting in April of `year`, in 和暦: 「令和7年度」. A 年度 is named after the era
/// in force on its first day (1 April); 2019年度 is 平成31年度 by that rule, but municipalities
/// renamed it 令和元年度, so a 年度 whose March end falls in a new era takes the new era.
pub fn fiscal_year_wareki(year: i32) -> String {
    let first_day = Date {
        year,
        month: 4,
        day: 1,
    };
    let last_day = Date {
        year: year.saturating_add(1),
        month: 3,
        day: 31,
    };
    for day in [last_day, first_day] {
        if let Some((era, _)) = day.era() {
            let start = ERAS
                .iter()
                .find(|(n, _)| *n == era)
                .map(|(_, d)| d.year)
                .unwrap_or(year);
            if year >= start {
                return format!("{era}{}年度", era_year(year - start + 1));
            }
        }
    }
    format!("{year}年度")
}

/// Reads a 年度 as a 課長 types it, as its starting year: 和暦 (「令和8年度」, 「令和８」,
/// 「令和元年度」, 「R8」, 「H31」) or 西暦 (「2026」, 「2026年度」). An era year past the era's end
/// (「平成32年度」) and a year outside [`FIRST_YEAR`]..=[`LAST_YEAR`] are refused.
pub fn parse_fiscal_year(s: &str) -> Option<i32> {
    let s = crate::core::text::nfkc(s.trim());
    let s = s.trim();
    let s = s
        .strip_suffix("年度")
        .or_else(|| s.strip_suffix('年'))
        .unwrap_or(s)
        .trim();
    let letter = |c: char| match c.to_ascii_uppercase() {
        'R' => Some("令和"),
        'H' => Some("平成"),
        'S' => Some("昭和"),
        _ => None,
    };
    let (era, number) = match ERAS.iter().find(|(name, _)| s.starts_with(name)) {
        Some((name, _)) => (Some(*name), &s[name.len()..]),
        None => match s.chars().next().and_then(letter) {
            Some(name) => (Some(name), &s[1..]),
            None => (None, s),
        },
    };
    let number = number.trim();
    let year = match era {
        Some(era) => {
            let n: i32 = if number == "元" {
                1
            } else {
                number.parse().ok().filter(|&n| n >= 1)?
            };
            let at = ERAS.iter().position(|(name, _)| *name == era)?;
            let year = ERAS[at].1.year.checked_add(n - 1)?;
            // the era's last year is the next era's first (平成31年度 is 2019年度)
            if at > 0 && year > ERAS[at - 1].1.year {
                return None;
            }
            year
        }
        None if number.len() == 4 => number.parse().ok()?,
        None => return None,
    };
    is_accepted_year(year).then_some(year)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_of_day_is_japan_s() {
        // 2026-11-30T15:30:00Z is 0:30 on 1 December in Japan
        assert_eq!(jst_clock(1_796_052_600), "0:30");
        assert_eq!(jst_clock(1_796_052_600 + 9 * 3600 + 5 * 60), "9:35");
    }

    #[test]
    fn a_fiscal_year_is_read_in_wareki_or_seireki() {
        for (typed, year) in [
            ("令和8年度", Some(2026)),
            ("令和８年度", Some(2026)),
            (" 令和8 ", Some(2026)),
            ("令和元年度", Some(2019)),
            ("平成31年度", Some(2019)),
            ("平成30年", Some(2018)),
            ("R8", Some(2026)),
            ("ｒ８", Some(2026)),
            ("H30", Some(2018)),
            ("2026", Some(2026)),
            ("２０２６年度", Some(2026)),
            ("平成32年度", None),
            ("令和0年度", None),
            ("令和", None),
            ("26", None),
            ("1988", None),
            ("来年度", None),
            ("", None),
        ] {
            assert_eq!(parse_fiscal_year(typed), year, "{typed:?}");
        }
        // what is stored reads back as it is shown
        assert_eq!(parse_fiscal_year(&fiscal_year_wareki(2026)), Some(2026));
        assert_eq!(parse_fiscal_year(&fiscal_year_wareki(2019)), Some(2019));
    }

    #[test]
    fn unix_seconds_to_the_date_in_japan() {
        let jst = |t| Date::from_unix_jst(t).map(|d| d.to_string());
        assert_eq!(jst(0).as_deref(), Some("1970-01-01"));
        // 2026-03-31T15:00:00Z is 2026-04-01 00:00 in Japan
        assert_eq!(jst(1_774_969_200).as_deref(), Some("2026-04-01"));
        assert_eq!(jst(1_774_969_199).as_deref(), Some("2026-03-31"));
        assert_eq!(jst(951_782_400).as_deref(), Some("2000-02-29"));
        // 00:30 JST on 1 December is still 30 November in UTC
        assert_eq!(jst(1_796_052_600).as_deref(), Some("2026-12-01"));
        assert_eq!(jst(MAX_UNIX).as_deref(), Some("9999-12-31"));
        assert_eq!(iso_jst(1_796_052_600), "2026-12-01T00:30:00+09:00");
        assert_eq!(iso_jst(0), "1970-01-01T09:00:00+09:00");
        // what a draft made at 00:30 in Japan says, whichever way it was written
        for t in [
            "2026-12-01T00:30:00+09:00",
            "2026-11-30T15:30:00.000Z",
            "2026-11-30T15:30:00Z",
        ] {
            assert_eq!(parse_time(t), Some(1_796_052_600), "{t}");
            assert_eq!(show_time(t), "令和8年12月1日 0:30", "{t}");
        }
        assert_eq!(parse_time("2026-11-30"), None);
        assert_eq!(parse_time("2026-11-30T25:00:00Z"), None);
        assert_eq!(show_time("昨日"), "昨日");
        assert_eq!(jst(MAX_UNIX + 1), None);
        assert_eq!(jst(u64::MAX), None);
    }

    #[test]
    fn parse_iso_rejects_invalid_dates() {
        assert_eq!(Date::parse_iso("2020-04-01"), Date::new(2020, 4, 1));
        assert_eq!(Date::parse_iso("2024-02-29").map(|d| d.day), Some(29));
        for bad in [
            "2023-02-29",
            "2020-13-01",
            "2020-4-1",
            "20200401",
            "2020-04-01T00",
            "２０２０-04-01",
            "+020-04-01",
        ] {
            assert_eq!(Date::parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn loose_dates_as_people_type_them() {
        let d = Date::new(2027, 3, 31);
        for s in [
            "2027-03-31",
            "2027/3/31",
            " 2027年3月31日 ",
            "令和9年3月31日",
            "令和９年３月３１日",
            "２０２７／０３／３１",
        ] {
            assert_eq!(Date::parse_loose(s), d, "{s}");
        }
        assert_eq!(Date::parse_loose("令和元年5月1日"), Date::new(2019, 5, 1));
        assert_eq!(Date::parse_loose("平成31年4月30日"), Date::new(2019, 4, 30));
        for bad in [
            "",
            "2027",
            "2027-02-30",
            "27/3/31",
            "明日",
            "2027-03-31-1",
            "令和9年13月1日",
        ] {
            assert_eq!(Date::parse_loose(bad), None, "{bad}");
        }
    }

    #[test]
    fn wareki_is_read_for_every_era_with_its_first_and_last_days() {
        let ok = |s: &str, y, m, d| {
            assert_eq!(
                Date::parse_wareki(s),
                Ok(Date {
                    year: y,
                    month: m,
                    day: d
                }),
                "{s}"
            )
        };
        // 明治: from the first Gregorian day to the last
        ok("明治6年1月1日", 1873, 1, 1);
        ok("明治45年7月29日", 1912, 7, 29);
        // 大正
        ok("大正元年7月30日", 1912, 7, 30);
        ok("大正15年12月24日", 1926, 12, 24);
        // 昭和
        ok("昭和元年12月25日", 1926, 12, 25);
        ok("昭和64年1月7日", 1989, 1, 7);
        ok("昭和43年9月10日", 1968, 9, 10);
        // 平成
        ok("平成元年1月8日", 1989, 1, 8);
        ok("平成31年4月30日", 2019, 4, 30);
        ok("平成14年8月5日", 2002, 8, 5);
        ok("平成十四年八月五日", 2002, 8, 5);
        ok("平成十五年八月二十五日", 2003, 8, 25);
        // 令和
        ok("令和元年5月1日", 2019, 5, 1);
        ok("令和五年三月二八日", 2023, 3, 28);
        ok("令和５年４月１日", 2023, 4, 1);
        ok(" 令和 8 年 4 月 1 日 ", 2026, 4, 1);
        ok("令和八年四月一日", 2026, 4, 1);
        ok("令和二十年十二月三十一日", 2038, 12, 31);
        let err = |s: &str| Date::parse_wareki(s).unwrap_err();
        // a day beyond its era, or before it
        assert_eq!(
            err("平成31年5月1日"),
            WarekiError::AfterEra {
                era: "平成",
                last: Date::new(2019, 4, 30).unwrap()
            }
        );
        assert_eq!(
            err("昭和64年1月8日"),
            WarekiError::AfterEra {
                era: "昭和",
                last: Date::new(1989, 1, 7).unwrap()
            }
        );
        assert!(matches!(
            err("明治45年7月30日"),
            WarekiError::AfterEra { era: "明治", .. }
        ));
        assert!(matches!(
            err("大正15年12月25日"),
            WarekiError::AfterEra { era: "大正", .. }
        ));
        assert_eq!(
            err("令和元年4月30日"),
            WarekiError::BeforeEra {
                era: "令和",
                first: Date::new(2019, 5, 1).unwrap()
            }
        );
        assert!(matches!(
            err("平成元年1月7日"),
            WarekiError::BeforeEra { era: "平成", .. }
        ));
        assert!(matches!(
            err("大正元年7月29日"),
            WarekiError::BeforeEra { era: "大正", .. }
        ));
        assert!(matches!(
            err("昭和元年12月24日"),
            WarekiError::BeforeEra { era: "昭和", .. }
        ));
        // 明治5年12月2日 and before: the lunisolar calendar
        assert_eq!(err("明治5年12月2日"), WarekiError::Lunisolar);
        assert_eq!(err("明治元年9月8日"), WarekiError::Lunisolar);
        for bad in [
            "平成14年13月1日",
            "平成14年2月30日",
            "平成0年1月1日",
            "平成元年",
            "令和",
            "令和8年4月1日から",
            "天平元年1月1日",
            "令和十十年1月1日",
            "令和99999年1月1日",
            "",
        ] {
            assert_eq!(err(bad), WarekiError::NotADate, "{bad}");
        }
        // every reason reads in both languages
        use crate::core::message::Message;
        for e in [
            err("平成31年5月1日"),
            err("令和元年4月30日"),
            err("明治3年1月1日"),
            err("x"),
        ] {
            assert!(!e.message_ja().is_empty() && !e.message_en().is_empty());
        }
        assert_eq!(
            err("平成31年5月1日").message_ja(),
            "平成は平成31年4月30日までです（翌日からは次の元号）"
        );
    }

    #[test]
    fn a_wareki_date_at_the_start_of_a_line() {
        let line = "平成14年8月5日 訓令甲第8号";
        let (date, read) = wareki_prefix(line).expect("a date");
        assert_eq!(
            date,
            Ok(Date {
                year: 2002,
                month: 8,
                day: 5
            })
        );
        assert_eq!(&line[read..], " 訓令甲第8号");
        assert_eq!(wareki_prefix("訓令第3号"), None);
        assert_eq!(wareki_prefix("平成14年"), None);
        // the 施行日 field: ISO or 和暦
        assert_eq!(
            Date::parse_iso_or_wareki("2026-04-01"),
            Date::new(2026, 4, 1)
        );
        assert_eq!(
            Date::parse_iso_or_wareki("令和8年4月1日"),
            Date::new(2026, 4, 1)
        );
        assert_eq!(Date::parse_iso_or_wareki("2026/4/1"), None);
        assert_eq!(Date::parse_iso_or_wareki("平成31年5月1日"), None);
    }

    #[test]
    fn wareki_at_era_boundaries() {
        let d = |y, m, dd| Date::new(y, m, dd).expect("valid");
        assert_eq!(d(2019, 4, 30).wareki(), "平成31年4月30日");
        assert_eq!(d(2019, 5, 1).wareki(), "令和元年5月1日");
        assert_eq!(d(2025, 11, 22).wareki(), "令和7年11月22日");
        assert_eq!(d(1989, 1, 7).wareki(), "昭和64年1月7日");
        assert_eq!(d(1989, 1, 8).wareki(), "平成元年1月8日");
        assert_eq!(d(2015, 10, 5).wareki(), "平成27年10月5日");
    }

    #[test]
    fn fiscal_years() {
        assert_eq!(Date::new(2026, 3, 31).map(|d| d.fiscal_year()), Some(2025));
        assert_eq!(Date::new(2026, 4, 1).map(|d| d.fiscal_year()), Some(2026));
        assert_eq!(fiscal_year_wareki(2025), "令和7年度");
        assert_eq!(fiscal_year_wareki(2019), "令和元年度");
        assert_eq!(fiscal_year_wareki(2018), "平成30年度");
        assert_eq!(fiscal_year_wareki(1988), "昭和63年度");
        assert_eq!(fiscal_year_wareki(1989), "平成元年度");
    }

    #[test]
    fn extreme_years_never_overflow() {
        // a hostile file's year is refused where it is read; these must not panic meanwhile
        assert_eq!(
            fiscal_year_wareki(i32::MAX),
            format!("令和{}年度", i32::MAX - 2018)
        );
        assert_eq!(fiscal_year_wareki(i32::MIN), format!("{}年度", i32::MIN));
        assert_eq!(Date::parse_loose("令和2147483647年1月1日"), None);
        assert_eq!(Date::parse_loose("明治-2147483647年1月1日"), None);
        assert!(is_accepted_year(FIRST_YEAR) && is_accepted_year(LAST_YEAR));
        assert!(!is_accepted_year(1988) && !is_accepted_year(2101));
        assert!(!is_accepted_year(i32::MAX) && !is_accepted_year(i32::MIN));
    }
}
