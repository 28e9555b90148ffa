//! The browser app's entry point (built for wasm32 by Trunk).

fn main() {
    #[cfg(target_arch = "wasm32")]
    tenken::ui::start();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("tenken-web is the browser app: build it with `trunk build` (see README.md)");
}
