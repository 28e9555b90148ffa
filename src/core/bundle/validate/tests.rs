//! Tests of the validator: every rule, each problem with its place and both messages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use serde_json::{Value, json};

use crate::core::bundle::{self, Bundle, Validated};
use crate::core::message::Message;
use crate::core::problem::{Problem, ProblemKind, Problems, Severity};

const TOML: &str = include_str!("../../../../tests/fixtures/mini/bundle.toml");
const SOURCE: &str = include_str!("../../../../tests/fixtures/mini/source.txt");

/// The test bundle in compiled form, as a JSON value to mutate.
fn mini() -> Value {
    let mut parsed = bundle::parse_toml(TOML).expect("fixture parses");
    parsed.resolve_sources(|_| Ok(SOURCE.to_string()));
    serde_json::to_value(&parsed.raw).expect("to value")
}

fn check(v: &Value) -> Result<Validated, Problems> {
    Bundle::from_json(&serde_json::to_vec(v).expect("bytes"))
}

fn problems(v: &Value) -> Vec<Problem> {
    match check(v) {
        Ok(_) => panic!("expected problems"),
        Err(p) => p.0,
    }
}

/// The one error at `path`, whose kind `is` accepts.
fn assert_error(v: &Value, path: &str, is: impl Fn(&ProblemKind) -> bool) {
    let all = problems(v);
    let at: Vec<_> = all
        .iter()
        .filter(|p| p.path == path && p.severity == Severity::Error)
        .collect();
    assert!(
        at.iter().any(|p| is(&p.kind)),
        "no matching error at {path}; got:\n{}",
        Problems(all.clone())
    );
}

/// Sets (or adds) the member at `pointer`.
fn set(v: &mut Value, pointer: &str, new: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
    match v
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent}"))
    {
        Value::Object(map) => {
            map.insert(key.to_string(), new);
        }
        Value::Array(items) => items[key.parse::<usize>().expect("index")] = new,
        _ => panic!("{parent} is not a container"),
    }
}

fn remove(v: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
    v.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .expect("object")
        .remove(key)
        .expect("present");
}

const ITEM0: &str = "/checklists/0/sections/0/items/0";
const ITEM0_PATH: &str = "checklists[tenken].sections[anzen].items[13-1]";

#[test]
fn the_fixture_is_valid() {
    let v = check(&mini()).expect("valid");
    let b = &v.bundle;
    assert_eq!(
        (b.id.as_str(), b.checklists.len(), b.scales.len()),
        ("mini", 2, 3)
    );
    assert_eq!(b.checklists[0].item_count(), 3);
    assert_eq!(b.hash.len(), 64);
    assert!(v.warnings.0.is_empty(), "{}", v.warnings);
}

#[test]
fn hash_is_stable_and_follows_content() {
    let a = check(&mini()).expect("valid").bundle.hash;
    // the same document pretty-printed, members in another order
    let mut v = mini();
    let pretty = serde_json::to_string_pretty(&v).expect("pretty");
    let b = Bundle::from_json(pretty.as_bytes())
        .expect("valid")
        .bundle
        .hash;
    assert_eq!(a, b);
    set(&mut v, &format!("{ITEM0}/text"), json!("別の質問ですか。"));
    let c = check(&v).expect("valid").bundle.hash;
    assert_ne!(a, c);
    // pinned: a change in canonicalisation would change every bundle's identity
    assert_eq!(a, check(&mini()).expect("valid").bundle.hash);
}

#[test]
fn too_many_items_are_refused_with_the_numbers_before_anything_else() {
    let mut v = mini();
    let cite = v.pointer(&format!("{ITEM0}/cite")).expect("cite").clone();
    let many: Vec<Value> = (0..20_000)
        .map(|i| json!({"id": format!("i{i}"), "text": "確認していますか。", "cite": cite}))
        .collect();
    set(&mut v, "/checklists/0/sections/0/items", json!(many));
    let started = std::time::Instant::now();
    let problems = problems(&v);
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    let got: Vec<(String, ProblemKind)> = problems.into_iter().map(|p| (p.path, p.kind)).collect();
    assert_eq!(
        got,
        [
            (
                "checklists[tenken].sections".to_string(),
                ProblemKind::TooMany {
                    what: "item",
                    count: 20_000 + mini_other_items(),
                    max: super::super::limits::MAX_CHECKLIST_ITEMS
                }
            ),
            (
                "checklists[tenken].sections[anzen].items".to_string(),
                ProblemKind::TooMany {
                    what: "item",
                    count: 20_000,
                    max: super::super::limits::MAX_SECTION_ITEMS
                }
            ),
        ]
    );
    assert!(
        got[1].1.message_ja().contains("20000 個、上限 200 個"),
        "{}",
        got[1].1.message_ja()
    );
}

/// Items of the fixture's first checklist outside its first section.
fn mini_other_items() -> usize {
    let v = mini();
    let sections = v["checklists"][0]["sections"].as_array().expect("sections");
    sections[1..]
        .iter()
        .map(|s| s["items"].as_array().map_or(0, Vec::len))
        .sum()
}

/// Every message a malformed bundle gets is in the bundle's own words, in both languages:
/// never a Rust type name or a parser's jargon.
#[test]
fn messages_never_name_a_rust_type() {
    let item = |f: &str| format!("{ITEM0}/{f}");
    let cases: Vec<(String, Value)> = vec![
        (
            "/checklists/0/profile/1/options".into(),
            json!(["none", "own"]),
        ),
        ("/checklists/0/profile/1/options".into(), json!("none")),
        (item("evidence"), json!(5)),
        (item("cite"), json!("第13条")),
        (item("cite/0"), json!(["kisoku", "13"])),
        (item("text"), json!({"ja": "…"})),
        ("/version".into(), json!(2020)),
        ("/checklists".into(), json!({})),
        ("/checklists/0/sections/0/items".into(), json!([1, 2])),
        ("/scales".into(), json!([{"id": "x", "options": [true]}])),
        ("/municipality".into(), json!("目黒区")),
        ("/amended".into(), json!("2014-04-01")),
        (
            "/amended".into(),
            json!({"from": "2014-04-01", "items": "13-1"}),
        ),
        (
            "/amended".into(),
            json!({"from": "2014-04-01", "items": [{"id": "13-1"}]}),
        ),
    ];
    let forbidden = [
        "Raw",
        "struct",
        "enum",
        "invalid type",
        "a sequence",
        "a map",
        "::",
        "Option<",
        "Vec<",
        "String",
    ];
    for (pointer, bad) in cases {
        let mut v = mini();
        set(&mut v, &pointer, bad.clone());
        let found = problems(&v);
        assert!(!found.is_empty(), "{pointer} = {bad}");
        for p in found {
            let (ja, en) = (p.kind.message_ja(), p.kind.message_en());
            assert!(!ja.is_empty() && !en.is_empty(), "{pointer}: {p}");
            for word in forbidden {
                assert!(
                    !ja.contains(word) && !en.contains(word),
                    "{pointer} = {bad}: a message names {word:?}: {ja} / {en}"
                );
            }
        }
    }
    // the issue's example: a choice question's options written as plain strings
    let mut v = mini();
    set(
        &mut v,
        "/checklists/0/profile/1/options",
        json!(["none", "own"]),
    );
    let p = &problems(&v)[0];
    assert_eq!(p.path, "checklists[tenken].profile[mynumber].options[0]");
    assert_eq!(
        p.kind.message_ja(),
        "文字列「none」が書かれていますが、ここは{ id = \"…\", label = \"…\" } の形で書きます"
    );
}

#[test]
fn all_problems_at_once() {
    let mut v = mini();
    remove(&mut v, "/title");
    remove(&mut v, "/checklists/1/respondent");
    set(&mut v, &format!("{ITEM0}/when"), json!("personel"));
    let paths: Vec<_> = problems(&v).into_iter().map(|p| p.path).collect();
    assert!(paths.contains(&"title".to_string()), "{paths:?}");
    assert!(
        paths.contains(&"checklists[keiyaku].respondent".to_string()),
        "{paths:?}"
    );
    assert!(paths.contains(&format!("{ITEM0_PATH}.when")), "{paths:?}");
}

#[test]
fn format_and_version() {
    let mut v = mini();
    set(&mut v, "/format", json!("tenken-bundle/2"));
    assert_error(&v, "format", |k| {
        matches!(k, ProblemKind::WrongFormat { .. })
    });
    let mut v = mini();
    set(&mut v, "/version", json!("2015/10/05"));
    assert_error(&v, "version", |k| matches!(k, ProblemKind::BadDate { .. }));
}

#[test]
fn ids_are_checked_for_form() {
    let mut v = mini();
    set(&mut v, "/id", json!("Meguro_1"));
    assert_error(&v, "id", |k| {
        matches!(k, ProblemKind::BadId { bundle: true, .. })
    });
    let mut v = mini();
    set(&mut v, "/checklists/0/sections/0/id", json!("安全"));
    assert_error(&v, "checklists[tenken].sections[安全].id", |k| {
        matches!(k, ProblemKind::BadId { .. })
    });
}

#[test]
fn duplicate_ids_name_both_places() {
    let mut v = mini();
    set(&mut v, "/checklists/0/sections/0/items/1/id", json!("13-1"));
    assert_error(
        &v,
        "checklists[tenken].sections[anzen].items[1].id",
        |k| matches!(k, ProblemKind::Duplicate { id, first } if id == "13-1" && first == ITEM0_PATH),
    );
    let mut v = mini();
    set(&mut v, "/checklists/1/id", json!("tenken"));
    assert_error(&v, "checklists[1].id", |k| {
        matches!(k, ProblemKind::Duplicate { .. })
    });
}

#[test]
fn empty_sections_and_lists() {
    let mut v = mini();
    set(&mut v, "/checklists/1/sections/0/items", json!([]));
    assert_error(&v, "checklists[keiyaku].sections[kisai].items", |k| {
        matches!(k, ProblemKind::NoneDefined { what: "item" })
    });
    let mut v = mini();
    set(&mut v, "/checklists/1/sections", json!([]));
    assert_error(&v, "checklists[keiyaku].sections", |k| {
        matches!(k, ProblemKind::NoneDefined { what: "section" })
    });
    let mut v = mini();
    remove(&mut v, "/sources");
    assert_error(&v, "sources", |k| {
        matches!(k, ProblemKind::NoneDefined { what: "source" })
    });
}

#[test]
fn conditions_parse_and_name_profile_questions() {
    let when = format!("{ITEM0_PATH}.when");
    type Expect = fn(&ProblemKind) -> bool;
    let cases: [(&str, Expect); 5] = [
        (
            "personal and",
            |k| matches!(k, ProblemKind::When(e) if e.position == 13),
        ),
        (
            "personel",
            |k| matches!(k, ProblemKind::WhenUnknown { id } if id == "personel"),
        ),
        ("mynumber", |k| matches!(k, ProblemKind::WhenNotBool { .. })),
        ("personal = 'yes'", |k| {
            matches!(k, ProblemKind::WhenNotChoice { .. })
        }),
        (
            "mynumber = 'lots'",
            |k| matches!(k, ProblemKind::WhenUnknownOption { option, .. } if option == "lots"),
        ),
    ];
    for (src, is) in cases {
        let mut v = mini();
        set(&mut v, &format!("{ITEM0}/when"), json!(src));
        assert_error(&v, &when, is);
    }
    // a profile id of the other checklist is not visible here
    let mut v = mini();
    set(&mut v, &format!("{ITEM0}/when"), json!("tokutei"));
    assert_error(&v, &when, |k| matches!(k, ProblemKind::WhenUnknown { .. }));
}

#[test]
fn profile_questions() {
    let mut v = mini();
    set(&mut v, "/checklists/0/profile/0/id", json!("and"));
    assert_error(&v, "checklists[tenken].profile[and].id", |k| {
        matches!(k, ProblemKind::ReservedId { .. })
    });
    let mut v = mini();
    set(
        &mut v,
        "/checklists/0/profile/1/options",
        json!([{"id": "x", "label": "X"}]),
    );
    assert_error(&v, "checklists[tenken].profile[mynumber].options", |k| {
        matches!(k, ProblemKind::TooFewOptions)
    });
    let mut v = mini();
    set(&mut v, "/checklists/0/profile/1/type", json!("multi"));
    assert_error(&v, "checklists[tenken].profile[mynumber].type", |k| {
        matches!(k, ProblemKind::BadProfileType { .. })
    });
}

#[test]
fn an_unused_profile_question_is_a_warning() {
    let mut v = mini();
    remove(&mut v, "/checklists/1/sections/0/items/1/when");
    let ok = check(&v).expect("still valid");
    let w: Vec<_> = ok
        .warnings
        .0
        .iter()
        .map(|p| (p.path.as_str(), p.severity))
        .collect();
    assert_eq!(
        w,
        [("checklists[keiyaku].profile[tokutei]", Severity::Warning)]
    );
}

#[test]
fn an_item_asking_two_questions_is_a_warning() {
    for text in [
        "接続していませんか（接続する場合は、事前に相談していますか）。",
        "手順が決まっていますか(事故があった場合は、そのとおり行いましたか)。",
        "研修を行っていますか。記録を残していますか。",
        "研修を行っていますか？ 記録は？",
    ] {
        let mut v = mini();
        set(&mut v, &format!("{ITEM0}/text"), json!(text));
        let ok = check(&v).expect("still valid");
        let w: Vec<_> = ok
            .warnings
            .0
            .iter()
            .map(|p| (p.path.as_str(), &p.kind))
            .collect();
        assert_eq!(
            w,
            [(
                format!("{ITEM0_PATH}.text").as_str(),
                &ProblemKind::DoubleQuestion
            )],
            "{text}"
        );
    }
    // one question, with words ending in か and a bracket that asks nothing
    for text in [
        "第1号から第12号までのほか(必要な事項)、いずれか一つを明記していますか。",
        "端末装置を適正に管理していますか（設置場所、台数、利用者の把握）。",
        "研修を行っていますか？",
    ] {
        let mut v = mini();
        set(&mut v, &format!("{ITEM0}/text"), json!(text));
        let ok = check(&v).expect("still valid");
        assert!(ok.warnings.0.is_empty(), "{text}: {}", ok.warnings);
    }
}

#[test]
fn citations_name_existing_sources_and_well_formed_numbers() {
    let cite = format!("{ITEM0_PATH}.cite[0]");
    let mut v = mini();
    set(&mut v, &format!("{ITEM0}/cite/0/source"), json!("jorei"));
    assert_error(&v, &format!("{cite}.source"), |k| {
        matches!(k, ProblemKind::UnknownSource { .. })
    });
    let mut v = mini();
    set(&mut v, &format!("{ITEM0}/cite/0/article"), json!("第13条"));
    assert_error(&v, &format!("{cite}.article"), |k| {
        matches!(
            k,
            ProblemKind::BadNumber {
                field: "article",
                ..
            }
        )
    });
    let mut v = mini();
    set(&mut v, &format!("{ITEM0}/cite"), json!([]));
    assert_error(&v, &format!("{ITEM0_PATH}.cite"), |k| {
        matches!(k, ProblemKind::NoneDefined { what: "citation" })
    });
}

#[test]
fn quotes_must_occur_in_the_cited_place() {
    let quote = format!("{ITEM0_PATH}.cite[0].quote");
    let mut v = mini();
    remove(&mut v, &format!("{ITEM0}/cite/0/quote"));
    assert_error(&v, &quote, |k| matches!(k, ProblemKind::MissingQuote));
    let mut v = mini();
    set(
        &mut v,
        &format!("{ITEM0}/cite/0/quote"),
        json!("従事する者を制限しなければならない"),
    );
    assert_error(&v, &quote, |k| {
        matches!(k, ProblemKind::QuoteNotFound { .. })
    });
    // the quote stands in 第13条第1号, the citation says 第13条第2号
    let mut v = mini();
    set(&mut v, &format!("{ITEM0}/cite/0/item"), json!("2"));
    assert_error(
        &v,
        &quote,
        |k| matches!(k, ProblemKind::QuoteElsewhere { cited, found } if cited == "第13条第1項第2号" && found == "第13条第1項第1号"),
    );
    // a note explaining a defect of the source accepts the place
    set(
        &mut v,
        &format!("{ITEM0}/cite/0/note"),
        json!("原文の号番号の誤り"),
    );
    assert!(check(&v).is_ok());
}

#[test]
fn quotes_match_after_nfkc_and_white_space_folding() {
    let mut v = mini();
    set(
        &mut v,
        &format!("{ITEM0}/cite/0/quote"),
        json!("当該電子情報処理に従事する者を\n制限し、 これを管理すること。"),
    );
    assert!(check(&v).is_ok());
    let mut v = mini();
    set(
        &mut v,
        "/checklists/1/sections/0/items/0/cite/0/article",
        json!("２０"),
    );
    assert!(check(&v).is_err(), "article numbers are ASCII");
    let mut v = mini();
    set(
        &mut v,
        "/checklists/0/basis/0/quote",
        json!("管理運用のあり方を総合的に点検し"),
    );
    remove(&mut v, "/checklists/0/basis/0/quote");
    assert!(check(&v).is_ok(), "basis citations need no quote");
}

#[test]
fn scales() {
    let mut v = mini();
    set(&mut v, &format!("{ITEM0}/scale"), json!("jishi"));
    assert_error(&v, &format!("{ITEM0_PATH}.scale"), |k| {
        matches!(k, ProblemKind::UnknownScale { .. })
    });
    let mut v = mini();
    set(&mut v, "/scales/0/id", json!("clause"));
    assert_error(&v, "scales[clause].id", |k| {
        matches!(k, ProblemKind::BuiltinScale { .. })
    });
    let mut v = mini();
    set(&mut v, "/scales/0/options/0/conforming", json!("yes"));
    assert_error(&v, "scales[jisshi].options[done].conforming", |k| {
        matches!(k, ProblemKind::BadConforming { .. })
    });
    assert_error(&v, "scales[jisshi].options", |k| {
        matches!(k, ProblemKind::NoConformingOption)
    });
}

#[test]
fn checklist_fields() {
    let mut v = mini();
    set(&mut v, "/checklists/1/kind", json!("keiyaku"));
    assert_error(&v, "checklists[keiyaku].kind", |k| {
        matches!(k, ProblemKind::BadKind { .. })
    });
    let mut v = mini();
    set(&mut v, "/municipality/code", json!("13110"));
    assert_error(&v, "municipality.code", |k| {
        matches!(k, ProblemKind::BadMunicipalityCode { .. })
    });
    let mut v = mini();
    set(&mut v, &format!("{ITEM0}/text"), json!("  "));
    assert_error(&v, &format!("{ITEM0_PATH}.text"), |k| {
        matches!(k, ProblemKind::Empty)
    });
}

#[test]
fn unknown_fields_and_wrong_types() {
    let mut v = mini();
    v.pointer_mut(ITEM0)
        .and_then(Value::as_object_mut)
        .expect("item")
        .insert("whne".into(), json!("personal"));
    assert_error(&v, &format!("{ITEM0_PATH}.whne"), |k| {
        matches!(k, ProblemKind::UnknownField)
    });
    let mut v = mini();
    set(&mut v, &format!("{ITEM0}/evidence"), json!("従事者名簿"));
    assert_error(&v, &format!("{ITEM0_PATH}.evidence"), |k| {
        matches!(k, ProblemKind::Type { .. })
    });
}

#[test]
fn hostile_files_get_a_clear_message() {
    let ten_mb = vec![b'a'; 10 * 1024 * 1024];
    let e = Bundle::from_json(&ten_mb).expect_err("too large");
    assert!(matches!(e.0[0].kind, ProblemKind::TooLarge { .. }));
    let deep = format!(
        "{{\"format\":\"tenken-bundle/1\",\"x\":{}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let e = Bundle::from_json(deep.as_bytes()).expect_err("too deep");
    assert!(matches!(e.0[0].kind, ProblemKind::TooDeep { .. }), "{e}");
    let e = Bundle::from_json(b"format = 'tenken-bundle/1'").expect_err("toml is not json");
    assert!(
        matches!(
            e.0[0].kind,
            ProblemKind::Syntax {
                language: "JSON",
                ..
            }
        ),
        "{e}"
    );
    let e = Bundle::from_json(br#"{"format":"tenken-result/1"}"#).expect_err("a result");
    assert!(e.0[0].kind.message_ja().contains("点検結果"), "{e}");
    // markup is data: it survives validation as text
    let mut v = mini();
    set(
        &mut v,
        &format!("{ITEM0}/text"),
        json!("<script>alert(1)</script><img src=x onerror=alert(1)>"),
    );
    let b = check(&v).expect("valid").bundle;
    assert_eq!(
        b.checklists[0].sections[0].items[0].text,
        "<script>alert(1)</script><img src=x onerror=alert(1)>"
    );
}

#[test]
fn exclusions_are_checked_and_kept() {
    let mut v = mini();
    set(
        &mut v,
        "/exclude",
        json!([
            { "source": "kisoku", "article": "15", "reason": "最高情報セキュリティ責任者の権限" },
            { "source": "kisoku", "article": "20", "item": "13", "reason": "包括条項" },
        ]),
    );
    let b = check(&v).expect("valid").bundle;
    assert_eq!(b.exclusions.len(), 2);
    assert_eq!(b.exclusions[1].label(), "第20条第1項第13号");
    assert_eq!(b.exclusions[0].reason, "最高情報セキュリティ責任者の権限");
    // every failure at once, each at its place
    let mut v = mini();
    set(
        &mut v,
        "/exclude",
        json!([
            { "source": "jourei", "article": "15", "reason": "x" },
            { "source": "kisoku", "article": "第15条", "paragraph": "二", "reason": "x" },
            { "source": "kisoku", "article": "15", "reason": "  " },
            { "source": "kisoku", "article": "15" },
            { "source": "kisoku", "article": "15", "item": "", "reason": "x" },
        ]),
    );
    let found: Vec<_> = problems(&v).into_iter().map(|p| (p.path, p.kind)).collect();
    let at = |path: &str| {
        found
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, k)| k.clone())
    };
    assert!(matches!(
        at("exclude[0].source"),
        Some(ProblemKind::UnknownSource { .. })
    ));
    assert!(matches!(
        at("exclude[1].article"),
        Some(ProblemKind::BadNumber {
            field: "article",
            ..
        })
    ));
    assert!(matches!(
        at("exclude[1].paragraph"),
        Some(ProblemKind::BadNumber {
            field: "paragraph",
            ..
        })
    ));
    assert_eq!(at("exclude[2].reason"), Some(ProblemKind::Empty));
    assert_eq!(at("exclude[3].reason"), Some(ProblemKind::Missing));
    assert!(matches!(
        at("exclude[4].item"),
        Some(ProblemKind::BadNumber { field: "item", .. })
    ));
    assert_eq!(found.len(), 6, "{found:?}");
    // an article the text does not have is a warning (a typo, most likely)
    let mut v = mini();
    set(
        &mut v,
        "/exclude",
        json!([{ "source": "kisoku", "article": "51", "reason": "x" }]),
    );
    let w = check(&v).expect("valid").warnings;
    assert_eq!(w.0.len(), 1, "{w}");
    assert_eq!(w.0[0].path, "exclude[0].article");
    assert!(w.0[0].kind.message_ja().contains("第51条"), "{w}");
    // an unknown field in an entry is named
    let mut v = mini();
    set(
        &mut v,
        "/exclude",
        json!([{ "source": "kisoku", "article": "15", "reason": "x", "reson": "x" }]),
    );
    assert_error(&v, "exclude[0].reson", |k| {
        matches!(k, ProblemKind::UnknownField)
    });
}

#[test]
fn bundles_without_exclusions_keep_their_bytes() {
    let v = mini();
    assert!(v.get("exclude").is_none() && v.get("amended").is_none());
    let parsed = bundle::from_value(v).expect("parses");
    let json = String::from_utf8(parsed.raw.to_canonical_json().unwrap()).unwrap();
    assert!(!json.contains("exclude"), "{json}");
    assert!(!json.contains("amended"), "{json}");
    assert!(check(&mini()).expect("valid").bundle.amended.is_none());
}

#[test]
fn amendments_are_checked_and_kept() {
    let mut v = mini();
    set(
        &mut v,
        "/amended",
        json!({ "from": "2014-04-01", "items": ["14", "20-1-1", "13-1"] }),
    );
    let ok = check(&v).expect("valid");
    assert!(ok.warnings.0.is_empty(), "{}", ok.warnings);
    let a = ok.bundle.amended.expect("kept");
    assert_eq!(a.from.to_string(), "2014-04-01");
    assert_eq!(
        a.items.keys().map(String::as_str).collect::<Vec<_>>(),
        ["13-1", "14", "20-1-1"]
    );
    assert!(a.changed("14") && !a.changed("13-3"));
    // and it is part of the bundle's identity
    assert_ne!(
        check(&v).expect("valid").bundle.hash,
        check(&mini()).expect("valid").bundle.hash
    );

    // a date that is not one, or not before the version (2015-10-05)
    for (from, is_bad_date) in [
        ("2014/04/01", true),
        ("2015-02-30", true),
        ("2015-10-05", false),
        ("2016-04-01", false),
    ] {
        let mut v = mini();
        set(&mut v, "/amended", json!({ "from": from, "items": ["14"] }));
        let found = problems(&v);
        assert_eq!(found.len(), 1, "{from}: {}", Problems(found.clone()));
        assert_eq!(found[0].path, "amended.from");
        if is_bad_date {
            assert!(
                matches!(&found[0].kind, ProblemKind::BadDate { value } if value == from),
                "{from}: {}",
                found[0]
            );
        } else {
            assert_eq!(
                found[0].kind,
                ProblemKind::AmendedNotBefore {
                    from: from.to_string(),
                    version: "2015-10-05".into()
                }
            );
            assert!(found[0].kind.message_ja().contains("より前の日付"));
            assert!(found[0].kind.message_en().contains("earlier than"));
        }
    }

    // every failure at once, each at its place
    let mut v = mini();
    set(
        &mut v,
        "/amended",
        json!({ "items": ["13-1", "13-2", "", "14", "13-1", "anzen"] }),
    );
    let found: Vec<_> = problems(&v)
        .into_iter()
        .map(|p| (p.path, p.severity, p.kind))
        .collect();
    assert_eq!(
        found,
        [
            (
                "amended.from".to_string(),
                Severity::Error,
                ProblemKind::Missing
            ),
            (
                "amended.items[1]".to_string(),
                Severity::Error,
                ProblemKind::UnknownItem { id: "13-2".into() }
            ),
            (
                "amended.items[2]".to_string(),
                Severity::Error,
                ProblemKind::UnknownItem { id: String::new() }
            ),
            (
                "amended.items[4]".to_string(),
                Severity::Warning,
                ProblemKind::Duplicate {
                    id: "13-1".into(),
                    first: "amended.items[0]".into()
                }
            ),
            (
                "amended.items[5]".to_string(),
                Severity::Error,
                ProblemKind::UnknownItem { id: "anzen".into() }
            ),
        ]
    );
    assert!(found[1].2.message_ja().contains("項目「13-2」"));
    // an unknown field in it is named
    let mut v = mini();
    set(
        &mut v,
        "/amended",
        json!({ "from": "2014-04-01", "item": ["14"] }),
    );
    assert_error(&v, "amended.item", |k| {
        matches!(k, ProblemKind::UnknownField)
    });
}

#[test]
fn unreadable_source_files_are_reported_once() {
    let mut parsed = bundle::parse_toml(TOML).expect("fixture parses");
    parsed.resolve_sources(|_| Err("No such file".into()));
    let e = parsed.validate().expect_err("no text");
    let at: Vec<_> =
        e.0.iter()
            .filter(|p| p.path == "sources[kisoku].text")
            .collect();
    assert_eq!(at.len(), 1, "{e}");
    assert!(
        !e.0.iter()
            .any(|p| matches!(p.kind, ProblemKind::QuoteNotFound { .. })),
        "{e}"
    );
    let mut parsed = bundle::parse_toml(&TOML.replace("\"source.txt\"", "\"../../etc/passwd\""))
        .expect("parses");
    parsed.resolve_sources(|_| panic!("must not read outside the bundle directory"));
    assert!(parsed.validate().is_err());
}
