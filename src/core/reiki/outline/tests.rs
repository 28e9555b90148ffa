//! Tests of the outline: numbering, groups, captions, defects, 目次, 附則, limits.

use super::*;

const TEXT: &str = "○架空町情報管理規程\n\n平成27年4月1日\n\n訓令第1号\n\n架空町情報管理規程(平成10年訓令第5号)の全部を改正する。\n\n目次\n第1章 総則(第1条・第2条)\n第2章 管理(第3条・第3条の2)\n附則\n\n第1章 総則\n\n(目的)\n\n第1条 この規程は、目的を定める。\n\n（定義）\n第２条　この規程において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。\n（１）　情報　全ての情報をいう。\n(2) 課長 課の長をいう。\nア 本庁の課\nイ 出先機関\n第2章 管理\n第1節 通則\n- 第 3 条 課長は、点検を行う。\n- 2 課長は、結果を報告しなければならない。\n3 職員は、次に掲げる事項を守らなければならない。\n一 記録すること。\n二 報告すること。\n第3条の2 第5条の規定により読み替える。\n(一部改正〔令和2年訓令10号〕)\n附 則(令和2年4月1日訓令第10号)\n(施行期日)\n1 この規程は、公布の日から施行する。\n2 経過措置を定める。\n別表第1(第3条関係)\n1 表の行\n";

fn find(o: &Outline, a: &str, p: &str, i: Option<&str>) -> NodeId {
    o.find(a, p, i)
        .unwrap_or_else(|| panic!("{a}/{p}/{i:?} in {:#?}", o.nodes()))
}

#[test]
fn articles_paragraphs_items_and_groups() {
    let o = Outline::parse(TEXT);
    assert_eq!(o.title(), Some("架空町情報管理規程"));
    let kinds: Vec<_> = o.roots().iter().map(|&r| o.node(r).kind).collect();
    assert_eq!(
        kinds,
        [
            NodeKind::Chapter,
            NodeKind::Chapter,
            NodeKind::Supplementary,
            NodeKind::Table
        ]
    );
    let a1 = o.article("1").expect("第1条");
    assert_eq!(o.node(a1).caption.as_deref(), Some("目的"));
    assert!(TEXT[o.node(a1).range.clone()].starts_with("(目的)"));
    assert!(TEXT[o.node(a1).range.clone()].ends_with("目的を定める。"));
    let a2 = o.article("2").expect("第２条");
    assert_eq!(o.node(a2).caption.as_deref(), Some("定義"));
    let i2 = find(&o, "2", "1", Some("2"));
    assert_eq!(o.node(i2).children.len(), 2, "ア and イ");
    assert_eq!(o.node(o.node(i2).children[1]).number, "イ");
    assert!(TEXT[o.node(find(&o, "2", "1", Some("1"))).range.clone()].starts_with("（１）"));
    let a3 = o.article("3").expect("spaced digits and list markers");
    let section = o.node(a3).parent.expect("in a section");
    assert_eq!(o.node(section).kind, NodeKind::Section);
    assert_eq!(o.node(o.node(section).parent.unwrap()).number, "2");
    find(&o, "3", "2", None);
    assert_eq!(
        o.node(find(&o, "3", "3", Some("2"))).number,
        "2",
        "kanji items"
    );
    let a3_2 = o.article("3-2").expect("第3条の2");
    assert!(TEXT[o.node(a3_2).range.clone()].ends_with("(一部改正〔令和2年訓令10号〕)"));
    // the 附則 has its own paragraphs, which do not clash with the main 第1条
    let supp = o.roots()[2];
    assert_eq!(
        o.node(supp).caption.as_deref(),
        Some("令和2年4月1日訓令第10号")
    );
    let sp: Vec<_> = o
        .node(supp)
        .children
        .iter()
        .map(|&c| (o.node(c).number.as_str(), o.node(c).caption.as_deref()))
        .collect();
    assert_eq!(sp, [("1", Some("施行期日")), ("2", None)]);
    assert!(o.place(o.node(supp).children[0]).is_none());
    let table = o.roots()[3];
    assert_eq!(o.node(table).number, "1");
    assert_eq!(o.node(table).caption.as_deref(), Some("第3条関係"));
    assert!(o.node(table).children.is_empty(), "no structure in a 別表");
    assert!(o.unplaced().is_empty(), "{:#?}", o.unplaced());
}

#[test]
fn numbers_and_lines() {
    let o = Outline::parse(TEXT);
    let a3 = o.article("3").unwrap();
    assert_eq!(o.node(a3).line, 28);
    let p = o.place(find(&o, "3", "3", Some("1"))).unwrap();
    assert_eq!(p.label(), "第3条第3項第1号");
    // the deepest node holding an offset
    let at = TEXT.find("記録すること").unwrap();
    assert_eq!(o.locate(at), Some(find(&o, "3", "3", Some("1"))));
    assert_eq!(o.locate(TEXT.find("平成27年").unwrap()), None);
    // a node's own text leaves out its children
    let p3 = find(&o, "3", "3", None);
    let own: String = o
        .own_text(p3)
        .into_iter()
        .map(|r| TEXT[r].to_string())
        .collect();
    assert_eq!(own.trim(), "職員は、次に掲げる事項を守らなければならない。");
}

#[test]
fn references_are_not_headers() {
    let o = Outline::parse(
        "第1条 本文\n第3条の規定により読み替える。\n第5条に規定する。\n第1章の規定\n附則第2項の規定は\n別表に掲げる\n",
    );
    assert_eq!(o.nodes().len(), 2, "{:#?}", o.nodes());
}

#[test]
fn kanji_and_full_width_numbers() {
    let o = Outline::parse("第一条 甲\n第十二条の二 乙\n第１３条　丙\n");
    let numbers: Vec<_> = o
        .units()
        .filter(|&u| o.node(u).kind == NodeKind::Article)
        .map(|u| o.node(u).number.clone())
        .collect();
    assert_eq!(numbers, ["1", "12-2", "13"]);
    // 第一条 → 第十二条の二: 第2条 … 第11条 are missing
    assert!(matches!(
        &o.unplaced()[0].kind,
        UnplacedKind::ArticleSkipped { expected, found } if expected == "2" && found == "12-2"
    ));
}

fn kinds(text: &str) -> Vec<(usize, UnplacedKind)> {
    Outline::parse(text)
        .unplaced()
        .iter()
        .map(|u| (u.line, u.kind.clone()))
        .collect()
}

#[test]
fn defects_are_listed_with_their_lines() {
    // 四万十市: 第2条 and 第11条 have lost their headers
    let text = "第1条 趣旨を定める。\n(1) 実施機関 市長部局をいう。\n第3条 本文\n第10条 保有情報の管理\n4 保有情報は、削除する。\n(1) 所管外のとき。\n3 第1項の場合において\n第12条 課等の長は\n";
    let k = kinds(text);
    assert_eq!(
        k,
        [
            (2, UnplacedKind::ItemsWithoutLeadIn { found: "1".into() }),
            (
                3,
                UnplacedKind::ArticleSkipped {
                    expected: "2".into(),
                    found: "3".into()
                }
            ),
            (
                4,
                UnplacedKind::ArticleSkipped {
                    expected: "4".into(),
                    found: "10".into()
                }
            ),
            (
                5,
                UnplacedKind::ParagraphOutOfSequence {
                    article: "10".into(),
                    expected: 2,
                    found: 4
                }
            ),
            (6, UnplacedKind::ItemsWithoutLeadIn { found: "1".into() }),
            (
                7,
                UnplacedKind::ParagraphOutOfSequence {
                    article: "10".into(),
                    expected: 2,
                    found: 3
                }
            ),
            (
                8,
                UnplacedKind::ArticleSkipped {
                    expected: "11".into(),
                    found: "12".into()
                }
            ),
        ]
    );
    // 目黒区: a skipped 号
    let k = kinds("第1条 次の各号のいずれかに該当するとき\n(1) 甲\n(2) 乙\n(4) 丁\n(4) 丁\n");
    assert_eq!(
        k,
        [
            (
                4,
                UnplacedKind::ItemSkipped {
                    expected: "3".into(),
                    found: "4".into()
                }
            ),
            (
                5,
                UnplacedKind::ItemOutOfOrder {
                    previous: "4".into(),
                    found: "4".into()
                }
            ),
        ]
    );
    // structure outside articles, and text before the first 条
    let k = kinds("題名\n(1) 号\n2 項\n本文が条の前にある。\n第1条 本文\nア 細目\n");
    let reasons: Vec<_> = k.iter().map(|(l, k)| (*l, k.message_en())).collect();
    assert_eq!(k.len(), 4, "{reasons:?}");
    assert!(matches!(k[0], (2, UnplacedKind::TextBeforeFirstArticle)));
    assert!(matches!(k[1], (3, UnplacedKind::TextBeforeFirstArticle)));
    assert!(matches!(k[2], (4, UnplacedKind::TextBeforeFirstArticle)));
    assert!(matches!(k[3], (6, UnplacedKind::SubItemOutsideItem { .. })));
}

#[test]
fn supplementary_provisions_without_header_and_page_footers() {
    // 千曲市・東員町: the 附則 follow the last 条 without a header
    let text = "○規程\n第1条 本文\n第2条 委任する。\nこの規程は、平成15年9月1日から施行する。\n(平成21年3月30日訓令第2号)\nこの規程は、平成21年4月1日から施行する。\n規程\n体系情報\n第4編 行政通則/第5章 情報管理\n沿革情報\n";
    let o = Outline::parse(text);
    let supp: Vec<_> = o
        .roots()
        .iter()
        .filter(|&&r| o.node(r).kind == NodeKind::Supplementary)
        .collect();
    assert_eq!(supp.len(), 2);
    let a2 = o.article("2").unwrap();
    assert!(text[o.node(a2).range.clone()].ends_with("委任する。"));
    let k: Vec<_> = o.unplaced().iter().map(|u| (u.line, &u.kind)).collect();
    assert_eq!(
        k,
        [
            (4, &UnplacedKind::SupplementaryWithoutHeader),
            (5, &UnplacedKind::SupplementaryWithoutHeader),
            (7, &UnplacedKind::PageFooter),
        ]
    );
    assert!(o.nodes().iter().all(|n| n.kind != NodeKind::Chapter));
}

#[test]
fn a_table_of_contents_that_disagrees_with_the_body() {
    // 狭山市: the 目次 gives 第2章 as 第3条一第7条 (「一」 for 「～」)
    let text = "目次\n- 第1章 総則（第1条・第2条）\n- 第2章 管理（第3条一第7条）\n第1章 総則\n第1条 甲\n第2条 乙\n第2章 管理\n第3条 丙\n第4条 丁\n";
    let k = kinds(text);
    assert_eq!(k.len(), 1, "{k:?}");
    assert_eq!(k[0].0, 3);
    assert_eq!(
        k[0].1.message_ja(),
        "目次では第2章は第3条〜第7条ですが、本文では第3条〜第4条です"
    );
}

#[test]
fn huge_inputs_are_capped() {
    let text = "第1条 次に掲げる\n".to_string() + &"(1) 号\n".repeat(10);
    let o = Outline::parse(&text);
    assert_eq!(
        o.unplaced().len(),
        9,
        "items (1) repeating are out of order"
    );
    let many = "第1条 次に掲げる\n".to_string()
        + &(1..=(MAX_NODES as u32 + 10))
            .map(|n| format!("({n}) 号\n"))
            .collect::<String>();
    let o = Outline::parse(&many);
    assert_eq!(o.nodes().len(), MAX_NODES);
    assert!(matches!(
        o.unplaced().last().map(|u| &u.kind),
        Some(UnplacedKind::TooManyNodes)
    ));
}
