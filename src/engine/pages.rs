//! PostgreSQL's heap pages, as far as they decide where each row version is stored, and so the
//! order scans meet rows in: tuple sizes, free space, line pointers (reused once pruning frees
//! them), an update staying on its page (HOT) when it fits, and the pruning a page gets when a
//! scan visits it short of space (heapam.c, hio.c, pruneheap.c, bufpage.c).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap;

use crate::engine::heap::{RowId, Xid};

const BLCKSZ: u32 = 8192;
/// The page header before the line pointers.
const PAGE_HEADER: u32 = 24;
/// One line pointer.
const LINE_POINTER: u32 = 4;
/// MaxHeapTuplesPerPage for 8 kB pages.
const MAX_TUPLES_PER_PAGE: usize = 291;
/// heap_page_prune_opt prunes a page with less free space than this (BLCKSZ / 10).
const PRUNE_BELOW: u32 = BLCKSZ / 10;
/// A free space map category is this many bytes.
const FSM_STEP: u32 = 32;

/// Where a tuple is: page, then line pointer (from 1), the order a sequential scan meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tid {
    /// Block number.
    pub page: u32,
    /// Line pointer, from 1.
    pub offset: u16,
}

/// A line pointer's state, in four bytes: the slot of a normal tuple, a redirect (high bit and
/// the line it redirects to), or one of two markers.
#[derive(Debug, Clone, Copy, PartialEq)]
struct LinePointer(u32);

impl LinePointer {
    /// Free for the next tuple stored on the page.
    const UNUSED: LinePointer = LinePointer(u32::MAX);
    /// A pruned tuple that indexes may still point to; never reused before VACUUM.
    const DEAD: LinePointer = LinePointer(u32::MAX - 1);
    const REDIRECT: u32 = 1 << 31;

    /// Points to the tuple of this heap slot.
    fn normal(slot: u32) -> Self {
        LinePointer(slot)
    }

    /// A pruned HOT chain's root: the chain goes on at this line pointer.
    fn redirect(to: u16) -> Self {
        LinePointer(Self::REDIRECT | u32::from(to))
    }

    fn slot(self) -> Option<u32> {
        (self.0 < Self::REDIRECT).then_some(self.0)
    }

    fn redirected(self) -> Option<u16> {
        (self.0 & Self::REDIRECT != 0 && self.0 < Self::DEAD.0).then_some(self.0 as u16)
    }
}

/// A page's line pointers. While they point to consecutive slots (a page filled by inserts,
/// the common case) only the first slot and the count are kept; `each` holds them one by one
/// from the first change that breaks the run.
#[derive(Debug, Clone, Default)]
struct Lines {
    first: u32,
    len: u16,
    each: Option<Vec<LinePointer>>,
}

impl Lines {
    fn len(&self) -> usize {
        self.each.as_ref().map_or(usize::from(self.len), Vec::len)
    }

    fn get(&self, i: usize) -> Option<LinePointer> {
        match &self.each {
            Some(v) => v.get(i).copied(),
            None => (i < usize::from(self.len)).then(|| LinePointer::normal(self.first + i as u32)),
        }
    }

    fn each(&mut self) -> &mut Vec<LinePointer> {
        let (first, len) = (self.first, self.len);
        self.each.get_or_insert_with(|| {
            (0..u32::from(len)).map(|i| LinePointer::normal(first + i)).collect()
        })
    }

    fn set(&mut self, i: usize, lp: LinePointer) {
        if let Some(l) = self.each().get_mut(i) {
            *l = lp;
        }
    }

    fn first_unused(&self) -> Option<usize> {
        self.each.as_ref()?.iter().position(|l| *l == LinePointer::UNUSED)
    }

    /// Adds a line pointer at the end; returns its offset (from 1).
    fn push(&mut self, slot: u32) -> u16 {
        if self.each.is_none() && (self.len == 0 || self.first + u32::from(self.len) == slot) {
            if self.len == 0 {
                self.first = slot;
            }
            self.len += 1;
            return self.len;
        }
        let v = self.each();
        v.push(LinePointer::normal(slot));
        v.len() as u16
    }
}

#[derive(Debug, Clone)]
struct Page {
    lines: Lines,
    /// Start of the tuple space (pd_upper).
    upper: u32,
    /// The oldest transaction that deleted a tuple here, once it may be pruned (pd_prune_xid).
    prune_xid: Option<Xid>,
    /// An update found no room here (PD_PAGE_FULL).
    full: bool,
    /// Some line pointer is unused (PD_HAS_FREE_LINES).
    free_lines: bool,
    /// The `prune_xid` under which the page is listed as due for pruning, if it is.
    listed: Option<Xid>,
    /// Line pointers (from 0) pruning must look at: those whose tuple was deleted or aborted
    /// since the last prune, and those it left undecided (a tuple still being deleted, a
    /// redirect). Every other line holds a live tuple or is dead or unused, which pruning
    /// leaves as it is; so a prune reads these few instead of the whole page.
    suspects: smallvec::SmallVec<[u16; 4]>,
}

impl Page {
    fn new() -> Self {
        Page {
            lines: Lines::default(),
            upper: BLCKSZ,
            prune_xid: None,
            full: false,
            free_lines: false,
            listed: None,
            suspects: smallvec::SmallVec::new(),
        }
    }

    /// PageGetHeapFreeSpace: room for one more tuple, its line pointer counted.
    fn heap_free_space(&self) -> u32 {
        let lower = PAGE_HEADER + LINE_POINTER * self.lines.len() as u32;
        let space = self.upper.saturating_sub(lower);
        if space < LINE_POINTER {
            return 0;
        }
        if self.lines.len() >= MAX_TUPLES_PER_PAGE
            && !(self.free_lines && self.lines.first_unused().is_some())
        {
            return 0;
        }
        space - LINE_POINTER
    }

    /// PageAddItem: the lowest unused line pointer when the page says it has one, else a new
    /// one at the end.
    fn add(&mut self, slot: u32, size: u32) -> u16 {
        self.upper -= size;
        if self.free_lines {
            if let Some(i) = self.lines.first_unused() {
                self.lines.set(i, LinePointer::normal(slot));
                return i as u16 + 1;
            }
            self.free_lines = false;
        }
        self.lines.push(slot)
    }
}

/// What pruning needs to know of a slot's tuple, in four bytes: 0 while it lives (or its
/// deleter aborted), the transaction that deleted or replaced it, or ABORTED when its inserting
/// statement or transaction failed (dead to everyone).
type Fate = u32;
const LIVE: Fate = 0;
const ABORTED: Fate = u32::MAX;

/// The pages of one table.
#[derive(Debug, Clone, Default)]
pub struct Pages {
    pages: Vec<Page>,
    /// Per heap slot: where its tuple is (page and line packed), its aligned size, and its fate
    /// (kept from the first deletion on).
    at: Vec<u32>,
    size: Vec<u16>,
    fate: Vec<Fate>,
    /// A HOT-updated slot's successor in its chain.
    hot_next: FxHashMap<u32, u32>,
    /// For a slot written by a HOT update (a heap-only tuple), its chain's root: PostgreSQL's
    /// indexes keep pointing there, so index and bitmap scans meet the row at the root's place.
    roots: FxHashMap<u32, u32>,
    /// The page the last insert went to (the relation's target block).
    target: Option<u32>,
    /// The free space map: what was recorded of each page, in FSM categories.
    fsm: FxHashMap<u32, u32>,
    /// Pages short of space with tuples deleted, by the transaction that deleted the first: the
    /// ones a scan in a later transaction prunes, found without reading every page.
    /// An entry no longer matching its page's `listed` is stale, dropped when met (or when
    /// stale entries outnumber the listed pages): listing and unlisting are a push and nothing.
    due: BinaryHeap<Reverse<(Xid, u32)>>,
    /// Pages listed as due.
    listed_pages: usize,
    /// Every slot's tuple sits in slot order (no line pointer reused, no update placed on an
    /// earlier page): scans need no sorting.
    in_slot_order: bool,
}

/// A Tid in four bytes: the page above nine bits of line pointer (at most 291 per page).
fn pack(t: Tid) -> u32 {
    t.page << 9 | u32::from(t.offset)
}

fn unpack(t: u32) -> Tid {
    Tid { page: t >> 9, offset: (t & 0x1ff) as u16 }
}

impl Pages {
    /// An empty table's pages.
    pub fn new() -> Self {
        Pages { in_slot_order: true, ..Default::default() }
    }

    /// Where a slot's tuple is.
    pub fn tid(&self, slot: RowId) -> Tid {
        self.at.get(slot.0 as usize).map_or(Tid { page: u32::MAX, offset: 0 }, |&t| unpack(t))
    }

    fn fate(&self, slot: u32) -> Fate {
        self.fate.get(slot as usize).copied().unwrap_or(LIVE)
    }

    fn set_fate(&mut self, slot: u32, fate: Fate) {
        let i = slot as usize;
        if i >= self.fate.len() {
            if fate == LIVE {
                return;
            }
            self.fate.resize(self.at.len().max(i + 1), LIVE);
        }
        self.fate[i] = fate;
        if fate != LIVE
            && let Some(&at) = self.at.get(i)
        {
            let tid = unpack(at);
            if let Some(p) = self.pages.get_mut(tid.page as usize) {
                p.suspects.push(tid.offset - 1);
            }
        }
    }

    /// True while scan order is slot order.
    pub fn in_slot_order(&self) -> bool {
        self.in_slot_order
    }

    /// Pages the table has.
    pub fn count(&self) -> usize {
        self.pages.len()
    }

    /// Lists or unlists a page as due for pruning after it changed.
    fn refresh(&mut self, page: usize) {
        let p = &mut self.pages[page];
        if p.prune_xid.is_none() && p.listed.is_none() {
            return;
        }
        let due = if p.full || p.heap_free_space() < PRUNE_BELOW { p.prune_xid } else { None };
        if p.listed == due {
            return;
        }
        match (p.listed, due) {
            (None, Some(_)) => self.listed_pages += 1,
            (Some(_), None) => self.listed_pages -= 1,
            _ => {}
        }
        p.listed = due;
        if let Some(x) = due {
            self.due.push(Reverse((x, page as u32)));
        }
        if self.due.len() > 2 * self.listed_pages + 64 {
            let pages = &self.pages;
            self.due.retain(|&Reverse((x, page))| pages[page as usize].listed == Some(x));
        }
    }

    fn place(&mut self, slot: RowId, size: u32, page: u32) {
        let offset = self.pages[page as usize].add(slot.0, size);
        self.refresh(page as usize);
        let tid = Tid { page, offset };
        let i = slot.0 as usize;
        if i != self.at.len() {
            // Slots are numbered as written; anything else is a bug kept harmless.
            return;
        }
        if self.at.last().is_some_and(|&last| unpack(last) > tid) {
            self.in_slot_order = false;
        }
        self.at.push(pack(tid));
        self.size.push(size.min(u32::from(u16::MAX)) as u16);
    }

    /// RelationGetBufferForTuple: the target page if the tuple fits, else pages the free space
    /// map knows of, else a new page.
    fn find_page(&mut self, size: u32) -> u32 {
        let mut candidate = self
            .target
            .or_else(|| self.fsm_search(size))
            .or_else(|| (!self.pages.is_empty()).then(|| self.pages.len() as u32 - 1));
        while let Some(page) = candidate {
            let free = self.pages[page as usize].heap_free_space();
            if size <= free {
                self.target = Some(page);
                return page;
            }
            // Record what this page has, and ask for another.
            self.fsm.insert(page, free / FSM_STEP);
            candidate = self.fsm_search(size);
        }
        self.pages.push(Page::new());
        let page = self.pages.len() as u32 - 1;
        self.target = Some(page);
        page
    }

    /// The first page the free space map says has room for `size` bytes.
    fn fsm_search(&self, size: u32) -> Option<u32> {
        let needed = size.div_ceil(FSM_STEP);
        let mut pages: Vec<u32> =
            self.fsm.iter().filter(|&(_, &cat)| cat >= needed).map(|(&p, _)| p).collect();
        pages.sort_unstable();
        pages.first().copied()
    }

    /// A new row's tuple (INSERT).
    pub fn insert(&mut self, slot: RowId, size: u32) {
        let page = self.find_page(size);
        self.place(slot, size, page);
    }

    /// A new version of `old` (UPDATE): on the old page if it fits there, and then HOT when no
    /// indexed column changed (`hot_allowed`): the new version joins the old one's chain;
    /// elsewhere otherwise, the old page marked full.
    pub fn update(&mut self, old: RowId, slot: RowId, size: u32, hot_allowed: bool) {
        let old_page = self.tid(old).page;
        let fits = self.pages.get(old_page as usize).is_some_and(|p| size <= p.heap_free_space());
        if fits {
            self.place(slot, size, old_page);
            if hot_allowed {
                self.hot_next.insert(old.0, slot.0);
                let root = self.root(old);
                self.roots.insert(slot.0, root.0);
            }
            return;
        }
        if let Some(p) = self.pages.get_mut(old_page as usize) {
            p.full = true;
            self.refresh(old_page as usize);
        }
        let page = self.find_page(size);
        self.place(slot, size, page);
    }

    /// A tuple deleted (or replaced) by transaction `xid`.
    pub fn delete(&mut self, slot: RowId, xid: Xid) {
        let i = slot.0 as usize;
        if i >= self.at.len() {
            return;
        }
        self.set_fate(slot.0, xid as Fate);
        let page = unpack(self.at[i]).page as usize;
        let p = &mut self.pages[page];
        p.prune_xid = Some(p.prune_xid.map_or(xid, |p| p.min(xid)));
        self.refresh(page);
    }

    /// A deletion undone (its transaction or savepoint rolled back): the tuple lives again.
    pub fn undelete(&mut self, slot: RowId) {
        self.set_fate(slot.0, LIVE);
    }

    /// An insertion undone: the tuple is dead to everyone, and no chain goes on to it.
    pub fn abort_insert(&mut self, slot: RowId) {
        self.set_fate(slot.0, ABORTED);
        self.hot_next.retain(|_, next| *next != slot.0);
    }

    /// Whether `slot` was written by a HOT update (no index entry of its own).
    fn is_heap_only(&self, slot: u32) -> bool {
        self.roots.contains_key(&slot)
    }

    /// The slot an index entry for this version points to: its HOT chain's root.
    pub fn root(&self, slot: RowId) -> RowId {
        if self.roots.is_empty() {
            return slot;
        }
        self.roots.get(&slot.0).map_or(slot, |&r| RowId(r))
    }

    /// Where an index entry for this version points (its chain root's place).
    pub fn root_tid(&self, slot: RowId) -> Tid {
        self.tid(self.root(slot))
    }

    /// Versions written by HOT updates (no index entry of their own).
    pub fn hot_count(&self) -> usize {
        self.roots.len()
    }

    /// heap_page_prune_opt: a scan or index fetch reads `page` while transaction `current`
    /// runs. A page short of space (or marked full) whose deleted tuples are old enough is
    /// pruned: dead tuples give their space back, HOT chains lose their dead heads (the root
    /// line pointer redirects), dead heap-only tuples free their line pointers for reuse.
    pub fn visit(&mut self, page: u32, current: Xid) {
        let due = self.pages.get(page as usize).and_then(|p| p.listed);
        if due.is_some_and(|x| x < current) {
            self.prune(page as usize, current);
        }
    }

    /// Whether any page may be due for pruning in transaction `current` (most often none is;
    /// a stale entry may say yes, and [`Self::visit_all`] then finds nothing to do).
    pub fn any_due(&self, current: Xid) -> bool {
        self.due.peek().is_some_and(|&Reverse((x, _))| x < current)
    }

    /// Visits every page (a sequential scan): those due for pruning are pruned.
    pub fn visit_all(&mut self, current: Xid) {
        let mut due = Vec::new();
        while let Some(&Reverse((x, page))) = self.due.peek().filter(|e| e.0.0 < current) {
            self.due.pop();
            if self.pages.get(page as usize).is_some_and(|p| p.listed == Some(x)) {
                due.push(page);
            }
        }
        for page in due {
            self.visit(page, current);
        }
    }

    fn removable(&self, slot: u32, current: Xid) -> bool {
        match self.fate(slot) {
            LIVE => false,
            ABORTED => true,
            x => Xid::from(x) < current,
        }
    }

    fn prune(&mut self, page: usize, current: Xid) {
        let mut new_prune_xid: Option<Xid> = None;
        let mut freed_lines = false;
        // Lines already seen as members of a walked chain (chains are short).
        let mut marked: smallvec::SmallVec<[usize; 16]> = smallvec::SmallVec::new();
        // One chain at a time, walked in the same buffer (a page has hundreds of roots).
        let mut chain = Vec::new();
        let mut candidates = std::mem::take(&mut self.pages[page].suspects);
        candidates.sort_unstable();
        candidates.dedup();
        for root in candidates.iter().map(|&line| usize::from(line)) {
            if marked.contains(&root) {
                continue;
            }
            let Some(lp) = self.pages[page].lines.get(root) else { continue };
            let first = if let Some(slot) = lp.slot() {
                // A live tuple (most of a page) ends its own chain with nothing to prune: its
                // line pointer stays as it is, whatever chain it belongs to.
                if self.fate(slot) == LIVE {
                    continue;
                }
                if self.is_heap_only(slot) {
                    // A heap-only tuple is pruned with its chain, unless it is dead and nothing
                    // continues from it (an aborted HOT update).
                    if self.removable(slot, current) && !self.hot_next.contains_key(&slot) {
                        self.release(page, root, LinePointer::UNUSED);
                        freed_lines = true;
                        marked.push(root);
                    }
                    continue;
                }
                slot
            } else if let Some(to) = lp.redirected() {
                match self.pages[page].lines.get(to as usize - 1).and_then(LinePointer::slot) {
                    Some(slot) => slot,
                    None => {
                        self.pages[page].lines.set(root, LinePointer::DEAD);
                        continue;
                    }
                }
            } else {
                continue;
            };
            // Walk the chain: dead members up to the last one removable go; a member still
            // being deleted, or alive, ends the walk.
            let root_is_tuple = lp.slot().is_some();
            chain.clear();
            let mut slot = first;
            let mut latest_dead = None;
            loop {
                let tid = self.tid(RowId(slot));
                let line = tid.offset as usize - 1;
                if tid.page as usize != page
                    || self.pages[page].lines.get(line) != Some(LinePointer::normal(slot))
                {
                    break;
                }
                chain.push(slot);
                marked.push(line);
                match self.fate(slot) {
                    LIVE => break,
                    ABORTED => latest_dead = Some(chain.len() - 1),
                    x if Xid::from(x) >= current => {
                        let x = Xid::from(x);
                        new_prune_xid = Some(new_prune_xid.map_or(x, |p: Xid| p.min(x)));
                        break;
                    }
                    _ => latest_dead = Some(chain.len() - 1),
                }
                match self.hot_next.get(&slot) {
                    Some(&next) => slot = next,
                    None => break,
                }
            }
            let Some(last_dead) = latest_dead else { continue };
            // The root's own tuple gives its space back but keeps its line pointer (dead, or
            // redirecting); the heap-only members free theirs.
            let (root_tuple, members) = if root_is_tuple {
                (Some(chain[0]), &chain[1..=last_dead])
            } else {
                (None, &chain[..=last_dead])
            };
            for &member in members {
                let off = self.tid(RowId(member)).offset as usize - 1;
                self.release(page, off, LinePointer::UNUSED);
                freed_lines = true;
            }
            if let Some(t) = root_tuple {
                self.free_space(page, t);
            }
            let to = match chain.get(last_dead + 1) {
                Some(&next) => LinePointer::redirect(self.tid(RowId(next)).offset),
                None => LinePointer::DEAD,
            };
            self.pages[page].lines.set(root, to);
        }
        // What is still undecided is looked at again by the next prune.
        let undecided = |lp: LinePointer| match lp.slot() {
            Some(slot) => self.fate(slot) != LIVE,
            None => lp.redirected().is_some(),
        };
        candidates
            .retain(|line| self.pages[page].lines.get(usize::from(*line)).is_some_and(undecided));
        let p = &mut self.pages[page];
        p.suspects.append(&mut candidates);
        p.prune_xid = new_prune_xid;
        p.full = false;
        if freed_lines {
            p.free_lines = true;
        }
        self.refresh(page);
    }

    /// Frees a tuple's space and sets its line pointer.
    fn release(&mut self, page: usize, line: usize, to: LinePointer) {
        if let Some(slot) = self.pages[page].lines.get(line).and_then(LinePointer::slot) {
            self.free_space(page, slot);
        }
        self.pages[page].lines.set(line, to);
    }

    fn free_space(&mut self, page: usize, slot: u32) {
        self.pages[page].upper += u32::from(self.size[slot as usize]);
    }
}
