//! Overlays drawn over a screen; each takes the keys while it is open.

pub mod confirm;
pub mod conflicts;
pub mod help;
pub mod palette;
pub mod prompt;
pub mod summary;
