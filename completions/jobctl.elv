
use builtin;
use str;

set edit:completion:arg-completer[jobctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'jobctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'jobctl'= {
            cand --host 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]'
            cand --token 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable'
            cand --token-file 'Read the token from a file (''-'' for standard input); wins over --token'
            cand --profile 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file'
            cand --retries 'How many times to retry a request that failed for a transient reason'
            cand --request-timeout 'Time limit for one HTTP request'
            cand --queue-host 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id'
            cand --color 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal'
            cand --demo 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
            cand --insecure-http 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
            cand -v 'Log every request, response and retry decision on stderr (token redacted)'
            cand --debug 'Log every request, response and retry decision on stderr (token redacted)'
            cand --utc 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Show one or more jobs in detail'
            cand watch 'Follow jobs until they finish; exit 0 when all succeeded, 1 when any failed'
            cand list 'List recent jobs, newest first'
            cand stats 'Figures over the job history: jobs, errors, duration and queue-wait percentiles, bytes and error codes, per operation (or table, bucket, creator, status, hour, day)'
            cand timeline 'What ran when, and in parallel with what: a Gantt chart of the jobs of a window (the last hour unless --since says otherwise), with concurrency below it'
            cand queue 'Queue API jobs: component runs and flows with their phases and tasks'
            cand serve 'Run the Storage API simulator in the foreground, as a local stand-in for the API'
            cand completions 'Print a shell completion script (e.g. jobctl completions bash > ~/.local/share/bash-completion/completions/jobctl)'
            cand man 'Print the man page (roff), e.g. jobctl man > ~/.local/share/man/man1/jobctl.1'
            cand config 'Inspect the profiles of the config file'
            cand whoami 'Show whom the token belongs to: project, token description, expiry and stack'
            cand top 'A live, keyboard-driven dashboard of the project''s storage and queue jobs (on a terminal; for a pipe, use list --watch)'
            cand logs 'Print a job''s log (its events), oldest first; a flow''s tasks merged, -f to follow'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jobctl;show'= {
            cand --kind 'Which API a bare id belongs to (needed only when the id is a job on both)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --file 'Render a saved job response (''-'' for standard input) instead of calling the API'
            cand --jq 'Run a jq expression over each job, in argument order, as the server sent it (one object per job, however many ids: `--jq .` prints JSON lines); each result prints on its own line, strings raw, the rest as compact JSON. No jq binary needed'
            cand --host 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]'
            cand --token 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable'
            cand --token-file 'Read the token from a file (''-'' for standard input); wins over --token'
            cand --profile 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file'
            cand --retries 'How many times to retry a request that failed for a transient reason'
            cand --request-timeout 'Time limit for one HTTP request'
            cand --queue-host 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id'
            cand --color 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal'
            cand --tree 'A queue job''s run as a tree: phases, tasks and the storage jobs each task started (one id)'
            cand --queue-job 'Also show the Queue API job (component, config, status) whose run started each storage job (its runId); costs a request to the stack''s index and one per job'
            cand --no-log 'Do not end a failed job''s detail with its last warnings and errors (shown on a terminal only; they cost one events request per run)'
            cand --demo 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
            cand --insecure-http 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
            cand -v 'Log every request, response and retry decision on stderr (token redacted)'
            cand --debug 'Log every request, response and retry decision on stderr (token redacted)'
            cand --utc 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jobctl;watch'= {
            cand --kind 'Which API a bare id belongs to (needed only when the id is a job on both)'
            cand --run-id 'Follow a run instead of ids: its jobs and those of its nested runs (ID.*), including jobs that appear after the watch started, until all are finished and none appeared for --grace'
            cand --grace 'With --run-id: how long to wait for another job of the run once all its jobs finished (or for the first one to appear)'
            cand -o 'Output format of the final state'
            cand --output 'Output format of the final state'
            cand --timeout 'Give up after this long (exit 124); the jobs keep running on the server'
            cand --progress 'Progress on stderr: a live spinner (tty), timestamped lines (plain) or nothing'
            cand --interval 'Poll at this fixed interval instead of adaptively (at least 200ms: shorter values are raised to it, with a note)'
            cand --max-interval 'Longest wait between polls when polling adaptively'
            cand --heartbeat 'In plain progress, print a line this often even when nothing changed'
            cand --jq 'Run a jq expression over each final job, in argument order (one object per job, however many ids); each result prints on its own line, strings raw, the rest as compact JSON. No jq binary needed'
            cand --host 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]'
            cand --token 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable'
            cand --token-file 'Read the token from a file (''-'' for standard input); wins over --token'
            cand --profile 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file'
            cand --retries 'How many times to retry a request that failed for a transient reason'
            cand --request-timeout 'Time limit for one HTTP request'
            cand --queue-host 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id'
            cand --color 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal'
            cand --kill-on-timeout 'Queue jobs: when --timeout ends the watch, kill the jobs still running'
            cand --running 'Follow every job waiting or processing now (not jobs created later)'
            cand --fail-fast 'Stop as soon as one job fails (exit 1)'
            cand --no-history 'Do not estimate the jobs'' length from earlier runs of the same operation and table (saves the one list request of finished jobs at the first look)'
            cand --notify 'Ring the bell and send a terminal notification (OSC 9) when all jobs finished'
            cand --demo 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
            cand --insecure-http 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
            cand -v 'Log every request, response and retry decision on stderr (token redacted)'
            cand --debug 'Log every request, response and retry decision on stderr (token redacted)'
            cand --utc 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jobctl;list'= {
            cand --status 'Only jobs with this status (repeatable or comma-separated; sent to the server)'
            cand --exclude-status 'Leave out jobs with this status (ignored by the server when --status is given)'
            cand --since 'Only jobs created at or after this: a relative age (30m, 2h, 7d, 1w, or -2h; bare numbers are seconds), today or yesterday (local midnight), a date or date-time in the local zone (2026-11-28, ''2026-11-28 10:00''), or a time with an offset; sent to the API in UTC with an explicit +00:00'
            cand --until 'Only jobs created at or before this: a relative age or a date/date-time, as --since'
            cand --operation 'Only these operations: a name, a prefix or a glob like ''table*'' (repeatable)'
            cand --table 'Only this table, or tables under this prefix (e.g. a bucket ''in.c-main'')'
            cand --run-id 'Only this run id and the runs nested in it (ID.*)'
            cand -n 'How many matching jobs to show'
            cand --limit 'How many matching jobs to show'
            cand --page-size 'Jobs per request, always sent as `limit` (fewer when -n needs fewer and only server filters apply). After the first page, a few pages are fetched at once and printed in order'
            cand --concurrency 'Pages fetched at once after the first (1: one after another); whatever N is, no more than about 4,000 jobs are in flight'
            cand -o 'Output format. A piped table is tab-separated with a header line (none when nothing matched), RFC 3339 times, seconds and bytes'
            cand --output 'Output format. A piped table is tab-separated with a header line (none when nothing matched), RFC 3339 times, seconds and bytes'
            cand --columns 'Table columns to show, comma-separated (id,status,operationName,tableId,createdTime, duration,inBytes,outBytes,runId,creator,errorCode,errorMessage,startTime,endTime, or the headers the table shows: table,operation,error,start,end,...); not with -o wide, json or jsonl'
            cand --file 'Filter a saved list response (JSON array or JSON lines; ''-'' for stdin) instead of calling the API'
            cand --interval 'How often --watch polls (at least 200ms); while nothing changes the wait doubles, up to 8 times this or 30s, and comes back on the next change'
            cand --jq 'Run a jq expression over the JSON array that -o json prints (implies -o json); each result prints on its own line, strings raw, the rest as compact JSON. No jq binary needed'
            cand --host 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]'
            cand --token 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable'
            cand --token-file 'Read the token from a file (''-'' for standard input); wins over --token'
            cand --profile 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file'
            cand --retries 'How many times to retry a request that failed for a transient reason'
            cand --request-timeout 'Time limit for one HTTP request'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id'
            cand --color 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal'
            cand --failed 'Shorthand for --status error'
            cand --running 'Shorthand for --status waiting,processing'
            cand --all 'Page through to the last job'
            cand -w 'After listing, keep polling the first page and print new jobs and status changes until Ctrl-C (exit 130). With -o json or jsonl each change is one JSON line'
            cand --watch 'After listing, keep polling the first page and print new jobs and status changes until Ctrl-C (exit 130). With -o json or jsonl each change is one JSON line'
            cand --demo 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
            cand --insecure-http 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
            cand -v 'Log every request, response and retry decision on stderr (token redacted)'
            cand --debug 'Log every request, response and retry decision on stderr (token redacted)'
            cand --utc 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jobctl;stats'= {
            cand --status 'Only jobs with this status (repeatable or comma-separated; sent to the server)'
            cand --exclude-status 'Leave out jobs with this status (ignored by the server when --status is given)'
            cand --since 'Only jobs created at or after this: a relative age (30m, 2h, 7d, 1w, or -2h; bare numbers are seconds), today or yesterday (local midnight), a date or date-time in the local zone (2026-11-28, ''2026-11-28 10:00''), or a time with an offset; sent to the API in UTC with an explicit +00:00'
            cand --until 'Only jobs created at or before this: a relative age or a date/date-time, as --since'
            cand --operation 'Only these operations: a name, a prefix or a glob like ''table*'' (repeatable)'
            cand --table 'Only this table, or tables under this prefix (e.g. a bucket ''in.c-main'')'
            cand --run-id 'Only this run id and the runs nested in it (ID.*)'
            cand --by 'Group by these, comma-separated (hour and day in the local zone)'
            cand --sort 'Order the groups by this column: numbers largest first, keys A to Z'
            cand --trend 'Add the figures per day (or hour): sparklines of p90 duration and error rate in the table, a "trend" array per group in JSON'
            cand -o 'Output format. The table is tab-separated with a header line when piped (seconds and bytes as plain numbers)'
            cand --output 'Output format. The table is tab-separated with a header line when piped (seconds and bytes as plain numbers)'
            cand --jq 'Run a jq expression over the object that -o json prints (implies -o json)'
            cand --file 'Read a saved list response (JSON array or JSON lines, e.g. from list --all -o json; ''-'' for stdin) instead of calling the API'
            cand --page-size 'Jobs per request'
            cand --concurrency 'Pages fetched at once after the first'
            cand --host 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]'
            cand --token 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable'
            cand --token-file 'Read the token from a file (''-'' for standard input); wins over --token'
            cand --profile 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file'
            cand --retries 'How many times to retry a request that failed for a transient reason'
            cand --request-timeout 'Time limit for one HTTP request'
            cand --queue-host 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id'
            cand --color 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal'
            cand --failed 'Shorthand for --status error'
            cand --running 'Shorthand for --status waiting,processing'
            cand --demo 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
            cand --insecure-http 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
            cand -v 'Log every request, response and retry decision on stderr (token redacted)'
            cand --debug 'Log every request, response and retry decision on stderr (token redacted)'
            cand --utc 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jobctl;timeline'= {
            cand --status 'Only jobs with this status (repeatable or comma-separated; sent to the server)'
            cand --exclude-status 'Leave out jobs with this status (ignored by the server when --status is given)'
            cand --since 'Only jobs created at or after this: a relative age (30m, 2h, 7d, 1w, or -2h; bare numbers are seconds), today or yesterday (local midnight), a date or date-time in the local zone (2026-11-28, ''2026-11-28 10:00''), or a time with an offset; sent to the API in UTC with an explicit +00:00'
            cand --until 'Only jobs created at or before this: a relative age or a date/date-time, as --since'
            cand --operation 'Only these operations: a name, a prefix or a glob like ''table*'' (repeatable)'
            cand --table 'Only this table, or tables under this prefix (e.g. a bucket ''in.c-main'')'
            cand --run-id 'Only this run id and the runs nested in it (ID.*)'
            cand --by 'One row per operation or table instead of one per job'
            cand -o 'Output format: text for a terminal (plain glyphs without colour), or an SVG picture'
            cand --output 'Output format: text for a terminal (plain glyphs without colour), or an SVG picture'
            cand --out 'Write the picture to this file instead of stdout'
            cand --file 'Read a saved list response (JSON array or JSON lines, e.g. from list --all -o json; ''-'' for stdin) instead of calling the API'
            cand --page-size 'Jobs per request'
            cand --concurrency 'Pages fetched at once after the first'
            cand --host 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]'
            cand --token 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable'
            cand --token-file 'Read the token from a file (''-'' for standard input); wins over --token'
            cand --profile 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file'
            cand --retries 'How many times to retry a request that failed for a transient reason'
            cand --request-timeout 'Time limit for one HTTP request'
            cand --queue-host 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id'
            cand --color 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal'
            cand --failed 'Shorthand for --status error'
            cand --running 'Shorthand for --status waiting,processing'
            cand --demo 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
            cand --insecure-http 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
            cand -v 'Log every request, response and retry decision on stderr (token redacted)'
            cand --debug 'Log every request, response and retry decision on stderr (token redacted)'
            cand --utc 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jobctl;queue'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand show 'Show Queue API jobs (component runs, flows) in detail, or a flow''s run as a tree'
            cand list 'List Queue API jobs, newest first (the server''s search, with its filters)'
            cand watch 'Follow queue jobs until they finish (isFinished); exit 0 on success (and on warning, with a note), 1 when any ended in error, terminated or cancelled'
            cand kill 'Kill queue jobs: explicit ids at once; by filter only with --yes (it lists what it would kill otherwise). Reports each job''s outcome'
            cand stats 'Figures over the queue job history per component and configuration (as stats)'
            cand timeline 'A Gantt chart of the queue jobs of a window, the last hour by default (as timeline)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jobctl;queue;show'= {
            cand -o 'Output format (with --tree, json is the tree: each node {"kind","job","children"}, "job" the server''s object)'
            cand --output 'Output format (with --tree, json is the tree: each node {"kind","job","children"}, "job" the server''s object)'
            cand --jq 'Run a jq expression over each job as the server sent it (with --tree: over the tree that -o json prints); each result prints on its own line, strings raw, the rest as compact JSON'
            cand --host 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]'
            cand --token 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable'
            cand --token-file 'Read the token from a file (''-'' for standard input); wins over --token'
            cand --profile 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file'
            cand --retries 'How many times to retry a request that failed for a transient reason'
            cand --request-timeout 'Time limit for one HTTP request'
            cand --queue-host 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id'
            cand --color 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal'
            cand --tree 'The run as a tree: phases, tasks and the storage jobs each task started (one id)'
            cand --no-log 'Do not end a failed job''s detail with its last warnings and errors (shown on a terminal only; they cost one events request per run)'
            cand --demo 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
            cand --insecure-http 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
            cand -v 'Log every request, response and retry decision on stderr (token redacted)'
            cand --debug 'Log every request, response and retry decision on stderr (token redacted)'
            cand --utc 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jobctl;queue;list'= {
            cand --status 'Only jobs with this status (repeatable or comma-separated; sent to the server)'
            cand --component 'Only jobs of this component, e.g. keboola.orchestrator (repeatable)'
            cand --config 'Only jobs of this configuration id (repeatable)'
            cand --type 'Only jobs of this type: standard, orchestrationContainer (a flow), phaseContainer, container, retryContainer (repeatable)'
            cand --since 'Only jobs created at or after this: an age (30m, 2h, 7d, or -2h), a date or date-time in the local zone, or a time with an offset; sent in UTC with +00:00'
            cand --until 'Only jobs created at or before this, as --since'
            cand --branch 'Only jobs of this branch id (''null'' for the main branch; repeatable)'
            cand --run-id 'Only jobs with exactly this runId (repeatable)'
            cand --parent 'Only the jobs directly under this runId: a flow''s phases, a phase''s tasks'
            cand -n 'How many matching jobs to show'
            cand --limit 'How many matching jobs to show'
            cand --page-size 'Jobs per request, sent as `limit` (the Queue API''s own clients never ask for more than 500)'
            cand -o 'Output format. A piped table is tab-separated with a header line (none when nothing matched), RFC 3339 times and seconds'
            cand --output 'Output format. A piped table is tab-separated with a header line (none when nothing matched), RFC 3339 times and seconds'
            cand --columns 'Table columns to show, comma-separated (id,status,type,component,config,createdTime, duration,runId,parentRunId,token,errorType,message,startTime,endTime, or the headers the table shows: parent,error_type,start,end,...)'
            cand --file 'Filter a saved search response (JSON array or JSON lines; ''-'' for stdin) instead of calling the API'
            cand --interval 'How often --watch polls'
            cand --jq 'Run a jq expression over the JSON array that -o json prints (implies -o json)'
            cand --host 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]'
            cand --token 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable'
            cand --token-file 'Read the token from a file (''-'' for standard input); wins over --token'
            cand --profile 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file'
            cand --retries 'How many times to retry a request that failed for a transient reason'
            cand --request-timeout 'Time limit for one HTTP request'
            cand --queue-host 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]'
            cand --config-file 'Config file, as --config elsewhere (here --config is a configuration id)'
            cand --color 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal'
            cand --failed 'Shorthand for --status error,terminated,cancelled'
            cand --running 'Shorthand for --status created,waiting,processing,terminating'
            cand --top-level 'Only jobs that run under no other (flows and jobs run on their own, not phases or tasks; applied by jobctl, paging on until enough match)'
            cand --all 'Page through to the last job'
            cand -w 'After listing, keep polling the first page and print new jobs and status changes until Ctrl-C (exit 130). With -o json or jsonl each change is one JSON line'
            cand --watch 'After listing, keep polling the first page and print new jobs and status changes until Ctrl-C (exit 130). With -o json or jsonl each change is one JSON line'
            cand --demo 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
            cand --insecure-http 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
            cand -v 'Log every request, response and retry decision on stderr (token redacted)'
            cand --debug 'Log every request, response and retry decision on stderr (token redacted)'
            cand --utc 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jobctl;queue;watch'= {
            cand -o 'Output format of the final state'
            cand --output 'Output format of the final state'
            cand --timeout 'Give up after this long (exit 124)'
            cand --progress 'Progress on stderr: live spinners (tty; a flow shows its tasks done of total and the running ones), timestamped lines (plain) or nothing'
            cand --interval 'Poll at this fixed interval instead of adaptively (at least 200ms)'
            cand --max-interval 'Longest wait between polls when polling adaptively'
            cand --host 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]'
            cand --token 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable'
            cand --token-file 'Read the token from a file (''-'' for standard input); wins over --token'
            cand --profile 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file'
            cand --retries 'How many times to retry a request that failed for a transient reason'
            cand --request-timeout 'Time limit for one HTTP request'
            cand --queue-host 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id'
            cand --color 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal'
            cand --kill-on-timeout 'When --timeout ends the watch, kill the jobs still running'
            cand --no-history 'Do not estimate the jobs'' length from earlier runs of the same component and config (saves the one search request of finished jobs at the first look)'
            cand --demo 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
            cand --insecure-http 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
            cand -v 'Log every request, response and retry decision on stderr (token redacted)'
            cand --debug 'Log every request, response and retry decision on stderr (token redacted)'
            cand --utc 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jobctl;queue;kill'= {
            cand --status 'Kill the jobs with this status (default with a filter: created, waiting, processing)'
            cand --component 'Kill the jobs of this component (repeatable)'
            cand --config 'Kill the jobs of this configuration id (repeatable)'
            cand --host 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]'
            cand --token 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable'
            cand --token-file 'Read the token from a file (''-'' for standard input); wins over --token'
            cand --profile 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file'
            cand --retries 'How many times to retry a request that failed for a transient reason'
            cand --request-timeout 'Time limit for one HTTP request'
            cand --queue-host 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]'
            cand --config-file 'Config file, as --config elsewhere (here --config is a configuration id)'
            cand --color 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal'
            cand --all-components 'Kill by --status alone, whatever the component: a filter must otherwise name a --component or a --config'
            cand -y 'Kill what the filter matches without asking (without it, the jobs are listed)'
            cand --yes 'Kill what the filter matches without asking (without it, the jobs are listed)'
            cand --demo 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
            cand --insecure-http 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
            cand -v 'Log every request, response and retry decision on stderr (token redacted)'
            cand --debug 'Log every request, response and retry decision on stderr (token redacted)'
            cand --utc 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jobctl;queue;stats'= {
            cand --status 'Only jobs with this status (repeatable or comma-separated; sent to the server)'
            cand --component 'Only jobs of this component, e.g. keboola.orchestrator (repeatable)'
            cand --config 'Only jobs of this configuration id (repeatable)'
            cand --type 'Only jobs of this type: standard, orchestrationContainer (a flow), phaseContainer, container, retryContainer (repeatable)'
            cand --since 'Only jobs created at or after this: an age (30m, 2h, 7d, or -2h), a date or date-time in the local zone, or a time with an offset; sent in UTC with +00:00'
            cand --until 'Only jobs created at or before this, as --since'
            cand --branch 'Only jobs of this branch id (''null'' for the main branch; repeatable)'
            cand --run-id 'Only jobs with exactly this runId (repeatable)'
            cand --parent 'Only the jobs directly under this runId: a flow''s phases, a phase''s tasks'
            cand --by 'Group by these, comma-separated (hour and day in the local zone)'
            cand --sort 'Order the groups by this column: numbers largest first, keys A to Z'
            cand --trend 'Add the figures per day (or hour): sparklines of p90 duration and error rate in the table, a "trend" array per group in JSON'
            cand -o 'Output format. The table is tab-separated with a header line when piped (seconds and bytes as plain numbers)'
            cand --output 'Output format. The table is tab-separated with a header line when piped (seconds and bytes as plain numbers)'
            cand --jq 'Run a jq expression over the object that -o json prints (implies -o json)'
            cand --file 'Read a saved search response (JSON array or JSON lines; ''-'' for stdin) instead of calling the API'
            cand --page-size 'Jobs per request'
            cand --host 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]'
            cand --token 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable'
            cand --token-file 'Read the token from a file (''-'' for standard input); wins over --token'
            cand --profile 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file'
            cand --retries 'How many times to retry a request that failed for a transient reason'
            cand --request-timeout 'Time limit for one HTTP request'
            cand --queue-host 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]'
            cand --config-file 'Config file, as --config elsewhere (here --config is a configuration id)'
            cand --color 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal'
            cand --failed 'Shorthand for --status error,terminated,cancelled'
            cand --running 'Shorthand for --status created,waiting,processing,terminating'
            cand --top-level 'Only jobs that run under no other (flows and jobs run on their own, not phases or tasks; applied by jobctl, paging on until enough match)'
            cand --demo 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
            cand --insecure-http 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
            cand -v 'Log every request, response and retry decision on stderr (token redacted)'
            cand --debug 'Log every request, response and retry decision on stderr (token redacted)'
            cand --utc 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jobctl;queue;timeline'= {
            cand --status 'Only jobs with this status (repeatable or comma-separated; sent to the server)'
            cand --component 'Only jobs of this component, e.g. keboola.orchestrator (repeatable)'
            cand --config 'Only jobs of this configuration id (repeatable)'
            cand --type 'Only jobs of this type: standard, orchestrationContainer (a flow), phaseContainer, container, retryContainer (repeatable)'
            cand --since 'Only jobs created at or after this: an age (30m, 2h, 7d, or -2h), a date or date-time in the local zone, or a time with an offset; sent in UTC with +00:00'
            cand --until 'Only jobs created at or before this, as --since'
            cand --branch 'Only jobs of this branch id (''null'' for the main branch; repeatable)'
            cand --run-id 'Only jobs with exactly this runId (repeatable)'
            cand --parent 'Only the jobs directly under this runId: a flow''s phases, a phase''s tasks'
            cand --by 'One row per component or configuration instead of one per job'
            cand -o 'Output format: text for a terminal (plain glyphs without colour), or an SVG picture'
            cand --output 'Output format: text for a terminal (plain glyphs without colour), or an SVG picture'
            cand --out 'Write the picture to this file instead of stdout'
            cand --file 'Read a saved search response (JSON array or JSON lines; ''-'' for stdin) instead of calling the API'
            cand --page-size 'Jobs per request'
            cand --host 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]'
            cand --token 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable'
            cand --token-file 'Read the token from a file (''-'' for standard input); wins over --token'
            cand --profile 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file'
            cand --retries 'How many times to retry a request that failed for a transient reason'
            cand --request-timeout 'Time limit for one HTTP request'
            cand --queue-host 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]'
            cand --config-file 'Config file, as --config elsewhere (here --config is a configuration id)'
            cand --color 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal'
            cand --failed 'Shorthand for --status error,terminated,cancelled'
            cand --running 'Shorthand for --status created,waiting,processing,terminating'
            cand --top-level 'Only jobs that run under no other (flows and jobs run on their own, not phases or tasks; applied by jobctl, paging on until enough match)'
            cand --demo 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
            cand --insecure-http 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
            cand -v 'Log every request, response and retry decision on stderr (token redacted)'
            cand --debug 'Log every request, response and retry decision on stderr (token redacted)'
            cand --utc 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jobctl;queue;help'= {
            cand show 'Show Queue API jobs (component runs, flows) in detail, or a flow''s run as a tree'
            cand list 'List Queue API jobs, newest first (the server''s search, with its filters)'
            cand watch 'Follow queue jobs until they finish (isFinished); exit 0 on success (and on warning, with a note), 1 when any ended in error, terminated or cancelled'
            cand kill 'Kill queue jobs: explicit ids at once; by filter only with --yes (it lists what it would kill otherwise). Reports each job''s outcome'
            cand stats 'Figures over the queue job history per component and configuration (as stats)'
            cand timeline 'A Gantt chart of the queue jobs of a window, the last hour by default (as timeline)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jobctl;queue;help;show'= {
        }
        &'jobctl;queue;help;list'= {
        }
        &'jobctl;queue;help;watch'= {
        }
        &'jobctl;queue;help;kill'= {
        }
        &'jobctl;queue;help;stats'= {
        }
        &'jobctl;queue;help;timeline'= {
        }
        &'jobctl;queue;help;help'= {
        }
        &'jobctl;serve'= {
            cand --listen 'Address to listen on: IP:PORT, localhost:PORT or a bare PORT (on loopback)'
            cand --seed 'Seed for the simulated data set'
            cand --jobs 'Serve N generated finished jobs (ids 1..=N over the past 30 days) instead of the demo data set, e.g. to load-test paging'
            cand --queue-jobs 'Serve N generated finished Queue API jobs (component runs over the past 30 days) instead of the demo''s flows, e.g. to load-test queue list'
            cand --live 'Add N live jobs above the other ids; each starts when first requested (or listed) and succeeds --live-duration later'
            cand --live-duration 'How long each --live job runs, a third of it waiting'
            cand --history 'Before the --live jobs, add N finished runs of each (same operation and table), taking --live-duration within +-10 %, for `watch` to estimate their length from'
            cand --latency 'Answer every API request only after this long, like a stack far away'
            cand --token 'The token to accept (also KBC_STORAGE_API_TOKEN) [default: the demo token, printed]'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jobctl;completions'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jobctl;man'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jobctl;config'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the profiles (never a token value), marking the default'
            cand check 'Try each profile''s host and token with one cheap request; exit 0 when all work, else the worst failure''s code (4 token rejected, 5 API unreachable, 2 bad profile)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jobctl;config;list'= {
            cand --config 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id'
            cand --names 'Print only the profile names, one per line, and nothing at all without a config file (what shell completion of --profile calls)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jobctl;config;check'= {
            cand --request-timeout 'Time limit for one HTTP request'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id'
            cand --insecure-http 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
            cand -v 'Log every request, response and retry decision on stderr (token redacted)'
            cand --debug 'Log every request, response and retry decision on stderr (token redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jobctl;config;help'= {
            cand list 'List the profiles (never a token value), marking the default'
            cand check 'Try each profile''s host and token with one cheap request; exit 0 when all work, else the worst failure''s code (4 token rejected, 5 API unreachable, 2 bad profile)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jobctl;config;help;list'= {
        }
        &'jobctl;config;help;check'= {
        }
        &'jobctl;config;help;help'= {
        }
        &'jobctl;whoami'= {
            cand -o 'Output format'
            cand --output 'Output format'
            cand --jq 'Run a jq expression over the stack''s answer (GET /v2/storage/tokens/verify, the token itself left out); each result prints on its own line, strings raw'
            cand --host 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]'
            cand --token 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable'
            cand --token-file 'Read the token from a file (''-'' for standard input); wins over --token'
            cand --profile 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file'
            cand --retries 'How many times to retry a request that failed for a transient reason'
            cand --request-timeout 'Time limit for one HTTP request'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id'
            cand --color 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal'
            cand --demo 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
            cand --insecure-http 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
            cand -v 'Log every request, response and retry decision on stderr (token redacted)'
            cand --debug 'Log every request, response and retry decision on stderr (token redacted)'
            cand --utc 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jobctl;top'= {
            cand --interval 'How often to refresh the lists (one request per kind; at least 200ms); while nothing runs the wait doubles, up to 4 times this'
            cand --kind 'Which jobs to show first (Tab switches while it runs)'
            cand --host 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]'
            cand --token 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable'
            cand --token-file 'Read the token from a file (''-'' for standard input); wins over --token'
            cand --profile 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file'
            cand --retries 'How many times to retry a request that failed for a transient reason'
            cand --request-timeout 'Time limit for one HTTP request'
            cand --queue-host 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id'
            cand --color 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal'
            cand --demo 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
            cand --insecure-http 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
            cand -v 'Log every request, response and retry decision on stderr (token redacted)'
            cand --debug 'Log every request, response and retry decision on stderr (token redacted)'
            cand --utc 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jobctl;logs'= {
            cand --kind 'Which API a bare id belongs to (needed only when the id is a job on both)'
            cand --timeout 'With --follow: give up after this long (exit 124); the jobs keep running'
            cand --interval 'With --follow: how often to ask for new events and the jobs'' status (at least 200ms); the default asks once every 2 s, however many tasks a flow runs'
            cand --type 'Only events of these types (comma-separated)'
            cand --grep 'Only events whose message or description matches this regular expression (matched here, highlighted on a terminal; (?i) for case-insensitive)'
            cand -q 'The server''s own search over the events (its `q` parameter)'
            cand --query 'The server''s own search over the events (its `q` parameter)'
            cand --since 'Only events created at or after this: an age (30m, 2h, 7d) or a date/date-time (as list --since)'
            cand --tail 'Only the last N events (after the filters); with --follow, then the new ones'
            cand --timestamps 'The time on each line: short (a terminal''s default: HH:MM:SS in the display zone), full (a pipe''s default: the server''s own time), none'
            cand -o 'Output format: text lines; jsonl (one `{"job":ID,"event":{...}}` a line, the event as the server sent it); json (an array of those)'
            cand --output 'Output format: text lines; jsonl (one `{"job":ID,"event":{...}}` a line, the event as the server sent it); json (an array of those)'
            cand --jq 'Run a jq expression over each `{"job":ID,"event":{...}}`; each result prints on its own line, strings raw, the rest as compact JSON. No jq binary needed'
            cand --host 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]'
            cand --token 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable'
            cand --token-file 'Read the token from a file (''-'' for standard input); wins over --token'
            cand --profile 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file'
            cand --retries 'How many times to retry a request that failed for a transient reason'
            cand --request-timeout 'Time limit for one HTTP request'
            cand --queue-host 'Queue API host for queue jobs [default: the one the stack''s index names, else the stack''s host with `connection.` replaced by `queue.`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id'
            cand --color 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal'
            cand -f 'Keep printing new events until the jobs (a flow: every task) have finished, then exit as watch does: 0 success, 1 failed, 124 on --timeout'
            cand --follow 'Keep printing new events until the jobs (a flow: every task) have finished, then exit as watch does: 0 success, 1 failed, 124 on --timeout'
            cand --failed 'A flow or phase: only the tasks that failed, with the messages of the phases and the flow above them'
            cand --demo 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
            cand --insecure-http 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
            cand -v 'Log every request, response and retry decision on stderr (token redacted)'
            cand --debug 'Log every request, response and retry decision on stderr (token redacted)'
            cand --utc 'Show times in UTC instead of the local zone (TZ, else the system''s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server''s own times'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jobctl;help'= {
            cand show 'Show one or more jobs in detail'
            cand watch 'Follow jobs until they finish; exit 0 when all succeeded, 1 when any failed'
            cand list 'List recent jobs, newest first'
            cand stats 'Figures over the job history: jobs, errors, duration and queue-wait percentiles, bytes and error codes, per operation (or table, bucket, creator, status, hour, day)'
            cand timeline 'What ran when, and in parallel with what: a Gantt chart of the jobs of a window (the last hour unless --since says otherwise), with concurrency below it'
            cand queue 'Queue API jobs: component runs and flows with their phases and tasks'
            cand serve 'Run the Storage API simulator in the foreground, as a local stand-in for the API'
            cand completions 'Print a shell completion script (e.g. jobctl completions bash > ~/.local/share/bash-completion/completions/jobctl)'
            cand man 'Print the man page (roff), e.g. jobctl man > ~/.local/share/man/man1/jobctl.1'
            cand config 'Inspect the profiles of the config file'
            cand whoami 'Show whom the token belongs to: project, token description, expiry and stack'
            cand top 'A live, keyboard-driven dashboard of the project''s storage and queue jobs (on a terminal; for a pipe, use list --watch)'
            cand logs 'Print a job''s log (its events), oldest first; a flow''s tasks merged, -f to follow'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jobctl;help;show'= {
        }
        &'jobctl;help;watch'= {
        }
        &'jobctl;help;list'= {
        }
        &'jobctl;help;stats'= {
        }
        &'jobctl;help;timeline'= {
        }
        &'jobctl;help;queue'= {
            cand show 'Show Queue API jobs (component runs, flows) in detail, or a flow''s run as a tree'
            cand list 'List Queue API jobs, newest first (the server''s search, with its filters)'
            cand watch 'Follow queue jobs until they finish (isFinished); exit 0 on success (and on warning, with a note), 1 when any ended in error, terminated or cancelled'
            cand kill 'Kill queue jobs: explicit ids at once; by filter only with --yes (it lists what it would kill otherwise). Reports each job''s outcome'
            cand stats 'Figures over the queue job history per component and configuration (as stats)'
            cand timeline 'A Gantt chart of the queue jobs of a window, the last hour by default (as timeline)'
        }
        &'jobctl;help;queue;show'= {
        }
        &'jobctl;help;queue;list'= {
        }
        &'jobctl;help;queue;watch'= {
        }
        &'jobctl;help;queue;kill'= {
        }
        &'jobctl;help;queue;stats'= {
        }
        &'jobctl;help;queue;timeline'= {
        }
        &'jobctl;help;serve'= {
        }
        &'jobctl;help;completions'= {
        }
        &'jobctl;help;man'= {
        }
        &'jobctl;help;config'= {
            cand list 'List the profiles (never a token value), marking the default'
            cand check 'Try each profile''s host and token with one cheap request; exit 0 when all work, else the worst failure''s code (4 token rejected, 5 API unreachable, 2 bad profile)'
        }
        &'jobctl;help;config;list'= {
        }
        &'jobctl;help;config;check'= {
        }
        &'jobctl;help;whoami'= {
        }
        &'jobctl;help;top'= {
        }
        &'jobctl;help;logs'= {
        }
        &'jobctl;help;help'= {
        }
    ]
    $completions[$command]
}
