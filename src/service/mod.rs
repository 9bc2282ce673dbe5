//! The service layer: the only door to data.

pub mod api;
pub mod local;

pub use api::*;
pub use local::LocalService;
