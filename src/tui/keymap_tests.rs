//! The key table's own rules: no key twice in one place, Shift and Ctrl.
use super::*;

fn key(c: KeyCode, m: KeyModifiers) -> KeyEvent {
    KeyEvent::new(c, m)
}

#[test]
fn no_key_is_bound_twice_in_one_context_pair() {
    for (i, a) in BINDINGS.iter().enumerate() {
        for b in &BINDINGS[i + 1..] {
            let normal = !a.context.is_modal() && !b.context.is_modal();
            let overlap = a.context == b.context
                || (normal && [a.context, b.context].contains(&Context::Global));
            if overlap {
                for k in a.keys {
                    assert!(
                        !b.keys.contains(k),
                        "{k:?} bound to {:?} and {:?}",
                        a.action,
                        b.action
                    );
                }
            }
        }
    }
}

#[test]
fn shift_is_ignored_for_characters_and_ctrl_is_not() {
    let ev = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(lookup(&[Context::Global], &ev), Some(Action::Last));
    let ev = key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        lookup(&[Context::Gap, Context::Global], &ev),
        Some(Action::Save)
    );
    let ev = key(KeyCode::Char('s'), KeyModifiers::NONE);
    assert_eq!(
        lookup(&[Context::Gap, Context::Global], &ev),
        Some(Action::CycleStatus)
    );
    assert_eq!(lookup(&[Context::Global], &ev), None);
}
