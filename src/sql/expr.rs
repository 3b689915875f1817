//! Converts sqlparser expressions, literals, names and type names into fksim's AST.

use sqlparser::ast as sp;
use sqlparser::ast::Spanned;

use crate::engine::types::DataType;
use crate::error::{Error, Result};
use crate::sql::ast::{BinaryOp, Expr, Ident, Literal, ObjectName, Pos, UnaryOp};
use crate::sql::lex::{Positions, Tokens, fold};

/// What conversion needs to know about the statement text.
pub struct Cx<'a> {
    /// Line/column → offset.
    pub positions: Positions,
    /// The statement's tokens (for operator positions).
    pub tokens: &'a Tokens,
    /// The cut-out `SET NULL (cols)` lists.
    pub actions: Vec<crate::sql::lex::ActionColumns>,
    /// Offsets of every `REFERENCES` keyword.
    pub references: Vec<usize>,
    /// The `ALTER CONSTRAINT` operations sqlparser saw as `DROP CONSTRAINT`.
    pub alter_constraints: Vec<crate::sql::cas::AlterConstraintSpec>,
    /// Set when conversion read the session (its user types, or its settings through a typed
    /// literal's input): what it made then holds for that state only, and `parse_cache` keeps
    /// no copy of it.
    pub read_session: std::cell::Cell<bool>,
}

/// 0A000 for a construct outside fksim's subset.
pub fn unsupported(what: impl std::fmt::Display, pos: Pos) -> Error {
    Error::unsupported(format!("{what} is not supported by fksim")).at(pos)
}

impl Cx<'_> {
    /// The 1-based offset where a node starts.
    pub fn pos_of(&self, node: &impl Spanned) -> Pos {
        self.positions.of(node.span().start)
    }

    /// A folded identifier with its position.
    pub fn ident(&self, i: &sp::Ident) -> Ident {
        Ident {
            name: fold(&i.value, i.quote_style.is_some()),
            pos: self.positions.of(i.span.start),
        }
    }

    /// The identifiers of a dotted name.
    pub fn name_parts(&self, n: &sp::ObjectName) -> Result<Vec<Ident>> {
        n.0.iter()
            .map(|p| match p {
                sp::ObjectNamePart::Identifier(i) => Ok(self.ident(i)),
                other => Err(unsupported(format!("name part {other}"), None)),
            })
            .collect()
    }

    /// A `[schema.]name` object name; three parts is PostgreSQL's cross-database error.
    pub fn object_name(&self, n: &sp::ObjectName) -> Result<ObjectName> {
        let mut parts = self.name_parts(n)?;
        let pos = parts.first().and_then(|p| p.pos);
        match parts.len() {
            1 => Ok(ObjectName { schema: None, name: parts.remove(0).name, pos }),
            2 => {
                let schema = parts.remove(0).name;
                Ok(ObjectName { schema: Some(schema), name: parts.remove(0).name, pos })
            }
            _ => {
                let dotted = parts.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(".");
                Err(Error::new(
                    "0A000",
                    format!("cross-database references are not implemented: {dotted}"),
                )
                .at(pos))
            }
        }
    }

    /// A single (unqualified) name, such as a constraint or savepoint name.
    pub fn simple_name(&self, n: &sp::ObjectName) -> Result<String> {
        Ok(self.object_name(n)?.name)
    }

    /// Converts an expression.
    pub fn expr(&self, e: &sp::Expr) -> Result<Expr> {
        let b = |e: &sp::Expr| -> Result<Box<Expr>> { Ok(Box::new(self.expr(e)?)) };
        Ok(match e {
            sp::Expr::Identifier(i)
                if i.quote_style.is_none() && i.value.eq_ignore_ascii_case("default") =>
            {
                Expr::Default
            }
            sp::Expr::Identifier(i) => {
                let id = self.ident(i);
                Expr::Column { table: None, name: id.name, pos: id.pos }
            }
            sp::Expr::CompoundIdentifier(parts) => {
                let ids: Vec<Ident> = parts.iter().map(|p| self.ident(p)).collect();
                match ids.as_slice() {
                    [t, c] => Expr::Column {
                        table: Some(t.name.clone()),
                        name: c.name.clone(),
                        pos: t.pos,
                    },
                    [_, t, c] => Expr::Column {
                        table: Some(t.name.clone()),
                        name: c.name.clone(),
                        pos: ids[0].pos,
                    },
                    _ => {
                        return Err(unsupported(
                            format!("the column reference {e}"),
                            ids.first().and_then(|i| i.pos),
                        ));
                    }
                }
            }
            sp::Expr::Nested(inner) => self.expr(inner)?,
            sp::Expr::Value(v) => self.value(v)?,
            sp::Expr::TypedString(t) => {
                let ty = self.data_type(&t.data_type, self.pos_of(e))?.0;
                let text = string_value(&t.value.value)
                    .ok_or_else(|| unsupported("this typed literal", self.pos_of(e)))?;
                self.typed_literal(ty, text, self.positions.of(t.value.span.start))?
            }
            sp::Expr::IsNull(x) => Expr::IsNull { expr: b(x)?, negated: false },
            sp::Expr::IsNotNull(x) => Expr::IsNull { expr: b(x)?, negated: true },
            sp::Expr::IsTrue(x) => Expr::IsBool { expr: b(x)?, value: true, negated: false },
            sp::Expr::IsNotTrue(x) => Expr::IsBool { expr: b(x)?, value: true, negated: true },
            sp::Expr::IsFalse(x) => Expr::IsBool { expr: b(x)?, value: false, negated: false },
            sp::Expr::IsNotFalse(x) => Expr::IsBool { expr: b(x)?, value: false, negated: true },
            sp::Expr::IsDistinctFrom(l, r) => {
                Expr::IsDistinctFrom { left: b(l)?, right: b(r)?, negated: false }
            }
            sp::Expr::IsNotDistinctFrom(l, r) => {
                Expr::IsDistinctFrom { left: b(l)?, right: b(r)?, negated: true }
            }
            sp::Expr::In { expr, target, negated, .. } => match target {
                sp::InTarget::List(list) => Expr::InList {
                    expr: b(expr)?,
                    list: list.iter().map(|x| self.expr(x)).collect::<Result<_>>()?,
                    negated: *negated,
                },
                sp::InTarget::Subquery(q) => {
                    // PostgreSQL points at IN (NOT IN: at NOT) for errors about the subquery's shape.
                    let start = self.pos_of(q.as_ref()).map(|p| p - 1).unwrap_or(0);
                    let i = self.tokens.index_from(start);
                    let at = (0..i)
                        .rev()
                        .find(|&j| self.tokens.is_kw(j, sqlparser::keywords::Keyword::IN));
                    let at = at.map(|j| {
                        if *negated
                            && j > 0
                            && self.tokens.is_kw(j - 1, sqlparser::keywords::Keyword::NOT)
                        {
                            j - 1
                        } else {
                            j
                        }
                    });
                    let pos = at.and_then(|j| self.tokens.items.get(j)).map(|(_, s, _)| s + 1);
                    Expr::InSubquery {
                        expr: b(expr)?,
                        query: Box::new(self.query(q)?),
                        negated: *negated,
                        pos,
                    }
                }
                other => return Err(unsupported(format!("IN {other}"), self.pos_of(e))),
            },
            sp::Expr::Between { expr, negated, low, high } => {
                Expr::Between { expr: b(expr)?, low: b(low)?, high: b(high)?, negated: *negated }
            }
            sp::Expr::BinaryOp { left, op: sp::BinaryOperator::ArrowAt, right } => {
                let args = vec![self.expr(left)?, self.expr(right)?];
                self.call(crate::sql::arrays::CONTAINED, args, self.operator_pos(right))
            }
            sp::Expr::BinaryOp { left, op: sp::BinaryOperator::PGOverlap, right } => {
                let args = vec![self.expr(left)?, self.expr(right)?];
                self.call(crate::sql::arrays::OVERLAP, args, self.operator_pos(right))
            }
            sp::Expr::CompoundFieldAccess { root, access_chain }
                if crate::sql::routine_result::is_call_field(root, access_chain) =>
            {
                self.call_field(root, access_chain)?
            }
            sp::Expr::CompoundFieldAccess { root, access_chain } => {
                self.subscripts(root, access_chain, self.pos_of(e))?
            }
            sp::Expr::BinaryOp { left, op, right } => {
                let op = binary_op(op).ok_or_else(|| {
                    unsupported(format!("the operator {op}"), self.operator_pos(right))
                })?;
                Expr::Binary { op, left: b(left)?, right: b(right)?, pos: self.operator_pos(right) }
            }
            sp::Expr::Like { negated, expr, pattern, escape_char: None, any: false } => {
                let op = if *negated { BinaryOp::NotLike } else { BinaryOp::Like };
                Expr::Binary {
                    op,
                    left: b(expr)?,
                    right: b(pattern)?,
                    pos: self.operator_pos(pattern),
                }
            }
            sp::Expr::ILike { negated, expr, pattern, escape_char: None, any: false } => {
                let op = if *negated { BinaryOp::NotILike } else { BinaryOp::ILike };
                Expr::Binary {
                    op,
                    left: b(expr)?,
                    right: b(pattern)?,
                    pos: self.operator_pos(pattern),
                }
            }
            sp::Expr::UnaryOp { op, expr } => match (op, expr.as_ref()) {
                (sp::UnaryOperator::Minus, sp::Expr::Value(v))
                    if matches!(v.value, sp::Value::Number(..)) =>
                {
                    match &v.value {
                        sp::Value::Number(n, _) => Expr::Literal(Literal::Number(format!("-{n}"))),
                        _ => return Err(Error::internal("number literal changed shape")),
                    }
                }
                // PostgreSQL points at the operator for - and +, at the argument for NOT.
                (sp::UnaryOperator::Minus, _) => {
                    Expr::Unary { op: UnaryOp::Minus, expr: b(expr)?, pos: self.operator_pos(expr) }
                }
                (sp::UnaryOperator::Plus, _) => {
                    Expr::Unary { op: UnaryOp::Plus, expr: b(expr)?, pos: self.operator_pos(expr) }
                }
                (sp::UnaryOperator::Not, _) => Expr::Unary {
                    op: UnaryOp::Not,
                    expr: b(expr)?,
                    pos: self.pos_of(expr.as_ref()),
                },
                _ => return Err(unsupported(format!("the prefix operator {op}"), self.pos_of(e))),
            },
            sp::Expr::Cast {
                kind: sp::CastKind::Cast | sp::CastKind::DoubleColon,
                expr,
                data_type,
                format: None,
            } => {
                let pos = self.pos_of(expr.as_ref());
                // A type that does not exist is reported where its name starts: the first
                // token after the expression that spells its first word.
                let written = data_type.to_string();
                let first = written.split(|c: char| !c.is_alphanumeric() && c != '_').next();
                let from = pos.map_or(0, |p| self.tokens.index_from(p - 1));
                let type_pos = self.tokens.items[from.min(self.tokens.items.len())..]
                    .iter()
                    .find(|(_, _, src)| {
                        first.is_some_and(|f| src.trim_matches('"').eq_ignore_ascii_case(f))
                    })
                    .map(|(_, start, _)| start + 1)
                    .or(pos);
                Expr::Cast { expr: b(expr)?, to: self.data_type(data_type, type_pos)?.0, pos }
            }
            sp::Expr::Function(f) => self.function(f)?,
            // SQL's special call syntaxes become the functions PostgreSQL turns them into (and
            // names its result column after): btrim/ltrim/rtrim, substring, position, extract.
            sp::Expr::Trim { trim_where, trim_what, expr, trim_characters: None } => {
                let name = match trim_where {
                    Some(sp::TrimWhereField::Leading) => "ltrim",
                    Some(sp::TrimWhereField::Trailing) => "rtrim",
                    _ => "btrim",
                };
                let mut args = vec![self.expr(expr)?];
                if let Some(what) = trim_what {
                    args.push(self.expr(what)?);
                }
                self.call(name, args, self.pos_of(e))
            }
            sp::Expr::Substring { expr, substring_from, substring_for, shorthand, .. } => {
                let mut args = vec![self.expr(expr)?];
                match (substring_from, substring_for) {
                    (Some(from), to) => {
                        args.push(self.expr(from)?);
                        if let Some(to) = to {
                            args.push(self.expr(to)?);
                        }
                    }
                    // SUBSTRING(x FOR n) starts at 1.
                    (None, Some(to)) => {
                        args.push(Expr::Literal(Literal::Number("1".into())));
                        args.push(self.expr(to)?);
                    }
                    (None, None) => {}
                }
                let name = if *shorthand { "substr" } else { "substring" };
                self.call(name, args, self.pos_of(e))
            }
            // `interval '1 day'`, without field qualifiers (`interval '1' day`).
            sp::Expr::Interval(sp::Interval {
                value,
                leading_field: None,
                leading_precision: None,
                last_field: None,
                fractional_seconds_precision: None,
            }) if matches!(value.as_ref(), sp::Expr::Value(_)) => match self.expr(value)? {
                Expr::Literal(Literal::String(s, pos)) => {
                    self.typed_literal(DataType::Interval, s, pos)?
                }
                _ => return Err(unsupported(format!("the expression {e}"), self.pos_of(e))),
            },
            // `[1, 2]` inside `ARRAY[...]` is a sub-array: ARRAY[[1, 2], [3, 4]].
            sp::Expr::Array(sp::Array { elem, .. }) => {
                let args = elem.iter().map(|x| self.expr(x)).collect::<Result<Vec<_>>>()?;
                self.call("array", args, self.pos_of(e))
            }
            // `x = ANY (array)` and `x <> ALL (array)`: calls named after the test.
            sp::Expr::AnyOp { left, compare_op, right, .. }
            | sp::Expr::AllOp { left, compare_op, right }
                if !matches!(right.as_ref(), sp::Expr::Subquery(_)) =>
            {
                let all = matches!(e, sp::Expr::AllOp { .. });
                let name = match (compare_op, all) {
                    (sp::BinaryOperator::Eq, false) => "= any",
                    (sp::BinaryOperator::NotEq, false) => "<> any",
                    (sp::BinaryOperator::Eq, true) => "= all",
                    (sp::BinaryOperator::NotEq, true) => "<> all",
                    _ => return Err(unsupported(format!("the expression {e}"), self.pos_of(e))),
                };
                self.call(name, vec![self.expr(left)?, self.expr(right)?], self.operator_pos(right))
            }
            sp::Expr::AtTimeZone { timestamp, time_zone } => self.call(
                "timezone",
                vec![self.expr(time_zone)?, self.expr(timestamp)?],
                self.pos_of(e),
            ),
            sp::Expr::Position { expr, r#in } => {
                self.call("position", vec![self.expr(r#in)?, self.expr(expr)?], self.pos_of(e))
            }
            sp::Expr::Extract { field, expr, syntax: sp::ExtractSyntax::From } => {
                let field = field.to_string().to_lowercase();
                let unit = Expr::Literal(Literal::String(field, None));
                self.call("extract", vec![unit, self.expr(expr)?], self.pos_of(e))
            }
            sp::Expr::Case { operand, conditions, else_result, .. } => Expr::Case {
                operand: operand.as_deref().map(b).transpose()?,
                whens: conditions
                    .iter()
                    .map(|w| Ok((self.expr(&w.condition)?, self.expr(&w.result)?)))
                    .collect::<Result<_>>()?,
                else_result: else_result.as_deref().map(b).transpose()?,
            },
            sp::Expr::Exists { subquery, negated } => {
                Expr::Exists { query: Box::new(self.query(subquery)?), negated: *negated }
            }
            sp::Expr::Subquery(q) => Expr::Subquery(Box::new(self.query(q)?)),
            other => {
                return Err(unsupported(format!("the expression {other}"), self.pos_of(other)));
            }
        })
    }

    /// Where PostgreSQL points for an operator error: the operator's first token, found as the
    /// last token before the right operand (and its opening parentheses).
    fn operator_pos(&self, right: &sp::Expr) -> Pos {
        use sqlparser::keywords::Keyword;
        use sqlparser::tokenizer::Token;
        let start = self.positions.of(right.span().start)? - 1;
        let mut i = self.tokens.index_from(start);
        while i > 0 && self.tokens.is(i - 1, &Token::LParen) {
            i -= 1;
        }
        let mut op = i.checked_sub(1)?;
        if op > 0
            && (self.tokens.is_kw(op, Keyword::LIKE) || self.tokens.is_kw(op, Keyword::ILIKE))
            && self.tokens.is_kw(op - 1, Keyword::NOT)
        {
            op -= 1;
        }
        self.tokens.items.get(op).map(|(_, s, _)| s + 1)
    }

    /// A literal value.
    fn value(&self, v: &sp::ValueWithSpan) -> Result<Expr> {
        let pos = self.positions.of(v.span.start);
        Ok(Expr::Literal(match &v.value {
            sp::Value::Number(n, _) => Literal::Number(n.clone()),
            sp::Value::Boolean(x) => Literal::Bool(*x),
            sp::Value::Null => Literal::Null,
            sp::Value::Placeholder(p) => {
                let n = p
                    .trim_start_matches('$')
                    .parse::<usize>()
                    .map_err(|_| unsupported(format!("the parameter {p}"), pos))?;
                return Ok(Expr::Param(n));
            }
            other => Literal::String(
                string_value(other)
                    .ok_or_else(|| unsupported(format!("the literal {other}"), pos))?,
                pos,
            ),
        }))
    }

    /// `type 'text'`: the text goes through the type's input now, as PostgreSQL reads such a
    /// literal while it parses, so a bad one is reported at the string.
    fn typed_literal(&self, ty: DataType, text: String, pos: Pos) -> Result<Expr> {
        self.read_session.set(true);
        crate::engine::value::Value::parse(&text, &ty).map_err(|e| e.at(pos))?;
        Ok(Expr::Literal(Literal::Typed(ty, text)))
    }

    /// A call of a built-in function by its plain name.
    pub(crate) fn call(&self, name: &str, args: Vec<Expr>, pos: Pos) -> Expr {
        Expr::Function {
            schema: None,
            name: name.to_string(),
            args,
            star: false,
            distinct: false,
            pos,
        }
    }

    /// A function call.
    fn function(&self, f: &sp::Function) -> Result<Expr> {
        let pos = self.pos_of(&f.name);
        let parts = self.name_parts(&f.name)?;
        let (schema, name) = match parts.as_slice() {
            [n] => (None, n.name.clone()),
            [s, n] => (Some(s.name.clone()), n.name.clone()),
            [_, _, _] => {
                return Err(Error::unsupported(format!(
                    "cross-database references are not implemented: {}",
                    f.name
                ))
                .at(pos));
            }
            _ => {
                return Err(Error::new(
                    "42601",
                    format!("improper qualified name (too many dotted names): {}", f.name),
                )
                .at(pos));
            }
        };
        if !f.within_group.is_empty() {
            return Err(unsupported(format!("{name}() WITHIN GROUP"), pos));
        }
        let (mut args, mut star, mut distinct) = (Vec::new(), false, false);
        let mut order_by: &[sp::OrderByExpr] = &[];
        match &f.args {
            sp::FunctionArguments::None => {}
            sp::FunctionArguments::Subquery(q) if name == "array" && schema.is_none() => {
                return self.array_of_subquery(q, pos);
            }
            sp::FunctionArguments::Subquery(_) => {
                return Err(unsupported("a subquery as function argument", pos));
            }
            sp::FunctionArguments::List(list) => {
                distinct =
                    matches!(list.duplicate_treatment, Some(sp::DuplicateTreatment::Distinct));
                match list.clauses.as_slice() {
                    [] => {}
                    [sp::FunctionArgumentClause::OrderBy(items)] => order_by = items,
                    _ => return Err(unsupported(format!("clauses inside {name}()"), pos)),
                }
                for a in &list.args {
                    match a {
                        sp::FunctionArg::Unnamed(sp::FunctionArgExpr::Expr(x)) => {
                            args.push(self.expr(sequence_name_arg(&name, x))?)
                        }
                        sp::FunctionArg::Unnamed(sp::FunctionArgExpr::Wildcard) => star = true,
                        sp::FunctionArg::Named {
                            name: n,
                            arg: sp::FunctionArgExpr::Expr(x),
                            operator:
                                sp::FunctionArgOperator::RightArrow
                                | sp::FunctionArgOperator::Assignment,
                        }
                        | sp::FunctionArg::ExprNamed {
                            name: sp::Expr::Identifier(n),
                            arg: sp::FunctionArgExpr::Expr(x),
                            operator:
                                sp::FunctionArgOperator::RightArrow
                                | sp::FunctionArgOperator::Assignment,
                        } => args.push(Expr::NamedArg {
                            name: self.ident(n).name,
                            value: Box::new(self.expr(x)?),
                        }),
                        other => {
                            return Err(unsupported(format!("the function argument {other}"), pos));
                        }
                    }
                }
            }
        }
        let call = Expr::Function { schema, name, args, star, distinct, pos };
        self.call_clauses(f, call, order_by, pos)
    }

    /// The enum or domain a type name means in the session.
    fn user_type(&self, schema: Option<&str>, name: &str) -> Option<DataType> {
        self.read_session.set(true);
        crate::engine::types::find(schema, name)
    }

    /// A type name: the type and whether it was a serial pseudo-type.
    pub fn data_type(&self, t: &sp::DataType, pos: Pos) -> Result<(DataType, bool)> {
        use sp::DataType as D;
        let len = |l: &Option<sp::CharacterLength>| match l {
            Some(sp::CharacterLength::IntegerLength { length, .. }) => {
                Ok(Some(u32::try_from(*length).map_err(|_| {
                    Error::new("22023", "length for type varchar cannot exceed 10485760").at(pos)
                })?))
            }
            Some(sp::CharacterLength::Max) => Err(unsupported("varchar(max)", pos)),
            None => Ok(None),
        };
        Ok((
            match t {
                D::SmallInt(_) | D::Int2(_) => DataType::SmallInt,
                D::Int(_) | D::Integer(_) | D::Int4(_) => DataType::Integer,
                D::BigInt(_) | D::Int8(_) => DataType::BigInt,
                D::Numeric(info) | D::Decimal(info) | D::Dec(info) => {
                    DataType::Numeric(numeric_typmod(info, pos)?)
                }
                D::Real | D::Float4 => DataType::Real,
                D::Double(_) | D::DoublePrecision | D::Float8 => DataType::Double,
                D::Float(sp::ExactNumberInfo::Precision(p)) if *p <= 24 => DataType::Real,
                D::Float(_) => DataType::Double,
                D::Text => DataType::Text,
                D::Varchar(l) | D::CharacterVarying(l) | D::CharVarying(l) => {
                    DataType::Varchar(len(l)?)
                }
                D::Char(l) | D::Character(l) => DataType::Char(Some(len(l)?.unwrap_or(1))),
                D::Bool | D::Boolean => DataType::Boolean,
                D::Uuid => DataType::Uuid,
                D::Bytea => DataType::Bytea,
                D::Interval { fields: None, precision: None } => DataType::Interval,
                D::Array(
                    sp::ArrayElemTypeDef::SquareBracket(inner, _)
                    | sp::ArrayElemTypeDef::Qualified(inner, _),
                ) => {
                    let (element, serial) = self.data_type(inner, pos)?;
                    if serial || matches!(element, DataType::Array(_)) {
                        return Err(unsupported(format!("the type {t}"), pos));
                    }
                    DataType::Array(Box::new(element))
                }
                D::TsVector => DataType::TsVector,
                D::JSON => DataType::Json,
                D::JSONB => DataType::Jsonb,
                D::Date => DataType::Date,
                D::Timestamp(_, sp::TimezoneInfo::WithTimeZone | sp::TimezoneInfo::Tz) => {
                    DataType::Timestamptz
                }
                D::Timestamp(_, _) => DataType::Timestamp,
                D::Custom(name, mods) if mods.is_empty() => {
                    let parts = self.name_parts(name)?;
                    let last = parts.last().map(|p| p.name.as_str()).unwrap_or("");
                    // `schema.type`: user types are looked up in that schema only.
                    let schema = match parts.as_slice() {
                        [s, _] => Some(s.name.as_str()),
                        _ => None,
                    };
                    match last {
                        "serial" | "serial4" => return Ok((DataType::Integer, true)),
                        "bigserial" | "serial8" => return Ok((DataType::BigInt, true)),
                        "smallserial" | "serial2" => return Ok((DataType::SmallInt, true)),
                        "timestamptz" => DataType::Timestamptz,
                        "regclass" => DataType::Regclass,
                        "bpchar" => DataType::Char(None),
                        "bytea" => DataType::Bytea,
                        "tsvector" => DataType::TsVector,
                        // Built-in names written quoted (`"uuid"`), or by their internal name.
                        "uuid" => DataType::Uuid,
                        "text" => DataType::Text,
                        "int2" | "smallint" => DataType::SmallInt,
                        "int4" | "integer" | "int" => DataType::Integer,
                        "int8" | "bigint" => DataType::BigInt,
                        "float4" | "real" => DataType::Real,
                        "float8" => DataType::Double,
                        "numeric" => DataType::Numeric(None),
                        "bool" | "boolean" => DataType::Boolean,
                        "varchar" => DataType::Varchar(None),
                        "date" => DataType::Date,
                        "timestamp" => DataType::Timestamp,
                        "json" => DataType::Json,
                        "jsonb" => DataType::Jsonb,
                        other if self.user_type(schema, other).is_some() => {
                            let found = self.user_type(schema, other);
                            found.ok_or_else(|| Error::internal("user type"))?
                        }
                        "inet" => DataType::Inet,
                        "oid" => DataType::Oid,
                        "cidr" => DataType::Cidr,
                        _ => {
                            let written =
                                parts.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(".");
                            return Err(Error::new(
                                "42704",
                                format!("type \"{written}\" does not exist"),
                            )
                            .at(pos));
                        }
                    }
                }
                other if is_regclass(other) => DataType::Regclass,
                other => {
                    return Err(Error::new(
                        "42704",
                        format!("type \"{}\" does not exist", other.to_string().to_lowercase()),
                    )
                    .at(pos));
                }
            },
            false,
        ))
    }
}

/// numeric(p[,s]) checked as PostgreSQL checks it.
fn numeric_typmod(info: &sp::ExactNumberInfo, pos: Pos) -> Result<Option<(u32, u32)>> {
    let (p, s) = match info {
        sp::ExactNumberInfo::None => return Ok(None),
        sp::ExactNumberInfo::Precision(p) => (*p, 0),
        sp::ExactNumberInfo::PrecisionAndScale(p, s) => (*p, u64::try_from(*s).unwrap_or(u64::MAX)),
    };
    if !(1..=1000).contains(&p) {
        return Err(Error::new(
            "22023",
            format!("NUMERIC precision {p} must be between 1 and 1000"),
        )
        .at(pos));
    }
    if s > p {
        return Err(Error::new(
            "22023",
            format!("NUMERIC scale {s} must be between 0 and precision {p}"),
        )
        .at(pos));
    }
    Ok(Some((p as u32, s as u32)))
}

/// The text of a string-like literal.
fn string_value(v: &sp::Value) -> Option<String> {
    match v {
        sp::Value::SingleQuotedString(s)
        | sp::Value::EscapedStringLiteral(s)
        | sp::Value::NationalStringLiteral(s)
        | sp::Value::UnicodeStringLiteral(s) => Some(s.clone()),
        sp::Value::DollarQuotedString(d) => Some(d.value.clone()),
        _ => None,
    }
}

/// Maps a sqlparser binary operator onto fksim's.
fn binary_op(op: &sp::BinaryOperator) -> Option<BinaryOp> {
    use sp::BinaryOperator as B;
    Some(match op {
        B::Plus => BinaryOp::Plus,
        B::Minus => BinaryOp::Minus,
        B::Multiply => BinaryOp::Multiply,
        B::Divide => BinaryOp::Divide,
        B::Modulo => BinaryOp::Modulo,
        B::StringConcat => BinaryOp::Concat,
        B::Gt => BinaryOp::Gt,
        B::Lt => BinaryOp::Lt,
        B::GtEq => BinaryOp::GtEq,
        B::LtEq => BinaryOp::LtEq,
        B::Eq => BinaryOp::Eq,
        B::NotEq => BinaryOp::NotEq,
        B::And => BinaryOp::And,
        B::Or => BinaryOp::Or,
        B::Arrow => BinaryOp::JsonGet,
        B::LongArrow => BinaryOp::JsonGetText,
        B::AtArrow => BinaryOp::JsonContains,
        B::Question => BinaryOp::JsonHasKey,
        B::PGRegexMatch => BinaryOp::Regex,
        B::PGRegexIMatch => BinaryOp::RegexI,
        B::PGRegexNotMatch => BinaryOp::NotRegex,
        B::PGRegexNotIMatch => BinaryOp::NotRegexI,
        _ => return None,
    })
}

/// The sequence functions take a regclass: `nextval('s'::regclass)` names the sequence by
/// the text, which they look up themselves.
fn sequence_name_arg<'e>(function: &str, arg: &'e sp::Expr) -> &'e sp::Expr {
    match arg {
        sp::Expr::Cast {
            kind: sp::CastKind::Cast | sp::CastKind::DoubleColon,
            expr,
            data_type,
            format: None,
        } if is_regclass(data_type) && matches!(function, "nextval" | "currval" | "setval") => expr,
        _ => arg,
    }
}

/// `regclass` or `pg_catalog.regclass`.
fn is_regclass(t: &sp::DataType) -> bool {
    let name = t.to_string().to_ascii_lowercase();
    name == "regclass" || name == "pg_catalog.regclass"
}
