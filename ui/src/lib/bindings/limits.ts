// Generated from kuzet_core::problem::limits by src-tauri/src/bindings.rs; do not edit.

/** The longest title accepted, in characters. */
export const MAX_TITLE_CHARS = 300;
/** The longest external reference accepted, in characters. */
export const MAX_REF_CHARS = 100;
/** The longest private name (a name or phrase to hide) accepted, in characters. */
export const MAX_PRIVATE_NAME_CHARS = 200;
