//! The sentences of a regulation that lay a duty (義務), a prohibition (禁止) or an effort duty
//! (努力義務), each with its place in the outline and the actor the text names.
//!
//! A sentence is a run of a 項, 号 or 細目's own text ending in 「。」 outside brackets (so
//! 「(以下「区」という。)」 does not end one). It lays
//!
//! - an effort duty when it says 「努めなければならない」, 「努めるものとする」 or ends 「…に努める。」
//!   (and, in an enumeration, 「…に努めること。」);
//! - a prohibition when it says 「…てはならない」 (「してはならない」, 「接続してはならない」);
//! - a duty when it says 「…なければならない」 (「講じなければならない」), or 「…ものとする」 other than
//!   in a provision about the regulation itself (「この規程は、…定めるものとする。」) or a power
//!   (「…ことができるものとする」), or when an actor is named and the sentence ends in a plain act
//!   (「保護管理者は、…範囲を指定する。」, 「…措置を講ずる。」, 「…事務を所掌する。」) other than an
//!   assignment or a description (「…をもって充てる。」, 「…とする。」, 「…が担当する。」); a sentence
//!   without a subject has the one of the sentence before, and 「…は、Xが…する。」 names X;
//! - in an enumeration: a 号 or 細目 ending 「…すること。」 / 「…させること。」 under a 項 whose duty
//!   sentence announces it (「次に掲げる措置を講じなければならない。」) is a duty of the same actor
//!   and kind (a prohibition when the 号 says 「…しないこと。」 or the 項 prohibits); a 号 that
//!   only names a matter (「…に関する事項」, 「…に関すること。」) carries no duty of its own: the
//!   announcing sentence is its duty (its `lead` flag is set).
//!
//! The actor is the subject before the first 「は、」 that names a post or body (課長, 課等の長,
//! 保護管理者, データ保護責任者, 職員, 受託者, 委託先 …) as the whole noun phrase (「…を管理し、
//! 又は利用する部署の長」), with references such as 「前項の」 dropped; or the document a duty
//! writes to (「外部委託に係る契約書には、…明記しなければならない。」); a sentence without a
//! subject has the actor of the sentence before in its 項, or of the 項 before in its 条; none
//! when the sentence names none (「駐車場等においては、…してはならない。」) or is about a thing
//! (「保有情報は、…削除しなければならない。」).

use std::ops::Range;

use super::outline::{NodeId, NodeKind, Outline, Place};
use crate::core::message::Message;

/// What a duty sentence asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DutyKind {
    /// 義務: something must be done.
    Obligation,
    /// 禁止: something must not be done.
    Prohibition,
    /// 努力義務: an effort is asked.
    Effort,
}

impl DutyKind {
    /// 義務 / 禁止 / 努力義務.
    pub fn label_ja(self) -> &'static str {
        match self {
            DutyKind::Obligation => "義務",
            DutyKind::Prohibition => "禁止",
            DutyKind::Effort => "努力義務",
        }
    }

    /// duty / prohibition / effort duty.
    pub fn label_en(self) -> &'static str {
        match self {
            DutyKind::Obligation => "duty",
            DutyKind::Prohibition => "prohibition",
            DutyKind::Effort => "effort duty",
        }
    }
}

impl Message for DutyKind {
    fn message_ja(&self) -> String {
        self.label_ja().into()
    }

    fn message_en(&self) -> String {
        self.label_en().into()
    }
}

/// One sentence that lays a duty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duty {
    /// The 項, 号 or 細目 it stands in.
    pub node: NodeId,
    /// Its place in the main body (a 細目's is its 号's); `None` in a 附則.
    pub place: Option<Place>,
    /// Byte range of the sentence.
    pub range: Range<usize>,
    /// Line number (from 1) where it begins.
    pub line: usize,
    /// The sentence, as written.
    pub text: String,
    /// 義務, 禁止 or 努力義務.
    pub kind: DutyKind,
    /// Who must act, where the text names it.
    pub actor: Option<String>,
    /// True when the sentence announces the 号 that follow (their content is its duty).
    pub lead: bool,
    /// True for a 号 or 細目 of an enumeration that takes its duty from the announcing sentence.
    pub enumerated: bool,
}

/// Suffixes of words that name a post or a body.
const PERSON_SUFFIXES: &[char] = &[
    '長', '者', '員', '課', '官', '部', '局', '室', '等', '会', '先', '属', '人', '係', '所', '庁',
    '班', '主', '署',
];

/// Plain acts that make a sentence with a named actor a duty.
const ACTS: &[&str] = &[
    "する。",
    "行う。",
    "講ずる。",
    "講じる。",
    "図る。",
    "とる。",
    "届け出る。",
    "定める。",
    "求める。",
    "受ける。",
    "備える。",
    "努める。",
    "つかさどる。",
];

/// Acts that describe a role or an assignment, not a duty.
const NOT_ACTS: &[&str] = &[
    "とする。",
    "担当する。",
    "主宰する。",
    "属する。",
    "要する。",
    "有する。",
    "該当する。",
    "相当する。",
    "準用する。",
    "適用する。",
    "代理する。",
    "組織する。",
    "構成する。",
];

pub(crate) fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// 「この規程は、」「この規則において」: a provision about the regulation itself.
fn about_itself(c: &str) -> bool {
    let Some(rest) = c.strip_prefix("この") else {
        return false;
    };
    [
        "規則", "規程", "要綱", "条例", "訓令", "告示", "要領", "基準", "規約", "法律",
    ]
    .iter()
    .any(|w| rest.starts_with(w))
}

/// The kind of duty a sentence lays by its wording alone.
fn explicit(c: &str) -> Option<DutyKind> {
    if about_itself(c) {
        return None;
    }
    if ["努めなければ", "努めなくては", "努めるものとする"]
        .iter()
        .any(|w| c.contains(w))
        || c.ends_with("努める。")
    {
        return Some(DutyKind::Effort);
    }
    // 「しなくてはならない」 is a duty, not a prohibition
    if [
        "なければならない",
        "なければならず",
        "なくてはならない",
        "なくてはならず",
    ]
    .iter()
    .any(|w| c.contains(w))
    {
        return Some(DutyKind::Obligation);
    }
    if [
        "てはならない",
        "ではならない",
        "てはならず",
        "禁止とする",
        "禁止する。",
    ]
    .iter()
    .any(|w| c.contains(w))
    {
        return Some(DutyKind::Prohibition);
    }
    // 「…次の各号に掲げるものとする。」 says what something is, not what anyone must do
    if c.contains("ものとする")
        && !c.contains("ことができるものとする")
        && !c.contains("掲げるものとする")
    {
        return Some(DutyKind::Obligation);
    }
    None
}

/// A plain act with a named actor: 「保護管理者は、…を指定する。」.
fn declarative(c: &str) -> bool {
    !about_itself(c)
        && ACTS.iter().any(|a| c.ends_with(a))
        && !NOT_ACTS.iter().any(|a| c.ends_with(a))
        && !c.ends_with("をいう。")
        && !c.contains("ことができる")
}

/// `s` without its bracketed parts (「(…)」, 「（…）」), unbalanced brackets tolerated.
pub(crate) fn without_brackets(s: &str) -> String {
    let mut depth = 0u32;
    let mut out = String::new();
    for ch in s.chars() {
        match ch {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    out
}

/// The subject a sentence names before its 「は、」, found in the sentence without white space
/// (see [`subject`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The post, body or document as named: 「課長」, 「実施機関の課又はこれに相当する部署の長」,
    /// 「住民基本台帳ネットワークシステムを管理し、又は利用する部署の長」, 「外部委託に係る契約書」.
    pub name: String,
    /// A post or body, a document, or a thing the sentence is about.
    pub kind: SubjectKind,
    /// Byte range, in the compacted sentence, of the subject phrase and its 「は、」.
    pub span: Range<usize>,
}

/// What a sentence's subject is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    /// A post or body that acts: 課長, 職員, 受託者.
    Person,
    /// A document a duty writes to (「契約書には、」): not a person, but where the duty lands.
    Document,
    /// Anything else the sentence is about (「保有情報は、」, 「端末装置の操作は、」): the
    /// sentence names no actor, and takes none from the sentence before.
    Thing,
}

/// Words that join the phrase after a 読点 to the one before it: 「…を管理し、又は利用する部署の長」.
const JOINS: &[&str] = &["又は", "若しくは", "及び", "並びに", "かつ", "あるいは"];

/// True for a character of a word: kanji, katakana, digits and letters (not kana particles).
fn is_word_char(ch: char) -> bool {
    ch.is_alphanumeric() && !('\u{3041}'..='\u{309f}').contains(&ch)
}

/// Where the phrase ending at `idx` begins: after the last 「、」 outside brackets, reaching back
/// over the 読点 that a join (「…を管理し、又は利用する部署の長」) or an enumeration (「契約書、
/// 確認書、覚書その他これらに類する書類」) crosses, never over a topic (「…ときは、」).
fn phrase_start(c: &str, idx: usize) -> usize {
    let mut commas = Vec::new();
    let mut depth = 0i32;
    for (i, ch) in c[..idx].char_indices() {
        match ch {
            '(' | '（' | '「' => depth += 1,
            ')' | '）' | '」' => depth = (depth - 1).max(0),
            '、' if depth == 0 => commas.push(i),
            _ => {}
        }
    }
    // segment k runs from after comma k-1 to comma k (the last one to `idx`)
    let segment = |k: usize| -> Range<usize> {
        let start = if k == 0 {
            0
        } else {
            commas[k - 1] + '、'.len_utf8()
        };
        let end = commas.get(k).copied().unwrap_or(idx);
        start..end.max(start)
    };
    let noun = |s: &str| s.chars().all(|ch| is_word_char(ch) || ch == 'の');
    let mut k = commas.len();
    let own = segment(k);
    let mut start = own.start;
    let text = &c[own];
    let crosses = JOINS.iter().any(|j| text.starts_with(j))
        || text.contains("その他これら")
        || text.contains("その他の");
    if !crosses {
        return start;
    }
    while k > 0 {
        k -= 1;
        let before = segment(k);
        let piece = &c[before.clone()];
        if piece.ends_with('は') || piece.is_empty() {
            break;
        }
        start = before.start;
        // a bare noun is one more element of an enumeration; anything else is its first
        if !noun(piece) {
            break;
        }
    }
    start
}

/// 「前項」, 「次条」, 「第2条第1項」: a reference to a place of the 例規 itself.
fn is_reference(s: &str) -> bool {
    let rest = s
        .strip_prefix('前')
        .or_else(|| s.strip_prefix('次'))
        .or_else(|| s.strip_prefix('同'))
        .or_else(|| s.strip_prefix('第'));
    rest.is_some_and(|r| {
        r.chars().count() <= 12
            && r.chars().all(|c| {
                c.is_ascii_digit()
                    || "０１２３４５６７８９一二三四五六七八九十第条項号のの各".contains(c)
            })
    })
}

/// The subject of a sentence: the phrase before its first 「は、」 that is no condition
/// (「…ときは、」, 「…については、」): a post or body (課長, 課等の長, 保護管理者, 職員, 受託者,
/// 委託先 …), whole, with 「又は」 joins, the bracketed definitions and references such as
/// 「前項の」 dropped from its name; a document (「外部委託に係る契約書には、」); or a thing
/// (「保有情報は、」). `c` is the sentence without white space.
pub fn subject(c: &str) -> Option<Subject> {
    // the subject stands near the start: a bounded search
    let limit = c.char_indices().nth(200).map_or(c.len(), |(i, _)| i);
    let mut from = 0;
    while let Some(at) = c[from..limit].find("は、") {
        let idx = from + at;
        from = idx + "は、".len();
        // 「又は、」 is a conjunction, not a topic
        if c[..idx].ends_with('又') || c[..idx].ends_with("若しく") {
            continue;
        }
        let mut start = phrase_start(c, idx);
        // 「…項目ごとに所管課等は、」: the subject is what follows 「ごとに」
        if let Some(pos) = c[start..idx].rfind("ごとに") {
            start += pos + "ごとに".len();
        }
        // brackets dropped: 「実施機関の課…(以下「課等」という。)の長」 is 「…の長」
        let unbracketed = without_brackets(&c[start..idx]);
        let mut name = unbracketed.as_str();
        for prefix in [
            "また",
            "なお",
            "前項の",
            "前条の",
            "同項の",
            "同条の",
            "前各項の",
            "当該",
        ] {
            if let Some(rest) = name.strip_prefix(prefix) {
                name = rest;
            }
        }
        // 「第1項の保護管理者」
        if name.starts_with('第')
            && let Some(pos) = name.find("の")
            && name[..pos]
                .chars()
                .skip(1)
                .all(|ch| ch.is_ascii_digit() || "項条号０１２３４５６７８９".contains(ch))
        {
            name = &name[pos + "の".len()..];
        }
        // 「次条に規定する最高情報セキュリティ責任者」: a reference, not a description, is dropped
        // (「…を置く部の部長」, 「…の属する部のデータ保護管理者」 are kept whole)
        if let Some(at) = name.find("に規定する")
            && is_reference(&name[..at])
        {
            name = &name[at + "に規定する".len()..];
        }
        let joined = name.contains('、');
        // a document the duty writes to: 「外部委託に係る契約書には、」
        if let Some(doc) = name.strip_suffix('に')
            && ["書", "書類", "書等", "類"]
                .iter()
                .any(|w| doc.ends_with(w))
            && !doc.is_empty()
            && doc.chars().count() <= 60
        {
            return Some(Subject {
                name: doc.to_string(),
                kind: SubjectKind::Document,
                span: start..idx + "は、".len(),
            });
        }
        // a condition or an adverbial (「…に当たっては、」, 「…に関しては、」) is no subject
        let rejected = [
            "ついて",
            "おいて",
            "場合",
            "とき",
            "ため",
            "ほか",
            "に",
            "で",
            "と",
            "際",
            "て",
        ]
        .iter()
        .any(|e| name.ends_with(e))
            || name.contains(['(', '（', '「'])
            || name.is_empty()
            || name.chars().count() > if joined { 60 } else { 40 };
        if rejected {
            continue;
        }
        let person = name
            .chars()
            .last()
            .is_some_and(|ch| PERSON_SUFFIXES.contains(&ch));
        return Some(Subject {
            name: name.to_string(),
            kind: if person {
                SubjectKind::Person
            } else {
                SubjectKind::Thing
            },
            span: start..idx + "は、".len(),
        });
    }
    None
}

/// The subject before 「は、」 when it names a post, body or document ([`subject`]).
pub fn actor(sentence: &str) -> Option<String> {
    subject(&compact(sentence))
        .filter(|s| s.kind != SubjectKind::Thing)
        .map(|s| s.name)
}

/// The agent before a final 「…が」 when no topic names the actor: 「ただし、その他のネットワークは
/// 当該所管課が運用管理する。」 → 所管課.
fn agent(sentence: &str) -> Option<String> {
    let c = compact(sentence);
    // from the last 「が」: one whose clause (to the next 読点) is a condition (「…課等の長が不在等
    // の理由により報告できない場合は、」, 「情報責任者が必要と認めるとき、」) names no actor of the act
    let mut end = c.len();
    while let Some(at) = c[..end].rfind('が') {
        end = at;
        let after = &c[at + 'が'.len_utf8()..];
        let clause = after.split('、').next().unwrap_or(after);
        if ["場合", "とき"].iter().any(|w| clause.contains(w)) {
            continue;
        }
        let before = &c[..at];
        let start = before
            .rfind(['、', 'は', 'を', '。', '(', ')', '「', '」'])
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let mut who = &before[start..];
        for adverb in ["当該", "別に", "特に"] {
            if let Some(rest) = who.strip_prefix(adverb) {
                who = rest;
            }
        }
        let n = who.chars().count();
        return ((2..=15).contains(&n)
            && who
                .chars()
                .last()
                .is_some_and(|ch| PERSON_SUFFIXES.contains(&ch)))
        .then(|| who.to_string());
    }
    None
}

/// Words by which a sentence announces the 号 that follow.
pub(crate) fn announces(c: &str) -> bool {
    ["次", "各号", "掲げ", "以下", "とおり"]
        .iter()
        .any(|w| c.contains(w))
}

/// The sentences of some spans of `text`: ends at 「。」 outside brackets, trimmed.
fn sentences(text: &str, spans: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for span in spans {
        let s = &text[span.clone()];
        let mut depth = 0u32;
        let mut begin = 0usize;
        for (i, ch) in s.char_indices() {
            match ch {
                '(' | '（' | '「' | '『' | '〔' | '［' | '[' | '｛' => depth += 1,
                ')' | '）' | '」' | '』' | '〕' | '］' | ']' | '｝' => {
                    depth = depth.saturating_sub(1)
                }
                // a bracket left open does not swallow the lines after it
                '\n' => depth = 0,
                '。' if depth == 0 => {
                    let end = i + ch.len_utf8();
                    push_trimmed(&mut out, span.start, s, begin..end);
                    begin = end;
                }
                _ => {}
            }
        }
        push_trimmed(&mut out, span.start, s, begin..s.len());
    }
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, base: usize, s: &str, r: Range<usize>) {
    let piece = &s[r.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let start = base + r.start + lead;
        out.push(start..start + trimmed.len());
    }
}

/// Every duty sentence of `text`, whose outline is `outline`, in text order.
pub fn find_duties(text: &str, outline: &Outline) -> Vec<Duty> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);
    // per node that announces its 号: the kind and actor they inherit
    let mut leads: std::collections::HashMap<NodeId, (DutyKind, Option<String>)> =
        std::collections::HashMap::new();
    let mut out = Vec::new();
    // the last person named in a 条 (its 項 without a subject have it: 「2 前項の…をしようとする
    // ときは、…承認を得なければならない。」), with the 条 it was named in
    let mut named: Option<(Option<NodeId>, String)> = None;
    for (id, node) in outline.nodes().iter().enumerate() {
        if !matches!(
            node.kind,
            NodeKind::Paragraph | NodeKind::Item | NodeKind::SubItem
        ) {
            continue;
        }
        let has_list = node
            .children
            .iter()
            .any(|&c| matches!(outline.node(c).kind, NodeKind::Item | NodeKind::SubItem));
        let spans = outline.own_text(id);
        // the kind and actor an enumerated 号 or 細目 takes from its announcing sentence
        let inherited = match node.kind {
            NodeKind::Item | NodeKind::SubItem => node.parent.and_then(|p| leads.get(&p).cloned()),
            _ => None,
        };
        let found = sentences(text, &spans);
        // a 項 whose text announces its 号 (or its exceptions: 「ただし、次の各号の…」)
        let lead = has_list && found.iter().any(|r| announces(&compact(&text[r.clone()])));
        // a sentence without a subject has the subject of the sentence before (「…講ずる。
        // また、契約書等に…明記する…」)
        let mut previous_actor: Option<String> = match (&named, node.kind) {
            (Some((article, who)), NodeKind::Paragraph) if *article == node.parent => {
                Some(who.clone())
            }
            _ => None,
        };
        for r in found {
            let sentence = &text[r.clone()];
            let c = compact(sentence);
            let own = subject(&c);
            // a sentence about a thing (「保有情報は、」) names no actor, nor takes one; among
            // duties (an actor named before it) its plain act is one all the same: 「保有情報は、
            // …直ちに削除する。」
            let about_a_thing = own.as_ref().is_some_and(|s| s.kind == SubjectKind::Thing);
            let among_duties = previous_actor.is_some();
            let who = match &own {
                Some(s) if s.kind != SubjectKind::Thing => Some(s.name.clone()),
                Some(_) => agent(sentence),
                None => agent(sentence).or_else(|| previous_actor.clone()),
            };
            previous_actor = who.clone().or(previous_actor.filter(|_| about_a_thing));
            if node.kind == NodeKind::Paragraph
                && let Some(w) = &who
                && !own
                    .as_ref()
                    .is_some_and(|s| s.kind == SubjectKind::Document)
            {
                named = Some((node.parent, w.clone()));
            }
            let direct = match explicit(&c) {
                Some(k) => Some(k),
                None if (who.is_some() || about_a_thing && among_duties) && declarative(&c) => {
                    Some(if c.ends_with("努める。") {
                        DutyKind::Effort
                    } else {
                        DutyKind::Obligation
                    })
                }
                None => None,
            };
            let (kind, who, enumerated) = match (direct, &inherited) {
                (Some(k), _) => (k, who, false),
                (None, Some((lead_kind, lead_actor))) => {
                    let bare = c.trim_end_matches('。');
                    // 「…に関すること」, 「その他…が必要と認めること」, 「…に必要なこと」: a matter,
                    // not an act
                    if !bare.ends_with("こと")
                        || bare.ends_with("関すること")
                        || bare.ends_with("認めること")
                        || bare.ends_with("なこと")
                    {
                        continue;
                    }
                    let kind = if *lead_kind == DutyKind::Prohibition || bare.ends_with("ないこと")
                    {
                        DutyKind::Prohibition
                    } else if bare.ends_with("努めること") {
                        DutyKind::Effort
                    } else {
                        *lead_kind
                    };
                    (kind, who.or_else(|| lead_actor.clone()), true)
                }
                (None, None) => continue,
            };
            if lead {
                leads.insert(id, (kind, who.clone()));
            }
            out.push(Duty {
                node: id,
                place: outline.place(id),
                line: line_of(r.start),
                text: sentence.to_string(),
                range: r,
                kind,
                actor: who,
                lead,
                enumerated,
            });
        }
    }
    out.sort_by_key(|d| d.range.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duties(text: &str) -> Vec<(String, DutyKind, Option<String>, Option<String>)> {
        let o = Outline::parse(text);
        find_duties(text, &o)
            .into_iter()
            .map(|d| (d.text, d.kind, d.actor, d.place.map(|p| p.label())))
            .collect()
    }

    #[test]
    fn actors() {
        for (s, a) in [
            (
                "課長は、その所管する電子情報処理について、点検しなければならない。",
                Some("課長"),
            ),
            (
                "課等の長は、所管する情報システムを管理しなければならない。",
                Some("課等の長"),
            ),
            (
                "委託業務主管課のデータ保護責任者は、外部委託をするときは、調査しなければならない。",
                Some("委託業務主管課のデータ保護責任者"),
            ),
            (
                "前項の保護管理者は、必要な措置を講ずる。",
                Some("保護管理者"),
            ),
            ("第1項の保護管理者は、管理を行う。", Some("保護管理者")),
            (
                "第2条各号に規定する項目ごとに所管課等は、功績調書を調製するものとする。",
                Some("所管課等"),
            ),
            (
                "駐車場等においては、次の各号に掲げる行為をしてはならない。",
                None,
            ),
            (
                "個人情報を取り扱う電子情報処理については、次の措置を講じなければならない。",
                None,
            ),
            (
                "端末装置の操作は、承認を受けた職員が行わなければならない。",
                None,
            ),
            ("職員は、外部記憶媒体を使用してはならない。", Some("職員")),
            // 四万十市 第6条 (its closing 」 is lost)
            (
                "実施機関の課又はこれに相当する部署(以下「課等という。)の長は、次に揚げる事務を所掌する。",
                Some("実施機関の課又はこれに相当する部署の長"),
            ),
            (
                "前項に規定する情報処理システム以外の情報処理システムを置く部の部長は、管理しなければならない。",
                Some("情報処理システム以外の情報処理システムを置く部の部長"),
            ),
            (
                "次条に規定する最高情報セキュリティ責任者は、基準を策定するものとする。",
                Some("最高情報セキュリティ責任者"),
            ),
            (
                "保護責任者は、外部委託をした委託先から報告を受けたときは、報告しなければならない。",
                Some("保護責任者"),
            ),
        ] {
            assert_eq!(actor(s).as_deref(), a, "{s}");
        }
    }

    #[test]
    fn kinds_of_duty() {
        let text = "第1条 この規程は、管理について必要な事項を定めるものとする。\n\
第2条 課長は、点検し、報告しなければならない。ただし、緊急の場合は、この限りでない。\n\
2 職員は、私物の記録媒体を接続してはならない。\n\
3 保護管理者は、研修の実施に努めなければならない。\n\
4 市長は、調査させることができる。\n\
5 保護管理者は、職員が取り扱う範囲を指定する。\n\
6 情報統括責任者は、次に掲げる事務を所掌する。\n\
(1) 方針の策定に関すること。\n\
第3条 個人情報を取り扱う処理については、次の措置を講じなければならない。\n\
(1) 従事する者を制限し、これを管理すること。\n\
(2) 所定の回線以外の回線と接続しないこと。\n\
(3) 前2号に掲げるもののほか、必要と認める措置\n\
第4条 契約書には、次に掲げる事項を明記しなければならない。\n\
(1) 秘密保持に関する事項\n\
第5条 委員会は、目黒区(以下「区」という。)の職員をもって組織する。\n";
        let d = duties(text);
        let got: Vec<_> = d
            .iter()
            .map(|(t, k, a, p)| (t.as_str(), *k, a.as_deref(), p.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "課長は、点検し、報告しなければならない。",
                    DutyKind::Obligation,
                    Some("課長"),
                    "第2条第1項"
                ),
                (
                    "職員は、私物の記録媒体を接続してはならない。",
                    DutyKind::Prohibition,
                    Some("職員"),
                    "第2条第2項"
                ),
                (
                    "保護管理者は、研修の実施に努めなければならない。",
                    DutyKind::Effort,
                    Some("保護管理者"),
                    "第2条第3項"
                ),
                (
                    "保護管理者は、職員が取り扱う範囲を指定する。",
                    DutyKind::Obligation,
                    Some("保護管理者"),
                    "第2条第5項"
                ),
                (
                    "情報統括責任者は、次に掲げる事務を所掌する。",
                    DutyKind::Obligation,
                    Some("情報統括責任者"),
                    "第2条第6項"
                ),
                (
                    "個人情報を取り扱う処理については、次の措置を講じなければならない。",
                    DutyKind::Obligation,
                    None,
                    "第3条第1項"
                ),
                (
                    "従事する者を制限し、これを管理すること。",
                    DutyKind::Obligation,
                    None,
                    "第3条第1項第1号"
                ),
                (
                    "所定の回線以外の回線と接続しないこと。",
                    DutyKind::Prohibition,
                    None,
                    "第3条第1項第2号"
                ),
                (
                    "契約書には、次に掲げる事項を明記しなければならない。",
                    DutyKind::Obligation,
                    Some("契約書"),
                    "第4条第1項"
                ),
            ]
        );
        let o = Outline::parse(text);
        let all = find_duties(text, &o);
        assert!(all[4].lead && all[5].lead && all[8].lead && !all[0].lead);
        assert!(all[6].enumerated && !all[5].enumerated);
        assert_eq!(all[1].line, 3);
    }

    #[test]
    fn agents_and_subjects_carried_over() {
        assert_eq!(
            agent("ただし、その他のネットワークは当該所管課が運用管理する。").as_deref(),
            Some("所管課")
        );
        assert_eq!(agent("申請があったが、却下する。"), None);
        let text = "第1条 保護管理者は、必要な措置を講ずる。また、契約書等に、次に掲げる事項を明記する。\n(1) 秘密保持義務\n第2条 運用管理は、情報責任者が行う。\n";
        let o = Outline::parse(text);
        let d = find_duties(text, &o);
        let got: Vec<_> = d.iter().map(|d| (d.actor.as_deref(), d.lead)).collect();
        assert_eq!(
            got,
            [
                (Some("保護管理者"), true),
                (Some("保護管理者"), true),
                (Some("情報責任者"), false)
            ]
        );
    }

    #[test]
    fn wordings_of_the_seeds() {
        for (s, k) in [
            // 四万十市 第19条第2項, 第27条第2項
            (
                "この場合、情報担当部署の職員は、システム障害の復旧に努めなくてはならない。",
                Some(DutyKind::Effort),
            ),
            (
                "システム関係業務の委託契約書には、次の事項を記載しなくてはならない。",
                Some(DutyKind::Obligation),
            ),
            // 目黒区 第9条
            (
                "電子情報処理に従事する職員は、電子情報を保護し、安全性の確保に努めるものとする。",
                Some(DutyKind::Effort),
            ),
            // 狭山市 第10条第2項
            (
                "アクセス権限を有しない職員は、保有特定個人情報等にアクセスしてはならない。",
                Some(DutyKind::Prohibition),
            ),
            // 目黒区 第15条: a power
            (
                "最高情報セキュリティ責任者は、部長に報告を求めることができる。",
                None,
            ),
            ("この規則は、公布の日から施行する。", None),
            // 四万十市 第21条第1項
            (
                "情報システム機器を外部へ持ち出すことは、原則禁止とする。",
                Some(DutyKind::Prohibition),
            ),
            ("再委託の禁止又は制限に関する事項", None),
            // かつらぎ町駐車場等設置条例 第4条第2項
            (
                "駐輪場に駐車できるものは、次の各号に掲げるものとする。",
                None,
            ),
        ] {
            assert_eq!(explicit(&compact(s)), k, "{s}");
        }
    }

    #[test]
    fn sentences_end_outside_brackets() {
        let text = "第1条 委員会(以下「会」という。)は、調査しなければならない。次の文。\n";
        let o = Outline::parse(text);
        let r = sentences(text, &o.own_text(1));
        let s: Vec<_> = r.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            s,
            [
                "委員会(以下「会」という。)は、調査しなければならない。",
                "次の文。"
            ]
        );
    }

    #[test]
    fn duties_in_supplementary_provisions_have_no_place() {
        let text = "第1条 職員は、守らなければならない。\n附則\n1 この規則は、公布の日から施行する。\n2 課長は、経過措置を講じなければならない。\n";
        let o = Outline::parse(text);
        let d = find_duties(text, &o);
        assert_eq!(d.len(), 2);
        assert!(d[0].place.is_some() && d[1].place.is_none());
    }
}
