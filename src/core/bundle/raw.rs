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
    /// `format`: the format id, `"tenken-bundle/1"` ([`FORMAT`]); required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// `id`: the bundle's stable id, `[a-z0-9-]+` (`"meguro"`); required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `version`: the 施行日 of the 例規 text encoded, `YYYY-MM-DD`; not changed by revising items only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// `title`: the bundle's title, shown in the bundle list; required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `municipality = { name, code }`: the 自治体 the bundle is for; required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<RawMunicipality>,
    /// `description`: optional text shown under the bundle's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `[[sources]]`: the 例規 the items cite (at least one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<RawSource>,
    /// `[[scales]]`: the bundle's own answer scales, beside the built-in `conformity` and `clause`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<RawScale>,
    /// `[[checklists]]`: the checklists (at least one).
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
    /// `from`: the version (施行日, `YYYY-MM-DD`) amended; earlier than the bundle's `version`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// `items`: ids of the items whose cited text the amendment changed, asked afresh.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

/// `exclude = [{ source, article, paragraph, item, reason }]`: a place not asked, and why.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawExclude {
    /// `source`: the id of the `[[sources]]` entry the place is in; required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// `article`: the 条, written as in a citation (`"30-6"` for 第30条の6); required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// `paragraph`: the 項; absent for the whole 条 (unlike a citation, where absent is 第1項).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<String>,
    /// `item`: the 号; absent for the whole 項 (a 号 of 第1項 when `paragraph` is absent too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// `reason`: why the place is not asked, shown by the editor and `bundle coverage`; required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `municipality = { name, code }`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawMunicipality {
    /// `name`: the 自治体名 (「目黒区」); required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `code`: the 6-digit 地方公共団体コード (`"131105"`); optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// `[[sources]]`: one regulation. In TOML `text` is a file name next to bundle.toml; in the
/// compiled JSON it is the text itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawSource {
    /// `id`: the id citations name in `source`, unique in the bundle (`"kisoku"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `title`: the 例規名 (「目黒区電子情報処理規則」); required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `number`: the 例規番号 (「平成27年10月5日目黒区規則第50号」); optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// `text`: in TOML the name of the text file next to bundle.toml; in JSON the verbatim text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// `[[scales]]`: an answer scale defined by the bundle.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawScale {
    /// `id`: the id items name in `scale`; not a built-in one (`conformity`, `clause`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `title`: an optional name for the scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `options`: the answers offered, in display order (at least one conforming).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<RawScaleOption>,
}

/// One option of a scale. `conforming` is `true`, `false` or `"na"`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawScaleOption {
    /// `id`: the option's id, stored as the answer in results (`"done"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `label`: the words the respondent picks (「実施している」); required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `conforming`: `true`, `false` (asks for an improvement plan) or `"na"`; any value here so
    /// that the validator can name a wrong one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conforming: Option<serde_json::Value>,
    /// Whether this option asks for the contract's own article number (as 明記あり does).
    #[serde(default, skip_serializing_if = "is_false")]
    pub reference: bool,
}

/// `[[checklists]]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawChecklist {
    /// `id`: the checklist's id, unique in the bundle (`"tenken"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `kind`: `"inspection"` (点検) or `"contract"` (委託契約); required, and decides the default scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// `title`: the checklist's title (「電子情報処理の点検」); required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `respondent`: who answers, the post the 例規 names (「課長」); required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    /// `report_to`: to whom the result is reported (「情報システム統括責任者」); optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_to: Option<String>,
    /// `description`: optional text shown under the checklist's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `basis`: the articles that require this checklist (citations; a quote is optional here).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<RawCite>,
    /// `[[checklists.profile]]`: the questions whose answers decide which items apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profile: Vec<RawProfile>,
    /// `[[checklists.sections]]`: the sections, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<RawSection>,
}

/// `[[checklists.profile]]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawProfile {
    /// `id`: the id `when` conditions name, unique in the checklist; not `and`, `or` or `not`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `text`: the question as the respondent reads it; required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `type`: `"bool"` (はい／いいえ, the default) or `"choice"`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// `options`: the options of a `"choice"` question (at least two); none on a `"bool"` one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<RawChoice>,
    /// `help`: an optional explanation shown under the question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// One option of a choice profile question.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawChoice {
    /// `id`: the id a condition compares with (`terminal = 'own'`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `label`: the words shown for the option (「自課にあり」); required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// `[[checklists.sections]]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawSection {
    /// `id`: the section's id, unique in the checklist (`"anzen"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `title`: the section's heading (「安全管理」); required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `description`: optional text shown under the heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `[[checklists.sections.items]]`: the items, in order (at least one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<RawItem>,
}

/// `[[checklists.sections.items]]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawItem {
    /// `id`: the item's id, unique in the checklist; answers carry forward by it; never shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The number shown for the item (else its first citation, 「第13条第1項」).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// `text`: the question the respondent answers; required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `when`: the condition over profile answers under which the item is asked
    /// (`personal and not outsourcing`); always asked when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// `scale`: the answer scale's id; absent, `conformity` for 点検 and `clause` for 委託契約.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    /// `guidance`: how to check it (確認方法); optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    /// `evidence`: the records that show it, one per entry (「従事者名簿」).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// `cite`: the 条・項・号 it comes from, each with its quote (at least one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<RawCite>,
}

/// A citation: `{ source, article, paragraph, item, quote, note }`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawCite {
    /// `source`: the id of the `[[sources]]` entry cited; required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// `article`: the 条 in ASCII digits, の as `-` (`"30-6"` for 第30条の6); required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// `paragraph`: the 項 (`"2"`); 第1項 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<String>,
    /// `item`: the 号, the n of `(n)`; absent for the whole 項.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// `quote`: words copied from the cited place, sought there after NFKC and white-space folding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// `note`: why the quote stands outside the cited place (a defect of the text); optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
