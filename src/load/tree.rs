//! A located YAML tree.
//!
//! serde-saphyr parses (with its budgets, duplicate-key check and alias
//! limits) into this tree, and `load` turns the tree into the model by hand.
//! Walking a tree instead of deriving the model lets one file yield every
//! error it has, each at the exact value, in our own words.

use crate::loc::Loc;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::borrow::Cow;
use std::fmt;

/// Strings borrow from the file's text where they are spelt as they read
/// (most are): loading a large negotiation made millions of copies.
#[derive(Debug)]
pub enum Value<'t> {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(Cow<'t, str>),
    Seq(Vec<Node<'t>>),
    Map(Vec<(Node<'t>, Node<'t>)>),
}

#[derive(Debug)]
pub struct Node<'t> {
    pub value: Value<'t>,
    /// Where the value is used: the place to point at.
    pub loc: Loc,
    /// Where the value is written: differs from `loc` for an alias (`*a`),
    /// whose spelling is that of its anchor.
    pub defined: Loc,
}

impl Node<'_> {
    /// The word a user would use for this value's type in an error.
    pub fn kind_name(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// Whether two trees hold the same values, wherever they were written:
    /// how the harness holds the fast reading to the full parser.
    #[cfg(any(test, feature = "testkit"))]
    pub fn same_values(&self, other: &Node<'_>) -> bool {
        match (&self.value, &other.value) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Seq(a), Value::Seq(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same_values(y))
            }
            (Value::Map(a), Value::Map(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|((k, v), (l, w))| k.same_values(l) && v.same_values(w))
            }
            _ => false,
        }
    }

    /// A scalar as the user spelt it in `text`, the file it was read from:
    /// `1.10` stays `1.10` and `0x1F` stays `0x1F`, where the number YAML
    /// reads would print `1.1` and `31`.
    pub fn spelling(&self, text: &str) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.to_string()),
            Value::Seq(_) | Value::Map(_) | Value::Null => None,
            _ => text
                .get(self.defined.start..self.defined.end)
                .filter(|raw| !raw.is_empty())
                .map(str::to_owned)
                .or_else(|| self.as_name()),
        }
    }

    /// A scalar read as a name: ids may be written `30` or `"30"` alike.
    pub fn as_name(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Float(f) => Some(f.to_string()),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Value<'de>>::deserialize(d)?;
        Ok(Node {
            value: spanned.value,
            loc: Loc::from(spanned.referenced),
            defined: Loc::from(spanned.defined),
        })
    }
}

impl From<serde_saphyr::Location> for Loc {
    fn from(at: serde_saphyr::Location) -> Self {
        let span = at.span();
        // Byte offsets are known for most values; where they are not, the
        // caret is placed from the line and column instead.
        let (start, end) = match (span.byte_offset(), span.byte_len()) {
            (Some(start), Some(len)) => (start as usize, (start + len) as usize),
            _ => (0, 0),
        };
        Loc {
            line: at.line().max(1) as usize,
            column: at.column().max(1) as usize,
            start,
            end,
        }
    }
}

impl<'de> Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value<'de>, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value<'de>, E> {
        Ok(Value::Int(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value<'de>, E> {
        Ok(Value::Int(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value<'de>, E> {
        Ok(Value::Int(v))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value<'de>, E> {
        Ok(i128::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value<'de>, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Owned(v)))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Borrowed(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let value = map.next_value::<Node>()?;
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}
