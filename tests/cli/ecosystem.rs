//! The ecosystem features against the simulator: `--jq`, completions, the man page,
//! profiles and `config`, and colour when piped.

use jobctl::sim::JobSpec;

use super::*;

/// A server holding three finished jobs: 1 succeeded, 2 failed, 3 succeeded.
fn three_jobs() -> SimServer {
    let s = server();
    s.sim().add_raw_job(
        1,
        r#"{"id": 1, "status": "success", "operationName": "tableImport", "metrics": {"outBytes": 10}}"#,
    );
    s.sim().add_raw_job(
        2,
        r#"{"id": 2, "status": "error", "operationName": "tableExport", "metrics": {"outBytes": 0}}"#,
    );
    s.sim().add_raw_job(
        3,
        r#"{"id": 3, "status": "success", "operationName": "tableImport", "metrics": {"outBytes": 7}}"#,
    );
    s
}

#[test]
fn jq_over_show_prints_scalars_and_raw_strings() {
    let s = three_jobs();
    let out = jobctl(&s)
        .args(["show", "1", "--jq", ".metrics.outBytes"])
        .run();
    out.code(0);
    assert_eq!(out.stdout, "10\n");
    let out = jobctl(&s)
        .args(["show", "1", "2", "--jq", ".[] | .status"])
        .run();
    out.code(0);
    assert_eq!(out.stdout, "success\nerror\n");
    let out = jobctl(&s).args(["show", "2", "--jq", ".metrics"]).run();
    assert_eq!(out.stdout, "{\"outBytes\":0}\n");
}

#[test]
fn jq_over_list_selects_from_the_array() {
    let s = three_jobs();
    let out = jobctl(&s)
        .args([
            "list",
            "--all",
            "--jq",
            r#".[] | select(.status=="error") | .id"#,
        ])
        .run();
    out.code(0);
    assert_eq!(out.stdout, "2\n");
    let out = jobctl(&s).args(["list", "--jq", "length"]).run();
    assert_eq!(out.stdout, "3\n");
}

#[test]
fn jq_over_watch_gets_the_final_json() {
    let s = server();
    s.sim().add_job(
        JobSpec::success(101, "tableImport")
            .waiting(Duration::from_millis(100))
            .processing(Duration::from_millis(200)),
    );
    let out = jobctl(&s)
        .args(["watch", "101", "--progress", "none", "--jq", ".status, .id"])
        .run();
    out.code(0);
    assert_eq!(out.stdout, "success\n101\n");
}

#[test]
fn jq_expression_errors_exit_2_before_any_request() {
    let s = three_jobs();
    for cmd in [&["show", "1"][..], &["list"], &["watch", "1"]] {
        let out = jobctl(&s).args(cmd).args(["--jq", ".foo | | .bar"]).run();
        out.code(2)
            .stderr_has("invalid --jq expression")
            .stderr_has("column 8")
            .stdout_empty();
    }
    assert!(s.sim().requests().is_empty(), "{:?}", s.sim().requests());
}

#[test]
fn jq_runtime_errors_exit_2_after_earlier_results() {
    let s = three_jobs();
    let out = jobctl(&s)
        .args(["show", "1", "--jq", ".id, .metrics.outBytes.foo"])
        .run();
    out.code(2).stderr_has("--jq: cannot index 10");
    assert_eq!(out.stdout, "1\n");
}
