//! Converts sqlparser queries and INSERT/UPDATE/DELETE into fksim's AST.

use sqlparser::ast as sp;

use crate::error::{Error, Result};
use crate::sql::ast::{
    ConflictAction, ConflictTarget, Cte, Delete, Expr, FromItem, Ident, Insert, InsertSource,
    JoinKind, JoinUsing, OnConflict, OrderBy, Query, QueryBody, Select, SelectItem, SetOp,
    Statement, Update,
};
use crate::sql::expr::{Cx, unsupported};

impl Cx<'_> {
    /// A SELECT or VALUES query.
    pub fn query(&self, q: &sp::Query) -> Result<Query> {
        self.query_parts(q, false)
    }

    /// A query; `top`: a statement of its own, where WITH queries may change rows.
    fn query_parts(&self, q: &sp::Query, top: bool) -> Result<Query> {
        let mut with = Vec::new();
        if let Some(w) = &q.with {
            for cte in &w.cte_tables {
                if cte.from.is_some() {
                    return Err(unsupported("WITH ... FROM", None));
                }
                let dml = match cte.query.body.as_ref() {
                    sp::SetExpr::Insert(s) | sp::SetExpr::Update(s) | sp::SetExpr::Delete(s)
                        if top =>
                    {
                        Some(Box::new(self.data_statement(s)?))
                    }
                    sp::SetExpr::Insert(_) | sp::SetExpr::Update(_) | sp::SetExpr::Delete(_) => {
                        return Err(unsupported(
                            "a data-modifying statement in WITH below the top level",
                            None,
                        ));
                    }
                    _ => None,
                };
                let query = match dml {
                    Some(_) => Query {
                        with: Vec::new(),
                        body: QueryBody::Values(Vec::new()),
                        order_by: Vec::new(),
                        limit: None,
                        offset: None,
                    },
                    None => self.query(&cte.query)?,
                };
                with.push(Cte {
                    name: self.ident(&cte.alias.name).name,
                    columns: cte.alias.columns.iter().map(|c| self.ident(&c.name).name).collect(),
                    query,
                    dml,
                    recursive: w.recursive,
                });
            }
        }
        if q.fetch.is_some()
            || !q.locks.is_empty()
            || q.for_clause.is_some()
            || !q.pipe_operators.is_empty()
        {
            return Err(unsupported(format!("the query clause in {q}"), None));
        }
        let body = match q.body.as_ref() {
            sp::SetExpr::Insert(_) | sp::SetExpr::Update(_) | sp::SetExpr::Delete(_) if top => {
                QueryBody::Values(Vec::new())
            }
            sp::SetExpr::Query(inner)
                if q.order_by.is_none() && q.limit_clause.is_none() && with.is_empty() =>
            {
                return self.query(inner);
            }
            body => self.set_expr_body(body)?,
        };
        let order_by = match &q.order_by {
            None => Vec::new(),
            Some(ob) => match &ob.kind {
                sp::OrderByKind::Expressions(items) => {
                    items.iter().map(|o| self.order_by(o)).collect::<Result<_>>()?
                }
                sp::OrderByKind::All(_) => return Err(unsupported("ORDER BY ALL", None)),
            },
        };
        let mut order_by: Vec<OrderBy> = order_by;
        let named = match q.body.as_ref() {
            sp::SetExpr::Select(s) => self.named_windows(&s.named_window)?,
            _ => Vec::new(),
        };
        for o in &mut order_by {
            crate::sql::window::resolve_windows(&named, &mut o.expr)?;
        }
        let (limit, offset) = match &q.limit_clause {
            None => (None, None),
            Some(sp::LimitClause::LimitOffset { limit, offset, limit_by })
                if limit_by.is_empty() =>
            {
                (
                    limit.as_ref().map(|e| self.expr(e)).transpose()?,
                    offset.as_ref().map(|o| self.expr(&o.value)).transpose()?,
                )
            }
            Some(_) => return Err(unsupported("this LIMIT form", None)),
        };
        Ok(Query { with, body, order_by, limit, offset })
    }

    /// A query as a statement: a plain query, or one whose WITH queries or body change rows.
    pub fn query_statement(&self, q: &sp::Query) -> Result<Statement> {
        let data_body = match q.body.as_ref() {
            sp::SetExpr::Insert(s) | sp::SetExpr::Update(s) | sp::SetExpr::Delete(s) => Some(s),
            _ => None,
        };
        let data_with = q.with.as_ref().is_some_and(|w| {
            w.cte_tables.iter().any(|c| {
                matches!(
                    c.query.body.as_ref(),
                    sp::SetExpr::Insert(_) | sp::SetExpr::Update(_) | sp::SetExpr::Delete(_)
                )
            })
        });
        if data_body.is_none() && !data_with {
            return Ok(Statement::Query(self.query(q)?));
        }
        let mut query = self.query_parts(q, true)?;
        let with = std::mem::take(&mut query.with);
        let statement = match data_body {
            Some(s) => self.data_statement(s)?,
            None => Statement::Query(query),
        };
        Ok(Statement::WithData { with, statement: Box::new(statement) })
    }

    /// INSERT, UPDATE or DELETE inside a query.
    fn data_statement(&self, s: &sp::Statement) -> Result<Statement> {
        Ok(match s {
            sp::Statement::Insert(i) => Statement::Insert(self.insert(i)?),
            sp::Statement::Update(u) => Statement::Update(self.update(u)?),
            sp::Statement::Delete(d) => Statement::Delete(self.delete(d)?),
            other => return Err(unsupported(format!("{other} in WITH"), None)),
        })
    }

    /// The body of a query or of one operand of a set operation.
    fn set_expr_body(&self, e: &sp::SetExpr) -> Result<QueryBody> {
        Ok(match e {
            sp::SetExpr::Select(s) => QueryBody::Select(Box::new(self.select(s)?)),
            sp::SetExpr::Values(v) => QueryBody::Values(self.values(v)?),
            sp::SetExpr::SetOperation { op, set_quantifier, left, right } => {
                let op = match op {
                    sp::SetOperator::Union => SetOp::Union,
                    sp::SetOperator::Intersect => SetOp::Intersect,
                    sp::SetOperator::Except => SetOp::Except,
                    other => return Err(unsupported(other.to_string(), None)),
                };
                let all = match set_quantifier {
                    sp::SetQuantifier::All => true,
                    sp::SetQuantifier::Distinct | sp::SetQuantifier::None => false,
                    other => return Err(unsupported(format!("{op:?} {other}"), None)),
                };
                QueryBody::SetOp {
                    op,
                    all,
                    left: Box::new(self.operand(left)?),
                    right: Box::new(self.operand(right)?),
                }
            }
            other => return Err(unsupported(format!("the query {other}"), None)),
        })
    }

    /// One operand of a set operation, as a query of its own.
    fn operand(&self, e: &sp::SetExpr) -> Result<Query> {
        match e {
            sp::SetExpr::Query(q) => self.query(q),
            other => Ok(Query {
                with: Vec::new(),
                body: self.set_expr_body(other)?,
                order_by: Vec::new(),
                limit: None,
                offset: None,
            }),
        }
    }

    /// One ORDER BY item (for the window clauses).
    /// 42P10 for `GROUP BY n` past the select list, pointing at `n` (checked here, where the
    /// number's place is known; `engine::group_by` puts the items in).
    fn check_group_positions(
        &self,
        exprs: &[sp::Expr],
        projection: &[sp::SelectItem],
    ) -> Result<()> {
        let plain = projection.iter().all(|i| {
            matches!(i, sp::SelectItem::UnnamedExpr(_) | sp::SelectItem::ExprWithAlias { .. })
        });
        for e in exprs {
            if let sp::Expr::Value(v) = e
                && let sp::Value::Number(n, _) = &v.value
                && plain
                && n.parse::<usize>().map_or(true, |i| i == 0 || i > projection.len())
            {
                return Err(Error::new(
                    "42P10",
                    format!("GROUP BY position {n} is not in select list"),
                )
                .at(self.positions.of(v.span.start)));
            }
        }
        Ok(())
    }

    pub(crate) fn order_by_pub(&self, o: &sp::OrderByExpr) -> Result<OrderBy> {
        self.order_by(o)
    }

    /// One ORDER BY item.
    fn order_by(&self, o: &sp::OrderByExpr) -> Result<OrderBy> {
        let desc = match &o.options.sort {
            None | Some(sp::OrderBySort::Asc) => false,
            Some(sp::OrderBySort::Desc) => true,
            Some(other) => {
                return Err(unsupported(format!("ORDER BY {other:?}"), self.pos_of(&o.expr)));
            }
        };
        Ok(OrderBy { expr: self.expr(&o.expr)?, desc, nulls_first: o.options.nulls_first })
    }

    /// VALUES rows.
    fn values(&self, v: &sp::Values) -> Result<Vec<Vec<Expr>>> {
        v.rows.iter().map(|r| r.content.iter().map(|e| self.expr(e)).collect()).collect()
    }

    /// A SELECT block.
    fn select(&self, s: &sp::Select) -> Result<Select> {
        let (distinct, distinct_on) = match &s.distinct {
            None | Some(sp::Distinct::All) => (false, Vec::new()),
            Some(sp::Distinct::Distinct) => (true, Vec::new()),
            Some(sp::Distinct::On(exprs)) => {
                (false, exprs.iter().map(|e| self.expr(e)).collect::<Result<_>>()?)
            }
        };
        if s.into.is_some() || s.top.is_some() || s.qualify.is_some() {
            return Err(unsupported(format!("the SELECT form {s}"), None));
        }
        let group_by = match &s.group_by {
            sp::GroupByExpr::Expressions(exprs, mods) if mods.is_empty() => {
                self.check_group_positions(exprs, &s.projection)?;
                exprs.iter().map(|e| self.expr(e)).collect::<Result<_>>()?
            }
            _ => return Err(unsupported("GROUP BY ALL or grouping sets", None)),
        };
        let mut from = Vec::new();
        for twj in &s.from {
            from.push(self.table_with_joins(twj)?);
        }
        let named = self.named_windows(&s.named_window)?;
        let mut items: Vec<SelectItem> =
            s.projection.iter().map(|i| self.select_item(i)).collect::<Result<_>>()?;
        for item in &mut items {
            if let SelectItem::Expr { expr, .. } = item {
                crate::sql::window::resolve_windows(&named, expr)?;
            }
        }
        Ok(Select {
            distinct,
            distinct_on,
            items,
            from,
            selection: s.selection.as_ref().map(|e| self.expr(e)).transpose()?,
            group_by,
            having: s.having.as_ref().map(|e| self.expr(e)).transpose()?,
        })
    }

    /// One select-list (or RETURNING) item.
    pub fn select_item(&self, i: &sp::SelectItem) -> Result<SelectItem> {
        Ok(match i {
            sp::SelectItem::UnnamedExpr(e) => SelectItem::Expr { expr: self.expr(e)?, alias: None },
            sp::SelectItem::ExprWithAlias { expr, alias } => {
                SelectItem::Expr { expr: self.expr(expr)?, alias: Some(self.ident(alias).name) }
            }
            sp::SelectItem::Wildcard(_) => SelectItem::Wildcard,
            sp::SelectItem::QualifiedWildcard(
                sp::SelectItemQualifiedWildcardKind::ObjectName(n),
                _,
            ) => SelectItem::QualifiedWildcard(self.object_name(n)?.name),
            other => return Err(unsupported(format!("the select item {other}"), None)),
        })
    }

    /// A FROM item with its joins, left-deep.
    fn table_with_joins(&self, twj: &sp::TableWithJoins) -> Result<FromItem> {
        let mut item = self.table_factor(&twj.relation)?;
        for j in &twj.joins {
            let right = self.table_factor(&j.relation)?;
            let (kind, constraint) = match &j.join_operator {
                sp::JoinOperator::Join(c) | sp::JoinOperator::Inner(c) => {
                    (JoinKind::Inner, Some(c))
                }
                sp::JoinOperator::Left(c) | sp::JoinOperator::LeftOuter(c) => {
                    (JoinKind::Left, Some(c))
                }
                sp::JoinOperator::Right(c) | sp::JoinOperator::RightOuter(c) => {
                    (JoinKind::Right, Some(c))
                }
                sp::JoinOperator::FullOuter(c) => (JoinKind::Full, Some(c)),
                sp::JoinOperator::CrossJoin(_) => (JoinKind::Cross, None),
                other => {
                    return Err(unsupported(
                        format!("the join {other:?}")
                            .split('(')
                            .next()
                            .unwrap_or("this join")
                            .to_string(),
                        None,
                    ));
                }
            };
            let (mut on, mut using) = (None, None);
            match constraint {
                Some(sp::JoinConstraint::On(e)) => on = Some(self.expr(e)?),
                Some(sp::JoinConstraint::None) | None => {}
                Some(sp::JoinConstraint::Natural) => {
                    using = Some(Box::new(JoinUsing {
                        columns: Vec::new(),
                        natural: true,
                        alias: None,
                    }));
                }
                Some(sp::JoinConstraint::Using(cols)) => using = Some(self.join_using(cols, None)?),
                Some(sp::JoinConstraint::UsingAlias(cols, a)) => {
                    using = Some(self.join_using(cols, Some(a))?)
                }
            }
            item = FromItem::Join { left: Box::new(item), right: Box::new(right), kind, on, using };
        }
        Ok(item)
    }

    /// `USING (columns) [AS alias]` of a join.
    fn join_using(
        &self,
        cols: &[sp::ObjectName],
        alias: Option<&sp::Ident>,
    ) -> Result<Box<JoinUsing>> {
        let mut columns = Vec::new();
        for c in cols {
            columns.push(self.object_name(c)?.name);
        }
        let alias = alias.map(|a| self.ident(a).name);
        Ok(Box::new(JoinUsing { columns, natural: false, alias }))
    }

    /// A table or table function in FROM.
    fn table_factor(&self, t: &sp::TableFactor) -> Result<FromItem> {
        match t {
            sp::TableFactor::Table {
                name,
                alias,
                args: Some(fargs),
                with_ordinality: true,
                ..
            } if name.to_string().eq_ignore_ascii_case("unnest") => {
                let arrays = self.plain_args(&fargs.args, self.pos_of(name))?;
                self.unnest_item(&arrays, true, alias.as_ref(), self.pos_of(name))
            }
            sp::TableFactor::Table { name, args: Some(_), with_ordinality: true, .. } => {
                Err(unsupported(format!("WITH ORDINALITY on {name}()"), self.pos_of(name)))
            }
            sp::TableFactor::Table { name, alias, args, .. } => {
                let (alias_name, column_alias) = match alias {
                    None => (None, None),
                    Some(a) => (
                        Some(self.ident(&a.name).name),
                        a.columns.first().map(|c| self.ident(&c.name).name),
                    ),
                };
                match args {
                    None => {
                        let name = self.object_name(name)?;
                        match alias {
                            // `t AS a(x, y)` renames the columns: the table read as a subquery.
                            Some(a) if !a.columns.is_empty() => Ok(FromItem::Subquery {
                                query: Box::new(select_star(name)),
                                alias: self.ident(&a.name).name,
                                columns: a
                                    .columns
                                    .iter()
                                    .map(|c| self.ident(&c.name).name)
                                    .collect(),
                                lateral: false,
                            }),
                            _ => Ok(FromItem::Table { name, alias: alias_name }),
                        }
                    }
                    Some(fargs) => {
                        let mut column_defs = Vec::new();
                        for c in alias.iter().flat_map(|a| &a.columns) {
                            if let Some(t) = &c.data_type {
                                let pos = self.positions.of(c.name.span.start);
                                let name = self.ident(&c.name).name;
                                column_defs.push((name, self.data_type(t, pos)?.0, pos));
                            }
                        }
                        if let Some(a) = alias.as_ref().filter(|_| column_defs.is_empty()) {
                            let relation = self.ident(&a.name).name;
                            crate::sql::arrays::too_many_columns(&relation, a.columns.len())?;
                        }
                        let mut exprs = Vec::new();
                        for a in &fargs.args {
                            match a {
                                sp::FunctionArg::Unnamed(sp::FunctionArgExpr::Expr(e)) => {
                                    exprs.push(self.expr(e)?)
                                }
                                other => {
                                    return Err(unsupported(
                                        format!("the argument {other}"),
                                        self.pos_of(name),
                                    ));
                                }
                            }
                        }
                        let function = self.object_name(name)?;
                        Ok(FromItem::Function {
                            schema: function.schema,
                            name: function.name,
                            args: exprs,
                            alias: alias_name,
                            column_alias,
                            column_defs,
                            pos: self.pos_of(name),
                        })
                    }
                }
            }
            // pg_dump writes joins in parentheses: `FROM (a JOIN b ON ...)`.
            sp::TableFactor::NestedJoin { table_with_joins, alias: None } => {
                self.table_with_joins(table_with_joins)
            }
            sp::TableFactor::Derived { lateral, subquery, alias, sample: None } => {
                let Some(alias) = alias else {
                    return Err(Error::new("42601", "subquery in FROM must have an alias")
                        .with_hint("For example, FROM (SELECT ...) [AS] foo.")
                        .at(self.paren_before(self.pos_of(t))));
                };
                Ok(FromItem::Subquery {
                    query: Box::new(self.query(subquery)?),
                    alias: self.ident(&alias.name).name,
                    columns: alias.columns.iter().map(|c| self.ident(&c.name).name).collect(),
                    lateral: *lateral,
                })
            }
            sp::TableFactor::Function { lateral: true, name, args, with_ordinality, alias }
                if name.to_string().eq_ignore_ascii_case("unnest") =>
            {
                let arrays = self.plain_args(args, self.pos_of(name))?;
                self.unnest_item(&arrays, *with_ordinality, alias.as_ref(), self.pos_of(name))
            }
            sp::TableFactor::Function {
                lateral: true,
                name,
                args,
                with_ordinality: false,
                alias,
            } => {
                let table = sp::TableFactor::Table {
                    name: name.clone(),
                    alias: alias.clone(),
                    args: Some(sp::TableFunctionArgs { args: args.clone(), settings: None }),
                    with_hints: Vec::new(),
                    version: None,
                    with_ordinality: false,
                    partitions: Vec::new(),
                    json_path: None,
                    sample: None,
                    index_directives: Vec::new(),
                    inheritance: None,
                };
                self.table_factor(&table)
            }
            sp::TableFactor::UNNEST {
                alias,
                array_exprs,
                with_offset: false,
                with_offset_alias: None,
                with_ordinality,
            } => self.unnest_item(array_exprs, *with_ordinality, alias.as_ref(), self.pos_of(t)),
            other => Err(unsupported(format!("the FROM item {other}"), None)),
        }
    }

    /// RETURNING list.
    fn returning(&self, r: &Option<Vec<sp::SelectItem>>) -> Result<Vec<SelectItem>> {
        r.iter().flatten().map(|i| self.select_item(i)).collect()
    }

    /// INSERT.
    pub fn insert(&self, i: &sp::Insert) -> Result<Insert> {
        let table = match &i.table {
            sp::TableObject::TableName(n) => self.object_name(n)?,
            other => return Err(unsupported(format!("INSERT INTO {other}"), None)),
        };
        if i.overwrite || !i.assignments.is_empty() || i.partitioned.is_some() {
            return Err(unsupported("this INSERT form", table.pos));
        }
        let columns: Vec<Ident> = i
            .columns
            .iter()
            .map(|c| {
                self.name_parts(c).and_then(|p| {
                    p.into_iter().last().ok_or_else(|| Error::internal("empty column name"))
                })
            })
            .collect::<Result<_>>()?;
        let source = match &i.source {
            None => InsertSource::DefaultValues,
            Some(q) => match (q.body.as_ref(), &q.order_by, &q.limit_clause) {
                (sp::SetExpr::Values(v), None, None) => InsertSource::Values(self.values(v)?),
                _ => InsertSource::Query(Box::new(self.query(q)?)),
            },
        };
        let on_conflict = match &i.on {
            None => None,
            Some(sp::OnInsert::OnConflict(c)) => {
                let target = match &c.conflict_target {
                    None => ConflictTarget::Any,
                    Some(sp::ConflictTarget::Columns { columns, predicate }) => {
                        self.conflict_columns(columns, predicate.as_ref())?
                    }
                    Some(sp::ConflictTarget::OnConstraint(name)) => {
                        ConflictTarget::Constraint(self.object_name(name)?.name)
                    }
                };
                let action = match &c.action {
                    sp::OnConflictAction::DoNothing => ConflictAction::Nothing,
                    sp::OnConflictAction::DoUpdate(u) => ConflictAction::Update {
                        assignments: self.assignments(&u.assignments, table.pos)?,
                        selection: u.selection.as_ref().map(|e| self.expr(e)).transpose()?,
                    },
                };
                Some(OnConflict { target, action })
            }
            Some(_) => return Err(unsupported("ON DUPLICATE KEY UPDATE", table.pos)),
        };
        let overriding_system = match &i.overriding {
            None => false,
            Some(sp::InsertOverriding::System) => true,
            Some(sp::InsertOverriding::User) => {
                return Err(unsupported("OVERRIDING USER VALUE", table.pos));
            }
        };
        Ok(Insert {
            table,
            alias: i.table_alias.as_ref().map(|a| self.ident(&a.alias).name),
            columns,
            source,
            on_conflict,
            overriding_system,
            returning: self.returning(&i.returning)?,
        })
    }

    /// The single target table of UPDATE/DELETE, with its alias.
    fn target(
        &self,
        twj: &sp::TableWithJoins,
    ) -> Result<(crate::sql::ast::ObjectName, Option<String>)> {
        match (&twj.relation, twj.joins.is_empty()) {
            (sp::TableFactor::Table { name, alias, args: None, .. }, true) => {
                Ok((self.object_name(name)?, alias.as_ref().map(|a| self.ident(&a.name).name)))
            }
            _ => Err(unsupported("UPDATE or DELETE on more than one table", None)),
        }
    }

    /// UPDATE.
    pub fn update(&self, u: &sp::Update) -> Result<Update> {
        let (table, alias) = self.target(&u.table)?;
        if !u.order_by.is_empty() || u.limit.is_some() {
            return Err(unsupported("UPDATE ... ORDER BY / LIMIT", table.pos));
        }
        let from = match &u.from {
            None => Vec::new(),
            Some(sp::UpdateTableFromKind::AfterSet(list)) => {
                list.iter().map(|t| self.table_with_joins(t)).collect::<Result<_>>()?
            }
            Some(sp::UpdateTableFromKind::BeforeSet(_)) => {
                return Err(Error::syntax_near("FROM", table.pos));
            }
        };
        let assignments = self.assignments(&u.assignments, table.pos)?;
        Ok(Update {
            table,
            alias,
            assignments,
            from,
            selection: u.selection.as_ref().map(|e| self.expr(e)).transpose()?,
            returning: self.returning(&u.returning)?,
        })
    }

    /// The `SET col = expr, ...` of UPDATE and ON CONFLICT DO UPDATE.
    fn assignments(
        &self,
        list: &[sp::Assignment],
        pos: crate::sql::ast::Pos,
    ) -> Result<Vec<(Ident, Expr)>> {
        let mut assignments = Vec::new();
        for a in list {
            match &a.target {
                sp::AssignmentTarget::ColumnName(n) => {
                    let col = self
                        .name_parts(n)?
                        .into_iter()
                        .last()
                        .ok_or_else(|| Error::internal("empty column name"))?;
                    let value = self.subscripted_assignment(&col, self.expr(&a.value)?)?;
                    assignments.push((col, value));
                }
                sp::AssignmentTarget::Tuple(_) => {
                    return Err(unsupported("multiple-column assignment", pos));
                }
            }
        }
        Ok(assignments)
    }

    /// DELETE.
    pub fn delete(&self, d: &sp::Delete) -> Result<Delete> {
        let tables = match &d.from {
            sp::FromTable::WithFromKeyword(t) | sp::FromTable::WithoutKeyword(t) => t,
        };
        let [twj] = tables.as_slice() else {
            return Err(unsupported("DELETE from more than one table", None));
        };
        let (table, alias) = self.target(twj)?;
        if !d.tables.is_empty() || !d.order_by.is_empty() || d.limit.is_some() {
            return Err(unsupported("this DELETE form", table.pos));
        }
        let using = match &d.using {
            None => Vec::new(),
            Some(list) => list.iter().map(|t| self.table_with_joins(t)).collect::<Result<_>>()?,
        };
        Ok(Delete {
            table,
            alias,
            using,
            selection: d.selection.as_ref().map(|e| self.expr(e)).transpose()?,
            returning: self.returning(&d.returning)?,
        })
    }
}

/// `SELECT * FROM name`: a table read under new column names.
fn select_star(name: crate::sql::ast::ObjectName) -> Query {
    let select = Select {
        items: vec![SelectItem::Wildcard],
        from: vec![FromItem::Table { name, alias: None }],
        ..crate::sql::arrays::empty_select()
    };
    Query { body: QueryBody::Select(Box::new(select)), ..crate::sql::arrays::empty_query() }
}
