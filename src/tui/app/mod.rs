//! The application core: the state, the effects and events that connect it to the service,
//! `update` for keys and `apply` for results.

pub mod apply;
pub mod cursor;
pub mod effects;
pub mod loads;
pub mod naming;
pub mod report_list;
pub mod runner;
pub mod selection;
pub mod state;
pub mod unit_row;
pub mod update;
