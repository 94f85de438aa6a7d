//! The stable codes scripts match on, documented exactly as the code knows them: the verify
//! reason codes in `verify --help` and in courier-token-verify(1) equal `Reason::ALL`, in
//! order; the inspect warning codes and the doctor check codes in their man pages equal the
//! lists next to the code that emits them, and those lists equal what the source emits.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use common::bare;
use courier_token::assets::reason_descriptions::reason_description;
use courier_token::doctor::CHECK_CODES;
use courier_token::inspection::WARNING_CODES;
use courier_token::token::Reason;

fn project_file(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|_| panic!("{path} is readable"))
}

/// The terms (`.TP` entries) of man page section `title`, first word each, in order.
fn man_section_terms(page: &str, title: &str) -> Vec<String> {
    let text = project_file(&format!("man/{page}.1"));
    let heading = format!(".SH \"{title}\"\n");
    let start = text
        .find(&heading)
        .unwrap_or_else(|| panic!("{page}.1 lacks the section {title}"))
        + heading.len();
    let section = &text[start..];
    let section = &section[..section.find("\n.SH ").unwrap_or(section.len())];
    let lines: Vec<&str> = section.lines().collect();
    lines
        .windows(2)
        .filter(|pair| pair[0] == ".TP")
        .map(|pair| {
            let term = pair[1].trim_start_matches("\\fB");
            let term = &term[..term.find("\\fR").unwrap_or(term.len())];
            term.split_whitespace().next().unwrap_or("").to_string()
        })
        .collect()
}

/// Every string literal that follows `call` (such as `Check::new(`) in the Rust files at `paths`.
fn emitted_codes(paths: &[&str], call: &str) -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for path in paths {
        let text = project_file(path);
        for (at, _) in text.match_indices(call) {
            let rest = text[at + call.len()..].trim_start();
            if let Some(literal) = rest.strip_prefix('"') {
                let code = &literal[..literal.find('"').expect("a closed literal")];
                codes.insert(code.to_string());
            }
        }
    }
    codes
}

fn rust_files_under(dir: &str) -> Vec<String> {
    let mut files = Vec::new();
    for entry in
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).expect("a source folder")
    {
        let entry = entry.expect("an entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{dir}/{name}");
        if entry.file_type().expect("a file type").is_dir() {
            files.extend(rust_files_under(&path));
        } else if name.ends_with(".rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn verify_reason_codes_in_help_and_man_page_equal_the_code_list() {
    let expected: Vec<String> = Reason::ALL
        .iter()
        .map(|reason| reason.code().to_string())
        .collect();
    let help = common::stdout_of(bare().args(["verify", "--help"]));
    let start = help
        .find("Reason codes")
        .expect("verify --help lists the reason codes");
    let paragraph = &help[start..];
    let paragraph = &paragraph[..paragraph.find("\n\n").unwrap_or(paragraph.len())];
    let listed: Vec<String> = paragraph[paragraph.find(':').expect("a colon") + 1..]
        .split_whitespace()
        .map(str::to_string)
        .collect();
    assert_eq!(listed, expected, "verify --help");
    assert_eq!(
        man_section_terms("courier-token-verify", "REASON CODES"),
        expected,
        "courier-token-verify.1"
    );
    for reason in Reason::ALL {
        assert!(!reason_description(reason).is_empty(), "{}", reason.code());
    }
}

#[test]
fn inspect_warning_codes_in_man_page_equal_the_emitted_codes() {
    let listed: Vec<String> = WARNING_CODES
        .iter()
        .map(|(code, _)| code.to_string())
        .collect();
    assert_eq!(
        man_section_terms("courier-token-inspect", "WARNING CODES"),
        listed,
        "courier-token-inspect.1"
    );
    let emitted = emitted_codes(&["src/reading/inspection.rs"], "warn(");
    assert_eq!(
        listed.iter().cloned().collect::<BTreeSet<_>>(),
        emitted,
        "inspection::WARNING_CODES against the codes src/reading/inspection.rs emits"
    );
}

#[test]
fn doctor_check_codes_in_man_page_equal_the_emitted_codes() {
    let listed: Vec<String> = CHECK_CODES
        .iter()
        .map(|check| check.code.to_string())
        .collect();
    assert_eq!(
        man_section_terms("courier-token-doctor", "CHECK CODES"),
        listed,
        "courier-token-doctor.1"
    );
    let doctor_files = rust_files_under("src/doctor");
    let doctor_files: Vec<&str> = doctor_files.iter().map(String::as_str).collect();
    let mut emitted = emitted_codes(&doctor_files, "Check::new(");
    // Reused from inspect's warnings, and the pasted-secret codes.
    let mut reused = BTreeSet::new();
    for path in &doctor_files {
        let text = project_file(path);
        for (at, _) in text.match_indices("&[\"") {
            let rest = &text[at + 3..];
            reused.insert(rest[..rest.find('"').expect("a closed literal")].to_string());
        }
    }
    reused.retain(|code| WARNING_CODES.iter().any(|(known, _)| known == code));
    emitted.extend(reused);
    emitted.extend(emitted_codes(&["src/reading/pasted_secret.rs"], "=> "));
    emitted.extend(emitted_codes(&doctor_files, "warning.code == "));
    assert_eq!(
        listed.iter().cloned().collect::<BTreeSet<_>>(),
        emitted,
        "doctor::CHECK_CODES against the codes src/doctor/ emits"
    );
    let statuses: BTreeSet<&str> = CHECK_CODES
        .iter()
        .flat_map(|check| check.statuses.split('/'))
        .collect();
    assert!(statuses.is_subset(&BTreeSet::from(["pass", "warn", "fail", "info"])));
}

#[test]
fn serve_reason_codes_in_man_page_equal_the_codes_it_emits() {
    use courier_token::serve::{DOCTOR_CODES, SERVE_ONLY_CODES, VERIFY_CODES};
    let listed: Vec<String> = DOCTOR_CODES
        .iter()
        .chain(VERIFY_CODES.iter())
        .chain(SERVE_ONLY_CODES.iter().map(|(code, _)| code))
        .map(|code| code.to_string())
        .collect();
    assert_eq!(
        man_section_terms("courier-token-serve", "REASON CODES"),
        listed,
        "courier-token-serve.1"
    );
    let files = rust_files_under("src/serve");
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let emitted = emitted_codes(&files, "Refusal::new(");
    for code in &emitted {
        assert!(
            listed.contains(code),
            "{code} is emitted but not documented"
        );
    }
    for (code, _) in SERVE_ONLY_CODES {
        assert!(
            emitted.contains(code),
            "{code} is documented but never emitted"
        );
    }
}
