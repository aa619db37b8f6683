//! Compiles the Fluent (`.ftl`) files under `app/locales/<lang>/` into Rust
//! at build time, so neither the server nor the wasm bundle carries a Fluent
//! parser or resolver, and a message missing in one language (or using other
//! variables than the reference language) fails the build with a list of
//! what to fix.
//!
//! Supported Fluent: messages and their attributes, terms (without
//! parameters), references to other messages and terms, variables, string
//! literals, and select expressions on a variable whose keys are CLDR plural
//! categories, numbers or plain words. Functions (`NUMBER`, `DATETIME`) are
//! refused with a message. A test in `app/src/i18n.rs` renders every message
//! with the real `fluent-bundle` and compares.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use fluent_syntax::ast;

/// The language every other one is checked against.
pub const REFERENCE: &str = "en";

const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Names the generated `Tr` type uses itself; messages may not take them.
const RESERVED: [&str; 33] = [
    "lang",
    "render",
    "new",
    "week",
    "list",
    "time",
    "schedule",
    "long_date",
    "plain_date",
    "long_date_time",
    "describe_rule",
    "weekday",
    "weekday_short",
    "month",
    "kind",
    "status",
    "audience_label",
    "repeat_choice",
    "state_label",
    "engagement_label",
    "role_label",
    "signup_category",
    "signup_allergen",
    "rsvp_count",
    "manifest_seats",
    "stay_dates",
    "alarm_label",
    "ratio_warning",
    "signup_headcount",
    "clone",
    "fellowship_of",
    "meeting_type",
    "describe_meeting_types",
];

#[derive(Debug, Clone)]
enum Node {
    Text(String),
    Var(String),
    Select {
        var: String,
        variants: Vec<(Key, Vec<Node>)>,
        default: usize,
    },
}

#[derive(Debug, Clone)]
enum Key {
    Number(i64),
    Word(String),
}

/// One language's messages: id (`message` or `message.attribute`) → pattern,
/// with terms and message references already inlined.
struct Language {
    code: String,
    messages: BTreeMap<String, Vec<Node>>,
    /// Where each message was defined, for error messages.
    origin: HashMap<String, String>,
}

pub fn compile(locales: &Path, out: &Path) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    let mut codes: Vec<String> = fs::read_dir(locales)
        .map_err(|e| vec![format!("{}: {e}", locales.display())])?
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    codes.sort();
    if let Some(pos) = codes.iter().position(|c| c == REFERENCE) {
        let reference = codes.remove(pos);
        codes.insert(0, reference);
    } else {
        return Err(vec![format!(
            "{}: the reference language `{REFERENCE}` is missing",
            locales.display()
        )]);
    }

    let mut languages = Vec::new();
    for code in &codes {
        if !code.chars().all(|c| c.is_ascii_lowercase()) || !(2..=3).contains(&code.len()) {
            errors.push(format!(
                "locales/{code}: a language folder is named by its ISO 639 code (en, es, fr…)"
            ));
            continue;
        }
        match load_language(&locales.join(code), code) {
            Ok(language) => languages.push(language),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let reference = &languages[0];
    for name in reference.messages.keys() {
        let ident = rust_ident(name);
        if RESERVED.contains(&ident.as_str()) {
            errors.push(format!(
                "{}: the message id `{name}` is reserved; choose another",
                reference.origin[name]
            ));
        }
    }
    let mut variables: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut numeric: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (name, nodes) in &reference.messages {
        let mut vars = Vec::new();
        collect_vars(nodes, &mut vars);
        variables.insert(name, vars);
        let mut nums = BTreeSet::new();
        collect_numeric(nodes, &mut nums);
        numeric.insert(name, nums);
    }
    for language in &languages[1..] {
        let missing: Vec<&String> = reference
            .messages
            .keys()
            .filter(|k| !language.messages.contains_key(*k))
            .collect();
        if !missing.is_empty() {
            errors.push(format!(
                "locales/{}: {} message(s) of `{REFERENCE}` have no translation yet:\n{}",
                language.code,
                missing.len(),
                missing
                    .iter()
                    .map(|k| format!("    {k}  (see {})", reference.origin[*k]))
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
        for (name, nodes) in &language.messages {
            let Some(expected) = variables.get(name.as_str()) else {
                errors.push(format!(
                    "{}: `{name}` is not a message of `{REFERENCE}` (a typo, or removed there?)",
                    language.origin[name]
                ));
                continue;
            };
            let mut vars = Vec::new();
            collect_vars(nodes, &mut vars);
            let want: BTreeSet<&String> = expected.iter().collect();
            let have: BTreeSet<&String> = vars.iter().collect();
            if want != have {
                errors.push(format!(
                    "{}: `{name}` uses the variables {{{}}} but `{REFERENCE}` uses {{{}}}",
                    language.origin[name],
                    join_vars(&have),
                    join_vars(&want)
                ));
            }
            let mut nums = BTreeSet::new();
            collect_numeric(nodes, &mut nums);
            if let Some(entry) = numeric.get_mut(name.as_str()) {
                entry.extend(nums);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let code = generate(&languages, &variables, &numeric);
    fs::write(out, code).map_err(|e| vec![format!("{}: {e}", out.display())])?;
    Ok(())
}

fn join_vars(vars: &BTreeSet<&String>) -> String {
    vars.iter()
        .map(|v| format!("${v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn load_language(dir: &Path, code: &str) -> Result<Language, Vec<String>> {
    let mut errors = Vec::new();
    let mut files: Vec<_> = fs::read_dir(dir)
        .map_err(|e| vec![format!("{}: {e}", dir.display())])?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    let mut sources = Vec::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        match fs::read_to_string(file) {
            Ok(text) => sources.push((
                format!(
                    "locales/{code}/{}",
                    file.file_name().unwrap_or_default().to_string_lossy()
                ),
                text,
            )),
            Err(e) => errors.push(format!("{}: {e}", file.display())),
        }
    }
    let mut messages: HashMap<String, (String, ast::Pattern<String>)> = HashMap::new();
    let mut terms: HashMap<String, (String, ast::Pattern<String>)> = HashMap::new();
    for (origin, text) in &sources {
        let resource = match fluent_syntax::parser::parse(text.clone()) {
            Ok(resource) => resource,
            Err((_, parse_errors)) => {
                for e in parse_errors {
                    let line = text[..e.pos.start.min(text.len())].lines().count().max(1);
                    errors.push(format!("{origin}:{line}: {:?}", e.kind));
                }
                continue;
            }
        };
        for entry in resource.body {
            match entry {
                ast::Entry::Message(message) => {
                    let id = message.id.name.clone();
                    if let Some(value) = message.value {
                        insert(&mut messages, &mut errors, origin, id.clone(), value);
                    }
                    for attribute in message.attributes {
                        let key = format!("{id}.{}", attribute.id.name);
                        insert(&mut messages, &mut errors, origin, key, attribute.value);
                    }
                }
                ast::Entry::Term(term) => {
                    let id = term.id.name.clone();
                    insert(&mut terms, &mut errors, origin, id.clone(), term.value);
                    for attribute in term.attributes {
                        let key = format!("{id}.{}", attribute.id.name);
                        insert(&mut terms, &mut errors, origin, key, attribute.value);
                    }
                }
                ast::Entry::Junk { content } => {
                    errors.push(format!("{origin}: cannot read `{}`", content.trim()));
                }
                _ => {}
            }
        }
    }
    let mut resolved = BTreeMap::new();
    let mut origin = HashMap::new();
    let context = Context {
        messages: &messages,
        terms: &terms,
    };
    for (id, (file, pattern)) in &messages {
        let mut stack = vec![id.clone()];
        match context.pattern(pattern, &mut stack) {
            Ok(nodes) => {
                resolved.insert(id.clone(), merge_text(nodes));
            }
            Err(e) => errors.push(format!("{file}: `{id}`: {e}")),
        }
        origin.insert(id.clone(), file.clone());
    }
    if errors.is_empty() {
        Ok(Language {
            code: code.to_owned(),
            messages: resolved,
            origin,
        })
    } else {
        Err(errors)
    }
}

fn insert(
    map: &mut HashMap<String, (String, ast::Pattern<String>)>,
    errors: &mut Vec<String>,
    origin: &str,
    id: String,
    pattern: ast::Pattern<String>,
) {
    if let Some((first, _)) = map.get(&id) {
        errors.push(format!(
            "{origin}: `{id}` is defined twice (also in {first})"
        ));
    } else {
        map.insert(id, (origin.to_owned(), pattern));
    }
}

struct Context<'a> {
    messages: &'a HashMap<String, (String, ast::Pattern<String>)>,
    terms: &'a HashMap<String, (String, ast::Pattern<String>)>,
}

impl Context<'_> {
    fn pattern(
        &self,
        pattern: &ast::Pattern<String>,
        stack: &mut Vec<String>,
    ) -> Result<Vec<Node>, String> {
        let mut nodes = Vec::new();
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => nodes.push(Node::Text(value.clone())),
                ast::PatternElement::Placeable { expression } => {
                    nodes.extend(self.expression(expression, stack)?);
                }
            }
        }
        Ok(nodes)
    }

    fn expression(
        &self,
        expression: &ast::Expression<String>,
        stack: &mut Vec<String>,
    ) -> Result<Vec<Node>, String> {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline, stack),
            ast::Expression::Select { selector, variants } => {
                let ast::InlineExpression::VariableReference { id } = selector else {
                    return Err("only a variable ($name) can choose between variants".into());
                };
                let mut compiled = Vec::new();
                let mut default = None;
                for (i, variant) in variants.iter().enumerate() {
                    let key = match &variant.key {
                        ast::VariantKey::Identifier { name } => Key::Word(name.clone()),
                        ast::VariantKey::NumberLiteral { value } => {
                            Key::Number(value.parse().map_err(|_| {
                                format!("the variant key [{value}] is not a whole number")
                            })?)
                        }
                    };
                    if variant.default {
                        default = Some(i);
                    }
                    compiled.push((key, merge_text(self.pattern(&variant.value, stack)?)));
                }
                Ok(vec![Node::Select {
                    var: id.name.clone(),
                    variants: compiled,
                    default: default.ok_or("a select expression needs a default variant *[…]")?,
                }])
            }
        }
    }

    fn inline(
        &self,
        inline: &ast::InlineExpression<String>,
        stack: &mut Vec<String>,
    ) -> Result<Vec<Node>, String> {
        match inline {
            ast::InlineExpression::StringLiteral { value } => {
                Ok(vec![Node::Text(unescape(value)?)])
            }
            ast::InlineExpression::NumberLiteral { value } => Ok(vec![Node::Text(value.clone())]),
            ast::InlineExpression::VariableReference { id } => Ok(vec![Node::Var(id.name.clone())]),
            ast::InlineExpression::Placeable { expression } => self.expression(expression, stack),
            ast::InlineExpression::FunctionReference { id, .. } => Err(format!(
                "functions such as {}() are not supported; write the words out",
                id.name
            )),
            ast::InlineExpression::MessageReference { id, attribute } => {
                let key = match attribute {
                    Some(attribute) => format!("{}.{}", id.name, attribute.name),
                    None => id.name.clone(),
                };
                let (_, pattern) = self
                    .messages
                    .get(&key)
                    .ok_or_else(|| format!("refers to the unknown message `{key}`"))?;
                self.nested(&key, pattern, stack)
            }
            ast::InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                if arguments.is_some() {
                    return Err(format!(
                        "terms with arguments (-{}(…)) are not supported",
                        id.name
                    ));
                }
                let key = match attribute {
                    Some(attribute) => format!("{}.{}", id.name, attribute.name),
                    None => id.name.clone(),
                };
                let (_, pattern) = self
                    .terms
                    .get(&key)
                    .ok_or_else(|| format!("refers to the unknown term `-{key}`"))?;
                self.nested(&format!("-{key}"), pattern, stack)
            }
        }
    }

    fn nested(
        &self,
        key: &str,
        pattern: &ast::Pattern<String>,
        stack: &mut Vec<String>,
    ) -> Result<Vec<Node>, String> {
        if stack.iter().any(|k| k == key) {
            return Err(format!("refers to itself through `{key}`"));
        }
        stack.push(key.to_owned());
        let nodes = self.pattern(pattern, stack);
        stack.pop();
        nodes
    }
}

fn unescape(value: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('"') => out.push('"'),
            Some(u @ ('u' | 'U')) => {
                let len = if u == 'u' { 4 } else { 6 };
                let hex: String = chars.by_ref().take(len).collect();
                let code = u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| format!("bad escape \\{u}{hex}"))?;
                out.push(code);
            }
            other => return Err(format!("bad escape \\{}", other.unwrap_or(' '))),
        }
    }
    Ok(out)
}

/// Joins neighbouring text nodes.
fn merge_text(nodes: Vec<Node>) -> Vec<Node> {
    let mut merged: Vec<Node> = Vec::new();
    for node in nodes {
        match (merged.last_mut(), node) {
            (Some(Node::Text(prev)), Node::Text(next)) => prev.push_str(&next),
            (_, node) => merged.push(node),
        }
    }
    merged
}

fn collect_vars(nodes: &[Node], out: &mut Vec<String>) {
    for node in nodes {
        match node {
            Node::Text(_) => {}
            Node::Var(v) => {
                if !out.contains(v) {
                    out.push(v.clone());
                }
            }
            Node::Select { var, variants, .. } => {
                if !out.contains(var) {
                    out.push(var.clone());
                }
                for (_, nodes) in variants {
                    collect_vars(nodes, out);
                }
            }
        }
    }
}

/// Variables that choose between plural categories or numbers: callers pass
/// them as numbers.
fn collect_numeric(nodes: &[Node], out: &mut BTreeSet<String>) {
    for node in nodes {
        if let Node::Select { var, variants, .. } = node {
            let numeric = variants.iter().all(|(key, _)| match key {
                Key::Number(_) => true,
                Key::Word(w) => PLURAL_CATEGORIES.contains(&w.as_str()),
            });
            if numeric {
                out.insert(var.clone());
            }
            for (_, nodes) in variants {
                collect_numeric(nodes, out);
            }
        }
    }
}

fn rust_ident(id: &str) -> String {
    let ident = id.replace(['-', '.'], "_");
    if KEYWORDS.contains(&ident.as_str()) {
        ident + "_"
    } else {
        ident
    }
}

const KEYWORDS: [&str; 51] = [
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "gen", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual",
];

fn camel(id: &str) -> String {
    id.split(['-', '.', '_'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// Files whose messages only the server writes (the audit page, calendar
/// feeds): their texts are compiled into the server alone, which keeps
/// them out of the browser's wasm (every island's `Tr` can reach every
/// message otherwise). Their ids exist everywhere.
const SERVER_ONLY: &[&str] = &["audit.ftl", "feeds.ftl"];

/// `#[cfg(feature = "ssr")]` before a server-only message's arm, else
/// nothing.
fn server_only(language: &Language, name: &str) -> &'static str {
    let origin = language.origin.get(name).map_or("", String::as_str);
    if SERVER_ONLY
        .iter()
        .any(|file| origin.ends_with(&format!("/{file}")) || origin.contains(&format!("/{file}:")))
    {
        "        #[cfg(feature = \"ssr\")]\n"
    } else {
        ""
    }
}

fn generate(
    languages: &[Language],
    variables: &BTreeMap<&str, Vec<String>>,
    numeric: &BTreeMap<&str, BTreeSet<String>>,
) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "// Generated by app/build/fluent.rs from app/locales. Do not edit.\n"
    );

    // Lang
    let _ = writeln!(
        w,
        "/// A language Hearth speaks: one folder under `app/locales`.\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]\n\
         pub enum Lang {{"
    );
    for l in languages {
        let _ = writeln!(
            w,
            "    #[serde(rename = {:?})]\n    {},",
            l.code,
            camel(&l.code)
        );
    }
    let _ = writeln!(w, "}}\n\nimpl Lang {{");
    let _ = writeln!(
        w,
        "    /// Every language, the reference language (`{REFERENCE}`) first.\n    pub const ALL: [Lang; {}] = [{}];",
        languages.len(),
        languages
            .iter()
            .map(|l| format!("Lang::{}", camel(&l.code)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(
        w,
        "    /// The ISO 639 code (`en`, `es`).\n    pub fn code(self) -> &'static str {{\n        match self {{"
    );
    for l in languages {
        let _ = writeln!(w, "            Lang::{} => {:?},", camel(&l.code), l.code);
    }
    let _ = writeln!(w, "        }}\n    }}\n");
    let _ = writeln!(
        w,
        "    /// The language of an ISO 639 code, if Hearth speaks it.\n    pub fn from_code(code: &str) -> Option<Lang> {{\n        match code {{"
    );
    for l in languages {
        let _ = writeln!(
            w,
            "            {:?} => Some(Lang::{}),",
            l.code,
            camel(&l.code)
        );
    }
    let _ = writeln!(w, "            _ => None,\n        }}\n    }}\n}}\n");

    // MsgId
    let names: Vec<&String> = languages[0].messages.keys().collect();
    let _ = writeln!(
        w,
        "/// Every message, by its Fluent id.\n#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum MsgId {{"
    );
    for name in &names {
        let _ = writeln!(w, "    {},", camel(name));
    }
    let _ = writeln!(w, "}}\n\nimpl MsgId {{");
    let _ = writeln!(
        w,
        "    pub const ALL: [MsgId; {}] = [{}];",
        names.len(),
        names
            .iter()
            .map(|n| format!("MsgId::{}", camel(n)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(
        w,
        "    /// The Fluent id (`rsvp-closed`, `field-title.hint`).\n    pub fn as_str(self) -> &'static str {{\n        match self {{"
    );
    for name in &names {
        let _ = writeln!(w, "            MsgId::{} => {:?},", camel(name), name);
    }
    let _ = writeln!(w, "        }}\n    }}\n");
    let _ = writeln!(
        w,
        "    pub fn from_id(id: &str) -> Option<MsgId> {{\n        match id {{"
    );
    for name in &names {
        let _ = writeln!(w, "            {:?} => Some(MsgId::{}),", name, camel(name));
    }
    let _ = writeln!(w, "            _ => None,\n        }}\n    }}\n");
    let _ = writeln!(
        w,
        "    /// The message's variables, in the order its arguments are kept.\n    pub fn variables(self) -> &'static [&'static str] {{\n        match self {{"
    );
    for name in &names {
        let vars = &variables[name.as_str()];
        if !vars.is_empty() {
            let _ = writeln!(w, "            MsgId::{} => &{:?},", camel(name), vars);
        }
    }
    let _ = writeln!(w, "            _ => &[],\n        }}\n    }}\n");
    let _ = writeln!(
        w,
        "    /// Variables that choose a plural form, passed as numbers.\n    pub fn numeric_variables(self) -> &'static [&'static str] {{\n        match self {{"
    );
    for name in &names {
        let nums = &numeric[name.as_str()];
        if !nums.is_empty() {
            let _ = writeln!(
                w,
                "            MsgId::{} => &{:?},",
                camel(name),
                nums.iter().collect::<Vec<_>>()
            );
        }
    }
    let _ = writeln!(w, "            _ => &[],\n        }}\n    }}\n}}\n");

    // Static texts.
    let _ = writeln!(
        w,
        "/// The text of a message without variables.\npub fn static_text(lang: Lang, id: MsgId) -> Option<&'static str> {{\n    Some(match (lang, id) {{"
    );
    for l in languages {
        for (name, nodes) in &l.messages {
            if variables[name.as_str()].is_empty() {
                let text = match nodes.as_slice() {
                    [] => String::new(),
                    [Node::Text(t)] => t.clone(),
                    _ => unreachable!("a message without variables is one text"),
                };
                let _ = writeln!(
                    w,
                    "{}        (Lang::{}, MsgId::{}) => {:?},",
                    server_only(l, name),
                    camel(&l.code),
                    camel(name),
                    text
                );
            }
        }
    }
    let _ = writeln!(w, "        _ => return None,\n    }})\n}}\n");

    // Dynamic rendering.
    let _ = writeln!(
        w,
        "/// Writes a message with variables; `args` are in [`MsgId::variables`] order.\n\
         pub fn render_dynamic(tr: Tr, id: MsgId, args: &[Arg], out: &mut String) {{\n    match (tr.lang, id) {{"
    );
    for l in languages {
        for (name, nodes) in &l.messages {
            let vars = &variables[name.as_str()];
            if vars.is_empty() {
                continue;
            }
            let _ = writeln!(
                w,
                "{}        (Lang::{}, MsgId::{}) => {{",
                server_only(l, name),
                camel(&l.code),
                camel(name)
            );
            write_nodes(w, nodes, vars, &l.code, 3);
            let _ = writeln!(w, "        }}");
        }
    }
    let _ = writeln!(w, "        _ => {{}}\n    }}\n}}\n");

    // Constructors (m::) and Tr methods.
    let _ = writeln!(
        w,
        "/// One constructor per message: the typed way to say which message, with its data.\npub mod m {{\n    #[allow(unused_imports)]\n    use super::{{Arg, Message, MsgId, Num}};\n"
    );
    for name in &names {
        let vars = &variables[name.as_str()];
        let nums = &numeric[name.as_str()];
        let (params, args) = params(vars, nums);
        let _ = writeln!(
            w,
            "    #[inline]\n    pub fn {}({params}) -> Message {{\n        Message::with_args(MsgId::{}, vec![{args}])\n    }}",
            rust_ident(name),
            camel(name)
        );
    }
    let _ = writeln!(w, "}}\n\nimpl Tr {{");
    for name in &names {
        let vars = &variables[name.as_str()];
        let ident = rust_ident(name);
        if vars.is_empty() {
            let _ = writeln!(
                w,
                "    pub fn {ident}(self) -> &'static str {{\n        static_text(self.lang(), MsgId::{}).unwrap_or_default()\n    }}",
                camel(name)
            );
        } else {
            let nums = &numeric[name.as_str()];
            let (params, _) = params(vars, nums);
            let call = vars
                .iter()
                .map(|v| rust_ident(v))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                w,
                "    pub fn {ident}(self, {params}) -> String {{\n        self.render(&m::{ident}({call}))\n    }}"
            );
        }
    }
    let _ = writeln!(w, "}}");
    out
}

fn params(vars: &[String], nums: &BTreeSet<String>) -> (String, String) {
    let params = vars
        .iter()
        .map(|v| {
            if nums.contains(v) {
                format!("{}: impl Num", rust_ident(v))
            } else {
                format!("{}: impl Into<Arg>", rust_ident(v))
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let args = vars
        .iter()
        .map(|v| {
            if nums.contains(v) {
                format!("Arg::Num({}.to_i64())", rust_ident(v))
            } else {
                format!("{}.into()", rust_ident(v))
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    (params, args)
}

fn write_nodes(w: &mut String, nodes: &[Node], vars: &[String], code: &str, depth: usize) {
    let pad = "    ".repeat(depth);
    for node in nodes {
        match node {
            Node::Text(text) => {
                let _ = writeln!(w, "{pad}out.push_str({text:?});");
            }
            Node::Var(var) => {
                let index = vars.iter().position(|v| v == var).unwrap_or(usize::MAX);
                let _ = writeln!(w, "{pad}write_arg(tr, args.get({index}), {var:?}, out);");
            }
            Node::Select {
                var,
                variants,
                default,
            } => {
                let index = vars.iter().position(|v| v == var).unwrap_or(usize::MAX);
                let keys = variants
                    .iter()
                    .map(|(key, _)| match key {
                        Key::Number(n) => format!("VariantKey::Number({n})"),
                        Key::Word(word) => format!("VariantKey::Word({word:?})"),
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let _ = writeln!(
                    w,
                    "{pad}match select(Lang::{}, args.get({index}), &[{keys}], {default}) {{",
                    camel(code)
                );
                for (i, (_, nodes)) in variants.iter().enumerate() {
                    let _ = writeln!(w, "{pad}    {i} => {{");
                    write_nodes(w, nodes, vars, code, depth + 2);
                    let _ = writeln!(w, "{pad}    }}");
                }
                let _ = writeln!(w, "{pad}    _ => {{}}\n{pad}}}");
            }
        }
    }
}
