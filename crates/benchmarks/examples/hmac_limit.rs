//! The physical limit bulk mode is measured against (`scripts/bench.sh`): only the pre-keyed
//! HMAC-SHA256 of `COUNT` messages of `LENGTH` bytes on every core, with the key blocks and the
//! padding prepared once, nothing parsed, encoded or written. Prints a checksum of the tags so
//! the work cannot be optimized away.
//!
//! Usage: `cargo run --release -p courier-token-benchmarks --example hmac_limit -- LENGTH COUNT`

// sha2 0.10's `compress256` takes generic-array 0.14 blocks, which that crate now marks
// deprecated in favour of its 1.x; sha2 0.11 moves on. Nothing else to use until then.
#![allow(deprecated)]

use sha2::digest::generic_array::GenericArray;

type Block = GenericArray<u8, sha2::digest::consts::U64>;

const SHA256_IV: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// The SHA-256 state after absorbing `key ^ pad` (a key of at most 64 bytes).
fn keyed_state(key: &[u8], pad: u8) -> [u32; 8] {
    let mut block = Block::default();
    for (slot, byte) in block
        .iter_mut()
        .zip(key.iter().chain(std::iter::repeat(&0)))
    {
        *slot = byte ^ pad;
    }
    let mut state = SHA256_IV;
    sha2::compress256(&mut state, std::slice::from_ref(&block));
    state
}

/// `message` (its first 8 bytes to be overwritten per message) with SHA-256 padding, as blocks.
fn padded(length: usize) -> Vec<Block> {
    let total = (length + 9).div_ceil(64);
    let mut bytes = vec![b'm'; total * 64];
    bytes[length] = 0x80;
    bytes[length + 1..].fill(0);
    let bits = ((64 + length) as u64) * 8;
    bytes[total * 64 - 8..].copy_from_slice(&bits.to_be_bytes());
    bytes.chunks(64).map(|c| *Block::from_slice(c)).collect()
}

fn hmac_many(inner: [u32; 8], outer: [u32; 8], length: usize, range: std::ops::Range<u64>) -> u32 {
    let mut message = padded(length);
    let mut last = Block::default();
    last[32] = 0x80;
    last[56..].copy_from_slice(&((64u64 + 32) * 8).to_be_bytes());
    let mut checksum = 0u32;
    for n in range {
        let counter = n.to_le_bytes();
        let prefix = length.min(8);
        message[0][..prefix].copy_from_slice(&counter[..prefix]);
        let mut state = inner;
        sha2::compress256(&mut state, &message);
        for (chunk, word) in last[..32].chunks_mut(4).zip(state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        let mut state = outer;
        sha2::compress256(&mut state, std::slice::from_ref(&last));
        checksum ^= state[0];
    }
    checksum
}

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<u64>());
    let (Some(Ok(length)), Some(Ok(count))) = (args.next(), args.next()) else {
        eprintln!("usage: hmac_limit LENGTH COUNT");
        std::process::exit(2);
    };
    let key = b"sk_bench_key_0123456789";
    let (inner, outer) = (keyed_state(key, 0x36), keyed_state(key, 0x5c));
    let threads = std::thread::available_parallelism().map_or(1, usize::from) as u64;
    let checksum = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let range = count * t / threads..count * (t + 1) / threads;
                scope.spawn(move || hmac_many(inner, outer, length as usize, range))
            })
            .collect();
        handles
            .into_iter()
            .fold(0, |acc, h| acc ^ h.join().unwrap_or(0))
    });
    println!("{count} HMAC-SHA256 of {length} bytes on {threads} threads, checksum {checksum:08x}");
}
