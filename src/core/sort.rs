//! One sort for every list the browser's app sorts.
//!
//! The standard library's sorts are generic: each element type and comparison gets its own
//! copy of the sorting code, 3–5 KB of wasm each. [`sort_by`] sorts the positions of the
//! elements instead, with one comparison through `dyn`, so the app carries one copy of it
//! whatever it sorts; the elements are then moved once into their places. Equal elements keep
//! their order (ties are broken by position), as with `slice::sort_by`.
//!
//! The command-line tool's reports (`core::review::aggregate` and friends) keep the standard
//! sorts: they never reach the wasm.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, equal items keeping their order (a stable sort). `cmp` must be a
/// total order, as for the standard sorts (which may panic otherwise): every caller compares
/// with a derived `Ord`.
pub fn sort_by<T>(items: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let items = &*items;
        // `positions` passes only positions below `items.len()`
        positions(items.len(), &mut |a, b| cmp(&items[a], &items[b]))
    };
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Positions `0..len` in the order `cmp` gives their elements, ties by position (not
/// generic: the one sorting routine in the wasm).
fn positions(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sorts_and_keeps_the_order_of_equal_items() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut newest_first = vec![(1, 'x'), (5, 'y'), (3, 'z'), (5, 'w')];
        sort_by(&mut newest_first, |a, b| b.0.cmp(&a.0));
        assert_eq!(newest_first, [(5, 'y'), (5, 'w'), (3, 'z'), (1, 'x')]);
    }

    #[test]
    fn empty_and_single_lists_stay_as_they_are() {
        let mut none: Vec<String> = Vec::new();
        sort_by(&mut none, |a, b| a.cmp(b));
        assert!(none.is_empty());
        let mut one = vec![String::from("一")];
        sort_by(&mut one, |a, b| a.cmp(b));
        assert_eq!(one, ["一"]);
    }

    proptest! {
        #[test]
        fn same_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std_sorted = v;
            std_sorted.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
