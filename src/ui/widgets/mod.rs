//! Small components any screen may use: they know nothing of screens or navigation.

pub mod citation;
pub mod field;
pub mod file_picker;
pub mod problem_list;
pub mod report_table;
pub mod table_head;
