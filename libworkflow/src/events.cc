#include "workflow/events.h"

#include <utility>

namespace workflow {

namespace {
template <size_t... I>
constexpr std::array<std::string_view, sizeof...(I)> NamesOf(std::index_sequence<I...>) {
  return {std::variant_alternative_t<I, EventPayload>::kName...};
}
constexpr auto kEventNames = NamesOf(std::make_index_sequence<std::variant_size_v<EventPayload>>());
}  // namespace

std::string_view EventName(const EventPayload& payload) { return kEventNames[payload.index()]; }

const std::array<std::string_view, std::variant_size_v<EventPayload>>& AllEventNames() {
  return kEventNames;
}

}  // namespace workflow
