//! `watch` of storage and queue jobs together: one loop, one line format, one summary and
//! the exit code of the whole, at one request per kind a tick.

use std::time::Duration;

use jobctl::sim::{Anchor, JobSpec, QueueJobSpec, QueueOutcome};

use super::*;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// A storage import that waits `w` ms, processes `p` ms and succeeds.
fn storage_job(id: u64, w: u64, p: u64) -> JobSpec {
    JobSpec::success(id, "tableImport")
        .table("in.c-main.orders")
        .waiting(ms(w))
        .processing(ms(p))
}

/// A queue job created at the simulator's now (held or not: the test's own clock may be
/// ahead of a held one, and a job created in the simulator's future does not exist yet)
/// that starts `start` and ends `end` ms later, with `outcome`.
fn queue_job(s: &SimServer, id: u64, start: i64, end: i64, outcome: QueueOutcome) -> QueueJobSpec {
    QueueJobSpec::standard(id, "keboola.ex-http", "7", Anchor::Fixed(s.sim().now_ms()))
        .times(0, start, end)
        .outcome(outcome)
}

fn broke() -> QueueOutcome {
    QueueOutcome::Error {
        message: "It broke".into(),
        user: true,
    }
}

/// The links that fix each job's kind (no lookup on both APIs).
fn storage_link(s: &SimServer, id: u64) -> String {
    format!("{}/v2/storage/jobs/{id}", s.url())
}

fn queue_link(s: &SimServer, id: u64) -> String {
    format!("{}/jobs/{id}", s.queue_url())
}

#[test]
fn a_mixed_watch_exits_1_when_the_queue_job_fails_with_one_summary_of_both() {
    let s = server();
    s.sim().add_job(storage_job(301, 100, 300));
    s.sim().add_queue_job(queue_job(&s, 401, 200, 600, broke()));
    jobctl(&s)
        .args(["watch", &storage_link(&s, 301), &queue_link(&s, 401)])
        .args(["--progress", "plain", "--interval", "200ms"])
        .code(1)
        // One table of both, in argument order, with the columns both kinds have.
        .stdout_is("one table of both", |out| {
            let lines: Vec<&str> = out.lines().collect();
            lines.len() == 3
                && lines[0] == "ID\tKIND\tSTATUS\tWHAT\tDURATION\tMESSAGE"
                && lines[1].starts_with("301\tstorage\tsuccess\ttableImport in.c-main.orders\t")
                && lines[2].starts_with("401\tqueue\terror\tkeboola.ex-http 7\t")
                && lines[2].ends_with("\tIt broke")
        })
        // Plain lines of both kinds in one format: time, job, label, transition.
        .stderr_has("Z job 301 tableImport in.c-main.orders: waiting\n")
        .stderr_has("Z job 401 keboola.ex-http 7: ")
        .stderr_has("Z job 301 tableImport in.c-main.orders: processing -> success in ")
        .stderr_has(" -> error in ")
        .stderr_has(": It broke\n")
        .stderr_is("one summary line for both", |err| {
            err.matches("1 succeeded, 1 failed in ").count() == 1
        })
        .run();
}

#[test]
fn plain_lines_of_both_kinds_share_one_format() {
    let s = server();
    s.sim().add_job(storage_job(303, 0, 200));
    s.sim()
        .add_queue_job(queue_job(&s, 403, 0, 200, QueueOutcome::Success));
    let out = jobctl(&s)
        .args(["watch", &storage_link(&s, 303), &queue_link(&s, 403)])
        .args(["--progress", "plain", "--interval", "200ms", "-o", "json"])
        .stdout_any()
        .stderr_any()
        .run();
    let lines: Vec<&str> = out.stderr.lines().filter(|l| l.contains(" job ")).collect();
    assert!(lines.len() >= 4, "{lines:?}");
    for line in &lines {
        // `2026-12-07T19:28:11Z job ID LABEL: [FROM -> ]TO[ in D[: MESSAGE]]`
        let (time, rest) = line.split_once(' ').unwrap();
        assert!(time.len() == 20 && time.ends_with('Z'), "{line}");
        let rest = rest
            .strip_prefix("job ")
            .unwrap_or_else(|| panic!("{line}"));
        assert!(
            rest.starts_with("303 tableImport in.c-main.orders: ")
                || rest.starts_with("403 keboola.ex-http 7: "),
            "{line}"
        );
    }
    for id in ["303", "403"] {
        assert!(
            lines
                .iter()
                .any(|l| l.contains(&format!("job {id} ")) && l.contains("-> success in ")),
            "{lines:?}"
        );
    }
}

#[test]
fn a_mixed_watch_with_a_missing_id_exits_3_after_following_the_others() {
    let s = server();
    s.sim().add_job(storage_job(304, 0, 200));
    s.sim().add_queue_job(queue_job(&s, 404, 0, 200, broke()));
    // The queue job fails, the storage id 999 does not exist: the missing one outranks.
    jobctl(&s)
        .args([
            "watch",
            &storage_link(&s, 304),
            &storage_link(&s, 999),
            &queue_link(&s, 404),
        ])
        .args(["--progress", "none", "--interval", "200ms"])
        .code(3)
        .stdout_has("304\tstorage\tsuccess\t")
        .stdout_has("404\tqueue\terror\t")
        .stderr_eq("jobctl: error: job 999 not found\n")
        .run();
    // A missing queue id as well.
    jobctl(&s)
        .args(["watch", &storage_link(&s, 304), &queue_link(&s, 998)])
        .args(["--progress", "none"])
        .code(3)
        .stdout_has("ID:        304\nStatus:    success\n")
        .stderr_eq("jobctl: error: job 998 not found\n")
        .run();
}

#[test]
fn a_mixed_watch_times_out_with_124_naming_the_running_jobs_of_both_kinds() {
    let s = server();
    s.sim().hold_clock();
    s.sim().add_job(storage_job(305, 60_000, 1000));
    s.sim()
        .add_queue_job(queue_job(&s, 405, 60_000, 120_000, QueueOutcome::Success));
    jobctl(&s)
        .args(["watch", &storage_link(&s, 305), &queue_link(&s, 405)])
        .args(["--timeout", "300ms", "--progress", "none"])
        .code(124)
        .stdout_has("305\tstorage\twaiting\t")
        .stdout_has("405\tqueue\tcreated\t")
        .stderr_eq(
            "jobctl: timed out after 0.3s; still running: 305 (waiting), 405 (created); \
             the jobs keep running on the server\n",
        )
        .run();
    // --kill-on-timeout kills the queue job; the storage job cannot be killed.
    jobctl(&s)
        .args(["watch", &storage_link(&s, 305), &queue_link(&s, 405)])
        .args([
            "--timeout",
            "300ms",
            "--kill-on-timeout",
            "--progress",
            "none",
        ])
        .code(124)
        .stdout_any()
        .stderr_eq(
            "jobctl: timed out after 0.3s; killing 405\n\
             jobctl: 405: killed (now terminating)\n\
             jobctl: still running: 305 (waiting); storage jobs cannot be killed and keep \
             running on the server\n",
        )
        .run();
}

#[test]
fn a_mixed_watch_as_json_is_the_servers_bytes_in_argument_order() {
    let s = server();
    s.sim()
        .add_raw_job(22070936, &fixture("tableExport-success.json"));
    s.sim()
        .add_raw_queue_job(10441200, &fixture("queue/queue-standard-error.json"));
    let storage = storage_link(&s, 22070936);
    let queue = queue_link(&s, 10441200);
    let one = |link: &str| {
        let out = jobctl(&s)
            .args(["show", link, "-o", "json"])
            .stdout_any()
            .run();
        out.stdout.trim_end().to_owned()
    };
    let (storage_json, queue_json) = (one(&storage), one(&queue));
    assert!(
        storage_json.starts_with("{\"id\":22070936,"),
        "{storage_json}"
    );
    assert!(
        queue_json.starts_with("{\"id\":\"10441200\","),
        "{queue_json}"
    );
    jobctl(&s)
        .args([
            "watch",
            &queue,
            &storage,
            "-o",
            "json",
            "--progress",
            "none",
        ])
        .code(1)
        .stdout_eq(format!("[{queue_json},{storage_json}]\n"))
        .run();
    jobctl(&s)
        .args([
            "watch",
            &storage,
            &queue,
            "-o",
            "json",
            "--progress",
            "none",
        ])
        .code(1)
        .stdout_eq(format!("[{storage_json},{queue_json}]\n"))
        .run();
}

#[test]
fn a_mixed_watch_asks_each_api_once_a_tick() {
    let s = server();
    s.sim().hold_clock();
    for id in [306, 307] {
        s.sim().add_job(storage_job(id, 100, 300));
    }
    s.sim()
        .add_queue_job(queue_job(&s, 406, 100, 400, QueueOutcome::Success));
    let watch = jobctl(&s)
        .args([
            "watch",
            &storage_link(&s, 306),
            &storage_link(&s, 307),
            &queue_link(&s, 406),
        ])
        .args(["--progress", "none", "--interval", "200ms", "--no-history"])
        .stdout_has("306\tstorage\tsuccess\t")
        .stdout_has("406\tqueue\tsuccess\t")
        .spawn();
    // The discovery of the queue host, the first look and a few ticks, all still running.
    s.sim().wait_for_requests(12);
    s.sim().advance_clock(Duration::from_secs(5));
    watch.wait();
    let log = s.sim().requests();
    let count =
        |pred: &dyn Fn(&jobctl::sim::RequestRecord) -> bool| log.iter().filter(|r| pred(r)).count();
    let storage_ticks = count(&|r| r.path == "/v2/storage/jobs" && r.query.contains("=waiting"));
    let storage_finished = count(&|r| r.path == "/v2/storage/jobs" && r.query.contains("=success"));
    let storage_single = count(&|r| r.path.starts_with("/v2/storage/jobs/"));
    let queue_ticks = count(&|r| r.path == "/jobs/406");
    // One list request a tick for both storage jobs, never a request per job; the queue
    // job's detail once a tick. The clock may move between the two answers of a tick, so
    // one kind may need one tick more than the other.
    assert_eq!(storage_single, 0, "{log:?}");
    assert!(storage_ticks >= 5, "{storage_ticks} ticks");
    assert!(storage_ticks.abs_diff(queue_ticks) <= 1, "{log:?}");
    // The jobs that left the unfinished list are found in one list of finished jobs.
    assert!(storage_finished <= 1, "{log:?}");
    // At the end, the queue job's configuration name for the table (one request).
    let names = count(&|r| r.path.starts_with("/v2/storage/components/"));
    assert_eq!(names, 1, "{log:?}");
    assert_eq!(
        log.len(),
        1 + storage_ticks + storage_finished + queue_ticks + names,
        "{log:?}"
    );
}

#[test]
fn a_watch_of_a_bare_id_takes_the_lookups_answer_as_its_first_look() {
    let s = server();
    s.sim().hold_clock();
    s.sim().add_job(storage_job(311, 0, 0));
    s.sim().advance_clock(Duration::from_secs(1));
    jobctl(&s)
        .args(["watch", "311", "--progress", "none"])
        .stdout_has("ID:        311\nStatus:    success\n")
        .run();
    let log = s.sim().requests();
    // The lookup asked each API once; the watch asked nothing again of a finished job.
    let storage = log.iter().filter(|r| r.path == "/v2/storage/jobs/311");
    let queue = log.iter().filter(|r| r.path == "/jobs/311");
    assert_eq!((storage.count(), queue.count()), (1, 1), "{log:?}");
}

#[test]
fn a_watch_of_many_bare_ids_finds_them_with_lists_not_a_request_each() {
    let s = server();
    s.sim().hold_clock();
    let ids: Vec<u64> = (321..=330).collect();
    for &id in &ids {
        s.sim().add_job(storage_job(id, 0, 0));
    }
    s.sim()
        .add_queue_job(queue_job(&s, 331, 0, 0, QueueOutcome::Success));
    s.sim().advance_clock(Duration::from_secs(1));
    let mut args: Vec<String> = ids.iter().map(u64::to_string).collect();
    args.push("331".into());
    jobctl(&s)
        .arg("watch")
        .args(&args)
        .args(["--progress", "none", "--no-history"])
        .stdout_has("321\tstorage\tsuccess\t")
        .stdout_has("331\tqueue\tsuccess\t")
        .run();
    let log = s.sim().requests();
    let singles = |prefix: &str| -> Vec<&str> {
        log.iter()
            .filter(|r| r.path.starts_with(prefix) && r.path.len() > prefix.len())
            .map(|r| r.path.as_str())
            .collect()
    };
    // Storage: the lists of unfinished and of finished jobs hold the ten; only the id
    // they lack is asked singly. The queue: one search by id, then the detail of the one
    // job it holds, and no request for the ten the Storage API has.
    assert_eq!(
        singles("/v2/storage/jobs/"),
        ["/v2/storage/jobs/331"],
        "{log:?}"
    );
    assert_eq!(singles("/jobs/"), ["/jobs/331"], "{log:?}");
    let lists = log.iter().filter(|r| r.path == "/v2/storage/jobs").count();
    assert_eq!(lists, 2, "{log:?}");
    let searches: Vec<_> = log.iter().filter(|r| r.path == "/search/jobs").collect();
    assert_eq!(searches.len(), 1, "{log:?}");
    assert!(searches[0].query.contains("id%5B%5D=321"), "{log:?}");
}

#[test]
fn a_watched_queue_jobs_detail_links_its_ui_page_as_show_does() {
    let s = server();
    s.sim().hold_clock();
    s.sim()
        .add_queue_job(queue_job(&s, 341, 0, 0, QueueOutcome::Success));
    s.sim().advance_clock(Duration::from_secs(1));
    let page = format!("URL:       {}/admin/projects/66/queue/341\n", s.url());
    let shown = jobctl(&s)
        .args(["show", &queue_link(&s, 341)])
        .stdout_has(&page)
        .run();
    let watched = jobctl(&s)
        .args(["watch", &queue_link(&s, 341), "--progress", "none"])
        .stdout_has(&page)
        .run();
    assert_eq!(watched.stdout, shown.stdout);
}
