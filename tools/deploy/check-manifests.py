#!/usr/bin/env python3
"""Checks the deployment files of tools/deploy/ without a cluster: the Kubernetes manifest
parses as YAML and is an Indexed Job that runs `kansa ingest --shard JOB_COMPLETION_INDEX/N`
with N equal to its completions and the database address from a Secret of the same file; the
Slurm script is valid bash and takes its shard from the array task. It does not check what
only a cluster can (the image, the volume, Kubernetes' own schema validation).

Usage: tools/deploy/check-manifests.py  (exit 0 when every check passes; each failure named)
"""
import os
import re
import subprocess
import sys

try:
    import yaml
except ImportError:
    sys.exit("check-manifests: python3-yaml is missing (tools/install-deps.sh installs it)")

HERE = os.path.dirname(os.path.abspath(__file__))
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def check_k8s(path):
    with open(path, encoding="utf-8") as f:
        documents = [d for d in yaml.safe_load_all(f) if d is not None]
    by_kind = {d.get("kind"): d for d in documents}
    check(set(by_kind) == {"Secret", "Job"}, f"{path}: a Secret and a Job, found {sorted(by_kind)}")
    job, secret = by_kind.get("Job", {}), by_kind.get("Secret", {})
    check(job.get("apiVersion") == "batch/v1", f"{path}: Job apiVersion batch/v1")
    spec = job.get("spec", {})
    check(spec.get("completionMode") == "Indexed", f"{path}: completionMode Indexed")
    completions = spec.get("completions")
    check(isinstance(completions, int) and completions >= 1, f"{path}: completions a number")
    check(isinstance(spec.get("parallelism"), int), f"{path}: parallelism a number")
    pod = spec.get("template", {}).get("spec", {})
    check(pod.get("restartPolicy") == "Never", f"{path}: restartPolicy Never (podFailurePolicy)")
    containers = pod.get("containers", [])
    check(len(containers) == 1, f"{path}: one container")
    if not containers:
        return
    container = containers[0]
    env = {e["name"]: e for e in container.get("env", [])}
    check(env.get("SHARDS", {}).get("value") == str(completions),
          f"{path}: SHARDS ({env.get('SHARDS', {}).get('value')}) equals completions ({completions})")
    ref = env.get("KANSA_DB", {}).get("valueFrom", {}).get("secretKeyRef", {})
    check(ref.get("name") == secret.get("metadata", {}).get("name"),
          f"{path}: KANSA_DB from the Secret of this file")
    check(ref.get("key") in secret.get("stringData", {}), f"{path}: the Secret has KANSA_DB's key")
    command = " ".join(container.get("command", []) + container.get("args", []))
    check(re.search(r'kansa ingest --shard "\$\{JOB_COMPLETION_INDEX\}/\$\{SHARDS\}"', command),
          f"{path}: runs kansa ingest --shard ${{JOB_COMPLETION_INDEX}}/${{SHARDS}}")
    check("--db" not in command, f"{path}: no --db on the command line (the password would show)")
    script = container.get("args", [""])[-1]
    result = subprocess.run(["sh", "-n"], input=script, capture_output=True, text=True)
    check(result.returncode == 0, f"{path}: the container's script: sh -n: {result.stderr.strip()}")
    rules = spec.get("podFailurePolicy", {}).get("rules", [])
    for rule in rules:
        check(rule.get("onExitCodes", {}).get("containerName") == container.get("name"),
              f"{path}: podFailurePolicy names the container")


def check_slurm(path):
    result = subprocess.run(["bash", "-n", path], capture_output=True, text=True)
    check(result.returncode == 0, f"{path}: bash -n: {result.stderr.strip()}")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    array = re.search(r"^#SBATCH --array=(\d+)-(\d+)", text, re.M)
    check(array and array.group(1) == "0", f"{path}: #SBATCH --array=0-...")
    check('--shard "${SLURM_ARRAY_TASK_ID}/${shards}"' in text,
          f"{path}: kansa ingest --shard SLURM_ARRAY_TASK_ID/N")
    check("shards=${SLURM_ARRAY_TASK_COUNT" in text, f"{path}: N from SLURM_ARRAY_TASK_COUNT")


check_k8s(os.path.join(HERE, "k8s", "kansa-backfill.yaml"))
check_slurm(os.path.join(HERE, "slurm", "kansa-backfill.sbatch"))
for failure in failures:
    print("check-manifests: FAILED:", failure)
if failures:
    sys.exit(1)
print("check-manifests: tools/deploy/k8s and tools/deploy/slurm pass")
