//! Validation: from a [`RawBundle`] to a [`Bundle`], reporting every problem at once.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::model::*;
use super::raw::*;
use crate::core::canonical::{sha256_hex, to_canonical_json};
use crate::core::condition::{Condition, KEYWORDS, NameUse};
use crate::core::date::Date;
use crate::core::problem::{Problem, ProblemKind, Problems};
use crate::core::text::fold;

/// A bundle that passed validation, with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Validated {
    /// The bundle.
    pub bundle: Bundle,
    /// Problems that do not stop the bundle from being used.
    pub warnings: Problems,
    /// Bytes of folded source text read to place the quotes (at most
    /// [`super::limits::quote_budget`] and one quote's search).
    pub quote_work: u64,
}

/// True for `[a-z0-9-]+` (bundle ids).
pub fn is_bundle_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// True for `[a-z0-9][a-z0-9_-]*` (all other ids).
pub fn is_id(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// True for `\d+(-\d+)*` ("20", "30-6").
fn is_number(s: &str) -> bool {
    !s.is_empty()
        && s.split('-')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

struct Validator {
    problems: Vec<Problem>,
    quotes: QuoteWork,
}

/// What seeking the quotes has cost so far, against the bundle's budget.
struct QuoteWork {
    /// Folded source text read ([`Source::find_quote`]), in bytes.
    read: u64,
    /// What the bundle may read ([`super::limits::quote_budget`]).
    budget: u64,
    /// Quotes sought.
    checked: usize,
    /// Quotes to seek, sought or not.
    total: usize,
}

/// `base.key` or `key` at the top.
fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_string()
    } else {
        format!("{base}.{key}")
    }
}

/// `base.list[id]`, or `base.list[index]` when the element has no usable id or its id was
/// already used in `seen` (so that a duplicate's path differs from the original's).
fn elem(base: &str, list: &str, id: Option<&str>, index: usize, seen: &Ids) -> String {
    match id {
        Some(id) if !id.trim().is_empty() && !seen.0.contains_key(id) => {
            format!("{}[{id}]", join(base, list))
        }
        _ => format!("{}[{index}]", join(base, list)),
    }
}

/// Tracks ids already used in one scope, with the path of their first use.
#[derive(Default)]
struct Ids(HashMap<String, String>);

/// True when an item's text asks more than one question: two question marks (「？」 or
/// 「?」), or two polite question endings (「…ますか」「…ましたか」「…ませんか」…) that close a
/// sentence or stand before or inside brackets, as in 「…ていますか（…していますか）」.
fn asks_twice(text: &str) -> bool {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let marks = chars.iter().filter(|&&c| c == '？' || c == '?').count();
    let endings = chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            c == 'か'
                && i > 0
                && matches!(chars[i - 1], 'す' | 'た' | 'ん' | 'る' | 'い')
                && matches!(
                    chars.get(i + 1),
                    None | Some('。' | '．' | '（' | '(' | '）' | ')' | '」')
                )
        })
        .count();
    marks >= 2 || endings >= 2
}

impl Validator {
    fn error(&mut self, path: impl Into<String>, kind: ProblemKind) {
        self.problems.push(Problem::error(path, kind));
    }

    fn warning(&mut self, path: impl Into<String>, kind: ProblemKind) {
        self.problems.push(Problem::warning(path, kind));
    }

    /// A required non-empty text.
    fn text(&mut self, base: &str, key: &str, value: &Option<String>) -> String {
        match value {
            None => {
                self.error(join(base, key), ProblemKind::Missing);
                String::new()
            }
            Some(v) if v.trim().is_empty() => {
                self.error(join(base, key), ProblemKind::Empty);
                String::new()
            }
            Some(v) => v.clone(),
        }
    }

    /// An optional text: absent or blank is `None`.
    fn optional(value: &Option<String>) -> Option<String> {
        value.as_ref().filter(|v| !v.trim().is_empty()).cloned()
    }

    /// A required id, checked for form and uniqueness in `seen`.
    fn id(&mut self, path: &str, value: &Option<String>, seen: &mut Ids) -> String {
        let Some(id) = value else {
            self.error(join(path, "id"), ProblemKind::Missing);
            return String::new();
        };
        if !is_id(id) {
            self.error(
                join(path, "id"),
                ProblemKind::BadId {
                    value: id.clone(),
                    bundle: false,
                },
            );
        } else if let Some(first) = seen.0.get(id) {
            self.error(
                join(path, "id"),
                ProblemKind::Duplicate {
                    id: id.clone(),
                    first: first.clone(),
                },
            );
        } else {
            seen.0.insert(id.clone(), path.to_string());
        }
        id.clone()
    }

    fn number(&mut self, path: &str, field: &'static str, value: &str) {
        if !is_number(value) {
            self.error(
                join(path, field),
                ProblemKind::BadNumber {
                    field,
                    value: value.to_string(),
                },
            );
        }
    }

    fn citation(
        &mut self,
        path: &str,
        raw: &RawCite,
        sources: &[Source],
        need_quote: bool,
    ) -> Citation {
        let source = self.text(path, "source", &raw.source);
        let article = self.text(path, "article", &raw.article);
        if !article.is_empty() {
            self.number(path, "article", &article);
        }
        let paragraph = raw.paragraph.clone().unwrap_or_else(|| "1".to_string());
        self.number(path, "paragraph", &paragraph);
        if let Some(item) = &raw.item {
            self.number(path, "item", item);
        }
        let cite = Citation {
            source: source.clone(),
            article,
            paragraph,
            item: raw.item.clone(),
            quote: Self::optional(&raw.quote),
            note: Self::optional(&raw.note),
        };
        let src = sources.iter().find(|s| s.id == source);
        if src.is_none() && !source.is_empty() {
            self.error(
                join(path, "source"),
                ProblemKind::UnknownSource { id: source.clone() },
            );
        }
        match (&cite.quote, src) {
            (None, _) if need_quote => self.error(join(path, "quote"), ProblemKind::MissingQuote),
            (Some(quote), Some(src)) if !src.text.is_empty() => {
                self.quotes.total += 1;
                if self.quotes.read > self.quotes.budget {
                    // over the budget: this quote is not sought (one problem says so)
                    return cite;
                }
                self.quotes.checked += 1;
                let found = src.find_quote(&cite, &fold(quote), &mut self.quotes.read);
                let placed =
                    !src.index.is_empty() && cite.note.is_none() && is_number(&cite.article);
                match found {
                    QuoteAt::Nowhere => self.error(
                        join(path, "quote"),
                        ProblemKind::QuoteNotFound {
                            quote: quote.clone(),
                        },
                    ),
                    QuoteAt::Elsewhere(r) if placed => {
                        let found = match src.index.locate(r.start) {
                            Some(m) => place_label(
                                &m.article,
                                Some(&m.paragraph.to_string()),
                                m.item.as_deref(),
                            ),
                            None => "条の外（目次・付則など）".to_string(),
                        };
                        self.error(
                            join(path, "quote"),
                            ProblemKind::QuoteElsewhere {
                                cited: cite.label(),
                                found,
                            },
                        );
                    }
                    QuoteAt::Cited(_) | QuoteAt::Elsewhere(_) => {}
                }
            }
            _ => {}
        }
        cite
    }

    /// An `exclude` entry: a known source, well-formed numbers, a reason.
    fn exclusion(&mut self, path: &str, raw: &RawExclude, sources: &[Source]) -> Exclusion {
        let source = self.text(path, "source", &raw.source);
        let article = self.text(path, "article", &raw.article);
        // (an empty article is reported by `text` already)
        let article_given = Some(&article).filter(|a| !a.is_empty());
        for (field, value) in [
            ("article", article_given),
            ("paragraph", raw.paragraph.as_ref()),
            ("item", raw.item.as_ref()),
        ] {
            if let Some(v) = value {
                self.number(path, field, v);
            }
        }
        let reason = self.text(path, "reason", &raw.reason);
        match sources.iter().find(|s| s.id == source) {
            None if !source.is_empty() => self.error(
                join(path, "source"),
                ProblemKind::UnknownSource { id: source.clone() },
            ),
            Some(src)
                if is_number(&article)
                    && !src.index.is_empty()
                    && src.index.article(&article).is_none() =>
            {
                self.warning(
                    join(path, "article"),
                    ProblemKind::ExcludedNotFound {
                        place: place_label(&article, None, None),
                    },
                )
            }
            _ => {}
        }
        // 「第3号」 of a single-paragraph 条 is 第1項第3号, as in a citation
        let paragraph = raw
            .paragraph
            .clone()
            .or_else(|| raw.item.as_ref().map(|_| "1".to_string()));
        Exclusion {
            source,
            article,
            paragraph,
            item: raw.item.clone(),
            reason,
        }
    }

    /// `amended`: `from` a date before `version`, every item id an item of some checklist.
    fn amended(
        &mut self,
        raw: &RawAmended,
        version: Option<Date>,
        checklists: &[Checklist],
    ) -> Amended {
        let from_text = self.text("amended", "from", &raw.from);
        let from = Date::parse_iso(&from_text);
        match (from, version) {
            (None, _) if !from_text.is_empty() => {
                self.error("amended.from", ProblemKind::BadDate { value: from_text })
            }
            (Some(from), Some(version)) if from >= version => self.error(
                "amended.from",
                ProblemKind::AmendedNotBefore {
                    from: from.to_string(),
                    version: version.to_string(),
                },
            ),
            _ => {}
        }
        let known: HashSet<&str> = checklists
            .iter()
            .flat_map(|c| c.items().map(|(_, item)| item.id.as_str()))
            .collect();
        let mut seen = Ids::default();
        let mut items = Vec::new();
        for (i, id) in raw.items.iter().enumerate() {
            let path = format!("amended.items[{i}]");
            if !known.contains(id.as_str()) {
                self.error(path, ProblemKind::UnknownItem { id: id.clone() });
            } else if let Some(first) = seen.0.get(id) {
                let first = first.clone();
                self.warning(
                    path,
                    ProblemKind::Duplicate {
                        id: id.clone(),
                        first,
                    },
                );
            } else {
                seen.0.insert(id.clone(), path);
                items.push((id.clone(), ()));
            }
        }
        Amended {
            from: from.unwrap_or(Date {
                year: 1,
                month: 1,
                day: 1,
            }),
            items: items.into_iter().collect(),
        }
    }

    fn scale(&mut self, path: &str, raw: &RawScale, seen: &mut Ids) -> Scale {
        let id = self.id(path, &raw.id, seen);
        if builtin_scales().iter().any(|b| b.id == id) {
            self.error(
                join(path, "id"),
                ProblemKind::BuiltinScale { id: id.clone() },
            );
        }
        if raw.options.is_empty() {
            self.error(
                join(path, "options"),
                ProblemKind::NoneDefined { what: "option" },
            );
        }
        let mut option_ids = Ids::default();
        let mut options = Vec::new();
        for (i, o) in raw.options.iter().enumerate() {
            let p = elem(path, "options", o.id.as_deref(), i, &option_ids);
            let oid = self.id(&p, &o.id, &mut option_ids);
            let label = self.text(&p, "label", &o.label);
            let conforming = match &o.conforming {
                Some(Value::Bool(true)) => Conformity::Yes,
                Some(Value::Bool(false)) => Conformity::No,
                Some(Value::String(s)) if s == "na" => Conformity::NotApplicable,
                Some(other) => {
                    let value = other
                        .as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| other.to_string());
                    self.error(join(&p, "conforming"), ProblemKind::BadConforming { value });
                    Conformity::No
                }
                None => {
                    self.error(join(&p, "conforming"), ProblemKind::Missing);
                    Conformity::No
                }
            };
            options.push(ScaleOption {
                id: oid,
                label,
                conforming,
                reference: o.reference,
            });
        }
        if !raw.options.is_empty() && !options.iter().any(|o| o.conforming == Conformity::Yes) {
            self.error(join(path, "options"), ProblemKind::NoConformingOption);
        }
        Scale {
            id,
            title: Self::optional(&raw.title),
            options,
            builtin: false,
        }
    }

    fn profile(&mut self, path: &str, raw: &RawProfile, seen: &mut Ids) -> ProfileQuestion {
        let id = self.id(path, &raw.id, seen);
        if KEYWORDS.contains(&id.as_str()) {
            self.error(
                join(path, "id"),
                ProblemKind::ReservedId { value: id.clone() },
            );
        }
        let text = self.text(path, "text", &raw.text);
        let kind = match raw.kind.as_deref() {
            None | Some("bool") => {
                if !raw.options.is_empty() {
                    self.error(join(path, "options"), ProblemKind::OptionsOnBool);
                }
                ProfileKind::Bool
            }
            Some("choice") => {
                if raw.options.len() < 2 {
                    self.error(join(path, "options"), ProblemKind::TooFewOptions);
                }
                let mut ids = Ids::default();
                let choices = raw
                    .options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        let p = elem(path, "options", o.id.as_deref(), i, &ids);
                        Choice {
                            id: self.id(&p, &o.id, &mut ids),
                            label: self.text(&p, "label", &o.label),
                        }
                    })
                    .collect();
                ProfileKind::Choice(choices)
            }
            Some(other) => {
                self.error(
                    join(path, "type"),
                    ProblemKind::BadProfileType {
                        value: other.to_string(),
                    },
                );
                ProfileKind::Bool
            }
        };
        ProfileQuestion {
            id,
            text,
            help: Self::optional(&raw.help),
            kind,
        }
    }

    fn condition(
        &mut self,
        path: &str,
        src: &str,
        profile: &[ProfileQuestion],
        used: &mut Vec<String>,
    ) -> Option<Condition> {
        let c = match Condition::parse(src) {
            Ok(c) => c,
            Err(e) => {
                self.error(path, ProblemKind::When(e));
                return None;
            }
        };
        let mut ok = true;
        for name in c.names() {
            let (id, option) = match name {
                NameUse::Flag(id) => (id, None),
                NameUse::Choice(id, option) => (id, Some(option)),
            };
            used.push(id.to_string());
            let kind = match profile.iter().find(|q| q.id == id) {
                None => Some(ProblemKind::WhenUnknown { id: id.to_string() }),
                Some(q) => match (&q.kind, option) {
                    (ProfileKind::Bool, None) => None,
                    (ProfileKind::Bool, Some(_)) => {
                        Some(ProblemKind::WhenNotChoice { id: id.to_string() })
                    }
                    (ProfileKind::Choice(_), None) => {
                        Some(ProblemKind::WhenNotBool { id: id.to_string() })
                    }
                    (ProfileKind::Choice(opts), Some(o)) => {
                        (!opts.iter().any(|c| c.id == o)).then(|| ProblemKind::WhenUnknownOption {
                            id: id.to_string(),
                            option: o.to_string(),
                        })
                    }
                },
            };
            if let Some(kind) = kind {
                ok = false;
                self.error(path, kind);
            }
        }
        ok.then_some(c)
    }

    fn checklist(
        &mut self,
        path: &str,
        raw: &RawChecklist,
        sources: &[Source],
        scales: &[Scale],
        seen: &mut Ids,
    ) -> Checklist {
        let id = self.id(path, &raw.id, seen);
        let kind = match raw.kind.as_deref() {
            Some("inspection") => ChecklistKind::Inspection,
            Some("contract") => ChecklistKind::Contract,
            Some(other) => {
                self.error(
                    join(path, "kind"),
                    ProblemKind::BadKind {
                        value: other.to_string(),
                    },
                );
                ChecklistKind::Inspection
            }
            None => {
                self.error(join(path, "kind"), ProblemKind::Missing);
                ChecklistKind::Inspection
            }
        };
        let title = self.text(path, "title", &raw.title);
        let respondent = self.text(path, "respondent", &raw.respondent);
        let basis = raw
            .basis
            .iter()
            .enumerate()
            .map(|(i, c)| {
                self.citation(&format!("{}[{i}]", join(path, "basis")), c, sources, false)
            })
            .collect();
        let mut profile_ids = Ids::default();
        let profile: Vec<_> = raw
            .profile
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let p = elem(path, "profile", q.id.as_deref(), i, &profile_ids);
                self.profile(&p, q, &mut profile_ids)
            })
            .collect();
        if raw.sections.is_empty() {
            self.error(
                join(path, "sections"),
                ProblemKind::NoneDefined { what: "section" },
            );
        }
        let mut section_ids = Ids::default();
        let mut item_ids = Ids::default();
        let mut used = Vec::new();
        let mut sections = Vec::new();
        for (si, rs) in raw.sections.iter().enumerate() {
            let sp = elem(path, "sections", rs.id.as_deref(), si, &section_ids);
            let sid = self.id(&sp, &rs.id, &mut section_ids);
            let stitle = self.text(&sp, "title", &rs.title);
            if rs.items.is_empty() {
                self.error(
                    join(&sp, "items"),
                    ProblemKind::NoneDefined { what: "item" },
                );
            }
            let mut items = Vec::new();
            for (ii, ri) in rs.items.iter().enumerate() {
                let ip = elem(&sp, "items", ri.id.as_deref(), ii, &item_ids);
                let iid = self.id(&ip, &ri.id, &mut item_ids);
                let text = self.text(&ip, "text", &ri.text);
                if asks_twice(&text) {
                    self.warning(join(&ip, "text"), ProblemKind::DoubleQuestion);
                }
                let when = ri
                    .when
                    .as_deref()
                    .and_then(|w| self.condition(&join(&ip, "when"), w, &profile, &mut used));
                let scale = ri
                    .scale
                    .clone()
                    .unwrap_or_else(|| kind.default_scale().to_string());
                if !scales.iter().any(|s| s.id == scale) {
                    self.error(
                        join(&ip, "scale"),
                        ProblemKind::UnknownScale { id: scale.clone() },
                    );
                }
                self.problems
                    .extend(super::lint::item(kind, &ip, &text, &scale, &ri.cite));
                if ri.cite.is_empty() {
                    self.error(
                        join(&ip, "cite"),
                        ProblemKind::NoneDefined { what: "citation" },
                    );
                }
                let cite = ri
                    .cite
                    .iter()
                    .enumerate()
                    .map(|(ci, c)| {
                        self.citation(&format!("{}[{ci}]", join(&ip, "cite")), c, sources, true)
                    })
                    .collect();
                items.push(Item {
                    id: iid,
                    number: Self::optional(&ri.number),
                    text,
                    when,
                    scale,
                    guidance: Self::optional(&ri.guidance),
                    evidence: ri
                        .evidence
                        .iter()
                        .filter(|e| !e.trim().is_empty())
                        .cloned()
                        .collect(),
                    cite,
                });
            }
            sections.push(Section {
                id: sid,
                title: stitle,
                description: Self::optional(&rs.description),
                items,
            });
        }
        for (i, q) in profile.iter().enumerate() {
            if !q.id.is_empty() && !used.contains(&q.id) {
                let p = elem(path, "profile", Some(&q.id), i, &Ids::default());
                self.warning(p, ProblemKind::UnusedProfile { id: q.id.clone() });
            }
        }
        Checklist {
            id,
            kind,
            title,
            respondent,
            report_to: Self::optional(&raw.report_to),
            description: Self::optional(&raw.description),
            basis,
            profile,
            sections,
        }
    }
}

/// Validates a bundle whose sources carry their texts (compiled form).
pub fn validate(raw: &RawBundle) -> Result<Validated, Problems> {
    validate_with(raw, true)
}

/// Validates a bundle being written (the 規則エディタ, after every edit): the same checks as
/// [`validate`], without computing its identity (the SHA-256 of its canonical JSON, left
/// empty), which only a finished bundle needs and which costs as much as the checks.
pub fn validate_draft(raw: &RawBundle) -> Result<Validated, Problems> {
    validate_with(raw, false)
}

fn validate_with(raw: &RawBundle, identity: bool) -> Result<Validated, Problems> {
    let mut v = Validator {
        problems: Vec::new(),
        quotes: QuoteWork {
            read: 0,
            budget: super::limits::quote_budget(raw),
            checked: 0,
            total: 0,
        },
    };
    match raw.format.as_deref() {
        Some(FORMAT) => {}
        found => {
            let kind = ProblemKind::WrongFormat {
                expected: FORMAT,
                found: found.map(str::to_string),
            };
            return Err(Problems(vec![Problem::error("format", kind)]));
        }
    }
    // counts first: a bundle over the limits is refused before any costly check
    let over = super::limits::check(raw);
    if !over.is_empty() {
        return Err(Problems(over));
    }
    let id = match &raw.id {
        None => {
            v.error("id", ProblemKind::Missing);
            String::new()
        }
        Some(id) => {
            if !is_bundle_id(id) {
                v.error(
                    "id",
                    ProblemKind::BadId {
                        value: id.clone(),
                        bundle: true,
                    },
                );
            }
            id.clone()
        }
    };
    let version_text = v.text("", "version", &raw.version);
    let version = Date::parse_iso(&version_text);
    if version.is_none() && !version_text.is_empty() {
        v.error(
            "version",
            ProblemKind::BadDate {
                value: version_text,
            },
        );
    }
    let title = v.text("", "title", &raw.title);
    let municipality = match &raw.municipality {
        None => {
            v.error("municipality", ProblemKind::Missing);
            Municipality {
                name: String::new(),
                code: None,
            }
        }
        Some(m) => {
            let name = v.text("municipality", "name", &m.name);
            if let Some(code) = &m.code
                && (code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()))
            {
                v.error(
                    "municipality.code",
                    ProblemKind::BadMunicipalityCode {
                        value: code.clone(),
                    },
                );
            }
            Municipality {
                name,
                code: m.code.clone(),
            }
        }
    };

    if raw.sources.is_empty() {
        v.error("sources", ProblemKind::NoneDefined { what: "source" });
    }
    let mut source_ids = Ids::default();
    let mut sources = Vec::new();
    for (i, s) in raw.sources.iter().enumerate() {
        let p = elem("", "sources", s.id.as_deref(), i, &source_ids);
        let sid = v.id(&p, &s.id, &mut source_ids);
        let stitle = v.text(&p, "title", &s.title);
        let text = v.text(&p, "text", &s.text);
        let source = Source::new(sid, stitle, Validator::optional(&s.number), text);
        if source.index.is_empty() && !source.text.is_empty() {
            v.warning(join(&p, "text"), ProblemKind::LayoutUnknown);
        }
        sources.push(source);
    }

    let exclusions = raw
        .exclude
        .iter()
        .enumerate()
        .map(|(i, e)| v.exclusion(&format!("exclude[{i}]"), e, &sources))
        .collect();

    let mut scales = builtin_scales();
    let mut scale_ids = Ids::default();
    for (i, s) in raw.scales.iter().enumerate() {
        let p = elem("", "scales", s.id.as_deref(), i, &scale_ids);
        let scale = v.scale(&p, s, &mut scale_ids);
        scales.push(scale);
    }

    if raw.checklists.is_empty() {
        v.error("checklists", ProblemKind::NoneDefined { what: "checklist" });
    }
    let mut checklist_ids = Ids::default();
    let checklists: Vec<Checklist> = raw
        .checklists
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let p = elem("", "checklists", c.id.as_deref(), i, &checklist_ids);
            v.checklist(&p, c, &sources, &scales, &mut checklist_ids)
        })
        .collect();
    let amended = raw
        .amended
        .as_ref()
        .map(|a| v.amended(a, version, &checklists));

    if v.quotes.read > v.quotes.budget {
        // one problem with the numbers, as for a count over its limit: the quotes not sought
        // cannot be said to be right or wrong
        let kind = ProblemKind::QuoteWorkTooLarge {
            quotes: v.quotes.total,
            checked: v.quotes.checked,
            read: v.quotes.read,
            max: v.quotes.budget,
        };
        return Err(Problems(vec![Problem::error("", kind)]));
    }
    let problems = Problems(v.problems);
    if problems.has_errors() {
        return Err(problems);
    }
    let hash = if identity {
        let canonical = raw
            .to_canonical_json()
            .map_err(|_| Problems(vec![Problem::error("", ProblemKind::NotCanonical)]))?;
        sha256_hex(&canonical)
    } else {
        String::new()
    };
    let bundle = Bundle {
        id,
        version: version.unwrap_or(Date {
            year: 1,
            month: 1,
            day: 1,
        }),
        title,
        municipality,
        description: Validator::optional(&raw.description),
        sources,
        scales,
        checklists,
        exclusions,
        amended,
        hash,
    };
    Ok(Validated {
        bundle,
        warnings: problems,
        quote_work: v.quotes.read,
    })
}

impl RawBundle {
    /// The compiled form: RFC 8785 canonical JSON. Its SHA-256 is the bundle's identity.
    pub fn to_canonical_json(&self) -> Result<Vec<u8>, serde_json::Error> {
        to_canonical_json(self)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use serde_json::{Value, json};

    use crate::core::bundle::{self, Bundle, Validated};
    use crate::core::message::Message;
    use crate::core::problem::{Problem, ProblemKind, Problems, Severity};

    const TOML: &str = include_str!("../../../tests/fixtures/mini/bundle.toml");
    const SOURCE: &str = include_str!("../../../tests/fixtures/mini/source.txt");

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
        let got: Vec<(String, ProblemKind)> =
            problems.into_iter().map(|p| (p.path, p.kind)).collect();
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
        let mut parsed =
            bundle::parse_toml(&TOML.replace("\"source.txt\"", "\"../../etc/passwd\""))
                .expect("parses");
        parsed.resolve_sources(|_| panic!("must not read outside the bundle directory"));
        assert!(parsed.validate().is_err());
    }
}
