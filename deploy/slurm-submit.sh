#!/usr/bin/env bash
# Submit a sharded run to Slurm: a job array of SHARDS shards (deploy/slurm-array.sh), then
# their merge (deploy/slurm-merge.sh), which waits for every shard to end.
#
#   deploy/slurm-submit.sh                                   # the baseline: 100,000 replications, 10 shards
#   RUNS=20000 SHARDS=4 SEED=7 RESULTS=results/b7 deploy/slurm-submit.sh
#
# Settings: SCENARIO, RUNS, SEED, SHARDS, RESULTS, ROLLOUT_ARGS (see slurm-array.sh); any
# arguments are passed to both sbatch calls (e.g. --partition=long). Prints the two job ids.
# It works from the clone's root wherever it is called from: a relative SCENARIO or RESULTS
# is taken from there (results/b7 is <clone>/results/b7), not from the current directory.
set -euo pipefail
cd "$(dirname "$0")/.."
export SCENARIO=${SCENARIO:-scenarios/kazakhstan-baseline.yaml}
export RUNS=${RUNS:-100000} SEED=${SEED:-2026} SHARDS=${SHARDS:-10}
export RESULTS=${RESULTS:-results/baseline} ROLLOUT_ARGS=${ROLLOUT_ARGS:-}
# Slurm opens a job's log file before the job starts: its folder must exist already.
mkdir -p "${RESULTS}/logs"
# When this run was submitted: the merge takes a shard's partial result older than this as
# left from an earlier run in the same RESULTS (the shard failed this time), not as this run's.
touch "${RESULTS}/logs/submitted"
array=$(sbatch --parsable "$@" --array="1-${SHARDS}" --output="${RESULTS}/logs/shard-%a.log" deploy/slurm-array.sh)
array=${array%%;*}
merge=$(sbatch --parsable "$@" --dependency="afterany:${array}" --output="${RESULTS}/logs/merge.log" deploy/slurm-merge.sh)
merge=${merge%%;*}
echo "shards: job ${array} (${SHARDS} tasks); merge: job ${merge}; result: ${RESULTS}/merged"
