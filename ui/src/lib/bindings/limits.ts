// Generated from kuzet_core::problem::limits by src-tauri/src/bindings.rs; do not edit.

/** The longest title accepted, in characters. */
export const MAX_TITLE_CHARS = 300;
/** The longest external reference accepted, in characters. */
export const MAX_REF_CHARS = 100;
/** The longest private name (a name or phrase to hide) accepted, in characters. */
export const MAX_PRIVATE_NAME_CHARS = 200;
/** The longest summary (or translation, or overview text) accepted, in characters. */
export const MAX_SUMMARY_CHARS = 20000;
/** The longest victim name, outlet, court, outcome or source accepted, in characters. */
export const MAX_FIELD_CHARS = 1000;
/** The most sources a record may have. */
export const MAX_SOURCES = 20;
/** The most private names a record may have. */
export const MAX_PRIVATE_NAMES = 100;
/** The first year an event date (and an annual overview) may have. */
export const FIRST_EVENT_YEAR = 1900;
/** The last year an event date (and an annual overview) may have. */
export const LAST_EVENT_YEAR = 2999;
