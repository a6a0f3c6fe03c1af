#!/usr/bin/env bash
# The merge of a sharded run (deploy/slurm-array.sh), submitted by deploy/slurm-submit.sh
# with --dependency=afterany on the array: it starts once every shard has ended, however it
# ended, so a failed shard never leaves it pending for ever. It checks that every shard
# wrote its partial result, names the ones that did not (and how to rerun them) and fails,
# or merges them into RESULTS/merged (byte-identical to a single-machine run).
#
# Settings (environment variables): SHARDS (default 10), RESULTS (default results/baseline),
# and the shards' own (SCENARIO, RUNS, SEED, ROLLOUT_ARGS; defaults as in slurm-array.sh),
# which the line it prints to rerun a failed shard passes on, so that the rerun is a shard
# of the same run.
#SBATCH --job-name=rollout-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=2G
#SBATCH --time=00:30:00
set -euo pipefail
cd "${SLURM_SUBMIT_DIR:-.}"
SHARDS=${SHARDS:-10}
RESULTS=${RESULTS:-results/baseline}
SCENARIO=${SCENARIO:-scenarios/kazakhstan-baseline.yaml}
RUNS=${RUNS:-100000}
SEED=${SEED:-2026}
ROLLOUT_ARGS=${ROLLOUT_ARGS:-}
dirs=() missing=() stale=()
# Written by slurm-submit.sh when this run was submitted (absent: every partial result counts).
submitted="${RESULTS}/logs/submitted"
for k in $(seq 1 "$SHARDS"); do
  dirs+=("${RESULTS}/shard-${k}")
  partial="${RESULTS}/shard-${k}/partial.json"
  if [ ! -f "$partial" ]; then
    missing+=("$k")
  elif [ -f "$submitted" ] && ! [ "$partial" -nt "$submitted" ]; then
    # Left from an earlier run in the same folder: this run's shard failed before replacing it.
    missing+=("$k") stale+=("$k")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  list=$(IFS=,; echo "${missing[*]}")
  echo "rollout merge: shard(s) ${list} of ${SHARDS} did not finish, so nothing was merged." >&2
  if [ ${#stale[@]} -gt 0 ]; then
    echo "  (shard(s) $(IFS=,; echo "${stale[*]}") hold a partial result older than this run's submission, left from an earlier run in ${RESULTS})" >&2
  fi
  echo "  Their logs: ${RESULTS}/logs/shard-<k>.log. To rerun them with the same settings, then this merge" >&2
  echo "  (add any sbatch options you gave slurm-submit.sh, e.g. --partition):" >&2
  # Every setting, quoted for the shell: without SCENARIO, RUNS and SEED the rerun would be
  # a shard of the default run, which the merge refuses.
  printf '  cd %q && export SCENARIO=%q RUNS=%q SEED=%q SHARDS=%q RESULTS=%q ROLLOUT_ARGS=%q && ' \
    "$PWD" "$SCENARIO" "$RUNS" "$SEED" "$SHARDS" "$RESULTS" "$ROLLOUT_ARGS" >&2
  printf 'a=$(sbatch --parsable --array=%s --output=%q deploy/slurm-array.sh) && sbatch --dependency="afterany:${a%%%%;*}" --output=%q deploy/slurm-merge.sh\n' \
    "$list" "${RESULTS}/logs/shard-%a.log" "${RESULTS}/logs/merge.log" >&2
  exit 1
fi
node bin/rollout.js merge "${dirs[@]}" --out "${RESULTS}/merged" --quiet
echo "merged ${SHARDS} shards into ${RESULTS}/merged"
