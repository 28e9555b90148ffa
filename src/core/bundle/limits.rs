//! How large a bundle may be: every count an author (or a hostile file) can set is capped,
//! so that opening a bundle and walking through it stays quick on an office PC.
//!
//! The limits are far above any real 例規 (the largest built-in checklist has 73 items in
//! 9 sections) and are checked before anything else, so that a bundle of 20,000 items is
//! refused at once with the numbers instead of freezing the page.

use super::raw::RawBundle;
use crate::core::problem::{Problem, ProblemKind};

/// Sources (例規) in a bundle.
pub const MAX_SOURCES: usize = 20;
/// Answer scales a bundle defines.
pub const MAX_SCALES: usize = 50;
/// Options of a scale or of a choice question.
pub const MAX_OPTIONS: usize = 30;
/// Checklists in a bundle.
pub const MAX_CHECKLISTS: usize = 20;
/// Profile questions of a checklist.
pub const MAX_PROFILE: usize = 50;
/// Sections of a checklist.
pub const MAX_SECTIONS: usize = 100;
/// Items of one section (one screen of the walk-through).
pub const MAX_SECTION_ITEMS: usize = 200;
/// Items of a checklist.
pub const MAX_CHECKLIST_ITEMS: usize = 2_000;
/// Citations of an item, and of a checklist's basis.
pub const MAX_CITES: usize = 20;
/// Evidence entries of an item.
pub const MAX_EVIDENCE: usize = 20;
/// Exclusions (`exclude`) of a bundle.
pub const MAX_EXCLUSIONS: usize = 2_000;
/// Items an amendment (`amended.items`) lists: as many as a bundle can hold.
pub const MAX_AMENDED_ITEMS: usize = MAX_CHECKLISTS * MAX_CHECKLIST_ITEMS;

/// Quote matching (every `quote` must occur at its place in its source, after folding): the
/// folded source text the validator may read to place a bundle's quotes is
/// [`QUOTE_READ_BASE`] bytes plus [`QUOTE_READ_PER_SOURCE_BYTE`] times the bytes of its
/// source texts (96 MB for a 2 MB text; a second or less in the browser). Each quote is
/// sought in its cited article first, and the search stops at its first occurrence there: a
/// real bundle reads little more than the articles it cites (the built-in ones, 25–120 KB in
/// all). Only quotes that are not where they say they are make the search read the whole
/// text, and thousands of them would freeze the page for minutes.
pub const QUOTE_READ_BASE: u64 = 32 * 1024 * 1024;
/// See [`QUOTE_READ_BASE`].
pub const QUOTE_READ_PER_SOURCE_BYTE: u64 = 32;

/// The folded source text `raw`'s quotes may make the validator read, in bytes (see
/// [`QUOTE_READ_BASE`]).
pub fn quote_budget(raw: &RawBundle) -> u64 {
    let sources: u64 = raw
        .sources
        .iter()
        .filter_map(|s| s.text.as_ref())
        .map(|t| t.len() as u64)
        .sum();
    QUOTE_READ_BASE.saturating_add(sources.saturating_mul(QUOTE_READ_PER_SOURCE_BYTE))
}

/// Every count above its limit, with its place.
pub fn check(raw: &RawBundle) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut over = |path: String, what: &'static str, count: usize, max: usize| {
        if count > max {
            out.push(Problem::error(
                path,
                ProblemKind::TooMany { what, count, max },
            ));
        }
    };
    over("sources".into(), "source", raw.sources.len(), MAX_SOURCES);
    over("scales".into(), "scale", raw.scales.len(), MAX_SCALES);
    over(
        "exclude".into(),
        "exclusion",
        raw.exclude.len(),
        MAX_EXCLUSIONS,
    );
    if let Some(a) = &raw.amended {
        over(
            "amended.items".into(),
            "item",
            a.items.len(),
            MAX_AMENDED_ITEMS,
        );
    }
    for (i, s) in raw.scales.iter().enumerate().take(MAX_SCALES) {
        over(
            format!("scales[{i}].options"),
            "option",
            s.options.len(),
            MAX_OPTIONS,
        );
    }
    over(
        "checklists".into(),
        "checklist",
        raw.checklists.len(),
        MAX_CHECKLISTS,
    );
    for (ci, c) in raw.checklists.iter().enumerate().take(MAX_CHECKLISTS) {
        let at = format!(
            "checklists[{}]",
            c.id.clone().unwrap_or_else(|| ci.to_string())
        );
        over(format!("{at}.basis"), "citation", c.basis.len(), MAX_CITES);
        over(
            format!("{at}.profile"),
            "profile",
            c.profile.len(),
            MAX_PROFILE,
        );
        for (pi, p) in c.profile.iter().enumerate().take(MAX_PROFILE) {
            over(
                format!("{at}.profile[{pi}].options"),
                "option",
                p.options.len(),
                MAX_OPTIONS,
            );
        }
        over(
            format!("{at}.sections"),
            "section",
            c.sections.len(),
            MAX_SECTIONS,
        );
        let items: usize = c.sections.iter().map(|s| s.items.len()).sum();
        over(format!("{at}.sections"), "item", items, MAX_CHECKLIST_ITEMS);
        for (si, s) in c.sections.iter().enumerate().take(MAX_SECTIONS) {
            let sp = format!(
                "{at}.sections[{}]",
                s.id.clone().unwrap_or_else(|| si.to_string())
            );
            over(
                format!("{sp}.items"),
                "item",
                s.items.len(),
                MAX_SECTION_ITEMS,
            );
            for (ii, item) in s.items.iter().enumerate().take(MAX_SECTION_ITEMS) {
                let ip = format!(
                    "{sp}.items[{}]",
                    item.id.clone().unwrap_or_else(|| ii.to_string())
                );
                over(format!("{ip}.cite"), "citation", item.cite.len(), MAX_CITES);
                over(
                    format!("{ip}.evidence"),
                    "evidence",
                    item.evidence.len(),
                    MAX_EVIDENCE,
                );
            }
        }
    }
    out
}
