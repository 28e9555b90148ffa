//! Whether a draft is open in another tab, from the marks pages keep in storage.
//!
//! A page showing a draft writes a mark (the draft, the page's own id, the time) and renews
//! it every few seconds; when it is left it removes its mark and leaves its id with the tab
//! (sessionStorage, which survives a reload), so the page that follows in the same tab knows
//! which mark was its predecessor's. A mark counts as another tab only when it is recent,
//! names the draft, and belongs neither to this page nor to the page this tab showed before:
//! a reload never says 「別のタブでも開かれています」 of itself, even when the old page could
//! not remove its mark.

/// How long a mark stays believable without renewal (pages renew theirs every 5 s).
pub const OPEN_MARK_MS: u64 = 15_000;

/// Marks older than this are a dead page's (a crash, a closed laptop) and are removed.
pub const DEAD_MARK_MS: u64 = 4 * OPEN_MARK_MS;

/// One page's mark of one draft, as read from storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark<'a> {
    /// The draft's id.
    pub draft: &'a str,
    /// The id of the page that wrote it.
    pub page: &'a str,
    /// When it was written or last renewed (ms since the epoch); 0 when unreadable.
    pub at_ms: u64,
}

/// What a mark means to this page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// Another page shows the draft now.
    Elsewhere,
    /// Nothing to say (this page's own, another draft's, or not renewed lately).
    Nothing,
    /// A dead page's, or this tab's previous page's: remove it.
    Remove,
}

/// This page as it reads the marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer<'a> {
    /// This page's id.
    pub page: &'a str,
    /// The id of the page this tab showed before (a reload), if it left one.
    pub before: Option<&'a str>,
    /// Now (ms since the epoch).
    pub now_ms: u64,
}

impl Viewer<'_> {
    /// What `mark` means to this page showing `draft`.
    pub fn judge(&self, mark: &Mark, draft: &str) -> Seen {
        let age = self.now_ms.saturating_sub(mark.at_ms);
        if age > DEAD_MARK_MS || self.before == Some(mark.page) {
            Seen::Remove
        } else if mark.draft == draft && mark.page != self.page && age <= OPEN_MARK_MS {
            Seen::Elsewhere
        } else {
            Seen::Nothing
        }
    }
}

/// The storage key suffix of a mark: `<draft>/<page>`, read back by [`parse_mark`].
pub fn mark_key(draft: &str, page: &str) -> String {
    format!("{draft}/{page}")
}

/// A mark from its key suffix (`<draft>/<page>`) and stored value (the time); `None` when
/// the key is not a mark's.
pub fn parse_mark<'a>(key: &'a str, value: &str) -> Option<Mark<'a>> {
    let (draft, page) = key.split_once('/')?;
    Some(Mark {
        draft,
        page,
        at_ms: value.trim().parse().unwrap_or(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_800_000_000_000;

    fn mark<'a>(draft: &'a str, page: &'a str, ago: u64) -> Mark<'a> {
        Mark {
            draft,
            page,
            at_ms: NOW - ago,
        }
    }

    #[test]
    fn a_reload_is_not_another_tab() {
        // the page before the reload left its id with the tab: its mark, seconds old, is
        // removed, not taken for another tab
        let after_reload = Viewer {
            page: "p2",
            before: Some("p1"),
            now_ms: NOW,
        };
        assert_eq!(
            after_reload.judge(&mark("d", "p1", 2_000), "d"),
            Seen::Remove
        );
        // this page's own mark says nothing
        assert_eq!(after_reload.judge(&mark("d", "p2", 0), "d"), Seen::Nothing);
        // another tab, renewed lately, is reported
        assert_eq!(
            after_reload.judge(&mark("d", "p9", 4_000), "d"),
            Seen::Elsewhere
        );
    }

    #[test]
    fn only_recent_marks_of_this_draft_by_other_pages_count() {
        let v = Viewer {
            page: "me",
            before: None,
            now_ms: NOW,
        };
        assert_eq!(
            v.judge(&mark("d", "other", OPEN_MARK_MS), "d"),
            Seen::Elsewhere
        );
        assert_eq!(
            v.judge(&mark("d", "other", OPEN_MARK_MS + 1), "d"),
            Seen::Nothing
        );
        assert_eq!(v.judge(&mark("e", "other", 0), "d"), Seen::Nothing);
        assert_eq!(
            v.judge(&mark("e", "other", DEAD_MARK_MS + 1), "d"),
            Seen::Remove
        );
        // a mark from the future (another clock) is recent, not dead
        let ahead = Mark {
            draft: "d",
            page: "other",
            at_ms: NOW + 5_000,
        };
        assert_eq!(v.judge(&ahead, "d"), Seen::Elsewhere);
    }

    #[test]
    fn marks_are_read_back_from_their_keys() {
        let key = mark_key("draft-1", "page-2");
        assert_eq!(
            parse_mark(&key, "42"),
            Some(Mark {
                draft: "draft-1",
                page: "page-2",
                at_ms: 42
            })
        );
        assert_eq!(parse_mark("no-slash", "42"), None);
        assert_eq!(parse_mark(&key, "x").map(|m| m.at_ms), Some(0));
    }
}
