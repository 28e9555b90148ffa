//! 情報担当課's app (tenken-kanri.html): the 課長's screens plus 集計, the 規則エディタ and
//! publishing. Built for wasm32 by Trunk beside `tenken-web` (see public/index.html).

fn main() {
    tenken::ui::start_kanri();
}
