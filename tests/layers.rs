//! The crate's layering, held by a machine: which part may use which, and no circle of
//! imports between the modules of a layer. README "One decision in one place" names the
//! layers: `core` (decides) ← `page`, `load` ← `ui` {`platform`, `state`, `widgets`, `screens`}
//! ← binaries. A new `use` that points the wrong way, or that closes a circle such as
//! `core::bundle → sign → result → bundle`, fails here with the files that make it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, with its module path (`core::bundle::picked`).
fn modules(root: &Path, dir: &Path, out: &mut Vec<(Vec<String>, PathBuf)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            modules(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap();
            let mut parts: Vec<String> = rel
                .iter()
                .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
                .collect();
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            out.push((parts, path));
        }
    }
}

/// Source without comments and string literals (a path in a doc comment is not an import).
fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i += 2;
            while i < b.len() && !b[i..].starts_with(b"*/") {
                i += 1;
            }
            i += 2;
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && i + 2 < b.len() && (b[i + 2] == b'\'' || b[i + 1] == b'\\') {
            // a char literal ('"', '\n'); lifetimes ('a) are left alone
            i += 1;
            while i < b.len() && b[i] != b'\'' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else {
            let ch = src[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first segments of the paths a `{…}` group names (`{bundle::X, sign}` → bundle, sign).
fn group_heads(s: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut start = true;
    for (i, c) in s.char_indices() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    start = true;
                    continue;
                }
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => {
                start = true;
                continue;
            }
            _ => {}
        }
        if depth == 1 && start && !c.is_whitespace() {
            start = false;
            let id = ident(&s[i..]);
            if !id.is_empty() {
                heads.push(id.to_string());
            }
        }
    }
    heads
}

/// The absolute module paths a file refers to (`crate::…`, `super::…`), as far as they go.
fn references(module: &[String], code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(['c', 's']) {
        let here = &rest[at..];
        let before_ok = at == 0
            || !rest[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
        let (mut base, mut tail) = (None, "");
        if before_ok && here.starts_with("crate::") {
            base = Some(Vec::new());
            tail = &here["crate::".len()..];
        } else if before_ok && here.starts_with("super::") {
            // `super` of a file is its parent module; `mod.rs` files are the module itself
            let mut m = module.to_vec();
            let mut t = here;
            while let Some(r) = t.strip_prefix("super::") {
                m.pop();
                t = r;
            }
            base = Some(m);
            tail = t;
        }
        if let Some(base) = base {
            let mut path = base;
            let mut t = tail;
            loop {
                if t.starts_with('{') {
                    for h in group_heads(t) {
                        let mut p = path.clone();
                        p.push(h);
                        out.push(p);
                    }
                    break;
                }
                let id = ident(t);
                if id.is_empty() {
                    out.push(path.clone());
                    break;
                }
                path.push(id.to_string());
                t = &t[id.len()..];
                match t.strip_prefix("::") {
                    Some(r) => t = r,
                    None => {
                        out.push(path.clone());
                        break;
                    }
                }
            }
        }
        rest = &rest[at + 1..];
    }
    out
}

/// A module-level graph: for each module under `layer` (its direct children), the other
/// direct children it uses, with one file that shows it.
type Graph = BTreeMap<String, BTreeMap<String, String>>;

fn graph(layer: &[&str]) -> Graph {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    modules(&root, &root, &mut files);
    let mut g = Graph::new();
    for (module, path) in files {
        if module.len() <= layer.len() || module[..layer.len()] != *layer {
            continue;
        }
        let from = module[layer.len()].clone();
        let code = code_only(&std::fs::read_to_string(&path).unwrap());
        // `super` is the parent of the file's module (`a/mod.rs` is module `a` itself)
        let scope = module.clone();
        for r in references(&scope, &code) {
            if r.len() > layer.len() && r[..layer.len()] == *layer {
                let to = r[layer.len()].clone();
                if to != from && !to.is_empty() {
                    let shown = path.strip_prefix(&root).unwrap().display().to_string();
                    g.entry(from.clone())
                        .or_default()
                        .entry(to)
                        .or_insert(shown);
                }
            }
        }
        g.entry(from).or_default();
    }
    g
}

/// A circle in `g`, as the modules around it with the file of each step, if there is one.
fn circle(g: &Graph) -> Option<Vec<String>> {
    fn visit(
        g: &Graph,
        n: &str,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|s| s == n) {
            let mut c: Vec<String> = stack[at..].to_vec();
            c.push(n.to_string());
            let steps = c
                .windows(2)
                .map(|w| format!("{} → {} ({})", w[0], w[1], g[&w[0]][&w[1]]))
                .collect();
            return Some(steps);
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n.to_string());
        for to in g.get(n).into_iter().flat_map(|m| m.keys()) {
            if let Some(c) = visit(g, to, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for n in g.keys() {
        if let Some(c) = visit(g, n, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}

#[test]
fn the_reference_finder_sees_imports_and_not_comments() {
    let m: Vec<String> = vec!["core".into(), "bundle".into(), "picked".into()];
    let code = code_only(
        "use super::{parse, Parsed};\nuse crate::core::{sign::{A, B}, result};\n\
         // crate::ui::nothing\nlet s = \"crate::page::no\"; crate::load::read(x);",
    );
    let r = references(&m, &code);
    let has = |p: &[&str]| {
        r.iter()
            .any(|x| x.iter().map(String::as_str).eq(p.iter().copied()))
    };
    assert!(has(&["core", "bundle", "parse"]));
    assert!(has(&["core", "sign"]));
    assert!(has(&["core", "result"]));
    assert!(has(&["load", "read"]));
    assert!(!r.iter().any(|x| x[0] == "ui" || x[0] == "page"));
    // and a circle is found, with its steps
    let mut g = Graph::new();
    g.entry("a".into())
        .or_default()
        .insert("b".into(), "a.rs".into());
    g.entry("b".into())
        .or_default()
        .insert("a".into(), "b.rs".into());
    assert_eq!(circle(&g).unwrap().len(), 2);
}

#[test]
fn no_circle_between_the_modules_of_core() {
    let g = graph(&["core"]);
    assert!(
        g.contains_key("bundle") && g.contains_key("sign"),
        "core's modules were not found"
    );
    if let Some(c) = circle(&g) {
        panic!(
            "an import circle between core's modules:\n  {}",
            c.join("\n  ")
        );
    }
}

#[test]
fn no_circle_between_the_parts_of_the_ui() {
    let g = graph(&["ui"]);
    if let Some(c) = circle(&g) {
        panic!(
            "an import circle between the ui's parts:\n  {}",
            c.join("\n  ")
        );
    }
}

#[test]
fn layers_point_one_way() {
    // the crate's top level: what each part may not use
    let g = graph(&[]);
    let forbidden: &[(&str, &[&str])] = &[
        ("core", &["page", "load", "ui"]),
        ("page", &["load", "ui"]),
        ("load", &["ui"]),
    ];
    let mut wrong = Vec::new();
    for (from, not) in forbidden {
        for to in *not {
            if let Some(file) = g.get(*from).and_then(|m| m.get(*to)) {
                wrong.push(format!("{from} uses {to} ({file})"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "layers used the wrong way:\n  {}",
        wrong.join("\n  ")
    );
    // inside the ui: platform and state use no screen or widget; widgets no screen
    let ui = graph(&["ui"]);
    let forbidden: &[(&str, &[&str])] = &[
        ("platform", &["state", "widgets", "screens", "app"]),
        ("state", &["widgets", "screens", "app"]),
        ("widgets", &["screens", "app"]),
    ];
    for (from, not) in forbidden {
        for to in *not {
            if let Some(file) = ui.get(*from).and_then(|m| m.get(*to)) {
                wrong.push(format!("ui::{from} uses ui::{to} ({file})"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "ui parts used the wrong way:\n  {}",
        wrong.join("\n  ")
    );
}

#[test]
fn only_the_platform_touches_the_browser_s_page() {
    // screens, widgets and state use `ui::platform` for the window, the document and its
    // events: one place to read what the app does to the page
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    modules(&root, &root, &mut files);
    let mut wrong = Vec::new();
    for (module, path) in files {
        if module.first().is_none_or(|m| m != "ui")
            || module.get(1).is_some_and(|m| m == "platform")
        {
            continue;
        }
        let code = code_only(&std::fs::read_to_string(&path).unwrap());
        for call in ["web_sys::window", "add_event_listener", "Closure::"] {
            if code.contains(call) {
                wrong.push(format!(
                    "{} uses {call}",
                    path.strip_prefix(&root).unwrap().display()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the page touched outside ui::platform:\n  {}",
        wrong.join("\n  ")
    );
}
