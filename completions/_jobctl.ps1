
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'jobctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'jobctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'jobctl' {
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--queue-host', '--queue-host', [CompletionResultType]::ParameterName, 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one or more jobs in detail')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow jobs until they finish; exit 0 when all succeeded, 1 when any failed')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List recent jobs, newest first')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Figures over the job history: jobs, errors, duration and queue-wait percentiles, bytes and error codes, per operation (or table, bucket, creator, status, hour, day)')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'What ran when, and in parallel with what: a Gantt chart of the jobs of a window (the last hour unless --since says otherwise), with concurrency below it')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'Queue API jobs: component runs and flows with their phases and tasks')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the Storage API simulator in the foreground, as a local stand-in for the API')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (e.g. jobctl completions bash > ~/.local/share/bash-completion/completions/jobctl)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), e.g. jobctl man > ~/.local/share/man/man1/jobctl.1')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Inspect the profiles of the config file')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show whom the token belongs to: project, token description, expiry and stack')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'A live, keyboard-driven dashboard of the project''s storage and queue jobs (on a terminal; for a pipe, use list --watch)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Start component or flow jobs (Queue API); print what started and exit, or follow them to their end with --wait')
            [CompletionResult]::new('rerun', 'rerun', [CompletionResultType]::ParameterValue, 'Start a queue job again: the same component, configuration, rows, tag, branch and variables; of a flow all of it, or only what failed, from a phase, chosen tasks')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print a job''s log (its events), oldest first; a flow''s tasks merged, -f to follow')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jobctl;show' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Which API a bare id belongs to (needed only when the id is a job on both)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Render a saved job response (''-'' for standard input) instead of calling the API')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Run a jq expression over each job, in argument order, as the server sent it (one object per job, however many ids: `--jq .` prints JSON lines); each result prints on its own line, strings raw, the rest as compact JSON. No jq binary needed')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--queue-host', '--queue-host', [CompletionResultType]::ParameterName, 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('--tree', '--tree', [CompletionResultType]::ParameterName, 'A queue job''s run as a tree: phases, tasks and the storage jobs each task started (one id)')
            [CompletionResult]::new('--queue-job', '--queue-job', [CompletionResultType]::ParameterName, 'Also show the Queue API job (component, config, status) whose run started each storage job (its runId); costs a request to the stack''s index and one per job')
            [CompletionResult]::new('--no-log', '--no-log', [CompletionResultType]::ParameterName, 'Do not end a failed job''s detail with its last warnings and errors (shown on a terminal only; they cost one events request per run)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jobctl;watch' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Which API a bare id belongs to (needed only when the id is a job on both)')
            [CompletionResult]::new('--run-id', '--run-id', [CompletionResultType]::ParameterName, 'Follow a run instead of ids: its jobs and those of its nested runs (ID.*), including jobs that appear after the watch started, until all are finished and none appeared for --grace')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'With --run-id: how long to wait for another job of the run once all its jobs finished (or for the first one to appear)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the final state')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the final state')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after this long (exit 124); the jobs keep running on the server')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'Progress on stderr: a live spinner (tty), timestamped lines (plain) or nothing')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Poll at this fixed interval instead of adaptively (at least 200ms: shorter values are raised to it, with a note)')
            [CompletionResult]::new('--max-interval', '--max-interval', [CompletionResultType]::ParameterName, 'Longest wait between polls when polling adaptively')
            [CompletionResult]::new('--heartbeat', '--heartbeat', [CompletionResultType]::ParameterName, 'In plain progress, print a line this often even when nothing changed')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Run a jq expression over each final job, in argument order (one object per job, however many ids); each result prints on its own line, strings raw, the rest as compact JSON. No jq binary needed')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--queue-host', '--queue-host', [CompletionResultType]::ParameterName, 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('--kill-on-timeout', '--kill-on-timeout', [CompletionResultType]::ParameterName, 'Queue jobs: when --timeout ends the watch, kill the jobs still running')
            [CompletionResult]::new('--running', '--running', [CompletionResultType]::ParameterName, 'Follow every job waiting or processing now (not jobs created later)')
            [CompletionResult]::new('--fail-fast', '--fail-fast', [CompletionResultType]::ParameterName, 'Stop as soon as one job fails (exit 1)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Do not estimate the jobs'' length from earlier runs of the same operation and table (saves the one list request of finished jobs at the first look)')
            [CompletionResult]::new('--notify', '--notify', [CompletionResultType]::ParameterName, 'Ring the bell and send a terminal notification (OSC 9) when all jobs finished')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Print the jobs'' log (their events) on stderr as it arrives, above the progress: for a flow, every task''s, each line prefixed with its place; drained once more after the end. The final state on stdout and the exit code stay as without it')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jobctl;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only jobs with this status (repeatable or comma-separated; sent to the server); queue jobs (--kind queue) also have created, warning, terminating, terminated, cancelled')
            [CompletionResult]::new('--exclude-status', '--exclude-status', [CompletionResultType]::ParameterName, 'Leave out jobs with this status (ignored by the server when --status is given)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only jobs created at or after this: a relative age (30m, 2h, 7d, 1w, or -2h; bare numbers are seconds), today or yesterday (local midnight), a date or date-time in the local zone (2026-11-28, ''2026-11-28 10:00''), or a time with an offset; sent to the API in UTC with an explicit +00:00')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only jobs created at or before this: a relative age or a date/date-time, as --since')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'Only these operations: a name, a prefix or a glob like ''table*'' (repeatable)')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Only this table, or tables under this prefix (e.g. a bucket ''in.c-main'')')
            [CompletionResult]::new('--run-id', '--run-id', [CompletionResultType]::ParameterName, 'Only this run id and the runs nested in it (ID.*); queue jobs: exactly this run')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Which jobs: storage (the Storage API''s, as always), queue (the Queue API''s, as `jobctl queue ...` lists them) or all (both, interleaved by creation time)')
            [CompletionResult]::new('--component', '--component', [CompletionResultType]::ParameterName, 'Queue jobs: only jobs of this component, e.g. keboola.orchestrator (repeatable)')
            [CompletionResult]::new('--config-id', '--config-id', [CompletionResultType]::ParameterName, 'Queue jobs: only jobs of this configuration id (repeatable)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Queue jobs: only jobs of this type: standard, orchestrationContainer (a flow), phaseContainer, container, retryContainer (repeatable)')
            [CompletionResult]::new('--branch', '--branch', [CompletionResultType]::ParameterName, 'Queue jobs: only jobs of this branch id (''null'' for the main branch; repeatable)')
            [CompletionResult]::new('--parent', '--parent', [CompletionResultType]::ParameterName, 'Queue jobs: only the jobs directly under this runId (a flow''s phases, a phase''s tasks)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many matching jobs to show')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many matching jobs to show')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Jobs per request, always sent as `limit` (fewer when -n needs fewer and only server filters apply). After the first page, a few pages are fetched at once and printed in order')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Pages fetched at once after the first (1: one after another); whatever N is, no more than about 4,000 jobs are in flight')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format. A piped table is tab-separated with a header line (none when nothing matched), RFC 3339 times, seconds and bytes')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format. A piped table is tab-separated with a header line (none when nothing matched), RFC 3339 times, seconds and bytes')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Table columns to show, comma-separated (id,status,operationName,tableId,createdTime, duration,inBytes,outBytes,runId,creator,errorCode,errorMessage,startTime,endTime, or the headers the table shows: table,operation,error,start,end,...); not with -o wide, json or jsonl')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Filter a saved list response (JSON array or JSON lines; ''-'' for stdin) instead of calling the API')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often --watch polls (at least 200ms); while nothing changes the wait doubles, up to 8 times this or 30s, and comes back on the next change')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Run a jq expression over the JSON array that -o json prints (implies -o json); each result prints on its own line, strings raw, the rest as compact JSON. No jq binary needed')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--queue-host', '--queue-host', [CompletionResultType]::ParameterName, 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Shorthand for --status error (queue jobs: error, terminated, cancelled)')
            [CompletionResult]::new('--running', '--running', [CompletionResultType]::ParameterName, 'Shorthand for --status waiting,processing (queue jobs: created, waiting, processing, terminating)')
            [CompletionResult]::new('--top-level', '--top-level', [CompletionResultType]::ParameterName, 'Queue jobs: only jobs that run under no other (applied by jobctl)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Page through to the last job')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, keep polling the first page and print new jobs and status changes until Ctrl-C (exit 130). With -o json or jsonl each change is one JSON line')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, keep polling the first page and print new jobs and status changes until Ctrl-C (exit 130). With -o json or jsonl each change is one JSON line')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jobctl;stats' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only jobs with this status (repeatable or comma-separated; sent to the server); queue jobs (--kind queue) also have created, warning, terminating, terminated, cancelled')
            [CompletionResult]::new('--exclude-status', '--exclude-status', [CompletionResultType]::ParameterName, 'Leave out jobs with this status (ignored by the server when --status is given)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only jobs created at or after this: a relative age (30m, 2h, 7d, 1w, or -2h; bare numbers are seconds), today or yesterday (local midnight), a date or date-time in the local zone (2026-11-28, ''2026-11-28 10:00''), or a time with an offset; sent to the API in UTC with an explicit +00:00')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only jobs created at or before this: a relative age or a date/date-time, as --since')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'Only these operations: a name, a prefix or a glob like ''table*'' (repeatable)')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Only this table, or tables under this prefix (e.g. a bucket ''in.c-main'')')
            [CompletionResult]::new('--run-id', '--run-id', [CompletionResultType]::ParameterName, 'Only this run id and the runs nested in it (ID.*); queue jobs: exactly this run')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Which jobs: storage (the Storage API''s, as always), queue (the Queue API''s, as `jobctl queue ...` lists them) or all (both, interleaved by creation time)')
            [CompletionResult]::new('--component', '--component', [CompletionResultType]::ParameterName, 'Queue jobs: only jobs of this component, e.g. keboola.orchestrator (repeatable)')
            [CompletionResult]::new('--config-id', '--config-id', [CompletionResultType]::ParameterName, 'Queue jobs: only jobs of this configuration id (repeatable)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Queue jobs: only jobs of this type: standard, orchestrationContainer (a flow), phaseContainer, container, retryContainer (repeatable)')
            [CompletionResult]::new('--branch', '--branch', [CompletionResultType]::ParameterName, 'Queue jobs: only jobs of this branch id (''null'' for the main branch; repeatable)')
            [CompletionResult]::new('--parent', '--parent', [CompletionResultType]::ParameterName, 'Queue jobs: only the jobs directly under this runId (a flow''s phases, a phase''s tasks)')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Group by these, comma-separated (hour and day in the local zone) [default: operation; with --kind queue: component,config; with --kind all: kind,operation]. With --kind all, operation is a queue job''s component and table its configuration')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Order the groups by this column: numbers largest first, keys A to Z')
            [CompletionResult]::new('--trend', '--trend', [CompletionResultType]::ParameterName, 'Add the figures per day (or hour): sparklines of p90 duration and error rate in the table, a "trend" array per group in JSON')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format. The table is tab-separated with a header line when piped (seconds and bytes as plain numbers)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format. The table is tab-separated with a header line when piped (seconds and bytes as plain numbers)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Run a jq expression over the object that -o json prints (implies -o json)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read a saved list response (JSON array or JSON lines, e.g. from list --all -o json; ''-'' for stdin) instead of calling the API')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Jobs per request')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Pages fetched at once after the first')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--queue-host', '--queue-host', [CompletionResultType]::ParameterName, 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Shorthand for --status error (queue jobs: error, terminated, cancelled)')
            [CompletionResult]::new('--running', '--running', [CompletionResultType]::ParameterName, 'Shorthand for --status waiting,processing (queue jobs: created, waiting, processing, terminating)')
            [CompletionResult]::new('--top-level', '--top-level', [CompletionResultType]::ParameterName, 'Queue jobs: only jobs that run under no other (applied by jobctl)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jobctl;timeline' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only jobs with this status (repeatable or comma-separated; sent to the server); queue jobs (--kind queue) also have created, warning, terminating, terminated, cancelled')
            [CompletionResult]::new('--exclude-status', '--exclude-status', [CompletionResultType]::ParameterName, 'Leave out jobs with this status (ignored by the server when --status is given)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only jobs created at or after this: a relative age (30m, 2h, 7d, 1w, or -2h; bare numbers are seconds), today or yesterday (local midnight), a date or date-time in the local zone (2026-11-28, ''2026-11-28 10:00''), or a time with an offset; sent to the API in UTC with an explicit +00:00')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only jobs created at or before this: a relative age or a date/date-time, as --since')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'Only these operations: a name, a prefix or a glob like ''table*'' (repeatable)')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Only this table, or tables under this prefix (e.g. a bucket ''in.c-main'')')
            [CompletionResult]::new('--run-id', '--run-id', [CompletionResultType]::ParameterName, 'Only this run id and the runs nested in it (ID.*); queue jobs: exactly this run')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Which jobs: storage (the Storage API''s, as always), queue (the Queue API''s, as `jobctl queue ...` lists them) or all (both, interleaved by creation time)')
            [CompletionResult]::new('--component', '--component', [CompletionResultType]::ParameterName, 'Queue jobs: only jobs of this component, e.g. keboola.orchestrator (repeatable)')
            [CompletionResult]::new('--config-id', '--config-id', [CompletionResultType]::ParameterName, 'Queue jobs: only jobs of this configuration id (repeatable)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Queue jobs: only jobs of this type: standard, orchestrationContainer (a flow), phaseContainer, container, retryContainer (repeatable)')
            [CompletionResult]::new('--branch', '--branch', [CompletionResultType]::ParameterName, 'Queue jobs: only jobs of this branch id (''null'' for the main branch; repeatable)')
            [CompletionResult]::new('--parent', '--parent', [CompletionResultType]::ParameterName, 'Queue jobs: only the jobs directly under this runId (a flow''s phases, a phase''s tasks)')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'One row per operation or table instead of one per job')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for a terminal (plain glyphs without colour), or an SVG picture')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for a terminal (plain glyphs without colour), or an SVG picture')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the picture to this file instead of stdout')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read a saved list response (JSON array or JSON lines, e.g. from list --all -o json; ''-'' for stdin) instead of calling the API')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Jobs per request')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Pages fetched at once after the first')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--queue-host', '--queue-host', [CompletionResultType]::ParameterName, 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Shorthand for --status error (queue jobs: error, terminated, cancelled)')
            [CompletionResult]::new('--running', '--running', [CompletionResultType]::ParameterName, 'Shorthand for --status waiting,processing (queue jobs: created, waiting, processing, terminating)')
            [CompletionResult]::new('--top-level', '--top-level', [CompletionResultType]::ParameterName, 'Queue jobs: only jobs that run under no other (applied by jobctl)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jobctl;queue' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show Queue API jobs (component runs, flows) in detail, or a flow''s run as a tree')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List Queue API jobs, newest first (the server''s search, with its filters)')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow queue jobs until they finish (isFinished); exit 0 on success (and on warning, with a note), 1 when any ended in error, terminated or cancelled')
            [CompletionResult]::new('kill', 'kill', [CompletionResultType]::ParameterValue, 'Kill queue jobs: explicit ids at once; by filter only with --yes (it lists what it would kill otherwise). Reports each job''s outcome')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Figures over the queue job history per component and configuration (as stats)')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'A Gantt chart of the queue jobs of a window, the last hour by default (as timeline)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jobctl;queue;show' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (with --tree, json is the tree: each node {"kind","job","children"}, "job" the server''s object)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (with --tree, json is the tree: each node {"kind","job","children"}, "job" the server''s object)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Run a jq expression over each job as the server sent it (with --tree: over the tree that -o json prints); each result prints on its own line, strings raw, the rest as compact JSON')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--queue-host', '--queue-host', [CompletionResultType]::ParameterName, 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('--tree', '--tree', [CompletionResultType]::ParameterName, 'The run as a tree: phases, tasks and the storage jobs each task started (one id)')
            [CompletionResult]::new('--no-log', '--no-log', [CompletionResultType]::ParameterName, 'Do not end a failed job''s detail with its last warnings and errors (shown on a terminal only; they cost one events request per run)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jobctl;queue;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only jobs with this status (repeatable or comma-separated; sent to the server)')
            [CompletionResult]::new('--component', '--component', [CompletionResultType]::ParameterName, 'Only jobs of this component, e.g. keboola.orchestrator (repeatable)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Only jobs of this configuration id (repeatable)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only jobs of this type: standard, orchestrationContainer (a flow), phaseContainer, container, retryContainer (repeatable)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only jobs created at or after this: an age (30m, 2h, 7d, or -2h), a date or date-time in the local zone, or a time with an offset; sent in UTC with +00:00')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only jobs created at or before this, as --since')
            [CompletionResult]::new('--branch', '--branch', [CompletionResultType]::ParameterName, 'Only jobs of this branch id (''null'' for the main branch; repeatable)')
            [CompletionResult]::new('--run-id', '--run-id', [CompletionResultType]::ParameterName, 'Only jobs with exactly this runId (repeatable)')
            [CompletionResult]::new('--parent', '--parent', [CompletionResultType]::ParameterName, 'Only the jobs directly under this runId: a flow''s phases, a phase''s tasks')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many matching jobs to show')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many matching jobs to show')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Jobs per request, sent as `limit` (the Queue API''s own clients never ask for more than 500)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format. A piped table is tab-separated with a header line (none when nothing matched), RFC 3339 times and seconds')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format. A piped table is tab-separated with a header line (none when nothing matched), RFC 3339 times and seconds')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Table columns to show, comma-separated (id,status,type,component,config,createdTime, duration,runId,parentRunId,token,errorType,message,startTime,endTime, or the headers the table shows: parent,error_type,start,end,...)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Filter a saved search response (JSON array or JSON lines; ''-'' for stdin) instead of calling the API')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often --watch polls')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Run a jq expression over the JSON array that -o json prints (implies -o json)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--queue-host', '--queue-host', [CompletionResultType]::ParameterName, 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Config file, as --config elsewhere (here --config is a configuration id)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Shorthand for --status error,terminated,cancelled')
            [CompletionResult]::new('--running', '--running', [CompletionResultType]::ParameterName, 'Shorthand for --status created,waiting,processing,terminating')
            [CompletionResult]::new('--top-level', '--top-level', [CompletionResultType]::ParameterName, 'Only jobs that run under no other (flows and jobs run on their own, not phases or tasks; applied by jobctl, paging on until enough match)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Page through to the last job')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, keep polling the first page and print new jobs and status changes until Ctrl-C (exit 130). With -o json or jsonl each change is one JSON line')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, keep polling the first page and print new jobs and status changes until Ctrl-C (exit 130). With -o json or jsonl each change is one JSON line')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jobctl;queue;watch' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the final state')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the final state')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after this long (exit 124)')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'Progress on stderr: live spinners (tty; a flow shows its tasks done of total and the running ones), timestamped lines (plain) or nothing')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Poll at this fixed interval instead of adaptively (at least 200ms)')
            [CompletionResult]::new('--max-interval', '--max-interval', [CompletionResultType]::ParameterName, 'Longest wait between polls when polling adaptively')
            [CompletionResult]::new('--heartbeat', '--heartbeat', [CompletionResultType]::ParameterName, 'In plain progress, print a line this often even when nothing changed')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Run a jq expression over each final job, in argument order (as watch --jq)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--queue-host', '--queue-host', [CompletionResultType]::ParameterName, 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('--kill-on-timeout', '--kill-on-timeout', [CompletionResultType]::ParameterName, 'When --timeout ends the watch, kill the jobs still running')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Do not estimate the jobs'' length from earlier runs of the same component and config (saves the one search request of finished jobs at the first look)')
            [CompletionResult]::new('--fail-fast', '--fail-fast', [CompletionResultType]::ParameterName, 'Stop as soon as one job fails (exit 1)')
            [CompletionResult]::new('--notify', '--notify', [CompletionResultType]::ParameterName, 'Ring the bell and send a terminal notification (OSC 9) when all jobs finished')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jobctl;queue;kill' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Kill the jobs with this status (default with a filter: created, waiting, processing)')
            [CompletionResult]::new('--component', '--component', [CompletionResultType]::ParameterName, 'Kill the jobs of this component (repeatable)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Kill the jobs of this configuration id (repeatable)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--queue-host', '--queue-host', [CompletionResultType]::ParameterName, 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Config file, as --config elsewhere (here --config is a configuration id)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('--all-components', '--all-components', [CompletionResultType]::ParameterName, 'Kill by --status alone, whatever the component: a filter must otherwise name a --component or a --config')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kill what the filter matches without asking (without it, the jobs are listed)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kill what the filter matches without asking (without it, the jobs are listed)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jobctl;queue;stats' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only jobs with this status (repeatable or comma-separated; sent to the server)')
            [CompletionResult]::new('--component', '--component', [CompletionResultType]::ParameterName, 'Only jobs of this component, e.g. keboola.orchestrator (repeatable)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Only jobs of this configuration id (repeatable)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only jobs of this type: standard, orchestrationContainer (a flow), phaseContainer, container, retryContainer (repeatable)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only jobs created at or after this: an age (30m, 2h, 7d, or -2h), a date or date-time in the local zone, or a time with an offset; sent in UTC with +00:00')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only jobs created at or before this, as --since')
            [CompletionResult]::new('--branch', '--branch', [CompletionResultType]::ParameterName, 'Only jobs of this branch id (''null'' for the main branch; repeatable)')
            [CompletionResult]::new('--run-id', '--run-id', [CompletionResultType]::ParameterName, 'Only jobs with exactly this runId (repeatable)')
            [CompletionResult]::new('--parent', '--parent', [CompletionResultType]::ParameterName, 'Only the jobs directly under this runId: a flow''s phases, a phase''s tasks')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Group by these, comma-separated (hour and day in the local zone)')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Order the groups by this column: numbers largest first, keys A to Z')
            [CompletionResult]::new('--trend', '--trend', [CompletionResultType]::ParameterName, 'Add the figures per day (or hour): sparklines of p90 duration and error rate in the table, a "trend" array per group in JSON')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format. The table is tab-separated with a header line when piped (seconds and bytes as plain numbers)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format. The table is tab-separated with a header line when piped (seconds and bytes as plain numbers)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Run a jq expression over the object that -o json prints (implies -o json)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read a saved search response (JSON array or JSON lines; ''-'' for stdin) instead of calling the API')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Jobs per request')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--queue-host', '--queue-host', [CompletionResultType]::ParameterName, 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Config file, as --config elsewhere (here --config is a configuration id)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Shorthand for --status error,terminated,cancelled')
            [CompletionResult]::new('--running', '--running', [CompletionResultType]::ParameterName, 'Shorthand for --status created,waiting,processing,terminating')
            [CompletionResult]::new('--top-level', '--top-level', [CompletionResultType]::ParameterName, 'Only jobs that run under no other (flows and jobs run on their own, not phases or tasks; applied by jobctl, paging on until enough match)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jobctl;queue;timeline' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only jobs with this status (repeatable or comma-separated; sent to the server)')
            [CompletionResult]::new('--component', '--component', [CompletionResultType]::ParameterName, 'Only jobs of this component, e.g. keboola.orchestrator (repeatable)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Only jobs of this configuration id (repeatable)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only jobs of this type: standard, orchestrationContainer (a flow), phaseContainer, container, retryContainer (repeatable)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only jobs created at or after this: an age (30m, 2h, 7d, or -2h), a date or date-time in the local zone, or a time with an offset; sent in UTC with +00:00')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only jobs created at or before this, as --since')
            [CompletionResult]::new('--branch', '--branch', [CompletionResultType]::ParameterName, 'Only jobs of this branch id (''null'' for the main branch; repeatable)')
            [CompletionResult]::new('--run-id', '--run-id', [CompletionResultType]::ParameterName, 'Only jobs with exactly this runId (repeatable)')
            [CompletionResult]::new('--parent', '--parent', [CompletionResultType]::ParameterName, 'Only the jobs directly under this runId: a flow''s phases, a phase''s tasks')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'One row per component or configuration instead of one per job')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for a terminal (plain glyphs without colour), or an SVG picture')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for a terminal (plain glyphs without colour), or an SVG picture')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the picture to this file instead of stdout')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read a saved search response (JSON array or JSON lines; ''-'' for stdin) instead of calling the API')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Jobs per request')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--queue-host', '--queue-host', [CompletionResultType]::ParameterName, 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Config file, as --config elsewhere (here --config is a configuration id)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Shorthand for --status error,terminated,cancelled')
            [CompletionResult]::new('--running', '--running', [CompletionResultType]::ParameterName, 'Shorthand for --status created,waiting,processing,terminating')
            [CompletionResult]::new('--top-level', '--top-level', [CompletionResultType]::ParameterName, 'Only jobs that run under no other (flows and jobs run on their own, not phases or tasks; applied by jobctl, paging on until enough match)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jobctl;queue;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show Queue API jobs (component runs, flows) in detail, or a flow''s run as a tree')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List Queue API jobs, newest first (the server''s search, with its filters)')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow queue jobs until they finish (isFinished); exit 0 on success (and on warning, with a note), 1 when any ended in error, terminated or cancelled')
            [CompletionResult]::new('kill', 'kill', [CompletionResultType]::ParameterValue, 'Kill queue jobs: explicit ids at once; by filter only with --yes (it lists what it would kill otherwise). Reports each job''s outcome')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Figures over the queue job history per component and configuration (as stats)')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'A Gantt chart of the queue jobs of a window, the last hour by default (as timeline)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jobctl;queue;help;show' {
            break
        }
        'jobctl;queue;help;list' {
            break
        }
        'jobctl;queue;help;watch' {
            break
        }
        'jobctl;queue;help;kill' {
            break
        }
        'jobctl;queue;help;stats' {
            break
        }
        'jobctl;queue;help;timeline' {
            break
        }
        'jobctl;queue;help;help' {
            break
        }
        'jobctl;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on: IP:PORT, localhost:PORT or a bare PORT (on loopback)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed for the simulated data set')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Serve N generated finished jobs (ids 1..=N over the past 30 days) instead of the demo data set, e.g. to load-test paging')
            [CompletionResult]::new('--queue-jobs', '--queue-jobs', [CompletionResultType]::ParameterName, 'Serve N generated finished Queue API jobs (component runs over the past 30 days) instead of the demo''s flows, e.g. to load-test queue list')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Add N live jobs above the other ids; each starts when first requested (or listed) and succeeds --live-duration later')
            [CompletionResult]::new('--live-duration', '--live-duration', [CompletionResultType]::ParameterName, 'How long each --live job runs, a third of it waiting')
            [CompletionResult]::new('--history', '--history', [CompletionResultType]::ParameterName, 'Before the --live jobs, add N finished runs of each (same operation and table), taking --live-duration within +-10 %, for `watch` to estimate their length from')
            [CompletionResult]::new('--latency', '--latency', [CompletionResultType]::ParameterName, 'Answer every API request only after this long, like a stack far away')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'The token to accept (also KBC_STORAGE_API_TOKEN) [default: the demo token, printed]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jobctl;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jobctl;man' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jobctl;config' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles (never a token value), marking the default')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Try each profile''s host and token with one cheap request; exit 0 when all work, else the worst failure''s code (4 token rejected, 5 API unreachable, 2 bad profile)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jobctl;config;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id')
            [CompletionResult]::new('--names', '--names', [CompletionResultType]::ParameterName, 'Print only the profile names, one per line, and nothing at all without a config file (what shell completion of --profile calls)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jobctl;config;check' {
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jobctl;config;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles (never a token value), marking the default')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Try each profile''s host and token with one cheap request; exit 0 when all work, else the worst failure''s code (4 token rejected, 5 API unreachable, 2 bad profile)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jobctl;config;help;list' {
            break
        }
        'jobctl;config;help;check' {
            break
        }
        'jobctl;config;help;help' {
            break
        }
        'jobctl;whoami' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Run a jq expression over the stack''s answer (GET /v2/storage/tokens/verify, the token itself left out); each result prints on its own line, strings raw')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jobctl;top' {
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often to refresh the lists (one request per kind; at least 200ms); while nothing runs the wait doubles, up to 4 times this')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Which jobs to show first (Tab switches while it runs)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--queue-host', '--queue-host', [CompletionResultType]::ParameterName, 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jobctl;run' {
            [CompletionResult]::new('--row', '--row', [CompletionResultType]::ParameterName, 'Run only this row of the configuration (repeatable)')
            [CompletionResult]::new('--branch', '--branch', [CompletionResultType]::ParameterName, 'The dev branch to run in (its id); a target''s own BRANCH/ wins over it')
            [CompletionResult]::new('--variables-id', '--variables-id', [CompletionResultType]::ParameterName, 'Variable values: the id of a stored set of values')
            [CompletionResult]::new('--var', '--var', [CompletionResultType]::ParameterName, 'A variable''s value for this run (repeatable)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'debug keeps the job''s data for inspection; force runs a disabled configuration')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'The backend size to run on (sent as backend.type)')
            [CompletionResult]::new('--parallelism', '--parallelism', [CompletionResultType]::ParameterName, 'How many of a flow''s tasks run at once: a number, or infinity')
            [CompletionResult]::new('--config-data', '--config-data', [CompletionResultType]::ParameterName, 'Run this inline configuration (a JSON object; ''-'' for stdin) instead of a stored one''s (the target''s CONFIG and --row are then not used)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: what started, or with --wait the final state as watch prints it')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: what started, or with --wait the final state as watch prints it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'With --wait or -f: give up after this long (exit 124); the jobs keep running')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'With --wait or -f: progress on stderr (as watch)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'With --wait or -f: poll at this fixed interval instead of adaptively (at least 200ms)')
            [CompletionResult]::new('--max-interval', '--max-interval', [CompletionResultType]::ParameterName, 'With --wait or -f: longest wait between polls when polling adaptively')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--queue-host', '--queue-host', [CompletionResultType]::ParameterName, 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request bodies that would be sent (one JSON object per line; -o json: an array) and send nothing')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Follow the started jobs until they finish, as `watch` does: exit 0 on success, 1 when any failed')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, '--wait, and print the jobs'' log on stderr as it arrives (for a flow, every task''s, each line prefixed with its place), as `watch --log`')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, '--wait, and print the jobs'' log on stderr as it arrives (for a flow, every task''s, each line prefixed with its place), as `watch --log`')
            [CompletionResult]::new('--kill-on-timeout', '--kill-on-timeout', [CompletionResultType]::ParameterName, 'When --timeout ends the wait, kill the jobs still running')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'With --wait or -f: do not estimate the jobs'' length from earlier runs')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jobctl;rerun' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Which API a bare id belongs to (needed only when the id is a job on both)')
            [CompletionResult]::new('--from-phase', '--from-phase', [CompletionResultType]::ParameterName, 'A flow: start this phase (a name or an id of the flow''s result) and every phase after it')
            [CompletionResult]::new('--task', '--task', [CompletionResultType]::ParameterName, 'A flow: start this task (a name or an id of the flow''s result); repeatable')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: what was started (without --wait) or the final state (with it)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: what was started (without --wait) or the final state (with it)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'With --wait or -f: give up after this long (exit 124); the jobs keep running')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'With --wait or -f: progress on stderr (as watch)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'With --wait or -f: poll at this fixed interval instead of adaptively (at least 200ms)')
            [CompletionResult]::new('--max-interval', '--max-interval', [CompletionResultType]::ParameterName, 'With --wait or -f: longest wait between polls when polling adaptively')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--queue-host', '--queue-host', [CompletionResultType]::ParameterName, 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'A flow: start only the tasks that failed and every task of the phases after the failed one (as the UI''s retry does). A flow where nothing failed starts nothing (exit 0)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (stderr) and the request body (stdout: one JSON line; -o json: an object) and start nothing')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Follow the started jobs until they finish, as `watch` does: exit 0 on success, 1 when any failed')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, '--wait, and print the jobs'' log on stderr as it arrives (for a flow, every task''s, each line prefixed with its place), as `watch --log`')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, '--wait, and print the jobs'' log on stderr as it arrives (for a flow, every task''s, each line prefixed with its place), as `watch --log`')
            [CompletionResult]::new('--kill-on-timeout', '--kill-on-timeout', [CompletionResultType]::ParameterName, 'When --timeout ends the wait, kill the jobs still running')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'With --wait or -f: do not estimate the jobs'' length from earlier runs')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jobctl;logs' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Which API a bare id belongs to (needed only when the id is a job on both)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'With --follow: give up after this long (exit 124); the jobs keep running')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'With --follow: how often to ask for new events and the jobs'' status (at least 200ms); the default asks once every 2 s, however many tasks a flow runs')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only events of these types (comma-separated)')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Only events whose message or description matches this regular expression (matched here, highlighted on a terminal; (?i) for case-insensitive)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'The server''s own search over the events (its `q` parameter)')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'The server''s own search over the events (its `q` parameter)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only events created at or after this: an age (30m, 2h, 7d) or a date/date-time (as list --since)')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'Only the last N events (after the filters); with --follow, then the new ones')
            [CompletionResult]::new('--timestamps', '--timestamps', [CompletionResultType]::ParameterName, 'The time on each line: short (a terminal''s default: HH:MM:SS in the display zone), full (a pipe''s default: the server''s own time), none')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text lines; jsonl (one `{"job":ID,"event":{...}}` a line, the event as the server sent it); json (an array of those)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text lines; jsonl (one `{"job":ID,"event":{...}}` a line, the event as the server sent it); json (an array of those)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Run a jq expression over each `{"job":ID,"event":{...}}`; each result prints on its own line, strings raw, the rest as compact JSON. No jq binary needed')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file (''-'' for standard input); wins over --token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed for a transient reason')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for one HTTP request')
            [CompletionResult]::new('--queue-host', '--queue-host', [CompletionResultType]::ParameterName, 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing new events until the jobs (a flow: every task) have finished, then exit as watch does: 0 success, 1 failed, 124 on --timeout')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing new events until the jobs (a flow: every task) have finished, then exit as watch does: 0 success, 1 failed, 124 on --timeout')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'A flow or phase: only the tasks that failed, with the messages of the phases and the flow above them')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a host other than loopback (sends the token unencrypted)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every request, response and retry decision on stderr (token redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jobctl;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one or more jobs in detail')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow jobs until they finish; exit 0 when all succeeded, 1 when any failed')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List recent jobs, newest first')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Figures over the job history: jobs, errors, duration and queue-wait percentiles, bytes and error codes, per operation (or table, bucket, creator, status, hour, day)')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'What ran when, and in parallel with what: a Gantt chart of the jobs of a window (the last hour unless --since says otherwise), with concurrency below it')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'Queue API jobs: component runs and flows with their phases and tasks')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the Storage API simulator in the foreground, as a local stand-in for the API')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (e.g. jobctl completions bash > ~/.local/share/bash-completion/completions/jobctl)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), e.g. jobctl man > ~/.local/share/man/man1/jobctl.1')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Inspect the profiles of the config file')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show whom the token belongs to: project, token description, expiry and stack')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'A live, keyboard-driven dashboard of the project''s storage and queue jobs (on a terminal; for a pipe, use list --watch)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Start component or flow jobs (Queue API); print what started and exit, or follow them to their end with --wait')
            [CompletionResult]::new('rerun', 'rerun', [CompletionResultType]::ParameterValue, 'Start a queue job again: the same component, configuration, rows, tag, branch and variables; of a flow all of it, or only what failed, from a phase, chosen tasks')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print a job''s log (its events), oldest first; a flow''s tasks merged, -f to follow')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jobctl;help;show' {
            break
        }
        'jobctl;help;watch' {
            break
        }
        'jobctl;help;list' {
            break
        }
        'jobctl;help;stats' {
            break
        }
        'jobctl;help;timeline' {
            break
        }
        'jobctl;help;queue' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show Queue API jobs (component runs, flows) in detail, or a flow''s run as a tree')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List Queue API jobs, newest first (the server''s search, with its filters)')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow queue jobs until they finish (isFinished); exit 0 on success (and on warning, with a note), 1 when any ended in error, terminated or cancelled')
            [CompletionResult]::new('kill', 'kill', [CompletionResultType]::ParameterValue, 'Kill queue jobs: explicit ids at once; by filter only with --yes (it lists what it would kill otherwise). Reports each job''s outcome')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Figures over the queue job history per component and configuration (as stats)')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'A Gantt chart of the queue jobs of a window, the last hour by default (as timeline)')
            break
        }
        'jobctl;help;queue;show' {
            break
        }
        'jobctl;help;queue;list' {
            break
        }
        'jobctl;help;queue;watch' {
            break
        }
        'jobctl;help;queue;kill' {
            break
        }
        'jobctl;help;queue;stats' {
            break
        }
        'jobctl;help;queue;timeline' {
            break
        }
        'jobctl;help;serve' {
            break
        }
        'jobctl;help;completions' {
            break
        }
        'jobctl;help;man' {
            break
        }
        'jobctl;help;config' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles (never a token value), marking the default')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Try each profile''s host and token with one cheap request; exit 0 when all work, else the worst failure''s code (4 token rejected, 5 API unreachable, 2 bad profile)')
            break
        }
        'jobctl;help;config;list' {
            break
        }
        'jobctl;help;config;check' {
            break
        }
        'jobctl;help;whoami' {
            break
        }
        'jobctl;help;top' {
            break
        }
        'jobctl;help;run' {
            break
        }
        'jobctl;help;rerun' {
            break
        }
        'jobctl;help;logs' {
            break
        }
        'jobctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
