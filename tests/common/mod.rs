//! What several integration tests build the same way: a complete 点検 of the test bundle
//! (`tests/fixtures/mini`).

use tenken::core::Bundle;
use tenken::core::draft::{Answer, Draft, Plan, ProfileAnswer};
use tenken::core::evaluate::evaluate;
use tenken::core::result::ResultDoc;

/// A complete 点検 of the test bundle `b` by `division`'s 課長 for 令和8年度, the profile
/// answered (個人情報あり, 特定個人情報なし): 13-1 (built-in scale) answered `a13`, 14 (its own
/// scale) `a14`, each failing answer with `plan` when one is given.
pub fn mini_result(
    b: &Bundle,
    division: &str,
    a13: &str,
    a14: &str,
    plan: Option<&Plan>,
) -> ResultDoc {
    let list = b.checklist("tenken").expect("tenken");
    let mut d = Draft::new("d".into(), b, list, "2026-05-01T00:00:00Z");
    d.subject.division = division.into();
    d.subject.name = "課長".into();
    d.subject.fiscal_year = Some(2026);
    d.profile
        .insert("personal".into(), ProfileAnswer::Bool(true));
    d.profile
        .insert("mynumber".into(), ProfileAnswer::Choice("none".into()));
    for (id, option) in [("13-1", a13), ("14", a14)] {
        let fails = !matches!(option, "conforming" | "done");
        d.answers.insert(
            id.into(),
            Answer {
                option: Some(option.into()),
                plan: plan.filter(|_| fails).cloned().unwrap_or_default(),
                ..Answer::default()
            },
        );
    }
    let e = evaluate(b, list, &d);
    assert!(e.is_complete(), "fixture result must be complete");
    ResultDoc::of(b, list, &d, &e, "2026-05-02T00:00:00Z")
}
