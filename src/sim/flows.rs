//! Flows made to be re-run: four runs of one flow configuration ("Weekly refresh", three
//! phases, seven tasks) that failed in the first, the middle and the last phase, and one
//! that succeeded; each result names every phase and task with its id, name and status.
//! Two tasks share a name ("Slack alerts", at the start and at the end), as real flows do.
//!
//! Choices where the real API is silent: the phases after the failed one are listed in
//! `result.phases` with status `skipped`, and their tasks in `result.tasks` with status
//! `skipped` and no `jobId` (they never ran). Task and phase ids are the configuration's,
//! so they are the same in every run.

use serde_json::{Value, json};

use crate::sim::Sim;
use crate::sim::create::{FlowPhase, FlowTask, RunPlan};
use crate::sim::queue::{Anchor, QueueJobSpec, QueueOutcome};
use crate::sim::queue_dataset::fail_flow;

/// The component and configuration of the re-run flows.
pub const RERUN_FLOW_COMPONENT: &str = "keboola.flow";
pub const RERUN_FLOW_CONFIG: &str = "55530";
pub const RERUN_FLOW_NAME: &str = "Weekly refresh";

/// The ids of the re-run flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RerunFlows {
    /// Failed in its first phase ("Extract": "CRM contacts").
    pub first: u64,
    /// Failed in its middle phase ("Transform": "Churn model").
    pub middle: u64,
    /// Failed in its last phase ("Load": "Warehouse writer").
    pub last: u64,
    /// All green.
    pub green: u64,
}

const BASE: u64 = 1_205_337_000;

pub const RERUN_FLOWS: RerunFlows = RerunFlows {
    first: BASE + 100,
    middle: BASE + 200,
    last: BASE + 300,
    green: BASE + 400,
};

const HOUR_MS: i64 = 3_600_000;

/// A task of the flow: its id, name, component, configuration and seconds.
struct Task(&'static str, &'static str, &'static str, &'static str, i64);

/// The flow's phases (id, name) and their tasks.
const PHASES: [(&str, &str, &[Task]); 3] = [
    (
        "7101",
        "Extract",
        &[
            Task(
                "20100",
                "Slack alerts",
                "kds-team.app-custom-python",
                "330912",
                4,
            ),
            Task(
                "20101",
                "Orders from Snowflake",
                "keboola.ex-db-snowflake",
                "987654321",
                60,
            ),
            Task(
                "20102",
                "CRM contacts",
                "keboola.ex-salesforce-v2",
                "774102",
                40,
            ),
        ],
    ),
    (
        "7102",
        "Transform",
        &[
            Task(
                "20103",
                "Daily revenue",
                "keboola.snowflake-transformation",
                "1180023",
                90,
            ),
            Task(
                "20104",
                "Churn model",
                "keboola.python-transformation-v2",
                "1180022",
                70,
            ),
        ],
    ),
    (
        "7103",
        "Load",
        &[
            Task(
                "20105",
                "Revenue sheet",
                "keboola.wr-google-sheets",
                "220871",
                20,
            ),
            Task(
                "20106",
                "Warehouse writer",
                "keboola.wr-db-snowflake",
                "880019",
                50,
            ),
            Task(
                "20107",
                "Slack alerts",
                "kds-team.app-custom-python",
                "330912",
                4,
            ),
        ],
    ),
];

/// The task that fails in each failing run: (phase index, task id, message).
const FAILURES: [(usize, &str, &str); 3] = [
    (0, "20102", "INVALID_SESSION_ID: Session expired or invalid"),
    (
        1,
        "20104",
        "Script file /data/script.py failed: KeyError: 'customer_id'",
    ),
    (
        2,
        "20106",
        "Table \"out.c-reports.daily_revenue\" could not be written: insufficient privileges",
    ),
];

/// The re-run flows, finished, the newest ending before `now_ms` (every job of each flow:
/// the flow, its phases and the tasks that ran).
pub fn rerun_flows(now_ms: i64) -> Vec<QueueJobSpec> {
    let runs = [
        (RERUN_FLOWS.green, None, 10),
        (RERUN_FLOWS.first, Some(FAILURES[0]), 8),
        (RERUN_FLOWS.middle, Some(FAILURES[1]), 6),
        (RERUN_FLOWS.last, Some(FAILURES[2]), 4),
    ];
    runs.into_iter()
        .flat_map(|(id, failure, hours_ago)| {
            run(id, failure, Anchor::Fixed(now_ms - hours_ago * HOUR_MS))
        })
        .collect()
}

/// Registers the flow's configuration so that `POST /jobs` can start it (its phases and
/// tasks, for `onlyFlowTaskIds`), and the configurations of its tasks that the simulator
/// does not know yet (they succeed).
pub fn add_rerun_configs(sim: &Sim) {
    let phases = PHASES
        .iter()
        .map(|(id, name, tasks)| FlowPhase {
            id: (*id).to_owned(),
            name: (*name).to_owned(),
            tasks: tasks
                .iter()
                .map(|t| FlowTask {
                    id: t.0.to_owned(),
                    name: t.1.to_owned(),
                    component: t.2.to_owned(),
                    config: t.3.to_owned(),
                })
                .collect(),
        })
        .collect();
    sim.add_run_plan(
        RERUN_FLOW_COMPONENT,
        RERUN_FLOW_CONFIG,
        RERUN_FLOW_NAME,
        RunPlan::Flow { phases },
    );
    for task in PHASES.iter().flat_map(|(_, _, tasks)| tasks.iter()) {
        let known = sim
            .state()
            .configs
            .iter()
            .any(|(c, id, _)| c == task.2 && id == task.3);
        if !known {
            sim.add_config(task.2, task.3, task.1);
        }
    }
}

/// One run of the flow, stopping at the phase that fails (`behavior.onError: stop`).
fn run(id: u64, failure: Option<(usize, &str, &str)>, anchor: Anchor) -> Vec<QueueJobSpec> {
    let mut flow = QueueJobSpec::standard(id, RERUN_FLOW_COMPONENT, RERUN_FLOW_CONFIG, anchor);
    flow.job_type = "orchestrationContainer".to_owned();
    flow.on_error = Some("stop".to_owned());
    flow.message = "Orchestration finished.".to_owned();
    let mut next_id = id;
    let mut children = Vec::new();
    let (mut plan_phases, mut plan_tasks): (Vec<Value>, Vec<Value>) = (Vec::new(), Vec::new());
    let mut t = 2_000;
    let mut stopped = None;
    for (k, (phase_id, name, tasks)) in PHASES.iter().enumerate() {
        if stopped.is_some() {
            plan_phases.push(json!({"id": phase_id, "name": name, "status": "skipped"}));
            for task in *tasks {
                plan_tasks.push(json!({
                    "id": task.0, "name": task.1, "type": "job", "jobId": null,
                    "phase": phase_id, "status": "skipped", "component": task.2,
                }));
            }
            continue;
        }
        next_id += 1;
        let mut phase =
            QueueJobSpec::standard(next_id, RERUN_FLOW_COMPONENT, RERUN_FLOW_CONFIG, anchor)
                .under(&flow);
        phase.job_type = "phaseContainer".to_owned();
        phase.on_error = Some("stop".to_owned());
        phase.phase_id = Some((*phase_id).to_owned());
        phase.orchestration_job_id = Some(id);
        phase.message = format!("Phase \"{name}\" finished.");
        let start = t + 1_000;
        let mut end = start;
        let mut tasks_of = Vec::new();
        for (n, task) in tasks.iter().enumerate() {
            next_id += 1;
            let begin = start + 1_000 + n as i64 * 500;
            let finish = begin + task.4 * 1_000;
            let mut job = QueueJobSpec::standard(next_id, task.2, task.3, anchor).under(&phase);
            job.orchestration_job_id = Some(id);
            job.orchestration_task_id = Some(task.0.to_owned());
            let failed = failure.is_some_and(|(p, tid, _)| p == k && tid == task.0);
            if let (true, Some((_, _, message))) = (failed, failure) {
                job.outcome = QueueOutcome::Error {
                    message: message.to_owned(),
                    user: true,
                };
                phase.outcome = QueueOutcome::Error {
                    message: format!("Task {} ({}) failed.", task.0, task.1),
                    user: true,
                };
                stopped = Some(*name);
            }
            plan_tasks.push(json!({
                "id": task.0, "name": task.1, "type": "job", "jobId": next_id.to_string(),
                "phase": phase_id, "status": if failed { "error" } else { "success" },
                "component": task.2, "duration": task.4,
            }));
            tasks_of.push(job.times(start, begin, finish));
            end = end.max(finish);
        }
        end += 1_000;
        plan_phases.push(json!({
            "id": phase_id, "name": name,
            "status": if stopped.is_some() { "error" } else { "success" },
            "duration": (end - start) / 1_000,
        }));
        children.push(phase.times(t, start, end));
        children.extend(tasks_of);
        t = end;
    }
    fail_flow(&mut flow, stopped);
    flow.plan = Some(json!({"phases": plan_phases, "tasks": plan_tasks}));
    let mut jobs = vec![flow.times(0, 1_500, t + 1_000)];
    jobs.extend(children);
    jobs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_flow_fails_where_its_name_says_and_lists_every_phase() {
        let jobs = rerun_flows(1_764_000_000_000);
        let flow = |id: u64| jobs.iter().find(|j| j.id == id).unwrap();
        let statuses = |id: u64| -> Vec<String> {
            let plan = flow(id).plan.clone().unwrap();
            plan["phases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["status"].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(statuses(RERUN_FLOWS.first), ["error", "skipped", "skipped"]);
        assert_eq!(
            statuses(RERUN_FLOWS.middle),
            ["success", "error", "skipped"]
        );
        assert_eq!(statuses(RERUN_FLOWS.last), ["success", "success", "error"]);
        assert_eq!(
            statuses(RERUN_FLOWS.green),
            ["success", "success", "success"]
        );
        assert_eq!(flow(RERUN_FLOWS.green).outcome, QueueOutcome::Success);
        assert!(matches!(
            flow(RERUN_FLOWS.middle).outcome,
            QueueOutcome::Error { .. }
        ));
        for id in [RERUN_FLOWS.first, RERUN_FLOWS.middle, RERUN_FLOWS.last] {
            let tasks = flow(id).plan.clone().unwrap()["tasks"]
                .as_array()
                .unwrap()
                .len();
            assert_eq!(tasks, 8);
        }
        // The flows' children are theirs: phases under the flow, tasks under a phase.
        let middle = flow(RERUN_FLOWS.middle);
        let phases: Vec<_> = jobs
            .iter()
            .filter(|j| j.parent_run_id == middle.run_id)
            .collect();
        assert_eq!(phases.len(), 2);
        let ids: std::collections::BTreeSet<u64> = jobs.iter().map(|j| j.id).collect();
        assert_eq!(ids.len(), jobs.len());
    }

    #[test]
    fn the_demo_serves_them_at_the_ids_the_readme_names() {
        let sim = Sim::demo(42);
        let now = sim.now_ms();
        for id in [
            RERUN_FLOWS.first,
            RERUN_FLOWS.middle,
            RERUN_FLOWS.last,
            RERUN_FLOWS.green,
        ] {
            assert!(sim.queue_body_at(id, now, "http://q:1").is_some(), "{id}");
        }
        assert_eq!(RERUN_FLOWS.first, 1_205_337_100);
        assert_eq!(RERUN_FLOWS.middle, 1_205_337_200);
        assert_eq!(RERUN_FLOWS.last, 1_205_337_300);
        assert_eq!(RERUN_FLOWS.green, 1_205_337_400);
    }
}
