//! Serializing a workspace at the speed of a copy. `ron` escapes a string one character at a
//! time through `char::escape_debug` and a write per character, which made serializing a
//! large workspace (1 KB notes) cost twice its parse. Here `ron` still writes every byte of
//! structure — parentheses, keys, indentation, commas — and only a string's contents are
//! written by us: runs that need no escape are copied whole, and every other character goes
//! through the same `escape_debug`, so the text is byte for byte what `ron` writes (tested
//! against it, and every save is still read back before it replaces anything).
//!
//! How: a serializer that wraps `ron`'s and forwards everything; a string is handed to the
//! output writer as pending and `ron` is asked to write an empty string, whose opening quote
//! the writer follows with the string's escaped contents.
use std::cell::RefCell;
use std::fmt;

use serde::ser::{self, Serialize, Serializer};

/// A string's escaped contents, waiting for the next opening quote (the buffer is reused:
/// no allocation a string).
#[derive(Default)]
struct Pending {
    armed: bool,
    escaped: String,
}

/// The output: the text, and the pending string.
struct Out<'a> {
    text: &'a mut String,
    pending: &'a RefCell<Pending>,
}

impl fmt::Write for Out<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.text.push_str(s);
        Ok(())
    }
    fn write_char(&mut self, c: char) -> fmt::Result {
        self.text.push(c);
        if c == '"' {
            let mut p = self.pending.borrow_mut();
            if p.armed {
                p.armed = false;
                self.text.push_str(&p.escaped);
            }
        }
        Ok(())
    }
}

/// Appends `s` as `ron` escapes a string's contents: every character through
/// `char::escape_debug`, runs of plain ASCII copied at once.
pub fn escape_into(s: &str, out: &mut String) {
    let plain = |b: u8| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\' && b != b'\'';
    let mut rest = s;
    while !rest.is_empty() {
        let run = rest.bytes().take_while(|&b| plain(b)).count();
        out.push_str(&rest[..run]);
        rest = &rest[run..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.extend(c.escape_debug());
            rest = chars.as_str();
        }
    }
}

/// Pretty RON of `value` with `config`, the same text `ron::ser::to_writer_pretty` writes.
pub fn to_string_pretty<T: Serialize + ?Sized>(
    value: &T,
    config: ron::ser::PrettyConfig,
    capacity: usize,
) -> ron::Result<String> {
    let mut text = String::with_capacity(capacity);
    let pending = RefCell::new(Pending::default());
    {
        let mut ser = ron::Serializer::new(
            Out {
                text: &mut text,
                pending: &pending,
            },
            Some(config),
        )?;
        value.serialize(Fast {
            inner: &mut ser,
            pending: &pending,
        })?;
    }
    if pending.borrow().armed {
        return Err(ron::Error::Message(
            "a string was not written where it belonged".into(),
        ));
    }
    Ok(text)
}

/// The wrapping serializer.
struct Fast<'p, S> {
    inner: S,
    pending: &'p RefCell<Pending>,
}

/// A value to be serialized through `Fast`.
struct Wrap<'p, 'v, T: ?Sized> {
    value: &'v T,
    pending: &'p RefCell<Pending>,
}

impl<T: Serialize + ?Sized> Serialize for Wrap<'_, '_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(Fast {
            inner: s,
            pending: self.pending,
        })
    }
}

/// A compound (struct, map, sequence…) whose members go through `Fast`.
struct Compound<'p, C> {
    inner: C,
    pending: &'p RefCell<Pending>,
}

impl<'p, S: Serializer> Fast<'p, S> {
    fn wrap<'v, T: ?Sized>(&self, value: &'v T) -> Wrap<'p, 'v, T> {
        Wrap {
            value,
            pending: self.pending,
        }
    }
}

macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $name(self, $($arg: $ty),*) -> Result<S::Ok, S::Error> {
            self.inner.$name($($arg),*)
        })*
    };
}

impl<'p, S: Serializer> Serializer for Fast<'p, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Compound<'p, S::SerializeSeq>;
    type SerializeTuple = Compound<'p, S::SerializeTuple>;
    type SerializeTupleStruct = Compound<'p, S::SerializeTupleStruct>;
    type SerializeTupleVariant = Compound<'p, S::SerializeTupleVariant>;
    type SerializeMap = Compound<'p, S::SerializeMap>;
    type SerializeStruct = Compound<'p, S::SerializeStruct>;
    type SerializeStructVariant = Compound<'p, S::SerializeStructVariant>;

    forward! {
        serialize_bool(v: bool);
        serialize_i8(v: i8);
        serialize_i16(v: i16);
        serialize_i32(v: i32);
        serialize_i64(v: i64);
        serialize_u8(v: u8);
        serialize_u16(v: u16);
        serialize_u32(v: u32);
        serialize_u64(v: u64);
        serialize_f32(v: f32);
        serialize_f64(v: f64);
        serialize_char(v: char);
        serialize_bytes(v: &[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(name: &'static str);
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str);
    }

    fn serialize_str(self, v: &str) -> Result<S::Ok, S::Error> {
        {
            let mut p = self.pending.borrow_mut();
            p.escaped.clear();
            escape_into(v, &mut p.escaped);
            p.armed = true;
        }
        self.inner.serialize_str("")
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        let w = self.wrap(value);
        self.inner.serialize_some(&w)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let w = self.wrap(value);
        self.inner.serialize_newtype_struct(name, &w)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let w = self.wrap(value);
        self.inner
            .serialize_newtype_variant(name, index, variant, &w)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        let p = self.pending;
        self.inner
            .serialize_seq(len)
            .map(|inner| Compound { inner, pending: p })
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        let p = self.pending;
        self.inner
            .serialize_tuple(len)
            .map(|inner| Compound { inner, pending: p })
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        let p = self.pending;
        self.inner
            .serialize_tuple_struct(name, len)
            .map(|inner| Compound { inner, pending: p })
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        let p = self.pending;
        self.inner
            .serialize_tuple_variant(name, index, variant, len)
            .map(|inner| Compound { inner, pending: p })
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        let p = self.pending;
        self.inner
            .serialize_map(len)
            .map(|inner| Compound { inner, pending: p })
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        let p = self.pending;
        self.inner
            .serialize_struct(name, len)
            .map(|inner| Compound { inner, pending: p })
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        let p = self.pending;
        self.inner
            .serialize_struct_variant(name, index, variant, len)
            .map(|inner| Compound { inner, pending: p })
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

impl<'p, C> Compound<'p, C> {
    fn wrap<'v, T: ?Sized>(&self, value: &'v T) -> Wrap<'p, 'v, T> {
        Wrap {
            value,
            pending: self.pending,
        }
    }
}

macro_rules! compound {
    ($tr:ident, $method:ident) => {
        impl<C: ser::$tr> ser::$tr for Compound<'_, C> {
            type Ok = C::Ok;
            type Error = C::Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
                let w = self.wrap(value);
                self.inner.$method(&w)
            }
            fn end(self) -> Result<C::Ok, C::Error> {
                self.inner.end()
            }
        }
    };
}

compound!(SerializeSeq, serialize_element);
compound!(SerializeTuple, serialize_element);
compound!(SerializeTupleStruct, serialize_field);
compound!(SerializeTupleVariant, serialize_field);

impl<C: ser::SerializeMap> ser::SerializeMap for Compound<'_, C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), C::Error> {
        let w = self.wrap(key);
        self.inner.serialize_key(&w)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        let w = self.wrap(value);
        self.inner.serialize_value(&w)
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

macro_rules! fields {
    ($tr:ident) => {
        impl<C: ser::$tr> ser::$tr for Compound<'_, C> {
            type Ok = C::Ok;
            type Error = C::Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), C::Error> {
                let w = self.wrap(value);
                self.inner.serialize_field(key, &w)
            }
            fn skip_field(&mut self, key: &'static str) -> Result<(), C::Error> {
                self.inner.skip_field(key)
            }
            fn end(self) -> Result<C::Ok, C::Error> {
                self.inner.end()
            }
        }
    };
}

fields!(SerializeStruct);
fields!(SerializeStructVariant);

#[cfg(test)]
#[path = "ron_fast_tests.rs"]
mod tests;
