//! Validation: from a [`RawBundle`] to a [`Bundle`], reporting every problem at once.

use crate::core::id_map::IdMap;

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
struct Ids(IdMap<String>);

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
        let mut known: IdMap<()> = IdMap::new();
        for c in checklists {
            for (_, item) in c.items() {
                known.insert(item.id.clone(), ());
            }
        }
        let mut seen = Ids::default();
        let mut items = Vec::new();
        for (i, id) in raw.items.iter().enumerate() {
            let path = format!("amended.items[{i}]");
            if !known.contains_key(id) {
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
mod tests;
