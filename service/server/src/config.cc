#include "server/config.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "workflow/codes.h"

namespace tocflow::server {
namespace {

std::string Trim(std::string_view text) {
  return std::string(absl::StripAsciiWhitespace(absl::string_view(text.data(), text.size())));
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string RoleNames() {
  std::string names;
  for (int i = 0; i < workflow::kEnumSize<workflow::Role>; ++i) {
    names += (i ? ", " : "") + std::string(workflow::Name(static_cast<workflow::Role>(i)));
  }
  return names;
}

}  // namespace

absl::StatusOr<ServiceConfig> ParseConfig(std::string_view text, const std::string& base_dir) {
  ServiceConfig config;
  auto reference = std::make_shared<workflow::ReferenceData>(*config.reference);
  auto teams = std::make_shared<workflow::TeamDirectory>();
  int number = 0;
  for (absl::string_view raw : absl::StrSplit(absl::string_view(text.data(), text.size()), '\n')) {
    ++number;
    const std::string line = Trim(std::string_view(raw.data(), raw.size()));
    if (line.empty() || line[0] == '#') continue;
    const std::string where = "config line " + std::to_string(number) + ": ";
    const size_t eq = line.find('=');
    if (eq == std::string::npos) {
      return absl::InvalidArgumentError(where + "expected `key = value`, got \"" + line + "\"");
    }
    const std::string key = Trim(std::string_view(line).substr(0, eq));
    const std::string value = Trim(std::string_view(line).substr(eq + 1));
    if (key == "default_rule_set") {
      std::optional<workflow::RuleSetId> id = workflow::ParseRuleSetName(value);
      if (!id) {
        return absl::InvalidArgumentError(where + "unknown rule set \"" + value +
                                          "\"; one of CCDDA_2003, CARE_ACT_2014, "
                                          "DISCHARGE_TO_ASSESS_2022");
      }
      config.default_rule_set = *id;
    } else if (key == "bank_holidays") {
      std::filesystem::path file(value);
      if (file.is_relative()) file = std::filesystem::path(base_dir) / file;
      absl::StatusOr<std::string> contents = ReadFile(file.string());
      if (!contents.ok()) return absl::InvalidArgumentError(where + contents.status().ToString());
      absl::StatusOr<workflow::BankHolidays> holidays = workflow::BankHolidays::Parse(*contents);
      if (!holidays.ok()) {
        return absl::InvalidArgumentError(where + file.string() + ": " +
                                          std::string(holidays.status().message()));
      }
      reference->holidays = std::make_shared<const workflow::BankHolidays>(*std::move(holidays));
    } else if (key == "higher_rate_authorities") {
      reference->higher_rate_authorities.clear();
      for (absl::string_view code :
           absl::StrSplit(value, absl::ByAnyChar(" ,\t"), absl::SkipEmpty())) {
        reference->higher_rate_authorities.insert(std::string(code));
      }
    } else if (key.rfind("team ", 0) == 0) {
      const std::string rest = Trim(std::string_view(key).substr(5));
      const size_t space = rest.find(' ');
      if (space == std::string::npos || value.empty()) {
        return absl::InvalidArgumentError(where + "expected `team <role> <scope> = <party>`");
      }
      const std::string role_name = rest.substr(0, space);
      std::optional<workflow::Role> role = workflow::Parse<workflow::Role>(role_name);
      if (!role) {
        return absl::InvalidArgumentError(where + "unknown role \"" + role_name + "\"; one of " +
                                          RoleNames());
      }
      teams->SetDefault(*role, Trim(std::string_view(rest).substr(space + 1)), value);
      ++config.team_defaults;
    } else {
      return absl::InvalidArgumentError(where + "unknown setting \"" + key +
                                        "\"; known: default_rule_set, bank_holidays, "
                                        "higher_rate_authorities, team <role> <scope>");
    }
  }
  config.reference = std::move(reference);
  config.teams = std::move(teams);
  return config;
}

absl::StatusOr<ServiceConfig> LoadConfig(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseConfig(*text, std::filesystem::path(path).parent_path().string());
}

}  // namespace tocflow::server
