//! `--jq EXPR`: compiles a jq expression with jaq (jaq-core, jaq-std, jaq-json; no `jq`
//! binary needed) and runs it over JSON text, one output line per result. Knows nothing
//! about jobs, the API or terminals. Its `env` and `$ENV` leave out the secrets a CI job
//! keeps in the environment (see [`is_secret_var`]).

use std::io::Write;

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;

use crate::cancel::Cancel;
use crate::exit::{Reported, UsageError};
use crate::render::sanitize;

type Program = jaq_core::compile::Filter<jaq_core::Native<data::JustLut<Val>>>;

/// A compiled jq filter, ready to run over any number of inputs.
pub struct Jq {
    filter: Program,
    /// Strip escape sequences from raw string results (they are going to a terminal).
    sanitize: bool,
    /// The expression, compiled again on the thread that runs it when cancellable.
    expr: String,
    /// Stop a run when a signal asks (see [`Jq::cancelled_by`]).
    cancel: Option<Cancel>,
}

/// What the thread running a program hands back.
enum Step {
    /// One result's line.
    Line(Vec<u8>),
    /// The program failed at run time (a usage error).
    Failed(String),
    /// The input is not JSON.
    Unreadable(String),
}

impl Jq {
    /// Parses and compiles `expr` with jq's standard library. A bad expression is a usage
    /// error that names what was expected and the column where it went wrong.
    pub fn compile(expr: &str) -> Result<Jq, UsageError> {
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs());
        // jaq's own `env` shows every variable: replaced by one without the secrets.
        let funs = jaq_core::funs()
            .chain(jaq_std::funs().filter(|(name, _, _)| *name != "env"))
            .chain(jaq_json::funs())
            .chain([env_filter()]);
        let loader = Loader::new(defs);
        let arena = Arena::default();
        let program = File {
            code: expr,
            path: (),
        };
        let modules = loader
            .load(&arena, program)
            .map_err(|errs| load_error(expr, errs))?;
        let filter = Compiler::default()
            .with_funs(funs)
            .with_global_vars(["$ENV"])
            .compile(modules)
            .map_err(|errs| {
                let (at, what) = errs
                    .into_iter()
                    .flat_map(|(_, errs)| errs)
                    .next()
                    .map(|(name, undefined)| {
                        (
                            offset(expr, name),
                            format!("undefined {} '{name}'", undefined.as_str()),
                        )
                    })
                    .unwrap_or((0, "cannot compile".to_owned()));
                bad_expression(expr, at, &what)
            })?;
        Ok(Jq {
            filter,
            sanitize: false,
            expr: expr.to_owned(),
            cancel: None,
        })
    }

    /// Runs go on a thread of their own, and stop with the signal's exit code when
    /// `cancel` is requested: a program can loop for ever (`reduce range(1e12) as $i (0;
    /// .+1)`), and jaq has no way to stop it from inside; the abandoned thread ends with
    /// the process.
    pub fn cancelled_by(mut self, cancel: Cancel) -> Jq {
        self.cancel = Some(cancel);
        self
    }

    /// Raw string results are server text: when they go to a terminal, strip control
    /// characters and escape sequences from them (a pipe gets them exactly).
    pub fn for_terminal(mut self, terminal: bool) -> Jq {
        self.sanitize = terminal;
        self
    }

    /// Runs the filter over one JSON document and writes each result on its own line:
    /// strings raw (like `jq -r`), everything else as compact JSON. Results before a
    /// runtime error are written; the error is a usage error (exit 2), since it comes from
    /// the expression meeting data it does not fit.
    ///
    /// With a [`Cancel`] (see [`Jq::cancelled_by`]) the program runs on a thread of its
    /// own and a signal ends the run with [`Reported`] and the signal's code.
    pub fn run(&self, json: &str, w: &mut impl Write) -> anyhow::Result<()> {
        let Some(cancel) = &self.cancel else {
            return self.run_here(json, |step| forward(step, w));
        };
        let (tx, rx) = std::sync::mpsc::sync_channel::<Step>(256);
        let (expr, input, clean) = (self.expr.clone(), json.to_owned(), self.sanitize);
        let spawned = std::thread::Builder::new()
            .name("jq".into())
            .spawn(move || {
                let Ok(jq) = Jq::compile(&expr) else { return };
                let jq = jq.for_terminal(clean);
                // A send fails once the reader stopped (a signal, a closed stdout): stop too.
                let _ = jq.run_here(&input, |step| {
                    tx.send(step)
                        .map_err(|_| anyhow::anyhow!("the reader is gone"))
                });
            });
        if spawned.is_err() {
            return self.run_here(json, |step| forward(step, w));
        }
        // Waits in short slices to look at the signal between them: the thread gives no
        // other sign of life while it computes.
        loop {
            if let Some(exit) = cancel.now() {
                w.flush()?;
                return Err(Reported(exit).into());
            }
            match rx.recv_timeout(std::time::Duration::from_millis(50)) {
                Ok(step) => forward(step, w)?,
                // The program is computing: let out the results it already gave (whole
                // lines), rather than hold them until it ends.
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => w.flush()?,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
    }

    /// Runs the program here, handing each result (or the failure) to `out`; stops at the
    /// first error `out` returns.
    fn run_here(
        &self,
        json: &str,
        mut out: impl FnMut(Step) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let input = match jaq_json::read::parse_single(json.as_bytes()) {
            Ok(input) => input,
            Err(e) => return out(Step::Unreadable(e.to_string())),
        };
        let ctx = Ctx::<data::JustLut<Val>>::new(&self.filter.lut, Vars::new([environment()]));
        for value in self.filter.id.run((ctx, input)).map(unwrap_valr) {
            let step = match value {
                Ok(Val::TStr(s)) if self.sanitize => {
                    let mut line = sanitize(&String::from_utf8_lossy(&s)).into_owned();
                    line.push('\n');
                    Step::Line(line.into_bytes())
                }
                Ok(Val::TStr(s)) => {
                    let mut line = Vec::with_capacity(s.len() + 1);
                    line.extend_from_slice(&s);
                    line.push(b'\n');
                    Step::Line(line)
                }
                Ok(other) => Step::Line(format!("{other}\n").into_bytes()),
                Err(e) => return out(Step::Failed(e.to_string())),
            };
            out(step)?;
        }
        Ok(())
    }

    /// Runs the filter and returns the output as text.
    #[cfg(test)]
    pub fn run_to_string(&self, json: &str) -> anyhow::Result<String> {
        let mut out = Vec::new();
        self.run(json, &mut out)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }
}

/// Whether an environment variable is kept from `env` and `$ENV`: every `KBC_*` variable
/// (Keboola's tools keep the token and the stack there) and any whose name says it holds
/// a secret (`TOKEN`, `SECRET`, `PASSWORD`, in any case).
fn is_secret_var(name: &str) -> bool {
    let name = name.to_ascii_uppercase();
    name.starts_with("KBC_")
        || ["TOKEN", "SECRET", "PASSWORD"]
            .iter()
            .any(|w| name.contains(w))
}

/// The environment as a jq object, without the secrets.
fn environment() -> Val {
    let vars = std::env::vars().filter(|(k, _)| !is_secret_var(k));
    <Val as jaq_core::ValT>::from_map(vars.map(|(k, v)| (Val::from(k), Val::from(v))))
        .unwrap_or_else(|_| Val::from(String::new()))
}

/// `env`, as jq has it, over [`environment`].
fn env_filter() -> jaq_core::native::Fun<data::JustLut<Val>> {
    jaq_core::native::run(("env", jaq_core::native::v(0), |_| {
        jaq_core::native::bome(Ok(environment()))
    }))
}

/// Writes one step of a run to `w`: a line, or the error that ends the run (after the
/// lines before it are out).
fn forward(step: Step, w: &mut impl Write) -> anyhow::Result<()> {
    match step {
        Step::Line(line) => Ok(w.write_all(&line)?),
        Step::Failed(e) => {
            w.flush()?;
            Err(UsageError(format!("--jq: {e}")).into())
        }
        Step::Unreadable(e) => Err(anyhow::anyhow!("cannot read the JSON for --jq: {e}")),
    }
}

fn load_error(expr: &str, errs: jaq_core::load::Errors<&str, ()>) -> UsageError {
    use jaq_core::load::Error;
    let first = errs.into_iter().next().map(|(_, e)| e);
    let (at, what) = match first {
        Some(Error::Lex(errs)) => errs
            .first()
            .map(|(expect, found)| (offset(expr, found), format!("expected {}", expect.as_str())))
            .unwrap_or((0, "cannot read".to_owned())),
        Some(Error::Parse(errs)) => errs
            .first()
            .map(|(expect, found_at)| {
                let found = if found_at.is_empty() {
                    "the end".to_owned()
                } else {
                    format!("'{found_at}'")
                };
                let at = offset(expr, found_at);
                (at, format!("expected {}, found {found}", expect.as_str()))
            })
            .unwrap_or((0, "cannot parse".to_owned())),
        Some(Error::Io(errs)) => (
            0,
            errs.first()
                .map(|(path, e)| format!("cannot load module {path}: {e}"))
                .unwrap_or_else(|| "cannot load a module".to_owned()),
        ),
        None => (0, "cannot parse".to_owned()),
    };
    bad_expression(expr, at, &what)
}

/// The byte offset of `part` inside `whole`, or the end when `part` does not point into it
/// (jaq reports the end of input with an empty string that may live elsewhere).
fn offset(whole: &str, part: &str) -> usize {
    let start = whole.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    if at >= start && at <= start + whole.len() {
        at - start
    } else {
        whole.len()
    }
}

fn bad_expression(expr: &str, at: usize, what: &str) -> UsageError {
    let column = expr.get(..at).map_or(1, |s| s.chars().count() + 1);
    UsageError(format!(
        "invalid --jq expression '{expr}': {what} at column {column}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jq(expr: &str, json: &str) -> String {
        Jq::compile(expr).unwrap().run_to_string(json).unwrap()
    }

    #[test]
    fn raw_strings_are_sanitised_only_for_a_terminal() {
        let job = r#"{"m": "a\u001b]0;x\u0007b\u001b[31mc"}"#;
        let jq = Jq::compile(".m").unwrap();
        assert_eq!(
            jq.run_to_string(job).unwrap(),
            "a\u{1b}]0;x\u{7}b\u{1b}[31mc\n"
        );
        let jq = jq.for_terminal(true);
        assert_eq!(jq.run_to_string(job).unwrap(), "abc\n");
    }

    #[test]
    fn strings_print_raw_and_the_rest_compact() {
        let job =
            r#"{"id": 42, "status": "error", "metrics": {"outBytes": 10}, "x": [1, {"a": "b"}]}"#;
        assert_eq!(jq(".status", job), "error\n");
        assert_eq!(jq(".metrics.outBytes", job), "10\n");
        assert_eq!(jq(".x", job), "[1,{\"a\":\"b\"}]\n");
        assert_eq!(jq(".id, .status", job), "42\nerror\n");
        assert_eq!(jq(".missing", job), "null\n");
        assert_eq!(jq("empty", job), "");
    }

    #[test]
    fn select_over_an_array() {
        let jobs = r#"[{"id": 1, "status": "error"}, {"id": 2, "status": "success"}, {"id": 3, "status": "error"}]"#;
        assert_eq!(
            jq(r#".[] | select(.status=="error") | .id"#, jobs),
            "1\n3\n"
        );
        assert_eq!(jq("map(.id) | add", jobs), "6\n");
    }

    #[test]
    fn env_and_dollar_env_keep_the_secrets_out() {
        assert!(is_secret_var("KBC_STORAGE_API_TOKEN"));
        assert!(is_secret_var("KBC_URL"));
        assert!(is_secret_var("kbc_token"));
        assert!(is_secret_var("GITHUB_TOKEN"));
        assert!(is_secret_var("AWS_SECRET_ACCESS_KEY"));
        assert!(is_secret_var("DB_PASSWORD"));
        assert!(!is_secret_var("HOME"));
        assert!(!is_secret_var("JOBCTL_CONFIG"));
        // Whatever the test runner has set: no hidden name comes out, the rest does.
        let keys = |expr: &str| {
            let out = jq(expr, "null");
            serde_json::from_str::<Vec<String>>(&out).unwrap()
        };
        for expr in ["env | keys", "$ENV | keys"] {
            let shown = keys(expr);
            let expected: Vec<String> = {
                let mut k: Vec<String> = std::env::vars()
                    .map(|(k, _)| k)
                    .filter(|k| !is_secret_var(k))
                    .collect();
                k.sort();
                k
            };
            assert_eq!(shown, expected, "{expr}");
        }
    }

    #[test]
    fn bad_expressions_say_where() {
        let e = Jq::compile(".foo | | .bar").err().unwrap().0;
        assert!(e.contains("column 8"), "{e}");
        let e = Jq::compile(".foo[").err().unwrap().0;
        assert!(e.contains("column"), "{e}");
        let e = Jq::compile(".a | nosuchfn").err().unwrap().0;
        assert!(e.contains("undefined filter 'nosuchfn' at column 6"), "{e}");
        let e = Jq::compile("\"abc").err().unwrap().0;
        assert!(e.contains("column"), "{e}");
    }

    #[test]
    fn a_cancellable_run_gives_the_same_lines_and_stops_at_a_signal() {
        use crate::exit::Exit;
        let job = r#"{"a": 5, "s": "x\u001b[31my"}"#;
        let run = |jq: Jq| {
            let mut out = Vec::new();
            let result = jq.run(job, &mut out);
            (String::from_utf8_lossy(&out).into_owned(), result)
        };
        let threaded = Jq::compile(".a, .s, .a.b")
            .unwrap()
            .for_terminal(true)
            .cancelled_by(Cancel::fake(None));
        let (out, result) = run(threaded);
        assert_eq!(out, "5\nxy\n");
        let err = result.unwrap_err();
        assert!(err.to_string().starts_with("--jq: cannot index 5"), "{err}");
        // (A program that never ends would go on computing in this test process: the
        // integration test runs one.)
        let signalled = Jq::compile(".a")
            .unwrap()
            .cancelled_by(Cancel::fake(Some(Exit::Terminated)));
        let (out, result) = run(signalled);
        assert_eq!(out, "");
        let err = result.unwrap_err();
        assert!(matches!(
            err.downcast_ref::<Reported>(),
            Some(Reported(Exit::Terminated))
        ));
    }

    #[test]
    fn runtime_errors_are_usage_errors_after_earlier_results() {
        let f = Jq::compile(".a, .a.b").unwrap();
        let mut out = Vec::new();
        let err = f.run(r#"{"a": 5}"#, &mut out).unwrap_err();
        assert_eq!(out, b"5\n");
        assert!(err.downcast_ref::<UsageError>().is_some());
        assert!(err.to_string().starts_with("--jq: cannot index 5"), "{err}");
    }
}
