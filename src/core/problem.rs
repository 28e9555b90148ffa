//! Problems found in a bundle (or another input file), each with the place it concerns and a
//! message in Japanese and English that a bundle author understands.
//!
//! Paths name elements by their ids where they have one:
//! `checklists[tenken].sections[anzen].items[13-1].when`; list elements without an id (a
//! citation, an option) by their position from 0: `...items[13-1].cite[0].quote`.

use crate::core::message::Message;
use std::fmt;

use crate::core::condition::ParseError;

/// Whether a problem stops the input from being used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The input cannot be used until this is fixed.
    Error,
    /// The input can be used, but probably says something its author did not mean.
    Warning,
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: a path into the document (empty for the whole file).
    pub path: String,
    /// How serious.
    pub severity: Severity,
    /// What.
    pub kind: ProblemKind,
}

/// What a lint of a bundle's wording found ([`crate::core::bundle::lint`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lint {
    /// An item of a contract checklist asks for an act after signing; `phrase` is the words
    /// that place it there.
    AfterSigning {
        /// The words found in the question or a quote (「契約期間中」; the list is in `lint.rs`).
        phrase: &'static str,
    },
}

impl crate::core::message::Message for Lint {
    fn message_ja(&self) -> String {
        match self {
            Lint::AfterSigning { phrase } => format!(
                "委託契約チェックは契約の締結前に答えますが、この項目は締結後の行為（「{phrase}」）を尋ねています。そのために契約書（又は仕様書）に何が定められているべきかとして尋ねるか、点検で尋ねてください"
            ),
        }
    }

    fn message_en(&self) -> String {
        match self {
            Lint::AfterSigning { phrase } => format!(
                "a contract checklist is answered before the contract is signed, but this item asks about an act after signing (\"{phrase}\"); ask what the contract (or its specification) must say for it, or ask it in the inspection"
            ),
        }
    }
}

/// The kinds of problems, with what each needs to be explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file is larger than accepted.
    TooLarge {
        /// The file's size in bytes.
        size: usize,
        /// The largest size accepted for this kind of file, in bytes.
        max: usize,
    },
    /// The file is not UTF-8 text.
    NotUtf8,
    /// The file is not well-formed JSON or TOML; `line` and `column` count from 1.
    Syntax {
        /// The language the file was read as: `"JSON"` or `"TOML"`.
        language: &'static str,
        /// The line the parser stopped at, from 1.
        line: usize,
        /// The column the parser stopped at, from 1.
        column: usize,
        /// The parser's own message (English), its position left out.
        message: String,
    },
    /// Objects or arrays nested deeper than accepted.
    TooDeep {
        /// The line where the nesting passed the limit, from 1.
        line: usize,
        /// The column where the nesting passed the limit, from 1.
        column: usize,
    },
    /// An object names the same member twice.
    DuplicateKey {
        /// The member's name, as written.
        key: String,
        /// The line where the parser met the second one, from 1.
        line: usize,
        /// The column where the parser met the second one, from 1.
        column: usize,
    },
    /// The document is not an object/table at the top.
    NotADocument,
    /// The `format` field names another kind of document or another version.
    WrongFormat {
        /// The format id this reader takes (`"tenken-bundle/1"`, `"tenken-result/1"` …).
        expected: &'static str,
        /// The `format` given (a value that is not a string as its JSON text); `None` when absent.
        found: Option<String>,
    },
    /// A value of the wrong shape: what was found, and what the format wants there.
    Type {
        /// What the document holds there (a string, a number, a list …).
        found: crate::core::shape::Found,
        /// What the format wants there (a string, a date, a list …).
        expected: crate::core::shape::Expected,
    },
    /// A number the canonical JSON writer refuses: not a whole number within ±2^53 (see
    /// `core::canonical`).
    NotCanonical,
    /// A field that the format does not define (often a typo).
    UnknownField,
    /// A required field is absent.
    Missing,
    /// A required text is empty.
    Empty,
    /// An id with characters outside the allowed set.
    BadId {
        /// The id as written, with the characters the set does not allow.
        value: String,
        /// True for the bundle's own `id` (`[a-z0-9-]+`); false for the ids inside it.
        bundle: bool,
    },
    /// An id that is used by an earlier element (`first` is its path).
    Duplicate {
        /// The id, used a second time where ids must differ.
        id: String,
        /// The path of the element that uses it first.
        first: String,
    },
    /// Not a `YYYY-MM-DD` date.
    BadDate {
        /// The text given as the date, as written (`version`, `amended.from`, a period …).
        value: String,
    },
    /// A result holds more of something than any result tenken makes can (`what`: "item",
    /// "profile", "listed item" (ids in a summary list, at most one per item), "answer"
    /// (option ids counted in the summary, at most one per item)).
    ResultTooMany {
        /// What there are too many of: `"item"`, `"profile"`, `"listed item"` or `"answer"`.
        what: &'static str,
        /// How many the result holds.
        count: usize,
        /// The most a result tenken makes can hold.
        max: usize,
    },
    /// A text longer than accepted (in characters).
    TextTooLong {
        /// The text's length in characters.
        length: usize,
        /// The longest accepted at that place, in characters.
        max: usize,
    },
    /// A year outside the years tenken accepts (`core::date::FIRST_YEAR`..=`LAST_YEAR`).
    YearOutOfRange {
        /// The year, 西暦 (a 年度 as entered, or a date's year).
        year: i32,
    },
    /// Not a 6-digit 地方公共団体コード.
    BadMunicipalityCode {
        /// `municipality.code` as written.
        value: String,
    },
    /// A list that must not be empty is empty (`what` names its elements).
    NoneDefined {
        /// What kind of element, in English and singular (`"source"`, `"item"`, `"option"` …).
        what: &'static str,
    },
    /// A list longer than tenken accepts (see `core::bundle::limits`).
    TooMany {
        /// What kind of element, in English and singular (`"item"`, `"citation"` …).
        what: &'static str,
        /// How many the list holds.
        count: usize,
        /// The most accepted (`core::bundle::limits`).
        max: usize,
    },
    /// Seeking the quotes read more source text than the bundle's budget allows (see
    /// `core::bundle::limits::QUOTE_READ_BASE`): `checked` of `quotes` were sought when the
    /// reading (`read` bytes of folded text) passed `max`.
    QuoteWorkTooLarge {
        /// The citations with a quote to seek in a source text.
        quotes: usize,
        /// How many of them were sought before the reading stopped.
        checked: usize,
        /// The folded text read so far, in bytes.
        read: u64,
        /// The budget for the bundle, in bytes of folded text.
        max: u64,
    },
    /// `kind` is neither "inspection" nor "contract".
    BadKind {
        /// The `kind` as written.
        value: String,
    },
    /// A profile question `type` is neither "bool" nor "choice".
    BadProfileType {
        /// The `type` as written.
        value: String,
    },
    /// A choice question with fewer than two options.
    TooFewOptions,
    /// Options given to a yes/no question.
    OptionsOnBool,
    /// A profile id that is a word of the condition language.
    ReservedId {
        /// The id as written: `and`, `or` or `not`.
        value: String,
    },
    /// A citation names a source the bundle does not have.
    UnknownSource {
        /// The source id the citation names.
        id: String,
    },
    /// An item names a scale that is neither built in nor defined by the bundle.
    UnknownScale {
        /// The scale id the item names.
        id: String,
    },
    /// A bundle scale re-defines a built-in one.
    BuiltinScale {
        /// The built-in scale's id (`conformity`, `clause`).
        id: String,
    },
    /// `conforming` is not true, false or "na".
    BadConforming {
        /// The value as written (a string's text, else its JSON text).
        value: String,
    },
    /// A scale without any conforming option.
    NoConformingOption,
    /// An article/paragraph/item number in the wrong form.
    BadNumber {
        /// Which number: `"article"`, `"paragraph"` or `"item"`.
        field: &'static str,
        /// The number as written.
        value: String,
    },
    /// An item citation without a quote.
    MissingQuote,
    /// The quote does not occur in the source text.
    QuoteNotFound {
        /// The citation's `quote` as written (not folded).
        quote: String,
    },
    /// The quote occurs, but not where the citation points.
    QuoteElsewhere {
        /// The place cited, in words: 「第20条第1項」.
        cited: String,
        /// Where the quote stands: 「第20条第2項」, or 「条の外（目次・付則など）」.
        found: String,
    },
    /// No article headers were recognised in the source, so citations cannot be placed.
    LayoutUnknown,
    /// A `when` condition does not parse.
    When(ParseError),
    /// A `when` names something that is not a profile question of the checklist.
    WhenUnknown {
        /// The name the condition uses.
        id: String,
    },
    /// A choice question used as a yes/no one.
    WhenNotBool {
        /// The choice question's id.
        id: String,
    },
    /// A yes/no question compared with an option.
    WhenNotChoice {
        /// The yes/no question's id.
        id: String,
    },
    /// A choice question compared with an option it does not have.
    WhenUnknownOption {
        /// The choice question's id.
        id: String,
        /// The option the condition compares it with.
        option: String,
    },
    /// A profile question that no `when` uses.
    UnusedProfile {
        /// The id of the profile question that no condition names.
        id: String,
    },
    /// An item's text asks two questions (two question marks, or a second question in
    /// brackets), so that one answer cannot say which part holds.
    DoubleQuestion,
    /// A wording of an item that [`crate::core::bundle::lint`] warns about.
    Lint(Lint),
    /// A file the bundle refers to could not be read.
    File {
        /// The file's name or path (or what stands for it, such as a kept bundle's hash).
        name: String,
        /// Why it could not be read: the system's message, or tenken's in both languages.
        message: String,
    },
    /// A public key that is not a minisign Ed25519 key.
    BadPublicKey {
        /// Why the key is refused, in Japanese.
        ja: String,
        /// Why the key is refused, in English.
        en: String,
    },
    /// A stated fingerprint that is not the key's.
    FingerprintMismatch {
        /// The fingerprint the file states.
        stated: String,
        /// The fingerprint of the public key it carries (`3F2A-91C0-…`).
        actual: String,
    },
    /// A name holding a character nobody can see (control, zero-width, bidi override).
    HiddenCharacter {
        /// The character's Unicode code point.
        code: u32,
    },
    /// An `exclude` entry names an article the source text does not have.
    ExcludedNotFound {
        /// The 条 named, in words: 「第15条」.
        place: String,
    },
    /// An `amended.items` entry names no item of the bundle.
    UnknownItem {
        /// The id as written in `amended.items`.
        id: String,
    },
    /// `amended.from` is not earlier than the bundle's `version`.
    AmendedNotBefore {
        /// `amended.from` as written.
        from: String,
        /// The bundle's `version` as written.
        version: String,
    },
}

/// Bytes as megabytes with one decimal (integer arithmetic: no float formatting in the wasm).
fn megabytes(bytes: usize) -> String {
    megabytes_u64(bytes as u64)
}

/// [`megabytes`] of a count that may exceed the address space.
fn megabytes_u64(bytes: u64) -> String {
    let tenths = bytes.saturating_mul(10).saturating_add(524_288) / 1_048_576;
    format!("{}.{}", tenths / 10, tenths % 10)
}

fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

impl Message for ProblemKind {
    /// The message in Japanese.
    fn message_ja(&self) -> String {
        use ProblemKind::*;
        match self {
            TooLarge { size, max } => format!(
                "ファイルが大きすぎます（{} MB、上限 {} MB）",
                megabytes(*size),
                megabytes(*max)
            ),
            NotUtf8 => "UTF-8 のテキストファイルではありません".into(),
            Syntax {
                language,
                line,
                column,
                ..
            } => format!("{language} として読めません（{line}行{column}列）"),
            TooDeep { line, column } => format!("入れ子が深すぎます（{line}行{column}列）"),
            DuplicateKey { key, line, column } => format!(
                "「{}」が同じ所に2回書かれています（{line}行{column}列）。どちらが正しいか決められないため読みません",
                shorten(key)
            ),
            NotADocument => "規則ファイルの形（オブジェクト／表）になっていません".into(),
            WrongFormat { expected, found } => match found.as_deref() {
                None => {
                    format!("format がありません。「{expected}」の規則ファイルではないようです")
                }
                Some(f) if f.starts_with("tenken-result/") => {
                    "これは点検結果のファイルです（規則ファイルではありません）".into()
                }
                Some(f) if f.starts_with("tenken-bundle/") => {
                    format!(
                        "この tenken は「{expected}」だけを読めます（このファイルは「{f}」）。tenken を更新してください"
                    )
                }
                Some(f) => format!(
                    "「{expected}」の規則ファイルではありません（format = \"{}\"）",
                    shorten(f)
                ),
            },
            Type { found, expected } => format!(
                "{}が書かれていますが、ここは{}で書きます",
                found.message_ja(),
                expected.message_ja()
            ),
            NotCanonical => {
                "整数でない数値、又は ±2^53 を超える数値があります（tenken の形式の数値はすべて整数です）".into()
            }
            UnknownField => "この項目名は形式にありません（綴りを確認してください）".into(),
            Missing => "必須の項目がありません".into(),
            Empty => "空にできません".into(),
            BadId {
                value,
                bundle: true,
            } => {
                format!(
                    "ID「{}」は半角英小文字・数字・「-」だけで書いてください",
                    shorten(value)
                )
            }
            BadId {
                value,
                bundle: false,
            } => format!(
                "ID「{}」は半角英小文字・数字・「-」「_」で書き、英小文字か数字で始めてください",
                shorten(value)
            ),
            Duplicate { id, first } => format!("ID「{id}」が重複しています（最初は {first}）"),
            BadDate { value } => format!(
                "「{}」は YYYY-MM-DD 形式の日付ではありません",
                shorten(value)
            ),
            ResultTooMany { what, count, max } => format!(
                "{}が {count} 個あり、結果ファイルが持てる数（{max} 個）を超えています。tenken が作る結果ではないため読みません",
                result_what_ja(what)
            ),
            TextTooLong { length, max } => {
                format!("文が長すぎます（{length} 文字、上限 {max} 文字）")
            }
            YearOutOfRange { year } => format!(
                "{year}年は扱える範囲（{}年〜{}年）の外です",
                crate::core::date::FIRST_YEAR,
                crate::core::date::LAST_YEAR
            ),
            BadMunicipalityCode { value } => {
                format!(
                    "地方公共団体コード「{}」は6桁の数字で書いてください",
                    shorten(value)
                )
            }
            NoneDefined { what } => format!("{}が一つもありません", what_ja(what)),
            TooMany { what, count, max } => format!(
                "{}が多すぎます（{count} 個、上限 {max} 個）。分けてください",
                what_ja(what)
            ),
            QuoteWorkTooLarge {
                quotes,
                checked,
                read,
                max,
            } => format!(
                "引用文の照合で読む本文が上限を超えたため、照合を止めました（引用文 {quotes} 個のうち {checked} 個で {} MB、上限 {} MB）。引用先の条にない引用文は本文全体を読ませます",
                megabytes_u64(*read),
                megabytes_u64(*max)
            ),
            BadKind { value } => format!(
                "kind「{}」は inspection か contract のどちらかです",
                shorten(value)
            ),
            BadProfileType { value } => {
                format!("type「{}」は bool か choice のどちらかです", shorten(value))
            }
            TooFewOptions => "choice の質問には選択肢が2つ以上必要です".into(),
            OptionsOnBool => {
                "はい／いいえの質問（bool）に選択肢は書けません。type = \"choice\" にしてください"
                    .into()
            }
            ReservedId { value } => format!("「{value}」は条件式の語なので ID に使えません"),
            UnknownSource { id } => format!("例規「{}」は sources にありません", shorten(id)),
            UnknownScale { id } => format!(
                "回答の尺度「{}」は組込みにも scales にもありません",
                shorten(id)
            ),
            BuiltinScale { id } => format!("尺度「{id}」は組込みの尺度なので定義し直せません"),
            BadConforming { value } => format!(
                "conforming「{}」は true、false、\"na\" のいずれかです",
                shorten(value)
            ),
            NoConformingOption => "適合を表す選択肢（conforming = true）が一つもありません".into(),
            BadNumber { field, value } => format!(
                "{}「{}」は半角数字で書いてください（第30条の6 は \"30-6\"）",
                field_ja(field),
                shorten(value)
            ),
            MissingQuote => {
                "引用文（quote）がありません。条文の該当箇所をそのまま写してください".into()
            }
            QuoteNotFound { quote } => {
                format!("引用文「{}」が例規の本文に見つかりません", shorten(quote))
            }
            QuoteElsewhere { cited, found } => format!(
                "引用文は{found}にあり、引用先の{cited}ではありません（原文の不備なら note に理由を書いてください）"
            ),
            LayoutUnknown => {
                "条の見出し（第N条）が見つからないため、引用位置を確認できません".into()
            }
            When(e) => format!("条件式の誤り: {}", e.message_ja()),
            WhenUnknown { id } => {
                format!("条件式の「{id}」はこのチェックリストの前提の質問にありません")
            }
            WhenNotBool { id } => {
                format!("「{id}」は選択式の質問です。{id} = '選択肢' と書いてください")
            }
            WhenNotChoice { id } => {
                format!("「{id}」ははい／いいえの質問なので = '…' と比べられません")
            }
            WhenUnknownOption { id, option } => {
                format!("質問「{id}」に選択肢「{option}」はありません")
            }
            UnusedProfile { id } => {
                format!("前提の質問「{id}」はどの条件式（when）にも使われていません")
            }
            DoubleQuestion => {
                "項目の文が二つのことを尋ねています（問いが二つ、又はかっこ内に別の問い）。一つの回答でどちらが不適合か分かるよう、項目を分けてください".into()
            }
            Lint(l) => l.message_ja(),
            File { name, message } => format!("ファイル「{name}」を読めません: {message}"),
            BadPublicKey { ja, .. } => format!("minisign の公開鍵として使えません（{ja}）"),
            FingerprintMismatch { stated, actual } => {
                format!("記載の指紋 {stated} が公開鍵の指紋 {actual} と一致しません")
            }
            HiddenCharacter { code } => format!(
                "目に見えない文字（U+{code:04X}: 制御文字・ゼロ幅文字・書字方向の制御など）が含まれています。別の名前と見分けられなくなるため使えません"
            ),
            ExcludedNotFound { place } => format!(
                "除外する{place}が例規の本文に見つかりません（条番号を確認してください）"
            ),
            UnknownItem { id } => format!(
                "項目「{}」はどのチェックリストにもありません（項目の id を書いてください）",
                shorten(id)
            ),
            AmendedNotBefore { from, version } => format!(
                "改正前の版 from（{}）は、この版 version（{}）より前の日付にしてください",
                shorten(from),
                shorten(version)
            ),
        }
    }

    /// The message in English.
    fn message_en(&self) -> String {
        use ProblemKind::*;
        match self {
            TooLarge { size, max } => {
                format!("the file is too large ({size} bytes, at most {max})")
            }
            NotUtf8 => "the file is not UTF-8 text".into(),
            Syntax {
                language,
                line,
                column,
                message,
            } => {
                format!("not valid {language} at line {line}, column {column}: {message}")
            }
            TooDeep { line, column } => {
                format!("nested too deeply at line {line}, column {column}")
            }
            DuplicateKey { key, line, column } => format!(
                "\"{}\" is given twice in one object (line {line}, column {column}); which one counts is ambiguous",
                shorten(key)
            ),
            NotADocument => "the document is not an object/table".into(),
            WrongFormat { expected, found } => match found {
                None => format!("no `format` field: not a {expected} file"),
                Some(f) => format!("format is \"{}\", expected \"{expected}\"", shorten(f)),
            },
            Type { found, expected } => format!(
                "found {}, expected {}",
                found.message_en(),
                expected.message_en()
            ),
            NotCanonical => {
                "a number that is not a whole number within ±2^53 (every number in tenken's formats is whole)".into()
            }
            UnknownField => "unknown field (check the spelling)".into(),
            Missing => "required field is missing".into(),
            Empty => "must not be empty".into(),
            BadId {
                value,
                bundle: true,
            } => format!("id \"{}\" must match [a-z0-9-]+", shorten(value)),
            BadId {
                value,
                bundle: false,
            } => format!("id \"{}\" must match [a-z0-9][a-z0-9_-]*", shorten(value)),
            Duplicate { id, first } => format!("duplicate id \"{id}\" (first used at {first})"),
            BadDate { value } => format!("\"{}\" is not a YYYY-MM-DD date", shorten(value)),
            ResultTooMany { what, count, max } => format!(
                "{count} {what}s, more than a result can hold ({max}): not a result tenken makes"
            ),
            TextTooLong { length, max } => {
                format!("text too long ({length} characters, at most {max})")
            }
            YearOutOfRange { year } => format!(
                "the year {year} is outside the years tenken accepts ({}–{})",
                crate::core::date::FIRST_YEAR,
                crate::core::date::LAST_YEAR
            ),
            BadMunicipalityCode { value } => {
                format!("municipality code \"{}\" must be 6 digits", shorten(value))
            }
            NoneDefined { what } => format!("at least one {what} is required"),
            TooMany { what, count, max } => {
                format!("too many {what}s ({count}, at most {max}); split them")
            }
            QuoteWorkTooLarge {
                quotes,
                checked,
                read,
                max,
            } => format!(
                "quote matching stopped: {checked} of {quotes} quotes read {} MB of text (at most {} MB); a quote not in its cited article makes the search read the whole text",
                megabytes_u64(*read),
                megabytes_u64(*max)
            ),
            BadKind { value } => format!(
                "kind \"{}\" must be \"inspection\" or \"contract\"",
                shorten(value)
            ),
            BadProfileType { value } => {
                format!("type \"{}\" must be \"bool\" or \"choice\"", shorten(value))
            }
            TooFewOptions => "a choice question needs at least two options".into(),
            OptionsOnBool => "a bool question cannot have options; use type = \"choice\"".into(),
            ReservedId { value } => format!("\"{value}\" is a keyword of the condition language"),
            UnknownSource { id } => format!("unknown source \"{}\"", shorten(id)),
            UnknownScale { id } => format!("unknown scale \"{}\"", shorten(id)),
            BuiltinScale { id } => format!("\"{id}\" is a built-in scale and cannot be redefined"),
            BadConforming { value } => format!(
                "conforming \"{}\" must be true, false or \"na\"",
                shorten(value)
            ),
            NoConformingOption => "the scale has no option with conforming = true".into(),
            BadNumber { field, value } => {
                format!(
                    "{field} \"{}\" must be ASCII digits, with '-' for の (\"30-6\")",
                    shorten(value)
                )
            }
            MissingQuote => "the citation has no quote".into(),
            QuoteNotFound { quote } => {
                format!("quote \"{}\" not found in the source text", shorten(quote))
            }
            QuoteElsewhere { cited, found } => {
                format!(
                    "the quote stands in {found}, not in the cited {cited} (explain a source defect in `note`)"
                )
            }
            LayoutUnknown => {
                "no article headers (第N条) recognised; citations cannot be placed".into()
            }
            When(e) => format!("condition: {}", e.message_en()),
            WhenUnknown { id } => format!("\"{id}\" is not a profile question of this checklist"),
            WhenNotBool { id } => format!("\"{id}\" is a choice question; write {id} = 'option'"),
            WhenNotChoice { id } => {
                format!("\"{id}\" is a bool question and cannot be compared with an option")
            }
            WhenUnknownOption { id, option } => {
                format!("question \"{id}\" has no option \"{option}\"")
            }
            UnusedProfile { id } => {
                format!("profile question \"{id}\" is not used by any condition")
            }
            DoubleQuestion => {
                "the item asks two questions (two question marks, or a second question in brackets); split it so that one answer says which part holds".into()
            }
            Lint(l) => l.message_en(),
            File { name, message } => format!("cannot read \"{name}\": {message}"),
            BadPublicKey { en, .. } => format!("not a usable minisign public key ({en})"),
            FingerprintMismatch { stated, actual } => {
                format!("stated fingerprint {stated} is not the key's fingerprint {actual}")
            }
            HiddenCharacter { code } => format!(
                "contains an invisible character (U+{code:04X}: control, zero-width or bidi); it would pass for another name"
            ),
            ExcludedNotFound { place } => format!(
                "the excluded {place} is not in the source text (check the article number)"
            ),
            UnknownItem { id } => format!(
                "\"{}\" is not the id of an item of any checklist",
                shorten(id)
            ),
            AmendedNotBefore { from, version } => format!(
                "the amended version from ({}) must be earlier than this version ({})",
                shorten(from),
                shorten(version)
            ),
        }
    }
}

fn what_ja(what: &str) -> &'static str {
    match what {
        "source" => "例規（sources）",
        "checklist" => "チェックリスト（checklists）",
        "section" => "節（sections）",
        "item" => "点検項目（items）",
        "citation" => "根拠条文（cite）",
        "option" => "選択肢（options）",
        "scale" => "回答の尺度（scales）",
        "profile" => "前提の質問（profile）",
        "evidence" => "確認資料（evidence）",
        "exclusion" => "除外（exclude）",
        _ => "要素",
    }
}

fn result_what_ja(what: &str) -> &'static str {
    match what {
        "item" => "点検項目（items）",
        "profile" => "前提の質問への回答（profile）",
        "listed item" => "一覧の項目",
        "answer" => "回答の内訳の選択肢",
        _ => "要素",
    }
}

fn field_ja(field: &str) -> &'static str {
    match field {
        "article" => "条（article）",
        "paragraph" => "項（paragraph）",
        "item" => "号（item）",
        _ => "番号",
    }
}

impl Problem {
    /// An error at `path`.
    pub fn error(path: impl Into<String>, kind: ProblemKind) -> Problem {
        Problem {
            path: path.into(),
            severity: Severity::Error,
            kind,
        }
    }

    /// A warning at `path`.
    pub fn warning(path: impl Into<String>, kind: ProblemKind) -> Problem {
        Problem {
            path: path.into(),
            severity: Severity::Warning,
            kind,
        }
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// `path: 日本語のメッセージ / English message`, warnings prefixed with 「警告」.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            write!(f, "警告 warning: ")?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{} / {}", self.kind.message_ja(), self.kind.message_en())
    }
}

/// All problems found in one input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// The same problems, each placed under `field` (a document wrapped in another:
    /// `format` inside `bundle` becomes `bundle.format`).
    pub fn under(self, field: &str) -> Problems {
        Problems(
            self.0
                .into_iter()
                .map(|mut p| {
                    p.path = if p.path.is_empty() {
                        field.to_string()
                    } else {
                        format!("{field}.{}", p.path)
                    };
                    p
                })
                .collect(),
        )
    }

    /// True when some problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Problem::is_error)
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| p.is_error())
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| !p.is_error())
    }

    fn joined(&self, sep: &str, message: impl Fn(&Problem) -> String) -> String {
        self.0
            .iter()
            .map(|p| {
                if p.path.is_empty() {
                    message(p)
                } else {
                    format!("{}: {}", p.path, message(p))
                }
            })
            .collect::<Vec<_>>()
            .join(sep)
    }
}

impl Message for Problems {
    /// Every problem in Japanese, each after its place: 「result.x: …、…」.
    fn message_ja(&self) -> String {
        self.joined("、", |p| p.kind.message_ja())
    }

    /// Every problem in English, each after its place.
    fn message_en(&self) -> String {
        self.joined("; ", |p| p.kind.message_en())
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            writeln!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}
