//! Warnings about what an item asks, beyond the rules of the format: wording the validator can
//! recognise by its words but must not refuse (policies/README.md §2). Each is a warning with
//! the item's path and a message in Japanese and English, never an error.
//!
//! One rule so far. A 委託契約 (contract) checklist is answered before the contract is signed
//! (DESIGN: 「before signing an outsourcing contract」), so an item of one cannot truly ask
//! whether an act after signing was done: a report received during the contract, the work
//! completed, the signed contract kept. Such an act is asked as what the contract (or its
//! specification) must say for it, or in the 点検. The rule is stated by words: an item of a
//! contract checklist whose question or quote holds one of [`AFTER_SIGNING`] is warned about,
//! unless it asks what the contract states: its scale is `clause`, or its question names a
//! contract document ([`CONTRACT_DOCUMENTS`]) and what it states ([`STATES`]).

use super::ChecklistKind;
use super::raw::RawCite;
use crate::core::problem::{Problem, ProblemKind};

pub use crate::core::problem::Lint;

/// Words that place an act after the contract is signed: during the contract (契約期間中,
/// 履行中, 履行状況), at or after its end (契約終了後, 完了した), once signed (締結した), once
/// outsourced (委託した, 委託を受けたもの: the contractor), or a report received (報告を受け).
pub const AFTER_SIGNING: &[&str] = &[
    "契約期間中",
    "委託期間中",
    "履行中",
    "履行状況",
    "契約終了後",
    "契約の終了後",
    "契約終了時",
    "完了後",
    "完了した",
    "完了時",
    "実施後",
    "締結した",
    "締結後",
    "報告を受け",
    "委託した",
    "委託をした",
    "委託を受けたもの",
];

/// Documents that hold a contract's terms.
pub const CONTRACT_DOCUMENTS: &[&str] = &["契約書", "仕様書", "覚書", "確認書", "特記事項"];

/// Words for what such a document states.
pub const STATES: &[&str] = &["明記", "記載", "定め", "条項"];

/// The first of [`AFTER_SIGNING`] in `text` (white space ignored).
pub fn after_signing_phrase(text: &str) -> Option<&'static str> {
    let folded: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    AFTER_SIGNING.iter().copied().find(|p| folded.contains(p))
}

/// True when a question asks what a contract document states (「…が契約書に定められていますか」).
pub fn asks_contract_terms(text: &str) -> bool {
    CONTRACT_DOCUMENTS.iter().any(|d| text.contains(d)) && STATES.iter().any(|s| text.contains(s))
}

/// The warnings for one item at `path` (`checklists[ID].sections[ID].items[ID]`) of a checklist
/// of `kind`, with its question, scale and citations.
pub(crate) fn item(
    kind: ChecklistKind,
    path: &str,
    text: &str,
    scale: &str,
    cite: &[RawCite],
) -> Option<Problem> {
    if kind != ChecklistKind::Contract || scale == "clause" || asks_contract_terms(text) {
        return None;
    }
    let phrase = after_signing_phrase(text).or_else(|| {
        cite.iter()
            .filter_map(|c| c.quote.as_deref())
            .find_map(after_signing_phrase)
    })?;
    Some(Problem::warning(
        format!("{path}.text"),
        ProblemKind::Lint(Lint::AfterSigning { phrase }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::message::Message;

    fn cite(quote: &str) -> Vec<RawCite> {
        vec![RawCite {
            quote: Some(quote.to_string()),
            ..RawCite::default()
        }]
    }

    fn warned(kind: ChecklistKind, text: &str, scale: &str, quote: &str) -> Option<&'static str> {
        item(
            kind,
            "checklists[k].sections[s].items[i]",
            text,
            scale,
            &cite(quote),
        )
        .map(|p| {
            assert_eq!(p.path, "checklists[k].sections[s].items[i].text");
            assert!(!p.is_error());
            match p.kind {
                ProblemKind::Lint(Lint::AfterSigning { phrase }) => phrase,
                other => panic!("{other:?}"),
            }
        })
    }

    #[test]
    fn an_act_after_signing_is_warned_about_in_a_contract_checklist_only() {
        use ChecklistKind::{Contract, Inspection};
        // the question speaks of it
        let received = "委託先から事故の報告を受けたとき、保護管理者に報告がありましたか。";
        assert_eq!(
            warned(Contract, received, "conformity", "…"),
            Some("報告を受け")
        );
        assert_eq!(warned(Inspection, received, "conformity", "…"), None);
        let kept = "締結した委託契約書を、課等で保管することとしていますか。";
        assert_eq!(warned(Contract, kept, "conformity", "…"), Some("締結した"));
        // its quote does
        assert_eq!(
            warned(
                Contract,
                "必要に応じて調査していますか。",
                "conformity",
                "外部委託を受けたものにおける…その他履行状況に関し、調査するものとする。"
            ),
            Some("履行状況")
        );
        // white space does not hide the words
        assert_eq!(
            warned(
                Contract,
                "委託業務が完了 したとき、返却させましたか。",
                "conformity",
                "…"
            ),
            Some("完了した")
        );
    }

    #[test]
    fn what_the_contract_must_say_for_it_is_not_warned_about() {
        use ChecklistKind::Contract;
        // a clause item
        assert_eq!(
            warned(
                Contract,
                "委託契約終了後の特定個人情報の返却又は廃棄が契約書等に明記されていますか。",
                "clause",
                "委託契約終了後の特定個人情報の返却又は廃棄"
            ),
            None
        );
        // a conformity item that asks what the contract or the specification states
        assert_eq!(
            warned(
                Contract,
                "委託業務の進捗状況を管理するための定めが、契約書又は仕様書にありますか。",
                "conformity",
                "システム関係業務を委託したときは、…管理しなければならない。"
            ),
            None
        );
        // an act before signing
        assert_eq!(
            warned(
                Contract,
                "契約に先立ち、委託先の管理体制を調査しましたか。",
                "conformity",
                "外部に委託しようとするときは、あらかじめ、…調査しなければならない。"
            ),
            None
        );
    }

    #[test]
    fn messages_in_both_languages_name_the_words() {
        let l = Lint::AfterSigning {
            phrase: "報告を受け",
        };
        assert!(l.message_ja().contains("「報告を受け」"));
        assert!(l.message_en().contains("\"報告を受け\""));
    }
}
