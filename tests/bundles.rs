//! The five built-in bundles: valid without warnings, faithful to the enumerations their
//! 例規 require of a contract, every section filled and every profile question used.

use std::collections::BTreeSet;
use std::path::Path;

use tenken::core::bundle::{Bundle, ChecklistKind};

/// (bundle id, article, paragraph, 号 from 1 to n): the enumerated contract clauses.
const CLAUSES: &[(&str, &str, &str, u32)] = &[
    ("meguro", "20", "1", 13),
    ("meguro", "20", "2", 4),
    ("shimanto", "27", "2", 9),
    ("toin", "17", "3", 9),
    ("sayama", "38", "1", 10),
];

const IDS: [&str; 5] = ["meguro", "chikuma", "shimanto", "toin", "sayama"];

fn load(id: &str) -> Bundle {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("policies")
        .join(id);
    match tenken::load::load(&dir) {
        Ok(loaded) => {
            let warnings = &loaded.validated.warnings.0;
            assert!(
                warnings.is_empty(),
                "{id}: warnings:\n{}",
                loaded.validated.warnings
            );
            assert_eq!(loaded.validated.bundle.id, id);
            loaded.validated.bundle
        }
        Err(problems) => panic!("{id} is invalid:\n{problems}"),
    }
}

/// Every (条, 項, 号) cited by the items of a bundle's contract checklists.
fn contract_cites(bundle: &Bundle) -> BTreeSet<(String, String, Option<String>)> {
    bundle
        .checklists
        .iter()
        .filter(|c| c.kind == ChecklistKind::Contract)
        .flat_map(|c| c.items())
        .flat_map(|(_, item)| item.cite.iter())
        .map(|c| (c.article.clone(), c.paragraph.clone(), c.item.clone()))
        .collect()
}

#[test]
fn all_five_validate_without_warnings() {
    for id in IDS {
        let b = load(id);
        let kinds: Vec<_> = b.checklists.iter().map(|c| c.kind).collect();
        assert!(
            kinds.contains(&ChecklistKind::Inspection),
            "{id}: an inspection checklist"
        );
        assert!(
            kinds.contains(&ChecklistKind::Contract),
            "{id}: a contract checklist"
        );
    }
}

#[test]
fn contract_checklists_cite_every_enumerated_clause() {
    for &(id, article, paragraph, n) in CLAUSES {
        let cites = contract_cites(&load(id));
        let missing: Vec<u32> = (1..=n)
            .filter(|i| !cites.contains(&(article.into(), paragraph.into(), Some(i.to_string()))))
            .collect();
        assert!(
            missing.is_empty(),
            "{id}: 第{article}条第{paragraph}項 lacks 号 {missing:?}"
        );
    }
    // 千曲市 第14条 lists no 号: its matters are cited by paragraph
    let cites = contract_cites(&load("chikuma"));
    assert!(
        cites.iter().any(|(a, p, _)| a == "14" && p == "1"),
        "chikuma: 第14条"
    );
}

#[test]
fn every_section_has_items_and_every_profile_question_is_used() {
    for id in IDS {
        let b = load(id);
        for list in &b.checklists {
            for section in &list.sections {
                assert!(
                    !section.items.is_empty(),
                    "{id}/{}/{} is empty",
                    list.id,
                    section.id
                );
            }
            let used: BTreeSet<String> = list
                .items()
                .filter_map(|(_, item)| item.when.as_ref())
                .flat_map(|w| w.names().into_iter().map(|n| n.id().to_string()))
                .collect();
            for q in &list.profile {
                assert!(
                    used.contains(&q.id),
                    "{id}/{}: profile question {} is never used",
                    list.id,
                    q.id
                );
            }
        }
    }
}

#[test]
fn every_item_cites_with_a_quote_and_has_guidance() {
    for id in IDS {
        let b = load(id);
        for list in &b.checklists {
            for (_, item) in list.items() {
                assert!(!item.cite.is_empty(), "{id}/{}/{}", list.id, item.id);
                assert!(
                    item.cite.iter().all(|c| c.quote.is_some()),
                    "{id}/{}/{}",
                    list.id,
                    item.id
                );
                assert!(
                    item.guidance.is_some(),
                    "{id}/{}/{}: guidance",
                    list.id,
                    item.id
                );
            }
        }
    }
}
