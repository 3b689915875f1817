//! Rows read from the column-wise heap in place: a scan copies only the columns its query reads
//! into one row it reuses, so WHERE, join keys and aggregates are evaluated without a
//! `Vec<Value>` allocated per row scanned (a row is copied only where it is kept whole), and
//! `count(*)` reads no column at all.

use crate::engine::access::{AccessPath, filter_rows};
use crate::engine::aggregate::Grouper;
use crate::engine::calls::AggCall;
use crate::engine::expr::{Bound, EvalContext};
use crate::engine::fastexpr::FastExpr;
use crate::engine::groupplan::collect_columns;
use crate::engine::heap::Heap;
use crate::engine::join::RowCursor;
use crate::engine::storage::RowId;
use crate::engine::table::{ScanOrder, Table};
use crate::engine::value::Value;
use crate::error::Result;

/// The columns below `width` that any of `exprs` reads, ascending, once each.
pub fn columns_read<'b>(width: usize, exprs: impl IntoIterator<Item = &'b Bound>) -> Vec<usize> {
    let mut columns = Vec::new();
    for e in exprs {
        collect_columns(e, &mut columns);
    }
    columns.retain(|&c| c < width);
    columns.sort_unstable();
    columns.dedup();
    columns
}

/// Every expression an aggregate call evaluates per row: its arguments, FILTER and ORDER BY.
pub fn aggregate_exprs(a: &AggCall) -> impl Iterator<Item = &Bound> {
    a.arg
        .iter()
        .chain(a.more.iter().map(|(b, _)| b))
        .chain(a.filter.iter())
        .chain(a.order_by.iter().map(|k| &k.key))
}

/// One row of a heap, reused for every slot read: the columns asked for hold the slot's
/// values, the others stay NULL.
pub struct RowReader<'t> {
    heap: &'t Heap,
    columns: Vec<usize>,
    row: Vec<Value>,
}

impl<'t> RowReader<'t> {
    /// A reader of `columns` (positions in the heap's rows).
    pub fn new(heap: &'t Heap, columns: Vec<usize>) -> Self {
        RowReader { heap, columns, row: vec![Value::Null; heap.width()] }
    }

    /// A reader of every column.
    pub fn all(heap: &'t Heap) -> Self {
        Self::new(heap, (0..heap.width()).collect())
    }

    /// The live row in slot `id` (its unread columns NULL), or None.
    #[inline]
    pub fn read(&mut self, id: RowId) -> Option<&[Value]> {
        self.heap.read_into(id, &self.columns, &mut self.row).then_some(&self.row[..])
    }
}

/// The reader of a join's probing base table (its columns are the first `width` of the joined
/// row): the columns the query reads (`narrow`; every one when None) and the join condition's.
pub fn join_reader<'t>(
    heap: &'t Heap,
    narrow: Option<&[usize]>,
    cond: Option<&Bound>,
    width: usize,
) -> RowReader<'t> {
    match narrow {
        Some(columns) => {
            let mut columns = [columns, &columns_read(width, cond)].concat();
            columns.retain(|&c| c < width);
            columns.sort_unstable();
            columns.dedup();
            RowReader::new(heap, columns)
        }
        None => RowReader::all(heap),
    }
}

/// A table's rows in the order of `ids`, read by a [`RowReader`] as a join probes with them.
pub struct HeapRows<'t> {
    reader: RowReader<'t>,
    ids: ScanOrder,
}

impl<'t> HeapRows<'t> {
    /// The live rows among `ids`, as `reader` reads them.
    pub fn new(reader: RowReader<'t>, ids: ScanOrder) -> Self {
        HeapRows { reader, ids }
    }
}

impl RowCursor for HeapRows<'_> {
    fn next_row(&mut self) -> Option<Result<&[Value]>> {
        let id = self.ids.by_ref().find(|&id| self.reader.heap.is_live(id))?;
        self.reader.read(id).map(Ok)
    }
}

/// Where a SELECT's rows go before its select list: into their groups' accumulators, or kept.
pub enum RowSink<'a> {
    /// A grouped query's groups.
    Grouped(Box<Grouper<'a>>),
    /// The rows WHERE kept.
    Kept(Vec<Vec<Value>>),
}

impl RowSink<'_> {
    /// Hands on a row read in place (copied only when kept, or when it starts a group).
    pub fn push_ref(&mut self, row: &[Value], ctx: &EvalContext) -> Result<()> {
        match self {
            RowSink::Grouped(g) => g.push_ref(row, ctx),
            RowSink::Kept(rows) => {
                rows.push(row.to_vec());
                Ok(())
            }
        }
    }

    /// Hands on a row in a buffer, taking the buffer when the row is kept.
    pub fn push(&mut self, row: &mut Vec<Value>, ctx: &EvalContext) -> Result<()> {
        match self {
            RowSink::Grouped(g) => g.push_ref(row, ctx),
            RowSink::Kept(rows) => {
                rows.push(std::mem::take(row));
                Ok(())
            }
        }
    }
}

/// A sequential scan polls the cancel flag once per this many slots (a poll costs about as much
/// as testing a row).
const SCAN_POLL: u32 = 64;

/// Feeds the rows of `table` that `filter` keeps into `sink`, in the order `path` meets them,
/// reading `columns` of each (every column when None; they include the filter's). A sequential
/// scan meeting rows in slot order tests and hands on each row as it reads it, and a
/// `count(*)` of a whole table counts its live rows without visiting them.
pub fn scan_table(
    table: &Table,
    filter: Option<&Bound>,
    path: &AccessPath,
    columns: Option<Vec<usize>>,
    sink: &mut RowSink,
    ctx: &EvalContext,
) -> Result<()> {
    let mut reader = match columns {
        Some(columns) => RowReader::new(&table.heap, columns),
        None => RowReader::all(&table.heap),
    };
    if *path == AccessPath::SeqScan {
        // What the scan would prune, it prunes first (liveness is unchanged by pruning).
        table.visit_all_pages(ctx.xid);
        if table.pages.borrow().in_slot_order() {
            if let RowSink::Grouped(g) = sink
                && filter.is_none()
                && reader.columns.is_empty()
                && g.counts_only()
            {
                // Every live row is the same all-NULL row to the aggregates: the live count.
                ctx.cancel.check()?;
                return g.push_counted(&reader.row, table.heap.len(), ctx);
            }
            let test = filter.map(FastExpr::new);
            let heap = &table.heap;
            for id in (0..heap.slot_count() as u32).map(RowId) {
                if id.0 % SCAN_POLL == 0 {
                    ctx.cancel.check_rows(u64::from(SCAN_POLL))?;
                }
                if !heap.is_live(id) {
                    continue;
                }
                // WHERE and the grouping read the slot in place when they are compiled; the
                // row is read only for what they leave to the general path.
                let slot = heap.slot(id);
                // True when WHERE is known to keep the row; false when the row must be read
                // for the general path to decide.
                let kept = match test.as_ref().map(|t| t.holds_fast(&slot)) {
                    Some(Some(false)) => continue,
                    Some(None) => false,
                    None | Some(Some(true)) => true,
                };
                if kept
                    && let RowSink::Grouped(g) = sink
                    && g.push_fast(&slot)?
                {
                    continue;
                }
                if let Some(row) = reader.read(id)
                    && (kept || test.as_ref().map_or(Ok(true), |t| t.holds(row, ctx))?)
                {
                    sink.push_ref(row, ctx)?;
                }
            }
            return Ok(());
        }
    }
    for id in filter_rows(table, filter, path, ctx)? {
        if let Some(row) = reader.read(id) {
            sink.push_ref(row, ctx)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::heap::Row;

    #[test]
    fn reads_only_the_columns_asked_for() {
        let mut h = Heap::default();
        let a = h.push(Row { values: vec![Value::Int(1), Value::Text("a".into())], xmin: 1 });
        let b = h.push(Row { values: vec![Value::Int(2), Value::Text("bb".into())], xmin: 1 });
        let mut r = RowReader::new(&h, vec![1]);
        assert_eq!(r.read(a), Some(&[Value::Null, Value::Text("a".into())][..]));
        assert_eq!(r.read(b), Some(&[Value::Null, Value::Text("bb".into())][..]));
        h.take(a);
        let mut all = RowReader::all(&h);
        assert_eq!(all.read(a), None);
        assert_eq!(all.read(b), Some(&[Value::Int(2), Value::Text("bb".into())][..]));
    }
}
