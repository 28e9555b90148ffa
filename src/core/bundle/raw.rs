//! The wire format of `tenken-bundle/1`, as authored (TOML) and as compiled (JSON).
//!
//! Every field is optional here so that a document with missing fields still parses and
//! the validator can report all of them at once ([`super::validate()`]). Serialising a
//! `RawBundle` gives the compiled JSON; absent fields are omitted, so authoring a field with
//! an empty list and leaving it out give the same bytes.

use serde::{Deserialize, Serialize};

/// The format id this version of tenken reads and writes.
pub const FORMAT: &str = "tenken-bundle/1";

fn is_false(b: &bool) -> bool {
    !*b
}

/// A bundle as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawBundle {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<RawMunicipality>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<RawSource>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<RawScale>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklists: Vec<RawChecklist>,
    /// 条・項・号 the bundle deliberately does not ask, each with its reason. Omitted when
    /// empty, so bundles without it keep their canonical JSON and hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<RawExclude>,
    /// The 例規改正 this version follows: since when, and which items it changed. Omitted
    /// when absent, so bundles without it keep their canonical JSON and hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amended: Option<RawAmended>,
}

/// `amended = { from = "YYYY-MM-DD", items = ["id", …] }`: the version (施行日) the amendment
/// amends, and the items whose cited text it changed, asked afresh when carried forward.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawAmended {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

/// `exclude = [{ source, article, paragraph, item, reason }]`: a place not asked, and why.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawExclude {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `municipality = { name, code }`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawMunicipality {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// `[[sources]]`: one regulation. In TOML `text` is a file name next to bundle.toml; in the
/// compiled JSON it is the text itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawSource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// `[[scales]]`: an answer scale defined by the bundle.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawScale {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<RawScaleOption>,
}

/// One option of a scale. `conforming` is `true`, `false` or `"na"`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawScaleOption {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conforming: Option<serde_json::Value>,
    /// Whether this option asks for the contract's own article number (as 明記あり does).
    #[serde(default, skip_serializing_if = "is_false")]
    pub reference: bool,
}

/// `[[checklists]]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawChecklist {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<RawCite>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profile: Vec<RawProfile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<RawSection>,
}

/// `[[checklists.profile]]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawProfile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<RawChoice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// One option of a choice profile question.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawChoice {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// `[[checklists.sections]]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawSection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<RawItem>,
}

/// `[[checklists.sections.items]]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The number shown for the item (else its first citation, 「第13条第1項」).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<RawCite>,
}

/// A citation: `{ source, article, paragraph, item, quote, note }`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawCite {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
