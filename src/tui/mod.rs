//! The terminal interface, in the Elm shape: keys become actions through one keymap,
//! `update` changes the state and returns effects, effects call the service, and `view` draws.

pub mod catalogue;
pub mod draft;
pub mod effects;
pub mod form;
pub mod keymap;
pub mod panels;
pub mod runtime;
pub mod state;
pub mod update;
pub mod view;
