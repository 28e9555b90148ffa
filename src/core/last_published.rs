//! The last bundle 公開 signed from a 規則エディタ project, kept with the project: checked
//! with 情報担当課's key and compared with the bundle about to be signed, so that nothing is
//! signed unseen.
//!
//! A project in storage can be changed by another local page (Chromium shares `file://`
//! storage), and whatever it holds is what 公開 signs with 情報担当課's key. The signed bundle
//! kept from the last 公開 cannot be forged without that key: [`compare`] verifies it with the
//! key derived from the unlocked secret key and lists what differs — the version, the 例規
//! text line by line, items added, removed or reworded — for the author to confirm before
//! the new signature is made.

use serde_json::Value;

use crate::core::bundle::place_label;
use crate::core::bundle::raw::{RawBundle, RawChecklist, RawItem};
use crate::core::canonical::value_to_canonical_json;
use crate::core::last_signed::Change;
use crate::core::message::Message;
use crate::core::sign::{SignError, SignedBundle, verify_detached};

/// The most text lines listed for one source; the rest are counted.
const MAX_LINES: usize = 40;

/// What the last published bundle says of the one about to be signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Compared {
    /// It verifies with the key: what differs (empty: nothing).
    Verified(Vec<Change>),
    /// It does not verify with the key (another key, or changed since): reported, not used.
    Unconfirmed(SignError),
}

/// Why a kept signed bundle is not used, in words.
pub struct NotUsed<'a>(pub &'a SignError);

impl Message for NotUsed<'_> {
    fn message_ja(&self) -> String {
        format!(
            "前回公開した規則の記録を、この鍵で確かめられません（{}）。比べずに署名するかどうか、内容を確かめてから決めてください。",
            self.0.message_ja()
        )
    }

    fn message_en(&self) -> String {
        format!(
            "the bundle last published cannot be checked with this key ({}); review the bundle before signing",
            self.0.message_en()
        )
    }
}

/// Checks `last` (the signed bundle kept from the last 公開) with `public_key` (derived from
/// the unlocked secret key) and lists what differs in `current`.
pub fn compare(last: &SignedBundle, public_key: &str, current: &RawBundle) -> Compared {
    let checked = value_to_canonical_json(&last.bundle)
        .map_err(|_| SignError::BadSignature)
        .and_then(|bytes| verify_detached(&bytes, &last.signature, public_key));
    if let Err(e) = checked {
        return Compared::Unconfirmed(e);
    }
    match crate::core::tracked::deserialize::<RawBundle>(&last.bundle) {
        Ok(before) => Compared::Verified(changes(&before, current)),
        Err(_) => {
            Compared::Unconfirmed(SignError::NotSigned(crate::core::problem::Problem::error(
                "bundle",
                crate::core::problem::ProblemKind::NotADocument,
            )))
        }
    }
}

/// What differs between two versions of a bundle, as an author reads them: version, title
/// and 自治体, each source's text (the lines that changed, with their line numbers), and per
/// checklist the items added, removed or reworded (or with other citations, conditions or
/// options), and the profile questions likewise.
pub fn changes(before: &RawBundle, after: &RawBundle) -> Vec<Change> {
    let mut out = Vec::new();
    let mut add = |place: String, b: String, a: String| {
        if b != a {
            out.push(Change {
                place,
                before: b,
                after: a,
            });
        }
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    add(
        "版（施行日）".into(),
        text(&before.version),
        text(&after.version),
    );
    add("規則の名称".into(), text(&before.title), text(&after.title));
    let town = |b: &RawBundle| {
        b.municipality
            .as_ref()
            .and_then(|m| m.name.clone())
            .unwrap_or_default()
    };
    add("自治体".into(), town(before), town(after));
    let mut out_lines = Vec::new();
    for (i, new) in after.sources.iter().enumerate() {
        let old = before
            .sources
            .iter()
            .find(|s| s.id == new.id)
            .or_else(|| before.sources.get(i));
        let name = match new.title.as_deref() {
            Some(t) if !t.trim().is_empty() => format!("例規の本文（{t}）"),
            _ => "例規の本文".into(),
        };
        let old_text = old.and_then(|s| s.text.clone()).unwrap_or_default();
        out_lines.extend(line_changes(&name, &old_text, &text(&new.text)));
    }
    for old in &before.sources {
        if !after.sources.iter().any(|s| s.id == old.id) {
            out_lines.push(Change {
                place: format!("例規「{}」", text(&old.title)),
                before: "あり".into(),
                after: "削除".into(),
            });
        }
    }
    out.extend(out_lines);
    for new in &after.checklists {
        let old = before.checklists.iter().find(|c| c.id == new.id);
        out.extend(checklist_changes(old, Some(new)));
    }
    for old in &before.checklists {
        if !after.checklists.iter().any(|c| c.id == old.id) {
            out.extend(checklist_changes(Some(old), None));
        }
    }
    out
}

/// The lines that changed between two texts: the common beginning and end are left out, and
/// in what remains, lines that moved count as unchanged; changed lines are paired in order
/// (「12行目」 before and after), the rest listed as removed or added. Linear in the texts.
fn line_changes(name: &str, old: &str, new: &str) -> Vec<Change> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a_mid, b_mid) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let (mut a_sorted, mut b_sorted) = (a_mid.to_vec(), b_mid.to_vec());
    a_sorted.sort_unstable();
    b_sorted.sort_unstable();
    let only = |lines: &[&str], other: &[&str], base: usize| -> Vec<(usize, String)> {
        lines
            .iter()
            .enumerate()
            .filter(|(_, l)| other.binary_search(l).is_err())
            .map(|(i, l)| (base + i + 1, l.to_string()))
            .collect()
    };
    let removed = only(a_mid, &b_sorted, head);
    let added = only(b_mid, &a_sorted, head);
    let mut out = Vec::new();
    let total = removed.len().max(added.len());
    for k in 0..total.min(MAX_LINES) {
        let (r, n) = (removed.get(k), added.get(k));
        let line = n.or(r).map(|(l, _)| *l).unwrap_or_default();
        out.push(Change {
            place: format!("{name} {line}行目"),
            before: r.map(|(_, t)| t.clone()).unwrap_or_default(),
            after: n.map(|(_, t)| t.clone()).unwrap_or_default(),
        });
    }
    if total > MAX_LINES {
        out.push(Change {
            place: name.to_string(),
            before: String::new(),
            after: format!("ほかに {} 行の違いがあります", total - MAX_LINES),
        });
    }
    out
}

/// An item's number as the editor shows it: its own, else its first citation's place.
fn item_number(i: &RawItem) -> String {
    if let Some(n) = i.number.as_ref().filter(|n| !n.trim().is_empty()) {
        return n.clone();
    }
    match i.cite.first() {
        Some(c) => place_label(
            c.article.as_deref().unwrap_or_default(),
            Some(c.paragraph.as_deref().unwrap_or("1")),
            c.item.as_deref(),
        ),
        None => "（番号なし）".into(),
    }
}

fn checklist_changes(before: Option<&RawChecklist>, after: Option<&RawChecklist>) -> Vec<Change> {
    let mut out = Vec::new();
    let title = after
        .or(before)
        .and_then(|c| c.title.clone())
        .unwrap_or_default();
    let list = format!("チェックリスト「{title}」");
    let items = |c: Option<&RawChecklist>| -> Vec<RawItem> {
        c.map(|c| c.sections.iter().flat_map(|s| s.items.clone()).collect())
            .unwrap_or_default()
    };
    let (old_items, new_items) = (items(before), items(after));
    let text = |i: &RawItem| i.text.clone().unwrap_or_default();
    let settings = |i: &RawItem| {
        let mut i = i.clone();
        i.text = None;
        serde_json::to_string(&i).unwrap_or_default()
    };
    for new in &new_items {
        let place = format!("{list} 項目 {}", item_number(new));
        match old_items.iter().find(|o| o.id == new.id) {
            None => out.push(Change {
                place: format!("{place}（追加）"),
                before: String::new(),
                after: text(new),
            }),
            Some(old) => {
                if text(old) != text(new) {
                    out.push(Change {
                        place: format!("{place}の文"),
                        before: text(old),
                        after: text(new),
                    });
                }
                if settings(old) != settings(new) {
                    out.push(Change {
                        place: format!("{place}の引用・条件・選択肢など"),
                        before: String::new(),
                        after: "変更があります".into(),
                    });
                }
            }
        }
    }
    for old in &old_items {
        if !new_items.iter().any(|n| n.id == old.id) {
            out.push(Change {
                place: format!("{list} 項目 {}（削除）", item_number(old)),
                before: text(old),
                after: String::new(),
            });
        }
    }
    let questions = |c: Option<&RawChecklist>| -> Value {
        c.map(|c| serde_json::to_value(&c.profile).unwrap_or_default())
            .unwrap_or_default()
    };
    if questions(before) != questions(after) {
        out.push(Change {
            place: format!("{list}の前提の質問"),
            before: String::new(),
            after: "変更があります".into(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sign::UnlockedKey;

    fn key() -> UnlockedKey {
        crate::core::sign::test_key()
    }

    fn raw() -> RawBundle {
        crate::core::bundle::mini_raw()
    }

    fn published(k: &UnlockedKey, raw: &RawBundle) -> SignedBundle {
        let canonical = raw.to_canonical_json().expect("canonical");
        SignedBundle::sign(&canonical, "目黒区 情報政策課", k, 1_795_000_000).expect("signs")
    }

    #[test]
    fn the_last_published_bundle_verifies_and_the_changed_line_is_shown() {
        let k = key();
        let before = raw();
        let last = published(&k, &before);
        assert_eq!(
            compare(&last, &k.public_key(), &before),
            Compared::Verified(Vec::new())
        );
        let mut after = before.clone();
        let text = after.sources[0].text.as_mut().expect("text");
        *text = text.replacen("従事する者を制限し、", "従事する者を制限せず、", 1);
        after.version = Some("2026-04-01".into());
        after.checklists[0].sections[0].items[0].text = Some("改めた質問".into());
        after.checklists[0].sections[0].items.remove(1);
        let Compared::Verified(changes) = compare(&last, &k.public_key(), &after) else {
            panic!("verified")
        };
        let places: Vec<&str> = changes.iter().map(|c| c.place.as_str()).collect();
        assert_eq!(places[0], "版（施行日）");
        let line = changes
            .iter()
            .find(|c| {
                c.place
                    .starts_with("例規の本文（目黒区電子情報処理規則（抜粋）） ")
            })
            .expect("the changed line");
        assert!(line.place.ends_with("行目"));
        assert!(line.before.contains("制限し、") && line.after.contains("制限せず、"));
        assert!(places.contains(&"チェックリスト「電子情報処理の点検」 項目 第13条第1項第1号の文"));
        assert!(
            places.contains(&"チェックリスト「電子情報処理の点検」 項目 第13条第1項第3号（削除）")
        );
    }

    #[test]
    fn a_kept_bundle_that_does_not_verify_is_reported_not_used() {
        let (ours, theirs) = (key(), key());
        let before = raw();
        // signed by another key
        assert!(matches!(
            compare(&published(&theirs, &before), &ours.public_key(), &before),
            Compared::Unconfirmed(SignError::OtherKey { .. })
        ));
        // ours, changed in storage afterwards
        let mut changed = published(&ours, &before);
        changed.bundle["title"] = "偽の題".into();
        let Compared::Unconfirmed(e) = compare(&changed, &ours.public_key(), &before) else {
            panic!("unconfirmed")
        };
        assert_eq!(e, SignError::BadSignature);
        assert!(NotUsed(&e).message_ja().contains("確かめられません"));
    }

    #[test]
    fn line_changes_pair_edits_and_count_the_rest() {
        let old = "a\nb\nc\nd";
        let got = line_changes("本文", old, "a\nB\nc\nd\ne");
        assert_eq!(
            got,
            vec![
                Change {
                    place: "本文 2行目".into(),
                    before: "b".into(),
                    after: "B".into()
                },
                Change {
                    place: "本文 5行目".into(),
                    before: String::new(),
                    after: "e".into()
                },
            ]
        );
        // moved lines are not changes; identical texts give none
        assert!(line_changes("本文", "a\nb", "b\na").is_empty());
        assert!(line_changes("本文", old, old).is_empty());
        let many: String = (0..100).map(|i| format!("{i}\n")).collect();
        let got = line_changes("本文", "", &many);
        assert_eq!(got.len(), MAX_LINES + 1);
        assert!(got[MAX_LINES].after.contains("60 行"));
    }
}
