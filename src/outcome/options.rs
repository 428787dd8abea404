//! Sets of an issue's options as bitsets: the engine's inner loop is
//! "do these parties share an option", which a bitwise AND answers.

/// Up to 64 options (nearly every issue) live inline in one word: a model
/// of 200 parties and 2,000 issues holds over a million sets, and a heap
/// allocation each was a fifth of its memory. The set is 16 bytes either
/// way.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OptionSet(Words);

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Words {
    One(u64),
    // A thin pointer keeps the set at 16 bytes; `Box<[u64]>` would be 24.
    #[expect(clippy::box_collection, reason = "one word of pointer, not two")]
    Many(Box<Vec<u64>>),
}

impl OptionSet {
    /// No option of an issue of `len` options.
    pub fn empty(len: usize) -> Self {
        if len <= 64 {
            OptionSet(Words::One(0))
        } else {
            OptionSet(Words::Many(Box::new(vec![0; len.div_ceil(64)])))
        }
    }

    /// Every option of an issue of `len` options.
    pub fn full(len: usize) -> Self {
        if len <= 64 {
            let word = if len == 0 { 0 } else { u64::MAX >> (64 - len) };
            return OptionSet(Words::One(word));
        }
        let mut set = OptionSet::empty(len);
        for i in 0..len {
            set.insert(i);
        }
        set
    }

    fn words(&self) -> &[u64] {
        match &self.0 {
            Words::One(w) => std::slice::from_ref(w),
            Words::Many(words) => words,
        }
    }

    fn words_mut(&mut self) -> &mut [u64] {
        match &mut self.0 {
            Words::One(w) => std::slice::from_mut(w),
            Words::Many(words) => words,
        }
    }

    /// Adds the option at `i`.
    pub fn insert(&mut self, i: usize) {
        self.words_mut()[i / 64] |= 1 << (i % 64);
    }

    /// Takes the option at `i` out.
    pub fn remove(&mut self, i: usize) {
        self.words_mut()[i / 64] &= !(1 << (i % 64));
    }

    /// Whether the option at `i` is in the set.
    pub fn contains(&self, i: usize) -> bool {
        self.words()
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// The set of an issue of at most 64 options, held in one word.
    pub fn from_word(word: u64) -> Self {
        OptionSet(Words::One(word))
    }

    /// The set as one word, for issues of at most 64 options (nearly all).
    pub fn as_word(&self) -> Option<u64> {
        match &self.0 {
            Words::One(w) => Some(*w),
            Words::Many(_) => None,
        }
    }

    /// Whether no option is in the set.
    pub fn is_empty(&self) -> bool {
        self.words().iter().all(|w| *w == 0)
    }

    /// How many options are in the set.
    pub fn len(&self) -> usize {
        self.words().iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The options in both sets.
    pub fn intersect(&self, other: &OptionSet) -> OptionSet {
        match (&self.0, &other.0) {
            (Words::One(a), Words::One(b)) => OptionSet(Words::One(a & b)),
            _ => OptionSet(Words::Many(Box::new(
                self.words()
                    .iter()
                    .zip(other.words())
                    .map(|(a, b)| a & b)
                    .collect(),
            ))),
        }
    }

    /// The options in either set.
    pub fn union(&self, other: &OptionSet) -> OptionSet {
        match (&self.0, &other.0) {
            (Words::One(a), Words::One(b)) => OptionSet(Words::One(a | b)),
            _ => OptionSet(Words::Many(Box::new(
                self.words()
                    .iter()
                    .zip(other.words())
                    .map(|(a, b)| a | b)
                    .collect(),
            ))),
        }
    }

    /// Whether every option of `self` is in `other`.
    pub fn is_subset(&self, other: &OptionSet) -> bool {
        self.words()
            .iter()
            .zip(other.words())
            .all(|(a, b)| a & !b == 0)
    }

    /// The options of `self` not in `other`.
    pub fn minus(&self, other: &OptionSet) -> OptionSet {
        match (&self.0, &other.0) {
            (Words::One(a), Words::One(b)) => OptionSet(Words::One(a & !b)),
            _ => OptionSet(Words::Many(Box::new(
                self.words()
                    .iter()
                    .zip(other.words())
                    .map(|(a, b)| a & !b)
                    .collect(),
            ))),
        }
    }

    /// Whether some option is in both sets.
    pub fn intersects(&self, other: &OptionSet) -> bool {
        self.words()
            .iter()
            .zip(other.words())
            .any(|(a, b)| a & b != 0)
    }

    /// Indices in the set, in ascending (agenda) order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words().iter().enumerate().flat_map(|(w, bits)| {
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

    #[test]
    fn small_sets_are_one_word() {
        let mut a = OptionSet::empty(64);
        a.insert(63);
        assert_eq!(a.as_word(), Some(1 << 63));
        assert_eq!(OptionSet::from_word(5).iter().collect::<Vec<_>>(), [0, 2]);
        assert_eq!(OptionSet::empty(65).as_word(), None);
        assert_eq!(std::mem::size_of::<OptionSet>(), 16);
        for len in [0, 1, 5, 63, 64] {
            assert_eq!(OptionSet::full(len).len(), len);
        }
    }
}
