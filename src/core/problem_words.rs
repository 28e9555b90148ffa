//! A bundle's problems in the words of the 規則エディタ's screens: where each one is as the
//! screens name it (「項目 3-1 の対象とする条件」, 「構成の版（例規の施行日）」), and what is wrong
//! as a sentence about that field — never the validator's path (`version`,
//! `checklists[tenken].sections[s1].items[3-1].when`), which the CLI prints and the editor
//! keeps only to find the item.

use crate::core::bundle::place_label;
use crate::core::bundle::raw::{RawBundle, RawChecklist, RawSection};
use crate::core::message::Message;
use crate::core::problem::{Problem, ProblemKind, Problems, Severity};

/// One problem as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenProblem {
    /// Whose field it is, in the screens' words (「項目 3-1」, 「前提の質問 usb」); empty for the
    /// bundle's own fields and for the file as a whole.
    pub owner_ja: String,
    /// The same in English.
    pub owner_en: String,
    /// Within an item, the part of it the field belongs to (「根拠条文（第3条第1項）」), else
    /// empty: the item form names the field by it.
    pub part_ja: String,
    /// The field as the screen labels it (「対象とする条件」); empty for the whole file.
    pub field_ja: String,
    /// The same in English.
    pub field_en: String,
    /// The screen (tab) where the field is edited.
    pub screen: EditorScreen,
    /// The item it concerns (checklist, section, item positions), to open with one click.
    pub item: Option<(usize, usize, usize)>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// Where in the 規則エディタ a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorScreen {
    /// 構成: the bundle's fields, checklists, 前提の質問, sections and items.
    Structure,
    /// 本文と項目: citations and quotes, exclusions.
    Text,
    /// 改正: the amendment's record.
    Amend,
    /// The file as a whole (what the editor opened).
    File,
}

impl EditorScreen {
    /// The tab's name (empty for the file).
    pub fn label_ja(self) -> &'static str {
        match self {
            EditorScreen::Structure => "構成",
            EditorScreen::Text => "本文と項目",
            EditorScreen::Amend => "改正",
            EditorScreen::File => "",
        }
    }
}

/// One step of a validator path: a member name and, for a list, the key (`[id]` or `[n]`).
struct Step<'a> {
    name: &'a str,
    key: Option<&'a str>,
}

/// Splits `a.b[c].d` into its steps; whatever the text, no panic.
fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        let name = &rest[..end];
        rest = &rest[end..];
        let mut key = None;
        if let Some(r) = rest.strip_prefix('[') {
            let close = r.find(']').unwrap_or(r.len());
            key = Some(&r[..close]);
            rest = r.get(close + 1..).unwrap_or("");
        }
        rest = rest.strip_prefix('.').unwrap_or(rest);
        out.push(Step { name, key });
    }
    out
}

/// The element of `list` a path key names: the one with that id, else the one at that
/// position (the validator names an element without a usable id by its position).
fn find<T>(list: &[T], key: Option<&str>, id: impl Fn(&T) -> Option<&str>) -> Option<usize> {
    let key = key?;
    list.iter()
        .position(|x| id(x) == Some(key))
        .or_else(|| key.parse::<usize>().ok().filter(|&i| i < list.len()))
}

/// A name to show: the text if it has one, else the key as written.
fn named(text: Option<&str>, key: Option<&str>) -> String {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            if t.chars().count() > 30 {
                format!("{}…", t.chars().take(30).collect::<String>())
            } else {
                t.to_string()
            }
        })
        .unwrap_or_else(|| key.unwrap_or_default().to_string())
}

/// A field's label on the screens, Japanese and English, for a member name the format
/// defines; an unknown member (a typo in a bundle.toml) is named as written.
fn field(context: &str, name: &str) -> (String, String) {
    let (ja, en) = match (context, name) {
        ("", "format") => ("規則ファイルの形式", "file format"),
        ("", "id") => ("規則の ID", "bundle id"),
        ("", "version") => ("版（例規の施行日）", "version (the regulation's 施行日)"),
        ("", "title") => ("タイトル", "title"),
        ("", "municipality") | ("municipality", "name") => ("自治体", "municipality"),
        ("municipality", "code") => ("地方公共団体コード", "municipality code"),
        ("", "description") | (_, "description") => ("説明", "description"),
        ("", "sources") => ("例規", "regulations"),
        ("", "checklists") => ("チェックリスト", "checklists"),
        ("", "scales") => ("回答の尺度", "answer scales"),
        ("", "exclude") => ("除外", "exclusions"),
        ("", "amended") => ("改正の記録", "amendment record"),
        ("source", "id") => ("例規の ID", "regulation id"),
        ("source", "title") => ("例規の名称", "regulation's name"),
        ("source", "number") => ("例規番号", "regulation number"),
        ("source", "text") => ("例規の本文", "regulation text"),
        ("checklist", "id") => ("チェックリストの ID", "checklist id"),
        ("checklist", "kind") => ("種類（点検・委託契約）", "kind"),
        ("checklist", "title") => ("チェックリストの名前", "checklist name"),
        ("checklist", "respondent") => ("回答者", "respondent"),
        ("checklist", "report_to") => ("報告先", "reported to"),
        ("checklist", "basis") => ("根拠条文", "basis"),
        ("checklist", "profile") => ("前提の質問", "profile questions"),
        ("checklist", "sections") => ("区分", "sections"),
        ("profile", "id") => ("ID（条件式で使う名前）", "id"),
        ("profile", "text") => ("質問", "question"),
        ("profile", "type") => ("質問の種類", "question type"),
        ("profile", "options") => ("選択肢", "options"),
        ("profile", "help") => ("説明", "help"),
        ("section", "id") => ("区分の ID", "section id"),
        ("section", "title") => ("区分の名前", "section name"),
        ("section", "items") => ("項目", "items"),
        ("item", "id") => ("ID（内部の名前）", "id"),
        ("item", "number") => ("番号", "number"),
        ("item", "text") => ("問い", "question"),
        ("item", "when") => ("対象とする条件", "condition"),
        ("item", "scale") => ("回答の尺度", "answer scale"),
        ("item", "guidance") => ("確認方法", "guidance"),
        ("item", "evidence") => ("根拠となる記録", "evidence"),
        ("item", "cite") => ("根拠条文", "citations"),
        ("cite", "source") => ("引用する例規", "cited regulation"),
        ("cite", "article") => ("条", "article"),
        ("cite", "paragraph") => ("項", "paragraph"),
        ("cite", "item") => ("号", "item"),
        ("cite", "quote") => ("引用文", "quote"),
        ("cite", "note") => ("注記", "note"),
        ("option", "id") => ("選択肢の ID", "option id"),
        ("option", "label") => ("選択肢の表示", "option label"),
        ("option", "conforming") => ("適合かどうか", "conforming"),
        ("scale", "id") => ("尺度の ID", "scale id"),
        ("scale", "title") => ("尺度の名前", "scale name"),
        ("scale", "options") => ("選択肢", "options"),
        ("exclude", "source") => ("除外する例規", "excluded regulation"),
        ("exclude", "article") => ("除外する条", "excluded article"),
        ("exclude", "paragraph") => ("除外する項", "excluded paragraph"),
        ("exclude", "item") => ("除外する号", "excluded item"),
        ("exclude", "reason") => ("点検しない理由", "reason"),
        ("amended", "from") => ("改正前の版", "version amended"),
        ("amended", "items") => ("改正で変わった項目", "items amended"),
        _ => {
            return (
                format!("「{name}」という項目"),
                format!("member \"{name}\""),
            );
        }
    };
    (ja.to_string(), en.to_string())
}

/// Where a path points, in words: its owner, its field, its screen and its item.
struct Found {
    part_ja: String,
    owner_ja: Vec<String>,
    owner_en: Vec<String>,
    field: Option<(String, String)>,
    screen: EditorScreen,
    item: Option<(usize, usize, usize)>,
}

fn locate(raw: Option<&RawBundle>, path: &str) -> Found {
    let mut f = Found {
        part_ja: String::new(),
        owner_ja: Vec::new(),
        owner_en: Vec::new(),
        field: None,
        screen: EditorScreen::Structure,
        item: None,
    };
    if path.is_empty() {
        f.screen = EditorScreen::File;
        return f;
    }
    // context of the next member name, and where we are in the bundle
    let mut context = "";
    let mut checklist: Option<(usize, &RawChecklist)> = None;
    let mut section: Option<(usize, &RawSection)> = None;
    let mut cites: &[crate::core::bundle::raw::RawCite] = &[];
    let mut options_of_profile: &[crate::core::bundle::raw::RawChoice] = &[];
    for step in steps(path) {
        let key = step.key;
        match (context, step.name, key) {
            // a wrapper (a signed bundle file's `bundle`): the bundle itself
            ("", "bundle", None) => continue,
            ("", "sources", Some(_)) => {
                let i = raw.and_then(|r| find(&r.sources, key, |s| s.id.as_deref()));
                let s = i.and_then(|i| raw.map(|r| &r.sources[i]));
                let name = named(s.and_then(|s| s.title.as_deref()), key);
                f.owner_ja.push(format!("例規「{name}」"));
                f.owner_en.push(format!("regulation \"{name}\""));
                f.screen = EditorScreen::Text;
                context = "source";
            }
            ("", "checklists", Some(_)) => {
                let i = raw.and_then(|r| find(&r.checklists, key, |c| c.id.as_deref()));
                checklist = i.and_then(|i| raw.map(|r| (i, &r.checklists[i])));
                let name = named(checklist.and_then(|(_, c)| c.title.as_deref()), key);
                f.owner_ja.push(format!("チェックリスト「{name}」"));
                f.owner_en.push(format!("checklist \"{name}\""));
                context = "checklist";
            }
            ("checklist", "profile", Some(_)) => {
                let list = checklist.map(|(_, c)| c.profile.as_slice()).unwrap_or(&[]);
                let q = find(list, key, |p| p.id.as_deref()).map(|i| &list[i]);
                options_of_profile = q.map(|q| q.options.as_slice()).unwrap_or(&[]);
                let name = named(q.and_then(|q| q.text.as_deref()), key);
                f.owner_ja.push(format!("前提の質問「{name}」"));
                f.owner_en.push(format!("profile question \"{name}\""));
                context = "profile";
            }
            ("checklist", "basis", Some(k)) => {
                f.owner_ja.push(format!("根拠条文 {}", position(k)));
                f.owner_en.push(format!("basis {}", position(k)));
                context = "cite";
            }
            ("checklist", "sections", Some(_)) => {
                let list = checklist.map(|(_, c)| c.sections.as_slice()).unwrap_or(&[]);
                section = find(list, key, |s| s.id.as_deref()).map(|i| (i, &list[i]));
                let name = named(section.and_then(|(_, s)| s.title.as_deref()), key);
                f.owner_ja.push(format!("区分「{name}」"));
                f.owner_en.push(format!("section \"{name}\""));
                context = "section";
            }
            ("section", "items", Some(_)) => {
                let list = section.map(|(_, s)| s.items.as_slice()).unwrap_or(&[]);
                let at = find(list, key, |i| i.id.as_deref());
                let item = at.map(|i| &list[i]);
                if let (Some((c, _)), Some((s, _)), Some(i)) = (checklist, section, at) {
                    f.item = Some((c, s, i));
                }
                cites = item.map(|i| i.cite.as_slice()).unwrap_or(&[]);
                // an item is named as the structure lists it, by its id; one the path names by
                // its position (no id, or an id used before) by its place in its section
                let id = item
                    .and_then(|i| i.id.as_deref())
                    .filter(|id| !id.trim().is_empty() && Some(*id) == key);
                match id {
                    Some(id) => {
                        f.owner_ja = vec![format!("項目 {id}")];
                        f.owner_en = vec![format!("item {id}")];
                    }
                    None => {
                        let n = position(key.unwrap_or_default());
                        f.owner_ja.push(format!("の {n} 番目の項目"));
                        f.owner_en.push(format!("item {n}"));
                    }
                }
                context = "item";
            }
            ("item", "cite", Some(k)) => {
                let c = k.parse::<usize>().ok().and_then(|i| cites.get(i));
                let place = c
                    .and_then(|c| {
                        c.article
                            .as_deref()
                            .map(|a| place_label(a, c.paragraph.as_deref(), c.item.as_deref()))
                    })
                    .unwrap_or_else(|| format!("{}番目", position(k)));
                f.owner_ja.push(format!("の根拠条文（{place}）"));
                f.part_ja = format!("根拠条文（{place}）");
                f.owner_en.push(format!("citation {}", position(k)));
                f.screen = EditorScreen::Text;
                context = "cite";
            }
            ("profile", "options", Some(k)) => {
                let o = k
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| options_of_profile.get(i));
                let name = named(o.and_then(|o| o.label.as_deref()), Some(&position(k)));
                f.owner_ja.push(format!("の選択肢「{name}」"));
                f.owner_en.push(format!("option \"{name}\""));
                context = "option";
            }
            ("", "scales", Some(k)) => {
                f.owner_ja.push(format!("回答の尺度「{k}」"));
                f.owner_en.push(format!("answer scale \"{k}\""));
                context = "scale";
            }
            ("scale", "options", Some(k)) => {
                f.owner_ja.push(format!("の選択肢 {}", position(k)));
                f.owner_en.push(format!("option {}", position(k)));
                context = "option";
            }
            ("", "exclude", Some(k)) => {
                let e = raw.and_then(|r| k.parse::<usize>().ok().and_then(|i| r.exclude.get(i)));
                let place = e
                    .and_then(|e| {
                        e.article
                            .as_deref()
                            .map(|a| place_label(a, e.paragraph.as_deref(), e.item.as_deref()))
                    })
                    .unwrap_or_else(|| format!("{}番目", position(k)));
                f.owner_ja.push(format!("除外（{place}）"));
                f.owner_en.push(format!("exclusion {}", position(k)));
                f.screen = EditorScreen::Text;
                context = "exclude";
            }
            ("", "amended", None) => {
                f.screen = EditorScreen::Amend;
                context = "amended";
            }
            ("amended", "items", Some(k)) => {
                f.field = Some((
                    format!("改正で変わった項目 {}", position(k)),
                    format!("amended item {}", position(k)),
                ));
            }
            ("", "format", None) => {
                f.screen = EditorScreen::File;
                f.field = Some(field("", "format"));
            }
            (ctx, name, key) => {
                let (mut ja, mut en) = field(ctx, name);
                if let Some(k) = key {
                    ja.push_str(&format!(" {}", position(k)));
                    en.push_str(&format!(" {}", position(k)));
                }
                f.field = Some((ja, en));
            }
        }
    }
    f
}

/// A space before a following 「の」 when the text ends in an id (「項目 3-1 の…」).
fn spaced(out: &mut String) {
    if out.ends_with(|c: char| c.is_ascii_alphanumeric()) {
        out.push(' ');
    }
}

/// A list position `n` (from 0) as people count (from 1); an id as it is.
fn position(key: &str) -> String {
    match key.parse::<usize>() {
        Ok(n) => format!("{}", n + 1),
        Err(_) => key.to_string(),
    }
}

/// The problem `p` of the bundle `raw` (if it could be read) in the screens' words.
pub fn on_screen(raw: Option<&RawBundle>, p: &Problem) -> ScreenProblem {
    let f = locate(raw, &p.path);
    let joined = |parts: &[String], sep: &str| {
        let mut out = String::new();
        for part in parts {
            if part.starts_with('の') {
                spaced(&mut out);
            } else if !out.is_empty() {
                out.push_str(sep);
            }
            out.push_str(part);
        }
        out
    };
    let (field_ja, field_en) = f.field.unwrap_or_default();
    // a duplicate's first use is a path too: named in the same words
    let kind = match &p.kind {
        ProblemKind::Duplicate { id, first } => {
            let first = on_screen(raw, &Problem::error(first.clone(), ProblemKind::Missing));
            ProblemKind::Duplicate {
                id: id.clone(),
                first: first.place_ja(),
            }
        }
        other => other.clone(),
    };
    ScreenProblem {
        owner_ja: joined(&f.owner_ja, "の"),
        owner_en: joined(&f.owner_en, ", "),
        part_ja: f.part_ja,
        field_ja,
        field_en,
        screen: f.screen,
        item: f.item,
        severity: p.severity,
        kind,
    }
}

/// Every problem of `problems` as the editor says it, one sentence after another.
pub fn sentences_ja(raw: Option<&RawBundle>, problems: &Problems) -> String {
    problems
        .0
        .iter()
        .map(|p| on_screen(raw, p).message_ja())
        .collect::<Vec<_>>()
        .join("。")
}

impl ScreenProblem {
    /// Where it is: 「項目 3-1 の対象とする条件」, 「構成の版（例規の施行日）」 (empty for the file).
    pub fn place_ja(&self) -> String {
        match (self.owner_ja.is_empty(), self.field_ja.is_empty()) {
            (true, true) => String::new(),
            (true, false) if self.screen == EditorScreen::Structure => {
                format!("構成の「{}」", self.field_ja)
            }
            (true, false) => format!("「{}」", self.field_ja),
            (false, true) => self.owner_ja.clone(),
            (false, false) => {
                let mut out = self.owner_ja.clone();
                spaced(&mut out);
                format!("{out}の「{}」", self.field_ja)
            }
        }
    }

    /// Where it is, in English.
    pub fn place_en(&self) -> String {
        match (self.owner_en.is_empty(), self.field_en.is_empty()) {
            (true, true) => String::new(),
            (true, false) => self.field_en.clone(),
            (false, true) => self.owner_en.clone(),
            (false, false) => format!("{}: {}", self.owner_en, self.field_en),
        }
    }

    /// The sentence inside the field's own form (the item form): the field and what is wrong,
    /// its owner being the form itself.
    pub fn in_form_ja(&self) -> String {
        let place = match (self.part_ja.is_empty(), self.field_ja.is_empty()) {
            (_, true) => self.part_ja.clone(),
            (true, false) => format!("「{}」", self.field_ja),
            (false, false) => format!("{}の「{}」", self.part_ja, self.field_ja),
        };
        sentence_ja(&place, &self.kind)
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// 「{place}が入っていません」 for an empty or missing field, else 「{place}：{what}」.
fn sentence_ja(place: &str, kind: &ProblemKind) -> String {
    match kind {
        _ if place.is_empty() => kind.message_ja(),
        ProblemKind::Missing | ProblemKind::Empty => format!("{place}が入っていません"),
        ProblemKind::Duplicate { id, first } => {
            let mut first = first.clone();
            spaced(&mut first);
            format!("{place}の「{id}」は、{first}と同じです。別の ID にしてください")
        }
        other => format!("{place}：{}", other.message_ja()),
    }
}

impl Message for ScreenProblem {
    fn message_ja(&self) -> String {
        let warning = if self.is_error() { "" } else { "（警告）" };
        format!("{warning}{}", sentence_ja(&self.place_ja(), &self.kind))
    }

    fn message_en(&self) -> String {
        let place = self.place_en();
        let what = match &self.kind {
            ProblemKind::Missing | ProblemKind::Empty => "is empty".to_string(),
            ProblemKind::Duplicate { id, first } => {
                format!("\"{id}\" is used already ({first})")
            }
            other => other.message_en(),
        };
        if place.is_empty() {
            what
        } else {
            format!("{place}: {what}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::validate_draft;
    use crate::core::message::Message;

    fn raw() -> RawBundle {
        let mut parsed =
            crate::core::bundle::parse_toml(include_str!("../../tests/fixtures/mini/bundle.toml"))
                .expect("fixture");
        parsed.resolve_sources(|_| Ok(include_str!("../../tests/fixtures/mini/source.txt").into()));
        parsed.raw
    }

    fn problems(r: &RawBundle) -> Vec<ScreenProblem> {
        match validate_draft(r) {
            Ok(v) => v.warnings.0.iter().map(|p| on_screen(Some(r), p)).collect(),
            Err(p) => p.0.iter().map(|p| on_screen(Some(r), p)).collect(),
        }
    }

    /// No message the editor shows holds a validator path or a member name.
    fn no_path(text: &str) {
        for raw in [
            "checklists[",
            "sections[",
            "items[",
            ".when",
            "version",
            "cite[",
            "].",
        ] {
            assert!(!text.contains(raw), "a path in {text:?}");
        }
    }

    #[test]
    fn an_empty_version_is_a_sentence_about_the_field_on_its_screen() {
        let mut r = raw();
        r.version = None;
        let p = problems(&r);
        let v = p
            .iter()
            .find(|p| p.field_ja.starts_with("版"))
            .expect("version");
        assert_eq!(
            v.message_ja(),
            "構成の「版（例規の施行日）」が入っていません"
        );
        assert_eq!(
            v.message_en(),
            "version (the regulation's 施行日): is empty"
        );
        for p in &p {
            no_path(&p.message_ja());
        }
    }

    #[test]
    fn an_items_condition_names_the_item_and_the_field_and_opens_it() {
        let mut r = raw();
        let (c, s, i) = (0, 0, 0);
        r.checklists[c].sections[s].items[i].when = Some("usbb".into());
        let id = r.checklists[c].sections[s].items[i].id.clone().expect("id");
        let p = problems(&r);
        let w = p
            .iter()
            .find(|p| p.field_ja == "対象とする条件")
            .expect("when");
        assert_eq!(w.item, Some((c, s, i)));
        assert_eq!(w.screen, EditorScreen::Structure);
        assert!(
            w.message_ja()
                .starts_with(&format!("項目 {id} の「対象とする条件」：条件式の「usbb」")),
            "{}",
            w.message_ja()
        );
        assert!(w.in_form_ja().starts_with("「対象とする条件」："));
        no_path(&w.message_ja());
    }

    #[test]
    fn a_quote_and_a_duplicate_id_say_where_in_words() {
        let mut r = raw();
        r.checklists[0].sections[0].items[0].cite[0].quote = Some("どこにもない文".into());
        let dup = r.checklists[0].sections[0].items[0].id.clone();
        r.checklists[0].sections[0].items[1].id = dup;
        let p = problems(&r);
        let q = p.iter().find(|p| p.field_ja == "引用文").expect("quote");
        assert!(q.owner_ja.contains("の根拠条文（第"), "{}", q.owner_ja);
        assert_eq!(q.screen, EditorScreen::Text);
        assert!(
            q.in_form_ja()
                .starts_with("根拠条文（第13条第1号）の「引用文」："),
            "{}",
            q.in_form_ja()
        );
        let d = p
            .iter()
            .find(|p| matches!(p.kind, ProblemKind::Duplicate { .. }))
            .expect("duplicate");
        assert!(d.message_ja().contains("と同じです"), "{}", d.message_ja());
        for p in &p {
            no_path(&p.message_ja());
        }
    }

    #[test]
    fn any_path_is_read_without_a_panic() {
        for path in [
            "",
            "[",
            "]",
            "a[",
            "a[1",
            "checklists[x].sections[].items[9].cite[z].quote",
            "bundle.format",
            "amended.items[2]",
            "exclude[40].reason",
            "scales[s].options[1].conforming",
            "whne",
            "..",
        ] {
            let p = on_screen(Some(&raw()), &Problem::error(path, ProblemKind::Missing));
            let _ = (p.message_ja(), p.message_en(), p.in_form_ja());
            let p = on_screen(None, &Problem::error(path, ProblemKind::Missing));
            let _ = p.message_ja();
        }
        let format = on_screen(
            None,
            &Problem::error(
                "bundle.format",
                ProblemKind::WrongFormat {
                    expected: "tenken-bundle/1",
                    found: None,
                },
            ),
        );
        assert!(format.message_ja().starts_with("「規則ファイルの形式」："));
    }
}
