//! What a 例規's text says about itself: its name (題名), the date it was made (the line under
//! the title: 「平成14年8月5日」 and 「訓令第3号」, on one line or two) and its 施行日.
//!
//! The 施行日 a bundle records (`version`) is that of the text as it stands: the latest
//! amendment's. It is read, first found first:
//!
//! 1. from the 例規集 page's note 「(令和2年4月1日施行)」 (the text as in force from that day);
//! 2. from the last 附則 whose enforcement sentence gives a day: 「この規程は、平成14年8月5日から
//!    施行する。」, or 「公布の日から施行する」 / 「公表の日から施行する」 → the day the 附則 was
//!    made, its designation 「附則(平成28年4月1日規則第27号)」, or for the first 附則 the date
//!    under the title. A later 附則 that gives no day (「…法律の施行の日から施行する。」) is
//!    reported, so that the author checks the day found.
//!
//! Every date is 和暦 as the text writes it ([`wareki_prefix`]: 明治 to 令和, 元年, kanji and
//! full-width numerals).

use super::outline::{NodeKind, Outline};
use crate::core::date::{Date, wareki_prefix};

/// What the text says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// The 題名: the first line, without 「○」, when it reads as one.
    pub title: Option<String>,
    /// The date under the title (公布・制定の日), and its line.
    pub made: Option<(Date, usize)>,
    /// The 例規's number as the text gives it: 「平成14年8月5日訓令甲第8号」.
    pub number: Option<String>,
    /// The 施行日 of the text as it stands, and the line it was read from.
    pub enforced: Option<(Date, usize)>,
    /// The line of a later 附則 whose 施行日 the text does not give as a day.
    pub later_unknown: Option<usize>,
}

/// Words a 例規's title ends with.
const KINDS: &[&str] = &[
    "規則", "規程", "条例", "要綱", "訓令", "告示", "要領", "基準", "規約", "細則", "規定", "方針",
    "要項", "指針",
];

/// The date a line begins with, if it begins with a valid 和暦 date: the date and the rest.
fn leading_date(line: &str) -> Option<(Date, &str)> {
    let t = line.trim_start_matches([' ', '\u{3000}', '(', '（']);
    let (date, read) = wareki_prefix(t)?;
    Some((date.ok()?, &t[read..]))
}

/// 「訓令第3号」, 「規則第50号」, 「訓令甲第8号」: a 例規's number.
fn is_number(s: &str) -> bool {
    let s = s.trim();
    s.contains('第') && s.ends_with('号') && s.chars().count() <= 30 && !s.contains('。')
}

/// The day an enforcement sentence gives: 「この規程は、平成14年8月5日から施行する。」 →
/// `Some(Some(date))`; 「公布の日から施行する」, 「公表の日から施行する」 → `Some(None)` (the day
/// the 附則 was made); `None` when the line is no enforcement sentence or gives no day.
fn enforcement(line: &str) -> Option<Option<Date>> {
    let t = line.trim();
    let at = t.find("から施行")?;
    let before = &t[..at];
    let from = before.rfind('、').map_or(0, |i| i + '、'.len_utf8());
    let when = before[from..].trim();
    if ["公布の日", "公表の日", "告示の日", "公示の日", "制定の日"].contains(&when)
    {
        return Some(None);
    }
    let (date, read) = wareki_prefix(when)?;
    (read == when.len()).then_some(())?;
    Some(Some(date.ok()?))
}

/// Reads what `text` (outlined as `outline`) says about itself (see the module).
pub fn read_header(text: &str, outline: &Outline) -> Header {
    let lines: Vec<&str> = text.lines().collect();
    let mut header = Header::default();
    // the title: the first line, when it is no date and reads as a 例規's name
    if let Some(t) = outline.title() {
        let t = t.trim_start_matches('○').trim();
        if !t.is_empty()
            && t.chars().count() <= 80
            && leading_date(t).is_none()
            && !t.ends_with('。')
            && (lines
                .iter()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| l.trim_start().starts_with('○'))
                || KINDS.iter().any(|k| t.ends_with(k)))
        {
            header.title = Some(t.to_string());
        }
    }
    // the date under the title: within the lines before the first 条
    let first_article = outline
        .nodes()
        .iter()
        .find(|n| n.kind == NodeKind::Article)
        .map_or(lines.len(), |n| n.line.saturating_sub(1));
    for (i, line) in lines.iter().enumerate().take(first_article.min(12)) {
        if let Some((date, rest)) = leading_date(line) {
            let rest = rest.trim();
            let number = if is_number(rest) {
                Some(rest.to_string())
            } else {
                lines
                    .iter()
                    .skip(i + 1)
                    .take(3)
                    .map(|l| l.trim())
                    .find(|l| !l.is_empty())
                    .filter(|l| is_number(l))
                    .map(str::to_string)
            };
            // a date on its own line, or with the number: not a sentence that mentions one
            if rest.is_empty() || number.is_some() {
                header.made = Some((date, i + 1));
                header.number = number.map(|n| format!("{}{n}", date.wareki()));
                break;
            }
        }
    }
    // the page's note 「(令和2年4月1日施行)」
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if let Some(inner) = t
            .strip_prefix(['(', '（'])
            .and_then(|r| r.strip_suffix([')', '）']))
            .and_then(|r| r.strip_suffix("施行"))
            && let Some((date, read)) = wareki_prefix(inner)
            && read == inner.len()
            && let Ok(date) = date
        {
            header.enforced = Some((date, i + 1));
        }
    }
    // the 附則: the last one whose enforcement sentence gives a day
    let mut found: Option<(Date, usize)> = None;
    let mut unknown_after: Option<usize> = None;
    let supplements: Vec<_> = outline
        .roots()
        .iter()
        .map(|&r| outline.node(r))
        .filter(|n| n.kind == NodeKind::Supplementary)
        .collect();
    for (k, supp) in supplements.iter().enumerate() {
        // the day the 附則 was made: its designation, or for the first, the date under the title
        let made = supp
            .caption
            .as_deref()
            .and_then(leading_date)
            .map(|(d, _)| d)
            .or_else(|| (k == 0).then(|| header.made.map(|(d, _)| d)).flatten());
        let range = supp.range.clone();
        let first_line = supp.line;
        let body = text.get(range.clone()).unwrap_or_default();
        let sentence = body
            .lines()
            .enumerate()
            .find_map(|(j, l)| enforcement(l).map(|e| (e, first_line + j)));
        match sentence {
            Some((Some(date), line)) => {
                found = Some((date, line));
                unknown_after = None;
            }
            Some((None, line)) => match made {
                Some(date) => {
                    found = Some((date, line));
                    unknown_after = None;
                }
                None => unknown_after = Some(line),
            },
            None => {
                // 「…法律の施行の日から施行する。」: a 施行 sentence without a day
                if let Some(j) = body.lines().position(|l| l.contains("から施行")) {
                    unknown_after = Some(first_line + j);
                }
            }
        }
    }
    if header.enforced.is_none() {
        header.enforced = found;
        header.later_unknown = unknown_after.filter(|_| found.is_some());
    }
    header
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Header {
        read_header(text, &Outline::parse(text))
    }

    fn day(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).expect("valid")
    }

    #[test]
    fn the_date_under_the_title_and_the_enforcement_sentence() {
        let h = read(
            "○住民基本台帳ネットワークシステム委託管理規程\n\n平成14年8月5日\n\n訓令甲第8号\n\n(調査)\n\n第1条 部署の長は、調査するものとする。\n\nこの規程は、平成14年8月5日から施行する。\n",
        );
        assert_eq!(
            h.title.as_deref(),
            Some("住民基本台帳ネットワークシステム委託管理規程")
        );
        assert_eq!(h.made, Some((day(2002, 8, 5), 3)));
        assert_eq!(h.number.as_deref(), Some("平成14年8月5日訓令甲第8号"));
        assert_eq!(h.enforced, Some((day(2002, 8, 5), 11)));
        // one line under the title; 「公布の日から施行する」 is the day it was made
        let h = read(
            "○規程\n平成14年8月5日 訓令第3号\n第1条 課長は、調査する。\n附 則\nこの規程は、公布の日から施行する。\n",
        );
        assert_eq!(h.made, Some((day(2002, 8, 5), 2)));
        assert_eq!(h.number.as_deref(), Some("平成14年8月5日訓令第3号"));
        assert_eq!(h.enforced, Some((day(2002, 8, 5), 5)));
    }

    #[test]
    fn the_latest_amendment_gives_the_text_s_enforcement_day() {
        let text = "○架空町規則\n平成27年10月5日\n規則第50号\n第1条 課長は、点検する。\n付 則\nこの規則は、公布の日から施行する。\n付 則(平成28年4月1日規則第27号)\nこの規則は、公布の日から施行する。\n附則(令和五年三月二八日訓令第六号)\nこの規則は、令和五年四月一日から施行する。\n";
        let h = read(text);
        assert_eq!(h.enforced, Some((day(2023, 4, 1), 10)));
        assert_eq!(h.later_unknown, None);
        // a later 附則 that gives no day is reported
        let text = format!(
            "{text}附則(令和6年12月26日訓令第6号)\nこの規則は、関係法律の施行の日から施行する。\n"
        );
        let h = read(&text);
        assert_eq!(h.enforced, Some((day(2023, 4, 1), 10)));
        assert_eq!(h.later_unknown, Some(12));
        // the page's note wins
        let h = read(&format!(
            "{text}架空町規則\n平成27年10月5日 規則第50号\n(令和7年4月1日施行)\n体系情報\n"
        ));
        assert_eq!(h.enforced, Some((day(2025, 4, 1), 15)));
    }

    #[test]
    fn texts_that_say_nothing_about_themselves() {
        let h = read("第1条 課長は、点検する。\n");
        assert_eq!(h, Header::default());
        // a title that is a date is none; a date in a sentence is no date of the text
        let h = read("平成14年8月5日\n第1条 課長は、平成14年8月5日から点検する。\n");
        assert_eq!(h.title, None);
        assert_eq!(h.made, Some((day(2002, 8, 5), 1)));
        let h = read("○規程\nこの規程は平成14年8月5日に定めた。\n第1条 課長は、点検する。\n");
        assert_eq!(h.made, None);
        // a day outside its era is no day
        let h = read("○規程\n平成31年5月1日\n訓令第1号\n第1条 課長は、点検する。\n");
        assert_eq!(h.made, None);
    }
}
