//! Help that does not mislead: what people bring from other JWT tools gets a pointer to the
//! subcommand or option that does the job here, no tip leads into a refusal, errors about a
//! value say what is wrong with it, a full disk reads the same in every mode, and `--help`
//! lists only options that do something there. Each case is the exact input of issue 16.

use crate::common;

use std::io::Write;
use std::process::{Output, Stdio};

use common::{bare, with_key, NOW};

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("utf-8 stderr")
}

/// A usage error: exit 2, nothing on stdout; its stderr.
fn usage_error(args: &[&str]) -> String {
    let output = with_key().args(args).output().expect("runs");
    assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
    assert!(output.stdout.is_empty(), "{args:?}");
    stderr(&output)
}

#[test]
fn other_tools_subcommands_point_to_inspect_verify_and_issue() {
    let decode = usage_error(&["decode", "eyJhbGciOiJIUzI1NiJ9.e30.x"]);
    assert!(
        decode.contains("unrecognized subcommand 'decode'"),
        "{decode}"
    );
    assert!(
        decode.contains("tip: to decode a token use 'courier-token inspect' (no key needed), to check it 'courier-token verify'"),
        "{decode}"
    );
    for subcommand in ["encode", "sign"] {
        let text = usage_error(&[subcommand, "--user-id", "u"]);
        assert!(
            text.contains("tip: to mint a token use 'courier-token issue'"),
            "{subcommand}: {text}"
        );
    }
}

#[test]
fn jwt_cli_short_options_point_to_ours() {
    // jwt-cli's `-S`/`--secret` takes the key itself; `-j` is its `--json`.
    for args in [
        vec!["-S", "sk_live_x", "issue", "--user-id", "u"],
        vec!["issue", "--user-id", "u", "-S", "sk_live_x"],
        vec!["issue", "--user-id", "u", "-Ssk_live_x"],
    ] {
        let text = usage_error(&args);
        assert!(text.contains("unexpected argument '-S' found"), "{text}");
        assert!(
            text.contains("tip: -S is not accepted: a key on the command line shows up in `ps` and shell history; use --key-file PATH"),
            "{text}"
        );
        assert!(!text.contains("sk_live_x"), "{text}");
    }
    // Before any subcommand, --json would be refused too: the tip says where it goes.
    let top = usage_error(&["-j", "x"]);
    assert!(
        top.contains("tip: --json goes after the subcommand: courier-token inspect --json TOKEN"),
        "{top}"
    );
    for args in [
        vec!["inspect", "-j", "x"],
        vec!["verify", "-j", "x"],
        vec!["hmac-sign", "-j", "u"],
    ] {
        let text = usage_error(&args);
        assert!(
            text.contains("tip: a similar argument exists: '--json'"),
            "{args:?}: {text}"
        );
        assert!(!text.contains("'-- -j'"), "{args:?}: {text}");
    }
}

#[test]
fn a_tip_never_leads_into_the_key_refusal_and_the_refusal_names_what_was_typed() {
    let apikey = usage_error(&["issue", "--apikey", "sk_live_x", "--user-id", "u"]);
    assert!(
        apikey.contains("unexpected argument '--apikey' found"),
        "{apikey}"
    );
    assert!(!apikey.contains("'--api-key'"), "{apikey}");
    assert!(
        apikey.contains("tip: --apikey is not accepted: a key on the command line"),
        "{apikey}"
    );
    for spelling in ["--api-key", "--key", "--secret", "--API_KEY"] {
        let text = usage_error(&["issue", spelling, "sk_live_x", "--user-id", "u"]);
        assert!(
            text.contains(&format!("tip: {spelling} is not accepted")),
            "{spelling}: {text}"
        );
        assert!(text.contains(
            "--key-file PATH, --key-file - (stdin), --key-env NAME, or set COURIER_API_KEY"
        ));
        let joined = usage_error(&["issue", "--user-id", "u", &format!("{spelling}=sk_live_x")]);
        assert!(
            joined.contains(&format!("unexpected argument '{spelling}' found")),
            "{joined}"
        );
        assert!(!joined.contains("sk_live_x"), "{joined}");
    }
}

#[test]
fn no_tip_makes_an_option_the_token() {
    let leeway = usage_error(&["--now", NOW, "verify", "--leeway", "-5", "tok"]);
    assert!(!leeway.contains("'-- -5'"), "{leeway}");
    assert!(leeway.contains("--leeway \"-5\" is negative"), "{leeway}");
    let min_ttl = usage_error(&["doctor", "--offline", "--min-ttl", "-5", "tok"]);
    assert!(
        min_ttl.contains("--min-ttl \"-5\" is negative"),
        "{min_ttl}"
    );
    for (args, option) in [
        (vec!["verify", "--leeway", "-5s", "tok"], "--leeway"),
        (vec!["doctor", "--min-ttl", "-1h", "tok"], "--min-ttl"),
        (
            vec!["issue", "--remote", "--timeout", "-2m", "--user-id", "u"],
            "--timeout",
        ),
    ] {
        let text = usage_error(&args);
        assert!(
            text.contains(&format!(
                "tip: {option} takes a length of time, which cannot be negative"
            )),
            "{text}"
        );
        assert!(!text.contains("use '--"), "{text}");
    }
    let before_the_subcommand = usage_error(&["--now", NOW, "verify", "-x", "tok"]);
    assert!(
        !before_the_subcommand.contains("use '-- -x'"),
        "{before_the_subcommand}"
    );
    let inspect = usage_error(&["inspect", "-j"]);
    assert!(!inspect.contains("use '--"), "{inspect}");
    let unknown = usage_error(&["doctor", "-x", "tok"]);
    assert!(!unknown.contains("use '-- -x'"), "{unknown}");
}

#[test]
fn a_long_user_id_is_told_about_its_length() {
    let user_id = "a".repeat(100_000);
    let text = usage_error(&["issue", "--user-id", &user_id]);
    assert!(
        text.contains("the user id is 100000 bytes long: the token's scope would be 100047 bytes, more than 6144"),
        "{text}"
    );
    assert!(!text.contains("one token per user"), "{text}");
    assert!(text.len() < 400, "{text}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_reads_the_same_in_single_and_bulk_mode() {
    const FULL: &str =
        "courier-token: error: could not write to stdout: No space left on device (os error 28)\n";
    let token = common::stdout_of(with_key().args(["--now", NOW, "issue", "--user-id", "u"]));
    let runs: Vec<(Vec<&str>, Option<String>)> = vec![
        (vec!["issue", "--user-id", "u"], None),
        (vec!["issue", "--user-id", "u", "--json"], None),
        (vec!["issue", "--user-ids-from", "-"], Some("u\n".into())),
        (vec!["hmac-sign", "u"], None),
        (
            vec!["hmac-sign", "--user-ids-from", "-"],
            Some("u\n".into()),
        ),
        (vec!["verify", token.trim()], None),
        (vec!["verify"], Some(token.clone())),
        (vec!["inspect", token.trim()], None),
        (vec!["doctor", "--offline", token.trim()], None),
        (vec!["doctor", "--dry-run", token.trim()], None),
        (vec!["completions", "bash"], None),
    ];
    for (args, stdin) in runs {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("courier-token"))
            .env("COURIER_API_KEY", common::KEY)
            .env_remove("COURIER_AUTH_TOKEN")
            .env("NO_COLOR", "1")
            .args(["--now", NOW])
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(full)
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        let mut input = child.stdin.take().expect("stdin");
        // A run that does not read stdin may be gone already: a failed write is no failure here.
        let _ignored = input.write_all(stdin.unwrap_or_default().as_bytes());
        drop(input);
        let output = child.wait_with_output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&output), FULL, "{args:?}");
    }
}

/// `courier-token <args> --help` as printed.
fn help(args: &[&str]) -> String {
    let output = bare().args(args).arg("--help").output().expect("runs");
    assert!(output.status.success(), "{args:?}");
    String::from_utf8(output.stdout).expect("utf-8 help")
}

#[test]
fn help_lists_only_the_global_options_a_subcommand_uses() {
    let hmac = help(&["hmac-sign"]);
    for absent in ["--now", "--date", "--color"] {
        assert!(
            !hmac.contains(absent),
            "hmac-sign --help lists {absent}:\n{hmac}"
        );
    }
    assert!(hmac.contains("--key-file <PATH>") && hmac.contains("--key-env <NAME>"));
    let completions = help(&["completions"]);
    for absent in ["--now", "--date", "--color", "--key-file", "--key-env"] {
        assert!(
            !completions.contains(absent),
            "completions --help lists {absent}:\n{completions}"
        );
    }
    for (subcommand, present) in [
        ("issue", ["--now", "--date", "--key-file"]),
        ("verify", ["--now", "--date", "--key-file"]),
        ("inspect", ["--now", "--date", "--key-file"]),
        ("doctor", ["--now", "--date", "--key-file"]),
    ] {
        let text = help(&[subcommand]);
        for option in present {
            assert!(text.contains(option), "{subcommand} --help lacks {option}");
        }
    }
    // Still accepted there (scripts pass them to every subcommand), and still checked.
    let signature = common::stdout_of(with_key().args(["hmac-sign", "u"]));
    for args in [
        vec![
            "hmac-sign",
            "--now",
            NOW,
            "--date",
            "local",
            "--color",
            "never",
            "u",
        ],
        vec!["--now", NOW, "hmac-sign", "u"],
    ] {
        assert_eq!(
            common::stdout_of(with_key().args(&args)),
            signature,
            "{args:?}"
        );
    }
    let script = common::stdout_of(bare().args(["completions", "bash"]));
    assert_eq!(
        common::stdout_of(bare().args(["completions", "--key-env", "K", "--now", NOW, "bash"])),
        script
    );
}

#[test]
fn man_synopsis_shows_values_and_puts_global_options_before_the_subcommand() {
    let page = |name: &str| {
        std::fs::read_to_string(format!("{}/man/{name}.1", env!("CARGO_MANIFEST_DIR")))
            .expect("man page")
    };
    let synopsis = |name: &str| {
        let text = page(name);
        let start = text.find(".SH SYNOPSIS\n").expect("SYNOPSIS") + ".SH SYNOPSIS\n".len();
        text[start..]
            .lines()
            .next()
            .unwrap_or_default()
            .replace("\\-", "-")
    };
    let issue = synopsis("courier-token-issue");
    assert!(
        issue.starts_with("\\fBcourier-token\\fR [\\fB--key-file\\fR \\fIPATH\\fR] [\\fB--key-env\\fR \\fINAME\\fR] [\\fB--now\\fR \\fITIME\\fR] [\\fB--color\\fR \\fIWHEN\\fR] [\\fB--date\\fR \\fIZONE\\fR] \\fBissue\\fR [\\fB--user-id\\fR \\fIID\\fR]... [\\fB--scope\\fR \\fISCOPE\\fR]... [\\fB--expires-in\\fR \\fIDUR\\fR]"),
        "{issue}"
    );
    let hmac = synopsis("courier-token-hmac-sign");
    assert!(
        hmac.contains("\\fBhmac-sign\\fR [\\fB--verify\\fR \\fISIGNATURE\\fR]"),
        "{hmac}"
    );
    assert!(
        !hmac.contains("--now") && hmac.ends_with("[\\fIUSER_ID\\fR]"),
        "{hmac}"
    );
    let completions = synopsis("courier-token-completions");
    assert!(!completions.contains("--key-file"), "{completions}");
    assert!(completions.ends_with("\\fISHELL\\fR"), "{completions}");
}

#[test]
fn a_value_that_starts_with_a_dash_gets_a_tip_that_keeps_it_whole() {
    // clap's own tip for `hmac-sign -bob` is "use '-- -b'", which would sign "-b".
    let positional = usage_error(&["hmac-sign", "-bob"]);
    assert!(
        positional.contains(
            "tip: a user id that starts with '-' goes after '--': courier-token hmac-sign -- -bob"
        ),
        "{positional}"
    );
    assert!(!positional.contains("'-- -b'"), "{positional}");
    for (args, tip) in [
        (vec!["issue", "--user-id", "-bob"], "--user-id=-bob"),
        (vec!["hmac-sign", "--verify", "-x", "u"], "--verify=-x"),
        (vec!["doctor", "--tenant", "-acme", "tok"], "--tenant=-acme"),
    ] {
        let text = usage_error(&args);
        assert!(
            text.contains(&format!(
                "tip: a value that starts with '-' is written with '=': {tip}"
            )),
            "{args:?}: {text}"
        );
    }
    let signed = common::stdout_of(with_key().args(["hmac-sign", "--", "-bob"]));
    let by_id = common::stdout_of(with_key().args(["issue", "--now", NOW, "--user-id=-bob"]));
    assert_eq!(signed.trim().len(), 64);
    assert!(!by_id.trim().is_empty());
}

#[test]
fn hmac_sign_without_a_user_id_points_to_the_dash_for_stdin() {
    let text = usage_error(&["hmac-sign"]);
    assert!(
        text.contains("tip: to read the user id from stdin: ... | courier-token hmac-sign -"),
        "{text}"
    );
    let verify = usage_error(&["hmac-sign", "--verify", &"0".repeat(64)]);
    assert!(verify.contains("courier-token hmac-sign -"), "{verify}");
}

#[test]
fn short_k_and_a_bare_key_get_the_key_tip_and_are_never_echoed() {
    let tip = "a key on the command line shows up in `ps` and shell history";
    let short = usage_error(&["issue", "-k", "sk_test_abcdefgh", "--user-id", "a"]);
    assert!(short.contains("unexpected argument '-k'"), "{short}");
    assert!(short.contains(tip), "{short}");
    assert!(!short.contains("abcdefgh"), "{short}");
    for key in ["sk_test_abcdefgh", "pk_prod_abcdefgh"] {
        let output = bare()
            .args(["issue", "--user-id", "alice", key])
            .output()
            .expect("runs");
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{text}");
        assert!(text.contains(tip), "{key}: {text}");
        assert!(!text.contains("abcdefgh"), "{key}: {text}");
    }
    // Beside a key option, any stray word may be the key: none is quoted.
    let beside = usage_error(&["issue", "--user-id", "alice", "notakeyshape", "--secret=x"]);
    assert!(!beside.contains("notakeyshape"), "{beside}");
    assert!(beside.contains(tip), "{beside}");
}

#[test]
fn issue_with_a_bare_user_id_suggests_the_option() {
    let text = usage_error(&["issue", "alice"]);
    assert!(
        text.contains("tip: did you mean `--user-id alice`?"),
        "{text}"
    );
}
