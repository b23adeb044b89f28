//! The simulated `POST /jobs` of the Queue API: validating the body as the real API does
//! (400 bad body, 403 a component the token may not run, 404 unknown component or
//! configuration, in the queue's error shape), and creating the jobs a configuration's
//! [`RunPlan`] says: a component job, or a flow's phases and tasks, each with the storage
//! jobs it starts (their `runId` is the job's id). Knows nothing of sockets.
//!
//! Choices where the real API is silent:
//! - A created job's times are on the simulator's clock (`Anchor::Fixed(now)`), so a test
//!   that holds the clock decides when it moves: `created` for 300 ms, then `waiting`, then
//!   `processing`, then its outcome.
//! - The body echoes what was asked: `mode`, `configRowIds`, `tag`, `branchId`, the
//!   variables, `configData`, `backend.type`, `parallelism`; `onlyFlowTaskIds` shows as
//!   `onlyOrchestrationTaskIds` (the only such field a job body has).
//! - `onlyFlowTaskIds` runs only those tasks, in their phases; a phase with none of them
//!   is not created. An id the flow does not have is a 400.
//! - Rows: a configuration has the rows registered for it ([`Sim::add_config_rows`]); any
//!   other row id is a 400.
//! - A configuration without a plan of its own succeeds after a few seconds.
//! - The storage jobs a created job starts exist (are listed, answer their detail) from
//!   their creation time within its processing on.

use bytes::Bytes;
use serde_json::{Map, Value, json};

use crate::model::Metrics;
use crate::sim::Sim;
use crate::sim::api::Reply;
use crate::sim::dataset::{columns_of, import_params, import_success};
use crate::sim::job::{Creator, JobSpec};
use crate::sim::queue::{Anchor, QueueJobSpec, QueueOutcome, php_json};
use crate::sim::queue_dataset::{end_phase, fail_flow};

/// Created jobs get ids above this (and above every queue job there is).
const CREATED_BASE: u64 = 1_205_400_000;
/// How long a created job waits before it starts processing.
const WAIT_MS: i64 = 2_000;
/// How long a configuration without a plan of its own runs.
const DEFAULT_RUN_MS: i64 = 5_000;
/// The backend sizes the API knows.
const SIZES: [&str; 4] = ["xsmall", "small", "medium", "large"];

/// How a configuration runs when a job is created for it.
#[derive(Debug, Clone, PartialEq)]
pub enum RunPlan {
    /// A component job that processes for `run_ms` and ends with `outcome`, importing each
    /// of `tables` (a tableImport storage job each; when the outcome is an error, the last
    /// import fails and its message is the job's).
    Component {
        run_ms: i64,
        outcome: QueueOutcome,
        tables: Vec<String>,
    },
    /// A flow: phases run one after another, the tasks of a phase at once, each task a
    /// configuration that runs by its own plan; the flow stops after a phase with a failed
    /// task.
    Flow { phases: Vec<FlowPhase> },
}

/// One phase of a flow configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowPhase {
    pub id: String,
    pub name: String,
    pub tasks: Vec<FlowTask>,
}

/// One task of a flow: its id (what `onlyFlowTaskIds` names) and the configuration it runs.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowTask {
    pub id: String,
    pub name: String,
    pub component: String,
    pub config: String,
}

impl RunPlan {
    /// A component job that succeeds after `run_ms`.
    pub fn succeeds(run_ms: i64) -> RunPlan {
        RunPlan::Component {
            run_ms,
            outcome: QueueOutcome::Success,
            tables: Vec::new(),
        }
    }

    /// A component job that fails with `message` (the user's error) after `run_ms`.
    pub fn fails(run_ms: i64, message: &str) -> RunPlan {
        RunPlan::Component {
            run_ms,
            outcome: QueueOutcome::Error {
                message: message.to_owned(),
                user: true,
            },
            tables: Vec::new(),
        }
    }

    /// The same plan importing these tables.
    pub fn importing(self, tables: &[&str]) -> RunPlan {
        match self {
            RunPlan::Component {
                run_ms, outcome, ..
            } => RunPlan::Component {
                run_ms,
                outcome,
                tables: tables.iter().map(|t| (*t).to_owned()).collect(),
            },
            flow => flow,
        }
    }
}

/// The plans and rows of configurations, and the components the token may not run (`*`:
/// any).
#[derive(Debug, Default)]
pub(crate) struct Runs {
    pub(crate) plans: Vec<((String, String), RunPlan)>,
    pub(crate) rows: Vec<((String, String), Vec<String>)>,
    pub(crate) forbidden: Vec<String>,
}

/// A Queue API error of `POST /jobs`: `{"error","code","exceptionId","status","context"}`.
fn create_error(status: u16, message: &str, context: Value, n: u64) -> Reply {
    let body = json!({
        "error": message,
        "code": status,
        "exceptionId": format!("job-runner-{:016x}", n.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0xB0D1),
        "status": "error",
        "context": context,
    });
    Reply::json(status, Bytes::from(php_json(&body)))
}

/// A valid request, as the simulator reads it.
struct Request {
    component: String,
    config: Option<String>,
    rows: Vec<String>,
    only_tasks: Option<Vec<String>>,
    /// The fields the created job's body echoes.
    echo: Map<String, Value>,
}

/// Reads and checks a body; `Err` is the 400 message.
fn read(body: &str) -> Result<Request, String> {
    let v: Value = serde_json::from_str(body)
        .map_err(|e| format!("Invalid request body: the body is not valid JSON ({e})."))?;
    let Value::Object(o) = v else {
        return Err("Invalid request body: a JSON object is expected.".into());
    };
    let body = Body(&o);
    let component = body.text("component")?.ok_or_else(|| {
        "Invalid configuration for path \"component\": This value should not be blank.".to_owned()
    })?;
    let config = body.text("config")?;
    let mode = body.mode()?;
    let rows = body.ids("configRowIds")?.unwrap_or_default();
    let only_tasks = body.ids("onlyFlowTaskIds")?;
    if only_tasks.is_some()
        && o.get("onlyOrchestrationTaskIds")
            .is_some_and(|v| !v.is_null())
    {
        return Err(
            "onlyOrchestrationTaskIds and onlyFlowTaskIds cannot be used together.".to_owned(),
        );
    }
    let config_data = body.config_data()?;
    if config.is_none() && config_data.is_none() {
        return Err("Either \"config\" or \"configData\" must be set.".into());
    }
    let backend = body.backend()?;
    let variables = body.variables()?;
    let variables_id = body.text("variableValuesId")?;
    if variables.is_some() && variables_id.is_some() {
        return Err(
            "Provide either \"variableValuesId\" or \"variableValuesData\", but not both.".into(),
        );
    }
    let parallelism = body.parallelism()?;
    let echo = Echo {
        mode,
        rows: &rows,
        tag: body.text("tag")?,
        branch: body.text("branchId")?,
        variables_id,
        variables,
        config_data,
        backend,
        parallelism,
        only_tasks: only_tasks.as_deref(),
    }
    .into_map();
    Ok(Request {
        component,
        config,
        rows,
        only_tasks,
        echo,
    })
}

/// A request body's fields, each read and checked as the API does; `Err` is the 400
/// message.
struct Body<'a>(&'a Map<String, Value>);

impl Body<'_> {
    /// A string (a number is taken as its text); absent, null and `""` are none.
    fn text(&self, k: &str) -> Result<Option<String>, String> {
        match self.0.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(_) => Err(format!(
                "Invalid configuration for path \"{k}\": This value should be a string."
            )),
        }
    }

    /// An array of ids (strings or numbers).
    fn ids(&self, k: &str) -> Result<Option<Vec<String>>, String> {
        match self.0.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| match i {
                    Value::String(s) if !s.is_empty() => Ok(s.clone()),
                    Value::Number(n) => Ok(n.to_string()),
                    _ => Err(format!(
                        "Invalid configuration for path \"{k}\": every item must be an id."
                    )),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(_) => Err(format!(
                "Invalid configuration for path \"{k}\": This value should be an array."
            )),
        }
    }

    /// `mode`: `run` (the default), `forceRun` or `debug`.
    fn mode(&self) -> Result<String, String> {
        let mode = self.text("mode")?.unwrap_or_else(|| "run".to_owned());
        if !["run", "forceRun", "debug"].contains(&mode.as_str()) {
            return Err(format!(
                "Invalid configuration for path \"mode\": The value \"{mode}\" is not allowed. \
                 Allowed values: \"run\", \"forceRun\", \"debug\"."
            ));
        }
        Ok(mode)
    }

    /// `configData`: an object.
    fn config_data(&self) -> Result<Option<Value>, String> {
        match self.0.get("configData") {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(c)) => Ok(Some(Value::Object(c.clone()))),
            Some(_) => Err(
                "Invalid configuration for path \"configData\": This value should be an object."
                    .into(),
            ),
        }
    }

    /// `backend`: a size, or `{"type": size}`, one of [`SIZES`].
    fn backend(&self) -> Result<Option<String>, String> {
        let backend = match self.0.get("backend") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Object(b)) => match b.get("type") {
                Some(Value::String(s)) => Some(s.clone()),
                _ => {
                    return Err(
                        "Invalid configuration for path \"backend.type\": This value \
                            should be a string."
                            .into(),
                    );
                }
            },
            Some(_) => return Err("Invalid configuration for path \"backend\".".into()),
        };
        if let Some(size) = backend.as_deref().filter(|s| !SIZES.contains(s)) {
            return Err(format!(
                "Invalid configuration for path \"backend.type\": The value \"{size}\" is not \
                 allowed. Allowed values: \"xsmall\", \"small\", \"medium\", \"large\"."
            ));
        }
        Ok(backend)
    }

    /// `variableValuesData`: `{"values": [{name, value}, ...]}`.
    fn variables(&self) -> Result<Option<Value>, String> {
        let Some(data) = self.0.get("variableValuesData").filter(|v| !v.is_null()) else {
            return Ok(None);
        };
        let values = data.get("values").and_then(Value::as_array);
        let well_formed = values.is_some_and(|vs| {
            vs.iter()
                .all(|v| v.get("name").is_some_and(Value::is_string) && v.get("value").is_some())
        });
        if !well_formed {
            return Err(
                "Invalid configuration for path \"variableValuesData\": values \
                            must be a list of {name, value}."
                    .into(),
            );
        }
        Ok(Some(data.clone()))
    }

    /// `parallelism`: a number, a number's text or `infinity` (null when absent).
    fn parallelism(&self) -> Result<Value, String> {
        match self.0.get("parallelism") {
            None | Some(Value::Null) => Ok(Value::Null),
            Some(p @ Value::Number(_)) => Ok(p.clone()),
            Some(Value::String(s)) if s == "infinity" || s.parse::<u32>().is_ok() => {
                Ok(Value::String(s.clone()))
            }
            Some(_) => Err(
                "Invalid configuration for path \"parallelism\": a number or \
                        \"infinity\" is expected."
                    .into(),
            ),
        }
    }
}

/// What a created job's body echoes of the request.
struct Echo<'a> {
    mode: String,
    rows: &'a [String],
    tag: Option<String>,
    branch: Option<String>,
    variables_id: Option<String>,
    variables: Option<Value>,
    config_data: Option<Value>,
    backend: Option<String>,
    parallelism: Value,
    only_tasks: Option<&'a [String]>,
}

impl Echo<'_> {
    /// The fields in the job body's order; the optional ones only when asked.
    fn into_map(self) -> Map<String, Value> {
        let or_null = |v: Option<String>| v.map_or(Value::Null, Value::from);
        let mut echo = Map::new();
        echo.insert("mode".into(), self.mode.into());
        echo.insert("configRowIds".into(), json!(self.rows));
        echo.insert("tag".into(), or_null(self.tag));
        echo.insert("branchId".into(), or_null(self.branch));
        echo.insert("variableValuesId".into(), or_null(self.variables_id));
        echo.insert(
            "variableValuesData".into(),
            self.variables.unwrap_or_else(|| json!({"values": []})),
        );
        if let Some(data) = self.config_data {
            echo.insert("configData".into(), data);
        }
        if let Some(size) = self.backend {
            echo.insert(
                "backend".into(),
                json!({"type": size, "containerType": null, "context": null}),
            );
        }
        if !self.parallelism.is_null() {
            echo.insert("parallelism".into(), self.parallelism);
        }
        if let Some(tasks) = self.only_tasks {
            echo.insert("onlyOrchestrationTaskIds".into(), json!(tasks));
        }
        echo
    }
}

impl Sim {
    /// Registers how `component`/`config` runs when a job is created for it, and its name
    /// (as [`Sim::add_config`]).
    pub fn add_run_plan(&self, component: &str, config: &str, name: &str, plan: RunPlan) {
        self.add_config(component, config, name);
        let key = (component.to_owned(), config.to_owned());
        let mut st = self.state();
        st.runs.plans.retain(|(k, _)| *k != key);
        st.runs.plans.push((key, plan));
    }

    /// The rows of a configuration (their ids): what `configRowIds` may name.
    pub fn add_config_rows(&self, component: &str, config: &str, rows: &[&str]) {
        let key = (component.to_owned(), config.to_owned());
        let rows = rows.iter().map(|r| (*r).to_owned()).collect();
        let mut st = self.state();
        st.runs.rows.retain(|(k, _)| *k != key);
        st.runs.rows.push((key, rows));
    }

    /// The token may not run `component` (`*`: any): `POST /jobs` answers 403.
    pub fn forbid_runs(&self, component: &str) {
        self.state().runs.forbidden.push(component.to_owned());
    }

    /// `POST /jobs`: checks the body and creates the jobs; 201 with the created job.
    pub(crate) fn create_queue_job(&self, body: &str, base: &str, n: u64) -> Reply {
        let req = match read(body) {
            Ok(req) => req,
            Err(message) => return create_error(400, &message, json!([]), n),
        };
        let component = req.component.clone();
        let forbidden = self
            .state()
            .runs
            .forbidden
            .iter()
            .any(|c| c == "*" || *c == component);
        if forbidden {
            let message = format!("You don't have access to the component {component}");
            return create_error(403, &message, json!([]), n);
        }
        let known_component = {
            let st = self.state();
            st.configs.iter().any(|(c, _, _)| *c == component)
        };
        if !known_component {
            let message = format!("Component \"{component}\" not found.");
            return create_error(404, &message, json!({"component": component}), n);
        }
        let plan = match &req.config {
            // An inline configuration runs as a plain job.
            _ if req.echo.contains_key("configData") => RunPlan::succeeds(DEFAULT_RUN_MS),
            Some(config) => match self.plan_of(&component, config) {
                Some(plan) => plan,
                None => {
                    let message = format!(
                        "Configuration \"{config}\" of component \"{component}\" not found."
                    );
                    let context = json!({"component": component, "config": config});
                    return create_error(404, &message, context, n);
                }
            },
            None => RunPlan::succeeds(DEFAULT_RUN_MS),
        };
        if let (Some(config), false) = (&req.config, req.rows.is_empty()) {
            let rows = self.rows_of(&component, config);
            if let Some(row) = req.rows.iter().find(|r| !rows.contains(r)) {
                let message = format!(
                    "Row \"{row}\" not found in configuration \"{config}\" of component \"{component}\"."
                );
                let context = json!({"component": component, "config": config, "row": row});
                return create_error(400, &message, context, n);
            }
        }
        if let (Some(only), RunPlan::Flow { phases }) = (&req.only_tasks, &plan)
            && let Some(unknown) = only
                .iter()
                .find(|id| !phases.iter().flat_map(|p| &p.tasks).any(|t| t.id == **id))
        {
            let message = format!("Task \"{unknown}\" not found in the flow.");
            return create_error(400, &message, json!([]), n);
        }
        let id = self.create_jobs(&req, &plan);
        match self.queue_body_at(id, self.now_ms(), base) {
            Some(body) => Reply::json(201, body),
            None => create_error(500, "The created job cannot be read.", json!([]), n),
        }
    }

    /// The configuration's plan: its own, else the default for a configuration that exists.
    fn plan_of(&self, component: &str, config: &str) -> Option<RunPlan> {
        let st = self.state();
        let own = st
            .runs
            .plans
            .iter()
            .find(|((c, id), _)| c == component && id == config)
            .map(|(_, p)| p.clone());
        own.or_else(|| {
            st.configs
                .iter()
                .any(|(c, id, _)| c == component && id == config)
                .then(|| RunPlan::succeeds(DEFAULT_RUN_MS))
        })
    }

    fn rows_of(&self, component: &str, config: &str) -> Vec<String> {
        self.state()
            .runs
            .rows
            .iter()
            .find(|((c, id), _)| c == component && id == config)
            .map(|(_, rows)| rows.clone())
            .unwrap_or_default()
    }

    /// Creates the jobs of `plan` at now; returns the top job's id.
    fn create_jobs(&self, req: &Request, plan: &RunPlan) -> u64 {
        let mut new = Created::new(self, req);
        let top_id = new.id();
        let mut top = QueueJobSpec::standard(top_id, &req.component, &new.config, new.anchor);
        top.echo = Some(Value::Object(req.echo.clone()));
        match plan {
            RunPlan::Component {
                run_ms,
                outcome,
                tables,
            } => new.component(top, *run_ms, outcome, tables),
            RunPlan::Flow { phases } => new.flow(self, top, phases),
        }
        for spec in new.storage {
            self.add_job(spec);
        }
        // Through the one door every queue job comes in by, so that whatever it does for
        // a job (its events, once the events API is simulated) it does for these too.
        for job in new.jobs {
            self.add_queue_job(job);
        }
        top_id
    }
}

/// The jobs one `POST /jobs` creates, as they are laid out: ids above every job there
/// is, times (ms from `now`) on the simulator's clock.
struct Created<'r> {
    req: &'r Request,
    config: String,
    now: i64,
    anchor: Anchor,
    next_id: u64,
    next_storage: u64,
    /// The queue jobs, a flow first, then each phase followed by its tasks.
    jobs: Vec<QueueJobSpec>,
    /// The storage jobs they start.
    storage: Vec<JobSpec>,
}

/// A flow's `result`-like plan (`plan.phases`, `plan.tasks`), as its tasks are laid out.
#[derive(Default)]
struct FlowResult {
    phases: Vec<Value>,
    tasks: Vec<Value>,
}

impl<'r> Created<'r> {
    fn new(sim: &Sim, req: &'r Request) -> Created<'r> {
        let now = sim.now_ms();
        let st = sim.state();
        let queue = st.queue_jobs.keys().next_back().copied().unwrap_or(0);
        let storage = st.jobs.keys().next_back().copied().unwrap_or(0);
        Created {
            req,
            config: req.config.clone().unwrap_or_default(),
            now,
            anchor: Anchor::Fixed(now),
            next_id: queue.max(CREATED_BASE),
            next_storage: storage,
            jobs: Vec::new(),
            storage: Vec::new(),
        }
    }

    fn id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// The storage imports of job `run_id` processing from `start` to `end` (ms from
    /// now); the end of a failed one's job (ms from now), when one fails.
    fn imports(
        &mut self,
        run_id: u64,
        tables: &[String],
        outcome: &QueueOutcome,
        (start, end): (i64, i64),
    ) -> Option<i64> {
        let (storage, next) = (&mut self.storage, &mut self.next_storage);
        let (from, to) = (self.now + start, self.now + end);
        let failed = imports(storage, next, run_id, tables, outcome, from, to);
        failed.map(|end_ms| end_ms - self.now + 1_000)
    }

    /// A component job: it waits, processes for `run_ms` with its imports, and ends.
    fn component(
        &mut self,
        mut top: QueueJobSpec,
        run_ms: i64,
        outcome: &QueueOutcome,
        tables: &[String],
    ) {
        let (start, mut end) = (WAIT_MS, WAIT_MS + run_ms);
        top.output_tables = tables.to_vec();
        if let Some(failed_end) = self.imports(top.id, tables, outcome, (start, end)) {
            end = failed_end;
            top.output_tables.pop();
        }
        self.jobs
            .push(top.outcome(outcome.clone()).times(0, start, end));
    }

    /// A flow: its phases one after another (those with a task `onlyFlowTaskIds` keeps),
    /// until one fails.
    fn flow(&mut self, sim: &Sim, mut top: QueueJobSpec, phases: &[FlowPhase]) {
        top.job_type = "orchestrationContainer".to_owned();
        top.on_error = Some("stop".to_owned());
        top.message = "Orchestration finished.".to_owned();
        let mut t = WAIT_MS;
        let mut result = FlowResult::default();
        let mut failed_phase = None;
        for phase in phases {
            let only = self.req.only_tasks.as_ref();
            let tasks: Vec<&FlowTask> = phase
                .tasks
                .iter()
                .filter(|task| only.is_none_or(|o| o.contains(&task.id)))
                .collect();
            if tasks.is_empty() {
                continue;
            }
            (t, failed_phase) = self.phase(sim, &top, phase, &tasks, t, &mut result);
            if failed_phase.is_some() {
                break;
            }
        }
        fail_flow(&mut top, failed_phase);
        top.plan = Some(json!({"phases": result.phases, "tasks": result.tasks}));
        self.jobs.insert(0, top.times(0, WAIT_MS - 500, t + 500));
    }

    /// A phase of flow `top` created at `t`: its tasks at once; its end, and the failure
    /// that stops the flow.
    fn phase(
        &mut self,
        sim: &Sim,
        top: &QueueJobSpec,
        phase: &FlowPhase,
        tasks: &[&FlowTask],
        t: i64,
        result: &mut FlowResult,
    ) -> (i64, Option<String>) {
        let phase_id = self.id();
        let mut phase_job =
            QueueJobSpec::standard(phase_id, &self.req.component, &self.config, self.anchor)
                .under(top);
        phase_job.job_type = "phaseContainer".to_owned();
        phase_job.on_error = Some("stop".to_owned());
        phase_job.phase_id = Some(phase.id.clone());
        phase_job.orchestration_job_id = Some(top.id);
        phase_job.message = format!("Phase \"{}\" finished.", phase.name);
        let phase_start = t + 500;
        let mut phase_end = phase_start;
        let mut failed_task = None;
        let mut children = Vec::new();
        for (n, task) in tasks.iter().enumerate() {
            let start = phase_start + 1_000 + n as i64 * 300;
            let (job, end) = self.task(sim, &phase_job, task, (phase_start + 500, start));
            if job.outcome != QueueOutcome::Success {
                failed_task = Some((job.id, task.component.clone(), task.config.clone()));
            }
            result.tasks.push(json!({
                "id": task.id,
                "name": task.name,
                "type": "job",
                "jobId": job.id.to_string(),
                "phase": phase.id,
                "status": if job.outcome == QueueOutcome::Success { "success" } else { "error" },
                "component": task.component,
            }));
            phase_end = phase_end.max(end);
            children.push(job);
        }
        phase_end += 500;
        let failed_phase = end_phase(
            &mut phase_job,
            (&phase.id, &phase.name),
            failed_task,
            &mut result.phases,
        );
        self.jobs.push(phase_job.times(t, phase_start, phase_end));
        self.jobs.extend(children);
        (phase_end, failed_phase)
    }

    /// A task of `phase_job`, created and started at `(created, start)`: it runs by its
    /// configuration's plan (a flow inside a flow runs as a plain task here), with its
    /// imports. The job, and its end.
    fn task(
        &mut self,
        sim: &Sim,
        phase_job: &QueueJobSpec,
        task: &FlowTask,
        (created, start): (i64, i64),
    ) -> (QueueJobSpec, i64) {
        let task_id = self.id();
        let (run_ms, outcome, tables) = match sim.plan_of(&task.component, &task.config) {
            Some(RunPlan::Component {
                run_ms,
                outcome,
                tables,
            }) => (run_ms, outcome, tables),
            _ => (DEFAULT_RUN_MS, QueueOutcome::Success, Vec::new()),
        };
        let mut end = start + run_ms;
        let failed_end = self.imports(task_id, &tables, &outcome, (start, end));
        if let Some(failed_end) = failed_end {
            end = failed_end;
        }
        let mut job = QueueJobSpec::standard(task_id, &task.component, &task.config, self.anchor)
            .under(phase_job)
            .outcome(outcome);
        job.orchestration_job_id = phase_job.orchestration_job_id;
        job.orchestration_task_id = Some(task.id.clone());
        job.output_tables = tables;
        if failed_end.is_some() {
            job.output_tables.pop();
        }
        (job.times(created, start, end), end)
    }
}

/// The tableImports of a job (`run_id`) processing from `start` to `end` (epoch ms); when
/// `outcome` is an error, the last one fails: its end (epoch ms) comes back.
fn imports(
    storage: &mut Vec<JobSpec>,
    next_storage: &mut u64,
    run_id: u64,
    tables: &[String],
    outcome: &QueueOutcome,
    start: i64,
    end: i64,
) -> Option<i64> {
    let count = tables.len() as i64;
    let fails = matches!(outcome, QueueOutcome::Error { .. });
    let mut failed_end = None;
    for (k, table) in tables.iter().enumerate() {
        *next_storage += 1;
        let sid = *next_storage;
        let span = (end - start) / (count + 1);
        let created = start + span * k as i64 + 200;
        let spec = if fails && k as i64 == count - 1 {
            let columns = columns_of(table);
            let missing = columns.last().copied().unwrap_or("id");
            let text = format!(
                "Some columns are missing in the csv file. Missing columns: {missing}. \
                 Expected columns: {}.",
                columns.join(",")
            );
            failed_end = Some(created + 4_000);
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
        storage.push(
            spec.run_id(&run_id.to_string())
                .creator(Creator::described("7460", "jan.kovar@acme-analytics.io"))
                .waiting(std::time::Duration::from_secs(1))
                .processing(std::time::Duration::from_secs(3))
                .created_at(created.div_euclid(1000)),
        );
    }
    failed_end
}

/// What the demo's plans ([`demo_plans`]) do, in one line (`jobctl serve` prints it).
pub const DEMO_RUNS: &str = "keboola.ex-http/503118 succeeds; keboola.ex-google-drive/774411 \
fails; the flow keboola.orchestrator/55512 fails in its Load phase; \
keboola.wr-db-snowflake/880017 runs an hour";

/// The demo's runnable configurations: one that succeeds, one that fails with an error,
/// the nightly flow (its Load phase fails), a slow writer to kill; every other named
/// configuration succeeds after a few seconds.
pub(crate) fn demo_plans() -> Vec<(&'static str, &'static str, RunPlan)> {
    let task = |id: &str, component: &str, config: &str, name: &str| FlowTask {
        id: id.to_owned(),
        name: name.to_owned(),
        component: component.to_owned(),
        config: config.to_owned(),
    };
    let phase = |id: &str, name: &str, tasks: Vec<FlowTask>| FlowPhase {
        id: id.to_owned(),
        name: name.to_owned(),
        tasks,
    };
    vec![
        ("keboola.ex-http", "503118", RunPlan::succeeds(4_000)),
        (
            "keboola.ex-google-drive",
            "774411",
            RunPlan::fails(6_000, "Failed to import table \"in.c-crm.customers\".")
                .importing(&["in.c-crm.customers"]),
        ),
        (
            "keboola.wr-db-snowflake",
            "880017",
            RunPlan::succeeds(3_600_000),
        ),
        (
            "keboola.orchestrator",
            "55512",
            RunPlan::Flow {
                phases: vec![
                    phase(
                        "1",
                        "Extract",
                        vec![
                            task(
                                "100",
                                "keboola.ex-db-snowflake",
                                "987654321",
                                "Orders from Snowflake",
                            ),
                            task("101", "keboola.ex-salesforce-v2", "774102", "CRM contacts"),
                            task(
                                "102",
                                "keboola.ex-google-analytics-v4",
                                "661290",
                                "Web traffic",
                            ),
                            task("103", "keboola.ex-http", "503118", "Exchange rates"),
                        ],
                    ),
                    phase(
                        "2",
                        "Load",
                        vec![
                            task(
                                "110",
                                "keboola.ex-google-drive",
                                "774411",
                                "Customers sheet",
                            ),
                            task(
                                "111",
                                "keboola.ex-db-mysql",
                                "120934",
                                "Order items from MySQL",
                            ),
                            task("112", "keboola.ex-aws-s3", "448120", "Pageview exports"),
                            task("113", "keboola.ex-ftp", "310552", "Partner feed"),
                        ],
                    ),
                    phase(
                        "3",
                        "Transform",
                        vec![
                            task(
                                "120",
                                "keboola.snowflake-transformation",
                                "1180023",
                                "Daily revenue",
                            ),
                            task(
                                "121",
                                "keboola.python-transformation-v2",
                                "1180022",
                                "Churn model",
                            ),
                        ],
                    ),
                ],
            },
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::QueueEntry;

    fn sim() -> Sim {
        let sim = Sim::empty();
        sim.hold_clock();
        for (component, config, plan) in demo_plans() {
            sim.add_run_plan(component, config, "x", plan);
        }
        for (component, config, name) in crate::sim::queue_dataset::CONFIG_NAMES {
            sim.add_config(component, config, name);
        }
        sim
    }

    fn post(sim: &Sim, body: &str) -> (u16, Value) {
        let reply = sim.create_queue_job(body, "http://q:1", 1);
        let v = serde_json::from_slice(&reply.body).unwrap_or(Value::Null);
        (reply.status, v)
    }

    #[test]
    fn the_demo_line_names_each_plan_of_the_demo() {
        let plans = demo_plans();
        assert_eq!(DEMO_RUNS.matches(';').count() + 1, plans.len());
        for (component, config, _) in plans {
            assert!(
                DEMO_RUNS.contains(&format!("{component}/{config} ")),
                "{component}"
            );
        }
    }

    #[test]
    fn a_created_job_echoes_the_request_and_moves_on_with_the_clock() {
        let sim = sim();
        let (status, job) = post(
            &sim,
            r#"{"component":"keboola.ex-http","config":"503118","mode":"debug","tag":"1.2","backend":"large","variableValuesData":{"values":[{"name":"a","value":"1"}]}}"#,
        );
        assert_eq!(status, 201, "{job}");
        assert_eq!(job["status"], "created");
        assert_eq!(job["mode"], "debug");
        assert_eq!(job["tag"], "1.2");
        assert_eq!(job["backend"]["type"], "large");
        assert_eq!(job["variableValuesData"]["values"][0]["name"], "a");
        let id: u64 = job["id"].as_str().unwrap().parse().unwrap();
        assert!(id > CREATED_BASE);
        let status_at = |sim: &Sim| {
            let body = sim.queue_body_at(id, sim.now_ms(), "http://q:1").unwrap();
            serde_json::from_slice::<Value>(&body).unwrap()["status"].clone()
        };
        sim.advance_clock(std::time::Duration::from_millis(500));
        assert_eq!(status_at(&sim), "waiting");
        sim.advance_clock(std::time::Duration::from_millis(2_000));
        assert_eq!(status_at(&sim), "processing");
        sim.advance_clock(std::time::Duration::from_secs(10));
        assert_eq!(status_at(&sim), "success");
    }

    #[test]
    fn bad_bodies_unknown_configurations_and_forbidden_components_are_refused() {
        let sim = sim();
        assert_eq!(post(&sim, r#"{"config":"1"}"#).0, 400);
        assert_eq!(post(&sim, "not json").0, 400);
        assert_eq!(
            post(
                &sim,
                r#"{"component":"keboola.ex-http","config":"503118","mode":"fast"}"#
            )
            .0,
            400
        );
        assert_eq!(
            post(
                &sim,
                r#"{"component":"keboola.orchestrator","config":"55512","onlyFlowTaskIds":["1"],"onlyOrchestrationTaskIds":["1"]}"#
            )
            .0,
            400
        );
        assert_eq!(
            post(
                &sim,
                r#"{"component":"keboola.ex-http","config":"503118","configRowIds":["9"]}"#
            )
            .0,
            400
        );
        let (status, body) = post(&sim, r#"{"component":"keboola.ex-http","config":"1"}"#);
        assert_eq!(status, 404);
        assert_eq!(body["code"], 404);
        assert_eq!(body["status"], "error");
        assert_eq!(
            post(&sim, r#"{"component":"nobody.knows","config":"1"}"#).0,
            404
        );
        sim.forbid_runs("keboola.ex-http");
        let (status, body) = post(&sim, r#"{"component":"keboola.ex-http","config":"503118"}"#);
        assert_eq!(status, 403);
        assert_eq!(
            body["error"],
            "You don't have access to the component keboola.ex-http"
        );
    }

    #[test]
    fn a_flow_runs_only_the_chosen_tasks_and_starts_storage_jobs() {
        let sim = sim();
        let (status, flow) = post(
            &sim,
            r#"{"component":"keboola.orchestrator","config":"55512","onlyFlowTaskIds":["110","111"]}"#,
        );
        assert_eq!(status, 201, "{flow}");
        let id: u64 = flow["id"].as_str().unwrap().parse().unwrap();
        let st = sim.state();
        let children: Vec<&QueueJobSpec> = st
            .queue_jobs
            .values()
            .filter_map(|e| match e {
                QueueEntry::Timed { spec, .. } if spec.run_id.starts_with(&format!("{id}.")) => {
                    Some(spec.as_ref())
                }
                _ => None,
            })
            .collect();
        let tasks: Vec<&str> = children
            .iter()
            .filter_map(|c| c.orchestration_task_id.as_deref())
            .collect();
        assert_eq!(tasks, ["110", "111"]);
        assert_eq!(children.len(), 3, "one phase and two tasks");
        // The failing drive task imported its table under its own id.
        let drive = children
            .iter()
            .find(|c| c.orchestration_task_id.as_deref() == Some("110"))
            .unwrap();
        let imports = st
            .jobs
            .values()
            .filter(|e| matches!(e, crate::sim::StorageEntry::Timed { spec, .. } if spec.run_id.as_deref() == Some(&drive.id.to_string())))
            .count();
        assert_eq!(imports, 1);
    }
}
