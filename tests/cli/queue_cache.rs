//! The cache of discovered Queue API hosts (`$XDG_CACHE_HOME/jobctl/queue-hosts.json`):
//! a second command asks the stack's index no more, and a cache that is stale or broken
//! costs one index request, never the command.

use jobctl::sim::{Fault, FaultKind, FaultTarget};

use super::*;

/// A server holding one raw queue job, 10441200.
fn serving_one() -> SimServer {
    let s = server();
    s.sim()
        .add_raw_queue_job(10441200, &fixture("queue/queue-standard-error.json"));
    s
}

fn paths(s: &SimServer) -> Vec<String> {
    s.sim().requests().iter().map(|r| r.path.clone()).collect()
}

fn show(s: &SimServer, cache: &TempDir) -> Out {
    jobctl(s)
        .args(["queue", "show", "10441200", "--jq", ".id", "--retries", "0"])
        .env("XDG_CACHE_HOME", cache.path())
        .stdout_eq("10441200\n")
        .run()
}

fn cache_file(cache: &TempDir) -> PathBuf {
    cache.path().join("jobctl/queue-hosts.json")
}

#[test]
fn a_second_command_finds_the_queue_host_in_the_cache() {
    let s = serving_one();
    let cache = TempDir::new("cache");
    show(&s, &cache);
    assert_eq!(paths(&s), ["/v2/storage", "/jobs/10441200"]);
    let text = std::fs::read_to_string(cache_file(&cache)).expect("a cache file");
    assert!(text.contains(&s.queue_url()), "{text}");
    assert!(!text.contains(TOKEN), "{text}");
    show(&s, &cache);
    jobctl(&s)
        .args(["queue", "list", "-n", "1", "--jq", ".[].id"])
        .env("XDG_CACHE_HOME", cache.path())
        .stdout_eq("10441200\n")
        .run();
    assert_eq!(
        paths(&s),
        [
            "/v2/storage",
            "/jobs/10441200",
            "/jobs/10441200",
            "/search/jobs"
        ]
    );
    // Another stack has an entry of its own.
    let other = serving_one();
    show(&other, &cache);
    assert_eq!(paths(&other), ["/v2/storage", "/jobs/10441200"]);
}

#[test]
fn a_stale_cached_host_is_found_again_and_replaced() {
    let s = serving_one();
    let cache = TempDir::new("cache");
    show(&s, &cache);
    // The cached host now points at a queue listener that is gone.
    let gone = server();
    let dead = gone.queue_url();
    drop(gone);
    let file = cache_file(&cache);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace(&s.queue_url(), &dead)).unwrap();
    // The default retries would wait; the cached host gets one try.
    jobctl(&s)
        .args(["queue", "show", "10441200", "--jq", ".id"])
        .env("XDG_CACHE_HOME", cache.path())
        .stdout_eq("10441200\n")
        .run();
    assert_eq!(
        paths(&s),
        [
            "/v2/storage",
            "/jobs/10441200",
            "/v2/storage",
            "/jobs/10441200"
        ]
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains(&s.queue_url()) && !text.contains(&dead),
        "{text}"
    );
    show(&s, &cache);
    assert_eq!(paths(&s).len(), 5, "{:?}", paths(&s));
}

#[test]
fn a_cached_host_that_is_no_queue_api_is_found_again() {
    let s = serving_one();
    let cache = TempDir::new("cache");
    show(&s, &cache);
    // A web server where the queue was: its 404 page is not the Queue API's own answer.
    let file = cache_file(&cache);
    let text = std::fs::read_to_string(&file).unwrap();
    let web = server();
    std::fs::write(&file, text.replace(&s.queue_url(), &web.queue_url())).unwrap();
    web.sim().push_fault(
        Fault::new(FaultKind::Status {
            code: 404,
            body: Some("<html>404 Not Found</html>".into()),
            retry_after: None,
        })
        .on(FaultTarget::Path("/jobs/10441200".into())),
    );
    show(&s, &cache);
    assert_eq!(paths(&web), ["/jobs/10441200"]);
    assert_eq!(
        paths(&s),
        [
            "/v2/storage",
            "/jobs/10441200",
            "/v2/storage",
            "/jobs/10441200"
        ]
    );
}

#[test]
fn a_broken_cache_file_is_no_cache() {
    let s = serving_one();
    let cache = TempDir::new("cache");
    let file = cache_file(&cache);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    for junk in ["", "{not json", "[]", r#"{"queue_hosts":{"x":1}}"#] {
        std::fs::write(&file, junk).unwrap();
        show(&s, &cache);
    }
    assert_eq!(paths(&s).iter().filter(|p| *p == "/v2/storage").count(), 4);
    show(&s, &cache);
    assert_eq!(paths(&s).iter().filter(|p| *p == "/v2/storage").count(), 4);
    // A cache folder that cannot be written is no cache either.
    let blocked = TempDir::new("blocked");
    std::fs::write(blocked.path().join("jobctl"), "a file, not a folder").unwrap();
    jobctl(&s)
        .args(["queue", "show", "10441200", "--jq", ".id"])
        .env("XDG_CACHE_HOME", blocked.path())
        .stdout_eq("10441200\n")
        .run();
}

#[test]
fn demo_mode_and_an_explicit_queue_host_leave_the_cache_alone() {
    let cache = TempDir::new("cache");
    jobctl_bare()
        .args(["--demo", "queue", "show", "1205330051", "--jq", ".status"])
        .env("XDG_CACHE_HOME", cache.path())
        .stdout_eq("error\n")
        .stderr_any()
        .run();
    let s = serving_one();
    jobctl(&s)
        .args(["queue", "show", "10441200", "--jq", ".id"])
        .args(["--queue-host", &s.queue_url()])
        .env("XDG_CACHE_HOME", cache.path())
        .stdout_eq("10441200\n")
        .run();
    assert!(!cache_file(&cache).exists());
}
