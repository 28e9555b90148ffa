//! Opening the files 集計 is given: read, then their signatures checked a step at a time
//! ([`review::next_step`]), with a repaint between steps and the progress shown.

use leptos::prelude::*;

use crate::core::problem::{Problem, Problems};
use crate::core::review;
use crate::core::sign::MAX_SIGNED_BYTES;
use crate::ui::platform::{dom, files};
use crate::ui::state::review::{Loaded, Opening};

/// Reads picked or dropped files, skipping none: a file that cannot be read keeps its reason,
/// which review reports as 読めない.
async fn read_all(list: Vec<web_sys::File>) -> Loaded {
    let mut out = Vec::with_capacity(list.len());
    for f in list {
        let bytes = files::read_bytes(&f, MAX_SIGNED_BYTES)
            .await
            .map_err(|kind| Problems(vec![Problem::error("", kind)]));
        out.push((f.name(), bytes));
    }
    out
}

/// Reads files picked or dropped, adds them to `target`, and opens the new ones.
pub fn add_files(target: RwSignal<Loaded>, opening: Opening, list: Vec<web_sys::File>) {
    leptos::task::spawn_local(async move {
        let loaded = read_all(list).await;
        target.update(|t| t.extend(loaded));
        open_in_steps(target, opening);
    });
}

/// Forgets the files of `target` and what was opened of them.
pub fn clear_files(target: RwSignal<Loaded>, opening: Opening) {
    opening.clear();
    target.set(Vec::new());
}

/// Opens the files of `loaded` not yet opened, [`review::OPEN_STEP`] at a time, letting the
/// page repaint between steps; `opening.opened` is set once all are. One task at a time: files
/// added meanwhile are taken by the running one.
fn open_in_steps(loaded: RwSignal<Loaded>, opening: Opening) {
    if opening.running.get_value() {
        return;
    }
    opening.running.set_value(true);
    leptos::task::spawn_local(async move {
        // performance marks: tests/bench/review.mjs reads them
        dom::mark("tenken-review-start");
        let mut generation = opening.generation.get_value();
        let mut done = opening.opened.get_untracked();
        let mut changed = false;
        loop {
            if opening.generation.get_value() != generation {
                // cleared meanwhile: what was opened belongs to files no longer there
                generation = opening.generation.get_value();
                done.clear();
            }
            let total = loaded.with_untracked(Vec::len);
            if done.len() > total {
                done.clear();
            }
            let Some(step) = review::next_step(done.len(), total) else {
                break;
            };
            done.extend(loaded.with_untracked(|l| review::open_named(&l[step])));
            changed = true;
            opening.progress.set(Some((done.len(), total)));
            dom::next_task().await;
        }
        opening.running.set_value(false);
        opening.progress.set(None);
        if changed {
            dom::mark("tenken-review-opened");
            // the report is made (and drawn) in a task of its own, after the last step's
            opening.opened.set(done);
        }
    });
}

/// How far opening is: 「署名を確かめています… 1,200 / 5,000 ファイル」 with a bar.
#[component]
pub fn OpeningProgress(
    /// The files being opened.
    opening: Opening,
) -> impl IntoView {
    move || {
        opening.progress.get().map(|(done, total)| {
            view! {
                <p class="opening" role="status">
                    <progress max=total value=done aria-label="署名を確かめたファイルの割合"></progress>
                    " "{review::opening_ja(done, total)}
                </p>
            }
        })
    }
}
