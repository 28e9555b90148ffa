//! The report: submission matrix, conformity per division and per item, open improvement
//! plans, contracts missing required clauses, and the comparison with a previous year.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::intake::{FileStatus, Reviewed, status_counts, submission_key};
use super::table::{Cell, Table};
use crate::core::date::Date;
use crate::core::name::{name_key, reveal};
use crate::core::result::{ResultDoc, ResultItem};
use crate::core::sign::Roster;

/// What the report needs besides the files.
#[derive(Debug, Clone)]
pub struct Options {
    /// The review date (JST): plans due before it are overdue.
    pub today: Date,
    /// The submission deadline, if any: later signatures are 期限後.
    pub deadline: Option<Date>,
    /// The previous year's counted results, for the comparison (empty: no comparison).
    pub previous: Vec<ResultDoc>,
    /// Whether official bundles were given, so that results were checked against them.
    pub content_checked: bool,
}

/// The report: its tables, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Files, 提出状況, 課別, 項目別, 改善計画, 契約の不足条項, and 前年比較 when asked.
    pub tables: Vec<Table>,
    /// How many files have each status (ja, en, count), in listing order.
    pub statuses: Vec<(&'static str, &'static str, usize)>,
    /// Files in all, and how many count.
    pub files: usize,
    /// Files that count.
    pub counted: usize,
    /// Whether results were checked against official bundles.
    pub content_checked: bool,
}

impl Report {
    /// The workbook's file name on `date`.
    pub fn file_name(date: Date) -> String {
        format!("tenken-集計-{date}.xlsx")
    }

    /// Files that do not count.
    pub fn not_counted(&self) -> usize {
        self.files - self.counted
    }
}

/// How one applicable item was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Standing {
    Conforming,
    NotApplicable,
    Nonconforming,
}

fn standing(r: &ResultDoc, item: &ResultItem) -> Option<Standing> {
    if item.not_applicable.is_some() || item.option.is_none() {
        return None;
    }
    let not_applicable = match &r.summary.not_applicable {
        Some(ids) => ids.contains(&item.id),
        // results written before the summary listed them: the built-in scales' id
        None => item.option.as_deref() == Some("na"),
    };
    Some(if r.summary.nonconforming.contains(&item.id) {
        Standing::Nonconforming
    } else if not_applicable {
        Standing::NotApplicable
    } else {
        Standing::Conforming
    })
}

/// Names joined with 「、」, the first 30 only, with how many more (a cell stays readable and
/// within Excel's 32,767 characters however many divisions there are).
fn list_some(names: Vec<String>) -> String {
    const SHOWN: usize = 30;
    let more = names.len().saturating_sub(SHOWN);
    let mut text = names.into_iter().take(SHOWN).collect::<Vec<_>>().join("、");
    if more > 0 {
        text.push_str(&format!(" ほか {more} 課"));
    }
    text
}

fn is_contract(r: &ResultDoc) -> bool {
    r.summary.missing_clauses.is_some()
}

fn percent(part: usize, whole: usize) -> Cell {
    match (part * 1000).checked_div(whole) {
        Some(permille) => Cell::Int(((permille + 5) / 10) as i64),
        None => Cell::Text("-".into()),
    }
}

/// Builds the report from the reviewed files; only files whose status counts are aggregated,
/// each under the 課 name of the registration that made it count.
pub fn aggregate(reviewed: &[Reviewed], roster: &Roster, options: &Options) -> Report {
    // Each result under its registered 課 name: copied only where the file spells it otherwise.
    let owned: Vec<(&Reviewed, Cow<ResultDoc>)> = reviewed
        .iter()
        .filter_map(|r| {
            let FileStatus::Counted(reg) = &r.status else {
                return None;
            };
            let d = r.counted()?;
            if d.subject.division == reg.division {
                return Some((r, Cow::Borrowed(d)));
            }
            let mut d = d.clone();
            d.subject.division = reg.division.clone();
            Some((r, Cow::Owned(d)))
        })
        .collect();
    let counted: Vec<(&Reviewed, &ResultDoc)> = owned.iter().map(|(r, d)| (*r, &**d)).collect();
    let mut tables = vec![files_table(reviewed)];
    tables.push(matrix(&counted, roster, options));
    tables.push(per_division(&counted));
    tables.push(per_item(&counted));
    tables.push(plans(&counted, options));
    tables.push(contracts(&counted));
    if !options.previous.is_empty() {
        tables.push(compare(&counted, &options.previous));
    }
    Report {
        tables,
        statuses: status_counts(reviewed),
        files: reviewed.len(),
        counted: counted.len(),
        content_checked: options.content_checked,
    }
}

fn signed_on(r: &Reviewed) -> Option<Date> {
    r.verified
        .as_ref()
        .and_then(|v| v.signed_at)
        .and_then(Date::from_unix_jst)
}

fn signed_date(r: &Reviewed) -> String {
    signed_on(r).map(|d| d.to_string()).unwrap_or_default()
}

fn files_table(reviewed: &[Reviewed]) -> Table {
    let mut t = Table::new(
        "ファイル",
        &[
            "ファイル",
            "状態",
            "詳細",
            "課",
            "氏名",
            "チェックリスト",
            "規則の版",
            "署名日",
            "鍵の指紋",
        ],
    );
    for r in reviewed {
        let v = r.verified.as_ref();
        let doc = r.shown();
        // what an unverified file claims is shown, marked as such
        let unverified = if v.is_none() && doc.is_some() {
            "（未検証）"
        } else {
            ""
        };
        t.push(vec![
            r.name.clone().into(),
            r.status.label().into(),
            r.status.detail().into(),
            doc.map(|d| format!("{}{unverified}", reveal(&d.subject.division)))
                .unwrap_or_default()
                .into(),
            doc.map(|d| format!("{}{unverified}", reveal(&d.subject.name)))
                .unwrap_or_default()
                .into(),
            doc.map(|d| d.checklist_title.clone())
                .unwrap_or_default()
                .into(),
            doc.map(|d| format!("{} {}", d.bundle.id, d.bundle.version))
                .unwrap_or_default()
                .into(),
            signed_date(r).into(),
            v.map(|v| v.fingerprint.clone()).unwrap_or_default().into(),
        ]);
    }
    t
}

/// 課 × checklist: 提出 / 期限後 / 未提出 (contracts: the number submitted).
fn matrix(counted: &[(&Reviewed, &ResultDoc)], roster: &Roster, options: &Options) -> Table {
    let mut lists: BTreeMap<(String, String), (String, bool)> = BTreeMap::new();
    // one row per 課 as compared (name_key), shown as first registered
    let mut divisions: BTreeMap<String, String> = BTreeMap::new();
    for k in &roster.keys {
        divisions
            .entry(name_key(&k.division))
            .or_insert_with(|| k.division.clone());
    }
    for (_, d) in counted {
        lists.insert(
            (d.bundle.id.clone(), d.checklist.clone()),
            (d.checklist_title.clone(), is_contract(d)),
        );
        divisions
            .entry(name_key(&d.subject.division))
            .or_insert_with(|| d.subject.division.clone());
    }
    let mut headers = vec!["課".to_string()];
    headers.extend(lists.values().map(|(title, _)| title.clone()));
    let mut t = Table {
        name: "提出状況".into(),
        headers,
        rows: Vec::new(),
    };
    // (課, bundle, checklist) → (submissions, any signed after the deadline)
    let mut cells: BTreeMap<(String, String, String), (usize, bool)> = BTreeMap::new();
    for (r, d) in counted {
        let late = match (options.deadline, signed_on(r)) {
            (Some(due), Some(signed)) => signed > due,
            _ => false,
        };
        let cell = cells
            .entry((
                name_key(&d.subject.division),
                d.bundle.id.clone(),
                d.checklist.clone(),
            ))
            .or_default();
        cell.0 += 1;
        cell.1 |= late;
    }
    let mut rows: Vec<(&String, &String)> = divisions
        .iter()
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, shown)| (shown, k))
        .collect();
    rows.sort();
    for (shown, key) in rows {
        let mut row: Vec<Cell> = vec![shown.clone().into()];
        for ((bundle, list), (_, contract)) in &lists {
            let (n, late) = cells
                .get(&(key.clone(), bundle.clone(), list.clone()))
                .copied()
                .unwrap_or_default();
            row.push(match (n, *contract, late) {
                (0, true, _) => "0件".into(),
                (0, false, _) => "未提出".into(),
                (n, true, false) => format!("{n}件").into(),
                (n, true, true) => format!("{n}件（期限後あり）").into(),
                (_, false, false) => "提出".into(),
                (_, false, true) => "期限後".into(),
            });
        }
        t.push(row);
    }
    t
}

fn per_division(counted: &[(&Reviewed, &ResultDoc)]) -> Table {
    let mut t = Table::new(
        "課別の適合状況",
        &[
            "課",
            "チェックリスト",
            "件名",
            "対象項目",
            "適合",
            "不適合",
            "該当なし",
            "適合率(%)",
        ],
    );
    let mut rows: Vec<Vec<Cell>> = counted
        .iter()
        .map(|(_, d)| {
            let mut n = BTreeMap::new();
            for i in &d.items {
                if let Some(s) = standing(d, i) {
                    *n.entry(s).or_insert(0usize) += 1;
                }
            }
            let get = |s| n.get(&s).copied().unwrap_or(0);
            let (ok, ng, na) = (
                get(Standing::Conforming),
                get(Standing::Nonconforming),
                get(Standing::NotApplicable),
            );
            vec![
                d.subject.division.clone().into(),
                d.checklist_title.clone().into(),
                d.subject.contract_title.clone().into(),
                d.summary.applicable.into(),
                ok.into(),
                ng.into(),
                na.into(),
                percent(ok, ok + ng),
            ]
        })
        .collect();
    rows.sort_by_key(|r| (r[0].text(), r[1].text(), r[2].text()));
    t.rows = rows;
    t
}

fn per_item(counted: &[(&Reviewed, &ResultDoc)]) -> Table {
    let mut t = Table::new(
        "項目別",
        &[
            "規則",
            "チェックリスト",
            "項目",
            "内容",
            "回答",
            "適合",
            "不適合",
            "該当なし",
            "適合率(%)",
            "不適合の課",
        ],
    );
    #[derive(Default)]
    struct Acc {
        text: String,
        title: String,
        n: BTreeMap<Standing, usize>,
        divisions: BTreeSet<String>,
        order: usize,
    }
    let mut by_item: BTreeMap<(String, String, String), Acc> = BTreeMap::new();
    for (_, d) in counted {
        for (order, i) in d.items.iter().enumerate() {
            let Some(s) = standing(d, i) else { continue };
            let acc = by_item
                .entry((d.bundle.id.clone(), d.checklist.clone(), i.id.clone()))
                .or_default();
            acc.text = i.text.clone();
            acc.title = d.checklist_title.clone();
            acc.order = order;
            *acc.n.entry(s).or_insert(0) += 1;
            if s == Standing::Nonconforming {
                acc.divisions.insert(d.subject.division.clone());
            }
        }
    }
    let mut items: Vec<_> = by_item.into_iter().collect();
    items.sort_by_key(|((b, c, _), a)| (b.clone(), c.clone(), a.order));
    for ((bundle, _, id), a) in items {
        let get = |s| a.n.get(&s).copied().unwrap_or(0);
        let (ok, ng, na) = (
            get(Standing::Conforming),
            get(Standing::Nonconforming),
            get(Standing::NotApplicable),
        );
        t.push(vec![
            bundle.into(),
            a.title.into(),
            id.into(),
            a.text.into(),
            (ok + ng + na).into(),
            ok.into(),
            ng.into(),
            na.into(),
            percent(ok, ok + ng),
            list_some(a.divisions.into_iter().collect()).into(),
        ]);
    }
    t
}

fn plans(counted: &[(&Reviewed, &ResultDoc)], options: &Options) -> Table {
    let mut t = Table::new(
        "改善計画",
        &[
            "期限",
            "期限超過",
            "課",
            "チェックリスト",
            "項目",
            "内容",
            "改善内容",
            "担当",
        ],
    );
    let mut rows: Vec<(String, Vec<Cell>)> = Vec::new();
    for (_, d) in counted {
        for i in &d.items {
            let Some(p) = &i.plan else { continue };
            let overdue = Date::parse_iso(&p.due).is_some_and(|due| due < options.today);
            rows.push((
                p.due.clone(),
                vec![
                    p.due.clone().into(),
                    if overdue { "超過" } else { "" }.into(),
                    d.subject.division.clone().into(),
                    d.checklist_title.clone().into(),
                    i.id.clone().into(),
                    i.text.clone().into(),
                    p.action.clone().into(),
                    p.owner.clone().into(),
                ],
            ));
        }
    }
    rows.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1[2].text().cmp(&b.1[2].text()))
    });
    t.rows = rows.into_iter().map(|(_, r)| r).collect();
    t
}

fn contracts(counted: &[(&Reviewed, &ResultDoc)]) -> Table {
    let mut t = Table::new(
        "契約の不足条項",
        &[
            "課",
            "件名",
            "委託先",
            "契約期間",
            "不足条項の数",
            "不足条項",
        ],
    );
    for (_, d) in counted {
        let Some(missing) = &d.summary.missing_clauses else {
            continue;
        };
        if missing.is_empty() {
            continue;
        }
        let s = &d.subject;
        let names: Vec<String> = missing
            .iter()
            .map(|id| {
                let text = d
                    .items
                    .iter()
                    .find(|i| &i.id == id)
                    .map(|i| i.text.as_str());
                format!("{id} {}", text.unwrap_or_default())
            })
            .collect();
        t.push(vec![
            s.division.clone().into(),
            s.contract_title.clone().into(),
            s.contractor.clone().into(),
            format!("{}〜{}", s.period_from, s.period_to).into(),
            missing.len().into(),
            names.join("\n").into(),
        ]);
    }
    t
}

/// Items whose standing changed since the previous year, per 課 and checklist.
fn compare(counted: &[(&Reviewed, &ResultDoc)], previous: &[ResultDoc]) -> Table {
    let mut t = Table::new(
        "前年比較",
        &[
            "課",
            "チェックリスト",
            "項目",
            "内容",
            "前年",
            "今年",
            "変化",
        ],
    );
    let label = |s: Standing| match s {
        Standing::Conforming => "適合",
        Standing::NotApplicable => "該当なし",
        Standing::Nonconforming => "不適合",
    };
    for (_, now) in counted {
        if is_contract(now) {
            continue;
        }
        let (div, bundle, list, _) = submission_key(now);
        let Some(before) = previous
            .iter()
            .filter(|p| {
                let (d, b, l, _) = submission_key(p);
                d == div && b == bundle && l == list && !is_contract(p)
            })
            .max_by_key(|p| p.subject.fiscal_year)
        else {
            continue;
        };
        for i in &now.items {
            let Some(s_now) = standing(now, i) else {
                continue;
            };
            let Some(s_before) = before
                .items
                .iter()
                .find(|p| p.id == i.id)
                .and_then(|p| standing(before, p))
            else {
                continue;
            };
            let change = match (s_before, s_now) {
                (Standing::Conforming, Standing::Nonconforming) => "悪化",
                (Standing::Nonconforming, Standing::Conforming) => "改善",
                _ => continue,
            };
            t.push(vec![
                now.subject.division.clone().into(),
                now.checklist_title.clone().into(),
                i.id.clone().into(),
                i.text.clone().into(),
                label(s_before).into(),
                label(s_now).into(),
                change.into(),
            ]);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::draft::Plan;
    use crate::core::review::intake::fixtures::*;
    use crate::core::review::{Rules, review};

    /// `r` with item `id` answered non-conforming, with a plan due `due`.
    fn failing(mut r: ResultDoc, id: &str, due: &str) -> ResultDoc {
        let item = r.items.iter_mut().find(|i| i.id == id).expect("item");
        item.option = Some("notdone".into());
        item.label = Some("実施していない".into());
        item.plan = Some(Plan {
            action: format!("{id} を直す"),
            owner: "係長".into(),
            due: due.into(),
        });
        r.summary.nonconforming.push(id.into());
        r
    }

    fn cell(t: &Table, row: usize, header: &str) -> String {
        let col = t.headers.iter().position(|h| h == header).expect("column");
        t.rows[row][col].text()
    }

    fn table<'a>(report: &'a Report, name: &str) -> &'a Table {
        report
            .tables
            .iter()
            .find(|t| t.name == name)
            .expect("table")
    }

    #[test]
    fn report_counts_submissions_conformity_plans_and_changes() {
        let (k1, r1) = key("情報政策課");
        let (k2, r2) = key("総務課");
        let (_, r3) = key("市民課");
        let roster = roster(&[&r1, &r2, &r3]);
        let files = vec![
            signed(
                "a.json",
                &failing(result("情報政策課", 2026), "14", "2026-06-30"),
                &k1,
                1_780_000_000,
            ),
            signed("b.json", &result("総務課", 2026), &k2, 1_790_000_000),
        ];
        let today = Date::new(2026, 11, 24).expect("date");
        let reviewed = review(
            &files,
            &Rules {
                roster: &roster,
                official: &[],
                today,
            },
        );
        let options = Options {
            today,
            deadline: Date::new(2026, 7, 31),
            previous: vec![result("情報政策課", 2025)],
            content_checked: false,
        };
        let report = aggregate(&reviewed, &roster, &options);
        let names: Vec<&str> = report.tables.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "ファイル",
                "提出状況",
                "課別の適合状況",
                "項目別",
                "改善計画",
                "契約の不足条項",
                "前年比較"
            ]
        );

        // matrix: rows by 課 (the roster's too), on time / late / missing
        let m = table(&report, "提出状況");
        let rows: Vec<(String, String)> = (0..m.rows.len())
            .map(|i| (m.rows[i][0].text(), m.rows[i][1].text()))
            .collect();
        assert_eq!(
            rows,
            [
                ("市民課".to_string(), "未提出".to_string()),
                ("情報政策課".to_string(), "提出".to_string()),
                ("総務課".to_string(), "期限後".to_string()),
            ]
        );

        let d = table(&report, "課別の適合状況");
        assert_eq!(
            (
                cell(d, 0, "課"),
                cell(d, 0, "不適合"),
                cell(d, 0, "適合率(%)")
            ),
            ("情報政策課".into(), "1".into(), "50".into())
        );
        assert_eq!(
            (
                cell(d, 1, "課"),
                cell(d, 1, "不適合"),
                cell(d, 1, "適合率(%)")
            ),
            ("総務課".into(), "0".into(), "100".into())
        );

        let item = table(&report, "項目別");
        let row = item
            .rows
            .iter()
            .position(|r| r[2].text() == "14")
            .expect("item 14");
        assert_eq!(cell(item, row, "回答"), "2");
        assert_eq!(cell(item, row, "不適合の課"), "情報政策課");

        let p = table(&report, "改善計画");
        assert_eq!(p.rows.len(), 1);
        assert_eq!(
            (cell(p, 0, "期限"), cell(p, 0, "期限超過")),
            ("2026-06-30".into(), "超過".into())
        );

        let c = table(&report, "前年比較");
        assert_eq!(c.rows.len(), 1);
        assert_eq!(
            (cell(c, 0, "項目"), cell(c, 0, "変化")),
            ("14".into(), "悪化".into())
        );
    }

    #[test]
    fn a_result_is_reported_under_its_registered_spelling() {
        // the 課 typed its name with a trailing full-width space: the same 課 by name_key
        let (k, reg) = key("情報政策課");
        let files = vec![signed(
            "a.json",
            &result("情報政策課\u{3000}", 2026),
            &k,
            1_780_000_000,
        )];
        let roster = roster(&[&reg]);
        let today = Date::new(2026, 11, 24).expect("date");
        let rules = Rules {
            roster: &roster,
            official: &[],
            today,
        };
        let options = Options {
            today,
            deadline: None,
            previous: Vec::new(),
            content_checked: false,
        };
        let reviewed = review(&files, &rules);
        assert_eq!(
            reviewed[0].counted().map(|d| d.subject.division.as_str()),
            Some("情報政策課\u{3000}")
        );
        let report = aggregate(&reviewed, &roster, &options);
        assert_eq!(report.counted, 1);
        assert_eq!(
            cell(table(&report, "課別の適合状況"), 0, "課"),
            "情報政策課"
        );
    }

    #[test]
    fn contracts_missing_clauses_are_listed_and_counted_per_division() {
        let (k, reg) = key("情報政策課");
        let mut c = result("情報政策課", 2026);
        c.subject.fiscal_year = None;
        c.subject.contract_title = "住民情報システム保守".into();
        c.subject.contractor = "株式会社テスト".into();
        c.summary.missing_clauses = Some(vec!["14".into()]);
        let mut c2 = c.clone();
        c2.subject.contract_title = "庁内LAN保守".into();
        c2.summary.missing_clauses = Some(vec![]);
        let files = vec![
            signed("c.json", &c, &k, 1_780_000_001),
            signed("c2.json", &c2, &k, 1_780_000_002),
        ];
        let roster = roster(&[&reg]);
        let today = Date::new(2026, 11, 24).expect("date");
        let rules = Rules {
            roster: &roster,
            official: &[],
            today,
        };
        let options = Options {
            today,
            deadline: None,
            previous: Vec::new(),
            content_checked: false,
        };
        let report = aggregate(&review(&files, &rules), &roster, &options);
        let t = table(&report, "契約の不足条項");
        assert_eq!(t.rows.len(), 1);
        assert_eq!(cell(t, 0, "件名"), "住民情報システム保守");
        assert!(cell(t, 0, "不足条項").starts_with("14 "));
        assert_eq!(table(&report, "提出状況").rows[0][1].text(), "2件");
        assert!(!report.tables.iter().any(|t| t.name == "前年比較"));
    }
}
