//! The commands the UI invokes. Each is thin: parse the arguments, take the
//! state, call one core function, convert the result. No SQL, no counting,
//! no PDF drawing here.

pub mod app;
pub mod cases;
pub mod dialogs;
pub mod drafts;
pub mod evidence;
pub mod exchange;
pub mod import;
pub mod overview;
pub mod prints;
pub mod publication;
pub mod settings;
pub mod taxonomy;
pub mod vault;
