use super::*;
use crate::tui::overlays::evidence::EvidenceField;
use crate::tui::overlays::form::{EngagementFormField, GapField};
use crate::tui::tabs::vendors::VendorField;

fn places_every_field<F: FormField + std::fmt::Debug>() {
    for (i, f) in F::ALL.iter().enumerate() {
        assert_eq!(f.index(), i, "{f:?}");
    }
    assert_eq!(F::labels().len(), F::ALL.len());
}

#[test]
fn a_form_is_read_and_placed_by_its_fields_names() {
    places_every_field::<GapField>();
    places_every_field::<EngagementFormField>();
    places_every_field::<EvidenceField>();
    places_every_field::<VendorField>();
    places_every_field::<RiskField>();

    let mut form = Form::new(FormKind::Vendor(None), |f: VendorField| {
        format!(" {} ", f.label())
    });
    assert_eq!(form.labels, VendorField::labels());
    assert_eq!(form.get(VendorField::BaaSigned), "BAA signed (empty = not)");
    form.input(VendorField::Notes).set("kept");
    assert_eq!(form.inputs[VendorField::Notes.index()].text(), "kept");
    form.fail((VendorField::BaaExpires, "why".into()));
    assert_eq!(form.focused(), Some(VendorField::BaaExpires));
    assert_eq!(form.error.as_deref(), Some("why"));
    // Another form's fields never match this one's place.
    assert_eq!(form.focused::<GapField>(), None);
}

#[cfg(debug_assertions)]
#[test]
#[should_panic(expected = "not a field of this form")]
fn reading_another_forms_field_is_caught() {
    let form = Form::new(FormKind::Engagement, |_: EngagementFormField| String::new());
    form.get(GapField::Owner);
}
