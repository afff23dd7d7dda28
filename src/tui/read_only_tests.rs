//! A read-only workspace refuses every key the key table marks as an edit, wherever that
//! key works, and says why: a property over every row of the table, so a new editing key is
//! covered the day its row is written.

use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::catalog::Catalog;
use crate::tui::app::App;
use crate::tui::keymap::{BINDINGS, Context, Key};
use crate::tui::state::Mode;
use crate::tui::test_support::{k, today};

fn demo() -> App {
    let ws = crate::io::store::from_ron(crate::io::paths::DEMO, Path::new("demo.ron")).unwrap();
    App::new(Catalog::builtin(), ws, "demo.ron".into(), today(), "tester")
}

fn event(key: Key) -> KeyEvent {
    match key {
        Key::Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
        Key::Code(c) => KeyEvent::new(c, KeyModifiers::NONE),
    }
}

/// An app where `context`'s keys apply, then made read-only.
fn placed(context: Context) -> App {
    let mut a = demo();
    let keys: &[char] = match context {
        // The register and the vendors: the pane under the sections, its list focused.
        Context::Register => &['5', 'h', 'G', 'l'],
        Context::Vendors => &['3', 'h', 'G', 'l'],
        // The inventory: the row before the register.
        Context::Inventory => &['5', 'h', 'G', 'k', 'l'],
        // A question answered No: a gap.
        Context::Gap => &['2', 'n', 'k'],
        // The gap board.
        Context::Board => &['6'],
        _ => &['2'],
    };
    for &c in keys {
        a.update(k(c));
    }
    assert!(
        a.contexts().contains(&context),
        "{context:?} applies: {:?}",
        a.contexts()
    );
    a.file.read_only = Some("another process holds it".into());
    a.message = None;
    a
}

fn snapshot(a: &App) -> String {
    ron::to_string(&a.doc.ws).unwrap()
}

#[test]
fn every_editing_key_is_refused_on_a_read_only_workspace() {
    let mut checked = 0;
    for b in BINDINGS.iter().filter(|b| b.edits && !b.context.is_modal()) {
        for &key in b.keys {
            let mut a = placed(b.context);
            let before = snapshot(&a);
            let generation = a.doc.data_generation;
            a.update(event(key));
            let what = format!("{:?} {} ({})", b.context, key.label(), b.help);
            assert_eq!(snapshot(&a), before, "{what} changed the workspace");
            assert_eq!(a.doc.data_generation, generation, "{what} counted a change");
            assert!(
                a.message
                    .as_deref()
                    .is_some_and(|m| m.starts_with("read-only")),
                "{what} says why: {:?}",
                a.message
            );
            assert!(matches!(a.mode, Mode::Normal), "{what} opened nothing");
            checked += 1;
        }
    }
    assert!(checked > 25, "{checked} editing keys checked");
}

#[test]
fn a_key_of_another_place_says_where_it_works() {
    let mut a = demo();
    a.update(k('2'));
    // `A` adds a risk in the register; on a question it only says so.
    a.update(k('A'));
    let m = a.message.clone().unwrap_or_default();
    assert!(m.contains("works in the risk register"), "{m}");
    a.update(k('6'));
    a.update(k('e'));
    let m = a.message.clone().unwrap_or_default();
    assert!(m.contains("works in the audit tabs"), "{m}");
    // On the Administrative tab the vendor list under its sections takes `A`.
    a.update(k('3'));
    a.update(k('A'));
    let m = a.message.clone().unwrap_or_default();
    assert!(m.contains("works in the business associates"), "{m}");
    // On the dashboard, Enter opens a gap's detail on the board.
    a.update(k('1'));
    a.update(crate::tui::test_support::code(KeyCode::Enter));
    let m = a.message.clone().unwrap_or_default();
    assert!(m.contains("works on the gap board"), "{m}");
}
