// Least privilege and resource limits for a worker process. Applied by the worker to itself
// right after it starts, before any plugin is loaded or any document is opened.
#pragma once

#include <string>

namespace kansa::worker {

struct Limits {
  std::size_t memory_mb = 4096;    // RLIMIT_AS: address space
  std::size_t file_size_mb = 512;  // RLIMIT_FSIZE: largest file the worker may write
};

// False in AddressSanitizer builds: ASan reserves terabytes of address space for its
// shadow memory, so RLIMIT_AS cannot be set there (the other limits still are).
bool address_space_limit_supported();

// Sets RLIMIT_AS (when supported), RLIMIT_FSIZE and RLIMIT_CORE = 0. Throws
// std::runtime_error naming the limit that could not be set.
void apply_limits(const Limits& limits);

// Lets the process use `seconds` more CPU time from now: RLIMIT_CPU's soft limit is set to
// the CPU time used so far plus `seconds`, so that one worker can run several documents each
// with its own budget. Past it the kernel sends SIGXCPU, which ends the worker.
void set_cpu_budget(int seconds);

struct SandboxReport {
  bool network_namespace = false;  // unshare(CLONE_NEWNET) succeeded: no interface but lo
  bool landlock = false;           // writes confined to the worker's folder (and /dev/null)
  std::string describe() const;    // "no_new_privs, seccomp, netns, landlock" style
};

// Enters the sandbox, in this order: PR_SET_NO_NEW_PRIVS; a new network namespace when the
// kernel allows it (needs root or user namespaces; refusal is not an error); a Landlock
// ruleset that allows writing only below `writable_dir` when the kernel has Landlock
// (else not an error); last a seccomp-bpf filter that makes socket() and socketpair() fail
// with EACCES and refuses with EPERM the calls a document reader never needs (mount,
// namespaces, keyrings, bpf, module loading, ...). Throws std::runtime_error when
// no_new_privs or seccomp cannot be set: a worker never runs unconfined.
SandboxReport enter_sandbox(const std::string& writable_dir);

}  // namespace kansa::worker
