#!/usr/bin/env bash
# One shard of a sharded run, as a task of a Slurm job array: task k of the array runs
# `rollout run --shard k/SHARDS` and writes RESULTS/shard-k/. Submit it with its merge
# through deploy/slurm-submit.sh, which creates the log folder first and passes the same
# settings to both jobs; directly, it is
#
#   mkdir -p results/baseline/logs
#   sbatch --array=1-10 --output=results/baseline/logs/shard-%a.log deploy/slurm-array.sh
#
# Settings (environment variables, passed on by sbatch): SCENARIO, RUNS, SEED, SHARDS (the
# number of shards; default: the array's size), RESULTS, ROLLOUT_ARGS (more `rollout run`
# options, e.g. --check). Run from a clone with `npm ci` done, on a shared file system.
#SBATCH --job-name=rollout-shard
#SBATCH --array=1-10
#SBATCH --cpus-per-task=2
#SBATCH --mem=1G
#SBATCH --time=01:00:00
set -euo pipefail
cd "${SLURM_SUBMIT_DIR:-.}"
SCENARIO=${SCENARIO:-scenarios/kazakhstan-baseline.yaml}
RUNS=${RUNS:-100000}
SEED=${SEED:-2026}
SHARDS=${SHARDS:-${SLURM_ARRAY_TASK_COUNT:?not a job array task: submit with sbatch --array=1-N}}
RESULTS=${RESULTS:-results/baseline}
# One worker thread per CPU Slurm gave this task (Node would otherwise count the whole node's cores).
# shellcheck disable=SC2086 # ROLLOUT_ARGS holds several options
node bin/rollout.js run "$SCENARIO" \
  --runs "$RUNS" --seed "$SEED" \
  --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" \
  --workers "${SLURM_CPUS_PER_TASK:-1}" \
  --out "${RESULTS}/shard-${SLURM_ARRAY_TASK_ID}" \
  --quiet ${ROLLOUT_ARGS:-}
