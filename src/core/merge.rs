//! One draft changed in two places (two tabs, two windows — Chromium shares `file://`
//! storage among them): the two copies made one, part by part, the newer change of each
//! part kept. Nothing is overwritten silently: what came from the other copy is reported.
//!
//! Each part of a draft (the subject, the label, each profile answer, each item's answer,
//! the signature note) carries the time it was last changed ([`Draft::stamps`]). Merging is
//! commutative and idempotent, so two tabs that exchange their copies end with the same
//! draft whichever saved first.

use crate::core::draft::{Draft, Part};

/// What [`merge`] took from the other copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    /// The parts whose newer change came from the other copy.
    pub taken: Vec<Part>,
}

impl Merged {
    /// True when nothing came from the other copy.
    pub fn is_empty(&self) -> bool {
        self.taken.is_empty()
    }

    /// Item ids among the parts taken.
    pub fn items(&self) -> Vec<&str> {
        self.taken
            .iter()
            .filter_map(|p| match p {
                Part::Answer(id) => Some(id.as_str()),
                _ => None,
            })
            .collect()
    }
}

fn stamp(d: &Draft, key: &str) -> u64 {
    d.stamps.get(key).copied().unwrap_or(0)
}

/// Makes `mine` the union of `mine` and `theirs` (another copy of the same draft): for every
/// part, the copy with the later stamp wins; on a tie the content decides (the greater JSON
/// text), so that both sides reach the same result.
pub fn merge(mine: &mut Draft, theirs: &Draft) -> Merged {
    let mut taken = Vec::new();
    // every part either copy stamps or holds, in order, each once: a part without a stamp
    // (from an earlier tenken, or another page writing to our storage) is merged too, as if
    // stamped at time 0, so the result never depends on which copy merges which
    let mut keys: Vec<String> = ["subject", "label", "signature"].map(String::from).into();
    for d in [&*mine, theirs] {
        keys.extend(d.stamps.keys().cloned());
        keys.extend(d.profile.keys().map(|id| Part::Profile(id.clone()).key()));
        keys.extend(d.answers.keys().map(|id| Part::Answer(id.clone()).key()));
    }
    crate::core::sort::sort_by(&mut keys, |a, b| a.cmp(b));
    keys.dedup();
    for key in keys {
        let (a, b) = (stamp(mine, &key), stamp(theirs, &key));
        let Some(part) = Part::of_key(&key) else {
            continue;
        };
        let theirs_wins = b > a || (b == a && part_text(theirs, &part) > part_text(mine, &part));
        if !theirs_wins || part_text(theirs, &part) == part_text(mine, &part) {
            if b > a {
                mine.stamps.insert(key, b);
            }
            continue;
        }
        take(mine, theirs, &part);
        if b > 0 {
            mine.stamps.insert(key, b);
        }
        taken.push(part);
    }
    if theirs.updated > mine.updated {
        mine.updated = theirs.updated.clone();
    }
    Merged { taken }
}

/// A part's content as text, to compare copies.
fn part_text(d: &Draft, part: &Part) -> String {
    let json = |v: Option<String>| v.unwrap_or_default();
    match part {
        Part::Subject => json(serde_json::to_string(&d.subject).ok()),
        Part::Label => d.label.clone(),
        Part::Profile(id) => json(
            d.profile
                .get(id)
                .and_then(|a| serde_json::to_string(a).ok()),
        ),
        Part::Answer(id) => json(
            d.answers
                .get(id)
                .and_then(|a| serde_json::to_string(a).ok()),
        ),
        Part::Signature => json(
            d.signature
                .as_ref()
                .and_then(|s| serde_json::to_string(s).ok()),
        ),
    }
}

fn take(mine: &mut Draft, theirs: &Draft, part: &Part) {
    match part {
        Part::Subject => mine.subject = theirs.subject.clone(),
        Part::Label => mine.label = theirs.label.clone(),
        Part::Profile(id) => match theirs.profile.get(id) {
            Some(a) => {
                mine.profile.insert(id.clone(), a.clone());
            }
            None => {
                mine.profile.remove(id);
            }
        },
        Part::Answer(id) => match theirs.answers.get(id) {
            Some(a) => {
                mine.answers.insert(id.clone(), a.clone());
            }
            None => {
                mine.answers.remove(id);
            }
        },
        Part::Signature => mine.signature = theirs.signature.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::draft::{Answer, ProfileAnswer};

    fn answer(option: &str, note: &str) -> Answer {
        Answer {
            option: Some(option.into()),
            note: note.into(),
            ..Answer::default()
        }
    }

    fn base() -> Draft {
        Draft {
            id: "d".into(),
            ..Draft::default()
        }
    }

    fn set(d: &mut Draft, id: &str, a: Answer, at: u64) {
        d.answers.insert(id.into(), a);
        d.stamps.insert(Part::Answer(id.into()).key(), at);
    }

    #[test]
    fn each_item_keeps_its_newest_change_from_either_tab() {
        let mut a = base();
        let mut b = base();
        set(&mut a, "1", answer("done", ""), 10);
        set(&mut b, "1", answer("notdone", ""), 20);
        set(&mut a, "2", answer("done", "A の備考"), 30);
        set(&mut b, "2", answer("done", "B の古い備考"), 5);
        set(&mut b, "3", answer("na", ""), 7);
        let mut a2 = a.clone();
        let got = merge(&mut a, &b);
        assert_eq!(
            a.answers.get("1").cloned().expect("1"),
            answer("notdone", "")
        );
        assert_eq!(
            a.answers.get("2").cloned().expect("2"),
            answer("done", "A の備考")
        );
        assert_eq!(a.answers.get("3").cloned().expect("3"), answer("na", ""));
        assert_eq!(got.items(), ["1", "3"]);
        // the other way round gives the same draft
        let mut b2 = b.clone();
        merge(&mut b2, &a2);
        assert_eq!(b2.answers, a.answers);
        assert_eq!(b2.stamps, a.stamps);
        // and merging again changes nothing
        assert!(merge(&mut a, &b).is_empty());
        assert!(merge(&mut a2, &a).items() == ["1", "3"]);
    }

    #[test]
    fn a_newer_removal_removes_and_ties_agree() {
        let mut a = base();
        let mut b = base();
        set(&mut a, "1", answer("done", ""), 10);
        // b cleared the answer later
        b.stamps.insert(Part::Answer("1".into()).key(), 11);
        merge(&mut a, &b);
        assert!(!a.answers.contains_key("1"));
        // a tie in time: both sides pick the same content
        let mut x = base();
        let mut y = base();
        x.profile.insert("p".into(), ProfileAnswer::Bool(true));
        y.profile.insert("p".into(), ProfileAnswer::Bool(false));
        x.stamps.insert("profile/p".into(), 5);
        y.stamps.insert("profile/p".into(), 5);
        let (mut x2, mut y2) = (x.clone(), y.clone());
        merge(&mut x2, &y);
        merge(&mut y2, &x);
        assert_eq!(x2.profile, y2.profile);
    }

    #[test]
    fn subject_and_label_merge_as_wholes() {
        let mut a = base();
        let mut b = base();
        a.subject.division = "情報政策課".into();
        a.stamps.insert("subject".into(), 1);
        b.subject.division = "情報政策課".into();
        b.subject.name = "山田".into();
        b.stamps.insert("subject".into(), 2);
        b.label = "本年度".into();
        b.stamps.insert("label".into(), 2);
        b.updated = "2026-12-01T00:30:00+09:00".into();
        let got = merge(&mut a, &b);
        assert_eq!(a.subject.name, "山田");
        assert_eq!(a.label, "本年度");
        assert_eq!(got.taken, [Part::Label, Part::Subject]);
        assert_eq!(a.updated, b.updated);
    }
}
