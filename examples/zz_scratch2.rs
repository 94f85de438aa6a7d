#![allow(deprecated)]
use sha2::digest::generic_array::GenericArray;
use std::hint::black_box;
use std::time::Instant;
type Block = GenericArray<u8, sha2::digest::consts::U64>;
fn main() {
    let n = 5_000_000usize;
    let st0 = [1u32, 2, 3, 4, 5, 6, 7, 8];
    let mut blocks = vec![Block::default(); 64];
    for (i, b) in blocks.iter_mut().enumerate() { b[0] = i as u8; }
    for _ in 0..3 {
        // sequential dependent pairs: inner then outer, per message
        let t = Instant::now();
        let mut acc = 0u32;
        for i in 0..n {
            let mut s = st0;
            sha2::compress256(&mut s, std::slice::from_ref(&blocks[i & 63]));
            let mut b2 = Block::default();
            b2[0] = s[0] as u8; b2[1] = s[1] as u8;
            let mut s2 = st0;
            sha2::compress256(&mut s2, std::slice::from_ref(&b2));
            acc ^= s2[0];
        }
        let seq = t.elapsed().as_nanos() as f64 / n as f64;
        let t = Instant::now();
        for i in (0..n).step_by(2) {
            let mut sa = st0; let mut sb = st0;
            sha2::compress256(&mut sa, std::slice::from_ref(&blocks[i & 63]));
            sha2::compress256(&mut sb, std::slice::from_ref(&blocks[(i + 1) & 63]));
            let mut ba = Block::default(); ba[0] = sa[0] as u8; ba[1] = sa[1] as u8;
            let mut bb = Block::default(); bb[0] = sb[0] as u8; bb[1] = sb[1] as u8;
            let mut ta = st0; let mut tb = st0;
            sha2::compress256(&mut ta, std::slice::from_ref(&ba));
            sha2::compress256(&mut tb, std::slice::from_ref(&bb));
            acc ^= ta[0] ^ tb[0];
        }
        let pair = t.elapsed().as_nanos() as f64 / n as f64;
        println!("seq {seq:.1} ns/msg, paired {pair:.1} ns/msg {}", black_box(acc));
    }
}
