//! The fast serializer writes exactly what `ron` writes.
use proptest::prelude::*;

use super::*;
use crate::io::store::pretty;

fn by_ron<T: Serialize>(v: &T) -> String {
    let mut s = String::new();
    ron::ser::to_writer_pretty(&mut s, v, pretty()).unwrap();
    s
}

fn ours<T: Serialize>(v: &T) -> String {
    to_string_pretty(v, pretty(), 0).unwrap()
}

#[test]
fn the_demo_and_a_large_workspace_serialize_byte_for_byte_as_ron_does() {
    let demo = crate::io::store::from_ron(crate::io::paths::DEMO, std::path::Path::new("demo.ron"))
        .unwrap();
    assert_eq!(ours(&demo), by_ron(&demo));
    let catalog = crate::domain::catalog::Catalog::builtin();
    let large = crate::io::synthetic::with_inventory(
        crate::io::synthetic::build(catalog, 300, 100),
        50,
        200,
    );
    assert_eq!(ours(&large), by_ron(&large));
}

#[test]
fn hostile_strings_are_escaped_as_ron_escapes_them() {
    let nasty = [
        "",
        "plain",
        "quote \" backslash \\ apostrophe ' tab \t newline \n cr \r nul \0",
        "escape \u{1b}[31m red \u{7f} del",
        "bidi \u{202e}override\u{2066} and zero width \u{200b}",
        "\u{301} combining first, then e\u{301}",
        "emoji 🩺 and ümlaut",
        "r#\"raw\"#",
    ];
    for s in nasty {
        assert_eq!(ours(&s), by_ron(&s), "{s:?}");
        let v: Vec<(String, Option<String>)> = vec![(s.into(), Some(s.into())), (s.into(), None)];
        assert_eq!(ours(&v), by_ron(&v), "{s:?}");
        let m: std::collections::BTreeMap<String, String> = [(s.into(), s.into())].into();
        assert_eq!(ours(&m), by_ron(&m), "{s:?}");
    }
}

proptest! {
    #[test]
    fn any_string_escapes_as_ron_escapes_it(s in any::<String>()) {
        let mut fast = String::new();
        escape_into(&s, &mut fast);
        let slow: String = s.chars().flat_map(char::escape_debug).collect();
        prop_assert_eq!(fast, slow);
        prop_assert_eq!(ours(&s), by_ron(&s));
    }
}
