#include "principals_file.h"

#include <openssl/evp.h>

#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace tocflow::server::auth {
namespace {

std::string Trim(absl::string_view text) { return std::string(absl::StripAsciiWhitespace(text)); }

bool NeedsScope(Role role) {
  return role == Role::kDischargeTeam || role == Role::kSocialCare || role == Role::kChc;
}
bool TakesScope(Role role) { return NeedsScope(role) || role == Role::kIntegration; }
bool TakesWard(Role role) { return role == Role::kDischargeTeam || role == Role::kIntegration; }

}  // namespace

std::string_view Name(Role role) {
  switch (role) {
    case Role::kDischargeTeam:
      return "discharge_team";
    case Role::kSocialCare:
      return "social_care";
    case Role::kChc:
      return "chc";
    case Role::kIntegration:
      return "integration";
    case Role::kAnalyst:
      return "analyst";
    case Role::kAdmin:
      return "admin";
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : {Role::kDischargeTeam, Role::kSocialCare, Role::kChc, Role::kIntegration,
                    Role::kAnalyst, Role::kAdmin}) {
    if (Name(role) == name) return role;
  }
  return std::nullopt;
}

std::string Sha256Hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return hex;
}

absl::StatusOr<Principals> ParsePrincipals(std::string_view text) {
  Principals principals;
  std::set<std::string> names;
  int number = 0;
  for (absl::string_view raw : absl::StrSplit(absl::string_view(text.data(), text.size()), '\n')) {
    ++number;
    const std::string line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    const std::string where = "principals line " + std::to_string(number) + ": ";
    std::vector<std::string> words =
        absl::StrSplit(line, absl::MaxSplits(absl::ByAnyChar(" \t"), 3), absl::SkipWhitespace());
    if (words.size() < 3) {
      return absl::InvalidArgumentError(where +
                                        "expected `token:<sha256> <name> <role> [scopes]` or "
                                        "`cert:<common name> <name> <role> [scopes]`");
    }
    Principal principal;
    principal.name = words[1];
    std::optional<Role> role = ParseRole(words[2]);
    if (!role) {
      return absl::InvalidArgumentError(where + "unknown role \"" + words[2] +
                                        "\"; one of discharge_team, social_care, chc, "
                                        "integration, analyst, admin");
    }
    principal.role = *role;
    if (words.size() == 4) {
      for (absl::string_view part : absl::StrSplit(words[3], ',', absl::SkipWhitespace())) {
        const std::string scope_text = Trim(part);
        Scope scope;
        const size_t slash = scope_text.find('/');
        scope.code = Trim(absl::string_view(scope_text).substr(0, slash));
        if (slash != std::string::npos) {
          if (!TakesWard(principal.role)) {
            return absl::InvalidArgumentError(where + "a ward (\"" + scope_text +
                                              "\") applies to discharge_team and integration "
                                              "only");
          }
          scope.ward = Trim(absl::string_view(scope_text).substr(slash + 1));
        }
        if (scope.code.empty()) return absl::InvalidArgumentError(where + "empty scope");
        principal.scopes.push_back(std::move(scope));
      }
    }
    if (NeedsScope(principal.role) && principal.scopes.empty()) {
      return absl::InvalidArgumentError(where + std::string(Name(principal.role)) +
                                        " needs at least one scope (its organisations)");
    }
    if (!TakesScope(principal.role) && !principal.scopes.empty()) {
      return absl::InvalidArgumentError(where + std::string(Name(principal.role)) +
                                        " takes no scope");
    }
    if (!names.insert(principal.name).second) {
      return absl::InvalidArgumentError(where + "name \"" + principal.name + "\" given twice");
    }
    const std::string& key = words[0];
    if (key.rfind("token:", 0) == 0) {
      std::string hash = absl::AsciiStrToLower(key.substr(6));
      if (hash.size() != 64 || hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
        return absl::InvalidArgumentError(where +
                                          "token: must be followed by the 64 hex digits of the "
                                          "token's SHA-256 (printf %s TOKEN | sha256sum)");
      }
      principals.by_token_hash[hash] = std::move(principal);
    } else if (key.rfind("cert:", 0) == 0 && key.size() > 5) {
      principals.by_certificate[key.substr(5)] = std::move(principal);
    } else {
      return absl::InvalidArgumentError(where +
                                        "a line starts with token:<sha256> or "
                                        "cert:<common name>");
    }
  }
  return principals;
}

absl::StatusOr<Principals> LoadPrincipals(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return ParsePrincipals(text.str());
}

}  // namespace tocflow::server::auth
