//! The typed command client, `ui/src/lib/bindings/signatures.ts`: the
//! arguments and the result of every command, read from the
//! `#[tauri::command]` functions themselves (`src-tauri/src/commands/*.rs`,
//! parsed with `syn`), so a renamed argument, a changed type or a new
//! command changes the generated file and the bindings drift test fails until
//! it is regenerated; `npm run check` then fails wherever `ui/src/lib/api.ts`
//! no longer fits.
//!
//! Rust types map to TypeScript as the shell serialises them: `String` →
//! `string`, integers → `number`, `bool` → `boolean`, `Option<T>` →
//! `T | null`, `Vec<T>` → `Array<T>`, `()` → `null`, `serde_json::Value` →
//! `unknown`, any other type → the ts-rs binding of the same name (which must
//! exist). Arguments are camelCase, as Tauri reads them; the framework's
//! parameters (`State`, `AppHandle`, windows) are left out.

use kuzet_app::COMMAND_NAMES;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use syn::{FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

/// The generated file's name inside the bindings directory.
pub(crate) const SIGNATURES_FILE: &str = "signatures.ts";

/// Parameters Tauri fills in itself; they are not arguments of the call.
const FRAMEWORK_TYPES: &[&str] = &["State", "AppHandle", "Window", "WebviewWindow", "Webview"];

struct Signature {
    args: Vec<(String, String)>,
    result: String,
}

/// What a command's signature needs: its TypeScript text and the bindings it imports.
#[derive(Default)]
struct Mapper {
    imports: BTreeSet<String>,
}

impl Mapper {
    fn ts(&mut self, ty: &Type, context: &str) -> String {
        match ty {
            Type::Reference(r) => self.ts(&r.elem, context),
            Type::Tuple(t) if t.elems.is_empty() => "null".into(),
            Type::Path(p) => {
                let seg = p.path.segments.last().unwrap_or_else(|| panic!("{context}: empty type path"));
                let name = seg.ident.to_string();
                match name.as_str() {
                    "String" | "str" | "PathBuf" => "string".into(),
                    "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" | "f32" | "f64" => {
                        "number".into()
                    }
                    "bool" => "boolean".into(),
                    "Value" => "unknown".into(),
                    "Option" => format!("{} | null", self.ts(only_type_argument(seg, context), context)),
                    "Vec" => format!("Array<{}>", self.ts(only_type_argument(seg, context), context)),
                    _ => {
                        assert!(
                            seg.arguments.is_none() && name.starts_with(|c: char| c.is_ascii_uppercase()),
                            "{context}: no TypeScript mapping for `{name}` (add one to tests/app/signatures.rs)"
                        );
                        self.imports.insert(name.clone());
                        name
                    }
                }
            }
            _ => panic!("{context}: no TypeScript mapping for this type"),
        }
    }
}

fn only_type_argument<'a>(seg: &'a syn::PathSegment, context: &str) -> &'a Type {
    if let PathArguments::AngleBracketed(a) = &seg.arguments {
        if let [GenericArgument::Type(t)] = a.args.iter().collect::<Vec<_>>().as_slice() {
            return t;
        }
    }
    panic!("{context}: `{}` without exactly one type argument", seg.ident)
}

/// `case_id` → `caseId`, as Tauri names a command's arguments.
fn camel(snake: &str) -> String {
    let mut out = String::new();
    for (i, part) in snake.split('_').enumerate() {
        let mut chars = part.chars();
        match chars.next() {
            Some(c) if i > 0 => out.extend(c.to_uppercase().chain(chars)),
            Some(c) => out.extend(std::iter::once(c).chain(chars)),
            None => {}
        }
    }
    out
}

fn is_command(f: &syn::ItemFn) -> bool {
    f.attrs.iter().any(|a| {
        let segs: Vec<String> = a.path().segments.iter().map(|s| s.ident.to_string()).collect();
        segs == ["tauri", "command"]
    })
}

/// Every `#[tauri::command]` function of the `.rs` files in `dir`, by name.
fn read_commands(dir: &Path, mapper: &mut Mapper) -> BTreeMap<String, Signature> {
    let mut found = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()));
        for item in file.items {
            let Item::Fn(f) = item else { continue };
            if !is_command(&f) {
                continue;
            }
            let name = f.sig.ident.to_string();
            let context = format!("{}: {name}", path.display());
            let mut args = Vec::new();
            for input in &f.sig.inputs {
                let FnArg::Typed(pt) = input else { panic!("{context}: a command takes no self") };
                if let Type::Path(p) = &*pt.ty {
                    let last = p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
                    if FRAMEWORK_TYPES.contains(&last.as_str()) {
                        continue;
                    }
                }
                let Pat::Ident(id) = &*pt.pat else { panic!("{context}: an argument without a plain name") };
                let arg = id.ident.to_string();
                args.push((camel(&arg), mapper.ts(&pt.ty, &format!("{context}({arg})"))));
            }
            let ReturnType::Type(_, ret) = &f.sig.output else { panic!("{context}: returns nothing") };
            let Type::Path(p) = &**ret else { panic!("{context}: returns something other than IpcResult<T>") };
            let seg = p.path.segments.last().expect("return type");
            assert_eq!(seg.ident, "IpcResult", "{context}: a command returns IpcResult<T>");
            let result = mapper.ts(only_type_argument(seg, &context), &format!("{context} -> result"));
            assert!(found.insert(name.clone(), Signature { args, result }).is_none(), "{context}: defined twice");
        }
    }
    found
}

/// The text of `signatures.ts`, from the command functions in `commands_dir`.
///
/// # Panics
/// When a listed command has no function, a command function is not listed
/// in `src-tauri/src/commands/list.rs`, or a type has no TypeScript mapping.
pub(crate) fn signatures_ts(commands_dir: &Path) -> (String, BTreeSet<String>) {
    let mut mapper = Mapper::default();
    let mut found = read_commands(commands_dir, &mut mapper);
    let mut args_ts = String::new();
    let mut results_ts = String::new();
    for name in COMMAND_NAMES {
        let sig = found.remove(*name).unwrap_or_else(|| panic!("{name} is listed but has no #[tauri::command] fn"));
        let args = if sig.args.is_empty() {
            "Record<string, never>".to_string()
        } else {
            let fields: Vec<String> = sig.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
            format!("{{ {} }}", fields.join("; "))
        };
        args_ts.push_str(&format!("  {name}: {args};\n"));
        results_ts.push_str(&format!("  {name}: {};\n", sig.result));
    }
    let unlisted: Vec<_> = found.keys().collect();
    assert!(
        unlisted.is_empty(),
        "#[tauri::command] functions missing from src-tauri/src/commands/list.rs: {unlisted:?}"
    );
    let imports: String = mapper.imports.iter().map(|t| format!("import type {{ {t} }} from \"./{t}\";\n")).collect();
    let text = format!(
        "// Generated from the #[tauri::command] functions of src-tauri/src/commands/ by tests/app/signatures.rs. Do not edit.\n\
         import type {{ CommandName }} from \"./commands\";\n{imports}\n\
         /** The arguments of every command, named as the shell reads them (camelCase). */\n\
         export type CommandArgs = {{\n{args_ts}}};\n\n\
         /** What every command resolves to (`null` for nothing). */\n\
         export type CommandResults = {{\n{results_ts}}};\n\n\
         type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;\n\
         /** Does not compile when a command of `COMMANDS` has no signature here, or the reverse. */\n\
         export const SIGNATURES_COVER_COMMANDS: Exactly<keyof CommandArgs, CommandName> &\n  \
         Exactly<keyof CommandResults, CommandName> = true;\n"
    );
    (text, mapper.imports)
}

#[test]
fn arguments_are_named_as_tauri_reads_them() {
    assert_eq!(camel("case_id"), "caseId");
    assert_eq!(camel("confirmed_names"), "confirmedNames");
    assert_eq!(camel("id"), "id");
}
