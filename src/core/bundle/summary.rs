//! What the bundle list shows of a bundle, read from its wire form without validating it.
//!
//! The app embeds bundles that were validated at build time; validating all of them at start
//! would cost time for no gain, so the list is built from summaries and a bundle is validated
//! when it is opened (and any problem shown then).

use serde::{Deserialize, Serialize};

use super::raw::RawBundle;
use crate::core::date::Date;

/// One row of the bundle list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The bundle id.
    pub id: String,
    /// 自治体.
    pub municipality: String,
    /// The bundle's title.
    pub title: String,
    /// The titles of its 例規.
    pub sources: Vec<String>,
    /// 版 as written (`YYYY-MM-DD`).
    pub version: String,
    /// 版 in 和暦, when `version` is a valid date.
    pub version_wareki: Option<String>,
    /// Each checklist: kind label (点検／委託契約), title, number of items.
    pub checklists: Vec<ChecklistSummary>,
}

/// A checklist as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistSummary {
    /// 点検 or 委託契約 (or the kind as written when unknown).
    pub kind: String,
    /// Its title.
    pub title: String,
    /// How many items it has.
    pub items: usize,
}

impl Summary {
    /// The name it is listed under: its 自治体, else its id.
    pub fn listed_name(&self) -> String {
        if self.municipality.is_empty() {
            self.id.clone()
        } else {
            self.municipality.clone()
        }
    }

    /// Its 例規, as listed: 「A規程、B要綱」.
    pub fn sources_label(&self) -> String {
        self.sources.join("、")
    }

    /// Its 版 as shown: in 和暦 when a valid date.
    pub fn version_label(&self) -> String {
        self.version_wareki
            .clone()
            .unwrap_or_else(|| self.version.clone())
    }

    /// Its checklists, as listed: 「点検：年次点検（12項目）、…」.
    pub fn checklists_label(&self) -> String {
        self.checklists
            .iter()
            .map(|c| format!("{}：{}（{}項目）", c.kind, c.title, c.items))
            .collect::<Vec<_>>()
            .join("、")
    }

    /// Summarises a bundle's wire form; missing fields are shown as empty.
    pub fn of(raw: &RawBundle) -> Summary {
        let text = |s: &Option<String>| s.clone().unwrap_or_default();
        let version = text(&raw.version);
        Summary {
            id: text(&raw.id),
            municipality: raw
                .municipality
                .as_ref()
                .map(|m| text(&m.name))
                .unwrap_or_default(),
            title: text(&raw.title),
            sources: raw.sources.iter().map(|s| text(&s.title)).collect(),
            version_wareki: Date::parse_iso(&version).map(|d| d.wareki()),
            version,
            checklists: raw
                .checklists
                .iter()
                .map(|c| ChecklistSummary {
                    kind: match c.kind.as_deref() {
                        Some("inspection") => "点検".into(),
                        Some("contract") => "委託契約".into(),
                        other => other.unwrap_or_default().into(),
                    },
                    title: text(&c.title),
                    items: c.sections.iter().map(|s| s.items.len()).sum(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_of_fixture() {
        let toml = include_str!("../../../tests/fixtures/mini/bundle.toml");
        let parsed = super::super::parse_toml(toml).unwrap();
        let s = Summary::of(&parsed.raw);
        assert_eq!(s.id, "mini");
        assert_eq!(s.municipality, "目黒区");
        assert_eq!(s.version, "2015-10-05");
        assert_eq!(s.version_wareki.as_deref(), Some("平成27年10月5日"));
        assert_eq!(s.sources, ["目黒区電子情報処理規則（抜粋）"]);
        let lists: Vec<_> = s
            .checklists
            .iter()
            .map(|c| (c.kind.as_str(), c.items))
            .collect();
        assert_eq!(lists, [("点検", 3), ("委託契約", 2)]);
    }

    #[test]
    fn summary_of_empty_bundle_does_not_fail() {
        let s = Summary::of(&RawBundle::default());
        assert_eq!(s.municipality, "");
        assert_eq!(s.version_wareki, None);
        assert!(s.checklists.is_empty());
    }
}
