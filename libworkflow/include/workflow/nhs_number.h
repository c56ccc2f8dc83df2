// NHS number validation (Modulus 11) and display formatting, per the NHS Data Dictionary.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace workflow {

// True for exactly ten digits whose check digit passes Modulus 11 (weights 10..2; check =
// 11 - sum mod 11; 11 means 0; 10 means the number is invalid). Spaces are not accepted.
bool IsValidNhsNumber(std::string_view digits);

// Accepts "9434765919", "943 476 5919" or "943-476-5919"; returns the ten digits when valid.
std::optional<std::string> NormaliseNhsNumber(std::string_view text);

// "943 476 5919". REQUIRES: ten digits.
std::string FormatNhsNumber(std::string_view digits);

}  // namespace workflow
