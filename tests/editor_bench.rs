//! Benchmark of what the 規則エディタ recomputes after an edit, natively (the browser's figures
//! come from `node tests/bench/editor.mjs`): validation and coverage of a generated bundle of
//! 1,000 items citing a 500-article text. Ignored by default; run with
//! `cargo test --release --test editor_bench -- --ignored --nocapture`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::time::Instant;

use tenken::core::bundle::raw::RawBundle;
use tenken::core::bundle::{self};
use tenken::core::reiki::coverage_raw;

/// The bundle `tests/bench/editor.mjs` generates.
fn large() -> RawBundle {
    let text = five_hundred_articles();
    let mut items = Vec::new();
    for n in 1..=500 {
        items.push(serde_json::json!({ "id": format!("{n}"), "text": format!("事項{n}の手続を確認していますか。"),
            "cite": [{ "source": "kisoku", "article": n.to_string(), "paragraph": "1", "quote": format!("事項{n}について定められた手続を確認しなければならない。") }] }));
        items.push(serde_json::json!({ "id": format!("{n}-2"), "text": format!("事項{n}の記録を保存していますか。"),
            "cite": [{ "source": "kisoku", "article": n.to_string(), "paragraph": "2", "quote": format!("事項{n}の記録を保存しなければならない。") }] }));
    }
    let sections: Vec<_> = items
        .chunks(100)
        .enumerate()
        .map(|(s, c)| serde_json::json!({ "id": format!("s{}", s + 1), "title": format!("区分{}", s + 1), "items": c }))
        .collect();
    let value = serde_json::json!({ "format": "tenken-bundle/1", "id": "large", "version": "2026-04-01", "title": "大規模テスト",
        "municipality": { "name": "テスト市" }, "sources": [{ "id": "kisoku", "title": "大規模テスト規則", "text": text }],
        "checklists": [{ "id": "tenken", "kind": "inspection", "title": "点検", "respondent": "課長", "sections": sections }] });
    bundle::parse_json(value.to_string().as_bytes())
        .expect("parses")
        .raw
}

/// The text `large()` cites: 500 articles of two 項 each.
fn five_hundred_articles() -> String {
    let mut text = String::from("○大規模テスト規則\n\n");
    for n in 1..=500 {
        text.push_str(&format!(
            "(事項{n})\n第{n}条 課長は、事項{n}について定められた手続を確認しなければならない。\n2 職員は、事項{n}の記録を保存しなければならない。\n"
        ));
    }
    text
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[test]
#[ignore = "benchmark: cargo test --release --test editor_bench -- --ignored --nocapture"]
fn live_validation_of_1000_items() {
    let mut raw = large();
    assert!(bundle::validate(&raw).is_ok());
    let mut times = Vec::new();
    for i in 0..20 {
        raw.checklists[0].sections[2].items[50].text = Some(format!("問い{i}"));
        let t = Instant::now();
        let _ = bundle::validate(&raw);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "validate 1,000 items, 500 articles (with the SHA-256 identity): median {:.1} ms",
        median(times)
    );
    let mut times = Vec::new();
    for i in 0..20 {
        raw.checklists[0].sections[2].items[50].text = Some(format!("問い{i}"));
        let t = Instant::now();
        assert!(bundle::validate_draft(&raw).is_ok());
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "validate_draft (what the editor runs after an edit): median {:.1} ms",
        median(times)
    );
    let text = raw.sources[0].text.clone().unwrap_or_default();
    let mut times = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let s = tenken::core::bundle::Source::new("k".into(), "t".into(), None, text.clone());
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(!s.index.is_empty());
    }
    println!(
        "of which reading the source (fold, index): median {:.1} ms",
        median(times)
    );
    let mut times = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let c = coverage_raw(&raw);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(c[0].summary.units.open, 0);
    }
    println!("coverage of the same: median {:.1} ms", median(times));
}

#[test]
#[ignore = "benchmark: cargo test --release --test editor_bench -- --ignored --nocapture"]
fn import_and_tree() {
    use tenken::core::authoring::{import_reiki, tree_rows};
    use tenken::core::reiki::NodeKind;
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let longest = std::fs::read_dir(&seeds)
        .ok()
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .max_by_key(|(_, t)| t.len());
    let mut inputs = vec![("500 articles".to_string(), five_hundred_articles())];
    if let Some((path, text)) = longest {
        inputs.insert(0, (format!("longest seed {}", path.display()), text));
    }
    for (label, text) in inputs {
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..10 {
            let t = Instant::now();
            let imported = import_reiki("paste.txt", &text).expect("imports");
            rows = tree_rows(&imported.outline, NodeKind::Item).len();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        println!(
            "import + tree of {label} ({} KB, {rows} rows): median {:.1} ms",
            text.len() / 1024,
            median(times)
        );
    }
}
