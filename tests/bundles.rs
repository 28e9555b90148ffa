//! The five built-in bundles: valid without warnings, faithful to the enumerations their
//! 例規 require of a contract, every section filled and every profile question used.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::collections::BTreeSet;
use std::path::Path;

use tenken::core::bundle::{Bundle, ChecklistKind, ProfileKind, ProfileQuestion};
use tenken::core::condition::ProfileValue;
use tenken::core::reiki::{CoverageNote, Outline, State, coverage};

/// (bundle id, article, paragraph, 号 from 1 to n): the enumerated contract clauses.
const CLAUSES: &[(&str, &str, &str, u32)] = &[
    ("meguro", "20", "1", 13),
    ("meguro", "20", "2", 4),
    ("shimanto", "27", "2", 9),
    ("toin", "17", "3", 9),
    ("sayama", "38", "1", 10),
];

const IDS: [&str; 5] = ["meguro", "chikuma", "shimanto", "toin", "sayama"];

/// Items whose `when` names a 個人情報 profile question but no 特定個人情報 one although their
/// checklist asks both, on purpose: (bundle, checklist, item), each with its reason. 特定個人情報
/// is 個人情報, so a 課 that answers only the 特定個人情報 question yes must see every 個人情報
/// item; any item that it should not see belongs here.
const KOJIN_ONLY: &[(&str, &str, &str)] = &[
    // none at present: every 個人情報 duty of 目黒区 (the only bundle that asks both questions)
    // holds for 特定個人情報 as well
];

/// Quotes that cannot point to one place because the whole unit they cite recurs word for word
/// elsewhere in the text; the citation's 条・項・号 places them: (bundle, quote).
const REPEATED_UNITS: &[(&str, &str)] = &[
    // 第18条第1項第1号 and 第19条第1項第1号 read the same
    (
        "chikuma",
        "法令の定め又は市長が法令上従う義務のある国等の機関の指示があるとき。",
    ),
    // 第38条第1項第1号 is these words alone; they recur in 第38条第5項
    ("sayama", "秘密保持義務"),
    // 第7条第4項第4号 and 第24条第2項第6号 read the same
    ("shimanto", "その他情報責任者が必要と認めること。"),
];

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

/// Placing every quote reads a small part of what the budget allows: the articles the quotes
/// cite, up to each quote (the budget is for bundles whose quotes are not where they say).
#[test]
fn placing_the_quotes_reads_little() {
    use tenken::core::bundle::limits::QUOTE_READ_BASE;
    for id in IDS {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("policies")
            .join(id);
        let loaded = tenken::load::load(&dir).expect("valid");
        let read = loaded.validated.quote_work;
        let sources: u64 = loaded
            .validated
            .bundle
            .sources
            .iter()
            .map(|s| s.text.len() as u64)
            .sum();
        eprintln!("{id}: {read} bytes read, sources {sources} bytes");
        assert!(read < QUOTE_READ_BASE / 32, "{id}: {read} bytes read");
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Personal {
    Kojin,
    Tokutei,
}

/// Whether a profile question asks if 特定個人情報, or 個人情報, is handled (「…個人情報を取り扱って
/// いますか」「…個人情報に係るデータが含まれますか」); not one that only names 個人情報 in passing
/// (「個人情報保護審議会への諮問」, 「個人情報を処理するための区の電子計算組織」).
fn personal(q: &ProfileQuestion) -> Option<Personal> {
    if q.text.contains("特定個人情報") {
        Some(Personal::Tokutei)
    } else if q.text.contains("個人情報を取り扱") || q.text.contains("個人情報に係るデータ")
    {
        Some(Personal::Kojin)
    } else {
        None
    }
}

/// Every combination of answers to `questions`.
fn assignments<'a>(questions: &[&'a ProfileQuestion]) -> Vec<Vec<(&'a str, ProfileValue<'a>)>> {
    let mut all = vec![Vec::new()];
    for q in questions {
        let values: Vec<ProfileValue<'a>> = match &q.kind {
            ProfileKind::Bool => vec![ProfileValue::Bool(true), ProfileValue::Bool(false)],
            ProfileKind::Choice(options) => options
                .iter()
                .map(|o| ProfileValue::Choice(o.id.as_str()))
                .collect(),
        };
        all = all
            .into_iter()
            .flat_map(|a| {
                values.iter().map(move |v| {
                    let mut a = a.clone();
                    a.push((q.id.as_str(), *v));
                    a
                })
            })
            .collect();
    }
    all
}

#[test]
fn personal_information_items_are_shown_for_specific_personal_information() {
    let mut checked = Vec::new();
    let mut kojin_only = Vec::new();
    for id in IDS {
        let b = load(id);
        for list in &b.checklists {
            let asking = |kind: Personal| -> Vec<&str> {
                list.profile
                    .iter()
                    .filter(|q| personal(q) == Some(kind))
                    .map(|q| q.id.as_str())
                    .collect()
            };
            let (kojin, tokutei) = (asking(Personal::Kojin), asking(Personal::Tokutei));
            if tokutei.is_empty() || kojin.is_empty() {
                continue;
            }
            checked.push(format!("{id}/{}", list.id));
            let others: Vec<&ProfileQuestion> = list
                .profile
                .iter()
                .filter(|q| !kojin.contains(&q.id.as_str()) && !tokutei.contains(&q.id.as_str()))
                .collect();
            for (_, item) in list.items() {
                let Some(when) = &item.when else { continue };
                let names: Vec<&str> = when.names().iter().map(|n| n.id()).collect();
                if !names.iter().any(|n| kojin.contains(n)) {
                    continue;
                }
                let excepted = KOJIN_ONLY.contains(&(id, list.id.as_str(), item.id.as_str()));
                // the words: a condition on 個人情報 names the 特定個人情報 question too
                if !names.iter().any(|n| tokutei.contains(n)) {
                    kojin_only.push((id, list.id.clone(), item.id.clone()));
                    continue;
                }
                if excepted {
                    continue;
                }
                // the meaning: 「個人情報 いいえ, 特定個人情報 はい」 shows what 「はい, はい」 shows
                for rest in assignments(&others) {
                    let answer = |kojin_yes: bool| {
                        let rest = rest.clone();
                        let kojin = kojin.clone();
                        let tokutei = tokutei.clone();
                        move |q: &str| {
                            if kojin.contains(&q) {
                                Some(ProfileValue::Bool(kojin_yes))
                            } else if tokutei.contains(&q) {
                                Some(ProfileValue::Bool(true))
                            } else {
                                rest.iter().find(|(id, _)| *id == q).map(|(_, v)| *v)
                            }
                        }
                    };
                    assert_eq!(
                        when.eval(&answer(false)),
                        when.eval(&answer(true)),
                        "{id}/{}/{}: `{}` hides the item from a 課 that handles 特定個人情報 \
                         but answers 個人情報 no ({rest:?})",
                        list.id,
                        item.id,
                        when.source
                    );
                }
            }
        }
    }
    assert_eq!(checked, ["meguro/tenken", "meguro/itaku"]);
    let expected: Vec<_> = KOJIN_ONLY
        .iter()
        .map(|&(b, l, i)| (b, l.to_string(), i.to_string()))
        .collect();
    assert_eq!(
        kojin_only, expected,
        "conditions on 個人情報 without 特定個人情報: add the 特定個人情報 question, or list the \
         item in KOJIN_ONLY with its reason"
    );
}

#[test]
fn every_quote_points_to_one_place() {
    let mut used = BTreeSet::new();
    for id in IDS {
        let b = load(id);
        for list in &b.checklists {
            let cites = list.basis.iter().map(|c| ("basis".to_string(), c)).chain(
                list.items()
                    .flat_map(|(_, i)| i.cite.iter().map(|c| (i.id.clone(), c))),
            );
            for (at, cite) in cites {
                let Some(quote) = cite.quote.as_deref() else {
                    continue;
                };
                let source = b.source(&cite.source).expect("cited source");
                let n = source.find_all(quote).len();
                if n > 1 && REPEATED_UNITS.contains(&(id, quote)) {
                    used.insert((id, quote.to_string()));
                    continue;
                }
                assert_eq!(
                    n, 1,
                    "{id}/{}/{at}: 「{quote}」 occurs {n} times in the text; quote enough to point \
                     to one place",
                    list.id
                );
            }
        }
    }
    let listed: BTreeSet<_> = REPEATED_UNITS
        .iter()
        .map(|&(b, q)| (b, q.to_string()))
        .collect();
    assert_eq!(
        used, listed,
        "REPEATED_UNITS lists a quote no longer needed"
    );
}

// ---------------------------------------------------------------------------------------
// The outline and the coverage of the built-in bundles (core::reiki)
// ---------------------------------------------------------------------------------------

/// Citations of places the outline cannot have, because the text lost them: (bundle, item,
/// article, paragraph). Each carries a `note` in its bundle.
const LOST_PLACES: &[(&str, &str, &str, &str)] = &[
    // 四万十市 第11条: its header, 第1項 and the lead-in of 第2項 are lost; the outline reads its
    // 「3 第1項の場合において…」 as an out-of-sequence line of 第10条
    ("shimanto", "11-3-a", "11", "3"),
    ("shimanto", "11-3-b", "11", "3"),
];

#[test]
fn the_outline_holds_every_cited_place() {
    let mut lost = Vec::new();
    for id in IDS {
        let b = load(id);
        for source in &b.sources {
            let outline = Outline::parse(&source.text);
            for list in &b.checklists {
                let cites = list.basis.iter().map(|c| ("basis".to_string(), c)).chain(
                    list.items()
                        .flat_map(|(_, i)| i.cite.iter().map(|c| (i.id.clone(), c))),
                );
                for (at, c) in cites.filter(|(_, c)| c.source == source.id) {
                    if outline
                        .find(&c.article, &c.paragraph, c.item.as_deref())
                        .is_none()
                    {
                        assert!(
                            c.note.is_some(),
                            "{id}/{}/{at}: {} not in the outline",
                            list.id,
                            c.label()
                        );
                        lost.push((id, at, c.article.clone(), c.paragraph.clone()));
                    }
                }
            }
        }
    }
    let expected: Vec<_> = LOST_PLACES
        .iter()
        .map(|&(b, i, a, p)| (b, i.to_string(), a.to_string(), p.to_string()))
        .collect();
    assert_eq!(lost, expected);
}

/// Items whose cited place holds no sentence worded as a duty, each with its reason:
/// (bundle, checklist, item). Every other item cites at least one duty sentence.
const CITES_WITHOUT_DUTY: &[(&str, &str, &str)] = &[
    // 第4条第2項 「…区長が特に必要と認めるものに限る。」: a limit, not worded as a duty
    ("meguro", "tenken", "4-2"),
    // 第17条第6項: 「記録するとともに、…報告を求めることができる。」 ends as a power
    ("chikuma", "tenken", "17-6"),
    // 第20条 (適用除外): the 届出等 may be left out; worded as a permission
    ("chikuma", "tenken", "20-1"),
    ("chikuma", "itaku", "20-1"),
    // 第3条 「…業務に限り使用することができる。」: a limit worded as a permission
    ("shimanto", "tenken", "3-1"),
    // 第7条第1項 「システム運用責任者は、課等の長が…充てる。」: an appointment, worded as one
    ("shimanto", "tenken", "7-1"),
    // 第11条第3項: lost with the header of 第11条 (see LOST_PLACES)
    ("shimanto", "tenken", "11-3-a"),
    ("shimanto", "tenken", "11-3-b"),
    // 第18条 「ネットワークに接続できる情報システム機器は、次に掲げるものとする。」: a limit, worded as
    // a definition
    ("shimanto", "tenken", "18-1"),
    // 第5条第1項 「…保護管理者が指定する保護担当者を置く。」: the designation is implied by 「置く」
    ("sayama", "tenken", "5-1"),
];

#[test]
fn coverage_finds_the_duties_the_items_cite() {
    let mut without = Vec::new();
    for id in IDS {
        let b = load(id);
        let cov = coverage(&b);
        for list in &b.checklists {
            for (_, item) in list.items() {
                let mut hit = false;
                for c in &item.cite {
                    let Some(sc) = cov.iter().find(|s| s.source == c.source) else {
                        panic!("{id}: source {}", c.source);
                    };
                    for d in &sc.duties {
                        let Some(place) = &d.duty.place else { continue };
                        let paragraph = place.paragraph.as_deref().unwrap_or("1");
                        // a 号 the bundle excludes by name is not asked through its 項
                        let named = place.item.is_some()
                            && b.exclusions.iter().any(|e| {
                                e.article == place.article
                                    && e.paragraph.as_deref() == Some(paragraph)
                                    && e.item == place.item
                            });
                        let cited = place.article == c.article
                            && paragraph == c.paragraph
                            && ((c.item.is_none() && !named)
                                || c.item == place.item
                                || (d.duty.lead && place.item.is_none() && c.item.is_some()));
                        if !cited {
                            continue;
                        }
                        hit = true;
                        // every duty sentence in a cited unit is asked by the citing item
                        match &d.state {
                            State::Asked(by) => assert!(
                                by.iter()
                                    .any(|a| a.checklist == list.id && a.item == item.id),
                                "{id}/{}/{}: {} asked by {by:?}",
                                list.id,
                                item.id,
                                d.label
                            ),
                            other => panic!(
                                "{id}/{}/{}: the duty of {} is {other:?}: {}",
                                list.id, item.id, d.label, d.duty.text
                            ),
                        }
                    }
                }
                if !hit {
                    without.push((id, list.id.clone(), item.id.clone()));
                }
            }
        }
    }
    let expected: Vec<_> = CITES_WITHOUT_DUTY
        .iter()
        .map(|&(b, l, i)| (b, l.to_string(), i.to_string()))
        .collect();
    assert_eq!(
        without, expected,
        "items whose cited place holds no duty sentence"
    );
}

#[test]
fn exclusions_leave_nothing_open_and_match_what_they_name() {
    for id in IDS {
        let b = load(id);
        assert!(!b.exclusions.is_empty(), "{id}: its out-of-scope list");
        for c in coverage(&b) {
            let open: Vec<_> = c.open_units().map(|u| u.label.clone()).collect();
            assert!(open.is_empty(), "{id}: open units {open:?}");
            let open: Vec<_> = c.open_duties().map(|d| d.label.clone()).collect();
            assert!(open.is_empty(), "{id}: open duties {open:?}");
            for n in &c.notes {
                match n {
                    CoverageNote::CitedPlaceNotInOutline { item, .. } => assert!(
                        LOST_PLACES.iter().any(|&(b, i, _, _)| b == id && i == item),
                        "{id}: {n:?}"
                    ),
                    other => panic!("{id}: {other:?}"),
                }
            }
            // an exclusion never hides an asked unit, and every reason is written
            for u in &c.units {
                if let State::Excluded(reason) = &u.state {
                    assert!(!reason.trim().is_empty(), "{id}: {}", u.label);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Acts after signing in a contract checklist (core::bundle::lint)
// ---------------------------------------------------------------------------------------

/// A 委託契約 checklist is answered before signing: no item asks for an act after it (a report
/// received, the work completed, the contract kept), unless it asks what the contract must say.
#[test]
fn contract_items_ask_nothing_after_signing() {
    use tenken::core::bundle::lint::{after_signing_phrase, asks_contract_terms};
    let mut exempt = Vec::new();
    for id in IDS {
        let b = load(id);
        for list in b
            .checklists
            .iter()
            .filter(|c| c.kind == ChecklistKind::Contract)
        {
            for (_, item) in list.items() {
                let quotes = item.cite.iter().filter_map(|c| c.quote.as_deref());
                let phrase = std::iter::once(item.text.as_str())
                    .chain(quotes)
                    .find_map(after_signing_phrase);
                let Some(phrase) = phrase else { continue };
                assert!(
                    item.scale == "clause" || asks_contract_terms(&item.text),
                    "{id}/{}/{}: 「{phrase}」 asks for an act after signing: {}",
                    list.id,
                    item.id,
                    item.text
                );
                exempt.push(format!("{id}/{}/{}", list.id, item.id));
            }
        }
    }
    // the words do occur, in items that ask what the contract says for the act after signing
    assert_eq!(
        exempt,
        [
            "chikuma/itaku/15-1",
            "shimanto/itaku/26-5-3",
            "shimanto/itaku/26-4",
            "toin/itaku/18",
            "sayama/itaku/38-1-6",
        ]
    );
}

/// The validator warns about such an item: toin's contract checklist with the item 18 it had
/// before issue #34 (「…事故の報告を受けたとき、…報告がありましたか。」) appended.
#[test]
fn an_item_asking_for_an_act_after_signing_is_warned_about() {
    use tenken::core::bundle::lint::Lint;
    use tenken::core::problem::{ProblemKind, Severity};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/toin");
    let toml = std::fs::read_to_string(dir.join("bundle.toml")).expect("bundle.toml");
    let source = std::fs::read_to_string(dir.join("source.txt")).expect("source.txt");
    // the contract checklist is the last in toin's bundle.toml: a section appended joins it
    let old = r#"
[[checklists.sections]]
id = "keiyakugo"
title = "契約期間中の事故報告(第18条)"

[[checklists.sections.items]]
id = "18-old"
text = "この委託の委託先からデータに関する事故の報告を受けたとき、保護責任者から保護管理者に、すみやかに事故の経緯、講じた措置の具体的内容等の報告がありましたか。"
scale = "conformity"
guidance = "契約期間中に委託先から事故の報告を受けた一件ごとに、保護管理者への報告書を確かめる。"
cite = [{ source = "yoko", article = "18", paragraph = "1", quote = "保護責任者は、外部委託をした委託先からデータに関する事故の報告を受けたときは、すみやかに事故の経緯、講じた措置の具体的内容等必要な事項を保護管理者に報告しなければならない。" }]
"#;
    let v = tenken::core::bundle::from_files(
        &format!("{toml}{old}"),
        &[("source.txt".to_string(), source)],
    )
    .expect("valid, with a warning");
    let w = &v.warnings.0;
    assert_eq!(w.len(), 1, "{}", v.warnings);
    assert_eq!(w[0].severity, Severity::Warning);
    assert_eq!(
        w[0].path,
        "checklists[itaku].sections[keiyakugo].items[18-old].text"
    );
    assert_eq!(
        w[0].kind,
        ProblemKind::Lint(Lint::AfterSigning {
            phrase: "報告を受け"
        })
    );
    let shown = w[0].to_string();
    assert!(shown.contains("締結前") && shown.contains("before the contract is signed"));
}

// ---------------------------------------------------------------------------------------
// The second reading of the five (issue #34): each finding that words can check
// ---------------------------------------------------------------------------------------

fn item<'a>(b: &'a Bundle, list: &str, id: &str) -> &'a tenken::core::bundle::Item {
    let l = b
        .checklist(list)
        .unwrap_or_else(|| panic!("{}: {list}", b.id));
    l.items()
        .map(|(_, i)| i)
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("{}/{list}/{id} is missing", b.id))
}

fn has_item(b: &Bundle, list: &str, id: &str) -> bool {
    b.checklist(list)
        .is_some_and(|l| l.items().any(|(_, i)| i.id == id))
}

/// One question per item: no item of the five ends two questions (「…ますか」「…ましたか」…).
#[test]
fn no_question_asks_twice() {
    for id in IDS {
        let b = load(id);
        for list in &b.checklists {
            for (_, item) in list.items() {
                let n = ["ますか", "ましたか", "ませんか", "ですか"]
                    .iter()
                    .map(|e| item.text.matches(e).count())
                    .sum::<usize>();
                assert_eq!(n, 1, "{id}/{}/{}: {}", list.id, item.id, item.text);
                assert!(
                    !item.text.contains("ませんか"),
                    "{id}/{}/{}: a negative question: {}",
                    list.id,
                    item.id,
                    item.text
                );
            }
        }
    }
}

/// (bundle, checklist, item, words the question holds, words it must not hold)
type Wording = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

/// Items of the second reading, by what their question must and must not say.
#[rustfmt::skip]
const WORDING: &[Wording] = &[
    // 第19条 binds the 部長: asked as a fact with the 部長 named
    ("meguro", "tenken", "19-a", &["部長が"], &[]),
    ("meguro", "tenken", "19-b", &["部長が"], &[]),
    ("meguro", "tenken", "19-c", &["部長が"], &[]),
    ("meguro", "itaku", "19-a", &["部長が"], &[]),
    ("meguro", "itaku", "19-b", &["部長が"], &[]),
    ("meguro", "itaku", "19-c", &["部長が"], &[]),
    // double questions, split
    ("meguro", "tenken", "3-1-3", &["安定的な運用に努めていますか"], &["利便性"]),
    ("meguro", "tenken", "3-1-3-b", &["利便性の向上を図っていますか"], &["安定的"]),
    ("chikuma", "tenken", "10-1-b", &["調査しましたか"], &["報告"]),
    ("chikuma", "tenken", "10-1-c", &["報告しましたか"], &["調査しましたか"]),
    ("toin", "tenken", "5-3-a", &["調査しましたか"], &["措置"]),
    ("toin", "tenken", "5-3-c", &["措置を講じましたか"], &["調査"]),
    ("toin", "tenken", "15-a", &["調査しましたか"], &["措置"]),
    ("toin", "tenken", "15-c", &["措置を講じましたか"], &["調査"]),
    ("toin", "tenken", "11-2-b", &["記録していますか"], &["7年"]),
    ("toin", "tenken", "11-2-c", &["7年前"], &["記録し"]),
    ("shimanto", "tenken", "12-1", &["策定しましたか"], &["協議"]),
    ("shimanto", "tenken", "12-1-b", &["協議しましたか"], &["策定"]),
    ("shimanto", "tenken", "21-2", &["必要最小限"], &["適切に管理"]),
    ("shimanto", "tenken", "21-2-b", &["適切に管理"], &["必要最小限"]),
    ("sayama", "tenken", "20", &["明確にしていますか"], &["物理的"]),
    ("sayama", "tenken", "20-b", &["物理的な安全管理措置"], &["明確に"]),
    ("sayama", "tenken", "21-2", &["定め"], &["読取防止"]),
    ("sayama", "tenken", "21-2-b", &["読取防止"], &["定め"]),
    ("sayama", "tenken", "37-2", &["耐震"], &["予備電源", "配線"]),
    ("sayama", "tenken", "37-2-b", &["予備電源", "配線"], &["耐震"]),
    // a duty of each 職員 asked as what they did, not as a 周知 the 例規 does not ask for
    ("toin", "tenken", "19", &["職員が", "秘密"], &["周知"]),
    ("sayama", "tenken", "9-2", &["職員は", "報告しましたか"], &["周知"]),
    ("sayama", "tenken", "39-1", &["職員は", "報告しましたか"], &["周知"]),
    // an event duty asked as the act when it happened, not as a procedure
    ("sayama", "tenken", "12", &["発見したとき", "行いましたか"], &["手順"]),
    // the 課 answers for itself; an actor is named
    ("chikuma", "tenken", "17-1", &["自課"], &["双方"]),
    ("chikuma", "itaku", "13-2", &["データ保護管理者が"], &[]),
    // a positive question
    ("shimanto", "tenken", "25-2-2", &["業務にだけ利用していますか"], &["ませんか"]),
    // before signing: what the contract must say, not the act after it
    ("chikuma", "itaku", "15-1", &["契約書又は仕様書に定められていますか"], &[]),
    ("toin", "itaku", "18", &["契約書に定められていますか"], &["報告を受けた"]),
];

#[test]
fn second_reading_wording() {
    for &(id, list, item_id, holds, lacks) in WORDING {
        let b = load(id);
        let text = &item(&b, list, item_id).text;
        for w in holds {
            assert!(
                text.contains(w),
                "{id}/{list}/{item_id} lacks 「{w}」: {text}"
            );
        }
        for w in lacks {
            assert!(
                !text.contains(w),
                "{id}/{list}/{item_id} holds 「{w}」: {text}"
            );
        }
    }
}

#[test]
fn second_reading_structure() {
    // toin 4 keeps 「著しく」 of 第4条第3号・第4号, in its question and in its quotes
    let toin = load("toin");
    let four = item(&toin, "tenken", "4");
    assert_eq!(four.text.matches("著しく").count(), 2, "{}", four.text);
    for n in ["3", "4"] {
        let c = four
            .cite
            .iter()
            .find(|c| c.item.as_deref() == Some(n))
            .expect("第4条の号");
        assert!(c.quote.as_deref().is_some_and(|q| q.contains("著しく")));
    }

    // sayama 第36条第1項: the measures joined by 又は under 「…等の措置」 are one item, quoted whole
    let sayama = load("sayama");
    for gone in ["36-1-c", "36-1-d", "36-1-e", "36-1-f", "36-1-g"] {
        assert!(!has_item(&sayama, "tenken", gone), "sayama/tenken/{gone}");
    }
    let list = sayama.checklist("tenken").expect("tenken");
    for (_, i) in list.items() {
        for c in i
            .cite
            .iter()
            .filter(|c| c.article == "36" && c.paragraph == "1")
        {
            let q = c.quote.as_deref().unwrap_or("");
            if ["用件の確認", "入退室の記録", "立会い", "監視設備", "検査"]
                .iter()
                .any(|m| q.contains(m))
            {
                assert!(
                    q.contains("又は") && q.contains("等の措置"),
                    "sayama/tenken/{}: quotes one of the examples alone: {q}",
                    i.id
                );
            }
        }
    }

    // shimanto: 6-1-3 asks those who own a 行政事務処理システム; 10-3 holds 第4号, 10-3-4 is gone
    let shimanto = load("shimanto");
    let when = item(&shimanto, "tenken", "6-1-3")
        .when
        .as_ref()
        .expect("when");
    assert_eq!(when.source, "shokan");
    let q = shimanto
        .checklist("tenken")
        .and_then(|l| l.question("shokan"))
        .expect("shokan");
    assert!(q.text.contains("所管する"), "{}", q.text);
    assert!(!has_item(&shimanto, "tenken", "10-3-4"));
    assert!(
        item(&shimanto, "tenken", "10-3")
            .cite
            .iter()
            .any(|c| c.article == "10" && c.paragraph == "3" && c.item.as_deref() == Some("4"))
    );

    // acts after signing left the contract checklists or ask what the contract says
    assert!(!has_item(&shimanto, "itaku", "27-3"));
    assert!(
        has_item(&shimanto, "tenken", "27-3"),
        "the 点検 still asks it"
    );
}

/// Exclusion reasons say what the excluded text does (目黒区 第6条第1項, 第7条第6項, 第12条), and
/// 四万十市's lost 第11条第1項・第2項 are excluded where the outline reads them, not asked by 10-4.
#[test]
fn second_reading_exclusions() {
    let meguro = load("meguro");
    let reason = |b: &Bundle, a: &str, p: Option<&str>, i: Option<&str>| -> String {
        b.exclusions
            .iter()
            .find(|e| e.article == a && e.paragraph.as_deref() == p && e.item.as_deref() == i)
            .unwrap_or_else(|| panic!("{}: no exclusion of {a} {p:?} {i:?}", b.id))
            .reason
            .clone()
    };
    let r = reason(&meguro, "6", Some("1"), None);
    assert!(
        r.contains("情報システム管理者") && r.contains("情報システム統括責任者"),
        "{r}"
    );
    let r = reason(&meguro, "7", Some("6"), None);
    assert!(
        r.contains("情報課") && !r.contains("課の義務ではない"),
        "{r}"
    );
    let r = reason(&meguro, "12", None, None);
    for w in ["構成", "主宰", "庶務", "課長"] {
        assert!(r.contains(w), "第12条: {w}: {r}");
    }

    let shimanto = load("shimanto");
    for n in ["1", "2"] {
        let r = reason(&shimanto, "10", Some("4"), Some(n));
        assert!(r.contains("第11条"), "{r}");
    }
    let cov = coverage(&shimanto);
    let units = &cov[0].units;
    let state = |label: &str| {
        &units
            .iter()
            .find(|u| u.label == label)
            .unwrap_or_else(|| panic!("{label}"))
            .state
    };
    for label in ["第10条第4項第1号", "第10条第4項第2号"] {
        assert!(
            matches!(state(label), State::Excluded(r) if r.contains("第11条")),
            "{label}: {:?}",
            state(label)
        );
    }
    match state("第10条第4項") {
        State::Asked(by) => assert_eq!(
            by.iter().map(|a| a.item.as_str()).collect::<Vec<_>>(),
            ["10-4"]
        ),
        other => panic!("第10条第4項: {other:?}"),
    }
    // the duty sentences of the lost 第11条第3項 are not credited to 10-4 either
    for d in &cov[0].duties {
        if let State::Asked(by) = &d.state {
            assert!(
                !(d.duty.text.contains("承認を得なければならない")
                    && by.iter().any(|a| a.item == "10-4")),
                "{}: {:?}",
                d.label,
                by
            );
        }
    }
}
