//! `jobctl watch` with earlier runs of the same kind in the simulator: the estimate it
//! says, the bar on a terminal, and the polls it saves (counted in the request log).

use jobctl::sim::{Anchor, JobSpec, QueueJobSpec, QueueOutcome};

use super::*;

const TABLE: &str = "in.c-main.orders";

fn now_secs() -> i64 {
    now_ms() / 1000
}

/// Finished tableImports into [`TABLE`] taking `took` seconds each, from id `first`,
/// the newest a minute ago.
fn history(s: &SimServer, first: u64, took: &[u64]) {
    let now = now_secs();
    for (k, &secs) in took.iter().enumerate() {
        let ago = 60 * (took.len() - k) as i64 + secs as i64;
        s.sim().add_job(
            JobSpec::success(first + k as u64, "tableImport")
                .table(TABLE)
                .waiting(Duration::from_secs(1))
                .processing(Duration::from_secs(secs - 1))
                .created_at(now - ago),
        );
    }
}

/// A live tableImport into [`TABLE`]: waits `w` ms, then processes `p` ms.
fn live(id: u64, w: u64, p: u64) -> JobSpec {
    JobSpec::success(id, "tableImport")
        .table(TABLE)
        .waiting(Duration::from_millis(w))
        .processing(Duration::from_millis(p))
}

/// The detail requests of job `id`, and the list requests of earlier runs.
fn counts(s: &SimServer, id: u64) -> (usize, usize) {
    let log = s.sim().requests();
    let path = format!("/v2/storage/jobs/{id}");
    let details = log.iter().filter(|r| r.path == path).count();
    let lists = log
        .iter()
        .filter(|r| r.path == "/v2/storage/jobs" && r.query.contains("status%5B%5D=success"))
        .count();
    (details, lists)
}

#[test]
fn watch_says_the_estimate_once_and_polls_less_around_the_expected_end() {
    let s = server();
    history(&s, 1, &[5, 4, 6, 5, 5]);
    s.sim().add_job(live(100, 1000, 4000));
    jobctl(&s)
        .args([
            "watch",
            "--kind",
            "storage",
            "100",
            "--progress",
            "plain",
            "-o",
            "json",
            "--jq",
            ".status",
        ])
        .stdout_has("success\n")
        .stderr_has("the last 5 runs took 4s-6s, median 5s: expect it in ~5s")
        .stderr_has("processing -> success")
        .run();
    let (details, lists) = counts(&s, 100);
    assert_eq!(lists, 1);
    // The first look, the early look at 1 s, and a grid 1.3 s apart through 5 s: about
    // 4 (the job's clock reads in whole seconds); without history it costs 9.
    assert!((3..=5).contains(&details), "{details} detail requests");
}

#[test]
fn watch_without_history_or_with_no_history_flag_costs_no_list() {
    let s = server();
    history(&s, 1, &[5, 5]);
    s.sim().add_job(live(100, 100, 400));
    jobctl(&s)
        .args(["watch", "100", "--progress", "plain"])
        .stdout_has("Status:    success\n")
        .stderr_has("-> success")
        .run();
    // Two runs are too few for an estimate: one list asked, nothing said.
    let out = jobctl(&s)
        .args(["watch", "100", "--progress", "plain"])
        .stdout_any()
        .stderr_any()
        .run();
    assert!(!out.stderr.contains("runs took"), "{}", out.stderr);
    history(&s, 10, &[5, 5, 5]);
    s.sim().add_job(live(101, 100, 400));
    let out = jobctl(&s)
        .args(["watch", "101", "--no-history", "--progress", "plain"])
        .stdout_has("Status:    success\n")
        .stderr_any()
        .run();
    assert!(!out.stderr.contains("runs took"), "{}", out.stderr);
    assert_eq!(counts(&s, 101).1, 1, "--no-history lists nothing");
}

#[test]
fn watch_says_when_the_runs_are_too_varied_to_go_by() {
    let s = server();
    history(&s, 1, &[2, 10, 30, 5, 60]);
    s.sim().add_job(live(100, 100, 400));
    jobctl(&s)
        .args(["watch", "100", "--progress", "plain"])
        .stdout_has("Status:    success\n")
        .stderr_has(
            "the last 5 runs took 2s-1m 00s, median 10s: too varied to tell when this one ends",
        )
        .stderr_has("-> success")
        .run();
}

#[test]
fn watch_with_history_catches_a_job_failing_in_its_first_second() {
    let s = server();
    history(&s, 1, &[60, 58, 62, 61, 59]);
    s.sim().add_job(
        live(100, 100, 400).fails("csvImport.columnsNotMatch", "Some columns are missing"),
    );
    jobctl(&s)
        .args(["watch", "--kind", "storage", "100", "--progress", "plain"])
        .code(1)
        .stdout_has("Status:    error\n")
        .stderr_has("median 1m 00s: expect it in ~")
        .stderr_has("-> error")
        .run();
    // The first look saw it running; the early look (at 1 s) saw it failed: nothing
    // in between, and no wait for the minute its runs take.
    assert_eq!(counts(&s, 100), (2, 1));
}

#[test]
fn watch_draws_a_bar_with_what_is_left_on_a_terminal() {
    let s = server();
    history(&s, 1, &[30, 29, 31, 30, 30]);
    s.sim().add_job(live(100, 1000, 29_000));
    let mut term = Term::start(interactive(&s, 100, 20, "", "watch 100").code(130));
    let live = term.wait_for("left, from the last 5 runs");
    let line = live
        .lines()
        .find(|l| l.contains(" 100  tableImp"))
        .unwrap_or_default();
    assert!(line.contains("░ ~"), "{live}");
    assert!(line.chars().count() <= 100, "{live}");
    term.keys(Key::CTRL_C);
    term.wait();
}

#[test]
fn queue_watch_estimates_from_the_same_component_and_config() {
    let s = server();
    let now_ms = now_secs() * 1000;
    for k in 0..5 {
        let ago = 600_000 * (5 - k);
        s.sim().add_queue_job(
            QueueJobSpec::standard(
                900 + k as u64,
                "keboola.ex-http",
                "7",
                Anchor::Fixed(now_ms - ago),
            )
            .times(0, 1000, 5000)
            .outcome(QueueOutcome::Success),
        );
    }
    // Another config of the same component: not a run of the watched job.
    s.sim().add_queue_job(
        QueueJobSpec::standard(950, "keboola.ex-http", "8", Anchor::Fixed(now_ms - 60_000))
            .times(0, 1000, 50_000)
            .outcome(QueueOutcome::Success),
    );
    s.sim().add_queue_job(
        QueueJobSpec::standard(990, "keboola.ex-http", "7", Anchor::Live)
            .times(0, 1000, 5000)
            .outcome(QueueOutcome::Success),
    );
    jobctl(&s)
        .args(["queue", "watch", "990", "--progress", "plain"])
        .stdout_any()
        .stderr_has("990 keboola.ex-http 7: the last 5 runs took 5s each: expect it in ~")
        .stderr_has("success")
        .run();
    let log = s.sim().requests();
    let polls = log.iter().filter(|r| r.path.ends_with("/jobs/990")).count();
    let searches: Vec<_> = log
        .iter()
        .filter(|r| r.path.ends_with("/search/jobs") && r.query.contains("success"))
        .collect();
    assert_eq!(searches.len(), 1, "{log:#?}");
    // The first look, the early look, and the grid through 5 s; without history, 9.
    assert!((3..=5).contains(&polls), "{polls} polls: {log:#?}");
}
