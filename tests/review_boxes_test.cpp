// The boxes kansa review outlines: interpretation records where each finding was read (the
// cells of its table row, or the lines of its labelled blocks), the worker carries them and
// the store keeps them (schema 4); a database of schema 3 is migrated and its findings load
// without boxes.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <set>

#include "cli_support.hpp"
#include "kansa/store.hpp"

namespace fs = std::filesystem;
using kansa::testing::fixture;
using kansa::testing::run_kansa;
using kansa::testing::temp_dir;

namespace {

std::vector<kansa::Extraction> ingest(const std::string& dir, const std::string& pdf) {
  const std::string db = dir + "/k.db";
  auto r = run_kansa("ingest --db " + db + " " + pdf);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return kansa::store::open_sqlite(db)->load_all();
}

// Every box lies on a page the finding was read from, inside an A4 page in points, and is
// a real area.
void expect_boxes_on_source_pages(const kansa::Finding& f) {
  for (const kansa::SourceBox& b : f.source.boxes) {
    EXPECT_NE(std::find(f.source.pages.begin(), f.source.pages.end(), b.page), f.source.pages.end())
        << "finding " << f.ordinal << " box on page " << b.page;
    EXPECT_GE(b.box.x0, 0);
    EXPECT_GE(b.box.y0, 0);
    EXPECT_LE(b.box.x1, 842.5);
    EXPECT_LE(b.box.y1, 842.5);
    EXPECT_GT(b.box.width(), 1) << b.field;
    EXPECT_GT(b.box.height(), 1) << b.field;
  }
}

}  // namespace

TEST(ReviewBoxes, TableRowsGiveTheCellsOfTheirNamedColumns) {
  const std::string dir = temp_dir("boxes-table");
  const auto all = ingest(dir, fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf"));
  ASSERT_EQ(all.size(), 1u);
  ASSERT_EQ(all[0].findings.size(), 3u);
  for (const kansa::Finding& f : all[0].findings) {
    std::set<std::string> fields;
    for (const auto& b : f.source.boxes) fields.insert(b.field);
    // 指摘№ | 指摘等の概要 | 措置内容 | 措置分類・措置日 (status and date from one cell).
    EXPECT_EQ(fields, (std::set<std::string>{"ref", "summary", "measure", "status/date"}))
        << f.ordinal;
    EXPECT_EQ(f.source.boxes.size(), 4u) << f.ordinal;
    expect_boxes_on_source_pages(f);
  }
  fs::remove_all(dir);
}

TEST(ReviewBoxes, LabelledBlocksGiveTheirLinesPerField) {
  const std::string dir = temp_dir("boxes-blocks");
  const auto all = ingest(
      dir, fixture("generated-blocks/label-blocks/label-blocks-s204-01/label-blocks-s204-01.pdf"));
  ASSERT_EQ(all.size(), 1u);
  ASSERT_FALSE(all[0].findings.empty());
  for (const kansa::Finding& f : all[0].findings) {
    std::set<std::string> fields;
    for (const auto& b : f.source.boxes) fields.insert(b.field);
    EXPECT_TRUE(fields.count("summary")) << f.ordinal;
    EXPECT_TRUE(fields.count("measure")) << f.ordinal;
    expect_boxes_on_source_pages(f);
    // One box per field and page in a row: boxes of one field on one page do not overlap.
    for (size_t i = 0; i + 1 < f.source.boxes.size(); ++i) {
      const auto &a = f.source.boxes[i], &b = f.source.boxes[i + 1];
      EXPECT_FALSE(a.page == b.page && a.field == b.field) << f.ordinal << " " << a.field;
    }
  }
  fs::remove_all(dir);
}

TEST(ReviewBoxes, SchemaThreeDatabaseIsMigratedAndItsFindingsHaveNoBoxes) {
  const std::string dir = temp_dir("boxes-migrate");
  const std::string db = dir + "/k.db";
  auto r =
      run_kansa("ingest --db " + db + " " + fixture("corpus/osaka-kenko-r5/osaka-kenko-r5.pdf"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // Schema 4 is the current one without findings.source_boxes and documents.published (migrations
  // are append-only).
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(handle,
                         "ALTER TABLE findings DROP COLUMN source_boxes; "
                         "ALTER TABLE documents DROP COLUMN published; PRAGMA user_version = 4;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(handle);
  auto store = kansa::store::open_sqlite(db);
  auto all = store->load_all();
  ASSERT_EQ(all.size(), 1u);
  for (const auto& f : all[0].findings) EXPECT_TRUE(f.source.boxes.empty());
  store.reset();
  r = run_kansa(
      "ingest --db " + db + " " +
      fixture("generated-blocks/label-blocks/label-blocks-s204-01/label-blocks-s204-01.pdf"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  all = kansa::store::open_sqlite(db)->load_all();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_FALSE(all[1].findings.front().source.boxes.empty());
  // The review page still lists the old findings, with their page but no outline.
  r = run_kansa("review --db " + db + " --out " + dir + "/site");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  fs::remove_all(dir);
}
