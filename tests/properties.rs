//! Laws the core relies on, as properties with failures persisted next to this file
//! (`properties.proptest-regressions`, replayed before new cases):
//!
//! - `core::merge`: two tabs' copies of a draft end the same whichever saved first — merging is
//!   commutative, idempotent and associative on what a draft holds;
//! - `core::tracked` reads a value exactly as `serde_json::from_value` does, where both read
//!   it (it refuses some shapes serde_json would bend, never the other way round);
//! - `core::id_map::IdMap` behaves as a `BTreeMap` would: the same entries, in the same order,
//!   through inserts, removals and reading a JSON object with repeated keys.

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use tenken::core::draft::{Answer, Draft, Plan, ProfileAnswer, Subject};
use tenken::core::id_map::IdMap;
use tenken::core::merge::merge;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

/// A part's content, or its absence (a removed answer still has its stamp).
fn answer() -> impl Strategy<Value = Option<Answer>> {
    proptest::option::of(
        (
            proptest::option::of(prop_oneof!["conforming", "nonconforming", "na"]),
            prop_oneof!["", "備考", "研修を実施"],
            prop_oneof!["", "係長"],
        )
            .prop_map(|(option, note, owner)| Answer {
                option,
                note,
                plan: Plan {
                    owner,
                    ..Plan::default()
                },
                ..Answer::default()
            }),
    )
}

/// One copy of a draft: a few parts, each with a content and a stamp (small stamps, so that
/// ties — decided by content — happen often).
fn copy() -> impl Strategy<Value = Draft> {
    (
        (prop_oneof!["", "総務課", "情報政策課"], 0u64..4),
        (prop_oneof!["", "下書き", "2026"], 0u64..4),
        proptest::collection::vec((proptest::option::of(any::<bool>()), 0u64..4), 3),
        proptest::collection::vec((answer(), 0u64..4), 4),
        prop_oneof!["2026-05-01", "2026-05-02", "2026-05-03"],
    )
        .prop_map(|((division, s), (label, l), profile, answers, updated)| {
            let mut d = Draft {
                id: "d".into(),
                checklist: "tenken".into(),
                subject: Subject {
                    division,
                    ..Subject::default()
                },
                label,
                updated,
                ..Draft::default()
            };
            let mut stamp = |key: String, t: u64| {
                if t > 0 {
                    d.stamps.insert(key, t);
                }
            };
            stamp("subject".into(), s);
            stamp("label".into(), l);
            for (i, (a, t)) in profile.into_iter().enumerate() {
                stamp(format!("profile/p{i}"), t);
                if let Some(a) = a {
                    d.profile.insert(format!("p{i}"), ProfileAnswer::Bool(a));
                }
            }
            for (i, (a, t)) in answers.into_iter().enumerate() {
                stamp(format!("answer/{i}"), t);
                if let Some(a) = a {
                    d.answers.insert(i.to_string(), a);
                }
            }
            d
        })
}

fn merged(a: &Draft, b: &Draft) -> Draft {
    let mut m = a.clone();
    merge(&mut m, b);
    m
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn merging_is_commutative(a in copy(), b in copy()) {
        prop_assert_eq!(merged(&a, &b), merged(&b, &a));
    }

    #[test]
    fn merging_is_idempotent(a in copy(), b in copy()) {
        let once = merged(&a, &b);
        prop_assert_eq!(&merged(&once, &b), &once);
        prop_assert_eq!(&merged(&once, &a), &once);
        let mut same = a.clone();
        prop_assert!(merge(&mut same, &a).is_empty());
        prop_assert_eq!(same, a);
    }

    #[test]
    fn merging_is_associative(a in copy(), b in copy(), c in copy()) {
        prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
    }
}

/// A JSON leaf of any kind (what a hostile file puts where a field is expected).
fn leaf() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..3000).prop_map(Value::from),
        prop_oneof!["", "総務課", "conforming", "2026-04-01", "研修"].prop_map(Value::from),
    ]
}

/// An answer as JSON: its members present, absent, or of another kind.
fn answer_json() -> impl Strategy<Value = serde_json::Value> {
    proptest::collection::vec(
        (
            prop_oneof!["option", "note", "clause_ref", "carried", "plan"],
            leaf(),
        ),
        0..5,
    )
    .prop_map(|members| {
        let mut m = serde_json::Map::new();
        for (k, v) in members {
            m.insert(k.to_string(), v);
        }
        serde_json::Value::Object(m)
    })
}

fn same_reading<T>(v: &serde_json::Value) -> Result<(), TestCaseError>
where
    T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let ours = tenken::core::tracked::deserialize::<T>(v);
    let theirs = serde_json::from_value::<T>(v.clone());
    match (ours, theirs) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
        (Err(_), Err(_)) => {}
        (a, b) => prop_assert!(
            false,
            "{:?} vs {:?} for {}",
            a.map(|_| ()),
            b.map(|_| ()),
            v
        ),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn tracked_reads_as_serde_json_does(
        answers in proptest::collection::vec(answer_json(), 0..4),
        subject in proptest::collection::vec(
            (prop_oneof!["division", "name", "fiscal_year", "period_from"], leaf()),
            0..4,
        ),
    ) {
        for a in &answers {
            same_reading::<Answer>(a)?;
        }
        let mut s = serde_json::Map::new();
        for (k, v) in subject {
            s.insert(k.to_string(), v);
        }
        same_reading::<Subject>(&serde_json::Value::Object(s))?;
        let map: serde_json::Map<String, serde_json::Value> = answers
            .into_iter()
            .enumerate()
            .map(|(i, a)| (format!("1-{i}"), a))
            .collect();
        same_reading::<IdMap<Answer>>(&serde_json::Value::Object(map))?;
    }
}

/// What can be done to a map.
#[derive(Debug, Clone)]
enum Op {
    Insert(u8, u32),
    Remove(u8),
    Default(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..12, any::<u32>()).prop_map(|(k, v)| Op::Insert(k, v)),
        (0u8..12).prop_map(Op::Remove),
        (0u8..12).prop_map(Op::Default),
    ]
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn id_map_behaves_as_a_btree_map(ops in proptest::collection::vec(op(), 0..60)) {
        let mut ours: IdMap<u32> = IdMap::new();
        let mut model: BTreeMap<String, u32> = BTreeMap::new();
        for op in ops {
            match op {
                Op::Insert(k, v) => {
                    let k = format!("k{k}");
                    prop_assert_eq!(ours.insert(k.clone(), v), model.insert(k, v));
                }
                Op::Remove(k) => {
                    let k = format!("k{k}");
                    prop_assert_eq!(ours.remove(&k), model.remove(&k));
                }
                Op::Default(k) => {
                    let k = format!("k{k}");
                    *ours.get_or_insert_default(k.clone()) += 1;
                    *model.entry(k).or_default() += 1;
                }
            }
            prop_assert_eq!(ours.len(), model.len());
            let a: Vec<(&String, &u32)> = ours.iter().collect();
            let b: Vec<(&String, &u32)> = model.iter().collect();
            prop_assert_eq!(a, b);
        }
        for k in 0..12u8 {
            let k = format!("k{k}");
            prop_assert_eq!(ours.get(&k), model.get(&k));
            prop_assert_eq!(ours.contains_key(&k), model.contains_key(&k));
        }
    }

    /// A JSON object with keys in any order and repeated keys (the last value wins, as a
    /// `BTreeMap` read by serde_json has it) reads as the same map, written back sorted.
    #[test]
    fn id_map_reads_json_as_a_btree_map_does(
        entries in proptest::collection::vec((0u8..10, any::<u32>()), 0..30)
    ) {
        let text = format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("\"k{k}\":{v}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        let ours: IdMap<u32> = serde_json::from_str(&text).expect("IdMap");
        let model: BTreeMap<String, u32> = serde_json::from_str(&text).expect("BTreeMap");
        let a: Vec<(&String, &u32)> = ours.iter().collect();
        let b: Vec<(&String, &u32)> = model.iter().collect();
        prop_assert_eq!(a, b);
        prop_assert_eq!(
            serde_json::to_string(&ours).expect("write"),
            serde_json::to_string(&model).expect("write")
        );
    }
}
