//! The `when` language: conditions over a checklist's profile answers.
//!
//! ```text
//! expr := term (("and" | "or") term)*      -- "and" binds tighter than "or"
//! term := "not" term | "(" expr ")" | ID | ID "=" "'" option "'"
//! ```
//!
//! A bare `ID` names a yes/no profile question, `ID = 'option'` a choice question. Parsing
//! reports the character position of the first problem; checking the names against the
//! profile is the validator's job ([`Condition::names`]). Evaluation is three-valued: while a
//! profile question the condition needs is unanswered, the result is unknown (`None`).

use crate::core::message::Message;
use std::fmt;

/// The deepest nesting of parentheses and `not` accepted, so that hostile input cannot
/// exhaust the stack.
pub const MAX_DEPTH: usize = 32;

/// A parsed condition with its source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// The text as written in the bundle.
    pub source: String,
    /// The parsed expression.
    pub expr: Expr,
}

/// A condition expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// A yes/no profile question is answered yes.
    Flag(String),
    /// A choice profile question is answered with this option.
    Choice {
        /// The profile question id.
        id: String,
        /// The option id.
        option: String,
    },
    /// Negation.
    Not(Box<Expr>),
    /// All must hold.
    And(Vec<Expr>),
    /// One must hold.
    Or(Vec<Expr>),
}

/// A profile answer as the evaluator sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileValue<'a> {
    /// Answer to a yes/no question.
    Bool(bool),
    /// Option id chosen for a choice question.
    Choice(&'a str),
}

/// How a name is used in a condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameUse<'a> {
    /// As a yes/no question.
    Flag(&'a str),
    /// As a choice question with this option.
    Choice(&'a str, &'a str),
}

impl<'a> NameUse<'a> {
    /// The profile question's id.
    pub fn id(&self) -> &'a str {
        match self {
            NameUse::Flag(id) | NameUse::Choice(id, _) => id,
        }
    }
}

/// Why a condition did not parse. `position` counts characters from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based character position of the problem.
    pub position: usize,
    /// What is wrong.
    pub kind: ParseErrorKind,
}

/// The kinds of condition syntax errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// The condition is empty.
    Empty,
    /// A character that is not part of the language.
    UnexpectedChar(char),
    /// A quoted option without its closing quote.
    UnterminatedOption,
    /// Something else was expected here (description of what was found).
    Expected {
        /// What the grammar needs here.
        expected: &'static str,
        /// What stands here.
        found: String,
    },
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
}

impl Message for ParseError {
    /// The message in Japanese.
    fn message_ja(&self) -> String {
        let at = self.position;
        match &self.kind {
            ParseErrorKind::Empty => "条件が空です".to_string(),
            ParseErrorKind::UnexpectedChar(c) => {
                format!("{at}文字目: 使えない文字「{c}」があります")
            }
            ParseErrorKind::UnterminatedOption => {
                format!("{at}文字目: 選択肢の「'」が閉じていません")
            }
            ParseErrorKind::Expected { expected, found } => {
                format!(
                    "{at}文字目: {}が必要ですが「{found}」があります",
                    expected_ja(expected)
                )
            }
            ParseErrorKind::TooDeep => {
                format!("{at}文字目: 括弧や not の入れ子が深すぎます（上限 {MAX_DEPTH}）")
            }
        }
    }

    /// The message in English.
    fn message_en(&self) -> String {
        let at = self.position;
        match &self.kind {
            ParseErrorKind::Empty => "the condition is empty".to_string(),
            ParseErrorKind::UnexpectedChar(c) => {
                format!("character {at}: unexpected character '{c}'")
            }
            ParseErrorKind::UnterminatedOption => {
                format!("character {at}: the quoted option is not closed with '")
            }
            ParseErrorKind::Expected { expected, found } => {
                format!("character {at}: expected {expected}, found '{found}'")
            }
            ParseErrorKind::TooDeep => {
                format!("character {at}: parentheses or 'not' nested deeper than {MAX_DEPTH}")
            }
        }
    }
}

fn expected_ja(expected: &str) -> &'static str {
    match expected {
        "a profile question id" => "前提の質問の ID",
        "a quoted option" => "引用符で囲んだ選択肢（'…'）",
        "')'" => "「)」",
        "'and', 'or' or the end" => "「and」「or」または条件の終わり",
        _ => "別の語",
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.message_ja(), self.message_en())
    }
}

impl std::error::Error for ParseError {}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Id(String),
    Option(String),
    Eq,
    Open,
    Close,
    And,
    Or,
    Not,
    End,
}

impl Token {
    fn describe(&self) -> String {
        match self {
            Token::Id(s) => s.clone(),
            Token::Option(s) => format!("'{s}'"),
            Token::Eq => "=".into(),
            Token::Open => "(".into(),
            Token::Close => ")".into(),
            Token::And => "and".into(),
            Token::Or => "or".into(),
            Token::Not => "not".into(),
            Token::End => "（終わり / end）".into(),
        }
    }
}

/// True for characters allowed in ids.
pub fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// A condition as the 規則エディタ saves it: white space trimmed at both ends, and every run of
/// white space between words (full-width spaces and line breaks too) made one space; inside an
/// option's quotes nothing changes. `None` when nothing is left (the item is always asked). The
/// editor keeps what is typed on screen (a trailing space after a completion) while the bundle
/// holds this form, so a condition is never saved as `"usb "`.
pub fn normalize(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut quoted = false;
    let mut space = false;
    for c in text.chars() {
        if !quoted && c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if c == '\'' {
            quoted = !quoted;
        }
        out.push(c);
    }
    (!out.is_empty()).then_some(out)
}

/// The words of the language that cannot be profile ids.
pub const KEYWORDS: [&str; 3] = ["and", "or", "not"];

fn lex(s: &str) -> Result<Vec<(usize, Token)>, ParseError> {
    let chars: Vec<char> = s.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let pos = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let token = match c {
            '(' => {
                i += 1;
                Token::Open
            }
            ')' => {
                i += 1;
                Token::Close
            }
            '=' => {
                i += 1;
                Token::Eq
            }
            '\'' => {
                let start = i + 1;
                let Some(len) = chars[start..].iter().position(|&c| c == '\'') else {
                    return Err(ParseError {
                        position: pos,
                        kind: ParseErrorKind::UnterminatedOption,
                    });
                };
                i = start + len + 1;
                Token::Option(chars[start..start + len].iter().collect())
            }
            c if is_id_char(c) => {
                let start = i;
                while i < chars.len() && is_id_char(chars[i]) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                match word.as_str() {
                    "and" => Token::And,
                    "or" => Token::Or,
                    "not" => Token::Not,
                    _ => Token::Id(word),
                }
            }
            other => {
                return Err(ParseError {
                    position: pos,
                    kind: ParseErrorKind::UnexpectedChar(other),
                });
            }
        };
        tokens.push((pos, token));
    }
    tokens.push((chars.len() + 1, Token::End));
    Ok(tokens)
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> &Token {
        &self.tokens[self.at].1
    }

    fn position(&self) -> usize {
        self.tokens[self.at].0
    }

    fn next(&mut self) -> Token {
        let t = self.tokens[self.at].1.clone();
        if self.at + 1 < self.tokens.len() {
            self.at += 1;
        }
        t
    }

    fn expected(&self, expected: &'static str) -> ParseError {
        ParseError {
            position: self.position(),
            kind: ParseErrorKind::Expected {
                expected,
                found: self.peek().describe(),
            },
        }
    }

    fn or_expr(&mut self, depth: usize) -> Result<Expr, ParseError> {
        let mut terms = vec![self.and_expr(depth)?];
        while *self.peek() == Token::Or {
            self.next();
            terms.push(self.and_expr(depth)?);
        }
        Ok(if terms.len() == 1 {
            terms.remove(0)
        } else {
            Expr::Or(terms)
        })
    }

    fn and_expr(&mut self, depth: usize) -> Result<Expr, ParseError> {
        let mut terms = vec![self.term(depth)?];
        while *self.peek() == Token::And {
            self.next();
            terms.push(self.term(depth)?);
        }
        Ok(if terms.len() == 1 {
            terms.remove(0)
        } else {
            Expr::And(terms)
        })
    }

    fn term(&mut self, depth: usize) -> Result<Expr, ParseError> {
        if depth >= MAX_DEPTH {
            return Err(ParseError {
                position: self.position(),
                kind: ParseErrorKind::TooDeep,
            });
        }
        match self.peek().clone() {
            Token::Not => {
                self.next();
                Ok(Expr::Not(Box::new(self.term(depth + 1)?)))
            }
            Token::Open => {
                self.next();
                let inner = self.or_expr(depth + 1)?;
                if *self.peek() != Token::Close {
                    return Err(self.expected("')'"));
                }
                self.next();
                Ok(inner)
            }
            Token::Id(id) => {
                self.next();
                if *self.peek() != Token::Eq {
                    return Ok(Expr::Flag(id));
                }
                self.next();
                match self.peek().clone() {
                    Token::Option(option) => {
                        self.next();
                        Ok(Expr::Choice { id, option })
                    }
                    _ => Err(self.expected("a quoted option")),
                }
            }
            _ => Err(self.expected("a profile question id")),
        }
    }
}

impl Condition {
    /// Parses a condition.
    pub fn parse(source: &str) -> Result<Condition, ParseError> {
        if source.trim().is_empty() {
            return Err(ParseError {
                position: 1,
                kind: ParseErrorKind::Empty,
            });
        }
        let mut parser = Parser {
            tokens: lex(source)?,
            at: 0,
        };
        let expr = parser.or_expr(0)?;
        if *parser.peek() != Token::End {
            return Err(parser.expected("'and', 'or' or the end"));
        }
        Ok(Condition {
            source: source.to_string(),
            expr,
        })
    }

    /// Every profile name the condition uses, in order of appearance.
    pub fn names(&self) -> Vec<NameUse<'_>> {
        let mut out = Vec::new();
        self.expr.names(&mut out);
        out
    }

    /// Evaluates the condition. `answer` gives the answer to a profile question, or `None`
    /// while it is unanswered. Returns `None` when the result depends on an unanswered one.
    pub fn eval<'a>(&self, answer: &impl Fn(&str) -> Option<ProfileValue<'a>>) -> Option<bool> {
        self.expr.eval(answer)
    }

    /// The questions whose answers make the condition false, each once, in order of
    /// appearance: for `a and b` the first false operand's, for `a or b` every operand's,
    /// for `not a` those that make `a` true. Empty unless the answers make it false.
    pub fn deciding<'a>(&self, answer: &impl Fn(&str) -> Option<ProfileValue<'a>>) -> Vec<&str> {
        let mut out = Vec::new();
        if self.expr.eval(answer) == Some(false) {
            self.expr.why(false, answer, &mut out);
        }
        out
    }

    /// The condition in words for the respondent, e.g.
    /// 「個人情報を扱っていますか：はい」かつ「端末の種類：専用端末」. `question` gives a profile
    /// question's text, `option` a choice option's label; unknown ids are shown as written.
    pub fn describe(
        &self,
        question: &impl Fn(&str) -> String,
        option: &impl Fn(&str, &str) -> String,
    ) -> String {
        self.expr.describe(&Words { question, option }, false)
    }
}

/// The words [`Condition::describe`] uses.
struct Words<'a, Q, O> {
    question: &'a Q,
    option: &'a O,
}

impl Expr {
    fn describe<Q: Fn(&str) -> String, O: Fn(&str, &str) -> String>(
        &self,
        w: &Words<Q, O>,
        nested: bool,
    ) -> String {
        let join = |es: &[Expr], word: &str| {
            let text = es
                .iter()
                .map(|e| e.describe(w, true))
                .collect::<Vec<_>>()
                .join(word);
            if nested {
                format!("（{text}）")
            } else {
                text
            }
        };
        match self {
            Expr::Flag(id) => format!("「{}：はい」", (w.question)(id)),
            Expr::Choice { id, option } => {
                format!("「{}：{}」", (w.question)(id), (w.option)(id, option))
            }
            Expr::Not(e) => match e.as_ref() {
                Expr::Flag(id) => format!("「{}：いいえ」", (w.question)(id)),
                other => format!("{}ではない", other.describe(w, true)),
            },
            Expr::And(es) => join(es, "かつ"),
            Expr::Or(es) => join(es, "または"),
        }
    }

    /// Adds to `out` the questions whose answers make this expression `want` (it is).
    fn why<'s, 'a>(
        &'s self,
        want: bool,
        answer: &impl Fn(&str) -> Option<ProfileValue<'a>>,
        out: &mut Vec<&'s str>,
    ) {
        match self {
            Expr::Flag(id) | Expr::Choice { id, .. } => {
                if !out.contains(&id.as_str()) {
                    out.push(id);
                }
            }
            Expr::Not(e) => e.why(!want, answer, out),
            // one operand settles it: the first that does
            Expr::And(es) | Expr::Or(es) if want == matches!(self, Expr::Or(_)) => {
                if let Some(e) = es.iter().find(|e| e.eval(answer) == Some(want)) {
                    e.why(want, answer, out);
                }
            }
            // every operand has a part
            Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| e.why(want, answer, out)),
        }
    }

    fn names<'a>(&'a self, out: &mut Vec<NameUse<'a>>) {
        match self {
            Expr::Flag(id) => out.push(NameUse::Flag(id)),
            Expr::Choice { id, option } => out.push(NameUse::Choice(id, option)),
            Expr::Not(e) => e.names(out),
            Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| e.names(out)),
        }
    }

    fn eval<'a>(&self, answer: &impl Fn(&str) -> Option<ProfileValue<'a>>) -> Option<bool> {
        match self {
            Expr::Flag(id) => match answer(id)? {
                ProfileValue::Bool(b) => Some(b),
                ProfileValue::Choice(_) => None,
            },
            Expr::Choice { id, option } => match answer(id)? {
                ProfileValue::Choice(chosen) => Some(chosen == option),
                ProfileValue::Bool(_) => None,
            },
            Expr::Not(e) => e.eval(answer).map(|b| !b),
            // Kleene logic: a decided operand can settle the result while others are unknown
            Expr::And(es) => {
                let mut unknown = false;
                for e in es {
                    match e.eval(answer) {
                        Some(false) => return Some(false),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                (!unknown).then_some(true)
            }
            Expr::Or(es) => {
                let mut unknown = false;
                for e in es {
                    match e.eval(answer) {
                        Some(true) => return Some(true),
                        None => unknown = true,
                        Some(false) => {}
                    }
                }
                (!unknown).then_some(false)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_are_saved_without_stray_white_space() {
        assert_eq!(normalize("usb "), Some("usb".into()));
        assert_eq!(
            normalize("  personal\u{3000}and\n  not   mynumber "),
            Some("personal and not mynumber".into())
        );
        // inside quotes nothing changes; the form parses as the typed one did
        assert_eq!(
            normalize("term =  'a  b' or x"),
            Some("term = 'a  b' or x".into())
        );
        assert_eq!(normalize(" \t\u{3000}"), None);
        assert_eq!(normalize(""), None);
        for typed in ["usb ", " a and (b or c) ", "not  x"] {
            let saved = normalize(typed).expect("text");
            assert_eq!(
                Condition::parse(&saved).map(|c| c.expr),
                Condition::parse(typed).map(|c| c.expr)
            );
        }
    }

    #[test]
    fn describe_in_words() {
        let c = Condition::parse("personal and not mynumber or term = 'own'").unwrap();
        let q = |id: &str| match id {
            "personal" => "個人情報".to_string(),
            "mynumber" => "マイナンバー".to_string(),
            other => other.to_string(),
        };
        let o = |_: &str, opt: &str| {
            if opt == "own" {
                "自課".to_string()
            } else {
                opt.to_string()
            }
        };
        assert_eq!(
            c.describe(&q, &o),
            "（「個人情報：はい」かつ「マイナンバー：いいえ」）または「term：自課」"
        );
        let c = Condition::parse("not (a or b)").unwrap();
        assert_eq!(
            c.describe(&q, &o),
            "（「a：はい」または「b：はい」）ではない"
        );
    }

    fn eval(src: &str, answers: &[(&str, ProfileValue<'static>)]) -> Option<bool> {
        let c = Condition::parse(src).expect("parses");
        c.eval(&|id: &str| answers.iter().find(|(k, _)| *k == id).map(|(_, v)| *v))
    }

    use ProfileValue::{Bool, Choice};

    fn deciding(src: &str, answers: &[(&str, ProfileValue<'static>)]) -> Vec<String> {
        let c = Condition::parse(src).expect("parses");
        c.deciding(&|id: &str| answers.iter().find(|(k, _)| *k == id).map(|(_, v)| *v))
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_answers_that_made_a_condition_false_are_named() {
        let a = [("a", Bool(true)), ("b", Bool(false)), ("t", Choice("x"))];
        // and: the first operand that is false
        assert_eq!(deciding("a and b", &a), ["b"]);
        assert_eq!(deciding("a and t = 'y' and b", &a), ["t"]);
        // or: every operand
        assert_eq!(deciding("b or t = 'y'", &a), ["b", "t"]);
        // not: what made its operand true
        assert_eq!(deciding("not a", &a), ["a"]);
        assert_eq!(deciding("not (a or b)", &a), ["a"]);
        assert_eq!(deciding("a and not (b or t = 'x')", &a), ["t"]);
        // each question once
        assert_eq!(
            deciding("(b or t = 'y') and (b or t = 'z')", &a),
            ["b", "t"]
        );
        // true, or undecided: nothing
        assert!(deciding("a or b", &a).is_empty());
        assert!(deciding("c and a", &a).is_empty());
        // undecided operands do not count when another settles it
        assert_eq!(deciding("c and b", &a), ["b"]);
    }

    #[test]
    fn and_binds_tighter_than_or() {
        // a or (b and c): with a = true the result is true whatever b and c are
        let a = [("a", Bool(true)), ("b", Bool(false)), ("c", Bool(false))];
        assert_eq!(eval("a or b and c", &a), Some(true));
        // (a or b) and c would be false here
        assert_eq!(eval("(a or b) and c", &a), Some(false));
        let b = [("a", Bool(false)), ("b", Bool(true)), ("c", Bool(false))];
        assert_eq!(eval("a or b and c", &b), Some(false));
        assert_eq!(eval("b and c or b", &b), Some(true));
    }

    #[test]
    fn not_applies_to_one_term() {
        let a = [("a", Bool(true)), ("b", Bool(true))];
        assert_eq!(eval("not a or b", &a), Some(true));
        assert_eq!(eval("not (a or b)", &a), Some(false));
        assert_eq!(eval("not not a", &a), Some(true));
        assert_eq!(
            Condition::parse("not a and b").expect("parses").expr,
            Expr::And(vec![
                Expr::Not(Box::new(Expr::Flag("a".into()))),
                Expr::Flag("b".into())
            ])
        );
    }

    #[test]
    fn choice_options() {
        let a = [("size", Choice("large")), ("personal", Bool(true))];
        assert_eq!(eval("size = 'large'", &a), Some(true));
        assert_eq!(eval("size='small'", &a), Some(false));
        assert_eq!(eval("personal and not size = 'small'", &a), Some(true));
        assert_eq!(
            eval("size = '大きい'", &[("size", Choice("大きい"))]),
            Some(true)
        );
    }

    #[test]
    fn unanswered_is_unknown_unless_decided() {
        let a = [("a", Bool(false))];
        assert_eq!(eval("a and b", &a), Some(false));
        assert_eq!(eval("a or b", &a), None);
        assert_eq!(eval("not b", &a), None);
        assert_eq!(eval("b or not a", &a), Some(true));
    }

    #[test]
    fn names_in_order() {
        let c = Condition::parse("a and (b = 'x' or not c)").expect("parses");
        assert_eq!(
            c.names(),
            vec![
                NameUse::Flag("a"),
                NameUse::Choice("b", "x"),
                NameUse::Flag("c")
            ]
        );
    }

    fn err(src: &str) -> ParseError {
        Condition::parse(src).expect_err("should not parse")
    }

    #[test]
    fn errors_have_positions() {
        assert_eq!(err("").kind, ParseErrorKind::Empty);
        let e = err("a and");
        assert_eq!(e.position, 6);
        assert!(matches!(
            e.kind,
            ParseErrorKind::Expected {
                expected: "a profile question id",
                ..
            }
        ));
        let e = err("(a or b");
        assert_eq!(e.position, 8);
        assert!(e.message_ja().contains("8文字目"), "{}", e.message_ja());
        let e = err("a & b");
        assert_eq!(
            (e.position, e.kind),
            (3, ParseErrorKind::UnexpectedChar('&'))
        );
        let e = err("size = 'large");
        assert_eq!(
            (e.position, e.kind),
            (8, ParseErrorKind::UnterminatedOption)
        );
        let e = err("size = large");
        assert_eq!(e.position, 8);
        let e = err("a b");
        assert_eq!(e.position, 3);
        assert!(
            e.message_en()
                .contains("expected 'and', 'or' or the end, found 'b'"),
            "{}",
            e.message_en()
        );
        // positions count characters, not bytes
        let e = err("個人 and");
        assert_eq!(
            (e.position, e.kind),
            (1, ParseErrorKind::UnexpectedChar('個'))
        );
    }

    #[test]
    fn hostile_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert_eq!(err(&deep).kind, ParseErrorKind::TooDeep);
        let nots = format!("{}a", "not ".repeat(10_000));
        assert_eq!(err(&nots).kind, ParseErrorKind::TooDeep);
        let ok = format!(
            "{}a{}",
            "(".repeat(MAX_DEPTH - 1),
            ")".repeat(MAX_DEPTH - 1)
        );
        assert!(Condition::parse(&ok).is_ok());
    }
}
