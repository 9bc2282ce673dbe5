//! The service layer: the only door to data.

pub mod api;
pub mod local;
pub mod trend;

pub use api::*;
pub use local::LocalService;
