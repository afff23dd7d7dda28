//! Rules for one cell of a spreadsheet, shared by every format that writes one.

/// Spreadsheets run a cell that starts with = + - @ as a formula; a leading quote keeps a
/// typed owner or title as text.
pub fn csv_safe(s: &str) -> String {
    // A plain number (a day count like -27) is data, not a formula.
    if s.parse::<f64>().is_ok_and(f64::is_finite) {
        return s.to_string();
    }
    // Leading white space does not stop a spreadsheet from reading a formula.
    let head = s.trim_start_matches([' ', '\u{a0}']);
    if head.starts_with(['=', '+', '-', '@', '\t', '\r', '|', '%'])
        || s.starts_with(['\t', '\r', '\n'])
    {
        format!("'{s}")
    } else {
        s.to_string()
    }
}
