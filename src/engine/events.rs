//! Event lists (the statement's after-trigger queue, the deferred checks): a list that stores a
//! run of like events as one entry, and marks that keep a run from growing across them.

/// An event that can take the next event into itself when that one continues it.
pub trait Absorb {
    /// Merges `next` into `self` and returns true, or returns false and leaves both alone.
    fn absorb(&mut self, next: &Self) -> bool;
    /// How many single events this entry stands for.
    fn weight(&self) -> usize {
        1
    }
}

/// Events in queue order. Entries before the seal (a savepoint, or what has already fired) are
/// never extended, so truncating back to a mark or firing in order sees each event once.
#[derive(Debug, Clone)]
pub struct EventList<T> {
    items: Vec<T>,
    sealed: usize,
}

impl<T> Default for EventList<T> {
    fn default() -> Self {
        EventList { items: Vec::new(), sealed: 0 }
    }
}

impl<T: Absorb> EventList<T> {
    /// Appends an event, merged into the last entry when it continues it.
    pub fn push(&mut self, event: T) {
        if self.items.len() > self.sealed {
            if let Some(last) = self.items.last_mut() {
                if last.absorb(&event) {
                    return;
                }
            }
        }
        self.items.push(event);
    }

    /// The current length, as a mark to truncate back to; entries so far are sealed.
    pub fn mark(&mut self) -> usize {
        self.seal(self.items.len());
        self.items.len()
    }

    /// Seals the first `n` entries (at least).
    pub fn seal(&mut self, n: usize) {
        self.sealed = self.sealed.max(n);
    }

    /// Drops the entries after `mark`.
    pub fn truncate(&mut self, mark: usize) {
        self.items.truncate(mark);
        self.sealed = self.sealed.min(mark);
    }

    /// The entry at `i`.
    pub fn get(&self, i: usize) -> Option<&T> {
        self.items.get(i)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when nothing is queued.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many single events the list stands for.
    pub fn count(&self) -> usize {
        self.items.iter().map(Absorb::weight).sum()
    }

    /// The entries in order.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.items.iter()
    }

    /// Takes every entry out, leaving the list empty and unsealed.
    pub fn take(&mut self) -> Vec<T> {
        self.sealed = 0;
        std::mem::take(&mut self.items)
    }
}
