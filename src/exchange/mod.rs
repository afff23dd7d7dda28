//! Bytes in, bytes out: every report and export format, and the spreadsheet import.

pub mod appendix;
pub mod calendar;
pub mod cells;
pub mod columns;
pub mod docx;
pub(crate) mod docx_layout;
mod docx_parts;
pub(crate) mod docx_template;
pub mod export;
pub mod html;
pub mod import;
pub mod inventory_csv;
pub mod inventory_sheet;
pub mod markdown;
pub mod narrative;
pub mod options;
pub mod register_sheets;
pub mod report;
pub mod requests;
mod risk_acceptances;
pub mod risk_analysis;
pub mod sheet;
pub mod since;
pub mod workbook;
pub(crate) mod xlsx_layout;
pub(crate) mod xml_check;
