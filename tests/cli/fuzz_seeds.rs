//! The fuzz oracle (`tests/fuzz/oracle.rs`) over its seeds, as a list, and over a few
//! hand-made hostile bodies: it keeps compiling without a fuzzer and its checks hold.

#[path = "../fuzz/oracle.rs"]
mod oracle;

use std::path::Path;

#[test]
fn the_fuzz_oracle_passes_every_seed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/seeds");
    let mut seeds: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fuzz/seeds")
        .map(|e| std::fs::read_to_string(e.expect("seed").path()).expect("seed text"))
        .collect();
    assert!(seeds.len() >= 10, "{} seeds", seeds.len());
    let list = format!("[{}]", seeds.join(","));
    seeds.push(list);
    seeds.extend([
        r#"{"id":"7","status":"error\u001b]8;;http://x\u0007","tableId":"a\rb\u202ec","error":{"message":"\u001b[2J"}}"#.to_owned(),
        r#"{"id":1e400,"status":[],"createdTime":{"x":1}}"#.to_owned(),
        r#"[{"id":1,"status":"success","metrics":{"inBytes":-1,"outBytes":1.5e300}}, 3, null]"#.to_owned(),
    ]);
    for seed in &seeds {
        oracle::decode_render(seed.as_bytes());
    }
}
