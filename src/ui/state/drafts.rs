//! Every draft in this browser, kept in memory and in localStorage so that nothing typed is
//! lost.
//!
//! - Every change is in memory at once and written to storage within [`SAVE_DELAY_MS`]
//!   (so typing does not write on every keystroke), and at once when the page is hidden or
//!   left: a crash or reload loses at most the last [`SAVE_DELAY_MS`] of typing.
//! - Writing reads the stored copy first and merges it part by part
//!   ([`crate::core::merge`]), so a change another tab saved in the meantime is kept, not
//!   overwritten. Changes another tab saves arrive by `storage` events and are merged into
//!   the open draft the same way, with a notice of what came in.
//! - A tab with a draft open marks it so in storage every few seconds; another tab opening
//!   the same draft says so. A page being left removes its mark and leaves its id with the
//!   tab, so the page after a reload does not take its predecessor for another tab
//!   ([`crate::core::presence`]).
//! - Every write seals the draft ([`crate::core::seal`]); every read checks the seals, so a
//!   draft changed by anything but tenken (another local page: Chromium shares `file://`
//!   storage) is reported on that draft, part by part, until the 課長 has seen it.
//!   Another tab of tenken writes sealed drafts: its changes come in without a notice.

use leptos::prelude::*;

use crate::ui::platform::clock::Debounce;

use crate::core::draft::{Draft, Part};
use crate::core::merge::{Merged, merge};
use crate::core::seal::Check;
use crate::ui::platform::storage::{self, StorageIssue};
use crate::ui::platform::{clock, events};

/// The longest a change waits in memory before it is written to storage.
pub const SAVE_DELAY_MS: u64 = 250;

/// How often a tab renews its "open here" mark of the draft it shows.
const HEARTBEAT_MS: u64 = 5_000;

/// The drafts, shared through context.
#[derive(Clone, Copy)]
pub struct Drafts {
    /// The drafts (in memory too, so the app works when storage does not), newest first.
    pub all: RwSignal<Vec<Draft>>,
    /// The latest storage problem, shown in the header until dismissed.
    pub issue: RwSignal<Option<StorageIssue>>,
    /// Changes taken from another tab: the draft's id and what came in.
    pub merged: RwSignal<Option<(String, Merged)>>,
    /// Drafts another tab has open now.
    pub elsewhere: RwSignal<Vec<String>>,
    /// Drafts changed in storage by something other than tenken, and what changed, until
    /// the 課長 says they have seen it ([`Drafts::seen`]).
    pub outside: RwSignal<Vec<storage::Outside>>,
    /// True once the stored drafts have been read.
    pub loaded: RwSignal<bool>,
    /// The draft written to storage last, and when (Unix seconds): the walk-through's quiet
    /// 「保存しました」.
    pub saved: RwSignal<Option<(String, u64)>>,
    /// Drafts changed here and not yet written (each id once).
    pending: StoredValue<Vec<String>>,
    timer: Debounce,
    tab: StoredValue<String>,
    /// The page this tab showed before this one (a reload), read once at [`Drafts::start`].
    before: StoredValue<Option<String>>,
    open: StoredValue<Option<(String, IntervalHandle)>>,
    /// False for a scratch set (the editor's preview): nothing touches storage.
    persist: bool,
}

impl Drafts {
    /// No drafts yet: [`Drafts::start`] reads them.
    pub fn new() -> Drafts {
        Drafts {
            all: RwSignal::new(Vec::new()),
            issue: RwSignal::new(None),
            merged: RwSignal::new(None),
            elsewhere: RwSignal::new(Vec::new()),
            outside: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            saved: RwSignal::new(None),
            pending: StoredValue::new(Vec::new()),
            timer: Debounce::new(),
            tab: StoredValue::new(clock::new_id()),
            before: StoredValue::new(None),
            open: StoredValue::new(None),
            persist: true,
        }
    }

    /// Drafts kept in memory only (the 規則エディタ's preview): nothing is written to storage,
    /// nothing is marked open.
    pub fn scratch() -> Drafts {
        Drafts {
            persist: false,
            loaded: RwSignal::new(true),
            ..Drafts::new()
        }
    }

    /// Reads the stored drafts (keeping any made in the meantime) and starts listening to
    /// other tabs and to the page being left.
    pub fn start(&self) {
        let this = *self;
        let (stored, outside, issue) = storage::load_all();
        for (id, check) in outside {
            self.report(&id, check);
        }
        self.all.update(|all| {
            let fresh: Vec<Draft> = stored
                .into_iter()
                .filter(|s| all.iter().all(|d| d.id != s.id))
                .collect();
            all.extend(fresh);
        });
        if issue.is_some() {
            self.issue.set(issue);
        }
        self.before.set_value(storage::take_left_page());
        self.loaded.set(true);
        events::on_leave(move || this.flush());
        events::on_page_left(move || this.left(), move || this.back());
        events::on_storage(move |key, value| this.on_storage(&key, value));
    }

    /// Another page changed storage.
    fn on_storage(&self, key: &str, value: Option<String>) {
        if let Some(open) = self.open.with_value(|o| o.as_ref().map(|(d, _)| d.clone()))
            && storage::is_open_mark_of(key, &open)
        {
            self.check_elsewhere(&open);
            return;
        }
        let Some(id) = storage::draft_id_of_key(key) else {
            return;
        };
        let id = id.to_string();
        let Some(text) = value else {
            // deleted elsewhere: gone here too, unless it is being changed here
            if !self.pending.with_value(|p| p.contains(&id)) {
                self.all.update(|all| all.retain(|d| d.id != id));
            }
            return;
        };
        let Some((theirs, check)) = storage::read(&text, &id) else {
            return;
        };
        self.report(&id, check);
        self.take_in(theirs);
    }

    /// Notes what the seals of draft `id` said when it was read from storage.
    fn report(&self, id: &str, check: Check) {
        if check.is_intact() {
            return;
        }
        self.outside
            .update(|all| match all.iter_mut().find(|(d, _)| d == id) {
                Some((_, known)) => *known = joined(std::mem::replace(known, Check::Intact), check),
                None => all.push((id.to_string(), check)),
            });
    }

    /// The 課長 has seen what changed outside tenken in draft `id`: the notice goes, and the
    /// draft is written (sealed) again as it is now.
    pub fn seen(&self, id: &str) {
        self.outside.update(|all| all.retain(|(d, _)| d != id));
        self.pending.update_value(|p| add(p, id.to_string()));
        self.flush();
    }

    /// Merges another tab's copy into memory; reports what came in.
    fn take_in(&self, theirs: Draft) {
        let id = theirs.id.clone();
        let mut report = None;
        self.all
            .update(|all| match all.iter_mut().find(|d| d.id == id) {
                Some(mine) => {
                    let m = merge(mine, &theirs);
                    if !m.is_empty() {
                        report = Some(m);
                    }
                }
                None => all.insert(0, theirs),
            });
        if let Some(m) = report {
            self.merged.set(Some((id, m)));
        }
    }

    /// The draft with this id.
    pub fn get(&self, id: &str) -> Option<Draft> {
        self.all
            .with_untracked(|all| all.iter().find(|d| d.id == id).cloned())
    }

    /// Changes `part` of draft `id` (the change is stamped with the time) and saves it soon.
    pub fn edit(&self, id: &str, part: Part, change: impl FnOnce(&mut Draft)) {
        let now = clock::now_ms();
        let mut found = false;
        self.all.update(|all| {
            if let Some(d) = all.iter_mut().find(|d| d.id == id) {
                change(d);
                d.stamps.insert(part.key(), now);
                // the last signature is kept: whether it still covers the result, and what
                // changed since, is decided from it (core::last_signed)
                d.updated = clock::now();
                found = true;
            }
        });
        if found {
            self.schedule(id);
        }
    }

    /// Changes draft `id` in ways that are not answers (the step shown, the progress, the
    /// signature note) and saves it soon.
    pub fn touch(&self, id: &str, change: impl FnOnce(&mut Draft)) {
        self.all.update(|all| {
            if let Some(d) = all.iter_mut().find(|d| d.id == id) {
                change(d);
            }
        });
        self.schedule(id);
    }

    /// Stores `draft` (new or replaced as a whole) in memory and in storage at once.
    pub fn put(&self, draft: Draft) {
        let id = draft.id.clone();
        self.all
            .update(|all| match all.iter_mut().find(|d| d.id == draft.id) {
                Some(d) => *d = draft,
                None => all.insert(0, draft),
            });
        self.pending.update_value(|p| add(p, id));
        self.flush();
    }

    /// Deletes a draft.
    pub fn remove(&self, id: &str) {
        if !self.persist {
            self.all.update(|all| all.retain(|d| d.id != id));
            return;
        }
        self.pending.update_value(|p| p.retain(|x| x != id));
        if let Err(issue) = storage::remove(id) {
            self.issue.set(Some(issue));
        }
        self.all.update(|all| all.retain(|d| d.id != id));
    }

    fn schedule(&self, id: &str) {
        self.pending.update_value(|p| add(p, id.to_string()));
        let this = *self;
        self.timer
            .schedule(std::time::Duration::from_millis(SAVE_DELAY_MS), move || {
                this.flush()
            });
    }

    /// Writes every changed draft now, each merged with its stored copy first.
    pub fn flush(&self) {
        self.timer.cancel();
        let ids: Vec<String> = self
            .pending
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        if !self.persist {
            return;
        }
        for id in ids {
            let Some(mut mine) = self.get(&id) else {
                continue;
            };
            if let Some((stored, check)) = storage::load(&id)
                && stored != mine
            {
                // what another page wrote since this tab last read or wrote it
                self.report(&id, check);
                let m = merge(&mut mine, &stored);
                if !m.is_empty() {
                    let copy = mine.clone();
                    self.all.update(|all| {
                        if let Some(d) = all.iter_mut().find(|d| d.id == id) {
                            *d = copy;
                        }
                    });
                    self.merged.set(Some((id.clone(), m)));
                }
            }
            match storage::save(&mine) {
                Ok(()) => self.saved.set(Some((id, clock::unix_now()))),
                Err(issue) => self.issue.set(Some(issue)),
            }
        }
    }

    /// Marks draft `id` as open in this tab until [`Drafts::closed`].
    pub fn opened(&self, id: &str) {
        if !self.persist {
            return;
        }
        self.closed();
        let tab = self.tab.get_value();
        let draft = id.to_string();
        storage::mark_open(&draft, &tab, clock::now_ms());
        self.check_elsewhere(&draft);
        let this = *self;
        let d = draft.clone();
        let handle = set_interval_with_handle(
            move || {
                storage::mark_open(&d, &this.tab.get_value(), clock::now_ms());
                this.check_elsewhere(&d);
            },
            std::time::Duration::from_millis(HEARTBEAT_MS),
        )
        .ok();
        if let Some(h) = handle {
            self.open.set_value(Some((draft, h)));
        }
    }

    /// This tab no longer shows a draft.
    pub fn closed(&self) {
        if let Some((draft, h)) = self.open.try_update_value(Option::take).flatten() {
            h.clear();
            storage::mark_closed(&draft, &self.tab.get_value());
            self.elsewhere.update(|e| e.retain(|x| *x != draft));
        }
    }

    /// The page is being left (a reload, too): its open mark goes, and its id stays with the
    /// tab so that the next page knows the mark, should it remain, as its own predecessor's.
    fn left(&self) {
        let tab = self.tab.get_value();
        if let Some(draft) = self.open.with_value(|o| o.as_ref().map(|(d, _)| d.clone())) {
            storage::mark_closed(&draft, &tab);
        }
        storage::leave_page(&tab);
    }

    /// The page is shown again from the back-forward cache: it is no one's predecessor, and
    /// its mark (removed when it was left) is written again.
    fn back(&self) {
        storage::take_left_page();
        if let Some(draft) = self.open.with_value(|o| o.as_ref().map(|(d, _)| d.clone())) {
            storage::mark_open(&draft, &self.tab.get_value(), clock::now_ms());
        }
    }

    fn check_elsewhere(&self, draft: &str) {
        let before = self.before.get_value();
        let viewer = crate::core::presence::Viewer {
            page: &self.tab.get_value(),
            before: before.as_deref(),
            now_ms: clock::now_ms(),
        };
        let there = storage::open_elsewhere(draft, &viewer);
        let known = self
            .elsewhere
            .with_untracked(|e| e.iter().any(|x| x == draft));
        if there != known {
            self.elsewhere.update(|e| {
                if there {
                    add(e, draft.to_string());
                } else {
                    e.retain(|x| x != draft);
                }
            });
        }
    }
}

impl Default for Drafts {
    fn default() -> Drafts {
        Drafts::new()
    }
}

/// What two reads of one draft's seals said, together.
fn joined(a: Check, b: Check) -> Check {
    match (a, b) {
        (Check::Unsealed, _) | (_, Check::Unsealed) => Check::Unsealed,
        (Check::Changed(mut x), Check::Changed(y)) => {
            for k in y {
                add(&mut x, k);
            }
            Check::Changed(x)
        }
        (Check::Intact, c) | (c, Check::Intact) => c,
    }
}

/// Adds `id` to a list of ids unless it is there. (A list, not a `BTreeSet`: these hold a
/// handful of ids, and a B-tree of strings costs the 課長's wasm ~3 KB for them alone.)
fn add(ids: &mut Vec<String>, id: String) {
    if !ids.contains(&id) {
        ids.push(id);
    }
}
