//! The ePHI inventory as a spreadsheet: the cells `inventory --format csv` writes for an
//! asset, and the strict reader behind `inventory --import` (through `sheet`, like every
//! import), which returns every row as a new asset or every problem with its line.

use std::collections::BTreeMap;

use crate::domain::inventory::{Asset, AssetKind, Encryption, parse_ephi};
use crate::domain::text;
use crate::domain::workspace::Workspace;
use crate::exchange::cells::csv_safe;
use crate::exchange::sheet::{self, quoted};

/// The columns an inventory sheet may fill in (`name` is required), as SPEC names them.
pub const ASSET_COLUMNS: [&str; 11] = [
    "name",
    "kind",
    "count",
    "location",
    "owner",
    "ephi",
    "records",
    "encrypted_at_rest",
    "encrypted_in_transit",
    "vendor",
    "notes",
];

/// Columns the CSV listing adds around `ASSET_COLUMNS`; an import reads past them, since the
/// imported assets get ids of their own and have no risks yet.
pub const LISTING_ONLY: [&str; 3] = ["id", "risks", "assessed"];

/// The most problems one refusal lists; the rest are counted.
pub const PROBLEMS_SHOWN: usize = 20;

/// The header of the CSV listing: `id`, the import's columns, `risks`, `assessed`.
pub fn listing_header() -> Vec<&'static str> {
    let mut h = vec!["id"];
    h.extend(ASSET_COLUMNS);
    h.extend(["risks", "assessed"]);
    h
}

/// A register risk names the asset, or the consultant wrote why none is significant.
pub fn is_assessed(ws: &Workspace, a: &Asset) -> bool {
    !a.no_risk.trim().is_empty() || !ws.risks_of_asset(&a.id).is_empty()
}

/// How many items an asset stands for as listed: at least one (`Asset::default()` says 0,
/// which no import would take back).
pub fn shown_count(a: &Asset) -> u32 {
    a.count.max(1)
}

/// One asset's row of the CSV listing, each cell safe for a spreadsheet. The vendor is
/// written by name (its id when the register has no such vendor), so the sheet reads the
/// same in another workspace, whose register numbers its vendors its own way.
pub fn listing_row(ws: &Workspace, a: &Asset) -> Vec<String> {
    let vendor = ws
        .vendor(&a.vendor)
        .map_or(a.vendor.as_str(), |v| v.name.as_str());
    let ephi: Vec<&str> = a.ephi.iter().map(|u| u.word()).collect();
    let cells = [
        a.id.clone(),
        a.name.clone(),
        a.kind.word().to_string(),
        shown_count(a).to_string(),
        a.location.clone(),
        a.owner.clone(),
        ephi.join(", "),
        a.records.map(|r| r.to_string()).unwrap_or_default(),
        a.encrypted_at_rest.word().to_string(),
        a.encrypted_in_transit.word().to_string(),
        vendor.to_string(),
        a.notes.clone(),
        ws.risks_of_asset(&a.id).join(", "),
        if is_assessed(ws, a) { "yes" } else { "no" }.to_string(),
    ];
    cells.iter().map(|c| csv_safe(c)).collect()
}

/// One row of an inventory sheet: the line it is on and the asset it adds (no id yet).
#[derive(Debug, Clone, PartialEq)]
pub struct AssetRow {
    pub line: u64,
    pub asset: Asset,
}

/// A whole number as people write it: `12000` or `12,000` (commas between groups of three).
pub fn whole_number(s: &str) -> Option<u64> {
    let groups: Vec<&str> = s.split(',').collect();
    let well_grouped = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    let all_digits = groups
        .iter()
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()));
    if !well_grouped || !all_digits {
        return None;
    }
    groups.concat().parse().ok()
}

/// A name as compared: any case, and as a listing prints it (control characters escaped), so
/// a name read back from an exported sheet matches the one it was written from.
fn name_key(s: &str) -> String {
    text::as_printed(s).to_lowercase()
}

/// The vendor a cell names: a vendor id (any case) or a vendor's name (any case).
fn find_vendor(ws: &Workspace, cell: &str) -> Result<String, String> {
    if let Some(v) = ws.vendors.iter().find(|v| v.id.eq_ignore_ascii_case(cell)) {
        return Ok(v.id.clone());
    }
    let key = name_key(cell);
    let named: Vec<&str> = ws
        .vendors
        .iter()
        .filter(|v| {
            v.name.to_lowercase() == cell.to_lowercase()
                || name_key(&v.name) == key
                || (!text::name(cell).is_empty() && text::name_key(&v.name) == text::name_key(cell))
        })
        .map(|v| v.id.as_str())
        .collect();
    match named[..] {
        [id] => Ok(id.to_string()),
        [] if ws.vendors.is_empty() => Err(format!(
            "vendor '{}': the vendor register is empty; add the vendor first (`hipaudit vendors PATH --import`)",
            quoted(cell)
        )),
        [] => {
            let known: Vec<String> = ws
                .vendors
                .iter()
                .take(8)
                .map(|v| format!("{} ({})", v.id, text::truncate_clean(&v.name, 24)))
                .collect();
            let more = if ws.vendors.len() > known.len() {
                ", …"
            } else {
                ""
            };
            Err(format!(
                "vendor '{}' is not in the vendor register: give a vendor id or name: {}{more}",
                quoted(cell),
                known.join(", ")
            ))
        }
        _ => Err(format!(
            "vendor '{}' names {} vendors ({}): give the id",
            quoted(cell),
            named.len(),
            named.join(", ")
        )),
    }
}

/// The asset one row describes, or what is wrong with it (every problem of the row).
fn read_row(get: &dyn Fn(&str) -> String, ws: &Workspace) -> Result<Asset, Vec<String>> {
    let mut problems = Vec::new();
    let mut asset = Asset {
        name: get("name"),
        location: get("location"),
        owner: get("owner"),
        notes: get("notes"),
        count: 1,
        ..Asset::default()
    };
    if asset.name.is_empty() {
        problems.push("the asset's name is empty".to_string());
    }
    match get("kind").as_str() {
        "" => {}
        k => match AssetKind::parse(k) {
            Some(kind) => asset.kind = kind,
            None => problems.push(format!(
                "kind '{}': use one of {}",
                quoted(k),
                AssetKind::accepted()
            )),
        },
    }
    match get("count").as_str() {
        "" => {}
        c => match whole_number(c).and_then(|n| u32::try_from(n).ok()) {
            Some(n) if n > 0 => asset.count = n,
            _ => problems.push(format!(
                "count '{}': use a whole number of 1 or more (empty is 1)",
                quoted(c)
            )),
        },
    }
    match parse_ephi(&get("ephi")) {
        Ok(uses) => asset.ephi = uses,
        Err(e) => problems.push(format!("ephi {e} (or empty, or none)")),
    }
    match get("records").as_str() {
        "" => {}
        r => match whole_number(r) {
            Some(n) => asset.records = Some(n),
            None => problems.push(format!(
                "records '{}': use a whole number such as 12000 or 12,000 (empty when unknown)",
                quoted(r)
            )),
        },
    }
    for (column, slot) in [
        ("encrypted_at_rest", &mut asset.encrypted_at_rest),
        ("encrypted_in_transit", &mut asset.encrypted_in_transit),
    ] {
        let cell = get(column);
        match Encryption::parse(&cell) {
            Some(e) => *slot = e,
            None => problems.push(format!(
                "{column} '{}': use {}",
                quoted(&cell),
                Encryption::ALL.map(Encryption::word).join(", ")
            )),
        }
    }
    match get("vendor").as_str() {
        "" => {}
        v => match find_vendor(ws, v) {
            Ok(id) => asset.vendor = id,
            Err(e) => problems.push(e),
        },
    }
    if problems.is_empty() {
        Ok(asset)
    } else {
        Err(problems)
    }
}

/// Reads an inventory sheet for adding its rows to `ws`: every row as a new asset, or every
/// problem as `LINE: what` (the caller names the file). Headers in any order; a missing
/// column leaves its field empty; a name may be neither repeated in the sheet nor already in
/// the inventory (any case); `vendor` names a vendor of the register by id or name.
pub fn parse(text: &str, ws: &Workspace) -> Result<Vec<AssetRow>, Vec<String>> {
    let s = sheet::read(text)?;
    let mut problems = Vec::new();
    for h in &s.headers {
        if !ASSET_COLUMNS.contains(&h.as_str()) && !LISTING_ONLY.contains(&h.as_str()) {
            problems.push(format!(
                "1: unknown column '{}': the columns are {} (and {}, which are read past)",
                quoted(h),
                ASSET_COLUMNS.join(", "),
                LISTING_ONLY.join(", ")
            ));
        }
    }
    if !s.has("name") {
        problems.push("1: the header needs a 'name' column".into());
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let existing: BTreeMap<String, &str> = ws
        .assets
        .iter()
        .flat_map(|a| {
            [a.name.to_lowercase(), name_key(&a.name)]
                .into_iter()
                .map(|k| (k, a.id.as_str()))
        })
        .collect();
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    let mut out = Vec::new();
    for rec in &s.rows {
        let line = rec.line;
        let get = |name: &str| s.get(rec, name).to_string();
        if ASSET_COLUMNS.iter().all(|c| get(c).is_empty()) {
            // A blank row between the assets (a spreadsheet's trailing rows) adds nothing.
            continue;
        }
        let name = get("name");
        if !name.is_empty() {
            let keys = [name.to_lowercase(), name_key(&name)];
            if let Some(id) = keys.iter().find_map(|k| existing.get(k)) {
                problems.push(format!(
                    "{line}: '{}' is already in the inventory as {id}",
                    quoted(&name)
                ));
            } else if let Some(first) = keys.iter().find_map(|k| seen.get(k)) {
                problems.push(format!(
                    "{line}: '{}' is also on line {first}: give each asset once (count says how many alike)",
                    quoted(&name)
                ));
            } else {
                for k in keys {
                    seen.insert(k, line);
                }
            }
        }
        match read_row(&get, ws) {
            Ok(asset) => out.push(AssetRow { line, asset }),
            Err(p) => problems.extend(p.into_iter().map(|p| format!("{line}: {p}"))),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(sheet::capped(problems))
    }
}

#[cfg(test)]
#[path = "inventory_csv_tests.rs"]
mod tests;
