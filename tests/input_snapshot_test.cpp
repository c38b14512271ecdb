// The private copy ingest hands a worker (input_snapshot.hpp), and the descriptor that
// carries it over the worker's socket (protocol.hpp).
#include "cli/input_snapshot.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "text/hex.hpp"
#include "worker/protocol.hpp"

namespace {

namespace fs = std::filesystem;
using kansa::cli::InputSnapshot;
using kansa::testing::ScopedEnv;

std::string sha256_of(const std::string& bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &length, EVP_sha256(), nullptr);
  return kansa::text::hex(md, length);
}

// Everything readable from `fd`, from the start.
std::string read_all(int fd) {
  std::string out;
  char buf[4096];
  for (off_t at = 0;;) {
    const ssize_t n = ::pread(fd, buf, sizeof buf, at);
    if (n <= 0) return out;
    out.append(buf, std::size_t(n));
    at += n;
  }
}

std::vector<std::string> entries_of(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  return out;
}

class InputSnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = kansa::testing::temp_dir("input-snapshot");
    tmp_ = dir_ + "/tmp";
    fs::create_directories(tmp_);
    source_ = dir_ + "/report.pdf";
    // Not a multiple of any buffer size, with every byte value.
    for (int i = 0; i < 200001; ++i) bytes_ += char(i * 7919 % 256);
    std::ofstream(source_, std::ios::binary) << bytes_;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string dir_, tmp_, source_, bytes_;
};

TEST_F(InputSnapshotTest, SmallFileIsCopiedIntoSealedMemoryAndNothingIsWritten) {
  ScopedEnv env("TMPDIR", tmp_);
  InputSnapshot copy;
  std::string reason;
  ASSERT_EQ(copy.take(source_, 200, reason), InputSnapshot::Outcome::Taken) << reason;
  EXPECT_TRUE(copy.in_memory());
  EXPECT_EQ(copy.sha256(), sha256_of(bytes_));
  EXPECT_EQ(read_all(copy.fd()), bytes_);
  // Sealed: no one can change the bytes that were hashed, not even through a new open.
  EXPECT_EQ(::pwrite(copy.fd(), "x", 1, 0), -1);
  const int reopened = ::open(("/proc/self/fd/" + std::to_string(copy.fd())).c_str(), O_RDWR);
  if (reopened >= 0) {
    EXPECT_EQ(::pwrite(reopened, "x", 1, 0), -1);
    EXPECT_EQ(errno, EPERM);
    ::close(reopened);
  }
  EXPECT_EQ(::ftruncate(copy.fd(), 0), -1);
  EXPECT_EQ(read_all(copy.fd()), bytes_);
  EXPECT_TRUE(entries_of(tmp_).empty()) << "an in-memory copy writes no file";
}

TEST_F(InputSnapshotTest, LargeFileIsCopiedToItsOwnFolderWhichGoesWithTheCopy) {
  ScopedEnv env("TMPDIR", tmp_);
  {
    InputSnapshot copy;
    std::string reason;
    // Over an in-memory limit of 1000 bytes: on disk.
    ASSERT_EQ(copy.take(source_, 200, reason, 1000), InputSnapshot::Outcome::Taken) << reason;
    EXPECT_FALSE(copy.in_memory());
    EXPECT_EQ(copy.sha256(), sha256_of(bytes_));
    EXPECT_EQ(read_all(copy.fd()), bytes_);
    const std::vector<std::string> folders = entries_of(tmp_);
    ASSERT_EQ(folders.size(), 1u);
    EXPECT_EQ(folders[0].rfind("kansa-input-" + std::to_string(::getpid()) + "-", 0), 0u);
    EXPECT_EQ(entries_of(fs::path(tmp_) / folders[0]), std::vector<std::string>{"report.pdf"});
  }
  EXPECT_TRUE(entries_of(tmp_).empty()) << "the copy and its folder are removed with it";
}

TEST_F(InputSnapshotTest, FileOverTheBudgetIsRefusedWithoutACopy) {
  ScopedEnv env("TMPDIR", tmp_);
  std::ofstream(source_, std::ios::binary) << std::string((1 << 20) + 1, 'x');
  InputSnapshot copy;
  std::string reason;
  EXPECT_EQ(copy.take(source_, 1, reason), InputSnapshot::Outcome::Refused);
  EXPECT_EQ(reason.rfind("budget: file is 2 MB", 0), 0u) << reason;
  EXPECT_EQ(copy.fd(), -1);
  EXPECT_TRUE(entries_of(tmp_).empty());
}

// The job's file travels with its frame over the worker's socket; over a pipe (no
// descriptor can come) a frame still reads, with none received.
TEST(WorkerProtocol, DescriptorTravelsWithTheFrameOverASocket) {
  namespace w = kansa::worker;
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
  const std::string path = kansa::testing::temp_dir("protocol-fd") + "/f.pdf";
  std::ofstream(path) << "%PDF-1.4 body";
  const int file = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(file, 0);

  ASSERT_TRUE(w::write_message(sv[1], {{"type", "job"}, {"name", "a"}}, file));
  ASSERT_TRUE(w::write_message(sv[1], {{"type", "job"}, {"name", "b"}}));
  int received = -2;
  auto first = w::read_message(sv[0], &received);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->at("name"), "a");
  ASSERT_GE(received, 0);
  struct stat a {
  }, b{};
  ASSERT_EQ(::fstat(file, &a), 0);
  ASSERT_EQ(::fstat(received, &b), 0);
  EXPECT_EQ(a.st_ino, b.st_ino);
  EXPECT_NE(received, file) << "the receiver's own descriptor";
  EXPECT_EQ(::fcntl(received, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
  EXPECT_EQ(read_all(received), "%PDF-1.4 body");
  ::close(received);
  auto second = w::read_message(sv[0], &received);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->at("name"), "b");
  EXPECT_EQ(received, -1) << "a frame sent without one brings none";

  int p[2];
  ASSERT_EQ(::pipe2(p, O_CLOEXEC), 0);
  ASSERT_TRUE(w::write_message(p[1], {{"type", "job"}, {"name", "c"}}));
  auto piped = w::read_message(p[0], &received);
  ASSERT_TRUE(piped.has_value());
  EXPECT_EQ(piped->at("name"), "c");
  EXPECT_EQ(received, -1);
  ::close(sv[1]);
  EXPECT_FALSE(w::read_message(sv[0], &received).has_value()) << "end of stream";
  for (int fd : {sv[0], p[0], p[1], file}) ::close(fd);
}

}  // namespace
