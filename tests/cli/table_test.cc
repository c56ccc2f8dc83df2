#include "cli/table.h"

#include <gtest/gtest.h>

#include <sstream>

namespace tocflow::cli {
namespace {

TEST(Table, AlignsColumnsCountingUtf8Characters) {
  Table table({"LA", "AMOUNT"});
  table.AddRow({"E09000007", "£130.00"});
  table.AddRow({"X", "£1.00"});
  std::ostringstream out;
  table.Render(out);
  EXPECT_EQ(out.str(),
            "LA         AMOUNT\n"
            "---------  -------\n"
            "E09000007  £130.00\n"
            "X          £1.00\n");
}

TEST(Table, RendersCsvWithEscaping) {
  Table table({"a", "b"});
  table.AddRow({"x,y"});
  std::ostringstream out;
  table.RenderCsv(out);
  EXPECT_EQ(out.str(), "a,b\n\"x,y\",\n");
}

}  // namespace
}  // namespace tocflow::cli
