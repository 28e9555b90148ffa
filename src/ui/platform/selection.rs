//! The text selection in the 規則エディタ's text view, read from the page: each line element
//! carries its byte offset in the source text (`data-o`), so a selection maps back to byte
//! offsets that core works with.

use wasm_bindgen::JsCast;

/// The selection in the text view, as byte offsets into source `source`'s text.
pub fn offsets(text: &str) -> Option<(usize, usize)> {
    let sel = web_sys::window()?.get_selection().ok()??;
    if sel.range_count() == 0 || sel.is_collapsed() {
        return None;
    }
    let range = sel.get_range_at(0).ok()?;
    let at = |node: web_sys::Node, utf16: u32| -> Option<usize> {
        // the line element that holds the node, and its byte offset; a point inside the
        // marks after the line's text is the line's end
        let mut el = node.clone();
        let mut in_marks = false;
        let line = loop {
            if let Some(e) = el.dyn_ref::<web_sys::Element>() {
                if e.has_attribute("data-o") {
                    break e.clone();
                }
                in_marks |= e.class_list().contains("marks");
            }
            el = el.parent_node()?;
        };
        let start: usize = line.get_attribute("data-o")?.parse().ok()?;
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_text = &text[start..end];
        // utf16 offset inside the line (a text node holds the whole line)
        let utf16 = if in_marks {
            u32::MAX as usize
        } else if node.node_type() == web_sys::Node::TEXT_NODE {
            utf16 as usize
        } else if utf16 == 0 {
            0
        } else {
            line_text.encode_utf16().count()
        };
        let mut units = 0;
        for (i, c) in line_text.char_indices() {
            if units >= utf16 {
                return Some(start + i);
            }
            units += c.len_utf16();
        }
        Some(end)
    };
    let a = at(range.start_container().ok()?, range.start_offset().ok()?)?;
    let b = at(range.end_container().ok()?, range.end_offset().ok()?)?;
    Some((a.min(b), a.max(b)))
}
