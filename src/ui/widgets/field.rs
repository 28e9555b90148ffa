//! A labelled text field: its value saved as typed, tidied when left.

use leptos::prelude::*;

/// A labelled text input. `value` is what it shows; `on_input` gets every keystroke's
/// value (so nothing typed waits for the field to lose focus), `on_change` the value when
/// the field is left (to trim, or read a date).
#[component]
pub fn Field(
    /// Element id (the label points to it).
    #[prop(into)]
    id: String,
    /// The label.
    label: &'static str,
    /// The value shown.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the value as typed.
    on_input: impl Fn(String) + 'static,
    /// Called with the value when the field is left.
    #[prop(optional)]
    on_change: Option<Box<dyn Fn(String)>>,
    /// `text` or `password`.
    #[prop(default = "text")]
    kind: &'static str,
    /// The autocomplete hint.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Extra explanation under the field.
    #[prop(default = None)]
    hint: Option<&'static str>,
    /// A message under the field (e.g. what was removed from the value).
    #[prop(optional, into)]
    note: Option<Signal<Option<String>>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type=kind
                autocomplete=autocomplete
                prop:value=move || value.get()
                on:input=move |ev| on_input(event_target_value(&ev))
                on:change=move |ev| {
                    if let Some(f) = &on_change {
                        f(event_target_value(&ev));
                    }
                }
            />
            {move || note.and_then(|n| n.get()).map(|n| view! { <p class="warning" role="alert">{n}</p> })}
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
        </div>
    }
}
