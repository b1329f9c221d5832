//! Memory of a [`Linker`] holding many articles: N synthetic articles (300 words drawn from a copies
//! corpus's vocabulary, with names and numbers, so that every one is distinct) are added, and the process's
//! peak resident memory is printed with the sketches' size on disk.
//!
//!     cargo run --release -p dateline-link --example memory -- target/bench/copies-train.jsonl 1000000

use dateline_link::{sketch, Linker};

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|k| k.parse::<f64>().ok())
        .map_or(0.0, |k| k / 1024.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_default();
    let n: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(100_000);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut vocab: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_string)
        .collect();
    vocab.sort_unstable();
    vocab.dedup();
    drop(text);
    let before = peak_rss_mib();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut linker = Linker::default();
    let mut disk = 0usize;
    for i in 0..n {
        let mut body = String::with_capacity(2400);
        for k in 0..300 {
            let w = &vocab[(next() % vocab.len() as u64) as usize];
            body.push_str(w);
            body.push(if k % 15 == 14 { '.' } else { ' ' });
            body.push(' ');
        }
        let s = sketch(&body);
        disk += s.to_bytes().len();
        linker.add(&format!("{i:016x}"), None, None, s);
    }
    println!(
        "{n} articles: peak RSS {:.0} MiB ({:.0} MiB over the vocabulary), {:.0} bytes each in memory; \
         the linker's own count of its state {:.0} MiB; sketches on disk {:.0} MiB",
        peak_rss_mib(),
        peak_rss_mib() - before,
        (peak_rss_mib() - before) * 1024.0 * 1024.0 / n as f64,
        linker.state_bytes() as f64 / (1024.0 * 1024.0),
        disk as f64 / (1024.0 * 1024.0)
    );
}
