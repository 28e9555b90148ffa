//! The application shell: header, the current screen, navigation state.

use std::sync::Arc;

use leptos::prelude::*;

use super::builtin;
use super::bundle_list::BundleList;
use super::bundle_view::BundleView;
use crate::core::Bundle;

/// What the main area shows.
#[derive(Debug, Clone)]
pub enum Screen {
    /// The bundle list.
    Home,
    /// One bundle, browsed read-only.
    Bundle(Arc<Bundle>),
}

/// Navigation shared with every component through context.
#[derive(Clone, Copy)]
pub struct Nav {
    /// The current screen.
    pub screen: RwSignal<Screen>,
}

impl Nav {
    /// Shows `screen` and moves keyboard focus to its main heading.
    pub fn go(&self, screen: Screen) {
        self.screen.set(screen);
        request_animation_frame(|| {
            if let Some(h) = document().query_selector("main h2").ok().flatten() {
                h.set_attribute("tabindex", "-1").ok();
                if let Some(h) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&h) {
                    h.focus().ok();
                }
            }
        });
    }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let builtins = builtin::load();
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        perf.mark("tenken-bundles-loaded").ok();
    }
    let builtins = StoredValue::new(builtins);
    let nav = Nav {
        screen: RwSignal::new(Screen::Home),
    };
    provide_context(nav);

    view! {
        <header class="app-header">
            <p class="app-name">
                <button type="button" class="home-link" on:click=move |_| nav.go(Screen::Home)>
                    "tenken"
                </button>
                <span class="app-subtitle">"情報セキュリティ点検・委託契約チェック"</span>
            </p>
        </header>
        <main id="main">
            {move || match nav.screen.get() {
                Screen::Home => view! { <BundleList builtins=builtins.get_value() /> }.into_any(),
                Screen::Bundle(bundle) => view! { <BundleView bundle /> }.into_any(),
            }}
        </main>
    }
}
