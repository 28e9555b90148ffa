//! How a drafted question is compared with one an author wrote: the measure of the
//! 規則エディタ's drafts against the built-in bundles (`tests/drafts.rs`).
//!
//! Two figures, both mechanical:
//!
//! - **equal** ([`same_question`]): the two read the same once punctuation and white space
//!   are normalised ([`question_key`]: NFKC, so full-width and half-width brackets, digits
//!   and letters agree; every white-space character removed; the marks 「、」「。」「，」「．」
//!   「,」「.」「？」「?」「！」「!」「・」 and the corner brackets 「」『』 removed);
//! - **accepted unchanged** ([`accepted_as`]): a strict criterion for a draft a reviewer would
//!   take as it is although it differs from the author's wording in particles or okurigana
//!   only: the same content words in the same order ([`content_words`]: the runs of kanji,
//!   katakana, digits and letters, hiragana and punctuation separating them), the same ending
//!   (the hiragana after the last content word: 「…ていますか」 is not 「…ましたか」 nor
//!   「…させていますか」) and as many negations (「ない」) as the author's.
//!
//! Equal implies accepted.

use crate::core::text::nfkc;

/// Punctuation removed by [`question_key`].
const MARKS: &[char] = &[
    '、', '。', '，', '．', ',', '.', '？', '?', '！', '!', '・', '「', '」', '『', '』',
];

/// The question as compared: NFKC, no white space, no punctuation marks (see the module).
pub fn question_key(q: &str) -> String {
    nfkc(q)
        .chars()
        .filter(|c| !c.is_whitespace() && !MARKS.contains(c))
        .collect()
}

/// True when `a` and `b` read the same after [`question_key`].
pub fn same_question(a: &str, b: &str) -> bool {
    question_key(a) == question_key(b)
}

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309f}').contains(&c)
}

/// A content character: kanji, katakana (with 「ー」), 「々」, digits and letters.
fn is_content(c: char) -> bool {
    c.is_alphanumeric() && !is_hiragana(c)
}

/// The content words of a question (see the module), its ending, and how many 「ない」 it
/// holds.
pub fn content_words(q: &str) -> (Vec<String>, String, usize) {
    let key = question_key(q);
    let mut words = Vec::new();
    let mut word = String::new();
    let mut tail = String::new();
    for c in key.chars() {
        if is_content(c) {
            if word.is_empty() {
                tail.clear();
            }
            word.push(c);
        } else {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            if is_hiragana(c) {
                tail.push(c);
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
        tail.clear();
    }
    (words, tail, key.matches("ない").count())
}

/// True when a reviewer would take `draft` unchanged for `reference` by the strict criterion
/// of the module: the same content words in the same order, the same ending, as many
/// negations.
pub fn accepted_as(draft: &str, reference: &str) -> bool {
    same_question(draft, reference) || content_words(draft) == content_words(reference)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_space_do_not_count() {
        assert!(same_question(
            "保護データを、適正に管理していますか。",
            "保護データを適正に管理していますか"
        ));
        assert!(same_question(
            "様式（第１号）により 報告していますか？",
            "様式(第1号)により報告していますか。"
        ));
        assert!(!same_question(
            "保護データを管理していますか。",
            "保護データを管理しましたか。"
        ));
        assert_eq!(question_key(" 「A」・B、\n"), "AB");
    }

    #[test]
    fn content_words_in_order_with_the_same_ending() {
        let (words, tail, no) = content_words("外部委託をするとき、委託先を調査していますか。");
        assert_eq!(words, ["外部委託", "委託先", "調査"]);
        assert_eq!((tail.as_str(), no), ("していますか", 0));
        // particles and okurigana differ: accepted
        assert!(accepted_as(
            "所管する情報を適正に管理していますか。",
            "所管の情報を適正に管理していますか。"
        ));
        // the ending is the hiragana after the last content word, particle included
        assert!(!accepted_as(
            "情報を管理していますか。",
            "情報の管理をしていますか。"
        ));
        // another ending, another order, a word more, a negation more: not accepted
        for (draft, reference) in [
            ("事故を報告していますか。", "事故を報告しましたか。"),
            ("職員を監督していますか。", "職員に監督させていますか。"),
            (
                "記録を保管し、確認していますか。",
                "確認し、記録を保管していますか。",
            ),
            ("記録を確認していますか。", "記録を必ず確認していますか。"),
            (
                "私物の媒体を接続するようにしていますか。",
                "私物の媒体を接続しないようにしていますか。",
            ),
        ] {
            assert!(!accepted_as(draft, reference), "{draft} / {reference}");
        }
    }
}
