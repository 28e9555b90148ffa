//! [`IdMap`]: a map from ids to values, kept as a sorted list.
//!
//! A draft's answers, profile answers and stamps, and a result's counts, are small maps from
//! ids (tens to a thousand entries) written and read as JSON objects. As `BTreeMap`s each
//! value type cost the 課長's wasm its own B-tree (insert, remove, search, clone, drop,
//! iteration: ~5–12 KB per type after wasm-opt); a sorted list needs a binary search and
//! `Vec`'s methods, which the wasm has anyway. Same order, same JSON: keys sorted by their
//! bytes, as a `BTreeMap<String, _>` has them.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Ids to values, sorted by id, each id once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdMap<V> {
    entries: Vec<(String, V)>,
}

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        IdMap {
            entries: Vec::new(),
        }
    }
}

impl<V> IdMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// From entries in any order, later values of an id replacing earlier ones: sorted once,
    /// O(n log n), whatever order a file lists them in (inserting one by one would cost a
    /// crafted file O(n²) moves).
    fn from_unordered(entries: Vec<(String, V)>) -> Self {
        let mut keys = Vec::with_capacity(entries.len());
        let mut values = Vec::with_capacity(entries.len());
        for (i, (k, v)) in entries.into_iter().enumerate() {
            keys.push((k, i));
            values.push(Some(v));
        }
        order(&mut keys);
        let entries = keys
            .into_iter()
            .filter_map(|(k, i)| Some((k, values.get_mut(i)?.take()?)))
            .collect();
        IdMap { entries }
    }

    fn find(&self, id: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(id))
    }

    /// The value of `id`.
    pub fn get(&self, id: &str) -> Option<&V> {
        self.find(id).ok().map(|i| &self.entries[i].1)
    }

    /// The value of `id`, to change.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut V> {
        self.find(id).ok().map(|i| &mut self.entries[i].1)
    }

    /// Whether `id` has a value.
    pub fn contains_key(&self, id: &str) -> bool {
        self.find(id).is_ok()
    }

    /// Sets the value of `id`; returns the one it replaces.
    pub fn insert(&mut self, id: String, value: V) -> Option<V> {
        match self.find(&id) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (id, value));
                None
            }
        }
    }

    /// The value of `id`, to change; a default one first if it has none.
    pub fn get_or_insert_default(&mut self, id: String) -> &mut V
    where
        V: Default,
    {
        let i = match self.find(&id) {
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (id, V::default()));
                i
            }
        };
        &mut self.entries[i].1
    }

    /// Removes `id`; returns its value.
    pub fn remove(&mut self, id: &str) -> Option<V> {
        self.find(id).ok().map(|i| self.entries.remove(i).1)
    }

    /// How many ids have a value.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no id has a value.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The ids and their values, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The ids, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values, in the order of their ids.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }
}

/// Sorts ids with their positions and keeps the last position of each id (not generic: one
/// sort in the wasm for every value type).
fn order(keys: &mut Vec<(String, usize)>) {
    crate::core::sort::sort_by(keys, |a, b| a.cmp(b));
    keys.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 = later.1;
        }
        same
    });
}

impl<V> FromIterator<(String, V)> for IdMap<V> {
    /// Later values of the same id replace earlier ones.
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        IdMap::from_unordered(iter.into_iter().collect())
    }
}

impl<V: Serialize> Serialize for IdMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for IdMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Entries<V> {
            type Value = IdMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<IdMap<V>, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, V>()? {
                    entries.push(entry);
                }
                Ok(IdMap::from_unordered(entries))
            }
        }
        deserializer.deserialize_map(Entries(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::IdMap;
    use std::collections::BTreeMap;

    #[test]
    fn behaves_as_a_btree_map_of_strings() {
        // the same operations on both, in an order that inserts before, between and after
        let mut ours = IdMap::new();
        let mut theirs = BTreeMap::new();
        for (i, id) in ["13-2", "1-1", "20", "13-10", "1-1", "", "あ", "13-2"]
            .iter()
            .enumerate()
        {
            assert_eq!(
                ours.insert(id.to_string(), i),
                theirs.insert(id.to_string(), i)
            );
        }
        assert_eq!(ours.remove("20"), theirs.remove("20"));
        assert_eq!(ours.remove("none"), theirs.remove("none"));
        if let Some(v) = ours.get_mut("1-1") {
            *v += 100;
        }
        if let Some(v) = theirs.get_mut("1-1") {
            *v += 100;
        }
        assert_eq!(
            ours.iter().collect::<Vec<_>>(),
            theirs.iter().collect::<Vec<_>>()
        );
        assert_eq!(ours.len(), theirs.len());
        assert_eq!(ours.get("13-10"), theirs.get("13-10"));
        assert!(ours.contains_key("") && !ours.contains_key("x"));
        *ours.get_or_insert_default("0".into()) += 7;
        *ours.get_or_insert_default("0".into()) += 1;
        *theirs.entry("0".to_string()).or_default() += 8;
        assert_eq!(ours.get("0"), Some(&8));
        // and writes the same JSON
        assert_eq!(
            serde_json::to_string(&ours).expect("json"),
            serde_json::to_string(&theirs).expect("json")
        );
    }

    #[test]
    fn reads_an_object_and_nothing_else() {
        let map: IdMap<u64> = serde_json::from_str(r#"{"b":2,"a":1}"#).expect("object");
        assert_eq!(map.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(map.values().copied().collect::<Vec<_>>(), [1, 2]);
        assert!(serde_json::from_str::<IdMap<u64>>(r#"[["a",1]]"#).is_err());
        assert!(serde_json::from_str::<IdMap<u64>>(r#"{"a":"x"}"#).is_err());
        let collected: IdMap<u8> = [("x".to_string(), 1), ("x".to_string(), 2)]
            .into_iter()
            .collect();
        assert_eq!(collected.get("x"), Some(&2));
    }

    #[test]
    fn a_map_in_any_order_reads_sorted_and_the_last_value_wins() {
        // the JSON reader refuses duplicate members before this; collected entries can repeat
        let entries = [("c", 1), ("a", 2), ("b", 3), ("a", 4), ("c", 5), ("a", 6)]
            .map(|(k, v)| (k.to_string(), v));
        let map: IdMap<u32> = entries.into_iter().collect();
        assert_eq!(
            map.iter()
                .map(|(k, v)| (k.as_str(), *v))
                .collect::<Vec<_>>(),
            [("a", 6), ("b", 3), ("c", 5)]
        );
        // a large object listed backwards (the order a crafted file could choose)
        let n = 50_000;
        let json = format!(
            "{{{}}}",
            (0..n)
                .rev()
                .map(|i| format!("\"{i:06}\":{i}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        let map: IdMap<u32> = serde_json::from_str(&json).expect("object");
        assert_eq!(map.len(), n as usize);
        assert!(map.keys().zip(map.keys().skip(1)).all(|(a, b)| a < b));
        assert_eq!(map.get("012345"), Some(&12345));
    }
}
