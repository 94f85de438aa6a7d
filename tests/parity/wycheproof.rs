//! Project Wycheproof's HMAC-SHA256 vectors (tests/fixtures/wycheproof_hmac_sha256.json, a
//! trimmed copy; see tests/fixtures/README.md): the valid ones against the library's HMAC, the
//! "ModifiedTag" ones — a tag with flipped bits, all zero, all ones — against both the library
//! and `hmac-sign --verify`, which must answer "invalid" (exit 1) for every one of them.

use crate::common;

use common::bare;
use courier_token::token::Signer;
use courier_token::user_signature::verify_user_signature;
use serde::Deserialize;

#[derive(Deserialize)]
struct Vectors {
    #[serde(rename = "testGroups")]
    groups: Vec<Group>,
}

#[derive(Deserialize)]
struct Group {
    #[serde(rename = "tagSize")]
    tag_bits: usize,
    tests: Vec<Vector>,
}

#[derive(Deserialize)]
struct Vector {
    #[serde(rename = "tcId")]
    id: u32,
    key: String,
    msg: String,
    tag: String,
    result: String,
}

struct Decoded {
    id: u32,
    tag_bits: usize,
    key: Vec<u8>,
    msg: Vec<u8>,
    tag: Vec<u8>,
    valid: bool,
}

fn vectors() -> Vec<Decoded> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/wycheproof_hmac_sha256.json"
    ))
    .unwrap();
    let vectors: Vectors = serde_json::from_str(&text).unwrap();
    vectors
        .groups
        .into_iter()
        .flat_map(|group| {
            group.tests.into_iter().map(move |v| Decoded {
                id: v.id,
                tag_bits: group.tag_bits,
                key: hex::decode(v.key).unwrap(),
                msg: hex::decode(v.msg).unwrap(),
                tag: hex::decode(v.tag).unwrap(),
                valid: match v.result.as_str() {
                    "valid" => true,
                    "invalid" => false,
                    other => panic!("tcId {}: result {other}", v.id),
                },
            })
        })
        .collect()
}

#[test]
fn library_agrees_with_every_vector() {
    let vectors = vectors();
    assert!(vectors.iter().filter(|v| v.valid).count() >= 15);
    assert!(vectors.iter().filter(|v| !v.valid).count() >= 60);
    for v in &vectors {
        let signer = Signer::from_bytes(&v.key);
        let full = signer.sign(&v.msg);
        let matches_prefix = full[..v.tag.len()] == v.tag[..];
        assert_eq!(matches_prefix, v.valid, "tcId {}", v.id);
        // Only full 256-bit tags are ever accepted; a truncated tag, even a correct one, is not.
        let accepted = signer.verify(&v.msg, &v.tag);
        assert_eq!(accepted, v.valid && v.tag_bits == 256, "tcId {}", v.id);
    }
}

#[test]
fn user_signature_check_refuses_every_modified_tag() {
    for v in vectors().iter().filter(|v| v.tag_bits == 256) {
        // Wycheproof messages here are ASCII (empty, 00..0f, ...) or arbitrary bytes; the
        // library's check takes the user id as text, so use those that are UTF-8.
        let Ok(user_id) = std::str::from_utf8(&v.msg) else {
            continue;
        };
        let signer = Signer::from_bytes(&v.key);
        for hex in [hex::encode(&v.tag), hex::encode_upper(&v.tag)] {
            assert_eq!(
                verify_user_signature(&signer, user_id, &hex),
                Ok(v.valid),
                "tcId {}",
                v.id
            );
        }
    }
}

/// Wycheproof tcId 2 is the one vector whose message is a possible user id ("w"); it must be
/// valid through the binary. Every ModifiedTag case is then carried over to it: the same bit
/// flips (the XOR of the vector's tag with the true tag) applied to tcId 2's signature, each of
/// which `hmac-sign --verify` must call invalid.
#[test]
fn hmac_sign_verify_refuses_every_modified_tag() {
    let vectors = vectors();
    let carrier = vectors.iter().find(|v| v.id == 2).unwrap();
    assert_eq!(carrier.msg, b"w");
    let dir = tempfile::tempdir().unwrap();
    let key_path = dir.path().join("key");
    std::fs::write(&key_path, &carrier.key).unwrap();
    let run = |signature: &str| {
        bare()
            .arg("--key-file")
            .arg(&key_path)
            .args(["hmac-sign", "w", "--verify", signature])
            .output()
            .unwrap()
    };
    let valid = run(&hex::encode(&carrier.tag));
    assert_eq!(valid.status.code(), Some(0));
    assert_eq!(valid.stdout, b"valid\n");

    let mut modified = 0;
    for v in vectors.iter().filter(|v| !v.valid && v.tag_bits == 256) {
        let truth = Signer::from_bytes(&v.key).sign(&v.msg);
        let flipped: Vec<u8> = carrier
            .tag
            .iter()
            .zip(truth.iter().zip(&v.tag))
            .map(|(c, (t, m))| c ^ t ^ m)
            .collect();
        let output = run(&hex::encode(&flipped));
        assert_eq!(output.status.code(), Some(1), "tcId {}", v.id);
        assert_eq!(output.stdout, b"invalid\n", "tcId {}", v.id);
        modified += 1;
    }
    assert!(modified >= 50);
}

/// A truncated tag is not a "mismatch" to shrug at: it is not a signature this tool could have
/// made, so it is an input error (exit 2), even when it is a correct prefix (tcId 83, "@").
#[test]
fn hmac_sign_verify_refuses_truncated_tags_as_malformed() {
    let vectors = vectors();
    let truncated = vectors.iter().find(|v| v.id == 83).unwrap();
    assert!(truncated.valid && truncated.tag_bits == 128);
    let dir = tempfile::tempdir().unwrap();
    let key_path = dir.path().join("key");
    std::fs::write(&key_path, &truncated.key).unwrap();
    bare()
        .arg("--key-file")
        .arg(&key_path)
        .args(["hmac-sign", "@", "--verify", &hex::encode(&truncated.tag)])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("64 hex digits"));
}
