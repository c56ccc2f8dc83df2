// The principals file (`tocflowd --principals FILE`): who may call tocflowd. Secrets are not
// stored, only the SHA-256 of each bearer token.
//
// One principal per line; blank lines and lines starting with '#' are ignored:
//   token:<sha256 hex of the token> <name> <role> [scope, scope...]
//   cert:<client certificate common name (CN)> <name> <role> [scope, scope...]
// Roles: discharge_team, social_care, chc, integration, analyst, admin. Scopes, separated by
// commas: provider ODS codes, optionally with a ward after a slash ("RXX/Ward 7"), for
// discharge_team (required) and integration (optional); LA codes for social_care (required);
// ICB codes for chc (required); none for analyst and admin.
// Make a token's hash with: printf %s "$TOKEN" | sha256sum
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "principal.h"

namespace tocflow::server::auth {

struct Principals {
  std::map<std::string, Principal> by_token_hash;   // lower-case hex SHA-256 -> principal
  std::map<std::string, Principal> by_certificate;  // certificate common name -> principal
};

// INVALID_ARGUMENT naming the line for a malformed line, an unknown role, a missing or
// unexpected scope, or a name given twice.
absl::StatusOr<Principals> ParsePrincipals(std::string_view text);
// NOT_FOUND when the file cannot be read; ParsePrincipals' errors.
absl::StatusOr<Principals> LoadPrincipals(const std::string& path);

// Lower-case hex SHA-256 of `text`.
std::string Sha256Hex(std::string_view text);

}  // namespace tocflow::server::auth
