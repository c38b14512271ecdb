// A document's bytes in memory for the Poppler plugins (plugins/sdk/file_bytes.hpp,
// poppler_document.hpp): a sealed copy is mapped, any other file read whole, and what cannot
// be had is left to Poppler's own opening, which names the reason.
#include "file_bytes.hpp"

#include <ErrorCodes.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_support.hpp"
#include "poppler_document.hpp"

namespace {

namespace fs = std::filesystem;
using kansa::sdk::FileBytes;
using kansa::testing::read_file;
using kansa::testing::sealed_memfd;

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string bytes_of(const FileBytes& bytes) { return {bytes.data(), bytes.size()}; }

std::string fd_path(int fd) { return "/proc/self/fd/" + std::to_string(fd); }

class FileBytesTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = kansa::testing::temp_dir("file-bytes"); }
  void TearDown() override { fs::remove_all(dir_); }
  std::string dir_;
};

TEST_F(FileBytesTest, ASealedCopyIsMappedAndOutlivesItsDescriptor) {
  const std::string pdf =
      read_file(kansa::testing::fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf"));
  ASSERT_GT(pdf.size(), 1000u);
  const int fd = sealed_memfd(pdf);
  ASSERT_GE(fd, 0) << std::strerror(errno);
  FileBytes bytes = FileBytes::load(fd_path(fd));
  ::close(fd);
  EXPECT_TRUE(bytes.is_mapped());
  EXPECT_EQ(bytes_of(bytes), pdf);
  FileBytes moved = std::move(bytes);  // the bytes stay where they are
  EXPECT_TRUE(bytes.empty());
  EXPECT_EQ(bytes_of(moved), pdf);
}

TEST_F(FileBytesTest, AnUnsealedFileIsReadAndLaterWritesDoNotReachTheBytes) {
  const std::string path = dir_ + "/doc.pdf";
  const std::string original(70001, 'a');
  write_file(path, original);
  FileBytes bytes = FileBytes::load(path);
  EXPECT_FALSE(bytes.is_mapped());
  write_file(path, "short");  // truncated and rewritten: a mapping would have faulted
  EXPECT_EQ(bytes_of(bytes), original);
}

TEST_F(FileBytesTest, WhatCannotBeHadIsEmpty) {
  const std::string empty = dir_ + "/empty.pdf", big = dir_ + "/big.pdf";
  write_file(empty, "");
  write_file(big, std::string(4096, 'b'));
  EXPECT_TRUE(FileBytes::load(dir_ + "/missing.pdf").empty());
  EXPECT_TRUE(FileBytes::load(empty).empty());
  EXPECT_TRUE(FileBytes::load(dir_).empty());  // a folder
  EXPECT_TRUE(FileBytes::load(big, /*max_read_bytes=*/4095).empty());
  EXPECT_EQ(FileBytes::load(big, /*max_read_bytes=*/4096).size(), 4096u);
}

TEST_F(FileBytesTest, PopplerReadsTheSameDocumentFromBytesAsFromItsPath) {
  const std::string path = kansa::testing::fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf");
  const int fd = sealed_memfd(read_file(path));
  ASSERT_GE(fd, 0);
  kansa::sdk::PopplerDocument from_memory = kansa::sdk::open_poppler_document(fd_path(fd));
  ::close(fd);
  PDFDoc from_path(std::make_unique<GooString>(path));
  ASSERT_TRUE(from_memory.doc->isOk());
  ASSERT_TRUE(from_path.isOk());
  EXPECT_FALSE(from_memory.bytes.empty());
  EXPECT_EQ(from_memory.doc->getNumPages(), from_path.getNumPages());
  EXPECT_EQ(from_memory.doc->getPDFMajorVersion(), from_path.getPDFMajorVersion());
}

TEST_F(FileBytesTest, PopplerStillNamesWhyAFileCannotBeOpened) {
  kansa::sdk::PopplerDocument missing = kansa::sdk::open_poppler_document(dir_ + "/missing.pdf");
  EXPECT_TRUE(missing.bytes.empty());
  EXPECT_FALSE(missing.doc->isOk());
  EXPECT_EQ(missing.doc->getErrorCode(), errOpenFile);

  const std::string junk = dir_ + "/junk.pdf";
  write_file(junk, "not a PDF at all, though long enough to be read into memory");
  kansa::sdk::PopplerDocument damaged = kansa::sdk::open_poppler_document(junk);
  EXPECT_FALSE(damaged.bytes.empty());
  EXPECT_FALSE(damaged.doc->isOk());
  EXPECT_NE(damaged.doc->getErrorCode(), errOpenFile);
}

}  // namespace
