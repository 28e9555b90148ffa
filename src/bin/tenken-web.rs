//! The browser app's entry point: built for wasm32 by Trunk (`--features web`, see
//! public/index.html).

fn main() {
    tenken::ui::start();
}
