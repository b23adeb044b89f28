//! The on-disk caches, one entry per stack: discovered Queue API hosts
//! (`$XDG_CACHE_HOME/jobctl/queue-hosts.json`, else `~/.cache/jobctl/...`) and
//! configuration names (`config-names.json`), component ids seen (`components.json`, for
//! shell completion). Best effort throughout: a cache that is
//! missing, unreadable, malformed or unwritable is no cache, never an error. Holds URLs and
//! names only, never a token.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// An entry older than this is discovered again.
const MAX_AGE_SECS: i64 = 7 * 24 * 3600;
/// Stacks kept at most; the oldest entries go first.
const MAX_ENTRIES: usize = 64;

/// The cache file: stack base URL -> the queue host found for it, and when.
#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    #[serde(default)]
    queue_hosts: BTreeMap<String, HostEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct HostEntry {
    queue: String,
    /// Epoch seconds.
    saved: i64,
}

/// Where the cache lives, if anywhere.
#[derive(Debug, Clone)]
pub struct QueueHostCache {
    path: Option<PathBuf>,
}

impl QueueHostCache {
    /// `$XDG_CACHE_HOME/jobctl/queue-hosts.json`, else `~/.cache/jobctl/queue-hosts.json`;
    /// no cache when neither variable is set (a relative `XDG_CACHE_HOME` is ignored, as
    /// the XDG spec asks).
    pub fn from_env() -> QueueHostCache {
        QueueHostCache::at(path_from_env("queue-hosts.json"))
    }

    fn at(path: Option<PathBuf>) -> QueueHostCache {
        QueueHostCache { path }
    }

    /// The queue host cached for `stack`, unless it is older than a week.
    pub fn get(&self, stack: &str, now_secs: i64) -> Option<String> {
        let file = self.read()?;
        let entry = file.queue_hosts.get(stack)?;
        (now_secs - entry.saved < MAX_AGE_SECS && entry.saved <= now_secs)
            .then(|| entry.queue.clone())
    }

    /// Remembers `queue` for `stack`; failures are ignored (the next run asks again).
    pub fn put(&self, stack: &str, queue: &str, now_secs: i64) {
        let Some(path) = &self.path else { return };
        let mut file = self.read().unwrap_or_default();
        if file
            .queue_hosts
            .get(stack)
            .is_some_and(|e| e.queue == queue && now_secs - e.saved < MAX_AGE_SECS / 2)
        {
            return;
        }
        file.queue_hosts.insert(
            stack.to_owned(),
            HostEntry {
                queue: queue.to_owned(),
                saved: now_secs,
            },
        );
        while file.queue_hosts.len() > MAX_ENTRIES {
            let oldest = file
                .queue_hosts
                .iter()
                .min_by_key(|(_, e)| e.saved)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => file.queue_hosts.remove(&k),
                None => break,
            };
        }
        let _ = write(path, &file);
    }

    fn read(&self) -> Option<CacheFile> {
        let text = std::fs::read_to_string(self.path.as_ref()?).ok()?;
        serde_json::from_str(&text).ok()
    }
}

/// How long configuration names are trusted: a rename shows within the hour.
const NAMES_MAX_AGE_SECS: i64 = 3600;

/// The configuration names of each stack, kept for an hour.
#[derive(Debug, Clone)]
pub struct ConfigNameCache {
    path: Option<PathBuf>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct NamesFile {
    #[serde(default)]
    stacks: BTreeMap<String, NamesEntry>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct NamesEntry {
    /// `component/config` -> name.
    names: BTreeMap<String, String>,
    /// Epoch seconds.
    saved: i64,
}

impl ConfigNameCache {
    /// `$XDG_CACHE_HOME/jobctl/config-names.json`, as [`QueueHostCache::from_env`].
    pub fn from_env() -> ConfigNameCache {
        ConfigNameCache {
            path: path_from_env("config-names.json"),
        }
    }

    /// The names known for `stack` (`component/config` -> name), unless an hour old.
    pub fn get(&self, stack: &str, now_secs: i64) -> Option<BTreeMap<String, String>> {
        let text = std::fs::read_to_string(self.path.as_ref()?).ok()?;
        let file: NamesFile = serde_json::from_str(&text).ok()?;
        let entry = file.stacks.get(stack)?;
        (now_secs - entry.saved < NAMES_MAX_AGE_SECS && entry.saved <= now_secs)
            .then(|| entry.names.clone())
    }

    /// Remembers names of `stack`: `all` of them (the entry is replaced and dated now), or
    /// a few more (added to an entry that is still fresh, which keeps its date: no name is
    /// trusted for more than an hour after the entry began). Failures are ignored.
    pub fn put(&self, stack: &str, names: BTreeMap<String, String>, all: bool, now_secs: i64) {
        let Some(path) = &self.path else { return };
        let mut file: NamesFile = std::fs::read_to_string(path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        let entry = match file.stacks.remove(stack) {
            Some(mut old)
                if !all && now_secs - old.saved < NAMES_MAX_AGE_SECS && old.saved <= now_secs =>
            {
                old.names.extend(names);
                old
            }
            _ => NamesEntry {
                names,
                saved: now_secs,
            },
        };
        file.stacks.insert(stack.to_owned(), entry);
        while file.stacks.len() > MAX_ENTRIES {
            let oldest = file
                .stacks
                .iter()
                .min_by_key(|(_, e)| e.saved)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => file.stacks.remove(&k),
                None => break,
            };
        }
        let _ = write(path, &file);
    }
}

/// Component ids kept at most; those seen least recently go first.
const MAX_COMPONENTS: usize = 200;

/// The component ids jobctl has seen (jobs it started or listed), whatever the stack,
/// for shell completion: `$XDG_CACHE_HOME/jobctl/components.json`.
#[derive(Debug, Clone)]
pub struct ComponentCache {
    path: Option<PathBuf>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ComponentsFile {
    /// Component id -> when last seen (epoch seconds).
    #[serde(default)]
    components: BTreeMap<String, i64>,
}

impl ComponentCache {
    /// `$XDG_CACHE_HOME/jobctl/components.json`, as [`QueueHostCache::from_env`].
    pub fn from_env() -> ComponentCache {
        ComponentCache {
            path: path_from_env("components.json"),
        }
    }

    /// Every component id seen, in order.
    pub fn ids(&self) -> Vec<String> {
        self.read().components.into_keys().collect()
    }

    /// Remembers `ids` as seen at `now_secs`; writes only when one is new (or a day has
    /// passed since it was last seen), so that a command seeing the same few components
    /// costs no write. Ids that cannot be component ids are ignored; failures too.
    pub fn add(&self, ids: &[&str], now_secs: i64) {
        let Some(path) = &self.path else { return };
        let mut file = self.read();
        let mut changed = false;
        for id in ids.iter().filter(|id| is_component_id(id)) {
            let stale = file
                .components
                .get(*id)
                .is_none_or(|seen| now_secs - seen > 24 * 3600);
            if stale {
                file.components.insert((*id).to_owned(), now_secs);
                changed = true;
            }
        }
        if !changed {
            return;
        }
        while file.components.len() > MAX_COMPONENTS {
            let oldest = file
                .components
                .iter()
                .min_by_key(|(_, seen)| **seen)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => file.components.remove(&k),
                None => break,
            };
        }
        let _ = write(path, &file);
    }

    fn read(&self) -> ComponentsFile {
        self.path
            .as_ref()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }
}

impl ConfigNameCache {
    /// Every `component/config` named in the cache, whatever the stack and however old:
    /// what shell completion offers for `run`.
    pub fn targets(&self) -> Vec<String> {
        let Some(text) = self
            .path
            .as_ref()
            .and_then(|p| std::fs::read_to_string(p).ok())
        else {
            return Vec::new();
        };
        let file: NamesFile = serde_json::from_str(&text).unwrap_or_default();
        let mut targets: Vec<String> = file
            .stacks
            .into_values()
            .flat_map(|e| e.names.into_keys())
            .filter(|t| t.split('/').all(is_component_id))
            .collect();
        targets.sort();
        targets.dedup();
        targets
    }
}

/// Whether `id` could be a component (or configuration) id: what a shell may be offered
/// without quoting (`keboola.ex-http`, `kds-team.app-custom-python`, `503118`).
fn is_component_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

fn path_from_env(name: &str) -> Option<PathBuf> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    default_path(
        var("XDG_CACHE_HOME").as_deref(),
        var("HOME").as_deref(),
        name,
    )
}

fn default_path(xdg_cache_home: Option<&str>, home: Option<&str>, name: &str) -> Option<PathBuf> {
    match xdg_cache_home.filter(|x| Path::new(x).is_absolute()) {
        Some(xdg) => Some(Path::new(xdg).join("jobctl").join(name)),
        None => home
            .filter(|h| !h.is_empty())
            .map(|h| Path::new(h).join(".cache/jobctl").join(name)),
    }
}

/// Writes through a temporary file and a rename, so that a reader never sees half a file.
/// The temporary file is created new (never opened if anything, a planted link included,
/// is already at its name), readable by its owner only, under a name nobody can guess
/// beforehand; the rename replaces whatever is at `path` (a link itself, not its target).
fn write(path: &Path, file: &impl Serialize) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let text = serde_json::to_string_pretty(file).map_err(std::io::Error::other)? + "\n";
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("cache");
    let (tmp, mut out) = create_temp(dir, stem)?;
    let written = out.write_all(text.as_bytes()).and_then(|()| out.sync_all());
    drop(out);
    written
        .and_then(|()| std::fs::rename(&tmp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
}

/// A fresh file in `dir` with mode 0600, created with `O_CREAT | O_EXCL` (which never
/// follows a link): the process id, the time and a counter make its name; a name that is
/// taken (by chance or by a planted file) is skipped for the next.
fn create_temp(dir: &Path, stem: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut last = None;
    for _ in 0..16 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{stem}.{}.{nanos:09}.{n}.tmp", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

/// The cache folder, created readable by its owner only when it is missing.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_cache(name: &str) -> (PathBuf, QueueHostCache) {
        let dir = std::env::temp_dir().join(format!("jobctl-cache-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("jobctl/queue-hosts.json");
        (dir, QueueHostCache::at(Some(path)))
    }

    #[test]
    fn the_cache_dir_follows_xdg_then_home() {
        assert_eq!(
            default_path(Some("/x/cache"), Some("/home/u"), "queue-hosts.json"),
            Some(PathBuf::from("/x/cache/jobctl/queue-hosts.json"))
        );
        assert_eq!(
            default_path(Some("relative"), Some("/home/u"), "queue-hosts.json"),
            Some(PathBuf::from("/home/u/.cache/jobctl/queue-hosts.json"))
        );
        assert_eq!(default_path(None, None, "queue-hosts.json"), None);
    }

    #[test]
    fn names_are_kept_per_stack_for_an_hour() {
        let dir = std::env::temp_dir().join(format!("jobctl-names-{}", std::process::id()));
        let cache = ConfigNameCache {
            path: Some(dir.join("config-names.json")),
        };
        let now = 1_800_000_000;
        let names = BTreeMap::from([("c/1".to_owned(), "One".to_owned())]);
        cache.put("https://connection.a/", names.clone(), true, now);
        assert_eq!(cache.get("https://connection.a/", now + 3599), Some(names));
        assert_eq!(cache.get("https://connection.a/", now + 3600), None);
        assert_eq!(cache.get("https://connection.b/", now), None);
        // A few more names join the entry without making it younger.
        let more = BTreeMap::from([("c/2".to_owned(), "Two".to_owned())]);
        cache.put("https://connection.a/", more, false, now + 60);
        let got = cache.get("https://connection.a/", now + 3599).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(cache.get("https://connection.a/", now + 3600), None);
        // Once the entry is stale, what comes is a new entry.
        let late = BTreeMap::from([("c/3".to_owned(), "Three".to_owned())]);
        cache.put("https://connection.a/", late, false, now + 4000);
        assert_eq!(
            cache
                .get("https://connection.a/", now + 4001)
                .map(|n| n.len()),
            Some(1)
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn components_seen_are_kept_capped_and_written_only_when_new() {
        let dir = std::env::temp_dir().join(format!("jobctl-components-{}", std::process::id()));
        let path = dir.join("components.json");
        let cache = ComponentCache {
            path: Some(path.clone()),
        };
        let now = 1_800_000_000;
        assert!(cache.ids().is_empty());
        cache.add(
            &["keboola.ex-http", "bad id; rm -rf", "kds-team.app-x"],
            now,
        );
        assert_eq!(cache.ids(), ["kds-team.app-x", "keboola.ex-http"]);
        // Seen again within the day: nothing to write, the file keeps its (compact) bytes.
        let compact = r#"{"components":{"keboola.ex-http":1800000000}}"#;
        std::fs::write(&path, compact).unwrap();
        cache.add(&["keboola.ex-http"], now + 60);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), compact);
        let many: Vec<String> = (0..MAX_COMPONENTS + 5).map(|i| format!("c.{i}")).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        cache.add(&refs, now + 120);
        assert_eq!(cache.ids().len(), MAX_COMPONENTS);
        // A file that is not the cache is no cache.
        std::fs::write(&path, "garbage").unwrap();
        assert!(cache.ids().is_empty());
        let names = ConfigNameCache {
            path: Some(dir.join("config-names.json")),
        };
        let found = BTreeMap::from([
            ("keboola.ex-http/503118".to_owned(), "Rates".to_owned()),
            ("evil/$(x)".to_owned(), "No".to_owned()),
        ]);
        names.put("https://connection.a/", found, true, now);
        assert_eq!(names.targets(), ["keboola.ex-http/503118"]);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_host_is_kept_per_stack_for_a_week() {
        let (dir, cache) = temp_cache("week");
        let now = 1_800_000_000;
        assert_eq!(cache.get("https://connection.a/", now), None);
        cache.put("https://connection.a/", "https://queue.a/", now);
        cache.put("https://connection.b/", "https://queue.b/", now);
        assert_eq!(
            cache.get("https://connection.a/", now + 10).as_deref(),
            Some("https://queue.a/")
        );
        assert_eq!(
            cache.get("https://connection.b/", now).as_deref(),
            Some("https://queue.b/")
        );
        assert_eq!(cache.get("https://connection.a/", now + MAX_AGE_SECS), None);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_broken_file_is_no_cache_and_is_replaced() {
        let (dir, cache) = temp_cache("broken");
        let path = cache.path.clone().unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "{not json").unwrap();
        assert_eq!(cache.get("https://connection.a/", 1), None);
        cache.put("https://connection.a/", "https://queue.a/", 1);
        assert_eq!(
            cache.get("https://connection.a/", 2).as_deref(),
            Some("https://queue.a/")
        );
        let _ = std::fs::remove_dir_all(dir);
        // Nowhere to write: nothing happens.
        QueueHostCache::at(None).put("https://connection.a/", "https://queue.a/", 1);
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_written_new_private_and_never_through_a_planted_link() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let (dir, cache) = temp_cache("link");
        let path = cache.path.clone().unwrap();
        let folder = path.parent().unwrap();
        std::fs::create_dir_all(folder).unwrap();
        // Links planted where the old code wrote: its temporary name and the file itself.
        let victim = dir.join("victim");
        std::fs::write(&victim, "precious\n").unwrap();
        let planted = folder.join(format!(".queue-hosts.{}.tmp", std::process::id()));
        symlink(&victim, &planted).unwrap();
        symlink(&victim, &path).unwrap();
        cache.put("https://connection.a/", "https://queue.a/", 1);
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
        let meta = std::fs::symlink_metadata(&path).unwrap();
        assert!(meta.file_type().is_file(), "the cache is a file of its own");
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert_eq!(
            cache.get("https://connection.a/", 2).as_deref(),
            Some("https://queue.a/")
        );
        // No temporary file is left behind (the planted link stays untouched).
        let left: Vec<_> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert_eq!(left, [planted.file_name().unwrap().to_str().unwrap()]);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_oldest_stacks_make_room() {
        let (dir, cache) = temp_cache("room");
        for k in 0..(MAX_ENTRIES as i64 + 3) {
            cache.put(
                &format!("http://127.0.0.1:{k}/"),
                "http://127.0.0.1:1/",
                100 + k,
            );
        }
        let file = cache.read().unwrap();
        assert_eq!(file.queue_hosts.len(), MAX_ENTRIES);
        assert!(!file.queue_hosts.contains_key("http://127.0.0.1:0/"));
        assert!(file.queue_hosts.contains_key("http://127.0.0.1:66/"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
