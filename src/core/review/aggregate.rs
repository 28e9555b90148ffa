//! The report: submission matrix, conformity per division and per item, open improvement
//! plans, contracts missing required clauses, and the comparison with a previous year.
//!
//! Only files that count are aggregated, each as [`Reading`] reads it (its pinned bundle's
//! evaluation, or unpinned its claims) and under the 課 name of the registration that made it
//! count. Items of different bundles (by id, version and SHA-256) are never added together.
//! Every table is built in one pass per result, with its items indexed once.

use std::collections::{BTreeMap, BTreeSet};

use super::chart::{self, Chart, Counts};
use super::intake::{FileStatus, Reviewed, StatusKind, status_counts};
use super::reading::{ReadItem, Reading, Standing};
use super::table::{Cell, Table};
use crate::core::date::Date;
use crate::core::draft::{BundleRef, Outcome};
use crate::core::name::{name_key, reveal};
use crate::core::result::{ResultDoc, ResultItem};
use crate::core::sign::Roster;

/// What the report needs besides the files.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// The review date (JST): plans due before it are overdue.
    pub today: Date,
    /// The submission deadline, if any: later signatures are 期限後.
    pub deadline: Option<Date>,
    /// Last year's files, each reviewed under last year's own official bundles (so that an
    /// amendment since does not shut them out); those that count are compared with this
    /// year's. Empty: no comparison.
    pub previous: &'a [Reviewed],
    /// Whether this year's files were checked against official bundles.
    pub content_checked: bool,
    /// Whether last year's files were checked against official bundles of their own.
    pub previous_content_checked: bool,
}

/// The files that named one bundle (id, version and SHA-256, as they claim it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleGroup {
    /// The bundle as the files name it.
    pub bundle: BundleRef,
    /// Files whose signature holds that name it.
    pub files: usize,
    /// Of those, the files that count.
    pub counted: usize,
}

impl BundleGroup {
    /// 「mini 2015-10-05 版（ハッシュ 273ba5c129f0…）: 3 ファイル（集計に使用 2）」.
    pub fn label(&self) -> String {
        let b = &self.bundle;
        format!(
            "{} {} 版（ハッシュ {}…）: {} ファイル（集計に使用 {}）",
            clip_chars(&b.id, 40),
            clip_chars(&b.version, 20),
            b.hash.get(..12).unwrap_or(&b.hash),
            self.files,
            self.counted
        )
    }

    /// The same in English.
    pub fn label_en(&self) -> String {
        let b = &self.bundle;
        format!(
            "{} version {} (hash {}…): {} files ({} counted)",
            clip_chars(&b.id, 40),
            clip_chars(&b.version, 20),
            b.hash.get(..12).unwrap_or(&b.hash),
            self.files,
            self.counted
        )
    }
}

/// At most `n` characters of `s`, marked with 「…」 when cut.
fn clip_chars(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        None => s.to_string(),
        Some((end, _)) => format!("{}…", &s[..end]),
    }
}

/// The report: its tables, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// ファイル, 提出状況, 課別, 区分別, 項目別, 改善計画, 契約の不足条項, 前年比較 (when
    /// asked) and 年度別の推移.
    pub tables: Vec<Table>,
    /// The charts, drawn from the same figures: a heat map per checklist, the worst items,
    /// 提出 against the deadline, the trend across years (each when there is something to
    /// draw).
    pub charts: Vec<Chart>,
    /// The first line: 提出 / 期限後 / 未提出 of the registered 課, files that do not count.
    pub headline: Headline,
    /// How many files have each kind of status, in listing order.
    pub statuses: Vec<(StatusKind, usize)>,
    /// Files in all.
    pub files: usize,
    /// Files that count.
    pub counted: usize,
    /// Whether results were checked against official bundles.
    pub content_checked: bool,
    /// The bundles the files whose signature holds name, each with its files: what an
    /// unpinned review reads (as claimed, never compared with each other).
    pub groups: Vec<BundleGroup>,
    /// Last year's files, and how many of them count for the comparison (`None`: no
    /// comparison asked).
    pub previous: Option<(usize, usize)>,
    /// Whether last year's files were checked against official bundles of their own.
    pub previous_content_checked: bool,
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

/// Names joined with 「、」, the first 30 only, with how many more (a cell stays readable and
/// within Excel's 32,767 characters however many divisions there are).
fn list_some(names: Vec<&str>) -> String {
    const SHOWN: usize = 30;
    let more = names.len().saturating_sub(SHOWN);
    let mut text = names.into_iter().take(SHOWN).collect::<Vec<_>>().join("、");
    if more > 0 {
        text.push_str(&format!(" ほか {more} 課"));
    }
    text
}

/// A counted result as the tables use it.
struct Entry<'a> {
    file: &'a Reviewed,
    doc: &'a ResultDoc,
    reading: &'a Reading,
    /// The 課 as registered (the result may spell it otherwise, the same by `name_key`).
    division: &'a str,
    /// The 課's place in the roster's order.
    rank: usize,
}

impl Entry<'_> {
    /// The bundle as a person knows it: its title and 版 (和暦) when pinned, else the id
    /// and version the result claims.
    fn bundle_label(&self) -> String {
        bundle_label(self.reading)
    }

    /// The bundle's id and version, for machines.
    fn bundle_id(&self) -> String {
        format!("{} {}", self.reading.bundle.id, self.reading.bundle.version)
    }

    /// Whether it is an inspection (点検), not a contract.
    fn inspection(&self) -> bool {
        !self.reading.contract
    }

    /// The result's items, each with how the tables read it.
    fn items(&self) -> impl Iterator<Item = (&ResultItem, &ReadItem)> {
        self.reading
            .items
            .iter()
            .filter_map(|i| Some((self.doc.items.get(i.at)?, i)))
    }
}

/// The number a person reads for an item: the one the 課長 saw (pinned), else its id as the
/// result gives it (nothing else is known of an unpinned result).
fn number<'a>(item: &'a ResultItem, read: &'a ReadItem) -> &'a str {
    read.number.as_deref().unwrap_or(&item.id)
}

/// Adds an answer's standing to counts.
fn count(n: &mut Counts, s: Standing) {
    n.0[match s {
        Standing::Conforming => 0,
        Standing::PartlyNonconforming => 1,
        Standing::Nonconforming => 2,
        Standing::NotApplicable => 3,
    }] += 1;
}

/// The four counts as cells, in the tables' order (適合, 一部不適合, 不適合, 該当なし).
fn count_cells(n: &Counts) -> [Cell; 4] {
    n.0.map(Cell::from)
}

/// 適合率 as a cell: 適合 of the items that conform or not (一部不適合 does not).
fn rate_cell(n: &Counts) -> Cell {
    n.rate()
        .map_or_else(|| Cell::Text("-".into()), |r| Cell::Int(r as i64))
}

/// A read bundle as a person knows it: 「テスト用 目黒区 抜粋（平成27年10月5日版）」 when
/// pinned, else 「mini 2015-10-05」 as claimed (an unpinned result does not carry the title).
fn bundle_label(r: &Reading) -> String {
    match &r.bundle_title {
        Some(title) => format!("{title}（{}版）", wareki(&r.bundle.version)),
        None => format!("{} {}", r.bundle.id, r.bundle.version),
    }
}

/// A `YYYY-MM-DD` date in 和暦 (「令和8年7月31日」); other text as it is.
fn wareki(iso: &str) -> String {
    Date::parse_iso(iso).map_or_else(|| iso.to_string(), |d| d.wareki())
}

/// The 課 in the roster's order (the order 情報担当課 keeps in the roster file, e.g. 機構順):
/// each registered 課, as compared ([`name_key`]), with its place.
struct Order(BTreeMap<String, usize>);

impl Order {
    fn of(roster: &Roster) -> Order {
        let mut ranks = BTreeMap::new();
        for k in &roster.keys {
            let n = ranks.len();
            ranks.entry(name_key(&k.division)).or_insert(n);
        }
        Order(ranks)
    }

    /// The place of `division` (after every registered 課 when not registered).
    fn rank(&self, division: &str) -> usize {
        self.0
            .get(&name_key(division))
            .copied()
            .unwrap_or(usize::MAX)
    }
}

/// The counted files of `reviewed`, as the tables read them.
fn entries<'a>(reviewed: &'a [Reviewed], order: &Order) -> Vec<Entry<'a>> {
    reviewed
        .iter()
        .filter_map(|r| {
            let FileStatus::Counted(reg) = &r.status else {
                return None;
            };
            Some(Entry {
                file: r,
                doc: r.counted()?,
                reading: r.reading.as_ref()?,
                division: &reg.division,
                rank: order.rank(&reg.division),
            })
        })
        .collect()
}

/// Builds the report from the reviewed files; only files whose status counts are aggregated,
/// each under the 課 name of the registration that made it count.
pub fn aggregate(reviewed: &[Reviewed], roster: &Roster, options: &Options) -> Report {
    let order = Order::of(roster);
    let counted = entries(reviewed, &order);
    let before = entries(options.previous, &order);
    let mut tables = vec![files_table(reviewed)];
    tables.push(matrix(&counted, roster, &order, options));
    tables.push(per_division(&counted));
    let heat = heat_maps(&counted);
    tables.push(per_section(&heat));
    let items = per_item(&counted);
    tables.push(items.0);
    let (plans, overdue) = plans(&counted, options);
    tables.push(plans);
    let follow_ups = follow_ups(&counted, options);
    tables.push(follow_ups.0);
    tables.push(contracts(&counted));
    let previous = if options.previous.is_empty() {
        None
    } else {
        tables.push(compare(&counted, &before));
        Some((options.previous.len(), before.len()))
    };
    let years = years(&counted, &before);
    tables.push(years_table(&years));
    let mut headline = headline(&counted, &order, options, reviewed.len(), overdue);
    headline.follow_ups = follow_ups.1;

    let mut charts: Vec<Chart> = heat
        .iter()
        .map(|h| chart::heat_map(&h.title, &h.sections, &h.rows))
        .collect();
    if !items.1.is_empty() {
        charts.push(chart::worst_items("適合率の低い項目", &items.1));
    }
    charts.extend(chart::progress(
        headline.registered,
        &headline.firsts,
        options.deadline,
    ));
    charts.extend(chart::trend(&years));
    Report {
        tables,
        charts,
        headline,
        statuses: status_counts(reviewed),
        files: reviewed.len(),
        counted: counted.len(),
        content_checked: options.content_checked,
        groups: groups(reviewed),
        previous,
        previous_content_checked: options.previous_content_checked,
    }
}

/// The report's first line: how many of the registered 課 submitted, on time or late, and
/// what does not count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headline {
    /// 課 in the roster (each once, as compared).
    pub registered: usize,
    /// Registered 課 with a counted 点検, every one signed by the deadline (or no deadline).
    pub on_time: usize,
    /// Registered 課 with a counted 点検 signed after the deadline.
    pub late: usize,
    /// Registered 課 without a counted 点検.
    pub missing: usize,
    /// Files that do not count.
    pub not_counted: usize,
    /// Improvement plans past their 期限.
    pub overdue_plans: usize,
    /// The first of them in words, earliest 期限 first (at most [`OVERDUE_LISTED`]):
    /// 「総務課 第14条「研修を実施する」（期限 令和8年9月30日・担当 係長）」.
    pub overdue_list: Vec<String>,
    /// Last year's plans, by what became of them.
    pub follow_ups: FollowUps,
    /// Each submitting 課's first counted signature day (the progress chart).
    pub firsts: Vec<Date>,
}

/// Last year's improvement plans as this year's results say what became of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FollowUps {
    /// 完了.
    pub done: usize,
    /// Of those, done after their 期限.
    pub done_late: usize,
    /// 継続.
    pub continued: usize,
    /// Of those, continued two years or more in a row.
    pub continued_again: usize,
    /// Of those, continued to a 期限 already past.
    pub overdue: usize,
    /// 取りやめ.
    pub dropped: usize,
    /// Not answered (a result not made by tenken's walk, read as it claims).
    pub unanswered: usize,
}

impl FollowUps {
    /// Plans followed up in all.
    pub fn total(&self) -> usize {
        self.done + self.continued + self.dropped + self.unanswered
    }

    /// 「前年度の改善計画 6 件: 完了 3（期限後 1）・継続 2（2年以上 1、期限超過 1）・取りやめ 1」.
    pub fn words(&self) -> String {
        let mut done = format!("完了 {}", self.done);
        if self.done_late > 0 {
            done.push_str(&format!("（期限後 {}）", self.done_late));
        }
        let mut continued = format!("継続 {}", self.continued);
        let watch: Vec<String> = [
            (self.continued_again, "2年以上"),
            (self.overdue, "期限超過"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{w} {n}"))
        .collect();
        if !watch.is_empty() {
            continued.push_str(&format!("（{}）", watch.join("、")));
        }
        let mut line = format!(
            "前年度の改善計画 {} 件: {done}・{continued}・取りやめ {}",
            self.total(),
            self.dropped
        );
        if self.unanswered > 0 {
            line.push_str(&format!("・未回答 {}", self.unanswered));
        }
        line
    }
}

/// How many overdue plans the headline lists by name (the 改善計画 table has them all).
pub const OVERDUE_LISTED: usize = 8;

impl Headline {
    /// The heading of the overdue plans' list: 「期限を過ぎた改善計画 12 件（期限の早い 8 件）」.
    pub fn overdue_heading(&self) -> String {
        if self.overdue_list.len() < self.overdue_plans {
            format!(
                "期限を過ぎた改善計画 {} 件（期限の早い {} 件。すべては「改善計画」の表に）",
                self.overdue_plans,
                self.overdue_list.len()
            )
        } else {
            format!("期限を過ぎた改善計画 {} 件", self.overdue_plans)
        }
    }

    /// Registered 課 that submitted (on time or late).
    pub fn submitted(&self) -> usize {
        self.on_time + self.late
    }
}

fn headline(
    counted: &[Entry],
    order: &Order,
    options: &Options,
    files: usize,
    overdue: Vec<String>,
) -> Headline {
    // per registered 課 (by its place): whether late, and its first signature day
    let mut by: BTreeMap<usize, (bool, Option<Date>)> = BTreeMap::new();
    for e in counted
        .iter()
        .filter(|e| e.inspection() && e.rank != usize::MAX)
    {
        let signed = signed_on(e.file);
        let late = matches!((options.deadline, signed), (Some(due), Some(day)) if day > due);
        let d = by.entry(e.rank).or_insert((false, None));
        d.0 |= late;
        d.1 = match (d.1, signed) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    let registered = order.0.len();
    let late = by.values().filter(|(late, _)| *late).count();
    Headline {
        registered,
        on_time: by.len() - late,
        late,
        missing: registered.saturating_sub(by.len()),
        not_counted: files - counted.len(),
        overdue_plans: overdue.len(),
        overdue_list: overdue.into_iter().take(OVERDUE_LISTED).collect(),
        follow_ups: FollowUps::default(),
        firsts: by.values().filter_map(|(_, first)| *first).collect(),
    }
}

/// The bundles named by files whose signature holds, by id, version and hash.
fn groups(reviewed: &[Reviewed]) -> Vec<BundleGroup> {
    let mut by: BTreeMap<(&str, &str, &str), (usize, usize)> = BTreeMap::new();
    for r in reviewed {
        let Some(v) = &r.verified else { continue };
        let b = &v.result.bundle;
        let n = by
            .entry((b.id.as_str(), b.version.as_str(), b.hash.as_str()))
            .or_default();
        n.0 += 1;
        n.1 += usize::from(r.status.counts());
    }
    by.into_iter()
        .map(|((id, version, hash), (files, counted))| BundleGroup {
            bundle: BundleRef {
                id: id.into(),
                version: version.into(),
                hash: hash.into(),
            },
            files,
            counted,
        })
        .collect()
}

fn signed_on(r: &Reviewed) -> Option<Date> {
    r.verified
        .as_ref()
        .and_then(|v| v.signed_at)
        .and_then(Date::from_unix_jst)
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
    )
    .with_machine_columns(&["規則ID", "署名日(ISO)"]);
    for r in reviewed {
        let v = r.verified.as_ref();
        let doc = r.shown();
        // what an unverified file claims is shown, marked as such
        let unverified = if v.is_none() && doc.is_some() {
            "（未検証）"
        } else {
            ""
        };
        // a file read against its pinned bundle shows that bundle's names, not its claims
        let (list, bundle, id) = match (&r.reading, doc) {
            (Some(reading), _) => (
                reading.checklist_title.clone(),
                bundle_label(reading),
                format!("{} {}", reading.bundle.id, reading.bundle.version),
            ),
            (None, Some(d)) => {
                let id = format!("{} {}", d.bundle.id, d.bundle.version);
                (d.checklist_title.clone(), id.clone(), id)
            }
            (None, None) => Default::default(),
        };
        let signed = signed_on(r);
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
            list.into(),
            bundle.into(),
            signed.map(|d| d.wareki()).unwrap_or_default().into(),
            v.map(|v| v.fingerprint.clone()).unwrap_or_default().into(),
            id.into(),
            signed.map(|d| d.to_string()).unwrap_or_default().into(),
        ]);
    }
    t
}

/// 課 × checklist: 提出 / 期限後 / 未提出 (contracts: the number submitted).
fn matrix(counted: &[Entry], roster: &Roster, order: &Order, options: &Options) -> Table {
    // (bundle id, checklist) → its titles, each with how many results give it, and whether
    // it is a contract checklist
    type Titles<'a> = BTreeMap<&'a str, usize>;
    let mut lists: BTreeMap<(&str, &str), (Titles, bool)> = BTreeMap::new();
    // one row per 課 as compared (name_key), shown as first registered
    let mut divisions: BTreeMap<String, &str> = BTreeMap::new();
    for k in &roster.keys {
        divisions
            .entry(name_key(&k.division))
            .or_insert(k.division.as_str());
    }
    for e in counted {
        let r = e.reading;
        let list = lists
            .entry((r.bundle.id.as_str(), r.checklist.as_str()))
            .or_insert((BTreeMap::new(), r.contract));
        *list.0.entry(&r.checklist_title).or_default() += 1;
        list.1 |= r.contract;
        divisions.entry(name_key(e.division)).or_insert(e.division);
    }
    let mut headers = vec!["課".to_string()];
    // the title most results give; titles given equally often are all shown (unpinned, one
    // result's claim cannot rename the column alone)
    headers.extend(lists.values().map(|(titles, _)| {
        let most = titles.values().copied().max().unwrap_or(0);
        titles
            .iter()
            .filter(|(_, n)| **n == most)
            .map(|(title, _)| *title)
            .collect::<Vec<_>>()
            .join(" / ")
    }));
    let shown = headers.len();
    let mut t = Table {
        name: "提出状況".into(),
        headers,
        rows: Vec::new(),
        shown,
    };
    // (課, bundle, checklist) → (submissions, any signed after the deadline)
    let mut cells: BTreeMap<(String, &str, &str), (usize, bool)> = BTreeMap::new();
    for e in counted {
        let late = match (options.deadline, signed_on(e.file)) {
            (Some(due), Some(signed)) => signed > due,
            _ => false,
        };
        let cell = cells
            .entry((
                name_key(e.division),
                e.reading.bundle.id.as_str(),
                e.reading.checklist.as_str(),
            ))
            .or_default();
        cell.0 += 1;
        cell.1 |= late;
    }
    // in the roster's order
    let mut rows: Vec<(usize, &str, &String)> = divisions
        .iter()
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, shown)| (order.rank(shown), *shown, k))
        .collect();
    rows.sort();
    for (_, shown, key) in rows {
        let mut row: Vec<Cell> = vec![shown.into()];
        for ((bundle, list), (_, contract)) in &lists {
            let (n, late) = cells
                .get(&(key.clone(), *bundle, *list))
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

fn per_division(counted: &[Entry]) -> Table {
    let mut t = Table::new(
        "課別の適合状況",
        &[
            "課",
            "チェックリスト",
            "規則",
            "件名",
            "対象項目",
            "適合",
            "一部不適合",
            "不適合",
            "該当なし",
            "適合率(%)",
        ],
    )
    .with_machine_columns(&["規則ID"]);
    let mut rows: Vec<(usize, Vec<Cell>)> = counted
        .iter()
        .map(|e| {
            let mut n = Counts::default();
            for (_, read) in e.items() {
                if let Some(s) = read.standing {
                    count(&mut n, s);
                }
            }
            let mut row: Vec<Cell> = vec![
                e.division.into(),
                e.reading.checklist_title.clone().into(),
                e.bundle_label().into(),
                e.doc.subject.contract_title.clone().into(),
                e.reading.applicable.into(),
            ];
            row.extend(count_cells(&n));
            row.push(rate_cell(&n));
            row.push(e.bundle_id().into());
            (e.rank, row)
        })
        .collect();
    // 課 in the roster's order
    rows.sort_by_key(|(rank, r)| (*rank, r[0].text(), r[1].text(), r[2].text(), r[3].text()));
    t.rows = rows.into_iter().map(|(_, r)| r).collect();
    t
}

/// The items that conform least: at most this many in the chart.
const WORST: usize = 10;

/// 項目別, and the items that conform least for the chart (worst first).
fn per_item(counted: &[Entry]) -> (Table, Vec<chart::ItemBar>) {
    let mut t = Table::new(
        "項目別",
        &[
            "規則",
            "ハッシュ",
            "チェックリスト",
            "番号",
            "内容",
            "回答",
            "適合",
            "一部不適合",
            "不適合",
            "該当なし",
            "適合率(%)",
            "不適合の課",
            "一部不適合の課",
        ],
    )
    .with_machine_columns(&["項目ID", "規則ID"]);
    struct Acc<'a> {
        bundle: String,
        number: &'a str,
        text: &'a str,
        title: &'a str,
        n: Counts,
        failing: BTreeSet<&'a str>,
        partly: BTreeSet<&'a str>,
        order: usize,
    }
    // keyed by the bundle's id, version and hash: items of two bundles never add up
    type Key<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str);
    let mut by_item: BTreeMap<Key, Acc> = BTreeMap::new();
    for e in counted {
        let b = &e.reading.bundle;
        for (order, (item, read)) in e.items().enumerate() {
            let Some(s) = read.standing else { continue };
            let acc = by_item
                .entry((
                    b.id.as_str(),
                    b.version.as_str(),
                    b.hash.as_str(),
                    e.reading.checklist.as_str(),
                    item.id.as_str(),
                ))
                .or_insert_with(|| Acc {
                    bundle: e.bundle_label(),
                    number: number(item, read),
                    text: &item.text,
                    title: &e.reading.checklist_title,
                    n: Counts::default(),
                    failing: BTreeSet::new(),
                    partly: BTreeSet::new(),
                    order,
                });
            count(&mut acc.n, s);
            match s {
                Standing::Nonconforming => {
                    acc.failing.insert(e.division);
                }
                Standing::PartlyNonconforming => {
                    acc.partly.insert(e.division);
                }
                Standing::Conforming | Standing::NotApplicable => {}
            }
        }
    }
    let mut items: Vec<_> = by_item.into_iter().collect();
    items.sort_by_key(|((id, version, hash, list, _), a)| (*id, *version, *hash, *list, a.order));
    let mut worst: Vec<(usize, usize, chart::ItemBar)> = Vec::new();
    for ((id, version, hash, _, item), a) in items {
        if a.n.failing() > 0 {
            worst.push((
                a.n.rate().unwrap_or(0),
                usize::MAX - a.n.failing(),
                chart::ItemBar {
                    label: format!("{} {}", a.number, a.text),
                    counts: a.n,
                },
            ));
        }
        let mut row: Vec<Cell> = vec![
            a.bundle.into(),
            hash.get(..12).unwrap_or(hash).into(),
            a.title.into(),
            a.number.into(),
            a.text.into(),
            (a.n.judged() + a.n.0[3]).into(),
        ];
        row.extend(count_cells(&a.n));
        row.push(rate_cell(&a.n));
        row.push(list_some(a.failing.into_iter().collect()).into());
        row.push(list_some(a.partly.into_iter().collect()).into());
        row.push(item.into());
        row.push(format!("{id} {version}").into());
        t.push(row);
    }
    // lowest rate first, then most 課 not conforming (stable: the tables' order otherwise)
    worst.sort_by_key(|(rate, fewer, _)| (*rate, *fewer));
    (
        t,
        worst.into_iter().take(WORST).map(|(_, _, b)| b).collect(),
    )
}

/// 改善計画, by 期限 then the roster's order, and those past their 期限 in words (in that
/// order).
fn plans(counted: &[Entry], options: &Options) -> (Table, Vec<String>) {
    let mut t = Table::new(
        "改善計画",
        &[
            "期限",
            "期限超過",
            "課",
            "チェックリスト",
            "番号",
            "内容",
            "回答",
            "改善内容",
            "担当",
        ],
    )
    .with_machine_columns(&["項目ID", "期限(ISO)"]);
    let mut rows: Vec<(&str, usize, Option<String>, Vec<Cell>)> = Vec::new();
    for e in counted {
        for (i, read) in e.items() {
            let (Some(p), Some(s)) = (&i.plan, read.standing) else {
                continue;
            };
            let overdue = Date::parse_iso(&p.due).is_some_and(|due| due < options.today);
            let owner = if p.owner.is_empty() {
                String::new()
            } else {
                format!("・担当 {}", p.owner)
            };
            let words = overdue.then(|| {
                let action = match p.action.char_indices().nth(40) {
                    Some((end, _)) => format!("{}…", &p.action[..end]),
                    None => p.action.clone(),
                };
                format!(
                    "{} {}「{action}」（期限 {}{owner}）",
                    e.division,
                    number(i, read),
                    wareki(&p.due)
                )
            });
            rows.push((
                &p.due,
                e.rank,
                words,
                vec![
                    wareki(&p.due).into(),
                    if overdue { "超過" } else { "" }.into(),
                    e.division.into(),
                    e.reading.checklist_title.clone().into(),
                    number(i, read).into(),
                    i.text.clone().into(),
                    s.label().into(),
                    p.action.clone().into(),
                    p.owner.clone().into(),
                    i.id.clone().into(),
                    p.due.clone().into(),
                ],
            ));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    let overdue = rows.iter_mut().filter_map(|r| r.2.take()).collect();
    t.rows = rows.into_iter().map(|(_, _, _, r)| r).collect();
    (t, overdue)
}

/// 前年度の改善計画の追跡: each of last year's plans with what this year's result says became
/// of it (完了 / 継続 / 取りやめ), the ones to watch marked; in the roster's order.
fn follow_ups(counted: &[Entry], options: &Options) -> (Table, FollowUps) {
    let mut t = Table::new(
        "前年度の改善計画",
        &[
            "課",
            "チェックリスト",
            "番号",
            "内容",
            "前年度の改善内容",
            "担当",
            "前年度の期限",
            "状態",
            "完了日・新しい期限",
            "理由",
            "注意",
        ],
    )
    .with_machine_columns(&["項目ID", "前年度の期限(ISO)", "日付(ISO)"]);
    let mut n = FollowUps::default();
    let mut rows: Vec<(usize, Vec<Cell>)> = Vec::new();
    for e in counted {
        for (i, read) in e.items() {
            let Some(f) = &i.follow_up else { continue };
            let mut watch = Vec::new();
            match f.outcome {
                Some(Outcome::Done) => {
                    n.done += 1;
                    if f.done_late() {
                        n.done_late += 1;
                        watch.push("期限後に完了");
                    }
                }
                Some(Outcome::Continued) => {
                    n.continued += 1;
                    if f.continued_again() {
                        n.continued_again += 1;
                        watch.push("2年以上継続");
                    }
                    if f.overdue(options.today) {
                        n.overdue += 1;
                        watch.push("新しい期限を超過");
                    }
                }
                Some(Outcome::Dropped) => n.dropped += 1,
                None => {
                    n.unanswered += 1;
                    watch.push("未回答");
                }
            }
            rows.push((
                e.rank,
                vec![
                    e.division.into(),
                    e.reading.checklist_title.clone().into(),
                    number(i, read).into(),
                    i.text.clone().into(),
                    f.plan.action.clone().into(),
                    f.plan.owner.clone().into(),
                    wareki(&f.plan.due).into(),
                    f.outcome.map_or("未回答", Outcome::label).into(),
                    wareki(&f.date).into(),
                    f.reason.clone().into(),
                    watch.join("・").into(),
                    i.id.clone().into(),
                    f.plan.due.clone().into(),
                    f.date.clone().into(),
                ],
            ));
        }
    }
    rows.sort_by_key(|(rank, _)| *rank);
    t.rows = rows.into_iter().map(|(_, r)| r).collect();
    (t, n)
}

fn contracts(counted: &[Entry]) -> Table {
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
    )
    .with_machine_columns(&["契約開始(ISO)", "契約終了(ISO)"]);
    let mut rows: Vec<(usize, Vec<Cell>)> = Vec::new();
    for e in counted {
        if !e.reading.contract {
            continue;
        }
        let names: Vec<String> = e
            .items()
            .filter(|(_, read)| read.missing_clause)
            .map(|(i, read)| format!("{} {}", number(i, read), i.text))
            .collect();
        if names.is_empty() {
            continue;
        }
        let s = &e.doc.subject;
        rows.push((
            e.rank,
            vec![
                e.division.into(),
                s.contract_title.clone().into(),
                s.contractor.clone().into(),
                format!("{}〜{}", wareki(&s.period_from), wareki(&s.period_to)).into(),
                names.len().into(),
                names.join("\n").into(),
                s.period_from.clone().into(),
                s.period_to.clone().into(),
            ],
        ));
    }
    rows.sort_by_key(|(rank, _)| *rank);
    t.rows = rows.into_iter().map(|(_, r)| r).collect();
    t
}

/// Per 課 and checklist, the items whose standing changed since the previous year, compared
/// by item id (so across an amendment): 悪化 / 改善 (適合, 一部不適合 and 不適合 in that order),
/// and the items only one year's result has.
fn compare(counted: &[Entry], previous: &[Entry]) -> Table {
    let mut t = Table::new(
        "前年比較",
        &[
            "課",
            "チェックリスト",
            "番号",
            "内容",
            "前年",
            "今年",
            "変化",
        ],
    )
    .with_machine_columns(&["項目ID"]);
    let label = |s: Option<Standing>| s.map_or("対象外", Standing::label);
    let mut rows: Vec<(usize, Vec<Cell>)> = Vec::new();
    // last year's inspections of each 課, bundle and checklist, by 年度
    let mut earlier: BTreeMap<(&str, &str, &str), BTreeMap<i32, &Entry>> = BTreeMap::new();
    for p in previous {
        if let Some(year) = p.reading.key.year() {
            earlier
                .entry(p.reading.key.line())
                .or_default()
                .entry(year)
                .or_insert(p);
        }
    }
    for now in counted {
        let Some(year) = now.reading.key.year() else {
            continue;
        };
        // the latest 年度 before this one
        let Some((_, before)) = earlier
            .get(&now.reading.key.line())
            .and_then(|years| years.range(..year).next_back())
        else {
            continue;
        };
        let mut then: BTreeMap<&str, Option<Standing>> = BTreeMap::new();
        for (i, read) in before.items() {
            then.entry(i.id.as_str()).or_insert(read.standing);
        }
        let mut row = |i: &ResultItem, read: &ReadItem, was: &str, is: &str, change: &str| {
            rows.push((
                now.rank,
                vec![
                    now.division.into(),
                    now.reading.checklist_title.clone().into(),
                    number(i, read).into(),
                    i.text.clone().into(),
                    was.into(),
                    is.into(),
                    change.into(),
                    i.id.clone().into(),
                ],
            ));
        };
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for (i, read) in now.items() {
            seen.insert(&i.id);
            let s_now = read.standing;
            match then.get(i.id.as_str()) {
                None => row(i, read, "—", label(s_now), "前年の結果になし"),
                Some(s_before) => {
                    let rank = |s: &Option<Standing>| s.and_then(Standing::severity);
                    if let (Some(b), Some(n)) = (rank(s_before), rank(&s_now)) {
                        let change = match b.cmp(&n) {
                            std::cmp::Ordering::Less => "悪化",
                            std::cmp::Ordering::Greater => "改善",
                            std::cmp::Ordering::Equal => continue,
                        };
                        row(i, read, label(*s_before), label(s_now), change);
                    }
                }
            }
        }
        for (i, read) in before.items() {
            if seen.insert(&i.id) {
                row(i, read, label(read.standing), "—", "今年の結果になし");
            }
        }
    }
    // 課 in the roster's order
    rows.sort_by_key(|(rank, _)| *rank);
    t.rows = rows.into_iter().map(|(_, r)| r).collect();
    t
}

/// One heat map: the 課 of one checklist of one bundle, by section.
struct Heat {
    title: String,
    /// The checklist's title, the bundle as a person knows it and its id, for the table.
    list: String,
    bundle: String,
    bundle_id: String,
    section_ids: Vec<String>,
    sections: Vec<String>,
    rows: Vec<chart::HeatRow>,
}

/// Per checklist of each bundle (点検 only), each 課's counts per section: the latest 年度 of
/// each 課 (a 課 appears once), in the roster's order.
fn heat_maps(counted: &[Entry]) -> Vec<Heat> {
    // (bundle id, version, hash, checklist) → (課 rank, 課) → the entry of the latest 年度
    type Group<'a, 'b> = BTreeMap<(usize, &'a str), &'b Entry<'a>>;
    let mut groups: BTreeMap<(&str, &str, &str, &str), Group> = BTreeMap::new();
    for e in counted.iter().filter(|e| e.inspection()) {
        let b = &e.reading.bundle;
        let by = groups
            .entry((&b.id, &b.version, &b.hash, &e.reading.checklist))
            .or_default();
        let latest = by.entry((e.rank, e.division)).or_insert(e);
        if e.reading.key.year() > latest.reading.key.year() {
            *latest = e;
        }
    }
    let several = groups.len() > 1;
    groups
        .into_values()
        .filter_map(|by| {
            let first = *by.values().next()?;
            let r = first.reading;
            let mut years: BTreeSet<i32> = BTreeSet::new();
            let rows = by
                .iter()
                .map(|((_, division), e)| {
                    years.extend(e.reading.key.year());
                    let mut cells: Vec<Option<Counts>> = vec![None; r.sections.len()];
                    for (_, read) in e.items() {
                        let (Some(s), Some(cell)) = (read.standing, cells.get_mut(read.section))
                        else {
                            continue;
                        };
                        count(cell.get_or_insert_with(Counts::default), s);
                    }
                    chart::HeatRow {
                        division: division.to_string(),
                        cells,
                    }
                })
                .collect();
            let year = match (years.len(), years.first()) {
                (1, Some(y)) => crate::core::date::fiscal_year_wareki(*y),
                _ => "各課の最新の年度".into(),
            };
            let mut title = format!("課 × 区分の適合率（{}、{year}）", r.checklist_title);
            if several {
                title = format!("{title} {}", bundle_label(r));
            }
            Some(Heat {
                title,
                list: r.checklist_title.clone(),
                bundle: bundle_label(r),
                bundle_id: format!("{} {}", r.bundle.id, r.bundle.version),
                section_ids: r.sections.iter().map(|(id, _)| id.clone()).collect(),
                sections: r.sections.iter().map(|(_, t)| t.clone()).collect(),
                rows,
            })
        })
        .collect()
}

/// 区分別の適合状況: the heat maps' cells as rows (課 × 区分, each 課's latest 年度).
fn per_section(heat: &[Heat]) -> Table {
    let mut t = Table::new(
        "区分別の適合状況",
        &[
            "課",
            "チェックリスト",
            "規則",
            "区分",
            "適合",
            "一部不適合",
            "不適合",
            "該当なし",
            "適合率(%)",
        ],
    )
    .with_machine_columns(&["区分ID", "規則ID"]);
    for h in heat {
        for row in &h.rows {
            for (c, cell) in row.cells.iter().enumerate() {
                let Some(n) = cell else { continue };
                let mut r: Vec<Cell> = vec![
                    row.division.clone().into(),
                    h.list.clone().into(),
                    h.bundle.clone().into(),
                    h.sections.get(c).cloned().unwrap_or_default().into(),
                ];
                r.extend(count_cells(n));
                r.push(rate_cell(n));
                r.push(h.section_ids.get(c).cloned().unwrap_or_default().into());
                r.push(h.bundle_id.clone().into());
                t.push(r);
            }
        }
    }
    t
}

/// Per 年度 loaded (this year's files and last year's, each 点検 once — this year's file
/// when both hold it), the 課 and their counts together, oldest first.
fn years(counted: &[Entry], previous: &[Entry]) -> Vec<chart::Year> {
    let mut seen: BTreeSet<&super::reading::SubmissionKey> = BTreeSet::new();
    let mut by: BTreeMap<i32, (BTreeSet<usize>, Counts)> = BTreeMap::new();
    for e in counted.iter().chain(previous).filter(|e| e.inspection()) {
        let Some(year) = e.reading.key.year() else {
            continue;
        };
        if !seen.insert(&e.reading.key) {
            continue;
        }
        let y = by.entry(year).or_default();
        y.0.insert(e.rank);
        for (_, read) in e.items() {
            if let Some(s) = read.standing {
                count(&mut y.1, s);
            }
        }
    }
    by.into_iter()
        .map(|(year, (divisions, counts))| chart::Year {
            year,
            divisions: divisions.len(),
            counts,
        })
        .collect()
}

/// 年度別の推移: the municipality's counts per 年度 loaded.
fn years_table(years: &[chart::Year]) -> Table {
    let mut t = Table::new(
        "年度別の推移",
        &[
            "年度",
            "課",
            "適合",
            "一部不適合",
            "不適合",
            "該当なし",
            "適合率(%)",
        ],
    )
    .with_machine_columns(&["年度(西暦)"]);
    for y in years {
        let mut r: Vec<Cell> = vec![
            crate::core::date::fiscal_year_wareki(y.year).into(),
            y.divisions.into(),
        ];
        r.extend(count_cells(&y.counts));
        r.push(rate_cell(&y.counts));
        r.push(Cell::Int(i64::from(y.year)));
        t.push(r);
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
    fn the_overdue_list_says_when_it_is_cut() {
        let h = Headline {
            overdue_plans: 12,
            overdue_list: vec![
                "総務課 第14条「研修」（期限 令和8年9月30日）".into();
                OVERDUE_LISTED
            ],
            ..Headline::default()
        };
        assert_eq!(
            h.overdue_heading(),
            "期限を過ぎた改善計画 12 件（期限の早い 8 件。すべては「改善計画」の表に）"
        );
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
        // last year's result, reviewed under its own rules
        let previous = review(
            &[signed(
                "prev.json",
                &result("情報政策課", 2025),
                &k1,
                1_780_000_000,
            )],
            &Rules {
                roster: &roster,
                official: &[],
                today,
            },
        );
        let options = Options {
            today,
            deadline: Date::new(2026, 7, 31),
            previous: &previous,
            content_checked: false,
            previous_content_checked: false,
        };
        let report = aggregate(&reviewed, &roster, &options);
        let names: Vec<&str> = report.tables.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "ファイル",
                "提出状況",
                "課別の適合状況",
                "区分別の適合状況",
                "項目別",
                "改善計画",
                "前年度の改善計画",
                "契約の不足条項",
                "前年比較",
                "年度別の推移"
            ]
        );
        // the headline: of the 3 registered 課, 1 on time, 1 late, 1 missing; 1 plan overdue
        let h = &report.headline;
        assert_eq!(
            (
                h.registered,
                h.on_time,
                h.late,
                h.missing,
                h.not_counted,
                h.overdue_plans
            ),
            (3, 1, 1, 1, 0, 1)
        );
        // the overdue plan by name, as the 改善計画 table has it
        assert_eq!(h.overdue_list.len(), 1);
        let plans = table(&report, "改善計画");
        let overdue = plans
            .rows
            .iter()
            .find(|r| r[1].text() == "超過")
            .expect("an overdue row");
        let line = &h.overdue_list[0];
        for column in [2, 4, 7] {
            assert!(line.contains(&overdue[column].text()), "{line}");
        }
        assert!(
            line.contains(&format!("期限 {}", overdue[0].text())),
            "{line}"
        );
        assert_eq!(h.overdue_heading(), "期限を過ぎた改善計画 1 件");

        // matrix: rows by 課 in the roster's order (the roster's too), on time / late / missing
        let m = table(&report, "提出状況");
        let rows: Vec<(String, String)> = (0..m.rows.len())
            .map(|i| (m.rows[i][0].text(), m.rows[i][1].text()))
            .collect();
        assert_eq!(
            rows,
            [
                ("情報政策課".to_string(), "提出".to_string()),
                ("総務課".to_string(), "期限後".to_string()),
                ("市民課".to_string(), "未提出".to_string()),
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
            .position(|r| r[3].text() == "14")
            .expect("item 14");
        assert_eq!(cell(item, row, "回答"), "2");
        assert_eq!(cell(item, row, "不適合の課"), "情報政策課");

        let p = table(&report, "改善計画");
        assert_eq!(p.rows.len(), 1);
        assert_eq!(
            (
                cell(p, 0, "期限"),
                cell(p, 0, "期限超過"),
                cell(p, 0, "期限(ISO)")
            ),
            ("令和8年6月30日".into(), "超過".into(), "2026-06-30".into())
        );

        let c = table(&report, "前年比較");
        assert_eq!(c.rows.len(), 1);
        assert_eq!(
            (cell(c, 0, "番号"), cell(c, 0, "変化")),
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
            previous: &[],
            content_checked: false,
            previous_content_checked: false,
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
        c.subject.period_from = "2026-04-01".into();
        c.subject.period_to = "2027-03-31".into();
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
            previous: &[],
            content_checked: false,
            previous_content_checked: false,
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

/// The report side of the attacks of issue #31, through the core API.
#[cfg(test)]
mod attacks {
    use super::*;
    use crate::core::Bundle;
    use crate::core::bundle::mini_bundle;
    use crate::core::draft::{Answer, Draft, Plan, ProfileAnswer};
    use crate::core::evaluate::evaluate;
    use crate::core::review::intake::fixtures::*;
    use crate::core::review::{Rules, review};

    const T: u64 = 1_780_000_000;

    fn today() -> Date {
        Date::new(2026, 11, 30).expect("date")
    }

    fn options<'a>(previous: &'a [Reviewed], checked: (bool, bool)) -> Options<'a> {
        Options {
            today: today(),
            deadline: None,
            previous,
            content_checked: checked.0,
            previous_content_checked: checked.1,
        }
    }

    fn rows(report: &Report, name: &str, columns: &[&str]) -> Vec<Vec<String>> {
        let t = report.tables.iter().find(|t| t.name == name).expect(name);
        let at: Vec<usize> = columns
            .iter()
            .map(|c| t.headers.iter().position(|h| h == c).expect(c))
            .collect();
        t.rows
            .iter()
            .map(|r| at.iter().map(|&i| r[i].text()).collect())
            .collect()
    }

    #[test]
    fn unpinned_items_of_different_bundles_never_add_up() {
        let (k_a, r_a) = key("情報政策課");
        let (k_b, r_b) = key("総務課");
        let roster = roster(&[&r_a, &r_b]);
        let mut other = result("総務課", 2026);
        other.bundle.version = "9999-99-99".into();
        other.bundle.hash = "ab".repeat(32);
        other.checklist_title = "偽の題名".into();
        let mut files = vec![
            signed("a.json", &result("情報政策課", 2026), &k_a, T),
            signed("b.json", &other, &k_b, T),
        ];
        let rules = Rules {
            roster: &roster,
            official: &[],
            today: today(),
        };
        let reviewed = review(&files, &rules);
        let report = aggregate(&reviewed, &roster, &options(&[], (false, false)));
        assert_eq!(report.counted, 2);
        // one result's claimed title does not rename the submission column alone
        let matrix = report
            .tables
            .iter()
            .find(|t| t.name == "提出状況")
            .expect("matrix");
        assert_eq!(matrix.headers, ["課", "偽の題名 / 電子情報処理の点検"]);
        let items = rows(&report, "項目別", &["規則", "ハッシュ", "番号", "回答"]);
        assert_eq!(
            items,
            [
                ["mini 2015-10-05", "273ba5c129f0", "13-1", "1"],
                ["mini 2015-10-05", "273ba5c129f0", "14", "1"],
                ["mini 9999-99-99", "abababababab", "13-1", "1"],
                ["mini 9999-99-99", "abababababab", "14", "1"],
            ]
        );
        // the groups the report names, each with its files
        let groups: Vec<String> = report.groups.iter().map(BundleGroup::label).collect();
        assert_eq!(
            groups,
            [
                "mini 2015-10-05 版（ハッシュ 273ba5c129f0…）: 1 ファイル（集計に使用 1）",
                "mini 9999-99-99 版（ハッシュ abababababab…）: 1 ファイル（集計に使用 1）",
            ]
        );
        // the title most results give
        files.push(signed("a2.json", &result("情報政策課", 2025), &k_a, T));
        let reviewed = review(&files, &rules);
        let report = aggregate(&reviewed, &roster, &options(&[], (false, false)));
        let matrix = report
            .tables
            .iter()
            .find(|t| t.name == "提出状況")
            .expect("matrix");
        assert_eq!(matrix.headers, ["課", "電子情報処理の点検"]);
    }

    /// The test bundle after a 例規改正 (a new version and hash): item 13-3 gone, 21 new.
    fn amended() -> Bundle {
        let mut b = mini_bundle();
        b.version = Date::new(2027, 4, 1).expect("date");
        b.hash = "cd".repeat(32);
        let items = &mut b.checklists[0].sections[0].items;
        items.retain(|i| i.id != "13-3");
        let mut new = items[0].clone();
        new.id = "21".into();
        new.text = "管理運用を総合的に点検していますか。".into();
        new.when = None;
        items.push(new);
        b
    }

    /// A draft of `b`'s 点検 by `division`'s 課長 for `year`, its profile answered (個人情報あり,
    /// 特定個人情報なし), no item answered yet.
    fn draft_for(b: &Bundle, division: &str, year: i32) -> Draft {
        let list = b.checklist("tenken").expect("tenken");
        let mut d = Draft::new("d".into(), b, list, "2026-05-01T00:00:00Z");
        d.subject.division = division.into();
        d.subject.name = "山田 太郎".into();
        d.subject.fiscal_year = Some(year);
        d.profile
            .insert("personal".into(), ProfileAnswer::Bool(true));
        d.profile
            .insert("mynumber".into(), ProfileAnswer::Choice("none".into()));
        d
    }

    /// `option` as an answer, with a plan when `failing`.
    fn answer(option: &str, failing: bool) -> Answer {
        Answer {
            option: Some(option.into()),
            plan: if failing {
                Plan {
                    action: "研修".into(),
                    owner: "係長".into(),
                    due: "2027-03-31".into(),
                }
            } else {
                Plan::default()
            },
            ..Answer::default()
        }
    }

    /// The result of `d`, a complete draft of `b`'s 点検.
    fn result_from(b: &Bundle, d: &Draft) -> ResultDoc {
        let list = b.checklist("tenken").expect("tenken");
        let e = evaluate(b, list, d);
        assert!(e.is_complete(), "{:?}", e.blocking().collect::<Vec<_>>());
        ResultDoc::of(b, list, d, &e, "2026-05-02T00:00:00Z")
    }

    /// A complete 点検 of `b` for 情報政策課 and `year`; 14 not done when `failing`.
    fn result_of(b: &Bundle, year: i32, failing: bool) -> ResultDoc {
        let mut d = draft_for(b, "情報政策課", year);
        for id in ["13-1", "21"] {
            d.answers.insert(id.into(), answer("conforming", false));
        }
        let option = if failing { "notdone" } else { "done" };
        // a plan whatever the answer, as before: one that does not fail is not asked for it
        d.answers.insert("14".into(), answer(option, true));
        result_from(b, &d)
    }

    /// A complete 点検 of the test bundle for `division`: 13-1 answered `a13` (conformity
    /// scale), 14 answered `a14` (its own scale), each failing answer with a plan.
    fn answered(division: &str, a13: &str, a14: &str) -> ResultDoc {
        let b = mini_bundle();
        let mut d = draft_for(&b, division, 2026);
        for (id, option) in [("13-1", a13), ("14", a14)] {
            let fails = !matches!(option, "conforming" | "done");
            d.answers.insert(id.into(), answer(option, fails));
        }
        result_from(&b, &d)
    }

    #[test]
    fn partly_nonconforming_is_kept_apart_from_nonconforming_in_every_table_and_export() {
        let (k, reg) = key("情報政策課");
        let (k2, reg2) = key("総務課");
        let roster = roster(&[&reg, &reg2]);
        let files = [
            // one 一部不適合 (13-1) and one 不適合 (14)
            signed(
                "a.json",
                &answered("情報政策課", "partial", "notdone"),
                &k,
                T,
            ),
            // 不適合 on the built-in scale
            signed(
                "b.json",
                &answered("総務課", "nonconforming", "done"),
                &k2,
                T,
            ),
        ];
        let mini = mini_bundle();
        for pins in [&[][..], &[&mini][..]] {
            let rules = Rules {
                roster: &roster,
                official: pins,
                today: today(),
            };
            let report = aggregate(
                &review(&files, &rules),
                &roster,
                &options(&[], (!pins.is_empty(), false)),
            );
            assert_eq!(report.counted, 2, "pinned: {}", !pins.is_empty());
            assert_eq!(
                rows(
                    &report,
                    "課別の適合状況",
                    &[
                        "課",
                        "適合",
                        "一部不適合",
                        "不適合",
                        "該当なし",
                        "適合率(%)"
                    ]
                ),
                [
                    ["情報政策課", "0", "1", "1", "0", "0"],
                    ["総務課", "1", "0", "1", "0", "50"],
                ]
            );
            let items = rows(
                &report,
                "項目別",
                &[
                    "項目ID",
                    "一部不適合",
                    "不適合",
                    "不適合の課",
                    "一部不適合の課",
                ],
            );
            assert_eq!(
                items,
                [
                    ["13-1", "1", "1", "総務課", "情報政策課"],
                    ["14", "0", "1", "情報政策課", ""],
                ]
            );
            let plans = rows(&report, "改善計画", &["課", "項目ID", "回答"]);
            assert_eq!(
                plans,
                [
                    ["情報政策課", "13-1", "一部不適合"],
                    ["情報政策課", "14", "不適合"],
                    ["総務課", "13-1", "不適合"],
                ]
            );
            // the CSV has the columns apart
            let t = report
                .tables
                .iter()
                .find(|t| t.name == "課別の適合状況")
                .expect("table");
            let csv = String::from_utf8(t.to_csv()).expect("utf-8");
            let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
            assert!(
                lines[0].contains(",適合,一部不適合,不適合,該当なし,"),
                "{}",
                lines[0]
            );
            assert!(lines[1].starts_with("情報政策課,"), "{}", lines[1]);
            assert!(
                lines[1].ends_with(",0,1,1,0,0,mini 2015-10-05"),
                "{}",
                lines[1]
            );
            // and so has the workbook
            use calamine::Reader;
            let book = crate::core::review::xlsx::workbook(&report.tables);
            let mut book = calamine::Xlsx::new(std::io::Cursor::new(book)).expect("xlsx");
            let sheet = book.worksheet_range("課別の適合状況").expect("sheet");
            let at = |r: u32, c: u32| {
                sheet
                    .get_value((r, c))
                    .map(ToString::to_string)
                    .unwrap_or_default()
            };
            assert_eq!(
                (5..9).map(|c| at(0, c)).collect::<Vec<_>>(),
                ["適合", "一部不適合", "不適合", "該当なし"]
            );
            assert_eq!(
                (5..9).map(|c| at(1, c)).collect::<Vec<_>>(),
                ["0", "1", "1", "0"]
            );
        }
    }

    #[test]
    fn last_years_plans_are_shown_by_what_became_of_them() {
        use crate::core::draft::{FollowUp, Outcome};
        let divisions = ["情報政策課", "総務課", "市民課", "税務課"];
        let keys: Vec<_> = divisions.iter().map(|d| key(d)).collect();
        let roster = roster(&keys.iter().map(|(_, r)| r).collect::<Vec<_>>());
        let plan = Plan {
            action: "研修".into(),
            owner: "係長".into(),
            due: "2026-09-30".into(),
        };
        let outcomes = [
            // done after its 期限
            FollowUp {
                plan: plan.clone(),
                outcome: Some(Outcome::Done),
                date: "2026-10-15".into(),
                ..FollowUp::default()
            },
            // continued a second year, to a 期限 already past
            FollowUp {
                plan: plan.clone(),
                continued_before: 1,
                outcome: Some(Outcome::Continued),
                date: "2026-11-01".into(),
                ..FollowUp::default()
            },
            FollowUp {
                plan: plan.clone(),
                outcome: Some(Outcome::Dropped),
                reason: "システム廃止".into(),
                ..FollowUp::default()
            },
            // a result that claims a follow-up left open
            FollowUp {
                plan,
                ..FollowUp::default()
            },
        ];
        let files: Vec<_> = divisions
            .iter()
            .zip(&keys)
            .zip(outcomes)
            .map(|((d, (k, _)), f)| {
                let mut r = answered(d, "conforming", "done");
                r.items[2].follow_up = Some(f);
                signed(&format!("{d}.json"), &r, k, T)
            })
            .collect();
        let rules = Rules {
            roster: &roster,
            official: &[],
            today: today(),
        };
        let report = aggregate(
            &review(&files, &rules),
            &roster,
            &options(&[], (false, false)),
        );
        assert_eq!(report.counted, 4);
        assert_eq!(
            rows(
                &report,
                "前年度の改善計画",
                &[
                    "課",
                    "前年度の期限",
                    "状態",
                    "完了日・新しい期限",
                    "理由",
                    "注意"
                ]
            ),
            [
                [
                    "情報政策課",
                    "令和8年9月30日",
                    "完了",
                    "令和8年10月15日",
                    "",
                    "期限後に完了"
                ],
                [
                    "総務課",
                    "令和8年9月30日",
                    "継続",
                    "令和8年11月1日",
                    "",
                    "2年以上継続・新しい期限を超過"
                ],
                [
                    "市民課",
                    "令和8年9月30日",
                    "取りやめ",
                    "",
                    "システム廃止",
                    ""
                ],
                ["税務課", "令和8年9月30日", "未回答", "", "", "未回答"],
            ]
        );
        assert_eq!(
            report.headline.follow_ups.words(),
            "前年度の改善計画 4 件: 完了 1（期限後 1）・継続 1（2年以上 1、期限超過 1）・取りやめ 1・未回答 1"
        );
        assert_eq!(
            report.headline.follow_ups,
            FollowUps {
                done: 1,
                done_late: 1,
                continued: 1,
                continued_again: 1,
                overdue: 1,
                dropped: 1,
                unanswered: 1,
            }
        );
    }

    #[test]
    fn items_are_shown_by_the_number_the_kacho_saw_with_the_id_for_machines() {
        let (k, reg) = key("情報政策課");
        let roster = roster(&[&reg]);
        let files = [signed(
            "a.json",
            &answered("情報政策課", "partial", "notdone"),
            &k,
            T,
        )];
        let mini = mini_bundle();
        let rules = Rules {
            roster: &roster,
            official: &[&mini],
            today: today(),
        };
        let report = aggregate(
            &review(&files, &rules),
            &roster,
            &options(&[], (true, false)),
        );
        assert_eq!(
            rows(&report, "項目別", &["番号", "項目ID"]),
            [["第13条第1項第1号", "13-1"], ["第14条第1項", "14"]]
        );
        assert_eq!(
            rows(&report, "改善計画", &["番号", "項目ID"]),
            [["第13条第1項第1号", "13-1"], ["第14条第1項", "14"]]
        );
        // the id is for machines: in the exports, not among the columns shown
        let t = report
            .tables
            .iter()
            .find(|t| t.name == "項目別")
            .expect("table");
        assert!(t.shown_headers().iter().any(|h| h == "番号"));
        assert!(!t.shown_headers().iter().any(|h| h == "項目ID"));
        assert!(
            String::from_utf8(t.to_csv())
                .expect("utf-8")
                .lines()
                .next()
                .is_some_and(|h| h.ends_with(",項目ID,規則ID"))
        );
    }

    #[test]
    fn last_year_is_judged_against_its_own_bundles_across_an_amendment() {
        let (k, mut reg) = key("情報政策課");
        reg.valid_from = "2025-04-01".into();
        let roster = roster(&[&reg]);
        let (mini, new) = (mini_bundle(), amended());
        let now = review(
            &[signed("now.json", &result_of(&new, 2026, true), &k, T)],
            &Rules {
                roster: &roster,
                official: &[&new],
                today: today(),
            },
        );
        assert!(now[0].status.counts(), "{:?}", now[0].status);
        let last = [signed(
            "last.json",
            &result("情報政策課", 2025),
            &k,
            1_760_000_000,
        )];
        let compared = |pins: &[&Bundle]| {
            let previous = review(
                &last,
                &Rules {
                    roster: &roster,
                    official: pins,
                    today: today(),
                },
            );
            let report = aggregate(&now, &roster, &options(&previous, (true, !pins.is_empty())));
            (
                report.previous,
                rows(&report, "前年比較", &["番号", "前年", "今年", "変化"]),
            )
        };
        // items by the numbers the 課長 saw (the pinned bundles'): 14 is 第14条第1項, 21 cites
        // 第13条第1項第1号 as 13-1 does, 13-3 第13条第1項第3号
        let expected = [
            ["第14条第1項", "適合", "不適合", "悪化"],
            ["第13条第1項第1号", "—", "適合", "前年の結果になし"],
            ["第13条第1項第3号", "対象外", "—", "今年の結果になし"],
        ];
        assert_eq!(
            compared(&[&mini]),
            (
                Some((1, 1)),
                expected.map(|r| r.map(String::from).to_vec()).to_vec()
            )
        );
        // unpinned, compared as claimed
        assert_eq!(compared(&[]).1.len(), 3);
        // against this year's bundle (what the review did before): last year counts nowhere
        assert_eq!(compared(&[&new]), (Some((1, 0)), Vec::new()));
    }

    #[test]
    fn a_result_of_50000_items_and_a_million_ids_is_aggregated_in_linear_time() {
        let (k, reg) = key("情報政策課");
        let roster = roster(&[&reg]);
        let mut big = result("情報政策課", 2026);
        let item = big.items[2].clone();
        big.items = (0..50_000)
            .map(|n| crate::core::result::ResultItem {
                id: n.to_string(),
                section: "s".into(),
                text: "t".into(),
                label: None,
                ..item.clone()
            })
            .collect();
        big.summary.nonconforming = vec!["1".to_string(); 1_200_000];
        big.summary.not_applicable = Some(vec!["2".to_string(); 100_000]);
        let file = crate::core::sign::SignedFile::sign(&big, &k, "big", T).expect("sign");
        let bytes = serde_json::to_vec(&file).expect("json");
        // read from its file, it is refused before anything is built (no checklist has so many)
        let rules = Rules {
            roster: &roster,
            official: &[],
            today: today(),
        };
        let read = review(&[("big.json".into(), bytes)], &rules);
        assert_eq!(
            read[0].status.kind(),
            crate::core::review::StatusKind::Unreadable
        );
        // and were one to get past that, the tables are built in linear time: opened as if read
        let opened = || {
            vec![(
                "big.json".to_string(),
                Ok(crate::core::sign::Opened::Valid(Box::new(
                    crate::core::sign::Verified {
                        result: big.clone(),
                        public_key: k.public_key(),
                        fingerprint: reg.fingerprint.clone(),
                        trusted_comment: format!("timestamp:{T}"),
                        signed_at: Some(T),
                        signature_hash: String::new(),
                    },
                ))),
            )]
        };
        let mini = mini_bundle();
        for pinned in [&[][..], &[&mini][..]] {
            let rules = Rules {
                roster: &roster,
                official: pinned,
                today: today(),
            };
            let reviewed = crate::core::review::review_opened(opened(), &rules);
            let report = aggregate(
                &reviewed,
                &roster,
                &options(&reviewed, (!pinned.is_empty(), false)),
            );
            let expected = if pinned.is_empty() {
                crate::core::review::StatusKind::Counted
            } else {
                crate::core::review::StatusKind::SummaryMismatch
            };
            assert_eq!(reviewed[0].status.kind(), expected);
            if pinned.is_empty() {
                let items = rows(&report, "項目別", &["番号", "不適合", "該当なし"]);
                assert_eq!(items.len(), 50_000);
                assert_eq!(items[1], ["1", "1", "0"]);
                assert_eq!(items[2], ["2", "0", "1"]);
            }
        }
    }
}
