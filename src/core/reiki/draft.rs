//! Draft questions from the duty sentences of a 例規, worded as `policies/README.md` §2 asks,
//! for the 規則エディタ's 「項目案を作る」 and 「この文から項目を作る」.
//!
//! A draft is meant to be taken as it stands; the author still writes the guidance and the
//! evidence. From a duty sentence (its [`Duty`], with its actor and kind):
//!
//! - the subject is dropped when it is the one who answers (the checklist's respondent, or a
//!   head of a 課: 課長, 課等の長, 部署の長, 所属長 …); another actor is named:
//!   「職員が、…していますか。」;
//! - the duty becomes the asking form: 「…しなければならない」, 「…するものとする」, 「…する。」,
//!   「…すること。」 → 「…していますか。」; an effort duty 「…に努めていますか。」; a prohibition
//!   「…しないようにしていますか。」 (「…てはならないことを守っていますか。」 where the verb's
//!   negative cannot be told from its て-form);
//! - a duty to act when something has happened (a condition in the past: 「…が発生したときは」,
//!   「…を受けたときは」, 「…た場合は」) is asked as what was done, 「…とき、…しましたか（なければ
//!   該当なし）。」: a 課 where it did not happen answers 該当なし (§2); a duty for when one intends to act
//!   (「…しようとするときは」) stays 「…していますか」;
//! - two acts joined by 「…するとともに、」 become two questions, each with the sentence's frame
//!   (「…について、」「…とき、」 before the first act): one duty, one question (§2);
//! - a question stands alone: 「…ときは、」 is 「…とき、」 (likewise 「場合は、」, 「については、」,
//!   「に当たっては、」 → 「に当たり、」), a definition in brackets 「(以下「X」という。)」 is 「(X)」,
//!   「その所管する」 (the dropped subject's) is 「所管する」, and a 号's 「前各号」 names its 号
//!   (「第1号から第8号まで」);
//! - a 号 takes what its lead sentence says it is about: 「当該電子情報処理」 is the lead's
//!   「個人情報を取り扱う電子情報処理」, and a 号 that names nothing of it is asked 「…について、」;
//! - a 号 that only names a matter (「秘密保持に関する事項」) is asked through its lead sentence:
//!   in a 委託契約 checklist, under a lead that says what a contract must state (明記, 記載,
//!   規定, 記入), as 「契約書に、（柱書の「…に関し」、）…が明記されていますか。」 — the document
//!   and the verb are the lead's, the 号's number is not; otherwise the lead's question with the
//!   matter in place of its 「次に掲げる…」.
//!
//! Nothing here invents a duty: every word of a draft is the sentence's, but for the asking
//! form and the normalisations above. The words of a question are compacted (the 例規's white
//! space, as in 「第 19 条」, removed).

use std::ops::Range;

use super::duty::{Duty, DutyKind, SubjectKind, announces, compact, subject};
use super::outline::{NodeId, NodeKind, Outline, Place};

/// One drafted question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The 条・項・号 it cites.
    pub place: Place,
    /// What it quotes: a byte range of the source text (a 号 without its number).
    pub quote: Range<usize>,
    /// The question.
    pub question: String,
    /// True for a contract clause (its scale is 明記あり / 明記なし).
    pub clause: bool,
}

/// Who answers the checklist the drafts are for, and whether it is a 委託契約 checklist.
#[derive(Debug, Clone, Copy)]
pub struct Asking<'a> {
    /// The checklist's `respondent` (「課長」, 「保護管理者(課長)」).
    pub respondent: &'a str,
    /// True for a 委託契約 (contract) checklist.
    pub contract: bool,
}

/// Heads of a 課: the one who answers a 点検, whatever the checklist calls them.
const HEADS: &[&str] = &[
    "課長",
    "課の長",
    "課等の長",
    "部署の長",
    "所属長",
    "所属の長",
];

/// True when `actor` is the one who answers (see the module): the respondent, a head of a 課,
/// or a 課 itself (「所管課等は、」).
pub fn answers(actor: &str, respondent: &str) -> bool {
    // 「課長の長」 (a misprint of 課等の長) and the like: the head of something of a 課
    let head_of_ka = actor
        .strip_suffix("の長")
        .is_some_and(|of| of.contains('課') || of.ends_with("部署") || of.ends_with("所属"));
    if HEADS.iter().any(|h| actor.ends_with(h))
        || head_of_ka
        || actor.ends_with('課')
        || actor.ends_with("課等")
    {
        return true;
    }
    actor.chars().count() >= 2
        && respondent
            .split(['(', ')', '（', '）', '・', '、'])
            .map(str::trim)
            .filter(|n| n.chars().count() >= 2)
            .any(|n| actor.ends_with(n) || n.ends_with(actor))
}

// ---------------------------------------------------------------------------------------
// Verbs
// ---------------------------------------------------------------------------------------

const I_ROW: &str = "いきしちにひみりぎじぢびぴ";
const E_ROW: &str = "えけせてねへめれげぜでべぺ";

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

/// `s` without its last character.
fn drop_last(s: &str) -> &str {
    match s.char_indices().next_back() {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The て-form and the 連用形 (before 「ます」) of a verb in its dictionary form: 「講ずる」 →
/// (「講じて」, 「講じ」), 「行う」 → (「行って」, 「行い」), 「定める」 → (「定めて」, 「定め」).
fn from_dictionary(v: &str) -> Option<(String, String)> {
    if let Some(stem) = v.strip_suffix("する") {
        return Some((format!("{stem}して"), format!("{stem}し")));
    }
    if let Some(stem) = v.strip_suffix("ずる") {
        return Some((format!("{stem}じて"), format!("{stem}じ")));
    }
    let last = last_char(v)?;
    let stem = drop_last(v);
    let forms = match last {
        'う' => ("って", "い"),
        'つ' => ("って", "ち"),
        'く' if stem.ends_with('行') => ("って", "き"),
        'く' => ("いて", "き"),
        'ぐ' => ("いで", "ぎ"),
        'す' => ("して", "し"),
        'む' => ("んで", "み"),
        'ぶ' => ("んで", "び"),
        'ぬ' => ("んで", "に"),
        'る' => {
            // 定める, 講じる, 届け出る: ichidan (an え- or い-row kana, or 出・見・着・得, before
            // る); 図る, 守る, とる: godan
            let before = last_char(stem)?;
            if E_ROW.contains(before) || I_ROW.contains(before) || "出見着得".contains(before) {
                ("て", "")
            } else {
                ("って", "り")
            }
        }
        _ => return None,
    };
    Some((format!("{stem}{}", forms.0), format!("{stem}{}", forms.1)))
}

/// The て-form and 連用形 from the form before 「なければ」 (未然形): 「講じ」, 「行わ」, 「報告し」.
fn from_negative_stem(v: &str) -> Option<(String, String)> {
    let last = last_char(v)?;
    let stem = drop_last(v);
    let (te, masu) = match last {
        'し' => ("して", "し"),
        'わ' => ("って", "い"),
        'か' if stem.ends_with('行') => ("って", "き"),
        'か' => ("いて", "き"),
        'が' => ("いで", "ぎ"),
        'さ' => ("して", "し"),
        'た' => ("って", "ち"),
        'な' => ("んで", "に"),
        'ば' => ("んで", "び"),
        'ま' => ("んで", "み"),
        'ら' => ("って", "り"),
        // 講じ, 定め, 得, 届け出: ichidan
        c if E_ROW.contains(c) || I_ROW.contains(c) || "出見着得".contains(c) => {
            return Some((format!("{v}て"), v.to_string()));
        }
        _ => return None,
    };
    Some((format!("{stem}{te}"), format!("{stem}{masu}")))
}

/// The negative of a verb from its て-form stem (what precedes 「てはならない」): 「接続し」 →
/// 「接続しない」, 「漏らし」 → 「漏らさない」, 「使用させ」 → 「使用させない」; `None` where the
/// て-form does not tell the verb (「使っ」, 「読ん」).
fn negative_from_te_stem(v: &str) -> Option<String> {
    let last = last_char(v)?;
    let stem = drop_last(v);
    if last == 'し' {
        // 「接続し」, 「アクセスし」: a noun and する; 「漏らし」, 「持ち出し」: a godan verb in す
        let kanji = stem.chars().rev().take_while(|&c| is_kanji(c)).count();
        let katakana = stem
            .chars()
            .rev()
            .take_while(|&c| ('\u{30a0}'..='\u{30ff}').contains(&c))
            .count();
        return Some(if kanji >= 2 || katakana >= 1 {
            format!("{stem}しない")
        } else {
            format!("{stem}さない")
        });
    }
    let before = last_char(stem);
    match last {
        // 「行っ」 (行う), 「持っ」 (持つ), 「守っ」 (守る): the kanji tells which
        'っ' => {
            let k = before?;
            let ending = if "行使従扱払伴問言買失結迷補償".contains(k) {
                'わ'
            } else if "持保待経".contains(k) {
                'た'
            } else if "図守取送入限作知残載至頼諮切渡計".contains(k) {
                'ら'
            } else {
                return None;
            };
            Some(format!("{stem}{ending}ない"))
        }
        // 「込ん」 (込む), 「運ん」 (運ぶ)
        'ん' => {
            let ending = if before.is_some_and(|k| "運選結呼及並飛遊学".contains(k)) {
                'ば'
            } else {
                'ま'
            };
            Some(format!("{stem}{ending}ない"))
        }
        // 「置い」 (置く), but 「用い」 (用いる)
        'い' if before.is_some_and(|k| is_kanji(k) && !"用率報強".contains(k)) => {
            Some(format!("{stem}かない"))
        }
        c if E_ROW.contains(c) || I_ROW.contains(c) => Some(format!("{v}ない")),
        _ => None,
    }
}

fn is_kanji(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '々'
}

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309f}').contains(&c)
}

/// A character of a word: kanji, katakana, digits, letters.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_hiragana(c)
}

// ---------------------------------------------------------------------------------------
// Normalising the words of a question
// ---------------------------------------------------------------------------------------

/// Connectives a question does not begin with.
const CONNECTIVES: &[&str] = &[
    "また、",
    "なお、",
    "ただし、",
    "さらに、",
    "この場合において、",
    "この場合、",
];

/// Topics of a subordinate clause, as a question words them.
const TOPICS: &[(&str, &str)] = &[
    ("ときは、", "とき、"),
    ("場合には、", "場合、"),
    ("場合は、", "場合、"),
    ("に当たっては、", "に当たり、"),
    ("については、", "について、"),
    ("においては、", "において、"),
];

/// Brackets: definitions 「(以下「X」という。)」 as 「(X)」, 「(…を含む。以下同じ。)」 as 「(…を含む)」.
fn simplify_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find(['(', '（']) {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let opener = after.chars().next().unwrap_or('(');
        // the matching close, brackets nested inside counted
        let mut depth = 0i32;
        let mut close = None;
        for (i, c) in after.char_indices() {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(close) = close else {
            out.push_str(after);
            return out;
        };
        let inner = &after[opener.len_utf8()..close];
        let closer = &after[close..close + after[close..].chars().next().map_or(1, char::len_utf8)];
        let mut kept = inner.replace("以下同じ。", "").replace("以下同じ", "");
        let mut defined = None;
        if let Some(at) = kept.find("以下「") {
            let tail = &kept[at + "以下「".len()..];
            let word_end = tail
                .find("」という")
                .or_else(|| tail.find("という"))
                .unwrap_or(tail.len());
            defined = Some(tail[..word_end].trim_end_matches('」').to_string());
            kept.truncate(at);
        }
        let kept = kept.trim_end_matches(['。', '、']).to_string();
        let body = if kept.is_empty() {
            defined.unwrap_or_default()
        } else {
            kept
        };
        if !body.is_empty() {
            out.push(opener);
            out.push_str(&body);
            out.push_str(closer);
        }
        rest = &after[close + closer.len()..];
    }
    out.push_str(rest);
    out
}

/// 「前各号」, 「前3号」, 「前号」 in 号 number `n` as the 号 they name.
fn name_earlier_items(s: &str, n: u32) -> String {
    if n < 2 {
        return s.to_string();
    }
    let mut out = s.replace("前各号", &format!("第1号から第{}号まで", n - 1));
    for k in (2..n).rev() {
        let from = n - k;
        for digits in [k.to_string(), to_kanji(k)] {
            out = out.replace(
                &format!("前{digits}号"),
                &format!("第{from}号から第{}号まで", n - 1),
            );
        }
    }
    out.replace("前号", &format!("第{}号", n - 1))
}

fn to_kanji(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=99 => format!(
            "{}十{}",
            if n / 10 == 1 {
                ""
            } else {
                D[(n / 10) as usize]
            },
            D[(n % 10) as usize]
        ),
        _ => n.to_string(),
    }
}

/// The normalisations every question gets (see the module).
fn normalise(s: &str) -> String {
    let mut s = simplify_brackets(s);
    for (from, to) in TOPICS {
        s = s.replace(from, to);
    }
    // 「…を充てたときは情報責任者に…」: the same topic without its 読点
    for (from, to) in [("ときは", "とき、"), ("場合は", "場合、")] {
        s = s.replace(from, to);
    }
    s.replace("その所管する", "所管する")
}

/// `s` without the connectives it begins with.
fn without_connectives(mut s: &str) -> &str {
    loop {
        match CONNECTIVES.iter().find_map(|c| s.strip_prefix(c)) {
            Some(rest) => s = rest,
            None => return s,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Asking
// ---------------------------------------------------------------------------------------

/// Frame markers: what ends an adverbial that applies to the whole clause after it.
const FRAMES: &[&str] = &[
    "について、",
    "とき、",
    "場合、",
    "に当たり、",
    "において、",
    "に関し、",
    "ために、",
    "ため、",
];

/// True when the clause's condition lies in the past: 「…が発生したとき、」, 「…た場合、」. The
/// condition is the last frame of the clause: in 「漏えいした場合、…妨げるおそれのあるデータ
/// の管理について、」 the 「場合」 qualifies a noun, not the act.
fn is_event(s: &str) -> bool {
    let last = FRAMES
        .iter()
        .filter_map(|m| s.rfind(m).map(|i| (i, *m)))
        .max_by_key(|&(i, _)| i);
    match last {
        Some((idx, "とき、" | "場合、")) => {
            last_char(&s[..idx]).is_some_and(|c| c == 'た' || c == 'だ')
                && !s[..idx].ends_with("ようとした")
        }
        _ => false,
    }
}

/// The asking form of a clause (normalised, without its final 「。」): see the module.
fn ask(body: &str, kind: DutyKind) -> String {
    let body = body.trim_end_matches(['。', '.']);
    let event = is_event(body);
    let ongoing_or_done = |te: String, masu: String| {
        if event {
            format!("{masu}ましたか（なければ該当なし）。")
        } else {
            // 「備えておく」 is asked 「備えていますか」
            let te = te
                .strip_suffix("ておいて")
                .map(|s| format!("{s}て"))
                .unwrap_or(te);
            format!("{te}いますか。")
        }
    };
    // an effort duty stays an effort
    for ending in [
        "努めなければならない",
        "努めなくてはならない",
        "努めるものとする",
        "努めること",
        "努める",
    ] {
        if let Some(stem) = body.strip_suffix(ending) {
            return format!("{stem}努めていますか。");
        }
    }
    // a matter, not an act (a 号 asked on its own)
    if body.ends_with("に関すること") {
        return format!("「{body}」について、定めのとおり行っていますか。");
    }
    // a prohibition (「しなくてはならない」 is a duty)
    let prohibition = body.strip_suffix("こと").unwrap_or(body);
    for (ending, te) in [("てはならない", 'て'), ("ではならない", 'で')] {
        if let Some(stem) = prohibition.strip_suffix(ending)
            && !stem.ends_with('く')
        {
            let negative = if te == 'て' {
                negative_from_te_stem(stem)
            } else {
                // 「防いではならない」 (防ぐ), 「込んではならない」 (込む)
                stem.strip_suffix('い')
                    .map(|s| format!("{s}がない"))
                    .or_else(|| negative_from_te_stem(stem).filter(|_| stem.ends_with('ん')))
            };
            return match negative {
                Some(neg) => format!("{neg}ようにしていますか。"),
                None => format!("{stem}{ending}ことを守っていますか。"),
            };
        }
    }
    if let Some(stem) = body.strip_suffix("ないこと") {
        return format!("{stem}ないようにしていますか。");
    }
    if let Some(stem) = body.strip_suffix("ないよう留意すること") {
        return format!("{stem}ないよう留意していますか。");
    }
    // a duty
    for ending in ["なければならない", "なくてはならない", "ねばならない"] {
        if let Some(stem) = body.strip_suffix(ending)
            && let Some((te, masu)) = from_negative_stem(stem)
        {
            return ongoing_or_done(te, masu);
        }
    }
    for ending in ["ものとする", "こと", ""] {
        if let Some(stem) = body.strip_suffix(ending)
            && let Some((te, masu)) = from_dictionary(stem)
        {
            return ongoing_or_done(te, masu);
        }
    }
    if let Some(stem) = body.strip_suffix("とする") {
        return format!("{stem}としていますか。");
    }
    if kind == DutyKind::Prohibition {
        return format!("「{body}」を守っていますか。");
    }
    format!("「{body}」について、定めのとおり行っていますか。")
}

/// Where a clause's frame ends: after the last 「…について、」「…とき、」「…場合、」「…に当たり、」
/// 「…において、」「…に関し、」 before `limit`.
fn frame_end(s: &str, limit: usize) -> usize {
    let mut end = 0;
    for marker in FRAMES {
        if let Some(at) = s[..limit].rfind(marker) {
            end = end.max(at + marker.len());
        }
    }
    end
}

/// What a 号's lead sentence says the 号 are about: 「個人情報を取り扱う電子情報処理について、
/// 次の措置を…」 → 「個人情報を取り扱う電子情報処理について、」 (the thing: 「個人情報を取り扱う
/// 電子情報処理」, its head noun 「電子情報処理」), or when 「インターネットを利用するとき次に掲げ
/// る事項に留意しなければならない」 → 「インターネットを利用するとき、」 (head 「インターネット」).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Topic {
    /// The frame as a question begins with it.
    frame: String,
    /// The thing the 号 are about, for 「当該…」 (none for a condition).
    thing: Option<String>,
    /// The word a 号 that already says what it is about names.
    head: String,
    /// The lead asks to heed its 号 (「次に掲げる事項に留意しなければならない」).
    heed: bool,
}

/// The last run of word characters of `s`.
fn tail_word(s: &str) -> String {
    let mut w: Vec<char> = s.chars().rev().take_while(|&c| is_word(c)).collect();
    w.reverse();
    w.into_iter().collect()
}

fn topic_of(lead: &str) -> Option<Topic> {
    let slot = lead.find("次")?;
    let before = lead[..slot].trim_end_matches('、');
    let heed = ["留意", "注意"].iter().any(|w| lead[slot..].contains(w));
    // the subject's 「は、」 or the 読点 before ends what the frame can be
    let from = before.rfind('、').map_or(0, |i| i + '、'.len_utf8());
    let piece = &before[from..];
    if let Some(thing) = piece
        .strip_suffix("については")
        .or_else(|| piece.strip_suffix("について"))
    {
        let head = tail_word(thing);
        return (head.chars().count() >= 2).then(|| Topic {
            frame: format!("{thing}について、"),
            thing: Some(thing.to_string()),
            head,
            heed,
        });
    }
    for marker in ["とき", "場合", "に当たっては", "に当たり", "に際し"] {
        if let Some(cond) = piece
            .strip_suffix(marker)
            .or_else(|| piece.strip_suffix(&format!("{marker}は")))
        {
            // the first noun of the condition says what it is about: 「インターネットを…」
            let head: String = cond.chars().take_while(|&c| is_word(c)).collect();
            let marker = marker.replace("に当たっては", "に当たり");
            return (head.chars().count() >= 2).then(|| Topic {
                frame: format!("{cond}{marker}、"),
                thing: None,
                head,
                heed,
            });
        }
    }
    None
}

/// How one clause is asked.
#[derive(Debug, Clone, Default)]
struct Clause<'a> {
    /// Who must act when the clause names no one (the sentence before's, the lead's).
    actor: Option<&'a str>,
    /// The lead's topic, for a 号.
    topic: Option<Topic>,
    /// The 号's number, for its 「前各号」.
    item: Option<u32>,
    /// Split 「…とともに、」 into two questions.
    split: bool,
}

/// The questions of one clause (compacted, without its number and final 「。」).
fn questions(text: &str, kind: DutyKind, respondent: &str, how: &Clause) -> Vec<String> {
    let text = without_connectives(text);
    // the subject: dropped, or named when another than the one who answers
    let (mut body, named) = match subject(text) {
        Some(s) if s.kind == SubjectKind::Document => {
            // 「契約書には、」 → 「契約書に、」
            let head = &text[..s.span.end - "は、".len()];
            (format!("{head}、{}", &text[s.span.end..]), None)
        }
        // a sentence about a thing names no actor of its own
        Some(s) if s.kind == SubjectKind::Thing => (text.to_string(), None),
        Some(s) => {
            let before = &text[..s.span.start];
            let sep = if before.is_empty() || before.ends_with('、') {
                ""
            } else {
                "、"
            };
            (
                format!("{before}{sep}{}", &text[s.span.end..]),
                Some(s.name),
            )
        }
        None => (
            text.to_string(),
            how.actor.filter(|a| !text.contains(*a)).map(str::to_string),
        ),
    };
    body = normalise(&body);
    if let Some(n) = how.item {
        body = name_earlier_items(&body, n);
    }
    if let Some(t) = &how.topic {
        let anaphor = format!("当該{}", t.head);
        match &t.thing {
            Some(thing) if body.contains(&anaphor) => body = body.replace(&anaphor, thing),
            _ if !body.contains(&t.head) => body = format!("{}{body}", t.frame),
            _ => {}
        }
        // 「…しないこと」 under 「次に掲げる事項に留意しなければならない」
        if t.heed
            && let Some(stem) = body.strip_suffix("ないこと")
        {
            body = format!("{stem}ないよう留意すること");
        }
    }
    let who = named
        .filter(|n| !answers(n, respondent))
        .map(|n| format!("{n}が、"))
        .unwrap_or_default();
    // two acts joined by 「とともに、」: one question each, both with the frame
    let parts: Vec<String> = match body.find("とともに、").filter(|_| how.split) {
        Some(at) => {
            let frame = &body[..frame_end(&body, at)];
            vec![
                body[..at].to_string(),
                format!("{frame}{}", &body[at + "とともに、".len()..]),
            ]
        }
        None => vec![body],
    };
    parts
        .into_iter()
        .map(|p| format!("{who}{}", ask(&p, kind)))
        .collect()
}

// ---------------------------------------------------------------------------------------
// From the outline and duties to drafts
// ---------------------------------------------------------------------------------------

/// The byte range of a node's own text after its number (a 号's 「(1) 」 left out).
fn body_range(text: &str, outline: &Outline, id: NodeId) -> Range<usize> {
    let node = outline.node(id);
    let spans = outline.own_text(id);
    let start = node.body.max(node.range.start).min(text.len());
    let end = spans.first().map_or(node.range.end, |r| r.end).max(start);
    let s = &text[start..end.min(text.len())];
    let trimmed = s.trim_end();
    let lead = s.len() - s.trim_start().len();
    start + lead..start + trimmed.len()
}

/// The number of a 号 as a whole number (「3」; none for 「1-2」).
fn item_number(outline: &Outline, id: NodeId) -> Option<u32> {
    let node = outline.node(id);
    (node.kind == NodeKind::Item)
        .then(|| node.number.parse().ok())
        .flatten()
}

/// True when a 号 only names a matter (「…に関する事項」, 「…に関すること。」, 「秘密保持義務」),
/// not a condition (「…とき」, 「…場合」), a definition (「…をいう。」) or an act (「…すること。」).
fn names_a_matter(item: &str) -> bool {
    let s = item.trim_end_matches('。');
    if ["関すること", "事項", "と認めること", "なこと"]
        .iter()
        .any(|e| s.ends_with(e))
    {
        return true;
    }
    // a noun phrase: 「秘密保持義務」, 「委託期間」 (not 「…とき」, 「…もの」, 「…をいう。」)
    !item.ends_with('。') && last_char(s).is_some_and(is_word)
}

/// A lead sentence whose 号 are alternatives or exceptions, asked as one question.
fn lists_alternatives(lead: &str) -> bool {
    ["いずれか", "を除き", "該当する", "限る"]
        .iter()
        .any(|w| lead.contains(w))
}

/// The verb by which a lead sentence says what a document must state, as the question words
/// it: 明記 → 「明記されて」, 定め → 「定められて」.
fn writing_verb(lead: &str) -> Option<&'static str> {
    let at = lead.find("次")?;
    let after = &lead[at..];
    [
        ("明記", "明記されて"),
        ("記載", "記載されて"),
        ("規定", "規定されて"),
        ("記入", "記入されて"),
        ("定め", "定められて"),
    ]
    .into_iter()
    .filter_map(|(w, q)| after.find(w).map(|i| (i, q)))
    .min_by_key(|&(i, _)| i)
    .map(|(_, q)| q)
}

/// The document a lead sentence writes to, as a question names it: 「外部委託に係る契約書」 →
/// 「契約書」; 「…契約書、確認書、覚書その他これらに類する書類」 and 「契約書等」 → 「契約書等」.
fn document_of(lead: &str) -> Option<String> {
    let slot = lead.find("次")?;
    let before = &lead[..slot];
    // the last phrase ending in a document and に(は)
    let at = ["書類に", "書等に", "書に"]
        .iter()
        .filter_map(|w| before.rfind(w).map(|i| i + w.len() - "に".len()))
        .max()?;
    let phrase = &before[..at];
    let listed = phrase.contains("その他これら") || phrase.ends_with('等');
    if phrase.contains("契約書") {
        return Some(if listed { "契約書等" } else { "契約書" }.to_string());
    }
    let word: String = {
        let mut w: Vec<char> = phrase.chars().rev().take_while(|&c| is_word(c)).collect();
        w.reverse();
        w.into_iter().collect()
    };
    (!word.is_empty()).then_some(word)
}

/// The 「…に関し、」 by which a lead sentence limits what the document states.
fn qualifier_of(lead: &str) -> Option<&str> {
    let slot = lead.find("次")?;
    let before = &lead[..slot];
    let end = before.rfind("に関し、")? + "に関し、".len();
    let start = before[..end - "に関し、".len()]
        .rfind('、')
        .map_or(0, |i| i + '、'.len_utf8());
    Some(&before[start..end])
}

/// The lead's 「次に掲げる…」 replaced by a 号's matter: 「次に掲げる事務を所掌する」 with
/// 「…の運用管理に関すること」 → 「…の運用管理を行う」.
fn with_matter(lead: &str, matter: &str) -> Option<String> {
    let matter = matter.trim_end_matches('。');
    let matter = matter.strip_suffix("に関すること").unwrap_or(matter);
    // 「その他…が必要と認めること」: the catch-all, alone, needs no 「その他」
    let matter = matter.strip_prefix("その他").unwrap_or(matter);
    // 「揚げる」 for 「掲げる」 is a misprint 例規集 texts carry
    let markers = [
        "次の各号に掲げる",
        "次に掲げる",
        "次の各号に揚げる",
        "次に揚げる",
        "次の各号の",
        "次の",
    ];
    let (at, marker) = markers
        .iter()
        .filter_map(|m| lead.find(m).map(|i| (i, *m)))
        .min_by_key(|&(i, m)| (i, std::cmp::Reverse(m.len())))?;
    let after = &lead[at + marker.len()..];
    // the noun the marker qualifies: 「事務」, 「住基ネットの構成機器」, 「記録媒体」 (of 「記録媒体の
    // 管理」 when the 号 is a 記録媒体)
    let mut ends: Vec<usize> = Vec::new();
    // 「次に掲げるもの」: the 号 themselves
    if after.starts_with("もの") {
        ends.push("もの".len());
    }
    let mut i = 0;
    let chars: Vec<(usize, char)> = after.char_indices().collect();
    while i < chars.len() && is_word(chars[i].1) {
        while i < chars.len() && is_word(chars[i].1) {
            i += 1;
        }
        let end = chars.get(i).map_or(after.len(), |&(b, _)| b);
        ends.push(end);
        if chars.get(i).map(|&(_, c)| c) == Some('の')
            && chars.get(i + 1).is_some_and(|&(_, c)| is_word(c))
        {
            i += 1;
        } else {
            break;
        }
    }
    let matter_tail: String = {
        let mut w: Vec<char> = matter.chars().rev().take_while(|&c| is_word(c)).collect();
        w.reverse();
        w.into_iter().collect()
    };
    let noun_end = ends
        .iter()
        .copied()
        .find(|&e| {
            let noun = &after[..e];
            let tail: String = {
                let mut w: Vec<char> = noun.chars().rev().take_while(|&c| is_word(c)).collect();
                w.reverse();
                w.into_iter().collect()
            };
            let common = tail
                .chars()
                .rev()
                .zip(matter_tail.chars().rev())
                .take_while(|(a, b)| a == b)
                .count();
            common >= 2
        })
        .or(ends.last().copied())?;
    let mut rest = &after[noun_end..];
    // the act of the list only: 「…を明記するとともに、…確認する」 → 「…を明記する」
    if let Some(at) = rest.find("とともに、") {
        rest = &rest[..at];
    }
    // a list of duties assigned (所掌): each is asked as done
    let rest = ["を所掌する", "を掌握する", "を担任する", "をつかさどる"]
        .iter()
        .find_map(|v| {
            rest.starts_with(v)
                .then(|| format!("を行う{}", &rest[v.len()..]))
        })
        .unwrap_or_else(|| rest.to_string());
    Some(format!("{}{matter}{rest}", &lead[..at]))
}

/// The duty that a 号's lead sentence is: the announcing duty of the 号's 項.
fn lead_of<'d>(outline: &Outline, duties: &'d [Duty], item: NodeId) -> Option<&'d Duty> {
    let parent = outline.node(item).parent?;
    duties
        .iter()
        .filter(|d| d.node == parent && d.lead)
        .find(|d| announces(&compact(&d.text)))
        .or_else(|| duties.iter().find(|d| d.node == parent && d.lead))
}

/// The 号 of a node (its 項).
fn items_of(outline: &Outline, id: NodeId) -> Vec<NodeId> {
    outline
        .node(id)
        .children
        .iter()
        .copied()
        .filter(|&c| outline.node(c).kind == NodeKind::Item)
        .collect()
}

/// A 号's text, compacted, without its number and final 「。」.
fn item_text(text: &str, outline: &Outline, id: NodeId) -> (Range<usize>, String) {
    let r = body_range(text, outline, id);
    let t = compact(&text[r.clone()]);
    (r, t)
}

/// The draft for a 号 that names a matter, asked through its lead (see the module).
fn matter_draft(
    text: &str,
    outline: &Outline,
    lead: &Duty,
    item: NodeId,
    asking: Asking,
) -> Option<Draft> {
    let place = outline.place(item)?;
    let (quote, matter) = item_text(text, outline, item);
    let matter = name_earlier_items(
        &simplify_brackets(matter.trim_end_matches('。')),
        item_number(outline, item).unwrap_or(0),
    );
    let lead_text = compact(&lead.text);
    let lead_text = without_connectives(lead_text.trim_end_matches('。'));
    if asking.contract
        && let Some(verb) = writing_verb(lead_text)
        && let Some(doc) = document_of(lead_text)
    {
        let qualifier = qualifier_of(lead_text).unwrap_or_default();
        return Some(Draft {
            place,
            quote,
            question: format!("{doc}に、{qualifier}{matter}が{verb}いますか。"),
            clause: true,
        });
    }
    let sentence = with_matter(lead_text, &matter)?;
    let how = Clause {
        actor: lead.actor.as_deref(),
        ..Clause::default()
    };
    let question = questions(&sentence, lead.kind, asking.respondent, &how)
        .into_iter()
        .next()?;
    Some(Draft {
        place,
        quote,
        question,
        clause: false,
    })
}

/// How a duty is asked: its actor, its lead's topic and its 号's number.
fn clause_of<'a>(outline: &Outline, duties: &'a [Duty], duty: &'a Duty, split: bool) -> Clause<'a> {
    let node = outline.node(duty.node);
    let (topic, item) = if matches!(node.kind, NodeKind::Item | NodeKind::SubItem) {
        let item_node = if node.kind == NodeKind::SubItem {
            node.parent.unwrap_or(duty.node)
        } else {
            duty.node
        };
        (
            lead_of(outline, duties, item_node)
                .and_then(|l| topic_of(without_connectives(&compact(&l.text)))),
            item_number(outline, item_node),
        )
    } else {
        (None, None)
    };
    Clause {
        actor: duty.actor.as_deref(),
        topic,
        item,
        split,
    }
}

/// The compacted text of a byte range of the source, without a leading 号 or 項 number when
/// the range starts at one, and the range it quotes.
fn selected(text: &str, outline: &Outline, range: Range<usize>) -> (Range<usize>, String) {
    let (mut start, end) = (range.start.min(text.len()), range.end.min(text.len()));
    while start < end && !text.is_char_boundary(start) {
        start += 1;
    }
    if let Some(id) = outline.locate(start) {
        let body = outline.node(id).body;
        if start < body && body < end {
            start = body;
        }
    }
    let s = text.get(start..end).unwrap_or_default();
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    (
        start + lead..start + lead + trimmed.len(),
        compact(trimmed).trim_end_matches('。').to_string(),
    )
}

/// The drafts the editor offers for duty `index` of `duties` (see the module): one per act;
/// for a sentence that announces its 号, one per 号 (a contract clause, an act, a matter), or one
/// for the sentence when its 号 are alternatives.
pub fn drafts_for_duty(
    text: &str,
    outline: &Outline,
    duties: &[Duty],
    index: usize,
    asking: Asking,
) -> Vec<Draft> {
    let Some(duty) = duties.get(index) else {
        return Vec::new();
    };
    let Some(place) = duty.place.clone() else {
        return Vec::new();
    };
    let c = compact(&duty.text);
    let items = items_of(outline, duty.node);
    if duty.lead && announces(&c) && !items.is_empty() && !lists_alternatives(&c) {
        let mut out = Vec::new();
        for &item in &items {
            let own: Vec<usize> = (0..duties.len())
                .filter(|&i| duties[i].node == item)
                .collect();
            if !own.is_empty() {
                for i in own {
                    out.extend(drafts_for_duty(text, outline, duties, i, asking));
                }
            } else if names_a_matter(&item_text(text, outline, item).1)
                && let Some(d) = matter_draft(text, outline, duty, item, asking)
            {
                out.push(d);
            }
        }
        if !out.is_empty() {
            // the lead's other act, if it has one: 「…を明記するとともに、…書面で確認する。」
            if c.contains("とともに、") {
                let how = clause_of(outline, duties, duty, true);
                for question in
                    questions(c.trim_end_matches('。'), duty.kind, asking.respondent, &how)
                        .into_iter()
                        .filter(|q| !q.contains('次'))
                {
                    out.push(Draft {
                        place: place.clone(),
                        quote: duty.range.clone(),
                        question,
                        clause: false,
                    });
                }
            }
            return out;
        }
    }
    let how = clause_of(outline, duties, duty, true);
    let body = c.trim_end_matches('。');
    let body = if duty.lead {
        name_the_list(outline, duty.node, body)
    } else {
        body.to_string()
    };
    questions(&body, duty.kind, asking.respondent, &how)
        .into_iter()
        .map(|question| Draft {
            place: place.clone(),
            quote: duty.range.clone(),
            question,
            clause: false,
        })
        .collect()
}

/// A lead sentence asked as one question names its list: 「次の各号」 → 「第4条第1項各号」.
fn name_the_list(outline: &Outline, node: NodeId, s: &str) -> String {
    let Some(place) = outline.place(node) else {
        return s.to_string();
    };
    let single = outline
        .node(node)
        .parent
        .map(|p| {
            outline
                .node(p)
                .children
                .iter()
                .filter(|&&c| outline.node(c).kind == NodeKind::Paragraph)
                .count()
                == 1
        })
        .unwrap_or(false);
    let label = if single {
        Place {
            paragraph: None,
            ..place
        }
        .label()
    } else {
        place.label()
    };
    s.replacen("次の各号", &format!("{label}各号"), 1).replacen(
        "次に掲げる",
        &format!("{label}各号に掲げる"),
        1,
    )
}

/// The draft for a selection of the text (「この文から項目を作る」): the question of the
/// selected words with what the sentence they stand in says (its actor, kind, lead), or the
/// 号's draft when a whole 号 that names a matter is selected. `None` outside the main body.
pub fn draft_for_selection(
    text: &str,
    outline: &Outline,
    duties: &[Duty],
    range: Range<usize>,
    asking: Asking,
) -> Option<Draft> {
    let (quote, words) = selected(text, outline, range);
    if words.is_empty() {
        return None;
    }
    let id = outline.locate(quote.start)?;
    let place = outline.place(id)?;
    // a 号 that names a matter, selected whole: asked through its lead
    let item = match outline.node(id).kind {
        NodeKind::SubItem => outline.node(id).parent,
        NodeKind::Item => Some(id),
        _ => None,
    };
    if let Some(item) = item
        && !duties.iter().any(|d| d.node == item)
        && let Some(lead) = lead_of(outline, duties, item)
    {
        let (_, whole) = item_text(text, outline, item);
        let lead_words = compact(&lead.text);
        let matter = names_a_matter(&whole) && !lists_alternatives(&lead_words);
        let drafted = matter
            .then(|| matter_draft(text, outline, lead, item, asking))
            .flatten();
        let lead_asked = drafted.is_none();
        if let Some(d) = drafted.filter(|_| whole.trim_end_matches('。') == words) {
            return Some(Draft { quote, ..d });
        }
        if lead_asked {
            // a condition or exception of its lead: asked as the lead is
            let how = clause_of(outline, duties, lead, false);
            let body = name_the_list(
                outline,
                lead.node,
                compact(&lead.text).trim_end_matches('。'),
            );
            let question = questions(&body, lead.kind, asking.respondent, &how)
                .into_iter()
                .next()?;
            return Some(Draft {
                place,
                quote,
                question,
                clause: false,
            });
        }
    }
    // the duty sentence the selection stands in
    let duty = duties
        .iter()
        .find(|d| d.range.start <= quote.start && quote.start < d.range.end.max(d.range.start + 1));
    let (kind, how) = match duty {
        Some(d) => (d.kind, clause_of(outline, duties, d, false)),
        None => (DutyKind::Obligation, Clause::default()),
    };
    let body = match duty {
        Some(d) if d.lead => name_the_list(outline, d.node, &words),
        _ => words,
    };
    let question = questions(&body, kind, asking.respondent, &how)
        .into_iter()
        .next()?;
    Some(Draft {
        place,
        quote,
        question,
        clause: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::reiki::find_duties;

    const CHO: Asking = Asking {
        respondent: "課長",
        contract: false,
    };
    const KEIYAKU: Asking = Asking {
        respondent: "課長",
        contract: true,
    };

    /// Every draft the duty offers of `text` make, as (place, question).
    fn offers(text: &str, asking: Asking) -> Vec<(String, String)> {
        let outline = Outline::parse(text);
        let duties = find_duties(text, &outline);
        let mut out: Vec<(String, String)> = Vec::new();
        for i in 0..duties.len() {
            for d in drafts_for_duty(text, &outline, &duties, i, asking) {
                let row = (d.place.label(), d.question);
                if !out.contains(&row) {
                    out.push(row);
                }
            }
        }
        out
    }

    fn q(s: &str) -> String {
        questions(s, DutyKind::Obligation, "課長", &Clause::default())
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    #[test]
    fn verbs_in_the_asking_form() {
        for (sentence, question) in [
            (
                "課長は、所管する情報を適正に管理しなければならない",
                "所管する情報を適正に管理していますか。",
            ),
            (
                "課長は、研修を行わなければならない",
                "研修を行っていますか。",
            ),
            (
                "課長は、必要な措置を講じなければならない",
                "必要な措置を講じていますか。",
            ),
            ("課長は、必要な措置を講ずる", "必要な措置を講じていますか。"),
            (
                "課長は、台帳を備えておかなければならない",
                "台帳を備えていますか。",
            ),
            ("点検を実施するものとする", "点検を実施していますか。"),
            ("記録を定めるものとする", "記録を定めていますか。"),
            ("その指示に従う", "その指示に従っていますか。"),
            ("適正な管理を図る", "適正な管理を図っていますか。"),
            ("措置をとる", "措置をとっていますか。"),
            ("書面で届け出る", "書面で届け出ていますか。"),
            ("支所に出向く", "支所に出向いていますか。"),
            ("承認を受けさせること", "承認を受けさせていますか。"),
            (
                "課長は、安全管理に努めなければならない",
                "安全管理に努めていますか。",
            ),
            ("能力向上に努めること", "能力向上に努めていますか。"),
        ] {
            assert_eq!(q(sentence), question, "{sentence}");
        }
    }

    #[test]
    fn prohibitions_ask_what_is_kept_from() {
        let p = |s: &str| {
            questions(s, DutyKind::Prohibition, "課長", &Clause::default())
                .into_iter()
                .next()
                .unwrap_or_default()
        };
        assert_eq!(
            p("職員は、私物の記録媒体を接続してはならない"),
            "職員が、私物の記録媒体を接続しないようにしていますか。"
        );
        assert_eq!(
            p("秘密を漏らしてはならない"),
            "秘密を漏らさないようにしていますか。"
        );
        assert_eq!(
            p("外部へ持ち出してはならない"),
            "外部へ持ち出さないようにしていますか。"
        );
        assert_eq!(
            p("他人に使用させてはならない"),
            "他人に使用させないようにしていますか。"
        );
        assert_eq!(
            p("業務以外で使ってはならない"),
            "業務以外で使わないようにしていますか。"
        );
        assert_eq!(
            p("電子計算機結合を行ってはならない"),
            "電子計算機結合を行わないようにしていますか。"
        );
        assert_eq!(
            p("外部から持ち込んではならない"),
            "外部から持ち込まないようにしていますか。"
        );
        assert_eq!(
            p("机に置いてはならない"),
            "机に置かないようにしていますか。"
        );
        // a て-form that does not tell its verb is asked as the 例規 words it
        assert_eq!(
            p("賭けに勝ってはならない"),
            "賭けに勝ってはならないことを守っていますか。"
        );
        assert_eq!(
            p("所定の回線以外の回線と接続しないこと"),
            "所定の回線以外の回線と接続しないようにしていますか。"
        );
    }

    #[test]
    fn events_are_asked_as_what_was_done() {
        assert_eq!(
            q("保護責任者は、事故が発生したときは、直ちに、保護管理者に報告しなければならない"),
            "保護責任者が、事故が発生したとき、直ちに、保護管理者に報告しましたか（なければ該当なし）。"
        );
        assert_eq!(
            q("課長は、申請を受けたときは、台帳に記載するものとする"),
            "申請を受けたとき、台帳に記載しましたか（なければ該当なし）。"
        );
        // an intended act is asked as a practice
        assert_eq!(
            q("課長は、外部委託をしようとするときは、あらかじめ、調査するものとする"),
            "外部委託をしようとするとき、あらかじめ、調査していますか。"
        );
        assert_eq!(
            q("職員は、USBメモリを接続するときは、貸与されたUSBメモリを使用しなければならない"),
            "職員が、USBメモリを接続するとき、貸与されたUSBメモリを使用していますか。"
        );
    }

    #[test]
    fn subjects_whole_or_carried() {
        // the whole noun phrase, 「又は」 and all, is the one who answers: dropped
        assert_eq!(
            q(
                "住民基本台帳ネットワークシステムを管理し、又は利用する部署の長は、必要に応じ受託者における当該外部委託に係るセキュリティ対策の実施状況について調査するものとする"
            ),
            "必要に応じ受託者における当該外部委託に係るセキュリティ対策の実施状況について調査していますか。"
        );
        // what stands before the subject stays
        assert_eq!(
            q("第2条各号に規定する項目ごとに所管課等は、功績調書を調製するものとする"),
            "第2条各号に規定する項目ごとに、功績調書を調製していますか。"
        );
        // a subject carried from the sentence before is named when another than the respondent
        let how = Clause {
            actor: Some("保護責任者"),
            ..Clause::default()
        };
        assert_eq!(
            questions(
                "前項の外部委託をしようとするときは、承認を得なければならない",
                DutyKind::Obligation,
                "課長",
                &how
            ),
            ["保護責任者が、前項の外部委託をしようとするとき、承認を得ていますか。"]
        );
        // the respondent by the checklist's own name
        assert_eq!(
            questions(
                "委託業務主管課のデータ保護責任者は、調査しなければならない",
                DutyKind::Obligation,
                "データ保護責任者",
                &Clause::default()
            ),
            ["調査していますか。"]
        );
        assert!(answers("保護管理者", "保護管理者(課長)"));
        assert!(answers("デジタル推進課長", "課長"));
        assert!(!answers("職員", "課長") && !answers("部長", "課長"));
    }

    #[test]
    fn two_acts_two_questions_with_their_frame() {
        let how = Clause {
            split: true,
            ..Clause::default()
        };
        assert_eq!(
            questions(
                "保護責任者は、記録媒体について、事故が発生したときは、直ちに、その状況を調査し、必要な措置を講じるとともに、保護管理者にその旨を報告しなければならない",
                DutyKind::Obligation,
                "課長",
                &how
            ),
            [
                "保護責任者が、記録媒体について、事故が発生したとき、直ちに、その状況を調査し、必要な措置を講じましたか（なければ該当なし）。",
                "保護責任者が、記録媒体について、事故が発生したとき、保護管理者にその旨を報告しましたか（なければ該当なし）。"
            ]
        );
    }

    #[test]
    fn questions_stand_alone() {
        assert_eq!(
            q(
                "課長は、その所管する業務(以下「システム関係業務」という。)を委託しようとするときは、協議しなければならない"
            ),
            "所管する業務(システム関係業務)を委託しようとするとき、協議していますか。"
        );
        assert_eq!(
            simplify_brackets(
                "職員（嘱託員及び臨時職員を含む。以下「職員」という。）及び(以下同じ。)役割"
            ),
            "職員（嘱託員及び臨時職員を含む）及び役割"
        );
        // a lost 」 in the text (四万十市 第6条)
        assert_eq!(
            simplify_brackets("部署(以下「課等という。)の長"),
            "部署(課等)の長"
        );
        assert_eq!(simplify_brackets("(未完"), "(未完");
        assert_eq!(
            name_earlier_items("前各号に定める事項に違反した場合", 9),
            "第1号から第8号までに定める事項に違反した場合"
        );
        assert_eq!(
            name_earlier_items("前3号に掲げるもののほか", 4),
            "第1号から第3号までに掲げるもののほか"
        );
        assert_eq!(name_earlier_items("前号の", 1), "前号の");
    }

    #[test]
    fn contract_clauses_one_per_item_without_its_number() {
        let text = "第3条 外部委託に係る契約書には、情報の保護に関し、次の各号に掲げる事項を明記しなければならない。\n(1) 再委託の禁止又は制限に関する事項\n(2) 前号に違反した場合の措置に関する事項\n第4条 課長は、次に掲げる事務を所掌する。\n(1) 運用管理に関すること。\n";
        assert_eq!(
            offers(text, KEIYAKU),
            [
                (
                    "第3条第1項第1号".to_string(),
                    "契約書に、情報の保護に関し、再委託の禁止又は制限に関する事項が明記されていますか。".to_string()
                ),
                (
                    "第3条第1項第2号".to_string(),
                    "契約書に、情報の保護に関し、第1号に違反した場合の措置に関する事項が明記されていますか。".to_string()
                ),
                (
                    "第4条第1項第1号".to_string(),
                    "運用管理を行っていますか。".to_string()
                ),
            ]
        );
        // in a 点検, the lead's own words with the matter
        let inspection = offers(text, CHO);
        assert_eq!(
            inspection[0].1,
            "外部委託に係る契約書に、情報の保護に関し、再委託の禁止又は制限に関する事項を明記していますか。"
        );
        // the document and verb are the lead's: 「契約書等」, 「記載」
        let text = "第9条 委託の契約書、確認書、覚書その他これらに類する書類には、次の事項を記載しなくてはならない。\n(1) 委託期間\n";
        assert_eq!(
            offers(text, KEIYAKU)[0].1,
            "契約書等に、委託期間が記載されていますか。"
        );
    }

    #[test]
    fn items_take_their_lead_s_topic() {
        let text = "第13条 個人情報を取り扱う電子情報処理については、次の措置を講じなければならない。\n(1) 当該電子情報処理に従事する者を制限し、これを管理すること。\n(2) 接続する回線を制限すること。\n第26条 課等の長は、業務委託に伴い提供する情報資産について次の事項を守らなくてはならない。\n(1) 必要な範囲のものに限定すること。\n";
        assert_eq!(
            offers(text, CHO)
                .into_iter()
                .map(|(_, q)| q)
                .collect::<Vec<_>>(),
            [
                "個人情報を取り扱う電子情報処理に従事する者を制限し、これを管理していますか。",
                "個人情報を取り扱う電子情報処理について、接続する回線を制限していますか。",
                "業務委託に伴い提供する情報資産について、必要な範囲のものに限定していますか。",
            ]
        );
    }

    #[test]
    fn alternatives_are_one_question_naming_the_list() {
        let text = "第4条 保護責任者は、データが次の各号のいずれかに該当するときは、保護データとして扱わなければならない。\n(1) 個人情報に関するデータ\n(2) 守秘義務のあるデータ\n";
        assert_eq!(
            offers(text, CHO),
            [(
                "第4条第1項".to_string(),
                "保護責任者が、データが第4条各号のいずれかに該当するとき、保護データとして扱っていますか。".to_string()
            )]
        );
    }

    #[test]
    fn selections_are_drafted_with_their_sentence() {
        let text = "第1条 職員は、私物の記録媒体を接続してはならない。\n第2条 契約書には、次に掲げる事項を明記しなければならない。\n(1) 秘密保持に関する事項\n";
        let outline = Outline::parse(text);
        let duties = find_duties(text, &outline);
        let at = |s: &str| {
            let i = text.find(s).expect("in text");
            i..i + s.len()
        };
        let d = draft_for_selection(
            text,
            &outline,
            &duties,
            at("私物の記録媒体を接続してはならない。"),
            CHO,
        )
        .expect("draft");
        assert_eq!(
            d.question,
            "職員が、私物の記録媒体を接続しないようにしていますか。"
        );
        // a whole 号 line, its number included: the number is neither quoted nor asked
        let d = draft_for_selection(
            text,
            &outline,
            &duties,
            at("(1) 秘密保持に関する事項"),
            KEIYAKU,
        )
        .expect("draft");
        assert_eq!(&text[d.quote.clone()], "秘密保持に関する事項");
        assert_eq!(
            d.question,
            "契約書に、秘密保持に関する事項が明記されていますか。"
        );
        assert!(d.clause);
        assert_eq!(d.place.item.as_deref(), Some("1"));
        // nothing selected, or outside the body
        assert_eq!(
            draft_for_selection(text, &outline, &duties, 3..3, CHO),
            None
        );
        assert_eq!(
            draft_for_selection(text, &outline, &duties, 500..900, CHO),
            None
        );
    }
}
