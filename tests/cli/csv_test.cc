#include "cli/csv.h"

#include <gtest/gtest.h>

namespace tocflow::cli {
namespace {

std::vector<std::vector<std::string>> Fields(std::string_view text) {
  auto records = ParseCsv(text);
  EXPECT_TRUE(records.ok()) << records.status();
  std::vector<std::vector<std::string>> out;
  if (records.ok()) {
    for (const auto& r : *records) out.push_back(r.fields);
  }
  return out;
}

TEST(Csv, SplitsPlainFields) {
  EXPECT_EQ(Fields("a,b,c\n1,2,3\n"),
            (std::vector<std::vector<std::string>>{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(Csv, ReadsQuotedCommasQuotesAndLineBreaks) {
  auto rows = Fields("name,note\n\"Elm, East\",\"said \"\"hi\"\"\nthen left\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][0], "Elm, East");
  EXPECT_EQ(rows[1][1], "said \"hi\"\nthen left");
}

TEST(Csv, HandlesCrlfBomAndNoFinalNewline) {
  auto rows = Fields("\xEF\xBB\xBFx,y\r\n1,\r\n2,3");
  EXPECT_EQ(rows, (std::vector<std::vector<std::string>>{{"x", "y"}, {"1", ""}, {"2", "3"}}));
}

TEST(Csv, KeepsEmptyFieldsAndDropsBlankLines) {
  auto rows = Fields("a,,c\n\n,,\n");
  EXPECT_EQ(rows, (std::vector<std::vector<std::string>>{{"a", "", "c"}, {"", "", ""}}));
}

TEST(Csv, RecordsStartLineOfEachRecord) {
  auto records = ParseCsv("h\n\"two\nlines\"\nthird\n");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[1].line, 2);
  EXPECT_EQ((*records)[2].line, 4);
}

TEST(Csv, RejectsUnclosedQuoteNamingTheLine) {
  auto records = ParseCsv("a,b\n1,\"open\n2,3\n");
  ASSERT_FALSE(records.ok());
  EXPECT_NE(records.status().message().find("line 2"), std::string::npos) << records.status();
}

TEST(Csv, RejectsStrayQuote) {
  EXPECT_FALSE(ParseCsv("a,b\"c\n").ok());
  EXPECT_FALSE(ParseCsv("\"a\"b\n").ok());
}

TEST(CsvTable, LooksUpColumnsByTrimmedLowerCaseName) {
  auto table = CsvTable::Parse(" NHS_Number ,ward\n 943 ,Oak\nshort\n");
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->rows().size(), 2u);
  EXPECT_EQ(table->Get(table->rows()[0], "nhs_number"), "943");
  EXPECT_EQ(table->Get(table->rows()[1], "ward"), "");
  EXPECT_EQ(table->Get(table->rows()[0], "absent"), "");
}

TEST(CsvTable, RejectsDuplicateColumnsAndEmptyText) {
  EXPECT_FALSE(CsvTable::Parse("a,A\n").ok());
  EXPECT_FALSE(CsvTable::Parse("").ok());
}

TEST(CsvEscape, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvEscape("plain"), "plain");
  EXPECT_EQ(CsvEscape("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvEscape("say \"x\""), "\"say \"\"x\"\"\"");
}

}  // namespace
}  // namespace tocflow::cli
