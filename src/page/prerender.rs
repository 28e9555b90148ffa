//! The start screen as markup, written at build time (and when 情報担当課 publishes a file)
//! into the single file, so that the 課長 sees it at once, before the wasm is inflated and
//! compiled. The app then replaces it with the same screen, in the same place: the markup
//! here and the start screen's components (`ui::screens::home`, `ui::app`) share their texts
//! from this module, and a browser test compares the two screens' geometry.
//!
//! Until the app takes over, a click on one of the prerendered buttons is not lost: each
//! carries the address it leads to (`data-href`), and the bootstrap moves there; the app
//! starts on that address. The file pickers are shown disabled until then.

use crate::core::bundle::Summary;

/// The start screen's heading.
pub const HOME_TITLE: &str = "規則を選ぶ";
/// The lead paragraph under it.
pub const HOME_LEAD: &str = "所属する自治体の規則（例規に基づく点検項目）を選んでください。途中の下書きは「続きから」で再開できます。初めての方は「使い方」をご覧ください。";
/// The built-in bundles' heading.
pub const BUILTIN_TITLE: &str = "組込みの規則";
/// The built-in bundles' columns (and an unnamed one for the buttons).
pub const BUILTIN_COLUMNS: [&str; 4] = ["自治体", "例規", "版", "チェックリスト"];
/// Said when there is no built-in bundle.
pub const NO_BUILTIN: &str = "組込みの規則はありません。規則ファイルを開いてください。";
/// The 規則ファイル section: heading and text.
pub const BUNDLE_FILE_TITLE: &str = "規則ファイル";
/// The 規則ファイル section's text.
pub const BUNDLE_FILE_TEXT: &str = "情報担当課から配布された規則ファイル（.json）を開くこともできます。開いた規則はこのブラウザーに保存され、次からは上の一覧に並びます。";
/// The 規則ファイル picker's label.
pub const BUNDLE_FILE_PICK: &str = "規則ファイルを開く…";
/// The hint under it, in 情報担当課's file.
pub const BUNDLE_FILE_HINT: &str =
    "JSON の規則ファイル、又は bundle.toml と本文のファイル（source.txt など）を一緒に選びます。";
/// The hint under it, in the 課長's file (which opens compiled bundles only).
pub const BUNDLE_FILE_HINT_KACHO: &str = "情報担当課から配布された .json のファイルを選びます。";
/// The files the picker offers, in 情報担当課's file and in the 課長's.
pub const BUNDLE_FILE_ACCEPT: [&str; 2] = [
    ".json,.toml,.txt,application/json,text/plain",
    ".json,application/json",
];
/// The 結果ファイル section: heading.
pub const RESULT_FILE_TITLE: &str = "結果ファイル";
/// The 結果ファイル section's text.
pub const RESULT_FILE_TEXT: &str =
    "署名付きの結果ファイル（.tenken.json）を開いて、内容と署名を確かめられます。";
/// The 結果ファイル picker's label.
pub const RESULT_FILE_PICK: &str = "結果ファイルを開く…";
/// The app's name in the header.
pub const APP_SUBTITLE: &str = "情報セキュリティ点検・委託契約チェック";
/// The header's links: label, class, address; 情報担当課's three only in their file.
pub const HEADER_LINKS: [(&str, &str, &str, bool); 5] = [
    ("署名の鍵", "link header-keys", "#/keys", false),
    ("集計（情報担当課）", "link header-review", "#/review", true),
    ("規則エディタ", "link header-editor", "#/editor", true),
    ("はじめての方へ", "link header-guide", "#/guide", true),
    ("使い方", "link header-help", "#/help", false),
];
/// The class of the element wrapping the prerendered screen (layout-neutral).
pub const PRERENDERED_CLASS: &str = "prerendered";

/// `text` escaped for HTML text and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// An address part as the app writes it (`encodeURIComponent`).
fn uri(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'!' | b'~' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The header, with 情報担当課's links when `office`.
pub fn header(office: bool) -> String {
    let links: String = HEADER_LINKS
        .iter()
        .filter(|(_, _, _, only_office)| office || !only_office)
        .map(|(label, class, href, _)| {
            format!(
                "<button type=\"button\" class=\"{class}\" data-href=\"{href}\">{label}</button>"
            )
        })
        .collect();
    format!(
        "<header class=\"app-header\"><p class=\"app-name\"><button type=\"button\" class=\"home-link\" data-href=\"#/\">tenken</button><span class=\"app-subtitle\">{APP_SUBTITLE}</span>{links}</p></header>"
    )
}

/// A table's head: the columns and an unnamed one for buttons (as `TableHead`).
fn table_head(columns: &[&str]) -> String {
    let cols: String = columns
        .iter()
        .map(|c| format!("<th scope=\"col\">{}</th>", esc(c)))
        .collect();
    format!(
        "<thead><tr>{cols}<th scope=\"col\"><span class=\"visually-hidden\">操作</span></th></tr></thead>"
    )
}

/// One built-in bundle's row.
fn row(s: &Summary) -> String {
    let name = s.listed_name();
    format!(
        "<tr><th scope=\"row\">{name}</th><td>{sources}</td><td><time datetime=\"{version}\">{shown}</time>施行</td><td>{lists}</td><td><button type=\"button\" aria-label=\"{name}の規則を開く\" data-href=\"#/bundle/{id}/-\">開く</button></td></tr>",
        name = esc(&name),
        sources = esc(&s.sources_label()),
        version = esc(&s.version),
        shown = esc(&s.version_label()),
        lists = esc(&s.checklists_label()),
        id = esc(&uri(&s.id)),
    )
}

/// A file picker's button as `FilePicker` draws it, disabled until the app takes over. Its
/// file input (visually hidden, out of the layout's flow) is left to the app: in Chromium
/// each `<input type=file>` lays out a shadow tree of its own in the system font, time the
/// first paint would wait for.
fn picker(label: &str) -> String {
    format!("<button type=\"button\" disabled>{label}</button>")
}

/// The start screen's `<main>` listing `summaries` (the built-in bundles); `office`: in
/// 情報担当課's file.
pub fn home(summaries: &[Summary], office: bool) -> String {
    let hint = if office {
        BUNDLE_FILE_HINT
    } else {
        BUNDLE_FILE_HINT_KACHO
    };
    let list = if summaries.is_empty() {
        format!("<p>{NO_BUILTIN}</p>")
    } else {
        format!(
            "<table class=\"bundles\">{}<tbody>{}</tbody></table>",
            table_head(&BUILTIN_COLUMNS),
            summaries.iter().map(row).collect::<String>()
        )
    };
    format!(
        "<main id=\"main\"><h2>{HOME_TITLE}</h2><p class=\"lead\">{HOME_LEAD}</p>\
         <section aria-labelledby=\"builtin-heading\"><h3 id=\"builtin-heading\">{BUILTIN_TITLE}</h3>{list}</section>\
         <section aria-labelledby=\"file-heading\"><h3 id=\"file-heading\">{BUNDLE_FILE_TITLE}</h3><p>{BUNDLE_FILE_TEXT}</p>\
         <div class=\"open-bundle\">{}<p class=\"hint\">{hint}</p></div></section>\
         <section aria-labelledby=\"result-heading\"><h3 id=\"result-heading\">{RESULT_FILE_TITLE}</h3><p>{RESULT_FILE_TEXT}</p>{}</section></main>",
        picker(BUNDLE_FILE_PICK),
        picker(RESULT_FILE_PICK),
    )
}

/// The whole prerendered screen for the boot area: header and start screen. `summaries` is
/// the JSON array the page embeds; if it cannot be read, the list is left to the app.
pub fn start_screen(summaries: &str, office: bool) -> String {
    // from bytes: one JSON parser in the wasm (see `document::parse_json`); 公開 runs this
    let list: Vec<Summary> = serde_json::from_slice(summaries.as_bytes()).unwrap_or_default();
    format!("{}{}", header(office), home(&list, office))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::ChecklistSummary;

    fn summary() -> Summary {
        Summary {
            id: "gose city".into(),
            municipality: "御所<市>".into(),
            title: "情報セキュリティ規程".into(),
            sources: vec!["A規程".into(), "B要綱".into()],
            version: "2015-10-05".into(),
            version_wareki: Some("平成27年10月5日".into()),
            checklists: vec![ChecklistSummary {
                kind: "点検".into(),
                title: "年次点検".into(),
                items: 12,
            }],
        }
    }

    #[test]
    fn the_start_screen_lists_each_bundle_with_its_address() {
        let html = start_screen(&serde_json::to_string(&[summary()]).expect("json"), false);
        assert!(html.contains("<h2>規則を選ぶ</h2>"));
        assert!(
            html.contains("<th scope=\"row\">御所&lt;市&gt;</th>"),
            "{html}"
        );
        assert!(html.contains("<td>A規程、B要綱</td>"));
        assert!(html.contains("<time datetime=\"2015-10-05\">平成27年10月5日</time>施行"));
        assert!(html.contains("<td>点検：年次点検（12項目）</td>"));
        assert!(
            html.contains("data-href=\"#/bundle/gose%20city/-\""),
            "{html}"
        );
        // the 課長's header has no 情報担当課 links; theirs has
        assert!(!html.contains("規則エディタ"));
        assert!(start_screen("[]", true).contains("data-href=\"#/editor\""));
        assert!(start_screen("[]", true).contains("data-href=\"#/guide\""));
        // pickers wait for the app: their buttons are disabled, their inputs not there yet
        assert_eq!(html.matches(" disabled>").count(), 2);
        assert!(!html.contains("<input"), "{html}");
    }

    #[test]
    fn no_or_unreadable_summaries_still_give_a_screen() {
        for summaries in ["[]", "not json"] {
            let html = start_screen(summaries, false);
            assert!(html.contains(NO_BUILTIN));
            assert!(html.starts_with("<header class=\"app-header\">"));
            assert!(html.ends_with("</main>"));
        }
    }
}
