#!/usr/bin/env bash
# The package as a user gets it (run by .ci/run after the tests, from a clone with npm ci done):
#  1. `npm pack`, then `npm install <tarball>` into an empty project (only the npm registry
#     needed) and run the README's library examples there as written (examples/*.mjs, with
#     few replications) and the installed `rollout` command;
#  2. a git install: `npm install git+file://<this clone>#<HEAD commit>` into another empty
#     project (npm clones it, installs its dev dependencies, builds dist/ in `prepare`, packs
#     and installs that), then the library is imported and the command run there;
#  3. a production install: `npm ci --omit=dev` in a copy of the clone with dist/ built (as
#     an image's final stage would do), then `rollout validate scenarios/*.yaml`.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
W=$(mktemp -d /tmp/rollout-package-XXXXXX)
trap 'rm -rf "$W"' EXIT
say() { echo "check-package: $*"; }

say "packing"
tarball=$W/$(npm pack --silent --pack-destination "$W" | tail -1)
mkdir "$W/project"
cd "$W/project"
npm init -y >/dev/null
say "installing $(basename "$tarball") into an empty project"
npm install --no-audit --no-fund "$tarball"
cp "$REPO"/examples/*.mjs .
say "README example: examples/run.mjs"
node run.mjs 20
say "README example: examples/compare.mjs"
node compare.mjs 10
say "README example: examples/observed.mjs"
node observed.mjs 50
test -s output/mine/summary.json
test -s output/permit-reform-vs-baseline/comparison.json
npx --no-install rollout --version
npx --no-install rollout validate node_modules/rollout-sim/scenarios/kazakhstan-baseline.yaml

say "git install of commit $(git -C "$REPO" rev-parse --short HEAD) into an empty project"
mkdir "$W/from-git"
cd "$W/from-git"
npm init -y >/dev/null
npm install --no-audit --no-fund "git+file://${REPO}#$(git -C "$REPO" rev-parse HEAD)"
node --input-type=module -e "import { loadScenario } from 'rollout-sim'; console.log(loadScenario('node_modules/rollout-sim/scenarios/kazakhstan-baseline.yaml').identity.name)"
npx --no-install rollout validate node_modules/rollout-sim/scenarios/kazakhstan-baseline.yaml

say "production install: npm ci --omit=dev in a copy with dist/ built"
mkdir "$W/prod"
cd "$REPO"
git ls-files -z | xargs -0 cp --parents -t "$W/prod"
cp -r dist "$W/prod/"
cd "$W/prod"
npm ci --omit=dev --no-audit --no-fund
if [ -e node_modules/typescript ]; then echo "check-package: dev dependencies were installed" >&2; exit 1; fi
node bin/rollout.js validate scenarios/*.yaml
say "ok"
