//! The application shell: the shared state, the header, the screen the address names.

use std::sync::Arc;

use crate::core::Message;
use leptos::prelude::*;

use crate::core::Problems;
use crate::page::prerender::APP_SUBTITLE;
use crate::ui::office::Desk;
use crate::ui::platform::embedded::{self as builtin, Builtin};
use crate::ui::platform::events;
use crate::ui::screens::bundle::BundleView;
use crate::ui::screens::help::Help;
use crate::ui::screens::home::BundleList;
use crate::ui::screens::keys::KeySetup;
use crate::ui::screens::result::ResultView;
use crate::ui::screens::walk::Walk;
use crate::ui::state::bundles::Bundles;
use crate::ui::state::drafts::Drafts;
use crate::ui::state::keys::Keys;
use crate::ui::state::nav::{Nav, Route, Screen, Step, route_of};

/// 情報担当課's desk in tenken-kanri.html; none in the 課長's tenken.html.
type Office = Option<Arc<dyn Desk>>;

/// What the 課長's file says of an address only 情報担当課's file has.
const OFFICE_ONLY: &str =
    "集計と規則エディタは、情報担当課用のファイル（tenken-kanri.html）にあります。";

/// How long an address waits for the page's bundles and drafts before it is followed
/// anyway (and then says what it could not find).
const FOLLOW_TIMEOUT_MS: u64 = 10_000;

/// When the page's bundles and the stored drafts are in: an address that names a bundle or
/// a draft waits for both (signals, no polling: the bootstrap announces its bundles with an
/// event, the drafts' store sets its own flag).
#[derive(Clone, Copy)]
struct Waiting {
    /// The page's bundles are in place.
    bundles: RwSignal<bool>,
    /// An address waits to be followed.
    pending: RwSignal<bool>,
    /// The wait is over (both in, or [`FOLLOW_TIMEOUT_MS`] passed).
    over: RwSignal<bool>,
}

/// Follows the address in the URL's hash: shows the screen it names, or the start screen
/// with a message when it names nothing known. An address the screen already shows (the
/// `hashchange` that follows a `popstate`) is left alone.
fn follow(nav: Nav, bundles: Bundles, drafts: Drafts, office: Office, wait: Waiting) {
    let hash = events::hash();
    let route = Route::parse(&hash);
    let ready = wait.over.get_untracked()
        || (wait.bundles.get_untracked() && drafts.loaded.get_untracked());
    if route.needs_data() && !ready {
        wait.pending.set(true);
        return;
    }
    let shown = nav
        .screen
        .with_untracked(|s| route_of(s, nav.step.get_untracked()));
    if shown == route && !matches!(nav.screen.get_untracked(), Screen::Opening) {
        return;
    }
    let home = |message: String| {
        nav.notice.set(Some(message));
        nav.show(Screen::Home, false);
    };
    match route {
        Route::Home => nav.show(Screen::Home, false),
        Route::Bundle { id, hash, checklist } => match bundles.find(&id, &hash) {
            Some(bundle) => {
                let index = bundle
                    .checklists
                    .iter()
                    .position(|c| c.id == checklist)
                    .unwrap_or(0);
                nav.show(Screen::Bundle { bundle, checklist: index }, false);
            }
            None => home(format!(
                "規則「{id}」はこの tenken にありません（別の版か、このブラウザーに保存していない規則ファイルです）。規則ファイルを開き直してください。"
            )),
        },
        Route::Draft { id, step } => match drafts.get(&id) {
            None => home(
                "下書きが見つかりません。削除されたか、別の PC・ブラウザーの下書きです（下書きは使ったブラウザーに保存されます）。"
                    .into(),
            ),
            Some(d) => match bundles.for_draft(&d.bundle) {
                None => home(format!(
                    "下書き「{}」の規則（{} {} 版）が見つかりません。配布された規則ファイルを開くと続けられます。",
                    d.display_name(),
                    d.bundle.id,
                    d.bundle.version
                )),
                Some(bundle) => {
                    let step = Step::of_key(&step)
                        .or_else(|| Step::of_key(&d.step))
                        .unwrap_or(Step::Subject);
                    let same = nav.screen.with_untracked(
                        |s| matches!(s, Screen::Draft { id: open, .. } if *open == id),
                    );
                    nav.step.set(step);
                    if !same {
                        nav.show(Screen::Draft { bundle, id }, false);
                    }
                }
            },
        },
        Route::Keys(draft) => nav.show(Screen::Keys { draft }, false),
        Route::Review => match office {
            Some(_) => nav.show(Screen::Review, false),
            None => home(OFFICE_ONLY.into()),
        },
        Route::Help => nav.show(Screen::Help, false),
        Route::Editor(project) => match office {
            Some(desk) => desk.follow_editor(nav, project),
            None => home(OFFICE_ONLY.into()),
        },
        Route::Guide => match office {
            Some(_) => nav.show(Screen::Guide, false),
            None => home(OFFICE_ONLY.into()),
        },
        Route::Result => {
            if !nav.screen.with_untracked(|s| matches!(s, Screen::Result(_))) {
                home("結果ファイルの内容はアドレスに残りません。もう一度「結果ファイルを開く」から開いてください。".into());
            }
        }
        Route::Unknown(h) => home(format!(
            "アドレス「#{h}」は tenken の画面を指していません。最初の画面を表示しています。"
        )),
    }
}

/// The whole app: the 課長's screens, and 情報担当課's when `office` is given.
#[component]
pub fn App(
    /// Opens 情報担当課's screens (tenken-kanri.html); `None` in the 課長's file.
    #[prop(optional)]
    office: Option<fn() -> Arc<dyn Desk>>,
) -> impl IntoView {
    let builtins: Result<Vec<Builtin>, Problems> = builtin::load();
    crate::ui::platform::dom::mark("tenken-bundles-loaded");
    let bundles = Bundles::new(builtins);
    provide_context(bundles);
    // the review screen's official-bundle list reads the built-in bundles directly
    provide_context(bundles.builtins);
    let nav = Nav::new();
    provide_context(nav);
    let drafts = Drafts::new();
    provide_context(drafts);
    provide_context(Keys::load());
    let office: Office = office.map(|open| open());

    // an address other than the start screen is followed once bundles and drafts are in
    let start = Route::parse(&events::hash());
    if start != Route::Home {
        nav.screen.set(Screen::Opening);
    }
    let wait = Waiting {
        bundles: RwSignal::new(builtin::ready()),
        pending: RwSignal::new(false),
        over: RwSignal::new(false),
    };
    events::on_bundles_ready(move || wait.bundles.set(true));
    let waiting_office = office.clone();
    Effect::new(move || {
        let ready = wait.over.get() || (wait.bundles.get() && drafts.loaded.get());
        if ready && wait.pending.get() {
            wait.pending.set(false);
            follow(nav, bundles, drafts, waiting_office.clone(), wait);
        }
    });
    set_timeout(
        move || wait.over.set(true),
        std::time::Duration::from_millis(FOLLOW_TIMEOUT_MS),
    );
    // the start screen needs no drafts: read them from storage just after it is shown
    let office_at_start = office.clone();
    request_animation_frame(move || {
        drafts.start();
        if start != Route::Home {
            follow(nav, bundles, drafts, office_at_start, wait);
        }
    });
    let on_address = office.clone();
    events::on_address_change(move || follow(nav, bundles, drafts, on_address.clone(), wait));
    let desk = office.clone();
    let office_links = office.clone().map(|desk| {
        view! {
            <button type="button" class="link header-review" on:click=move |_| nav.go(Screen::Review)>
                "集計（情報担当課）"
            </button>
            <button type="button" class="link header-editor" on:click=move |_| nav.go(Screen::Editor { project: desk.open_project() })>
                "規則エディタ"
            </button>
            <button type="button" class="link header-guide" on:click=move |_| nav.go(Screen::Guide)>
                "はじめての方へ"
            </button>
        }
    });

    view! {
        <header class="app-header">
            <p class="app-name">
                <button type="button" class="home-link" on:click=move |_| nav.go(Screen::Home)>
                    "tenken"
                </button>
                <span class="app-subtitle">{APP_SUBTITLE}</span>
                <button type="button" class="link header-keys" on:click=move |_| nav.go(Screen::Keys { draft: None })>
                    "署名の鍵"
                </button>
                {office_links}
                <button type="button" class="link header-help" on:click=move |_| nav.go(Screen::Help)>
                    "使い方"
                </button>
            </p>
        </header>
        {move || drafts.issue.get().map(|issue| view! {
            <div class="storage-issue" role="alert">
                <p>{issue.message_ja()}</p>
                <button type="button" on:click=move |_| drafts.issue.set(None)>"閉じる"</button>
            </div>
        })}
        {move || nav.notice.get().map(|n| view! {
            <div class="notice nav-notice" role="alert">
                <p>{n}</p>
                <button type="button" on:click=move |_| nav.notice.set(None)>"閉じる"</button>
            </div>
        })}
        <main id="main" class:wide=move || nav.screen.with(|s| matches!(s, Screen::Editor { .. }))>
            {move || match nav.screen.get() {
                Screen::Home => view! { <BundleList /> }.into_any(),
                Screen::Opening => view! { <h2 class="opening">"開いています…"</h2> }.into_any(),
                Screen::Bundle { bundle, checklist } => view! { <BundleView bundle checklist /> }.into_any(),
                Screen::Draft { bundle, id } => match drafts.get(&id) {
                    Some(draft) => view! { <Walk bundle draft /> }.into_any(),
                    None => view! { <p role="alert">"下書きが見つかりません。"</p> }.into_any(),
                },
                Screen::Keys { draft } => view! { <KeySetup draft /> }.into_any(),
                Screen::Result(file) => view! { <ResultView file /> }.into_any(),
                Screen::Help => view! { <Help /> }.into_any(),
                Screen::Review => match &desk {
                    Some(desk) => desk.review(),
                    None => view! { <p role="alert">{OFFICE_ONLY}</p> }.into_any(),
                },
                Screen::Editor { .. } => match &desk {
                    Some(desk) => desk.editor(),
                    None => view! { <p role="alert">{OFFICE_ONLY}</p> }.into_any(),
                },
                Screen::Guide => match &desk {
                    Some(desk) => desk.guide(),
                    None => view! { <p role="alert">{OFFICE_ONLY}</p> }.into_any(),
                },
            }}
        </main>
    }
}
