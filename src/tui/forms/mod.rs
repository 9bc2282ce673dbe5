//! Data entry: the form and its fields, its keys, the grid, drafts kept across a dropped
//! link, and `submit`, which turns fields into an effect only when every field is valid.

pub mod draft;
pub mod form;
pub mod grid;
pub mod keys;
pub mod line_edit;
pub mod report_form;
pub mod submit;
pub mod task_form;
