//! Converts sqlparser DDL (CREATE/ALTER/DROP TABLE, indexes, schemas, TRUNCATE) into fksim's AST.

use sqlparser::ast as sp;
use sqlparser::keywords::Keyword;

use crate::error::{Error, Result};
use crate::sql::ast::{
    AlterOp, ColumnConstraint, ColumnConstraintKind, ColumnDef, CreateTable, Deferral,
    ForeignKeySpec, Ident, MatchType, ObjectName, Pos, RefAction, SequenceOptions, Statement,
    TableConstraint, TableConstraintKind,
};
use crate::sql::expr::{Cx, unsupported};

impl Cx<'_> {
    /// CREATE TABLE.
    pub fn create_table(&self, c: &sp::CreateTable) -> Result<Statement> {
        let name = self.object_name(&c.name)?;
        if c.on_commit.is_some() {
            return Err(unsupported("ON COMMIT", name.pos));
        }
        let like = match &c.like {
            None => None,
            Some(sp::CreateTableLikeKind::Parenthesized(l)) => Some((
                self.object_name(&l.name)?,
                l.defaults == Some(sp::CreateTableLikeDefaults::Including),
            )),
            Some(sp::CreateTableLikeKind::Plain(_)) => {
                return Err(unsupported("this CREATE TABLE form", name.pos));
            }
        };
        if c.or_replace || c.external || c.query.is_some() || c.clone.is_some() {
            return Err(unsupported("this CREATE TABLE form", name.pos));
        }
        let columns = c.columns.iter().map(|col| self.column_def(col)).collect::<Result<_>>()?;
        let name_pos = name.pos;
        let constraints = c
            .constraints
            .iter()
            .map(|tc| self.table_constraint(tc, false, false))
            .collect::<Result<_>>()?;
        Ok(Statement::CreateTable(CreateTable {
            name,
            if_not_exists: c.if_not_exists,
            temporary: c.temporary,
            inherits: match &c.inherits {
                Some(names) => names.iter().map(|n| self.object_name(n)).collect::<Result<_>>()?,
                None => Vec::new(),
            },
            columns,
            constraints,
            partition_by: match &c.partition_by {
                Some(e) => Some(self.partition_spec(e)?),
                None => None,
            },
            partition_of: match (&c.partition_of, &c.for_values) {
                (Some(parent), Some(bound)) => Some(crate::sql::partition::PartitionOf {
                    parent: self.object_name(parent)?,
                    bound: self.bound_spec(bound)?,
                    pos: name_pos,
                }),
                (Some(_), None) => {
                    return Err(unsupported("PARTITION OF without a bound", name_pos));
                }
                (None, _) => None,
            },
            like,
        }))
    }

    /// A column definition with its constraints.
    fn column_def(&self, col: &sp::ColumnDef) -> Result<ColumnDef> {
        let name = self.ident(&col.name);
        let type_pos = self.positions.of(col.name.span.end).map(|p| p + 1);
        let (data_type, serial) = self.data_type(&col.data_type, type_pos)?;
        let mut constraints = Vec::new();
        let mut cursor = self.tokens.index_from(name.pos.unwrap_or(1) - 1);
        for opt in &col.options {
            let keyword = match &opt.option {
                sp::ColumnOption::Null => Keyword::NULL,
                sp::ColumnOption::NotNull => Keyword::NOT,
                sp::ColumnOption::Default(_) => Keyword::DEFAULT,
                sp::ColumnOption::PrimaryKey(_) => Keyword::PRIMARY,
                sp::ColumnOption::Unique(_) => Keyword::UNIQUE,
                sp::ColumnOption::ForeignKey(_) => Keyword::REFERENCES,
                sp::ColumnOption::Generated { .. } => Keyword::GENERATED,
                _ => Keyword::CHECK,
            };
            let pos =
                match (cursor..self.tokens.items.len()).find(|&j| self.tokens.is_kw(j, keyword)) {
                    Some(j) => {
                        cursor = j + 1;
                        self.with_constraint_name(j)
                    }
                    None => None,
                };
            let mut cname = opt.name.as_ref().map(|n| self.ident(n).name);
            let mut deferral = Deferral::default();
            let kind = match &opt.option {
                sp::ColumnOption::Null => ColumnConstraintKind::Null,
                sp::ColumnOption::NotNull => ColumnConstraintKind::NotNull,
                sp::ColumnOption::Default(e) => ColumnConstraintKind::Default(self.expr(e)?),
                sp::ColumnOption::PrimaryKey(pk) => {
                    cname = cname.or(pk.name.as_ref().map(|n| self.ident(n).name));
                    deferral = self.deferral(pk.characteristics.as_ref(), pos);
                    ColumnConstraintKind::PrimaryKey
                }
                sp::ColumnOption::Unique(u) => {
                    cname = cname.or(u.name.as_ref().map(|n| self.ident(n).name));
                    deferral = self.deferral(u.characteristics.as_ref(), pos);
                    ColumnConstraintKind::Unique
                }
                sp::ColumnOption::ForeignKey(fk) => {
                    cname = cname.or(fk.name.as_ref().map(|n| self.ident(n).name));
                    ColumnConstraintKind::References(self.foreign_key(fk, false)?)
                }
                sp::ColumnOption::Check(ck) => {
                    cname = cname.or(ck.name.as_ref().map(|n| self.ident(n).name));
                    ColumnConstraintKind::Check(self.expr(&ck.expr)?)
                }
                sp::ColumnOption::Generated {
                    generated_as: g @ (sp::GeneratedAs::Always | sp::GeneratedAs::ByDefault),
                    sequence_options,
                    generation_expr: None,
                    ..
                } => ColumnConstraintKind::Identity {
                    always: matches!(g, sp::GeneratedAs::Always),
                    options: self.sequence_options(sequence_options.as_deref().unwrap_or(&[]))?,
                },
                other => return Err(unsupported(format!("the column option {other}"), pos)),
            };
            constraints.push(ColumnConstraint { name: cname, kind, pos, deferral });
        }
        Ok(ColumnDef { name, data_type, serial, constraints })
    }

    /// An identity column's sequence options, as sqlparser read them.
    fn sequence_options(&self, opts: &[sp::SequenceOptions]) -> Result<SequenceOptions> {
        let num = |e: &sp::Expr| -> Result<i64> {
            let (text, negative) = match e {
                sp::Expr::UnaryOp { op: sp::UnaryOperator::Minus, expr } => {
                    (expr.to_string(), true)
                }
                other => (other.to_string(), false),
            };
            let n: i64 = text.parse().map_err(|_| {
                unsupported(format!("the sequence option value {e}"), self.pos_of(e))
            })?;
            Ok(if negative { -n } else { n })
        };
        let mut o = SequenceOptions::default();
        for opt in opts {
            match opt {
                sp::SequenceOptions::DataType(t) => {
                    o.data_type = Some(t.to_string().to_lowercase())
                }
                sp::SequenceOptions::IncrementBy(e, _) => o.increment = Some(num(e)?),
                sp::SequenceOptions::StartWith(e, _) => o.start = Some(num(e)?),
                sp::SequenceOptions::MinValue(e) => o.min = Some(e.as_ref().map(num).transpose()?),
                sp::SequenceOptions::MaxValue(e) => o.max = Some(e.as_ref().map(num).transpose()?),
                sp::SequenceOptions::Cycle(no) => o.cycle = Some(!no),
                sp::SequenceOptions::Cache(_) => {}
                sp::SequenceOptions::OwnedBy(_) => {
                    return Err(unsupported("OWNED BY in identity options".to_string(), None));
                }
            }
        }
        Ok(o)
    }

    /// Plain column names of a key.
    fn key_columns(&self, cols: &[sp::IndexColumn]) -> Result<Vec<Ident>> {
        cols.iter()
            .map(|c| match &c.column.expr {
                sp::Expr::Identifier(i) if c.operator_class.is_none() => Ok(self.ident(i)),
                other => Err(unsupported(format!("the key element {other}"), self.pos_of(other))),
            })
            .collect()
    }

    /// The position of the constraint keyword at token `j`, or of `CONSTRAINT name` before it.
    fn with_constraint_name(&self, j: usize) -> Pos {
        let at = if j >= 2 && self.tokens.is_kw(j - 2, Keyword::CONSTRAINT) { j - 2 } else { j };
        self.tokens.items.get(at).map(|(_, s, _)| s + 1)
    }

    /// A key's `[NOT] DEFERRABLE [INITIALLY ...]`, with where NOT DEFERRABLE and INITIALLY
    /// DEFERRED conflict: the later of the two (searched from `from`, the constraint's start).
    fn deferral(&self, chars: Option<&sp::ConstraintCharacteristics>, from: Pos) -> Deferral {
        let mut d = deferral_of(chars);
        if d.deferrable == Some(false)
            && d.initially_deferred == Some(true)
            && let Some(from) = from
        {
            let t = &self.tokens;
            let find = |a: Keyword, b: Keyword| {
                (t.index_from(from - 1)..t.items.len())
                    .find(|&j| t.is_kw(j, a) && t.is_kw(j + 1, b))
            };
            let later = find(Keyword::NOT, Keyword::DEFERRABLE)
                .max(find(Keyword::INITIALLY, Keyword::DEFERRED));
            d.conflict_at = later.and_then(|j| t.items.get(j).map(|(_, s, _)| s + 1));
        }
        d
    }

    /// Where a table constraint starts (PostgreSQL's location for its errors): its keyword,
    /// found by walking back from where sqlparser's span begins.
    fn table_constraint_pos(&self, tc: &sp::TableConstraint) -> Pos {
        let i = self.tokens.index_from(self.pos_of(tc)? - 1);
        if i >= 1 && self.tokens.is_kw(i - 1, Keyword::CONSTRAINT) {
            return self.tokens.items.get(i - 1).map(|(_, s, _)| s + 1);
        }
        let starts = [Keyword::PRIMARY, Keyword::UNIQUE, Keyword::FOREIGN, Keyword::CHECK];
        (i.saturating_sub(4)..=i)
            .rev()
            .find(|&j| starts.iter().any(|k| self.tokens.is_kw(j, *k)))
            .and_then(|j| self.with_constraint_name(j))
    }

    /// A table constraint (`not_valid` from ALTER TABLE ... NOT VALID). PostgreSQL reports no
    /// position for errors in constraints added by ALTER TABLE (`in_alter`).
    fn table_constraint(
        &self,
        tc: &sp::TableConstraint,
        not_valid: bool,
        in_alter: bool,
    ) -> Result<TableConstraint> {
        let pos = if in_alter { None } else { self.table_constraint_pos(tc) };
        let mut deferral = Deferral::default();
        let (name, kind) = match tc {
            sp::TableConstraint::PrimaryKey(pk) => {
                deferral =
                    self.deferral(pk.characteristics.as_ref(), self.table_constraint_pos(tc));
                (pk.name.as_ref(), TableConstraintKind::PrimaryKey(self.key_columns(&pk.columns)?))
            }
            sp::TableConstraint::Unique(u) => {
                deferral = self.deferral(u.characteristics.as_ref(), self.table_constraint_pos(tc));
                (u.name.as_ref(), TableConstraintKind::Unique(self.key_columns(&u.columns)?))
            }
            sp::TableConstraint::ForeignKey(fk) => {
                let columns = fk.columns.iter().map(|c| self.ident(c)).collect();
                (
                    fk.name.as_ref(),
                    TableConstraintKind::ForeignKey {
                        columns,
                        spec: self.foreign_key(fk, not_valid)?,
                    },
                )
            }
            sp::TableConstraint::Check(ck) => {
                (ck.name.as_ref(), TableConstraintKind::Check(self.expr(&ck.expr)?))
            }
            sp::TableConstraint::PrimaryKeyUsingIndex(u)
            | sp::TableConstraint::UniqueUsingIndex(u) => {
                if !in_alter {
                    return Err(unsupported("USING INDEX in CREATE TABLE", pos));
                }
                let primary = matches!(tc, sp::TableConstraint::PrimaryKeyUsingIndex(_));
                let index = self.ident(&u.index_name);
                // Errors about the index point at the constraint, even in ALTER TABLE.
                let at = self.table_constraint_pos(tc);
                let index = crate::sql::ast::Ident { pos: at, ..index };
                (u.name.as_ref(), TableConstraintKind::UsingIndex { primary, index })
            }
            other => return Err(unsupported(format!("the constraint {other}"), pos)),
        };
        if not_valid
            && !matches!(
                kind,
                TableConstraintKind::ForeignKey { .. } | TableConstraintKind::Check(_)
            )
        {
            return Err(
                Error::new("0A000", "UNIQUE constraints cannot be marked NOT VALID").at(pos)
            );
        }
        Ok(TableConstraint { name: name.map(|n| self.ident(n).name), kind, pos, deferral })
    }

    /// The REFERENCES part, with any `SET NULL (cols)` lists cut out before parsing.
    fn foreign_key(
        &self,
        fk: &sp::ForeignKeyConstraint,
        not_valid: bool,
    ) -> Result<ForeignKeySpec> {
        let table = self.object_name(&fk.foreign_table)?;
        let table_at = table.pos.map(|p| p - 1).unwrap_or(0);
        let references_at = self.references.iter().rev().find(|r| **r < table_at).copied();
        let listed = |on_delete: bool| {
            self.actions
                .iter()
                .find(|a| Some(a.references_at) == references_at && a.on_delete == on_delete)
        };
        let action = |a: &Option<sp::ReferentialAction>, on_delete: bool| {
            let cols = listed(on_delete);
            let (columns, pos) = (cols.map(|c| c.columns.clone()), cols.and_then(|c| c.pos));
            match a {
                None | Some(sp::ReferentialAction::NoAction) => RefAction::NoAction,
                Some(sp::ReferentialAction::Restrict) => RefAction::Restrict,
                Some(sp::ReferentialAction::Cascade) => RefAction::Cascade,
                Some(sp::ReferentialAction::SetNull) => RefAction::SetNull { columns, pos },
                Some(sp::ReferentialAction::SetDefault) => RefAction::SetDefault { columns, pos },
            }
        };
        let match_type = match fk.match_kind {
            None | Some(sp::ConstraintReferenceMatchKind::Simple) => MatchType::Simple,
            Some(sp::ConstraintReferenceMatchKind::Full) => MatchType::Full,
            Some(sp::ConstraintReferenceMatchKind::Partial) => MatchType::Partial,
        };
        if let Some(listed) = listed(false) {
            let what = if matches!(fk.on_update, Some(sp::ReferentialAction::SetDefault)) {
                "SET DEFAULT"
            } else {
                "SET NULL"
            };
            return Err(Error::new(
                "0A000",
                format!("a column list with {what} is only supported for ON DELETE actions"),
            )
            .at(listed.pos));
        }
        let deferral = deferral_of(fk.characteristics.as_ref());
        Ok(ForeignKeySpec {
            columns: fk.referred_columns.iter().map(|c| self.ident(c)).collect(),
            match_type,
            on_delete: action(&fk.on_delete, true),
            on_update: action(&fk.on_update, false),
            deferrable: deferral.deferrable,
            initially_deferred: deferral.initially_deferred,
            not_valid,
            only: false,
            table,
        })
    }

    /// DROP TABLE / INDEX / SCHEMA.
    pub fn drop(
        &self,
        object_type: &sp::ObjectType,
        if_exists: bool,
        names: &[sp::ObjectName],
        cascade: bool,
    ) -> Result<Statement> {
        let objects =
            names.iter().map(|n| self.object_name(n)).collect::<Result<Vec<ObjectName>>>()?;
        Ok(match object_type {
            sp::ObjectType::Table => Statement::DropTable { names: objects, if_exists, cascade },
            sp::ObjectType::Index => Statement::DropIndex { names: objects, if_exists },
            sp::ObjectType::Schema => Statement::DropSchema {
                names: objects.into_iter().map(|o| o.name).collect(),
                if_exists,
                cascade,
            },
            other => {
                return Err(unsupported(
                    format!("DROP {other}"),
                    objects.first().and_then(|o| o.pos),
                ));
            }
        })
    }

    /// CREATE [UNIQUE] INDEX.
    pub fn create_index(&self, ci: &sp::CreateIndex) -> Result<Statement> {
        use crate::sql::ast_index::{CreateIndex, IndexElem, IndexKey};
        let table = self.object_name(&ci.table_name)?;
        let name = ci.name.as_ref().map(|n| self.simple_name(n)).transpose()?;
        let keys = ci
            .columns
            .iter()
            .map(|c| {
                let key = match &c.column.expr {
                    sp::Expr::Identifier(i) => IndexKey::Column(self.ident(i)),
                    sp::Expr::Nested(inner) => IndexKey::Expr(self.expr(inner)?),
                    other => IndexKey::Expr(self.expr(other)?),
                };
                let desc = match &c.column.options.sort {
                    Some(sp::OrderBySort::Desc) => true,
                    Some(sp::OrderBySort::Using(_)) => {
                        return Err(unsupported("USING in an index key", table.pos));
                    }
                    _ => false,
                };
                Ok(IndexElem {
                    key,
                    desc,
                    nulls_first: c.column.options.nulls_first,
                    opclass: c.operator_class.as_ref().map(|o| o.to_string().to_lowercase()),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let options = ci
            .with
            .iter()
            .map(|o| match o {
                sp::Expr::BinaryOp { left, op: sp::BinaryOperator::Eq, right } => {
                    let value = match right.as_ref() {
                        sp::Expr::Value(v) => match &v.value {
                            sp::Value::SingleQuotedString(s) => s.clone(),
                            other => other.to_string(),
                        },
                        other => other.to_string(),
                    };
                    Ok((left.to_string().to_lowercase(), value))
                }
                other => Err(unsupported(format!("the index option {other}"), table.pos)),
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Statement::CreateIndex(Box::new(CreateIndex {
            name,
            keys,
            include: ci.include.iter().map(|i| self.ident(i)).collect(),
            predicate: ci.predicate.as_ref().map(|p| self.expr(p)).transpose()?,
            unique: ci.unique,
            nulls_not_distinct: ci.nulls_distinct == Some(false),
            method: ci.using.as_ref().map_or("btree".to_string(), |m| m.to_string().to_lowercase()),
            options,
            if_not_exists: ci.if_not_exists,
            concurrently: ci.concurrently,
            table,
        })))
    }

    /// CREATE SCHEMA.
    pub fn create_schema(&self, name: &sp::SchemaName, if_not_exists: bool) -> Result<Statement> {
        match name {
            sp::SchemaName::Simple(n) => Ok(Statement::CreateSchema {
                name: self.simple_name(n)?,
                if_not_exists,
                elements: Vec::new(),
            }),
            _ => Err(unsupported("CREATE SCHEMA ... AUTHORIZATION", None)),
        }
    }

    /// TRUNCATE.
    pub fn truncate(&self, t: &sp::Truncate) -> Result<Statement> {
        let tables =
            t.table_names.iter().map(|n| self.object_name(&n.name)).collect::<Result<_>>()?;
        Ok(Statement::Truncate {
            tables,
            cascade: matches!(t.cascade, Some(sp::CascadeOption::Cascade)),
            restart_identity: matches!(t.identity, Some(sp::TruncateIdentityOption::Restart)),
        })
    }

    /// ALTER TABLE.
    pub fn alter_table(&self, a: &sp::AlterTable) -> Result<Statement> {
        let table = self.object_name(&a.name)?;
        let mut ops = Vec::new();
        for op in &a.operations {
            ops.push(match op {
                sp::AlterTableOperation::AddConstraint { constraint, not_valid } => {
                    let mut c = self.table_constraint(constraint, *not_valid, true)?;
                    if let crate::sql::ast::TableConstraintKind::ForeignKey { spec, .. } =
                        &mut c.kind
                    {
                        spec.only = a.only;
                    }
                    AlterOp::AddConstraint(c)
                }
                sp::AlterTableOperation::DropConstraint { if_exists, name, drop_behavior } => {
                    let ident = self.ident(name);
                    let spec =
                        self.alter_constraints.iter().find(|s| ident.pos == Some(s.name_at + 1));
                    if let Some(spec) = spec {
                        ops.push(AlterOp::AlterConstraint {
                            name: ident.name,
                            deferrable: spec.deferrable,
                            initially_deferred: spec.initially_deferred,
                        });
                        continue;
                    }
                    AlterOp::DropConstraint {
                        name: self.ident(name).name,
                        if_exists: *if_exists,
                        cascade: matches!(drop_behavior, Some(sp::DropBehavior::Cascade)),
                    }
                }
                sp::AlterTableOperation::ValidateConstraint { name } => {
                    AlterOp::ValidateConstraint(self.ident(name).name)
                }
                sp::AlterTableOperation::AddColumn {
                    if_not_exists,
                    column_def,
                    column_position: None,
                    ..
                } => AlterOp::AddColumn {
                    column: self.column_def(column_def)?,
                    if_not_exists: *if_not_exists,
                },
                sp::AlterTableOperation::DropColumn {
                    column_names,
                    if_exists,
                    drop_behavior,
                    ..
                } if column_names.len() == 1 => AlterOp::DropColumn {
                    name: self.ident(&column_names[0]),
                    if_exists: *if_exists,
                    cascade: matches!(drop_behavior, Some(sp::DropBehavior::Cascade)),
                },
                sp::AlterTableOperation::AlterColumn { column_name, op } => {
                    let column = self.ident(column_name);
                    match op {
                        sp::AlterColumnOperation::SetNotNull => AlterOp::SetNotNull { column },
                        sp::AlterColumnOperation::DropNotNull => AlterOp::DropNotNull { column },
                        sp::AlterColumnOperation::SetDefault { value } => {
                            AlterOp::SetDefault { column, default: self.expr(value)? }
                        }
                        sp::AlterColumnOperation::DropDefault => AlterOp::DropDefault { column },
                        sp::AlterColumnOperation::SetDataType {
                            data_type, using: None, ..
                        } => match self.data_type(data_type, column.pos)? {
                            (data_type, false) => AlterOp::SetType { column, data_type },
                            (_, true) => {
                                return Err(unsupported("ALTER COLUMN TYPE serial", column.pos));
                            }
                        },
                        other => {
                            return Err(unsupported(format!("ALTER COLUMN {other}"), column.pos));
                        }
                    }
                }
                sp::AlterTableOperation::RenameColumn { old_column_name, new_column_name } => {
                    AlterOp::RenameColumn {
                        from: self.ident(old_column_name),
                        to: self.ident(new_column_name),
                    }
                }
                sp::AlterTableOperation::RenameTable { table_name } => match table_name {
                    sp::RenameTableNameKind::To(n) | sp::RenameTableNameKind::As(n) => {
                        AlterOp::RenameTable(self.simple_name(n)?)
                    }
                },
                sp::AlterTableOperation::RenameConstraint { old_name, new_name } => {
                    AlterOp::RenameConstraint {
                        from: self.ident(old_name),
                        to: self.ident(new_name),
                    }
                }
                sp::AlterTableOperation::AttachPartitionOf { partition, for_values } => {
                    AlterOp::AttachPartition {
                        partition: self.object_name(partition)?,
                        bound: self.bound_spec(for_values)?,
                    }
                }
                sp::AlterTableOperation::DetachPartitionOf { partition, mode: None } => {
                    AlterOp::DetachPartition { partition: self.object_name(partition)? }
                }
                other => return Err(unsupported(format!("ALTER TABLE {other}"), table.pos)),
            });
        }
        Ok(Statement::AlterTable { table, if_exists: a.if_exists, ops })
    }
}

/// A constraint's `[NOT] DEFERRABLE [INITIALLY ...]`, as written.
fn deferral_of(chars: Option<&sp::ConstraintCharacteristics>) -> Deferral {
    Deferral {
        deferrable: chars.and_then(|c| c.deferrable),
        initially_deferred: chars
            .and_then(|c| c.initially)
            .map(|i| i == sp::DeferrableInitial::Deferred),
        conflict_at: None,
    }
}
