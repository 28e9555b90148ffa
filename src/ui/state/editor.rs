//! The open draft: its bundle and checklist, the draft itself as kept in [`Drafts`], its
//! evaluation, and the step shown. Provided through context to the walk-through's steps, so
//! none of them needs the bundle or checklist passed down.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::Bundle;
use crate::core::bundle::Checklist;
use crate::core::draft::{Draft, Part, SignatureNote};
use crate::core::evaluate::{Evaluation, evaluate};
use crate::core::last_signed::{Standing, Unconfirmed, standing};
use crate::ui::platform::{clock, dom};
use crate::ui::state::drafts::Drafts;
use crate::ui::state::keys::Keys;
use crate::ui::state::nav::{Nav, Step};

/// The open draft, shared with the step components.
#[derive(Clone, Copy)]
pub struct Editor {
    /// The draft's id.
    pub id: StoredValue<String>,
    /// The bundle answered.
    pub bundle: StoredValue<Arc<Bundle>>,
    /// The checklist's position in the bundle.
    pub checklist: usize,
    /// The draft, as kept in [`Drafts`] (changes from another tab arrive here too).
    pub draft: Memo<Draft>,
    /// Its evaluation, recomputed on every change.
    pub eval: Memo<Evaluation>,
    /// The step shown (the navigator's: Back and Forward move it).
    pub step: RwSignal<Step>,
    drafts: Drafts,
    nav: Nav,
}

impl Editor {
    /// The editor of `draft` (as it was when opened) of `bundle`; `None` when the bundle has
    /// no such checklist.
    pub fn new(bundle: Arc<Bundle>, draft: Draft) -> Option<Editor> {
        let drafts = expect_context::<Drafts>();
        let nav = expect_context::<Nav>();
        let checklist = bundle
            .checklists
            .iter()
            .position(|c| c.id == draft.checklist)?;
        let id = StoredValue::new(draft.id.clone());
        // the draft as kept in Drafts; should it vanish (deleted in another tab), the last copy
        let draft = Memo::new(move |prev: Option<&Draft>| {
            let here = id.with_value(|id| {
                drafts
                    .all
                    .with(|all| all.iter().find(|d| &d.id == id).cloned())
            });
            here.or_else(|| prev.cloned())
                .unwrap_or_else(|| draft.clone())
        });
        let b = bundle.clone();
        let eval = Memo::new(move |_| draft.with(|d| evaluate(&b, &b.checklists[checklist], d)));
        Some(Editor {
            id,
            bundle: StoredValue::new(bundle),
            checklist,
            draft,
            eval,
            step: nav.step,
            drafts,
            nav,
        })
    }

    /// The bundle.
    pub fn bundle(&self) -> Arc<Bundle> {
        self.bundle.get_value()
    }

    /// The checklist answered.
    pub fn list(&self) -> Checklist {
        self.bundle
            .with_value(|b| b.checklists[self.checklist].clone())
    }

    /// Changes `part` of the draft; it is saved within a moment (see [`Drafts::edit`]).
    pub fn edit(&self, part: Part, change: impl FnOnce(&mut Draft)) {
        self.drafts.edit(&self.id.get_value(), part, change);
    }

    /// Records that the draft's result was signed (not a change of the answers).
    pub fn mark_signed(&self, note: SignatureNote) {
        let now = clock::now_ms();
        self.drafts.touch(&self.id.get_value(), |d| {
            d.signature = Some(note);
            d.stamps.insert(Part::Signature.key(), now);
        });
        self.drafts.flush();
    }

    /// What the draft's kept signature proves now ([`crate::core::last_signed`]), and
    /// whether the key it was checked with was derived from the secret key in this session;
    /// `None` when the draft has no signature note. Tracks the draft and the key.
    pub fn signature(&self, keys: &Keys) -> Option<(Standing, bool)> {
        let note = self.draft.with(|d| d.signature.clone())?;
        let Some((key, derived)) = keys.checking_key() else {
            return Some((Standing::Unconfirmed(Unconfirmed::NoKey), false));
        };
        let bundle = self.bundle();
        let list = &bundle.checklists[self.checklist];
        // the creation time is the signed one's: standing rebuilds it
        let current = self.draft.with(|d| {
            self.eval
                .with(|e| crate::core::result::ResultDoc::of(&bundle, list, d, e, ""))
        });
        Some((standing(&note, &key, &current, list), derived))
    }

    /// Keeps the step shown and the progress with the draft (for 「続きから」).
    pub fn remember(&self, step: Step, progress: (usize, usize)) {
        let step = step.key();
        let (s, p) = self.draft.with_untracked(|d| (d.step.clone(), d.progress));
        if s != step || p != Some(progress) {
            self.drafts.touch(&self.id.get_value(), |d| {
                d.step = step;
                d.progress = Some(progress);
            });
        }
    }

    /// Shows `step` (a history entry of its own) and moves focus to its heading.
    pub fn go(&self, step: Step) {
        self.nav.go_step(step);
        dom::focus(".step h3");
        dom::scroll_to_top();
    }

    /// Shows the item `id` (its section) and focuses its first answer.
    pub fn go_to_item(&self, section: usize, id: String) {
        self.nav.go_step(Step::Section(section));
        request_animation_frame(move || {
            let q = format!("[id='item-{}'] input", id.replace('\'', ""));
            if let Some(el) = document().query_selector(&q).ok().flatten() {
                if let Some(el) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&el) {
                    el.focus().ok();
                }
                el.scroll_into_view();
            }
        });
    }
}
