//! The 規則エディタ's state: the bundle being written (its wire form), validated live, with
//! undo and redo, kept in this browser as it is edited (like drafts: within a moment of every
//! change and when the page is left).
//!
//! Each save seals the project part by part ([`crate::core::seal`]; a part unchanged since
//! the last save is not hashed again); opening a project checks its seals and says which
//! parts something other than tenken changed (「例規の本文（…）」). The bundle 公開 last
//! signed is kept with the project, to compare the next one with before it is signed.

use leptos::prelude::*;

use crate::ui::platform::clock::Debounce;

use crate::core::bundle::raw::{RawBundle, RawCite, RawExclude};
use crate::core::bundle::{Validated, validate_draft};
use crate::core::problem::Problems;
use crate::core::reiki::{SourceCoverage, coverage_raw};
use crate::core::seal::{Check, SealCache};
use crate::core::sign::{SignedBundle, UnlockedKey};
use crate::ui::platform::storage::{self, StorageIssue};
use crate::ui::platform::{clock, dom, events};

/// The parts of a bundle coverage is computed from.
#[derive(Debug, PartialEq)]
struct CoverageKey {
    sources: Vec<(Option<String>, Option<String>, usize)>,
    cites: Vec<(Option<String>, Option<String>, RawCite)>,
    exclude: Vec<RawExclude>,
}

fn coverage_key(r: &RawBundle) -> CoverageKey {
    CoverageKey {
        // a text's length and a cheap hash of it stand for the text
        sources: r
            .sources
            .iter()
            .map(|s| {
                let t = s.text.as_deref().unwrap_or_default();
                (s.id.clone(), s.title.clone(), t.len() ^ fnv(t))
            })
            .collect(),
        cites: r
            .checklists
            .iter()
            .flat_map(|l| {
                l.sections.iter().flat_map(|s| &s.items).flat_map(move |i| {
                    i.cite.iter().map(move |c| {
                        let mut c = c.clone();
                        c.quote = None;
                        c.note = None;
                        (l.id.clone(), i.id.clone(), c)
                    })
                })
            })
            .collect(),
        exclude: r.exclude.clone(),
    }
}

/// FNV-1a over the bytes: enough to notice that a text changed.
fn fnv(t: &str) -> usize {
    t.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    }) as usize
}

/// Undo steps kept.
const UNDO_DEPTH: usize = 200;
/// Changes closer together than this (typing) undo as one step.
const COALESCE_MS: u64 = 800;
/// The longest a change waits before it is written to storage.
const SAVE_DELAY_MS: u64 = 250;

/// How the editor's preview shows a draft: the walk-through, which only the app shell may
/// name (screens never depend on each other), handed in through context.
#[derive(Clone)]
pub struct PreviewWalk(
    pub  std::sync::Arc<
        dyn Fn(std::sync::Arc<crate::core::Bundle>, crate::core::draft::Draft) -> AnyView
            + Send
            + Sync,
    >,
);

/// Where an item sits: checklist, section, item (positions).
pub type ItemAt = (usize, usize, usize);

/// The editor's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// 本文と項目.
    Text,
    /// 構成.
    Structure,
    /// 網羅の確認.
    Coverage,
    /// プレビュー of a checklist (its position).
    Preview(usize),
    /// 書き出し.
    Export,
    /// 改正.
    Amend,
    /// 公開.
    Publish,
}

/// The bundle being written.
#[derive(Clone, Copy)]
pub struct Authoring {
    /// The project's storage id (several bundles can be in progress).
    pub project: RwSignal<Option<String>>,
    /// The bundle, as written (`None`: nothing open).
    pub raw: RwSignal<Option<RawBundle>>,
    /// Its validation, recomputed on every change.
    pub checked: Memo<Option<Result<Validated, Problems>>>,
    /// What the bundle asks of each source: 条・項・号 and duties asked, excluded or open.
    pub coverage: Memo<Vec<SourceCoverage>>,
    /// The item shown in the item form.
    pub selected: RwSignal<Option<ItemAt>>,
    /// The tab shown (「はじめての方へ」 opens a project at the tab of its next step).
    pub tab: RwSignal<Tab>,
    /// The latest storage problem.
    pub issue: RwSignal<Option<StorageIssue>>,
    /// What the project's seals said when it was opened, until the author has seen it.
    pub outside: RwSignal<Option<Check>>,
    /// The bundle 公開 last signed from this project.
    pub published: RwSignal<Option<SignedBundle>>,
    /// The SHA-256 of the bundle's canonical JSON when a tenken.html was last saved from it in
    /// this session (「はじめての方へ」 tells a published bundle from one changed since).
    pub page_saved: RwSignal<Option<String>>,
    /// The public key of 情報担当課's key while it is unlocked for this publishing session
    /// (see [`Authoring::keep_unlocked`]); `None` while it is locked.
    pub unlocked_key: RwSignal<Option<String>>,
    /// The unlocked key itself: in memory only, never stored.
    unlocked: StoredValue<Option<UnlockedKey>>,
    seals: StoredValue<SealCache>,
    undo: StoredValue<Vec<RawBundle>>,
    redo: StoredValue<Vec<RawBundle>>,
    last_edit: StoredValue<(u64, String)>,
    timer: Debounce,
    /// Whether the undo and redo stacks have steps (for the buttons).
    pub can: RwSignal<(bool, bool)>,
    /// The amended text and new 施行日 being entered in 「改正」 (kept while the tabs change;
    /// not yet part of the bundle).
    pub amend_input: RwSignal<(String, String)>,
}

impl Authoring {
    /// Nothing open; listens for the page being left to save.
    pub fn new() -> Authoring {
        let raw = RwSignal::new(None::<RawBundle>);
        // a validated bundle has no equality: every new validation is news
        let checked = Memo::new_with_compare(
            move |_| {
                raw.with(|r| {
                    r.as_ref()
                        .map(|r| dom::measure("tenken-validate", || validate_draft(r)))
                })
            },
            |_, _| true,
        );
        // what coverage depends on: the sources, the citations and the exclusions (typing a
        // question changes none of them, so the outline is not read again)
        let cover_key = Memo::new(move |_| raw.with(|r| r.as_ref().map(coverage_key)));
        let coverage = Memo::new_with_compare(
            move |_| {
                cover_key.with(|_| ());
                raw.with_untracked(|r| {
                    r.as_ref()
                        .map(|r| dom::measure("tenken-coverage", || coverage_raw(r)))
                        .unwrap_or_default()
                })
            },
            |_, _| true,
        );
        let a = Authoring {
            project: RwSignal::new(None),
            raw,
            checked,
            coverage,
            selected: RwSignal::new(None),
            tab: RwSignal::new(Tab::Text),
            issue: RwSignal::new(None),
            outside: RwSignal::new(None),
            published: RwSignal::new(None),
            page_saved: RwSignal::new(None),
            unlocked_key: RwSignal::new(None),
            unlocked: StoredValue::new(None),
            seals: StoredValue::new(SealCache::default()),
            undo: StoredValue::new(Vec::new()),
            redo: StoredValue::new(Vec::new()),
            last_edit: StoredValue::new((0, String::new())),
            timer: Debounce::new(),
            can: RwSignal::new((false, false)),
            amend_input: RwSignal::new((String::new(), String::new())),
        };
        events::on_leave(move || {
            a.save_now();
            // a page hidden or left takes the unlocked key with it
            a.lock();
        });
        // projects written before tenken sealed them: sealed as they are, once
        storage::seal_projects_on_first_use();
        a
    }

    /// Opens `raw` as a new project.
    pub fn open(&self, raw: RawBundle, project: Option<String>) {
        self.start(raw, project, None, Check::Intact);
    }

    /// Opens the stored project `project`, saying what its seals found; false when there is
    /// no such project.
    pub fn open_stored(&self, project: &str) -> bool {
        match storage::load_authoring(project) {
            Some(p) => {
                self.start(p.raw, Some(project.to_string()), p.published, p.check);
                true
            }
            None => false,
        }
    }

    fn start(
        &self,
        raw: RawBundle,
        project: Option<String>,
        published: Option<SignedBundle>,
        check: Check,
    ) {
        let project = project.unwrap_or_else(clock::new_id);
        self.lock();
        self.page_saved.set(None);
        self.outside.set((!check.is_intact()).then_some(check));
        self.published.set(published);
        self.undo.set_value(Vec::new());
        self.redo.set_value(Vec::new());
        self.can.set((false, false));
        self.selected.set(None);
        self.tab.set(Tab::Text);
        self.project.set(Some(project));
        self.raw.set(Some(raw));
        self.save_now();
    }

    /// Keeps the bundle 公開 has just signed with the project.
    pub fn set_published(&self, signed: SignedBundle) {
        self.published.set(Some(signed));
        self.save_now();
    }

    /// Keeps 情報担当課's key unlocked for this publishing session: 公開 and 「署名した規則
    /// ファイルを保存」 then sign without asking the passphrase again. It lives in memory only,
    /// and is dropped ([`Authoring::lock`]) when the project is closed or another opened, when
    /// the editor is left, and when the page is hidden or left.
    pub fn keep_unlocked(&self, key: UnlockedKey) {
        self.unlocked_key.set(Some(key.public_key()));
        self.unlocked.set_value(Some(key));
    }

    /// The key kept unlocked, if it is `public_key` (the key in this browser now): a key
    /// replaced since it was unlocked is not used.
    pub fn unlocked_for(&self, public_key: &str) -> Option<UnlockedKey> {
        self.unlocked
            .with_value(|k| k.as_ref().filter(|k| k.public_key() == public_key).cloned())
    }

    /// Forgets the unlocked key (its secret is zeroed as it is dropped).
    pub fn lock(&self) {
        self.unlocked.set_value(None);
        if self.unlocked_key.with_untracked(Option::is_some) {
            self.unlocked_key.set(None);
        }
    }

    /// Closes the project (it stays in storage).
    pub fn close(&self) {
        self.lock();
        self.save_now();
        self.project.set(None);
        self.raw.set(None);
        self.selected.set(None);
        self.outside.set(None);
        self.published.set(None);
    }

    /// Changes the bundle. `what` names the field being changed: consecutive changes of the
    /// same field within a moment (typing) undo as one step.
    pub fn edit(&self, what: &str, change: impl FnOnce(&mut RawBundle)) {
        let Some(before) = self.raw.get_untracked() else {
            return;
        };
        let now = clock::now_ms();
        let (at, last) = self.last_edit.get_value();
        if last != what || now.saturating_sub(at) > COALESCE_MS {
            self.undo.update_value(|u| {
                u.push(before);
                if u.len() > UNDO_DEPTH {
                    u.remove(0);
                }
            });
        }
        self.last_edit.set_value((now, what.to_string()));
        self.redo.set_value(Vec::new());
        self.raw.update(|r| {
            if let Some(r) = r {
                change(r);
            }
        });
        self.refresh_can();
        self.schedule();
    }

    /// Takes back the last change.
    pub fn undo(&self) {
        let Some(prev) = self.undo.try_update_value(Vec::pop).flatten() else {
            return;
        };
        if let Some(now) = self.raw.get_untracked() {
            self.redo.update_value(|r| r.push(now));
        }
        self.last_edit.set_value((0, String::new()));
        self.raw.set(Some(prev));
        self.refresh_can();
        self.schedule();
    }

    /// Does again what was taken back.
    pub fn redo(&self) {
        let Some(next) = self.redo.try_update_value(Vec::pop).flatten() else {
            return;
        };
        if let Some(now) = self.raw.get_untracked() {
            self.undo.update_value(|u| u.push(now));
        }
        self.last_edit.set_value((0, String::new()));
        self.raw.set(Some(next));
        self.refresh_can();
        self.schedule();
    }

    fn refresh_can(&self) {
        self.can.set((
            self.undo.with_value(|u| !u.is_empty()),
            self.redo.with_value(|r| !r.is_empty()),
        ));
    }

    fn schedule(&self) {
        let this = *self;
        self.timer
            .schedule(std::time::Duration::from_millis(SAVE_DELAY_MS), move || {
                this.save_now()
            });
    }

    /// Writes the project to storage now.
    pub fn save_now(&self) {
        self.timer.cancel();
        let (Some(project), Some(raw)) = (self.project.get_untracked(), self.raw.get_untracked())
        else {
            return;
        };
        let published = self.published.get_untracked();
        let saved = self.seals.try_update_value(|cache| {
            storage::save_authoring(&project, &raw, published.as_ref(), &clock::now(), cache)
        });
        match saved.unwrap_or(Err(StorageIssue::Unavailable)) {
            Ok(()) => self.issue.set(None),
            Err(e) => self.issue.set(Some(e)),
        }
    }
}

impl Default for Authoring {
    fn default() -> Authoring {
        Authoring::new()
    }
}
