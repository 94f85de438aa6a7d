//! Criterion benchmarks of the library's hot paths: one mint, one verify (text and JSON
//! verdicts), one HMAC user signature, one inspect-decode. Run with `cargo bench -p courier-token-benchmarks`.

use courier_token::inspection::{inspect_token, InspectionInputs};
use courier_token::token::{
    verify_token, verify_token_with_json, ClaimTemplate, Minter, Policy, Signer,
};
use courier_token::user_signature::user_signature;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

const KEY: &[u8] = b"sk_test_123";
const IAT: i64 = 1_669_649_050;

fn minter() -> Minter {
    let template = ClaimTemplate {
        tenant_scope: Some("published/production".into()),
        tenant_id: Some("1b1e953f-0ebb-47ad-beab-f579bd606eb1".into()),
        custom: Vec::new(),
        iat: IAT,
        exp: Some(IAT + 172_800),
    };
    Minter::new(Signer::from_bytes(KEY), &template)
}

const SCOPE: &str = "user_id:smokey12345 inbox:read:messages inbox:write:events";
const JTI: &str = "6a8ed7d6-229b-4629-9cdc-68fb9c6dd580";

fn benchmarks(c: &mut Criterion) {
    let minter = minter();
    let mut payload = String::with_capacity(512);
    let mut out = Vec::with_capacity(512);
    c.bench_function("mint", |b| {
        b.iter(|| {
            out.clear();
            minter.mint_into(black_box(SCOPE), Some(JTI), &mut payload, &mut out);
            black_box(out.len())
        })
    });

    let token = minter.mint(SCOPE, Some(JTI));
    let signer = Signer::from_bytes(KEY);
    let policy = Policy {
        now: IAT + 60,
        user_id: Some("smokey12345".into()),
        ..Policy::default()
    };
    c.bench_function("verify", |b| {
        b.iter(|| black_box(verify_token(black_box(&token), &signer, &policy)))
    });
    c.bench_function("verify_with_json", |b| {
        b.iter(|| black_box(verify_token_with_json(black_box(&token), &signer, &policy)))
    });

    c.bench_function("hmac_user_signature", |b| {
        b.iter(|| black_box(user_signature(&signer, black_box("smokey12345"))))
    });

    let inputs = InspectionInputs {
        now: IAT + 60,
        ..InspectionInputs::default()
    };
    c.bench_function("inspect_decode", |b| {
        b.iter(|| black_box(inspect_token(black_box(&token), inputs)))
    });
}

criterion_group!(benches, benchmarks);
criterion_main!(benches);
