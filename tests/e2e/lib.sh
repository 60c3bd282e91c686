# Helpers for the end-to-end scenarios; sourced by tests/e2e/run.
# shellcheck shell=bash

E2E_WORK=$WORK_DIR/e2e
E2E_TIMEOUT=${E2E_TIMEOUT:-90}

e2e_prepare() {
    SID_ROOT=$("$TOP/scripts/sid-root") || return 1
    QEMU=$CACHE_DIR/qemu-system-aarch64
    AAVMF_CODE=$SID_ROOT/usr/share/AAVMF/AAVMF_CODE.no-secboot.fd
    AAVMF_VARS=$SID_ROOT/usr/share/AAVMF/AAVMF_VARS.fd
    if [ -n "${E2E_INSTALLED:-}" ]; then
        # The libvirt installed on this system (scripts/deb-check runs the
        # scenarios in a root file system with the built packages).
        VIRSH_CMD=(/usr/bin/virsh)
        SCHEMA_DIR=/usr/share/libvirt/schemas
    else
        VIRSH_CMD=("$BUILD_DIR/run" "$BUILD_DIR/tools/virsh")
        SCHEMA_DIR=$SRC_DIR/src/conf/schemas
    fi
    if [ ! -x "${VIRSH_CMD[-1]}" ]; then
        echo "e2e: ${VIRSH_CMD[-1]} is not built; run 'make build'" >&2
        return 1
    fi
    mkdir -p "$E2E_WORK"
}

# Embed roots hold the QEMU monitor sockets, whose path must fit in a UNIX
# socket address (107 bytes): <root>/lib/qemu/domain-<id>-<name>/monitor.sock
# with a name of up to 20 characters. A root under the checkout would not fit
# when the checkout is deep, so each scenario gets a private directory under
# E2E_TMPDIR (default /tmp), removed when the scenario ends.
E2E_ROOT_MAX=48
ROOT=

# Sets ROOT to a new private embed root.
e2e_make_root() {
    local base=${E2E_TMPDIR:-/tmp}
    ROOT=$(mktemp -d "$base/lv-e2e.XXXXXX") || {
        ROOT=
        echo "e2e: cannot create a directory in $base; set E2E_TMPDIR to a writable directory" >&2
        return 1
    }
    if [ ${#ROOT} -gt $E2E_ROOT_MAX ]; then
        echo "e2e: $ROOT is too long for QEMU's monitor socket path ($E2E_ROOT_MAX characters at most); set E2E_TMPDIR to a shorter directory" >&2
        rm -rf "$ROOT"
        ROOT=
        return 1
    fi
}

# Stop the QEMU an embed root still runs and remove the root.
e2e_remove_root() {
    [ -n "$ROOT" ] || return 0
    e2e_kill_leftovers "$ROOT"
    rm -rf "$ROOT"
    ROOT=
}
# Whatever ends the run, leave no embed root and no QEMU behind.
trap e2e_remove_root EXIT
trap "exit 130" INT TERM

# Stop whatever QEMU an embed root still has running.
e2e_kill_leftovers() {
    local root=$1 pidfile pid
    for pidfile in "$root"/run/qemu/*.pid; do
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile" 2>/dev/null) || continue
        [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
    done
}

e2e_run_scenario() {
    local name=$1 rc
    local file=$E2E_DIR/scenarios/$name.sh
    [ -f "$file" ] || { echo "e2e: no scenario $name" >&2; return 1; }

    e2e_make_root || return 1
    mkdir -p "$ROOT/etc"
    # What the embedded driver needs on a host without the usual daemon
    # set-up: no namespaces, no security driver, QEMU output into files.
    cat > "$ROOT/etc/qemu.conf" <<EOC
user = "root"
group = "root"
namespaces = [ ]
security_driver = "none"
stdio_handler = "file"
EOC
    LOG=$E2E_WORK/$name.log
    : > "$LOG"

    (
        # shellcheck source=/dev/null
        . "$file"
        scenario
    ) >>"$LOG" 2>&1 &
    local pid=$!
    # Bound the whole scenario. The watchdog holds no output pipe open, so
    # a caller reading this script's output never waits for it.
    (
        sleep "$E2E_TIMEOUT" || exit 0
        echo "e2e: timed out after ${E2E_TIMEOUT}s" >>"$LOG"
        pkill -TERM -P "$pid"
        kill -TERM "$pid"
    ) </dev/null >/dev/null 2>&1 &
    local watchdog=$!
    wait "$pid"
    rc=$?
    pkill -P "$watchdog" 2>/dev/null
    kill "$watchdog" 2>/dev/null
    wait "$watchdog" 2>/dev/null

    e2e_kill_leftovers "$ROOT"
    # The root is private and short-lived; keep its libvirt log next to the
    # scenario's log for a post-mortem.
    [ -f "$ROOT/libvirt.log" ] && cp "$ROOT/libvirt.log" "$E2E_WORK/$name.libvirt.log"
    e2e_remove_root
    [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ] && tail -n 20 "$LOG" | sed "s/^/e2e: $name: /" >&2
    return "$rc"
}

# virsh on the scenario's embed root, for commands that need no running
# domain (define, undefine, a refused start).
virsh() {
    echo "+ virsh $*" >&2
    LIBVIRT_LOG_OUTPUTS="1:file:$ROOT/libvirt.log 4:stderr" \
        timeout 60 "${VIRSH_CMD[@]}" -q -c "qemu:///embed?root=$ROOT" "$@"
}

# Run several virsh commands (one per argument) in a single virsh process.
# The embedded driver lives as long as that process, so a domain started in
# a session is inspected and destroyed by the same driver instance: a second
# process would first have to reconnect to it, and a destroy would then race
# with that reconnection. Sets VOUT[i] to the output of command i and VERR to
# everything the session printed on stderr.
#
# An argument '@wait FILE REGEX' is no command: the session waits until a
# line of FILE matches REGEX (grep -E) before it goes on, and its VOUT is
# that line. The commands are then fed to virsh's standard input.
VOUT=()
VERR=
vsession() {
    local script="" i=0 c out fed=no
    for c in "$@"; do
        echo "+ virsh> $c" >&2
        script+="$c; echo @@E2E@@; "
        [[ $c == "@wait "* ]] && fed=yes
        i=$((i + 1))
    done
    if [ "$fed" = no ]; then
        out=$(LIBVIRT_LOG_OUTPUTS="1:file:$ROOT/libvirt.log 4:stderr" \
              timeout "$((E2E_TIMEOUT - 10))" "${VIRSH_CMD[@]}" -q \
              -c "qemu:///embed?root=$ROOT" "$script" 2>"$ROOT/virsh.err")
    else
        out=$(vsession_feed "$@" |
              LIBVIRT_LOG_OUTPUTS="1:file:$ROOT/libvirt.log 4:stderr" \
              timeout "$((E2E_TIMEOUT - 10))" "${VIRSH_CMD[@]}" -q \
              -c "qemu:///embed?root=$ROOT" 2>"$ROOT/virsh.err")
    fi
    VERR=$(cat "$ROOT/virsh.err")
    [ -n "$VERR" ] && echo "$VERR" >&2
    # In the fed form virsh echoes each line it reads after its prompt.
    mapfile -t -d $'\x1e' VOUT < <(printf '%s' "$out" | python3 -c '
import re, sys
text = re.sub(r"virsh # [^\n]*(\n|$)", "", sys.stdin.read())
parts = text.split("@@E2E@@")
sys.stdout.write("\x1e".join(p.strip() for p in parts[:-1]))')
    for i in "${!VOUT[@]}"; do
        [ -n "${VOUT[$i]}" ] && printf '%s\n' "${VOUT[$i]}" | sed 's/^/  | /' >&2
    done
    return 0
}

# The standard input of a fed vsession: each command with its end marker,
# and for an '@wait FILE REGEX' the matching line once it is there (or
# nothing, after E2E_WAIT seconds).
vsession_feed() {
    local c file regex line n
    for c in "$@"; do
        if [[ $c == "@wait "* ]]; then
            read -r _ file regex <<<"$c"
            line=
            for ((n = 0; n < ${E2E_WAIT:-60} * 2; n++)); do
                line=$(grep -a -m 1 -E -- "$regex" "$file" 2>/dev/null) && break
                sleep 0.5
            done
            printf 'echo %q\necho @@E2E@@\n' "${line//$'\r'/}"
        else
            printf '%s\necho @@E2E@@\n' "$c"
        fi
    done
}

# Fill a domain XML template from tests/e2e/domains with this run's paths.
domain_xml() {
    sed -e "s|@QEMU@|$QEMU|g" \
        -e "s|@AAVMF_CODE@|$AAVMF_CODE|g" \
        -e "s|@AAVMF_VARS@|$AAVMF_VARS|g" \
        -e "s|@ROOT@|$ROOT|g" \
        -e "s|@GUEST@|${GUEST:-}|g" \
        "$E2E_DIR/domains/$1.xml" > "$ROOT/$1.xml"
    echo "$ROOT/$1.xml"
}

# The qemu-monitor-command for a qom-get.
qom_get_cmd() {
    echo "qemu-monitor-command $1 '{\"execute\":\"qom-get\",\"arguments\":{\"path\":\"$2\",\"property\":\"$3\"}}'"
}

# The JSON value of "return" in a QMP reply.
qmp_return() {
    python3 -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1])["return"]))' "$1" 2>/dev/null ||
        echo "(no QMP reply: $1)"
}

expect_eq() {
    local what=$1 want=$2 got=$3
    if [ "$want" != "$got" ]; then
        echo "FAIL: $what: expected $want, got $got"
        return 1
    fi
    echo "ok: $what = $got"
}

# No error may have been printed by the last session.
expect_no_errors() {
    if grep -q '^error:' <<<"$VERR"; then
        echo "FAIL: virsh reported errors"
        return 1
    fi
    echo "ok: no errors"
}

# Nothing of the domain may be left: no QEMU process, no pid file.
expect_cleaned_up() {
    local dom=$1 pidfile=$ROOT/run/qemu/$1.pid
    if [ -f "$pidfile" ]; then
        echo "FAIL: $pidfile still exists"
        return 1
    fi
    if pgrep -f -- "-name guest=$dom," >/dev/null; then
        echo "FAIL: a QEMU process for $dom is still running"
        return 1
    fi
    echo "ok: nothing of $dom is left"
}

# Like expect_eq, with a shell pattern.
expect_match() {
    local what=$1 pattern=$2 got=$3
    # shellcheck disable=SC2053
    if [[ $got != $pattern ]]; then
        echo "FAIL: $what: expected $pattern, got $got"
        return 1
    fi
    echo "ok: $what = $got"
}

# Skip (exit status 77) when the libvirt under test predates a feature, as
# when scripts/check-series tests the early patches of the series: the
# domain schema of the tree must know the attribute.
require_schema_attr() {
    if ! grep -q "<attribute name=\"$1\">" "$SCHEMA_DIR/domaincommon.rng"; then
        echo "skip: this libvirt has no '$1' attribute"
        return 77
    fi
}

# Like require_schema_attr, for any text of the domain schema.
require_schema_text() {
    if ! grep -q -- "$1" "$SCHEMA_DIR/domaincommon.rng" \
                        "$SCHEMA_DIR/basictypes.rng"; then
        echo "skip: this libvirt's schema has no '$1'"
        return 77
    fi
}

# Like require_schema_attr, for a file of the libvirt tree (such as the test
# data that comes with a feature).
require_source_file() {
    # an installed libvirt is the one with the series
    [ -n "${E2E_INSTALLED:-}" ] && return 0
    if [ ! -e "$SRC_DIR/$1" ]; then
        echo "skip: this libvirt has no $1"
        return 77
    fi
}

# Sets GUEST to the directory of the tiny arm64 guest (scripts/arm64-guest):
# 'vmlinuz' and 'initrd.gz', whose init prints '@name@ value' lines on the
# console and ends with '@done@'.
GUEST=
arm64_guest() {
    GUEST=$("$TOP/scripts/arm64-guest") || return 1
    echo "guest: $(tr '\n' ' ' < "$GUEST/versions")"
}

# The value of the '@name@ value' line the guest printed in FILE (the
# firmware's last screen control codes may precede the first one).
guest_value() {
    grep -a -m 1 -o "@$2@ .*" "$1" | tr -d '\r' | cut -d ' ' -f 2-
}
