#include "worker/sandbox.hpp"

#include <fcntl.h>
#include <linux/landlock.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

#if defined(__SANITIZE_ADDRESS__)
#define KANSA_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KANSA_UNDER_ASAN 1
#endif
#endif

namespace kansa::worker {

namespace {

[[noreturn]] void fail(const std::string& what, int err) {
  throw std::runtime_error("worker sandbox: " + what + ": " + std::strerror(err));
}

void set_limit(int resource, rlim_t value, const char* name) {
  rlimit r{value, value};
  if (setrlimit(resource, &r) != 0) fail(std::string("cannot set ") + name, errno);
}

struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) close(fd);
  }
};

bool add_landlock_rule(int ruleset, const char* path, __u64 access) {
  FdCloser target{open(path, O_PATH | O_CLOEXEC)};
  if (target.fd < 0) return false;
  landlock_path_beneath_attr rule{};
  rule.allowed_access = access;
  rule.parent_fd = target.fd;
  return syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0) == 0;
}

// Confines file-system writes (creating, removing, renaming, writing, truncating) to
// `writable_dir`; reads stay allowed. False when the kernel has no Landlock.
bool restrict_writes(const std::string& writable_dir) {
  const long abi =
      syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
  if (abi < 1) return false;
  __u64 file_write = LANDLOCK_ACCESS_FS_WRITE_FILE;
#ifdef LANDLOCK_ACCESS_FS_TRUNCATE
  if (abi >= 3) file_write |= LANDLOCK_ACCESS_FS_TRUNCATE;
#endif
  __u64 write = file_write | LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
                LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR |
                LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK |
                LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
                LANDLOCK_ACCESS_FS_MAKE_SYM;
#ifdef LANDLOCK_ACCESS_FS_REFER
  if (abi >= 2) write |= LANDLOCK_ACCESS_FS_REFER;
#endif
  landlock_ruleset_attr attr{};
  attr.handled_access_fs = write;
  FdCloser ruleset{static_cast<int>(syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0))};
  if (ruleset.fd < 0) return false;
  if (!add_landlock_rule(ruleset.fd, writable_dir.c_str(), write))
    fail("cannot allow writes below " + writable_dir, errno);
  add_landlock_rule(ruleset.fd, "/dev/null", file_write);  // libraries may discard output
  if (syscall(SYS_landlock_restrict_self, ruleset.fd, 0) != 0)
    fail("cannot enforce the Landlock ruleset", errno);
  return true;
}

struct SeccompRelease {
  void operator()(scmp_filter_ctx ctx) const { seccomp_release(ctx); }
};

void install_seccomp() {
  std::unique_ptr<void, SeccompRelease> ctx(seccomp_init(SCMP_ACT_ALLOW));
  if (!ctx) fail("seccomp_init", ENOMEM);
  auto deny = [&](int syscall_nr, int err) {
    if (int rc = seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(err), syscall_nr, 0); rc != 0)
      fail("seccomp_rule_add", -rc);
  };
  // No network: no new socket of any family.
  deny(SCMP_SYS(socket), EACCES);
  deny(SCMP_SYS(socketpair), EACCES);
  // Nothing a document reader needs, and each a way out of the sandbox or into the kernel.
  // (ptrace stays allowed: LeakSanitizer uses it to stop threads in sanitizer builds.)
  for (int nr : {SCMP_SYS(mount),
                 SCMP_SYS(umount2),
                 SCMP_SYS(pivot_root),
                 SCMP_SYS(chroot),
                 SCMP_SYS(unshare),
                 SCMP_SYS(setns),
                 SCMP_SYS(keyctl),
                 SCMP_SYS(add_key),
                 SCMP_SYS(request_key),
                 SCMP_SYS(bpf),
                 SCMP_SYS(perf_event_open),
                 SCMP_SYS(kexec_load),
                 SCMP_SYS(init_module),
                 SCMP_SYS(finit_module),
                 SCMP_SYS(delete_module),
                 SCMP_SYS(reboot),
                 SCMP_SYS(swapon),
                 SCMP_SYS(swapoff),
                 SCMP_SYS(process_vm_writev),
                 SCMP_SYS(userfaultfd),
                 SCMP_SYS(io_uring_setup)})
    deny(nr, EPERM);
  if (int rc = seccomp_load(ctx.get()); rc != 0) fail("seccomp_load", -rc);
}

}  // namespace

bool address_space_limit_supported() {
#ifdef KANSA_UNDER_ASAN
  return false;
#else
  return true;
#endif
}

void apply_limits(const Limits& limits) {
  if (address_space_limit_supported())
    set_limit(RLIMIT_AS, rlim_t(limits.memory_mb) << 20, "RLIMIT_AS");
  set_limit(RLIMIT_FSIZE, rlim_t(limits.file_size_mb) << 20, "RLIMIT_FSIZE");
  set_limit(RLIMIT_CORE, 0, "RLIMIT_CORE");
}

void set_cpu_budget(int seconds) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const rlim_t used = rlim_t(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + 1;
  rlimit current{};
  getrlimit(RLIMIT_CPU, &current);
  rlimit r{used + rlim_t(seconds), current.rlim_max};
  if (r.rlim_max != RLIM_INFINITY && r.rlim_cur > r.rlim_max) r.rlim_cur = r.rlim_max;
  if (setrlimit(RLIMIT_CPU, &r) != 0) fail("cannot set RLIMIT_CPU", errno);
}

std::string SandboxReport::describe() const {
  std::string s = "no_new_privs, seccomp (no sockets)";
  s += network_namespace ? ", network namespace" : ", no network namespace (not permitted)";
  s += landlock ? ", Landlock (writes only to its folder)" : ", no Landlock (kernel)";
  return s;
}

SandboxReport enter_sandbox(const std::string& writable_dir) {
  SandboxReport report;
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail("PR_SET_NO_NEW_PRIVS", errno);
  report.network_namespace = unshare(CLONE_NEWNET) == 0;
  report.landlock = restrict_writes(writable_dir);
  install_seccomp();
  return report;
}

}  // namespace kansa::worker
