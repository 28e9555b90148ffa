//! Choosing files: a button that opens the file chooser, and a zone that also takes files
//! dropped on it. Reading them is `platform::files`' business.

use std::rc::Rc;

use leptos::prelude::*;

use crate::core::ProblemKind;
use crate::ui::platform::files;

/// A button that opens the file chooser; `on_files` gets the files chosen (the same file
/// can be chosen again after it was fixed).
#[component]
pub fn FilePicker(
    /// The button's label.
    label: &'static str,
    /// The file types offered (`.json,application/json`).
    accept: &'static str,
    /// Whether several files can be chosen at once.
    #[prop(optional)]
    multiple: bool,
    /// A class for the hidden input (tests find it by this).
    #[prop(optional, into)]
    class: String,
    /// Called with the chosen files.
    on_files: impl Fn(Vec<web_sys::File>) + 'static,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    view! {
        <button type="button" on:click=move |_| { if let Some(i) = input.get() { i.click(); } }>{label}</button>
        <input
            type="file"
            accept=accept
            multiple=multiple
            class=format!("visually-hidden {class}")
            tabindex="-1"
            aria-hidden="true"
            node_ref=input
            on:change=move |ev| on_files(files::picked_files(&ev))
        />
    }
}

/// A file picker (several files) that also takes files dropped on it, showing how many are
/// loaded and a button to remove them.
#[component]
pub fn FileDrop(
    /// The button's label.
    label: &'static str,
    /// How many files are loaded.
    #[prop(into)]
    count: Signal<usize>,
    /// Called with the files picked or dropped.
    on_files: impl Fn(Vec<web_sys::File>) + Clone + 'static,
    /// Called to remove the loaded files.
    on_clear: impl Fn() + Clone + Send + Sync + 'static,
    /// A class for tests and styling (the input gets `<class>-input`).
    class: &'static str,
) -> impl IntoView {
    let over = RwSignal::new(false);
    let dropped = on_files.clone();
    view! {
        <div
            class=format!("drop-zone {class}")
            class:over=move || over.get()
            on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); over.set(true); }
            on:dragleave=move |_| over.set(false)
            on:drop=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                over.set(false);
                dropped(files::dropped_files(&ev));
            }
        >
            <FilePicker label accept=".json,application/json" multiple=true class=format!("{class}-input") on_files />
            " またはここにファイルをドロップ"
            {move || {
                let n = count.get();
                let clear = on_clear.clone();
                (n > 0).then(|| view! {
                    <span>{format!(" {n} ファイル")}</span>
                    <button type="button" class="link" on:click=move |_| clear()>"外す"</button>
                })
            }}
        </div>
    }
}

/// A [`FilePicker`] that also reads what is chosen: `on_read` gets each file's name and its
/// bytes, or why they could not be read (larger than `max`, unreadable) — read without
/// blocking the page, refused by size before reading.
#[component]
pub fn ReadFiles(
    /// The button's label.
    label: &'static str,
    /// The file types offered.
    accept: &'static str,
    /// Whether several files can be chosen at once.
    #[prop(optional)]
    multiple: bool,
    /// A class for the hidden input.
    #[prop(optional, into)]
    class: String,
    /// The largest file read, in bytes.
    max: usize,
    /// Called with each file's name and bytes.
    on_read: impl Fn(String, Result<Vec<u8>, ProblemKind>) + 'static,
) -> impl IntoView {
    let on_files = read_each(max, Rc::new(on_read));
    view! { <FilePicker label accept multiple class on_files /> }
}

/// [`ReadFiles`]' callback, type-erased.
type OnRead = Rc<dyn Fn(String, Result<Vec<u8>, ProblemKind>)>;

/// What [`ReadFiles`] does with the chosen files: not generic, so that the reading (an async
/// task per file) and the picker are in the wasm once for all its callers.
fn read_each(max: usize, on_read: OnRead) -> impl Fn(Vec<web_sys::File>) + 'static {
    move |list: Vec<web_sys::File>| {
        for file in list {
            let on_read = Rc::clone(&on_read);
            leptos::task::spawn_local(async move {
                let name = file.name();
                let bytes = files::read_bytes(&file, max).await;
                on_read(name, bytes);
            });
        }
    }
}

/// A [`FilePicker`] for files that belong together (bundle.toml and its source texts):
/// `on_read` gets every chosen file at once, each with its bytes or why they could not be read
/// (larger than `max`, unreadable).
#[component]
pub fn ReadTogether(
    /// The button's label.
    label: &'static str,
    /// The file types offered.
    accept: &'static str,
    /// A class for the hidden input.
    #[prop(optional, into)]
    class: String,
    /// The largest file read, in bytes.
    max: usize,
    /// Called once with every chosen file's name and bytes.
    on_read: impl Fn(Vec<(String, Result<Vec<u8>, ProblemKind>)>) + Clone + 'static,
) -> impl IntoView {
    let on_files = move |list: Vec<web_sys::File>| {
        let on_read = on_read.clone();
        leptos::task::spawn_local(async move {
            let mut read = Vec::with_capacity(list.len());
            for file in list {
                read.push((file.name(), files::read_bytes(&file, max).await));
            }
            on_read(read);
        });
    };
    view! { <FilePicker label accept multiple=true class on_files /> }
}
