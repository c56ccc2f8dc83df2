#include "workflow/nhs_number.h"

namespace workflow {
namespace {

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string_view StripSpaces(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  const size_t first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

}  // namespace

bool IsValidNhsNumber(std::string_view digits) {
  if (digits.size() != 10 || !AllDigits(digits)) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (digits[i] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return false;
  return digits[9] - '0' == check;
}

std::optional<std::string> NormaliseNhsNumber(std::string_view text) {
  text = StripSpaces(text);
  std::string digits;
  if (text.size() == 10) {
    digits = std::string(text);
  } else if (text.size() == 12 && text[3] == text[7] && (text[3] == ' ' || text[3] == '-')) {
    digits.append(text.substr(0, 3)).append(text.substr(4, 3)).append(text.substr(8, 4));
  } else {
    return std::nullopt;
  }
  if (!IsValidNhsNumber(digits)) return std::nullopt;
  return digits;
}

std::string FormatNhsNumber(std::string_view digits) {
  if (digits.size() != 10) return std::string(digits);
  std::string out;
  out.append(digits.substr(0, 3)).append(" ").append(digits.substr(3, 3)).append(" ");
  return out.append(digits.substr(6, 4));
}

}  // namespace workflow
