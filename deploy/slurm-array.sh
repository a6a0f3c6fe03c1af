#!/usr/bin/env bash
# Run the Kazakhstan baseline's 100,000 replications as a Slurm job array of 10 shards,
# then merge them with a dependent job:
#
#   jid=$(sbatch --parsable deploy/slurm-array.sh)
#   sbatch --dependency=afterok:$jid --wrap "node bin/rollout.js merge results/baseline/shard-* --out results/baseline/merged"
#
# Run from a clone with `npm ci && npm run build` done, on a shared file system.
#SBATCH --job-name=rollout-baseline
#SBATCH --array=1-10
#SBATCH --cpus-per-task=2
#SBATCH --mem=1G
#SBATCH --time=01:00:00
#SBATCH --output=results/baseline/slurm-%A_%a.log
set -euo pipefail
mkdir -p results/baseline
node bin/rollout.js run scenarios/kazakhstan-baseline.yaml \
  --runs 100000 --seed 2026 \
  --shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT:-10}" \
  --workers "${SLURM_CPUS_PER_TASK:-2}" \
  --out "results/baseline/shard-${SLURM_ARRAY_TASK_ID}" \
  --quiet
