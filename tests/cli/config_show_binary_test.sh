#!/usr/bin/env bash
# End-to-end check of the built binary: `salesflow config show` reports the source of a setting
# given by file, by environment and by flag, a broken salesflow.toml names its line with exit 2,
# and --json is valid JSON. Usage: config_show_binary_test.sh path/to/salesflow
set -euo pipefail
bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

cat > salesflow.toml <<'TOML'
# picked up from the working directory
[kafka]
topic = "from_file"
[kafka.properties]
"sasl.password" = "hunter2"
TOML

out=$(env -u SALESFLOW_CONFIG KAFKA_SERVER=envhost:9092 "$bin" config show --data-dir /flag/data)
echo "$out"
grep -Eq '^kafka\.topic +from_file +file salesflow\.toml:3$' <<<"$out" || fail "file source"
grep -Eq '^kafka\.brokers +envhost:9092 +env KAFKA_SERVER$' <<<"$out" || fail "env source"
grep -Eq '^data_dir +/flag/data +flag --data-dir$' <<<"$out" || fail "flag source"
grep -Eq '^timezone +UTC +default$' <<<"$out" || fail "default source"
grep -q 'hunter2' <<<"$out" && fail "secret printed"

env -u SALESFLOW_CONFIG "$bin" config show --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert any(s["key"]=="kafka.topic" and s["source"]=="file salesflow.toml:3" for s in d["settings"]), d' \
  || fail "json"

printf '[kafka]\ntopic = "x"\nbrokerz = "y"\n' > broken.toml
set +e
err=$("$bin" --config broken.toml config show 2>&1 >/dev/null)
code=$?
set -e
echo "$err"
[[ $code == 2 ]] || fail "exit code $code for a broken file, want 2"
grep -q "broken.toml:3: unknown setting 'kafka.brokerz'" <<<"$err" || fail "line of the unknown key"
echo "PASS"
