//! Export's side of the exchange, beside import's: the rows made from records (`rows.rs`) and
//! what a spreadsheet should see in its cells (`sheet.rs`). Both directions read one list of
//! columns, `exchange/columns.rs`.

pub mod rows;
pub mod sheet;
