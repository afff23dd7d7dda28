//! Bytes in, bytes out: every report and export format, and the spreadsheet import.

pub mod appendix;
pub mod cells;
pub mod columns;
pub mod docx;
mod docx_fit;
pub(crate) mod docx_layout;
mod docx_parts;
pub(crate) mod docx_template;
mod docx_toc;
pub mod export;
pub mod html;
pub mod import;
pub mod inventory_csv;
pub mod inventory_sheet;
pub mod markdown;
pub mod narrative;
pub mod options;
pub mod report;
pub mod requests;
mod risk_acceptances;
pub mod risk_analysis;
pub mod sheet;
pub mod since;
pub(crate) mod xml_check;
