#!/usr/bin/env bash
# Instruments vanish under the running daemon, on the real wire: cyclerd runs
# four channels, one on a MethodSCRIPT potentiostat simulated on a pty (by a
# stable symlink, as udev's /dev/serial/by-id gives), one on a SCPI
# source-measure unit simulated on loopback TCP, one on a Keithley 2450 on
# umockdev's emulated USB (the daemon runs under umockdev-wrapper), and one on
# the in-process simulated bench. Each job is a long constant-current charge.
#
# 1. The SCPI unit is absent when the daemon starts: the log names the
#    instrument and its address, the other channels run, and the channel
#    connects once the unit appears.
# 2. The pty simulator is killed mid-step (and its symlink removed, as udev
#    does on unplug); a simulated EmStat with another serial number sits on
#    the link for 4 s (the job must not resume on it); 8 s after the kill the
#    first one is started again on the same link.
# 3. The same for the TCP simulator, started again on the same port.
# 4. The USB instrument's cable is pulled (the device leaves the bus, as
#    hotplug sees it) and plugged back 8 s later.
# 5. The pty simulator is killed again and the daemon stopped 7 s into the
#    outage: it stops within 5 s, the job stays running in the store, and the
#    next start (with the instrument back) resumes it.
# 6. The TCP simulator is killed and the daemon started without it, then
#    stopped while the channel waits 8 s before its next try: it stops
#    within 5 s.
#
# At each fault the channel records an instrumentLost alarm, its job pauses
# and the daemon's status (read as systemd would, from $NOTIFY_SOCKET) shows
# the fault; the other channels keep storing samples; when the instrument is
# back the job resumes (an open-circuit reading first, then a `resumed` event
# whose gap is the outage). At the end nothing stored before a fault is lost
# or changed, no seq is used twice in a channel's log, and job time only
# increases. Prints the timings; exits 1 if a check fails. Takes about a
# minute once built.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product cyclerd >/dev/null
swift build --product cyclersim >/dev/null
bin=$(swift build --show-bin-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/charge.yaml" <<'YAML'
name: fault test charge
requires: {capacity: true}
record: {dt: 0.2 s, sample: 0.2 s}
steps:
  - rest: 1 s
  - cc: C/5
    until: ["t >= 1 h"]
    name: charge
YAML
python3 - "$bin" "$work" "$PWD" <<'PY'
import json, os, select, signal, socket, sqlite3, subprocess, sys, threading, time
bin_dir, work, repo = sys.argv[1], sys.argv[2], sys.argv[3]
db = f"{work}/data.sqlite"
link = f"{work}/ttyACM-emstat"
cell = f"{repo}/Config/cells/nmc811-lpscl-liin-sim.yaml"
processes = []
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message, flush=True)
    return condition


def start(arguments, log, environment=None, output=subprocess.DEVNULL, control=None):
    # Unbuffered, so that select() on the output sees every line not yet read.
    process = subprocess.Popen(arguments, stdin=control, stdout=output, stderr=open(f"{work}/{log}", "a"), env=environment,
                               bufsize=0)
    processes.append(process)
    return process


def read_line(process, what):
    ready, _, _ = select.select([process.stdout], [], [], 30)
    if not ready:
        raise SystemExit(f"{what} printed nothing within 30 s")
    return process.stdout.readline().decode().strip()


def start_simulator(arguments, log, wrapper=(), control=None):
    """Starts a cyclersim subcommand; returns the process and the address it prints first."""
    process = start([*wrapper, f"{bin_dir}/cyclersim"] + arguments, log, output=subprocess.PIPE, control=control)
    return process, read_line(process, f"cyclersim {arguments[0]} (see {log})")


def tell_usb(line):
    """A control line to the emulated USB instrument (`unplug`, `plug`); it answers `ok`."""
    usb.stdin.write(f"{line}\n".encode())
    usb.stdin.flush()
    check(read_line(usb, f"cyclersim usbtmc after {line}") == "ok", f"cyclersim usbtmc did not take {line}")


def start_emstat(serial="ES4HR-FAULT"):
    return start_simulator(["methodscript", "--preset", "nmc811-lpscl-liin", "--serial", serial,
                            "--link", link, "--seed", "2"], "emstat.log")[0]


def start_smu(port):
    process, address = start_simulator(["scpi", "--tcp", f"127.0.0.1:{port}", "--preset", "nmc811-lpscl-liin",
                                        "--seed", "3"], "smu.log")
    check(address == f"scpi+tcp://127.0.0.1:{port}", f"cyclersim scpi serves {address}, not port {port}")
    return process


def unplug(process):
    """The instrument vanishes at once: SIGKILL, so nothing closes cleanly."""
    process.kill()
    process.wait()


def query(sql, *arguments):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return con.execute(sql, arguments).fetchall()
    finally:
        con.close()


def wait_for(what, predicate, timeout):
    """Polls until predicate() is truthy; returns its value and the seconds waited, or fails the run."""
    started = time.time()
    while time.time() - started < timeout:
        try:
            value = predicate()
        except sqlite3.OperationalError:
            value = None
        if value:
            return value, time.time() - started
        time.sleep(0.1)
    raise SystemExit(f"{what} did not happen within {timeout} s")


def start_daemon():
    """cyclerd, telling this script its status as it would systemd, every 0.5 s (a 1 s watchdog)."""
    environment = dict(os.environ, NOTIFY_SOCKET=f"{work}/notify.sock", WATCHDOG_USEC="1000000", UMOCKDEV_DIR=usb_bus)
    return start(["umockdev-wrapper", f"{bin_dir}/cyclerd", "--config", f"{work}/cyclerd.yaml"], "cyclerd.log", environment)


def stop(daemon):
    """SIGTERM; returns how long the daemon took to exit, which must be cleanly."""
    asked = time.time()
    daemon.send_signal(signal.SIGTERM)
    check(daemon.wait(timeout=60) == 0, f"cyclerd exited with status {daemon.returncode} on SIGTERM")
    return time.time() - asked


def listen_as_service_manager():
    """Reads the daemon's notifications as they come, as systemd does: a full queue would block its sender."""
    while True:
        for line in notify.recv(65536).decode().splitlines():
            if line.startswith("STATUS="):
                latest_status[0] = line[7:]


def status():
    """The daemon's latest STATUS= line to the service manager (one `channel: state` per channel)."""
    return latest_status[0]


def samples(channel):
    return query("SELECT COUNT(*) FROM sample WHERE channel = ?", channel)[0][0]


def events(channel, kind, after_seq=0):
    return [(seq, unix, json.loads(body)) for seq, unix, body in query(
        "SELECT seq, unixTime, body FROM event WHERE channel = ? AND kind = ? AND seq > ? ORDER BY seq",
        channel, kind, after_seq)]


def lost_alarms(channel, after_seq):
    return [e for e in events(channel, "alarm", after_seq) if e[2]["kind"]["alarm"]["alarm"]["cause"] == "instrumentLost"]


def last_seq(channel):
    return query("SELECT MAX(seq) FROM (SELECT seq FROM sample WHERE channel = ?1 UNION ALL "
                 "SELECT seq FROM event WHERE channel = ?1)", channel)[0][0] or 0


def all_rows():
    return set(query("SELECT 'sample', channel, seq, job, time, unixTime, voltage, current FROM sample")) | \
        set(query("SELECT 'event', channel, seq, job, time, unixTime, kind, body FROM event"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fault(channel, others, kill, restart, meanwhile=lambda: None):
    """Unplugs the channel's instrument mid-step, plugs it back 8 s later, and checks what the daemon did."""
    before = all_rows()
    since = last_seq(channel)
    killed_at = time.time()
    kill()
    lost, _ = wait_for(f"an instrumentLost alarm on {channel}", lambda: lost_alarms(channel, since), 15)
    detected = lost[0][1] - killed_at
    print(f"{channel}: instrument lost {detected:.2f} s after it vanished: {lost[0][2]['kind']['alarm']['alarm']['message']}", flush=True)
    state, _ = wait_for(f"{channel}'s job paused", lambda: query(
        "SELECT state, reason FROM job WHERE channel = ? AND state = 'paused'", channel), 10)
    check("instrument lost" in (state[0][1] or ""), f"{channel}: the paused job's reason does not say the instrument was lost: {state[0][1]}")
    line, _ = wait_for(f"{channel}'s fault in the daemon's status", lambda: (lambda line: (
        f"{channel}: fault: instrument lost" in line and all(f"{other}: running job" in line for other in others)) and line)(status()), 5)
    print(f"status during the outage: {line[:160]}…", flush=True)
    counts = {other: samples(other) for other in others}
    newest = query("SELECT MAX(unixTime) FROM sample WHERE channel = ?", channel)[0][0]
    meanwhile()
    time.sleep(max(0.0, killed_at + 8 - time.time()))
    for other in others:
        grown = samples(other) - counts[other]
        check(grown >= 10, f"{other} stored only {grown} samples while {channel} was lost")
        print(f"{other}: {grown} samples stored while {channel} was lost", flush=True)
    silent = query("SELECT COUNT(*) FROM sample WHERE channel = ? AND unixTime > ?", channel, newest)[0][0]
    check(silent == 0, f"{channel} stored {silent} samples while its instrument was gone")
    restarted_at = time.time()
    restart()
    resumed, _ = wait_for(f"{channel}'s job resumed", lambda: events(channel, "resumed", since), 40)
    seq, unix, body = resumed[0]
    details = body["kind"]["resumed"]
    print(f"{channel}: resumed {unix - restarted_at:.2f} s after the instrument came back "
          f"({unix - killed_at:.2f} s after it vanished); gap {details.get('gap')} s, "
          f"open-circuit reading {details.get('openCircuitVoltage')} V", flush=True)
    outage = unix - lost[0][1]
    check(details.get("gap") is not None and abs(details["gap"] - outage) < 1.5,
          f"{channel}: the resumed event's gap is not the {outage:.1f} s outage: {details}")
    check(details.get("openCircuitVoltage") is not None, f"{channel}: the job resumed without an open-circuit reading first")
    check(query("SELECT state FROM job WHERE channel = ?", channel) == [("running",)], f"{channel}'s job is not running again")
    wait_for(f"{channel} storing samples again", lambda: query(
        "SELECT COUNT(*) FROM sample WHERE channel = ? AND seq > ?", channel, seq)[0][0] >= 10, 15)
    (before_time,), (after_time, current) = query(
        "SELECT time FROM sample WHERE channel = ?1 AND unixTime = ?2", channel, newest)[:1] + query(
        "SELECT time, current FROM sample WHERE channel = ? AND unixTime > ? ORDER BY seq LIMIT 1", channel, newest)
    check(abs(current) < 1e-6, f"{channel}: the first sample after the gap is not at open circuit ({current} A)")
    print(f"{channel}: job time {before_time:.1f} s before the gap, {after_time:.1f} s after", flush=True)
    gone = before - all_rows()
    check(not gone, f"{channel}: {len(gone)} rows stored before the fault are gone or changed")
    return detected, unix - restarted_at


def write_configuration(usb_address):
    """Four channels on four instruments, each charging its cell at C/5 for an hour."""
    channels = [("pellet-pty", "emstat-1"), ("pellet-tcp", "smu-1"), ("pellet-usb", "keithley-1"), ("pellet-sim", "bench-1")]
    with open(f"{work}/cyclerd.yaml", "w") as config:
        config.write("\n".join([
            f"storage: {{path: {db}}}",
            "simulation: {speed: 1}",
            "instruments:",
            f'  - {{name: emstat-1, address: "methodscript:{link}?baud=921600"}}',
            f'  - {{name: smu-1, address: "scpi+tcp://127.0.0.1:{smu_port}"}}',
            f'  - {{name: keithley-1, address: "{usb_address}"}}',
            '  - {name: bench-1, address: "sim:nmc811-lpscl-liin"}',
            "channels:",
        ] + [f"  - {{name: {name}, potentiostat: {instrument}, cell: {cell}, protocol: {work}/charge.yaml}}"
             for name, instrument in channels]) + "\n")


notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
notify.bind(f"{work}/notify.sock")
latest_status = [""]
threading.Thread(target=listen_as_service_manager, daemon=True).start()
smu_port = free_port()
try:
    began = time.time()
    emstat = start_emstat()
    usb, usb_address = start_simulator(["usbtmc", "--preset", "nmc811-lpscl-liin", "--seed", "4"], "usb.log",
                                       wrapper=["umockdev-wrapper"], control=subprocess.PIPE)
    usb_bus = read_line(usb, "cyclersim usbtmc").removeprefix("UMOCKDEV_DIR=")
    write_configuration(usb_address)
    daemon = start_daemon()
    # 1. A device missing at start: named in the log, the others run, it joins when it appears.
    line, _ = wait_for("a log line naming the missing smu-1", lambda: [
        l for l in open(f"{work}/cyclerd.log") if "smu-1" in l and f"127.0.0.1:{smu_port}" in l], 20)
    print("missing at start:", line[0].strip(), flush=True)
    wait_for("the other channels storing samples", lambda: all(samples(c) >= 10 for c in ["pellet-pty", "pellet-usb", "pellet-sim"]), 30)
    check(samples("pellet-tcp") == 0, "pellet-tcp stored samples without its instrument")
    smu = start_smu(smu_port)
    _, joined = wait_for("pellet-tcp storing samples once smu-1 appeared", lambda: samples("pellet-tcp") >= 10, 40)
    print(f"pellet-tcp: storing samples {joined:.1f} s after smu-1 appeared", flush=True)

    # 2. The pty instrument vanishes mid-step; udev would remove its by-id link.
    def kill_emstat():
        unplug(emstat)
        os.unlink(link)

    def restart_emstat():
        global emstat
        emstat = start_emstat()

    def plug_another_emstat():
        """A different EmStat on the same link for 4 s: the job must not resume on it, nor the daemon hammer it."""
        other = start_emstat("ES4HR-OTHER")
        logged = len(open(f"{work}/cyclerd.log").readlines())
        time.sleep(4)
        lines = open(f"{work}/cyclerd.log").readlines()[logged:]
        check(any("a different instrument (EmStat4 HR ES4HR-OTHER) answered" in line for line in lines),
              "the daemon did not say a different instrument answered on pellet-pty's link")
        check(len(lines) <= 4, f"the daemon logged {len(lines)} lines in 4 s while a different instrument answered")
        check(not events("pellet-pty", "resumed", since_pty[0]), "pellet-pty's job resumed on a different instrument")
        unplug(other)
        os.unlink(link)

    since_pty = [last_seq("pellet-pty")]
    pty = fault("pellet-pty", ["pellet-tcp", "pellet-usb", "pellet-sim"], kill_emstat, restart_emstat, plug_another_emstat)

    # 3. The TCP instrument vanishes mid-step and comes back on the same port.
    def restart_smu():
        global smu
        smu = start_smu(smu_port)

    tcp = fault("pellet-tcp", ["pellet-pty", "pellet-usb", "pellet-sim"], lambda: unplug(smu), restart_smu)

    # 4. The USB cable is pulled and plugged back.
    usb_fault = fault("pellet-usb", ["pellet-pty", "pellet-tcp", "pellet-sim"], lambda: tell_usb("unplug"), lambda: tell_usb("plug"))

    # 5. The daemon is stopped while the pty instrument is gone: it stops at once, the job stays
    #    running in the store, and the next start resumes it once the instrument is back.
    since = last_seq("pellet-pty")
    killed_at = time.time()
    kill_emstat()
    wait_for("an instrumentLost alarm on pellet-pty", lambda: lost_alarms("pellet-pty", since), 15)
    wait_for("pellet-pty's fault in the daemon's status", lambda: "pellet-pty: fault: instrument lost" in status(), 5)
    time.sleep(max(0.0, killed_at + 7 - time.time()))
    took = stop(daemon)
    print(f"cyclerd stopped {took:.1f} s after SIGTERM, 7 s into pellet-pty's outage", flush=True)
    check(took < 5, f"cyclerd took {took:.1f} s to stop while pellet-pty waited for its instrument")
    state = query("SELECT state, reason FROM job WHERE channel = 'pellet-pty'")
    check(state[0][0] == "running", f"pellet-pty's job was left {state}, so the next start will not resume it")
    restart_emstat()
    daemon = start_daemon()
    resumed, took = wait_for("pellet-pty's job resumed after the restart", lambda: events("pellet-pty", "resumed", since), 30)
    print(f"pellet-pty: resumed {took:.1f} s after the daemon restarted: {resumed[0][2]['kind']['resumed']}", flush=True)
    marks = {channel: last_seq(channel) for channel in ["pellet-pty", "pellet-tcp", "pellet-usb", "pellet-sim"]}
    wait_for("every channel storing samples after the restart", lambda: all(query(
        "SELECT COUNT(*) FROM sample WHERE channel = ? AND seq > ?", channel, seq)[0][0] >= 10 for channel, seq in marks.items()), 30)
    stop(daemon)

    # 6. The daemon is stopped while a channel waits 8 s to retry an instrument missing since the start.
    unplug(smu)
    logged = len(open(f"{work}/cyclerd.log").readlines())
    daemon = start_daemon()
    wait_for("pellet-tcp waiting 8 s to try smu-1 again", lambda: any(
        "smu-1" in line and "retrying in 8.0 seconds" in line for line in open(f"{work}/cyclerd.log").readlines()[logged:]), 30)
    time.sleep(1)
    took = stop(daemon)
    print(f"cyclerd stopped {took:.1f} s after SIGTERM, while pellet-tcp waited to retry smu-1", flush=True)
    check(took < 5, f"cyclerd took {took:.1f} s to stop while pellet-tcp waited to retry smu-1")
    # The whole log: each seq once per channel, job time increasing, no sample stored twice.
    for (channel,) in query("SELECT DISTINCT channel FROM sample"):
        repeats = query("SELECT seq, COUNT(*) FROM (SELECT seq FROM sample WHERE channel = ?1 UNION ALL "
                        "SELECT seq FROM event WHERE channel = ?1) GROUP BY seq HAVING COUNT(*) > 1", channel)
        check(not repeats, f"{channel}: {len(repeats)} seqs used twice")
        times = [t for (t,) in query("SELECT time FROM sample WHERE channel = ? ORDER BY seq", channel)]
        backwards = sum(1 for a, b in zip(times, times[1:]) if b <= a)
        check(not backwards, f"{channel}: {backwards} samples do not come after the one before in job time")
        print(f"{channel}: {len(times)} samples, job time {times[0]:.1f} … {times[-1]:.1f} s", flush=True)
    print(f"fault detected after {pty[0]:.2f} s (pty), {tcp[0]:.2f} s (tcp), {usb_fault[0]:.2f} s (usb); "
          f"resumed {pty[1]:.2f} s (pty), {tcp[1]:.2f} s (tcp), {usb_fault[1]:.2f} s (usb) after the instrument returned; "
          f"total {time.time() - began:.0f} s")
except (SystemExit, subprocess.TimeoutExpired) as error:
    failures.append(str(error))
    print("FAIL:", error, flush=True)
finally:
    # SIGTERM first: the USB simulator then removes its test bed from /tmp.
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
if failures:
    for log in ["emstat.log", "smu.log", "usb.log", "cyclerd.log"]:
        if os.path.exists(f"{work}/{log}"):
            print(f"--- the end of {log}:")
            sys.stdout.write(open(f"{work}/{log}").read()[-6000:])
print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
sys.exit(1 if failures else 0)
PY
