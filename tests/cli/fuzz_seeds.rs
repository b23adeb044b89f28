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
        // Queue jobs: escapes and controls in server text, huge numbers, wrong types, `[]`
        // for objects, unknown statuses; and a search answer with a tree under its first.
        r#"{"id":"12","runId":"12","status":"exploded","isFinished":"yes","component":"a\u001b[2Jb","config":7,"type":"orchestrationContainer","result":{"message":"\u001b]8;;http://x\u0007click\r\u202e","error":{"type":[],"exceptionId":{"x":1}},"output":{"tables":[{"id":"in.c-a\u0000b"},3]}},"metrics":{"storage":{"inputTablesBytesSum":1e400,"outputTablesBytesSum":-5}},"token":[],"project":"p","durationSeconds":18446744073709551616,"createdTime":"2026-11-29T10:00:00+00:00","startTime":[],"endTime":{"t":1}}"#.to_owned(),
        r#"{"id":12,"status":"error","result":[],"metrics":[],"configData":[],"behavior":[],"parentRunId":null,"runId":[]}"#.to_owned(),
        r#"{"id":"007","status":"success","runId":"","parentRunId":"","url":"https:\/\/queue.x\/jobs\/7"}"#.to_owned(),
        r#"[{"id":"1","status":"processing","type":"phaseContainer","runId":"1"},{"id":"2","status":"error","parentRunId":"1","runId":"1.2","component":"\u009b31m","result":{"message":"\n\n\t"}},{"id":3,"status":"error","runId":"2","error":{"message":"\u001b[1m"}},"x",[]]"#.to_owned(),
        r#"{"id":"-1","status":"success"}"#.to_owned(),
        // Storage jobs the brief leaves to the whole decoder, or reads where it must agree.
        r#"{"id":"\u0034\u0032","status":"succ\u0065ss","createdTime":"2026-11-29T12:00:00\u002b0100"}"#.to_owned(),
        r#"{"id":7,"status":"error","results":{"rows":1e400},"url":"\ud800","creatorToken":["a"]}"#.to_owned(),
        r#"{"id":7,"status":"error","url":"a","url":"b"}"#.to_owned(),
        r#"["7","error"]"#.to_owned(),
        r#"{"id":"99999999999999999999","status":"success"}"#.to_owned(),
    ]);
    for seed in &seeds {
        oracle::decode_render(seed.as_bytes());
    }
}
