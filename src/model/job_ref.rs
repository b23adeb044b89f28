//! What a user may give where a job is expected: a bare id, or a link copied from the UI or
//! printed by jobctl, which also fixes the job's kind and names its stack. Pure parsing and
//! the same-stack rule; no I/O.

use std::fmt;
use std::net::IpAddr;

/// The two kinds of job jobctl knows: the Storage API's asynchronous jobs and the Queue
/// API's component and flow jobs. Their id sequences are separate and can collide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    Storage,
    Queue,
}

impl JobKind {
    pub fn name(self) -> &'static str {
        match self {
            JobKind::Storage => "storage",
            JobKind::Queue => "queue",
        }
    }

    pub fn other(self) -> JobKind {
        match self {
            JobKind::Storage => JobKind::Queue,
            JobKind::Queue => JobKind::Storage,
        }
    }
}

/// A job as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRef {
    pub id: u64,
    /// Fixed by a link; `None` for a bare id (looked up on both APIs).
    pub kind: Option<JobKind>,
    /// The host of a link (`connection.keboola.com`, `queue.keboola.com`, `127.0.0.1`),
    /// lower-case, without the port.
    pub host: Option<String>,
}

impl fmt::Display for JobRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.id)
    }
}

const EXAMPLE_LINKS: &str = "https://connection.keboola.com/admin/projects/123/queue/1205330051, \
     https://queue.keboola.com/jobs/1205330051 or \
     https://connection.keboola.com/v2/storage/jobs/22077337";

impl JobRef {
    /// Parses a bare id (`22077337`) or a link: the UI's job page
    /// (`https://connection.<stack>/admin/projects/<project>/queue/<id>`, with anything after
    /// the id), a Storage API job URL (`.../v2/storage/jobs/<id>`, also under a branch) or a
    /// Queue API job URL (`https://queue.<stack>/jobs/<id>`).
    pub fn parse(s: &str) -> Result<JobRef, String> {
        let s = s.trim();
        if s.contains("://") {
            return link(s);
        }
        Ok(JobRef {
            id: bare_id(s)?,
            kind: None,
            host: None,
        })
    }
}

fn link(s: &str) -> Result<JobRef, String> {
    let bad = || format!("'{s}' is not a job link: expected one like {EXAMPLE_LINKS}");
    let url = url::Url::parse(s).map_err(|_| bad())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad());
    }
    let host = url.host_str().ok_or_else(bad)?.to_ascii_lowercase();
    let segments: Vec<&str> = url
        .path_segments()
        .map(|p| p.filter(|s| !s.is_empty()).collect())
        .unwrap_or_default();
    let (kind, id) = match segments.as_slice() {
        ["admin", "projects", _, "queue", id, ..] => (JobKind::Queue, *id),
        ["v2", "storage", "jobs", id] | ["v2", "storage", "branch", _, "jobs", id] => {
            (JobKind::Storage, *id)
        }
        ["jobs", id] => (JobKind::Queue, *id),
        _ => return Err(bad()),
    };
    let id = match id.parse::<u64>() {
        Ok(n) if n > 0 => n,
        _ => return Err(bad()),
    };
    Ok(JobRef {
        id,
        kind: Some(kind),
        host: Some(host),
    })
}

fn bare_id(s: &str) -> Result<u64, String> {
    match s.parse::<u64>() {
        Ok(0) => Err("job ids start at 1".into()),
        Ok(n) => Ok(n),
        Err(_) if s.starts_with('-') => Err(format!(
            "'{s}' is not a job id: ids are positive whole numbers"
        )),
        Err(_) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            Err(format!("'{s}' is too large to be a job id"))
        }
        Err(_) => Err(format!(
            "'{s}' is not a job id or link: ids are positive whole numbers, like 22077337; \
             links look like {EXAMPLE_LINKS}"
        )),
    }
}

/// Whether a link's host belongs to the stack whose Storage API is `storage_host` (and
/// whose Queue API, when known, is `queue_host`). A stack's hosts differ in their first
/// label only (`connection.` / `queue.` + the stack's domain); IP literals and `localhost`
/// (a simulator: one address, a port per API) must be the same address.
pub fn same_stack(link_host: &str, storage_host: &str, queue_host: Option<&str>) -> bool {
    let link_host = link_host.to_ascii_lowercase();
    let hosts = std::iter::once(storage_host).chain(queue_host);
    hosts.map(str::to_ascii_lowercase).any(|host| {
        if host == link_host {
            return true;
        }
        let literal =
            |h: &str| h == "localhost" || h.trim_matches(['[', ']']).parse::<IpAddr>().is_ok();
        if literal(&host) || literal(&link_host) {
            return false;
        }
        let domain = |h: &str| -> Option<String> {
            let (first, rest) = h.split_once('.')?;
            matches!(first, "connection" | "queue").then(|| rest.to_owned())
        };
        matches!((domain(&host), domain(&link_host)), (Some(a), Some(b)) if a == b)
    })
}

/// The page of queue job `id` in the Keboola UI, which a person can open:
/// `{stack}/admin/projects/{project}/queue/{id}`. `stack` is the Storage API's base URL
/// (`https://connection.keboola.com`). `None` without a project, or with one that is no
/// plain id (server text never shapes a path).
pub fn ui_page(stack: &str, project: Option<&str>, id: u64) -> Option<String> {
    let project =
        project.filter(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))?;
    Some(format!(
        "{}/admin/projects/{project}/queue/{id}",
        stack.trim_end_matches('/')
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(s: &str) -> (u64, Option<JobKind>, Option<String>) {
        let r = JobRef::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        (r.id, r.kind, r.host)
    }

    #[test]
    fn a_bare_id_has_no_kind() {
        assert_eq!(parsed("22077337"), (22077337, None, None));
        assert_eq!(parsed(" 42 "), (42, None, None));
    }

    #[test]
    fn the_ui_job_page_is_a_queue_job_whatever_follows_the_id() {
        let host = Some("connection.keboola.com".to_owned());
        for link in [
            "https://connection.keboola.com/admin/projects/123/queue/1205330051",
            "https://connection.keboola.com/admin/projects/123/queue/1205330051/",
            "https://connection.keboola.com/admin/projects/123/queue/1205330051/detail?tab=events",
            "https://connection.keboola.com/admin/projects/123/queue/1205330051#top",
            "HTTPS://Connection.Keboola.com/admin/projects/123/queue/1205330051",
        ] {
            assert_eq!(
                parsed(link),
                (1205330051, Some(JobKind::Queue), host.clone()),
                "{link}"
            );
        }
    }

    #[test]
    fn api_urls_fix_the_kind() {
        assert_eq!(
            parsed("https://connection.keboola.com/v2/storage/jobs/22077337"),
            (
                22077337,
                Some(JobKind::Storage),
                Some("connection.keboola.com".into())
            )
        );
        assert_eq!(
            parsed("https://connection.keboola.com/v2/storage/branch/42/jobs/7?x=1"),
            (
                7,
                Some(JobKind::Storage),
                Some("connection.keboola.com".into())
            )
        );
        assert_eq!(
            parsed("https://queue.eu-central-1.keboola.com/jobs/1205330051"),
            (
                1205330051,
                Some(JobKind::Queue),
                Some("queue.eu-central-1.keboola.com".into())
            )
        );
        assert_eq!(
            parsed("http://127.0.0.1:41234/jobs/5"),
            (5, Some(JobKind::Queue), Some("127.0.0.1".into()))
        );
    }

    #[test]
    fn bad_ids_and_links_say_what_is_expected() {
        for (input, says) in [
            ("0", "start at 1"),
            ("-3", "positive whole numbers"),
            ("99999999999999999999999", "too large"),
            ("abc", "not a job id or link"),
            ("", "not a job id or link"),
            (
                "https://connection.keboola.com/admin/projects/123",
                "not a job link",
            ),
            (
                "https://connection.keboola.com/v2/storage/jobs/x",
                "not a job link",
            ),
            (
                "https://connection.keboola.com/v2/storage/jobs/0",
                "not a job link",
            ),
            ("ftp://queue.keboola.com/jobs/1", "not a job link"),
            ("https://", "not a job link"),
        ] {
            let e = JobRef::parse(input).expect_err(input);
            assert!(e.contains(says), "{input}: {e}");
        }
    }

    #[test]
    fn a_queue_jobs_ui_page_is_a_link_jobctl_takes_back() {
        let page = ui_page("https://connection.keboola.com/", Some("66"), 7).unwrap();
        assert_eq!(
            page,
            "https://connection.keboola.com/admin/projects/66/queue/7"
        );
        assert_eq!(
            parsed(&page),
            (
                7,
                Some(JobKind::Queue),
                Some("connection.keboola.com".into())
            )
        );
        for odd in [None, Some(""), Some("6/../x"), Some("6?x")] {
            assert_eq!(ui_page("https://c", odd, 7), None, "{odd:?}");
        }
    }

    #[test]
    fn a_stack_is_its_hosts_after_the_first_label() {
        let storage = "connection.keboola.com";
        assert!(same_stack("connection.keboola.com", storage, None));
        assert!(same_stack("queue.keboola.com", storage, None));
        assert!(same_stack("Queue.Keboola.com", storage, None));
        assert!(!same_stack("queue.eu-central-1.keboola.com", storage, None));
        assert!(!same_stack("connection.evil.com", storage, None));
        assert!(!same_stack("keboola.com", storage, None));
        // A configured queue host counts whatever its name.
        assert!(same_stack(
            "jobs.example.net",
            storage,
            Some("jobs.example.net")
        ));
        // Addresses are compared whole (the simulator's two APIs share one).
        assert!(same_stack("127.0.0.1", "127.0.0.1", None));
        assert!(!same_stack("127.0.0.2", "127.0.0.1", None));
        assert!(!same_stack("connection.keboola.com", "127.0.0.1", None));
    }
}
