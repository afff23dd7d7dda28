//! Tables and pages of the Word report: a table's WordprocessingML (header row repeated,
//! rows never split, the matrix coloured), column widths fitted to their content, the width
//! of text between the margins (ours or the template's), and a landscape page for the wide
//! tables (the gap plan, the risk register, the vendors).

/// Twips a character of table text takes (8.5 pt Calibri, a little over its average, so a
/// bold header fits too).
const CHAR: usize = 85;
/// Twips a character of a word a column is kept wide enough for: ids and levels are mostly
/// capitals and digits, wider than average text.
const WORD_CHAR: usize = 105;
/// A cell's left and right margins (80 twips each in our table style) and some slack.
const PAD: usize = 200;
/// The longest word a column is made wide enough for: an id, a date or "Administrative"
/// never wraps inside.
const WORD_MAX: usize = 16;
/// In a column of prose (a finding, a plan) only words up to this length are kept whole, so
/// one long word does not take the room the sentence needs.
const PROSE_WORD: usize = 10;
/// A column whose longest cell has more characters than this is prose.
const PROSE: usize = 40;
/// A table with this many columns or more is set on a landscape page.
pub use crate::exchange::doc_model::WIDE_COLUMNS;

/// The page the report is set on.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The first section's properties: the template's as they are (a different first page,
    /// page numbering).
    pub first: String,
    /// Every later portrait section's: the same without a different first page, so the
    /// letterhead's first-page header does not come back after each landscape table.
    pub portrait: String,
    /// A landscape section's.
    pub landscape: String,
    /// Width of text between the margins (twips), portrait and landscape.
    pub width: usize,
    pub wide_width: usize,
    /// How wide the table text's font is against Calibri's, in percent (a template's font).
    pub font_pct: usize,
}

impl Page {
    pub fn from_sect(sect: &str) -> Page {
        let size = tag(sect, "w:pgSz");
        let margins = tag(sect, "w:pgMar");
        let pw = size.and_then(|t| attr(t, "w:w")).unwrap_or(12240);
        let ph = size.and_then(|t| attr(t, "w:h")).unwrap_or(15840);
        let left = margins.and_then(|t| attr(t, "w:left")).unwrap_or(1440);
        let right = margins.and_then(|t| attr(t, "w:right")).unwrap_or(1440);
        let text = |page: usize| page.saturating_sub(left + right).clamp(2880, 31680);
        let portrait = without_tag(sect, "w:titlePg");
        if pw >= ph {
            // A landscape template: every table already has the room.
            return Page {
                first: sect.to_string(),
                landscape: portrait.clone(),
                portrait,
                width: text(pw),
                wide_width: text(pw),
                font_pct: 100,
            };
        }
        let turned = format!("<w:pgSz w:w=\"{ph}\" w:h=\"{pw}\" w:orient=\"landscape\"/>");
        let landscape = match tag(&portrait, "w:pgSz") {
            Some(t) => portrait.replacen(t, &turned, 1),
            None => match portrait.find('>') {
                Some(i) => format!("{}{turned}{}", &portrait[..=i], &portrait[i + 1..]),
                None => portrait.clone(),
            },
        };
        Page {
            first: sect.to_string(),
            portrait,
            landscape,
            width: text(pw),
            wide_width: text(ph),
            font_pct: 100,
        }
    }
}

#[derive(Default)]
pub struct Table {
    pub head: bool,
    pub matrix: bool,
    pub cell_text: String,
    pub cell_runs: String,
    /// Each row: whether it is the header, and its cells (shading, runs, text length).
    pub rows: Vec<(bool, Vec<Cell>)>,
    pub row: Vec<Cell>,
    pub columns: usize,
    /// The rows (by index in `rows`) that are signed by hand: tall enough to sign.
    pub tall: Vec<usize>,
}

/// The height of a row signed by hand, about 1.2 cm (twips).
const SIGN_ROW: usize = 680;

pub struct Cell {
    pub fill: Option<&'static str>,
    pub runs: String,
    pub chars: usize,
    /// The longest word: the column is kept at least that wide (see `widths`).
    pub word: usize,
}

impl Table {
    /// Each column's longest word and longest cell, in characters.
    fn measure(&self) -> Vec<(usize, usize)> {
        let mut cols = vec![(1, 1); self.columns.max(1)];
        for (_, cells) in &self.rows {
            for (col, c) in cols.iter_mut().zip(cells) {
                *col = (col.0.max(c.word), col.1.max(c.chars));
            }
        }
        cols
    }

    /// The table, `width` twips wide, its text in a font `font_pct` as wide as Calibri.
    pub fn xml(&self, width: usize, font_pct: usize) -> String {
        if self.matrix && self.columns == 6 {
            return self.matrix_xml(width.min(MATRIX_MAX), font_pct);
        }
        let widths = widths_at(&self.measure(), width, font_pct);
        let mut rows = String::new();
        for (k, (head, cells)) in self.rows.iter().enumerate() {
            if self.tall.contains(&k) {
                rows.push_str(&format!(
                    "<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"{SIGN_ROW}\" w:hRule=\"atLeast\"/></w:trPr>"
                ));
            } else {
                rows.push_str(row_start(*head));
            }
            for (i, c) in cells.iter().enumerate() {
                let w = widths.get(i).copied().unwrap_or(0);
                rows.push_str(&cell_xml(w, "", c.fill, "", "", &c.runs));
            }
            rows.push_str("</w:tr>");
        }
        table_xml(width, &widths, &rows)
    }

    /// A 5×5 matrix with its axis titles: "Impact" over the five impact columns and
    /// "Likelihood" running up a column of its own beside the rows, the whole kept on one page.
    fn matrix_xml(&self, width: usize, font_pct: usize) -> String {
        let mut inner = widths_at(&self.measure(), width.saturating_sub(AXIS), font_pct);
        // The five impact columns alike, so the grid reads as a grid.
        // Each at least as wide as the longest word among them ("Moderate" in the
        // template's font), the room taken from the first column.
        if inner.len() == 6 {
            let word = self.measure()[1..].iter().map(|c| c.0).max().unwrap_or(1);
            // A quarter more than Calibri needs: a reader without Calibri gets a wider
            // substitute (LibreOffice's DejaVu Sans broke "Moderat/e"; found in review), and
            // the first column has the room to give.
            let need = word.min(WORD_MAX) * WORD_CHAR * 5 / 4 * font_pct.clamp(50, 200) / 100 + PAD;
            let total: usize = inner.iter().sum();
            let each = (inner[1..].iter().sum::<usize>() / 5)
                .max(need)
                .min(total / 6);
            inner[1..].fill(each);
            inner[0] = total - 5 * each;
        }
        let mut grid = vec![AXIS];
        grid.extend(&inner);
        let blank = "<w:tcBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/></w:tcBorders>";
        let keep = "<w:keepNext/>";
        let center = "<w:jc w:val=\"center\"/>";
        let title = |t: &str| {
            format!(
                "<w:r><w:rPr><w:b/><w:sz w:val=\"17\"/><w:szCs w:val=\"17\"/></w:rPr><w:t>{t}</w:t></w:r>"
            )
        };
        let mut rows = String::from("<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
        rows.push_str(&cell_xml(
            AXIS + inner.first().copied().unwrap_or(0),
            &format!("<w:gridSpan w:val=\"2\"/>{blank}"),
            None,
            keep,
            "",
            "",
        ));
        rows.push_str(&cell_xml(
            inner.iter().skip(1).sum(),
            "<w:gridSpan w:val=\"5\"/>",
            Some(AXIS_FILL),
            keep,
            center,
            &title("Impact"),
        ));
        rows.push_str("</w:tr>");
        let last = self.rows.len().saturating_sub(1);
        let mut side_started = false;
        for (k, (head, cells)) in self.rows.iter().enumerate() {
            let keep = if k < last { keep } else { "" };
            rows.push_str(row_start(*head));
            let side = if *head {
                cell_xml(AXIS, blank, None, keep, "", "")
            } else if !std::mem::replace(&mut side_started, true) {
                let props = "<w:vMerge w:val=\"restart\"/>";
                side_cell(props, keep, &title("Likelihood"))
            } else {
                side_cell("<w:vMerge/>", keep, "")
            };
            rows.push_str(&side);
            for (i, c) in cells.iter().enumerate() {
                let w = inner.get(i).copied().unwrap_or(0);
                let jc = if i == 0 { "" } else { center };
                rows.push_str(&cell_xml(w, "", c.fill, keep, jc, &c.runs));
            }
            rows.push_str("</w:tr>");
        }
        table_xml(width, &grid, &rows)
    }
}

/// The width of a matrix's side column, where "Likelihood" runs up the page.
const AXIS: usize = 480;
/// A matrix is no wider than this: its cells hold a level and a count.
const MATRIX_MAX: usize = 9360;
/// The shading of a matrix's axis titles.
const AXIS_FILL: &str = "DFE7F1";

/// A row's start: the header row repeats at the top of every page; no row splits.
fn row_start(head: bool) -> &'static str {
    if head {
        "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
    } else {
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
    }
}

/// One cell: its width, properties that come before the shading (a span, a merge, borders),
/// its fill, paragraph properties before and after the spacing, and its runs.
fn cell_xml(w: usize, props: &str, fill: Option<&str>, keep: &str, jc: &str, runs: &str) -> String {
    let shade = fill
        .map(|f| format!("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{f}\"/>"))
        .unwrap_or_default();
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>{props}{shade}</w:tcPr><w:p><w:pPr>{keep}<w:spacing w:before=\"0\" w:after=\"0\"/>{jc}</w:pPr>{runs}</w:p></w:tc>"
    )
}

/// A cell of the matrix's side column: merged down the five rows, the title written upwards.
fn side_cell(merge: &str, keep: &str, runs: &str) -> String {
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{AXIS}\" w:type=\"dxa\"/>{merge}<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{AXIS_FILL}\"/><w:textDirection w:val=\"btLr\"/><w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:pPr>{keep}<w:spacing w:before=\"0\" w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr>{runs}</w:p></w:tc>"
    )
}

fn table_xml(width: usize, widths: &[usize], rows: &str) -> String {
    let grid: String = widths
        .iter()
        .map(|w| format!("<w:gridCol w:w=\"{w}\"/>"))
        .collect();
    format!(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"{width}\" w:type=\"dxa\"/>{BORDERS}<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:firstRow=\"1\"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"
    )
}

const BORDERS: &str = "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:color=\"C8C8C8\"/><w:left w:val=\"single\" w:sz=\"4\" w:color=\"C8C8C8\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:color=\"C8C8C8\"/><w:right w:val=\"single\" w:sz=\"4\" w:color=\"C8C8C8\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:color=\"C8C8C8\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:color=\"C8C8C8\"/></w:tblBorders>";

/// The first `<name …>` element's start tag in `xml`.
fn tag<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(i) = xml[from..].find(&open).map(|i| i + from) {
        let after = xml[i + open.len()..].chars().next();
        if matches!(after, Some(' ' | '/' | '>')) {
            let end = xml[i..].find('>')? + i + 1;
            return Some(&xml[i..end]);
        }
        from = i + open.len();
    }
    None
}

/// A number-valued attribute of a start tag.
fn attr(tag: &str, name: &str) -> Option<usize> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let v = &tag[i..];
    v[..v.find('"')?].parse().ok()
}

/// `xml` without its empty `<name …/>` elements.
fn without_tag(xml: &str, name: &str) -> String {
    let mut out = xml.to_string();
    while let Some(t) = tag(&out, name) {
        if !t.ends_with("/>") {
            break;
        }
        out = out.replacen(t, "", 1);
    }
    out
}

/// Column widths (twips) summing to `width`: each column at least as wide as its longest
/// word, and the room left shared among the columns whose text does not fit on one line, in
/// proportion to what they lack; when everything fits, spread in proportion to the content.
/// `columns` holds each column's longest word and longest cell, in characters.
#[cfg(test)]
pub fn widths(columns: &[(usize, usize)], width: usize) -> Vec<usize> {
    widths_at(columns, width, 100)
}

/// `widths` for text in a font `font_pct` as wide as Calibri.
pub fn widths_at(columns: &[(usize, usize)], width: usize, font_pct: usize) -> Vec<usize> {
    if columns.is_empty() {
        return Vec::new();
    }
    let pct = font_pct.clamp(50, 200);
    let (char_w, word_char) = (CHAR * pct / 100, WORD_CHAR * pct / 100);
    let min: Vec<usize> = columns
        .iter()
        .map(|&(word, cell)| {
            let cap = if cell > PROSE { PROSE_WORD } else { WORD_MAX };
            word.clamp(1, cap) * word_char + PAD
        })
        .collect();
    let full: Vec<usize> = columns
        .iter()
        .zip(&min)
        .map(|(&(_, cell), m)| (cell.min(80) * char_w + PAD).max(*m))
        .collect();
    let (floor, natural) = (min.iter().sum::<usize>(), full.iter().sum::<usize>());
    if natural <= width {
        return full.iter().map(|f| f * width / natural).collect();
    }
    if floor >= width {
        return min.iter().map(|m| m * width / floor).collect();
    }
    let room = width - floor;
    let lack: usize = full
        .iter()
        .zip(&min)
        .map(|(f, m)| f - m)
        .sum::<usize>()
        .max(1);
    full.iter()
        .zip(&min)
        .map(|(f, m)| m + room * (f - m) / lack)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_page_turns_for_wide_tables_and_keeps_its_header() {
        let sect = r#"<w:sectPr><w:headerReference w:type="default" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838" w:code="9"/><w:pgMar w:top="1440" w:right="1134" w:bottom="1440" w:left="1134" w:header="708" w:footer="708" w:gutter="0"/><w:titlePg/></w:sectPr>"#;
        let p = Page::from_sect(sect);
        assert_eq!(p.first, sect);
        assert_eq!((p.width, p.wide_width), (11906 - 2268, 16838 - 2268));
        assert!(!p.portrait.contains("titlePg") && p.portrait.contains("rId9"));
        assert!(
            p.landscape
                .contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#),
            "{}",
            p.landscape
        );
        assert!(p.landscape.contains("rId9") && p.landscape.contains("w:left=\"1134\""));
        // A section without a page size or margins: Letter with one-inch margins.
        let bare = Page::from_sect("<w:sectPr/>");
        assert_eq!((bare.width, bare.wide_width), (12240 - 2880, 15840 - 2880));
        let bare = Page::from_sect("<w:sectPr></w:sectPr>");
        assert!(bare.landscape.contains("w:orient=\"landscape\""));
    }

    #[test]
    fn columns_keep_their_words_whole_and_prose_gets_the_room() {
        // A summary table that fits: spread out, the area column wide enough for its name.
        let w = widths(&[(14, 14), (5, 8), (3, 3), (10, 10)], 9720);
        assert!((9700..=9720).contains(&w.iter().sum::<usize>()), "{w:?}");
        assert!(w[2] >= 3 * WORD_CHAR + PAD, "{w:?}");
        // The gap plan: ids, dates and levels whole; finding and plan share what is left.
        let cols = [
            (1, 1),
            (9, 9),
            (14, 14),
            (5, 5),
            (8, 9),
            (9, 15),
            (10, 10),
            (8, 11),
        ];
        let mut all = cols.to_vec();
        all.extend([(14, 120), (13, 160)]);
        let w = widths(&all, 13320);
        for (i, (word, _)) in cols.iter().enumerate() {
            assert!(w[i] >= word * WORD_CHAR + PAD, "column {i}: {w:?}");
        }
        assert!(w[8] > 2400 && w[9] > 2400, "{w:?}");
        assert!(w.iter().sum::<usize>() <= 13320);
        // Too many columns for the page: everything narrower, in proportion.
        let w = widths(&[(16, 16); 12], 9720);
        assert!(w.iter().sum::<usize>() <= 9720 && w[0] == w[11]);
    }

    #[test]
    fn a_matrix_gets_its_axis_titles_and_stays_on_one_page() {
        let mut d = crate::exchange::doc_model::Doc::default();
        d.section("S");
        d.matrix(None);
        let xml = crate::exchange::docx::document_xml(
            &d.into_report(String::new()),
            crate::exchange::docx_parts::SECTION,
        );
        crate::exchange::xml_check::well_formed(&xml).unwrap();
        // "Impact" over the five impact columns, "Likelihood" up a side column merged down
        // the five rows.
        assert!(xml.contains("<w:gridSpan w:val=\"5\"/>"), "{xml}");
        assert!(xml.contains("<w:t>Impact</w:t>") && xml.contains("<w:t>Likelihood</w:t>"));
        assert_eq!(xml.matches("<w:vMerge w:val=\"restart\"/>").count(), 1);
        assert_eq!(xml.matches("<w:vMerge/>").count(), 4);
        assert!(xml.contains("<w:textDirection w:val=\"btLr\"/>"));
        assert_eq!(xml.matches("<w:gridCol ").count(), 7);
        // Kept together: every row but the last holds on to the next.
        assert_eq!(xml.matches("<w:tr>").count(), 7);
        let last = xml.rfind("<w:tr>").unwrap();
        assert!(!xml[last..].contains("<w:keepNext/>"));
        assert!(xml[..last].matches("<w:keepNext/>").count() >= 6 * 6);
        // Table I-2's cells, spelled out, are coloured by their level.
        use crate::domain::scoring::RiskLevel;
        for l in [RiskLevel::VeryHigh, RiskLevel::VeryLow] {
            assert!(xml.contains(&format!("w:fill=\"{}\"", l.fill())), "{xml}");
        }
    }
}
