//! `jobctl rerun` against the simulator: the body of the one `POST /jobs` it sends (read
//! from the request log) for a component job and for flows that failed in their first,
//! middle and last phase; the choices of tasks and their errors; `--dry-run` and the
//! refusals that send nothing.

use std::time::Duration;

use jobctl::sim::{Fault, FaultKind, FaultTarget, Gate, JobSpec, RERUN_FLOWS, Sim, rerun_flows};
use serde_json::Value;

use super::*;

/// A component job run with rows, a tag, a branch, variables and debug mode.
const COMPONENT_JOB: u64 = 1_205_339_001;
/// A storage job that the failed task 1205337104 ("CRM contacts") caused (its runId), and
/// one whose run id is no queue job.
const STORAGE_JOB: u64 = 386_599_001;
const STORAGE_JOB_ALONE: u64 = 386_599_002;

fn component_job() -> String {
    format!(
        r#"{{"id":"{COMPONENT_JOB}","runId":"{COMPONENT_JOB}","parentRunId":"","project":{{"id":"66","name":"Acme Analytics"}},"token":{{"id":"7460","description":"jan.kovar@acme-analytics.io"}},"status":"error","desiredStatus":"processing","mode":"debug","component":"keboola.ex-db-snowflake","config":"987654321","configData":[],"configRowIds":["11","12"],"tag":"1.4.2","createdTime":"2026-12-07T09:30:12+00:00","startTime":"2026-12-07T09:30:15+00:00","endTime":"2026-12-07T09:31:15+00:00","durationSeconds":60,"result":{{"message":"failed"}},"usageData":[],"isFinished":true,"url":"https:\/\/queue.keboola.com\/jobs\/{COMPONENT_JOB}","branchId":"4242","variableValuesId":null,"variableValuesData":{{"values":[{{"name":"day","value":"monday"}}]}},"backend":[],"metrics":[],"behavior":{{"onError":null}},"parallelism":null,"type":"standard","orchestrationJobId":null,"orchestrationTaskId":null,"onlyOrchestrationTaskIds":null,"previousJobId":null,"delayedStartTime":null}}"#
    )
}

/// A server with the re-run flows, a component job and a storage job.
fn rerun_server() -> SimServer {
    let sim = Sim::empty();
    for spec in rerun_flows(now_ms()) {
        sim.add_queue_job(spec);
    }
    sim.add_raw_queue_job(COMPONENT_JOB, &component_job());
    sim.add_job(
        JobSpec::success(STORAGE_JOB, "tableImport")
            .table("in.c-crm.contacts")
            .run_id("1205337104"),
    );
    sim.add_job(
        JobSpec::success(STORAGE_JOB_ALONE, "tableExport")
            .table("in.c-crm.contacts")
            .run_id("386599000"),
    );
    jobctl::sim::add_rerun_configs(&sim);
    sim.add_config_rows("keboola.ex-db-snowflake", "987654321", &["11", "12", "13"]);
    server_with(sim)
}

/// The bodies of the `POST /jobs` the server received.
fn posts(s: &SimServer) -> Vec<Value> {
    s.sim()
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path == "/jobs")
        .map(|r| serde_json::from_str(&r.body).unwrap())
        .collect()
}

fn only_tasks(body: &Value) -> Vec<&str> {
    body["onlyFlowTaskIds"]
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().unwrap()).collect())
        .unwrap_or_default()
}

/// `rerun ID ARGS...` that starts one job; returns the body it sent.
fn rerun_sends(s: &SimServer, id: u64, args: &[&str], stderr_has: &[&str]) -> Value {
    let mut cmd = jobctl(s)
        .arg("rerun")
        .arg(id.to_string())
        .args(args)
        .stdout_is("a header and the started job's row", |out| {
            out.lines().count() == 2 && out.starts_with("ID\tCONFIG\tNAME\tLINK\n")
        })
        .stderr_has("re-run of ");
    for needle in stderr_has {
        cmd = cmd.stderr_has(needle);
    }
    cmd.run();
    let posts = posts(s);
    assert_eq!(posts.len(), 1, "{posts:?}");
    posts.into_iter().next().unwrap()
}

#[test]
fn rerun_of_a_component_job_sends_its_component_config_rows_tag_branch_and_variables() {
    let s = rerun_server();
    let body = rerun_sends(
        &s,
        COMPONENT_JOB,
        &[],
        &[
            "re-run of job 1205339001: keboola.ex-db-snowflake, config 987654321 \"Orders from Snowflake\"; \
           rows 11, 12; tag 1.4.2; branch 4242; variables day=monday; mode debug\n",
        ],
    );
    assert_eq!(body["component"], "keboola.ex-db-snowflake");
    assert_eq!(body["config"], "987654321");
    assert_eq!(body["mode"], "debug");
    assert_eq!(body["configRowIds"], serde_json::json!(["11", "12"]));
    assert_eq!(body["tag"], "1.4.2");
    assert_eq!(body["branchId"], "4242");
    assert_eq!(
        body["variableValuesData"],
        serde_json::json!({"values": [{"name": "day", "value": "monday"}]})
    );
    assert!(body.get("onlyFlowTaskIds").is_none(), "{body}");
    assert!(body.get("variableValuesId").is_none(), "{body}");
}

#[test]
fn rerun_json_prints_the_created_job_as_the_server_sent_it() {
    let s = rerun_server();
    let out = jobctl(&s)
        .args(["rerun", &COMPONENT_JOB.to_string(), "-o", "json"])
        .stdout_is("the created job", |out| {
            serde_json::from_str::<Value>(out).is_ok_and(|j| j["status"] == "created")
        })
        .stderr_any()
        .run();
    let created: Value = serde_json::from_str(&out.stdout).unwrap();
    let post = s
        .sim()
        .requests()
        .into_iter()
        .find(|r| r.method == "POST")
        .unwrap();
    assert_eq!(post.status, 201);
    assert_eq!(created["component"], "keboola.ex-db-snowflake");
    // The server's bytes: its `\/` escapes stay.
    assert!(out.stdout.contains(r"\/jobs\/"), "{}", out.stdout);
}

#[test]
fn failed_reruns_the_failed_task_and_the_phases_after_it_wherever_the_flow_failed() {
    let cases = [
        (
            RERUN_FLOWS.first,
            vec!["20102", "20103", "20104", "20105", "20106", "20107"],
        ),
        (RERUN_FLOWS.middle, vec!["20104", "20105", "20106", "20107"]),
        (RERUN_FLOWS.last, vec!["20106"]),
    ];
    for (flow, expected) in cases {
        let s = rerun_server();
        let body = rerun_sends(
            &s,
            flow,
            &["--failed"],
            &[
                &format!("re-run of flow {flow}: keboola.flow, config 55530 \"Weekly refresh\"\n"),
                &format!("  {} of 8 tasks run:\n", expected.len()),
                "phase conditions are not evaluated",
            ],
        );
        assert_eq!(only_tasks(&body), expected, "flow {flow}");
        assert_eq!(body["component"], "keboola.flow");
        assert_eq!(body["config"], "55530");
    }
}

#[test]
fn the_plan_says_which_tasks_run_and_which_are_skipped_by_phase() {
    let s = rerun_server();
    rerun_sends(
        &s,
        RERUN_FLOWS.middle,
        &["--failed"],
        &[
            "  phase Extract (7101): skipped\n    skip  Slack alerts (20100)           last time: success\n",
            "  phase Transform (7102): 1 of 2 tasks run\n    skip  Daily revenue (20103)          last time: success\n    run   Churn model (20104)            last time: error\n",
            "  phase Load (7103): all tasks run\n",
        ],
    );
}

#[test]
fn a_failure_in_the_last_listed_phase_says_later_phases_are_not_in_the_plan() {
    let s = rerun_server();
    rerun_sends(
        &s,
        RERUN_FLOWS.last,
        &["--failed"],
        &[
            "  no phase after Load (7103) is in the run's result: if the flow has later phases, \
           this plan does not run them (re-run the whole flow for those)\n",
        ],
    );
    let s = rerun_server();
    let out = jobctl(&s)
        .args([
            "rerun",
            &RERUN_FLOWS.middle.to_string(),
            "--failed",
            "--dry-run",
        ])
        .stdout_any()
        .stderr_any()
        .run();
    assert!(!out.stderr.contains("no phase after"), "{}", out.stderr);
}

#[test]
fn from_phase_takes_a_name_or_an_id() {
    let s = rerun_server();
    let body = rerun_sends(&s, RERUN_FLOWS.last, &["--from-phase", "Transform"], &[]);
    assert_eq!(
        only_tasks(&body),
        ["20103", "20104", "20105", "20106", "20107"]
    );
    let s = rerun_server();
    let body = rerun_sends(&s, RERUN_FLOWS.last, &["--from-phase", "7103"], &[]);
    assert_eq!(only_tasks(&body), ["20105", "20106", "20107"]);
}

#[test]
fn task_is_repeatable_by_name_and_id_in_the_flows_order() {
    let s = rerun_server();
    let body = rerun_sends(
        &s,
        RERUN_FLOWS.first,
        &["--task", "20106", "--task", "CRM contacts"],
        &["  2 of 8 tasks run:\n"],
    );
    assert_eq!(only_tasks(&body), ["20102", "20106"]);
}

#[test]
fn a_whole_flow_again_sends_no_task_ids() {
    let s = rerun_server();
    let body = rerun_sends(
        &s,
        RERUN_FLOWS.green,
        &[],
        &["  the whole flow, as configured (8 tasks in 3 phases)\n"],
    );
    assert!(body.get("onlyFlowTaskIds").is_none(), "{body}");
}

#[test]
fn unknown_and_ambiguous_names_are_usage_errors_that_send_nothing() {
    let s = rerun_server();
    let flow = RERUN_FLOWS.middle.to_string();
    jobctl(&s)
        .args(["rerun", &flow, "--from-phase", "Lod"])
        .code(2)
        .stderr_eq(format!(
            "jobctl: error: job {flow}: the flow has no phase \"Lod\"; its phases: Extract (7101), \
             Transform (7102), Load (7103)\n"
        ))
        .run();
    jobctl(&s)
        .args(["rerun", &flow, "--task", "Slack alerts"])
        .code(2)
        .stderr_eq(format!(
            "jobctl: error: job {flow}: the task name \"Slack alerts\" is ambiguous: Slack alerts \
             (20100, phase Extract), Slack alerts (20107, phase Load); give the id\n"
        ))
        .run();
    jobctl(&s)
        .args(["rerun", &flow, "--task", "Churn model", "--task", "nope"])
        .code(2)
        .stderr_has(
            "the flow has no task \"nope\"; its tasks: Slack alerts (20100, phase Extract), ",
        )
        .run();
    jobctl(&s)
        .args(["rerun", &COMPONENT_JOB.to_string(), "--failed"])
        .code(2)
        .stderr_has("--failed chooses tasks of a flow, and this is a component job")
        .run();
    assert!(posts(&s).is_empty());
}

#[test]
fn dry_run_prints_the_plan_and_the_body_and_sends_nothing() {
    let s = rerun_server();
    let out = jobctl(&s)
        .args([
            "rerun",
            &RERUN_FLOWS.middle.to_string(),
            "--failed",
            "--dry-run",
        ])
        .stdout_is("the request body", |out| {
            serde_json::from_str::<Value>(out).is_ok()
        })
        .stderr_has("  4 of 8 tasks run:\n")
        .stderr_has("jobctl: dry run: 1 request to POST /jobs of the Queue API; nothing was sent\n")
        .run();
    let body: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(only_tasks(&body), ["20104", "20105", "20106", "20107"]);
    assert!(s.sim().requests().iter().all(|r| r.method == "GET"));
    // The harness checks every run for the token; the body never carries it.
    assert!(!out.stdout.contains(TOKEN));
}

#[test]
fn a_flow_where_nothing_failed_starts_nothing_and_exits_0() {
    let s = rerun_server();
    jobctl(&s)
        .args(["rerun", &RERUN_FLOWS.green.to_string(), "--failed"])
        .stderr_eq(format!(
            "jobctl: nothing to re-run: no task of flow {} failed; nothing was started\n",
            RERUN_FLOWS.green
        ))
        .run();
    assert!(posts(&s).is_empty());
}

#[test]
fn a_storage_job_is_refused_naming_the_queue_job_behind_it() {
    let s = rerun_server();
    jobctl(&s)
        .args(["rerun", &STORAGE_JOB.to_string()])
        .code(2)
        .stderr_eq(format!(
            "jobctl: error: {STORAGE_JOB} is a storage job (tableImport); storage jobs cannot be re-run \
             (the Storage API runs them for a component's job); it was started by queue job \
             1205337104 keboola.ex-salesforce-v2 774102, which can be: jobctl rerun 1205337104\n"
        ))
        .run();
    jobctl(&s)
        .args(["rerun", &STORAGE_JOB_ALONE.to_string()])
        .code(2)
        .stderr_has("is a storage job (tableExport); storage jobs cannot be re-run")
        .stderr_has("; its run id 386599000 is no queue job\n")
        .run();
    assert!(posts(&s).is_empty());
}

#[test]
fn an_id_on_neither_api_exits_3_and_a_phase_is_refused() {
    let s = rerun_server();
    jobctl(&s)
        .args(["rerun", "777"])
        .code(3)
        .stderr_eq(
            "jobctl: error: job 777 not found: neither the Storage API nor the Queue API has it\n",
        )
        .run();
    // The middle flow's first phase.
    let phase = (RERUN_FLOWS.middle + 1).to_string();
    jobctl(&s)
        .args(["rerun", &phase])
        .code(2)
        .stderr_has(&format!(
            "is a phase of a flow, which cannot be started on its own; re-run the flow's \
             phase: jobctl rerun {} --from-phase 7101",
            RERUN_FLOWS.middle
        ))
        .run();
    assert!(posts(&s).is_empty());
}

#[test]
fn wait_follows_the_rerun_and_the_created_flow_runs_only_the_chosen_tasks() {
    let sim_server = rerun_server();
    let s = &sim_server;
    s.sim().hold_clock();
    let running = jobctl(s)
        .args(["rerun", &RERUN_FLOWS.last.to_string(), "--failed", "--wait"])
        .args([
            "--progress",
            "plain",
            "--interval",
            "200ms",
            "--no-history",
            "-o",
            "json",
        ])
        .stdout_any()
        .stderr_has("  1 of 8 tasks run:\n")
        .stderr_has("jobctl: started ")
        .stderr_has("-> success")
        .spawn();
    // Each state stays until the watch has seen it.
    let log = s
        .sim()
        .wait_for_log("the first look at the created flow", |log| {
            log.iter().any(|r| r.method == "POST" && r.path == "/jobs")
                && log.iter().filter(|r| r.path.starts_with("/jobs/")).count() > 1
        });
    assert_eq!(log.iter().filter(|r| r.method == "POST").count(), 1);
    s.sim().advance_clock(Duration::from_millis(2_500));
    running.wait_stderr_has("-> processing");
    s.sim().advance_clock(Duration::from_secs(3_600));
    let out = running.wait();
    let flow: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(flow["status"], "success");
    assert_eq!(flow["component"], "keboola.flow");
    // The created flow ran the one task asked for, in its phase.
    let id = flow["id"].as_str().unwrap().to_owned();
    let tree = jobctl(s)
        .args(["queue", "show", &id, "--tree", "-o", "json"])
        .stdout_any()
        .run();
    let tree: Value = serde_json::from_str(&tree.stdout).unwrap();
    let phases = tree["children"].as_array().unwrap();
    assert_eq!(phases.len(), 1, "{tree}");
    let tasks = phases[0]["children"].as_array().unwrap();
    assert_eq!(tasks.len(), 1, "{tree}");
    assert_eq!(tasks[0]["job"]["component"], "keboola.wr-db-snowflake");
    assert_eq!(tasks[0]["job"]["orchestrationTaskId"], "20106");
}

#[test]
fn a_lost_answer_is_never_sent_again_and_says_how_to_find_the_job() {
    // The stack given as a flag: the command that finds the job names it too.
    let s = rerun_server();
    s.sim()
        .push_fault(Fault::status(503).on(FaultTarget::Path("/jobs".into())));
    let out = jobctl_bare()
        .env("KBC_STORAGE_API_TOKEN", TOKEN)
        .args(["--host", &s.url(), "rerun", &RERUN_FLOWS.middle.to_string()])
        .args(["--failed", "--retries", "3"])
        .code(5)
        .stderr_has("  4 of 8 tasks run:\n")
        .stderr_has("keboola.flow/55530: the job may have started")
        .stderr_has(&format!(
            "to see whether it started: jobctl --host {} queue list --component keboola.flow \
             --config 55530 --since ",
            s.url()
        ))
        .run();
    assert_eq!(posts(&s).len(), 1, "{out}");
}

#[test]
fn a_signal_while_starting_says_the_job_may_have_started() {
    let s = rerun_server();
    let gate = Gate::new();
    s.sim().push_fault(
        Fault::new(FaultKind::Hold(gate.clone())).on(FaultTarget::Path("/jobs".into())),
    );
    let running = jobctl(&s)
        .args(["rerun", &COMPONENT_JOB.to_string()])
        .code(130)
        .stderr_has("re-run of job 1205339001")
        .stderr_has(
            "interrupted while starting keboola.ex-db-snowflake/987654321: it may have started",
        )
        .stderr_has("jobctl queue list --component keboola.ex-db-snowflake --config 987654321")
        .spawn();
    gate.wait_for_held(1);
    running.signal("INT");
    let out = running.wait();
    assert_eq!(out.stdout, "");
    gate.open();
}

#[test]
fn failed_needs_a_finished_flow_and_a_choice_needs_the_flows_result() {
    let s = rerun_server();
    s.sim()
        .add_raw_queue_job(10440530, &fixture("queue/queue-flow-processing.json"));
    jobctl(&s)
        .args(["rerun", "10440530", "--failed"])
        .code(2)
        .stderr_eq(
            "jobctl: error: job 10440530: the flow is still processing: what failed is known \
             once it finished\n",
        )
        .run();
    jobctl(&s)
        .args(["rerun", "10440530", "--from-phase", "Load"])
        .code(2)
        .stderr_has("the flow's result names no tasks (it has not finished, or ran none)")
        .run();
    assert!(posts(&s).is_empty());
}

#[test]
fn choices_that_contradict_each_other_are_refused_before_any_request() {
    let s = rerun_server();
    let flow = RERUN_FLOWS.middle.to_string();
    for (args, says) in [
        (vec!["--failed", "--task", "20104"], "cannot be used with"),
        (
            vec!["--from-phase", "Load", "--task", "20104"],
            "cannot be used with",
        ),
        (
            vec!["--failed", "--from-phase", "Load"],
            "cannot be used with",
        ),
        (vec!["--dry-run", "--wait"], "cannot be used with"),
        (vec!["--timeout", "1s"], "--wait"),
    ] {
        jobctl(&s)
            .arg("rerun")
            .arg(&flow)
            .args(&args)
            .code(2)
            .stderr_has(says)
            .run();
    }
    jobctl(&s)
        .args(["rerun", &flow, "-f", "--dry-run"])
        .code(2)
        .stderr_has("cannot be used with")
        .run();
    assert!(s.sim().requests().is_empty(), "{:#?}", s.sim().requests());
}

#[test]
fn completion_offers_the_component_a_rerun_started() {
    let s = rerun_server();
    let cache = TempDir::new("cache");
    jobctl(&s)
        .env("XDG_CACHE_HOME", cache.path())
        .args(["rerun", &COMPONENT_JOB.to_string()])
        .stdout_any()
        .stderr_any()
        .run();
    jobctl_bare()
        .env("XDG_CACHE_HOME", cache.path())
        .args(["__complete", "components"])
        .stdout_has("keboola.ex-db-snowflake\n")
        .run();
}

#[test]
fn a_link_to_the_job_works_as_its_id_and_one_to_another_stack_is_refused() {
    let s = rerun_server();
    let link = format!("{}/admin/projects/66/queue/{}", s.url(), RERUN_FLOWS.last);
    let out = jobctl(&s)
        .args(["rerun", &link, "--failed", "--dry-run"])
        .stdout_any()
        .stderr_has(&format!("re-run of flow {}", RERUN_FLOWS.last))
        .run();
    assert_eq!(
        out.stdout,
        "{\"component\":\"keboola.flow\",\"config\":\"55530\",\"mode\":\"run\",\"onlyFlowTaskIds\":[\"20106\"]}\n"
    );
    // The link says queue: only the Queue API was asked.
    assert!(
        s.sim()
            .requests()
            .iter()
            .all(|r| !r.path.starts_with("/v2/storage/jobs")),
        "{:#?}",
        s.sim().requests()
    );
    jobctl(&s)
        .args([
            "rerun",
            "https://connection.north-europe.azure.keboola.com/admin/projects/66/queue/1205337300",
        ])
        .code(2)
        .stderr_has("is to another stack")
        .run();
    assert!(posts(&s).is_empty());
}
