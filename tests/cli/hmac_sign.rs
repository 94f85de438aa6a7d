//! The legacy HMAC user signature: RFC 4231 known answers against the library, Node's
//! `createHmac` vectors, and the `hmac-sign` command's output, `--verify` and exit codes.

use crate::common;

use common::{with_key, KEY};
use courier_token::token::Signer;
use courier_token::user_signature::{user_signature, verify_user_signature};
use predicates::prelude::*;
use serde_json::Value;

/// RFC 4231 §4: (key, data, HMAC-SHA256). Case 5 (truncated output) is checked on its prefix.
fn rfc4231_cases() -> Vec<(Vec<u8>, Vec<u8>, &'static str)> {
    vec![
        (vec![0x0b; 20], b"Hi There".to_vec(), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (b"Jefe".to_vec(), b"what do ya want for nothing?".to_vec(), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (vec![0xaa; 20], vec![0xdd; 50], "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        ((1..=25).collect(), vec![0xcd; 50], "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        (vec![0x0c; 20], b"Test With Truncation".to_vec(), "a3b6167473100ee06e0c796c2955552b"),
        (vec![0xaa; 131], b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        (vec![0xaa; 131], b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".to_vec(), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]
}

#[test]
fn rfc4231_known_answers() {
    for (index, (key, data, expected)) in rfc4231_cases().into_iter().enumerate() {
        let tag = hex::encode(Signer::from_bytes(&key).sign(&data));
        assert!(tag.starts_with(expected), "RFC 4231 case {}", index + 1);
    }
}

#[test]
fn rfc4231_known_answers_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    // Case 2 has a text message and key, so the CLI can take it as a user id. The HMAC has no
    // scope, so an id with spaces is signed, with a note that no JWT scope could hold it.
    let key_path = dir.path().join("key");
    std::fs::write(&key_path, "Jefe").unwrap();
    common::bare()
        .arg("--key-file")
        .arg(&key_path)
        .args(["hmac-sign", "what do ya want for nothing?"])
        .assert()
        .success()
        .stdout("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843\n")
        .stderr(predicate::str::contains("cannot appear in a JWT scope"));
    std::fs::write(&key_path, [0x0b; 20]).unwrap();
    common::bare()
        .arg("--key-file")
        .arg(&key_path)
        .args(["hmac-sign", "HiThere"])
        .assert()
        .success()
        .stdout(format!(
            "{}\n",
            hex::encode(Signer::from_bytes(&[0x0b; 20]).sign(b"HiThere"))
        ));
}

#[test]
fn matches_node_create_hmac() {
    let path = format!(
        "{}/tests/fixtures/node_hmac_vectors.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let vectors: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = vectors["cases"].as_array().unwrap();
    assert!(cases.len() >= 8);
    for case in cases {
        let signer = Signer::from_bytes(case["key"].as_str().unwrap().as_bytes());
        let user_id = case["user_id"].as_str().unwrap();
        let expected = case["signature"].as_str().unwrap();
        assert_eq!(user_signature(&signer, user_id), expected, "{case}");
        assert_eq!(verify_user_signature(&signer, user_id, expected), Ok(true));
    }
}

#[test]
fn prints_lowercase_hex_and_json() {
    let expected = user_signature(&Signer::from_bytes(KEY.as_bytes()), "smokey12345");
    with_key()
        .args(["hmac-sign", "smokey12345"])
        .assert()
        .success()
        .stdout(format!("{expected}\n"))
        .stderr("");
    with_key()
        .args(["hmac-sign", "smokey12345", "--json"])
        .assert()
        .success()
        .stdout(format!(
            "{{\"user_id\":\"smokey12345\",\"user_signature\":\"{expected}\"}}\n"
        ));
}

#[test]
fn verify_answers_with_exit_codes() {
    let good = user_signature(&Signer::from_bytes(KEY.as_bytes()), "smokey12345");
    with_key()
        .args(["hmac-sign", "smokey12345", "--verify", &good])
        .assert()
        .code(0)
        .stdout("valid\n");
    with_key()
        .args(["hmac-sign", "smokey12345", "--verify", &good.to_uppercase()])
        .assert()
        .code(0)
        .stdout("valid\n");
    with_key()
        .args(["hmac-sign", "someone-else", "--verify", &good])
        .assert()
        .code(1)
        .stdout("invalid\n");
    with_key()
        .args(["hmac-sign", "smokey12345", "--verify", &good, "--json"])
        .assert()
        .code(0)
        .stdout("{\"user_id\":\"smokey12345\",\"valid\":true}\n");
    with_key()
        .args(["hmac-sign", "smokey12345", "--verify", "xyz"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("64 hex digits"));
}

#[test]
fn a_signature_of_the_wrong_length_exits_2_as_help_and_man_page_say() {
    let good = user_signature(&Signer::from_bytes(KEY.as_bytes()), "smokey12345");
    for wrong in [&good[..63], &format!("{good}0")[..], "3b6f...e1"] {
        with_key()
            .args(["hmac-sign", "smokey12345", "--verify", wrong])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "an HMAC-SHA256 signature is 64 hex digits",
            ));
    }
    let root = env!("CARGO_MANIFEST_DIR");
    // The README is a guide; the help and the man page are the reference.
    let help = String::from_utf8(
        with_key()
            .args(["hmac-sign", "--help"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("exit 0 valid, 1 invalid, 2 not 64 hex digits"),
        "{help}"
    );
    let page = std::fs::read_to_string(format!("{root}/man/courier-token-hmac-sign.1"))
        .unwrap()
        .replace("\\-", "-");
    assert!(page.contains("exit 0 valid, 1 invalid, 2 not 64 hex digits"));
    let main_page = std::fs::read_to_string(format!("{root}/man/courier-token.1")).unwrap();
    assert!(main_page.contains("a signature that is not 64 hex digits"));
}

#[test]
fn a_runaway_stdin_for_one_user_id_is_refused_in_hmac_signs_words() {
    let output = with_key()
        .args(["hmac-sign", "-"])
        .write_stdin(vec![b'a'; 2 * 1024 * 1024])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: stdin holds more than 1 MiB; hmac-sign - signs one user id"),
        "{stderr}"
    );
    assert!(!stderr.contains("not a token input"), "{stderr}");
}
