#!/usr/bin/env bash
# Runs the Slurm example for real on a one-node cluster started on this machine (Debian's
# slurm-wlm and munge, installed when missing), then stops it:
#  1. deploy/slurm-submit.sh runs the baseline as SHARDS shards and merges them; the merged
#     summary.json must be byte-identical to a single-machine run of the same runs and seed;
#  2. with one shard made to fail, the merge must still run (not wait for ever), fail, and
#     name the shard.
# Needs root (it starts slurmctld, slurmd and munged with a private configuration under a
# temporary folder; /etc/slurm is not touched) and a built clone (npm ci). Used by .ci/run.
#   deploy/test-slurm.sh            # RUNS=400 SHARDS=4 by default
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-400} SHARDS=${SHARDS:-4} SEED=${SEED:-11}
SCENARIO=${SCENARIO:-scenarios/kazakhstan-baseline.yaml}

say() { echo "test-slurm: $*"; }
fail() { echo "test-slurm: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root: it starts the Slurm and munge daemons"
[ -f dist/bundle/main.js ] || fail "build first: npm ci (or npm run build)"
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurm-wlm and munge"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null) \
    || fail "could not install slurm-wlm and munge"
fi
CPUS=$(nproc)
[ "$CPUS" -ge 2 ] || fail "the example asks for 2 CPUs per shard; this machine has $CPUS"
CPUS=2 # the cluster offers 2 CPUs, so shards run one after another, as on a busy cluster

W=$(mktemp -d /tmp/rollout-slurm-XXXXXX)
chmod 755 "$W"
HOST=$(hostname -s)
MEM_MB=$(( $(awk '/MemTotal/ { print $2 }' /proc/meminfo) * 9 / 10240 ))
mkdir -p "$W/state" "$W/spool" "$W/munge"
chmod 700 "$W/munge"

# munge authenticates the daemons and commands to each other: a private key and socket.
mungekey --create --keyfile="$W/munge/munge.key" 2>/dev/null \
  || dd if=/dev/urandom of="$W/munge/munge.key" bs=1024 count=1 status=none
chmod 600 "$W/munge/munge.key"
munged --force --socket="$W/munge/socket" --key-file="$W/munge/munge.key" \
  --pid-file="$W/munge/munged.pid" --log-file="$W/munge/munged.log" --seed-file="$W/munge/seed"

cat > "$W/slurm.conf" <<CONF
ClusterName=rollout-test
SlurmctldHost=${HOST}(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$W/munge/socket
MpiDefault=none
MailProg=/bin/true
ProctrackType=proctrack/pgid
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MinJobAge=600
StateSaveLocation=$W/state
SlurmdSpoolDir=$W/spool
SlurmctldPidFile=$W/slurmctld.pid
SlurmdPidFile=$W/slurmd.pid
SlurmctldLogFile=$W/slurmctld.log
SlurmdLogFile=$W/slurmd.log
NodeName=${HOST} NodeAddr=127.0.0.1 CPUs=${CPUS} RealMemory=${MEM_MB} State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$W/slurm.conf

stop() {
  local pids=() f
  for f in "$W/slurmd.pid" "$W/slurmctld.pid" "$W/munge/munged.pid"; do
    if [ -f "$f" ]; then pids+=("$(cat "$f")"); fi
  done
  if [ ${#pids[@]} -gt 0 ]; then kill "${pids[@]}" 2>/dev/null || true; fi
  # The daemons save their state as they stop: let them finish before removing the folder.
  local alive p
  for _ in $(seq 1 50); do
    alive=
    for p in "${pids[@]}"; do if kill -0 "$p" 2>/dev/null; then alive=1; fi; done
    [ -n "$alive" ] || break
    sleep 0.2
  done
  if [ "${KEEP:-}" = "" ]; then rm -rf "$W" || true; else say "kept $W"; fi
}
trap stop EXIT

slurmctld -f "$W/slurm.conf"
slurmd -f "$W/slurm.conf" -N "$HOST"
for _ in $(seq 1 60); do
  state=$(sinfo -h -n "$HOST" -o %T 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 1
done
[ "$state" = idle ] || { cat "$W/slurmctld.log" "$W/slurmd.log" >&2; fail "the node never became idle (state: ${state:-none})"; }
say "one-node cluster up: $HOST, $CPUS CPUs"

# Waits until the given jobs have left the queue (at most $2 seconds).
wait_jobs() {
  local jobs=$1 limit=$2 t=0
  while [ -n "$(squeue -h -j "$jobs" -o %i 2>/dev/null)" ]; do
    [ "$t" -lt "$limit" ] || { squeue >&2; fail "jobs $jobs still queued after ${limit}s"; }
    sleep 2; t=$((t + 2))
  done
}
job_state() { scontrol show job "$1" | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -1; }

# 1. The example as written, scaled down: shards, merge, and the byte-for-byte check.
OUT=$W/results
ids=$(RUNS=$RUNS SEED=$SEED SHARDS=$SHARDS SCENARIO=$SCENARIO RESULTS=$OUT/baseline deploy/slurm-submit.sh)
say "$ids"
array=$(echo "$ids" | sed -n 's/^shards: job \([0-9]*\).*/\1/p')
merge=$(echo "$ids" | sed -n 's/.*merge: job \([0-9]*\).*/\1/p')
wait_jobs "$array,$merge" 600
[ "$(job_state "$merge")" = COMPLETED ] || { cat "$OUT/baseline/logs/"*.log >&2; fail "the merge job ended $(job_state "$merge")"; }
node bin/rollout.js run "$SCENARIO" --runs "$RUNS" --seed "$SEED" --out "$OUT/single" --quiet
for f in summary.json runs.csv timeseries.csv; do
  cmp "$OUT/single/$f" "$OUT/baseline/merged/$f" || fail "merged $f differs from a single-machine run"
done
say "merged result of $SHARDS shards is byte-identical to a single run (summary.json, runs.csv, timeseries.csv)"

# 2. A shard that fails: the merge still runs, fails, and names it.
bad=$(( RUNS / SHARDS + 1 )) # a replication of shard 2
# (the test-only fault hook: sbatch passes the environment on to the shards)
ids=$(RUNS=$RUNS SEED=$SEED SHARDS=$SHARDS SCENARIO=$SCENARIO RESULTS=$OUT/broken ROLLOUT_TEST_FAULT="fail:$bad" deploy/slurm-submit.sh)
array=$(echo "$ids" | sed -n 's/^shards: job \([0-9]*\).*/\1/p')
merge=$(echo "$ids" | sed -n 's/.*merge: job \([0-9]*\).*/\1/p')
wait_jobs "$array,$merge" 600
[ "$(job_state "$merge")" = FAILED ] || fail "with a failed shard the merge job ended $(job_state "$merge"), expected FAILED"
grep -q "shard(s) 2 of $SHARDS did not finish" "$OUT/broken/logs/merge.log" || { cat "$OUT/broken/logs/merge.log" >&2; fail "the merge log does not name shard 2"; }
[ ! -e "$OUT/broken/merged" ] || fail "a merged result was written despite a failed shard"
say "a failed shard makes the merge fail at once, naming it"
say "ok"
