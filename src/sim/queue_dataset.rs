//! The demo's Queue API jobs: flows with phases and tasks whose component jobs started
//! storage jobs (their `runId` is the task's plain id), a nightly flow that failed because
//! a table import failed, live flows to watch and a long job to kill. Deterministic from
//! the anchor time alone.

use std::fmt::Display;

use serde_json::{Value, json};

use crate::model::Metrics;
use crate::sim::dataset::{columns_of, import_params, import_success};
use crate::sim::job::{Creator, JobSpec};
use crate::sim::queue::{Anchor, QueueJobSpec, QueueOutcome};

/// Ids of the demo's queue jobs worth pointing at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoQueue {
    /// Last night's flow, failed in its second phase by a table import.
    pub failed_flow: u64,
    /// The night before: the same flow, 3 phases and 10 tasks, all green.
    pub good_flow: u64,
    /// Flows whose clocks start with the first queue request: one that succeeds, one
    /// that ends in `warning`.
    pub live_flows: Vec<u64>,
    /// A component job that runs for an hour: one to kill.
    pub long_job: u64,
    /// A finished Snowflake extraction whose log holds more than 10,000 events
    /// ([`LONG_LOG_LINES`] lines of progress): more than one page of the events API.
    pub long_log: u64,
}

/// How many progress lines the demo's long log has on top of its usual few.
pub(crate) const LONG_LOG_LINES: usize = 12_000;

pub(crate) struct QueueDemo {
    pub(crate) jobs: Vec<QueueJobSpec>,
    pub(crate) storage_jobs: Vec<JobSpec>,
    pub(crate) ids: DemoQueue,
}

/// Queue ids of the demo; storage jobs the tasks started get ids from `STORAGE_BASE`.
const QUEUE_BASE: u64 = 1_205_330_000;
/// Provisional: the demo numbers its storage jobs by creation time once all are built.
const STORAGE_BASE: u64 = 386_515_000;
const FLOW_COMPONENT: &str = "keboola.orchestrator";
const FLOW_CONFIG: &str = "55512";
const HOUR_MS: i64 = 3_600_000;

/// The names of the demo's configurations (the Storage API's components endpoint serves
/// them; a flow's tasks carry them as their names).
pub(crate) const CONFIG_NAMES: [(&str, &str, &str); 14] = [
    (FLOW_COMPONENT, FLOW_CONFIG, "Nightly load"),
    (
        "keboola.ex-db-snowflake",
        "987654321",
        "Orders from Snowflake",
    ),
    ("keboola.ex-salesforce-v2", "774102", "CRM contacts"),
    ("keboola.ex-google-analytics-v4", "661290", "Web traffic"),
    ("keboola.ex-http", "503118", "Exchange rates"),
    ("keboola.ex-google-drive", "774411", "Customers sheet"),
    ("keboola.ex-db-mysql", "120934", "Order items from MySQL"),
    ("keboola.ex-aws-s3", "448120", "Pageview exports"),
    ("keboola.ex-ftp", "310552", "Partner feed"),
    (
        "keboola.snowflake-transformation",
        "1180023",
        "Daily revenue",
    ),
    ("keboola.python-transformation-v2", "1180022", "Churn model"),
    ("keboola.wr-google-sheets", "220871", "Revenue sheet"),
    ("kds-team.app-custom-python", "330912", "Slack alerts"),
    ("keboola.wr-db-snowflake", "880017", "Warehouse writer"),
];

fn config_name(component: &str, config: &str) -> String {
    CONFIG_NAMES
        .iter()
        .find(|(c, id, _)| *c == component && *id == config)
        .map_or_else(
            || format!("{component} {config}"),
            |(_, _, n)| (*n).to_owned(),
        )
}

/// One task of a phase: a component run that imports `tables`; `fails` makes the import of
/// its last table fail (and the task with it).
struct Task {
    component: &'static str,
    config: &'static str,
    secs: i64,
    tables: &'static [&'static str],
    fails: bool,
}

const fn task(
    component: &'static str,
    config: &'static str,
    secs: i64,
    tables: &'static [&'static str],
) -> Task {
    Task {
        component,
        config,
        secs,
        tables,
        fails: false,
    }
}

const EXTRACT: [Task; 4] = [
    task(
        "keboola.ex-db-snowflake",
        "987654321",
        165,
        &["in.c-main.orders", "in.c-main.order_items"],
    ),
    task(
        "keboola.ex-salesforce-v2",
        "774102",
        94,
        &["in.c-crm.contacts"],
    ),
    task(
        "keboola.ex-google-analytics-v4",
        "661290",
        121,
        &["in.c-events.pageviews"],
    ),
    task("keboola.ex-http", "503118", 12, &[]),
];

const LOAD_OK: [Task; 4] = [
    task(
        "keboola.ex-google-drive",
        "774411",
        48,
        &["in.c-crm.customers"],
    ),
    task(
        "keboola.ex-db-mysql",
        "120934",
        77,
        &["in.c-main.order_items"],
    ),
    task(
        "keboola.ex-aws-s3",
        "448120",
        35,
        &["in.c-events.pageviews"],
    ),
    task("keboola.ex-ftp", "310552", 21, &[]),
];

const LOAD_FAILING: [Task; 4] = [
    Task {
        fails: true,
        ..task(
            "keboola.ex-google-drive",
            "774411",
            52,
            &["in.c-crm.customers"],
        )
    },
    task(
        "keboola.ex-db-mysql",
        "120934",
        81,
        &["in.c-main.order_items"],
    ),
    task(
        "keboola.ex-aws-s3",
        "448120",
        33,
        &["in.c-events.pageviews"],
    ),
    task("keboola.ex-ftp", "310552", 19, &[]),
];

const TRANSFORM: [Task; 2] = [
    task(
        "keboola.snowflake-transformation",
        "1180023",
        240,
        &["out.c-reports.daily_revenue"],
    ),
    task(
        "keboola.python-transformation-v2",
        "1180022",
        82,
        &["out.c-reports.churn"],
    ),
];

/// Builds flows, numbering queue and storage jobs as it goes.
struct Builder {
    jobs: Vec<QueueJobSpec>,
    storage: Vec<JobSpec>,
    next_id: u64,
    next_storage: u64,
}

impl Builder {
    fn id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// A flow created at `anchor` running `phases` one after another; it stops at the
    /// first phase that fails (`behavior.onError: stop`). Returns the flow's id.
    fn flow(&mut self, anchor: Anchor, phases: &[(&str, &[Task])], storage_jobs: bool) -> u64 {
        let id = self.id();
        let mut flow = QueueJobSpec::standard(id, FLOW_COMPONENT, FLOW_CONFIG, anchor);
        flow.job_type = "orchestrationContainer".to_owned();
        flow.on_error = Some("stop".to_owned());
        flow.token_id = "7455".to_owned();
        flow.token_description = "[_internal] Scheduler".to_owned();
        flow.message = "Orchestration finished.".to_owned();
        let mut t = 2_000;
        let mut failed_phase = None;
        let mut children = Vec::new();
        // The flow's result names its phases and tasks, as the real one does.
        let (mut plan_phases, mut plan_tasks) = (Vec::new(), Vec::new());
        for (k, (name, tasks)) in phases.iter().enumerate() {
            let phase_id = self.id();
            let mut phase =
                QueueJobSpec::standard(phase_id, FLOW_COMPONENT, FLOW_CONFIG, anchor).under(&flow);
            phase.job_type = "phaseContainer".to_owned();
            phase.on_error = Some("stop".to_owned());
            phase.phase_id = Some((k + 1).to_string());
            phase.orchestration_job_id = Some(id);
            phase.message = format!("Phase \"{name}\" finished.");
            let phase_start = t + 1_000;
            let mut phase_end = phase_start;
            let mut failed_task = None;
            let mut tasks_of = Vec::new();
            for (n, task) in tasks.iter().enumerate() {
                let task_id = self.id();
                let start = phase_start + 1_500 + n as i64 * 700;
                let mut end = start + task.secs * 1000;
                let mut job = QueueJobSpec::standard(task_id, task.component, task.config, anchor)
                    .under(&phase);
                job.orchestration_job_id = Some(id);
                job.orchestration_task_id = Some(format!("{}", 100 + k * 10 + n));
                job.output_tables = task.tables.iter().map(|t| (*t).to_owned()).collect();
                job.input_bytes = 0;
                job.output_bytes = 1_048_576 * (task.tables.len() as u64) * 3;
                if storage_jobs && let Anchor::Fixed(a) = anchor {
                    let failure = self.imports(task, task_id, a + start, a + end);
                    if let Some((message, storage_end_ms)) = failure {
                        end = storage_end_ms - a + 2_000;
                        job.output_tables.pop();
                        job.outcome = QueueOutcome::Error {
                            message,
                            user: true,
                        };
                        failed_task = Some((task_id, task.component, task.config));
                    }
                } else if task.fails {
                    job.outcome = QueueOutcome::Error {
                        message: "Column \"country\" not found in the source file".to_owned(),
                        user: true,
                    };
                    failed_task = Some((task_id, task.component, task.config));
                }
                plan_tasks.push(json!({
                    "id": job.orchestration_task_id,
                    "name": config_name(task.component, task.config),
                    "type": "job",
                    "jobId": task_id.to_string(),
                    "phase": (k + 1).to_string(),
                    "status": if job.outcome == QueueOutcome::Success { "success" } else { "error" },
                    "component": task.component,
                }));
                tasks_of.push(job.times(phase_start + 1_000, start, end));
                phase_end = phase_end.max(end);
            }
            phase_end += 1_000;
            let phase_id = (k + 1).to_string();
            failed_phase = end_phase(&mut phase, (&phase_id, name), failed_task, &mut plan_phases);
            children.push(phase.times(t, phase_start, phase_end));
            children.extend(tasks_of);
            t = phase_end;
            if failed_phase.is_some() {
                break;
            }
        }
        fail_flow(&mut flow, failed_phase);
        flow.plan = Some(json!({"phases": plan_phases, "tasks": plan_tasks}));
        self.jobs.push(flow.times(0, 1_500, t + 1_000));
        self.jobs.extend(children);
        id
    }

    /// The tableImports a task ran between `start` and `end` (epoch ms), `runId` the
    /// task's id. A failing task's last import fails: its message and end come back.
    fn imports(
        &mut self,
        task: &Task,
        task_id: u64,
        start: i64,
        end: i64,
    ) -> Option<(String, i64)> {
        let count = task.tables.len() as i64;
        let mut failure = None;
        for (k, table) in task.tables.iter().enumerate() {
            self.next_storage += 1;
            let sid = self.next_storage;
            let span = (end - start) / (count + 1);
            let created = start + span * (k as i64 + 1) - 3_000;
            let last = k as i64 == count - 1;
            let spec = if task.fails && last {
                let columns = columns_of(table);
                let missing = columns.last().copied().unwrap_or("id");
                let text = format!(
                    "Some columns are missing in the csv file. Missing columns: {missing}. \
                     Expected columns: {}. Please check if the expected delimiter \",\" is \
                     used in the csv file.",
                    columns.join(",")
                );
                failure = Some((
                    format!("Failed to import table \"{table}\": {text}"),
                    created + 4_000,
                ));
                JobSpec::success(sid, "tableImport")
                    .table(table)
                    .params(import_params(sid / 7, true, "main"))
                    .results(json!({"missingColumns": [missing], "expectedColumns": columns}))
                    .metrics(Metrics {
                        in_bytes: 2_113,
                        in_bytes_uncompressed: 2_113,
                        ..Metrics::default()
                    })
                    .fails("csvImport.columnsNotMatch", &text)
            } else {
                import_success(sid, table, 12_000 + sid % 1000, 4_000_000 + sid % 997)
            };
            self.storage.push(
                spec.run_id(&task_id.to_string())
                    .creator(Creator::described("7455", "[_internal] Scheduler"))
                    .waiting(std::time::Duration::from_secs(1))
                    .processing(std::time::Duration::from_secs(3))
                    .created_at(created.div_euclid(1000)),
            );
        }
        failure
    }
}

/// The demo's queue jobs around `now_ms`.
pub(crate) fn demo(now_ms: i64) -> QueueDemo {
    let mut b = Builder {
        jobs: Vec::new(),
        storage: Vec::new(),
        next_id: QUEUE_BASE,
        next_storage: STORAGE_BASE,
    };
    // Nightly at 02:00 UTC: the night before last all green, last night red. Last night's
    // run is at least 3 hours old, older than the historic storage jobs of the last hours
    // (the failed import among them), whatever the time of day: the demo's storage ids
    // follow creation time, and those the docs name stay put.
    let today = now_ms - now_ms.rem_euclid(24 * HOUR_MS);
    let last_night = if now_ms - today > 5 * HOUR_MS {
        today + 2 * HOUR_MS
    } else {
        today - 22 * HOUR_MS
    };
    let long_log = standalone(&mut b, last_night - 30 * HOUR_MS);
    let good_flow = b.flow(
        Anchor::Fixed(last_night - 24 * HOUR_MS),
        &[
            ("Extract", &EXTRACT),
            ("Load", &LOAD_OK),
            ("Transform", &TRANSFORM),
        ],
        true,
    );
    let failed_flow = b.flow(
        Anchor::Fixed(last_night),
        &[
            ("Extract", &EXTRACT),
            ("Load", &LOAD_FAILING),
            ("Transform", &TRANSFORM),
        ],
        true,
    );
    b.next_id = QUEUE_BASE + 5_000;
    let live_ok = b.flow(
        Anchor::Live,
        &[
            (
                "Extract",
                &[
                    task("keboola.ex-db-snowflake", "987654321", 3, &[]),
                    task("keboola.ex-http", "503118", 2, &[]),
                ],
            ),
            (
                "Transform",
                &[task("keboola.snowflake-transformation", "1180023", 2, &[])],
            ),
        ],
        false,
    );
    let live_warning = {
        let id = b.flow(
            Anchor::Live,
            &[(
                "Extract",
                &[
                    task("keboola.ex-salesforce-v2", "774102", 2, &[]),
                    Task {
                        fails: true,
                        ..task("keboola.ex-google-drive", "774411", 3, &[])
                    },
                ],
            )],
            false,
        );
        // A flow whose phase lets a failed task through ends in warning.
        for job in b
            .jobs
            .iter_mut()
            .filter(|j| j.id == id || j.parent_run_id == id.to_string())
        {
            job.on_error = Some("warning".to_owned());
            if job.job_type != "standard" && job.outcome != QueueOutcome::Success {
                job.outcome = QueueOutcome::Warning(
                    "Finished with a failed task: 1 of 2 tasks ended in error.".to_owned(),
                );
            }
        }
        id
    };
    let long_job = b.id();
    b.jobs.push(
        QueueJobSpec::standard(long_job, "keboola.wr-db-snowflake", "880017", Anchor::Live)
            .times(0, 2_000, HOUR_MS),
    );
    // Flows to re-run: failed in the first, middle and last phase, and one all green.
    b.jobs.extend(crate::sim::flows::rerun_flows(now_ms));
    QueueDemo {
        jobs: b.jobs,
        storage_jobs: b.storage,
        ids: DemoQueue {
            failed_flow,
            good_flow,
            live_flows: vec![live_ok, live_warning],
            long_job,
            long_log,
        },
    }
}

/// Component jobs run by hand over a day and a half before `from` (epoch ms): a few per
/// component, some failed, for `queue list`. Returns the id of the first Snowflake
/// extraction, the one with the long log.
fn standalone(b: &mut Builder, from: i64) -> u64 {
    const RUNS: [(&str, &str, Option<&str>); 6] = [
        (
            "keboola.python-transformation-v2",
            "1180022",
            Some("Script file /data/script.py failed: KeyError: 'customer_id'"),
        ),
        ("keboola.ex-db-snowflake", "987654321", None),
        ("keboola.wr-google-sheets", "220871", None),
        (
            "keboola.snowflake-transformation",
            "1180023",
            Some("SQL compilation error: invalid identifier 'REVENUE_EUR'"),
        ),
        ("keboola.ex-salesforce-v2", "774102", None),
        ("kds-team.app-custom-python", "330912", None),
    ];
    let mut long_log = 0;
    for k in 0..36_i64 {
        let (component, config, error) = RUNS[(k % 6) as usize];
        let id = b.id();
        if k == 1 {
            long_log = id;
        }
        let created = from + k * HOUR_MS;
        let fails = error.is_some() && k % 4 == 0;
        let mut job = QueueJobSpec::standard(id, component, config, Anchor::Fixed(created)).times(
            0,
            3_000 + (k % 5) * 1_000,
            20_000 + (k % 7) * 15_000,
        );
        if fails {
            job = job.outcome(QueueOutcome::Error {
                message: error.unwrap_or_default().to_owned(),
                user: k % 8 == 0,
            });
        }
        b.jobs.push(job);
    }
    long_log
}

/// Generated queue jobs have ids `GENERATED_QUEUE_BASE + 1 ..= GENERATED_QUEUE_BASE + n`.
pub const GENERATED_QUEUE_BASE: u64 = 1_000_000_000;

/// `n` finished component jobs created over the 30 days before `now_ms`, oldest first,
/// deterministic from `seed` and the anchor: the components of the demo's hand-run jobs,
/// about one in ten failed (with that component's message, the user's fault or not).
pub(crate) fn generated(n: usize, seed: u64, now_ms: i64) -> Vec<QueueJobSpec> {
    const RUNS: [(&str, &str, &str); 6] = [
        (
            "keboola.python-transformation-v2",
            "1180022",
            "Script file /data/script.py failed: KeyError: 'customer_id'",
        ),
        (
            "keboola.ex-db-snowflake",
            "987654321",
            "Connection to \"acme.snowflakecomputing.com\" timed out",
        ),
        (
            "keboola.wr-google-sheets",
            "220871",
            "The caller does not have permission",
        ),
        (
            "keboola.snowflake-transformation",
            "1180023",
            "SQL compilation error: invalid identifier 'REVENUE_EUR'",
        ),
        (
            "keboola.ex-salesforce-v2",
            "774102",
            "INVALID_SESSION_ID: Session expired or invalid",
        ),
        (
            "kds-team.app-custom-python",
            "330912",
            "Traceback (most recent call last): ValueError",
        ),
    ];
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x51_7CC1_B727_220A);
    let span = 30 * 24 * HOUR_MS;
    let step = (span / n.max(1) as i64).max(1);
    (0..n as u64)
        .map(|k| {
            let (component, config, error) = RUNS[rng.usize(..RUNS.len())];
            let created = now_ms - span - HOUR_MS + k as i64 * step;
            let start = rng.i64(2_000..30_000);
            let end = start + rng.i64(5_000..900_000);
            let id = GENERATED_QUEUE_BASE + k + 1;
            let mut job = QueueJobSpec::standard(id, component, config, Anchor::Fixed(created))
                .times(0, start, end);
            job.input_bytes = rng.u64(0..50_000_000);
            job.output_bytes = rng.u64(0..50_000_000);
            if rng.u8(..10) == 0 {
                job = job.outcome(QueueOutcome::Error {
                    message: error.to_owned(),
                    user: rng.bool(),
                });
            }
            job
        })
        .collect()
}

/// Ends a simulated flow's phase: a failed task fails it with the message a real flow
/// writes, and the phase's entry (`id`, `name`, status) goes into the flow's
/// `result.phases`. Returns the phase's name when it failed.
pub(crate) fn end_phase(
    phase: &mut QueueJobSpec,
    (id, name): (&str, &str),
    failed_task: Option<(impl Display, impl Display, impl Display)>,
    plan_phases: &mut Vec<Value>,
) -> Option<String> {
    let failed = failed_task.map(|(task_id, component, config)| {
        phase.outcome = QueueOutcome::Error {
            message: format!("Task {task_id} ({component}, config {config}) failed."),
            user: true,
        };
        name.to_owned()
    });
    plan_phases.push(json!({
        "id": id,
        "name": name,
        "status": if phase.outcome == QueueOutcome::Success { "success" } else { "error" },
    }));
    failed
}

/// A simulated flow whose phase failed fails with the message a real flow writes.
pub(crate) fn fail_flow(flow: &mut QueueJobSpec, failed_phase: Option<impl Display>) {
    if let Some(name) = failed_phase {
        flow.outcome = QueueOutcome::Error {
            message: format!("Phase \"{name}\" failed."),
            user: true,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_failed_flow_stops_at_the_phase_whose_import_failed() {
        let d = demo(1_764_000_000_000);
        let children = |run_id: &str| -> Vec<&QueueJobSpec> {
            d.jobs
                .iter()
                .filter(|j| j.parent_run_id == run_id)
                .collect()
        };
        let flow = d.jobs.iter().find(|j| j.id == d.ids.failed_flow).unwrap();
        assert!(matches!(flow.outcome, QueueOutcome::Error { .. }));
        let phases = children(&flow.run_id);
        assert_eq!(phases.len(), 2);
        let load = phases[1];
        assert!(matches!(load.outcome, QueueOutcome::Error { .. }));
        let tasks = children(&load.run_id);
        assert_eq!(tasks.len(), 4);
        let failed: Vec<_> = tasks
            .iter()
            .filter(|t| matches!(t.outcome, QueueOutcome::Error { .. }))
            .collect();
        assert_eq!(failed.len(), 1);
        let imports: Vec<_> = d
            .storage_jobs
            .iter()
            .filter(|s| s.run_id.as_deref() == Some(&failed[0].id.to_string()))
            .collect();
        assert_eq!(imports.len(), 1);
        assert!(imports[0].failure.is_some());
        // Each task's storage jobs ran inside its window.
        let (_, start, end) = failed[0].abs(0);
        let created = imports[0].created_at.unwrap() * 1000;
        assert!(start <= created && created + 4_000 <= end);
    }

    #[test]
    fn the_good_flow_has_three_phases_and_ten_tasks() {
        let d = demo(1_764_000_000_000);
        let flow = d.jobs.iter().find(|j| j.id == d.ids.good_flow).unwrap();
        let phases: Vec<_> = d
            .jobs
            .iter()
            .filter(|j| j.parent_run_id == flow.run_id)
            .collect();
        assert_eq!(phases.len(), 3);
        let tasks = d
            .jobs
            .iter()
            .filter(|j| phases.iter().any(|p| p.run_id == j.parent_run_id))
            .count();
        assert_eq!(tasks, 10);
        let prefix = format!("{}.", flow.run_id);
        assert!(
            d.jobs
                .iter()
                .filter(|j| j.run_id.starts_with(&prefix))
                .all(|j| j.outcome == QueueOutcome::Success)
        );
    }
}
