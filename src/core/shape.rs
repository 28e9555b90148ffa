//! What a value was and what was expected there, in the words of the file's own format —
//! never a Rust type name. A parser's message such as ``invalid type: string "none",
//! expected struct RawChoice`` becomes 「文字列「none」が書かれていますが、{ id = "…",
//! label = "…" } の形で書きます」.

use crate::core::message::Message;

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// An object member.
    Key(String),
    /// A list element.
    Index(usize),
}

/// What was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A string.
    Text(String),
    /// A number.
    Number(String),
    /// `true` or `false`.
    Bool(String),
    /// A table / object.
    Table,
    /// A list / array.
    List,
    /// An empty value.
    Empty,
    /// Something else.
    Other,
}

/// What the format wants at that place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// A string.
    Text,
    /// A `YYYY-MM-DD` date.
    Date,
    /// `true` or `false`.
    Bool,
    /// A whole number.
    Number,
    /// A list of these (Japanese, English).
    List(&'static str, &'static str),
    /// A table of these fields.
    Table(&'static str),
    /// `conforming`: true, false or "na".
    Conforming,
    /// Anything the format describes (see policies/README.md).
    Format,
}

impl Found {
    /// Reads what a parser's message says was found (`invalid type: string "x", expected …`).
    pub fn from_parser(message: &str) -> Found {
        let Some(rest) = message.strip_prefix("invalid type: ") else {
            return Found::Other;
        };
        let what = rest.split(", expected").next().unwrap_or(rest);
        let quoted = |w: &str| -> String {
            let inner = w.split_once(['"', '`']).map(|(_, r)| r).unwrap_or(w);
            inner
                .trim_end_matches(['"', '`'])
                .chars()
                .take(40)
                .collect()
        };
        if what.starts_with("string") {
            Found::Text(quoted(what))
        } else if what.starts_with("integer") || what.starts_with("floating point") {
            Found::Number(quoted(what))
        } else if what.starts_with("boolean") {
            Found::Bool(quoted(what))
        } else if what.starts_with("map") {
            Found::Table
        } else if what.starts_with("sequence") {
            Found::List
        } else if what.starts_with("null") || what.starts_with("unit") {
            Found::Empty
        } else {
            Found::Other
        }
    }
}

/// The fields whose values are strings.
const TEXT_FIELDS: &[&str] = &[
    "format",
    "id",
    "title",
    "text",
    "number",
    "source",
    "article",
    "paragraph",
    "item",
    "quote",
    "note",
    "when",
    "scale",
    "guidance",
    "respondent",
    "report_to",
    "description",
    "help",
    "label",
    "name",
    "code",
    "type",
    "kind",
    "division",
    "public_key",
    "fingerprint",
    "created",
    "checklist",
    "valid_from",
    "valid_until",
    "signature",
    "reason",
    "option",
];

/// What the place `path` holds, by the names along it.
pub fn expected_at(path: &[Segment]) -> Expected {
    let key = |i: usize| match path.get(i) {
        Some(Segment::Key(k)) => Some(k.as_str()),
        _ => None,
    };
    let n = path.len();
    match path.last() {
        Some(Segment::Index(_)) => match key(n.wrapping_sub(2)) {
            Some("options") if n >= 4 && key(n - 4) == Some("scales") => {
                Expected::Table("{ id = \"…\", label = \"…\", conforming = true / false / \"na\" }")
            }
            Some("options") => Expected::Table("{ id = \"…\", label = \"…\" }"),
            Some("items") if n == 3 && key(0) == Some("amended") => Expected::Text,
            Some("cite") | Some("basis") => {
                Expected::Table("{ source = \"…\", article = \"…\", quote = \"…\" }")
            }
            Some("evidence") => Expected::Text,
            Some("sources") => Expected::Table("[[sources]]: id, title, number, text"),
            Some("checklists") => Expected::Table("[[checklists]]: id, kind, title, respondent …"),
            Some("sections") => Expected::Table("[[checklists.sections]]: id, title, items"),
            Some("items") => Expected::Table("[[checklists.sections.items]]: id, text, cite …"),
            Some("profile") => Expected::Table("[[checklists.profile]]: id, text, type, options"),
            Some("scales") => Expected::Table("[[scales]]: id, options"),
            _ => Expected::Format,
        },
        Some(Segment::Key(k)) => match k.as_str() {
            "version" | "date" | "from" => Expected::Date,
            "amended" => Expected::Table("{ from = \"YYYY-MM-DD\", items = [\"…\"] }"),
            "items" if n == 2 && key(0) == Some("amended") => {
                Expected::List("項目の id（文字列）", "item ids (strings)")
            }
            "conforming" => Expected::Conforming,
            "reference" => Expected::Bool,
            "municipality" => Expected::Table("{ name = \"…\", code = \"…\" }"),
            "sources" | "checklists" | "sections" | "items" | "profile" | "scales" | "options"
            | "keys" => Expected::List("表", "tables"),
            "cite" | "basis" => Expected::List(
                "引用 { source, article, quote }",
                "citations { source, article, quote }",
            ),
            "evidence" => Expected::List("文字列", "strings"),
            "fiscal_year" | "applicable" => Expected::Number,
            k if TEXT_FIELDS.contains(&k) => Expected::Text,
            _ => Expected::Format,
        },
        None => Expected::Format,
    }
}

impl Message for Found {
    fn message_ja(&self) -> String {
        match self {
            Found::Text(s) => format!("文字列「{s}」"),
            Found::Number(n) => format!("数値 {n}"),
            Found::Bool(b) => format!("真偽値 {b}"),
            Found::Table => "表（{ … }）".into(),
            Found::List => "配列（[ … ]）".into(),
            Found::Empty => "空の値".into(),
            Found::Other => "別の形の値".into(),
        }
    }

    fn message_en(&self) -> String {
        match self {
            Found::Text(s) => format!("the string \"{s}\""),
            Found::Number(n) => format!("the number {n}"),
            Found::Bool(b) => format!("the boolean {b}"),
            Found::Table => "a table ({ … })".into(),
            Found::List => "a list ([ … ])".into(),
            Found::Empty => "an empty value".into(),
            Found::Other => "a value of another shape".into(),
        }
    }
}

impl Message for Expected {
    fn message_ja(&self) -> String {
        match self {
            Expected::Text => "文字列（\"…\"）".into(),
            Expected::Date => "YYYY-MM-DD の日付（\"2020-04-01\"）".into(),
            Expected::Bool => "true か false".into(),
            Expected::Number => "整数".into(),
            Expected::List(what, _) => format!("{what}の配列（[ … ]）"),
            Expected::Table(shape) => format!("{shape} の形"),
            Expected::Conforming => "true、false、\"na\" のいずれか".into(),
            Expected::Format => "policies/README.md の「形式」にある形".into(),
        }
    }

    fn message_en(&self) -> String {
        match self {
            Expected::Text => "a string (\"…\")".into(),
            Expected::Date => "a YYYY-MM-DD date (\"2020-04-01\")".into(),
            Expected::Bool => "true or false".into(),
            Expected::Number => "a whole number".into(),
            Expected::List(_, what) => format!("a list ([ … ]) of {what}"),
            Expected::Table(shape) => format!("the shape {shape}"),
            Expected::Conforming => "true, false or \"na\"".into(),
            Expected::Format => "the shape policies/README.md describes".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(p: &[&str]) -> Vec<Segment> {
        p.iter()
            .map(|k| match k.parse::<usize>() {
                Ok(i) => Segment::Index(i),
                Err(_) => Segment::Key((*k).to_string()),
            })
            .collect()
    }

    #[test]
    fn parser_messages_become_the_formats_words() {
        assert_eq!(
            Found::from_parser("invalid type: string \"none\", expected struct RawChoice"),
            Found::Text("none".into())
        );
        assert_eq!(
            Found::from_parser("invalid type: integer `5`, expected a string"),
            Found::Number("5".into())
        );
        assert_eq!(
            Found::from_parser("invalid type: map, expected a string"),
            Found::Table
        );
        let choice = expected_at(&keys(&["checklists", "0", "profile", "1", "options", "0"]));
        assert_eq!(choice.message_ja(), "{ id = \"…\", label = \"…\" } の形");
        let scale = expected_at(&keys(&["scales", "0", "options", "2"]));
        assert!(scale.message_ja().contains("conforming"));
        assert_eq!(expected_at(&keys(&["version"])), Expected::Date);
        assert_eq!(
            expected_at(&keys(&[
                "checklists",
                "0",
                "sections",
                "0",
                "items",
                "3",
                "text"
            ])),
            Expected::Text
        );
    }

    #[test]
    fn an_amendment_has_a_date_and_item_ids() {
        assert!(matches!(
            expected_at(&keys(&["amended"])),
            Expected::Table(shape) if shape.contains("from") && shape.contains("items")
        ));
        assert_eq!(expected_at(&keys(&["amended", "from"])), Expected::Date);
        assert!(matches!(
            expected_at(&keys(&["amended", "items"])),
            Expected::List(ja, _) if ja.contains("項目の id")
        ));
        assert_eq!(
            expected_at(&keys(&["amended", "items", "0"])),
            Expected::Text
        );
        // a checklist's items are still tables
        assert!(matches!(
            expected_at(&keys(&["checklists", "0", "sections", "0", "items", "0"])),
            Expected::Table(shape) if shape.contains("cite")
        ));
    }
}
