use super::*;
use crate::domain::catalog::Catalog;
use crate::domain::vendor::{PhiUse, Vendor};
use crate::domain::workspace::Actor;

fn actor() -> Actor {
    Actor {
        name: "Ana".into(),
        now: chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    }
}

fn workspace() -> Workspace {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut ws = Workspace::new("Clinic", "Ana", Catalog::builtin(), today);
    for name in ["Northwind IT", "CloudChart EHR"] {
        ws.add_vendor(
            Vendor {
                name: name.into(),
                phi: true,
                ..Vendor::default()
            },
            &actor(),
        );
    }
    ws.add_asset(
        Asset {
            name: "Front desk PCs".into(),
            kind: AssetKind::Workstation,
            ..Asset::default()
        },
        &actor(),
    );
    ws
}

#[test]
fn rows_read_in_any_column_order_with_defaults_for_what_is_missing() {
    let ws = workspace();
    let text = "\u{feff}vendor,Name,kind,ephi,records,count,encrypted_at_rest\n\
                cloudchart ehr,CloudChart,EHR,\"create, receive, maintain\",\"12,000\",,yes\n\
                BA-01,Exam room laptops,laptop,maintain transmit,,4,partial\n\
                ,Guest Wi-Fi,network,none,,,\n";
    let rows = parse(text, &ws).unwrap();
    assert_eq!(rows.len(), 3);
    let ehr = &rows[0].asset;
    assert_eq!(rows[0].line, 2);
    assert_eq!(ehr.kind, AssetKind::Ehr);
    assert_eq!(ehr.vendor, "BA-02", "a vendor named, stored by id");
    assert_eq!(ehr.records, Some(12_000));
    assert_eq!(ehr.count, 1, "an empty count is one");
    assert_eq!(
        ehr.ephi,
        vec![PhiUse::Create, PhiUse::Receive, PhiUse::Maintain]
    );
    assert_eq!(ehr.encrypted_at_rest, Encryption::Yes);
    assert_eq!(ehr.encrypted_in_transit, Encryption::Unknown);
    assert_eq!(rows[1].asset.vendor, "BA-01");
    assert_eq!(rows[1].asset.count, 4);
    assert_eq!(rows[1].asset.encrypted_at_rest, Encryption::Partial);
    assert!(!rows[2].asset.holds_ephi());
    assert!(rows.iter().all(|r| r.asset.id.is_empty()));
}

#[test]
fn every_bad_row_is_named_with_its_line_and_what_is_accepted() {
    let ws = workspace();
    let text = "name,kind,count,ephi,records,encrypted_at_rest,encrypted_in_transit,vendor\n\
                A,toaster,,,,,,\n\
                B,server,0,,,,,\n\
                C,server,two,,,,,\n\
                D,server,,store,,,,\n\
                E,server,,,12.5,,,\n\
                F,server,,,,maybe,,\n\
                G,server,,,,,sometimes,\n\
                ,server,,,,,,\n\
                front desk pcs,workstation,,,,,,\n\
                H,server,,,,,,Acme\n\
                a,server,,,,,,\n";
    let e = parse(text, &ws).unwrap_err();
    let has = |prefix: &str, words: &[&str]| {
        e.iter()
            .any(|p| p.starts_with(prefix) && words.iter().all(|w| p.contains(w)))
    };
    assert!(
        has("2: ", &["toaster", "medical-device", "fax-phone"]),
        "{e:#?}"
    );
    assert!(has("3: ", &["count '0'", "whole number"]), "{e:#?}");
    assert!(has("4: ", &["count 'two'"]), "{e:#?}");
    assert!(
        has("5: ", &["store", "create, receive, maintain, transmit"]),
        "{e:#?}"
    );
    assert!(has("6: ", &["records '12.5'", "12,000"]), "{e:#?}");
    assert!(
        has(
            "7: ",
            &["encrypted_at_rest 'maybe'", "yes, no, partial, unknown"]
        ),
        "{e:#?}"
    );
    assert!(has("8: ", &["encrypted_in_transit 'sometimes'"]), "{e:#?}");
    assert!(has("9: ", &["name is empty"]), "{e:#?}");
    assert!(has("10: ", &["already in the inventory as A-01"]), "{e:#?}");
    assert!(
        has("11: ", &["vendor 'Acme'", "BA-01 (Northwind IT)", "BA-02"]),
        "{e:#?}"
    );
    assert!(has("12: ", &["'a' is also on line 2"]), "{e:#?}");
    assert_eq!(e.len(), 11, "one problem a line: {e:#?}");
}

#[test]
fn one_row_with_two_problems_reports_both() {
    let e = parse("name,kind,count\nX,toaster,-3\n", &workspace()).unwrap_err();
    assert_eq!(e.len(), 2, "{e:#?}");
    assert!(e.iter().all(|p| p.starts_with("2: ")));
}

#[test]
fn unknown_or_missing_headers_are_refused_naming_the_accepted_ones() {
    let ws = workspace();
    let e = parse("name,colour\nA,red\n", &ws).unwrap_err();
    assert!(
        e[0].starts_with("1: unknown column 'colour'") && e[0].contains("encrypted_in_transit"),
        "{e:?}"
    );
    let e = parse("kind\nserver\n", &ws).unwrap_err();
    assert!(e[0].contains("needs a 'name' column"), "{e:?}");
}

#[test]
fn a_vendor_named_twice_in_the_register_must_be_given_by_id() {
    let mut ws = workspace();
    ws.add_vendor(
        Vendor {
            name: "northwind it".into(),
            ..Vendor::default()
        },
        &actor(),
    );
    let e = parse("name,vendor\nX,Northwind IT\n", &ws).unwrap_err();
    assert!(
        e[0].contains("BA-01, BA-03") && e[0].contains("give the id"),
        "{e:?}"
    );
    let mut empty = workspace();
    empty.vendors.clear();
    let e = parse("name,vendor\nX,Northwind IT\n", &empty).unwrap_err();
    assert!(e[0].contains("register is empty"), "{e:?}");
}

#[test]
fn whole_numbers_take_thousands_separators_only_between_groups_of_three() {
    assert_eq!(whole_number("12000"), Some(12_000));
    assert_eq!(whole_number("12,000"), Some(12_000));
    assert_eq!(whole_number("1,234,567"), Some(1_234_567));
    for bad in [
        "", "1,2", "12,00", ",000", "1,,000", "-3", "1.5", "1e3", " 1",
    ] {
        assert_eq!(whole_number(bad), None, "{bad:?}");
    }
}

#[test]
fn the_listing_reads_back_as_the_same_assets_in_another_workspace() {
    let mut ws = workspace();
    ws.add_asset(
        Asset {
            name: "=HYPERLINK(\"http://x\")".into(),
            kind: AssetKind::Cloud,
            count: 3,
            ephi: vec![PhiUse::Receive, PhiUse::Transmit],
            records: Some(4_500),
            encrypted_in_transit: Encryption::Yes,
            vendor: "BA-02".into(),
            notes: "portal".into(),
            ..Asset::default()
        },
        &actor(),
    );
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(listing_header()).unwrap();
    for a in &ws.assets {
        w.write_record(listing_row(&ws, a)).unwrap();
    }
    let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
    assert!(text.contains("'=HYPERLINK"), "{text}");
    // Another workspace: the same vendors under other ids, no assets yet.
    let mut other = workspace();
    other.assets.clear();
    other.vendors[0].id = "BA-02".into();
    other.vendors[1].id = "BA-01".into();
    let rows = parse(&text, &other).unwrap();
    assert_eq!(rows.len(), 2);
    let back = &rows[1].asset;
    let mut want = ws.assets[1].clone();
    want.id = String::new();
    want.vendor = "BA-01".into();
    assert_eq!(*back, want);
}
