// Turning SQLite failures into absl::Status, and the guard every public store method runs in.
// Private to the store.
#pragma once

#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>

#include "SQLiteCpp/Exception.h"
#include "absl/status/status.h"

namespace tocflow::store::internal {

// Maps an SQLite (extended) result code to a canonical status whose message is
// "<context>: <sqlite message>" plus a hint for the operator where one helps.
//   constraint UNIQUE / PRIMARY KEY -> ALREADY_EXISTS; other constraints -> ABORTED;
//   FULL, NOMEM -> RESOURCE_EXHAUSTED; BUSY, LOCKED, IOERR, CANTOPEN -> UNAVAILABLE;
//   READONLY -> FAILED_PRECONDITION; CORRUPT, NOTADB -> DATA_LOSS; anything else -> INTERNAL.
absl::Status StatusFromSqlite(int extended_code, std::string_view sqlite_message,
                              std::string_view context);

// The text of a Guarded context: the string itself, or what a callable context returns.
template <typename Context>
std::string ContextText(const Context& context) {
  if constexpr (std::is_invocable_v<const Context&>) {
    return context();
  } else {
    return std::string(context);
  }
}

// Runs `fn` (returning absl::Status or absl::StatusOr<T>) and converts any exception it throws
// into a status, so that no exception leaves the store. `context` (a string, or a callable
// returning one, called only on failure) is read when an exception is caught, so a caller may
// update what it refers to as its work proceeds.
template <typename Context, typename Fn>
auto Guarded(const Context& context, Fn&& fn) -> std::invoke_result_t<Fn> {
  try {
    return fn();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e.getExtendedErrorCode(), e.what(), ContextText(context));
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError(ContextText(context) + ": out of memory");
  } catch (const std::exception& e) {
    return absl::InternalError(ContextText(context) + ": " + e.what());
  }
}

// Returns `status` with `prefix` put in front of its message, keeping the code.
absl::Status Prefixed(std::string_view prefix, const absl::Status& status);

}  // namespace tocflow::store::internal
