// The watch the input copy uses to see a file written while it is copied (write_watch.hpp):
// one inotify instance for the process, shared by every watch.
#include "cli/write_watch.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;
using kansa::cli::WriteWatch;

class WriteWatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ =
        (fs::temp_directory_path() / ("kansa-write-watch-" + std::to_string(::getpid()))).string();
    writer_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    ASSERT_GE(writer_, 0);
    reader_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    ASSERT_GE(reader_, 0);
  }
  void TearDown() override {
    ::close(reader_);
    ::close(writer_);
    fs::remove(path_);
  }
  void write_some() { ASSERT_EQ(::write(writer_, "x", 1), 1); }

  std::string path_;
  int writer_ = -1, reader_ = -1;
};

TEST_F(WriteWatchTest, SeesEachWriteOnceAndNothingElse) {
  WriteWatch watch(reader_);
  ASSERT_TRUE(watch.active());
  EXPECT_FALSE(watch.modified());
  write_some();
  EXPECT_TRUE(watch.modified());
  EXPECT_FALSE(watch.modified()) << "a write is reported once";
  ASSERT_EQ(::ftruncate(writer_, 0), 0);
  EXPECT_TRUE(watch.modified()) << "truncation is a write";
  char c;
  ASSERT_GE(::pread(reader_, &c, 1, 0), 0);
  EXPECT_FALSE(watch.modified()) << "reading is not";
}

TEST_F(WriteWatchTest, WritesBeforeTheWatchDoNotCount) {
  write_some();
  WriteWatch watch(reader_);
  EXPECT_FALSE(watch.modified());
}

// Two watches of one inode share the kernel's watch: each sees every write, and the end of
// one leaves the other watching.
TEST_F(WriteWatchTest, TwoWatchesOfOneFileAreIndependent) {
  WriteWatch first(reader_);
  {
    WriteWatch second(writer_);
    write_some();
    EXPECT_TRUE(second.modified());
    EXPECT_TRUE(first.modified()) << "the other watch's look does not clear this one's";
  }
  EXPECT_FALSE(first.modified());
  write_some();
  EXPECT_TRUE(first.modified()) << "still watched after the other watch ended";
  EXPECT_FALSE(first.modified());
}

// Many watches one after another (one per document of a batch) keep working: nothing is left
// behind in the shared instance.
TEST_F(WriteWatchTest, ManyWatchesInTurn) {
  for (int i = 0; i < 2000; ++i) {
    WriteWatch watch(reader_);
    ASSERT_TRUE(watch.active()) << i;
    if (i % 100 == 0) {
      write_some();
      ASSERT_TRUE(watch.modified()) << i;
    }
    ASSERT_FALSE(watch.modified()) << i;
  }
}

TEST(WriteWatch, AnInvalidDescriptorIsInactive) {
  WriteWatch watch(-1);
  EXPECT_FALSE(watch.active());
  EXPECT_FALSE(watch.modified());
}

}  // namespace
