use courier_token::token::Signer;
use courier_token::user_signature::push_user_signature;
use std::hint::black_box;
use std::time::Instant;
fn main() {
    let signer = Signer::from_bytes(b"sk_bench_key_0123456789");
    let n = 5_000_000u64;
    let mut id = *b"user-0000000";
    for round in 0..3 {
        let t = Instant::now();
        let mut acc = 0u8;
        for i in 0..n {
            id[11] = b'0' + (i % 10) as u8;
            acc ^= signer.sign(black_box(&id))[0];
        }
        let sign_ns = t.elapsed().as_nanos() as f64 / n as f64;
        let mut out = Vec::with_capacity(1 << 20);
        let t = Instant::now();
        for i in 0..n {
            if out.len() > (1 << 20) - 100 { out.clear(); }
            id[11] = b'0' + (i % 10) as u8;
            out.extend_from_slice(&id);
            out.push(b'\t');
            push_user_signature(&signer, std::str::from_utf8(black_box(&id)).unwrap(), &mut out);
            out.push(b'\n');
        }
        let push_ns = t.elapsed().as_nanos() as f64 / n as f64;
        println!("round {round}: sign {sign_ns:.1} ns, line {push_ns:.1} ns ({acc} {})", out.len());
    }
}
