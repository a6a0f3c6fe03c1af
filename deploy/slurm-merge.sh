#!/usr/bin/env bash
# The merge of a sharded run (deploy/slurm-array.sh), submitted by deploy/slurm-submit.sh
# with --dependency=afterany on the array: it starts once every shard has ended, however it
# ended, so a failed shard never leaves it pending for ever. It checks that every shard
# wrote its partial result, names the ones that did not (and how to rerun them) and fails,
# or merges them into RESULTS/merged (byte-identical to a single-machine run).
#
# Settings (environment variables): SHARDS (default 10), RESULTS (default results/baseline).
#SBATCH --job-name=rollout-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=2G
#SBATCH --time=00:30:00
set -euo pipefail
cd "${SLURM_SUBMIT_DIR:-.}"
SHARDS=${SHARDS:-10}
RESULTS=${RESULTS:-results/baseline}
dirs=() missing=()
for k in $(seq 1 "$SHARDS"); do
  dirs+=("${RESULTS}/shard-${k}")
  [ -f "${RESULTS}/shard-${k}/partial.json" ] || missing+=("$k")
done
if [ ${#missing[@]} -gt 0 ]; then
  list=$(IFS=,; echo "${missing[*]}")
  echo "rollout merge: shard(s) ${list} of ${SHARDS} did not finish, so nothing was merged." >&2
  echo "  Their logs: ${RESULTS}/logs/shard-<k>.log. Rerun them with the same settings, then this merge:" >&2
  echo "  SHARDS=${SHARDS} RESULTS=${RESULTS} sbatch --array=${list} --output=${RESULTS}/logs/shard-%a.log deploy/slurm-array.sh" >&2
  exit 1
fi
node bin/rollout.js merge "${dirs[@]}" --out "${RESULTS}/merged" --quiet
echo "merged ${SHARDS} shards into ${RESULTS}/merged"
