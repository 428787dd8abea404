//! Sets of an issue's options as bitsets: the engine's inner loop is
//! "do these parties share an option", which a bitwise AND answers.

use smallvec::{SmallVec, smallvec};

/// Up to 64 options (nearly every issue) live inline: a model of 200
/// parties and 2,000 issues holds over a million sets, and a heap
/// allocation each was a fifth of its memory.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OptionSet {
    words: SmallVec<[u64; 1]>,
}

impl OptionSet {
    pub fn empty(len: usize) -> Self {
        OptionSet {
            words: smallvec![0; len.div_ceil(64)],
        }
    }

    pub fn full(len: usize) -> Self {
        let mut set = OptionSet::empty(len);
        for i in 0..len {
            set.insert(i);
        }
        set
    }

    pub fn insert(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    pub fn remove(&mut self, i: usize) {
        self.words[i / 64] &= !(1 << (i % 64));
    }

    pub fn contains(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// The set of a `len`-option issue (at most 64) held in one word.
    pub fn from_word(len: usize, word: u64) -> Self {
        let mut set = OptionSet::empty(len);
        if let Some(w) = set.words.first_mut() {
            *w = word;
        }
        set
    }

    /// The set as one word, for sets of at most 64 options (nearly all).
    pub fn as_word(&self) -> Option<u64> {
        match self.words.as_slice() {
            [] => Some(0),
            [w] => Some(*w),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn intersect(&self, other: &OptionSet) -> OptionSet {
        OptionSet {
            words: self
                .words
                .iter()
                .zip(&other.words)
                .map(|(a, b)| a & b)
                .collect(),
        }
    }

    pub fn intersects(&self, other: &OptionSet) -> bool {
        self.words.iter().zip(&other.words).any(|(a, b)| a & b != 0)
    }

    /// Indices in the set, in ascending (agenda) order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(w, bits)| {
            (0..64)
                .filter(move |b| bits & (1 << b) != 0)
                .map(move |b| w * 64 + b)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations_cross_word_boundaries() {
        let mut a = OptionSet::empty(130);
        a.insert(3);
        a.insert(64);
        a.insert(129);
        let mut b = OptionSet::empty(130);
        b.insert(129);
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![3, 64, 129]);
        assert_eq!(a.intersect(&b).iter().collect::<Vec<_>>(), vec![129]);
        assert!(a.intersects(&b));
        b.remove(129);
        assert!(!a.intersects(&b) && b.is_empty());
        assert_eq!(OptionSet::full(70).len(), 70);
    }
}
