//! What a draft amounts to: which items apply, what is still missing, the counts, the
//! non-conformities with their plans, and for a contract the verdict.
//!
//! The UI renders an [`Evaluation`]; it never decides any of this itself.

use crate::core::id_map::IdMap;

use crate::core::bundle::{Bundle, Checklist, Conformity, Item, Scale, ScaleOption};
use crate::core::draft::{Answer, Draft, SubjectGap};

/// Where one item stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemStatus {
    /// Its condition is false: not asked (対象外). `reason` is the condition in words (as a
    /// result records it), `because` the sentence a person reads: which answers made it so.
    NotApplicable {
        /// The condition that is false, in words.
        reason: String,
        /// 「前提の質問で「…」に「いいえ」と答えたため、対象外です。」
        because: String,
    },
    /// Its condition depends on an unanswered profile question.
    Undecided,
    /// Applies and has no answer yet.
    Unanswered,
    /// Answered, but something it requires is missing.
    Incomplete {
        /// What is missing.
        missing: Missing,
    },
    /// Answered completely.
    Done,
}

/// What an answered item still lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// A non-conforming answer needs an improvement plan (内容, 担当, 期限).
    Plan,
    /// The plan's 期限 is written but is no date (「2026-02-31」, 「来年3月」).
    PlanDue,
    /// 明記あり needs the contract's own article number.
    ClauseRef,
    /// Pre-filled from a previous result and not yet confirmed.
    Confirmation,
    /// The stored option is not on the item's scale (the bundle changed).
    UnknownOption,
}

impl crate::core::message::Message for Missing {
    fn message_ja(&self) -> String {
        match self {
            Missing::Plan => "改善計画（内容・担当・期限）を入力してください",
            Missing::PlanDue => {
                "期限の日付が読めません。「令和9年3月31日」や「2027-03-31」のように、ある日付で入力してください"
            }
            Missing::ClauseRef => "契約書の条番号を入力してください",
            Missing::Confirmation => "前回の回答を引き継いでいます。確認してください",
            Missing::UnknownOption => {
                "この回答は現在の規則の選択肢にありません。選び直してください"
            }
        }
        .into()
    }

    fn message_en(&self) -> String {
        match self {
            Missing::Plan => "give the improvement plan (what, who, by when)",
            Missing::PlanDue => "the plan's due date is not a date: give one such as 2027-03-31",
            Missing::ClauseRef => "give the contract's article number",
            Missing::Confirmation => "carried over from last year: confirm it",
            Missing::UnknownOption => {
                "this answer is not an option of the current bundle: choose again"
            }
        }
        .into()
    }
}

/// One item's evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemEval {
    /// Index of its section in the checklist.
    pub section: usize,
    /// Index of the item in its section.
    pub index: usize,
    /// The item's id.
    pub id: String,
    /// Where it stands.
    pub status: ItemStatus,
    /// What the chosen option means, when answered with a known option.
    pub conformity: Option<Conformity>,
}

/// A contract checklist's verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Required clauses answered 明記なし: must be added before signing (item ids).
    pub missing_clauses: Vec<String>,
    /// Other non-conformities (pre-contract duties not done), item ids.
    pub open_duties: Vec<String>,
}

impl Verdict {
    /// True when the contract may be signed as it stands.
    pub fn is_clean(&self) -> bool {
        self.missing_clauses.is_empty() && self.open_duties.is_empty()
    }
}

/// A draft evaluated against its checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// Every item, in checklist order.
    pub items: Vec<ItemEval>,
    /// Number of profile questions.
    pub profile_total: usize,
    /// Profile questions not answered yet (ids).
    pub profile_unanswered: Vec<String>,
    /// Items that apply (decided true).
    pub applicable: usize,
    /// Applicable items answered completely.
    pub done: usize,
    /// Answers per option id, over applicable items.
    pub counts: IdMap<u64>,
    /// Applicable items answered non-conforming (ids, checklist order).
    pub nonconforming: Vec<String>,
    /// The contract verdict (contract checklists only).
    pub verdict: Option<Verdict>,
    /// What the subject (対象, 契約の概要) lacks before the result can be signed
    /// ([`crate::core::draft::Subject::gaps`]), in the form's order.
    pub subject: Vec<SubjectGap>,
    /// Where each section's items start in `items`.
    starts: Vec<usize>,
}

/// Where one section stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionState {
    /// No item of it applies.
    NotApplicable,
    /// This many applicable (or undecided) items are still open.
    Open(usize),
    /// Every applicable item is answered completely.
    Done,
}

impl Evaluation {
    /// Items that block finishing: undecided, unanswered or incomplete (ids).
    pub fn blocking(&self) -> impl Iterator<Item = &ItemEval> {
        self.items.iter().filter(|i| {
            matches!(
                i.status,
                ItemStatus::Undecided | ItemStatus::Unanswered | ItemStatus::Incomplete { .. }
            )
        })
    }

    /// True when the subject is given, and every profile question and every applicable item
    /// is answered completely: what a result needs to be signed.
    pub fn is_complete(&self) -> bool {
        self.subject.is_empty()
            && self.profile_unanswered.is_empty()
            && self.blocking().next().is_none()
    }

    /// Progress as (done, total) over what has to be answered: profile questions and
    /// applicable or undecided items.
    pub fn progress(&self) -> (usize, usize) {
        let undecided = self
            .items
            .iter()
            .filter(|i| i.status == ItemStatus::Undecided)
            .count();
        let profile_total = self.profile_total;
        let profile_done = profile_total - self.profile_unanswered.len();
        (
            self.done + profile_done,
            self.applicable + undecided + profile_total,
        )
    }

    /// The evaluation of the item with this id.
    pub fn item(&self, id: &str) -> Option<&ItemEval> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The evaluation of item `index` of section `section` (no search).
    pub fn at(&self, section: usize, index: usize) -> Option<&ItemEval> {
        let start = *self.starts.get(section)?;
        self.items
            .get(start + index)
            .filter(|i| i.section == section && i.index == index)
    }

    /// Where section `section` stands.
    pub fn section(&self, section: usize) -> SectionState {
        let start = self
            .starts
            .get(section)
            .copied()
            .unwrap_or(self.items.len());
        let mut total = 0;
        let mut open = 0;
        for i in self.items[start..]
            .iter()
            .take_while(|i| i.section == section)
        {
            match i.status {
                ItemStatus::NotApplicable { .. } => {}
                ItemStatus::Done => total += 1,
                _ => {
                    total += 1;
                    open += 1;
                }
            }
        }
        match (total, open) {
            (0, _) => SectionState::NotApplicable,
            (_, 0) => SectionState::Done,
            (_, n) => SectionState::Open(n),
        }
    }
}

/// A scale on which some option records the contract's article number is a clause scale:
/// its non-conforming answer means "add the clause", not "make a plan".
fn is_clause_scale(scale: &Scale) -> bool {
    scale.options.iter().any(|o| o.reference)
}

fn status_of(scale: Option<&Scale>, option: Option<&ScaleOption>, answer: &Answer) -> ItemStatus {
    let (Some(scale), Some(option)) = (scale, option) else {
        return ItemStatus::Incomplete {
            missing: Missing::UnknownOption,
        };
    };
    let missing = if answer.carried {
        Some(Missing::Confirmation)
    } else if option.reference && answer.clause_ref.trim().is_empty() {
        Some(Missing::ClauseRef)
    } else if option.conforming == Conformity::No
        && !is_clause_scale(scale)
        && !answer.plan.is_complete()
    {
        // a 期限 that is written but no date is said as such, whatever else is missing
        Some(if answer.plan.due_unreadable() {
            Missing::PlanDue
        } else {
            Missing::Plan
        })
    } else {
        None
    };
    match missing {
        Some(missing) => ItemStatus::Incomplete { missing },
        None => ItemStatus::Done,
    }
}

/// Whether `item` applies under `draft`'s profile answers, with the reason when it does not.
pub fn applicability(
    checklist: &Checklist,
    item: &Item,
    draft: &Draft,
) -> Option<Result<(), (String, String)>> {
    match item.applies(&|id| draft.profile_value(id))? {
        true => Some(Ok(())),
        false => {
            let Some(when) = item.when.as_ref() else {
                return Some(Ok(()));
            };
            let reason = checklist.describe_when(when);
            let because = not_applicable_sentence(checklist, when, draft, &reason);
            Some(Err((reason, because)))
        }
    }
}

/// Why an item whose condition `when` is false is not asked, as a sentence naming the
/// answers that decided it (「前提の質問で「…」に「いいえ」、「…」に「なし」と答えたため、対象外です。」);
/// the condition in words (`reason`) when no answer can be named.
pub fn not_applicable_sentence(
    checklist: &Checklist,
    when: &crate::core::condition::Condition,
    draft: &Draft,
    reason: &str,
) -> String {
    let answers: Vec<String> = when
        .deciding(&|id| draft.profile_value(id))
        .into_iter()
        .filter_map(|id| {
            let q = checklist.question(id)?;
            let a = draft.profile.get(id)?;
            Some(format!("「{}」に「{}」", q.text, a.label(q)))
        })
        .collect();
    if answers.is_empty() {
        format!("{reason}ではないため、対象外です。")
    } else {
        format!(
            "前提の質問で{}と答えたため、対象外です。",
            answers.join("、")
        )
    }
}

/// Evaluates `draft` against `checklist` of `bundle`.
pub fn evaluate(bundle: &Bundle, checklist: &Checklist, draft: &Draft) -> Evaluation {
    let mut items = Vec::with_capacity(checklist.item_count());
    let mut counts = IdMap::new();
    let (mut applicable, mut done) = (0, 0);
    let mut nonconforming = Vec::new();
    let mut missing_clauses = Vec::new();
    let mut open_duties = Vec::new();
    let mut starts = Vec::with_capacity(checklist.sections.len());
    for (s, section) in checklist.sections.iter().enumerate() {
        starts.push(items.len());
        for (i, item) in section.items.iter().enumerate() {
            let scale = bundle.scale(&item.scale);
            let answer = draft.answers.get(&item.id);
            let option = answer
                .and_then(|a| a.option.as_deref())
                .and_then(|o| scale?.option(o));
            let mut conformity = None;
            let status = match applicability(checklist, item, draft) {
                None => ItemStatus::Undecided,
                Some(Err((reason, because))) => ItemStatus::NotApplicable { reason, because },
                Some(Ok(())) => {
                    applicable += 1;
                    match answer.filter(|a| a.option.is_some()) {
                        None => ItemStatus::Unanswered,
                        Some(answer) => {
                            if let Some(o) = option {
                                conformity = Some(o.conforming);
                                *counts.get_or_insert_default(o.id.clone()) += 1;
                                if o.conforming == Conformity::No {
                                    nonconforming.push(item.id.clone());
                                    if scale.is_some_and(is_clause_scale) {
                                        missing_clauses.push(item.id.clone());
                                    } else {
                                        open_duties.push(item.id.clone());
                                    }
                                }
                            }
                            let status = status_of(scale, option, answer);
                            if status == ItemStatus::Done {
                                done += 1;
                            }
                            status
                        }
                    }
                }
            };
            items.push(ItemEval {
                section: s,
                index: i,
                id: item.id.clone(),
                status,
                conformity,
            });
        }
    }
    let profile_unanswered: Vec<String> = checklist
        .profile
        .iter()
        .filter(|q| !draft.profile.contains_key(&q.id))
        .map(|q| q.id.clone())
        .collect();
    let verdict =
        (checklist.kind == crate::core::bundle::ChecklistKind::Contract).then_some(Verdict {
            missing_clauses,
            open_duties,
        });
    Evaluation {
        items,
        profile_total: checklist.profile.len(),
        profile_unanswered,
        applicable,
        done,
        counts,
        nonconforming,
        verdict,
        subject: draft.subject.gaps(checklist.kind),
        starts,
    }
}

#[cfg(test)]
mod section_tests {
    use super::*;
    use crate::core::bundle::mini_bundle;
    use crate::core::draft::ProfileAnswer;

    #[test]
    fn sections_and_positions_without_search() {
        let b = mini_bundle();
        let list = b.checklist("tenken").expect("tenken");
        let mut d = Draft::default();
        let e = evaluate(&b, list, &d);
        assert_eq!(
            e.at(0, 0).map(|i| i.id.as_str()),
            Some(list.sections[0].items[0].id.as_str())
        );
        assert_eq!(e.at(99, 0), None);
        assert!(matches!(e.section(0), SectionState::Open(_)));
        d.profile
            .insert("personal".into(), ProfileAnswer::Bool(false));
        d.profile
            .insert("mynumber".into(), ProfileAnswer::Choice("none".into()));
        d.answers.insert(
            "14".into(),
            Answer {
                option: Some("done".into()),
                ..Answer::default()
            },
        );
        let e = evaluate(&b, list, &d);
        assert_eq!(e.section(0), SectionState::Done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::mini_bundle;
    use crate::core::draft::{Plan, ProfileAnswer};

    fn answer(option: &str) -> Answer {
        Answer {
            option: Some(option.into()),
            ..Answer::default()
        }
    }

    fn plan() -> Plan {
        Plan {
            action: "名簿を整備する".into(),
            owner: "庶務係長".into(),
            due: "2027-03-31".into(),
        }
    }

    /// The mini bundle's inspection checklist: 13-1 (when personal), 13-3 (when personal and
    /// mynumber = 'some'), 14 (always, scale jisshi); the subject given.
    fn inspection() -> (Bundle, Draft) {
        let b = mini_bundle();
        let mut d = Draft::new(
            "d".into(),
            &b,
            b.checklist("tenken").unwrap(),
            "2026-11-22T10:00:00+09:00",
        );
        d.subject.division = "情報政策課".into();
        d.subject.name = "山田 太郎".into();
        d.subject.fiscal_year = Some(2026);
        (b, d)
    }

    #[test]
    fn the_subject_is_part_of_completeness() {
        let (b, mut d) = inspection();
        d.profile
            .insert("personal".into(), ProfileAnswer::Bool(false));
        d.profile
            .insert("mynumber".into(), ProfileAnswer::Choice("none".into()));
        d.answers.insert("14".into(), answer("done"));
        let e = eval(&b, &d);
        assert!(e.is_complete() && e.subject.is_empty(), "{e:?}");
        // every item answered, and no 課名 or 年度: not complete, and the evaluation says why
        d.subject.division = " ".into();
        d.subject.fiscal_year = None;
        let e = eval(&b, &d);
        assert!(!e.is_complete());
        assert_eq!(e.blocking().count(), 0, "the items are done");
        let said: Vec<String> = e
            .subject
            .iter()
            .map(crate::core::message::Message::message_ja)
            .collect();
        assert_eq!(said, ["課名が未入力です", "対象年度が未入力です"]);
    }

    fn eval(b: &Bundle, d: &Draft) -> Evaluation {
        evaluate(b, b.checklist(&d.checklist).unwrap(), d)
    }

    #[test]
    fn unanswered_profile_leaves_items_undecided() {
        let (b, d) = inspection();
        let e = eval(&b, &d);
        let status: Vec<_> = e
            .items
            .iter()
            .map(|i| (i.id.as_str(), i.status.clone()))
            .collect();
        assert_eq!(
            status,
            [
                ("13-1", ItemStatus::Undecided),
                ("13-3", ItemStatus::Undecided),
                ("14", ItemStatus::Unanswered)
            ]
        );
        assert_eq!(e.profile_unanswered, ["personal", "mynumber"]);
        assert!(!e.is_complete());
        assert_eq!(e.progress(), (0, 5));
    }

    #[test]
    fn false_condition_makes_item_not_applicable_with_reason() {
        let (b, mut d) = inspection();
        d.profile
            .insert("personal".into(), ProfileAnswer::Bool(false));
        let e = eval(&b, &d);
        match &e.item("13-1").unwrap().status {
            ItemStatus::NotApplicable { reason, because } => {
                assert!(reason.contains("個人情報"), "{reason}");
                // a sentence naming the answer that decided it
                let q = &b.checklist("tenken").unwrap().profile[0].text;
                assert_eq!(
                    because,
                    &format!("前提の質問で「{q}」に「いいえ」と答えたため、対象外です。")
                );
            }
            other => panic!("{other:?}"),
        }
        // with both answered, the one that decided it: 「なし」, not 「はい」
        d.profile
            .insert("personal".into(), ProfileAnswer::Bool(true));
        d.profile
            .insert("mynumber".into(), ProfileAnswer::Choice("none".into()));
        let e = eval(&b, &d);
        match &e.item("13-3").unwrap().status {
            ItemStatus::NotApplicable { because, .. } => {
                assert!(
                    because.contains("」に「なし」と答えたため、対象外です。"),
                    "{because}"
                );
                assert!(!because.contains("はい"), "{because}");
            }
            other => panic!("{other:?}"),
        }
        d.profile
            .insert("personal".into(), ProfileAnswer::Bool(false));
        let e = eval(&b, &d);
        // false and anything is false, even with mynumber unanswered
        assert!(matches!(
            e.item("13-3").unwrap().status,
            ItemStatus::NotApplicable { .. }
        ));
        assert_eq!(e.applicable, 1);
    }

    #[test]
    fn non_conforming_needs_a_plan_before_complete() {
        let (b, mut d) = inspection();
        d.profile
            .insert("personal".into(), ProfileAnswer::Bool(true));
        d.profile
            .insert("mynumber".into(), ProfileAnswer::Choice("none".into()));
        d.answers.insert("13-1".into(), answer("partial"));
        d.answers.insert("14".into(), answer("done"));
        let e = eval(&b, &d);
        assert_eq!(
            e.item("13-1").unwrap().status,
            ItemStatus::Incomplete {
                missing: Missing::Plan
            }
        );
        assert_eq!(e.nonconforming, ["13-1"]);
        assert!(!e.is_complete());
        // every field given, but a 期限 that is no date: said as such
        for due in ["2026-02-31", "来年3月"] {
            d.answers.get_mut("13-1").unwrap().plan = Plan {
                due: due.into(),
                ..plan()
            };
            let status = eval(&b, &d).item("13-1").unwrap().status.clone();
            assert_eq!(
                status,
                ItemStatus::Incomplete {
                    missing: Missing::PlanDue
                },
                "{due}"
            );
            use crate::core::message::Message;
            assert!(
                Missing::PlanDue
                    .message_ja()
                    .starts_with("期限の日付が読めません")
            );
        }
        // an empty 期限 is a missing plan field
        d.answers.get_mut("13-1").unwrap().plan = Plan {
            due: String::new(),
            ..plan()
        };
        assert_eq!(
            eval(&b, &d).item("13-1").unwrap().status,
            ItemStatus::Incomplete {
                missing: Missing::Plan
            }
        );
        d.answers.get_mut("13-1").unwrap().plan = plan();
        let e = eval(&b, &d);
        assert!(e.is_complete(), "{e:?}");
        assert_eq!(e.progress(), (4, 4));
        assert_eq!(e.counts.get("partial"), Some(&1));
        assert_eq!(e.counts.get("done"), Some(&1));
        assert_eq!(e.verdict, None, "no verdict for an inspection");
    }

    #[test]
    fn custom_scale_non_conforming_needs_plan_too() {
        let (b, mut d) = inspection();
        d.profile
            .insert("personal".into(), ProfileAnswer::Bool(false));
        d.profile
            .insert("mynumber".into(), ProfileAnswer::Choice("none".into()));
        d.answers.insert("14".into(), answer("notdone"));
        assert_eq!(
            eval(&b, &d).item("14").unwrap().status,
            ItemStatus::Incomplete {
                missing: Missing::Plan
            }
        );
    }

    #[test]
    fn carried_answers_must_be_confirmed_and_unknown_options_rechosen() {
        let (b, mut d) = inspection();
        d.profile
            .insert("personal".into(), ProfileAnswer::Bool(false));
        d.profile
            .insert("mynumber".into(), ProfileAnswer::Choice("none".into()));
        d.answers.insert(
            "14".into(),
            Answer {
                carried: true,
                ..answer("done")
            },
        );
        assert_eq!(
            eval(&b, &d).item("14").unwrap().status,
            ItemStatus::Incomplete {
                missing: Missing::Confirmation
            }
        );
        d.answers.insert("14".into(), answer("gone"));
        let e = eval(&b, &d);
        assert_eq!(
            e.item("14").unwrap().status,
            ItemStatus::Incomplete {
                missing: Missing::UnknownOption
            }
        );
        assert!(!e.is_complete());
    }

    #[test]
    fn contract_missing_clause_gives_must_add_verdict() {
        let b = mini_bundle();
        let list = b.checklist("keiyaku").unwrap();
        let mut d = Draft::new("c".into(), &b, list, "now");
        d.subject.division = "情報政策課".into();
        d.subject.contract_title = "住民記録システム保守".into();
        d.subject.contractor = "株式会社テスト".into();
        d.subject.period_from = "2027-04-01".into();
        d.subject.period_to = "2028-03-31".into();
        d.profile
            .insert("tokutei".into(), ProfileAnswer::Bool(true));
        d.answers.insert(
            "20-1-1".into(),
            Answer {
                clause_ref: "第5条".into(),
                ..answer("stated")
            },
        );
        d.answers.insert("20-2-1".into(), answer("missing"));
        let e = evaluate(&b, list, &d);
        // 明記なし is a complete answer (no plan asked) but the verdict says what to add
        assert!(e.is_complete(), "{e:?}");
        let v = e.verdict.clone().unwrap();
        assert_eq!(v.missing_clauses, ["20-2-1"]);
        assert!(!v.is_clean());
        // 明記あり without the contract's article number is incomplete
        d.answers.insert("20-1-1".into(), answer("stated"));
        d.answers.insert(
            "20-2-1".into(),
            Answer {
                clause_ref: "第9条".into(),
                ..answer("stated")
            },
        );
        let e = evaluate(&b, list, &d);
        assert_eq!(
            e.item("20-1-1").unwrap().status,
            ItemStatus::Incomplete {
                missing: Missing::ClauseRef
            }
        );
        d.answers.get_mut("20-1-1").unwrap().clause_ref = "第5条".into();
        let e = evaluate(&b, list, &d);
        assert!(e.is_complete() && e.verdict.unwrap().is_clean());
    }
}
